import { describe, expect, it } from 'vitest';
import {
  checkValueSize,
  decimalsOf,
  isCountUnit,
  isRelativeUnit,
  MAX_INTEGER_DIGITS,
  normaliseUnit,
  scanDataset,
  writableCells,
} from './scan';
import { parseTidyTable } from './tidy';
import { ImportFileError } from './types';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('units', () => {
  it.each([
    ['%', true],
    ['Prozent', true],
    [' je 1.000 Einwohner', true],
    ['Anteil', true],
    ['Personen', false],
    ['EUR', false],
    [null, false],
  ])('%s is relative: %s', (unit, expected) => {
    expect(isRelativeUnit(unit)).toBe(expected);
  });

  it.each([
    ['Personen', true],
    ['Anzahl', true],
    [null, true],
    ['EUR', false],
    ['km²', false],
    ['Jahre', false],
    ['%', false],
  ])('%s is a count: %s', (unit, expected) => {
    expect(isCountUnit(unit)).toBe(expected);
  });

  it('names a missing unit „Anzahl“ and writes Prozent as %', () => {
    expect(normaliseUnit(null)).toBe('Anzahl');
    expect(normaliseUnit(' Prozent ')).toBe('%');
    expect(normaliseUnit('Personen')).toBe('Personen');
  });
});

describe('values', () => {
  it('counts decimals of exact values', () => {
    expect(decimalsOf('12')).toBe(0);
    expect(decimalsOf('12.50')).toBe(2);
    expect(decimalsOf('-0.125')).toBe(3);
  });

  it('refuses a value with too many digits, naming line and column', () => {
    expect(() => checkValueSize('1'.repeat(MAX_INTEGER_DIGITS), 'a.csv', 3, 4)).not.toThrow();
    const err = (() => {
      try {
        checkValueSize('9'.repeat(MAX_INTEGER_DIGITS + 1), 'a.csv', 3, 4);
      } catch (e) {
        return e as ImportFileError;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(ImportFileError);
    expect(err).toMatchObject({ code: 'value_too_large', file: 'a.csv', line: 3, column: 4 });
    expect(err!.message).toContain(`erlaubt sind höchstens ${MAX_INTEGER_DIGITS}`);
  });
});

describe('scanning a dataset', () => {
  const csv = [
    'ags;name;jahr;kinder;quote',
    '01001;Flensburg;2022;100;12,5',
    '01001;Flensburg;2023;-3;13',
    '01002;Kiel;2023;7;',
  ].join('\n');

  it('collects keys, cells and decimals per measure, and negative values', async () => {
    const ds = await parseTidyTable(
      { name: 'a.csv', bytes: utf8(csv) },
      {
        areaKey: { column: 'ags' },
        areaName: { column: 'name' },
        period: { column: 'jahr', type: 'year' },
        values: [
          { column: 'kinder', measure: 'kinder', unit: 'Personen' },
          { column: 'quote', measure: 'quote', unit: '%' },
        ],
      },
    );
    const scan = scanDataset(ds, 'a.csv');
    expect(scan.keys.map((k) => [k.code, k.name, k.count])).toEqual([
      ['01001', 'Flensburg', 4],
      // An empty cell is no value.
      ['01002', 'Kiel', 1],
    ]);
    // Measures without decimals have no entry (0 is the default).
    expect(Object.fromEntries(scan.decimalsByMeasure)).toEqual({ quote: 1 });
    expect(scan.negatives.count).toBe(1);
    expect(scan.negatives.examples[0]).toMatchObject({ regionCode: '01001', value: '-3' });
    // Cells a commit writes: only keys with an area, only the measures imported.
    expect(writableCells(scan, (k) => k === '01001', ['kinder'])).toBe(2);
    expect(writableCells(scan, () => true, ['kinder', 'quote'])).toBe(5);
    expect(writableCells(scan, () => false, ['kinder'])).toBe(0);
  });
});
