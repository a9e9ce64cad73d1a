import type { ComponentStats } from '@dkbm/contract';

/** Raters per component needed before an anonymous round shows a distribution. */
export const ANONYMITY_MIN_RATERS = 3;
/** Spread (max − min) from which ratings count as disagreement in the workshop view. */
export const DISAGREEMENT_SPREAD = 2;

export interface Rating {
  level: number | null;
  cannotAssess: boolean;
}

/**
 * Statistics of one component's ratings for the workshop: counts of types 1–4, range, median, mean,
 * spread. In anonymous rounds the distribution (and everything derived from single ratings) stays
 * hidden below ANONYMITY_MIN_RATERS raters who chose a type, so that nobody's rating can be read off.
 */
export function componentStats(
  componentKey: string,
  ratings: readonly Rating[],
  anonymous: boolean,
): ComponentStats {
  const levels = ratings
    .filter((r) => !r.cannotAssess && r.level !== null)
    .map((r) => r.level as number)
    .toSorted((a, b) => a - b);
  const n = levels.length;
  const cannotAssess = ratings.filter((r) => r.cannotAssess).length;
  const hidden = anonymous && n < ANONYMITY_MIN_RATERS;
  if (n === 0 || hidden) {
    return {
      componentKey,
      n,
      cannotAssess,
      distribution: null,
      min: null,
      max: null,
      median: null,
      mean: null,
      spread: null,
      disagreement: false,
      hidden,
    };
  }
  const distribution = [1, 2, 3, 4].map((l) => levels.filter((x) => x === l).length);
  const min = levels[0]!;
  const max = levels[n - 1]!;
  const median = n % 2 === 1 ? levels[(n - 1) / 2]! : (levels[n / 2 - 1]! + levels[n / 2]!) / 2;
  const mean = Math.round((levels.reduce((a, b) => a + b, 0) / n) * 100) / 100;
  return {
    componentKey,
    n,
    cannotAssess,
    distribution,
    min,
    max,
    median,
    mean,
    spread: max - min,
    disagreement: max - min >= DISAGREEMENT_SPREAD,
    hidden: false,
  };
}

/** Median of the agreed types per component over several municipalities (null when nobody has one). */
export function medianOf(values: ReadonlyArray<number | null>): number | null {
  const v = values.filter((x): x is number => x !== null).toSorted((a, b) => a - b);
  if (!v.length) return null;
  const m = v.length;
  return m % 2 === 1 ? v[(m - 1) / 2]! : (v[m / 2 - 1]! + v[m / 2]!) / 2;
}

/** The development goal of a component: the next type (a component at type 4 keeps type 4). */
export function nextLevel(agreed: number): number {
  return Math.min(4, agreed + 1);
}
