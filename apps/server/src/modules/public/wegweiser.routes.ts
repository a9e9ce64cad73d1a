import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { directorySearchQuerySchema, type DirectoryEntry, type DirectorySource } from '@dkbm/contract';
import ical from 'ical-generator';
import { csvDocument } from '@dkbm/domain';
import { renderPublicNotFound, renderWegweiser, renderWegweiserEntry } from '@dkbm/web/ssr';
import { getTenantRowBySlug } from '../tenants/tenants.service';
import { tenantScope } from '../../platform/tenancy/scope';
import {
  directoryAreas,
  facetSearch,
  matchingEntryIds,
  publishedEntries,
  publishedEntryBySlug,
} from '../directory/entries.service';

import { toPublic } from './public.routes';
import { langOf, PUBLIC_CSS_HREF } from '../../platform/http/publicPage';

const html = 'text/html; charset=utf-8';

/** Public Bildungswegweiser: search, detail pages, open data of the published entries. No JavaScript. */
export const wegweiserRoutes: FastifyPluginAsync = async (app) => {
  const { db } = app.ctx;

  const notFoundPage = (req: FastifyRequest, reply: FastifyReply) =>
    reply
      .status(404)
      .type(html)
      .send(renderPublicNotFound({ lang: langOf(req), cssHref: PUBLIC_CSS_HREF, path: req.url }));

  const sourcesOf = (entries: readonly DirectoryEntry[]): DirectorySource[] => [
    ...new Map(entries.flatMap((e) => (e.source ? [[e.source.name, e.source] as const] : []))).values(),
  ];

  app.get<{ Params: { slug: string }; Querystring: Record<string, unknown> }>(
    '/kommune/:slug/wegweiser',
    { config: { access: 'public' }, schema: { hide: true } },
    async (req, reply) => {
      const t = await getTenantRowBySlug(db, req.params.slug);
      if (!t) return notFoundPage(req, reply);
      const lang = langOf(req);
      const parsed = directorySearchQuerySchema.safeParse(req.query);
      // An unknown filter value names nothing: show the search without filters rather than an error page.
      const query = parsed.success ? parsed.data : directorySearchQuerySchema.parse({});
      const s = tenantScope(db, t.id);
      const all = await publishedEntries(s);
      let entries = all;
      if (query.q) {
        const ids = await matchingEntryIds(s, query.q);
        entries = all.filter((e) => ids.has(e.id));
      }
      const result = facetSearch(entries, query);
      reply.header('cache-control', 'no-cache').header('vary', 'Cookie, Accept-Language');
      return reply
        .status(parsed.success ? 200 : 400)
        .type(html)
        .send(
          renderWegweiser({
            lang,
            cssHref: PUBLIC_CSS_HREF,
            tenant: toPublic(t, lang),
            query,
            ...result,
            areas: await directoryAreas(s, all),
            sources: sourcesOf(all),
          }),
        );
    },
  );

  app.get<{ Params: { slug: string; entry: string } }>(
    '/kommune/:slug/wegweiser/:entry',
    { config: { access: 'public' }, schema: { hide: true } },
    async (req, reply) => {
      const t = await getTenantRowBySlug(db, req.params.slug);
      if (!t) return notFoundPage(req, reply);
      const entry = await publishedEntryBySlug(tenantScope(db, t.id), req.params.entry);
      if (!entry) return notFoundPage(req, reply);
      const lang = langOf(req);
      const path = `/kommune/${t.slug}/wegweiser/${entry.slug}`;
      reply.header('cache-control', 'no-cache').header('vary', 'Cookie, Accept-Language');
      return reply.type(html).send(
        renderWegweiserEntry({
          lang,
          cssHref: PUBLIC_CSS_HREF,
          tenant: toPublic(t, lang),
          entry,
          canonical: `${req.protocol}://${req.host}${path}`,
        }),
      );
    },
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
