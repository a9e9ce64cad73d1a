import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { eq } from 'drizzle-orm';
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
import { requireUser, sessionCookieOptions } from '../../platform/auth/plugin';
import { HttpError } from '../../platform/http/errors';
import { users } from '../../platform/db/schema';
import {
  acceptInvitation,
  authenticate,
  changePassword,
  invitationInfo,
  resetPassword,
  resetTokenValid,
} from './auth.service';

const ok = z.object({ ok: z.literal(true) });
const errors = { 400: apiErrorSchema, 401: apiErrorSchema, 403: apiErrorSchema, 429: apiErrorSchema };

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const { config, db, cache } = app.ctx;

  app.get(
    '/session',
    {
      schema: {
        tags: ['auth'],
        summary: 'Aktuelle Sitzung und CSRF-Token',
        response: { 200: sessionInfoSchema },
      },
    },
    async (req, reply) => {
      const csrfToken = reply.generateCsrf();
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
      schema: {
        tags: ['auth'],
        summary: 'Anmelden',
        body: loginSchema,
        response: { 200: sessionInfoSchema, ...errors },
      },
      config: {
        rateLimit: {
          max: config.loginRateLimit.max,
          timeWindow: config.loginRateLimit.windowMs,
          // After body parsing (the default onRequest hook runs before it, so the key would lack the e-mail).
          hook: 'preValidation',
          // Per address and account: slows guessing without letting others lock an account from elsewhere.
          keyGenerator: (req) => {
            const email = (req.body as { email?: unknown } | undefined)?.email;
            return `${req.ip}|${typeof email === 'string' ? email.trim().toLowerCase() : ''}`;
          },
        },
      },
    },
    async (req, reply) => {
      const user = await authenticate(db, req.body.email, req.body.password);
      if (!user) {
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
      return {
        user: {
          id: user.id,
          email: user.email,
          displayName: user.displayName,
          isPlatformAdmin: user.isPlatformAdmin,
          locale: user.locale === 'en' ? ('en' as const) : ('de' as const),
        },
        memberships: await membershipsOf(db, user.id),
        csrfToken: reply.generateCsrf(),
        oidcEnabled: !!config.oidc,
      };
    },
  );

  app.post(
    '/logout',
    { schema: { tags: ['auth'], summary: 'Abmelden', response: { 200: ok } } },
    async (req, reply) => {
      if (req.auth) await deleteSession(db, req.auth.sessionId);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  app.post(
    '/password',
    {
      preHandler: requireUser,
      schema: {
        tags: ['auth'],
        summary: 'Eigenes Passwort ändern',
        body: changePasswordSchema,
        response: { 200: ok, ...errors },
      },
    },
    async (req) => {
      const auth = req.auth!;
      const changed = await changePassword(
        db,
        auth.user.id,
        req.body.currentPassword,
        req.body.newPassword,
        auth.sessionId,
      );
      if (!changed) throw new HttpError(400, 'wrong_password', 'Das bisherige Passwort ist falsch.');
      return { ok: true as const };
    },
  );

  app.patch(
    '/me',
    {
      preHandler: requireUser,
      schema: {
        tags: ['auth'],
        summary: 'Eigene Spracheinstellung ändern',
        body: z.object({ locale: z.enum(['de', 'en']) }),
        response: { 200: ok, ...errors },
      },
    },
    async (req) => {
      await db.update(users).set({ locale: req.body.locale }).where(eq(users.id, req.auth!.user.id));
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
      config: { rateLimit: { max: 20, timeWindow: 60_000 } },
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
      config: { rateLimit: { max: 30, timeWindow: 60_000 } },
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
      config: { rateLimit: { max: 30, timeWindow: 60_000 } },
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
      config: { rateLimit: { max: 20, timeWindow: 60_000 } },
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
