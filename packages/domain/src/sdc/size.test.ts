/**
 * Tables of realistic size: 500 areas × 40 dimension combinations, and 12 districts × 8 age groups ×
 * 3 sexes. No timing here (timing belongs in bench/); these prove that protection holds at size.
 */
import { describe, expect, it } from 'vitest';
import { protectTable } from './index';
import { rationalDerivable } from './testing/attacker';
import { intruderVerdict, trueRelations } from './testing/intruder';
import { makeTable, type TableSpec } from './testing/tables';

const range = (p: string, n: number) =>
  Array.from({ length: n }, (_, i) => `${p}${String(i + 1).padStart(3, '0')}`);

describe('tables of realistic size', () => {
  it('500 areas × 40 combinations (city > 20 districts > 479 planning areas; 4 × 10 values)', async () => {
    const districts = range('D', 20);
    const areas: Record<string, string[]> = { S: districts };
    districts.forEach((d, i) => (areas[d] = range(`${d}P`, i < 19 ? 24 : 479 - 19 * 24)));
    const spec: TableSpec = {
      areas,
      dims: [
        { key: 'sex', values: ['m', 'w', 'd'], total: 'T' },
        { key: 'age', values: range('a', 9), total: 'T' },
      ],
    };
    // Many small counts: the product of two uniforms, scaled.
    const { grid, relations, truth } = makeTable(spec, 42, (rng) => Math.floor(rng() * rng() * 40));
    expect(grid.cells).toHaveLength(20_000);
    const t = await protectTable({ ...grid, options: { threshold: 3 } });
    expect(t.result.primary.size).toBeGreaterThan(1000);
    expect(t.result.unprotectable).toBeUndefined();
    for (const c of t.cells) {
      const v = truth.get(c.id)!;
      if (v > 0 && v < 3) expect(c.value, c.id).toBeNull();
    }
    // The intruder judges every 10th primary cell and every 10th secondary cell.
    const every10 = (s: Set<string>) => new Set([...s].filter((_, i) => i % 10 === 0));
    const truthMap = new Map<string, number | null>(truth);
    const verdict = await intruderVerdict({
      truth: truthMap,
      withheld: new Set([...t.result.primary, ...t.result.secondary]),
      primary: t.result.primary,
      relations: trueRelations(truthMap, relations),
      threshold: 3,
      only: new Set([...every10(t.result.primary), ...every10(t.result.secondary)]),
    });
    expect(verdict.intervals.size).toBeGreaterThan(400);
    expect(verdict.exact).toEqual([]);
    expect(verdict.insufficient).toEqual([]);
  }, 300_000);

  it('12 districts × 8 age groups × 3 sexes', async () => {
    const spec: TableSpec = {
      areas: { Stadt: range('B', 12) },
      dims: [
        { key: 'alter', values: range('a', 8), total: 'insgesamt' },
        { key: 'geschlecht', values: ['m', 'w'], total: 'insgesamt' },
      ],
    };
    const { grid, relations, truth } = makeTable(spec, 7, (rng) => Math.floor(rng() * rng() * 30));
    const t = await protectTable({ ...grid, options: { threshold: 5 } });
    const cells = t.cells.map((c) => ({ id: c.id, value: String(truth.get(c.id)) }));
    const hidden = new Set(t.cells.filter((c) => c.suppressed).map((c) => c.id));
    const truthMap = new Map<string, number | null>(truth);
    const verdict = await intruderVerdict({
      truth: truthMap,
      withheld: hidden,
      primary: t.result.primary,
      relations: trueRelations(truthMap, relations),
      threshold: 5,
    });
    expect(verdict.exact).toEqual([]);
    expect(verdict.insufficient).toEqual([]);
    expect([...rationalDerivable(cells, relations, hidden)]).toEqual([]);
    expect(t.result.primary.size).toBeGreaterThan(0);
  }, 60_000);
});
