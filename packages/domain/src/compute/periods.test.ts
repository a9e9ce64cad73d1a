import { describe, expect, it } from 'vitest';
import type { Period } from '../statistics/types';
import {
  comparePeriods,
  convertPeriod,
  periodLabel,
  resolveInputPeriod,
  resolveInputPeriodDetailed,
  shiftDate,
} from './index';

const date = (d: string): Period => ({ type: 'date', date: d });
const year = (y: number): Period => ({ type: 'year', date: `${y}-01-01` });
const half = (d: string): Period => ({ type: 'half_year', date: d });
const school = (y: number): Period => ({ type: 'school_year', date: `${y}-08-01` });

describe('periodLabel', () => {
  it('German and English labels per type', () => {
    expect(periodLabel(year(2015), 'de')).toBe('2015');
    expect(periodLabel(year(2015), 'en')).toBe('2015');
    expect(periodLabel(date('2015-12-31'), 'de')).toBe('31.12.2015');
    expect(periodLabel(date('2016-03-01'), 'de')).toBe('01.03.2016');
    expect(periodLabel(date('2015-12-31'), 'en')).toBe('31 Dec 2015');
    expect(periodLabel(half('2015-01-01'), 'de')).toBe('1. Hj. 2015');
    expect(periodLabel(half('2015-07-01'), 'de')).toBe('2. Hj. 2015');
    expect(periodLabel(half('2015-01-01'), 'en')).toBe('H1 2015');
    expect(periodLabel(half('2015-07-01'), 'en')).toBe('H2 2015');
    expect(periodLabel(school(2015), 'de')).toBe('2015/16');
    expect(periodLabel(school(1999), 'en')).toBe('1999/00');
  });
  it('refuses malformed dates', () => {
    expect(() => periodLabel(date('31.12.2015'))).toThrow(/Ungültiges Datum/);
  });
});

describe('comparePeriods / convertPeriod', () => {
  it('sorts by date, then by type', () => {
    const list = [date('2016-03-01'), year(2016), date('2015-12-31'), school(2015), year(2015)];
    expect(list.toSorted(comparePeriods)).toEqual([
      year(2015),
      school(2015),
      date('2015-12-31'),
      year(2016),
      date('2016-03-01'),
    ]);
  });
  it('converts a Stichtag into the year, half year and school year that contain it', () => {
    expect(convertPeriod(date('2016-03-01'), 'year')).toEqual(year(2016));
    expect(convertPeriod(date('2016-03-01'), 'half_year')).toEqual(half('2016-01-01'));
    expect(convertPeriod(date('2016-09-15'), 'half_year')).toEqual(half('2016-07-01'));
    expect(convertPeriod(date('2016-03-01'), 'school_year')).toEqual(school(2015));
    expect(convertPeriod(date('2016-08-01'), 'school_year')).toEqual(school(2016));
    expect(convertPeriod(year(2016), 'date')).toEqual(date('2016-01-01'));
  });
});

describe('shiftDate', () => {
  it.each([
    ['2016-03-01', 0, -2, '2016-01-01'],
    ['2016-03-01', -1, 0, '2015-03-01'],
    ['2016-03-01', -1, -2, '2015-01-01'],
    ['2016-01-15', 0, -1, '2015-12-15'],
    ['2015-12-31', 0, 1, '2016-01-31'],
    ['2015-11-15', 0, 14, '2017-01-15'],
    ['2016-03-31', 0, -1, '2016-02-29'],
    ['2015-03-31', 0, -1, '2015-02-28'],
    ['2016-02-29', -1, 0, '2015-02-28'],
  ] as const)('%s %+i y %+i m → %s', (d, y, m, e) => expect(shiftDate(d, y, m)).toBe(e));
});

describe('resolveInputPeriod', () => {
  const march2016 = date('2016-03-01');

  it("'same': identical type and date only", () => {
    expect(resolveInputPeriod(march2016, 'same', [date('2015-03-01'), march2016])).toEqual(march2016);
    expect(resolveInputPeriod(march2016, 'same', [year(2016)])).toBeNull();
    expect(resolveInputPeriod(year(2016), 'same', [year(2015), year(2016)])).toEqual(year(2016));
  });

  it("'previous-year-end': 31.12. of the previous year; for year-typed inputs the previous year", () => {
    const dec = [date('2014-12-31'), date('2015-12-31'), date('2016-12-31')];
    expect(resolveInputPeriod(march2016, 'previous-year-end', dec)).toEqual(date('2015-12-31'));
    expect(resolveInputPeriod(march2016, 'previous-year-end', [year(2014), year(2015), year(2016)])).toEqual(
      year(2015),
    );
    expect(resolveInputPeriod(march2016, 'previous-year-end', [date('2015-12-30')])).toBeNull();
    expect(resolveInputPeriod(march2016, 'previous-year-end', [date('2016-12-31')])).toBeNull();
    expect(resolveInputPeriod(year(2016), 'previous-year-end', dec)).toEqual(date('2015-12-31'));
    expect(resolveInputPeriod(school(2015), 'previous-year-end', dec)).toEqual(date('2014-12-31'));
    // a Stichtag on 31.12. wins over a year period
    expect(resolveInputPeriod(march2016, 'previous-year-end', [year(2015), date('2015-12-31')])).toEqual(
      date('2015-12-31'),
    );
  });

  it("'same-year': the one period of the calendar year, otherwise ambiguous", () => {
    expect(resolveInputPeriod(march2016, 'same-year', [year(2015), year(2016)])).toEqual(year(2016));
    expect(resolveInputPeriod(march2016, 'same-year', [date('2016-12-31'), date('2015-12-31')])).toEqual(
      date('2016-12-31'),
    );
    const halves = [half('2016-01-01'), half('2016-07-01')];
    expect(resolveInputPeriod(march2016, 'same-year', halves)).toBeNull();
    expect(resolveInputPeriodDetailed(march2016, 'same-year', halves)).toMatchObject({
      period: null,
      reason: 'ambiguous',
    });
    expect(resolveInputPeriodDetailed(march2016, 'same-year', [year(2015)])).toMatchObject({
      period: null,
      reason: 'missing',
    });
  });

  it("'latest-before': the latest period on or before the output's date", () => {
    expect(
      resolveInputPeriod(march2016, 'latest-before', [date('2015-12-31'), march2016, date('2016-06-30')]),
    ).toEqual(march2016);
    expect(
      resolveInputPeriod(march2016, 'latest-before', [
        date('2014-12-31'),
        date('2015-12-31'),
        date('2016-06-30'),
      ]),
    ).toEqual(date('2015-12-31'));
    expect(resolveInputPeriod(march2016, 'latest-before', [date('2016-06-30')])).toBeNull();
    // same reference day, different types: the output's type is preferred
    expect(resolveInputPeriod(march2016, 'latest-before', [year(2016), date('2016-01-01')])).toEqual(
      date('2016-01-01'),
    );
  });

  it('{ shift }: the period whose date is shifted by years and months', () => {
    expect(resolveInputPeriod(march2016, { shift: { years: -1 } }, [date('2015-03-01'), march2016])).toEqual(
      date('2015-03-01'),
    );
    expect(resolveInputPeriod(march2016, { shift: { months: -2 } }, [date('2016-01-01')])).toEqual(
      date('2016-01-01'),
    );
    expect(resolveInputPeriod(year(2016), { shift: { years: -1 } }, [year(2014), year(2015)])).toEqual(
      year(2015),
    );
    expect(resolveInputPeriod(school(2016), { shift: { years: -2 } }, [school(2014), school(2015)])).toEqual(
      school(2014),
    );
    expect(resolveInputPeriod(march2016, { shift: { years: -1 } }, [date('2015-03-02')])).toBeNull();
  });
});
