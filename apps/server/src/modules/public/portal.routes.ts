import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { portalSettingsSchema, portalSettingsViewSchema } from '@dkbm/contract';
import { scopeOf } from '../../platform/tenancy/guard';
import { portalSettingsView, savePortalSettings } from './portal.service';
import { errorResponses as errors, tenantParams } from '../../platform/http/routeSchema';

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
