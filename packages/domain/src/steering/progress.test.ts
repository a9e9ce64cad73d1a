/**
 * Progress status (Open SDG method) on hand-computed cases. Every expected number is derived in the
 * comment above the assertion; CAGR = (y_i/y_0)^(1/years) − 1, R = s·d·CAGR_o/|CAGR_r|.
 */
import { describe, expect, it } from 'vitest';
import type { Period } from '../statistics/types';
import {
  aggregateProgress,
  checkProgressTarget,
  computeProgress,
  directionFromPolarity,
  progressScore,
  ProgressInputError,
  yearsBetween,
} from './progress';
import type { ProgressDirection, ProgressObservation, ProgressTarget } from './progress';

const year = (y: number): Period => ({ type: 'year', date: `${y}-01-01` });
const obs = (
  y: number,
  value: string | null,
  extra: Partial<ProgressObservation> = {},
): ProgressObservation => ({
  period: year(y),
  value,
  ...extra,
});
const target = (
  direction: ProgressDirection,
  base: [number, string | null],
  goal: [number, string],
): ProgressTarget => ({
  direction,
  baseline: { period: year(base[0]), value: base[1] },
  target: { period: year(goal[0]), value: goal[1] },
});

// Higher is better: baseline 100 (2015), target 146.41 (2019). CAGR_r = 1.4641^(1/4) − 1 = 1.1 − 1 = 0.1.
const UP = target('higher_better', [2015, '100'], [2019, '146.41']);

describe('yearsBetween', () => {
  it('counts whole months exactly for year, half-year, school-year and month-end Stichtage', () => {
    expect(yearsBetween('2015-01-01', '2020-01-01').toString()).toBe('5');
    expect(yearsBetween('2015-08-01', '2020-08-01').toString()).toBe('5'); // school years 2015/16 → 2020/21
    expect(yearsBetween('2015-12-31', '2020-12-31').toString()).toBe('5');
    expect(yearsBetween('2015-06-30', '2016-12-31').toString()).toBe('1.5'); // two month ends: 18 months
    expect(yearsBetween('2016-02-29', '2017-02-28').toString()).toBe('1');
    expect(yearsBetween('2015-01-01', '2015-07-01').toString()).toBe('0.5'); // half years
  });
  it('adds remaining days as a fraction of the start month', () => {
    // 15.01. → 01.02.: 0 whole months, 17 days of January's 31 → 17/31/12 years.
    expect(yearsBetween('2015-01-15', '2015-02-01').toFixed(10)).toBe((17 / 31 / 12).toFixed(10));
  });
});

describe('computeProgress – classification (higher is better)', () => {
  it('R = 1 → auf gutem Weg', () => {
    // 2017: 121 → CAGR_o = (1.21)^(1/2) − 1 = 0.1; R = 0.1/0.1 = 1 ≥ 0.95.
    const r = computeProgress(UP, [obs(2015, '100'), obs(2016, '110'), obs(2017, '121')]);
    expect(r.status).toBe('on_track');
    expect(r.label).toEqual({ de: 'auf gutem Weg', en: 'On track' });
    expect(r.actualRate).toBe('0.100000');
    expect(r.requiredRate).toBe('0.100000');
    expect(r.ratio).toBe('1.000000');
    expect(r.latest).toEqual({ period: year(2017), value: '121', flag: null });
    expect(r.yearsElapsed).toBe('2');
    expect(r.yearsToTarget).toBe('4');
    // score = (R − 0.6)·50/7 = 0.4·50/7 = 20/7 = 2.857142… → 2.8571
    expect(r.score).toBe(2.8571);
    expect(r.reason).toBeNull();
    expect(r.caveats).toEqual([]);
  });
  it('R exactly 0.95 is still auf gutem Weg (threshold inclusive)', () => {
    // 2017: 100·1.095² = 119.9025 → CAGR_o = 0.095; R = 0.095/0.1 = 0.95.
    const r = computeProgress(UP, [obs(2017, '119.9025')]);
    expect(r.ratio).toBe('0.950000');
    expect(r.status).toBe('on_track');
  });
  it('R = 0.8 → mäßiger Fortschritt; R exactly 0.6 → mäßiger Fortschritt', () => {
    // 116.64 = 100·1.08² → CAGR_o 0.08 → R 0.8
    expect(computeProgress(UP, [obs(2017, '116.64')]).status).toBe('moderate_progress');
    // 112.36 = 100·1.06² → CAGR_o 0.06 → R 0.6
    const r = computeProgress(UP, [obs(2017, '112.36')]);
    expect(r.ratio).toBe('0.600000');
    expect(r.status).toBe('moderate_progress');
    expect(r.label.de).toBe('mäßiger Fortschritt');
    expect(r.score).toBe(0);
  });
  it('R = 0.2 → kaum Fortschritt; R = 0 → kaum Fortschritt', () => {
    // 104.04 = 100·1.02² → R 0.2; score = (0.2 − 0.6)·25/6 = −1.6667
    const r = computeProgress(UP, [obs(2017, '104.04')]);
    expect(r.status).toBe('limited_progress');
    expect(r.label.de).toBe('kaum Fortschritt');
    expect(r.score).toBe(-1.6667);
    // unchanged 100 → CAGR_o 0 → R 0 → limited (0 ≤ R < 0.6); score −2.5
    const flat = computeProgress(UP, [obs(2017, '100')]);
    expect(flat.status).toBe('limited_progress');
    expect(flat.score).toBe(-2.5);
  });
  it('R < 0 → Entwicklung in die falsche Richtung', () => {
    // 96.04 = 100·0.98² → CAGR_o −0.02 → R −0.2; score = (−0.2 − 0.6)·25/6 = −3.3333
    const r = computeProgress(UP, [obs(2017, '96.04')]);
    expect(r.status).toBe('deterioration');
    expect(r.label.de).toBe('Entwicklung in die falsche Richtung');
    expect(r.ratio).toBe('-0.200000');
    expect(r.score).toBe(-3.3333);
  });
  it('target reached → Ziel erreicht, score 5, whatever the rate', () => {
    // 2018: 146.41 ≥ 146.41 (exact comparison with the target value)
    const r = computeProgress(UP, [obs(2018, '146.41')]);
    expect(r.status).toBe('target_achieved');
    expect(r.label).toEqual({ de: 'Ziel erreicht', en: 'Target achieved' });
    expect(r.score).toBe(5);
    expect(r.ratio).toBeNull();
    // one ten-thousandth below the target is not reached
    expect(computeProgress(UP, [obs(2018, '146.4099')]).status).not.toBe('target_achieved');
  });
  it('configurable thresholds', () => {
    // R = 0.8 with onTrack lowered to 0.75 → on_track
    const r = computeProgress(UP, [obs(2017, '116.64')], { thresholds: { onTrack: '0.75' } });
    expect(r.status).toBe('on_track');
  });
});

describe('computeProgress – lower is better and negative values', () => {
  // Baseline 20 (2015), target 13.122 (2019) = 20·0.9⁴ → CAGR_r = −0.1.
  const DOWN = target('lower_better', [2015, '20'], [2019, '13.122']);
  it('falling as required → auf gutem Weg', () => {
    // 16.2 = 20·0.9² → CAGR_o = −0.1; R = (+1)(−1)(−0.1)/0.1 = 1
    const r = computeProgress(DOWN, [obs(2017, '16.2')]);
    expect(r.ratio).toBe('1.000000');
    expect(r.status).toBe('on_track');
  });
  it('falling half as fast → kaum Fortschritt', () => {
    // 18.05 = 20·0.95² → CAGR_o = −0.05; R = 0.05/0.1 = 0.5
    expect(computeProgress(DOWN, [obs(2017, '18.05')]).status).toBe('limited_progress');
  });
  it('rising → falsche Richtung; at or below target → erreicht', () => {
    expect(computeProgress(DOWN, [obs(2017, '21')]).status).toBe('deterioration');
    expect(computeProgress(DOWN, [obs(2017, '13.122')]).status).toBe('target_achieved');
    expect(computeProgress(DOWN, [obs(2017, '13')]).status).toBe('target_achieved');
  });
  it('negative baseline flips the sign (s = −1)', () => {
    // Higher is better, baseline −10 (2015), target −2.5 (2017): CAGR_r = 0.25^(1/2) − 1 = −0.5.
    // 2016: −5 → CAGR_o = 0.5 − 1 = −0.5; R = (−1)(+1)(−0.5)/0.5 = 1 → on_track.
    const neg = target('higher_better', [2015, '-10'], [2017, '-2.5']);
    expect(computeProgress(neg, [obs(2016, '-5')]).status).toBe('on_track');
    // 2016: −20 → CAGR_o = 2 − 1 = 1; R = (−1)(1)/0.5 = −2 → deterioration
    expect(computeProgress(neg, [obs(2016, '-20')]).status).toBe('deterioration');
  });
  it('sign change between baseline and latest value → zu wenig Daten (growth model undefined)', () => {
    const t = target('higher_better', [2015, '-10'], [2019, '10']);
    // target on the other side of zero: required rate undefined; linear path instead
    const r = computeProgress(t, [obs(2017, '2')]);
    expect(r.status).toBe('insufficient_data');
    expect(r.reason).toBe('sign_change');
    expect(r.requiredRate).toBeNull();
    expect(r.pathShape).toBe('linear');
    // linear path −10 → 10 over 4 years: −5, 0, 5 in between
    expect(r.expectedPath.map((p) => p.value)).toEqual([
      '-10.0000',
      '-5.0000',
      '0.0000',
      '5.0000',
      '10.0000',
    ]);
    // …but reaching the target is still recognised
    expect(computeProgress(t, [obs(2017, '12')]).status).toBe('target_achieved');
    // positive baseline, negative latest value, positive target
    const r2 = computeProgress(UP, [obs(2017, '-1')]);
    expect(r2.status).toBe('insufficient_data');
    expect(r2.reason).toBe('sign_change');
  });
});

describe('computeProgress – zero baseline and zero target (Open SDG: replaced by 0.001)', () => {
  it('zero baseline', () => {
    // baseline 0 → 0.001 (2015), target 10 (2017): CAGR_r = (10/0.001)^(1/2) − 1 = 100 − 1 = 99.
    // 2016: 1 → CAGR_o = (1/0.001)^1 − 1 = 999; R = 999/99 = 10.0909… → on_track, score 5 (clamped)
    const t = target('higher_better', [2015, '0'], [2017, '10']);
    const r = computeProgress(t, [obs(2016, '1')]);
    expect(r.requiredRate).toBe('99.000000');
    expect(r.ratio).toBe('10.090909');
    expect(r.status).toBe('on_track');
    expect(r.score).toBe(5);
    expect(r.caveats).toContain('zero_baseline_replaced');
    // 2016: 0.05 → CAGR_o = 50 − 1 = 49; R = 49/99 = 0.4949… → limited
    expect(computeProgress(t, [obs(2016, '0.05')]).status).toBe('limited_progress');
    // another replacement value changes the result (documented sensitivity): 1 → CAGR_r = 10^(1/2) − 1
    const r3 = computeProgress(t, [obs(2016, '1')], { zeroReplacement: '1' });
    // CAGR_o = 1/1 − 1 = 0 → R = 0 → limited
    expect(r3.status).toBe('limited_progress');
  });
  it('zero target, lower is better, with a cube root', () => {
    // baseline 1 (2015), target 0 → 0.001 (2018): CAGR_r = 0.001^(1/3) − 1 = 0.1 − 1 = −0.9.
    // 2016: 0.1 → CAGR_o = 0.1 − 1 = −0.9; R = (+1)(−1)(−0.9)/0.9 = 1 exactly → on_track
    const t = target('lower_better', [2015, '1'], [2018, '0']);
    const r = computeProgress(t, [obs(2016, '0.1')]);
    expect(r.caveats).toContain('zero_target_replaced');
    expect(r.ratio).toBe('1.000000');
    expect(r.status).toBe('on_track');
    // 2017: 0 ≤ target 0 → achieved (the original target value is compared, not 0.001)
    expect(computeProgress(t, [obs(2017, '0')]).status).toBe('target_achieved');
  });
  it('target equal to the baseline: required rate 0; missing it is deterioration', () => {
    const t = target('higher_better', [2015, '50'], [2018, '50']);
    const r = computeProgress(t, [obs(2016, '49')]);
    expect(r.requiredRate).toBe('0.000000');
    expect(r.ratio).toBeNull();
    expect(r.status).toBe('deterioration');
    expect(r.score).toBe(-5);
    expect(computeProgress(t, [obs(2016, '50')]).status).toBe('target_achieved');
  });
  it('target behind the baseline (baseline already meets it)', () => {
    // higher is better, baseline 100, target 90 (2019)
    const t = target('higher_better', [2015, '100'], [2019, '90']);
    const ok = computeProgress(t, [obs(2017, '95')]);
    expect(ok.status).toBe('target_achieved');
    expect(ok.caveats).toContain('target_behind_baseline');
    // 81 = 100·0.9² → CAGR_o = −0.1 < 0 → R < 0 → deterioration
    expect(computeProgress(t, [obs(2017, '81')]).status).toBe('deterioration');
  });
});

describe('computeProgress – data availability', () => {
  it('fewer than 2 values → zu wenig Daten', () => {
    expect(computeProgress(UP, []).reason).toBe('no_later_value');
    const onlyBase = computeProgress(UP, [obs(2015, '100'), obs(2014, '90')]);
    expect(onlyBase.status).toBe('insufficient_data');
    expect(onlyBase.label.de).toBe('zu wenig Daten');
    expect(onlyBase.reason).toBe('no_later_value');
    // the expected path is still there for the chart: 100·1.1^k
    expect(onlyBase.expectedPath).toEqual([
      { period: year(2015), value: '100.0000' },
      { period: year(2016), value: '110.0000' },
      { period: year(2017), value: '121.0000' },
      { period: year(2018), value: '133.1000' },
      { period: year(2019), value: '146.4100' },
    ]);
    expect(onlyBase.pathShape).toBe('exponential');
  });
  it('withheld values are never used: the latest public value is', () => {
    // 2017 withheld (disclosure control) with a value that would reach the target; 2016: 110 → R = 1
    const r = computeProgress(UP, [obs(2016, '110'), obs(2017, '200', { withheld: true })]);
    expect(r.latest?.period).toEqual(year(2016));
    expect(r.status).toBe('on_track');
    expect(r.caveats).toContain('newer_values_withheld');
    // secret / not meaningful / too uncertain flags are treated the same
    for (const flag of ['.', 'x', '/'] as const) {
      const f = computeProgress(UP, [obs(2016, '110'), obs(2017, null, { flag })]);
      expect(f.latest?.value).toBe('110');
      expect(f.caveats).toContain('newer_values_withheld');
    }
    // '...' (not yet available)
    const later = computeProgress(UP, [obs(2016, '110'), obs(2017, null, { flag: '...' })]);
    expect(later.caveats).toEqual(['newer_values_unavailable']);
  });
  it('only withheld values after the baseline → zu wenig Daten', () => {
    const r = computeProgress(UP, [obs(2016, '146.41', { withheld: true }), obs(2017, null, { flag: '.' })]);
    expect(r.status).toBe('insufficient_data');
    expect(r.reason).toBe('no_later_value');
    expect(r.latest).toBeNull();
    expect(r.actualRate).toBeNull();
  });
  it('withheld baseline (value null in this view) → zu wenig Daten without a path', () => {
    const t = target('higher_better', [2015, null], [2019, '146.41']);
    const r = computeProgress(t, [obs(2017, '121')]);
    expect(r.reason).toBe('baseline_unavailable');
    expect(r.expectedPath).toEqual([]);
  });
  it("'-' without value counts as 0", () => {
    // lower is better, baseline 20 → '-' (nothing) in 2017 is 0 ≤ target → achieved
    const t = target('lower_better', [2015, '20'], [2019, '5']);
    const r = computeProgress(t, [obs(2017, null, { flag: '-' })]);
    expect(r.status).toBe('target_achieved');
    expect(r.latest?.value).toBe('0');
  });
  it('provisional / estimated values are used with a caveat', () => {
    const r = computeProgress(UP, [obs(2017, '121', { flag: 'p' })]);
    expect(r.status).toBe('on_track');
    expect(r.latest?.flag).toBe('p');
    expect(r.caveats).toEqual(['latest_value_flagged']);
  });
  it('a revised baseline in the series is reported; the stored baseline is kept', () => {
    const r = computeProgress(UP, [obs(2015, '101', { flag: 'r' }), obs(2017, '121')]);
    expect(r.caveats).toContain('baseline_revised');
    expect(r.ratio).toBe('1.000000');
  });
});

describe('computeProgress – boundaries and periods', () => {
  const t = target('higher_better', [2019, '100'], [2023, '146.41']);
  const series = [obs(2020, '110'), obs(2021, '121')];
  it('a boundary change after the baseline makes newer values incomparable', () => {
    const r = computeProgress(t, series, { boundaryChanges: ['2021-01-01'] });
    expect(r.status).toBe('insufficient_data');
    expect(r.reason).toBe('boundary_change');
    expect(r.latest?.period).toEqual(year(2021));
  });
  it("'compare' compares across the change with a caveat", () => {
    const r = computeProgress(t, series, { boundaryChanges: ['2021-01-01'], boundaryChange: 'compare' });
    expect(r.status).toBe('on_track');
    expect(r.caveats).toContain('boundary_changed');
  });
  it('a change on or before the baseline does not matter', () => {
    expect(computeProgress(t, series, { boundaryChanges: ['2019-01-01', '2010-05-01'] }).status).toBe(
      'on_track',
    );
  });
  it('target period passed without reaching it → at most mäßiger Fortschritt', () => {
    // 2019: 145 → CAGR_o = 1.45^(1/4) − 1: √1.45 = 1.2041595, √1.2041595 = 1.0973420 → 0.097342;
    // R = 0.97342 ≥ 0.95 would be on_track, but the target year has come and 145 < 146.41.
    const r = computeProgress(UP, [obs(2019, '145')]);
    expect(r.ratio).toBe('0.973420');
    expect(r.status).toBe('moderate_progress');
    // the score (0.37342·50/7 = 2.6674) is capped below 2.5 so that aggregation agrees with the status
    expect(r.score).toBe(2.4999);
    expect(aggregateProgress([r]).status).toBe('moderate_progress');
    expect(r.caveats).toContain('target_period_passed');
    // after the target period, reaching it still counts
    expect(computeProgress(UP, [obs(2020, '150')]).status).toBe('target_achieved');
  });
  it('half-year Stichtag data use exact month distances', () => {
    // baseline 30.06.2015 = 100, target 31.12.2017 = 100·1.1^2.5; latest 31.12.2016 (1.5 years) = 100·1.1^1.5
    const half = (date: string): Period => ({ type: 'date', date });
    const tt: ProgressTarget = {
      direction: 'higher_better',
      baseline: { period: half('2015-06-30'), value: '100' },
      target: { period: half('2017-12-31'), value: '126.9058' }, // 1.1^2.5 = 1.26905870… → rounded
    };
    const r = computeProgress(tt, [{ period: half('2016-12-31'), value: '115.3690' }]); // 1.1^1.5 = 1.15368973
    expect(r.yearsElapsed).toBe('1.5');
    expect(r.yearsToTarget).toBe('2.5');
    expect(Number(r.ratio)).toBeCloseTo(1, 4);
  });
});

describe('validation', () => {
  it('rejects a target period not after the baseline', () => {
    const bad = target('higher_better', [2019, '100'], [2019, '120']);
    expect(() => computeProgress(bad, [])).toThrow(ProgressInputError);
    expect(checkProgressTarget(bad)[0]).toMatch(/Zielzeitraum 2019 muss nach dem Basiszeitraum 2019 liegen/);
    expect(checkProgressTarget(UP)).toEqual([]);
  });
  it('rejects non-decimal values and duplicate periods, naming the field', () => {
    expect(() => computeProgress(UP, [obs(2017, '1,5')])).toThrow(/observations\[0\]\.value/);
    expect(() => computeProgress(UP, [obs(2017, '1'), obs(2017, '2')])).toThrow(/doppelt/);
    expect(checkProgressTarget(target('higher_better', [2015, 'abc'], [2019, '1']))[0]).toMatch(
      /baseline\.value/,
    );
  });
  it('direction from polarity', () => {
    expect(directionFromPolarity('higher_better')).toBe('higher_better');
    expect(directionFromPolarity('lower_better')).toBe('lower_better');
    expect(directionFromPolarity('neutral', '10', '12')).toBe('higher_better');
    expect(directionFromPolarity('neutral', '10', '8')).toBe('lower_better');
    expect(directionFromPolarity('neutral', '10', '10')).toBeNull();
  });
});

describe('score and aggregation (Open SDG)', () => {
  it('score is linear with Open SDG breakpoints', () => {
    expect(progressScore('0.95')).toBe(2.5); // (0.35)·50/7
    expect(progressScore('1.3')).toBe(5);
    expect(progressScore('2')).toBe(5);
    expect(progressScore('0')).toBe(-2.5); // (−0.6)·25/6
    expect(progressScore('-0.6')).toBe(-5);
    expect(progressScore('-3')).toBe(-5);
  });
  it('mean score decides; achieved only when all are achieved', () => {
    // (5 + 0)/2 = 2.5 → on_track
    const agg = aggregateProgress([
      { status: 'target_achieved', score: 5 },
      { status: 'moderate_progress', score: 0 },
      { status: 'insufficient_data', score: null },
    ]);
    expect(agg).toEqual({
      status: 'on_track',
      label: { de: 'auf gutem Weg', en: 'On track' },
      score: 2.5,
      assessed: 2,
    });
    expect(aggregateProgress([{ status: 'target_achieved', score: 5 }]).status).toBe('target_achieved');
    // (−5 + −1)/2 = −3 → deterioration
    expect(
      aggregateProgress([
        { status: 'deterioration', score: -5 },
        { status: 'limited_progress', score: -1 },
      ]).status,
    ).toBe('deterioration');
    expect(aggregateProgress([]).status).toBe('insufficient_data');
  });
});
