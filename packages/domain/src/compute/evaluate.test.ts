import { describe, expect, it } from 'vitest';
import type { Flag, Period } from '../statistics/types';
import { computeIndicator, ComputeError, DefinitionError } from './index';
import type { Cell, ComputedDefinition } from './index';

const MAR16: Period = { type: 'date', date: '2016-03-01' };
const MAR15: Period = { type: 'date', date: '2015-03-01' };
const DEC15: Period = { type: 'date', date: '2015-12-31' };
const DEC14: Period = { type: 'date', date: '2014-12-31' };

function cell(areaCode: string, period: Period, dims: Record<string, string>, v: string): Cell {
  const flagged = ['-', '.', 'x', '/', '...'].includes(v);
  const [value, note] = v.split(' ');
  return flagged
    ? { areaCode, period, dims, value: null, flag: v as Flag }
    : { areaCode, period, dims, value: value!, flag: (note as Flag | undefined) ?? null };
}
const pick = (cells: Cell[]) =>
  cells.map((c) => [
    c.areaCode,
    c.period.date,
    c.dims,
    c.value ?? c.flag,
    ...(c.value !== null && c.flag ? [c.flag] : []),
  ]);

const rate: ComputedDefinition = {
  code: 'quote',
  name: { de: 'Quote' },
  unit: '%',
  decimals: 1,
  formula: 'kinder / bev * 100',
  inputs: {
    kinder: { indicator: 'k', dims: { art: 'insgesamt', alter: 'u3' } },
    bev: { indicator: 'b', dims: { alter: 'u3' }, period: 'previous-year-end' },
  },
};
const k = (area: string, v: string, period = MAR16, art = 'insgesamt', alter = 'u3') =>
  cell(area, period, { art, alter }, v);
const b = (area: string, v: string, period = DEC15, alter = 'u3') => cell(area, period, { alter }, v);

describe('computeIndicator: basics', () => {
  it('rate with the population of 31.12. of the previous year, rounded half-up once at the end', () => {
    const r = computeIndicator(rate, {
      kinder: [
        k('A', '1'),
        k('B', '2675', MAR16),
        k('C', '1'),
        k('A', '99', MAR16, 'tagespflege'), // other art: filtered out
        k('A', '77', MAR16, 'insgesamt', '3-6'), // other age: filtered out
      ],
      bev: [b('A', '8'), b('B', '1000'), b('C', '7'), b('A', '1', DEC14), b('A', '999', DEC15, '3-6')],
    });
    // 1/8*100 = 12.5 → 12.5; 2675/1000*100 = 267.5; 1/7*100 = 14.2857… → 14.3
    expect(pick(r.cells)).toEqual([
      ['A', '2016-03-01', {}, '12.5'],
      ['B', '2016-03-01', {}, '267.5'],
      ['C', '2016-03-01', {}, '14.3'],
    ]);
    expect(r.warnings).toEqual([]);
  });

  it('half-up on the exact quotient (float would round 2.675 down)', () => {
    const def = { ...rate, decimals: 2 };
    const r = computeIndicator(def, {
      kinder: [k('A', '2675'), k('B', '1')],
      bev: [b('A', '100000'), b('B', '8')],
    });
    expect(pick(r.cells)).toEqual([
      ['A', '2016-03-01', {}, '2.68'],
      ['B', '2016-03-01', {}, '12.50'],
    ]);
    const zero = computeIndicator({ ...rate, decimals: 0 }, { kinder: [k('A', '1')], bev: [b('A', '8')] });
    expect(zero.cells[0]?.value).toBe('13'); // 12.5 → 13, not 12 (banker's)
  });

  it('flags pass through the rules; an exact zero is "-" unless zeroAsDash is false', () => {
    const inputs = {
      kinder: [k('A', '.'), k('B', '-'), k('C', '5 p'), k('D', '0'), k('E', '5 r'), k('F', '3')],
      bev: [b('A', '100'), b('B', '-'), b('C', '50'), b('D', '40'), b('E', '50'), b('F', '-')],
    };
    expect(pick(computeIndicator(rate, inputs).cells)).toEqual([
      ['A', '2016-03-01', {}, '.'],
      ['B', '2016-03-01', {}, '-'],
      ['C', '2016-03-01', {}, '10.0', 'p'],
      ['D', '2016-03-01', {}, '-'],
      ['E', '2016-03-01', {}, '10.0'],
      ['F', '2016-03-01', {}, 'x'],
    ]);
    const keep = computeIndicator({ ...rate, zeroAsDash: false }, inputs).cells.find(
      (c) => c.areaCode === 'D',
    );
    expect([keep?.value, keep?.flag]).toEqual(['0.0', null]);
    // 0.04 % rounds to 0.0 but is more than nothing: stays a number
    const small = computeIndicator(rate, { kinder: [k('A', '1')], bev: [b('A', '2500')] }).cells[0];
    expect([small?.value, small?.flag]).toEqual(['0.0', null]);
  });

  it('periodType converts the output period', () => {
    const r = computeIndicator(
      { ...rate, periodType: 'year' },
      { kinder: [k('A', '1')], bev: [b('A', '8')] },
    );
    expect(r.cells[0]?.period).toEqual({ type: 'year', date: '2016-01-01' });
  });

  it('periodsFrom chooses the driving input', () => {
    const def: ComputedDefinition = {
      ...rate,
      formula: 'kinder / bev * 100',
      periodsFrom: 'bev',
      inputs: {
        kinder: {
          indicator: 'k',
          dims: { art: 'insgesamt', alter: 'u3' },
          period: { shift: { months: 2, years: 0 } },
        },
        bev: { indicator: 'b', dims: { alter: 'u3' } },
      },
    };
    // 31.12.2015 + 2 months = 29.02.2016 (clamped) – no such Stichtag; 31.12.2015 + 2 months ≠ 01.03.2016
    const r = computeIndicator(def, { kinder: [k('A', '1')], bev: [b('A', '8')] });
    expect(r.cells).toEqual([]);
    expect(r.warnings[0]).toBe(
      '31.12.2015: Der Eingang ‚kinder‘ (k) fehlt am 29.02.2016; 1 Gebiet wurde übersprungen.',
    );
  });
});

describe('computeIndicator: missing inputs are never silent zeros', () => {
  it('skips areas without every input and counts them per missing input', () => {
    const r = computeIndicator(rate, {
      kinder: [k('A', '1'), k('B', '2'), k('C', '3')],
      bev: [b('A', '10'), b('B', '20'), b('D', '40'), b('E', '50')],
    });
    expect(r.cells.map((c) => c.areaCode)).toEqual(['A', 'B']);
    expect(r.warnings).toEqual([
      '01.03.2016: Für 2 Gebiete fehlte der Eingang ‚kinder‘ (k) am 01.03.2016; übersprungen: D, E.',
      '01.03.2016: Für 1 Gebiet fehlte der Eingang ‚bev‘ (b) am 31.12.2015; übersprungen: C.',
    ]);
    expect(r.warningsEn?.[1]).toBe(
      "1 Mar 2016: 1 area(s) lacked the input 'bev' (b) on 31 Dec 2015; skipped: C.",
    );
    expect(r.skipped).toEqual([
      { period: MAR16, input: 'kinder', indicator: 'k', inputPeriod: MAR16, areaCodes: ['D', 'E'] },
      { period: MAR16, input: 'bev', indicator: 'b', inputPeriod: DEC15, areaCodes: ['C'] },
    ]);
  });

  it('skips a whole output period when the input period does not exist', () => {
    const r = computeIndicator(rate, {
      kinder: [k('A', '1', MAR15), k('B', '1', MAR15), k('A', '1', MAR16)],
      bev: [b('A', '10', DEC15)],
    });
    expect(pick(r.cells)).toEqual([['A', '2016-03-01', {}, '10.0']]);
    expect(r.warnings).toEqual([
      '01.03.2015: Der Eingang ‚bev‘ (b) fehlt am 31.12.2014 (bzw. 2014); 2 Gebiete wurden übersprungen.',
    ]);
    expect(r.skipped?.[0]).toEqual({
      period: MAR15,
      input: 'bev',
      indicator: 'b',
      inputPeriod: null,
      areaCodes: ['A', 'B'],
    });
  });

  it('a cell without value and without flag counts as missing', () => {
    const r = computeIndicator(rate, {
      kinder: [
        k('A', '1'),
        { areaCode: 'B', period: MAR16, dims: { art: 'insgesamt', alter: 'u3' }, value: null, flag: null },
      ],
      bev: [b('A', '10'), b('B', '10')],
    });
    expect(r.cells.map((c) => c.areaCode)).toEqual(['A']);
    expect(r.warnings[0]).toContain(
      'Für 1 Gebiet fehlte der Eingang ‚kinder‘ (k) am 01.03.2016 (davon 1 mit unvollständigen Werten oder ohne Wert); übersprungen: B.',
    );
  });

  it('an input without any cells gives a warning and no values', () => {
    const r = computeIndicator(rate, { kinder: [k('A', '1')], bev: [] });
    expect(r.cells).toEqual([]);
    expect(r.warnings).toEqual([
      'Für den Eingang ‚bev‘ (b) liegen keine Daten vor; ‚quote‘ wurde nicht berechnet.',
    ]);
  });

  it('lists at most maxListedAreas codes', () => {
    const kinder = ['A', 'B', 'C', 'D'].map((a) => k(a, '1'));
    const r2 = computeIndicator(rate, { kinder, bev: [b('Z', '1')] }, { maxListedAreas: 2 });
    expect(r2.warnings[1]).toContain('übersprungen: A, B … (+2).');
  });
});

const kk = (area: string, alter: string, v: string) => cell(area, MAR16, { alter }, v);
const bb = (area: string, v: string) => cell(area, MAR16, { alter: 'u3' }, v);

describe('computeIndicator: sums over dimension lists', () => {
  const def: ComputedDefinition = {
    code: 'u3_anteil',
    name: { de: 'Anteil' },
    unit: '%',
    decimals: 1,
    formula: 'kinder / bev * 100',
    inputs: {
      kinder: { indicator: 'k', dims: { alter: ['a0', 'a1', 'a2'] } },
      bev: { indicator: 'b', dims: { alter: 'u3' } },
    },
  };

  it('sums the listed values; "-" counts 0; a secret part makes the sum secret; an absent part skips', () => {
    const r = computeIndicator(def, {
      kinder: [
        kk('A', 'a0', '1'),
        kk('A', 'a1', '2'),
        kk('A', 'a2', '3'),
        kk('B', 'a0', '-'),
        kk('B', 'a1', '2'),
        kk('B', 'a2', '3'),
        kk('C', 'a0', '1'),
        kk('C', 'a1', '.'),
        kk('C', 'a2', '3'),
        kk('D', 'a0', '1'),
        kk('D', 'a1', '2'), // a2 absent
        kk('E', 'a0', '-'),
        kk('E', 'a1', '-'),
        kk('E', 'a2', '-'),
        kk('F', 'a0', '1 s'),
        kk('F', 'a1', '1 p'),
        kk('F', 'a2', '1 r'),
        kk('A', 'a3', '1000'), // not listed: ignored
      ],
      bev: ['A', 'B', 'C', 'D', 'E', 'F'].map((a) => bb(a, '40')),
    });
    expect(pick(r.cells)).toEqual([
      ['A', '2016-03-01', {}, '15.0'],
      ['B', '2016-03-01', {}, '12.5'],
      ['C', '2016-03-01', {}, '.'],
      ['E', '2016-03-01', {}, '-'],
      ['F', '2016-03-01', {}, '7.5', 's'],
    ]);
    expect(r.warnings).toEqual([
      '01.03.2016: Für 1 Gebiet fehlte der Eingang ‚kinder‘ (k) am 01.03.2016 (davon 1 mit unvollständigen Werten oder ohne Wert); übersprungen: D.',
    ]);
  });
});

const c = (area: string, dims: Record<string, string>, v: string) => cell(area, MAR16, dims, v);

describe('computeIndicator: free dimensions and joins', () => {
  const bySex: ComputedDefinition = {
    code: 'quote_nach_geschlecht',
    name: { de: 'Quote nach Geschlecht' },
    unit: '%',
    decimals: 1,
    formula: 'kinder / bev * 100',
    inputs: {
      kinder: { indicator: 'k', dims: { alter: 'u3' } },
      bev: { indicator: 'b', dims: { alter: 'u3' } },
    },
  };

  it('a rate by sex: the free dim is joined and carried by the output', () => {
    const r = computeIndicator(bySex, {
      kinder: [
        c('A', { alter: 'u3', geschlecht: 'm' }, '30'),
        c('A', { alter: 'u3', geschlecht: 'w' }, '20'),
      ],
      bev: [c('A', { alter: 'u3', geschlecht: 'w' }, '80'), c('A', { alter: 'u3', geschlecht: 'm' }, '100')],
    });
    expect(pick(r.cells)).toEqual([
      ['A', '2016-03-01', { geschlecht: 'm' }, '30.0'],
      ['A', '2016-03-01', { geschlecht: 'w' }, '25.0'],
    ]);
    expect(r.warnings).toEqual([]);
  });

  it('an input without the free dim broadcasts (share of each sex in the total)', () => {
    const def: ComputedDefinition = {
      ...bySex,
      inputs: {
        kinder: { indicator: 'k', dims: { alter: 'u3' } },
        bev: { indicator: 'b', dims: { alter: 'u3', geschlecht: 'insgesamt' } },
      },
    };
    const r = computeIndicator(def, {
      kinder: [
        c('A', { alter: 'u3', geschlecht: 'm' }, '30'),
        c('A', { alter: 'u3', geschlecht: 'w' }, '20'),
      ],
      bev: [
        c('A', { alter: 'u3', geschlecht: 'insgesamt' }, '50'),
        c('A', { alter: 'u3', geschlecht: 'm' }, '1'),
      ],
    });
    expect(pick(r.cells)).toEqual([
      ['A', '2016-03-01', { geschlecht: 'm' }, '60.0'],
      ['A', '2016-03-01', { geschlecht: 'w' }, '40.0'],
    ]);
  });

  it('different free dims form the cross product', () => {
    const r = computeIndicator(bySex, {
      kinder: [c('A', { alter: 'u3', geschlecht: 'm' }, '1'), c('A', { alter: 'u3', geschlecht: 'w' }, '2')],
      bev: [c('A', { alter: 'u3', nat: 'de' }, '10'), c('A', { alter: 'u3', nat: 'ausl' }, '4')],
    });
    expect(pick(r.cells)).toEqual([
      ['A', '2016-03-01', { geschlecht: 'm', nat: 'de' }, '10.0'],
      ['A', '2016-03-01', { geschlecht: 'm', nat: 'ausl' }, '25.0'],
      ['A', '2016-03-01', { geschlecht: 'w', nat: 'de' }, '20.0'],
      ['A', '2016-03-01', { geschlecht: 'w', nat: 'ausl' }, '50.0'],
    ]);
  });

  it('values without counterpart are reported, and a missing combination skips the area', () => {
    const r = computeIndicator(bySex, {
      kinder: [
        c('A', { alter: 'u3', geschlecht: 'm' }, '30'),
        c('A', { alter: 'u3', geschlecht: 'insgesamt' }, '50'),
        c('B', { alter: 'u3', geschlecht: 'm' }, '30'),
      ],
      bev: [c('A', { alter: 'u3', geschlecht: 'm' }, '100'), c('B', { alter: 'u3', geschlecht: 'w' }, '100')],
    });
    expect(pick(r.cells)).toEqual([['A', '2016-03-01', { geschlecht: 'm' }, '30.0']]);
    expect(r.warnings).toEqual([
      '01.03.2016: 1 Merkmalskombination(en) des Eingangs ‚kinder‘ haben in den anderen Eingängen kein Gegenstück und werden nicht berechnet (geschlecht=insgesamt).',
      '01.03.2016: 1 Merkmalskombination(en) des Eingangs ‚bev‘ haben in den anderen Eingängen kein Gegenstück und werden nicht berechnet (geschlecht=w).',
      '01.03.2016: Für 1 Gebiet fehlte der Eingang ‚bev‘ (b) am 01.03.2016; übersprungen: B.',
    ]);
  });
});

describe('computeIndicator: definition and data errors', () => {
  it('an invalid definition throws DefinitionError with the field', () => {
    expect(() => computeIndicator({ ...rate, formula: 'kinder / bevx' }, { kinder: [], bev: [] })).toThrow(
      DefinitionError,
    );
    try {
      computeIndicator({ ...rate, formula: 'kinder / bevx' }, { kinder: [], bev: [] });
    } catch (e) {
      expect((e as DefinitionError).issues[0]).toMatchObject({ path: 'formula', indicator: 'quote' });
      expect((e as Error).message).toContain('Unbekannter Eingang ‚bevx‘ – meinten Sie ‚bev‘?');
    }
  });

  it('an unknown dimension or value throws ComputeError naming both', () => {
    const wrongDim = {
      ...rate,
      inputs: { ...rate.inputs, bev: { indicator: 'b', dims: { altersgruppe: 'u3' } } },
    };
    expect(() => computeIndicator(wrongDim, { kinder: [k('A', '1')], bev: [b('A', '1')] })).toThrow(
      'Indikator ‚quote‘: Der Eingang ‚bev‘ (b) hat keine Dimension ‚altersgruppe‘ (vorhanden: alter)',
    );
    const wrongValue = {
      ...rate,
      inputs: { ...rate.inputs, bev: { indicator: 'b', dims: { alter: 'unter_3' } } },
    };
    expect(() => computeIndicator(wrongValue, { kinder: [k('A', '1')], bev: [b('A', '1')] })).toThrow(
      'Indikator ‚quote‘: Den Wert ‚unter_3‘ der Dimension ‚alter‘ gibt es im Eingang ‚bev‘ (b) nicht (vorhanden: u3)',
    );
  });

  it('duplicate cells and absent input lists throw', () => {
    expect(() => computeIndicator(rate, { kinder: [k('A', '1'), k('A', '2')], bev: [b('A', '1')] })).toThrow(
      ComputeError,
    );
    expect(() => computeIndicator(rate, { kinder: [k('A', '1')] })).toThrow(
      'Indikator ‚quote‘: Für den Eingang ‚bev‘ (b) wurden keine Zellen übergeben',
    );
  });

  it('two driving periods that fall into one output period throw', () => {
    const def = {
      ...rate,
      periodType: 'year' as const,
      inputs: { ...rate.inputs, bev: { ...rate.inputs.bev!, period: 'same-year' as const } },
    };
    const r = () =>
      computeIndicator(def, {
        kinder: [k('A', '1', MAR16), k('A', '1', { type: 'date', date: '2016-03-15' })],
        bev: [b('A', '1', { type: 'date', date: '2016-12-31' })],
      });
    expect(r).toThrow(/ergeben beide die Ausgabeperiode 2016/);
  });
});
