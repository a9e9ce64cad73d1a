/** Period labels, ordering, conversion and the input period rules of computed indicators. */
import type { Period, PeriodType } from '../statistics/types';
import type { PeriodRule } from './types';

export type Lang = 'de' | 'en';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const TYPE_ORDER: Record<PeriodType, number> = { year: 0, half_year: 1, school_year: 2, date: 3 };

function parts(date: string): { y: number; m: number; d: number } {
  const m = DATE_RE.exec(date);
  if (!m) throw new RangeError(`Ungültiges Datum „${date}“ (erwartet JJJJ-MM-TT) / invalid date`);
  return { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
const iso = (y: number, m: number, d: number): string => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;

/** Calendar year of a period's reference date (school year 2015/16 → 2015). */
export function periodYear(period: Period): number {
  return parts(period.date).y;
}

/** Identity key of a period ('date:2015-12-31'). */
export function periodKey(period: Period): string {
  return `${period.type}:${period.date}`;
}

export function samePeriod(a: Period, b: Period): boolean {
  return a.type === b.type && a.date === b.date;
}

/** year '2015'; date '31.12.2015' / '31 Dec 2015'; half_year '1. Hj. 2015' / 'H1 2015'; school_year '2015/16'. */
export function periodLabel(period: Period, lang: Lang = 'de'): string {
  const { y, m, d } = parts(period.date);
  switch (period.type) {
    case 'year':
      return String(y);
    case 'date':
      return lang === 'de' ? `${pad(d)}.${pad(m)}.${y}` : `${d} ${MONTHS_EN[m - 1]} ${y}`;
    case 'half_year': {
      const h = m < 7 ? 1 : 2;
      return lang === 'de' ? `${h}. Hj. ${y}` : `H${h} ${y}`;
    }
    case 'school_year':
      return `${y}/${pad((y + 1) % 100)}`;
  }
}

/** Sort order: by reference date, then year < half_year < school_year < date. */
export function comparePeriods(a: Period, b: Period): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  return TYPE_ORDER[a.type] - TYPE_ORDER[b.type];
}

/**
 * The period of another type that contains `period`'s reference date: year → YYYY-01-01,
 * half_year → YYYY-01-01 / YYYY-07-01, school_year → the school year (1 Aug) containing it, date → same day.
 */
export function convertPeriod(period: Period, type: PeriodType): Period {
  if (period.type === type) return period;
  const { y, m } = parts(period.date);
  switch (type) {
    case 'year':
      return { type, date: iso(y, 1, 1) };
    case 'half_year':
      return { type, date: iso(y, m < 7 ? 1 : 7, 1) };
    case 'school_year':
      return { type, date: iso(m >= 8 ? y : y - 1, 8, 1) };
    case 'date':
      return { type, date: period.date };
  }
}

const daysInMonth = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** Shift an ISO date by years and months; the day is clamped to the month's length (31.03. − 1 month → 28./29.02.). */
export function shiftDate(date: string, years = 0, months = 0): string {
  const { y, m, d } = parts(date);
  const total = y * 12 + (m - 1) + years * 12 + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  return iso(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

export type PeriodResolution =
  { period: Period } | { period: null; reason: 'missing' | 'ambiguous'; candidates: Period[] };

function pick(candidates: Period[], output: Period): PeriodResolution {
  if (candidates.length === 1) return { period: candidates[0]! };
  if (candidates.length === 0) return { period: null, reason: 'missing', candidates };
  const sameType = candidates.filter((c) => c.type === output.type);
  if (sameType.length === 1) return { period: sameType[0]! };
  return { period: null, reason: 'ambiguous', candidates };
}

function dedupe(periods: readonly Period[]): Period[] {
  const seen = new Map<string, Period>();
  for (const p of periods) if (!seen.has(periodKey(p))) seen.set(periodKey(p), p);
  return [...seen.values()];
}

/** Like `resolveInputPeriod`, but says why nothing was found ('missing' or 'ambiguous'). */
export function resolveInputPeriodDetailed(
  output: Period,
  rule: PeriodRule,
  available: readonly Period[],
): PeriodResolution {
  const avail = dedupe(available);
  const y = periodYear(output);
  if (rule === 'same') {
    return pick(
      avail.filter((p) => samePeriod(p, output)),
      output,
    );
  }
  if (rule === 'previous-year-end') {
    const dec31 = iso(y - 1, 12, 31);
    const byDate = avail.filter((p) => p.type === 'date' && p.date === dec31);
    if (byDate.length > 0) return pick(byDate, output);
    return pick(
      avail.filter((p) => p.type === 'year' && periodYear(p) === y - 1),
      output,
    );
  }
  if (rule === 'same-year') {
    const c = avail.filter((p) => periodYear(p) === y);
    // Unique by definition: several periods in the year are ambiguous, even of the output's type.
    return c.length === 1
      ? { period: c[0]! }
      : { period: null, reason: c.length ? 'ambiguous' : 'missing', candidates: c };
  }
  if (rule === 'latest-before') {
    const before = avail.filter((p) => p.date <= output.date);
    if (before.length === 0) return { period: null, reason: 'missing', candidates: [] };
    const latest = before.reduce((a, b) => (b.date > a.date ? b : a)).date;
    return pick(
      before.filter((p) => p.date === latest),
      output,
    );
  }
  const target = shiftDate(output.date, rule.shift.years ?? 0, rule.shift.months ?? 0);
  return pick(
    avail.filter((p) => p.date === target),
    output,
  );
}

/**
 * The input period that belongs to an output period, or null when none (or no unique one) is available.
 * - 'same': the identical period (type and date).
 * - 'previous-year-end': 31 Dec of the year before the output's year; for year-typed inputs the previous year.
 * - 'same-year': the only input period in the output's calendar year.
 * - 'latest-before': the latest input period whose reference date is on or before the output's.
 * - { shift }: the input period whose reference date is the output's shifted by years/months.
 * When several periods of different types qualify, the one of the output's type is taken.
 */
export function resolveInputPeriod(
  output: Period,
  rule: PeriodRule,
  available: readonly Period[],
): Period | null {
  return resolveInputPeriodDetailed(output, rule, available).period;
}

/** What the rule looks for, as German/English phrase for messages ('31.12.2015', 'im Jahr 2015', …). */
export function describeTarget(output: Period, rule: PeriodRule, lang: Lang = 'de'): string {
  const y = periodYear(output);
  const de = lang === 'de';
  if (rule === 'same') return periodPhrase(output, lang);
  if (rule === 'previous-year-end')
    return de ? `am 31.12.${y - 1} (bzw. ${y - 1})` : `on 31 Dec ${y - 1} (or ${y - 1})`;
  if (rule === 'same-year') return de ? `im Jahr ${y}` : `in ${y}`;
  if (rule === 'latest-before') {
    return de
      ? `am oder vor dem ${periodLabel({ type: 'date', date: output.date }, 'de')}`
      : `on or before ${periodLabel({ type: 'date', date: output.date }, 'en')}`;
  }
  const target = shiftDate(output.date, rule.shift.years ?? 0, rule.shift.months ?? 0);
  return (de ? 'am ' : 'on ') + periodLabel({ type: 'date', date: target }, lang);
}

/** A period inside a sentence: 'am 31.12.2015', 'für 2015', 'für das Schuljahr 2015/16'. */
export function periodPhrase(period: Period, lang: Lang = 'de'): string {
  const label = periodLabel(period, lang);
  if (lang === 'de') {
    if (period.type === 'date') return `am ${label}`;
    if (period.type === 'school_year') return `für das Schuljahr ${label}`;
    return `für ${label}`;
  }
  if (period.type === 'date') return `on ${label}`;
  if (period.type === 'school_year') return `for school year ${label}`;
  return `for ${label}`;
}

/** A period rule as text ('previous-year-end', '{ shift: { years: -1 } }'). */
export function periodRuleText(rule: PeriodRule): string {
  if (typeof rule === 'string') return rule;
  const p: string[] = [];
  if (rule.shift.years !== undefined) p.push(`years: ${rule.shift.years}`);
  if (rule.shift.months !== undefined) p.push(`months: ${rule.shift.months}`);
  return `{ shift: { ${p.join(', ')} } }`;
}
