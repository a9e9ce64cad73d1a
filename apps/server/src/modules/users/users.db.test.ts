import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DEMO, type TestContext } from '../../test/testApp';
import { TEST_DRIVER } from '../../test/testDb';
import {
  createUserViaApi,
  expectApiError,
  inviteViaApi,
  newClient,
  signInFresh,
  tenantIdBySlug,
  tokenFromLink,
  uniqueEmail,
  uniquePassword,
  userIdByEmail,
  validationDetails,
  type AddressedClient,
} from '../../test/fixtures';

interface TenantUser {
  id: string;
  email: string;
  displayName: string;
  role: string;
  active: boolean;
  accountActive: boolean;
  lastLoginAt: string | null;
  createdAt: string;
}

/** A valid body for creating a person with a start password. */
const valid = () => ({
  mode: 'password',
  email: uniqueEmail('valide'),
  displayName: 'Vera Valide',
  role: 'viewer',
  password: uniquePassword(),
});

describe(`user administration on ${TEST_DRIVER}`, () => {
  let t: TestContext;
  let admin: AddressedClient;
  let platform: AddressedClient;
  let M: string;
  let usersUrl: string;

  beforeAll(async () => {
    t = await createTestApp({ config: { loginRateLimit: { max: 10_000, windowMs: 60_000 } } });
    M = await tenantIdBySlug(t, 'musterstadt');
    usersUrl = `/api/tenants/${M}/users`;
    admin = await signInFresh(t, DEMO.admin.email, DEMO.admin.password);
    platform = await signInFresh(t, DEMO.platform.email, DEMO.platform.password);
  });
  afterAll(async () => t?.close());

  /** A new tenant whose only admin is a fresh account; returns the tenant id and a signed-in client. */
  async function tenantWithSoleAdmin(slug: string) {
    const email = uniqueEmail(`admin-${slug}`);
    const res = await platform.post('/api/platform/tenants', {
      slug,
      name: `Stadt ${slug}`,
      type: 'kreisangehoerige_gemeinde',
      adminEmail: email,
    });
    expect(res.statusCode, res.body).toBe(201);
    const password = uniquePassword();
    const accepted = await newClient(t).post(
      `/api/auth/invitations/${tokenFromLink(res.json().link)}/accept`,
      {
        displayName: `Admin ${slug}`,
        password,
      },
    );
    expect(accepted.statusCode, accepted.body).toBe(200);
    const id = await userIdByEmail(t, email);
    return {
      tenantId: res.json().tenant.id as string,
      id,
      email,
      password,
      client: await signInFresh(t, email, password),
    };
  }

  describe('create with start password', () => {
    it('creates the person, who can then sign in with that role', async () => {
      const email = uniqueEmail('Neue.Person');
      const password = uniquePassword();
      const res = await admin.post(usersUrl, {
        mode: 'password',
        email: `  ${email.toUpperCase()} `,
        displayName: ' Nora Neu ',
        role: 'contributor',
        password,
      });
      expect(res.statusCode, res.body).toBe(201);
      const body = res.json();
      expect(body.invitation).toBeNull();
      expect(body.link).toBeNull();
      expect(body.user).toMatchObject({
        email,
        displayName: 'Nora Neu',
        role: 'contributor',
        active: true,
        accountActive: true,
        lastLoginAt: null,
      });
      expect(JSON.stringify(body)).not.toContain(password);
      expect(JSON.stringify(body)).not.toContain('argon2');

      const login = await newClient(t).login(email, password);
      expect(login.statusCode).toBe(200);
      expect(login.json().memberships).toMatchObject([{ tenantId: M, role: 'contributor' }]);
      const after = await admin.get(`${usersUrl}/${body.user.id}`);
      expect(after.json().lastLoginAt).not.toBeNull();
    });

    it('an e-mail that already has an account gives 409 with a German message (also in other case)', async () => {
      const existing = await createUserViaApi(admin, M, 'viewer');
      for (const email of [existing.email, existing.email.toUpperCase()]) {
        const res = await admin.post(usersUrl, {
          mode: 'password',
          email,
          displayName: 'Doppelt',
          role: 'admin',
          password: uniquePassword(),
        });
        const body = expectApiError(res, 409, 'conflict');
        expect(body.message).toBe(
          'Für diese E-Mail-Adresse besteht bereits ein Konto. Laden Sie die Person ein, damit sie die Mitgliedschaft selbst bestätigt.',
        );
        expect(body.details).toEqual({ field: 'email' });
      }
      // The existing account is untouched.
      expect((await newClient(t).login(existing.email, existing.password)).statusCode).toBe(200);
      const row = await admin.get(`${usersUrl}/${existing.id}`);
      expect(row.json()).toMatchObject({ role: 'viewer', displayName: existing.displayName });
    });

    it('a demo account of another tenant cannot be taken over by creating it with a password', async () => {
      const res = await admin.post(usersUrl, {
        mode: 'password',
        email: DEMO.platform.email,
        displayName: 'Übernahme',
        role: 'admin',
        password: uniquePassword(),
      });
      expectApiError(res, 409, 'conflict');
      expect((await newClient(t).login(DEMO.platform.email, DEMO.platform.password)).statusCode).toBe(200);
    });
  });

  describe('invitations', () => {
    it('invite → listed as open invitation with role and expiry; inviting a member again → 409', async () => {
      const email = uniqueEmail('eingeladen');
      const res = await admin.post(usersUrl, { mode: 'invite', email, role: 'editor' });
      expect(res.statusCode, res.body).toBe(201);
      const body = res.json();
      expect(body.user).toBeNull();
      expect(body.invitation).toMatchObject({ email, role: 'editor', acceptedAt: null });
      const days = (Date.parse(body.invitation.expiresAt) - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(13);
      expect(days).toBeLessThanOrEqual(14);
      expect(body.link).toMatch(/^https?:\/\/[^/]+\/app\/einladung\/[A-Za-z0-9_-]{20,}$/);

      const list = await admin.get(`/api/tenants/${M}/invitations`);
      expect(list.statusCode).toBe(200);
      const mine = list.json().filter((i: { id: string }) => i.id === body.invitation.id);
      expect(mine).toEqual([body.invitation]);

      const member = await admin.post(usersUrl, { mode: 'invite', email: DEMO.editor.email, role: 'viewer' });
      expect(expectApiError(member, 409, 'conflict').message).toBe(
        'Diese Person gehört der Kommune bereits an.',
      );
    });

    it('revoking an invitation removes it from the list and makes the link invalid', async () => {
      const email = uniqueEmail('zurueckgezogen');
      const inv = await inviteViaApi(admin, M, email, 'viewer');
      expect((await newClient(t).get(`/api/auth/invitations/${inv.token}`)).statusCode).toBe(200);

      const del = await admin.delete(`/api/tenants/${M}/invitations/${inv.id}`);
      expect(del.statusCode, del.body).toBe(204);
      expect(del.body).toBe('');

      const list = await admin.get(`/api/tenants/${M}/invitations`);
      expect(list.json().map((i: { id: string }) => i.id)).not.toContain(inv.id);
      expectApiError(await newClient(t).get(`/api/auth/invitations/${inv.token}`), 404, 'invalid_token');
      const accept = await newClient(t).post(`/api/auth/invitations/${inv.token}/accept`, {
        displayName: 'Zu Spät',
        password: uniquePassword(),
      });
      expectApiError(accept, 404, 'invalid_token');
      expect(await t.database.query('SELECT 1 FROM users WHERE email = $1', [email])).toHaveLength(0);
      // Revoking twice: not found.
      expectApiError(await admin.delete(`/api/tenants/${M}/invitations/${inv.id}`), 404, 'not_found');
    });

    it('an accepted invitation disappears from the open invitations', async () => {
      const email = uniqueEmail('angenommen');
      const inv = await inviteViaApi(admin, M, email, 'viewer');
      const ok = await newClient(t).post(`/api/auth/invitations/${inv.token}/accept`, {
        displayName: 'Anna Angenommen',
        password: uniquePassword(),
      });
      expect(ok.statusCode).toBe(200);
      const list = await admin.get(`/api/tenants/${M}/invitations`);
      expect(list.json().map((i: { id: string }) => i.id)).not.toContain(inv.id);
      const users = (await admin.get(usersUrl)).json() as TenantUser[];
      expect(users.find((u) => u.email === email)).toMatchObject({ role: 'viewer', active: true });
    });
  });

  describe('list', () => {
    it('lists the people of the tenant with role and status, without secrets', async () => {
      const created = await createUserViaApi(admin, M, 'editor');
      const res = await admin.get(usersUrl);
      expect(res.statusCode).toBe(200);
      const list = res.json() as TenantUser[];
      const byEmail = Object.fromEntries(list.map((u) => [u.email, u.role]));
      expect(byEmail).toMatchObject({
        [DEMO.admin.email]: 'admin',
        [DEMO.editor.email]: 'editor',
        [DEMO.contributor.email]: 'contributor',
        [DEMO.viewer.email]: 'viewer',
        [created.email]: 'editor',
      });
      expect(byEmail[DEMO.platform.email]).toBeUndefined();
      const names = list.map((u) => u.displayName);
      // Ordered by name (only the demo names are compared: collations differ between servers).
      const demoNames = ['Alex Admin', 'Finn Fachbereich', 'Paula Politik', 'Rita Redaktion'];
      expect(names.filter((n) => demoNames.includes(n))).toEqual(demoNames);
      for (const u of list) {
        expect(Object.keys(u).toSorted()).toEqual(
          [
            'accountActive',
            'active',
            'createdAt',
            'displayName',
            'email',
            'id',
            'lastLoginAt',
            'role',
          ].toSorted(),
        );
      }
      expect(res.body).not.toContain('argon2');
      const one = await admin.get(`${usersUrl}/${created.id}`);
      expect(one.json()).toEqual(list.find((u) => u.id === created.id));
    });

    it('a person who is not a member of the tenant gives 404', async () => {
      const platformId = await userIdByEmail(t, DEMO.platform.email);
      expectApiError(await admin.get(`${usersUrl}/${platformId}`), 404, 'not_found');
    });
  });

  describe('role and status', () => {
    it('changing the role takes effect, also for an open session', async () => {
      const p = await createUserViaApi(admin, M, 'viewer');
      const pc = await signInFresh(t, p.email, p.password);
      expectApiError(await pc.get(usersUrl), 403, 'forbidden');

      const res = await admin.patch(`${usersUrl}/${p.id}`, { role: 'admin' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ id: p.id, role: 'admin', active: true });
      expect((await pc.get(usersUrl)).statusCode).toBe(200);
      expect((await pc.session()).memberships).toMatchObject([{ tenantId: M, role: 'admin' }]);

      const back = await admin.patch(`${usersUrl}/${p.id}`, { role: 'editor' });
      expect(back.json()).toMatchObject({ role: 'editor' });
      expectApiError(await pc.get(usersUrl), 403, 'forbidden');
    });

    it('deactivating refuses sign-in and tenant access; reactivating allows both again', async () => {
      const p = await createUserViaApi(admin, M, 'editor');
      const pc = await signInFresh(t, p.email, p.password);

      const off = await admin.patch(`${usersUrl}/${p.id}`, { active: false });
      expect(off.statusCode, off.body).toBe(200);
      expect(off.json()).toMatchObject({ id: p.id, active: false, accountActive: true, role: 'editor' });
      expectApiError(await newClient(t).login(p.email, p.password), 401, 'invalid_credentials');
      // The open session no longer reaches the tenant.
      expectApiError(await pc.get(`/api/tenants/${M}/areas`), 404, 'not_found');
      expect((await pc.get('/api/tenants')).json()).toEqual([]);
      // Still listed for the admin, as inactive.
      const listed = ((await admin.get(usersUrl)).json() as TenantUser[]).find((u) => u.id === p.id);
      expect(listed).toMatchObject({ active: false });

      const on = await admin.patch(`${usersUrl}/${p.id}`, { active: true });
      expect(on.json()).toMatchObject({ active: true });
      const login = await newClient(t).login(p.email, p.password);
      expect(login.statusCode).toBe(200);
      expect(login.json().memberships).toMatchObject([{ tenantId: M, role: 'editor' }]);
    });

    it('a deactivated person cannot reactivate themselves with a second, still open invitation link', async () => {
      // Invited twice (e.g. the admin pressed "invite" again because the first mail got lost).
      const email = uniqueEmail('zweimal-eingeladen');
      const first = await inviteViaApi(admin, M, email, 'editor');
      const second = await inviteViaApi(admin, M, email, 'editor');
      const password = uniquePassword();
      const ok = await newClient(t).post(`/api/auth/invitations/${first.token}/accept`, {
        displayName: 'Doris Doppelt',
        password,
      });
      expect(ok.statusCode).toBe(200);
      const id = await userIdByEmail(t, email);
      const off = await admin.patch(`${usersUrl}/${id}`, { active: false });
      expect(off.json()).toMatchObject({ active: false });

      // auth.service.ts acceptInvitation upserts the membership with `set: { role, active: true }`.
      await newClient(t).post(`/api/auth/invitations/${second.token}/accept`, { password });
      const row = await t.database.query<{ active: boolean }>(
        'SELECT active FROM memberships WHERE tenant_id = $1 AND user_id = $2',
        [M, id],
      );
      expect(row).toEqual([{ active: false }]);
      expectApiError(await newClient(t).login(email, password), 401, 'invalid_credentials');
    });

    it('a demoted person cannot regain the admin role with a second, still open invitation link', async () => {
      const email = uniqueEmail('ex-admin');
      const first = await inviteViaApi(admin, M, email, 'admin');
      const second = await inviteViaApi(admin, M, email, 'admin');
      const password = uniquePassword();
      expect(
        (
          await newClient(t).post(`/api/auth/invitations/${first.token}/accept`, {
            displayName: 'Erik Ex-Admin',
            password,
          })
        ).statusCode,
      ).toBe(200);
      const id = await userIdByEmail(t, email);
      expect((await admin.patch(`${usersUrl}/${id}`, { role: 'viewer' })).json()).toMatchObject({
        role: 'viewer',
      });

      await newClient(t).post(`/api/auth/invitations/${second.token}/accept`, { password });
      expect((await admin.get(`${usersUrl}/${id}`)).json()).toMatchObject({ role: 'viewer' });
    });

    it('the last active admin can be neither demoted nor deactivated (409)', async () => {
      const a = await tenantWithSoleAdmin('einzelstadt');
      const url = `/api/tenants/${a.tenantId}/users`;
      const message = 'Die letzte aktive Administration einer Kommune kann nicht entfernt werden.';

      for (const patch of [{ role: 'editor' }, { active: false }, { role: 'viewer', active: false }]) {
        const res = await a.client.patch(`${url}/${a.id}`, patch);
        expect(expectApiError(res, 409, 'conflict').message).toBe(message);
      }
      const row = await t.database.query<{ role: string; active: boolean }>(
        'SELECT role, active FROM memberships WHERE tenant_id = $1 AND user_id = $2',
        [a.tenantId, a.id],
      );
      expect(row).toEqual([{ role: 'admin', active: true }]);

      // A second admin whose account is locked does not count.
      const b = await createUserViaApi(a.client, a.tenantId, 'admin');
      expect((await platform.patch(`/api/platform/users/${b.id}`, { active: false })).statusCode).toBe(200);
      expectApiError(await a.client.patch(`${url}/${a.id}`, { role: 'editor' }), 409, 'conflict');
      // A second admin whose membership is inactive does not count either.
      expect((await platform.patch(`/api/platform/users/${b.id}`, { active: true })).statusCode).toBe(200);
      expect((await a.client.patch(`${url}/${b.id}`, { active: false })).statusCode).toBe(200);
      expectApiError(await a.client.patch(`${url}/${a.id}`, { active: false }), 409, 'conflict');

      // With an active second admin, the first may step down; then the second is the last one.
      expect((await a.client.patch(`${url}/${b.id}`, { active: true })).statusCode).toBe(200);
      const down = await a.client.patch(`${url}/${a.id}`, { role: 'editor' });
      expect(down.statusCode, down.body).toBe(200);
      expect(down.json()).toMatchObject({ role: 'editor' });
      expectApiError(await a.client.get(url), 403, 'forbidden');
      const bc = await signInFresh(t, b.email, b.password);
      expectApiError(await bc.patch(`${url}/${b.id}`, { active: false }), 409, 'conflict');
      expectApiError(await bc.patch(`${url}/${b.id}`, { role: 'contributor' }), 409, 'conflict');
    });
  });

  describe('reset links', () => {
    it('allowed for a person whose every tenant the admin administers (demo viewer: both demo tenants)', async () => {
      const viewerId = await userIdByEmail(t, DEMO.viewer.email);
      const res = await admin.post(`${usersUrl}/${viewerId}/password-reset`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().link).toMatch(/\/app\/passwort-zuruecksetzen\/[A-Za-z0-9_-]{20,}$/);
      // Restore the demo password for other tests.
      const ok = await newClient(t).post('/api/auth/reset', {
        token: tokenFromLink(res.json().link),
        newPassword: DEMO.viewer.password,
      });
      expect(ok.statusCode).toBe(200);
    });

    it('403 for a person who also belongs to a tenant the admin does not administer; nothing changes', async () => {
      const p = await createUserViaApi(admin, M, 'editor');
      const third = await platform.post('/api/platform/tenants', {
        slug: 'drittstadt',
        name: 'Drittstadt',
        type: 'kreisangehoerige_gemeinde',
      });
      expect(third.statusCode, third.body).toBe(201);
      const thirdId = third.json().tenant.id as string;
      const add = await platform.post(`/api/platform/tenants/${thirdId}/members`, {
        email: p.email,
        role: 'viewer',
      });
      expect(add.statusCode, add.body).toBe(200);
      const pc = await signInFresh(t, p.email, p.password);

      const res = await admin.post(`${usersUrl}/${p.id}/password-reset`);
      const body = expectApiError(res, 403, 'forbidden');
      expect(body.message).toBe(
        'Diese Person gehört weiteren Kommunen an. Bitte wenden Sie sich an die Plattformadministration.',
      );
      expect(res.body).not.toContain('Drittstadt');
      expect(
        await t.database.query(`SELECT 1 FROM account_tokens WHERE user_id = $1 AND purpose = 'reset'`, [
          p.id,
        ]),
      ).toHaveLength(0);
      // The person's session is not ended either.
      expect((await pc.get('/api/tenants')).statusCode).toBe(200);

      // The platform admin can.
      const byPlatform = await platform.post(`/api/platform/users/${p.id}/password-reset`);
      expect(byPlatform.statusCode, byPlatform.body).toBe(200);
    });

    it('403 for a platform admin who is also a member of the tenant', async () => {
      const add = await platform.post(`/api/platform/tenants/${M}/members`, {
        email: DEMO.platform.email,
        role: 'viewer',
      });
      expect(add.statusCode).toBe(200);
      const platformId = await userIdByEmail(t, DEMO.platform.email);
      try {
        expectApiError(await admin.post(`${usersUrl}/${platformId}/password-reset`), 403, 'forbidden');
        expect((await platform.get('/api/platform/users')).statusCode).toBe(200);
      } finally {
        await t.database.query('DELETE FROM memberships WHERE tenant_id = $1 AND user_id = $2', [
          M,
          platformId,
        ]);
      }
    });

    it('a person of the tenant who is only there: link works', async () => {
      const p = await createUserViaApi(admin, M, 'viewer');
      const res = await admin.post(`${usersUrl}/${p.id}/password-reset`);
      expect(res.statusCode).toBe(200);
      const newPassword = uniquePassword();
      expect(
        (await newClient(t).post('/api/auth/reset', { token: tokenFromLink(res.json().link), newPassword }))
          .statusCode,
      ).toBe(200);
      expect((await newClient(t).login(p.email, newPassword)).statusCode).toBe(200);
    });
  });

  describe('validation', () => {
    it.each([
      ['e-mail invalid', { email: 'keine-adresse' }, 'body.email', '„E-Mail-Adresse“'],
      ['e-mail empty', { email: '' }, 'body.email', '„E-Mail-Adresse“'],
      ['role invalid', { role: 'superuser' }, 'body.role', '„Rolle“'],
      ['password with 11 characters', { password: '12345678901' }, 'body.password', '„Passwort“'],
      ['display name missing', { displayName: undefined }, 'body.displayName', '„Name“'],
    ])('%s → 400 validation naming %s', async (_label, change, field, label) => {
      const input = { ...valid(), ...change };
      const res = await admin.post(usersUrl, input);
      const body = expectApiError(res, 400, 'validation');
      expect(validationDetails(body).map((d) => d.field)).toContain(field);
      // The message names the field in German, never the identifier („body.email“).
      expect(body.message).toContain(label);
      expect(body.message).not.toContain('body.');
      if (input.email) {
        expect(await t.database.query('SELECT 1 FROM users WHERE email = $1', [input.email])).toHaveLength(0);
      }
    });

    it('the password message is German and names the minimum length', async () => {
      const res = await admin.post(usersUrl, { ...valid(), password: 'kurz' });
      const body = expectApiError(res, 400, 'validation');
      expect(validationDetails(body).find((d) => d.field === 'body.password')?.message).toBe(
        '„Passwort“: Das Passwort muss mindestens 12 Zeichen lang sein.',
      );
    });

    it('invitation with an invalid role → 400 naming body.role', async () => {
      const res = await admin.post(usersUrl, { mode: 'invite', email: uniqueEmail('x'), role: 'owner' });
      const body = expectApiError(res, 400, 'validation');
      expect(validationDetails(body).map((d) => d.field)).toContain('body.role');
    });

    it('PATCH with an invalid role → 400, the role stays', async () => {
      const p = await createUserViaApi(admin, M, 'viewer');
      const res = await admin.patch(`${usersUrl}/${p.id}`, { role: 'root' });
      const body = expectApiError(res, 400, 'validation');
      expect(validationDetails(body).map((d) => d.field)).toContain('body.role');
      expect((await admin.get(`${usersUrl}/${p.id}`)).json().role).toBe('viewer');
    });
  });
});
