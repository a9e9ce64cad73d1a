/** Pure helpers of the steering pages (tested in model.test.ts). */
import type { Lang } from '../i18n';

/** A decimal string ('.' separator) for display: German separators, at most `max` fraction digits. */
export function formatDecimal(value: string | null | undefined, lang: Lang, max = 2, min = 0): string {
  if (value === null || value === undefined || value === '') return '–';
  const n = Number(value);
  if (!Number.isFinite(n)) return value;
  return new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'de-DE', {
    maximumFractionDigits: max,
    minimumFractionDigits: min,
  }).format(n);
}

/** An amount in EUR with cents („4.200.000,00 €“), or „–“. */
export const formatEuro = (value: string | null, lang: Lang): string =>
  value === null ? '–' : `${formatDecimal(value, lang, 2, 2)} €`;

/** A rate (0.034) as a percentage per year („3,4 %“). */
export function formatRate(value: string | null, lang: Lang): string {
  if (value === null) return '–';
  return new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'de-DE', {
    style: 'percent',
    maximumFractionDigits: 1,
  }).format(Number(value));
}

/** A number typed in German or English („45,5“, „1.234,5“, „45.5“) as a decimal string, or null. */
export function parseDecimalInput(text: string): string | null {
  const t = text.trim().replace(/\s/g, '');
  if (!t) return null;
  let normalized: string;
  if (/^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(t)) normalized = t.replace(/\./g, '').replace(',', '.');
  else if (/^-?\d+,\d+$/.test(t)) normalized = t.replace(',', '.');
  else if (/^-?\d+(\.\d+)?$/.test(t)) normalized = t;
  else return null;
  return normalized;
}

export interface ChartPoint {
  x: number;
  y: number;
}

/** Scales for a small line chart: periods (ISO dates) on x, values on y, into a width × height box. */
export function chartScales(
  periods: readonly string[],
  values: readonly number[],
  width: number,
  height: number,
  pad = 8,
) {
  const times = periods.map((p) => Date.parse(`${p}T00:00:00Z`));
  const minX = Math.min(...times);
  const maxX = Math.max(...times);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const spanY = hi - lo || Math.abs(hi) || 1;
  const minY = lo - spanY * 0.1;
  const maxY = hi + spanY * 0.1;
  return {
    x: (p: string) => pad + ((Date.parse(`${p}T00:00:00Z`) - minX) / (maxX - minX || 1)) * (width - 2 * pad),
    y: (v: number) => height - pad - ((v - minY) / (maxY - minY)) * (height - 2 * pad),
    minY,
    maxY,
  };
}

/** Dimension selection as a stable key and a readable label. */
export const dimsKey = (dims: Record<string, string>) =>
  Object.keys(dims)
    .toSorted()
    .map((k) => `${k}:${dims[k]}`)
    .join(',');

/**
 * Positions (percent of the width) of measures on a timeline from the first start to the last end
 * (or milestone); a measure without an end runs to the timeline's end, one without a start is left out.
 */
export function timelineLayout(
  measures: ReadonlyArray<{
    id: string;
    startOn: string | null;
    endOn: string | null;
    milestones: ReadonlyArray<{ dueOn: string }>;
  }>,
  today: string,
) {
  const dated = measures.filter((m) => m.startOn);
  if (!dated.length) return null;
  const dates = dated.flatMap((m) => [
    m.startOn!,
    ...(m.endOn ? [m.endOn] : []),
    ...m.milestones.map((x) => x.dueOn),
  ]);
  const first = dates.reduce((a, b) => (a < b ? a : b));
  const last = [...dates, today].reduce((a, b) => (a > b ? a : b));
  const from = Date.parse(`${first.slice(0, 4)}-01-01T00:00:00Z`);
  const to = Date.parse(`${Number(last.slice(0, 4)) + 1}-01-01T00:00:00Z`);
  const pct = (d: string) => ((Date.parse(`${d}T00:00:00Z`) - from) / (to - from)) * 100;
  const years: number[] = [];
  for (let y = Number(first.slice(0, 4)); y <= Number(last.slice(0, 4)); y++) years.push(y);
  return {
    years: years.map((y) => ({ year: y, left: pct(`${y}-01-01`) })),
    today: pct(today),
    rows: dated.map((m) => {
      const left = pct(m.startOn!);
      const right = m.endOn ? pct(m.endOn) : 100;
      return {
        id: m.id,
        left,
        width: Math.max(0.5, right - left),
        open: !m.endOn,
        milestones: m.milestones.map((x) => pct(x.dueOn)),
      };
    }),
  };
}
