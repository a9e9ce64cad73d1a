import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { normalizeIP } from '@fastify/rate-limit';
import { z } from 'zod';
import {
  apiErrorSchema,
  changePasswordSchema,
  invitationAcceptSchema,
  invitationInfoSchema,
  loginSchema,
  resetPasswordSchema,
  sessionInfoSchema,
  type Role,
} from '@dkbm/contract';
import { createSession, deleteSession, SESSION_COOKIE } from '../../platform/auth/sessions';
import { membershipsOf, readMemberships } from '../../platform/tenancy/memberships';
import { sessionCookieOptions } from '../../platform/auth/plugin';
import { HttpError } from '../../platform/http/errors';
import { ANONYMOUS_BINDING, issueCsrfToken, sessionBinding } from '../../platform/auth/csrf';
import { hashToken } from '../../platform/auth/tokens';
import {
  AccountThrottle,
  accountKey,
  DEVICE_COOKIE,
  deviceValue,
  perUserKey,
} from '../../platform/auth/loginThrottle';
import {
  acceptInvitation,
  authenticate,
  changePassword,
  invitationInfo,
  resetPassword,
  resetTokenValid,
  setLocale,
} from './auth.service';

const ok = z.object({ ok: z.literal(true) });
const errors = { 400: apiErrorSchema, 401: apiErrorSchema, 403: apiErrorSchema, 429: apiErrorSchema };

const DEVICE_TTL_MS = 180 * 24 * 3600_000;

/** 429 with Retry-After and the wait in words. */
function tooManyAttempts(reply: FastifyReply, waitMs: number): HttpError {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  reply.header('retry-after', String(seconds));
  const wait =
    seconds < 90 ? `${seconds} Sekunde${seconds === 1 ? '' : 'n'}` : `${Math.ceil(seconds / 60)} Minuten`;
  return new HttpError(
    429,
    'rate_limited',
    `Zu viele Versuche. Bitte warten Sie ${wait} und versuchen Sie es dann erneut.`,
  );
}

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const { config, db, cache } = app.ctx;
  // Sign-in limits (ADR 0003): only failed attempts count, per address and account, and per account
  // from every address with growing delays.
  const failuresByAddress = app.createRateLimit({
    max: config.loginRateLimit.max,
    timeWindow: config.loginRateLimit.windowMs,
    keyGenerator: (req) =>
      `login|${normalizeIP(req.ip)}|${accountKey((req.body as { email?: unknown } | undefined)?.email)}`,
  });
  const failuresByAccount = new AccountThrottle({ windowMs: config.loginRateLimit.windowMs });
  // Wrong current passwords when changing one's password, per account (a stolen session must not
  // become a way to guess the password): the sign-in limit, counting failures only.
  const passwordFailures = app.createRateLimit({
    max: config.loginRateLimit.max,
    timeWindow: config.loginRateLimit.windowMs,
    keyGenerator: perUserKey('password'),
  });

  app.get(
    '/session',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Aktuelle Sitzung und CSRF-Token',
        response: { 200: sessionInfoSchema },
      },
    },
    async (req, reply) => {
      const csrfToken = issueCsrfToken(req, reply, config.cookieSecure);
      reply.header('cache-control', 'no-store');
      if (!req.auth) return { user: null, memberships: [], csrfToken, oidcEnabled: !!config.oidc };
      const userId = req.auth.user.id;
      return {
        user: req.auth.user,
        memberships: await readMemberships(db, userId, cache),
        csrfToken,
        oidcEnabled: !!config.oidc,
      };
    },
  );

  app.post(
    '/login',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Anmelden',
        body: loginSchema,
        response: { 200: sessionInfoSchema, ...errors },
      },
    },
    async (req, reply) => {
      const account = accountKey(req.body.email);
      const byAddress = await failuresByAddress(req, { increment: false });
      if (!byAddress.isAllowed && byAddress.remaining <= 0) throw tooManyAttempts(reply, byAddress.ttl);
      const device = reply.unsignCookie(req.cookies[DEVICE_COOKIE] ?? '');
      const ownDevice = device.valid && device.value === deviceValue(account);
      const wait = ownDevice ? 0 : failuresByAccount.wait(account);
      if (wait > 0) throw tooManyAttempts(reply, wait);
      const user = await authenticate(db, req.body.email, req.body.password);
      if (!user) {
        await failuresByAddress(req);
        failuresByAccount.failed(account);
        throw new HttpError(401, 'invalid_credentials', 'E-Mail-Adresse oder Passwort ist falsch.');
      }
      if (req.auth) await deleteSession(db, req.auth.sessionId);
      const token = await createSession(db, user.id, {
        ttlMs: config.sessionTtlMs,
        idleMs: config.sessionIdleMs,
      });
      reply.setCookie(
        SESSION_COOKIE,
        token,
        sessionCookieOptions(req, config.cookieSecure, config.sessionTtlMs),
      );
      reply.setCookie(DEVICE_COOKIE, deviceValue(account), {
        ...sessionCookieOptions(req, config.cookieSecure, DEVICE_TTL_MS),
        path: '/api/auth/login',
        sameSite: 'strict',
        signed: true,
      });
      return {
        user: {
          id: user.id,
          email: user.email,
          displayName: user.displayName,
          isPlatformAdmin: user.isPlatformAdmin,
          locale: user.locale === 'en' ? ('en' as const) : ('de' as const),
        },
        memberships: await membershipsOf(db, user.id),
        // Bound to the new session (the request still carries the old one, if any).
        csrfToken: issueCsrfToken(req, reply, config.cookieSecure, sessionBinding(hashToken(token))),
        oidcEnabled: !!config.oidc,
      };
    },
  );

  app.post(
    '/logout',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Abmelden',
        description: 'Antwortet mit einem neuen CSRF-Token für die Anfragen ohne Sitzung.',
        response: { 200: ok.extend({ csrfToken: z.string() }) },
      },
    },
    async (req, reply) => {
      if (req.auth) await deleteSession(db, req.auth.sessionId);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return {
        ok: true as const,
        csrfToken: issueCsrfToken(req, reply, config.cookieSecure, ANONYMOUS_BINDING),
      };
    },
  );

  app.post(
    '/password',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['auth'],
        summary: 'Eigenes Passwort ändern',
        body: changePasswordSchema,
        response: { 200: ok, ...errors },
      },
    },
    async (req, reply) => {
      const auth = req.auth!;
      const limit = await passwordFailures(req, { increment: false });
      if (!limit.isAllowed && limit.remaining <= 0) throw tooManyAttempts(reply, limit.ttl);
      const changed = await changePassword(
        db,
        auth.user.id,
        req.body.currentPassword,
        req.body.newPassword,
        auth.sessionId,
      );
      if (!changed) {
        await passwordFailures(req);
        throw new HttpError(400, 'wrong_password', 'Das bisherige Passwort ist falsch.');
      }
      return { ok: true as const };
    },
  );

  app.patch(
    '/me',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['auth'],
        summary: 'Eigene Spracheinstellung ändern',
        body: z.object({ locale: z.enum(['de', 'en']) }),
        response: { 200: ok, ...errors },
      },
    },
    async (req) => {
      await setLocale(db, req.auth!.user.id, req.body.locale);
      return { ok: true as const };
    },
  );

  app.post(
    '/reset',
    {
      schema: {
        tags: ['auth'],
        summary: 'Passwort mit Rücksetz-Link neu setzen',
        body: resetPasswordSchema,
        response: { 200: ok, ...errors },
      },
      config: { access: 'token', rateLimit: { max: 20, timeWindow: 60_000 } },
    },
    async (req) => {
      if (!(await resetPassword(db, req.body.token, req.body.newPassword))) {
        throw new HttpError(400, 'invalid_token', 'Der Link ist ungültig oder abgelaufen.');
      }
      return { ok: true as const };
    },
  );

  app.get(
    '/reset/:token',
    {
      schema: {
        tags: ['auth'],
        summary: 'Rücksetz-Link prüfen (bevor das Formular gezeigt wird)',
        params: z.object({ token: z.string().max(200) }),
        response: { 200: ok, 404: apiErrorSchema },
      },
      config: { access: 'token', rateLimit: { max: 30, timeWindow: 60_000 } },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      if (!(await resetTokenValid(db, req.params.token))) {
        throw new HttpError(404, 'invalid_token', 'Der Link ist ungültig oder abgelaufen.');
      }
      return { ok: true as const };
    },
  );

  const tokenParams = z.object({ token: z.string().min(20).max(200) });

  app.get(
    '/invitations/:token',
    {
      schema: {
        tags: ['auth'],
        summary: 'Einladung prüfen',
        params: tokenParams,
        response: { 200: invitationInfoSchema, 404: apiErrorSchema },
      },
      config: { access: 'token', rateLimit: { max: 30, timeWindow: 60_000 } },
    },
    async (req) => {
      const info = await invitationInfo(db, req.params.token);
      if (!info) throw new HttpError(404, 'invalid_token', 'Die Einladung ist ungültig oder abgelaufen.');
      return {
        email: info.token.email!,
        tenantName: info.tenant.name,
        role: info.token.role as Role,
        accountExists: !!info.existing,
      };
    },
  );

  app.post(
    '/invitations/:token/accept',
    {
      schema: {
        tags: ['auth'],
        summary: 'Einladung annehmen',
        params: tokenParams,
        body: invitationAcceptSchema,
        response: { 200: ok, ...errors, 404: apiErrorSchema },
      },
      config: { access: 'token', rateLimit: { max: 20, timeWindow: 60_000 } },
    },
    async (req) => {
      const result = await acceptInvitation(db, req.params.token, req.body);
      if ('error' in result) {
        if (result.error === 'invalid')
          throw new HttpError(404, 'invalid_token', 'Die Einladung ist ungültig oder abgelaufen.');
        if (result.error === 'name_required')
          throw new HttpError(400, 'validation', 'Bitte geben Sie Ihren Namen an.');
        throw new HttpError(401, 'invalid_credentials', 'E-Mail-Adresse oder Passwort ist falsch.');
      }
      return { ok: true as const };
    },
  );
};
