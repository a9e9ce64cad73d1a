import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiErrorSchema, portalSettingsSchema, portalSettingsViewSchema } from '@dkbm/contract';
import { scopeOf } from '../../platform/tenancy/guard';
import { portalSettingsView, savePortalSettings } from './portal.service';

const errors = { 400: apiErrorSchema, 401: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema };
const tenantParams = z.object({ tenantId: z.string() });
const tags = ['portal'];

/** Mounted at /api/tenants/:tenantId/portal: the settings of the municipality's public portal. */
export const portalRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/settings',
    {
      config: { permission: 'data.read' },
      schema: {
        tags,
        summary: 'Einstellungen des öffentlichen Portals',
        params: tenantParams,
        response: { 200: portalSettingsViewSchema, ...errors },
      },
    },
    async (req) => portalSettingsView(scopeOf(req)),
  );

  app.put(
    '/settings',
    {
      config: { permission: 'data.write' },
      schema: {
        tags,
        summary: 'Einstellungen des öffentlichen Portals speichern (Farbe nur mit ausreichendem Kontrast)',
        params: tenantParams,
        body: portalSettingsSchema,
        response: { 200: portalSettingsViewSchema, ...errors },
      },
    },
    async (req) => savePortalSettings(scopeOf(req), req.body),
  );
};
