import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse, RouteOptions } from 'fastify';
import { hasPermission, type Permission, type Role } from '@dkbm/contract';
import { createTestApp, DEMO, type TestContext } from '../../test/testApp';
import { TEST_DRIVER } from '../../test/testDb';
import { routeTable } from '../../test/routeTable';
import {
  createUserViaApi,
  inviteViaApi,
  newClient,
  signInFresh,
  tenantIdBySlug,
  uniqueEmail,
  uniquePassword,
  userIdByEmail,
  type AddressedClient,
  type CreatedUser,
} from '../../test/fixtures';
import { modules } from '../../modules';
import { isTenantRoute } from '../http/access';
import { createSession } from '../auth/sessions';
import {
  idKindsOf,
  missingCases,
  requestOf,
  routeKey,
  staleCases,
  withForeign,
  type FixtureContext,
  type Ids,
  type IsolationCase,
} from './isolation';
import { allCases, loadModuleIsolation } from './isolationCases';
import { sql as drizzleSql } from 'drizzle-orm';
import { rows } from '../db/sqlRows';
import { disableRowLevelSecurity, enableRowLevelSecurity, withRowLevelSecurity } from './rls';

/*
 * Tenant isolation, taken from the router: a third tenant "Fremdstadt" with its own people and, from
 * every module's fixtures, its own objects. Every tenant route (each with its case in
 * modules/<name>/<name>.isolation.ts) is called by the people of musterstadt in every role, by people of
 * no tenant and anonymously, with foreign ids under musterstadt's own id, and as a viewer; none of it
 * may read or change anything of Fremdstadt, nor even learn that it exists (ADR 0002).
 */

const ROLES: Role[] = ['admin', 'editor', 'contributor', 'viewer', 'provider'];
type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

const isolation = await loadModuleIsolation();
const CASES = allCases(isolation);
const ROUTES = (await routeTable(modules))
  .filter((r) => isTenantRoute(r.url))
  .map((r) => ({
    ...r,
    key: routeKey(r.method, r.url),
    method: r.method as Method,
    permission: r.permission!,
  }));

interface Route {
  key: string;
  method: Method;
  url: string;
  permission: Permission;
}
const caseOf = (r: Route): IsolationCase => {
  const c = CASES[r.key];
  if (!c) throw new Error(`${r.key}: kein Isolationsfall (modules/<name>/<name>.isolation.ts)`);
  return c;
};
const isWrite = (r: Route) => r.method !== 'GET';

/** One foreign id at a time under the own tenant id: every kind of id the route names. */
const IDOR_CASES = ROLES.flatMap((role) =>
  ROUTES.flatMap((r) =>
    CASES[r.key]
      ? idKindsOf(r.url, CASES[r.key]!).map((kind) => {
          const filtered = CASES[r.key]!.filtered?.includes(kind) ?? false;
          const allowed = hasPermission(role, r.permission);
          const expected = !allowed ? 403 : filtered ? 200 : 404;
          return [`${r.key} with a foreign ${kind} → ${expected}`, { role, kind, ...r, expected }] as const;
        })
      : [],
  ),
);

const NON_UUID_PATHS = [
  '/api/tenants/musterstadt',
  '/api/tenants/musterstadt/areas',
  '/api/tenants/123/users',
  '/api/tenants/null/indicators',
  "/api/tenants/'%20OR%201=1--/invitations",
  '/api/tenants/:T-0/areas',
];

const PLATFORM_ROUTES: Array<{ label: string; method: Method; path: string; body: string }> = [
  { label: 'GET tenants', method: 'GET', path: '/api/platform/tenants', body: 'none' },
  { label: 'POST tenants', method: 'POST', path: '/api/platform/tenants', body: 'tenantCreate' },
  { label: 'PATCH tenants/:id', method: 'PATCH', path: '/api/platform/tenants/:F', body: 'tenantPatch' },
  {
    label: 'POST tenants/:id/members (self-promotion)',
    method: 'POST',
    path: '/api/platform/tenants/:M/members',
    body: 'selfAdmin',
  },
  { label: 'GET users', method: 'GET', path: '/api/platform/users', body: 'none' },
  {
    label: 'PATCH users/:id (self → platform admin)',
    method: 'PATCH',
    path: '/api/platform/users/:self',
    body: 'selfPlatformAdmin',
  },
  {
    label: 'POST users/:id/password-reset',
    method: 'POST',
    path: '/api/platform/users/:fremdAdmin/password-reset',
    body: 'none',
  },
];
const PLATFORM_CASES = ROLES.flatMap((role) => PLATFORM_ROUTES.map((r) => ({ role, ...r })));

function send(c: AddressedClient, method: Method, url: string, body: unknown) {
  return c.request({ method, url, ...(body === undefined ? {} : { payload: body as never }) });
}

describe(`tenant isolation on ${TEST_DRIVER}`, () => {
  let t: TestContext;
  const collected: Array<{ method: string; url: string }> = [];
  let demoAdmin: AddressedClient;
  let platform: AddressedClient;
  let noTenant: AddressedClient;
  let fremdAdminClient: AddressedClient;
  let M: string;
  const F = {
    tenantId: '',
    adminId: '',
    adminEmail: uniqueEmail('frieda', 'fremdstadt.example'),
    adminName: 'Frieda Fremdverwalterin',
    otherUserId: '',
    otherEmail: uniqueEmail('fritz', 'fremdstadt.example'),
    otherName: 'Fritz Fremdling',
    invitationId: '',
    invitationEmail: uniqueEmail('eingeladen', 'fremdstadt.example'),
  };
  let own: Ids = {};
  let foreign: Ids = {};
  const secrets: string[] = [];
  const users = {} as Record<Role, CreatedUser & { client: AddressedClient }>;
  let fremdSnapshot: string;

  /** Names, e-mails, ids and values of Fremdstadt that must never appear in a response to a stranger. */
  const fremdSecrets = () => [
    'Fremdstadt',
    F.tenantId,
    F.adminId,
    F.adminEmail,
    F.adminName,
    F.otherUserId,
    F.otherEmail,
    F.otherName,
    F.invitationId,
    F.invitationEmail,
    '09876543',
    ...secrets,
  ];

  /** Fremdstadt secrets in a response body, except those the caller put into the URL or body itself. */
  function leaksOf(res: LightMyRequestResponse, sent: string): string[] {
    const body = res.body.toLowerCase();
    const inRequest = decodeURIComponent(sent).toLowerCase();
    return fremdSecrets().filter(
      (s) => s && !inRequest.includes(s.toLowerCase()) && body.includes(s.toLowerCase()),
    );
  }
  function expectNoLeak(res: LightMyRequestResponse, url: string, payload?: unknown) {
    const sent = `${url} ${payload === undefined ? '' : JSON.stringify(payload)}`;
    expect(leaksOf(res, sent), `response to ${url} leaks: ${res.body}`).toEqual([]);
  }

  /**
   * Every row of Fremdstadt in every table with a tenant id (the modules' tables included, whatever
   * they are), its people, their accounts, tokens and sessions, and the shares that name it.
   */
  async function snapshotFremdstadt(): Promise<string> {
    const tables = await t.database.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.columns
        WHERE table_schema = 'public' AND column_name = 'tenant_id' ORDER BY table_name`,
    );
    const q = async (sql: string) =>
      (await t.database.query<{ j: string | null }>(sql, [F.tenantId]))[0]?.j ?? 'null';
    const parts = await Promise.all([
      q(`SELECT row_to_json(x)::text AS j FROM tenants x WHERE id = $1`),
      ...tables.map((x) =>
        q(
          `SELECT json_agg(r ORDER BY r)::text AS j
             FROM (SELECT row_to_json(x)::text AS r FROM "${x.table_name}" x WHERE x.tenant_id = $1) s`,
        ),
      ),
      q(
        `SELECT json_agg(json_build_array(u.id, u.email, u.display_name, u.password_hash, u.active,
                u.is_platform_admin) ORDER BY u.id)::text AS j
           FROM users u WHERE u.id IN (SELECT user_id FROM memberships WHERE tenant_id = $1)`,
      ),
      q(
        `SELECT json_agg(json_build_array(a.id, a.purpose, a.email, a.role, a.used_at, a.expires_at)
                ORDER BY a.id)::text AS j
           FROM account_tokens a WHERE a.user_id IN (SELECT user_id FROM memberships WHERE tenant_id = $1)`,
      ),
      q(
        `SELECT json_agg(s.id ORDER BY s.id)::text AS j FROM sessions s
          WHERE s.user_id IN (SELECT user_id FROM memberships WHERE tenant_id = $1)`,
      ),
      q(`SELECT json_agg(row_to_json(s) ORDER BY s.tenant_id)::text AS j
           FROM assessment_shares s WHERE s.agency_tenant_id = $1`),
    ]);
    return parts.join('\n');
  }

  /** Objects of one tenant from every module's fixtures, in registry order. */
  async function makeFixtures(
    tenantId: string,
    label: 'own' | 'foreign',
    admin: AddressedClient,
    people: FixtureContext['people'],
    core: Ids,
  ): Promise<Ids> {
    let ids: Ids = core;
    for (const m of isolation) {
      if (!m.fixtures) continue;
      const made = await m.fixtures({
        tenantId,
        label,
        ids,
        people,
        asAdmin: (method, url, body) => send(admin, method, url, body),
        query: (sql, params) => t.database.query(sql, params),
      });
      ids = { ...ids, ...made.ids };
      if (label === 'foreign') secrets.push(...(made.secrets ?? []));
    }
    return ids;
  }

  beforeAll(async () => {
    t = await createTestApp({
      config: { loginRateLimit: { max: 10_000, windowMs: 60_000 } },
      onRoute: (r: RouteOptions) => {
        for (const method of [r.method].flat()) if (method !== 'HEAD') collected.push({ method, url: r.url });
      },
    });
    M = await tenantIdBySlug(t, 'musterstadt');
    demoAdmin = await signInFresh(t, DEMO.admin.email, DEMO.admin.password);
    platform = await signInFresh(t, DEMO.platform.email, DEMO.platform.password);

    // Fremdstadt, created by the platform admin with an invitation for its first admin.
    const created = await platform.post('/api/platform/tenants', {
      slug: 'fremdstadt',
      name: 'Fremdstadt',
      type: 'kreisangehoerige_gemeinde',
      ags: '09876543',
      color: '#654321',
      adminEmail: F.adminEmail,
    });
    expect(created.statusCode, created.body).toBe(201);
    F.tenantId = created.json().tenant.id;
    const adminPassword = uniquePassword();
    const link = created.json().link as string;
    const accepted = await newClient(t).post(`/api/auth/invitations/${link.split('/').pop()}/accept`, {
      displayName: F.adminName,
      password: adminPassword,
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    F.adminId = await userIdByEmail(t, F.adminEmail);
    fremdAdminClient = await signInFresh(t, F.adminEmail, adminPassword);
    const other = await createUserViaApi(fremdAdminClient, F.tenantId, 'editor', {
      email: F.otherEmail,
      displayName: F.otherName,
    });
    F.otherUserId = other.id;
    F.invitationId = (await inviteViaApi(fremdAdminClient, F.tenantId, F.invitationEmail, 'viewer')).id;

    // One person per role, only in musterstadt.
    for (const role of ROLES) {
      const u = await createUserViaApi(demoAdmin, M, role);
      users[role] = { ...u, client: await signInFresh(t, u.email, u.password) };
    }
    const memberships = await users.viewer.client.session();
    expect(memberships.memberships.map((m) => m.tenantId)).toEqual([M]);

    // A signed-in person of no tenant (a membership ended after signing in; sign-in itself needs one).
    const [lonely] = await t.database.query<{ id: string }>(
      `INSERT INTO users (email, display_name) VALUES ($1, 'Niemand Ohnekommune') RETURNING id`,
      [uniqueEmail('ohne-kommune')],
    );
    noTenant = newClient(t);
    noTenant.cookies.set(
      'dkbm_session',
      await createSession(t.database.db, lonely!.id, { ttlMs: 3600_000, idleMs: 3600_000 }),
    );
    expect((await noTenant.session()).memberships).toEqual([]);

    const ownInvitation = (await inviteViaApi(demoAdmin, M, uniqueEmail('offen'), 'viewer')).id;
    own = await makeFixtures(
      M,
      'own',
      demoAdmin,
      { admin: await userIdByEmail(t, DEMO.admin.email), contributor: users.contributor.id },
      { user: await userIdByEmail(t, DEMO.admin.email), invitation: ownInvitation },
    );
    foreign = await makeFixtures(
      F.tenantId,
      'foreign',
      fremdAdminClient,
      { admin: F.adminId, contributor: null },
      { user: F.adminId, invitation: F.invitationId },
    );
    fremdSnapshot = await snapshotFremdstadt();
  });
  afterAll(async () => t?.close());

  it('every tenant route of the running app has an isolation case, and every case a route', () => {
    expect(collected.filter((r) => isTenantRoute(r.url)).length).toBe(ROUTES.length);
    expect(missingCases(collected, CASES)).toEqual([]);
    expect(staleCases(collected, CASES)).toEqual([]);
  });

  it('the leak check recognises Fremdstadt data (its admin sees all of it through the read routes)', async () => {
    const seen = new Set<string>();
    for (const r of ROUTES.filter((x) => x.method === 'GET' && !/\.(pdf|docx)$/.test(x.url))) {
      const req = requestOf(r.url, caseOf(r), F.tenantId, foreign, 'probe');
      const res = await fremdAdminClient.get(req.url);
      expect(res.statusCode, `${r.key}: ${res.body}`).toBeLessThan(500);
      for (const s of leaksOf(res, '')) seen.add(s);
    }
    expect([...fremdSecrets()].filter((s) => !seen.has(s))).toEqual([]);
  });

  describe.each(ROLES)('%s of musterstadt, Fremdstadt tenant id in the path', (role) => {
    it.each(ROUTES.map((r) => [r.key, r] as const))(
      '%s → 404 not_found, nothing of Fremdstadt in the body',
      async (_key, r) => {
        const req = requestOf(r.url, caseOf(r), F.tenantId, foreign, `${role}-f`);
        const res = await send(users[role].client, r.method, req.url, req.payload);
        expect({ status: res.statusCode, error: res.json().error }).toEqual({
          status: 404,
          error: 'not_found',
        });
        expectNoLeak(res, req.url, req.payload);
      },
    );
  });

  describe('people of no tenant', () => {
    it.each(ROUTES)(
      '$key on Fremdstadt and musterstadt → 404 for the platform admin and a lone account',
      async (r) => {
        for (const [tenantId, ids] of [
          [F.tenantId, foreign],
          [M, own],
        ] as const) {
          for (const c of [platform, noTenant]) {
            const req = requestOf(r.url, caseOf(r), tenantId, ids, 'no-tenant');
            const res = await send(c, r.method, req.url, req.payload);
            expect({ status: res.statusCode, error: res.json().error }, res.body).toEqual({
              status: 404,
              error: 'not_found',
            });
            expectNoLeak(res, req.url, req.payload);
          }
        }
      },
    );
  });

  describe('anonymous', () => {
    it.each(ROUTES.map((r) => [r.key, r] as const))('%s → 401 unauthorized', async (_key, r) => {
      for (const [tenantId, ids] of [
        [M, own],
        [F.tenantId, foreign],
      ] as const) {
        const req = requestOf(r.url, caseOf(r), tenantId, ids, 'anon');
        const res = await send(newClient(t), r.method, req.url, req.payload);
        expect(res.statusCode, res.body).toBe(401);
        expect(res.json()).toMatchObject({ error: 'unauthorized' });
        expectNoLeak(res, req.url, req.payload);
      }
    });
  });

  describe.each(ROLES)('%s of musterstadt, own tenant id with one foreign id (IDOR)', (role) => {
    it.each(IDOR_CASES.filter(([, c]) => c.role === role))('%s', async (_label, r) => {
      const ids = withForeign(own, foreign, r.kind);
      const req = requestOf(r.url, caseOf(r), M, ids, `${role}-x`);
      const res = await send(users[role].client, r.method, req.url, req.payload);
      expect(res.statusCode, res.body).toBe(r.expected);
      if (r.expected !== 200) expect(res.json().error).toBe(r.expected === 404 ? 'not_found' : 'forbidden');
      expectNoLeak(res, req.url, req.payload);
    });
  });

  describe('a viewer changes nothing', () => {
    it.each(ROUTES.filter(isWrite).map((r) => [r.key, r] as const))('%s → 403', async (_key, r) => {
      const req = requestOf(r.url, caseOf(r), M, own, 'viewer-own');
      const res = await send(users.viewer.client, r.method, req.url, req.payload);
      expect(res.statusCode, res.body).toBe(403);
      expect(['forbidden', 'not_invited']).toContain(res.json().error);
    });
  });

  it('the musterstadt admin cannot reach a Fremdstadt-only person through musterstadt (every user route)', async () => {
    const c = users.admin.client;
    const base = `/api/tenants/${M}/users/${F.otherUserId}`;
    const results = [
      await c.get(base),
      await c.patch(base, { role: 'admin' }),
      await c.patch(base, { active: false }),
      await c.post(`${base}/password-reset`),
    ];
    expect(results.map((r) => r.statusCode)).toEqual([404, 404, 404, 404]);
    for (const r of results) expectNoLeak(r, base);
    for (const path of ['users', 'invitations', 'areas', 'indicators']) {
      const res = await c.get(`/api/tenants/${M}/${path}`);
      expect(res.statusCode).toBe(200);
      expectNoLeak(res, '');
    }
  });

  it("fields smuggled into PATCH bodies (Fremdstadt's id, tenant id, slug) are ignored", async () => {
    const c = users.admin.client;
    const res = await c.patch(`/api/tenants/${M}`, {
      id: F.tenantId,
      slug: 'fremdstadt',
      isDemo: false,
      name: 'Musterstadt (Demo)',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: M, slug: 'musterstadt', isDemo: true });
    expectNoLeak(res, '');
    const viewerId = users.viewer.id;
    const upd = await c.patch(`/api/tenants/${M}/users/${viewerId}`, {
      role: 'viewer',
      tenantId: F.tenantId,
      userId: F.adminId,
      isPlatformAdmin: true,
    });
    expect(upd.statusCode, upd.body).toBe(200);
    expect(upd.json()).toMatchObject({ id: viewerId, role: 'viewer' });
    const flags = await t.database.query<{ p: boolean }>(
      'SELECT is_platform_admin AS p FROM users WHERE id = $1',
      [viewerId],
    );
    expect(flags[0]!.p).toBe(false);
  });

  describe('people and settings of the own tenant are the administration’s', () => {
    it.each(ROLES)('%s: people list, new person, settings', async (role) => {
      const c = users[role].client;
      const tag = `${role}-own`;
      const results = [
        await c.get(`/api/tenants/${M}/users`),
        await c.post(`/api/tenants/${M}/users`, {
          mode: 'password',
          email: `eindringling-${tag}@angriff.example`,
          displayName: `Eindringling ${tag}`,
          role: 'viewer',
          password: 'eindringling-passwort',
        }),
        await c.patch(`/api/tenants/${M}`, { name: `Gekapert ${tag}` }),
      ];
      if (role === 'admin') {
        expect(results.map((r) => r.statusCode)).toEqual([200, 201, 200]);
        expect(results[2]!.json()).toMatchObject({ id: M, name: `Gekapert ${tag}` });
        await c.patch(`/api/tenants/${M}`, { name: 'Musterstadt (Demo)' });
        return;
      }
      expect(results.map((r) => r.statusCode)).toEqual([403, 403, 403]);
      expect(
        await t.database.query('SELECT 1 FROM users WHERE email = $1', [
          `eindringling-${tag}@angriff.example`,
        ]),
      ).toHaveLength(0);
      const name = await t.database.query<{ name: string }>('SELECT name FROM tenants WHERE id = $1', [M]);
      expect(name[0]!.name).not.toContain('Gekapert');
    });
  });

  describe('malformed tenant id', () => {
    it.each(NON_UUID_PATHS)('%s → 404 not_found', async (path) => {
      const res = await demoAdmin.get(path.replace(':T', M));
      expect(res.statusCode, res.body).toBe(404);
      expect(res.json()).toMatchObject({ error: 'not_found' });
    });
  });

  describe('platform routes are reserved for platform admins', () => {
    it.each(PLATFORM_CASES)('$role: $label → 403', async (r) => {
      const u = users[r.role];
      const url = r.path
        .replace(':F', F.tenantId)
        .replace(':M', M)
        .replace(':self', u.id)
        .replace(':fremdAdmin', F.adminId);
      const body = {
        none: undefined,
        tenantCreate: { slug: `heimlich-${r.role}`, name: 'Heimliche Kommune', type: 'landkreis' },
        tenantPatch: { name: 'Gekapert' },
        selfAdmin: { email: u.email, role: 'admin' },
        selfPlatformAdmin: { isPlatformAdmin: true, active: true },
      }[r.body];
      const res = await send(u.client, r.method, url, body);
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json()).toMatchObject({ error: 'forbidden' });
      expectNoLeak(res, url);
      const me = await t.database.query<{ p: boolean }>(
        'SELECT is_platform_admin AS p FROM users WHERE id = $1',
        [u.id],
      );
      expect(me[0]!.p).toBe(false);
      const role = await t.database.query<{ role: string }>(
        'SELECT role FROM memberships WHERE tenant_id = $1 AND user_id = $2',
        [M, u.id],
      );
      expect(role[0]!.role).toBe(r.role);
      expect(
        await t.database.query('SELECT 1 FROM tenants WHERE slug = $1', [`heimlich-${r.role}`]),
      ).toHaveLength(0);
    });
  });

  it('after all attempts, Fremdstadt is unchanged and its admin still works normally', async () => {
    expect(await snapshotFremdstadt()).toBe(fremdSnapshot);
    const intruders = await t.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM users WHERE email LIKE 'eindringling-%' AND email NOT LIKE '%-own@%'`,
    );
    expect(intruders[0]!.n).toBe(0);
    const res = await fremdAdminClient.get(`/api/tenants/${F.tenantId}/users`);
    expect(res.statusCode).toBe(200);
    expect(
      res
        .json()
        .map((u: { email: string }) => u.email)
        .toSorted(),
    ).toEqual([F.adminEmail, F.otherEmail].toSorted());
    const inv = await fremdAdminClient.get(`/api/tenants/${F.tenantId}/invitations`);
    expect(inv.json().map((i: { id: string }) => i.id)).toEqual([F.invitationId]);
    const tenant = await fremdAdminClient.get(`/api/tenants/${F.tenantId}`);
    expect(tenant.json()).toMatchObject({ name: 'Fremdstadt', slug: 'fremdstadt' });
  });

  it('row-level security (ADR 0016): with the policies on, no table shows musterstadt a row of Fremdstadt', async () => {
    const tables = (
      await t.database.query<{ table_name: string }>(
        `SELECT table_name FROM information_schema.columns
          WHERE table_schema = 'public' AND column_name = 'tenant_id' ORDER BY table_name`,
      )
    ).map((r) => r.table_name);
    const fremd = (name: string) =>
      drizzleSql.raw(`SELECT count(*)::int AS n FROM "${name}" WHERE tenant_id = '${F.tenantId}'`);
    const asOwner: Record<string, number> = {};
    for (const name of tables) asOwner[name] = (await rows<{ n: number }>(t.database.db, fremd(name)))[0]!.n;
    await enableRowLevelSecurity(t.database);
    try {
      const underPolicy = await withRowLevelSecurity(t.database.db, M, async (s) => {
        const seen: Record<string, number> = {};
        for (const name of tables) seen[name] = (await rows<{ n: number }>(s.db, fremd(name)))[0]!.n;
        return seen;
      });
      // The module fixtures gave Fremdstadt rows in the tables of every module; the policy hides them all.
      expect(Object.values(asOwner).filter((n) => n > 0).length).toBeGreaterThan(25);
      expect(underPolicy).toEqual(Object.fromEntries(tables.map((name) => [name, 0])));
    } finally {
      await disableRowLevelSecurity(t.database);
    }
  });
});
