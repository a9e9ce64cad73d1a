/*
 * Dates of a meeting series: the same wall-clock time in Europe/Berlin every n weeks or months, across
 * the change to and from summer time; a monthly series on the 31st falls on the last day of shorter months.
 */

const TZ = 'Europe/Berlin';

/** Wall-clock parts of an instant in Europe/Berlin. */
function berlinParts(ms: number) {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: TZ,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(ms));
  const n = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  return { y: n('year'), m: n('month'), d: n('day'), h: n('hour'), min: n('minute'), s: n('second') };
}

/** The instant of a Berlin wall-clock time (the offset of that day, not of today). */
function fromBerlin(y: number, m: number, d: number, h: number, min: number, s: number): number {
  const asUtc = Date.UTC(y, m - 1, d, h, min, s);
  let guess = asUtc;
  for (let i = 0; i < 2; i++) {
    const p = berlinParts(guess);
    const offset = Date.UTC(p.y, p.m - 1, p.d, p.h, p.min, p.s) - guess;
    guess = asUtc - offset;
  }
  return guess;
}

/** `iso` moved by whole weeks or months at the same Berlin wall-clock time (ISO string, UTC). */
export function shiftBerlin(iso: string, step: { weeks?: number; months?: number }): string {
  const p = berlinParts(Date.parse(iso));
  let { y, m, d } = p;
  if (step.weeks) {
    const day = new Date(Date.UTC(y, m - 1, d + 7 * step.weeks));
    y = day.getUTCFullYear();
    m = day.getUTCMonth() + 1;
    d = day.getUTCDate();
  }
  if (step.months) {
    const total = y * 12 + (m - 1) + step.months;
    y = Math.floor(total / 12);
    m = (total % 12) + 1;
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    d = Math.min(d, last);
  }
  return new Date(fromBerlin(y, m, d, p.h, p.min, p.s)).toISOString();
}
