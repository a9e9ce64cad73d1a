import type { FastifyPluginAsync } from 'fastify';
import {
  publicCss,
  renderPublicHome,
  renderOpenData,
  renderPublicNotFound,
  renderTenantLanding,
  type DistrictPopulation,
  type Lang,
  type PublicTenant,
} from '@dkbm/web/ssr';
import { TENANT_TYPE_LABELS, type TenantType } from '@dkbm/contract';
import type { TenantRow } from '../tenants/tenants.service';
import { getTenantRowBySlug, listTenants } from '../tenants/tenants.service';
import { findIndicatorByCode, listIndicators } from '../monitoring/catalog.service';
import { noticeOf, tidyRows, toGermanCsv, toJson, exportFileBase } from '../monitoring/export.service';
import { thresholdOf } from '../monitoring/observations.service';
import { listAreas } from '../monitoring/areas.service';
import { tenantScope } from '../../platform/tenancy/scope';
import { publicObservations } from '../monitoring/observations.service';
import { DEMO_POPULATION_INDICATOR } from '../monitoring/demo.constants';
import { langOf, PUBLIC_CSS_HREF } from '../../platform/http/publicPage';

const html = 'text/html; charset=utf-8';

export const toPublic = (t: TenantRow, lang: Lang): PublicTenant => ({
  slug: t.slug,
  name: t.name,
  type: t.type,
  typeLabel: TENANT_TYPE_LABELS[t.type as TenantType]?.[lang] ?? t.type,
  ags: t.ags,
  color: t.color,
  logo: t.logo,
  isDemo: t.isDemo,
});

/** Server-rendered public portal: works without JavaScript. */
export const publicRoutes: FastifyPluginAsync = async (app) => {
  const { db } = app.ctx;

  app.get(PUBLIC_CSS_HREF, { config: { access: 'public' }, schema: { hide: true } }, async (_req, reply) => {
    reply.header('cache-control', 'public, max-age=31536000, immutable');
    return reply.type('text/css; charset=utf-8').send(publicCss);
  });

  app.get('/', { config: { access: 'public' }, schema: { hide: true } }, async (req, reply) => {
    const lang = langOf(req);
    const rows = await listTenants(db);
    reply.header('cache-control', 'no-cache').header('vary', 'Cookie, Accept-Language');
    return reply
      .type(html)
      .send(
        renderPublicHome({ lang, cssHref: PUBLIC_CSS_HREF, tenants: rows.map((t) => toPublic(t, lang)) }),
      );
  });

  app.get<{ Params: { slug: string } }>(
    '/kommune/:slug',
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
      const population = await publicPopulation(t.id);
      reply.header('cache-control', 'no-cache').header('vary', 'Cookie, Accept-Language');
      return reply
        .type(html)
        .send(renderTenantLanding({ lang, cssHref: PUBLIC_CSS_HREF, tenant: toPublic(t, lang), population }));
    },
  );

  /** Published indicators by topic with disclosure-controlled downloads (no login). */
  app.get<{ Params: { slug: string } }>(
    '/kommune/:slug/daten',
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
      const list = await listIndicators(tenantScope(db, t.id), { onlyPublic: true });
      reply.header('cache-control', 'no-cache').header('vary', 'Cookie, Accept-Language');
      return reply.type(html).send(
        renderOpenData({
          lang,
          cssHref: PUBLIC_CSS_HREF,
          tenant: toPublic(t, lang),
          indicators: list
            .filter((i) => i.coverage.observations > 0)
            .map((i) => ({
              code: i.code,
              name: lang === 'en' && i.nameEn ? i.nameEn : i.nameDe,
              topic: i.topic,
              unit: i.unit,
              description: i.description,
              source: i.source,
              licence: i.licence,
              firstPeriod: i.coverage.firstPeriod,
              lastPeriod: i.coverage.lastPeriod,
            })),
        }),
      );
    },
  );

  /** One published indicator as German CSV or JSON: the public (protected) view, withheld cells „.“. */
  app.get<{ Params: { slug: string; file: string } }>(
    '/kommune/:slug/daten/:file',
    { config: { access: 'public' }, schema: { hide: true } },
    async (req, reply) => {
      const lang = langOf(req);
      const m = /^([a-z0-9_]{1,80})\.(csv|json)$/.exec(req.params.file);
      const t = m ? await getTenantRowBySlug(db, req.params.slug) : null;
      const s = t ? tenantScope(db, t.id) : null;
      const ind = s && m ? await findIndicatorByCode(s, m[1]!) : null;
      if (!s || !m || !ind || ind.visibility !== 'public') {
        return reply
          .status(404)
          .type(html)
          .send(renderPublicNotFound({ lang, cssHref: PUBLIC_CSS_HREF, path: req.url }));
      }
      const obs = await publicObservations(s, ind, {});
      const tidy = await tidyRows(s, ind, obs);
      const notice = noticeOf('public', 'all', await thresholdOf(s, ind), ind, obs);
      const file = exportFileBase(ind.code, notice);
      reply.header('cache-control', 'no-cache').header('access-control-allow-origin', '*');
      if (m[2] === 'json') {
        return reply
          .type('application/json; charset=utf-8')
          .header('content-disposition', `attachment; filename="${file}.json"`)
          .send(toJson(tidy, ind, notice));
      }
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${file}.csv"`)
        .send(toGermanCsv(tidy, notice));
    },
  );

  // Language switch that works without JavaScript: sets a cookie and returns to the page.
  app.get<{ Querystring: { lang?: string; next?: string } }>(
    '/sprache',
    { config: { access: 'public' }, schema: { hide: true } },
    async (req, reply) => {
      const lang = req.query.lang === 'en' ? 'en' : 'de';
      const next =
        typeof req.query.next === 'string' && /^\/(?![/\\])[^\s\\]*$/.test(req.query.next)
          ? req.query.next
          : '/';
      reply.setCookie('lang', lang, { path: '/', sameSite: 'lax', maxAge: 365 * 24 * 3600, httpOnly: false });
      return reply.redirect(next, 303);
    },
  );

  /**
   * District population of the latest period from the public population indicator, if any — from the
   * public (protected) view, like every public page.
   */
  async function publicPopulation(
    tenantId: string,
  ): Promise<{ year: number; districts: DistrictPopulation[] } | null> {
    const scope = tenantScope(db, tenantId);
    const found = await findIndicatorByCode(scope, DEMO_POPULATION_INDICATOR);
    const ind = found?.visibility === 'public' ? found : null;
    if (!ind) return null;
    const latest = (ind.coverage as { lastPeriod?: string | null } | null)?.lastPeriod;
    if (!latest) return null;
    const obs = await publicObservations(scope, ind, { periods: [latest], level: 'stadtbezirk' });
    const names = new Map((await listAreas(scope, { level: 'stadtbezirk' })).map((a) => [a.id, a.name]));
    // A withheld value stays withheld (null, shown as „.“), never 0; a sum with a withheld part is withheld.
    const byCode = new Map<string, DistrictPopulation & { parts: Record<string, number | null> }>();
    for (const r of obs) {
      const d = byCode.get(r.areaCode) ?? {
        code: r.areaCode,
        name: names.get(r.areaId) ?? r.areaCode,
        total: null,
        under6: null,
        aged65plus: null,
        parts: {},
      };
      d.parts[r.dims.altersgruppe ?? ''] = r.value === null ? null : Number(r.value);
      byCode.set(r.areaCode, d);
    }
    for (const d of byCode.values()) {
      d.total = d.parts.insgesamt ?? null;
      d.under6 = sumOrWithheld([d.parts.u3, d.parts['3-5']]);
      d.aged65plus = d.parts['65+'] ?? null;
    }
    return {
      year: Number(latest.slice(0, 4)),
      districts: [...byCode.values()]
        .map(({ parts: _parts, ...d }) => d)
        .toSorted((a, b) => a.code.localeCompare(b.code)),
    };
  }
};

/** Σ of the values, or null (withheld) when a part is withheld or missing. */
export function sumOrWithheld(values: readonly (number | null | undefined)[]): number | null {
  let sum = 0;
  for (const v of values) {
    if (v === null || v === undefined) return null;
    sum += v;
  }
  return sum;
}
