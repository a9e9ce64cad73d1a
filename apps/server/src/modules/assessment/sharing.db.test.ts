import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_INSTRUMENT, medianOf } from '@dkbm/domain';
import type { Results, Round } from '@dkbm/contract';
import { createTestApp, DEMO, type TestContext } from '../../test/testApp';
import { TEST_DRIVER } from '../../test/testDb';
import {
  expectApiError,
  newClient,
  signInFresh,
  tenantIdBySlug,
  uniqueEmail,
  uniquePassword,
  type AddressedClient,
} from '../../test/fixtures';
import { DEMO_ASSESSMENT_TITLE } from './assessment.demo';

interface Network {
  components: Array<{ key: string; name: string }>;
  municipalities: Array<{
    tenantId: string;
    name: string;
    roundTitle: string;
    endsOn: string;
    profile: Array<{ key: string; agreed: number | null }>;
  }>;
  median: Array<{ key: string; median: number | null; n: number }>;
}

const KEYS = DEFAULT_INSTRUMENT.components.map((c) => c.key);

describe(`sharing maturity profiles with a regional agency on ${TEST_DRIVER}`, () => {
  let t: TestContext;
  let M: string;
  let B: string;
  let A: string;
  let admin: AddressedClient;
  let editor: AddressedClient;
  let agencyMember: AddressedClient;
  const kreisLevels = [3, 1, 4, 2, 2, 3, 1];
  let musterstadtProfile: Array<number | null>;

  beforeAll(async () => {
    t = await createTestApp({ config: { loginRateLimit: { max: 10_000, windowMs: 60_000 } } });
    M = await tenantIdBySlug(t, 'musterstadt');
    B = await tenantIdBySlug(t, 'beispielkreis');
    admin = await signInFresh(t, DEMO.admin.email, DEMO.admin.password);
    editor = await signInFresh(t, DEMO.editor.email, DEMO.editor.password);
    const platform = await signInFresh(t, DEMO.platform.email, DEMO.platform.password);

    // The agency: a tenant of type regionale_agentur with its own admin.
    const email = uniqueEmail('agentur');
    const created = await platform.post('/api/platform/tenants', {
      slug: 'reab-nord',
      name: 'Regionale Agentur Nord',
      type: 'regionale_agentur',
      adminEmail: email,
    });
    expect(created.statusCode, created.body).toBe(201);
    A = created.json().tenant.id;
    const password = uniquePassword();
    const accepted = await newClient(t).post(
      `/api/auth/invitations/${(created.json().link as string).split('/').pop()}/accept`,
      { displayName: 'Agnes Agentur', password },
    );
    expect(accepted.statusCode, accepted.body).toBe(200);
    agencyMember = await signInFresh(t, email, password);

    // Beispielkreis: a closed round with agreed types (agreements are possible before closing).
    const r = await admin.post(`/api/tenants/${B}/assessment/rounds`, {
      title: 'Kreis-Einschätzung',
      startsOn: '2025-09-01',
      endsOn: '2025-10-31',
    });
    expect(r.statusCode, r.body).toBe(201);
    const round = r.json() as Round;
    for (const [i, k] of KEYS.entries()) {
      const a = await admin.request({
        method: 'PUT',
        url: `/api/tenants/${B}/assessment/rounds/${round.id}/consolidation/${k}`,
        payload: { level: kreisLevels[i], rationale: 'Im Kreisworkshop vereinbart.' },
      });
      expect(a.statusCode, a.body).toBe(200);
    }
    // An open round of Beispielkreis does not count (only closed rounds are shared).
    await admin.patch(`/api/tenants/${B}/assessment/rounds/${round.id}`, { status: 'open' });
    const musterstadtRounds = (await admin.get(`/api/tenants/${M}/assessment/rounds`)).json() as Round[];
    const demo = musterstadtRounds.find((x) => x.title === DEMO_ASSESSMENT_TITLE)!;
    musterstadtProfile = (
      (await admin.get(`/api/tenants/${M}/assessment/rounds/${demo.id}/results`)).json() as Results
    ).profile.map((p) => p.agreed);
  });
  afterAll(async () => t?.close());

  const network = async () => {
    const res = await agencyMember.get(`/api/tenants/${A}/assessment/network`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Network;
  };

  it('without consent the agency sees nothing', async () => {
    const n = await network();
    expect(n.municipalities).toEqual([]);
    expect(n.components.map((c) => c.key)).toEqual(KEYS);
    expect(n.median.every((m) => m.median === null && m.n === 0)).toBe(true);
    expect(JSON.stringify(n)).not.toContain('Musterstadt');
  });

  it('only admins grant consent, and only to a regional agency', async () => {
    const agencies = (await editor.get(`/api/tenants/${M}/assessment/agencies`)).json();
    expect(agencies).toEqual([{ id: A, name: 'Regionale Agentur Nord' }]);
    expectApiError(
      await editor.post(`/api/tenants/${M}/assessment/shares`, { agencyTenantId: A }),
      403,
      'forbidden',
    );
    expectApiError(
      await admin.post(`/api/tenants/${M}/assessment/shares`, { agencyTenantId: B }),
      404,
      'not_found',
    );
    expectApiError(
      await admin.post(`/api/tenants/${M}/assessment/shares`, { agencyTenantId: M }),
      404,
      'not_found',
    );
    expectApiError(
      await admin.post(`/api/tenants/${M}/assessment/shares`, { agencyTenantId: crypto.randomUUID() }),
      404,
      'not_found',
    );
    const res = await admin.post(`/api/tenants/${M}/assessment/shares`, { agencyTenantId: A });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      agencyTenantId: A,
      agencyName: 'Regionale Agentur Nord',
      grantedBy: 'Alex Admin',
    });
    // Granting twice is harmless.
    expect((await admin.post(`/api/tenants/${M}/assessment/shares`, { agencyTenantId: A })).statusCode).toBe(
      201,
    );
    const list = (await editor.get(`/api/tenants/${M}/assessment/shares`)).json();
    expect(list).toHaveLength(1);
  });

  it('the agency sees the latest closed, consolidated round of each consenting municipality', async () => {
    let n = await network();
    expect(n.municipalities).toHaveLength(1);
    expect(n.municipalities[0]).toMatchObject({
      tenantId: M,
      name: 'Musterstadt (Demo)',
      roundTitle: DEMO_ASSESSMENT_TITLE,
      endsOn: '2025-04-11',
    });
    expect(n.municipalities[0]!.profile.map((p) => p.agreed)).toEqual(musterstadtProfile);
    expect(n.median.map((m) => m.median)).toEqual(musterstadtProfile);
    // Nothing else of the municipality: no rationales, names, comments.
    const raw = JSON.stringify(n);
    for (const s of [
      'Rita Redaktion',
      'Finn Fachbereich',
      'Volkshochschule',
      'Bildungsbericht',
      'rationale',
    ]) {
      expect(raw).not.toContain(s);
    }

    // Beispielkreis consents, but its round is still open: not shown yet.
    expect((await admin.post(`/api/tenants/${B}/assessment/shares`, { agencyTenantId: A })).statusCode).toBe(
      201,
    );
    n = await network();
    expect(n.municipalities.map((m) => m.tenantId)).toEqual([M]);

    // After closing, both side by side; the median per component over both.
    const kreisRound = ((await admin.get(`/api/tenants/${B}/assessment/rounds`)).json() as Round[])[0]!;
    expect(
      (await admin.patch(`/api/tenants/${B}/assessment/rounds/${kreisRound.id}`, { status: 'closed' }))
        .statusCode,
    ).toBe(200);
    n = await network();
    expect(n.municipalities.map((m) => m.name)).toEqual([
      'Landkreis Beispielkreis (Demo)',
      'Musterstadt (Demo)',
    ]);
    expect(n.municipalities[0]!.profile.map((p) => p.agreed)).toEqual(kreisLevels);
    expect(n.median).toEqual(
      KEYS.map((key, i) => ({ key, median: medianOf([kreisLevels[i]!, musterstadtProfile[i]!]), n: 2 })),
    );
    // e.g. Strategische Ziele: 3 and 2 → 2.5
    expect(n.median[0]).toEqual({ key: 'strategische_ziele', median: 2.5, n: 2 });
  });

  it('members of a municipality cannot read the agency view; the agency cannot read municipality data', async () => {
    expectApiError(await editor.get(`/api/tenants/${A}/assessment/network`), 404, 'not_found');
    expectApiError(await agencyMember.get(`/api/tenants/${M}/assessment/rounds`), 404, 'not_found');
    expectApiError(await newClient(t).get(`/api/tenants/${A}/assessment/network`), 401, 'unauthorized');
  });

  it('revoking consent hides the municipality at once', async () => {
    expectApiError(await editor.delete(`/api/tenants/${M}/assessment/shares/${A}`), 403, 'forbidden');
    const res = await admin.delete(`/api/tenants/${M}/assessment/shares/${A}`);
    expect(res.statusCode, res.body).toBe(200);
    expectApiError(await admin.delete(`/api/tenants/${M}/assessment/shares/${A}`), 404, 'not_found');
    const n = await network();
    expect(n.municipalities.map((m) => m.tenantId)).toEqual([B]);
    expect(n.median.map((m) => m.median)).toEqual(kreisLevels);
    expect(JSON.stringify(n)).not.toContain('Musterstadt');
    expect((await admin.get(`/api/tenants/${M}/assessment/shares`)).json()).toEqual([]);
  });
});
