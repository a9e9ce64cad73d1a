import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  catalogueApplyResultSchema,
  cataloguePlanSchema,
  catalogueRequestSchema,
  catalogueStatusSchema,
  type CatalogueRequest,
} from '@dkbm/contract';
import { scopeOf } from '../../platform/tenancy/guard';
import { applyCatalogue, catalogueStatus, planCatalogue, type CatalogueOptions } from './catalogue.service';
import { errors, tenantParams } from './monitoring.http';

/** The request body as service options (absent fields stay absent: `exactOptionalPropertyTypes`). */
function optionsOf(body: CatalogueRequest): CatalogueOptions {
  return {
    ...(body.topics ? { topics: body.topics } : {}),
    ...(body.codes ? { codes: body.codes } : {}),
    ...(body.version !== undefined ? { version: body.version } : {}),
    ...(body.prefer ? { prefer: body.prefer } : {}),
    ...(body.onlyWithData ? { onlyWithData: true } : {}),
    ...(body.overwrite ? { overwrite: body.overwrite } : {}),
  };
}

/**
 * Mounted at /api/tenants/:tenantId: the Kennzahlenkatalog of the municipality – status with the
 * checklist of missing tables, the preview of applying it, and applying it (ADR 0009).
 */
export const catalogueRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['monitoring'];

  app.get(
    '/catalogue',
    {
      config: { permission: 'data.read' },
      schema: {
        tags,
        summary: 'Kennzahlenkatalog: Stand der Indikatoren und Checkliste der fehlenden Tabellen',
        params: tenantParams,
        response: { 200: catalogueStatusSchema, ...errors },
      },
    },
    async (req) => catalogueStatus(scopeOf(req)),
  );

  app.post(
    '/catalogue/plan',
    {
      config: { permission: 'data.write' },
      schema: {
        tags,
        summary: 'Kennzahlenkatalog: Vorschau, was das Übernehmen ändern würde (ändert nichts)',
        params: tenantParams,
        body: catalogueRequestSchema,
        response: { 200: cataloguePlanSchema, ...errors },
      },
    },
    async (req) => planCatalogue(scopeOf(req), optionsOf(req.body)),
  );

  app.post(
    '/catalogue/apply',
    {
      config: { permission: 'data.write' },
      schema: {
        tags,
        summary: 'Kennzahlenkatalog übernehmen (Indikatoren anlegen oder auf die Fassung bringen)',
        params: tenantParams,
        body: catalogueRequestSchema,
        response: { 200: catalogueApplyResultSchema, ...errors },
      },
    },
    async (req) => applyCatalogue(scopeOf(req), optionsOf(req.body)),
  );
};
