import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportRunDetail, ObservationsResponse } from '@dkbm/contract';
import { createTestApp, DEMO, type TestClient, type TestContext } from '../../test/testApp';
import { TEST_DRIVER } from '../../test/testDb';
import {
  clientWithSessionCookie,
  createUserViaApi,
  expectApiError,
  sessionCookieOf,
  signInFresh,
  tenantIdBySlug,
} from '../../test/fixtures';
import { genesisFixture, importFile, uploadAndAnalyze } from '../../test/monitoring';

// The read cache (sessions, memberships, indicator rows) must never make this server answer from
// before its own changes, and must bound how long another process's changes go unseen.

const ROWS = [
  { key: 'DG', name: 'Deutschland', label: 'Tageseinrichtung', u3: '614600', u6: '1979186' },
  {
    key: '01001',
    name: '      Flensburg, Kreisfreie Stadt',
    label: 'Tageseinrichtung',
    u3: '641',
    u6: '2148',
  },
];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe(`read cache on ${TEST_DRIVER}: this server's own changes are seen at once`, () => {
  let t: TestContext;
  let admin: TestClient;
  let M: string;
  let B: string;

  beforeAll(async () => {
    // The default TTL (2 s): longer than each check below takes, so a missed invalidation shows.
    t = await createTestApp({ config: { loginRateLimit: { max: 10_000, windowMs: 60_000 } } });
    expect(t.config.readCacheTtlMs).toBe(2000);
    admin = await t.signIn(DEMO.admin.email, DEMO.admin.password);
    M = await tenantIdBySlug(t, 'musterstadt');
    B = await tenantIdBySlug(t, 'beispielkreis');
  });
  afterAll(async () => t?.close());

  it('a deactivated membership ends tenant access and leaves the session list at once', async () => {
    const p = await createUserViaApi(admin, M, 'editor');
    const pc = await signInFresh(t, p.email, p.password);
    // Read twice: the membership is now in the cache.
    for (let i = 0; i < 2; i++) expect((await pc.get(`/api/tenants/${M}/areas`)).statusCode).toBe(200);
    expect((await pc.session()).memberships.map((m) => m.tenantId)).toEqual([M]);

    expect((await admin.patch(`/api/tenants/${M}/users/${p.id}`, { active: false })).statusCode).toBe(200);
    expectApiError(await pc.get(`/api/tenants/${M}/areas`), 404, 'not_found');
    expect((await pc.session()).memberships).toEqual([]);

    expect((await admin.patch(`/api/tenants/${M}/users/${p.id}`, { active: true })).statusCode).toBe(200);
    expect((await pc.get(`/api/tenants/${M}/areas`)).statusCode).toBe(200);
  });

  it('a signed-out session is refused at once, also when its cookie is replayed', async () => {
    const c = await signInFresh(t, DEMO.viewer.email, DEMO.viewer.password);
    const cookie = sessionCookieOf(c);
    expect((await c.get(`/api/tenants/${M}/indicators`)).statusCode).toBe(200);
    expect((await c.post('/api/auth/logout')).statusCode).toBe(200);
    const replay = clientWithSessionCookie(t, cookie);
    expectApiError(await replay.get(`/api/tenants/${M}/indicators`), 401, 'unauthorized');
    expect((await replay.session()).user).toBeNull();
  });

  it('changed indicator metadata changes the observations answer and its ETag at once', async () => {
    const list = (await admin.get(`/api/tenants/${M}/indicators`)).json() as Array<{
      id: string;
      code: string;
      decimals: number;
    }>;
    const ind = list.find((i) => i.code === 'bevoelkerung_altersgruppen')!;
    const url = `/api/tenants/${M}/indicators/${ind.id}/observations`;
    const first = await admin.get(url);
    expect((first.json() as ObservationsResponse).decimals).toBe(ind.decimals);
    const patched = await admin.patch(`/api/tenants/${M}/indicators/${ind.id}`, {
      decimals: ind.decimals + 1,
    });
    expect(patched.statusCode, patched.body).toBe(200);
    const second = await admin.get(url);
    expect((second.json() as ObservationsResponse).decimals).toBe(ind.decimals + 1);
    expect(second.headers.etag).not.toBe(first.headers.etag);
    // The client's stored ETag no longer matches: a full answer, not 304.
    const conditional = await admin.request({
      method: 'GET',
      url,
      headers: { 'if-none-match': String(first.headers.etag) },
    });
    expect(conditional.statusCode).toBe(200);
  });

  it('values of an import that ends in the background are served as soon as the run is done', async () => {
    await importFile(admin, B, '99901-01-01-4_00.csv', genesisFixture({ rows: ROWS }));
    const list = (await admin.get(`/api/tenants/${B}/indicators`)).json() as Array<{
      id: string;
      statisticsCode: string | null;
    }>;
    const ind = list.find((i) => i.statisticsCode === '99901-01-01-4')!;
    const url = `/api/tenants/${B}/indicators/${ind.id}/observations?dims=`;
    const flensburg = async () =>
      ((await admin.get(url)).json() as ObservationsResponse).observations
        .filter((o) => o.areaCode === '01001' && o.value !== null)
        .map((o) => o.value);
    expect(await flensburg()).toContain('641');

    const changed = ROWS.map((r) => (r.key === '01001' ? { ...r, u3: '700' } : r));
    const run = await uploadAndAnalyze(admin, B, '99901-01-01-4_00.csv', genesisFixture({ rows: changed }));
    const commit = await admin.post(`/api/tenants/${B}/imports/${run.id}/commit`, {});
    expect(commit.statusCode, commit.body).toBe(202);
    // Like the workbench, read the indicator while the job runs (this fills the cache), then once
    // the run reports done.
    let status = 'importing';
    let reads = 0;
    for (let i = 0; i < 400 && ['uploaded', 'analyzing', 'importing', 'ready'].includes(status); i++) {
      await flensburg();
      reads++;
      status = ((await admin.get(`/api/tenants/${B}/imports/${run.id}`)).json() as ImportRunDetail).status;
      await sleep(50);
    }
    expect(status).toBe('done');
    expect(reads).toBeGreaterThan(0);
    expect(await flensburg()).toContain('700');
  });
});

describe(`read cache on ${TEST_DRIVER}: changes by another process`, () => {
  const TTL = 400;
  let t: TestContext;
  let admin: TestClient;
  let M: string;

  beforeAll(async () => {
    t = await createTestApp({
      config: { readCacheTtlMs: TTL, loginRateLimit: { max: 10_000, windowMs: 60_000 } },
    });
    admin = await t.signIn(DEMO.admin.email, DEMO.admin.password);
    M = await tenantIdBySlug(t, 'musterstadt');
  });
  afterAll(async () => t?.close());

  // Written straight into the database, as the CLI or a second server on the same PostgreSQL would.
  const sql = (q: string, params: unknown[]) => t.database.query(q, params);

  it('a membership ended elsewhere: no write at once, no read after the TTL', async () => {
    const p = await createUserViaApi(admin, M, 'editor');
    const pc = await signInFresh(t, p.email, p.password);
    expect((await pc.get(`/api/tenants/${M}/areas`)).statusCode).toBe(200);
    const ind = ((await pc.get(`/api/tenants/${M}/indicators`)).json() as Array<{ id: string }>)[0]!;

    await sql('UPDATE memberships SET active = false WHERE tenant_id = $1 AND user_id = $2', [M, p.id]);
    // State-changing requests check the database itself.
    expectApiError(
      await pc.patch(`/api/tenants/${M}/indicators/${ind.id}`, { contact: 'Ehemals Mitglied' }),
      404,
      'not_found',
    );
    await sleep(TTL + 50);
    expectApiError(await pc.get(`/api/tenants/${M}/areas`), 404, 'not_found');
  });

  it('sessions deleted elsewhere (e.g. `dkbm user passwd`): no write at once, no read after the TTL', async () => {
    const p = await createUserViaApi(admin, M, 'editor');
    const pc = await signInFresh(t, p.email, p.password);
    expect((await pc.get(`/api/tenants/${M}/areas`)).statusCode).toBe(200);

    await sql('DELETE FROM sessions WHERE user_id = $1', [p.id]);
    const write = () =>
      pc.post('/api/auth/password', { currentPassword: p.password, newPassword: 'x'.repeat(16) });
    // Refused at once: the write reads the session from the database, finds none, and the CSRF token
    // was bound to the ended session (ADR 0003).
    expectApiError(await write(), 403, 'csrf');
    await sleep(TTL + 50);
    expectApiError(await pc.get(`/api/tenants/${M}/areas`), 401, 'unauthorized');
    expect((await pc.session()).user).toBeNull();
    // With the fresh (anonymous) token the write gets 401.
    expectApiError(await write(), 401, 'unauthorized');
  });
});
