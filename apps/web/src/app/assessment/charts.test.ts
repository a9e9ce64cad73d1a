import { describe, expect, it } from 'vitest';
import {
  hasRange,
  networkRadarOption,
  profileRadarOption,
  radarHeight,
  radarRadius,
  wrapName,
} from './charts';

type Series = { type: string; data: Array<{ name: string; value: number[] }> };

const input = {
  axes: ['Strategische Ziele', 'Datenbasierung', 'Interne Kooperation'],
  agreed: [2, 3, null],
  min: [1, 3, null],
  max: [3, 4, null],
  labels: { agreed: 'Vereinbart', range: 'Spannweite' },
  width: 800,
};

describe('profile radar', () => {
  it('draws the range as a band (max filled, min cut out) below the agreed line', () => {
    const o = profileRadarOption(input);
    const series = o.series as Series[];
    expect(series).toHaveLength(2);
    expect(series[0]!.data.map((d) => d.value)).toEqual([
      [3, 4, 0],
      [1, 3, 0],
    ]);
    expect(series[1]!.data.map((d) => [d.name, d.value])).toEqual([['Vereinbart', [2, 3, 0]]]);
    expect((o.legend as { data: string[] }).data).toEqual(['Spannweite', 'Vereinbart']);
    const radar = o.radar as {
      indicator: Array<{ name: string; max: number; axisLabel?: unknown }>;
      z: number;
    };
    expect(radar.indicator.map((i) => i.max)).toEqual([4, 4, 4]);
    // ring values only on the first axis; grid above the band
    expect(radar.indicator.filter((i) => i.axisLabel)).toHaveLength(1);
    expect(radar.z).toBeGreaterThan(series.length);
  });

  it('adds the earlier round as a dashed overlay and leaves out an empty range', () => {
    const o = profileRadarOption({
      ...input,
      min: [null, null, null],
      max: [null, null, null],
      earlier: { name: 'Frühere Runde', values: [1, 2, 3] },
    });
    const series = o.series as Series[];
    expect(series).toHaveLength(1);
    expect(series[0]!.data.map((d) => d.name)).toEqual(['Frühere Runde', 'Vereinbart']);
    expect((o.legend as { data: string[] }).data).toEqual(['Frühere Runde', 'Vereinbart']);
  });

  it('wraps long axis names on narrow screens', () => {
    expect(wrapName('Externe Kooperation', 11)).toBe('Externe\nKooperation');
    expect(wrapName('Qualität', 11)).toBe('Qualität');
    const o = profileRadarOption({ ...input, width: 300 });
    const f = (o.radar as { axisName: { formatter: (n: string) => string } }).axisName.formatter;
    expect(f('Strategische Ziele')).toBe('Strategische\nZiele');
    const narrowRadar = o.radar as { indicator: Array<{ axisLabel?: unknown }> };
    expect(narrowRadar.indicator.filter((i) => i.axisLabel)).toHaveLength(0);
    expect(radarHeight(3, 300)).toBeLessThan(radarHeight(3, 800));
    // on a phone the polygon leaves about 90 px on each side for the names
    expect(radarRadius(300)).toBe(60);
    expect(radarRadius(800)).toBe('66%');
  });

  it('knows when there is a range', () => {
    expect(hasRange([null, 2], [null, 3])).toBe(true);
    expect(hasRange([null], [null])).toBe(false);
  });
});

describe('network radar', () => {
  it('one polygon per municipality plus the median, each with its own symbol', () => {
    const o = networkRadarOption({
      axes: ['A', 'B'],
      municipalities: [
        { name: 'Musterstadt', values: [2, 3] },
        { name: 'Beispielkreis', values: [1, null] },
      ],
      median: { name: 'Median', values: [1.5, 3] },
      width: 800,
    });
    const data = (o.series as Array<{ data: Array<{ name: string; value: number[]; symbol: string }> }>)[0]!
      .data;
    expect(data.map((d) => d.name)).toEqual(['Musterstadt', 'Beispielkreis', 'Median']);
    expect(data[1]!.value).toEqual([1, 0]);
    expect(new Set(data.map((d) => d.symbol)).size).toBe(3);
  });
});
