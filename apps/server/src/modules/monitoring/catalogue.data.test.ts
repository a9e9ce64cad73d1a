/**
 * The Kennzahlenkatalog on real official data (../shared/data/genesapi-data): the catalogue is applied to
 * an empty municipality first (every indicator incomplete, the checklist names the tables), then the
 * source tables are imported through the import pipeline – the indicators turn complete without a
 * second apply – and every indicator with a Regionalatlas counterpart is compared with the published
 * table value by value, for every region and year present in both. Differences must be exactly the
 * exceptions the catalogue explains. Expected values come from the published files, never from the code
 * under test.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeWithData, readShared, sharedFile } from '@dkbm/domain/testing';
import { definitionOf as entryDefinition, type CatalogueEntry } from '@dkbm/domain';
import { createTestDatabase, type TestDatabase } from '../../test/testDb';
import { createTenant } from '../tenants/tenants.service';
import { analyzeRun, commitRun, createRun } from '../imports/runs.service';
import { tenantScope } from '../../platform/tenancy/scope';
import { applyCatalogue, catalogueStatus, shippedCatalogue, type CatalogueStatus } from './catalogue.service';

const GENESIS = 'genesapi-data';
const ATLAS_TABLES = [
  'AI002-1',
  'AI002-2',
  'AI003-1',
  'AI003-3',
  'AI-N-05',
  'AIG-03-1',
  'AIG-03-2',
  'AIG-24',
];

/** The export of a table in the test data: the UTF-8 `_00` file, else the Latin-1 original. */
function fileOf(code: string): string | null {
  for (const f of [`${code}_00.csv`, `${code}.csv`]) if (fs.existsSync(sharedFile(GENESIS, f))) return f;
  return null;
}

const catalogue = shippedCatalogue();

describeWithData(GENESIS, 'Kennzahlenkatalog on real data', () => {
  let db: TestDatabase;
  let tenantId: string;
  let before: CatalogueStatus;
  let after: CatalogueStatus;
  const imported = new Map<string, string[]>();

  const officialSources = Object.values(catalogue.sources).filter((s) => s.origin !== 'local');
  const inTestData = officialSources.filter((s) => fileOf(s.code));

  beforeAll(async () => {
    db = await createTestDatabase({ onDisk: true });
    tenantId = (
      await createTenant(db.db, { slug: 'katalog', name: 'Katalog', type: 'landkreis', ags: '03159' })
    ).id;
    await applyCatalogue(tenantScope(db.db, tenantId));
    before = await catalogueStatus(tenantScope(db.db, tenantId));
    const tables = [...new Set([...inTestData.map((s) => s.code), ...ATLAS_TABLES])];
    for (const code of tables) {
      const file = fileOf(code)!;
      const runId = await createRun(tenantScope(db.db, tenantId), {
        userId: null,
        via: 'cli',
        file: { name: file, bytes: readShared(GENESIS, file) },
      });
      await analyzeRun(db, tenantId, runId, {});
      const r = await commitRun(db, tenantId, runId, { createAreas: true });
      imported.set(code, r.indicators.created);
    }
    after = await catalogueStatus(tenantScope(db.db, tenantId));
  }, 300_000);
  afterAll(async () => db?.destroy());

  it('sources marked as checked with an export are exactly those in the test data; their import creates the listed indicators', () => {
    const marked = officialSources.filter((s) => s.checkedWith === 'export').map((s) => s.code);
    expect(marked.toSorted()).toEqual(inTestData.map((s) => s.code).toSorted());
    for (const s of inTestData) {
      for (const code of s.indicators) expect(imported.get(s.code), s.code).toContain(code);
    }
  });

  it('before the import every indicator is incomplete and the checklist names every table with its download address', () => {
    expect(before.entries.every((e) => e.state === 'incomplete')).toBe(true);
    const sources = before.checklist.map((c) => c.source).toSorted();
    const needed = new Set(
      catalogue.indicators.flatMap((e) =>
        Object.values(entryDefinition(e, 'official').inputs).map(
          (i) => Object.values(catalogue.sources).find((s) => s.indicators.includes(i.indicator))!.code,
        ),
      ),
    );
    expect(sources).toEqual([...needed].toSorted());
    for (const c of before.checklist) {
      expect(c.state, c.source).toBe('missing');
      if (c.origin === 'local') {
        expect(c.url).toBeNull();
        expect(c.howTo).toBeTruthy();
      } else {
        expect(c.url).toBe(
          `https://www.regionalstatistik.de/genesis/online?operation=table&code=${encodeURIComponent(c.source)}`,
        );
      }
    }
  });

  it('after importing the tables every indicator whose tables are in the test data is complete – without applying again', () => {
    const available = new Set(inTestData.map((s) => s.code));
    const expectComplete = (e: CatalogueEntry) => e.meta.sources.every((s) => available.has(s));
    for (const e of catalogue.indicators) {
      const st = after.entries.find((x) => x.code === e.code)!;
      if (expectComplete(e)) {
        expect({
          code: e.code,
          state: st.state,
          inputs: st.inputs.filter((i) => !i.present || i.problem),
        }).toEqual({
          code: e.code,
          state: 'complete',
          inputs: [],
        });
      } else {
        expect(st.state, e.code).toBe('incomplete');
      }
    }
    // Still missing: the tables the test data lack, and the municipality's own data (the local
    // variants are not chosen, so their sources are not asked for).
    expect(
      after.checklist
        .filter((c) => c.state === 'missing')
        .map((c) => c.source)
        .toSorted(),
    ).toEqual(
      [...new Set(catalogue.indicators.flatMap((e) => e.meta.sources))]
        .filter((s) => !available.has(s))
        .toSorted(),
    );
    expect(after.checklist.filter((c) => c.state !== 'missing').every((c) => c.state === 'present')).toBe(
      true,
    );
  });

  async function cells(code: string) {
    const r = await db.query<{ area: string; period: string; value: string | null; flag: string | null }>(
      `SELECT a.code AS area, o.period::text AS period, o.value::text AS value, o.flag
         FROM observations o JOIN series s ON s.id = o.series_id JOIN areas a ON a.id = o.area_id
         JOIN indicators i ON i.id = s.indicator_id
        WHERE i.tenant_id = $1 AND i.code = $2 AND s.dims = '{}'::jsonb`,
      [tenantId, code],
    );
    return new Map(r.map((c) => [`${c.area}|${c.period.slice(0, 4)}`, c]));
  }

  const comparisons = catalogue.indicators.flatMap((e) =>
    (e.meta.regionalatlas ?? []).map((a) => ({ entry: e, atlas: a })),
  );

  describe('Regionalatlas counterparts', () => {
    const conventions = catalogue.signConventions ?? [];
    const conventionsSeen = new Set<string>();

    it.each(
      comparisons.filter((c) => c.atlas.verified).map((c) => [c.entry.code, c.atlas.table, c] as const),
    )(
      '%s equals %s value by value for every region and year in both',
      async (_code, _table, { entry, atlas }) => {
        const mine = await cells(entry.code);
        const published = await cells(atlas.indicator!);
        const exceptions = atlas.exceptions ?? [];
        const exceptionOf = (region: string, year: string) =>
          exceptions.findIndex(
            (x) => x.years.includes(Number(year)) && (!x.regions || x.regions.includes(region)),
          );
        let numbers = 0;
        let signs = 0;
        let conventional = 0;
        const seenExceptions = new Set<number>();
        const differences: string[] = [];
        const years = new Set<string>();
        for (const [key, p] of published) {
          const m = mine.get(key);
          if (!m) continue;
          const [region, year] = key.split('|') as [string, string];
          years.add(year);
          const show = (c: typeof m) => c.value ?? c.flag;
          const x = exceptionOf(region, year);
          if (x >= 0 && p.value === null && p.flag === exceptions[x]!.published) {
            // A published sign the catalogue explains (and computes a value or another sign for).
            seenExceptions.add(x);
            continue;
          }
          if (m.value !== null && p.value !== null) {
            if (Number(m.value) === Number(p.value) && m.flag === p.flag) numbers += 1;
            else differences.push(`${key}: berechnet ${show(m)}, veröffentlicht ${show(p)}`);
          } else if (m.value === null && p.value === null) {
            if (m.flag === p.flag) signs += 1;
            else if (conventions.some((c) => c.computed === m.flag && c.published === p.flag)) {
              conventional += 1;
              conventionsSeen.add(`${m.flag}→${p.flag}`);
            } else differences.push(`${key}: berechnet ${show(m)}, veröffentlicht ${show(p)}`);
          } else differences.push(`${key}: berechnet ${show(m)}, veröffentlicht ${show(p)}`);
        }
        expect(differences.slice(0, 20)).toEqual([]);
        expect(numbers).toBeGreaterThan(0);
        // Every exception the catalogue names does occur (no stale explanations).
        expect([...seenExceptions].toSorted()).toEqual(exceptions.map((_, i) => i));
        console.log(
          `${entry.code} ↔ ${atlas.table} (${atlas.comparison}): ${numbers} Zahlen und ${signs} Zeichen gleich, ` +
            `${conventional} Zeichen nach Konvention, ${seenExceptions.size ? `Ausnahmen ${[...seenExceptions].map((i) => exceptions[i]!.years.join('/')).join(', ')}, ` : ''}` +
            `Jahre ${[...years].toSorted().join(', ')}`,
        );
      },
    );

    it('every sign convention of the catalogue occurs in a comparison', () => {
      expect([...conventionsSeen].toSorted()).toEqual(
        conventions.map((c) => `${c.computed}→${c.published}`).toSorted(),
      );
    });

    it.each(
      comparisons.filter((c) => !c.atlas.verified).map((c) => [c.entry.code, c.atlas.table, c] as const),
    )(
      '%s ↔ %s is marked unverified because the test data cannot compare it',
      (_code, _table, { entry, atlas }) => {
        const tableThere = fileOf(atlas.table) !== null;
        const inputsThere = entry.meta.sources.every((s) => fileOf(s) !== null);
        expect(tableThere && inputsThere).toBe(false);
      },
    );
  });
});
