import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { SESSION_COOKIE } from '../auth/sessions';
import { pageCacheOf } from './pageCache';
import { langFrom, publicPageKey } from './publicPage';

type Middleware = (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void;

/** The headers a middleware sets on a response (helmet sets the same ones on every response). */
export function headersOf(middleware: Middleware): Record<string, string> {
  const out: Record<string, string> = {};
  const res = {
    setHeader: (k: string, v: unknown) => void (out[k.toLowerCase()] = String(v)),
    removeHeader: (k: string) => void delete out[k.toLowerCase()],
    getHeader: (k: string) => out[k.toLowerCase()],
  };
  middleware({ headers: {} } as IncomingMessage, res as unknown as ServerResponse, (err) => {
    if (err) throw err;
  });
  return out;
}

/**
 * Anonymous readers of cached public pages are answered in the first onRequest hook (issue 13: a press
 * article linking to the portal must not take it down): a GET or HEAD without a session cookie whose page
 * is fresh in the page cache gets the cached bytes with the headers the normal way would send (the
 * security headers, computed once, and the request id) — without cookie parsing, session, CSRF and the
 * route's hooks. Anything else (a session cookie, no fresh page, a compressed variant not yet made) goes
 * the normal way. Must be registered before every other onRequest hook. ADR 0013.
 */
export function answerCachedPagesEarly(app: FastifyInstance, securityHeaders: Middleware): void {
  const pages = pageCacheOf(app.ctx);
  const security = headersOf(securityHeaders);
  app.addHook('onRequest', (req, reply, done) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || pages.size === 0) return done();
    const header = req.headers.cookie;
    const cookies = header ? app.parseCookie(header) : undefined;
    if (cookies?.[SESSION_COOKIE]) return done();
    const key = publicPageKey(req, langFrom(req.query, cookies?.lang, req.headers['accept-language']));
    if (!pages.answerEarly(req, reply, key, { ...security, 'x-request-id': req.id })) done();
  });
}
