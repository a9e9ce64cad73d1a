import { describe, expect, it } from 'vitest';
import { barsHeight, barsOption, SELECTED_BAR_COLOR, timeSeriesOption } from './chartOptions';

// oxlint-disable-next-line typescript/no-explicit-any -- chart options are loosely typed
type Any = Record<string, any>;

describe('barsOption', () => {
  const option = barsOption({
    title: 'Quote',
    subtitle: '01.03.2024',
    unit: '%',
    items: [
      { id: 'a', name: 'Altstadt', value: 39.94 },
      { id: 'b', name: 'Bärenbach', value: 45 },
      { id: 'c', name: 'Ostend', value: 30.1 },
    ],
    selectedId: 'a',
    reference: { name: 'Musterstadt', value: 36 },
    referenceText: (n, v) => `gestrichelte Linie: ${n} ${v}`,
    decimals: 1,
    lang: 'de',
    animation: false,
  }) as Any;
  const base = option.baseOption as Any;

  it('sorts highest first and marks the selected area in text, colour and pattern', () => {
    expect(base.yAxis.data).toEqual(['Bärenbach', '▶ Altstadt', 'Ostend']);
    const selected = base.series[0].data[1];
    expect(selected.value).toBe(39.94);
    expect(selected.itemStyle.color).toBe(SELECTED_BAR_COLOR);
    expect(selected.itemStyle.decal).toBeTruthy();
  });

  it('formats values the German way and explains the reference line', () => {
    expect(base.series[0].label.formatter({ value: 39.94 })).toBe('39,9');
    expect(base.series[0].markLine.data).toEqual([{ xAxis: 36 }]);
    expect(base.title.subtext).toBe('01.03.2024 · % · gestrichelte Linie: Musterstadt 36,0');
    expect(base.animation).toBe(false);
  });

  it('has a narrow-screen variant', () => {
    expect(option.media[0].query).toBeUndefined();
    expect(option.media[1].query).toEqual({ maxWidth: 520 });
  });

  it('grows with the number of bars within limits', () => {
    expect(barsHeight(1)).toBe(220);
    expect(barsHeight(12)).toBe(456);
    expect(barsHeight(1000)).toBe(2400);
  });
});

describe('timeSeriesOption', () => {
  it('draws the area solid and references dashed with their own symbols, gaps for missing values', () => {
    const option = timeSeriesOption({
      title: 'Quote: Altstadt',
      unit: '%',
      categories: ['2020', '2021'],
      lines: [
        { name: 'Altstadt', role: 'area', values: [38.7, null] },
        { name: 'Musterstadt', role: 'reference', values: [32.8, 34] },
      ],
      decimals: 1,
      lang: 'de',
      animation: true,
    }) as Any;
    const area = option.baseOption.series[0] as Any;
    const ref = option.baseOption.series[1] as Any;
    expect(area.lineStyle.width).toBe(3);
    expect(area.data).toEqual([38.7, null]);
    expect(area.connectNulls).toBe(false);
    expect(ref.lineStyle.type).toBe('dashed');
    expect(ref.symbol).not.toBe(area.symbol);
    expect(option.baseOption.tooltip.valueFormatter(1234.56)).toBe('1.234,6');
    expect(option.baseOption.tooltip.valueFormatter(null)).toBe('–');
  });
});
