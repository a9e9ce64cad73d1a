import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { directorySearchQuerySchema, type DirectoryEntry, type DirectorySource } from '@dkbm/contract';
import ical from 'ical-generator';
import { csvDocument } from '@dkbm/domain';
import { renderPublicNotFound, renderWegweiser, renderWegweiserEntry } from '@dkbm/web/ssr';
import { getTenantRowBySlug } from '../tenants/tenants.service';
import { tenantScope, type TenantScope } from '../../platform/tenancy/scope';
import {
  directoryAreas,
  knownPlaces,
  locateAddress,
  lexemeIndex,
  lexemeMatches,
  searchLexemes,
  prepareSearch,
  searchIndex,
  publishedEntries,
  publishedEntryBySlug,
  publishedStamp,
  areaCentre,
} from '../directory/entries.service';

import { pageKey } from './public.routes';
import { publicTenant } from './portal.service';
import { langOf, PUBLIC_CSS_HREF, publicMapScript } from '../../platform/http/publicPage';
import type { Lang } from '@dkbm/web/ssr';
import { pageCacheOf, type Page } from '../../platform/http/pageCache';

const html = 'text/html; charset=utf-8';
const PAGE_HEADERS = { 'cache-control': 'no-cache', vary: 'Cookie, Accept-Language' };

/** Public Bildungswegweiser: search, detail pages, open data of the published entries. No JavaScript. */
export const wegweiserRoutes: FastifyPluginAsync = async (app) => {
  const { db } = app.ctx;
  // The map's enhancement script (MapLibre) from the web build, if there is one (ADR 0013).
  const mapScript = publicMapScript();

  const notFoundPage = (req: FastifyRequest, reply: FastifyReply) =>
    reply
      .status(404)
      .type(html)
      .send(renderPublicNotFound({ lang: langOf(req), cssHref: PUBLIC_CSS_HREF, path: req.url }));

  // The sources of a list of entries, once per list (a search would otherwise walk all 10,000 entries again).
  const sourceLists = new WeakMap<readonly DirectoryEntry[], DirectorySource[]>();
  const sourcesOf = (entries: readonly DirectoryEntry[]): DirectorySource[] => {
    let list = sourceLists.get(entries);
    if (!list) {
      list = [
        ...new Map(entries.flatMap((e) => (e.source ? [[e.source.name, e.source] as const] : []))).values(),
      ];
      sourceLists.set(entries, list);
    }
    return list;
  };

  const pages = pageCacheOf(app.ctx);
  const notFound = (req: FastifyRequest): Page => ({
    status: 404,
    type: html,
    body: renderPublicNotFound({ lang: langOf(req), cssHref: PUBLIC_CSS_HREF, path: req.url }),
    headers: PAGE_HEADERS,
  });
  /*
   * The published entries, their areas and the ids a search term matches, kept like the pages (rebuilt
   * after every change in this process, refreshed in the background after the read cache's TTL — but only
   * when the entries' data version changed, so an idle portal does not reload them every 30 s): a search
   * over 10,000 entries then needs no database round trip for the entries.
   */
  const stampOf = (s: TenantScope) => () => publishedStamp(s);
  const published = (s: TenantScope) =>
    pages.memo(`directory:published:${s.tenantId}`, () => publishedEntries(s), stampOf(s));
  // Derived from the very list `published` gives (not reloaded on their own: never from an older list).
  const indexes = new WeakMap<readonly DirectoryEntry[], ReturnType<typeof prepareSearch>>();
  const prepared = async (s: TenantScope) => {
    const all = await published(s);
    let index = indexes.get(all);
    if (!index) indexes.set(all, (index = prepareSearch(all)));
    return index;
  };
  // The municipality and its portal settings: no database round trip for a search either.
  const tenantBySlug = (slug: string) => pages.memo(`tenant:${slug}`, () => getTenantRowBySlug(db, slug));
  const portalTenant = (t: NonNullable<Awaited<ReturnType<typeof getTenantRowBySlug>>>, lang: Lang) =>
    pages.memo(`tenant:public:${t.id}:${lang}`, () => publicTenant(db, t, lang));
  const areasOf = (s: TenantScope, all: readonly DirectoryEntry[]) =>
    pages.memo(`directory:areas:${s.tenantId}`, () => directoryAreas(s, all));
  const placeLists = new WeakMap<readonly DirectoryEntry[], ReturnType<typeof knownPlaces>>();
  const places = async (s: TenantScope) => {
    const all = await published(s);
    let list = placeLists.get(all);
    if (!list) {
      list = knownPlaces(s, all);
      placeLists.set(all, list);
      list.catch(() => placeLists.delete(all));
    }
    return list;
  };
  // The full-text matches of a search text: its lexemes (one small query per text, kept: they depend on
  // the text only) against an index of every published entry's lexemes, made once per data version. The
  // matches are kept per data version without a stamp of their own (reading the stamp would cost more
  // than matching again).
  const lexemes = (s: TenantScope) =>
    pages.memo(`directory:lexemes:${s.tenantId}`, () => lexemeIndex(s), stampOf(s));
  const wordsOfText = new Map<string, Promise<string[]>>();
  const wordsOf = (s: TenantScope, q: string) => {
    let words = wordsOfText.get(q);
    if (!words) {
      words = searchLexemes(s, q);
      wordsOfText.set(q, words);
      words.catch(() => wordsOfText.delete(q));
      if (wordsOfText.size > 1000) wordsOfText.delete(wordsOfText.keys().next().value!);
    }
    return words;
  };
  const matching = (s: TenantScope, q: string) =>
    pages.memo(`directory:q:${s.tenantId}:${q}`, async () => {
      const [index, words] = await Promise.all([lexemes(s), wordsOf(s, q)]);
      return lexemeMatches(index, words);
    });

  /** The search of the Wegweiser's GET form (the page and its map data share it). */
  async function search(req: FastifyRequest<{ Querystring: Record<string, unknown> }>, tenantId: string) {
    // An empty choice of the sort form („–“) means none.
    const raw = { ...req.query };
    delete raw.lang;
    if (raw.von === '') delete raw.von;
    if (raw.zeitraum === '') delete raw.zeitraum;
    const parsed = directorySearchQuerySchema.safeParse(raw);
    // An unknown filter value names nothing: show the search without filters rather than an error page.
    const query = parsed.success ? parsed.data : directorySearchQuerySchema.parse({});
    const s = tenantScope(db, tenantId);
    const [all, index] = await Promise.all([published(s), prepared(s)]);
    const ids = query.q ? await matching(s, query.q) : null;
    // A typed address (ADR 0013: looked up in the municipality's own data) before an area's centre.
    const located = query.adresse ? locateAddress(await places(s), query.adresse) : null;
    if (located && query.sortierung === 'relevanz') query.sortierung = 'entfernung';
    const from = located ?? (query.von && !query.adresse ? await areaCentre(s, query.von) : null);
    const result = searchIndex(index, ids, query, from);
    const areaList = await areasOf(s, all);
    return { valid: parsed.success, query, located, result, areaList, all };
  }

  app.get<{ Params: { slug: string }; Querystring: Record<string, unknown> }>(
    '/kommune/:slug/wegweiser',
    { config: { access: 'public' }, schema: { hide: true } },
    async (req, reply) =>
      pages.serve(req, reply, pageKey(req), async () => {
        const t = await tenantBySlug(req.params.slug);
        if (!t) return notFound(req);
        const lang = langOf(req);
        const { valid, query, located, result, areaList, all } = await search(req, t.id);
        const qs = req.url.includes('?') ? req.url.slice(req.url.indexOf('?') + 1) : '';
        const dataQuery = new URLSearchParams(qs);
        dataQuery.set('lang', lang);
        return {
          status: valid ? 200 : 400,
          type: html,
          headers: PAGE_HEADERS,
          body: renderWegweiser({
            lang,
            cssHref: PUBLIC_CSS_HREF,
            tenant: await portalTenant(t, lang),
            query,
            ...result,
            map: mapScript
              ? { script: mapScript, data: `/kommune/${t.slug}/wegweiser.geojson?${dataQuery}` }
              : null,
            distanceFrom: located
              ? located.label
              : query.von
                ? (areaList.find((a) => a.code === query.von)?.name ?? null)
                : null,
            unknownAddress: query.adresse && !located ? query.adresse : null,
            areas: areaList,
            sources: sourcesOf(all),
          }),
        };
      }),
  );

  app.get<{ Params: { slug: string; entry: string } }>(
    '/kommune/:slug/wegweiser/:entry',
    { config: { access: 'public' }, schema: { hide: true } },
    async (req, reply) =>
      pages.serve(req, reply, pageKey(req), async () => {
        const t = await getTenantRowBySlug(db, req.params.slug);
        if (!t) return notFound(req);
        const entry = await publishedEntryBySlug(tenantScope(db, t.id), req.params.entry);
        if (!entry) return notFound(req);
        const lang = langOf(req);
        const path = `/kommune/${t.slug}/wegweiser/${entry.slug}`;
        return {
          status: 200,
          type: html,
          headers: PAGE_HEADERS,
          body: renderWegweiserEntry({
            lang,
            cssHref: PUBLIC_CSS_HREF,
            tenant: await publicTenant(db, t, lang),
            entry,
            canonical: `${req.protocol}://${req.host}${path}`,
          }),
        };
      }),
  );

  /** The dates of an offer as iCalendar (local times of the municipality, „floating“). */
  app.get<{ Params: { slug: string; entry: string } }>(
    '/kommune/:slug/wegweiser/:entry/termine.ics',
    { config: { access: 'public' }, schema: { hide: true } },
    async (req, reply) => {
      const t = await getTenantRowBySlug(db, req.params.slug);
      const entry = t ? await publishedEntryBySlug(tenantScope(db, t.id), req.params.entry) : null;
      const dates = (entry?.details as { dates?: Array<{ start: string; end: string | null }> } | undefined)
        ?.dates;
      if (!t || !entry || !dates?.length) return notFoundPage(req, reply);
      const url = `${req.protocol}://${req.host}/kommune/${t.slug}/wegweiser/${entry.slug}`;
      const cal = ical({
        name: `${entry.name} – ${t.name}`,
        prodId: { company: 'DKBM', product: 'Bildungswegweiser', language: 'DE' },
      });
      const location = entry.address
        ? `${entry.address.street}, ${entry.address.postcode} ${entry.address.city}`
        : null;
      dates.forEach((d, i) =>
        cal.createEvent({
          id: `${entry.id}-${i}@dkbm`,
          start: `${d.start}:00`,
          end: d.end ? `${d.end}:00` : null,
          floating: true,
          summary: entry.name,
          description: entry.description || null,
          location,
          url,
        }),
      );
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', `attachment; filename="${entry.slug}.ics"`)
        .send(cal.toString());
    },
  );

  /**
   * The hits of a Wegweiser search as GeoJSON (same query as the page): one point per published entry with
   * coordinates, and the areas the page's map draws. Read by the map's MapLibre enhancement (ADR 0013).
   */
  app.get<{ Params: { slug: string }; Querystring: Record<string, unknown> }>(
    '/kommune/:slug/wegweiser.geojson',
    { config: { access: 'public' }, schema: { hide: true } },
    async (req, reply) =>
      pages.serve(req, reply, pageKey(req), async () => {
        const t = await tenantBySlug(req.params.slug);
        if (!t) return notFound(req);
        const { valid, result, areaList } = await search(req, t.id);
        return {
          status: valid ? 200 : 400,
          type: 'application/geo+json; charset=utf-8',
          headers: { 'cache-control': 'no-cache', 'access-control-allow-origin': '*' },
          body: JSON.stringify(wegweiserGeoJson(t.slug, result.located, areaList)),
        };
      }),
  );

  for (const format of ['csv', 'json'] as const) {
    app.get<{ Params: { slug: string } }>(
      `/kommune/:slug/wegweiser.${format}`,
      { config: { access: 'public' }, schema: { hide: true } },
      async (req, reply) => {
        const t = await getTenantRowBySlug(db, req.params.slug);
        if (!t) return notFoundPage(req, reply);
        const entries = await publishedEntries(tenantScope(db, t.id));
        const records = entries.map((e) => openDataRecord(e, `/kommune/${t.slug}/wegweiser/${e.slug}`));
        const file = `bildungswegweiser_${t.slug}`;
        reply.header('cache-control', 'no-cache').header('access-control-allow-origin', '*');
        if (format === 'json') {
          return reply
            .type('application/json; charset=utf-8')
            .header('content-disposition', `attachment; filename="${file}.json"`)
            .send({ municipality: t.name, sources: sourcesOf(entries), entries: records });
        }
        const header = Object.keys(openDataRecord(null, ''));
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${file}.csv"`)
          .send(csvDocument([header, ...records.map((r) => header.map((h) => r[h] ?? ''))]));
      },
    );
  }
};

/** One entry as an open data record (German column names; coordinates WGS84 with a decimal point). */
function openDataRecord(e: DirectoryEntry | null, path: string): Record<string, string | null> {
  return {
    kennung: e?.slug ?? null,
    art: e ? (e.kind === 'ort' ? 'Ort' : 'Angebot') : null,
    name: e?.name ?? null,
    typ: e?.type ?? null,
    bildungsbereiche: e?.categories.join(',') ?? null,
    traeger: e?.provider ?? null,
    strasse: e?.address?.street ?? null,
    plz: e?.address?.postcode ?? null,
    ort: e?.address?.city ?? null,
    breitengrad: e?.location ? String(e.location.lat) : null,
    laengengrad: e?.location ? String(e.location.lon) : null,
    gebiet: e?.area?.code ?? null,
    gebiet_name: e?.area?.name ?? null,
    seite: e ? path : null,
    quelle: e?.source?.name ?? null,
    lizenz: e?.source?.licence ?? null,
  };
}

/** Points of the located hits and the areas' boundaries, for the interactive map. */
function wegweiserGeoJson(
  slug: string,
  located: readonly DirectoryEntry[],
  areas: ReadonlyArray<{ code: string; name: string; geometry: unknown }>,
) {
  return {
    type: 'FeatureCollection',
    features: [
      ...areas
        .filter((a) => a.geometry)
        .map((a) => ({
          type: 'Feature',
          geometry: a.geometry,
          properties: { layer: 'gebiet', code: a.code, name: a.name, text: a.name },
        })),
      ...located.map((e) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [e.location!.lon, e.location!.lat] },
        properties: {
          layer: e.kind,
          code: e.slug,
          name: e.name,
          text: e.name,
          href: `/kommune/${slug}/wegweiser/${e.slug}`,
        },
      })),
    ],
  };
}
