import { describe, expect, it } from 'vitest';
import { formatCell, formatEnglish, formatGerman, roundHalfUp } from './index';

describe('roundHalfUp (kaufmännisch, on the exact decimal value)', () => {
  // [value, decimals, expected] – expected values written by hand.
  const table: Array<[string, number, string]> = [
    ['2.25', 1, '2.3'],
    ['-2.25', 1, '-2.3'],
    ['0.05', 1, '0.1'],
    ['-0.05', 1, '-0.1'],
    // binary-float traps: Number(x).toFixed(2) gives 1.00, 0.28, 2.67, 35.85, 8.34, 1.4
    ['1.005', 2, '1.01'],
    ['0.285', 2, '0.29'],
    ['2.675', 2, '2.68'],
    ['35.855', 2, '35.86'],
    ['8.345', 2, '8.35'],
    ['1.45', 1, '1.5'],
    ['-1.005', 2, '-1.01'],
    ['-2.675', 2, '-2.68'],
    // half away from zero, not to even
    ['0.5', 0, '1'],
    ['1.5', 0, '2'],
    ['2.5', 0, '3'],
    ['-0.5', 0, '-1'],
    ['-2.5', 0, '-3'],
    // just below / above the half
    ['1.0049999999999999999', 2, '1.00'],
    ['1.00500000000000000001', 2, '1.01'],
    ['-1.0049999999999999999', 2, '-1.00'],
    // no negative zero
    ['-0.04', 1, '0.0'],
    ['-0.0', 2, '0.00'],
    // padding
    ['12', 1, '12.0'],
    ['0', 2, '0.00'],
    ['7.1', 3, '7.100'],
    // large numbers beyond float precision
    ['123456789012345678901234567890.125', 2, '123456789012345678901234567890.13'],
    ['9999999999999999.95', 1, '10000000000000000.0'],
    ['-9007199254740993.5', 0, '-9007199254740994'],
    ['99.95', 1, '100.0'],
    // carry through many nines
    ['0.9999995', 6, '1.000000'],
  ];
  it.each(table)('%s at %i decimals → %s', (value, decimals, expected) => {
    expect(roundHalfUp(value, decimals)).toBe(expected);
  });

  it('refuses non-decimals and bad decimals with a German message', () => {
    expect(() => roundHalfUp('1,5', 1)).toThrow(/Keine Dezimalzahl: „1,5“/);
    expect(() => roundHalfUp('abc', 1)).toThrow(RangeError);
    expect(() => roundHalfUp('', 1)).toThrow(RangeError);
    expect(() => roundHalfUp('1.5', -1)).toThrow(/Nachkommastellen/);
    expect(() => roundHalfUp('1.5', 1.5)).toThrow(/Nachkommastellen/);
  });
});

describe('formatGerman / formatEnglish', () => {
  const de: Array<[string, number, string]> = [
    ['1234.5', 1, '1.234,5'],
    ['1234567.891', 2, '1.234.567,89'],
    ['-1234.55', 1, '-1.234,6'],
    ['999.95', 1, '1.000,0'],
    ['0.05', 1, '0,1'],
    ['100', 0, '100'],
    ['1000', 0, '1.000'],
    ['999999.5', 0, '1.000.000'],
    ['-0.04', 1, '0,0'],
    ['12.345', 2, '12,35'],
  ];
  it.each(de)('German %s (%i) → %s', (v, d, e) => expect(formatGerman(v, d)).toBe(e));

  const en: Array<[string, number, string]> = [
    ['1234.5', 1, '1,234.5'],
    ['-1234567.125', 2, '-1,234,567.13'],
    ['999', 0, '999'],
  ];
  it.each(en)('English %s (%i) → %s', (v, d, e) => expect(formatEnglish(v, d)).toBe(e));

  it('formatCell shows flags as signs and notes after the number', () => {
    expect(formatCell({ value: '28.55', flag: null }, 1)).toBe('28,6');
    expect(formatCell({ value: '1234.5', flag: 'p' }, 1)).toBe('1.234,5 p');
    expect(formatCell({ value: '1234.5', flag: 'p' }, 1, 'en')).toBe('1,234.5 p');
    expect(formatCell({ value: null, flag: '.' }, 1)).toBe('.');
    expect(formatCell({ value: null, flag: '-' }, 1)).toBe('-');
  });
});
