import { describe, expect, it } from 'vitest';
import { auditDisclosure, cellId } from './index';
import type { SdcCell, SdcRelation } from './index';
import { makeTable } from './testing/tables';

const range = (p: string, n: number) => Array.from({ length: n }, (_, i) => `${p}${i + 1}`);

const toCells = (values: Record<string, string | null>): SdcCell[] =>
  Object.entries(values).map(([id, value]) => ({ id, value }));

describe('auditDisclosure', () => {
  const rel: SdcRelation[] = [{ total: 'T', parts: ['a', 'b', 'c'] }];

  it('a single suppressed cell in a relation is derivable (linear and interval)', () => {
    const r = auditDisclosure(toCells({ T: '10', a: '2', b: '3', c: '5' }), rel, ['a']);
    expect(r).toEqual({
      derivable: ['a'],
      exposed: [],
      linear: ['a'],
      lp: ['a'],
      interval: ['a'],
      inconsistentRelations: [],
    });
  });

  it('two non-zero suppressed cells in the only relation are safe', () => {
    const r = auditDisclosure(toCells({ T: '10', a: '2', b: '3', c: '5' }), rel, ['a', 'b']);
    expect(r.derivable).toEqual([]);
    expect(r.exposed).toEqual([]);
  });

  it('zero trap: suppressed cells summing to a published 0 are pinned by non-negativity only', () => {
    const r = auditDisclosure(toCells({ T: '4', a: '0', b: '0', c: '4' }), rel, ['a', 'b']);
    expect(r.linear).toEqual([]);
    expect(r.lp).toEqual(['a', 'b']);
    expect(r.interval).toEqual(['a', 'b']);
    expect(r.derivable).toEqual(['a', 'b']);
  });

  it('exposed: a small cell whose only partner is a suppressed zero', () => {
    const c = toCells({ T: '7', a: '2', b: '0', c: '5' });
    // a + b = 2: a ∈ [0, 2] is not derivable, but knowing b = 0 gives a.
    expect(auditDisclosure(c, rel, ['a', 'b'])).toMatchObject({ derivable: [], exposed: ['a'] });
    // With an SdcResult only primary cells are sensitive.
    expect(auditDisclosure(c, rel, { primary: new Set(['a']), secondary: new Set(['b']) }).exposed).toEqual([
      'a',
    ]);
    expect(auditDisclosure(c, rel, { primary: new Set(['b']), secondary: new Set(['a']) }).exposed).toEqual(
      [],
    );
  });

  it('linear combination of two relations (flattened subtotal) that bounds on single relations miss', () => {
    // Ins = u6 + a6 + a15 + a18 + a65, U18 = u6 + a6 + a15 → a18 = (Ins − U18) − a65 = 42 − 40.
    const c = toCells({ Ins: '75', U18: '33', u6: '1', a6: '2', a15: '30', a18: '2', a65: '40' });
    const rels: SdcRelation[] = [
      { total: 'Ins', parts: ['u6', 'a6', 'a15', 'a18', 'a65'] },
      { total: 'U18', parts: ['u6', 'a6', 'a15'] },
    ];
    const r = auditDisclosure(c, rels, ['u6', 'a6', 'a18']);
    expect(r.linear).toEqual(['a18']);
    expect(r.lp).toEqual(['a18']);
    expect(r.interval).toEqual([]);
    expect(r.derivable).toEqual(['a18']);
  });

  it('interval reasoning through two relations that linear algebra misses', () => {
    // City 3 = D1 + D2, D1 = P1 (3, published) + P2  ⇒  D1 ≥ 3 and D1 ≤ 3: D1 = 3, D2 = 0, P2 = 0.
    const c = toCells({ City: '3', D1: '3', D2: '0', P1: '3', P2: '0' });
    const rels: SdcRelation[] = [
      { total: 'City', parts: ['D1', 'D2'] },
      { total: 'D1', parts: ['P1', 'P2'] },
    ];
    const r = auditDisclosure(c, rels, ['D1', 'D2', 'P2']);
    expect(r.linear).toEqual([]);
    expect(r.lp).toEqual(['D1', 'D2', 'P2']);
    expect(r.interval).toEqual(['D1', 'D2', 'P2']);
  });

  it('null cells are unknown to the public; they are checked unless protectFlagged is false', () => {
    const c = toCells({ T: '10', a: null, b: '3', c: '5' });
    expect(auditDisclosure(c, rel, []).derivable).toEqual(['a']);
    expect(auditDisclosure(c, rel, [], { protectFlagged: false }).derivable).toEqual([]);
    // A null cell protects a suppressed one (a + b = 5 with both unknown).
    expect(auditDisclosure(c, rel, ['b']).derivable).toEqual([]);
  });

  it('2-D table: an interior cell on a rectangle is safe, a bridge between two rectangles is not', () => {
    // 3×3 interior with row totals R0..R2 and column totals C0..C2.
    const ids: string[] = [];
    const v: Record<string, string> = {};
    const grid = [
      [5, 6, 7],
      [8, 9, 10],
      [11, 12, 13],
    ];
    const rels: SdcRelation[] = [];
    grid.forEach((row, i) =>
      row.forEach((x, j) => {
        v[`${i}${j}`] = String(x);
        ids.push(`${i}${j}`);
      }),
    );
    grid.forEach((row, i) => {
      v[`R${i}`] = String(row.reduce((s, x) => s + x, 0));
      rels.push({ total: `R${i}`, parts: [0, 1, 2].map((j) => `${i}${j}`) });
    });
    [0, 1, 2].forEach((j) => {
      v[`C${j}`] = String(grid.reduce((s, row) => s + row[j]!, 0));
      rels.push({ total: `C${j}`, parts: [0, 1, 2].map((i) => `${i}${j}`) });
    });
    const c = toCells(v);
    expect(auditDisclosure(c, rels, ['00', '01', '10', '11']).derivable).toEqual([]);
    // Rectangle plus 12 and 22: 22 is alone in row 2 (singleton), then 12 follows from column 2;
    // the rectangle cells stay on their cycle.
    expect(auditDisclosure(c, rels, ['00', '01', '10', '11', '12', '22']).derivable).toEqual(['12', '22']);
  });

  it('3-D table: a zero pinned by non-negativity through many relations – missed by bound propagation, found by the exact LP part', () => {
    // Pattern produced by an earlier version of the heuristic; the independent integer attacker of the
    // attack tests proved that (a1,b1,c2) = 0 has no other completion, even after scaling all values.
    const { grid, relations, truth } = makeTable(
      {
        areas: {},
        root: 'A',
        dims: [
          { key: 'a', values: range('a', 2), total: 'T' },
          { key: 'b', values: range('b', 3), total: 'T' },
          { key: 'c', values: range('c', 3), total: 'T' },
        ],
      },
      1007,
    );
    const hidden = [
      'a1 b1 c2',
      'a1 b1 c3',
      'a1 b1 T',
      'a1 b2 c1',
      'a1 b2 c2',
      'a1 b2 c3',
      'a1 b2 T',
      'a1 b3 c1',
      'a1 b3 c2',
      'a1 T c1',
      'a1 T c2',
      'a2 b1 c2',
      'a2 b1 c3',
      'a2 b1 T',
      'a2 b2 c1',
      'a2 b2 c2',
      'a2 b2 c3',
      'a2 b2 T',
      'a2 b3 c1',
      'a2 b3 c2',
      'a2 b3 c3',
      'a2 T c1',
      'a2 T c2',
      'T b2 c2',
      'T b2 c3',
      'T b3 c2',
      'T b3 c3',
    ].map((s) => {
      const [a, b, c] = s.split(' ') as [string, string, string];
      return cellId('A', { a, b, c });
    });
    const z = cellId('A', { a: 'a1', b: 'b1', c: 'c2' });
    expect(truth.get(z)).toBe(0);
    const cells = grid.cells.map((g) => ({ id: cellId(g.areaId, g.dims), value: g.value }));
    const r = auditDisclosure(cells, relations, hidden);
    expect(r.linear).toEqual([]);
    expect(r.interval).toEqual([]);
    expect(r.lp).toContain(z);
    expect(r.derivable).toContain(z);
  });
});
