import crypto from 'node:crypto';
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
