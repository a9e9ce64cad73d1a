import { describe, expect, it } from 'vitest';
import { auditDisclosure, cellId, primarySuppression, protectTable, secondarySuppression } from './index';
import type { SdcCell, SdcGrid, SdcRelation } from './index';
import { makeTable } from './testing/tables';

/** One area 'A', one dimension 'x' with total 'T'. */
function oneDim(values: Record<string, number | null>): SdcGrid {
  return {
    cells: Object.entries(values).map(([x, v]) => ({
      areaId: 'A',
      dims: { x },
      value: v === null ? null : String(v),
    })),
    areaChildren: {},
    dimensions: [{ key: 'x', total: 'T' }],
  };
}
const x = (v: string) => cellId('A', { x: v });
const sexId = (a: string, s: string) => cellId(a, { sex: s });
const suppressedIds = (t: ReturnType<typeof protectTable>, kind: 'primary' | 'secondary') =>
  t.cells.filter((c) => c.suppressed === kind).map((c) => c.id);

/** Table of an interior matrix with row and column totals (dims row/col, total 'T'). */
function matrix(m: number[][]): SdcGrid {
  const rows = m.map((_, i) => `r${i + 1}`);
  const cols = m[0]!.map((_, j) => `c${j + 1}`);
  const val = (i: number, j: number): number =>
    i < 0 && j < 0
      ? m.flat().reduce((s, v) => s + v, 0)
      : i < 0
        ? m.reduce((s, row) => s + row[j]!, 0)
        : j < 0
          ? m[i]!.reduce((s, v) => s + v, 0)
          : m[i]![j]!;
  const cells = [...rows, 'T'].flatMap((r, i) =>
    [...cols, 'T'].map((c, j) => ({
      areaId: 'A',
      dims: { row: r, col: c },
      value: String(val(r === 'T' ? -1 : i, c === 'T' ? -1 : j)),
    })),
  );
  return {
    cells,
    areaChildren: {},
    dimensions: [
      { key: 'row', total: 'T' },
      { key: 'col', total: 'T' },
    ],
  };
}
const rc = (r: number, c: number) => cellId('A', { row: `r${r}`, col: `c${c}` });

describe('secondarySuppression on hand-made tables', () => {
  it('1-D: total + 3 parts, one small part → the smallest other part is suppressed too', () => {
    const t = protectTable({ ...oneDim({ a: 2, b: 8, c: 10, T: 20 }), options: { threshold: 3 } });
    expect(suppressedIds(t, 'primary')).toEqual([x('a')]);
    expect(suppressedIds(t, 'secondary')).toEqual([x('b')]);
    expect(t.cells.map((c) => c.value)).toEqual([null, null, '10', '20']);
  });

  it('1-D: a zero is never the partner of a small cell when another part exists', () => {
    // Suppressing z (0) would leave a = 2 as the sum a + z = 2 – the zero trap.
    const t = protectTable({ ...oneDim({ a: 2, z: 0, b: 8, T: 10 }), options: { threshold: 3 } });
    expect(suppressedIds(t, 'secondary')).toEqual([x('b')]);
  });

  it('2-D with margins: one small interior cell needs the cheapest rectangle of 4 cells', () => {
    // Rectangles through (r1,c1): other corner (r2,c2) costs 10 + 12 + 9 = 31, all others more.
    const grid = matrix([
      [1, 10, 20],
      [12, 9, 30],
      [15, 25, 40],
    ]);
    const t = protectTable({ ...grid, options: { threshold: 3 } });
    expect(suppressedIds(t, 'primary')).toEqual([rc(1, 1)]);
    expect(suppressedIds(t, 'secondary').toSorted()).toEqual([rc(1, 2), rc(2, 1), rc(2, 2)].toSorted());
  });

  it('hierarchy (city > districts > planning areas) × sex with total', () => {
    // P1 m = 2 is small. Cheapest protection: the 2×2 block P1/P2 × m/w (5 + 7 + 6 = 18)
    // instead of using totals (P1 T = 9, P2 T = 11, D1 m = 7 …).
    const v: Record<string, [number, number]> = { P1: [2, 7], P2: [5, 6], P3: [20, 25], P4: [30, 35] };
    const sum = (ks: string[], k: 0 | 1) => ks.reduce((s, a) => s + v[a]![k], 0);
    v.D1 = [sum(['P1', 'P2'], 0), sum(['P1', 'P2'], 1)];
    v.D2 = [sum(['P3', 'P4'], 0), sum(['P3', 'P4'], 1)];
    v.S = [sum(['D1', 'D2'], 0), sum(['D1', 'D2'], 1)];
    const grid: SdcGrid = {
      cells: Object.entries(v).flatMap(([a, [m, w]]) => [
        { areaId: a, dims: { sex: 'm' }, value: String(m) },
        { areaId: a, dims: { sex: 'w' }, value: String(w) },
        { areaId: a, dims: { sex: 'T' }, value: String(m + w) },
      ]),
      areaChildren: { S: ['D1', 'D2'], D1: ['P1', 'P2'], D2: ['P3', 'P4'] },
      dimensions: [{ key: 'sex', total: 'T' }],
    };
    const t = protectTable({ ...grid, options: { threshold: 3 } });
    expect(suppressedIds(t, 'primary')).toEqual([sexId('P1', 'm')]);
    expect(suppressedIds(t, 'secondary').toSorted()).toEqual(
      [sexId('P1', 'w'), sexId('P2', 'm'), sexId('P2', 'w')].toSorted(),
    );
  });

  it('first pass leaves a cell derivable through two relations (flattened subtotal); the audit loop fixes it', () => {
    const c: SdcCell[] = Object.entries({ Ins: 75, U18: 33, u6: 1, a6: 2, a15: 30, a18: 2, a65: 40 }).map(
      ([id, v]) => ({ id, value: String(v) }),
    );
    const rels: SdcRelation[] = [
      { total: 'Ins', parts: ['u6', 'a6', 'a15', 'a18', 'a65'] },
      { total: 'U18', parts: ['u6', 'a6', 'a15'] },
    ];
    const primary = primarySuppression(c, { threshold: 3 });
    expect([...primary]).toEqual(['u6', 'a6', 'a18']);
    // No relation has fewer than two suppressed cells, so the local pass has nothing to do …
    for (const r of rels)
      expect([r.total, ...r.parts].filter((p) => primary.has(p)).length).toBeGreaterThanOrEqual(2);
    // … yet a18 = (Ins − U18) − a65 = 42 − 40 is derivable.
    expect(auditDisclosure(c, rels, primary).derivable).toEqual(['a18']);
    const res = secondarySuppression(c, rels, primary, { threshold: 3 });
    // Single additions that protect a18: a65 (40) or Ins (75); a15 (30) does not. Cheapest: a65.
    expect([...res.secondary]).toEqual(['a65']);
    expect(auditDisclosure(c, rels, res)).toMatchObject({ derivable: [], exposed: [] });
  });

  it('first pass leaves a bridge between two rectangles derivable; the audit loop adds one cell', () => {
    const grid = matrix([
      [1, 2, 20, 30, 40],
      [2, 1, 2, 15, 50],
      [25, 35, 1, 2, 45],
      [30, 40, 2, 1, 55],
      [60, 70, 80, 90, 99],
    ]);
    const cells = grid.cells.map((g) => ({ id: cellId(g.areaId, g.dims), value: g.value }));
    const t = protectTable({ ...grid, options: { threshold: 3 } });
    const primary = new Set(suppressedIds(t, 'primary'));
    expect(primary.size).toBe(9);
    // Every row and column has ≥ 2 primary cells or none, but (r2,c3) is a bridge: derivable.
    expect(auditDisclosure(cells, t.relations, primary).derivable).toEqual([rc(2, 3)]);
    // Adding (r2,c4) = 15 or (r1,c3) = 20 closes a cycle through the bridge; 15 is cheaper.
    expect(suppressedIds(t, 'secondary')).toEqual([rc(2, 4)]);
    expect(auditDisclosure(cells, t.relations, t.result).derivable).toEqual([]);
  });

  it('zeros as primary cells (suppressZeros): the zero district gets a non-zero partner', () => {
    const grid: SdcGrid = {
      cells: Object.entries({ City: 15, D1: 0, D2: 15, P1: 0, P2: 0, P3: 7, P4: 8 }).map(([a, v]) => ({
        areaId: a,
        dims: {},
        value: String(v),
      })),
      areaChildren: { City: ['D1', 'D2'], D1: ['P1', 'P2'], D2: ['P3', 'P4'] },
      dimensions: [],
    };
    const t = protectTable({ ...grid, options: { threshold: 3, suppressZeros: true } });
    expect(suppressedIds(t, 'primary')).toEqual(['D1|', 'P1|', 'P2|']);
    // City = D1 + D2 needs a non-zero unknown next to D1: the part D2 rather than the total City;
    // then D2 = P3 + P4 needs a partner: the smaller P3. The audit (D1 ∈ [0, 7]) confirms.
    expect(suppressedIds(t, 'secondary')).toEqual(['D2|', 'P3|']);
    const cells = grid.cells.map((g) => ({ id: cellId(g.areaId, g.dims), value: g.value }));
    expect(auditDisclosure(cells, t.relations, t.result).derivable).toEqual([]);
  });

  it('already flagged cells (null) are free protection', () => {
    const t = protectTable({ ...oneDim({ a: 2, b: null, c: 18, T: 20 }), options: { threshold: 3 } });
    expect(suppressedIds(t, 'secondary')).toEqual([]);
    expect(t.cells.map((c) => [c.value, c.suppressed])).toEqual([
      [null, 'primary'],
      [null, null],
      ['18', null],
      ['20', null],
    ]);
  });

  it('a flagged cell is itself protected unless protectFlagged is false', () => {
    const grid = oneDim({ a: null, b: 5, c: 15, T: 20 });
    expect(suppressedIds(protectTable({ ...grid, options: { threshold: 3 } }), 'secondary')).toEqual([
      x('b'),
    ]);
    expect(
      suppressedIds(protectTable({ ...grid, options: { threshold: 3, protectFlagged: false } }), 'secondary'),
    ).toEqual([]);
  });

  it('non-integer values are never primary but may be secondary', () => {
    const t = protectTable({ ...oneDim({ a: 2, b: null, c: 18, T: 20 }), options: { threshold: 3 } });
    expect(t.result.primary.size).toBe(1);
    const dec: SdcCell[] = [
      { id: 'T', value: '10.5' },
      { id: 'a', value: '2' },
      { id: 'b', value: '2.5' },
      { id: 'c', value: '6' },
    ];
    const rels = [{ total: 'T', parts: ['a', 'b', 'c'] }];
    const p = primarySuppression(dec, { threshold: 3 });
    expect([...p]).toEqual(['a']);
    expect([...secondarySuppression(dec, rels, p, { threshold: 3 }).secondary]).toEqual(['b']);
  });

  it('relations that do not add up are reported and still protected structurally', () => {
    // 10 ≠ 2 + 7 + 0 (e.g. a source with rounding). No formula over published cells may give a.
    const c: SdcCell[] = [
      { id: 'T', value: '10' },
      { id: 'a', value: '2' },
      { id: 'b', value: '7' },
      { id: 'z', value: '0' },
      { id: 'U', value: '5' },
      { id: 'd', value: '5' },
    ];
    const rels = [
      { total: 'T', parts: ['a', 'b', 'z'] },
      { total: 'U', parts: ['d'] },
    ];
    const res = secondarySuppression(c, rels, ['a']);
    expect([...res.secondary]).toEqual(['b']);
    expect(res.inconsistentRelations).toEqual([0]);
    expect(auditDisclosure(c, rels, res)).toMatchObject({ derivable: [], inconsistentRelations: [0] });
    // Consistent tables carry no such field.
    expect(secondarySuppression(c, rels.slice(1), []).inconsistentRelations).toBeUndefined();
  });

  it('rejects unknown primary ids', () => {
    expect(() => secondarySuppression([{ id: 'T', value: '1' }], [], ['x'])).toThrow(/Unbekannte Zelle/);
  });

  it('throws when protection is impossible (relations that force a value by themselves)', () => {
    // T = a + b and T = a imply b = 0 whatever is published.
    const c: SdcCell[] = [
      { id: 'T', value: '2' },
      { id: 'a', value: '2' },
      { id: 'b', value: '0' },
    ];
    const rels = [
      { total: 'T', parts: ['a', 'b'] },
      { total: 'T', parts: ['a'] },
    ];
    expect(() => secondarySuppression(c, rels, ['b'], { suppressZeros: true })).toThrow(/nicht herstellbar/);
  });

  it('is deterministic', () => {
    const spec = {
      areas: { S: ['D1', 'D2', 'D3'], D1: ['P1', 'P2'], D2: ['P3', 'P4', 'P5'], D3: ['P6', 'P7'] },
      dims: [
        { key: 'sex', values: ['m', 'w'], total: 'T' },
        { key: 'age', values: ['a', 'b', 'c'], total: 'T' },
      ],
    };
    for (const seed of [1, 2, 3]) {
      const { grid } = makeTable(spec, seed);
      const first = protectTable({ ...grid, options: { threshold: 5 } });
      const second = protectTable({ ...grid, options: { threshold: 5 } });
      expect(second.cells).toEqual(first.cells);
      expect([...second.result.secondary]).toEqual([...first.result.secondary]);
    }
  });
});
