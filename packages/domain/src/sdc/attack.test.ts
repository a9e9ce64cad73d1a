/**
 * Attack tests: random tables of several shapes with many small counts. After protection neither the
 * implementation's audit nor the independent attackers of ./testing/attacker.ts (dense rational
 * elimination; integer completions by search) can recompute a suppressed cell.
 */
import { describe, expect, it } from 'vitest';
import { auditDisclosure, buildRelations, protectTable } from './index';
import type { SdcOptions } from './index';
import { integerSystem, integerWitness, isCompletion, rationalDerivable } from './testing/attacker';
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

const SEEDS = Array.from({ length: 24 }, (_, i) => 1000 + i);
const optionsFor = (seed: number): SdcOptions => ({
  threshold: [3, 5, 10][seed % 3]!,
  suppressZeros: seed % 4 === 3,
});

describe('attack on protected random tables', () => {
  const stats: string[] = [];

  for (const [name, shape] of Object.entries(SHAPES)) {
    it(`${name}: nothing recomputable`, () => {
      let cellsTotal = 0;
      let primaryTotal = 0;
      let secondaryTotal = 0;
      let witnesses = 0;
      for (const seed of SEEDS) {
        const options = optionsFor(seed);
        const { grid, relations, truth } = makeTable(shape.spec, seed);
        // buildRelations agrees with the independently derived relations.
        expect(relationKeys(buildRelations(grid))).toEqual(relationKeys(relations));
        const table = protectTable({ ...grid, options });
        const cells = table.cells.map((c) => ({
          id: c.id,
          value: truth.has(c.id) ? String(truth.get(c.id)) : null,
        }));
        const hidden = new Set(table.cells.filter((c) => c.suppressed).map((c) => c.id));

        // No small count is published (checked from the true values, not from the result flags).
        for (const c of table.cells) {
          const v = truth.get(c.id)!;
          const small = (v > 0 && v < options.threshold) || (v === 0 && options.suppressZeros === true);
          if (small) expect(c.value, `${name} seed ${seed} ${c.id}`).toBeNull();
          else if (!hidden.has(c.id)) expect(c.value).toBe(String(v));
        }

        // The implementation's own audit.
        const audit = auditDisclosure(cells, relations, table.result);
        expect(audit.derivable, `${name} seed ${seed}`).toEqual([]);
        expect(audit.exposed, `${name} seed ${seed}`).toEqual([]);

        // Independent exact attacker.
        expect([...rationalDerivable(cells, relations, hidden)], `${name} seed ${seed}`).toEqual([]);
        // Zero trap: even knowing the suppressed zeros, no non-zero primary cell follows.
        const nonZeroHidden = new Set([...hidden].filter((id) => truth.get(id) !== 0));
        const zerosKnown = cells.map((c) => c);
        const exposed = [...rationalDerivable(zerosKnown, relations, nonZeroHidden)].filter(
          (id) => table.result.primary.has(id) && truth.get(id) !== 0,
        );
        expect(exposed, `${name} seed ${seed}`).toEqual([]);

        // Independent integer attacker: another non-negative integer completion for every hidden cell.
        if (shape.integer) {
          const sys = integerSystem(cells, relations, hidden, truth);
          expect(isCompletion(sys, sys.truth)).toBe(true);
          sys.vars.forEach((id, i) => {
            const v = sys.truth[i]!;
            const up = integerWitness(sys, i, v + 1, Infinity);
            const down = v > 0 ? integerWitness(sys, i, 0, v - 1) : null;
            const found = [up, down].filter((w): w is number[] => Array.isArray(w));
            for (const w of found) expect(isCompletion(sys, w)).toBe(true);
            expect(found.length, `${name} seed ${seed}: ${id} = ${v} pinned`).toBeGreaterThan(0);
            // Primary non-zero cells lie strictly inside their feasible range.
            if (shape.unimodular && table.result.primary.has(id) && v > 0) {
              expect(found.length, `${name} seed ${seed}: ${id} = ${v} at a bound`).toBe(2);
            }
            witnesses += found.length;
          });
        }
        cellsTotal += cells.length;
        primaryTotal += table.result.primary.size;
        secondaryTotal += table.result.secondary.size;
      }
      stats.push(
        `${name}: ${SEEDS.length} tables, ${cellsTotal} cells, primary ${primaryTotal}, secondary ${secondaryTotal} ` +
          `(secondary/primary ${(secondaryTotal / Math.max(1, primaryTotal)).toFixed(2)}, ` +
          `suppressed share ${((100 * (primaryTotal + secondaryTotal)) / cellsTotal).toFixed(1)} %)` +
          (shape.integer ? `, ${witnesses} integer witnesses` : ''),
      );
      // Reasonable: fewer secondary than 2.5 × primary cells on average.
      expect(secondaryTotal).toBeLessThan(2.5 * Math.max(1, primaryTotal));
    }, 60_000);
  }

  it('report', () => {
    console.log(`\nSDC attack statistics:\n  ${stats.join('\n  ')}`);
  });
});
