import { describe, expect, it } from 'vitest';
import { cellId, primarySuppression, protectTable, secondarySuppression } from './index';
import type { SdcCell, SdcGrid, SdcRelation } from './index';
import { intruderVerdict, trueRelations, type IntruderRelation } from './testing/intruder';

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
const ids = (t: Awaited<ReturnType<typeof protectTable>>, kind: 'primary' | 'secondary') =>
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

/** Protects a grid and asks the independent intruder (relations as they truly hold). */
async function protectAndAttack(grid: SdcGrid, threshold: number) {
  const t = await protectTable({ ...grid, options: { threshold } });
  const truth = new Map(
    t.cells.map((c, i) => [c.id, grid.cells[i]!.value === null ? null : Number(grid.cells[i]!.value)]),
  );
  const verdict = await intruderVerdict({
    truth,
    withheld: new Set(t.cells.filter((c) => c.suppressed).map((c) => c.id)),
    primary: t.result.primary,
    relations: trueRelations(truth, t.relations),
    threshold,
  });
  return { t, verdict };
}

describe('secondary suppression with protection ranges', () => {
  it('1-D: one small part → the cheapest other part is withheld; the intruder cannot narrow it below [1, 3]', async () => {
    const { t, verdict } = await protectAndAttack(oneDim({ a: 2, b: 8, c: 10, T: 20 }), 3);
    expect(ids(t, 'primary')).toEqual([x('a')]);
    expect(ids(t, 'secondary')).toEqual([x('b')]);
    expect(t.cells.map((c) => c.value)).toEqual([null, null, '10', '20']);
    // a + b = 10, both ≥ 1: a ∈ [1, 9].
    expect(verdict.intervals.get(x('a'))).toEqual({ lo: 1, hi: 9 });
    expect(verdict.exact).toEqual([]);
    expect(verdict.insufficient).toEqual([]);
  });

  it('zeros stay published and never serve as partners (the public knows withheld cells are ≥ 1)', async () => {
    const { t, verdict } = await protectAndAttack(oneDim({ a: 2, z: 0, c: 10, T: 12 }), 3);
    expect(ids(t, 'secondary')).toEqual([x('c')]);
    expect(t.cells.find((c) => c.id === x('z'))!.value).toBe('0');
    expect(verdict.insufficient).toEqual([]);
  });

  it('two small parts of a relation still need a third cell: the public knows each is ≥ 1', async () => {
    // Without the third cell: a + b = 3 and a, b ≥ 1 → each in [1, 2], never 3.
    const { t, verdict } = await protectAndAttack(oneDim({ a: 1, b: 2, c: 40, T: 43 }), 3);
    expect(ids(t, 'primary')).toEqual([x('a'), x('b')]);
    expect(ids(t, 'secondary')).toEqual([x('c')]);
    expect(verdict.insufficient).toEqual([]);
  });

  it('2-D with margins: one small interior cell needs the cheapest rectangle', async () => {
    const { t, verdict } = await protectAndAttack(
      matrix([
        [2, 30, 40],
        [20, 5, 60],
        [25, 70, 9],
      ]),
      3,
    );
    expect(ids(t, 'primary')).toEqual([rc(1, 1)]);
    expect(ids(t, 'secondary').toSorted()).toEqual([rc(1, 2), rc(2, 1), rc(2, 2)].toSorted());
    expect(verdict.exact).toEqual([]);
    expect(verdict.insufficient).toEqual([]);
  });

  it('a total without double counting (Insgesamt ≠ Kita + Tagespflege) protects with inequalities', async () => {
    // Two areas; in A the total is not the sum (overlap 1), in B it is: B gets the equation.
    const grid: SdcGrid = {
      cells: [
        { areaId: 'A', dims: { art: 'kita' }, value: '40' },
        { areaId: 'A', dims: { art: 'pflege' }, value: '2' },
        { areaId: 'A', dims: { art: 'T' }, value: '41' },
        { areaId: 'B', dims: { art: 'kita' }, value: '30' },
        { areaId: 'B', dims: { art: 'pflege' }, value: '2' },
        { areaId: 'B', dims: { art: 'T' }, value: '32' },
      ],
      areaChildren: {},
      dimensions: [{ key: 'art', total: 'T' }],
    };
    const { t, verdict } = await protectAndAttack(grid, 3);
    // A: pflege ≥ T − kita = 1 and pflege ≤ T: with everything else published, pflege ∈ [1, 41].
    expect(ids(t, 'secondary')).toEqual([cellId('B', { art: 'kita' })]);
    expect(verdict.intervals.get(cellId('A', { art: 'pflege' }))).toEqual({ lo: 1, hi: 41 });
    expect(verdict.insufficient).toEqual([]);
    expect(verdict.exact).toEqual([]);
  });

  it('negative official counts, fractions and huge values pass through without error', async () => {
    const grid = oneDim({ a: 2, neg: -56, f: null, big: null, c: 100, T: 0 });
    grid.cells.find((c) => c.dims.x === 'f')!.value = '2.5';
    grid.cells.find((c) => c.dims.x === 'big')!.value = '9'.repeat(30);
    // T = 2 − 56 + 2.5 + (10^30 − 1) + 100, exactly.
    grid.cells.find((c) => c.dims.x === 'T')!.value = `1${'0'.repeat(28)}47.5`;
    const t = await protectTable({ ...grid, options: { threshold: 3 } });
    expect(ids(t, 'primary')).toEqual([x('a')]);
    // Only whole counts ≥ 1 can be withheld: the negative and the fraction stay published.
    expect(ids(t, 'secondary')).not.toContain(x('neg'));
    expect(ids(t, 'secondary')).not.toContain(x('f'));
    expect(ids(t, 'secondary')).toEqual([x('c')]);
  });

  it('flagged cells are free protection', async () => {
    const t = await protectTable({ ...oneDim({ a: 2, b: null, c: 10, T: 20 }), options: { threshold: 3 } });
    expect(ids(t, 'secondary')).toEqual([]);
  });

  it('a flagged cell must not become derivable, unless protectFlagged is false', async () => {
    const cells: SdcCell[] = [
      { id: 'a', value: null },
      { id: 'b', value: '5' },
      { id: 'T', value: '10' },
    ];
    const rels: SdcRelation[] = [{ total: 'T', parts: ['a', 'b'] }];
    expect((await secondarySuppression(cells, rels, [])).secondary.size).toBe(1);
    expect((await secondarySuppression(cells, rels, [], { protectFlagged: false })).secondary.size).toBe(0);
  });

  it('a total of withheld parts is protected up to where the structure allows (1 + 1 is at least 2)', async () => {
    const { t, verdict } = await protectAndAttack(oneDim({ a: 1, b: 1, T: 2 }), 3);
    expect(t.result.unprotectable).toBeUndefined();
    // T = a + b ≥ 2 whatever is published; the upper end still reaches the threshold.
    expect(verdict.insufficient).toEqual([]);
    expect(verdict.intervals.get(x('T'))!.hi).toBe(Infinity);
  });

  it('rejects unknown primary ids and primary cells that are not counts ≥ 1', async () => {
    const cells: SdcCell[] = [
      { id: 'a', value: '0' },
      { id: 'b', value: '2' },
    ];
    await expect(secondarySuppression(cells, [], ['x'])).rejects.toThrow(/Unbekannte Zelle x/);
    await expect(secondarySuppression(cells, [], ['a'])).rejects.toThrow(/ganze Zahlen ≥ 1/);
  });

  it('is deterministic', async () => {
    const grid = matrix([
      [2, 30, 40, 1],
      [20, 5, 60, 2],
      [25, 70, 9, 11],
    ]);
    const a = await protectTable({ ...grid, options: { threshold: 5 } });
    const b = await protectTable({ ...grid, options: { threshold: 5 } });
    expect(ids(a, 'secondary')).toEqual(ids(b, 'secondary'));
    expect([
      ...primarySuppression(a.cells.map((c, i) => ({ id: c.id, value: grid.cells[i]!.value }))),
    ]).toEqual(ids(a, 'primary'));
  });
});

describe('the intruder of the tests', () => {
  it('finds what an unprotected publication leaks (so the checks above can fail)', async () => {
    // Publish everything but the small cell: a = T − b − c exactly.
    const truth = new Map<string, number | null>([
      ['a', 2],
      ['b', 8],
      ['c', 10],
      ['T', 20],
    ]);
    const relations: IntruderRelation[] = [
      {
        terms: [
          ['T', 1],
          ['a', -1],
          ['b', -1],
          ['c', -1],
        ],
        op: '=',
      },
    ];
    const v = await intruderVerdict({
      truth,
      withheld: new Set(['a']),
      primary: new Set(['a']),
      relations,
      threshold: 3,
    });
    expect(v.exact).toEqual(['a']);
    expect(v.insufficient).toEqual(['a']);
    // With b withheld too but known ≥ 1 the pair a + b = 10 leaves a ∈ [1, 9].
    const w = await intruderVerdict({
      truth,
      withheld: new Set(['a', 'b']),
      primary: new Set(['a']),
      relations,
      threshold: 3,
    });
    expect(w.exact).toEqual([]);
    expect(w.insufficient).toEqual([]);
  });
});
