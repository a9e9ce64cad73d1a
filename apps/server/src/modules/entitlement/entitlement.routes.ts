import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  apiErrorSchema,
  capacityCreateSchema,
  capacitySchema,
  capacityUpdateSchema,
  entitlementPlanSchema,
  entitlementSettingsSchema,
  expansionCreateSchema,
  expansionSchema,
  expansionUpdateSchema,
  planQuerySchema,
  planningUnitCreateSchema,
  planningUnitSchema,
  planningUnitUpdateSchema,
  pupilCountSchema,
  pupilsImportResultSchema,
  pupilsImportSchema,
  saveIndicatorsSchema,
  savedIndicatorsSchema,
  scenarioCreateSchema,
  scenarioSchema,
  scenarioUpdateSchema,
  slipChangeSchema,
} from '@dkbm/contract';
import { scopeOf } from '../../platform/tenancy/guard';
import * as svc from './entitlement.service';
import { deletePupils, importPupils } from './pupils.service';
import { saveAsIndicators } from './results.service';
import { planCsv, planXlsx } from './entitlement.exports';
import { planReportDocx, planReportHtml } from './entitlement.report';
import { PdfUnavailableError, pdfRenderer } from '../../platform/pdf';
import { HttpError } from '../../platform/http/errors';
import {
  errorResponses as errors,
  tenantParams,
  readAccess as read,
  writeAccess as write,
} from '../../platform/http/routeSchema';

const unitParams = tenantParams.extend({ planningUnitId: z.uuid() });
const capacityParams = tenantParams.extend({ capacityId: z.uuid() });
const expansionParams = tenantParams.extend({ expansionId: z.uuid() });
const scenarioParams = tenantParams.extend({ scenarioId: z.uuid() });
const ok = z.object({ ok: z.literal(true) });

/** Content-Disposition with a German file name. */
function attachment(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Mounted at /api/tenants/:tenantId/entitlement. */
export const entitlementRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['entitlement'];
  const pdf = pdfRenderer(app);

  app.get(
    '/settings',
    {
      config: read,
      schema: {
        tags,
        summary: 'Einstellungen der Rechtsanspruchsplanung',
        params: tenantParams,
        response: { 200: entitlementSettingsSchema, ...errors },
      },
    },
    async (req) => svc.getSettings(scopeOf(req)),
  );
  app.put(
    '/settings',
    {
      config: write,
      schema: {
        tags,
        summary: 'Einstellungen ändern (Bevölkerungsindikator, Stichtag, Schuljahre)',
        params: tenantParams,
        body: entitlementSettingsSchema,
        response: { 200: entitlementSettingsSchema, ...errors },
      },
    },
    async (req) => svc.putSettings(scopeOf(req), req.body),
  );

  app.get(
    '/planning-units',
    {
      config: read,
      schema: {
        tags,
        summary: 'Planungseinheiten (Grundschulen, Sozialräume)',
        params: tenantParams,
        response: { 200: z.array(planningUnitSchema), ...errors },
      },
    },
    async (req) => svc.listPlanningUnits(scopeOf(req)),
  );
  app.post(
    '/planning-units',
    {
      config: write,
      schema: {
        tags,
        summary: 'Planungseinheit anlegen',
        params: tenantParams,
        body: planningUnitCreateSchema,
        response: { 201: planningUnitSchema, 409: apiErrorSchema, ...errors },
      },
    },
    async (req, reply) => {
      reply.status(201);
      return svc.createPlanningUnit(scopeOf(req), req.body);
    },
  );
  app.patch(
    '/planning-units/:planningUnitId',
    {
      config: write,
      schema: {
        tags,
        summary: 'Planungseinheit ändern (Name, Art, Raumeinheit)',
        params: unitParams,
        body: planningUnitUpdateSchema,
        response: { 200: planningUnitSchema, 409: apiErrorSchema, ...errors },
      },
    },
    async (req) => svc.updatePlanningUnit(scopeOf(req), req.params.planningUnitId, req.body),
  );
  app.delete(
    '/planning-units/:planningUnitId',
    {
      config: write,
      schema: {
        tags,
        summary: 'Planungseinheit löschen',
        params: unitParams,
        response: { 200: ok, ...errors },
      },
    },
    async (req) => {
      await svc.deletePlanningUnit(scopeOf(req), req.params.planningUnitId);
      return { ok: true as const };
    },
  );

  app.get(
    '/capacities',
    {
      config: read,
      schema: {
        tags,
        summary: 'Platzbestand',
        params: tenantParams,
        response: { 200: z.array(capacitySchema), ...errors },
      },
    },
    async (req) => svc.listCapacities(scopeOf(req)),
  );
  app.post(
    '/capacities',
    {
      config: write,
      schema: {
        tags,
        summary: 'Platzbestand erfassen',
        params: tenantParams,
        body: capacityCreateSchema,
        response: { 201: capacitySchema, ...errors },
      },
    },
    async (req, reply) => {
      reply.status(201);
      return svc.createCapacity(scopeOf(req), req.body);
    },
  );
  app.patch(
    '/capacities/:capacityId',
    {
      config: write,
      schema: {
        tags,
        summary: 'Platzbestand ändern',
        params: capacityParams,
        body: capacityUpdateSchema,
        response: { 200: capacitySchema, ...errors },
      },
    },
    async (req) => svc.updateCapacity(scopeOf(req), req.params.capacityId, req.body),
  );
  app.delete(
    '/capacities/:capacityId',
    {
      config: write,
      schema: {
        tags,
        summary: 'Platzbestand löschen',
        params: capacityParams,
        response: { 200: ok, ...errors },
      },
    },
    async (req) => {
      await svc.deleteCapacity(scopeOf(req), req.params.capacityId);
      return { ok: true as const };
    },
  );

  app.get(
    '/expansions',
    {
      config: read,
      schema: {
        tags,
        summary: 'Geplanter Ausbau',
        params: tenantParams,
        response: { 200: z.array(expansionSchema), ...errors },
      },
    },
    async (req) => svc.listExpansions(scopeOf(req)),
  );
  app.post(
    '/expansions',
    {
      config: write,
      schema: {
        tags,
        summary: 'Ausbau planen',
        params: tenantParams,
        body: expansionCreateSchema,
        response: { 201: expansionSchema, ...errors },
      },
    },
    async (req, reply) => {
      reply.status(201);
      return svc.createExpansion(scopeOf(req), req.body);
    },
  );
  app.patch(
    '/expansions/:expansionId',
    {
      config: write,
      schema: {
        tags,
        summary: 'Ausbau ändern (z. B. späteres Schuljahr)',
        params: expansionParams,
        body: expansionUpdateSchema,
        response: { 200: expansionSchema, ...errors },
      },
    },
    async (req) => svc.updateExpansion(scopeOf(req), req.params.expansionId, req.body),
  );
  app.delete(
    '/expansions/:expansionId',
    {
      config: write,
      schema: { tags, summary: 'Ausbau löschen', params: expansionParams, response: { 200: ok, ...errors } },
    },
    async (req) => {
      await svc.deleteExpansion(scopeOf(req), req.params.expansionId);
      return { ok: true as const };
    },
  );
  app.get(
    '/expansions/:expansionId/slip',
    {
      config: read,
      schema: {
        tags,
        summary: 'Was ändert sich, wenn der Ausbau später kommt?',
        params: expansionParams,
        querystring: z.object({ years: z.coerce.number().int().min(1).max(5).default(1) }),
        response: { 200: z.array(slipChangeSchema), ...errors },
      },
    },
    async (req) => svc.slipImpact(scopeOf(req), req.params.expansionId, req.query.years),
  );

  app.get(
    '/pupils',
    {
      config: read,
      schema: {
        tags,
        summary: 'Schülerzahlen je Grundschule, Schuljahr und Klassenstufe',
        params: tenantParams,
        response: { 200: z.array(pupilCountSchema), ...errors },
      },
    },
    async (req) => svc.listPupils(scopeOf(req)),
  );
  app.post(
    '/pupils/import',
    {
      config: write,
      schema: {
        tags,
        summary: 'Schülerzahlen aus CSV importieren (Planungseinheit;Schuljahr;Klassenstufe;Schüler)',
        params: tenantParams,
        body: pupilsImportSchema,
        response: { 200: pupilsImportResultSchema, ...errors },
      },
    },
    async (req) => importPupils(scopeOf(req), req.body.csv),
  );
  app.delete(
    '/pupils',
    {
      config: write,
      schema: {
        tags,
        summary: 'Alle Schülerzahlen löschen (der Plan rechnet wieder nur mit der Bevölkerung)',
        params: tenantParams,
        response: { 200: z.object({ deleted: z.number().int() }), ...errors },
      },
    },
    async (req) => deletePupils(scopeOf(req)),
  );

  app.get(
    '/scenarios',
    {
      config: read,
      schema: {
        tags,
        summary: 'Szenarien',
        params: tenantParams,
        response: { 200: z.array(scenarioSchema), ...errors },
      },
    },
    async (req) => svc.listScenarios(scopeOf(req)),
  );
  app.post(
    '/scenarios',
    {
      config: write,
      schema: {
        tags,
        summary: 'Szenario anlegen',
        params: tenantParams,
        body: scenarioCreateSchema,
        response: { 201: scenarioSchema, 409: apiErrorSchema, ...errors },
      },
    },
    async (req, reply) => {
      reply.status(201);
      return svc.createScenario(scopeOf(req), req.body);
    },
  );
  app.patch(
    '/scenarios/:scenarioId',
    {
      config: write,
      schema: {
        tags,
        summary: 'Annahmen eines Szenarios ändern',
        params: scenarioParams,
        body: scenarioUpdateSchema,
        response: { 200: scenarioSchema, 409: apiErrorSchema, ...errors },
      },
    },
    async (req) => svc.updateScenario(scopeOf(req), req.params.scenarioId, req.body),
  );
  app.delete(
    '/scenarios/:scenarioId',
    {
      config: write,
      schema: { tags, summary: 'Szenario löschen', params: scenarioParams, response: { 200: ok, ...errors } },
    },
    async (req) => {
      await svc.deleteScenario(scopeOf(req), req.params.scenarioId);
      return { ok: true as const };
    },
  );

  app.get(
    '/plan',
    {
      config: read,
      schema: {
        tags,
        summary: 'Plan: Anspruchsberechtigte, Bedarf, Plätze und Lücke je Einheit und Schuljahr',
        params: tenantParams,
        querystring: planQuerySchema,
        response: { 200: entitlementPlanSchema, ...errors },
      },
    },
    async (req) => svc.computePlan(scopeOf(req), req.query),
  );
  app.post(
    '/plan/indicators',
    {
      config: write,
      schema: {
        tags,
        summary: 'Ergebnis eines Szenarios als Indikatoren im Monitoring speichern (Versorgungsquote)',
        params: tenantParams,
        body: saveIndicatorsSchema,
        response: { 200: savedIndicatorsSchema, 409: apiErrorSchema, ...errors },
      },
    },
    async (req) => saveAsIndicators(scopeOf(req), req.body.scenarioId),
  );
  app.get(
    '/plan/export',
    {
      config: read,
      schema: {
        tags,
        summary:
          'Planungstabelle als CSV oder XLSX (ein Blatt je Szenario), Planungsbericht als PDF oder DOCX',
        params: tenantParams,
        querystring: z.object({
          format: z.enum(['csv', 'xlsx', 'pdf', 'docx']),
          scenarioId: z.uuid().optional(),
        }),
        response: { 200: z.any(), 503: apiErrorSchema, ...errors },
      },
    },
    async (req, reply) => {
      const plan = await svc.computePlan(scopeOf(req), { scenarioId: req.query.scenarioId });
      const stem = `Rechtsanspruch_Plaetze_${new Date().toISOString().slice(0, 10)}`;
      if (req.query.format === 'csv') {
        reply.header('content-type', 'text/csv; charset=utf-8');
        reply.header('content-disposition', attachment(`${stem}.csv`));
        return reply.send(planCsv(plan));
      }
      const today = new Date().toISOString().slice(0, 10).split('-').toReversed().join('.');
      if (req.query.format === 'docx') {
        reply.header(
          'content-type',
          'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        );
        reply.header('content-disposition', attachment(`${stem}.docx`));
        return reply.send(await planReportDocx(plan, req.tenant?.name ?? '', today));
      }
      if (req.query.format === 'pdf') {
        let bytes: Buffer;
        try {
          bytes = await pdf.render(planReportHtml(plan, req.tenant?.name ?? '', today));
        } catch (e) {
          if (e instanceof PdfUnavailableError) {
            throw new HttpError(503, 'pdf_unavailable', 'Der PDF-Bericht kann gerade nicht erzeugt werden.');
          }
          throw e;
        }
        reply.header('content-type', 'application/pdf');
        reply.header('content-disposition', attachment(`${stem}.pdf`));
        return reply.send(bytes);
      }
      reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      reply.header('content-disposition', attachment(`${stem}.xlsx`));
      return reply.send(await planXlsx(plan, req.tenant?.name ?? ''));
    },
  );
};
