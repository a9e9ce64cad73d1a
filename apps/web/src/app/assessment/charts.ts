/**
 * ECharts radar options (pure): the agreed profile of a round with the range of the individual ratings
 * as a band and an earlier round as an overlay; the network view with one polygon per municipality and
 * the median. Lines differ in colour, dash pattern and symbol, so that nothing depends on colour alone.
 */
export type ChartOption = Record<string, unknown>;

const FONT =
  "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Liberation Sans', Arial, sans-serif";
export const AGREED_COLOR = '#0b5394';
export const RANGE_COLOR = '#c6dbef';
export const EARLIER_COLOR = '#b35806';
export const MEDIAN_COLOR = '#1b1f24';
/** Municipalities in the network view: colour, symbol and line type. */
export const SERIES_STYLES = [
  { color: '#0b5394', symbol: 'circle', type: 'solid' },
  { color: '#b35806', symbol: 'rect', type: 'dashed' },
  { color: '#542788', symbol: 'triangle', type: 'dotted' },
  { color: '#1b7837', symbol: 'diamond', type: [8, 4, 2, 4] },
  { color: '#8c2d04', symbol: 'pin', type: [2, 2] },
  { color: '#4a5360', symbol: 'roundRect', type: [10, 3] },
] as const;

/** Splits a long axis name into lines of about `width` characters (narrow screens). */
export function wrapName(name: string, width: number): string {
  const words = name.split(/\s+/);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line && line.length + 1 + w.length > width) {
      lines.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

/** Radar values: types 1–4; a missing value sits at the centre (0) and is named in the table. */
const values = (v: ReadonlyArray<number | null>) => v.map((x) => (x === null ? 0 : x));

/** Below this width the chart uses small fonts, wrapped names and a radius in pixels. */
export const NARROW_PX = 520;

/** Radius that leaves room for the axis names left and right of the polygon. */
export function radarRadius(width: number): string | number {
  if (width >= NARROW_PX) return '66%';
  return Math.round(Math.max(48, Math.min(width / 2 - 90, 130)));
}

function radarFrame(axes: readonly string[], width: number) {
  const narrow = width < NARROW_PX;
  return {
    // Above the series: grid rings and axes stay visible over the range band.
    z: 3,
    indicator: axes.map((name, i) => ({
      name,
      min: 0,
      max: 4,
      // Ring values on the first axis only (not on phones: they would touch the axis name).
      ...(i === 0 && !narrow ? { axisLabel: { show: true } } : {}),
    })),
    splitNumber: 4,
    radius: radarRadius(width),
    center: ['50%', narrow ? (radarRadius(width) as number) + 48 : '46%'],
    splitArea: { show: false },
    splitLine: { lineStyle: { color: '#8c96a3' } },
    axisLine: { lineStyle: { color: '#8c96a3' } },
    axisLabel: { show: false, color: '#4a5360', fontSize: 12, showMinLabel: false },
    axisName: {
      color: '#1b1f24',
      fontSize: narrow ? 11 : 14,
      lineHeight: narrow ? 14 : 18,
      formatter: (name: string) => (narrow ? wrapName(name, 11) : wrapName(name, 22)),
    },
    nameGap: narrow ? 6 : 10,
  };
}

export interface ProfileRadarInput {
  axes: readonly string[];
  agreed: ReadonlyArray<number | null>;
  min: ReadonlyArray<number | null>;
  max: ReadonlyArray<number | null>;
  earlier?: { name: string; values: ReadonlyArray<number | null> } | undefined;
  labels: { agreed: string; range: string };
  /** Width of the chart in pixels. */
  width: number;
}

/** True when at least one component has a range to draw. */
export function hasRange(min: ReadonlyArray<number | null>, max: ReadonlyArray<number | null>): boolean {
  return min.some((v, i) => v !== null && max[i] != null);
}

export function profileRadarOption(input: ProfileRadarInput): ChartOption {
  const { axes, agreed, min, max, earlier, labels, width } = input;
  const narrow = width < NARROW_PX;
  const showRange = hasRange(min, max);
  const legend = [...(showRange ? [labels.range] : []), ...(earlier ? [earlier.name] : []), labels.agreed];
  return {
    animation: false,
    textStyle: { fontFamily: FONT },
    aria: { enabled: false },
    tooltip: { trigger: 'item', confine: true },
    legend: {
      data: legend,
      bottom: 0,
      left: 'center',
      orient: 'vertical',
      textStyle: { color: '#1b1f24', fontSize: narrow ? 12 : 13, lineHeight: narrow ? 16 : 18 },
      itemGap: narrow ? 12 : 8,
      formatter: (name: string) => (narrow ? wrapName(name, 30) : name),
      selectedMode: false,
    },
    radar: radarFrame(axes, width),
    series: [
      ...(showRange
        ? [
            {
              type: 'radar',
              z: 2,
              silent: true,
              data: [
                {
                  name: labels.range,
                  // The band: the highest ratings filled, the lowest cut out in white.
                  value: values(max),
                  symbol: 'none',
                  lineStyle: { width: 0 },
                  itemStyle: { color: RANGE_COLOR },
                  areaStyle: { color: RANGE_COLOR, opacity: 1 },
                },
                {
                  name: `${labels.range} (min)`,
                  value: values(min),
                  symbol: 'none',
                  lineStyle: { width: 0 },
                  itemStyle: { color: '#ffffff' },
                  areaStyle: { color: '#ffffff', opacity: 1 },
                },
              ],
            },
          ]
        : []),
      {
        type: 'radar',
        z: 4,
        data: [
          ...(earlier
            ? [
                {
                  name: earlier.name,
                  value: values(earlier.values),
                  symbol: 'rect',
                  symbolSize: 7,
                  lineStyle: { type: 'dashed', color: EARLIER_COLOR, width: 2 },
                  itemStyle: { color: EARLIER_COLOR },
                },
              ]
            : []),
          {
            name: labels.agreed,
            value: values(agreed),
            symbol: 'circle',
            symbolSize: 8,
            lineStyle: { width: 3, color: AGREED_COLOR },
            itemStyle: { color: AGREED_COLOR },
          },
        ],
      },
    ],
  };
}

export interface NetworkRadarInput {
  axes: readonly string[];
  municipalities: ReadonlyArray<{ name: string; values: ReadonlyArray<number | null> }>;
  median: { name: string; values: ReadonlyArray<number | null> };
  /** Width of the chart in pixels. */
  width: number;
}

export function networkRadarOption(input: NetworkRadarInput): ChartOption {
  const { axes, municipalities, median, width } = input;
  const narrow = width < NARROW_PX;
  return {
    animation: false,
    textStyle: { fontFamily: FONT },
    aria: { enabled: false },
    tooltip: { trigger: 'item', confine: true },
    legend: {
      data: [...municipalities.map((m) => m.name), median.name],
      bottom: 0,
      left: 'center',
      orient: 'vertical',
      textStyle: { color: '#1b1f24', fontSize: narrow ? 12 : 13, lineHeight: narrow ? 16 : 18 },
      itemGap: narrow ? 12 : 8,
      formatter: (name: string) => (narrow ? wrapName(name, 30) : name),
    },
    radar: radarFrame(axes, width),
    series: [
      {
        type: 'radar',
        z: 4,
        data: [
          ...municipalities.map((m, i) => {
            const s = SERIES_STYLES[i % SERIES_STYLES.length]!;
            return {
              name: m.name,
              value: values(m.values),
              symbol: s.symbol,
              symbolSize: 7,
              lineStyle: { type: s.type, color: s.color, width: 2 },
              itemStyle: { color: s.color },
            };
          }),
          {
            name: median.name,
            value: values(median.values),
            symbol: 'none',
            lineStyle: { width: 4, color: MEDIAN_COLOR, type: [2, 4], cap: 'round' },
            itemStyle: { color: MEDIAN_COLOR },
          },
        ],
      },
    ],
  };
}

/** Chart height: the radar and room for the legend below it (names may take two lines when narrow). */
export function radarHeight(legendItems: number, width: number): number {
  if (width >= NARROW_PX) return 460 + legendItems * 24;
  return 2 * (radarRadius(width) as number) + 110 + legendItems * 46;
}
