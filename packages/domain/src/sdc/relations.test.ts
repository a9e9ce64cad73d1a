import { describe, expect, it } from 'vitest';
import { buildRelations, cellId, gridCells } from './index';
import type { SdcGrid, SdcRelation } from './index';

const keys = (rels: readonly SdcRelation[]) => rels.map((r) => `${r.total}=${r.parts.join('+')}`);

describe('cellId', () => {
  it('sorts dimensions by key and escapes separators', () => {
    expect(cellId('01', { sex: 'w', age: 'u6' })).toBe('01|age=u6;sex=w');
    expect(cellId('01')).toBe('01|');
    expect(cellId('a|b', { 'k=1': 'x;y%' })).toBe('a%7cb|k%3d1=x%3by%25');
    // Escaping keeps ids distinct that would otherwise collide.
    expect(cellId('a', { b: 'c;d=e' })).not.toBe(cellId('a', { b: 'c', d: 'e' }));
  });
});

describe('buildRelations', () => {
  it('area hierarchy × dimension with total (hand-listed expectation)', () => {
    const cells = ['S', 'D1', 'D2', 'P1', 'P2'].flatMap((a) =>
      ['m', 'w', 'T'].map((s) => ({ areaId: a, dims: { sex: s }, value: '1' })),
    );
    const grid: SdcGrid = {
      cells,
      areaChildren: { S: ['D1', 'D2'], D1: ['P1', 'P2'] },
      dimensions: [{ key: 'sex', total: 'T' }],
    };
    expect(keys(buildRelations(grid))).toEqual([
      'S|sex=m=D1|sex=m+D2|sex=m',
      'S|sex=w=D1|sex=w+D2|sex=w',
      'S|sex=T=D1|sex=T+D2|sex=T',
      'D1|sex=m=P1|sex=m+P2|sex=m',
      'D1|sex=w=P1|sex=w+P2|sex=w',
      'D1|sex=T=P1|sex=T+P2|sex=T',
      'S|sex=T=S|sex=m+S|sex=w',
      'D1|sex=T=D1|sex=m+D1|sex=w',
      'D2|sex=T=D2|sex=m+D2|sex=w',
      'P1|sex=T=P1|sex=m+P1|sex=w',
      'P2|sex=T=P2|sex=m+P2|sex=w',
    ]);
  });

  it('2-D table with margins: one relation per row and per column, including the margins', () => {
    const cells = ['r1', 'r2', 'T'].flatMap((r) =>
      ['c1', 'c2', 'T'].map((c) => ({ areaId: 'A', dims: { row: r, col: c }, value: '1' })),
    );
    const rels = buildRelations({
      cells,
      areaChildren: {},
      dimensions: [
        { key: 'row', total: 'T' },
        { key: 'col', total: 'T' },
      ],
    });
    expect(keys(rels)).toEqual([
      'A|col=c1;row=T=A|col=c1;row=r1+A|col=c1;row=r2',
      'A|col=c2;row=T=A|col=c2;row=r1+A|col=c2;row=r2',
      'A|col=T;row=T=A|col=T;row=r1+A|col=T;row=r2',
      'A|col=T;row=r1=A|col=c1;row=r1+A|col=c2;row=r1',
      'A|col=T;row=r2=A|col=c1;row=r2+A|col=c2;row=r2',
      'A|col=T;row=T=A|col=c1;row=T+A|col=c2;row=T',
    ]);
  });

  it('nested subtotals: the total sums the top level, a subtotal its members', () => {
    const cells = ['T', 'u18', 'u6', 'a6', 'a18', 'a65'].map((v) => ({
      areaId: 'A',
      dims: { age: v },
      value: '1',
    }));
    const rels = buildRelations({
      cells,
      areaChildren: {},
      dimensions: [{ key: 'age', total: 'T', subtotals: { u18: ['u6', 'a6'] } }],
    });
    expect(keys(rels)).toEqual(['A|age=T=A|age=u18+A|age=a18+A|age=a65', 'A|age=u18=A|age=u6+A|age=a6']);
  });

  it('missing part cells are an error; a missing total only drops the relation', () => {
    const base = { areaChildren: { S: ['P1', 'P2'] }, dimensions: [] };
    expect(() =>
      buildRelations({
        ...base,
        cells: [
          { areaId: 'S', dims: {}, value: '3' },
          { areaId: 'P1', dims: {}, value: '3' },
        ],
      }),
    ).toThrow(/P2\|.*fehlt/);
    expect(
      buildRelations({
        ...base,
        cells: [
          { areaId: 'P1', dims: {}, value: '3' },
          { areaId: 'P2', dims: {}, value: '3' },
        ],
      }),
    ).toEqual([]);
  });

  it('rejects duplicate cells and cells with other dimensions', () => {
    const dims = [{ key: 'sex', total: 'T' }];
    expect(() =>
      gridCells({
        areaChildren: {},
        dimensions: dims,
        cells: [
          { areaId: 'A', dims: { sex: 'm' }, value: '1' },
          { areaId: 'A', dims: { sex: 'm' }, value: '2' },
        ],
      }),
    ).toThrow(/doppelt/);
    expect(() =>
      gridCells({
        areaChildren: {},
        dimensions: dims,
        cells: [{ areaId: 'A', dims: { age: 'x' }, value: '1' }],
      }),
    ).toThrow(/Dimensionen/);
  });

  it('accepts the area map as a Map', () => {
    const rels = buildRelations({
      cells: ['S', 'a', 'b'].map((a) => ({ areaId: a, dims: {}, value: '1' })),
      areaChildren: new Map([['S', ['a', 'b']]]),
      dimensions: [],
    });
    expect(keys(rels)).toEqual(['S|=a|+b|']);
  });
});
