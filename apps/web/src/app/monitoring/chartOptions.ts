/**
 * ECharts option objects for the indicator page (pure functions; the same objects can be rendered on
 * the server). Colours: dark blue for the selected area, distinguishable reference colours that also
 * differ in line style and symbol, so that nothing depends on colour alone.
 */
import type { Lang } from '../i18n';

const FONT =
  "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Liberation Sans', Arial, sans-serif";
export const AREA_COLOR = '#0b5394';
export const BAR_COLOR = '#5b8cc0';
export const SELECTED_BAR_COLOR = '#b35806';
export const REFERENCE_STYLES = [
  { color: '#b35806', symbol: 'rect', type: 'dashed' },
  { color: '#542788', symbol: 'triangle', type: 'dotted' },
  { color: '#1b7837', symbol: 'diamond', type: [8, 4, 2, 4] },
  { color: '#4a5360', symbol: 'pin', type: 'dashed' },
] as const;

export type ChartOption = Record<string, unknown>;

export function numberFormatter(lang: Lang, decimals: number): (v: number) => string {
  const f = new Intl.NumberFormat(lang === 'de' ? 'de-DE' : 'en-GB', {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  });
  return (v: number) => f.format(v);
}

/** Axis labels: fewer decimals are fine, but the format stays German. */
function axisFormatter(lang: Lang): (v: number) => string {
  const f = new Intl.NumberFormat(lang === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: 2 });
  return (v: number) => f.format(v);
}

export interface LineInput {
  name: string;
  values: Array<number | null>;
  /** The selected area (solid, thick) or a reference area (dashed). */
  role: 'area' | 'reference';
}

export function timeSeriesOption(p: {
  title: string;
  /** Second title line, e.g. the area. */
  subtitle?: string;
  unit: string;
  categories: string[];
  lines: LineInput[];
  decimals: number;
  lang: Lang;
  animation: boolean;
}): ChartOption {
  const fmt = numberFormatter(p.lang, p.decimals);
  let ref = 0;
  const series = p.lines.map((l) => {
    if (l.role === 'area') {
      return {
        type: 'line',
        name: l.name,
        data: l.values,
        connectNulls: false,
        symbol: 'circle',
        symbolSize: 8,
        lineStyle: { width: 3, color: AREA_COLOR },
        itemStyle: { color: AREA_COLOR },
        z: 3,
      };
    }
    const s = REFERENCE_STYLES[ref++ % REFERENCE_STYLES.length]!;
    return {
      type: 'line',
      name: l.name,
      data: l.values,
      connectNulls: false,
      symbol: s.symbol,
      symbolSize: 8,
      lineStyle: { width: 2, type: s.type, color: s.color },
      itemStyle: { color: s.color },
    };
  });
  const base = {
    animation: p.animation,
    backgroundColor: '#ffffff',
    textStyle: { fontFamily: FONT, color: '#1b1f24' },
    title: {
      text: p.title,
      subtext: [p.subtitle, p.unit].filter(Boolean).join(' · '),
      left: 8,
      top: 4,
      textStyle: { fontSize: 14, fontWeight: 600, color: '#1b1f24', lineHeight: 18 },
      subtextStyle: { color: '#4a5360', lineHeight: 16 },
    },
    legend: { bottom: 4, left: 'center', textStyle: { color: '#1b1f24' }, itemWidth: 32 },
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? fmt(v) : '–') },
    grid: {
      left: 16,
      right: 24,
      top: 76,
      bottom: 48,
      outerBoundsMode: 'same',
      outerBoundsContain: 'axisLabel',
    },
    xAxis: {
      type: 'category',
      data: p.categories,
      boundaryGap: false,
      axisLabel: { color: '#1b1f24' },
      axisLine: { lineStyle: { color: '#4a5360' } },
    },
    yAxis: {
      type: 'value',
      scale: true,
      axisLabel: { color: '#1b1f24', formatter: axisFormatter(p.lang) },
      splitLine: { lineStyle: { color: '#dde3ea' } },
    },
    series,
  };
  return {
    baseOption: base,
    media: [
      {
        // the default, restored when the container grows again
        option: {
          title: { textStyle: { overflow: 'none' }, subtextStyle: { overflow: 'none' } },
          grid: { top: 76, bottom: 48, right: 24 },
          xAxis: { axisLabel: { rotate: 0 } },
        },
      },
      {
        // narrow containers (phones, 400 % zoom): wrapped title, slanted period labels
        query: { maxWidth: 520 },
        option: {
          title: {
            textStyle: { width: 260, overflow: 'break' },
            subtextStyle: { width: 260, overflow: 'break' },
          },
          grid: { top: 96, bottom: 64, right: 16 },
          xAxis: { axisLabel: { rotate: 45 } },
        },
      },
    ],
  };
}

export interface BarInput {
  id: string;
  name: string;
  value: number;
}

/** Horizontal bars, highest first; the selected area in another colour with a hatch and a marker. */
export function barsOption(p: {
  title: string;
  /** Second title line, e.g. the period. */
  subtitle?: string;
  unit: string;
  /** "Gestrichelte Linie: Musterstadt 36,0" (explains the reference line in the chart itself). */
  referenceText?: (name: string, value: string) => string;
  items: BarInput[];
  selectedId: string | null;
  reference: { name: string; value: number } | null;
  decimals: number;
  lang: Lang;
  animation: boolean;
}): ChartOption {
  const fmt = numberFormatter(p.lang, p.decimals);
  const items = p.items.toSorted((a, b) => b.value - a.value);
  const label = (i: BarInput) => (i.id === p.selectedId ? `▶ ${i.name}` : i.name);
  const subtext = [
    p.subtitle,
    p.unit,
    p.reference && p.referenceText ? p.referenceText(p.reference.name, fmt(p.reference.value)) : null,
  ]
    .filter(Boolean)
    .join(' · ');
  const base = {
    animation: p.animation,
    backgroundColor: '#ffffff',
    textStyle: { fontFamily: FONT, color: '#1b1f24' },
    title: {
      text: p.title,
      subtext,
      left: 8,
      top: 4,
      textStyle: { fontSize: 14, fontWeight: 600, color: '#1b1f24', lineHeight: 18 },
      subtextStyle: { color: '#4a5360', lineHeight: 16 },
    },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (v: unknown) => (typeof v === 'number' ? fmt(v) : '–'),
    },
    grid: {
      left: 16,
      right: 72,
      top: 76,
      bottom: 24,
      outerBoundsMode: 'same',
      outerBoundsContain: 'axisLabel',
    },
    xAxis: {
      type: 'value',
      axisLabel: { color: '#1b1f24', formatter: axisFormatter(p.lang) },
      splitLine: { lineStyle: { color: '#dde3ea' } },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: items.map(label),
      axisLabel: {
        color: '#1b1f24',
        width: 200,
        overflow: 'truncate',
        // the selected area in bold (besides the ▶ marker)
        formatter: (v: string) => (v.startsWith('▶') ? `{sel|${v}}` : v),
        rich: { sel: { fontWeight: 700, color: '#1b1f24' } },
      },
      axisTick: { show: false },
    },
    series: [
      {
        type: 'bar',
        name: p.title,
        barMaxWidth: 22,
        data: items.map((i) =>
          i.id === p.selectedId
            ? {
                value: i.value,
                itemStyle: {
                  color: SELECTED_BAR_COLOR,
                  decal: {
                    symbol: 'rect',
                    dashArrayX: [1, 0],
                    dashArrayY: [3, 3],
                    rotation: -Math.PI / 4,
                    color: 'rgba(255,255,255,0.55)',
                  },
                },
                label: { fontWeight: 700 },
              }
            : { value: i.value },
        ),
        itemStyle: { color: BAR_COLOR },
        label: {
          show: true,
          position: 'right',
          color: '#1b1f24',
          formatter: (x: { value: number }) => fmt(x.value),
        },
        markLine: p.reference
          ? {
              symbol: 'none',
              silent: true,
              lineStyle: { color: '#1b1f24', type: 'dashed', width: 2 },
              label: { show: false },
              data: [{ xAxis: p.reference.value }],
            }
          : undefined,
      },
    ],
  };
  return {
    baseOption: base,
    media: [
      {
        option: {
          title: { textStyle: { overflow: 'none' }, subtextStyle: { overflow: 'none' } },
          grid: { top: 76, right: 72 },
          xAxis: { axisLabel: { show: true } },
          yAxis: { axisLabel: { width: 200 } },
        },
      },
      {
        // narrow containers: shorter area labels, values on the bars instead of an x axis
        query: { maxWidth: 520 },
        option: {
          title: {
            textStyle: { width: 260, overflow: 'break' },
            subtextStyle: { width: 260, overflow: 'break' },
          },
          grid: { top: 112, right: 48 },
          xAxis: { axisLabel: { show: false } },
          yAxis: { axisLabel: { width: 110 } },
        },
      },
    ],
  };
}

/** Height of the bar chart for n bars. */
export const barsHeight = (n: number) => Math.min(2400, Math.max(220, 96 + n * 30));
