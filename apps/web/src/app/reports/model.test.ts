import { describe, expect, it } from 'vitest';
import type { BlockData } from '@dkbm/contract';
import { blockTable, formatCell, periodLabel } from './model';

const data: BlockData = {
  indicatorCode: 'x',
  indicatorName: 'X',
  unit: null,
  decimals: 1,
  source: null,
  licence: null,
  dataVersion: 1,
  takenAt: '2026-01-01T00:00:00Z',
  cells: [
    { areaCode: '02', areaName: 'Nord', period: '2024-12-31', value: '1234.56', flag: null },
    { areaCode: '01', areaName: 'Mitte', period: '2023-12-31', value: null, flag: '.' },
    { areaCode: '01', areaName: 'Mitte', period: '2024-12-31', value: '7', flag: null },
  ],
};

describe('report block table', () => {
  it('has one row per area in code order and one column per period; missing cells stay empty', () => {
    const t = blockTable(data, 'de');
    expect(t.periods).toEqual(['2023-12-31', '2024-12-31']);
    expect(t.rows.map((r) => r.areaName)).toEqual(['Mitte', 'Nord']);
    expect(t.rows[1]!.cells[0]).toBeUndefined();
  });

  it('formats German numbers with the decimals and shows withheld cells as „.“', () => {
    expect(formatCell(data.cells[0]!, 1, 'de')).toBe('1.234,6');
    expect(formatCell(data.cells[0]!, 1, 'en')).toBe('1,234.6');
    expect(formatCell(data.cells[1]!, 1, 'de')).toBe('.');
    expect(periodLabel('2024-12-31')).toBe('2024');
    expect(periodLabel('2024-03-01')).toBe('01.03.2024');
  });
});

describe('report block table with reference values', () => {
  it('lists the reference areas after the block’s own areas, withheld values as „.“', () => {
    const t = blockTable(
      {
        ...data,
        references: [
          {
            areaId: '00000000-0000-4000-8000-000000000009',
            areaName: 'Musterland',
            level: 'land',
            points: [
              { period: '2023-12-31', value: '5.5', flag: null },
              { period: '2024-12-31', value: null, flag: '.' },
            ],
          },
        ],
      },
      'de',
    );
    expect(t.rows.map((r) => [r.areaName, r.reference])).toEqual([
      ['Mitte', false],
      ['Nord', false],
      ['Musterland', true],
    ]);
    expect(t.rows[2]!.cells.map((c) => (c ? formatCell(c, 1, 'de') : '–'))).toEqual(['5,5', '.']);
  });
});
