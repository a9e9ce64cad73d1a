import crypto from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  areaDetailSchema,
  areaFeatureCollectionSchema,
  areaLevelSchema,
  areaProfileSchema,
  areaSchema,
  dimensionSchema,
  dimensionUpdateSchema,
  keyMappingSchema,
} from '@dkbm/contract';
import { scopeOf } from '../../platform/tenancy/guard';
import { notFound } from '../../platform/http/errors';
import { deleteKeyMapping, listDimensions, listKeyMappings, updateDimension } from './catalog.service';
import { areaDetail, areaExists, areaGeometry, listAreas } from './areas.service';
import { areaProfile } from './references.service';
import { errors, notModified, tenantParams, viewOf, viewQuery } from './monitoring.http';

/** Mounted at /api/tenants/:tenantId: dimensions, areas with boundaries and profiles, saved key mappings. */
export const areasRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['monitoring'];

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
    async (req) => listDimensions(scopeOf(req)),
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
    async (req) => updateDimension(scopeOf(req), req.params.dimensionId, req.body),
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
    async (req) => listAreas(scopeOf(req), req.query),
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
      const fc = await areaGeometry(scopeOf(req), req.query.level, req.query.at);
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
    async (req) => areaDetail(scopeOf(req), req.params.areaId),
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
      const s = scopeOf(req);
      if (!(await areaExists(s, req.params.areaId))) throw notFound('Die Raumeinheit');
      return areaProfile(s, req.params.areaId, viewOf(req, req.query.view));
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
    async (req) => listKeyMappings(scopeOf(req)),
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
      await deleteKeyMapping(scopeOf(req), req.params.mappingId);
      return { ok: true as const };
    },
  );
};
