import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';

/*
 * CSRF (ADR 0003). Double submit with @fastify/csrf-protection: a signed, HttpOnly secret cookie
 * `dkbm_csrf` plus a token in the header `x-csrf-token` (or the form field `_csrf`). The token is bound
 * (HMAC `userInfo`) to what the request acts as: the session, "anonymous" before sign-in, or — on the
 * external rater form — the participant of the link. A token handed out anonymously therefore does not
 * work with a session cookie, nor one of a rater link on another link. On top, state-changing requests
 * whose `Sec-Fetch-Site` or `Origin` names another site are refused before the token is looked at.
 */

export const CSRF_COOKIE = 'dkbm_csrf';

/** The HMAC key of the binding, derived from the cookie secret. */
export const csrfHmacKey = (cookieSecret: string): Buffer =>
  crypto.createHmac('sha256', cookieSecret).update('dkbm-csrf-binding').digest();

/** Binding of the tokens of a session (its id is the SHA-256 of the cookie). */
export const sessionBinding = (sessionId: string) => `sitzung:${sessionId}`;
/** Binding of the tokens of a browser without a session. */
export const ANONYMOUS_BINDING = 'anonym';

/** What a token of this request is bound to: a route's own binding, else the session, else anonymous. */
export function csrfBinding(req: FastifyRequest): string {
  const own = req.routeOptions.config?.csrfBinding;
  if (own) return own(req);
  return req.auth ? sessionBinding(req.auth.sessionId) : ANONYMOUS_BINDING;
}

/**
 * A CSRF token for the answer to this request, bound to `binding` (default: as `csrfBinding`); sets the
 * secret cookie if the browser has none yet, `Secure` like the session cookie.
 */
export function issueCsrfToken(
  req: FastifyRequest,
  reply: FastifyReply,
  cookieSecure: 'auto' | boolean,
  binding: string = csrfBinding(req),
): string {
  const secure = cookieSecure === 'auto' ? req.protocol === 'https' : cookieSecure;
  return reply.generateCsrf({ userInfo: binding, secure } as Parameters<FastifyReply['generateCsrf']>[0]);
}

/**
 * True when the browser says the request comes from another site. `Sec-Fetch-Site` decides when present
 * (anything but same-origin/none is foreign); else an `Origin` that is neither this server's address nor
 * PUBLIC_URL. `Origin: null` alone decides nothing: browsers send it for their own form posts from pages
 * with `Referrer-Policy: no-referrer` (the rater form). Requests without these headers (curl, the CLI,
 * old browsers) are left to the token.
 */
function isForeignOrigin(req: FastifyRequest, publicUrl: string | undefined): boolean {
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string') return site !== 'same-origin' && site !== 'none';
  const origin = req.headers.origin;
  if (origin === undefined || origin === 'null') return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return true;
  }
  // This server's own address, with the default port of the origin's scheme left out like in `Origin`.
  if (url.host === new URL(`${url.protocol}//${req.host}`).host) return false;
  return !publicUrl || url.origin !== new URL(publicUrl).origin;
}

/** The error of a refused cross-site request; handled like a CSRF failure (403 `csrf`). */
function foreignOriginError(): Error {
  return Object.assign(new Error('Anfrage von einer fremden Seite abgelehnt'), {
    statusCode: 403,
    code: 'FST_CSRF_FOREIGN_ORIGIN',
  });
}

/**
 * The CSRF check of a state-changing request: other sites refused, then the token against the secret
 * cookie and the binding. A hook (onRequest for JSON, preHandler for forms whose token is in the body).
 */
export function csrfCheck(app: FastifyInstance) {
  return (req: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void => {
    if (isForeignOrigin(req, app.ctx.config.publicUrl)) return done(foreignOriginError());
    app.csrfProtection(req, reply, done);
  };
}
