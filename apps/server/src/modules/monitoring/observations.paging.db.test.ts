import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OBSERVATIONS_PAGE, type Indicator, type ObservationsResponse } from '@dkbm/contract';
import { createTestApp, DEMO, type TestClient, type TestContext } from '../../test/testApp';
import { TEST_DRIVER } from '../../test/testDb';
import { DEMO_POPULATION_INDICATOR } from './demo.constants';

/*
 * Issue 9 item 5: a large indicator is read in pages of at most OBSERVATIONS_PAGE cells (a page of 100,000
 * cells cost the server about 200 MB while it was made), and a page reads only the periods it falls into.
 */
describe(`paged observations of a large indicator on ${TEST_DRIVER}`, () => {
  let t: TestContext;
  let admin: TestClient;
  let M: string;
  let id: string;
  let total: number;
  // More cells than a page of 20,000 (the days of 1800–1854: before the demo's periods).
  const extra = 20_005;
  const obsUrl = (q: string) => `/api/tenants/${M}/indicators/${id}/observations${q}`;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.signIn(DEMO.admin.email, DEMO.admin.password);
    M = (await admin.session()).memberships.find((m) => m.slug === 'musterstadt')!.tenantId;
    const list = (await admin.get(`/api/tenants/${M}/indicators`)).json() as Indicator[];
    id = list.find((i) => i.code === DEMO_POPULATION_INDICATOR)!.id;
    // One series of the demo's population in one area gets a value for every day from 1800 on: more cells
    // than one page, most periods with one cell, the demo's periods with many.
    const [cell] = await t.database.query<{ series_id: number; area_id: string }>(
      `SELECT o.series_id, o.area_id FROM observations o JOIN series s ON s.id = o.series_id
        WHERE s.indicator_id = $1 LIMIT 1`,
      [id],
    );
    await t.database.query(
      `INSERT INTO observations (tenant_id, series_id, area_id, period, value)
       SELECT $1, $2, $3, DATE '1800-01-01' + g, g FROM generate_series(0, $4 - 1) AS g`,
      [M, cell!.series_id, cell!.area_id, extra],
    );
    const [n] = await t.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM observations o JOIN series s ON s.id = o.series_id WHERE s.indicator_id = $1`,
      [id],
    );
    total = n!.n;
  });
  afterAll(async () => t?.close());

  it('answers at most 20,000 cells by default; the pages put together are every cell once, in order', async () => {
    const pages: ObservationsResponse[] = [];
    for (let offset: number | null = 0; offset !== null;) {
      const r = await admin.get(obsUrl(offset ? `?view=internal&offset=${offset}` : '?view=internal'));
      expect(r.statusCode, r.body).toBe(200);
      const page = r.json() as ObservationsResponse;
      pages.push(page);
      offset = page.nextOffset;
    }
    expect(pages[0]!.observations).toHaveLength(20_000);
    expect(pages[0]!.nextOffset).toBe(20_000);
    expect(pages).toHaveLength(Math.ceil(total / OBSERVATIONS_PAGE));
    const all = pages.flatMap((p) => p.observations);
    expect(all).toHaveLength(total);
    const keys = all.map((o) => `${o.period}|${o.areaCode}|${JSON.stringify(o.dims)}|${o.areaId}`);
    expect(new Set(keys).size).toBe(total);
    // Ordered by period, then area code (the demo's periods follow the added days).
    for (let i = 1; i < all.length; i++) {
      const [a, b] = [all[i - 1]!, all[i]!];
      expect(a.period < b.period || (a.period === b.period && a.areaCode <= b.areaCode), `${i}`).toBe(true);
    }
  });

  it('a page that starts inside a period and ends in a later one matches the whole read', async () => {
    // The added days sort first (one cell each); the demo's periods follow with many cells each.
    const read = async (q: string) =>
      (await admin.get(obsUrl(`?view=internal&${q}`))).json() as ObservationsResponse;
    const around = await read(`limit=400&offset=${extra - 10}`);
    expect(new Set(around.observations.map((o) => o.period)).size).toBeGreaterThan(10);
    const small = await read(`limit=13&offset=${extra - 3}`);
    expect(small.observations).toEqual(around.observations.slice(7, 20));
    expect(small.nextOffset).toBe(extra + 10);
    const inside = await read(`limit=5&offset=${extra + 2}`);
    expect(inside.observations).toEqual(around.observations.slice(12, 17));
  });

  it('more than a page at once is refused', async () => {
    expect((await admin.get(obsUrl(`?limit=${OBSERVATIONS_PAGE + 1}`))).statusCode).toBe(400);
    expect((await admin.get(obsUrl(`?limit=${OBSERVATIONS_PAGE}&offset=${total}`))).json()).toMatchObject({
      observations: [],
      nextOffset: null,
    });
  });
});
