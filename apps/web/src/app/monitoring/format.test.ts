import { describe, expect, it } from 'vitest';
import {
  cellText,
  compareCells,
  formatCell,
  formatDecimal,
  formatPeriod,
  numericValue,
  roundDecimal,
} from './format';

describe('roundDecimal', () => {
  it('rounds half away from zero on the decimal text', () => {
    expect(roundDecimal('2.675', 2)).toBe('2.68'); // 2.675 as a double is 2.67499…
    expect(roundDecimal('1.005', 2)).toBe('1.01');
    expect(roundDecimal('0.05', 1)).toBe('0.1');
    expect(roundDecimal('-0.05', 1)).toBe('-0.1');
    expect(roundDecimal('9.96', 1)).toBe('10.0');
    expect(roundDecimal('99.5', 0)).toBe('100');
    expect(roundDecimal('12', 2)).toBe('12.00');
    expect(roundDecimal('-0.04', 1)).toBe('0.0');
    expect(roundDecimal('.5', 0)).toBe('1');
  });
});

describe('formatDecimal', () => {
  it('uses the German format with the indicator decimals', () => {
    expect(formatDecimal('1234.5', 1, 'de')).toBe('1.234,5');
    expect(formatDecimal('1234567', 0, 'de')).toBe('1.234.567');
    expect(formatDecimal('36', 1, 'de')).toBe('36,0');
    expect(formatDecimal('2.675', 2, 'de')).toBe('2,68');
    expect(formatDecimal('1234.5', 1, 'en')).toBe('1,234.5');
    expect(formatDecimal('-3.25', 1, 'de')).toBe('-3,3');
  });
});

describe('formatCell', () => {
  it('shows plain numbers', () => {
    expect(formatCell({ value: '39.94', flag: null }, 1, 'de')).toEqual({
      text: '39,9',
      note: null,
      kind: 'number',
    });
  });

  it('shows official signs as published, never as numbers', () => {
    for (const flag of ['-', '.', 'x', '/', '...']) {
      const f = formatCell({ value: null, flag }, 1, 'de');
      expect(f.text).toBe(flag);
      expect(f.kind).toBe('flag');
      expect(f.note).toBeTruthy();
    }
    expect(formatCell({ value: null, flag: '-' }, 0, 'de').note).toBe('nichts vorhanden (genau null)');
    expect(formatCell({ value: '12.34', flag: 'p' }, 1, 'de').text).toBe('12,3 p');
    expect(formatCell({ value: '12.34', flag: 'r' }, 1, 'de').note).toBe('berichtigte Zahl');
    expect(formatCell({ value: '12.34', flag: 's' }, 1, 'en').text).toBe('12.3 s');
    expect(formatCell({ value: '4.5', flag: '()' }, 1, 'de').text).toBe('(4,5)');
    expect(formatCell({ value: null, flag: '?' }, 1, 'de')).toEqual({ text: '?', note: '?', kind: 'flag' });
  });

  it('shows withheld cells as "." with an explanation', () => {
    const f = formatCell({ value: null, flag: '.', suppressed: 'withheld' }, 0, 'de');
    expect(f).toEqual({
      text: '.',
      note: 'Wert zum Schutz kleiner Fallzahlen ausgeblendet',
      kind: 'suppressed',
    });
    expect(formatCell({ value: '3', flag: null, suppressed: 'withheld' }, 0, 'de').text).toBe('.');
  });

  it('marks missing cells', () => {
    expect(formatCell(undefined, 0, 'de')).toEqual({ text: '–', note: 'keine Daten', kind: 'missing' });
    expect(formatCell({ value: null, flag: null }, 0, 'en').note).toBe('no data');
  });

  it('gives readable texts for labels', () => {
    expect(cellText({ value: '1234', flag: null }, 0, 'Personen', 'de')).toBe('1.234 Personen');
    expect(cellText({ value: null, flag: '.', suppressed: 'withheld' }, 0, 'Anzahl', 'de')).toBe(
      '. (Wert zum Schutz kleiner Fallzahlen ausgeblendet)',
    );
    expect(cellText({ value: '5', flag: 'p' }, 0, '%', 'de')).toBe('5 % (p = vorläufige Zahl)');
    expect(cellText(null, 0, '%', 'de')).toBe('keine Daten');
  });

  it('says „136“, not „136 Anzahl“: the bare word for a count belongs in the header', () => {
    expect(cellText({ value: '136', flag: null }, 0, 'Anzahl', 'de')).toBe('136');
    expect(cellText({ value: '136', flag: 'p' }, 0, 'Anzahl', 'de')).toBe('136 (p = vorläufige Zahl)');
    expect(cellText({ value: '136', flag: null }, 0, 'Kinder', 'de')).toBe('136 Kinder');
  });
});

describe('numericValue and compareCells', () => {
  it('never turns signs or withheld cells into numbers', () => {
    expect(numericValue({ value: '3.5', flag: null })).toBe(3.5);
    expect(numericValue({ value: '3.5', flag: 'p' })).toBe(3.5);
    expect(numericValue({ value: null, flag: '-' })).toBeNull();
    expect(numericValue({ value: '3', flag: null, suppressed: 'withheld' })).toBeNull();
    expect(numericValue(undefined)).toBeNull();
  });

  it('sorts numbers first, then signs, then missing', () => {
    const cells = [
      undefined,
      { value: null, flag: '.', suppressed: 'withheld' as const },
      { value: '10', flag: null },
      { value: '2', flag: null },
    ];
    const sorted = cells.toSorted(compareCells);
    expect(sorted.map((c) => c?.value ?? c?.flag ?? 'missing')).toEqual(['2', '10', '.', 'missing']);
  });
});

describe('formatPeriod', () => {
  it('labels periods by type', () => {
    expect(formatPeriod('2024-12-31', 'year', 'de')).toBe('2024');
    expect(formatPeriod('2024-03-01', 'date', 'de')).toBe('01.03.2024');
    expect(formatPeriod('2024-03-01', 'date', 'en')).toBe('1 Mar 2024');
    expect(formatPeriod('2024-07-01', 'half_year', 'de')).toBe('2. Hj. 2024');
    expect(formatPeriod('2024-01-01', 'half_year', 'en')).toBe('H1 2024');
    expect(formatPeriod('2023-08-01', 'school_year', 'de')).toBe('2023/24');
    expect(formatPeriod('2099-08-01', 'school_year', 'de')).toBe('2099/00');
    expect(formatPeriod('kein Datum', 'date', 'de')).toBe('kein Datum');
  });
});
