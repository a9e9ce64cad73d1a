import type { Observation, Progress, Target } from '@dkbm/contract';
import {
  computeProgress,
  ProgressInputError,
  type Flag,
  type PeriodType,
  type ProgressObservation,
  type ProgressResult,
} from '@dkbm/domain';
import type { TenantScope } from '../../platform/tenancy/scope';
import { getIndicatorRow, type IndicatorRow } from '../monitoring/catalog.service';
import { internalObservations, publicObservations } from '../monitoring/observations.service';
import { areaDetail } from '../monitoring/areas.service';
import type { TargetRow } from './goals.repo';

/*
 * The progress status of targets, computed from the monitoring data on every read (never stored):
 * an import, an undo or a recomputation of a computed indicator changes the status at once.
 * Public views compute from the protected series, so a withheld value never becomes a progress figure.
 */

export type View = 'internal' | 'public';

/** A target's DTO with the score (for the goal's summary) and the indicator's publication facts. */
export type TargetWithProgress = Target & {
  score: number | null;
  indicatorFacts: { visibility: string; source: string | null; updatedAt: string };
};

const sameDims = (a: Record<string, string>, b: Record<string, string>) => {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
};

/** Values of the target's selection (indicator, area, dimension values) in the given view. */
export async function selectionValues(
  s: TenantScope,
  ind: IndicatorRow,
  areaId: string,
  dims: Record<string, string>,
  view: View,
): Promise<Observation[]> {
  const q = { areaIds: [areaId], dims: Object.keys(dims).length ? dims : undefined };
  const list =
    view === 'public' ? await publicObservations(s, ind, q) : await internalObservations(s, ind, q);
  return list.filter((o) => sameDims(o.dims, dims)).toSorted((a, b) => a.period.localeCompare(b.period));
}

function toProgressDto(r: ProgressResult): Progress {
  return {
    status: r.status,
    label: r.label.de,
    reason: r.reason,
    caveats: r.caveats,
    actualRate: r.actualRate,
    requiredRate: r.requiredRate,
    ratio: r.ratio,
    latest: r.latest
      ? { period: r.latest.period.date, value: r.latest.value, flag: r.latest.flag ?? null }
      : null,
    expectedPath: r.expectedPath.map((p) => ({ period: p.period.date, value: p.value })),
  };
}

/** The computed progress of one target with the values it rests on. */
export async function targetWithProgress(
  s: TenantScope,
  t: TargetRow,
  view: View,
  names: RequestLookups,
): Promise<TargetWithProgress> {
  const ind = await names.indicator(t.indicatorId);
  const values = await selectionValues(s, ind, t.areaId, t.dims, view);
  const type = ind.periodType as PeriodType;
  const series: ProgressObservation[] = values.map((o) => ({
    period: { type, date: o.period },
    value: o.value,
    flag: (o.flag as Flag | null) ?? null,
    withheld: o.suppressed === 'withheld',
  }));
  // The baseline as the view shows it now: a withheld baseline is not available in public.
  const base = values.find((o) => o.period === t.baselinePeriod);
  const baselineValue = view === 'public' ? (base?.value ?? null) : t.baselineValue;
  let result: ProgressResult;
  try {
    result = computeProgress(
      {
        direction: t.direction as 'higher_better' | 'lower_better',
        baseline: { period: { type, date: t.baselinePeriod }, value: baselineValue },
        target: { period: { type, date: t.targetPeriod }, value: t.targetValue },
      },
      series,
      { boundaryChanges: await names.boundaryChanges(t.areaId) },
    );
  } catch (e) {
    if (!(e instanceof ProgressInputError)) throw e;
    result = computeProgress(
      {
        direction: t.direction as 'higher_better' | 'lower_better',
        baseline: { period: { type, date: t.baselinePeriod }, value: null },
        target: { period: { type, date: t.targetPeriod }, value: t.targetValue },
      },
      [],
    );
  }
  return {
    id: t.id,
    goalId: t.goalId,
    indicator: { id: ind.id, code: ind.code, name: ind.nameDe, unit: ind.unit },
    area: { id: t.areaId, name: await names.area(t.areaId) },
    dims: t.dims,
    direction: t.direction as 'higher_better' | 'lower_better',
    baselinePeriod: t.baselinePeriod,
    baselineValue: view === 'public' ? baselineValue : t.baselineValue,
    targetPeriod: t.targetPeriod,
    targetValue: t.targetValue,
    progress: toProgressDto(result),
    score: result.score,
    indicatorFacts: { visibility: ind.visibility, source: ind.source, updatedAt: ind.updatedAt },
    values: values.map((o) => ({ period: o.period, value: o.value, flag: o.flag })),
  };
}

export type RequestLookups = ReturnType<typeof areaNamer>;

/**
 * Lookups cached for one request (one overview reads many targets on the same indicators and areas):
 * area names, the areas' boundary changes and the indicator rows.
 */
export function areaNamer(s: TenantScope) {
  const memo = <T>(load: (id: string) => Promise<T>) => {
    const cache = new Map<string, Promise<T>>();
    return (id: string) => {
      let p = cache.get(id);
      if (!p) {
        p = load(id);
        cache.set(id, p);
      }
      return p;
    };
  };
  const detail = memo((id) => areaDetail(s, id));
  return {
    area: (id: string) => detail(id).then((a) => a.name),
    boundaryChanges: (id: string) => detail(id).then((a) => a.versions.slice(1).map((v) => v.validFrom)),
    indicator: memo((id) => getIndicatorRow(s, id)),
  };
}
