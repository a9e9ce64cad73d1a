import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { listTenants } from '../tenants/tenants.service';
import { tenantScope } from '../../platform/tenancy/scope';
import { publishedEntries } from '../directory/entries.service';
import { listIndicators } from '../monitoring/catalog.service';
import { listAreas } from '../monitoring/areas.service';

const xmlEscape = (s: string) =>
  s.replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!,
  );

const originOf = (req: FastifyRequest) => `${req.protocol}://${req.host}`;

/** robots.txt and sitemap.xml of the public portal (search engines and open data portals). */
export const seoRoutes: FastifyPluginAsync = async (app) => {
  const { db } = app.ctx;

  app.get('/robots.txt', { config: { access: 'public' }, schema: { hide: true } }, async (req, reply) => {
    reply.header('cache-control', 'public, max-age=3600');
    return reply
      .type('text/plain; charset=utf-8')
      .send(
        `User-agent: *\nDisallow: /app/\nDisallow: /api/\nAllow: /\nSitemap: ${originOf(req)}/sitemap.xml\n`,
      );
  });

  app.get('/sitemap.xml', { config: { access: 'public' }, schema: { hide: true } }, async (req, reply) => {
    const origin = originOf(req);
    const urls: Array<{ loc: string; lastmod?: string }> = [{ loc: `${origin}/` }];
    for (const t of await listTenants(db)) {
      const base = `${origin}/kommune/${t.slug}`;
      urls.push({ loc: base }, { loc: `${base}/wegweiser` }, { loc: `${base}/daten` });
      const s = tenantScope(db, t.id);
      for (const i of await listIndicators(s, { onlyPublic: true })) {
        if (i.coverage.observations > 0)
          urls.push({ loc: `${base}/daten/${i.code}`, lastmod: i.updatedAt.slice(0, 10) });
      }
      for (const a of await listAreas(s, {})) {
        if (!a.validTo) urls.push({ loc: `${base}/gebiete/${encodeURIComponent(a.code)}` });
      }
      for (const e of await publishedEntries(s)) {
        urls.push({ loc: `${base}/wegweiser/${e.slug}`, lastmod: e.updatedAt.slice(0, 10) });
      }
    }
    reply.header('cache-control', 'public, max-age=3600');
    return reply
      .type('application/xml; charset=utf-8')
      .send(
        `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls
          .map(
            (u) =>
              `<url><loc>${xmlEscape(u.loc)}</loc>${u.lastmod ? `<lastmod>${u.lastmod}</lastmod>` : ''}</url>`,
          )
          .join('\n')}\n</urlset>\n`,
      );
  });
};
