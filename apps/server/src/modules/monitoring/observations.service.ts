import type { Observation, AreaLevel } from '@dkbm/contract';
import { dimsKeyOf, computeIndicator, type Cell, type Flag, type PeriodType } from '@dkbm/domain';
import type { TenantScope } from '../../platform/tenancy/scope';
import { definitionOf } from './computedDefinition';
import { primarySuppression } from '@dkbm/domain';
import { disclosureCellId, disclosureCells, disclosureTable, protectDisclosureTable } from './disclosure';
import { indicatorPeriods, indicatorsByCodes, type IndicatorRow } from './catalog.repo';
import {
  hasSmallCounts,
  parentLinks,
  queryObservations,
  storeWithheld,
  storedWithheld,
  tableObservations,
  tenantThreshold,
  totalsOf,
  totalValueCodes,
  type RawObs,
} from './observations.repo';

export { tenantThreshold, totalValueCodes };

export interface ObservationQuery {
  periods?: string[] | undefined;
  areaIds?: string[] | undefined;
  level?: AreaLevel | undefined;
  dims?: Record<string, string> | undefined;
  /** One page of the cells (in the query's fixed order); without it, all. */
  page?: { offset: number; limit: number } | undefined;
}

/* ---------- disclosure control ---------- */

const cellId = disclosureCellId;

/** Protected view cache: key → withheld cells / public cells. Bounded; keys carry the data versions. */
const cache = new Map<
  string,
  Promise<{ withheld?: Set<string>; cells?: Map<string, { value: string | null; flag: string | null }> }>
>();
const CACHE_LIMIT = 200;
function remember<T extends object>(key: string, make: () => Promise<T>): Promise<T> {
  const hit = cache.get(key);
  if (hit) return hit as Promise<T>;
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  const p = make();
  cache.set(key, p);
  // A failed computation is not kept.
  p.catch(() => cache.delete(key));
  return p;
}

/** Effective threshold of an indicator: its own, else the tenant's for counts; 0 = not protected. */
export function effectiveThreshold(ind: IndicatorRow, tenantTh: number): number {
  if (ind.sdcThreshold !== null) return ind.sdcThreshold;
  return ind.measure === 'absolute' ? tenantTh : 0;
}

/** The effective threshold, reading the tenant's only when the indicator needs it. */
export async function thresholdOf(s: TenantScope, ind: IndicatorRow): Promise<number> {
  if (ind.sdcThreshold !== null || ind.measure !== 'absolute') return effectiveThreshold(ind, 0);
  return tenantThreshold(s);
}

/**
 * Which cells of a count indicator must be withheld in public: per period one table (disclosure.ts),
 * primary suppression below the threshold, secondary suppression so that no withheld cell can be
 * narrowed down (computed once per data version and threshold, then cached and stored).
 * The tables are independent, so they are read and protected one period at a time: memory stays at one
 * period's cells however large the indicator (1.44 million values took 1.5 GB when read at once), and
 * between periods the event loop answers other requests (ADR 0005).
 */
async function protectCounts(s: TenantScope, ind: IndicatorRow, threshold: number): Promise<Set<string>> {
  const key = `p:${s.tenantId}:${ind.id}:${ind.dataVersion}:${threshold}`;
  const entry = await remember(key, async () => {
    const stored = await storedWithheld(s, ind.id, ind.dataVersion, threshold);
    if (stored) {
      return { withheld: new Set(stored.map(([p, a, d]) => cellId(d, a, p))) };
    }
    const withheld = new Set<string>();
    const triples: [string, string, string][] = [];
    // Without a single small count no table is read (one query instead of every cell, period by period).
    const periods = (await hasSmallCounts(s, ind.id, threshold)) ? await indicatorPeriods(s, ind.id) : [];
    const totals = await totalsOf(s, ind.id);
    const children = await parentLinks(s);
    for (const period of periods) {
      await new Promise((resolve) => setImmediate(resolve));
      const obs = await tableObservations(s, ind.id, period);
      // Without a small count there is nothing to withhold: the table's relations are not built.
      if (!primarySuppression(disclosureCells(period, obs), { threshold }).size) continue;
      await new Promise((resolve) => setImmediate(resolve));
      const table = disclosureTable(period, obs, children, totals);
      const p = await protectDisclosureTable(table, threshold);
      if (!p.withheld.size) continue;
      const byId = new Map(obs.map((o) => [cellId(o.dims_key, o.area_id, period), o]));
      for (const id of p.withheld) {
        withheld.add(id);
        const o = byId.get(id)!;
        triples.push([period, o.area_id, o.dims_key]);
      }
    }
    // Kept for this data version (and the next process); older versions of the indicator go.
    await storeWithheld(s, ind.id, ind.dataVersion, threshold, triples);
    return { withheld };
  });
  return entry.withheld!;
}

/**
 * Computes (and stores) the public protection of count indicators ahead of the first public request,
 * e.g. after an import: a large table takes seconds, which no visitor should wait for.
 */
export async function warmPublicViewsByCode(s: TenantScope, codes: readonly string[]): Promise<void> {
  if (!codes.length) return;
  const list = await indicatorsByCodes(s, codes);
  for (const ind of list) {
    if (ind.computed) continue;
    const threshold = await thresholdOf(s, ind);
    if (threshold > 0) await protectCounts(s, ind, threshold);
  }
}

/** Public cells of a computed indicator: its formula over the public (protected) values of its inputs. */
async function publicComputedCells(s: TenantScope, ind: IndicatorRow, depth = 0) {
  const def = definitionOf(ind)!;
  const codes = [...new Set(Object.values(def.inputs).map((i) => i.indicator))];
  const inputRows = await indicatorsByCodes(s, codes);
  const tenantTh = await tenantThreshold(s);
  const th = inputRows.map((r) => effectiveThreshold(r, tenantTh));
  const key = `c:${s.tenantId}:${ind.id}:${ind.dataVersion}:${inputRows.map((r, i) => `${r.id}/${r.dataVersion}/${th[i]}`).join(',')}`;
  const entry = await remember(key, async () => {
    const inputs: Record<string, Cell[]> = {};
    for (const [name, sel] of Object.entries(def.inputs)) {
      const r = inputRows.find((x) => x.code === sel.indicator);
      if (!r) {
        inputs[name] = [];
        continue;
      }
      const pub = await publicObservations(s, r, {}, depth + 1);
      inputs[name] = pub.map((o) => ({
        areaCode: o.areaId,
        period: { type: r.periodType as PeriodType, date: o.period },
        dims: o.dims,
        value: o.value,
        flag: (o.flag as Flag | null) ?? null,
      }));
    }
    const result = computeIndicator(def, inputs);
    const cells = new Map<string, { value: string | null; flag: string | null }>();
    for (const c of result.cells)
      cells.set(cellId(dimsKeyOf(c.dims), c.areaCode, c.period.date), { value: c.value, flag: c.flag });
    return { cells };
  });
  return entry.cells!;
}

function toDto(o: RawObs): Observation {
  return {
    areaId: o.area_id,
    areaCode: o.area_code,
    period: o.period,
    dims: o.dims,
    value: o.value,
    flag: o.flag,
    suppressed: null,
  };
}

/** Observations as everybody may see them: small counts and everything they could be recomputed from withheld. */
export async function publicObservations(
  s: TenantScope,
  ind: IndicatorRow,
  q: ObservationQuery,
  depth = 0,
): Promise<Observation[]> {
  if (depth > 8) throw new Error('computed indicators nested too deeply');
  const raw = await queryObservations(s, ind.id, q);
  if (ind.computed) {
    const pub = await publicComputedCells(s, ind, depth);
    return raw.map((o) => {
      const p = pub.get(cellId(o.dims_key, o.area_id, o.period));
      const changed = !p || p.value !== o.value || p.flag !== o.flag;
      if (!changed) return toDto(o);
      // The public inputs do not allow this value: withhold it.
      return { ...toDto(o), value: null, flag: '.', suppressed: 'withheld' };
    });
  }
  const threshold = await thresholdOf(s, ind);
  if (threshold <= 0) return raw.map(toDto);
  const withheld = await protectCounts(s, ind, threshold);
  return raw.map((o) =>
    withheld.has(cellId(o.dims_key, o.area_id, o.period))
      ? { ...toDto(o), value: null, flag: '.', suppressed: 'withheld' }
      : toDto(o),
  );
}

export async function internalObservations(s: TenantScope, ind: IndicatorRow, q: ObservationQuery) {
  return (await queryObservations(s, ind.id, q)).map(toDto);
}

/** Dimension filter from `code:value,code:value`. */
export function parseDimsFilter(text: string | undefined): Record<string, string> | undefined {
  if (!text) return undefined;
  const out: Record<string, string> = {};
  for (const part of text.split(',')) {
    const i = part.indexOf(':');
    if (i > 0) out[part.slice(0, i).trim()] = part.slice(i + 1).trim();
  }
  return out;
}
