import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyRequest } from 'fastify';
import { publicCss, type Lang } from '@dkbm/web/ssr';

/*
 * What every server-rendered public page shares, whichever module renders it (portal, Wegweiser, the
 * external self-assessment form, the published steering report): the address of the one public
 * stylesheet and the language of the request.
 */

const CSS_HASH = crypto.createHash('sha256').update(publicCss).digest('hex').slice(0, 12);
/** The public stylesheet under a content hash (served immutable by app.ts). */
export const PUBLIC_CSS_HREF = `/static/public.${CSS_HASH}.css`;

/**
 * The page language: `?lang=` (the hreflang alternates of a page are its address with the language, no
 * cookie needed), else the `lang` cookie, else Accept-Language (English only when asked first), else German.
 */
export function langOf(req: FastifyRequest): Lang {
  return langFrom(req.query, req.cookies.lang, req.headers['accept-language']);
}

/** Where the built workbench lives (apps/web/dist), from sources or from the server bundle. */
export function webDistDir(): string | null {
  if (process.env.WEB_DIST_DIR) return process.env.WEB_DIST_DIR;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const c = path.join(dir, 'apps', 'web', 'dist');
    if (fs.existsSync(path.join(c, 'index.html'))) return c;
    const c2 = path.join(dir, 'web', 'dist');
    if (fs.existsSync(path.join(c2, 'index.html'))) return c2;
    dir = path.dirname(dir);
  }
  return null;
}

/** The map enhancement's entry in the web build (apps/web/vite.config.ts). */
export const MAP_SCRIPT_ENTRY = 'src/public/karte.client.ts';

/**
 * Address of the public map's enhancement script (MapLibre), a hashed asset of the web build served
 * immutable under /app/assets/ — read from Vite's manifest; null without a build (pages stay without script).
 */
export function publicMapScript(dist: string | null = webDistDir()): string | null {
  if (!dist) return null;
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(dist, '.vite', 'manifest.json'), 'utf8')) as Record<
      string,
      { file?: string }
    >;
    const file = manifest[MAP_SCRIPT_ENTRY]?.file;
    return file && /^assets\/[\w.-]+\.js$/.test(file) ? `/app/${file}` : null;
  } catch {
    return null;
  }
}

/** `langOf` from its parts (the page cache's fast path reads the cookie before the cookie plugin does). */
export function langFrom(
  query: unknown,
  cookie: string | undefined,
  acceptLanguage: string | undefined,
): Lang {
  const q = (query as { lang?: unknown } | undefined)?.lang;
  if (q === 'de' || q === 'en') return q;
  if (cookie === 'de' || cookie === 'en') return cookie;
  return /^en\b/i.test(acceptLanguage ?? '') ? 'en' : 'de';
}

/** Cache key of a public page (pageCache.ts): language, origin and the full URL (query included). */
export const publicPageKey = (req: FastifyRequest, lang: Lang) =>
  `${lang}|${req.protocol}://${req.host}${req.url}`;
