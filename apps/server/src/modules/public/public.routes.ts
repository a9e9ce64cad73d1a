import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import {
  publicCss,
  renderPublicHome,
  renderOpenData,
  renderPublicNotFound,
  renderTenantLanding,
  renderIndicatorPage,
  renderAreaPage,
  choroplethGeoJson,
  type DistrictPopulation,
  type Lang,
  type PublicTenant,
} from '@dkbm/web/ssr';
import { TENANT_TYPE_LABELS, type PortalSettings, type TenantType } from '@dkbm/contract';
import type { TenantRow } from '../tenants/tenants.service';
import { getTenantRowBySlug, listTenants } from '../tenants/tenants.service';
import {
  findIndicatorByCode,
  indicatorDetail,
  listIndicators,
  type IndicatorRow,
} from '../monitoring/catalog.service';
import {
  noticeOf,
  tidyRows,
  toGermanCsv,
  toJson,
  toXlsx,
  exportFileBase,
} from '../monitoring/export.service';
import { thresholdOf } from '../monitoring/observations.service';
import { areaGeometry, listAreas } from '../monitoring/areas.service';
import { areaProfile } from '../monitoring/references.service';
import { publishedEntries } from '../directory/entries.service';
import { hasPublishedPlan } from '../entitlement/public.service';
import { tenantScope, type TenantScope } from '../../platform/tenancy/scope';
import { publicObservations } from '../monitoring/observations.service';
import { DEMO_POPULATION_INDICATOR } from '../monitoring/demo.constants';
import { langOf, PUBLIC_CSS_HREF, publicMapScript, publicPageKey } from '../../platform/http/publicPage';
import { chartSvg } from '../reports/charts.service';
import { pageCacheOf, type Page } from '../../platform/http/pageCache';
import { publicIndicatorData } from './indicator.data';
import { catalogueJsonLd, catalogueQuads, catalogueTurtle } from './dcat';
import { portalSettingsOf, publicTenant } from './portal.service';
import { openConferenceLinks } from '../network/conferences.service';

const html = 'text/html; charset=utf-8';
const PAGE_HEADERS = { 'cache-control': 'no-cache', vary: 'Cookie, Accept-Language' };
const INDICATOR_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,119}$/;

/** Origin of the request, for canonical and catalogue URLs. */
export const originOf = (req: FastifyRequest) => `${req.protocol}://${req.host}`;

/** Cache key of a public page: language, origin and the full URL (query included). */
export const pageKey = (req: FastifyRequest) => publicPageKey(req, langOf(req));

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

/**
 * The observations a download may contain under the portal settings: none of an area level the
 * municipality keeps internal, and of a dimension it publishes only as its total, only the total.
 */
async function publicOnly(
  s: TenantScope,
  ind: IndicatorRow,
  obs: Awaited<ReturnType<typeof publicObservations>>,
  portal: PortalSettings,
) {
  if (portal.hiddenLevels.length === 0 && portal.hiddenDimensions.length === 0) return obs;
  const hiddenLevels = new Set<string>(portal.hiddenLevels);
  const level = new Map((await listAreas(s, {})).map((a) => [a.id, a.level]));
  const totals = new Map(
    (await indicatorDetail(s, ind.id, false)).dimensionsDetail
      .filter((d) => portal.hiddenDimensions.includes(d.code))
      .map((d) => [d.code, new Set(d.values.filter((v) => v.isTotal).map((v) => v.code))]),
  );
  return obs.filter(
    (o) =>
      !hiddenLevels.has(level.get(o.areaId) ?? '') &&
      [...totals].every(([code, total]) => !o.dims[code] || total.has(o.dims[code])),
  );
}

/** Server-rendered public portal: works without JavaScript. */
export const publicRoutes: FastifyPluginAsync = async (app) => {
  const { db } = app.ctx;
  // The map's enhancement script (MapLibre) from the web build, if there is one (ADR 0013).
  const mapScript = publicMapScript();

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

  const pages = pageCacheOf(app.ctx);
  const notFound = (req: FastifyRequest): Page => ({
    status: 404,
    type: html,
    body: renderPublicNotFound({ lang: langOf(req), cssHref: PUBLIC_CSS_HREF, path: req.url }),
    headers: PAGE_HEADERS,
  });

  app.get<{ Params: { slug: string } }>(
    '/kommune/:slug',
    { config: { access: 'public' }, schema: { hide: true } },
    async (req, reply) =>
      pages.serve(req, reply, pageKey(req), async () => {
        const lang = langOf(req);
        const t = await getTenantRowBySlug(db, req.params.slug);
        if (!t) return notFound(req);
        const s = tenantScope(db, t.id);
        // The districts by age group: not when the municipality keeps that level or dimension internal.
        const portal = await portalSettingsOf(s);
        const population =
          portal.hiddenLevels.includes('stadtbezirk') || portal.hiddenDimensions.includes('altersgruppe')
            ? null
            : await publicPopulation(t.id);
        const published = await listIndicators(s, { onlyPublic: true });
        return {
          status: 200,
          type: html,
          headers: PAGE_HEADERS,
          body: renderTenantLanding({
            lang,
            cssHref: PUBLIC_CSS_HREF,
            tenant: await publicTenant(db, t, lang),
            population,
            canonical: `${originOf(req)}/kommune/${t.slug}`,
            entitlementPublished: await hasPublishedPlan(s),
            conferences: await openConferenceLinks(s, lang),
            indicators: published
              .filter((i) => i.coverage.observations > 0)
              .map((i) => ({
                code: i.code,
                name: lang === 'en' && i.nameEn ? i.nameEn : i.nameDe,
                lastPeriod: i.coverage.lastPeriod,
              })),
          }),
        };
      }),
  );

  /** Published indicators by topic with disclosure-controlled downloads (no login). */
  app.get<{ Params: { slug: string } }>(
    '/kommune/:slug/daten',
    { config: { access: 'public' }, schema: { hide: true } },
    async (req, reply) =>
      pages.serve(req, reply, pageKey(req), async () => {
        const lang = langOf(req);
        const t = await getTenantRowBySlug(db, req.params.slug);
        if (!t) return notFound(req);
        const list = await listIndicators(tenantScope(db, t.id), { onlyPublic: true });
        return {
          status: 200,
          type: html,
          headers: PAGE_HEADERS,
          body: renderOpenData({
            lang,
            cssHref: PUBLIC_CSS_HREF,
            tenant: await publicTenant(db, t, lang),
            canonical: `${originOf(req)}/kommune/${t.slug}/daten`,
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
        };
      }),
  );

  /**
   * One published indicator: its page (chart, map, tables, definition, downloads), or a download as
   * German CSV, XLSX or JSON — always the public (protected) view, withheld cells „.“. Also the DCAT-AP.de
   * catalogue of all published indicators (`katalog.ttl`, `katalog.jsonld`).
   */
  app.get<{ Params: { slug: string; file: string }; Querystring: Record<string, unknown> }>(
    '/kommune/:slug/daten/:file',
    { config: { access: 'public' }, schema: { hide: true } },
    async (req, reply) =>
      pages.serve(req, reply, pageKey(req), async () => {
        const t = await getTenantRowBySlug(db, req.params.slug);
        if (!t) return notFound(req);
        const s = tenantScope(db, t.id);
        const file = req.params.file;
        const cat = /^katalog\.(ttl|jsonld)$/.exec(file);
        if (cat) return catalogue(req, t, cat[1] as 'ttl' | 'jsonld');
        const m = /^(.+)\.(csv|json|xlsx|geojson)$/.exec(file);
        const code = m ? m[1]! : file;
        const ind = INDICATOR_CODE.test(code) ? await findIndicatorByCode(s, code) : null;
        if (!ind || ind.visibility !== 'public') return notFound(req);
        const portal = await portalSettingsOf(s);
        if (!m) return indicatorPage(req, t, ind, portal);
        if (m[2] === 'geojson') return indicatorMap(req, t, ind, portal);
        const obs = await publicOnly(s, ind, await publicObservations(s, ind, {}), portal);
        const tidy = await tidyRows(s, ind, obs);
        const notice = noticeOf('public', 'all', await thresholdOf(s, ind), ind, obs);
        const base = exportFileBase(ind.code, notice);
        const headers = (ext: string) => ({
          'cache-control': 'no-cache',
          'access-control-allow-origin': '*',
          'content-disposition': `attachment; filename="${base}.${ext}"`,
        });
        if (m[2] === 'json')
          return {
            status: 200,
            type: 'application/json; charset=utf-8',
            headers: headers('json'),
            body: JSON.stringify(toJson(tidy, ind, notice)),
          };
        if (m[2] === 'xlsx')
          return {
            status: 200,
            type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
            headers: headers('xlsx'),
            body: await toXlsx(tidy, ind, notice),
          };
        return {
          status: 200,
          type: 'text/csv; charset=utf-8',
          headers: headers('csv'),
          body: toGermanCsv(tidy, notice),
        };
      }),
  );

  /** Public area profile (Sozialraumprofil): published indicators of one area against its reference areas. */
  app.get<{ Params: { slug: string; code: string } }>(
    '/kommune/:slug/gebiete/:code',
    { config: { access: 'public' }, schema: { hide: true } },
    async (req, reply) =>
      pages.serve(req, reply, pageKey(req), async () => {
        const t = await getTenantRowBySlug(db, req.params.slug);
        if (!t) return notFound(req);
        const s = tenantScope(db, t.id);
        const all = await listAreas(s, {});
        const hidden = new Set<string>((await portalSettingsOf(s)).hiddenLevels);
        const area = all.find((a) => a.code === req.params.code && !a.validTo && !hidden.has(a.level));
        if (!area) return notFound(req);
        const lang = langOf(req);
        const profile = await areaProfile(s, area.id, 'public');
        const siblings = all.filter(
          (a) => a.level === area.level && a.parentId === area.parentId && !a.validTo,
        );
        const geo = area.hasGeometry ? await areaGeometry(s, area.level, undefined) : null;
        const keep = new Set(siblings.map((a) => a.code));
        const parent = area.parentId ? all.find((a) => a.id === area.parentId) : undefined;
        const entries = await publishedEntries(s);
        return {
          status: 200,
          type: html,
          headers: PAGE_HEADERS,
          body: renderAreaPage({
            lang,
            cssHref: PUBLIC_CSS_HREF,
            tenant: await publicTenant(db, t, lang),
            origin: originOf(req),
            profile,
            shapes: (geo?.features ?? [])
              .filter((f) => keep.has(f.properties.code))
              .map((f) => ({
                code: f.properties.code,
                name: f.properties.name,
                geometry: f.geometry,
                self: f.properties.code === area.code,
              })),
            children: all
              .filter((a) => a.parentId === area.id && !a.validTo && !hidden.has(a.level))
              .map((a) => ({ code: a.code, name: a.name })),
            parent: parent ? { code: parent.code, name: parent.name } : null,
            directoryCount: entries.filter((e) => e.area?.code === area.code).length,
          }),
        };
      }),
  );

  type IndicatorRequest = FastifyRequest<{ Querystring: Record<string, unknown> }>;
  type PublicIndicator = NonNullable<Awaited<ReturnType<typeof findIndicatorByCode>>>;

  /** The page's data for the selection of the query (`zeitpunkt`, `ebene`, `m_<dimension>`): public view. */
  function indicatorData(req: IndicatorRequest, t: TenantRow, ind: PublicIndicator, portal: PortalSettings) {
    const q = req.query;
    const str = (v: unknown) =>
      typeof v === 'string' && v.length <= 40 ? v : v === undefined ? undefined : '?';
    return publicIndicatorData(tenantScope(db, t.id), ind, {
      period: str(q.zeitpunkt),
      level: str(q.ebene),
      dims: Object.fromEntries(
        Object.entries(q).flatMap(([k, v]) =>
          k.startsWith('m_') && typeof v === 'string' && v !== '' ? [[k.slice(2), str(v) ?? '?']] : [],
        ),
      ),
      hiddenLevels: portal.hiddenLevels,
      hiddenDimensions: portal.hiddenDimensions,
    });
  }

  /**
   * The indicator page's map as GeoJSON (`<code>.geojson`, same query as the page): the areas with the
   * values the page shows – the public view, withheld cells value null and flag „.“ – and their class
   * colours. Read by the MapLibre enhancement of the page; open data as well.
   */
  async function indicatorMap(
    req: IndicatorRequest,
    t: TenantRow,
    ind: PublicIndicator,
    portal: PortalSettings,
  ): Promise<Page> {
    const { data, valid } = await indicatorData(req, t, ind, portal);
    const headers = { 'cache-control': 'no-cache', 'access-control-allow-origin': '*' };
    if (!valid)
      return {
        status: 400,
        type: 'application/json; charset=utf-8',
        headers,
        body: JSON.stringify({
          error: 'bad_request',
          message: 'Unbekannter Zeitpunkt, unbekannte Raumebene oder unbekannter Wert eines Merkmals.',
        }),
      };
    return {
      status: 200,
      type: 'application/geo+json; charset=utf-8',
      headers,
      body: JSON.stringify({
        ...choroplethGeoJson(data.byArea, ind.decimals, langOf(req)),
        indicator: ind.code,
        unit: ind.unit,
        period: data.period,
        level: data.level,
        view: 'public',
      }),
    };
  }

  async function indicatorPage(
    req: IndicatorRequest,
    t: TenantRow,
    ind: PublicIndicator,
    portal: PortalSettings,
  ): Promise<Page> {
    const lang = langOf(req);
    const { data, valid } = await indicatorData(req, t, ind, portal);
    const periods = [...new Set(data.series.flatMap((x) => x.points.map((p) => p.period)))];
    const cells = data.series.flatMap((x) =>
      x.points.map((p) => ({
        areaCode: x.code,
        areaName: x.name,
        period: p.period,
        value: p.value,
        flag: p.flag,
      })),
    );
    const svg = cells.length
      ? chartSvg(
          {
            indicatorCode: ind.code,
            indicatorName: ind.nameDe,
            unit: ind.unit,
            decimals: ind.decimals,
            source: ind.source,
            licence: ind.licence,
            dataVersion: ind.dataVersion,
            selection: data.selection,
            takenAt: new Date().toISOString(),
            cells,
          },
          periods.length > 1 ? 'series' : 'areas',
        )
      : null;
    return {
      status: valid ? 200 : 400,
      type: html,
      headers: PAGE_HEADERS,
      body: renderIndicatorPage({
        lang,
        cssHref: PUBLIC_CSS_HREF,
        tenant: await publicTenant(db, t, lang),
        origin: originOf(req),
        chartSvg: svg,
        mapScript,
        ...data,
      }),
    };
  }

  async function catalogue(req: FastifyRequest, t: TenantRow, format: 'ttl' | 'jsonld'): Promise<Page> {
    const indicators = await listIndicators(tenantScope(db, t.id), { onlyPublic: true });
    const quads = catalogueQuads({
      origin: originOf(req),
      tenant: { slug: t.slug, name: t.name, ags: t.ags },
      indicators,
    });
    const headers = { 'cache-control': 'no-cache', 'access-control-allow-origin': '*' };
    if (format === 'ttl')
      return { status: 200, type: 'text/turtle; charset=utf-8', headers, body: await catalogueTurtle(quads) };
    return {
      status: 200,
      type: 'application/ld+json; charset=utf-8',
      headers,
      body: JSON.stringify(catalogueJsonLd(quads), null, 1),
    };
  }

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
