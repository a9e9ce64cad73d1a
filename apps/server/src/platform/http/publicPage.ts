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

/** The page language: the `lang` cookie, else Accept-Language (English only when asked first), else German. */
export function langOf(req: FastifyRequest): Lang {
  const c = req.cookies.lang;
  if (c === 'de' || c === 'en') return c;
  const accept = req.headers['accept-language'] ?? '';
  return /^en\b/i.test(accept) ? 'en' : 'de';
}
