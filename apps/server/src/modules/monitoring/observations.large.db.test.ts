import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OBSERVATIONS_PAGE, type Indicator, type ObservationsResponse } from '@dkbm/contract';
import { createTestApp, DEMO, type TestClient, type TestContext } from '../../test/testApp';
import { TEST_DRIVER } from '../../test/testDb';
import { primarySuppression } from '@dkbm/domain';
import { tenantScope } from '../../platform/tenancy/scope';
import { DEMO_POPULATION_INDICATOR, DEMO_SINGLE_AGE_INDICATOR } from './demo.constants';
import { disclosureCells } from './disclosure';
import { hasSmallCounts, tableObservations } from './observations.repo';

/*
 * Issue 9 item 5: a large indicator is read in pages of at most OBSERVATIONS_PAGE cells (a page of 100,000
 * cells cost the server about 200 MB while it was made), and a page reads only the periods it falls into;
 * the public view's protection reads no table of an indicator without a small count.
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

  it('finds a small count exactly where the primary suppression of its table would (no table read without one)', async () => {
    const list = (await admin.get(`/api/tenants/${M}/indicators`)).json() as Indicator[];
    const other = list.find((i) => i.code === DEMO_SINGLE_AGE_INDICATOR)!.id;
    const [cell] = await t.database.query<{ series_id: number; area_id: string }>(
      `SELECT o.series_id, o.area_id FROM observations o JOIN series s ON s.id = o.series_id
        WHERE s.indicator_id = $1 LIMIT 1`,
      [other],
    );
    const s = tenantScope(t.database.db, M);
    const period = '2030-12-31';
    // One cell at a time in an otherwise empty indicator: value (as stored) and flag.
    const cases: Array<[string | null, string | null]> = [
      ['2', null],
      ['2.000', null],
      ['2.5', null],
      ['3', null],
      ['0', null],
      ['-2', null],
      ['1', '-'],
      ['1', 'p'],
      [null, '.'],
      ['123456789012345', null],
    ];
    for (const threshold of [3, 2.5, 1]) {
      for (const [value, flag] of cases) {
        await t.database.query(
          `DELETE FROM observations o USING series s WHERE s.id = o.series_id AND s.indicator_id = $1`,
          [other],
        );
        await t.database.query(
          `INSERT INTO observations (tenant_id, series_id, area_id, period, value, flag) VALUES ($1, $2, $3, $4, $5, $6)`,
          [M, cell!.series_id, cell!.area_id, period, value, flag],
        );
        const table = await tableObservations(s, other, period);
        const expected = primarySuppression(disclosureCells(period, table), { threshold }).size > 0;
        expect(await hasSmallCounts(s, other, threshold), `${value} ${flag} < ${threshold}`).toBe(expected);
      }
    }
    // The large indicator above: its added values 1 and 2 are small counts.
    expect(await hasSmallCounts(s, id, 3)).toBe(true);
    expect(await hasSmallCounts(s, id, 1)).toBe(false);
  });
});
