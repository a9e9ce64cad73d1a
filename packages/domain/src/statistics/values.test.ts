import { describe, expect, it } from 'vitest';
import { FLAG_MEANINGS, ImportFileError, NOTE_FLAGS, VALUE_FLAGS } from './types';
import { parseDecimal, parseFlagCell, toDecimalString } from './values';

const ctx = { file: 'tab.csv', line: 12, column: 5, field: 'Betreute Kinder / unter 3 Jahre' };
const p = (cell: string, opts = {}) => parseDecimal(cell, ctx, opts);

function error(fn: () => unknown): ImportFileError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ImportFileError);
    return e as ImportFileError;
  }
  throw new Error('expected ImportFileError');
}

describe('parseDecimal (GENESIS: decimal comma, no thousands separator)', () => {
  it.each([
    ['13,5', '13.5'],
    ['357385,71', '357385.71'],
    ['0,5', '0.5'],
    ['1234', '1234'],
    ['0', '0'],
    ['5,0', '5.0'],
    ['007', '7'],
    [' 42 ', '42'],
  ])('%s → %s', (cell, value) => {
    expect(p(cell)).toEqual({ value, flag: null });
  });

  it.each([
    ['-2', '-2'],
    ['-14,6', '-14.6'],
    ['-0,0', '0.0'],
  ])('leading minus is a negative number: %s → %s', (cell, value) => {
    expect(p(cell)).toEqual({ value, flag: null });
  });

  it.each(['-', '.', 'x', '/', '...'])('value-replacing sign %s → value null, never 0', (sign) => {
    const r = p(sign);
    expect(r.value).toBeNull();
    expect(r.flag).toBe(sign);
    expect(r.value).not.toBe('0');
  });

  it('covers every value-replacing sign of types.ts', () => {
    for (const f of VALUE_FLAGS) expect(p(f)).toEqual({ value: null, flag: f });
  });

  it('(12,3) → 12.3 with flag ()', () => {
    expect(p('(12,3)')).toEqual({ value: '12.3', flag: '()' });
    expect(p('(-4)')).toEqual({ value: '-4', flag: '()' });
  });

  it.each([
    ['12,3p', '12.3', 'p'],
    ['12,3 p', '12.3', 'p'],
    ['7r', '7', 'r'],
    ['7 r', '7', 'r'],
    ['1,5s', '1.5', 's'],
    ['-3 s', '-3', 's'],
  ])('%s → %s with flag %s', (cell, value, flag) => {
    expect(p(cell)).toEqual({ value, flag });
  });

  it('every note flag of types.ts has a meaning and is produced', () => {
    const produced = new Set([p('(1)').flag, p('1p').flag, p('1r').flag, p('1s').flag]);
    expect([...produced].toSorted()).toEqual([...NOTE_FLAGS].toSorted());
    for (const f of [...VALUE_FLAGS, ...NOTE_FLAGS]) expect(FLAG_MEANINGS[f].de).toBeTruthy();
  });

  it('empty cell → no value, no flag', () => {
    expect(p('  ')).toEqual({ value: null, flag: null });
  });

  it.each(['abc', 'k.A.', '1.234', '12.5', '1 234', '12,3q', '(x)', '--', '12,3pp'])(
    'unknown text %s is refused with file, line, column and field',
    (cell) => {
      const e = error(() => p(cell));
      expect(e.code).toBe('invalid_value');
      expect(e.file).toBe('tab.csv');
      expect(e.line).toBe(12);
      expect(e.column).toBe(5);
      expect(e.field).toBe('Betreute Kinder / unter 3 Jahre');
      expect(e.message).toContain('Zeile 12, Spalte 5, Feld „Betreute Kinder / unter 3 Jahre“');
    },
  );

  it('never converts to float (exact digits kept)', () => {
    expect(p('0,1000000000000000055511151231257827').value).toBe('0.1000000000000000055511151231257827');
    expect(p('123456789012345678901234567890').value).toBe('123456789012345678901234567890');
  });
});

describe('parseDecimal (tidy tables: thousands separators, point or comma)', () => {
  const de = { decimal: 'comma' as const, thousands: true };
  const en = { decimal: 'point' as const, thousands: true };
  it.each([
    ['1.234,5', '1234.5'],
    ['1.234.567', '1234567'],
    [' 1 675    ', '1675'],
    ['26 493', '26493'],
    ['-  23', '-23'],
    ['−5,5', '-5.5'],
    ['(1.234,5)', '1234.5'],
  ])('German: %s → %s', (cell, value) => {
    expect(parseDecimal(cell, ctx, de).value).toBe(value);
  });

  it.each([
    ['1,234.5', '1234.5'],
    ['3.1415', '3.1415'],
    ['1.5E3', '1500'],
    ['2e-3', '0.002'],
  ])('English: %s → %s', (cell, value) => {
    expect(parseDecimal(cell, ctx, en).value).toBe(value);
  });

  it('refuses the other notation', () => {
    expect(error(() => parseDecimal('12,5', ctx, en)).code).toBe('invalid_value');
    expect(error(() => parseDecimal('1.5', ctx, de)).code).toBe('invalid_value');
  });

  it('toDecimalString returns null for non-numbers', () => {
    expect(toDecimalString('x')).toBeNull();
    expect(toDecimalString('')).toBeNull();
    expect(toDecimalString('+')).toBeNull();
  });
});

describe('parseFlagCell', () => {
  it('e (endgültig) and empty are no flag', () => {
    expect(parseFlagCell('e', ctx)).toBeNull();
    expect(parseFlagCell('', ctx)).toBeNull();
  });
  it.each(['-', '.', 'x', '/', '...', '()', 'p', 'r', 's'])('%s', (s) => {
    expect(parseFlagCell(s, ctx)).toBe(s);
  });
  it('refuses unknown signs', () => {
    const e = error(() => parseFlagCell('q', { ...ctx, field: 'value_q' }));
    expect(e.code).toBe('invalid_flag');
    expect(e.field).toBe('value_q');
  });
});

describe('parseDecimal: plain numbers', () => {
  it('gives for plain numbers what the general way gives (both separators, with and without thousands)', () => {
    const cells: string[] = [
      '0',
      '00',
      '0,0',
      '0.0',
      '007',
      '10',
      '1,5',
      '1.5',
      '0,25',
      '12345,60',
      '1.234',
      '1,234',
    ];
    for (let i = 0; i < 2000; i++) {
      const int = String(Math.floor((i * 7919) % 100_003) * (i % 5 === 0 ? 1000 : 1));
      cells.push(int, `${int},${i % 97}`, `${int}.${String(i % 13).padStart(2, '0')}`, `0${int}`);
    }
    for (const decimal of ['comma', 'point'] as const) {
      for (const thousands of [false, true]) {
        for (const cell of cells) {
          const general = toDecimalString(cell, { decimal, thousands });
          let got: unknown;
          try {
            got = parseDecimal(cell, ctx, { decimal, thousands }).value;
          } catch {
            got = null;
          }
          expect(got, `${cell} ${decimal} ${thousands}`).toBe(general);
        }
      }
    }
  });
});
