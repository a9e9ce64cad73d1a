/**
 * The state of the indicator page lives in the URL (period, dimension values, level, area, view,
 * boundary date, classification), so that every view can be bookmarked and shared. Pure functions.
 */
import { AREA_LEVEL_ORDER, type AreaLevel } from '@dkbm/contract';
import { clampClasses, isClassMethod, type ClassMethod } from './classify';

export type View = 'public' | 'internal';

export interface IndicatorParams {
  period: string | null;
  dims: Record<string, string>;
  level: AreaLevel | null;
  area: string | null;
  view: View | null;
  /** Boundary date (Gebietsstand); null = the period. */
  at: string | null;
  method: ClassMethod;
  classes: number;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const isLevel = (v: string | null): v is AreaLevel =>
  v !== null && (AREA_LEVEL_ORDER as readonly string[]).includes(v);

/** 'altersgruppe:u3,betreuungsart:kita' → { altersgruppe: 'u3', betreuungsart: 'kita' } */
export function parseDims(text: string | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!text) return out;
  for (const part of text.split(',')) {
    const i = part.indexOf(':');
    if (i > 0) {
      const k = part.slice(0, i).trim();
      const v = part.slice(i + 1).trim();
      if (k && v) out[k] = v;
    }
  }
  return out;
}

/** The inverse of parseDims, in the given dimension order (else alphabetical). */
export function formatDims(dims: Record<string, string>, order?: readonly string[]): string {
  const keys = Object.keys(dims);
  const sorted = order
    ? [...order.filter((k) => keys.includes(k)), ...keys.filter((k) => !order.includes(k)).toSorted()]
    : keys.toSorted();
  return sorted.map((k) => `${k}:${dims[k]}`).join(',');
}

export function parseIndicatorParams(sp: URLSearchParams): IndicatorParams {
  const period = sp.get('period');
  const level = sp.get('level');
  const view = sp.get('view');
  const at = sp.get('at');
  const method = sp.get('method');
  const k = sp.get('classes');
  return {
    period: period && ISO_DATE.test(period) ? period : null,
    dims: parseDims(sp.get('dims')),
    level: isLevel(level) ? level : null,
    area: sp.get('area') || null,
    view: view === 'public' || view === 'internal' ? view : null,
    at: at && ISO_DATE.test(at) ? at : null,
    method: isClassMethod(method) ? method : 'quantile',
    classes: clampClasses(k ? Number(k) : undefined),
  };
}

/**
 * New search parameters with the changes applied; defaults (quantiles, 5 classes) and empty values
 * are left out so that URLs stay short. Unknown parameters of `current` are kept.
 */
export function withIndicatorParams(
  current: URLSearchParams,
  patch: Partial<IndicatorParams>,
  dimOrder?: readonly string[],
): URLSearchParams {
  const next = new URLSearchParams(current);
  const set = (key: string, value: string | null | undefined) => {
    if (value === null || value === undefined || value === '') next.delete(key);
    else next.set(key, value);
  };
  if ('period' in patch) set('period', patch.period);
  if ('dims' in patch) set('dims', patch.dims ? formatDims(patch.dims, dimOrder) : null);
  if ('level' in patch) set('level', patch.level);
  if ('area' in patch) set('area', patch.area);
  if ('view' in patch) set('view', patch.view);
  if ('at' in patch) set('at', patch.at);
  if ('method' in patch) set('method', patch.method === 'quantile' ? null : patch.method);
  if ('classes' in patch)
    set('classes', patch.classes === undefined || patch.classes === 5 ? null : String(patch.classes));
  return next;
}

export interface DimensionInfo {
  code: string;
  values: ReadonlyArray<{ code: string; isTotal: boolean }>;
}

/** Which values of each dimension occur in the observations. */
export function availableDimValues(
  observations: ReadonlyArray<{ dims: Record<string, string> }>,
): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const o of observations) {
    for (const [k, v] of Object.entries(o.dims)) {
      let s = out.get(k);
      if (!s) out.set(k, (s = new Set()));
      s.add(v);
    }
  }
  return out;
}

/**
 * The dimension values to show: the requested value if it exists (and has data, when availability is
 * known), else the total value, else the first value with data.
 */
export function resolveDims(
  wanted: Record<string, string>,
  dimensions: readonly DimensionInfo[],
  available?: Map<string, Set<string>> | null,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const d of dimensions) {
    const has = available?.get(d.code);
    const usable = (code: string) =>
      d.values.some((v) => v.code === code) && (!available || !has || has.has(code));
    const want = wanted[d.code];
    if (want && usable(want)) {
      out[d.code] = want;
      continue;
    }
    const total = d.values.find((v) => v.isTotal && usable(v.code));
    const first = d.values.find((v) => usable(v.code)) ?? d.values[0];
    const pick = total ?? first;
    if (pick) out[d.code] = pick.code;
  }
  return out;
}

/** The most detailed level (last in the official order) among those with data. */
export function mostDetailedLevel(levels: readonly AreaLevel[]): AreaLevel | null {
  let best: AreaLevel | null = null;
  for (const l of levels) {
    if (best === null || AREA_LEVEL_ORDER.indexOf(l) > AREA_LEVEL_ORDER.indexOf(best)) best = l;
  }
  return best;
}

export interface ResolvedSelection {
  period: string | null;
  level: AreaLevel | null;
  view: View;
  at: string | null;
}

/** Period (default: latest), level (default: most detailed with data), view, boundary date. */
export function resolveSelection(
  params: IndicatorParams,
  detail: { periods: readonly string[]; levels: readonly AreaLevel[]; canSeeInternal: boolean },
): ResolvedSelection {
  const period =
    params.period && detail.periods.includes(params.period)
      ? params.period
      : (detail.periods.toSorted().at(-1) ?? null);
  const level =
    params.level && detail.levels.includes(params.level) ? params.level : mostDetailedLevel(detail.levels);
  const view: View = detail.canSeeInternal ? (params.view ?? 'internal') : 'public';
  return { period, level, view, at: params.at ?? period };
}

/** The area to show in the time series: the requested one if it is in the list, else the first by code. */
export function resolveArea<A extends { id: string; code: string }>(
  wanted: string | null,
  areas: readonly A[],
): A | null {
  return (
    areas.find((a) => a.id === wanted) ?? areas.toSorted((a, b) => a.code.localeCompare(b.code))[0] ?? null
  );
}

/** Query string for the observation and export endpoints (empty parts left out). */
export function apiQuery(parts: Record<string, string | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(parts)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}
