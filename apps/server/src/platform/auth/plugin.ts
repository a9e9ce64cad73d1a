import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { resolveSession, SESSION_COOKIE } from './sessions';
import { HttpError, unauthorized } from '../http/errors';

export function sessionCookieOptions(req: FastifyRequest, secureSetting: 'auto' | boolean, maxAgeMs: number) {
  const secure = secureSetting === 'auto' ? req.protocol === 'https' : secureSetting;
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure,
    maxAge: Math.floor(maxAgeMs / 1000),
  };
}

/** Methods that change nothing (the CSRF check and the read cache treat them alike). */
export const isSafeMethod = (method: string) => method === 'GET' || method === 'HEAD' || method === 'OPTIONS';

/** Attaches `req.auth` from the session cookie on every request. */
export const authPlugin = fp(async (app) => {
  app.decorateRequest('auth', null);
  app.decorateRequest('tenant', null);
  app.decorateRequest('scope', null);
  app.addHook('onRequest', async (req) => {
    const token = req.cookies[SESSION_COOKIE];
    if (!token) return;
    const { config, db, cache } = app.ctx;
    // State-changing requests read the session from the database, never from the cache: a session
    // ended by another process cannot change anything, not even within the cache's TTL.
    req.auth = await resolveSession(
      db,
      token,
      { ttlMs: config.sessionTtlMs, idleMs: config.sessionIdleMs },
      isSafeMethod(req.method) ? cache : undefined,
    );
  });
});

export async function requireUser(req: FastifyRequest, _reply: FastifyReply): Promise<void> {
  if (!req.auth) throw unauthorized();
}

export async function requirePlatformAdmin(req: FastifyRequest, _reply: FastifyReply): Promise<void> {
  if (!req.auth) throw unauthorized();
  if (!req.auth.user.isPlatformAdmin) {
    throw new HttpError(403, 'forbidden', 'Diese Aktion ist der Plattformadministration vorbehalten.');
  }
}
