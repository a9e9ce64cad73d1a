/**
 * Real data: Berlin population 30.06.2015 per Planungsraum (447 LOR) and age group. The hierarchy
 * follows the LOR keys (PLR 8 digits → Bezirksregion 6 → Prognoseraum 4 → Bezirk 2 → Berlin); the
 * values of all parents are the sums of their children. Thresholds are high so that many cells are
 * small. After protection neither the LP intruder (withheld cells ≥ 1, protection range [1, T]) nor the
 * independent exact attackers recover anything.
 */
import { expect, it } from 'vitest';
import { describeWithData, readShared } from '../testing/sharedData';
import { buildRelations, cellId, protectTable } from './index';
import type { SdcGrid, SdcGridCell } from './index';
import { rationalDerivable } from './testing/attacker';
import { intruderVerdict, trueRelations } from './testing/intruder';

const AGES = ['below_6', '6_15', '15_18', '18_27', '27_45', '45_55', '55_65', 'above_65'] as const;
const TOTAL = 'insgesamt';

function loadTable(): { grid: SdcGrid; truth: Map<string, number>; parents: number; areas: number } {
  const text = new TextDecoder().decode(
    readShared('berlin-lor', 'population', 'berlin-lor-population-2015-01-t2-planning-areas.csv'),
  );
  const [header, ...lines] = text.trim().split(/\r?\n/);
  const cols = header!.split(',');
  const col = (name: string) => {
    const i = cols.indexOf(name);
    if (i < 0) throw new Error(`Spalte ${name} fehlt`);
    return i;
  };
  const values = new Map<string, number[]>(); // area → 8 age values
  for (const line of lines) {
    const f = line.split(',');
    const id = f[col('id')]!;
    expect(id).toMatch(/^\d{8}$/);
    const ages = AGES.map((a) => Number(f[col(`inhabitants_age_${a}`)]));
    // The file's own total equals the sum of the age groups.
    expect(ages.reduce((s, v) => s + v, 0)).toBe(Number(f[col('inhabitants')]));
    values.set(id, ages);
  }
  const children = new Map<string, Set<string>>();
  const link = (parent: string, child: string) => {
    if (!children.has(parent)) children.set(parent, new Set());
    children.get(parent)!.add(child);
  };
  for (const plr of values.keys()) {
    link(plr.slice(0, 6), plr);
    link(plr.slice(0, 4), plr.slice(0, 6));
    link(plr.slice(0, 2), plr.slice(0, 4));
    link('Berlin', plr.slice(0, 2));
  }
  const sum = (area: string): number[] => {
    const known = values.get(area);
    if (known) return known;
    const total = AGES.map(() => 0);
    for (const ch of children.get(area)!) sum(ch).forEach((v, i) => (total[i]! += v));
    values.set(area, total);
    return total;
  };
  sum('Berlin');
  const truth = new Map<string, number>();
  const cells: SdcGridCell[] = [];
  for (const [area, ages] of [...values].toSorted(([a], [b]) => (a < b ? -1 : 1))) {
    const row = [...ages, ages.reduce((s, v) => s + v, 0)];
    [...AGES, TOTAL].forEach((age, i) => {
      cells.push({ areaId: area, dims: { alter: age }, value: String(row[i]) });
      truth.set(cellId(area, { alter: age }), row[i]!);
    });
  }
  const areaChildren = Object.fromEntries([...children].map(([p, ch]) => [p, [...ch].toSorted()]));
  return {
    grid: { cells, areaChildren, dimensions: [{ key: 'alter', total: TOTAL }] },
    truth,
    parents: children.size,
    areas: values.size,
  };
}

describeWithData('berlin-lor', 'Geheimhaltung: Berliner Planungsräume × Altersgruppen (2015-01)', () => {
  const { grid, truth, parents, areas } = loadTable();

  it('has the LOR hierarchy of 2015: 447 PLR, 138 BZR, 60 PRG, 12 Bezirke', () => {
    const level = (n: number) =>
      grid.cells.filter((c) => c.dims.alter === TOTAL && new RegExp(`^\\d{${n}}$`).test(c.areaId)).length;
    expect([level(8), level(6), level(4), level(2)]).toEqual([447, 138, 60, 12]);
    expect(truth.get(cellId('Berlin', { alter: TOTAL }))).toBeGreaterThan(3_000_000);
    // One relation per parent and age column, one per area for the age total.
    expect(buildRelations(grid)).toHaveLength(parents * (AGES.length + 1) + areas);
  });

  for (const threshold of [10, 20]) {
    it(`threshold ${threshold}: protected, nothing recoverable`, async () => {
      const table = await protectTable({ ...grid, options: { threshold } });
      const { relations } = table;
      const cells = table.cells.map((c) => ({ id: c.id, value: String(truth.get(c.id)) }));
      const hidden = new Set(table.cells.filter((c) => c.suppressed).map((c) => c.id));
      for (const c of table.cells) {
        const v = truth.get(c.id)!;
        if (v > 0 && v < threshold) expect(c.value, c.id).toBeNull();
        if (!c.suppressed) expect(c.value).toBe(String(v));
      }
      expect(table.result.unprotectable).toBeUndefined();
      const truthMap = new Map<string, number | null>(truth);
      const verdict = await intruderVerdict({
        truth: truthMap,
        withheld: hidden,
        primary: table.result.primary,
        relations: trueRelations(truthMap, relations),
        threshold,
      });
      expect(verdict.exact).toEqual([]);
      expect(verdict.insufficient).toEqual([]);
      // Independent exact attacker (dense rational elimination).
      expect([...rationalDerivable(cells, relations, hidden)]).toEqual([]);
      const primary = table.result.primary.size;
      const secondary = table.result.secondary.size;
      console.log(
        `Berlin LOR 2015-01, Schwelle ${threshold}: ${cells.length} Zellen, ${relations.length} Beziehungen, ` +
          `${primary} primär, ${secondary} sekundär (Verhältnis ${(secondary / primary).toFixed(2)}, ` +
          `${((100 * (primary + secondary)) / cells.length).toFixed(1)} % gesperrt)`,
      );
      expect(primary).toBeGreaterThan(threshold === 10 ? 40 : 70);
    }, 300_000);
  }
});
