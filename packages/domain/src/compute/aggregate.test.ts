import { describe, expect, it } from 'vitest';
import type { Flag, Period } from '../statistics/types';
import { aggregateComputed, aggregateToParent, isAdditive } from './index';
import type { Cell, ComputedDefinition } from './index';

const Y16: Period = { type: 'year', date: '2016-01-01' };
const Y15: Period = { type: 'year', date: '2015-01-01' };
const DEC15: Period = { type: 'date', date: '2015-12-31' };
const MAR16: Period = { type: 'date', date: '2016-03-01' };

function cell(areaCode: string, v: string, period: Period = Y16, dims: Record<string, string> = {}): Cell {
  if (['-', '.', 'x', '/', '...'].includes(v))
    return { areaCode, period, dims, value: null, flag: v as Flag };
  const [value, note] = v.split(' ');
  return { areaCode, period, dims, value: value!, flag: (note as Flag | undefined) ?? null };
}
const show = (cells: Cell[]) =>
  cells.map((c) => [
    c.areaCode,
    c.period.date,
    c.dims,
    c.value ?? c.flag,
    ...(c.value !== null && c.flag ? [c.flag] : []),
  ]);

describe("aggregateToParent('sum')", () => {
  it('sums per period and dims; "-" counts 0; notes pass on, r does not', () => {
    const r = aggregateToParent(
      [
        cell('A', '10'),
        cell('B', '-'),
        cell('C', '5 p'),
        cell('A', '1', Y15),
        cell('B', '2 r', Y15),
        cell('C', '3', Y15),
        cell('A', '0.25', Y16, { g: 'w' }),
        cell('B', '0.5', Y16, { g: 'w' }),
        cell('C', '1', Y16, { g: 'w' }),
        cell('Z', '1000'), // not a child
      ],
      'sum',
      { parentCode: 'P', childCodes: ['A', 'B', 'C'] },
    );
    expect(show(r.cells)).toEqual([
      ['P', '2016-01-01', {}, '15', 'p'],
      ['P', '2015-01-01', {}, '6'],
      ['P', '2016-01-01', { g: 'w' }, '1.75'],
    ]);
    expect(r.warnings).toEqual([]);
  });

  it('a secret child makes the sum secret; all "-" give "-"', () => {
    const r = aggregateToParent(
      [
        cell('A', '10'),
        cell('B', '.'),
        cell('A', '-', Y15),
        cell('B', '-', Y15),
        cell('A', 'x', MAR16),
        cell('B', '/', MAR16),
      ],
      'sum',
      { parentCode: 'P' },
    );
    expect(show(r.cells)).toEqual([
      ['P', '2016-01-01', {}, '.'],
      ['P', '2015-01-01', {}, '-'],
      ['P', '2016-03-01', {}, '/'],
    ]);
  });

  it('a missing child skips the parent cell with a warning (no partial sum)', () => {
    const r = aggregateToParent([cell('A', '10'), cell('B', '5')], 'sum', {
      parentCode: 'P',
      childCodes: ['A', 'B', 'C'],
    });
    expect(r.cells).toEqual([]);
    expect(r.warnings).toEqual([
      'Summe, 2016: Für 1 von 3 Teilgebieten von ‚P‘ fehlt ein Wert (C); kein Wert für ‚P‘.',
    ]);
  });

  it('rounds when asked', () => {
    const r = aggregateToParent([cell('A', '0.125'), cell('B', '1')], 'sum', {
      parentCode: 'P',
      decimals: 2,
    });
    expect(r.cells[0]?.value).toBe('1.13');
  });

  it('duplicate child cells throw', () => {
    expect(() => aggregateToParent([cell('A', '1'), cell('A', '2')], 'sum', { parentCode: 'P' })).toThrow(
      /zwei Zellen/,
    );
  });
});

describe('aggregateToParent({ ratio })', () => {
  it('recomputes the rate from summed numerator and denominator (not the mean of the rates)', () => {
    // A: 1/4 = 25 %, B: 6/20 = 30 % → mean 27.5 %, but (1+6)/(4+20) = 29.1666… % → 29.2
    const r = aggregateToParent(
      { kinder: [cell('A', '1'), cell('B', '6')], bev: [cell('A', '4'), cell('B', '20')] },
      { ratio: { numerator: 'kinder', denominator: 'bev', factor: '100' } },
      { parentCode: 'P', decimals: 1 },
    );
    expect(show(r.cells)).toEqual([['P', '2016-01-01', {}, '29.2']]);
  });

  it('with a denominator period rule and flags', () => {
    const r = aggregateToParent(
      {
        kinder: [cell('A', '1', MAR16), cell('B', '7', MAR16)],
        bev: [cell('A', '4', DEC15), cell('B', '12', DEC15)],
      },
      { ratio: { numerator: 'kinder', denominator: 'bev', denominatorPeriod: 'previous-year-end' } },
      { parentCode: 'P', decimals: 3 },
    );
    expect(show(r.cells)).toEqual([['P', '2016-03-01', {}, '0.500']]);
    const secret = aggregateToParent(
      { kinder: [cell('A', '1'), cell('B', '.')], bev: [cell('A', '4'), cell('B', '12')] },
      { ratio: { numerator: 'kinder', denominator: 'bev' } },
      { parentCode: 'P', decimals: 1 },
    );
    expect(show(secret.cells)).toEqual([['P', '2016-01-01', {}, '.']]);
  });

  it('a child missing in the denominator skips the parent', () => {
    const r = aggregateToParent(
      { kinder: [cell('A', '1'), cell('B', '6')], bev: [cell('A', '4')] },
      { ratio: { numerator: 'kinder', denominator: 'bev', factor: '100' } },
      { parentCode: 'P', decimals: 1 },
    );
    expect(r.cells).toEqual([]);
    expect(r.warnings[0]).toBe(
      '‚bev‘, 2016: Für 1 von 2 Teilgebieten von ‚P‘ fehlt ein Wert (B); kein Wert für ‚P‘.',
    );
  });
});

describe('aggregateComputed', () => {
  it('sums every input over the children after its dimension filter, then evaluates the definition', () => {
    const def: ComputedDefinition = {
      code: 'quote',
      name: { de: 'Quote' },
      unit: '%',
      decimals: 1,
      formula: 'kinder / bev * 100',
      inputs: {
        kinder: { indicator: 'k', dims: { alter: 'u3' } },
        bev: { indicator: 'b', dims: { alter: ['a0', 'a1', 'a2'] }, period: 'previous-year-end' },
      },
    };
    const r = aggregateComputed(
      def,
      {
        kinder: [
          cell('A', '1', MAR16, { alter: 'u3' }),
          cell('B', '6', MAR16, { alter: 'u3' }),
          cell('B', '.', MAR16, { alter: '3-6' }), // other age: must not make the result secret
        ],
        bev: [
          cell('A', '1', DEC15, { alter: 'a0' }),
          cell('A', '1', DEC15, { alter: 'a1' }),
          cell('A', '2', DEC15, { alter: 'a2' }),
          cell('B', '5', DEC15, { alter: 'a0' }),
          cell('B', '-', DEC15, { alter: 'a1' }),
          cell('B', '15', DEC15, { alter: 'a2' }),
        ],
      },
      { parentCode: 'P' },
    );
    // (1 + 6) / (4 + 20) * 100 = 29.1666… → 29.2
    expect(show(r.cells)).toEqual([['P', '2016-03-01', {}, '29.2']]);
    expect(r.warnings).toEqual([]);
  });
});

const def = (formula: string, unit: string): ComputedDefinition => ({
  code: 'd',
  name: { de: 'd' },
  unit,
  decimals: 0,
  formula,
  inputs: { a: { indicator: 'a' }, b: { indicator: 'b' } },
});

describe('isAdditive', () => {
  it.each([
    [{ unit: 'Anzahl' }, true],
    [{ unit: 'EUR' }, true],
    [{ unit: 'qkm' }, true],
    [{ unit: '%' }, false],
    [{ unit: 'Prozent' }, false],
    [{ unit: 'je 1000 Einwohner' }, false],
    [{ unit: 'Punkte' }, false],
    [{ unit: null }, false],
    [{ unit: 'Anzahl', additive: false }, false],
    [{ unit: '%', meta: { additive: true } }, true],
    [def('a + b', 'Anzahl'), true],
    [def('a - 2 * b', 'Anzahl'), true],
    [def('(a + b) / 2', 'Anzahl'), true],
    [def('a / b * 100', '%'), false],
    [def('a / b', 'Anzahl'), false],
    [def('a * b', 'Anzahl'), false],
    [def('a + b', '%'), false],
  ] as Array<[Parameters<typeof isAdditive>[0], boolean]>)('%j → %s', (x, expected) => {
    expect(isAdditive(x)).toBe(expected);
  });
});
