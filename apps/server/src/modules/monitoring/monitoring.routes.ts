import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { and, asc, eq } from 'drizzle-orm';
import {
  apiErrorSchema,
  areaDetailSchema,
  areaSchema,
  indicatorSchema,
  observationSchema,
  type AreaLevel,
} from '@dkbm/contract';
import { requireTenantPermission, tenantOf } from '../../platform/tenancy/guard';
import { areas, areaVersions, indicators, observations } from '../../platform/db/schema';
import { notFound } from '../../platform/http/errors';

const errors = { 400: apiErrorSchema, 401: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema };
const tenantParams = z.object({ tenantId: z.string() });

/** Mounted at /api/tenants/:tenantId: areas, indicators and observations (read side). */
export const monitoringRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx;
  const tags = ['monitoring'];

  app.get(
    '/areas',
    {
      preHandler: requireTenantPermission('data.read'),
      schema: {
        tags,
        summary: 'Raumeinheiten',
        params: tenantParams,
        response: { 200: z.array(areaSchema), ...errors },
      },
    },
    async (req) => {
      const rows = await db
        .select({
          id: areas.id,
          level: areas.level,
          code: areas.code,
          name: areas.name,
          parentId: areas.parentId,
        })
        .from(areas)
        .where(eq(areas.tenantId, tenantOf(req).id))
        .orderBy(asc(areas.level), asc(areas.code));
      return rows.map((r) => ({ ...r, level: r.level as AreaLevel }));
    },
  );

  app.get(
    '/areas/:areaId',
    {
      preHandler: requireTenantPermission('data.read'),
      schema: {
        tags,
        summary: 'Eine Raumeinheit mit Gebietsständen',
        params: tenantParams.extend({ areaId: z.uuid() }),
        response: { 200: areaDetailSchema, ...errors },
      },
    },
    async (req) => {
      const tenantId = tenantOf(req).id;
      const rows = await db
        .select()
        .from(areas)
        .where(and(eq(areas.tenantId, tenantId), eq(areas.id, req.params.areaId)))
        .limit(1);
      const a = rows[0];
      if (!a) throw notFound('Die Raumeinheit');
      const versions = await db
        .select({
          validFrom: areaVersions.validFrom,
          validTo: areaVersions.validTo,
          name: areaVersions.name,
          geometry: areaVersions.geometry,
        })
        .from(areaVersions)
        .where(and(eq(areaVersions.tenantId, tenantId), eq(areaVersions.areaId, a.id)))
        .orderBy(asc(areaVersions.validFrom));
      return {
        id: a.id,
        level: a.level as AreaLevel,
        code: a.code,
        name: a.name,
        parentId: a.parentId,
        versions: versions.map((v) => ({ ...v, geometry: (v.geometry as never) ?? null })),
      };
    },
  );

  app.get(
    '/indicators',
    {
      preHandler: requireTenantPermission('data.read'),
      schema: {
        tags,
        summary: 'Indikatoren',
        params: tenantParams,
        response: { 200: z.array(indicatorSchema), ...errors },
      },
    },
    async (req) => {
      const rows = await db
        .select()
        .from(indicators)
        .where(eq(indicators.tenantId, tenantOf(req).id))
        .orderBy(asc(indicators.code));
      return rows.map((r) => ({ ...r, visibility: r.visibility as 'public' | 'internal' }));
    },
  );

  app.get(
    '/indicators/:indicatorId/observations',
    {
      preHandler: requireTenantPermission('data.read'),
      schema: {
        tags,
        summary: 'Werte eines Indikators',
        params: tenantParams.extend({ indicatorId: z.uuid() }),
        response: { 200: z.array(observationSchema), ...errors },
      },
    },
    async (req) => {
      const tenantId = tenantOf(req).id;
      const ind = await db
        .select({ id: indicators.id })
        .from(indicators)
        .where(and(eq(indicators.tenantId, tenantId), eq(indicators.id, req.params.indicatorId)))
        .limit(1);
      if (!ind[0]) throw notFound('Der Indikator');
      return db
        .select({
          areaId: observations.areaId,
          period: observations.period,
          dims: observations.dims,
          value: observations.value,
          flag: observations.flag,
        })
        .from(observations)
        .where(and(eq(observations.tenantId, tenantId), eq(observations.indicatorId, ind[0].id)))
        .orderBy(asc(observations.period), asc(observations.areaId), asc(observations.dimsKey));
    },
  );
};
