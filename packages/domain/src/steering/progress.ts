/**
 * Progress status of a target (`progressStatus`), computed from monitoring data — never typed in.
 *
 * Method: the SDG progress measure of Statistics Canada as implemented by Open SDG
 * (open-sdg/sdg-build `sdg/ProgressMeasure.py`, documented in open-sdg `docs/progress-methodology.md`):
 *
 *   CAGR_o = (y_i / y_0)^(1 / (t_i − t_0)) − 1      observed compound annual growth rate
 *   CAGR_r = (y_T / y_0)^(1 / (t_T − t_0)) − 1      rate required to reach the target on time
 *   R      = s · d · CAGR_o / |CAGR_r|              s = −1 for a negative baseline, d = +1 / −1 (direction)
 *
 *   target achieved (latest value on the good side of the target) → „Ziel erreicht“
 *   R ≥ 0.95 → „auf gutem Weg“, 0.6 ≤ R < 0.95 → „mäßiger Fortschritt“, 0 ≤ R < 0.6 → „kaum Fortschritt“,
 *   R < 0 → „Entwicklung in die falsche Richtung“, otherwise „zu wenig Daten“.
 *
 * Everything is exact decimal arithmetic (decimal.js, 50 significant digits); the fractional power is
 * computed by decimal.js to 50 digits, so threshold comparisons are not disturbed by binary floats.
 * Edge cases (zero baseline, withheld values, flags, boundary changes, passed target period) are
 * documented in docs/steering-progress.md and below.
 */
import { Dec, decToString, isDecimalString, roundDecHalfUp } from '../compute/decimal';
import { periodLabel, shiftDate } from '../compute/periods';
import type { Flag, Period } from '../statistics/types';

/** Direction of a target: from the indicator's polarity (`higher_better` / `lower_better`). */
export type ProgressDirection = 'higher_better' | 'lower_better';

/** Computed attainment of a target, ordered from worst to best except `insufficient_data`. */
export const PROGRESS_STATUSES = [
  'deterioration',
  'limited_progress',
  'moderate_progress',
  'on_track',
  'target_achieved',
  'insufficient_data',
] as const;
export type ProgressStatus = (typeof PROGRESS_STATUSES)[number];

/** German UI label and English label (Open SDG's English category names). */
export const PROGRESS_STATUS_LABELS: Record<ProgressStatus, { de: string; en: string }> = {
  target_achieved: { de: 'Ziel erreicht', en: 'Target achieved' },
  on_track: { de: 'auf gutem Weg', en: 'On track' },
  moderate_progress: { de: 'mäßiger Fortschritt', en: 'Progress made but acceleration needed' },
  limited_progress: { de: 'kaum Fortschritt', en: 'Limited progress' },
  deterioration: { de: 'Entwicklung in die falsche Richtung', en: 'Deterioration' },
  insufficient_data: { de: 'zu wenig Daten', en: 'Insufficient data' },
};

/** Rank for comparisons: higher is better; `insufficient_data` has no rank (null). */
export function progressRank(status: ProgressStatus): number | null {
  const i = PROGRESS_STATUSES.indexOf(status);
  return status === 'insufficient_data' ? null : i;
}

/** Why a status is `insufficient_data`. */
export type InsufficientReason =
  /** the baseline value is missing or withheld in this view */
  | 'baseline_unavailable'
  /** no usable value after the baseline period (fewer than 2 values) */
  | 'no_later_value'
  /** baseline and latest (or target) value have different signs: the growth model is undefined */
  | 'sign_change'
  /** the area's boundaries changed after the baseline; the newer values are not comparable */
  | 'boundary_change';

/** Remarks that a view should show next to the status. */
export type ProgressCaveat =
  /** baseline 0 was replaced by ±`zeroReplacement` (Open SDG: 0.001) for the growth model */
  | 'zero_baseline_replaced'
  /** target 0 was replaced by ±`zeroReplacement` for the growth model */
  | 'zero_target_replaced'
  /** newer periods exist but are withheld (disclosure control or secret/unusable flag): older public value used */
  | 'newer_values_withheld'
  /** newer periods exist with '...' (not yet available) or without value */
  | 'newer_values_unavailable'
  /** the value used carries a note flag: '()', 'p', 's' or 'r' (see `latest.flag`) */
  | 'latest_value_flagged'
  /** boundaries changed between baseline and latest value; compared anyway (`boundaryChange: 'compare'`) */
  | 'boundary_changed'
  /** the latest value is at or after the target period and the target was missed: at most „mäßiger Fortschritt“ */
  | 'target_period_passed'
  /** the series now holds another value for the baseline period than the target's stored baseline */
  | 'baseline_revised'
  /** the target lies on the bad side of the baseline (the baseline already met it) */
  | 'target_behind_baseline';

/** One observation of the target's indicator/area/dimension selection. */
export interface ProgressObservation {
  period: Period;
  /** Exact decimal string ('.' as separator); null when the cell has no value. */
  value: string | null;
  /** Official quality sign: value flags ('.', '/', 'x', '...', '-') or note flags ('()', 'p', 'r', 's'). */
  flag?: Flag | null;
  /** Withheld by disclosure control in this view (primary or secondary suppression). */
  withheld?: boolean;
}

/** A target („Zielwert“) as the steering module stores it. */
export interface ProgressTarget {
  direction: ProgressDirection;
  /** Baseline taken from the data when the target was set. `value` null: not available in this view. */
  baseline: { period: Period; value: string | null };
  target: { period: Period; value: string };
}

export interface ProgressThresholds {
  /** R ≥ onTrack → on_track (Open SDG: 0.95) */
  onTrack: string;
  /** R ≥ moderate → moderate_progress (Open SDG: 0.6) */
  moderate: string;
  /** R ≥ limited → limited_progress, below → deterioration (Open SDG: 0) */
  limited: string;
}

export const DEFAULT_PROGRESS_THRESHOLDS: ProgressThresholds = {
  onTrack: '0.95',
  moderate: '0.6',
  limited: '0',
};

export interface ProgressOptions {
  /** Classification thresholds on R (default: Open SDG's 0.95 / 0.6 / 0). */
  thresholds?: Partial<ProgressThresholds>;
  /** Replacement for a zero baseline or zero target in the growth model (default Open SDG's '0.001'). */
  zeroReplacement?: string;
  /**
   * ISO dates (`areaVersion.validFrom`) on which the area's boundaries changed. Observations after a
   * change that lies after the baseline are not comparable with the baseline.
   */
  boundaryChanges?: readonly string[];
  /**
   * 'insufficient' (default): when comparable values end at a boundary change and newer values exist,
   * the status is `insufficient_data` (reason `boundary_change`) — rebase the target on the new area.
   * 'compare': compare across the change anyway and add the caveat `boundary_changed`.
   */
  boundaryChange?: 'insufficient' | 'compare';
  /** Fraction digits of the returned rates and ratio (default 6). */
  rateDecimals?: number;
  /** Fraction digits of the values of the expected path (default 4). */
  valueDecimals?: number;
}

export interface ProgressPoint {
  period: Period;
  /** Decimal string, rounded half-up to `valueDecimals`. */
  value: string;
}

export interface ProgressResult {
  status: ProgressStatus;
  label: { de: string; en: string };
  reason: InsufficientReason | null;
  caveats: ProgressCaveat[];
  /** CAGR_o as a fraction (0.034 = 3.4 % a year), rounded; null when not computable. */
  actualRate: string | null;
  /** CAGR_r as a fraction; null when not computable (sign change, missing baseline). */
  requiredRate: string | null;
  /** R = s·d·CAGR_o/|CAGR_r|; null when not computable or CAGR_r = 0. */
  ratio: string | null;
  /** Open SDG progress score in [−5, 5] (5 when achieved); null for `insufficient_data`. */
  score: number | null;
  /** The observation the status rests on (latest usable value after the baseline). */
  latest: { period: Period; value: string; flag: Flag | null } | null;
  /** Years between baseline and latest value / target (decimal strings). */
  yearsElapsed: string | null;
  yearsToTarget: string;
  /**
   * The required path for a chart, baseline → target: y_0·(1 + CAGR_r)^t at the baseline, every full year
   * after it and the target period (`pathShape` 'exponential'); a straight line baseline → target when the
   * growth model is undefined ('linear'); empty when the baseline is not available.
   */
  expectedPath: ProgressPoint[];
  pathShape: 'exponential' | 'linear' | null;
}

/** An invalid target or series (programming or configuration error, German/English message). */
export class ProgressInputError extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
    this.name = 'ProgressInputError';
  }
}

const SECRET_OR_UNUSABLE = new Set<Flag>(['.', '/', 'x']);
const NOTE_FLAGS = new Set<Flag>(['()', 'p', 'r', 's']);
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
/**
 * Arithmetic of this module: 50 significant digits (a fractional power costs about a third of the
 * 80 digits of `compute`), R is rounded to 30 decimal places before it is classified.
 */
const P = Dec.clone({ precision: 50 });
const RATIO_PLACES = 30;
const toP = (value: string): Dec => new P(value.trim());
/** Highest score of a missed target whose target period has passed (just below „auf gutem Weg“, 2.5). */
const CAPPED_SCORE = 2.4999;

function dateParts(date: string, field: string): { y: number; m: number; d: number } {
  const m = DATE_RE.exec(date);
  if (!m) {
    throw new ProgressInputError(
      `${field}: ungültiges Datum „${date.slice(0, 20)}“ (erwartet JJJJ-MM-TT) / invalid date`,
      field,
    );
  }
  return { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
}

const daysInMonth = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();

/**
 * Years from date `a` to date `b` (ISO), exact in months: whole months / 12, plus the remaining days as a
 * fraction of a month. Two month-end dates (30.06. → 31.12.) count as whole months, so yearly, half-yearly,
 * school-year and Stichtag series (31.12.) give exact year differences.
 */
export function yearsBetween(a: string, b: string): Dec {
  const pa = dateParts(a, 'period');
  const pb = dateParts(b, 'period');
  let months = (pb.y - pa.y) * 12 + (pb.m - pa.m);
  const aEnd = pa.d === daysInMonth(pa.y, pa.m);
  const bEnd = pb.d === daysInMonth(pb.y, pb.m);
  let frac = new P(0);
  if (!(aEnd && bEnd) && pa.d !== pb.d) {
    let dayDiff = pb.d - pa.d;
    if (dayDiff < 0) {
      months -= 1;
      dayDiff += daysInMonth(pa.y, pa.m);
    }
    frac = new P(dayDiff).div(daysInMonth(pa.y, pa.m));
  }
  return frac.plus(months).div(12);
}

/** Direction from the indicator's polarity; for 'neutral' from the side of the target (null if equal). */
export function directionFromPolarity(
  polarity: 'higher_better' | 'lower_better' | 'neutral',
  baselineValue?: string,
  targetValue?: string,
): ProgressDirection | null {
  if (polarity !== 'neutral') return polarity;
  if (baselineValue === undefined || targetValue === undefined) return null;
  const c = toP(targetValue).cmp(toP(baselineValue));
  return c > 0 ? 'higher_better' : c < 0 ? 'lower_better' : null;
}

function checkDecimal(value: string, field: string): Dec {
  if (!isDecimalString(value)) {
    throw new ProgressInputError(
      `${field}: „${value.slice(0, 30)}“ ist keine Dezimalzahl (Punkt als Trennzeichen) / not a decimal number`,
      field,
    );
  }
  return toP(value);
}

/** Validate a target; returns the problems as German/English messages (empty when valid). */
export function checkProgressTarget(target: ProgressTarget): string[] {
  const issues: string[] = [];
  try {
    validateTarget(target);
  } catch (e) {
    if (e instanceof ProgressInputError) issues.push(e.message);
    else throw e;
  }
  return issues;
}

function validateTarget(target: ProgressTarget): void {
  if (target.direction !== 'higher_better' && target.direction !== 'lower_better') {
    throw new ProgressInputError(
      `direction: „${String(target.direction)}“ – erwartet higher_better oder lower_better`,
      'direction',
    );
  }
  dateParts(target.baseline.period.date, 'baseline.period');
  dateParts(target.target.period.date, 'target.period');
  if (target.baseline.value !== null) checkDecimal(target.baseline.value, 'baseline.value');
  checkDecimal(target.target.value, 'target.value');
  if (yearsBetween(target.baseline.period.date, target.target.period.date).lte(0)) {
    throw new ProgressInputError(
      `target.period: Der Zielzeitraum ${periodLabel(target.target.period)} muss nach dem Basiszeitraum ` +
        `${periodLabel(target.baseline.period)} liegen / target period must follow the baseline period`,
      'target.period',
    );
  }
}

interface Usable {
  period: Period;
  value: Dec;
  raw: string;
  flag: Flag | null;
}

/** The value of an observation for progress: null when withheld, secret, not meaningful or not yet there. */
function usableValue(o: ProgressObservation, index: number): { value: Dec; raw: string } | null {
  if (o.withheld) return null;
  const flag = o.flag ?? null;
  if (flag !== null && SECRET_OR_UNUSABLE.has(flag)) return null;
  if (flag === '...') return null;
  if (flag === '-' && o.value === null) return { value: new P(0), raw: '0' };
  if (o.value === null) return null;
  const v = checkDecimal(o.value, `observations[${index}].value`);
  return { value: v, raw: o.value };
}

function insufficient(
  reason: InsufficientReason,
  caveats: ProgressCaveat[],
  rest: Partial<ProgressResult> & Pick<ProgressResult, 'yearsToTarget' | 'expectedPath' | 'pathShape'>,
): ProgressResult {
  return {
    status: 'insufficient_data',
    label: PROGRESS_STATUS_LABELS.insufficient_data,
    reason,
    caveats,
    actualRate: null,
    requiredRate: null,
    ratio: null,
    score: null,
    latest: null,
    yearsElapsed: null,
    ...rest,
  };
}

/** Compound annual growth rate (to / from)^(1/years) − 1; `from` and `to` of the same sign, from ≠ 0. */
function cagr(from: Dec, to: Dec, years: Dec): Dec {
  return to.div(from).pow(new P(1).div(years)).minus(1);
}

/**
 * Open SDG's score for targets with a quantitative target: linear in R, 0 at R = 0.6, 2.5 at 0.95,
 * 5 at 1.3 (slope 50/7) and −2.5 at 0, −5 at −0.6 (slope 25/6); clamped to [−5, 5].
 * (sdg-build writes the slopes as 7.1429 and 4.1667.)
 */
export function progressScore(ratio: string): number {
  const r = toP(ratio);
  const s = r.gte('0.6') ? r.minus('0.6').mul(50).div(7) : r.minus('0.6').mul(25).div(6);
  return P.max(-5, P.min(5, s)).toDecimalPlaces(4).toNumber();
}

function classify(ratio: Dec, t: ProgressThresholds): ProgressStatus {
  if (ratio.gte(t.onTrack)) return 'on_track';
  if (ratio.gte(t.moderate)) return 'moderate_progress';
  if (ratio.gte(t.limited)) return 'limited_progress';
  return 'deterioration';
}

function expectedPathOf(
  baseline: { period: Period; value: Dec },
  target: { period: Period; value: Dec },
  required: Dec | null,
  years: Dec,
  decimals: number,
): { points: ProgressPoint[]; shape: 'exponential' | 'linear' } {
  const points: ProgressPoint[] = [];
  // Whole-year steps: multiply by (1 + CAGR_r) once a year (no fractional power per point), or add a
  // constant step for the straight line.
  const factor = required !== null ? required.plus(1) : null;
  const step = target.value.minus(baseline.value).div(years);
  let value = baseline.value;
  points.push({ period: baseline.period, value: roundDecHalfUp(baseline.value, decimals) });
  for (let k = 1; years.gt(k); k++) {
    value = factor !== null ? value.mul(factor) : value.plus(step);
    const period: Period = { type: baseline.period.type, date: shiftDate(baseline.period.date, k) };
    points.push({ period, value: roundDecHalfUp(value, decimals) });
  }
  points.push({ period: target.period, value: roundDecHalfUp(target.value, decimals) });
  return { points, shape: required !== null ? 'exponential' : 'linear' };
}

/**
 * Progress status of a target from the observed series. Pure: same input, same result.
 *
 * - The baseline is the target's stored baseline (value and period); observations on or before the
 *   baseline period are not used (they may still be charted).
 * - The latest usable observation after the baseline is compared. Withheld observations (`withheld`,
 *   flags '.', '/', 'x') and '...' are never used: the latest public value is taken instead, with the caveat
 *   `newer_values_withheld` / `newer_values_unavailable`. '-' without value counts as 0.
 * - Pass the series of the view: for public views the protected series, so a withheld value can never
 *   become a progress figure.
 * @throws ProgressInputError for an invalid target, non-decimal values or duplicate periods.
 */
export function computeProgress(
  target: ProgressTarget,
  observations: readonly ProgressObservation[],
  options: ProgressOptions = {},
): ProgressResult {
  validateTarget(target);
  const thresholds = { ...DEFAULT_PROGRESS_THRESHOLDS, ...options.thresholds };
  for (const [k, v] of Object.entries(thresholds)) checkDecimal(v, `thresholds.${k}`);
  const zero = checkDecimal(options.zeroReplacement ?? '0.001', 'zeroReplacement').abs();
  if (zero.isZero())
    throw new ProgressInputError('zeroReplacement: darf nicht 0 sein / must not be 0', 'zeroReplacement');
  const rateDecimals = options.rateDecimals ?? 6;
  const valueDecimals = options.valueDecimals ?? 4;
  const d = target.direction === 'higher_better' ? 1 : -1;
  const baseDate = target.baseline.period.date;
  const yearsToTarget = yearsBetween(baseDate, target.target.period.date);
  const targetValue = toP(target.target.value);
  const caveats: ProgressCaveat[] = [];

  // Observations: one per period, ordered by time from the baseline.
  const seen = new Set<string>();
  const after: Array<{ o: ProgressObservation; t: Dec; index: number }> = [];
  observations.forEach((o, index) => {
    dateParts(o.period.date, `observations[${index}].period`);
    const key = `${o.period.type}:${o.period.date}`;
    if (seen.has(key)) {
      throw new ProgressInputError(
        `observations[${index}]: Zeitraum ${periodLabel(o.period)} doppelt / duplicate period`,
        `observations[${index}].period`,
      );
    }
    seen.add(key);
    const t = yearsBetween(baseDate, o.period.date);
    if (t.isZero() && o.period.type === target.baseline.period.type) {
      const u = usableValue(o, index);
      if (u && target.baseline.value !== null && !u.value.eq(target.baseline.value)) {
        caveats.push('baseline_revised');
      }
    }
    if (t.gt(0)) after.push({ o, t, index });
  });
  after.sort((a, b) => a.t.cmp(b.t));

  const baselineRaw = target.baseline.value;
  if (baselineRaw === null) {
    return insufficient('baseline_unavailable', caveats, {
      yearsToTarget: decToString(yearsToTarget),
      expectedPath: [],
      pathShape: null,
    });
  }
  const baseValue = toP(baselineRaw);

  // Growth model values: zero replaced by ±zeroReplacement with the sign of the other value (Open SDG uses
  // +0.001; the sign keeps negative series computable).
  let y0 = baseValue;
  if (y0.isZero()) {
    y0 = targetValue.isNeg() ? zero.neg() : zero;
    caveats.push('zero_baseline_replaced');
  }
  let yT = targetValue;
  if (yT.isZero()) {
    yT = y0.isNeg() ? zero.neg() : zero;
    caveats.push('zero_target_replaced');
  }
  const s = y0.isNeg() ? -1 : 1;
  const targetSignOk = y0.isNeg() === yT.isNeg();
  const required = targetSignOk ? cagr(y0, yT, yearsToTarget) : null;
  const path = expectedPathOf(
    { period: target.baseline.period, value: baseValue },
    { period: target.target.period, value: targetValue },
    required,
    yearsToTarget,
    valueDecimals,
  );
  if (d * targetValue.cmp(baseValue) < 0) caveats.push('target_behind_baseline');
  const common = {
    yearsToTarget: decToString(yearsToTarget),
    expectedPath: path.points,
    pathShape: path.shape,
    requiredRate: required ? roundDecHalfUp(required, rateDecimals) : null,
  };

  // Comparable observations: no boundary change in (baseline, observation].
  const changes = [...(options.boundaryChanges ?? [])];
  changes.forEach((c, i) => dateParts(c, `boundaryChanges[${i}]`));
  const changedBy = (date: string): boolean => changes.some((c) => c > baseDate && c <= date);
  const policy = options.boundaryChange ?? 'insufficient';

  let latest: Usable | null = null;
  let latestT: Dec | null = null;
  let newerWithheld = false;
  let newerUnavailable = false;
  for (let i = after.length - 1; i >= 0; i--) {
    const { o, t, index } = after[i]!;
    const u = usableValue(o, index);
    if (u === null) {
      const blocked = o.withheld || (o.flag != null && SECRET_OR_UNUSABLE.has(o.flag));
      if (blocked) newerWithheld = true;
      else newerUnavailable = true;
      continue;
    }
    latest = { period: o.period, value: u.value, raw: u.raw, flag: o.flag ?? null };
    latestT = t;
    break;
  }
  if (newerWithheld) caveats.push('newer_values_withheld');
  if (newerUnavailable) caveats.push('newer_values_unavailable');
  if (latest === null || latestT === null) {
    return insufficient('no_later_value', caveats, common);
  }
  if (changedBy(latest.period.date)) {
    if (policy === 'insufficient') {
      return insufficient('boundary_change', caveats, {
        ...common,
        latest: { period: latest.period, value: latest.raw, flag: latest.flag },
      });
    }
    caveats.push('boundary_changed');
  }
  if (latest.flag !== null && NOTE_FLAGS.has(latest.flag)) caveats.push('latest_value_flagged');
  const latestOut = { period: latest.period, value: latest.raw, flag: latest.flag };

  // Target achieved: exact comparison with the original target value.
  const achieved = d * latest.value.cmp(targetValue) >= 0;
  const signOk = latest.value.isZero() || y0.isNeg() === latest.value.isNeg();
  const actual = signOk ? cagr(y0, latest.value, latestT) : null;
  const base = {
    ...common,
    latest: latestOut,
    yearsElapsed: decToString(latestT),
    actualRate: actual ? roundDecHalfUp(actual, rateDecimals) : null,
  };
  if (achieved) {
    return {
      ...base,
      status: 'target_achieved',
      label: PROGRESS_STATUS_LABELS.target_achieved,
      reason: null,
      caveats,
      ratio: null,
      score: 5,
    };
  }
  if (actual === null || required === null) {
    return insufficient('sign_change', caveats, base);
  }

  let ratio: Dec | null = null;
  let status: ProgressStatus;
  if (required.isZero()) {
    // Target = baseline and not achieved: the latest value lies on the bad side → deterioration.
    status = 'deterioration';
  } else {
    // Rounded to 30 decimal places before classifying: a ratio that is mathematically exactly on a
    // threshold (e.g. 0.95) must not fall below it by one unit in the 50th digit of a fractional power.
    ratio = actual
      .mul(s * d)
      .div(required.abs())
      .toDecimalPlaces(RATIO_PLACES);
    status = classify(ratio, thresholds);
  }
  let score = ratio ? progressScore(decToString(ratio)) : -5;
  if (latestT.gte(yearsToTarget)) {
    caveats.push('target_period_passed');
    if (status === 'on_track') status = 'moderate_progress';
    // keep the score in the range of the capped status, so that aggregates agree
    score = Math.min(score, CAPPED_SCORE);
  }
  const ratioText = ratio ? roundDecHalfUp(ratio, rateDecimals) : null;
  return {
    ...base,
    status,
    label: PROGRESS_STATUS_LABELS[status],
    reason: null,
    caveats,
    ratio: ratioText,
    score,
  };
}

/**
 * Aggregate status of several targets (e.g. of a goal), as Open SDG aggregates series: the mean score
 * of the assessable targets; „Ziel erreicht“ only when every assessable target is achieved. Score ranges:
 * [2.5, 5] on_track, [0, 2.5) moderate, [−2.5, 0) limited, [−5, −2.5) deterioration.
 */
export function aggregateProgress(results: readonly Pick<ProgressResult, 'status' | 'score'>[]): {
  status: ProgressStatus;
  label: { de: string; en: string };
  score: number | null;
  assessed: number;
} {
  const assessed = results.filter((r) => r.status !== 'insufficient_data' && r.score !== null);
  if (assessed.length === 0) {
    return {
      status: 'insufficient_data',
      label: PROGRESS_STATUS_LABELS.insufficient_data,
      score: null,
      assessed: 0,
    };
  }
  const mean = assessed.reduce((acc, r) => acc.plus(r.score!), new P(0)).div(assessed.length);
  let status: ProgressStatus;
  if (assessed.every((r) => r.status === 'target_achieved')) status = 'target_achieved';
  else if (mean.gte('2.5')) status = 'on_track';
  else if (mean.gte(0)) status = 'moderate_progress';
  else if (mean.gte('-2.5')) status = 'limited_progress';
  else status = 'deterioration';
  return {
    status,
    label: PROGRESS_STATUS_LABELS[status],
    score: mean.toDecimalPlaces(4).toNumber(),
    assessed: assessed.length,
  };
}
