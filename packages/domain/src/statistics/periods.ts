/** Period labels as they appear in statistics files → `Period`. */
import type { Period, PeriodType } from './types';

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= days;
}

function dateOf(y: number, m: number, d: number): string | null {
  return validDate(y, m, d) ? `${pad(y, 4)}-${pad(m)}-${pad(d)}` : null;
}

const YEAR = /^(\d{4})$/;
const SCHOOL_YEAR = /^(\d{4})\s*[/-]\s*(\d{2}|\d{4})$/;
const DE_DATE = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]00:00(?::00(?:\.000)?)?Z?)?$/;
const HALF_YEAR = [
  /^([12])\.\s*(?:Halbjahr|Hj\.?|HJ)\s*(\d{4})$/i,
  /^H([12])\s*(\d{4})$/i,
  /^(\d{4})\s*[-/ ]?\s*H([12])$/i,
];

function halfYear(text: string): Period | null {
  for (const [i, re] of HALF_YEAR.entries()) {
    const m = re.exec(text);
    if (!m) continue;
    const [h, y] = i === 2 ? [m[2]!, m[1]!] : [m[1]!, m[2]!];
    return { type: 'half_year', date: `${y}-${h === '1' ? '01' : '07'}-01` };
  }
  return null;
}

function schoolYear(text: string): Period | null {
  const m = SCHOOL_YEAR.exec(text);
  if (!m) return null;
  const y = Number(m[1]);
  const second = m[2]!;
  const next = second.length === 2 ? (y + 1) % 100 : y + 1;
  if (Number(second) !== next) return null;
  return { type: 'school_year', date: `${m[1]}-08-01` };
}

function date(text: string): Period | null {
  let m = DE_DATE.exec(text);
  if (m) {
    const d = dateOf(Number(m[3]), Number(m[2]), Number(m[1]));
    return d ? { type: 'date', date: d } : null;
  }
  m = ISO_DATE.exec(text);
  if (m) {
    const d = dateOf(Number(m[1]), Number(m[2]), Number(m[3]));
    return d ? { type: 'date', date: d } : null;
  }
  return null;
}

/**
 * Read a period label. Without `type`: '2015' → year, '2015/16' → school_year (2015-08-01),
 * '31.12.2015' / '2015-12-31' → date, '1. Halbjahr 2015' / 'H2 2015' / '2015-H2' → half_year.
 * With `type` the label must fit it; a year label with type 'school_year' means the school year starting
 * that year, and a date with type 'half_year' / 'year' means the half-year / year containing it.
 * Returns null when the text is not a period (of that type).
 */
export function parsePeriod(label: string, type?: PeriodType): Period | null {
  const text = label.trim();
  if (text === '') return null;
  const year = YEAR.exec(text);
  switch (type) {
    case undefined:
      if (year) return { type: 'year', date: `${year[1]}-01-01` };
      return schoolYear(text) ?? date(text) ?? halfYear(text);
    case 'year': {
      if (year) return { type: 'year', date: `${year[1]}-01-01` };
      const d = date(text);
      return d ? { type: 'year', date: `${d.date.slice(0, 4)}-01-01` } : null;
    }
    case 'school_year':
      if (year) return { type: 'school_year', date: `${year[1]}-08-01` };
      return schoolYear(text);
    case 'half_year': {
      const h = halfYear(text);
      if (h) return h;
      const d = date(text);
      if (!d) return null;
      const month = Number(d.date.slice(5, 7));
      return { type: 'half_year', date: `${d.date.slice(0, 4)}-${month < 7 ? '01' : '07'}-01` };
    }
    case 'date':
      return date(text);
  }
}

const TYPE_ORDER: Record<PeriodType, number> = { year: 0, half_year: 1, school_year: 2, date: 3 };

/** Identity of a period, e.g. 'date:2015-12-31'. */
export function periodId(p: Period): string {
  return `${p.type}:${p.date}`;
}

/** By date, then year < half_year < school_year < date. */
export function comparePeriods(a: Period, b: Period): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  return TYPE_ORDER[a.type] - TYPE_ORDER[b.type];
}

/** Collects distinct periods; `sorted()` returns them in order. */
export class PeriodSet {
  private readonly byId = new Map<string, Period>();
  add(p: Period): void {
    const id = periodId(p);
    if (!this.byId.has(id)) this.byId.set(id, p);
  }
  sorted(): Period[] {
    return [...this.byId.values()].toSorted(comparePeriods);
  }
}
