import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Indicator } from '@dkbm/contract';
import { createTestApp, DEMO, type TestClient, type TestContext } from '../../test/testApp';
import { TEST_DRIVER } from '../../test/testDb';
import { tenantIdBySlug } from '../../test/fixtures';

interface ExportJson {
  meta: { view: string; withheld?: number };
  columns: string[];
  data: Array<Record<string, string | null>>;
}

/** Open data of published indicators at /kommune/<slug>/daten: no login, always the protected view. */
describe(`public open data on ${TEST_DRIVER}`, () => {
  let t: TestContext;
  let M: string;
  let admin: TestClient;

  beforeAll(async () => {
    t = await createTestApp({ config: { loginRateLimit: { max: 10_000, windowMs: 60_000 } } });
    M = await tenantIdBySlug(t, 'musterstadt');
    admin = await t.signIn(DEMO.admin.email, DEMO.admin.password);
  });
  afterAll(async () => t?.close());

  const get = (url: string) => t.app.inject({ method: 'GET', url });

  it('lists every published indicator with data (at least five in the demo) and no internal one', async () => {
    const all = (await admin.get(`/api/tenants/${M}/indicators`)).json() as Indicator[];
    const published = all.filter((i) => i.visibility === 'public' && i.coverage.observations > 0);
    expect(published.length).toBeGreaterThanOrEqual(5);
    const res = await get('/kommune/musterstadt/daten');
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toMatch(/<script/i);
    for (const i of published) expect(res.body).toContain(`href="/kommune/musterstadt/daten/${i.code}.csv"`);
    const internal = all.find((i) => i.visibility === 'internal')!;
    expect(res.body).not.toContain(`/daten/${internal.code}.`);
    expect((await get(`/kommune/musterstadt/daten/${internal.code}.csv`)).statusCode).toBe(404);
    expect((await get('/kommune/gibt-es-nicht/daten')).statusCode).toBe(404);
  });

  it('a download never reveals a withheld value: „.“ where the internal view has a number', async () => {
    const all = (await admin.get(`/api/tenants/${M}/indicators`)).json() as Indicator[];
    let withheldSeen = 0;
    for (const ind of all.filter((i) => i.visibility === 'public' && i.coverage.observations > 0)) {
      const pub = (await get(`/kommune/musterstadt/daten/${ind.code}.json`)).json() as ExportJson;
      expect(pub.meta.view).toBe('public');
      const internal = (
        await admin.get(`/api/tenants/${M}/indicators/${ind.id}/export?format=json&view=internal`)
      ).json() as ExportJson;
      expect(pub.data.length).toBe(internal.data.length);
      const key = (r: Record<string, string | null>) =>
        pub.columns
          .filter((c) => c !== 'value' && c !== 'flag')
          .map((c) => r[c])
          .join('|');
      const raw = new Map(internal.data.map((r) => [key(r), r.value]));
      const csv = (await get(`/kommune/musterstadt/daten/${ind.code}.csv`)).body;
      expect(csv).toContain('# Öffentliche Fassung');
      for (const r of pub.data) {
        if (r.value !== null) {
          expect(r.value).toBe(raw.get(key(r)));
          continue;
        }
        expect(r.flag).toBe('.');
        if (raw.get(key(r)) !== null) withheldSeen++;
      }
      // The CSV has the same withheld cells: each as an empty value with the flag „.“.
      const csvWithheld = csv.split('\r\n').filter((l) => l.endsWith(';;.')).length;
      expect(csvWithheld, ind.code).toBe(pub.data.filter((r) => r.value === null).length);
    }
    // The demo has small counts that are withheld publicly (otherwise this test could not fail).
    expect(withheldSeen).toBeGreaterThan(0);
  });
});
