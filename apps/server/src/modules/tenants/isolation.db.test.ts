import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { hasPermission, type Permission, type Role } from '@dkbm/contract';
import { DEFAULT_INSTRUMENT } from '@dkbm/domain';
import { DEFAULT_INSTRUMENT_ID } from '../assessment/assessment.service';
import { createTestApp, DEMO, type TestContext } from '../../test/testApp';
import { TEST_DRIVER } from '../../test/testDb';
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

/*
 * Tenant isolation: a third tenant "Fremdstadt" with its own admin, people, invitation, areas,
 * indicator and observations. People of musterstadt (one per role), anonymous visitors and the
 * platform admin must not read or change any of it, and must not even learn that it exists.
 */

const ROLES: Role[] = ['admin', 'editor', 'contributor', 'viewer'];

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
type BodyKey =
  | 'tenantPatch'
  | 'userCreate'
  | 'userPatch'
  | 'none'
  // self-assessment
  | 'roundCreate'
  | 'roundPatch'
  | 'participantCreate'
  | 'answer'
  | 'framework'
  | 'agreement'
  | 'goal'
  | 'instrumentCreate'
  | 'shareCreate';
interface RouteCase {
  label: string;
  method: Method;
  /** Path with placeholders: :T tenant id; :user, :area, :indicator, :invitation, :round, :participant resource ids. */
  path: string;
  body: BodyKey;
  permission: Permission;
}

/** Every route under /api/tenants/:tenantId. */
const TENANT_ROUTES: RouteCase[] = [
  { label: 'GET tenant', method: 'GET', path: '/api/tenants/:T', body: 'none', permission: 'tenant.read' },
  {
    label: 'PATCH tenant',
    method: 'PATCH',
    path: '/api/tenants/:T',
    body: 'tenantPatch',
    permission: 'settings.write',
  },
  {
    label: 'GET users',
    method: 'GET',
    path: '/api/tenants/:T/users',
    body: 'none',
    permission: 'users.read',
  },
  {
    label: 'POST users',
    method: 'POST',
    path: '/api/tenants/:T/users',
    body: 'userCreate',
    permission: 'users.write',
  },
  {
    label: 'GET users/:id',
    method: 'GET',
    path: '/api/tenants/:T/users/:user',
    body: 'none',
    permission: 'users.read',
  },
  {
    label: 'PATCH users/:id',
    method: 'PATCH',
    path: '/api/tenants/:T/users/:user',
    body: 'userPatch',
    permission: 'users.write',
  },
  {
    label: 'POST users/:id/password-reset',
    method: 'POST',
    path: '/api/tenants/:T/users/:user/password-reset',
    body: 'none',
    permission: 'users.write',
  },
  {
    label: 'GET invitations',
    method: 'GET',
    path: '/api/tenants/:T/invitations',
    body: 'none',
    permission: 'users.read',
  },
  {
    label: 'DELETE invitations/:id',
    method: 'DELETE',
    path: '/api/tenants/:T/invitations/:invitation',
    body: 'none',
    permission: 'users.write',
  },
  { label: 'GET areas', method: 'GET', path: '/api/tenants/:T/areas', body: 'none', permission: 'data.read' },
  {
    label: 'GET areas/:id',
    method: 'GET',
    path: '/api/tenants/:T/areas/:area',
    body: 'none',
    permission: 'data.read',
  },
  {
    label: 'GET indicators',
    method: 'GET',
    path: '/api/tenants/:T/indicators',
    body: 'none',
    permission: 'data.read',
  },
  {
    label: 'GET indicators/:id/observations',
    method: 'GET',
    path: '/api/tenants/:T/indicators/:indicator/observations',
    body: 'none',
    permission: 'data.read',
  },
  // self-assessment
  ...(
    [
      ['GET', '/assessment/instruments', 'none', 'data.read'],
      ['POST', '/assessment/instruments', 'instrumentCreate', 'data.write'],
      ['GET', '/assessment/rounds', 'none', 'data.read'],
      ['GET', '/assessment/my-rounds', 'none', 'tenant.read'],
      ['POST', '/assessment/rounds', 'roundCreate', 'data.write'],
      ['GET', '/assessment/rounds/:round', 'none', 'data.read'],
      ['PATCH', '/assessment/rounds/:round', 'roundPatch', 'data.write'],
      ['DELETE', '/assessment/rounds/:round', 'none', 'data.write'],
      ['GET', '/assessment/rounds/:round/participants', 'none', 'data.write'],
      ['GET', '/assessment/rounds/:round/candidates', 'none', 'data.write'],
      ['POST', '/assessment/rounds/:round/participants', 'participantCreate', 'data.write'],
      ['DELETE', '/assessment/rounds/:round/participants/:participant', 'none', 'data.write'],
      ['GET', '/assessment/rounds/:round/my', 'none', 'tenant.read'],
      ['PUT', '/assessment/rounds/:round/my/answers/koordination', 'answer', 'tenant.read'],
      ['POST', '/assessment/rounds/:round/my/submit', 'none', 'tenant.read'],
      ['DELETE', '/assessment/rounds/:round/my/answers/koordination/evidence', 'none', 'tenant.read'],
      ['GET', '/assessment/rounds/:round/files/6f0c8d3e-2b1a-4c5d-8e9f-0a1b2c3d4e5f', 'none', 'tenant.read'],
      ['GET', '/assessment/rounds/:round/framework', 'none', 'data.read'],
      ['PUT', '/assessment/rounds/:round/framework', 'framework', 'data.write'],
      ['GET', '/assessment/rounds/:round/framework/prefill', 'none', 'data.write'],
      ['GET', '/assessment/rounds/:round/consolidation', 'none', 'data.write'],
      ['PUT', '/assessment/rounds/:round/consolidation/koordination', 'agreement', 'data.write'],
      ['GET', '/assessment/rounds/:round/results', 'none', 'data.read'],
      ['PUT', '/assessment/rounds/:round/goals/koordination', 'goal', 'data.write'],
      ['GET', '/assessment/rounds/:round/export/ratings.csv', 'none', 'data.write'],
      ['GET', '/assessment/rounds/:round/export/profile.pdf', 'none', 'data.read'],
      ['GET', '/assessment/rounds/:round/export/report.pdf', 'none', 'data.read'],
      ['GET', '/assessment/rounds/:round/export/report.docx', 'none', 'data.read'],
      ['GET', '/assessment/agencies', 'none', 'data.read'],
      ['GET', '/assessment/shares', 'none', 'data.read'],
      ['POST', '/assessment/shares', 'shareCreate', 'settings.write'],
      ['DELETE', '/assessment/shares/7a1e2f3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b', 'none', 'settings.write'],
      ['GET', '/assessment/network', 'none', 'data.read'],
    ] as Array<[Method, string, BodyKey, Permission]>
  ).map(([method, path, body, permission]) => ({
    label: `${method} ${path.replace(/^\/assessment\//, 'assessment/')}`,
    method,
    path: `/api/tenants/:T${path}`,
    body,
    permission,
  })),
];

/** Routes that take a resource id: used with the caller's OWN tenant id and a Fremdstadt resource id. */
const RESOURCE_ROUTES = TENANT_ROUTES.filter((r) =>
  /:(user|area|indicator|invitation|round|participant)\b/.test(r.path),
);

const CROSS_RESOURCE_CASES = ROLES.flatMap((role) =>
  RESOURCE_ROUTES.map((r) => ({
    role,
    ...r,
    expected: hasPermission(role, r.permission) ? 404 : 403,
  })),
);

const OWN_PERMISSION_CASES: Array<{
  role: Role;
  label: string;
  method: Method;
  path: string;
  body: BodyKey;
}> = ROLES.flatMap((role) => [
  { role, label: 'GET users', method: 'GET' as const, path: '/api/tenants/:T/users', body: 'none' as const },
  {
    role,
    label: 'POST users',
    method: 'POST' as const,
    path: '/api/tenants/:T/users',
    body: 'userCreate' as const,
  },
  {
    role,
    label: 'PATCH tenant (settings)',
    method: 'PATCH' as const,
    path: '/api/tenants/:T',
    body: 'tenantPatch' as const,
  },
]);

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

function resolve(
  path: string,
  tenantId: string,
  ids: {
    user: string;
    area: string;
    indicator: string;
    invitation: string;
    round: string;
    participant: string;
  },
) {
  return path
    .replace(':T', tenantId)
    .replace(':round', ids.round)
    .replace(':participant', ids.participant)
    .replace(':user', ids.user)
    .replace(':area', ids.area)
    .replace(':indicator', ids.indicator)
    .replace(':invitation', ids.invitation);
}

function bodyFor(key: BodyKey, tag: string): unknown {
  switch (key) {
    case 'tenantPatch':
      return { name: `Gekapert ${tag}` };
    case 'userCreate':
      return {
        mode: 'password',
        email: `eindringling-${tag}@angriff.example`,
        displayName: `Eindringling ${tag}`,
        role: 'admin',
        password: 'eindringling-passwort',
      };
    case 'userPatch':
      return { role: 'viewer', active: false };
    case 'none':
      return undefined;
    case 'roundCreate':
      return { title: `Eindringling ${tag}`, startsOn: '2026-01-01', endsOn: '2026-12-31' };
    case 'roundPatch':
      return { title: `Gekapert ${tag}`, status: 'closed' };
    case 'participantCreate':
      return { kind: 'external', label: `Eindringling ${tag}` };
    case 'answer':
      return { level: 2, comment: `Eindringling ${tag}` };
    case 'framework':
      return { einwohner: { value: '1', source: 'manual' } };
    case 'agreement':
      return { level: 4, rationale: `Eindringling ${tag}` };
    case 'goal':
      return { status: 'done', plan: `Eindringling ${tag}` };
    case 'instrumentCreate':
      return {
        basedOn: DEFAULT_INSTRUMENT_ID,
        content: { ...DEFAULT_INSTRUMENT, title: `Eindringling ${tag}` },
      };
    case 'shareCreate':
      return { agencyTenantId: '7a1e2f3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b' };
  }
}

function send(c: AddressedClient, method: Method, url: string, body: unknown) {
  return c.request({ method, url, ...(body === undefined ? {} : { payload: body as never }) });
}

describe(`tenant isolation on ${TEST_DRIVER}`, () => {
  let t: TestContext;
  let demoAdmin: AddressedClient;
  let platform: AddressedClient;
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
    areaId: '',
    areaName: 'Fremdstadt-Nordviertel',
    areaCode: 'FS-N-4711',
    indicatorId: '',
    indicatorCode: 'fremd_geheimzahl',
    indicatorName: 'Geheime Fremdzahl',
    value: '98765.4321',
    roundId: '',
    roundTitle: 'Fremde Selbsteinschätzung',
    participantId: '',
    participantLabel: 'Fremder Kita-Träger',
  };
  /** Musterstadt resources for the unauthenticated and platform-admin cases. */
  const own = { adminId: '', areaId: '', indicatorId: '', invitationId: '', roundId: '', participantId: '' };
  const users = {} as Record<Role, CreatedUser & { client: AddressedClient }>;
  let fremdSnapshot: string;

  /** Names, e-mails and ids of Fremdstadt that must never appear in a response to a stranger. */
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
    F.areaId,
    F.areaName,
    F.areaCode,
    F.indicatorId,
    F.indicatorCode,
    F.indicatorName,
    F.value,
    '09876543',
    F.roundId,
    F.roundTitle,
    F.participantId,
    F.participantLabel,
  ];

  /** Fremdstadt secrets in a response body, except those the caller put into the URL itself. */
  function leaksOf(res: LightMyRequestResponse, url: string): string[] {
    const body = res.body.toLowerCase();
    const inUrl = decodeURIComponent(url).toLowerCase();
    return fremdSecrets().filter(
      (s) => s && !inUrl.includes(s.toLowerCase()) && body.includes(s.toLowerCase()),
    );
  }
  function expectNoLeak(res: LightMyRequestResponse, url: string) {
    expect(leaksOf(res, url), `response to ${url} leaks: ${res.body}`).toEqual([]);
  }

  const fremdIds = () => ({
    user: F.adminId,
    area: F.areaId,
    indicator: F.indicatorId,
    invitation: F.invitationId,
    round: F.roundId,
    participant: F.participantId,
  });
  const ownIds = () => ({
    user: own.adminId,
    area: own.areaId,
    indicator: own.indicatorId,
    invitation: own.invitationId,
    round: own.roundId,
    participant: own.participantId,
  });

  /** First column of the first row of a query on Fremdstadt's tenant id, as text. */
  const q = async (sql: string) =>
    (await t.database.query<{ j: string | null }>(sql, [F.tenantId]))[0]?.j ?? 'null';

  async function snapshotFremdstadt(): Promise<string> {
    const parts = await Promise.all([
      q(`SELECT row_to_json(x)::text AS j FROM tenants x WHERE id = $1`),
      q(
        `SELECT json_agg(json_build_array(m.user_id, m.role, m.active) ORDER BY m.user_id)::text AS j
           FROM memberships m WHERE m.tenant_id = $1`,
      ),
      q(
        `SELECT json_agg(json_build_array(u.id, u.email, u.display_name, u.password_hash, u.active,
                u.is_platform_admin) ORDER BY u.id)::text AS j
           FROM users u WHERE u.id IN (SELECT user_id FROM memberships WHERE tenant_id = $1)`,
      ),
      q(
        `SELECT json_agg(json_build_array(a.id, a.purpose, a.email, a.role, a.used_at, a.expires_at)
                ORDER BY a.id)::text AS j
           FROM account_tokens a
          WHERE a.tenant_id = $1 OR a.user_id IN (SELECT user_id FROM memberships WHERE tenant_id = $1)`,
      ),
      q(
        `SELECT json_agg(s.id ORDER BY s.id)::text AS j FROM sessions s
          WHERE s.user_id IN (SELECT user_id FROM memberships WHERE tenant_id = $1)`,
      ),
      q(`SELECT json_agg(row_to_json(a) ORDER BY a.id)::text AS j FROM areas a WHERE a.tenant_id = $1`),
      q(`SELECT json_agg(row_to_json(i) ORDER BY i.id)::text AS j FROM indicators i WHERE i.tenant_id = $1`),
      q(
        `SELECT json_agg(json_build_array(o.series_id, o.area_id, s.indicator_id, o.period, s.dims_key, o.value::text)
                ORDER BY o.series_id, o.area_id, o.period)::text AS j
           FROM observations o JOIN series s ON s.id = o.series_id WHERE o.tenant_id = $1`,
      ),
      q(
        `SELECT json_build_array(
                  (SELECT json_agg(row_to_json(r) ORDER BY r.id) FROM assessment_rounds r WHERE r.tenant_id = $1),
                  (SELECT json_agg(row_to_json(p) ORDER BY p.id) FROM assessment_participants p WHERE p.tenant_id = $1),
                  (SELECT json_agg(row_to_json(a) ORDER BY a.participant_id, a.component_key)
                     FROM assessment_answers a WHERE a.tenant_id = $1),
                  (SELECT json_agg(row_to_json(g) ORDER BY g.round_id, g.component_key)
                     FROM assessment_agreements g WHERE g.tenant_id = $1),
                  (SELECT json_agg(row_to_json(g) ORDER BY g.id) FROM assessment_goals g WHERE g.tenant_id = $1),
                  (SELECT json_agg(row_to_json(i) ORDER BY i.id) FROM assessment_instruments i WHERE i.tenant_id = $1),
                  (SELECT json_agg(row_to_json(s) ORDER BY s.agency_tenant_id)
                     FROM assessment_shares s WHERE s.tenant_id = $1 OR s.agency_tenant_id = $1)
                )::text AS j`,
      ),
    ]);
    return parts.join('\n');
  }

  beforeAll(async () => {
    t = await createTestApp({ config: { loginRateLimit: { max: 10_000, windowMs: 60_000 } } });
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

    // Monitoring data of Fremdstadt, written directly.
    const [area] = await t.database.query<{ id: string }>(
      `INSERT INTO areas (tenant_id, level, code, name) VALUES ($1, 'stadtbezirk', $2, $3) RETURNING id`,
      [F.tenantId, F.areaCode, F.areaName],
    );
    F.areaId = area!.id;
    await t.database.query(
      `INSERT INTO area_versions (tenant_id, area_id, valid_from, name) VALUES ($1, $2, '2010-01-01', $3)`,
      [F.tenantId, F.areaId, F.areaName],
    );
    const [ind] = await t.database.query<{ id: string }>(
      `INSERT INTO indicators (tenant_id, code, name_de, unit, topic, visibility)
       VALUES ($1, $2, $3, 'Personen', 'grundinformationen', 'internal') RETURNING id`,
      [F.tenantId, F.indicatorCode, F.indicatorName],
    );
    F.indicatorId = ind!.id;
    const [ser] = await t.database.query<{ id: number }>(
      `INSERT INTO series (tenant_id, indicator_id) VALUES ($1, $2) RETURNING id`,
      [F.tenantId, F.indicatorId],
    );
    await t.database.query(
      `INSERT INTO observations (tenant_id, series_id, area_id, period, value)
       VALUES ($1, $2, $3, '2022-12-31', $4), ($1, $2, $3, '2023-12-31', 12345)`,
      [F.tenantId, ser!.id, F.areaId, F.value],
    );

    // A self-assessment round of Fremdstadt with an external rater, through its admin.
    const round = await fremdAdminClient.post(`/api/tenants/${F.tenantId}/assessment/rounds`, {
      title: F.roundTitle,
      startsOn: '2026-01-01',
      endsOn: '2099-12-31',
    });
    expect(round.statusCode, round.body).toBe(201);
    F.roundId = round.json().id;
    const participant = await fremdAdminClient.post(
      `/api/tenants/${F.tenantId}/assessment/rounds/${F.roundId}/participants`,
      { kind: 'external', label: F.participantLabel },
    );
    expect(participant.statusCode, participant.body).toBe(201);
    F.participantId = participant.json().id;

    // Sanity: Fremdstadt's admin sees its own data.
    const fremdAreas = await fremdAdminClient.get(`/api/tenants/${F.tenantId}/areas`);
    expect(fremdAreas.json()).toMatchObject([{ id: F.areaId, name: F.areaName }]);

    // Musterstadt resources and one person per role (only in musterstadt).
    own.adminId = await userIdByEmail(t, DEMO.admin.email);
    own.areaId = (
      await t.database.query<{ id: string }>('SELECT id FROM areas WHERE tenant_id = $1 LIMIT 1', [M])
    )[0]!.id;
    own.indicatorId = (
      await t.database.query<{ id: string }>('SELECT id FROM indicators WHERE tenant_id = $1 LIMIT 1', [M])
    )[0]!.id;
    own.invitationId = (await inviteViaApi(demoAdmin, M, uniqueEmail('offen'), 'viewer')).id;
    own.roundId = (
      await t.database.query<{ id: string }>(
        'SELECT id FROM assessment_rounds WHERE tenant_id = $1 LIMIT 1',
        [M],
      )
    )[0]!.id;
    own.participantId = (
      await t.database.query<{ id: string }>(
        'SELECT id FROM assessment_participants WHERE round_id = $1 LIMIT 1',
        [own.roundId],
      )
    )[0]!.id;
    for (const role of ROLES) {
      const u = await createUserViaApi(demoAdmin, M, role);
      users[role] = { ...u, client: await signInFresh(t, u.email, u.password) };
    }
    const memberships = await users.viewer.client.session();
    expect(memberships.memberships.map((m) => m.tenantId)).toEqual([M]);

    fremdSnapshot = await snapshotFremdstadt();
  });
  afterAll(async () => t?.close());

  it('the leak check recognises Fremdstadt data (its admin sees its own names, e-mails and ids)', async () => {
    const seen = new Set<string>();
    const paths = [
      '',
      '/users',
      '/invitations',
      '/areas',
      '/indicators',
      `/indicators/${F.indicatorId}/observations`,
      '/assessment/rounds',
      `/assessment/rounds/${F.roundId}/participants`,
    ];
    for (const path of paths) {
      const res = await fremdAdminClient.get(`/api/tenants/${F.tenantId}${path}`);
      expect(res.statusCode).toBe(200);
      for (const s of leaksOf(res, '')) seen.add(s);
    }
    expect([...seen].toSorted()).toEqual([...fremdSecrets()].toSorted());
  });

  describe.each(ROLES)('%s of musterstadt, Fremdstadt tenant id in the path', (role) => {
    it.each(TENANT_ROUTES)('$label → 404 not_found, nothing of Fremdstadt in the body', async (r) => {
      const url = resolve(r.path, F.tenantId, fremdIds());
      const res = await send(users[role].client, r.method, url, bodyFor(r.body, `${role}-f`));
      expect({ status: res.statusCode, error: res.json().error }).toEqual({
        status: 404,
        error: 'not_found',
      });
      expectNoLeak(res, url);
    });
  });

  describe.each(ROLES)('%s of musterstadt, own tenant path with a Fremdstadt resource id', (role) => {
    it.each(CROSS_RESOURCE_CASES.filter((c) => c.role === role))('$label → $expected', async (r) => {
      const url = resolve(r.path, M, fremdIds());
      const res = await send(users[role].client, r.method, url, bodyFor(r.body, `${role}-x`));
      expect(res.statusCode, res.body).toBe(r.expected);
      expect(res.json().error).toBe(r.expected === 404 ? 'not_found' : 'forbidden');
      expectNoLeak(res, url);
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
    const list = await c.get(`/api/tenants/${M}/users`);
    expect(list.statusCode).toBe(200);
    expectNoLeak(list, '');
    const invitations = await c.get(`/api/tenants/${M}/invitations`);
    expect(invitations.statusCode).toBe(200);
    expectNoLeak(invitations, '');
    for (const path of ['areas', 'indicators']) {
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

  describe('permissions inside the own tenant', () => {
    it.each(OWN_PERMISSION_CASES)('$role: $label', async (r) => {
      const tag = `${r.role}-own`;
      const body = bodyFor(r.body, tag);
      const res = await send(users[r.role].client, r.method, resolve(r.path, M, ownIds()), body);
      if (r.role === 'admin') {
        expect(res.statusCode, res.body).toBe(r.method === 'POST' ? 201 : 200);
        if (r.body === 'tenantPatch') {
          expect(res.json()).toMatchObject({ id: M, name: `Gekapert ${tag}` });
          // Restore the name for the other tests.
          await users.admin.client.patch(`/api/tenants/${M}`, { name: 'Musterstadt (Demo)' });
        }
      } else {
        expect(res.statusCode, res.body).toBe(403);
        expect(res.json()).toMatchObject({ error: 'forbidden' });
        if (r.body === 'userCreate') {
          const rows = await t.database.query('SELECT 1 FROM users WHERE email = $1', [
            `eindringling-${tag}@angriff.example`,
          ]);
          expect(rows).toHaveLength(0);
        }
        if (r.body === 'tenantPatch') {
          const rows = await t.database.query<{ name: string }>('SELECT name FROM tenants WHERE id = $1', [
            M,
          ]);
          expect(rows[0]!.name).not.toContain('Gekapert');
        }
      }
    });
  });

  describe('unauthenticated', () => {
    it.each(TENANT_ROUTES)('$label → 401 unauthorized', async (r) => {
      const anon = newClient(t);
      const res = await send(anon, r.method, resolve(r.path, M, ownIds()), bodyFor(r.body, 'anon'));
      expect(res.statusCode, res.body).toBe(401);
      expect(res.json()).toMatchObject({ error: 'unauthorized' });
    });

    it('Fremdstadt routes are 401 for anonymous visitors too, without data', async () => {
      const url = `/api/tenants/${F.tenantId}/areas`;
      const res = await newClient(t).get(url);
      expect(res.statusCode).toBe(401);
      expectNoLeak(res, url);
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

  describe('a platform admin without membership does not read tenant data', () => {
    it.each(TENANT_ROUTES)('$label on musterstadt → 404', async (r) => {
      const res = await send(platform, r.method, resolve(r.path, M, ownIds()), bodyFor(r.body, 'platform'));
      expect(res.statusCode, res.body).toBe(404);
      expect(res.json()).toMatchObject({ error: 'not_found' });
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
});
