/**
 * Attack tests: random tables of several shapes with many small counts. After protection neither the
 * LP intruder (./testing/intruder.ts: intervals with withheld cells ≥ 1, protection range [1, T]) nor
 * the independent exact attackers of ./testing/attacker.ts (dense rational elimination; integer
 * completions by search) can recover a withheld cell.
 */
import { describe, expect, it } from 'vitest';
import { buildRelations, protectTable } from './index';
import { integerSystem, integerWitness, isCompletion, rationalDerivable } from './testing/attacker';
import { intruderVerdict, trueRelations } from './testing/intruder';
import { makeTable, relationKeys, type TableSpec } from './testing/tables';

const range = (p: string, n: number) => Array.from({ length: n }, (_, i) => `${p}${i + 1}`);

interface Shape {
  spec: TableSpec;
  /** Integer witnesses are searched (small tables only). */
  integer: boolean;
  /** Totally unimodular relation matrix: real non-degeneracy carries over to integers. */
  unimodular: boolean;
}

const SHAPES: Record<string, Shape> = {
  '1-D (dimension)': {
    spec: { areas: {}, root: 'A', dims: [{ key: 'x', values: range('x', 5), total: 'T' }] },
    integer: true,
    unimodular: true,
  },
  '1-D (area hierarchy)': {
    spec: {
      areas: { S: ['D1', 'D2', 'D3'], D1: range('P1', 3), D2: range('P2', 2), D3: range('P3', 4) },
      dims: [],
    },
    integer: true,
    unimodular: true,
  },
  '2-D with margins': {
    spec: {
      areas: {},
      root: 'A',
      dims: [
        { key: 'r', values: range('r', 4), total: 'T' },
        { key: 'c', values: range('c', 5), total: 'T' },
      ],
    },
    integer: true,
    unimodular: true,
  },
  '3-D with margins': {
    spec: {
      areas: {},
      root: 'A',
      dims: [
        { key: 'a', values: range('a', 2), total: 'T' },
        { key: 'b', values: range('b', 3), total: 'T' },
        { key: 'c', values: range('c', 3), total: 'T' },
      ],
    },
    integer: true,
    unimodular: false,
  },
  'areas × 2 dims (small)': {
    spec: {
      areas: { S: ['D1', 'D2'], D1: ['P1', 'P2'], D2: ['P3', 'P4'] },
      dims: [
        { key: 'sex', values: ['m', 'w'], total: 'T' },
        { key: 'age', values: ['a', 'b'], total: 'T' },
      ],
    },
    integer: true,
    unimodular: false,
  },
  'areas × 2 dims': {
    spec: {
      areas: { S: ['D1', 'D2', 'D3'], D1: range('P1', 3), D2: range('P2', 2), D3: range('P3', 3) },
      dims: [
        { key: 'sex', values: ['m', 'w'], total: 'T' },
        { key: 'age', values: range('a', 4), total: 'T' },
      ],
    },
    integer: false,
    unimodular: false,
  },
};

const SEEDS = Array.from({ length: 16 }, (_, i) => 1000 + i);
const thresholdFor = (seed: number) => [3, 5, 10][seed % 3]!;

describe('attack on protected random tables', () => {
  const stats: string[] = [];

  for (const [name, shape] of Object.entries(SHAPES)) {
    it(`${name}: nothing recovered, every small count covered up to its threshold`, async () => {
      let cellsTotal = 0;
      let primaryTotal = 0;
      let secondaryTotal = 0;
      let witnesses = 0;
      for (const seed of SEEDS) {
        const threshold = thresholdFor(seed);
        const { grid, relations, truth } = makeTable(shape.spec, seed);
        // buildRelations agrees with the independently derived relations.
        expect(relationKeys(buildRelations(grid))).toEqual(relationKeys(relations));
        const table = await protectTable({ ...grid, options: { threshold } });
        const hidden = new Set(table.cells.filter((c) => c.suppressed).map((c) => c.id));

        // No small count is published, no zero is withheld (checked from the true values).
        for (const c of table.cells) {
          const v = truth.get(c.id)!;
          if (v > 0 && v < threshold) expect(c.value, `${name} seed ${seed} ${c.id}`).toBeNull();
          else if (!hidden.has(c.id)) expect(c.value).toBe(String(v));
          if (v === 0) expect(hidden.has(c.id), `${name} seed ${seed} zero ${c.id}`).toBe(false);
        }
        expect(table.result.unprotectable, `${name} seed ${seed}`).toBeUndefined();

        // The LP intruder: intervals of every withheld cell.
        const truthMap = new Map<string, number | null>(truth);
        const verdict = await intruderVerdict({
          truth: truthMap,
          withheld: hidden,
          primary: table.result.primary,
          relations: trueRelations(truthMap, relations),
          threshold,
        });
        expect(verdict.exact, `${name} seed ${seed}`).toEqual([]);
        expect(verdict.insufficient, `${name} seed ${seed}`).toEqual([]);

        // Independent exact attacker.
        const cells = table.cells.map((c) => ({ id: c.id, value: String(truth.get(c.id)) }));
        expect([...rationalDerivable(cells, relations, hidden)], `${name} seed ${seed}`).toEqual([]);

        // Independent integer attacker (withheld ≥ 1): another integer completion for every withheld cell,
        // and one that reaches the threshold for every small count.
        if (shape.integer) {
          const sys = integerSystem(cells, relations, hidden, truth, () => 1);
          expect(isCompletion(sys, sys.truth)).toBe(true);
          sys.vars.forEach((id, i) => {
            const v = sys.truth[i]!;
            const up = integerWitness(sys, i, v + 1, Infinity);
            const down = v > 1 ? integerWitness(sys, i, 1, v - 1) : null;
            const found = [up, down].filter((w): w is number[] => Array.isArray(w));
            for (const w of found) expect(isCompletion(sys, w)).toBe(true);
            expect(found.length, `${name} seed ${seed}: ${id} = ${v} pinned`).toBeGreaterThan(0);
            if (shape.unimodular && table.result.primary.has(id)) {
              const reach = integerWitness(sys, i, threshold, Infinity);
              expect(Array.isArray(reach), `${name} seed ${seed}: ${id} = ${v} never ≥ ${threshold}`).toBe(
                true,
              );
            }
            witnesses += found.length;
          });
        }
        cellsTotal += table.cells.length;
        primaryTotal += table.result.primary.size;
        secondaryTotal += table.result.secondary.size;
      }
      stats.push(
        `${name}: ${SEEDS.length} tables, ${cellsTotal} cells, primary ${primaryTotal}, secondary ${secondaryTotal} ` +
          `(secondary/primary ${(secondaryTotal / Math.max(1, primaryTotal)).toFixed(2)}, ` +
          `withheld share ${((100 * (primaryTotal + secondaryTotal)) / cellsTotal).toFixed(1)} %)` +
          (shape.integer ? `, ${witnesses} integer witnesses` : ''),
      );
    }, 120_000);
  }

  it('report', () => {
    console.log(`\nSDC attack statistics:\n  ${stats.join('\n  ')}`);
  });
});
