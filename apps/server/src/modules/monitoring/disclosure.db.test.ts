import { tenantScope } from '../../platform/tenancy/scope';
/**
 * Disclosure control is computed once per data version (ADR 0006): at the end of an import job, and
 * stored, so neither a visitor nor a restarted server computes it again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestApp, DEMO, type TestClient, type TestContext } from '../../test/testApp';
import { TEST_DRIVER } from '../../test/testDb';
import { genesisFixture, importFile } from '../../test/monitoring';
import { disclosureResults, indicators } from '../../platform/db/schema';
import { publicObservations, warmPublicViewsByCode } from './observations.service';

describe(`stored disclosure control on ${TEST_DRIVER}`, () => {
  let t: TestContext;
  let admin: TestClient;
  let B: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.signIn(DEMO.admin.email, DEMO.admin.password);
    B = (await admin.session()).memberships.find((m) => m.slug === 'beispielkreis')!.tenantId;
  });
  afterAll(async () => t?.close());

  const stored = (indicatorId: string) =>
    t.database.db.select().from(disclosureResults).where(eq(disclosureResults.indicatorId, indicatorId));
  const indicatorRow = async (code: string) =>
    (
      await t.database.db
        .select()
        .from(indicators)
        .where(and(eq(indicators.tenantId, B), eq(indicators.code, code)))
    )[0]!;

  it('an import job protects the new data for public views before anybody asks', async () => {
    const rows = [
      { key: '01001', name: 'Flensburg', label: 'Tageseinrichtung', u3: '2', u6: '40' },
      { key: '01002', name: 'Kiel', label: 'Tageseinrichtung', u3: '30', u6: '50' },
      { key: '01001', name: 'Flensburg', label: 'Tagespflege', u3: '7', u6: '1' },
      { key: '01002', name: 'Kiel', label: 'Tagespflege', u3: '9', u6: '8' },
    ];
    const run = await importFile(
      admin,
      B,
      '99931-01-01-4_00.csv',
      genesisFixture({ code: '99931-01-01-4', rows }),
    );
    expect(run.status).toBe('done');
    const code = run.result!.indicators.created[0]!;
    const ind = await indicatorRow(code);
    // The job stores the result after committing; give it the moment it needs.
    let rowsNow = await stored(ind.id);
    for (let i = 0; i < 100 && rowsNow.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      rowsNow = await stored(ind.id);
    }
    expect(rowsNow).toHaveLength(1);
    expect(rowsNow[0]).toMatchObject({ dataVersion: ind.dataVersion, threshold: 3 });
    // The two small counts (2 and 1) are among the withheld cells.
    expect(rowsNow[0]!.withheld.length).toBeGreaterThanOrEqual(2);
  });

  it('a stored result is what public views use, and a newer data version replaces the older one', async () => {
    const code = (await t.database.db.select().from(indicators).where(eq(indicators.tenantId, B))).find((i) =>
      i.code.startsWith('99931'),
    )!.code;
    const before = await indicatorRow(code);
    const pub = await publicObservations(tenantScope(t.database.db, B), before, {});
    const published = pub.find((o) => o.value !== null && Number(o.value) > 20)!;
    // A new data version whose stored result also withholds that cell: the public view must follow it.
    await t.database.query(`UPDATE indicators SET data_version = data_version + 1 WHERE id = $1`, [
      before.id,
    ]);
    const after = await indicatorRow(code);
    const old = (await stored(before.id))[0]!;
    const extra: [string, string, string] = [
      published.period,
      published.areaId,
      Object.keys(published.dims)
        .toSorted()
        .map((k) => `${k}=${published.dims[k]}`)
        .join(';'),
    ];
    await t.database.db.insert(disclosureResults).values({
      tenantId: B,
      indicatorId: before.id,
      dataVersion: after.dataVersion,
      threshold: 3,
      withheld: [...old.withheld, extra],
    });
    const pub2 = await publicObservations(tenantScope(t.database.db, B), after, {});
    const same = pub2.find(
      (o) =>
        o.areaId === published.areaId &&
        o.period === published.period &&
        JSON.stringify(o.dims) === JSON.stringify(published.dims),
    )!;
    expect(same).toMatchObject({ value: null, flag: '.', suppressed: 'withheld' });
    // Computing for a third version removes the stored results of older versions.
    await t.database.query(`UPDATE indicators SET data_version = data_version + 1 WHERE id = $1`, [
      before.id,
    ]);
    const third = await indicatorRow(code);
    await publicObservations(tenantScope(t.database.db, B), third, {});
    const left = await stored(before.id);
    expect(left.map((r) => r.dataVersion)).toEqual([third.dataVersion]);
  });
  it('protects a large indicator one period at a time, never reading all its cells at once', async () => {
    const rows = [
      { key: '01001', name: 'Flensburg', label: 'Tageseinrichtung', u3: '2', u6: '40' },
      { key: '01002', name: 'Kiel', label: 'Tageseinrichtung', u3: '30', u6: '50' },
      { key: '01001', name: 'Flensburg', label: 'Tagespflege', u3: '7', u6: '1' },
      { key: '01002', name: 'Kiel', label: 'Tagespflege', u3: '9', u6: '8' },
    ];
    // The same table for three reference dates: three tables of 8 cells.
    const one = genesisFixture({ code: '99932-01-01-4', rows });
    const lines = one.split('\n');
    const data = lines.filter((l) => l.startsWith('01.03.2016;'));
    const last = lines.lastIndexOf(data.at(-1)!);
    lines.splice(
      last + 1,
      0,
      ...['2017', '2018'].flatMap((y) => data.map((l) => l.replace('01.03.2016', `01.03.${y}`))),
    );
    const run = await importFile(admin, B, '99932-01-01-4_00.csv', lines.join('\n'));
    expect(run.status).toBe('done');
    const code = run.result!.indicators.created[0]!;
    // A new data version: nothing stored or cached for it yet.
    await t.database.query(
      `UPDATE indicators SET data_version = data_version + 1 WHERE tenant_id = $1 AND code = $2`,
      [B, code],
    );
    const ind = await indicatorRow(code);
    // Every query result the protection reads is counted.
    const scope = tenantScope(t.database.db, B);
    let most = 0;
    const counting = new Proxy(scope, {
      get(target, prop) {
        const v = Reflect.get(target, prop, target) as unknown;
        if (prop === 'rows') {
          return async (q: Parameters<typeof scope.rows>[0]) => {
            const r = await scope.rows(q);
            most = Math.max(most, r.length);
            return r;
          };
        }
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
    await warmPublicViewsByCode(counting, [code]);
    const saved = await stored(ind.id);
    expect(saved.map((r) => r.dataVersion)).toEqual([ind.dataVersion]);
    // Small counts in each of the three periods are withheld …
    expect(new Set(saved[0]!.withheld.map(([p]) => p)).size).toBe(3);
    // … and no read returned more than one period's table (8 cells), not all 24 at once.
    expect(most).toBeGreaterThan(0);
    expect(most).toBeLessThanOrEqual(8);
  });
});
