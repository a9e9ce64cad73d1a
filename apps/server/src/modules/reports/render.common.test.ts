import { describe, expect, it } from 'vitest';
import type { BlockData } from '@dkbm/contract';
import { chartAlt, chartSvg, dataTable, hasWithheld, sourceLine } from './render.common';

/* The chart of an indicator block with reference values (Vergleichswerte): drawn, named, in the table. */

const AREA = '00000000-0000-4000-8000-000000000001';
const BUND = '00000000-0000-4000-8000-000000000002';
const P1 = '2023-12-31';
const P2 = '2024-12-31';

function data(withRefs: boolean): BlockData {
  return {
    indicatorCode: 'quote',
    indicatorName: 'Betreuungsquote',
    unit: '%',
    decimals: 1,
    source: 'Test',
    licence: null,
    dataVersion: 1,
    takenAt: '2026-12-05T12:00:00Z',
    cells: [
      { areaCode: '01', areaName: 'Nord', period: P1, value: '30.5', flag: null },
      { areaCode: '01', areaName: 'Nord', period: P2, value: '31.25', flag: null },
      { areaCode: '02', areaName: 'Süd', period: P1, value: '28.0', flag: null },
      { areaCode: '02', areaName: 'Süd', period: P2, value: '29.0', flag: null },
    ],
    ...(withRefs
      ? {
          references: [
            {
              areaId: AREA,
              areaName: 'Musterland',
              level: 'land',
              points: [
                { period: P1, value: '33.4', flag: null },
                { period: P2, value: null, flag: '.' },
              ],
            },
            {
              areaId: BUND,
              areaName: 'Deutschland',
              level: 'bund',
              points: [
                { period: P1, value: '35.1', flag: null },
                { period: P2, value: '36.2', flag: null },
              ],
            },
          ],
        }
      : {}),
  };
}

const dashed = (svg: string) => (svg.match(/stroke-dasharray/g) ?? []).length;

describe('chart blocks with reference values', () => {
  it('draws each reference area as its own dashed line with a legend entry (time series)', () => {
    const plain = chartSvg(data(false), 'series');
    const svg = chartSvg(data(true), 'series');
    expect(plain).not.toContain('Vergleichswert');
    expect(svg).toContain('Musterland (Vergleichswert)');
    expect(svg).toContain('Deutschland (Vergleichswert)');
    expect(dashed(svg)).toBeGreaterThan(dashed(plain));
    // Dark, distinct colours (not the areas' palette): both reference lines are drawn.
    expect(svg).toContain('#1b1f24');
    expect(svg).toContain('#595959');
  });

  it('marks the reference values of the latest period across the bars (comparison of areas)', () => {
    const svg = chartSvg(data(true), 'areas');
    expect(svg).toContain('Deutschland (Vergleichswert)');
    expect(svg).toContain('#595959');
    expect(dashed(svg)).toBeGreaterThan(dashed(chartSvg(data(false), 'areas')));
  });

  it('puts the reference values into the table alternative, withheld ones as „.“', () => {
    const t = dataTable(data(true));
    expect(t.rows.map((r) => r.areaName)).toEqual([
      'Nord',
      'Süd',
      'Musterland (Vergleichswert)',
      'Deutschland (Vergleichswert)',
    ]);
    expect(t.rows[2]!.values).toEqual(['33,4', '.']);
    expect(t.rows[3]!.values).toEqual(['35,1', '36,2']);
    expect(hasWithheld(data(true))).toBe(true);
    expect(sourceLine(data(true))).toContain('Geheimhaltung');
    expect(chartAlt(data(true), 'series')).toContain('verglichen mit Musterland, Deutschland');
  });
});
