import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DEMO, type TestContext } from '../../test/testApp';
import { TEST_DRIVER } from '../../test/testDb';
import {
  createUserViaApi,
  expectApiError,
  newClient,
  signInFresh,
  tenantIdBySlug,
  uniqueEmail,
  type AddressedClient,
} from '../../test/fixtures';
import { csrfOf, getForm, pathOf, postForm } from '../assessment/testing';

/** Rate limits of the account endpoints besides sign-in, and of the external rater form (issue 9, item 7). */
describe(`rate limits of password, reset, invitation and rater endpoints on ${TEST_DRIVER}`, () => {
  let t: TestContext;
  let admin: AddressedClient;
  let musterstadt: string;
  const fakeToken = (i: number) => `unbekannt-${String(i).padStart(3, '0')}-`.padEnd(43, 'x');

  beforeAll(async () => {
    t = await createTestApp({ config: { loginRateLimit: { max: 3, windowMs: 60_000 } } });
    musterstadt = await tenantIdBySlug(t, 'musterstadt');
    admin = await signInFresh(t, DEMO.admin.email, DEMO.admin.password);
  });
  afterAll(async () => t?.close());

  it('change password: wrong current passwords are limited per account (then 429 even for the right one)', async () => {
    const p = await createUserViaApi(admin, musterstadt, 'viewer');
    const c = await signInFresh(t, p.email, p.password);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await c.post('/api/auth/password', {
        currentPassword: `falsch-${i}-passwort`,
        newPassword: 'ein-neues-langes-passwort',
      });
      statuses.push(res.statusCode);
    }
    expect(statuses).toEqual([400, 400, 400, 429, 429]);
    // From a second session of the same account it is the same count.
    const second = await signInFresh(t, p.email, p.password);
    expectApiError(
      await second.post('/api/auth/password', {
        currentPassword: p.password,
        newPassword: 'ein-neues-langes-passwort',
      }),
      429,
      'rate_limited',
    );
    // Correct changes do not count: another person changes twice in a row.
    const q = await createUserViaApi(admin, musterstadt, 'viewer');
    const cq = await signInFresh(t, q.email, q.password);
    let current = q.password;
    for (const next of ['erstes-neues-passwort', 'zweites-neues-passwort', 'drittes-neues-passwort']) {
      const res = await cq.post('/api/auth/password', { currentPassword: current, newPassword: next });
      expect(res.statusCode, res.body).toBe(200);
      current = next;
    }
  });

  it('reset link completion: at most 20 per minute from one address', async () => {
    const c = newClient(t);
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) {
      statuses.push(
        (await c.post('/api/auth/reset', { token: fakeToken(i), newPassword: 'ein-neues-langes-passwort' }))
          .statusCode,
      );
    }
    expect(statuses.slice(0, 20).every((s) => s === 400)).toBe(true);
    expect(statuses[20]).toBe(429);
  });

  it('invitation lookup (30) and acceptance (20) per minute from one address', async () => {
    const c = newClient(t);
    const info: number[] = [];
    for (let i = 0; i < 31; i++) info.push((await c.get(`/api/auth/invitations/${fakeToken(i)}`)).statusCode);
    expect(info.slice(0, 30).every((s) => s === 404)).toBe(true);
    expect(info[30]).toBe(429);
    const accept: number[] = [];
    for (let i = 0; i < 21; i++) {
      accept.push(
        (
          await c.post(`/api/auth/invitations/${fakeToken(i)}/accept`, {
            displayName: 'Neu',
            password: 'ein-neues-langes-passwort',
          })
        ).statusCode,
      );
    }
    expect(accept.slice(0, 20).every((s) => s === 404)).toBe(true);
    expect(accept[20]).toBe(429);
  });

  it('an admin creates at most 30 reset links per hour, whatever address the requests come from', async () => {
    const p = await createUserViaApi(admin, musterstadt, 'viewer');
    const a = await signInFresh(t, DEMO.admin.email, DEMO.admin.password);
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      const from = i % 2 ? a : admin;
      statuses.push((await from.post(`/api/tenants/${musterstadt}/users/${p.id}/password-reset`)).statusCode);
    }
    expect(statuses.slice(0, 30).every((s) => s === 200)).toBe(true);
    expect(statuses[30]).toBe(429);
  });

  it('an admin invites or creates at most 100 people per hour', async () => {
    // A new administrator (the demo admin has created people in the tests above), in two sessions.
    const newAdmin = await createUserViaApi(admin, musterstadt, 'admin');
    const a = await signInFresh(t, newAdmin.email, newAdmin.password);
    const b = await signInFresh(t, newAdmin.email, newAdmin.password);
    const statuses: number[] = [];
    for (let i = 0; i < 101; i++) {
      const res = await (i % 2 ? a : b).post(`/api/tenants/${musterstadt}/users`, {
        mode: 'invite',
        email: uniqueEmail(`einladung-${i}`),
        role: 'viewer',
      });
      statuses.push(res.statusCode);
    }
    expect(
      statuses.slice(0, 100).filter((s) => s !== 201),
      JSON.stringify(statuses),
    ).toEqual([]);
    expect(statuses[100]).toBe(429);
  });

  it('the external rater form takes at most 60 submissions per hour per link, from any address', async () => {
    const editor = await signInFresh(t, DEMO.editor.email, DEMO.editor.password);
    const api = (path: string) => `/api/tenants/${musterstadt}/assessment${path}`;
    const day = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);
    const round = await editor.post(api('/rounds'), {
      title: 'Runde Grenzen',
      startsOn: day(0),
      endsOn: day(30),
    });
    expect(round.statusCode, round.body).toBe(201);
    await editor.patch(api(`/rounds/${round.json().id}`), { status: 'open' });
    const rater = await editor.post(api(`/rounds/${round.json().id}/participants`), {
      kind: 'external',
      label: 'Viele Adressen',
    });
    const path = pathOf((rater.json() as { link: string }).link);
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++) {
      const c = newClient(t); // a new address for every submission
      const form = await getForm(c, path);
      const res = await postForm(c, path, { _csrf: csrfOf(form.body)!, aktion: 'speichern' });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, 60).every((s) => s === 303)).toBe(true);
    expect(statuses[60]).toBe(429);
  });
});
