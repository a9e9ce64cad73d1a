import { describe, expect, it } from 'vitest';
import { shiftBerlin } from './series';

describe('dates of a meeting series (Europe/Berlin wall-clock time)', () => {
  it('keeps 10:00 local across the change to summer time', () => {
    // 21 March 2027 10:00 CET = 09:00 UTC; summer time starts on 28 March 2027.
    expect(shiftBerlin('2027-03-21T09:00:00.000Z', { weeks: 1 })).toBe('2027-03-28T08:00:00.000Z');
    expect(shiftBerlin('2027-03-21T09:00:00.000Z', { weeks: 0 })).toBe('2027-03-21T09:00:00.000Z');
  });
  it('keeps the local time across the change back to winter time', () => {
    expect(shiftBerlin('2027-10-04T12:30:00.000Z', { months: 1 })).toBe('2027-11-04T13:30:00.000Z');
  });
  it('a monthly series on the 31st falls on the last day of shorter months and crosses the year', () => {
    expect(shiftBerlin('2027-01-31T16:00:00.000Z', { months: 1 })).toBe('2027-02-28T16:00:00.000Z');
    expect(shiftBerlin('2027-11-30T16:00:00.000Z', { months: 3 })).toBe('2028-02-29T16:00:00.000Z');
  });
});
