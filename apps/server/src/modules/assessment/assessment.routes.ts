import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  agreementSchema,
  answerSchema,
  answerUpdateSchema,
  apiErrorSchema,
  consolidationSchema,
  frameworkValueSchema,
  goalSchema,
  goalUpdateSchema,
  hasPermission,
  instrumentCreateSchema,
  instrumentSchema,
  networkOverviewSchema,
  participantCreateSchema,
  participantCreatedSchema,
  participantSchema,
  raterViewSchema,
  resultsSchema,
  roundCandidateSchema,
  roundCreateSchema,
  roundSchema,
  roundUpdateSchema,
  shareCreateSchema,
  shareSchema,
} from '@dkbm/contract';
import { scopeOf, tenantOf } from '../../platform/tenancy/guard';
import { HttpError, notFound } from '../../platform/http/errors';
import { baseUrl } from '../../platform/http/urls';
import { hashToken, newToken } from '../../platform/auth/tokens';
import {
  MAX_EVIDENCE_BYTES,
  addExternalParticipant,
  addUserParticipant,
  agree,
  attachEvidence,
  consolidation,
  createInstrumentVersion,
  createRound,
  deleteDraftRound,
  evidenceType,
  frameworkOf,
  frameworkPrefill,
  grantShare,
  listAgencies,
  listInstruments,
  listParticipants,
  listRoundCandidates,
  listRounds,
  listShares,
  loadEvidenceFile,
  loadRound,
  loadRoundWithInstrument,
  myRounds,
  networkOverview,
  raterView,
  removeEvidence,
  results,
  revokeParticipant,
  revokeShare,
  roundDto,
  saveAnswer,
  saveFramework,
  submitAnswers,
  updateGoal,
  updateRound,
  userParticipant,
} from './assessment.service';
import { ratingsCsv, reportDocx, reportData, reportHtml } from './assessment.exports';
import { PdfUnavailableError, pdfRenderer } from './pdf';

const errors = {
  400: apiErrorSchema,
  401: apiErrorSchema,
  403: apiErrorSchema,
  404: apiErrorSchema,
  409: apiErrorSchema,
};
const tenantParams = z.object({ tenantId: z.string() });
const roundParams = tenantParams.extend({ roundId: z.uuid() });
const componentParams = roundParams.extend({ componentKey: z.string().min(1).max(60) });
const participantParams = roundParams.extend({ participantId: z.uuid() });
const fileParams = roundParams.extend({ fileId: z.uuid() });
const agencyParams = tenantParams.extend({ agencyTenantId: z.uuid() });
const frameworkRecord = z.record(z.string(), frameworkValueSchema);
const ok = z.object({ ok: z.literal(true) });

/** Content-Disposition for a download with a German file name. */
export function attachment(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** File-name part from a round title. */
export const fileStem = (title: string) =>
  title
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/Ä/g, 'Ae')
    .replace(/Ö/g, 'Oe')
    .replace(/Ü/g, 'Ue')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .replace(/[^\w-]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 60) || 'selbsteinschaetzung';

/** Mounted at /api/tenants/:tenantId/assessment. */
export const assessmentRoutes: FastifyPluginAsyncZod = async (app) => {
  const { config } = app.ctx;
  const tags = ['assessment'];
  const pdf = pdfRenderer(app);

  const me = (req: FastifyRequest) => req.auth!.user.id;

  /* ----- instruments ----- */

  app.get(
    '/instruments',
    {
      config: { permission: 'data.read' },
      schema: {
        tags,
        summary: 'Instrumente: das Entwicklungsmodell der Plattform und die eigenen angepassten Versionen',
        params: tenantParams,
        response: { 200: z.array(instrumentSchema), ...errors },
      },
    },
    async (req) => listInstruments(scopeOf(req)),
  );

  app.post(
    '/instruments',
    {
      config: { permission: 'data.write' },
      schema: {
        tags,
        summary:
          'Instrument anpassen: neue Version der eigenen Fassung (bestehende Versionen bleiben unverändert)',
        params: tenantParams,
        body: instrumentCreateSchema,
        response: { 201: instrumentSchema, ...errors },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await createInstrumentVersion(scopeOf(req), me(req), req.body.basedOn, req.body.content)),
  );

  /* ----- rounds ----- */

  app.get(
    '/rounds',
    {
      config: { permission: 'data.read' },
      schema: {
        tags,
        summary: 'Einschätzungsrunden',
        params: tenantParams,
        response: { 200: z.array(roundSchema), ...errors },
      },
    },
    async (req) => listRounds(scopeOf(req)),
  );

  app.get(
    '/my-rounds',
    {
      config: { permission: 'tenant.read' },
      schema: {
        tags,
        summary: 'Runden, zu denen die angemeldete Person als einschätzende Person eingeladen ist',
        params: tenantParams,
        response: { 200: z.array(roundSchema), ...errors },
      },
    },
    async (req) => myRounds(scopeOf(req), me(req)),
  );

  app.post(
    '/rounds',
    {
      config: { permission: 'data.write' },
      schema: {
        tags,
        summary: 'Runde anlegen (Entwurf)',
        params: tenantParams,
        body: roundCreateSchema,
        response: { 201: roundSchema, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await createRound(scopeOf(req), me(req), req.body)),
  );

  app.get(
    '/rounds/:roundId',
    {
      config: { permission: 'data.read' },
      schema: {
        tags,
        summary: 'Eine Runde',
        params: roundParams,
        response: { 200: roundSchema, ...errors },
      },
    },
    async (req) => roundDto(scopeOf(req), req.params.roundId),
  );

  app.patch(
    '/rounds/:roundId',
    {
      config: { permission: 'data.write' },
      schema: {
        tags,
        summary: 'Runde ändern, öffnen (draft → open) oder abschließen (open → closed)',
        params: roundParams,
        body: roundUpdateSchema,
        response: { 200: roundSchema, ...errors },
      },
    },
    async (req) => updateRound(scopeOf(req), req.params.roundId, req.body),
  );

  app.delete(
    '/rounds/:roundId',
    {
      config: { permission: 'data.write' },
      schema: {
        tags,
        summary: 'Runde im Entwurf löschen',
        params: roundParams,
        response: { 200: ok, ...errors },
      },
    },
    async (req) => {
      await deleteDraftRound(scopeOf(req), req.params.roundId);
      return { ok: true as const };
    },
  );

  /* ----- participants ----- */

  app.get(
    '/rounds/:roundId/participants',
    {
      config: { permission: 'data.write' },
      schema: {
        tags,
        summary: 'Eingeladene Personen und Links mit Bearbeitungsstand',
        params: roundParams,
        response: { 200: z.array(participantSchema), ...errors },
      },
    },
    async (req) => {
      const sc = scopeOf(req);
      const round = await loadRound(sc, req.params.roundId);
      return listParticipants(sc, round.id);
    },
  );

  app.get(
    '/rounds/:roundId/candidates',
    {
      config: { permission: 'data.write' },
      schema: {
        tags,
        summary:
          'Personen der Kommune, die zur Runde eingeladen werden können (Auswahl für die Redaktion: Name, E-Mail, Rolle)',
        params: roundParams,
        response: { 200: z.array(roundCandidateSchema), ...errors },
      },
    },
    async (req, reply) => {
      const sc = scopeOf(req);
      const round = await loadRound(sc, req.params.roundId);
      reply.header('cache-control', 'private, no-store');
      return listRoundCandidates(sc, round);
    },
  );

  app.post(
    '/rounds/:roundId/participants',
    {
      config: { permission: 'data.write' },
      schema: {
        tags,
        summary:
          'Person der Kommune einladen oder persönlichen Link für Externe erzeugen (der Link wird nur jetzt angezeigt)',
        params: roundParams,
        body: participantCreateSchema,
        response: { 201: participantCreatedSchema, ...errors },
      },
    },
    async (req, reply) => {
      const sc = scopeOf(req);
      const round = await loadRound(sc, req.params.roundId);
      const body = req.body;
      if (body.kind === 'user') {
        const p = await addUserParticipant(sc, round, me(req), body);
        return reply.status(201).send({ ...p, link: null });
      }
      const token = newToken();
      const p = await addExternalParticipant(sc, round, me(req), {
        label: body.label,
        group: body.group,
        expiresAt: body.expiresAt,
        tokenHash: hashToken(token),
      });
      reply.header('cache-control', 'no-store');
      return reply.status(201).send({ ...p, link: `${baseUrl(req, config)}/einschaetzung/${token}` });
    },
  );

  app.delete(
    '/rounds/:roundId/participants/:participantId',
    {
      config: { permission: 'data.write' },
      schema: {
        tags,
        summary: 'Einladung oder Link widerrufen (die Einschätzungen zählen dann nicht mehr)',
        params: participantParams,
        response: { 200: participantSchema, ...errors },
      },
    },
    async (req) => {
      const sc = scopeOf(req);
      const round = await loadRound(sc, req.params.roundId);
      return revokeParticipant(sc, round, req.params.participantId);
    },
  );

  /* ----- answering (signed-in raters) ----- */

  async function rater(req: FastifyRequest, roundId: string) {
    const tenant = tenantOf(req);
    const loaded = await loadRoundWithInstrument(scopeOf(req), roundId);
    const participant = await userParticipant(scopeOf(req), loaded.round.id, me(req));
    return { ...loaded, participant, tenantName: tenant.name };
  }

  app.get(
    '/rounds/:roundId/my',
    {
      config: { permission: 'tenant.read' },
      schema: {
        tags,
        summary: 'Eigene Einschätzung: Runde, Instrument der Runde und eigene Antworten',
        params: roundParams,
        response: { 200: raterViewSchema, ...errors },
      },
    },
    async (req, reply) => {
      const r = await rater(req, req.params.roundId);
      reply.header('cache-control', 'private, no-store');
      return raterView(scopeOf(req), r.round, r.instrument, r.participant, r.tenantName);
    },
  );

  app.put(
    '/rounds/:roundId/my/answers/:componentKey',
    {
      config: { permission: 'tenant.read' },
      schema: {
        tags,
        summary: 'Eine Antwort speichern (Zwischenspeichern beim Ausfüllen)',
        params: componentParams,
        body: answerUpdateSchema,
        response: { 200: answerSchema, ...errors },
      },
    },
    async (req) => {
      const r = await rater(req, req.params.roundId);
      return saveAnswer(
        scopeOf(req),
        r.round,
        r.instrument,
        r.participant,
        req.params.componentKey,
        req.body,
      );
    },
  );

  app.post(
    '/rounds/:roundId/my/submit',
    {
      config: { permission: 'tenant.read' },
      schema: {
        tags,
        summary:
          'Einschätzung abschließen (alle Komponenten beantwortet; Änderungen bleiben bis zum Rundenende möglich)',
        params: roundParams,
        response: { 200: raterViewSchema, ...errors },
      },
    },
    async (req) => {
      const r = await rater(req, req.params.roundId);
      await submitAnswers(scopeOf(req), r.round, r.instrument, r.participant);
      const again = await rater(req, req.params.roundId);
      return raterView(scopeOf(req), again.round, again.instrument, again.participant, again.tenantName);
    },
  );

  app.post(
    '/rounds/:roundId/my/answers/:componentKey/evidence',
    {
      config: { permission: 'tenant.read' },
      schema: {
        tags,
        summary:
          'Nachweis hochladen (multipart/form-data, Feld „file“; PDF, Bild oder Office-Dokument, höchstens 10 MB)',
        params: componentParams,
        consumes: ['multipart/form-data'],
        response: { 200: answerSchema, 413: apiErrorSchema, 415: apiErrorSchema, ...errors },
      },
    },
    async (req) => {
      const r = await rater(req, req.params.roundId);
      if (!req.isMultipart()) {
        throw new HttpError(
          400,
          'bad_request',
          'Bitte laden Sie die Datei als multipart/form-data (Feld „file“) hoch.',
        );
      }
      const part = await req.file({ limits: { fileSize: MAX_EVIDENCE_BYTES, files: 1 } });
      if (!part)
        throw new HttpError(400, 'bad_request', 'Es wurde keine Datei übertragen.', { field: 'file' });
      const bytes = new Uint8Array(await part.toBuffer());
      if (part.file.truncated) {
        throw new HttpError(413, 'too_large', 'Die Datei ist größer als 10 MB.');
      }
      if (bytes.byteLength === 0) throw new HttpError(400, 'empty_file', 'Die Datei ist leer.');
      const mime = evidenceType(part.filename ?? '', bytes);
      if (!mime) {
        throw new HttpError(
          415,
          'unsupported_type',
          'Als Nachweis sind PDF-Dateien, Bilder (PNG, JPEG, GIF, WebP) und Office-Dokumente (Word, Excel, PowerPoint, OpenDocument) möglich.',
        );
      }
      return attachEvidence(scopeOf(req), r.round, r.instrument, r.participant, req.params.componentKey, {
        name: part.filename || 'nachweis',
        mime,
        bytes,
      });
    },
  );

  app.delete(
    '/rounds/:roundId/my/answers/:componentKey/evidence',
    {
      config: { permission: 'tenant.read' },
      schema: {
        tags,
        summary: 'Hochgeladenen Nachweis entfernen',
        params: componentParams,
        response: { 200: answerSchema, ...errors },
      },
    },
    async (req) => {
      const r = await rater(req, req.params.roundId);
      return removeEvidence(scopeOf(req), r.round, r.instrument, r.participant, req.params.componentKey);
    },
  );

  app.get(
    '/rounds/:roundId/files/:fileId',
    {
      config: { permission: 'tenant.read' },
      schema: {
        tags,
        summary: 'Nachweisdatei herunterladen (Redaktion und Administration, oder wer sie hochgeladen hat)',
        params: fileParams,
        response: { 200: z.any(), ...errors },
      },
    },
    async (req, reply) => {
      const tenant = tenantOf(req);
      const file = await loadEvidenceFile(scopeOf(req), req.params.roundId, req.params.fileId);
      if (!hasPermission(tenant.role, 'data.write')) {
        const p = await userParticipant(scopeOf(req), req.params.roundId, me(req)).catch(() => null);
        if (!p || p.id !== file.participantId) {
          throw notFound('Die Datei');
        }
      }
      reply
        .header('cache-control', 'private, no-store')
        .header('content-disposition', attachment(file.name))
        .header('content-security-policy', "default-src 'none'; sandbox")
        .type(file.mime);
      return reply.send(Buffer.from(file.content, 'base64'));
    },
  );

  /* ----- framework conditions ----- */

  app.get(
    '/rounds/:roundId/framework',
    {
      config: { permission: 'data.read' },
      schema: {
        tags,
        summary: 'Rahmenbedingungen der Runde',
        params: roundParams,
        response: { 200: frameworkRecord, ...errors },
      },
    },
    async (req) => frameworkOf(await loadRound(scopeOf(req), req.params.roundId)),
  );

  app.put(
    '/rounds/:roundId/framework',
    {
      config: { permission: 'data.write' },
      schema: {
        tags,
        summary: 'Rahmenbedingungen speichern (ersetzt alle Werte der Runde)',
        params: roundParams,
        body: frameworkRecord,
        response: { 200: frameworkRecord, ...errors },
      },
    },
    async (req) => saveFramework(scopeOf(req), req.params.roundId, req.body),
  );

  app.get(
    '/rounds/:roundId/framework/prefill',
    {
      config: { permission: 'data.write' },
      schema: {
        tags,
        summary: 'Vorschläge für die Rahmenbedingungen aus dem Bildungsmonitoring (mit Quelle)',
        params: roundParams,
        response: { 200: z.record(z.string(), frameworkValueSchema.nullable()), ...errors },
      },
    },
    async (req) => frameworkPrefill(scopeOf(req), req.params.roundId),
  );

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
        body: goalUpdateSchema,
        response: { 200: goalSchema, ...errors },
      },
    },
    async (req) => updateGoal(scopeOf(req), req.params.roundId, req.params.componentKey, req.body),
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
        .header('content-disposition', attachment(`${fileStem(round.title)}_einschaetzungen.csv`))
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
            attachment(`${fileStem(data.round.title)}_${kind === 'profile' ? 'profil' : 'bericht'}.pdf`),
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
        .header('content-disposition', attachment(`${fileStem(data.round.title)}_bericht.docx`))
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
