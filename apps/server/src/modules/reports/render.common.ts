import { createRequire } from 'node:module';
import { classBreaks, classOf, MAP_CLASSES } from '@dkbm/web/ssr';
import {
  RECOMMENDATION_STATUS_LABELS,
  keyFigureCells,
  type BlockData,
  type BlockView,
  type FindingRef,
  type GoalRef,
  type ReportDetail,
} from '@dkbm/contract';

/* Shared pieces of the outputs (HTML, PDF, DOCX): German typography, numbers, tables, charts. */

/** ECharts and resvg are loaded with the first chart, not at start-up. */
const requireLazy = createRequire(import.meta.url);
const echartsLib = () => requireLazy('echarts') as typeof import('echarts');
const resvgLib = () => requireLazy('@resvg/resvg-js') as typeof import('@resvg/resvg-js');

export const NBSP = '\u00a0';

/**
 * German typography: "…" → „…“, '…' → ‚…‘, a non-breaking space in „12 %“, „S. 4“, „z. B.“, „Nr. 3“
 * and between a number and its unit sign (§, €).
 */
export function typography(text: string): string {
  return text
    .replace(/"([^"\n]*)"/g, '„$1“')
    .replace(/(^|[\s(])'([^'\n]*)'/g, '$1‚$2‘')
    .replace(/(\d) (%|€|‰)/g, `$1${NBSP}$2`)
    .replace(/\b(S|Nr|Abb|Tab|Kap)\. (\d)/g, `$1.${NBSP}$2`)
    .replace(/\b(z|d|u)\. ([BHaäÄ])\./g, `$1.${NBSP}$2.`)
    .replace(/(§) (\d)/g, `$1${NBSP}$2`);
}

/** A value as German text with the indicator's decimals; withheld and missing values as their flag. */
export function formatValue(value: string | null, flag: string | null, decimals: number): string {
  if (value === null) return flag ?? '–';
  const n = Number(value);
  if (!Number.isFinite(n)) return value;
  const text = new Intl.NumberFormat('de-DE', {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  }).format(n);
  return flag && flag !== '.' ? `${text}${NBSP}${flag}` : text;
}

/** A period as the reader expects it: 31.12.2024 → 2024, other dates as dd.mm.yyyy. */
export function periodLabel(period: string): string {
  const [y, m, d] = period.slice(0, 10).split('-');
  if (m === '12' && d === '31') return y!;
  return `${d}.${m}.${y}`;
}

export const deDate = (date: string | null) => {
  if (!date) return '';
  const [y, m, d] = date.slice(0, 10).split('-');
  return `${d}.${m}.${y}`;
};

export const esc = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

/** The table of a data block: one row per area, one column per period; reference areas last. */
export interface DataTable {
  periods: string[];
  rows: Array<{ areaName: string; values: string[]; reference?: boolean }>;
}

/** How a reference area is named in a chart's legend and its table. */
export const referenceLabel = (areaName: string) => `${areaName} (Vergleichswert)`;

export function dataTable(data: BlockData): DataTable {
  const periods = [...new Set(data.cells.map((c) => c.period))].toSorted();
  const byArea = new Map<string, { areaName: string; byPeriod: Map<string, string> }>();
  for (const c of data.cells) {
    const a = byArea.get(c.areaCode) ?? { areaName: c.areaName, byPeriod: new Map() };
    a.byPeriod.set(c.period, formatValue(c.value, c.flag, data.decimals));
    byArea.set(c.areaCode, a);
  }
  return {
    periods,
    rows: [...byArea.entries()]
      .toSorted(([a], [b]) => a.localeCompare(b))
      .map(([, a]) => ({ areaName: a.areaName, values: periods.map((p) => a.byPeriod.get(p) ?? '–') }))
      .concat(
        (data.references ?? []).map((r) => {
          const at = new Map(r.points.map((p) => [p.period, p]));
          return {
            areaName: referenceLabel(r.areaName),
            reference: true,
            values: periods.map((p) => {
              const v = at.get(p);
              return v ? formatValue(v.value, v.flag, data.decimals) : '–';
            }),
          };
        }),
      ),
  };
}

export const hasWithheld = (data: BlockData) =>
  data.cells.some((c) => c.value === null && c.flag === '.') ||
  (data.references ?? []).some((r) => r.points.some((p) => p.value === null && p.flag === '.'));

/** Where a block's numbers come from, under each figure and table. */
export function sourceLine(data: BlockData): string {
  return typography(
    `Quelle: ${data.source ?? 'eigene Erhebung'}${data.licence ? ` (Lizenz: ${data.licence})` : ''}; Indikator „${
      data.indicatorName
    }“, Datenstand ${deDate(data.takenAt)} (Version ${data.dataVersion}).${
      hasWithheld(data) ? ' „.“ = aus Gründen der Geheimhaltung nicht veröffentlicht.' : ''
    }`,
  );
}

/** The caption of a data block: its own, else the indicator with unit and the values chosen. */
export function blockCaption(caption: string | null, data: BlockData): string {
  const base = caption?.trim() || `${data.indicatorName}${data.unit ? ` (${data.unit})` : ''}`;
  return typography(data.selection ? `${base} – ${data.selection}` : base);
}

const PALETTE = ['#0b5394', '#b45309', '#2e7d32', '#6a1b9a', '#c62828', '#00838f', '#5d4037', '#37474f'];
/**
 * Reference lines: dark neutral colours (contrast ≥ 4.5:1 on white, apart from the areas' palette) and
 * their own dash patterns, so they are told apart without colour too.
 */
const REFERENCE_STYLES = [
  { color: '#1b1f24', type: [8, 4] as number[] },
  { color: '#595959', type: [2, 3] as number[] },
  { color: '#7a3e00', type: [10, 3, 2, 3] as number[] },
];

/** The chart of a data block as SVG (ECharts, server-side): bars by area, or lines over the periods. */
/** The height of a block's chart (its width is 640): known before the chart is drawn. */
export function chartHeight(data: BlockData, view: BlockView): number {
  const areaCount = new Set(data.cells.map((c) => c.areaCode)).size;
  const legend = data.references?.length ? 24 : 0;
  return view === 'areas' ? Math.max(220, 60 + areaCount * 24) + legend : 380 + legend;
}

export function chartSvg(data: BlockData, view: BlockView, width = 640): string {
  const table = dataTable(data);
  const height = chartHeight(data, view);
  const chart = echartsLib().init(null, null, { renderer: 'svg', ssr: true, width, height });
  const numeric = (code: string, period: string) => {
    const c = data.cells.find((x) => x.areaCode === code && x.period === period);
    return c?.value === null || c?.value === undefined ? null : Number(c.value);
  };
  const codes = [...new Set(data.cells.map((c) => c.areaCode))].toSorted();
  const nameOf = new Map(data.cells.map((c) => [c.areaCode, c.areaName]));
  const fmt = (v: number) =>
    new Intl.NumberFormat('de-DE', { maximumFractionDigits: data.decimals }).format(v);
  const refs = data.references ?? [];
  const refValue = (r: (typeof refs)[number], period: string) => {
    const p = r.points.find((x) => x.period === period);
    return p?.value == null ? null : Number(p.value);
  };
  const refStyle = (i: number) => REFERENCE_STYLES[i % REFERENCE_STYLES.length]!;
  const base = {
    animation: false,
    textStyle: { fontFamily: 'DejaVu Sans, Liberation Sans, Arial, sans-serif', color: '#1b1f24' },
    color: PALETTE,
  };
  if (view === 'areas') {
    const period = table.periods.at(-1) ?? '';
    // Reference values as dashed vertical lines across the bars, named in a legend below.
    const refSeries = refs.map((r, i) => {
      const v = refValue(r, period);
      const st = refStyle(i);
      return {
        type: 'line',
        name: referenceLabel(r.areaName),
        data: [],
        symbol: 'none',
        lineStyle: { color: st.color, type: st.type, width: 2 },
        itemStyle: { color: st.color },
        markLine:
          v === null
            ? undefined
            : {
                silent: true,
                symbol: 'none',
                lineStyle: { color: st.color, type: st.type, width: 2 },
                label: { show: false },
                data: [{ xAxis: v }],
              },
      };
    });
    chart.setOption({
      ...base,
      ...(refs.length
        ? {
            legend: {
              bottom: 0,
              left: 'center',
              type: 'plain',
              itemGap: 28,
              data: refSeries.map((x) => x.name),
            },
          }
        : {}),
      grid: { left: 10, right: 60, top: 10, bottom: 30 + (refs.length ? 24 : 0), containLabel: true },
      xAxis: { type: 'value', axisLabel: { formatter: fmt } },
      yAxis: { type: 'category', inverse: true, data: codes.map((c) => nameOf.get(c)) },
      series: [
        {
          type: 'bar',
          data: codes.map((c) => numeric(c, period)),
          itemStyle: { color: PALETTE[0] },
          label: {
            show: true,
            position: 'right',
            formatter: (p: { value: number | null }) => (p.value === null ? '.' : fmt(p.value)),
          },
        },
        ...refSeries,
      ],
    });
  } else {
    chart.setOption({
      ...base,
      legend: { bottom: 0, left: 'center', type: 'plain', itemGap: refs.length ? 28 : 10 },
      grid: {
        left: 10,
        right: 20,
        top: 20,
        bottom: 20 + Math.ceil((codes.length + refs.length) / 4) * (refs.length ? 32 : 22),
        containLabel: true,
      },
      xAxis: { type: 'category', data: table.periods.map(periodLabel) },
      yAxis: { type: 'value', axisLabel: { formatter: fmt } },
      series: [
        ...codes.map((c, i) => ({
          type: 'line',
          name: nameOf.get(c),
          data: table.periods.map((p) => numeric(c, p)),
          symbol: ['circle', 'rect', 'triangle', 'diamond'][i % 4],
          symbolSize: 6,
          lineStyle: { type: i >= PALETTE.length ? 'dashed' : 'solid' },
        })),
        // Reference areas: thicker dark lines with their own dash pattern and no markers.
        ...refs.map((r, i) => ({
          type: 'line',
          name: referenceLabel(r.areaName),
          data: table.periods.map((p) => refValue(r, p)),
          symbol: 'none',
          lineStyle: { color: refStyle(i).color, type: refStyle(i).type, width: 2.5 },
          itemStyle: { color: refStyle(i).color },
        })),
      ],
    });
  }
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

/** The height of a map block's SVG (map and legend). */
export const mapHeight = (data: BlockData) => (data.map ? data.map.height + 40 : 0);

/**
 * The choropleth of a map block as SVG: the areas coloured by their value in the latest period (classes and
 * colours as on the public portal's maps), withheld areas hatched, with the legend drawn below the map so
 * the same picture serves the HTML, the PDF and the DOCX. The values are in the table beside it.
 */
export function mapSvg(data: BlockData, uid = 'karte'): string {
  const m = data.map;
  if (!m) return '';
  const period = data.cells
    .map((c) => c.period)
    .toSorted()
    .at(-1);
  const cellOf = new Map(data.cells.filter((c) => c.period === period).map((c) => [c.areaCode, c]));
  const numbers = m.shapes.flatMap((x) => {
    const v = cellOf.get(x.areaCode)?.value;
    return v == null ? [] : [Number(v)];
  });
  const breaks = classBreaks(numbers);
  const fill = (code: string) => {
    const c = cellOf.get(code);
    if (!c || c.value === null) return c?.flag === '.' ? `url(#geheim-${uid})` : '#ffffff';
    return MAP_CLASSES[classOf(Number(c.value), breaks)]!;
  };
  const fmt = (v: number) => formatValue(String(v), null, data.decimals);
  const used = [...new Set(numbers.map((n) => classOf(n, breaks)))].toSorted((a, b) => a - b);
  const lower = [Math.min(...numbers), ...breaks];
  const legend = used.map((c, i) => {
    const from = lower[i] ?? lower[0]!;
    const next = used[i + 1];
    const label =
      next === undefined
        ? `${fmt(from)} – ${fmt(Math.max(...numbers))}`
        : `${fmt(from)} bis unter ${fmt(lower[i + 1] ?? from)}`;
    return { color: MAP_CLASSES[c]!, label };
  });
  if (m.shapes.some((x) => cellOf.get(x.areaCode)?.flag === '.' && cellOf.get(x.areaCode)?.value === null))
    legend.push({ color: `url(#geheim-${uid})`, label: 'geheim (.)' });
  const y = m.height + 8;
  const step = m.width / Math.max(1, legend.length);
  const font = 'font-family="DejaVu Sans, Liberation Sans, Arial, sans-serif" font-size="11" fill="#1b1f24"';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${m.width}" height="${mapHeight(data)}" viewBox="0 0 ${m.width} ${mapHeight(data)}">
<defs><pattern id="geheim-${uid}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#d9d9d9"/><line x1="0" y1="0" x2="0" y2="6" stroke="#525252" stroke-width="2"/></pattern></defs>
<rect width="100%" height="100%" fill="#ffffff"/>
${m.shapes.map((x) => `<path d="${esc(x.d)}" fill="${fill(x.areaCode)}" stroke="#3d4a57" stroke-width="1"><title>${esc(cellOf.get(x.areaCode)?.areaName ?? x.areaCode)}: ${esc(formatValue(cellOf.get(x.areaCode)?.value ?? null, cellOf.get(x.areaCode)?.flag ?? null, data.decimals))}</title></path>`).join('\n')}
${legend
  .map(
    (l, i) =>
      `<rect x="${(i * step + 4).toFixed(1)}" y="${y}" width="16" height="16" fill="${l.color}" stroke="#3d4a57"/><text x="${(i * step + 24).toFixed(1)}" y="${y + 12}" ${font}>${esc(l.label)}</text>`,
  )
  .join('\n')}
</svg>`;
}

/** Short text alternative of a map (the full values are in the table next to it). */
export function mapAlt(data: BlockData): string {
  const period = data.cells
    .map((c) => c.period)
    .toSorted()
    .at(-1);
  return `Karte: ${data.indicatorName} nach Gebiet${period ? `, ${periodLabel(period)}` : ''} (dunkler = höher). Die Werte stehen in der Tabelle zur Abbildung.`;
}

export function svgToPng(svg: string, width = 1280): Buffer {
  const { Resvg } = resvgLib();
  return new Resvg(svg, {
    fitTo: { mode: 'width', value: width },
    background: '#ffffff',
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  })
    .render()
    .asPng();
}

/** Short text alternative of a chart (the full values are in the table next to it). */
export function chartAlt(data: BlockData, view: BlockView): string {
  const table = dataTable(data);
  const last = table.periods.at(-1);
  const what =
    view === 'areas'
      ? `Balkendiagramm: ${data.indicatorName} nach Gebiet${last ? `, ${periodLabel(last)}` : ''}`
      : `Liniendiagramm: ${data.indicatorName} nach Gebiet, ${table.periods
          .map(periodLabel)
          .join(' bis ')
          .replace(/ bis .* bis /, ' bis ')}`;
  const refs = data.references?.length
    ? `, verglichen mit ${data.references.map((r) => r.areaName).join(', ')} (gestrichelt)`
    : '';
  return `${what}${refs}. Die Werte stehen in der Tabelle zur Abbildung.`;
}

export interface BlockNumbers {
  figure?: number;
  table?: number;
  recommendation?: number;
}

/** Figure, table and recommendation numbers in the order of the report (one numbering per kind). */
export function numbering(report: ReportDetail): Map<string, BlockNumbers> {
  const out = new Map<string, BlockNumbers>();
  let figure = 0;
  let table = 0;
  let recommendation = 0;
  for (const c of report.chapters)
    for (const b of c.blocks) {
      if (b.kind === 'chart' || b.kind === 'map') out.set(b.id, { figure: ++figure, table: ++table });
      if (b.kind === 'table' || (b.kind === 'goal' && b.ref?.kind === 'goal' && b.ref.targets.length))
        out.set(b.id, { table: ++table });
      if (b.kind === 'recommendation') out.set(b.id, { recommendation: ++recommendation });
      if (b.kind === 'image') out.set(b.id, { figure: ++figure });
      if (b.kind === 'finding') out.set(b.id, { table: ++table });
    }
  return out;
}

/* ---------- key figure ---------- */

export interface KeyFigure {
  areaName: string;
  period: string;
  value: string;
  unit: string | null;
  /** Compared with the period before (null: no earlier value, or one of both withheld). */
  trend: { direction: 'up' | 'down' | 'same'; text: string } | null;
}

/**
 * A key figure: the value of the chosen area (else the first area with a value) in the latest period,
 * with its change against the period before.
 */
export function keyFigure(data: BlockData, areaCode: string | null): KeyFigure | null {
  const cells = keyFigureCells(data, areaCode);
  if (!cells) return null;
  const { now, before } = cells;
  let trend: KeyFigure['trend'] = null;
  if (now.value !== null && before?.value != null) {
    const diff = Number(now.value) - Number(before.value);
    const amount = formatValue(String(Math.abs(diff)), null, data.decimals);
    const since = `gegenüber ${periodLabel(before.period)}`;
    trend =
      Math.abs(diff) < 0.5 * 10 ** -data.decimals
        ? { direction: 'same', text: `unverändert ${since}` }
        : diff > 0
          ? { direction: 'up', text: `gestiegen um ${amount} ${since}` }
          : { direction: 'down', text: `gesunken um ${amount} ${since}` };
  }
  return {
    areaName: now.areaName,
    period: periodLabel(now.period),
    value: formatValue(now.value, now.flag, data.decimals),
    unit: data.unit,
    trend,
  };
}

/* ---------- steering blocks ---------- */

export const RECOMMENDATION_STATUS_DE: Record<string, string> = RECOMMENDATION_STATUS_LABELS;

/** A decimal text of the steering module ('12.5') in German. */
export const decimalDe = (v: string | null, flag: string | null = null) => {
  if (v === null) return flag ?? '–';
  const decimals = v.includes('.') ? v.split('.')[1]!.length : 0;
  return formatValue(v, flag, Math.min(decimals, 2));
};

/** The rows of a goal's target table (header first). */
export function goalTable(goal: GoalRef): string[][] {
  return [
    ['Indikator', 'Gebiet', 'Ausgangswert', 'Zielwert', 'Aktueller Wert', 'Fortschritt'],
    ...goal.targets.map((t) => [
      `${t.indicatorName}${t.unit ? ` (${t.unit})` : ''}`,
      t.areaName,
      `${decimalDe(t.baselineValue)} (${periodLabel(t.baselinePeriod)})`,
      `${decimalDe(t.targetValue)} (${periodLabel(t.targetPeriod)})`,
      t.latestPeriod ? `${decimalDe(t.latestValue, t.latestFlag)} (${periodLabel(t.latestPeriod)})` : '–',
      t.progressLabel,
    ]),
  ];
}

/** The values a finding cites (from the public view): area and value in the finding's period. */
export function findingTable(f: FindingRef): string[][] {
  return [
    ['Gebiet', `${f.indicatorName}${f.unit ? ` (${f.unit})` : ''}, ${periodLabel(f.period)}`],
    ...f.values.map((v) => [v.areaName, formatValue(v.value, v.flag, f.decimals)]),
  ];
}

/** The source line under a finding. */
export const findingSource = (f: FindingRef) =>
  typography(
    `Quelle: Ziele und Steuerung (Befund); Werte aus dem Bildungsmonitoring (öffentliche Sicht, „.“ = aus Gründen der Geheimhaltung nicht ausgewiesen), Stand ${deDate(f.takenAt)}.`,
  );

/** The line under a goal: period, owner, overall progress. */
export function goalMeta(goal: GoalRef): string {
  return [
    goal.periodStart || goal.periodEnd
      ? `Zeitraum ${deDate(goal.periodStart) || '…'} bis ${deDate(goal.periodEnd) || '…'}`
      : null,
    goal.owner ? `Verantwortlich: ${goal.owner}` : null,
    `Stand: ${goal.progressLabel}`,
  ]
    .filter(Boolean)
    .join(' · ');
}
