import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  agreementSchema,
  consolidationSchema,
  developmentGoalSchema,
  developmentGoalUpdateSchema,
  networkOverviewSchema,
  resultsSchema,
  shareCreateSchema,
  shareSchema,
} from '@dkbm/contract/assessment';
import { apiErrorSchema } from '@dkbm/contract/errors';
import { scopeOf, tenantOf } from '../../platform/tenancy/guard';
import { HttpError } from '../../platform/http/errors';
import {
  agree,
  consolidation,
  grantShare,
  listAgencies,
  listShares,
  loadRoundWithInstrument,
  networkOverview,
  results,
  revokeShare,
  updateDevelopmentGoal,
} from './assessment.service';
import { ratingsCsv, reportDocx, reportData, reportHtml } from './assessment.exports';
import { PdfUnavailableError, pdfRenderer } from '../../platform/pdf';
import {
  agencyParams,
  attachment,
  componentParams,
  errors,
  fileStem,
  me,
  ok,
  roundParams,
  tags,
  tenantParams,
} from './assessment.http';

/** The workshop (consolidation), results and development goals, exports, and sharing with agencies. */
export const resultsRoutes: FastifyPluginAsyncZod = async (app) => {
  const pdf = pdfRenderer(app);

  /* ----- consolidation, results, goals ----- */

  app.get(
    '/rounds/:roundId/consolidation',
    {
      config: { permission: 'data.write' },
      schema: {
        tags,
        summary: 'Konsolidierung (Workshop): Verteilungen, Einschätzungen, Kommentare, vereinbarter Typ',
        params: roundParams,
        response: { 200: consolidationSchema, ...errors },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'private, no-store');
      return consolidation(scopeOf(req), req.params.roundId);
    },
  );

  app.put(
    '/rounds/:roundId/consolidation/:componentKey',
    {
      config: { permission: 'data.write' },
      schema: {
        tags,
        summary:
          'Vereinbarten Typ einer Komponente mit Begründung festhalten (bis die Runde abgeschlossen ist)',
        params: componentParams,
        body: agreementSchema,
        response: { 200: consolidationSchema, ...errors },
      },
    },
    async (req) => {
      const sc = scopeOf(req);
      await agree(sc, req.params.roundId, req.params.componentKey, me(req), req.body);
      return consolidation(sc, req.params.roundId);
    },
  );

  app.get(
    '/rounds/:roundId/results',
    {
      config: { permission: 'data.read' },
      schema: {
        tags,
        summary:
          'Ergebnis: vereinbartes Profil, Spannweite, Vergleich mit früheren Runden, Entwicklungsziele',
        params: roundParams,
        response: { 200: resultsSchema, ...errors },
      },
    },
    async (req) => results(scopeOf(req), req.params.roundId),
  );

  app.put(
    '/rounds/:roundId/goals/:componentKey',
    {
      config: { permission: 'data.write' },
      schema: {
        tags,
        summary:
          'Entwicklungsziel bearbeiten (Vorhaben, Verantwortung, Termin, Stand; auch nach Abschluss der Runde)',
        params: componentParams,
        body: developmentGoalUpdateSchema,
        response: { 200: developmentGoalSchema, ...errors },
      },
    },
    async (req) => updateDevelopmentGoal(scopeOf(req), req.params.roundId, req.params.componentKey, req.body),
  );

  /* ----- exports ----- */

  app.get(
    '/rounds/:roundId/export/ratings.csv',
    {
      config: { permission: 'data.write' },
      schema: {
        tags,
        summary: 'Alle Einzeleinschätzungen als CSV (anonyme Runden: Pseudonyme)',
        params: roundParams,
        response: { 200: z.any(), ...errors },
      },
    },
    async (req, reply) => {
      const sc = scopeOf(req);
      const { round, instrument } = await loadRoundWithInstrument(sc, req.params.roundId);
      const csv = await ratingsCsv(sc, round, instrument);
      return reply
        .header('cache-control', 'private, no-store')
        .header(
          'content-disposition',
          attachment(`${fileStem(round.title, 'selbsteinschaetzung')}_einschaetzungen.csv`),
        )
        .type('text/csv; charset=utf-8')
        .send(csv);
    },
  );

  for (const kind of ['profile', 'report'] as const) {
    app.get(
      `/rounds/:roundId/export/${kind}.pdf`,
      {
        config: { permission: 'data.read' },
        schema: {
          tags,
          summary: kind === 'profile' ? 'Profil als PDF (eine Seite)' : 'Ausführlicher Bericht als PDF',
          params: roundParams,
          response: { 200: z.any(), 503: apiErrorSchema, ...errors },
        },
      },
      async (req, reply) => {
        const tenant = tenantOf(req);
        const data = await reportData(scopeOf(req), tenant.name, req.params.roundId);
        const html = reportHtml(data, kind);
        let bytes: Buffer;
        try {
          bytes = await pdf.render(html);
        } catch (err) {
          if (err instanceof PdfUnavailableError) {
            throw new HttpError(
              503,
              'pdf_unavailable',
              'Die PDF-Erzeugung ist auf diesem Server nicht verfügbar (Chromium fehlt). Bitte nutzen Sie den Word-Export oder wenden Sie sich an den Betrieb.',
            );
          }
          throw err;
        }
        return reply
          .header('cache-control', 'private, no-store')
          .header(
            'content-disposition',
            attachment(
              `${fileStem(data.round.title, 'selbsteinschaetzung')}_${kind === 'profile' ? 'profil' : 'bericht'}.pdf`,
            ),
          )
          .type('application/pdf')
          .send(bytes);
      },
    );
  }

  app.get(
    '/rounds/:roundId/export/report.docx',
    {
      config: { permission: 'data.read' },
      schema: {
        tags,
        summary: 'Bericht als Word-Dokument (DOCX)',
        params: roundParams,
        response: { 200: z.any(), ...errors },
      },
    },
    async (req, reply) => {
      const tenant = tenantOf(req);
      const data = await reportData(scopeOf(req), tenant.name, req.params.roundId);
      const bytes = await reportDocx(data);
      return reply
        .header('cache-control', 'private, no-store')
        .header(
          'content-disposition',
          attachment(`${fileStem(data.round.title, 'selbsteinschaetzung')}_bericht.docx`),
        )
        .type('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
        .send(bytes);
    },
  );

  /* ----- sharing with regional agencies ----- */

  app.get(
    '/agencies',
    {
      config: { permission: 'data.read' },
      schema: {
        tags,
        summary: 'Regionale Agenturen, für die eine Freigabe möglich ist',
        params: tenantParams,
        response: { 200: z.array(z.object({ id: z.uuid(), name: z.string() })), ...errors },
      },
    },
    async (req) => listAgencies(scopeOf(req)),
  );

  app.get(
    '/shares',
    {
      config: { permission: 'data.read' },
      schema: {
        tags,
        summary: 'Freigaben der vereinbarten Profile für regionale Agenturen',
        params: tenantParams,
        response: { 200: z.array(shareSchema), ...errors },
      },
    },
    async (req) => listShares(scopeOf(req)),
  );

  app.post(
    '/shares',
    {
      config: { permission: 'settings.write' },
      schema: {
        tags,
        summary: 'Einer regionalen Agentur die vereinbarten Profile freigeben (Administration)',
        params: tenantParams,
        body: shareCreateSchema,
        response: { 201: shareSchema, ...errors },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await grantShare(scopeOf(req), req.body.agencyTenantId, me(req))),
  );

  app.delete(
    '/shares/:agencyTenantId',
    {
      config: { permission: 'settings.write' },
      schema: {
        tags,
        summary: 'Freigabe widerrufen (die Agentur sieht danach nichts mehr)',
        params: agencyParams,
        response: { 200: ok, ...errors },
      },
    },
    async (req) => {
      await revokeShare(scopeOf(req), req.params.agencyTenantId);
      return { ok: true as const };
    },
  );

  app.get(
    '/network',
    {
      config: { permission: 'data.read' },
      schema: {
        tags,
        summary: 'Regionale Agentur: vereinbarte Profile der Kommunen, die freigegeben haben, mit Median',
        params: tenantParams,
        response: { 200: networkOverviewSchema, ...errors },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'private, no-store');
      return networkOverview(scopeOf(req));
    },
  );
};
