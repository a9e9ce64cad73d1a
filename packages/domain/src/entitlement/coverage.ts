/**
 * Coverage of demand by places: gap (absolute, %) and status gedeckt / knapp / Lücke.
 *
 * ratio = places / demand
 *   ratio < shortfallBelow (default 1)            → Lücke   (`shortfall`)
 *   shortfallBelow ≤ ratio < tightBelow (1.05)   → knapp   (`tight`: less than 5 % reserve)
 *   ratio ≥ tightBelow                           → gedeckt (`covered`)
 * Demand 0 is always `covered`. Comparisons are exact decimals; rounding is for display only.
 */
import { roundDecHalfUp } from '../compute/decimal';
import { E, num } from './cohorts';

export const COVERAGE_STATUSES = ['shortfall', 'tight', 'covered'] as const;
export type CoverageStatus = (typeof COVERAGE_STATUSES)[number];

export const COVERAGE_STATUS_LABELS: Record<CoverageStatus, { de: string; en: string }> = {
  covered: { de: 'gedeckt', en: 'covered' },
  tight: { de: 'knapp', en: 'tight' },
  shortfall: { de: 'Lücke', en: 'shortfall' },
};

export interface CoverageThresholds {
  /** Ratio places/demand below which there is a Lücke (default '1'). */
  shortfallBelow: string;
  /** Ratio below which the coverage is knapp (default '1.05': less than 5 % reserve). */
  tightBelow: string;
}

export const DEFAULT_COVERAGE_THRESHOLDS: CoverageThresholds = { shortfallBelow: '1', tightBelow: '1.05' };

export interface PreparedThresholds {
  shortfallBelow: E;
  tightBelow: E;
}

export function prepareThresholds(t: Partial<CoverageThresholds> = {}): PreparedThresholds {
  const merged = { ...DEFAULT_COVERAGE_THRESHOLDS, ...t };
  const shortfallBelow = num(merged.shortfallBelow, 'thresholds.shortfallBelow');
  const tightBelow = num(merged.tightBelow, 'thresholds.tightBelow');
  if (shortfallBelow.lt(0) || tightBelow.lt(shortfallBelow)) {
    throw new RangeError(
      'thresholds: 0 ≤ shortfallBelow ≤ tightBelow erwartet / expected 0 ≤ shortfallBelow ≤ tightBelow',
    );
  }
  return { shortfallBelow, tightBelow };
}

/** Status of `places` against `demand` (exact). */
export function coverageStatus(demand: E, places: E, t: PreparedThresholds): CoverageStatus {
  if (demand.lte(0)) return 'covered';
  const ratio = places.div(demand);
  if (ratio.lt(t.shortfallBelow)) return 'shortfall';
  if (ratio.lt(t.tightBelow)) return 'tight';
  return 'covered';
}

export interface CoverageFigures {
  demand: string;
  places: string;
  /** demand − places (positive: places missing; negative: reserve). */
  gap: string;
  /** gap / demand × 100; null when demand is 0. */
  gapPercent: string | null;
  /** places / demand (Versorgungsquote); null when demand is 0. */
  ratio: string | null;
  status: CoverageStatus;
  label: { de: string; en: string };
}

/** Coverage figures rounded half-up to `decimals` (status from the exact values). */
export function coverageFigures(demand: E, places: E, t: PreparedThresholds, decimals = 2): CoverageFigures {
  const gap = demand.minus(places);
  const status = coverageStatus(demand, places, t);
  const ratio = demand.gt(0) ? places.div(demand) : null;
  return {
    demand: roundDecHalfUp(demand, decimals),
    places: roundDecHalfUp(places, decimals),
    gap: roundDecHalfUp(gap, decimals),
    // gap/demand = 1 − places/demand
    gapPercent: ratio ? roundDecHalfUp(new E(1).minus(ratio).mul(100), decimals) : null,
    ratio: ratio ? roundDecHalfUp(ratio, 4) : null,
    status,
    label: COVERAGE_STATUS_LABELS[status],
  };
}

/** Assess one unit: demand and places as decimal strings or numbers. */
export function assessCoverage(
  demand: string | number,
  places: string | number,
  thresholds: Partial<CoverageThresholds> = {},
  decimals = 2,
): CoverageFigures {
  return coverageFigures(
    num(demand, 'demand'),
    num(places, 'places'),
    prepareThresholds(thresholds),
    decimals,
  );
}

export interface PlanningUnitMatch {
  /** Keys present on both sides. */
  matched: string[];
  /** Keys with demand (children) but no place record. */
  demandOnly: string[];
  /** Keys with places but no children (unknown or outdated keys, e.g. after a boundary reform). */
  placesOnly: string[];
}

/** Which planning-unit keys of demand and supply match (sorted lists). */
export function matchPlanningUnits(
  demandKeys: Iterable<string>,
  placeKeys: Iterable<string>,
): PlanningUnitMatch {
  const d = new Set(demandKeys);
  const p = new Set(placeKeys);
  const sort = (a: string[]) => a.toSorted((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  return {
    matched: sort([...d].filter((k) => p.has(k))),
    demandOnly: sort([...d].filter((k) => !p.has(k))),
    placesOnly: sort([...p].filter((k) => !d.has(k))),
  };
}

export interface CoverageSummary {
  units: Array<{ planningUnitId: string } & CoverageFigures>;
  /** Over all matched units: Σ demand vs Σ places (surpluses offset gaps). */
  total: CoverageFigures;
  /** Σ max(gap, 0) over units: places missing where they are missing (no offsetting). */
  sumOfShortfalls: string;
  byStatus: Record<CoverageStatus, number>;
  match: PlanningUnitMatch;
}

/**
 * Coverage per unit for demand and places given separately (keys may differ): units present on both sides
 * are assessed; a unit with demand but no places counts with 0 places; places without demand are only
 * reported (`match.placesOnly`), since their children are unknown.
 */
export function summariseCoverage(
  demand: ReadonlyMap<string, string | number>,
  places: ReadonlyMap<string, string | number>,
  thresholds: Partial<CoverageThresholds> = {},
  decimals = 2,
): CoverageSummary {
  const t = prepareThresholds(thresholds);
  const match = matchPlanningUnits(demand.keys(), places.keys());
  const units: CoverageSummary['units'] = [];
  let dSum = new E(0);
  let pSum = new E(0);
  let shortfalls = new E(0);
  const byStatus: Record<CoverageStatus, number> = { shortfall: 0, tight: 0, covered: 0 };
  for (const planningUnitId of [...match.matched, ...match.demandOnly].toSorted()) {
    const d = num(demand.get(planningUnitId)!, `demand[${planningUnitId}]`);
    const p = places.has(planningUnitId)
      ? num(places.get(planningUnitId)!, `places[${planningUnitId}]`)
      : new E(0);
    const f = coverageFigures(d, p, t, decimals);
    units.push({ planningUnitId, ...f });
    byStatus[f.status]++;
    dSum = dSum.plus(d);
    pSum = pSum.plus(p);
    if (d.gt(p)) shortfalls = shortfalls.plus(d.minus(p));
  }
  return {
    units,
    total: coverageFigures(dSum, pSum, t, decimals),
    sumOfShortfalls: roundDecHalfUp(shortfalls, decimals),
    byStatus,
    match,
  };
}
