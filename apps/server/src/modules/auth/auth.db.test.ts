import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DEMO, type TestContext } from '../../test/testApp';
import { TEST_DRIVER } from '../../test/testDb';
import {
  clientWithSessionCookie,
  createUserViaApi,
  expectApiError,
  newClient,
  sessionCookieOf,
  sha256Hex,
  signInFresh,
  tenantIdBySlug,
  uniqueEmail,
  uniquePassword,
  type AddressedClient,
} from '../../test/fixtures';

const IDLE_MS = 30 * 60_000;
const INVALID_CREDENTIALS = 'E-Mail-Adresse oder Passwort ist falsch.';

const isSignedIn = async (c: AddressedClient) => (await c.get('/api/tenants')).statusCode === 200;

describe(`authentication on ${TEST_DRIVER}`, () => {
  let t: TestContext;
  let admin: AddressedClient;
  let platform: AddressedClient;
  let musterstadt: string;
  let beispielkreis: string;

  beforeAll(async () => {
    t = await createTestApp({
      config: { loginRateLimit: { max: 3, windowMs: 60_000 }, sessionIdleMs: IDLE_MS },
    });
    musterstadt = await tenantIdBySlug(t, 'musterstadt');
    beispielkreis = await tenantIdBySlug(t, 'beispielkreis');
    admin = await signInFresh(t, DEMO.admin.email, DEMO.admin.password);
    platform = await signInFresh(t, DEMO.platform.email, DEMO.platform.password);
  });
  afterAll(async () => t?.close());

  /** A new person with only a musterstadt membership. */
  const newPerson = (role: 'admin' | 'editor' | 'contributor' | 'viewer' = 'viewer') =>
    createUserViaApi(admin, musterstadt, role);

  describe('login', () => {
    it('sets an HttpOnly, SameSite=Lax session cookie and returns the memberships', async () => {
      const c = newClient(t);
      const res = await c.login(DEMO.admin.email, DEMO.admin.password);
      expect(res.statusCode).toBe(200);
      const cookie = res.cookies.find((k) => k.name === 'dkbm_session');
      expect(cookie).toBeDefined();
      expect(cookie!.value.length).toBeGreaterThanOrEqual(40);
      expect(cookie!.httpOnly).toBe(true);
      expect(String(cookie!.sameSite).toLowerCase()).toBe('lax');
      expect(cookie!.path).toBe('/');
      const setCookie = [res.headers['set-cookie']].flat().find((h) => String(h).startsWith('dkbm_session='));
      expect(setCookie).toMatch(/HttpOnly/);
      expect(setCookie).toMatch(/SameSite=Lax/);

      const body = res.json();
      expect(body.user.email).toBe(DEMO.admin.email);
      expect(body.user.isPlatformAdmin).toBe(false);
      expect(typeof body.csrfToken).toBe('string');
      const roles = Object.fromEntries(
        body.memberships.map((m: { slug: string; role: string; tenantId: string }) => [m.slug, m.role]),
      );
      expect(roles).toEqual({ musterstadt: 'admin', beispielkreis: 'admin' });
      expect(body.memberships.map((m: { tenantId: string }) => m.tenantId).toSorted()).toEqual(
        [musterstadt, beispielkreis].toSorted(),
      );
      // The cookie authenticates follow-up requests.
      const session = await c.session();
      expect(session.user?.id).toBe(body.user.id);
    });

    it('e-mail is matched case-insensitively', async () => {
      const c = newClient(t);
      const res = await c.login(`  ${DEMO.editor.email.toUpperCase()} `, DEMO.editor.password);
      expect(res.statusCode).toBe(200);
      expect(res.json().memberships).toMatchObject([{ slug: 'musterstadt', role: 'editor' }]);
    });

    it('wrong password and unknown e-mail give the same 401, code and German message', async () => {
      const wrong = await newClient(t).login(DEMO.editor.email, 'falsches-passwort-123');
      const unknown = await newClient(t).login(uniqueEmail('niemand'), 'falsches-passwort-123');
      for (const res of [wrong, unknown]) {
        const body = expectApiError(res, 401, 'invalid_credentials');
        expect(body.message).toBe(INVALID_CREDENTIALS);
        expect(res.cookies.find((k) => k.name === 'dkbm_session')).toBeUndefined();
      }
      expect(unknown.body).toBe(wrong.body);
    });

    it('a new login replaces the previous session of the same browser (no session fixation)', async () => {
      const p = await newPerson();
      const c = await signInFresh(t, p.email, p.password);
      const first = sessionCookieOf(c);
      expect((await c.login(p.email, p.password)).statusCode).toBe(200);
      const second = sessionCookieOf(c);
      expect(second).not.toBe(first);
      expect(await isSignedIn(clientWithSessionCookie(t, first))).toBe(false);
      expect(await isSignedIn(c)).toBe(true);
    });
  });

  describe('deactivation', () => {
    it('a deactivated account cannot sign in and its open session ends immediately', async () => {
      const p = await newPerson('editor');
      const c = await signInFresh(t, p.email, p.password);
      expect(await isSignedIn(c)).toBe(true);

      const res = await platform.patch(`/api/platform/users/${p.id}`, { active: false });
      expect(res.statusCode).toBe(200);

      const after = await c.get('/api/tenants');
      expectApiError(after, 401, 'unauthorized');
      expect((await c.session()).user).toBeNull();
      const rows = await t.database.query('SELECT 1 FROM sessions WHERE user_id = $1', [p.id]);
      expect(rows).toHaveLength(0);

      const login = await newClient(t).login(p.email, p.password);
      expect(expectApiError(login, 401, 'invalid_credentials').message).toBe(INVALID_CREDENTIALS);

      // Reactivated, the same password works again.
      expect((await platform.patch(`/api/platform/users/${p.id}`, { active: true })).statusCode).toBe(200);
      expect((await newClient(t).login(p.email, p.password)).statusCode).toBe(200);
    });

    it('deactivating directly in the database also ends the session on the next request', async () => {
      const p = await newPerson();
      const c = await signInFresh(t, p.email, p.password);
      await t.database.query('UPDATE users SET active = false WHERE id = $1', [p.id]);
      expectApiError(await c.get('/api/tenants'), 401, 'unauthorized');
    });

    it('a person whose only membership was deactivated cannot sign in', async () => {
      const p = await newPerson('contributor');
      const res = await admin.patch(`/api/tenants/${musterstadt}/users/${p.id}`, { active: false });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ id: p.id, active: false, accountActive: true });
      const login = await newClient(t).login(p.email, p.password);
      expect(expectApiError(login, 401, 'invalid_credentials').message).toBe(INVALID_CREDENTIALS);
    });
  });

  describe('CSRF protection', () => {
    it('login without the CSRF header is refused with 403 csrf and creates no session', async () => {
      const c = newClient(t);
      await c.session(); // the browser has the CSRF cookie, but the header is missing
      const before = await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM sessions');
      const res = await c.post(
        '/api/auth/login',
        { email: DEMO.viewer.email, password: DEMO.viewer.password },
        { csrf: false },
      );
      expect(res.statusCode).toBe(403);
      expect(res.json().error).toBe('csrf');
      expect(res.cookies.find((k) => k.name === 'dkbm_session')).toBeUndefined();
      const after = await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM sessions');
      expect(after[0]!.n).toBe(before[0]!.n);
    });

    it('logout without the CSRF header is refused and the session stays valid', async () => {
      const p = await newPerson();
      const c = await signInFresh(t, p.email, p.password);
      const res = await c.post('/api/auth/logout', {}, { csrf: false });
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ error: 'csrf' });
      expect(await isSignedIn(c)).toBe(true);
      expect((await c.session()).user?.id).toBe(p.id);
    });

    it('a wrong CSRF token is refused with 403 and nothing changes', async () => {
      const p = await newPerson();
      const c = await signInFresh(t, p.email, p.password);
      const newPassword = uniquePassword();
      const res = await c.request({
        method: 'POST',
        url: '/api/auth/password',
        payload: { currentPassword: p.password, newPassword },
        headers: { 'x-csrf-token': 'ein-falsches-token-1234567890' },
        csrf: false,
      });
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ error: 'csrf' });
      // Password unchanged: the old one still works, the new one does not.
      expect((await newClient(t).login(p.email, p.password)).statusCode).toBe(200);
      expect((await newClient(t).login(p.email, newPassword)).statusCode).toBe(401);
      expect(await isSignedIn(c)).toBe(true);
    });

    it("another browser's CSRF token does not work with this browser's cookies", async () => {
      const p = await newPerson();
      const c = await signInFresh(t, p.email, p.password);
      const other = newClient(t);
      await other.session();
      const res = await c.request({
        method: 'POST',
        url: '/api/auth/logout',
        headers: { 'x-csrf-token': other.csrfToken! },
        csrf: false,
      });
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ error: 'csrf' });
      expect(await isSignedIn(c)).toBe(true);
    });
  });

  describe('CSRF tokens bound to the session, no requests from other sites', () => {
    it("a token fetched without a session does not work with someone's session cookie (cookie tossing)", async () => {
      const victim = await newPerson();
      const c = await signInFresh(t, victim.email, victim.password);
      const attacker = newClient(t);
      await attacker.session(); // the attacker's own CSRF cookie and anonymous token
      // The victim's browser carries the attacker's CSRF cookie (set from a sibling domain) and its own
      // session cookie; the forged request sends the attacker's token.
      const res = await newClient(t).request({
        method: 'POST',
        url: '/api/auth/logout',
        headers: {
          'x-csrf-token': attacker.csrfToken!,
          cookie: `dkbm_csrf=${attacker.cookies.get('dkbm_csrf')}; dkbm_session=${sessionCookieOf(c)}`,
        },
        csrf: false,
      });
      expectApiError(res, 403, 'csrf');
      expect(await isSignedIn(c)).toBe(true);
    });

    it('the token of the login answer works with the new session; after logout a fresh anonymous one works', async () => {
      const p = await newPerson();
      const c = newClient(t);
      await c.session();
      const anonymous = c.csrfToken!;
      expect((await c.login(p.email, p.password)).statusCode).toBe(200);
      expect(c.csrfToken).not.toBe(anonymous);
      expect((await c.patch('/api/auth/me', { locale: 'de' })).statusCode).toBe(200);
      // The anonymous token no longer works once signed in.
      const stale = await c.request({
        method: 'PATCH',
        url: '/api/auth/me',
        payload: { locale: 'de' },
        headers: { 'x-csrf-token': anonymous },
        csrf: false,
      });
      expectApiError(stale, 403, 'csrf');
      expect((await c.post('/api/auth/logout')).statusCode).toBe(200);
      expect((await c.login(p.email, p.password)).statusCode).toBe(200);
    });

    it('a valid token is refused when Origin or Sec-Fetch-Site names another site; the own origin passes', async () => {
      const p = await newPerson();
      const c = await signInFresh(t, p.email, p.password);
      const me = (headers: Record<string, string>) =>
        c.request({ method: 'PATCH', url: '/api/auth/me', payload: { locale: 'de' }, headers });
      const foreign: Array<Record<string, string>> = [
        { origin: 'https://evil.example' },
        { 'sec-fetch-site': 'cross-site' },
        { 'sec-fetch-site': 'cross-site', origin: 'null' },
        { 'sec-fetch-site': 'same-site', origin: 'https://sub.localhost' },
      ];
      for (const headers of foreign) {
        const res = await me(headers);
        expect(res.statusCode, JSON.stringify(headers)).toBe(403);
        expect(res.json().error).toBe('csrf');
      }
      expect((await me({ origin: 'http://localhost', 'sec-fetch-site': 'same-origin' })).statusCode).toBe(
        200,
      );
      // A page with Referrer-Policy: no-referrer posts its own forms with Origin: null.
      expect((await me({ origin: 'null', 'sec-fetch-site': 'same-origin' })).statusCode).toBe(200);
      expect(await isSignedIn(c)).toBe(true);
    });
  });

  describe('session lifetime', () => {
    it('an absolutely expired session gets 401 on a protected route and is removed', async () => {
      const p = await newPerson();
      const c = await signInFresh(t, p.email, p.password);
      const id = sha256Hex(sessionCookieOf(c));
      await t.database.query(`UPDATE sessions SET expires_at = now() - interval '1 minute' WHERE id = $1`, [
        id,
      ]);
      expectApiError(await c.get(`/api/tenants/${musterstadt}`), 401, 'unauthorized');
      expect(await t.database.query('SELECT 1 FROM sessions WHERE id = $1', [id])).toHaveLength(0);
    });

    it('a session idle for longer than the idle timeout gets 401', async () => {
      const p = await newPerson();
      const c = await signInFresh(t, p.email, p.password);
      const id = sha256Hex(sessionCookieOf(c));
      await t.database.query(
        `UPDATE sessions SET last_seen_at = now() - interval '31 minutes' WHERE id = $1`,
        [id],
      );
      expectApiError(await c.get('/api/tenants'), 401, 'unauthorized');
      expect(await t.database.query('SELECT 1 FROM sessions WHERE id = $1', [id])).toHaveLength(0);
    });

    it('a session used within the idle timeout stays valid and its idle clock restarts', async () => {
      const p = await newPerson();
      const c = await signInFresh(t, p.email, p.password);
      const id = sha256Hex(sessionCookieOf(c));
      await t.database.query(
        `UPDATE sessions SET last_seen_at = now() - interval '20 minutes' WHERE id = $1`,
        [id],
      );
      expect((await c.get('/api/tenants')).statusCode).toBe(200);
      const rows = await t.database.query<{ idle: number }>(
        `SELECT extract(epoch FROM now() - last_seen_at)::int AS idle FROM sessions WHERE id = $1`,
        [id],
      );
      expect(rows[0]!.idle).toBeLessThan(60);
    });
  });

  describe('login rate limit (max 3 per window)', () => {
    it('the 4th wrong login from the same address for the same e-mail gets 429, even with the right password', async () => {
      const p = await newPerson();
      const c = newClient(t);
      for (let i = 0; i < 3; i++) {
        expectApiError(await c.login(p.email, `falsch-${i}-passwort-xyz`), 401, 'invalid_credentials');
      }
      const limited = await c.login(p.email, 'falsch-4-passwort-xyz');
      const body = expectApiError(limited, 429, 'rate_limited');
      expect(body.message).toMatch(/Zu viele Versuche/);
      const right = await c.login(p.email, p.password);
      expectApiError(right, 429, 'rate_limited');
      expect(right.cookies.find((k) => k.name === 'dkbm_session')).toBeUndefined();
    });

    it('the same account can still sign in from another address', async () => {
      const p = await newPerson();
      const attacker = newClient(t);
      for (let i = 0; i < 4; i++) await attacker.login(p.email, `falsch-${i}-passwort-xyz`);
      expect((await newClient(t).login(p.email, p.password)).statusCode).toBe(200);
    });

    it('the limit is per address AND account: wrong logins for one e-mail do not lock out another account at the same address', async () => {
      // auth.routes.ts keys the limit by `${req.ip}|${email}`, but the rate-limit hook runs onRequest,
      // before the body is parsed, so every login from one address shares one bucket.
      const victim = await newPerson();
      const officeNat = newClient(t);
      for (let i = 0; i < 3; i++) await officeNat.login(uniqueEmail('tippfehler'), 'falsches-passwort-123');
      const colleague = newClient(t, officeNat.remoteAddress);
      const res = await colleague.login(victim.email, victim.password);
      expect({ status: res.statusCode, body: res.statusCode === 200 ? 'ok' : res.body }).toEqual({
        status: 200,
        body: 'ok',
      });
    });
  });

  describe('login limits that address rotation does not get around', () => {
    it('successful sign-ins do not count: twelve in a row from one address all succeed', async () => {
      const p = await newPerson();
      const c = newClient(t);
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) statuses.push((await c.login(p.email, p.password)).statusCode);
      expect(statuses).toEqual(Array(12).fill(200));
    });

    it('five failures from five addresses slow the account down: the next attempt from a new address gets 429 with Retry-After, even with the right password', async () => {
      const p = await newPerson();
      for (let i = 0; i < 5; i++) {
        expectApiError(
          await newClient(t).login(p.email, `falsch-${i}-passwort-xyz`),
          401,
          'invalid_credentials',
        );
      }
      const wrong = await newClient(t).login(p.email, 'falsch-6-passwort-xyz');
      expect(expectApiError(wrong, 429, 'rate_limited').message).toMatch(/Zu viele Versuche.*Sekunde/);
      expect(Number(wrong.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      const right = await newClient(t).login(p.email, p.password);
      expectApiError(right, 429, 'rate_limited');
      expect(right.cookies.find((k) => k.name === 'dkbm_session')).toBeUndefined();
      // Another account is not slowed down.
      const other = await newPerson();
      expect((await newClient(t).login(other.email, other.password)).statusCode).toBe(200);
    });

    it("the account's own browser (device cookie of an earlier sign-in) still signs in while failures from elsewhere slow the account down", async () => {
      const p = await newPerson();
      const own = newClient(t);
      expect((await own.login(p.email, p.password)).statusCode).toBe(200);
      expect(own.cookies.get('dkbm_device')).toBeTruthy();
      for (let i = 0; i < 6; i++) await newClient(t).login(p.email, `falsch-${i}-passwort-xyz`);
      expectApiError(await newClient(t).login(p.email, p.password), 429, 'rate_limited');
      expect((await own.login(p.email, p.password)).statusCode).toBe(200);
      // The cookie names one account: it does not lift the delay of another.
      const q = await newPerson();
      for (let i = 0; i < 6; i++) await newClient(t).login(q.email, `falsch-${i}-passwort-xyz`);
      expectApiError(await own.login(q.email, q.password), 429, 'rate_limited');
    });
  });

  describe('logout', () => {
    it('ends the session on the server: the old cookie replayed gets 401', async () => {
      const p = await newPerson();
      const c = await signInFresh(t, p.email, p.password);
      const cookie = sessionCookieOf(c);
      const res = await c.post('/api/auth/logout');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ ok: true, csrfToken: expect.any(String) });
      expect(c.cookies.has('dkbm_session')).toBe(false);
      const replay = clientWithSessionCookie(t, cookie);
      expectApiError(await replay.get('/api/tenants'), 401, 'unauthorized');
      expect((await replay.session()).user).toBeNull();
      expect(
        await t.database.query('SELECT 1 FROM sessions WHERE id = $1', [sha256Hex(cookie)]),
      ).toHaveLength(0);
    });
  });
});
