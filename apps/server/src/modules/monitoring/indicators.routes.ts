import crypto from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  definitionsApplyResultSchema,
  definitionsApplySchema,
  hasPermission,
  indicatorCreateSchema,
  indicatorDetailSchema,
  indicatorSchema,
  indicatorUpdateSchema,
  observationsQuerySchema,
  observationsResponseSchema,
  OBSERVATIONS_PAGE,
  referenceSeriesSchema,
} from '@dkbm/contract';
import { scopeOf, tenantOf } from '../../platform/tenancy/guard';
import type { TenantScope } from '../../platform/tenancy/scope';
import { BodyCache, sendCachedJson } from '../../platform/http/bodyCache';
import {
  createIndicator,
  deleteIndicator,
  getIndicatorRow,
  indicatorDetail,
  listIndicators,
  updateIndicator,
  type IndicatorRow,
} from './catalog.service';
import {
  effectiveThreshold,
  internalObservations,
  parseDimsFilter,
  publicObservations,
  tenantThreshold,
  thresholdOf,
} from './observations.service';
import { referenceSeries } from './references.service';
import { applyDefinitions } from './computed.service';
import {
  exportFileBase,
  exportPeriod,
  noticeOf,
  tidyRows,
  toGermanCsv,
  toJson,
  toXlsx,
} from './export.service';
import { errors, indicatorParams, notModified, tenantParams, viewOf, viewQuery } from './monitoring.http';

/**
 * Serialised observation responses by tenant and ETag. The ETag covers everything the body depends on
 * (data version, which every change of values, metadata or dimension totals raises; thresholds; view;
 * query), so a hit is exactly the body a fresh computation would give.
 */
const observationBodies = new BodyCache();
/** Short hashes of ETag inputs, remembered: the same few requests repeat (bounded; emptied when full). */
const etagTags = new Map<string, string>();
function etagTag(input: string): string {
  let tag = etagTags.get(input);
  if (tag === undefined) {
    tag = crypto.createHash('sha1').update(input).digest('base64url').slice(0, 16);
    if (etagTags.size >= 10_000) etagTags.clear();
    etagTags.set(input, tag);
  }
  return tag;
}

const splitList = (s: string | undefined) =>
  s
    ?.split(',')
    .map((x) => x.trim())
    .filter(Boolean);

/** Mounted at /api/tenants/:tenantId: indicator catalogue, observations, references, exports, computed indicators. */
export const indicatorsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { cache } = app.ctx;
  const tags = ['monitoring'];
  /** The indicator row through the read cache (requests for values of one indicator repeat). */
  const cachedIndicatorRow = (s: TenantScope, indicatorId: string) =>
    cache.get(`indicator:${s.tenantId}:${indicatorId}`, () => getIndicatorRow(s, indicatorId));
  /** Public values depend on the thresholds: the indicator's own and, for computed ones, the tenant's. */
  const publicThresholds = async (s: TenantScope, row: IndicatorRow) => {
    const tenantTh = await cache.get(`threshold:${s.tenantId}`, () => tenantThreshold(s));
    return [effectiveThreshold(row, tenantTh), tenantTh];
  };

  /* ----- indicators ----- */

  app.get(
    '/indicators',
    {
      config: { permission: 'data.read' },
      schema: {
        tags,
        summary: 'Indikatorenkatalog (Suche und Filter)',
        params: tenantParams,
        querystring: z.object({
          q: z.string().max(100).optional(),
          topic: z.string().optional(),
          tier: z.string().optional(),
          visibility: z.enum(['public', 'internal']).optional(),
        }),
        response: { 200: z.array(indicatorSchema), ...errors },
      },
    },
    async (req) => listIndicators(scopeOf(req), req.query),
  );

  app.post(
    '/indicators',
    {
      config: { permission: 'data.write' },
      schema: {
        tags,
        summary: 'Indikator anlegen (für eigene Daten)',
        params: tenantParams,
        body: indicatorCreateSchema,
        response: { 201: indicatorSchema, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await createIndicator(scopeOf(req), req.body)),
  );

  app.get(
    '/indicators/:indicatorId',
    {
      config: { permission: 'data.read' },
      schema: {
        tags,
        summary: 'Indikator mit Metadaten, Merkmalen und Zeiträumen',
        params: indicatorParams,
        response: { 200: indicatorDetailSchema, ...errors },
      },
    },
    async (req) =>
      indicatorDetail(
        scopeOf(req),
        req.params.indicatorId,
        hasPermission(tenantOf(req).role, 'data.internal'),
      ),
  );

  app.patch(
    '/indicators/:indicatorId',
    {
      config: { permission: 'data.write' },
      schema: {
        tags,
        summary: 'Metadaten eines Indikators ändern',
        params: indicatorParams,
        body: indicatorUpdateSchema,
        response: { 200: indicatorSchema, ...errors },
      },
    },
    async (req) => updateIndicator(scopeOf(req), req.params.indicatorId, req.body),
  );

  app.delete(
    '/indicators/:indicatorId',
    {
      config: { permission: 'data.write' },
      schema: {
        tags,
        summary: 'Indikator mit allen Werten löschen',
        params: indicatorParams,
        querystring: z.object({ confirm: z.string().optional() }),
        response: { 200: z.object({ ok: z.literal(true) }), ...errors },
      },
    },
    async (req) => {
      await deleteIndicator(scopeOf(req), req.params.indicatorId, req.query.confirm);
      return { ok: true as const };
    },
  );

  app.get(
    '/indicators/:indicatorId/observations',
    {
      config: { permission: 'data.read' },
      schema: {
        tags,
        summary: 'Werte eines Indikators (mit ETag); öffentliche Sicht immer mit Schutz kleiner Fallzahlen',
        params: indicatorParams,
        querystring: observationsQuerySchema,
        response: { 200: observationsResponseSchema, 304: z.null(), ...errors },
      },
    },
    async (req, reply) => {
      const tenant = tenantOf(req);
      const s = scopeOf(req);
      const row = await cachedIndicatorRow(s, req.params.indicatorId);
      const v = viewOf(req, req.query.view);
      const q = {
        periods: splitList(req.query.periods),
        areaIds: splitList(req.query.areas),
        level: req.query.level,
        dims: parseDimsFilter(req.query.dims),
        // One page more than asked for tells whether there is a next page.
        page: { offset: req.query.offset ?? 0, limit: (req.query.limit ?? OBSERVATIONS_PAGE) + 1 },
      };
      const tag = etagTag(
        JSON.stringify([
          row.dataVersion,
          // Public values depend on the thresholds (own and, for computed indicators, the tenant's).
          v === 'public' ? await publicThresholds(s, row) : 0,
          v,
          q,
        ]),
      );
      const etag = `W/"${row.id.slice(0, 8)}-${row.dataVersion}-${tag}"`;
      if (notModified(req, reply, etag)) return reply;
      return sendCachedJson(req, reply, observationBodies, `${tenant.id}:${etag}`, async () => {
        const observations =
          v === 'public' ? await publicObservations(s, row, q) : await internalObservations(s, row, q);
        const more = observations.length > q.page.limit - 1;
        if (more) observations.pop();
        // Validated and serialised once, as the response schema would (the cached bytes are sent as is).
        return JSON.stringify(
          observationsResponseSchema.parse({
            indicatorId: row.id,
            code: row.code,
            dataVersion: row.dataVersion,
            view: v,
            decimals: row.decimals,
            unit: row.unit,
            periodType: row.periodType,
            observations,
            nextOffset: more ? q.page.offset + observations.length : null,
          }),
        );
      });
    },
  );

  app.get(
    '/indicators/:indicatorId/references',
    {
      config: { permission: 'data.read' },
      schema: {
        tags,
        summary: 'Referenzwerte (übergeordnete Gebiete) für ein Gebiet',
        params: indicatorParams,
        querystring: viewQuery.extend({ area: z.uuid(), dims: z.string().optional() }),
        response: { 200: z.array(referenceSeriesSchema), ...errors },
      },
    },
    async (req) => {
      const s = scopeOf(req);
      const row = await getIndicatorRow(s, req.params.indicatorId);
      return referenceSeries(
        s,
        row,
        req.query.area,
        parseDimsFilter(req.query.dims),
        viewOf(req, req.query.view),
      );
    },
  );

  app.get(
    '/indicators/:indicatorId/export',
    {
      config: { permission: 'data.read' },
      schema: {
        tags,
        summary: 'Download als CSV (deutsch), XLSX oder JSON',
        params: indicatorParams,
        querystring: observationsQuerySchema.extend({
          format: z.enum(['csv', 'xlsx', 'json']).default('csv'),
        }),
        response: { 200: z.any(), ...errors },
      },
    },
    async (req, reply) => {
      const s = scopeOf(req);
      const row = await cachedIndicatorRow(s, req.params.indicatorId);
      const v = viewOf(req, req.query.view);
      const q = {
        periods: splitList(req.query.periods),
        areaIds: splitList(req.query.areas),
        level: req.query.level,
        dims: parseDimsFilter(req.query.dims),
      };
      const obs =
        v === 'public' ? await publicObservations(s, row, q) : await internalObservations(s, row, q);
      const t = await tidyRows(s, row, obs);
      const selected = !!(q.periods?.length || q.areaIds?.length || q.level || q.dims);
      const notice = noticeOf(
        v,
        selected ? 'selection' : 'all',
        v === 'public' ? await thresholdOf(s, row) : 0,
        row,
        obs,
      );
      const base = exportFileBase(row.code, notice, {
        period: q.periods?.length === 1 ? exportPeriod(q.periods[0]!, row.periodType) : undefined,
        level: q.level,
      });
      reply.header('cache-control', 'private, no-store');
      if (req.query.format === 'xlsx') {
        reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename="${base}.xlsx"`);
        return reply.send(await toXlsx(t, row, notice));
      }
      if (req.query.format === 'json') {
        reply.header('content-disposition', `attachment; filename="${base}.json"`);
        return reply.type('application/json; charset=utf-8').send(JSON.stringify(toJson(t, row, notice)));
      }
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${base}.csv"`);
      return reply.send(toGermanCsv(t, notice));
    },
  );

  app.post(
    '/indicators/definitions',
    {
      config: { permission: 'data.write' },
      schema: {
        tags,
        summary: 'Berechnete Indikatoren aus einer Definitionsdatei (YAML/JSON) anlegen oder ändern',
        params: tenantParams,
        body: definitionsApplySchema,
        response: { 200: definitionsApplyResultSchema, ...errors },
      },
    },
    async (req) => applyDefinitions(scopeOf(req), req.body.text, req.body.fileName ?? 'Definitionen'),
  );
};
