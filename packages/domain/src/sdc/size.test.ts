/**
 * Tables of realistic size: 500 areas × 40 dimension combinations, and 12 districts × 8 age groups ×
 * 3 sexes. No timing here (timing belongs in bench/); these prove that protection holds at size.
 */
import { describe, expect, it } from 'vitest';
import { auditDisclosure, protectTable } from './index';
import { rationalDerivable } from './testing/attacker';
import { makeTable, type TableSpec } from './testing/tables';

const range = (p: string, n: number) =>
  Array.from({ length: n }, (_, i) => `${p}${String(i + 1).padStart(3, '0')}`);

describe('tables of realistic size', () => {
  it('500 areas × 40 combinations (city > 20 districts > 479 planning areas; 4 × 10 values)', () => {
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
    const { grid, relations } = makeTable(spec, 42, (rng) => Math.floor(rng() * rng() * 40));
    expect(grid.cells).toHaveLength(20_000);
    const t = protectTable({ ...grid, options: { threshold: 3 } });
    const cells = grid.cells.map((c, i) => ({ id: t.cells[i]!.id, value: c.value }));
    const audit = auditDisclosure(cells, relations, t.result);
    expect(t.result.primary.size).toBeGreaterThan(0);
    expect(t.result.secondary.size).toBeGreaterThan(0);
    expect(audit.derivable).toEqual([]);
    expect(audit.exposed).toEqual([]);
  }, 60_000);

  it('12 districts × 8 age groups × 3 sexes', () => {
    const spec: TableSpec = {
      areas: { Stadt: range('B', 12) },
      dims: [
        { key: 'alter', values: range('a', 8), total: 'insgesamt' },
        { key: 'geschlecht', values: ['m', 'w'], total: 'insgesamt' },
      ],
    };
    const { grid, relations, truth } = makeTable(spec, 7, (rng) => Math.floor(rng() * rng() * 30));
    const t = protectTable({ ...grid, options: { threshold: 5 } });
    const cells = t.cells.map((c) => ({ id: c.id, value: String(truth.get(c.id)) }));
    const hidden = new Set(t.cells.filter((c) => c.suppressed).map((c) => c.id));
    expect(auditDisclosure(cells, relations, t.result).derivable).toEqual([]);
    expect([...rationalDerivable(cells, relations, hidden)]).toEqual([]);
    expect(t.result.primary.size).toBeGreaterThan(0);
  }, 30_000);
});
