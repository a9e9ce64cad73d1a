import crypto from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { and, eq, sql } from 'drizzle-orm';
import {
  apiErrorSchema,
  areaDetailSchema,
  areaFeatureCollectionSchema,
  areaLevelSchema,
  areaProfileSchema,
  areaSchema,
  definitionsApplyResultSchema,
  definitionsApplySchema,
  dimensionSchema,
  dimensionUpdateSchema,
  hasPermission,
  indicatorCreateSchema,
  indicatorDetailSchema,
  indicatorSchema,
  indicatorUpdateSchema,
  keyMappingSchema,
  observationsQuerySchema,
  observationsResponseSchema,
  referenceSeriesSchema,
} from '@dkbm/contract';
import { tenantOf } from '../../platform/tenancy/guard';
import { dimensions, dimensionValues, indicators, keyMappings, areas } from '../../platform/db/schema';
import { HttpError, notFound } from '../../platform/http/errors';
import { BodyCache, sendCachedJson } from '../../platform/http/bodyCache';
import {
  bumpDataVersions,
  dimensionsDetail,
  getIndicatorRow,
  type IndicatorRow,
  indicatorDetail,
  listIndicators,
  toIndicatorDto,
} from './catalog.service';
import { areaDetail, areaGeometry, listAreas } from './areas.service';
import {
  internalObservations,
  parseDimsFilter,
  publicObservations,
  effectiveThreshold,
  tenantThreshold,
  thresholdOf,
} from './observations.service';
import { areaProfile, referenceSeries } from './references.service';
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

const errors = {
  400: apiErrorSchema,
  401: apiErrorSchema,
  403: apiErrorSchema,
  404: apiErrorSchema,
  409: apiErrorSchema,
};
const tenantParams = z.object({ tenantId: z.string() });
const indicatorParams = tenantParams.extend({ indicatorId: z.uuid() });
const viewQuery = z.object({ view: z.enum(['public', 'internal']).optional() });

/** Internal view only for roles that may see unsuppressed values; everybody else gets the public view. */
function viewOf(req: FastifyRequest, wanted: 'public' | 'internal' | undefined): 'public' | 'internal' {
  const role = tenantOf(req).role;
  const may = hasPermission(role, 'data.internal');
  if (wanted === 'internal' && !may) {
    throw new HttpError(
      403,
      'forbidden',
      'Ungeschützte Werte dürfen nur Redaktion und Administration sehen.',
    );
  }
  return wanted ?? (may ? 'internal' : 'public');
}

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

/** Answer 304 when the client has the current version (ETag / If-None-Match). */
function notModified(req: FastifyRequest, reply: FastifyReply, etag: string): boolean {
  reply.header('etag', etag);
  reply.header('cache-control', 'private, no-cache');
  const inm = req.headers['if-none-match'];
  if (inm && inm.split(',').some((t) => t.trim() === etag)) {
    reply.status(304).send();
    return true;
  }
  return false;
}

const splitList = (s: string | undefined) =>
  s
    ?.split(',')
    .map((x) => x.trim())
    .filter(Boolean);

/** Mounted at /api/tenants/:tenantId: indicator catalogue, observations, areas, dimensions. */
export const monitoringRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, cache } = app.ctx;
  const tags = ['monitoring'];
  /** The indicator row through the read cache (requests for values of one indicator repeat). */
  const cachedIndicatorRow = (tenantId: string, indicatorId: string) =>
    cache.get(`indicator:${tenantId}:${indicatorId}`, () => getIndicatorRow(db, tenantId, indicatorId));
  /** Public values depend on the thresholds: the indicator's own and, for computed ones, the tenant's. */
  const publicThresholds = async (tenantId: string, row: IndicatorRow) => {
    const tenantTh = await cache.get(`threshold:${tenantId}`, () => tenantThreshold(db, tenantId));
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
    async (req) => listIndicators(db, tenantOf(req).id, req.query),
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
    async (req, reply) => {
      const tenantId = tenantOf(req).id;
      const exists = await db
        .select({ id: indicators.id })
        .from(indicators)
        .where(and(eq(indicators.tenantId, tenantId), eq(indicators.code, req.body.code)))
        .limit(1);
      if (exists[0])
        throw new HttpError(409, 'conflict', `Ein Indikator mit dem Code ${req.body.code} besteht bereits.`, {
          field: 'code',
        });
      const [row] = await db
        .insert(indicators)
        .values({ tenantId, ...req.body })
        .returning();
      return reply.status(201).send(toIndicatorDto(row!, []));
    },
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
        db,
        tenantOf(req).id,
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
    async (req) => {
      const tenantId = tenantOf(req).id;
      const row = await getIndicatorRow(db, tenantId, req.params.indicatorId);
      const [updated] = await db
        .update(indicators)
        .set({ ...req.body, updatedAt: sql`now()`, dataVersion: sql`${indicators.dataVersion} + 1` })
        .where(and(eq(indicators.tenantId, tenantId), eq(indicators.id, row.id)))
        .returning();
      // The public values of computed indicators follow their inputs' thresholds and visibility.
      await bumpDataVersions(db, tenantId, 'computed');
      const list = await listIndicators(db, tenantId, {});
      return list.find((i) => i.id === updated!.id)!;
    },
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
      const tenantId = tenantOf(req).id;
      const row = await getIndicatorRow(db, tenantId, req.params.indicatorId);
      if (req.query.confirm !== row.code) {
        throw new HttpError(
          400,
          'confirmation_required',
          `Bitte bestätigen Sie das Löschen mit dem Code des Indikators (${row.code}).`,
          { field: 'confirm' },
        );
      }
      const dependents = (
        await db
          .select({ code: indicators.code, computed: indicators.computed })
          .from(indicators)
          .where(and(eq(indicators.tenantId, tenantId), sql`${indicators.computed} IS NOT NULL`))
      ).filter((c) => JSON.stringify(c.computed).includes(`"indicator":${JSON.stringify(row.code)}`));
      if (dependents.length) {
        throw new HttpError(
          409,
          'conflict',
          `Der Indikator wird von berechneten Indikatoren verwendet: ${dependents.map((d) => d.code).join(', ')}.`,
        );
      }
      await db.delete(indicators).where(and(eq(indicators.tenantId, tenantId), eq(indicators.id, row.id)));
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
      const row = await cachedIndicatorRow(tenant.id, req.params.indicatorId);
      const v = viewOf(req, req.query.view);
      const q = {
        periods: splitList(req.query.periods),
        areaIds: splitList(req.query.areas),
        level: req.query.level,
        dims: parseDimsFilter(req.query.dims),
      };
      const tag = etagTag(
        JSON.stringify([
          row.dataVersion,
          // Public values depend on the thresholds (own and, for computed indicators, the tenant's).
          v === 'public' ? await publicThresholds(tenant.id, row) : 0,
          v,
          q,
        ]),
      );
      const etag = `W/"${row.id.slice(0, 8)}-${row.dataVersion}-${tag}"`;
      if (notModified(req, reply, etag)) return reply;
      return sendCachedJson(req, reply, observationBodies, `${tenant.id}:${etag}`, async () => {
        const observations =
          v === 'public'
            ? await publicObservations(db, tenant.id, row, q)
            : await internalObservations(db, tenant.id, row, q);
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
      const tenant = tenantOf(req);
      const row = await getIndicatorRow(db, tenant.id, req.params.indicatorId);
      return referenceSeries(
        db,
        tenant.id,
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
      const tenant = tenantOf(req);
      const row = await cachedIndicatorRow(tenant.id, req.params.indicatorId);
      const v = viewOf(req, req.query.view);
      const q = {
        periods: splitList(req.query.periods),
        areaIds: splitList(req.query.areas),
        level: req.query.level,
        dims: parseDimsFilter(req.query.dims),
      };
      const obs =
        v === 'public'
          ? await publicObservations(db, tenant.id, row, q)
          : await internalObservations(db, tenant.id, row, q);
      const t = await tidyRows(db, tenant.id, row, obs);
      const selected = !!(q.periods?.length || q.areaIds?.length || q.level || q.dims);
      const notice = noticeOf(
        v,
        selected ? 'selection' : 'all',
        v === 'public' ? await thresholdOf(db, tenant.id, row) : 0,
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
    async (req) => applyDefinitions(db, tenantOf(req).id, req.body.text, req.body.fileName ?? 'Definitionen'),
  );

  /* ----- dimensions ----- */

  app.get(
    '/dimensions',
    {
      config: { permission: 'data.read' },
      schema: {
        tags,
        summary: 'Merkmale mit Ausprägungen',
        params: tenantParams,
        response: { 200: z.array(dimensionSchema), ...errors },
      },
    },
    async (req) => {
      const tenantId = tenantOf(req).id;
      const ids = await db
        .select({ id: dimensions.id })
        .from(dimensions)
        .where(eq(dimensions.tenantId, tenantId))
        .orderBy(dimensions.code);
      return dimensionsDetail(
        db,
        tenantId,
        ids.map((i) => i.id),
      );
    },
  );

  app.patch(
    '/dimensions/:dimensionId',
    {
      config: { permission: 'data.write' },
      schema: {
        tags,
        summary: 'Merkmal oder seine Ausprägungen umbenennen',
        params: tenantParams.extend({ dimensionId: z.uuid() }),
        body: dimensionUpdateSchema,
        response: { 200: dimensionSchema, ...errors },
      },
    },
    async (req) => {
      const tenantId = tenantOf(req).id;
      const d = await db
        .select()
        .from(dimensions)
        .where(and(eq(dimensions.tenantId, tenantId), eq(dimensions.id, req.params.dimensionId)))
        .limit(1);
      if (!d[0]) throw notFound('Das Merkmal');
      await db.transaction(async (tx) => {
        if (req.body.name !== undefined || req.body.nameEn !== undefined) {
          await tx
            .update(dimensions)
            .set({
              ...(req.body.name !== undefined ? { nameDe: req.body.name, named: true } : {}),
              ...(req.body.nameEn !== undefined ? { nameEn: req.body.nameEn } : {}),
            })
            .where(eq(dimensions.id, d[0]!.id));
        }
        for (const v of req.body.values ?? []) {
          await tx
            .update(dimensionValues)
            .set({ labelDe: v.label, ...(v.isTotal !== undefined ? { isTotal: v.isTotal } : {}) })
            .where(and(eq(dimensionValues.dimensionId, d[0]!.id), eq(dimensionValues.code, v.code)));
        }
        // A total is a relation of disclosure control: public views of the tenant's data change.
        if ((req.body.values ?? []).some((v) => v.isTotal !== undefined)) {
          await bumpDataVersions(tx, tenantId, 'all');
        }
      });
      return (await dimensionsDetail(db, tenantId, [d[0].id]))[0]!;
    },
  );

  /* ----- areas ----- */

  app.get(
    '/areas',
    {
      config: { permission: 'data.read' },
      schema: {
        tags,
        summary: 'Raumeinheiten',
        params: tenantParams,
        querystring: z.object({
          level: areaLevelSchema.optional(),
          at: z.iso.date().optional(),
          q: z.string().max(100).optional(),
        }),
        response: { 200: z.array(areaSchema), ...errors },
      },
    },
    async (req) => listAreas(db, tenantOf(req).id, req.query),
  );

  app.get(
    '/areas/geometry',
    {
      config: { permission: 'data.read' },
      schema: {
        tags,
        summary: 'Grenzen einer Ebene zu einem Gebietsstand (GeoJSON, WGS84)',
        params: tenantParams,
        querystring: z.object({ level: areaLevelSchema, at: z.iso.date().optional() }),
        response: { 200: areaFeatureCollectionSchema, 304: z.null(), ...errors },
      },
    },
    async (req, reply) => {
      const fc = await areaGeometry(db, tenantOf(req).id, req.query.level, req.query.at);
      const etag = `W/"${crypto.createHash('sha1').update(JSON.stringify(fc)).digest('base64url').slice(0, 20)}"`;
      if (notModified(req, reply, etag)) return reply;
      return fc;
    },
  );

  app.get(
    '/areas/:areaId',
    {
      config: { permission: 'data.read' },
      schema: {
        tags,
        summary: 'Eine Raumeinheit mit Gebietsständen',
        params: tenantParams.extend({ areaId: z.uuid() }),
        response: { 200: areaDetailSchema, ...errors },
      },
    },
    async (req) => areaDetail(db, tenantOf(req).id, req.params.areaId),
  );

  app.get(
    '/areas/:areaId/profile',
    {
      config: { permission: 'data.read' },
      schema: {
        tags,
        summary: 'Gebietsprofil: alle Indikatoren eines Gebiets mit Referenzgebieten',
        params: tenantParams.extend({ areaId: z.uuid() }),
        querystring: viewQuery,
        response: { 200: areaProfileSchema, ...errors },
      },
    },
    async (req) => {
      const tenantId = tenantOf(req).id;
      const a = await db
        .select({ id: areas.id })
        .from(areas)
        .where(and(eq(areas.tenantId, tenantId), eq(areas.id, req.params.areaId)))
        .limit(1);
      if (!a[0]) throw notFound('Die Raumeinheit');
      return areaProfile(db, tenantId, a[0].id, viewOf(req, req.query.view));
    },
  );

  /* ----- key mappings ----- */

  app.get(
    '/key-mappings',
    {
      config: { permission: 'data.read' },
      schema: {
        tags,
        summary: 'Gespeicherte Schlüsselzuordnungen',
        params: tenantParams,
        response: { 200: z.array(keyMappingSchema), ...errors },
      },
    },
    async (req) => {
      const tenantId = tenantOf(req).id;
      const r = await db
        .select({
          id: keyMappings.id,
          sourceKey: keyMappings.sourceKey,
          areaId: keyMappings.areaId,
          areaName: areas.name,
          areaCode: areas.code,
          note: keyMappings.note,
          createdAt: keyMappings.createdAt,
        })
        .from(keyMappings)
        .innerJoin(areas, eq(areas.id, keyMappings.areaId))
        .where(eq(keyMappings.tenantId, tenantId))
        .orderBy(keyMappings.sourceKey);
      return r;
    },
  );

  app.delete(
    '/key-mappings/:mappingId',
    {
      config: { permission: 'data.write' },
      schema: {
        tags,
        summary: 'Schlüsselzuordnung löschen',
        params: tenantParams.extend({ mappingId: z.uuid() }),
        response: { 200: z.object({ ok: z.literal(true) }), ...errors },
      },
    },
    async (req) => {
      const r = await db
        .delete(keyMappings)
        .where(and(eq(keyMappings.tenantId, tenantOf(req).id), eq(keyMappings.id, req.params.mappingId)))
        .returning({ id: keyMappings.id });
      if (!r[0]) throw notFound('Die Zuordnung');
      return { ok: true as const };
    },
  );
};
