import type { FastifyPluginAsync } from 'fastify';
import { PROGRESS_STATUS_LABELS } from '@dkbm/domain';
import {
  renderPublicGoals,
  renderPublicNotFound,
  type Lang,
  type PublicGoal,
  type PublicTarget,
} from '@dkbm/web/ssr';
import { tenantScope } from '../../platform/tenancy/scope';
import { getTenantRowBySlug } from '../tenants/tenants.service';
import { publicTenant } from '../public/portal.service';
import { langOf, PUBLIC_CSS_HREF } from '../../platform/http/publicPage';
import { publicGoals } from './goals.service';
import type { TargetWithProgress } from './progress.service';

const html = 'text/html; charset=utf-8';

/** A target as the public page (and the committee overview's export) shows it. */
export const toPublicTarget = (x: TargetWithProgress, lang: Lang = 'de'): PublicTarget => ({
  id: x.id,
  indicator: x.indicator.name,
  unit: x.indicator.unit,
  area: x.area.name,
  dims: Object.values(x.dims).join(', '),
  baselinePeriod: x.baselinePeriod,
  baselineValue: x.baselineValue,
  targetPeriod: x.targetPeriod,
  targetValue: x.targetValue,
  status: x.progress.status,
  statusLabel: PROGRESS_STATUS_LABELS[x.progress.status][lang],
  latest: x.progress.latest,
  values: x.values,
  path: x.progress.expectedPath,
  source: x.indicatorFacts.source,
  updatedAt: x.indicatorFacts.updatedAt,
});

/** Public portal page of the published goals: /kommune/:slug/ziele (server-rendered, no JavaScript). */
export const steeringPublicRoutes: FastifyPluginAsync = async (app) => {
  const { db } = app.ctx;
  app.get<{ Params: { slug: string } }>(
    '/kommune/:slug/ziele',
    { config: { access: 'public' }, schema: { hide: true } },
    async (req, reply) => {
      const lang = langOf(req);
      const t = await getTenantRowBySlug(db, req.params.slug);
      if (!t) {
        return reply
          .status(404)
          .type(html)
          .send(renderPublicNotFound({ lang, cssHref: PUBLIC_CSS_HREF, path: req.url }));
      }
      const goals: PublicGoal[] = (await publicGoals(tenantScope(db, t.id))).map((g) => ({
        id: g.id,
        title: g.title,
        description: g.description,
        owner: g.owner,
        parentTitle: g.parentTitle,
        statusLabel: lang === 'en' ? g.statusLabelEn : g.statusLabel,
        targets: g.targets.map((x) => toPublicTarget(x, lang)),
      }));
      reply.header('cache-control', 'no-cache').header('vary', 'Cookie, Accept-Language');
      return reply.type(html).send(
        renderPublicGoals({
          lang,
          cssHref: PUBLIC_CSS_HREF,
          tenant: await publicTenant(db, t, lang),
          goals,
        }),
      );
    },
  );
};
