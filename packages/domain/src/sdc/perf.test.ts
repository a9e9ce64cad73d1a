/**
 * Size and speed: 500 areas × 40 dimension combinations, and 12 districts × 8 age groups × 3 sexes.
 * Bounds are generous (shared CI machines); the measured times are printed.
 */
import { describe, expect, it } from 'vitest';
import { auditDisclosure, protectTable } from './index';
import { rationalDerivable } from './testing/attacker';
import { makeTable, type TableSpec } from './testing/tables';

const range = (p: string, n: number) =>
  Array.from({ length: n }, (_, i) => `${p}${String(i + 1).padStart(3, '0')}`);

function measure<T>(f: () => T): { value: T; wall: number; cpu: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = f();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { value, wall, cpu: (c.user + c.system) / 1000 };
}

describe('performance', () => {
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
    const cold = measure(() => protectTable({ ...grid, options: { threshold: 3 } }));
    const run = measure(() => protectTable({ ...grid, options: { threshold: 3 } }));
    const t = run.value;
    const cells = grid.cells.map((c, i) => ({ id: t.cells[i]!.id, value: c.value }));
    const audit = measure(() => auditDisclosure(cells, relations, t.result));
    expect(audit.value.derivable).toEqual([]);
    expect(audit.value.exposed).toEqual([]);
    console.log(
      `500 × 40: ${cells.length} Zellen, ${relations.length} Beziehungen, ${t.result.primary.size} primär, ` +
        `${t.result.secondary.size} sekundär; protectTable ${run.wall.toFixed(0)} ms (CPU inkl. GC ${run.cpu.toFixed(0)} ms; ` +
        `erster Aufruf ${cold.wall.toFixed(0)} ms), ` +
        `Audit ${audit.wall.toFixed(0)} ms (CPU ${audit.cpu.toFixed(0)} ms)`,
    );
    expect(run.wall).toBeLessThan(3000);
  }, 60_000);

  it('12 districts × 8 age groups × 3 sexes in milliseconds', () => {
    const spec: TableSpec = {
      areas: { Stadt: range('B', 12) },
      dims: [
        { key: 'alter', values: range('a', 8), total: 'insgesamt' },
        { key: 'geschlecht', values: ['m', 'w'], total: 'insgesamt' },
      ],
    };
    const { grid, relations, truth } = makeTable(spec, 7, (rng) => Math.floor(rng() * rng() * 30));
    protectTable({ ...grid, options: { threshold: 5 } }); // warm-up
    const run = measure(() => protectTable({ ...grid, options: { threshold: 5 } }));
    const t = run.value;
    const cells = t.cells.map((c) => ({ id: c.id, value: String(truth.get(c.id)) }));
    const hidden = new Set(t.cells.filter((c) => c.suppressed).map((c) => c.id));
    expect(auditDisclosure(cells, relations, t.result).derivable).toEqual([]);
    expect([...rationalDerivable(cells, relations, hidden)]).toEqual([]);
    console.log(
      `12 × 8 × 3: ${cells.length} Zellen, ${t.result.primary.size} primär, ${t.result.secondary.size} sekundär; ` +
        `protectTable ${run.wall.toFixed(1)} ms (CPU inkl. GC ${run.cpu.toFixed(1)} ms)`,
    );
    expect(run.wall).toBeLessThan(500);
  }, 30_000);
});
