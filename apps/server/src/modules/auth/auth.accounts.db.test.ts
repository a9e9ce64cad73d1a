import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DEMO, type TestContext } from '../../test/testApp';
import { TEST_DRIVER } from '../../test/testDb';
import { loadConfig } from '../../platform/config/config';
import {
  createUserViaApi,
  expectApiError,
  inviteViaApi,
  newClient,
  sessionCookieOf,
  sha256Hex,
  signInFresh,
  tenantIdBySlug,
  tokenFromLink,
  uniqueEmail,
  uniquePassword,
  validationDetails,
  type AddressedClient,
} from '../../test/fixtures';

const IDLE_MS = 30 * 60_000;
const INVALID_CREDENTIALS = 'E-Mail-Adresse oder Passwort ist falsch.';

const isSignedIn = async (c: AddressedClient) => (await c.get('/api/tenants')).statusCode === 200;

describe(`accounts: passwords, reset links, invitations, stored secrets on ${TEST_DRIVER}`, () => {
  let t: TestContext;
  let admin: AddressedClient;
  let musterstadt: string;
  let beispielkreis: string;

  beforeAll(async () => {
    t = await createTestApp({
      config: { loginRateLimit: { max: 3, windowMs: 60_000 }, sessionIdleMs: IDLE_MS },
    });
    musterstadt = await tenantIdBySlug(t, 'musterstadt');
    beispielkreis = await tenantIdBySlug(t, 'beispielkreis');
    admin = await signInFresh(t, DEMO.admin.email, DEMO.admin.password);
  });
  afterAll(async () => t?.close());

  /** A new person with only a musterstadt membership. */
  const newPerson = (role: 'admin' | 'editor' | 'contributor' | 'viewer' = 'viewer') =>
    createUserViaApi(admin, musterstadt, role);

  describe('change own password', () => {
    it('wrong current password gives 400 wrong_password', async () => {
      const p = await newPerson();
      const c = await signInFresh(t, p.email, p.password);
      const res = await c.post('/api/auth/password', {
        currentPassword: 'nicht-das-passwort',
        newPassword: uniquePassword(),
      });
      expectApiError(res, 400, 'wrong_password');
      expect((await newClient(t).login(p.email, p.password)).statusCode).toBe(200);
    });

    it('a new password of 11 characters gives 400 validation naming the field', async () => {
      const p = await newPerson();
      const c = await signInFresh(t, p.email, p.password);
      const res = await c.post('/api/auth/password', {
        currentPassword: p.password,
        newPassword: '12345678901',
      });
      const body = expectApiError(res, 400, 'validation');
      expect(validationDetails(body).map((d) => d.field)).toContain('body.newPassword');
      expect(body.message).toContain('„Neues Passwort“');
      expect((await newClient(t).login(p.email, p.password)).statusCode).toBe(200);
    });

    it('success: new password works, old does not, other sessions end, the current one stays', async () => {
      const p = await newPerson();
      const current = await signInFresh(t, p.email, p.password);
      const other = await signInFresh(t, p.email, p.password);
      const hashBefore = await t.database.query<{ h: string }>(
        'SELECT password_hash AS h FROM users WHERE id = $1',
        [p.id],
      );
      const newPassword = uniquePassword();
      const res = await current.post('/api/auth/password', { currentPassword: p.password, newPassword });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ ok: true });

      expect(await isSignedIn(current)).toBe(true);
      expectApiError(await other.get('/api/tenants'), 401, 'unauthorized');
      const sessions = await t.database.query<{ id: string }>('SELECT id FROM sessions WHERE user_id = $1', [
        p.id,
      ]);
      expect(sessions.map((s) => s.id)).toEqual([sha256Hex(sessionCookieOf(current))]);

      const hashAfter = await t.database.query<{ h: string }>(
        'SELECT password_hash AS h FROM users WHERE id = $1',
        [p.id],
      );
      expect(hashAfter[0]!.h).not.toBe(hashBefore[0]!.h);
      expect(hashAfter[0]!.h.startsWith('$argon2id$')).toBe(true);
      expect((await newClient(t).login(p.email, newPassword)).statusCode).toBe(200);
      expectApiError(await newClient(t).login(p.email, p.password), 401, 'invalid_credentials');
    });

    it('requires a session (401 without one)', async () => {
      const res = await newClient(t).post('/api/auth/password', {
        currentPassword: 'irgendwas-123',
        newPassword: uniquePassword(),
      });
      expectApiError(res, 401, 'unauthorized');
    });
  });

  describe('admin reset link', () => {
    it('sets a new password once and ends every session of the account', async () => {
      const p = await newPerson('editor');
      const res = await admin.post(`/api/tenants/${musterstadt}/users/${p.id}/password-reset`);
      expect(res.statusCode).toBe(200);
      const { link, expiresAt } = res.json() as { link: string; expiresAt: string };
      expect(link).toMatch(/\/app\/passwort-zuruecksetzen\/[A-Za-z0-9_-]{20,}$/);
      expect(Date.parse(expiresAt)).toBeGreaterThan(Date.now());
      const token = tokenFromLink(link);
      // The raw token is not stored.
      const stored = await t.database.query<{ token_hash: string }>(
        `SELECT token_hash FROM account_tokens WHERE user_id = $1 AND purpose = 'reset' AND used_at IS NULL`,
        [p.id],
      );
      expect(stored.map((s) => s.token_hash)).toEqual([sha256Hex(token)]);

      // The person is signed in (two browsers) when the link is used.
      const s1 = await signInFresh(t, p.email, p.password);
      const s2 = await signInFresh(t, p.email, p.password);
      const newPassword = uniquePassword();
      const anonymous = newClient(t);
      const reset = await anonymous.post('/api/auth/reset', { token, newPassword });
      expect(reset.statusCode).toBe(200);
      expect(reset.json()).toEqual({ ok: true });

      expectApiError(await s1.get('/api/tenants'), 401, 'unauthorized');
      expectApiError(await s2.get('/api/tenants'), 401, 'unauthorized');
      expect(await t.database.query('SELECT 1 FROM sessions WHERE user_id = $1', [p.id])).toHaveLength(0);

      const again = await newClient(t).post('/api/auth/reset', { token, newPassword: uniquePassword() });
      expectApiError(again, 400, 'invalid_token');

      expect((await newClient(t).login(p.email, newPassword)).statusCode).toBe(200);
      expectApiError(await newClient(t).login(p.email, p.password), 401, 'invalid_credentials');
    });

    it('a newer reset link invalidates the older one', async () => {
      const p = await newPerson();
      const first = tokenFromLink(
        (await admin.post(`/api/tenants/${musterstadt}/users/${p.id}/password-reset`)).json().link,
      );
      const second = tokenFromLink(
        (await admin.post(`/api/tenants/${musterstadt}/users/${p.id}/password-reset`)).json().link,
      );
      expectApiError(
        await newClient(t).post('/api/auth/reset', { token: first, newPassword: uniquePassword() }),
        400,
        'invalid_token',
      );
      expect(
        (await newClient(t).post('/api/auth/reset', { token: second, newPassword: uniquePassword() }))
          .statusCode,
      ).toBe(200);
    });

    it('a reset link used twice at the same moment works only once', async () => {
      // auth.service.ts resetPassword checks the token, hashes, then marks it used without
      // `used_at IS NULL` in the UPDATE: both concurrent requests pass the check.
      // Three rounds, since a race may by chance not overlap.
      const rounds: number[][] = [];
      for (let round = 0; round < 3; round++) {
        const p = await newPerson();
        const res = await admin.post(`/api/tenants/${musterstadt}/users/${p.id}/password-reset`);
        const token = tokenFromLink(res.json().link);
        const a = newClient(t);
        const b = newClient(t);
        await Promise.all([a.session(), b.session()]);
        const [ra, rb] = await Promise.all([
          a.post('/api/auth/reset', { token, newPassword: 'erstes-neues-passwort' }),
          b.post('/api/auth/reset', { token, newPassword: 'zweites-neues-passwort' }),
        ]);
        rounds.push([ra.statusCode, rb.statusCode].toSorted());
      }
      expect(rounds).toEqual([
        [200, 400],
        [200, 400],
        [200, 400],
      ]);
    });

    it('an unknown token gives 400 invalid_token', async () => {
      const res = await newClient(t).post('/api/auth/reset', {
        token: 'x'.repeat(43),
        newPassword: uniquePassword(),
      });
      expectApiError(res, 400, 'invalid_token');
    });
  });

  describe('invitations', () => {
    it('new account: invite → info shows tenant and role → accept with name and password → can sign in with that role', async () => {
      const email = uniqueEmail('neu-eingeladen');
      const inv = await inviteViaApi(admin, musterstadt, email, 'editor');
      expect(inv.link).toMatch(/\/app\/einladung\/[A-Za-z0-9_-]{20,}$/);

      const anon = newClient(t);
      const info = await anon.get(`/api/auth/invitations/${inv.token}`);
      expect(info.statusCode).toBe(200);
      expect(info.json()).toEqual({
        email,
        tenantName: 'Musterstadt (Demo)',
        role: 'editor',
        accountExists: false,
      });

      // A name is required for a new account.
      const noName = await anon.post(`/api/auth/invitations/${inv.token}/accept`, {
        password: uniquePassword(),
      });
      expectApiError(noName, 400, 'validation');

      const password = uniquePassword();
      const accept = await anon.post(`/api/auth/invitations/${inv.token}/accept`, {
        displayName: 'Nina Neu',
        password,
      });
      expect(accept.statusCode).toBe(200);
      expect(accept.json()).toEqual({ ok: true });

      const login = await newClient(t).login(email, password);
      expect(login.statusCode).toBe(200);
      expect(login.json().user.displayName).toBe('Nina Neu');
      expect(login.json().memberships).toMatchObject([{ tenantId: musterstadt, role: 'editor' }]);
      expect(login.json().memberships).toHaveLength(1);

      // Used: the link no longer works.
      expectApiError(await newClient(t).get(`/api/auth/invitations/${inv.token}`), 404, 'invalid_token');
      const reuse = await newClient(t).post(`/api/auth/invitations/${inv.token}/accept`, {
        displayName: 'Zweiter Versuch',
        password: uniquePassword(),
      });
      expectApiError(reuse, 404, 'invalid_token');
      expect((await newClient(t).login(email, password)).statusCode).toBe(200);
    });

    it('existing account: accept requires that account’s password; wrong → 401, right → membership added', async () => {
      const existing = await createUserViaApi(admin, beispielkreis, 'viewer');
      const inv = await inviteViaApi(admin, musterstadt, existing.email, 'contributor');

      const info = await newClient(t).get(`/api/auth/invitations/${inv.token}`);
      expect(info.statusCode).toBe(200);
      expect(info.json()).toMatchObject({ email: existing.email, role: 'contributor', accountExists: true });

      const wrong = await newClient(t).post(`/api/auth/invitations/${inv.token}/accept`, {
        password: 'ganz-falsches-passwort',
      });
      expect(expectApiError(wrong, 401, 'invalid_credentials').message).toBe(INVALID_CREDENTIALS);
      const none = await t.database.query('SELECT 1 FROM memberships WHERE tenant_id = $1 AND user_id = $2', [
        musterstadt,
        existing.id,
      ]);
      expect(none).toHaveLength(0);

      // A display name sent along must not take over the existing account's name or password.
      const right = await newClient(t).post(`/api/auth/invitations/${inv.token}/accept`, {
        displayName: 'Übernommen',
        password: existing.password,
      });
      expect(right.statusCode).toBe(200);

      const login = await newClient(t).login(existing.email, existing.password);
      expect(login.statusCode).toBe(200);
      expect(login.json().user.displayName).toBe(existing.displayName);
      const roles = Object.fromEntries(
        login.json().memberships.map((m: { tenantId: string; role: string }) => [m.tenantId, m.role]),
      );
      expect(roles).toEqual({ [musterstadt]: 'contributor', [beispielkreis]: 'viewer' });
      expectApiError(await newClient(t).get(`/api/auth/invitations/${inv.token}`), 404, 'invalid_token');
    });

    it('the same new-account invitation accepted twice at the same moment: one account, the other 404', async () => {
      // auth.service.ts acceptInvitation checks the token, hashes the password and inserts the user
      // outside a transaction; the second insert hits the unique e-mail index and ends in a 500.
      const rounds: string[][] = [];
      for (let round = 0; round < 3; round++) {
        const email = uniqueEmail('gleichzeitig');
        const inv = await inviteViaApi(admin, musterstadt, email, 'viewer');
        const a = newClient(t);
        const b = newClient(t);
        await Promise.all([a.session(), b.session()]);
        const [ra, rb] = await Promise.all([
          a.post(`/api/auth/invitations/${inv.token}/accept`, {
            displayName: 'Erste',
            password: uniquePassword(),
          }),
          b.post(`/api/auth/invitations/${inv.token}/accept`, {
            displayName: 'Zweite',
            password: uniquePassword(),
          }),
        ]);
        expect(await t.database.query('SELECT 1 FROM users WHERE email = $1', [email])).toHaveLength(1);
        rounds.push([ra, rb].map((r) => `${r.statusCode} ${r.json().error ?? 'ok'}`).toSorted());
      }
      expect(rounds).toEqual(Array.from({ length: 3 }, () => ['200 ok', '404 invalid_token']));
    });

    it('an expired invitation gives 404 on info and accept', async () => {
      const email = uniqueEmail('abgelaufen');
      const inv = await inviteViaApi(admin, musterstadt, email, 'viewer');
      await t.database.query(
        `UPDATE account_tokens SET expires_at = now() - interval '1 minute' WHERE id = $1`,
        [inv.id],
      );
      expectApiError(await newClient(t).get(`/api/auth/invitations/${inv.token}`), 404, 'invalid_token');
      const accept = await newClient(t).post(`/api/auth/invitations/${inv.token}/accept`, {
        displayName: 'Zu Spät',
        password: uniquePassword(),
      });
      expectApiError(accept, 404, 'invalid_token');
      expect(await t.database.query('SELECT 1 FROM users WHERE lower(email) = $1', [email])).toHaveLength(0);
    });

    it('an unknown invitation token gives 404', async () => {
      expectApiError(await newClient(t).get(`/api/auth/invitations/${'a'.repeat(43)}`), 404, 'invalid_token');
    });
  });

  describe('stored secrets', () => {
    it('every stored password hash is argon2id', async () => {
      await newPerson();
      const rows = await t.database.query<{ email: string; h: string | null }>(
        'SELECT email, password_hash AS h FROM users',
      );
      expect(rows.length).toBeGreaterThanOrEqual(6);
      for (const r of rows)
        expect({ email: r.email, prefix: r.h?.slice(0, 10) }).toEqual({
          email: r.email,
          prefix: '$argon2id$',
        });
    });

    it('the sessions table stores only a hash of the cookie, never the raw token', async () => {
      const p = await newPerson();
      const c = await signInFresh(t, p.email, p.password);
      const cookie = sessionCookieOf(c);
      const rows = await t.database.query<{ id: string; user_id: string }>(
        'SELECT id, user_id FROM sessions WHERE user_id = $1',
        [p.id],
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]!.id).toBe(sha256Hex(cookie));
      const all = await t.database.query<{ row: string }>(
        'SELECT row_to_json(s)::text AS row FROM sessions s',
      );
      for (const r of all) expect(r.row).not.toContain(cookie);
    });
  });
});

describe(`login limit behind a reverse proxy (TRUST_PROXY=true) on ${TEST_DRIVER}`, () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestApp({
      config: {
        trustProxy: loadConfig({ TRUST_PROXY: 'true' }).trustProxy,
        loginRateLimit: { max: 3, windowMs: 60_000 },
      },
    });
  });
  afterAll(async () => t?.close());

  /** A login through nginx on this host: the client's X-Forwarded-For, then the address nginx saw. */
  const viaNginx = (clientHeader: string, clientAddress: string, email: string, password: string) =>
    newClient(t, '127.0.0.1').request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password },
      headers: { 'x-forwarded-for': `${clientHeader}, ${clientAddress}` },
    });

  it("rotating the client's own X-Forwarded-For value (nginx form 203.0.113.N, <client>) does not get around the limit", async () => {
    const statuses: number[] = [];
    for (let n = 1; n <= 5; n++) {
      statuses.push(
        (await viaNginx(`203.0.113.${n}`, '198.51.100.7', DEMO.viewer.email, `falsch-${n}-xyz-pw`))
          .statusCode,
      );
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    // Another client behind the same proxy is not affected.
    const other = await viaNginx('203.0.113.99', '198.51.100.8', DEMO.viewer.email, DEMO.viewer.password);
    expect(other.statusCode).toBe(200);
  });
});

describe(`CSRF cookie with COOKIE_SECURE=true on ${TEST_DRIVER}`, () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestApp({ seed: false, config: { cookieSecure: true } });
  });
  afterAll(async () => t?.close());

  it('dkbm_csrf is Secure, HttpOnly and SameSite=Lax', async () => {
    const res = await newClient(t).get('/api/auth/session');
    const cookie = res.cookies.find((k) => k.name === 'dkbm_csrf');
    expect(cookie).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax' });
  });
});
