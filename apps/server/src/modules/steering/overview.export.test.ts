import { describe, expect, it } from 'vitest';
import type { PublicTarget } from '@dkbm/web/ssr';
import { deNumber, targetRows } from './overview.export';

/* The value table of the committee overview (PDF, HTML, DOCX): German numbers without lost decimals. */

const target: PublicTarget = {
  id: 't',
  indicator: 'Betreuungsquote unter 3 Jahren',
  unit: '%',
  area: 'Lindenhof',
  dims: '',
  baselinePeriod: '2020-03-01',
  baselineValue: '33.5',
  targetPeriod: '2030-03-01',
  targetValue: '52.2',
  status: 'moderate_progress',
  statusLabel: 'mäßiger Fortschritt',
  latest: { period: '2024-03-01', value: '38.3' },
  // As the monitoring stores them: one decimal, also when it is zero.
  values: [
    { period: '2022-03-01', value: '36.9', flag: null },
    { period: '2023-03-01', value: '38.0', flag: null },
    { period: '2024-03-01', value: '38.3', flag: null },
  ],
  // As the progress computation gives them: four decimals.
  path: [
    { period: '2022-03-01', value: '36.6075' },
    { period: '2023-03-01', value: '38.2677' },
    { period: '2024-03-01', value: '40.0032' },
    { period: '2025-03-01', value: '41.7' },
  ],
  source: null,
  updatedAt: '2026-01-01',
};

describe('committee overview value table', () => {
  it('keeps the decimals of the data: 38,0 stays 38,0, the required path has two decimals', () => {
    expect(targetRows(target)).toEqual([
      ['01.03.2022', '36,9', '36,61'],
      ['01.03.2023', '38,0', '38,27'],
      ['01.03.2024', '38,3', '40,00'],
      ['01.03.2025', '', '41,70'],
    ]);
  });

  it('formats German numbers with thousands separators and the given decimals', () => {
    expect(deNumber('1234.5')).toBe('1.234,5');
    expect(deNumber('38.0')).toBe('38,0');
    expect(deNumber('12')).toBe('12');
    expect(deNumber('0.125', 2)).toBe('0,13');
    expect(deNumber(null)).toBe('.');
  });
});
