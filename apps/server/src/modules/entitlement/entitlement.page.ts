import type { FastifyPluginAsync } from 'fastify';
import { renderEntitlementPage, renderPublicNotFound } from '@dkbm/web/ssr';
import { tenantScope } from '../../platform/tenancy/scope';
import { langOf, PUBLIC_CSS_HREF } from '../../platform/http/publicPage';
import { getTenantRowBySlug } from '../tenants/tenants.service';
import { publicTenant } from '../public/portal.service';
import { publicPlan } from './public.service';

const html = 'text/html; charset=utf-8';

/**
 * Public summary of the entitlement plan: /kommune/:slug/rechtsanspruch (server-rendered, no JavaScript).
 * Only the scenarios the municipality published; without one the page does not exist (404).
 */
export const entitlementPublicRoutes: FastifyPluginAsync = async (app) => {
  const { db } = app.ctx;
  app.get<{ Params: { slug: string } }>(
    '/kommune/:slug/rechtsanspruch',
    { config: { access: 'public' }, schema: { hide: true } },
    async (req, reply) => {
      const lang = langOf(req);
      const t = await getTenantRowBySlug(db, req.params.slug);
      const plan = t ? await publicPlan(tenantScope(db, t.id)) : null;
      if (!t || !plan) {
        return reply
          .status(404)
          .type(html)
          .send(renderPublicNotFound({ lang, cssHref: PUBLIC_CSS_HREF, path: req.url }));
      }
      reply.header('cache-control', 'no-cache').header('vary', 'Cookie, Accept-Language');
      return reply.type(html).send(
        renderEntitlementPage({
          lang,
          cssHref: PUBLIC_CSS_HREF,
          tenant: await publicTenant(db, t, lang),
          plan,
        }),
      );
    },
  );
};
