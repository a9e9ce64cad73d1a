/**
 * Real data: Berlin population 30.06.2015 per Planungsraum (447 LOR) and age group. The hierarchy
 * follows the LOR keys (PLR 8 digits → Bezirksregion 6 → Prognoseraum 4 → Bezirk 2 → Berlin); the
 * values of all parents are the sums of their children. Thresholds are high so that many cells are
 * small. After protection the implementation's audit and the independent attackers find nothing.
 */
import { expect, it } from 'vitest';
import { describeWithData, readShared } from '../testing/sharedData';
import { auditDisclosure, buildRelations, cellId, protectTable } from './index';
import type { SdcGrid, SdcGridCell } from './index';
import { integerSystem, integerWitness, isCompletion, rationalDerivable } from './testing/attacker';

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

  const cases = [
    { threshold: 10, suppressZeros: false },
    { threshold: 20, suppressZeros: false },
    { threshold: 100, suppressZeros: true },
  ];
  for (const { threshold, suppressZeros } of cases) {
    it(`threshold ${threshold}${suppressZeros ? ' with zeros' : ''}: protected, nothing recomputable`, () => {
      const c0 = performance.now();
      const table = protectTable({ ...grid, options: { threshold, suppressZeros } });
      const ms = performance.now() - c0;
      const { relations } = table;
      const cells = table.cells.map((c) => ({ id: c.id, value: String(truth.get(c.id)) }));
      const hidden = new Set(table.cells.filter((c) => c.suppressed).map((c) => c.id));

      for (const c of table.cells) {
        const v = truth.get(c.id)!;
        if ((v > 0 && v < threshold) || (v === 0 && suppressZeros)) expect(c.value, c.id).toBeNull();
        if (!c.suppressed) expect(c.value).toBe(String(v));
      }
      const audit = auditDisclosure(cells, relations, table.result);
      expect(audit.derivable).toEqual([]);
      expect(audit.exposed).toEqual([]);
      expect(audit.inconsistentRelations).toEqual([]);

      // Independent exact attacker (dense rational elimination).
      const a0 = performance.now();
      expect([...rationalDerivable(cells, relations, hidden)]).toEqual([]);
      const nonZeroHidden = new Set([...hidden].filter((id) => truth.get(id) !== 0));
      const exposed = [...rationalDerivable(cells, relations, nonZeroHidden)].filter(
        (id) => table.result.primary.has(id) && truth.get(id) !== 0,
      );
      expect(exposed).toEqual([]);
      const rationalMs = performance.now() - a0;

      // Independent integer attacker on the suppressed zeros (the cells non-negativity could pin).
      const sys = integerSystem(cells, relations, hidden, truth);
      expect(isCompletion(sys, sys.truth)).toBe(true);
      let zeros = 0;
      sys.vars.forEach((id, i) => {
        if (sys.truth[i] !== 0) return;
        zeros++;
        const w = integerWitness(sys, i, 1, Infinity, 2_000_000);
        expect(Array.isArray(w), `${id} = 0 is pinned`).toBe(true);
      });

      const primary = table.result.primary.size;
      const secondary = table.result.secondary.size;
      console.log(
        `Berlin LOR 2015-01, Schwelle ${threshold}${suppressZeros ? ' mit Nullen' : ''}: ${cells.length} Zellen, ${relations.length} Beziehungen, ` +
          `${primary} primär, ${secondary} sekundär (Verhältnis ${(secondary / primary).toFixed(2)}, ` +
          `${((100 * (primary + secondary)) / cells.length).toFixed(1)} % gesperrt), ${zeros} gesperrte Nullen; ` +
          `Schutz ${ms.toFixed(0)} ms, unabhängiger rationaler Angriff ${rationalMs.toFixed(0)} ms`,
      );
      expect(primary).toBeGreaterThan(threshold === 10 ? 40 : 70);
    });
  }
});
