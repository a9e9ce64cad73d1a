/**
 * Birth-date intervals: who is of which single year of age on a reference date, who enters school in which
 * school year under the Land's Stichtag rule, who is U3/Ü3 on the Kita count day.
 *
 * Dates are ISO strings; intervals are inclusive day ranges [from, to] as ISO dates. Ages follow the
 * calendar: a child born on b is a years old on day r when b + a years ≤ r < b + (a + 1) years
 * (29 February birthdays fall on 28 February in common years).
 */

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const CUTOFF_RE = /^(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

export interface DateInterval {
  /** First birth date (inclusive), ISO. */
  from: string;
  /** Last birth date (inclusive), ISO. */
  to: string;
}

function parts(date: string, field: string): { y: number; m: number; d: number } {
  const m = DATE_RE.exec(date);
  if (!m)
    throw new RangeError(
      `${field}: ungültiges Datum „${date.slice(0, 20)}“ (erwartet JJJJ-MM-TT) / invalid date`,
    );
  const p = { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
  if (p.m < 1 || p.m > 12 || p.d < 1 || p.d > daysInMonth(p.y, p.m)) {
    throw new RangeError(`${field}: ungültiges Datum „${date}“ / invalid date`);
  }
  return p;
}

const daysInMonth = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();
const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** Day number (days since 1970-01-01) of an ISO date. */
export function dayNumber(date: string, field = 'date'): number {
  const { y, m, d } = parts(date, field);
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

/** ISO date of a day number. */
export function dateOfDay(day: number): string {
  const dt = new Date(day * DAY_MS);
  return `${pad(dt.getUTCFullYear(), 4)}-${pad(dt.getUTCMonth() + 1)}-${pad(dt.getUTCDate())}`;
}

/** The date `years` years later (earlier for negative), 29.02. → 28.02. in common years. */
export function addYears(date: string, years: number): string {
  const { y, m, d } = parts(date, 'date');
  const ny = y + years;
  return `${pad(ny, 4)}-${pad(m)}-${pad(Math.min(d, daysInMonth(ny, m)))}`;
}

export function addDays(date: string, days: number): string {
  return dateOfDay(dayNumber(date) + days);
}

/** Number of days of an interval (0 when empty). */
export function intervalDays(i: DateInterval): number {
  return Math.max(0, dayNumber(i.to) - dayNumber(i.from) + 1);
}

/** Overlap of two intervals in days. */
export function overlapDays(a: DateInterval, b: DateInterval): number {
  const from = Math.max(dayNumber(a.from), dayNumber(b.from));
  const to = Math.min(dayNumber(a.to), dayNumber(b.to));
  return Math.max(0, to - from + 1);
}

/** Birth dates of the children who are `age` years old on `referenceDate`. */
export function birthIntervalOfAge(referenceDate: string, age: number): DateInterval {
  if (!Number.isInteger(age) || age < 0) throw new RangeError(`Alter ${age} ungültig / invalid age`);
  return {
    from: addDays(addYears(referenceDate, -(age + 1)), 1),
    to: addYears(referenceDate, -age),
  };
}

/**
 * Birth dates of children who are at least `minAge` and below `maxAge` years old on `date`
 * (e.g. U3 entitlement: 1 ≤ age < 3).
 */
export function birthIntervalOfAgeRange(date: string, minAge: number, maxAge: number): DateInterval {
  return { from: addDays(addYears(date, -maxAge), 1), to: addYears(date, -minAge) };
}

/**
 * School entry rule of a Land: children whose 6th birthday falls on or before the cutoff day („Stichtag“,
 * 'MM-DD') of the calendar year in which the school year starts enter grade 1 on 1 August of that year.
 * `byYear` holds cutoffs that differ for single school years (a Land moving its Stichtag).
 */
export interface SchoolEntryRule {
  cutoff: string;
  byYear?: Readonly<Record<number, string>>;
  /** Age at school entry (default 6). */
  entryAge?: number;
}

/** The two common variants; the Land's school law decides (see docs/entitlement.md). */
export const SCHOOL_ENTRY_CUTOFFS = { '30.06.': '06-30', '30.09.': '09-30' } as const;
/** Default rule: 30 September. */
export const DEFAULT_SCHOOL_ENTRY_RULE: SchoolEntryRule = { cutoff: '09-30' };

/** Check a cutoff 'MM-DD' (29 February is not allowed: it does not exist every year). */
export function checkCutoff(cutoff: string, field = 'cutoff'): void {
  const m = CUTOFF_RE.exec(cutoff);
  const month = Number(m?.[1]);
  const day = Number(m?.[2]);
  if (!m || month < 1 || month > 12 || day < 1 || day > daysInMonth(2001, month)) {
    throw new RangeError(
      `${field}: Stichtag „${cutoff.slice(0, 10)}“ ungültig (erwartet MM-TT, z. B. 09-30) / invalid cutoff`,
    );
  }
}

/** Cutoff date (ISO) of the school year starting in `schoolYear`. */
export function cutoffDate(rule: SchoolEntryRule, schoolYear: number): string {
  const c = rule.byYear?.[schoolYear] ?? rule.cutoff;
  checkCutoff(c);
  return `${pad(schoolYear, 4)}-${c}`;
}

/**
 * Birth dates of the children due to enter grade 1 in `schoolYear` (before Rückstellungen): 6th birthday
 * after the previous year's cutoff and on or before this year's cutoff.
 * Stichtag 30.09., 2026/27 → born 01.10.2019 – 30.09.2020.
 */
export function schoolEntryBirthInterval(rule: SchoolEntryRule, schoolYear: number): DateInterval {
  const age = rule.entryAge ?? 6;
  return {
    from: addDays(addYears(cutoffDate(rule, schoolYear - 1), -age), 1),
    to: addYears(cutoffDate(rule, schoolYear), -age),
  };
}

/** Start of a school year / Kita year: 1 August. */
export function schoolYearStart(schoolYear: number): string {
  return `${pad(schoolYear, 4)}-08-01`;
}

/**
 * Kita count day inside the Kita year starting 1 August `schoolYear`, from 'MM-DD' (default '03-01', the
 * reference day of the Kinder- und Jugendhilfestatistik): months before August belong to the next
 * calendar year.
 */
export function kitaCountDate(schoolYear: number, countDay = '03-01'): string {
  checkCutoff(countDay, 'kitaCountDay');
  const month = Number(countDay.slice(0, 2));
  return `${pad(month >= 8 ? schoolYear : schoolYear + 1, 4)}-${countDay}`;
}
