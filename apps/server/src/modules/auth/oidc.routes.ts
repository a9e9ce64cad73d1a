import type { FastifyPluginAsync } from 'fastify';
import * as oidc from 'openid-client';
import { oidcAccount } from './auth.service';
import { createSession, SESSION_COOKIE } from '../../platform/auth/sessions';
import { sessionCookieOptions } from '../../platform/auth/plugin';
import { baseUrl } from '../../platform/http/urls';
import { HttpError } from '../../platform/http/errors';

const FLOW_COOKIE = 'dkbm_oidc';

/**
 * Optional single sign-on (OpenID Connect, e.g. Keycloak), enabled by OIDC_ISSUER and OIDC_CLIENT_ID.
 * Authorization code flow with PKCE, state and nonce. Accounts are matched by subject, then by verified
 * e-mail; new accounts are created only with OIDC_AUTO_CREATE (they still need a tenant membership).
 */
export const oidcRoutes: FastifyPluginAsync = async (app) => {
  const { config, db } = app.ctx;
  const settings = config.oidc;
  if (!settings) return;
  let discovered: Promise<oidc.Configuration> | null = null;
  const configuration = () => {
    discovered ??= oidc
      .discovery(new URL(settings.issuer), settings.clientId, settings.clientSecret, undefined, {
        execute: settings.issuer.startsWith('http://') ? [oidc.allowInsecureRequests] : [],
      })
      .catch((e) => {
        discovered = null;
        throw e;
      });
    return discovered;
  };
  const redirectUri = (req: Parameters<typeof baseUrl>[0]) =>
    `${baseUrl(req, config)}/api/auth/oidc/callback`;

  app.get(
    '/login',
    { config: { access: 'public' }, schema: { tags: ['auth'], summary: 'Anmeldung über OIDC starten' } },
    async (req, reply) => {
      const c = await configuration();
      const verifier = oidc.randomPKCECodeVerifier();
      const state = oidc.randomState();
      const nonce = oidc.randomNonce();
      reply.setCookie(FLOW_COOKIE, JSON.stringify({ verifier, state, nonce }), {
        path: '/api/auth/oidc',
        httpOnly: true,
        sameSite: 'lax',
        signed: true,
        maxAge: 600,
        secure: config.cookieSecure === 'auto' ? req.protocol === 'https' : config.cookieSecure,
      });
      const url = oidc.buildAuthorizationUrl(c, {
        redirect_uri: redirectUri(req),
        scope: settings.scopes,
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      });
      return reply.redirect(url.href, 302);
    },
  );

  app.get(
    '/callback',
    { config: { access: 'public' }, schema: { tags: ['auth'], summary: 'Rückkehr vom Identitätsanbieter' } },
    async (req, reply) => {
      const raw = req.cookies[FLOW_COOKIE];
      const unsigned = raw ? req.unsignCookie(raw) : null;
      if (!unsigned?.valid || !unsigned.value)
        throw new HttpError(400, 'oidc_state', 'Die Anmeldung ist abgelaufen.');
      const flow = JSON.parse(unsigned.value) as { verifier: string; state: string; nonce: string };
      reply.clearCookie(FLOW_COOKIE, { path: '/api/auth/oidc' });
      const c = await configuration();
      const current = new URL(`${redirectUri(req)}${req.url.slice(req.url.indexOf('?'))}`);
      let claims: oidc.IDToken | undefined;
      try {
        const tokens = await oidc.authorizationCodeGrant(c, current, {
          pkceCodeVerifier: flow.verifier,
          expectedState: flow.state,
          expectedNonce: flow.nonce,
        });
        claims = tokens.claims();
      } catch (e) {
        req.log.warn({ err: { message: (e as Error).message } }, 'oidc code exchange failed');
        return reply.redirect('/app/anmelden?fehler=oidc', 303);
      }
      if (!claims?.sub) return reply.redirect('/app/anmelden?fehler=oidc', 303);
      const email =
        typeof claims.email === 'string' && claims.email_verified !== false
          ? claims.email.toLowerCase()
          : null;
      const user = await oidcAccount(
        db,
        { subject: claims.sub, email, name: typeof claims.name === 'string' ? claims.name : null },
        settings.autoCreate,
      );
      // A GET that may have written a user: the read cache must not keep what it replaced.
      app.ctx.cache.invalidate();
      if (!user || !user.active) return reply.redirect('/app/anmelden?fehler=oidc-konto', 303);
      const token = await createSession(db, user.id, {
        ttlMs: config.sessionTtlMs,
        idleMs: config.sessionIdleMs,
      });
      reply.setCookie(
        SESSION_COOKIE,
        token,
        sessionCookieOptions(req, config.cookieSecure, config.sessionTtlMs),
      );
      return reply.redirect('/app', 303);
    },
  );
};
