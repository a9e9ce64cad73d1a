import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { AreaLevel, Observation } from '@dkbm/contract';
import { computeIndicator, type Cell, type Flag, type PeriodType } from '@dkbm/domain';
import type { Db } from '../../platform/db/client';
import { dimensionValues, indicatorDimensions, indicators, tenants } from '../../platform/db/schema';
import { rows } from '../../platform/db/sqlRows';
import { definitionOf } from './computed.service';
import { levelCondition } from './areas.service';
import { dimsKeyOf } from '../imports/dimsKey';
import { disclosureCellId, disclosureTable, protectDisclosureTable } from './disclosure';

import type { IndicatorRow } from './catalog.service';

export interface ObservationQuery {
  periods?: string[] | undefined;
  areaIds?: string[] | undefined;
  level?: AreaLevel | undefined;
  dims?: Record<string, string> | undefined;
}

interface RawObs {
  area_id: string;
  area_code: string;
  period: string;
  dims: Record<string, string>;
  dims_key: string;
  value: string | null;
  flag: string | null;
}

async function queryObservations(
  db: Db,
  tenantId: string,
  indicatorId: string,
  q: ObservationQuery,
): Promise<RawObs[]> {
  const conds: SQL[] = [sql`s.tenant_id = ${tenantId}`, sql`s.indicator_id = ${indicatorId}`];
  if (q.periods?.length)
    conds.push(
      sql`o.period IN (${sql.join(
        q.periods.map((p) => sql`${p}::date`),
        sql`, `,
      )})`,
    );
  if (q.areaIds?.length)
    conds.push(
      sql`o.area_id IN (${sql.join(
        q.areaIds.map((a) => sql`${a}::uuid`),
        sql`, `,
      )})`,
    );
  if (q.level) conds.push(levelCondition(q.level));
  if (q.dims && Object.keys(q.dims).length) conds.push(sql`s.dims @> ${JSON.stringify(q.dims)}::jsonb`);
  return rows<RawObs>(
    db,
    sql`SELECT o.area_id, a.code AS area_code, o.period::text AS period, s.dims, s.dims_key,
               o.value::text AS value, o.flag
          FROM observations o
          JOIN series s ON s.id = o.series_id
          JOIN areas a ON a.id = o.area_id
         WHERE ${sql.join(conds, sql` AND `)}
         ORDER BY o.period, a.code, s.dims_key`,
  );
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

export async function tenantThreshold(db: Db, tenantId: string): Promise<number> {
  const t = await db
    .select({ th: tenants.sdcThreshold })
    .from(tenants)
    .where(eq(tenants.id, tenantId))
    .limit(1);
  return t[0]?.th ?? 3;
}

/** Effective threshold of an indicator: its own, else the tenant's for counts; 0 = not protected. */
export function effectiveThreshold(ind: IndicatorRow, tenantTh: number): number {
  if (ind.sdcThreshold !== null) return ind.sdcThreshold;
  return ind.measure === 'absolute' ? tenantTh : 0;
}

/** The effective threshold, reading the tenant's only when the indicator needs it. */
export async function thresholdOf(db: Db, tenantId: string, ind: IndicatorRow): Promise<number> {
  if (ind.sdcThreshold !== null || ind.measure !== 'absolute') return effectiveThreshold(ind, 0);
  return tenantThreshold(db, tenantId);
}

/** Codes of the values marked as total, per dimension code of the indicator. */
async function totalsOf(db: Db, tenantId: string, indicatorId: string): Promise<Map<string, Set<string>>> {
  const r = await rows<{ code: string; total: string }>(
    db,
    sql`SELECT d.code, v.code AS total
          FROM indicator_dimensions idim
          JOIN dimensions d ON d.id = idim.dimension_id
          JOIN dimension_values v ON v.dimension_id = d.id AND v.is_total
         WHERE idim.tenant_id = ${tenantId} AND idim.indicator_id = ${indicatorId}`,
  );
  const out = new Map<string, Set<string>>();
  for (const x of r) {
    if (!out.has(x.code)) out.set(x.code, new Set());
    out.get(x.code)!.add(x.total);
  }
  return out;
}

async function parentLinks(db: Db, tenantId: string): Promise<Map<string, string[]>> {
  const r = await rows<{ id: string; parent_id: string }>(
    db,
    sql`SELECT id, parent_id FROM areas WHERE tenant_id = ${tenantId} AND parent_id IS NOT NULL`,
  );
  const children = new Map<string, string[]>();
  for (const a of r) {
    const list = children.get(a.parent_id) ?? [];
    list.push(a.id);
    children.set(a.parent_id, list);
  }
  return children;
}

/**
 * Which cells of a count indicator must be withheld in public: per period one table (disclosure.ts),
 * primary suppression below the threshold, secondary suppression so that no withheld cell can be
 * narrowed down (computed once per data version and threshold, then cached).
 */
async function protectCounts(
  db: Db,
  tenantId: string,
  ind: IndicatorRow,
  threshold: number,
): Promise<Set<string>> {
  const key = `p:${tenantId}:${ind.id}:${ind.dataVersion}:${threshold}`;
  const entry = await remember(key, async () => {
    const all = await queryObservations(db, tenantId, ind.id, {});
    const totals = await totalsOf(db, tenantId, ind.id);
    const children = await parentLinks(db, tenantId);
    const withheld = new Set<string>();
    const byPeriod = new Map<string, RawObs[]>();
    for (const o of all) {
      const list = byPeriod.get(o.period) ?? [];
      list.push(o);
      byPeriod.set(o.period, list);
    }
    for (const [period, obs] of byPeriod) {
      const p = await protectDisclosureTable(disclosureTable(period, obs, children, totals), threshold);
      for (const id of p.withheld) withheld.add(id);
    }
    return { withheld };
  });
  return entry.withheld!;
}

/** Public cells of a computed indicator: its formula over the public (protected) values of its inputs. */
async function publicComputedCells(db: Db, tenantId: string, ind: IndicatorRow, depth = 0) {
  const def = definitionOf(ind)!;
  const codes = [...new Set(Object.values(def.inputs).map((i) => i.indicator))];
  const inputRows = await db
    .select()
    .from(indicators)
    .where(and(eq(indicators.tenantId, tenantId), inArray(indicators.code, codes)));
  const tenantTh = await tenantThreshold(db, tenantId);
  const th = inputRows.map((r) => effectiveThreshold(r, tenantTh));
  const key = `c:${tenantId}:${ind.id}:${ind.dataVersion}:${inputRows.map((r, i) => `${r.id}/${r.dataVersion}/${th[i]}`).join(',')}`;
  const entry = await remember(key, async () => {
    const inputs: Record<string, Cell[]> = {};
    for (const [name, sel] of Object.entries(def.inputs)) {
      const r = inputRows.find((x) => x.code === sel.indicator);
      if (!r) {
        inputs[name] = [];
        continue;
      }
      const pub = await publicObservations(db, tenantId, r, {}, depth + 1);
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
  db: Db,
  tenantId: string,
  ind: IndicatorRow,
  q: ObservationQuery,
  depth = 0,
): Promise<Observation[]> {
  if (depth > 8) throw new Error('computed indicators nested too deeply');
  const raw = await queryObservations(db, tenantId, ind.id, q);
  if (ind.computed) {
    const pub = await publicComputedCells(db, tenantId, ind, depth);
    return raw.map((o) => {
      const p = pub.get(cellId(o.dims_key, o.area_id, o.period));
      const changed = !p || p.value !== o.value || p.flag !== o.flag;
      if (!changed) return toDto(o);
      // The public inputs do not allow this value: withhold it.
      return { ...toDto(o), value: null, flag: '.', suppressed: 'withheld' };
    });
  }
  const threshold = await thresholdOf(db, tenantId, ind);
  if (threshold <= 0) return raw.map(toDto);
  const withheld = await protectCounts(db, tenantId, ind, threshold);
  return raw.map((o) =>
    withheld.has(cellId(o.dims_key, o.area_id, o.period))
      ? { ...toDto(o), value: null, flag: '.', suppressed: 'withheld' }
      : toDto(o),
  );
}

export async function internalObservations(db: Db, tenantId: string, ind: IndicatorRow, q: ObservationQuery) {
  return (await queryObservations(db, tenantId, ind.id, q)).map(toDto);
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

/** Total value codes per dimension of an indicator (for "the total" series in profiles and charts). */
export async function totalValueCodes(
  db: Db,
  tenantId: string,
  indicatorId: string,
): Promise<Record<string, string>> {
  const r = await db
    .select({ dim: indicatorDimensions.dimensionId, code: dimensionValues.code })
    .from(indicatorDimensions)
    .innerJoin(dimensionValues, eq(dimensionValues.dimensionId, indicatorDimensions.dimensionId))
    .where(
      and(
        eq(indicatorDimensions.tenantId, tenantId),
        eq(indicatorDimensions.indicatorId, indicatorId),
        eq(dimensionValues.isTotal, true),
      ),
    );
  const out: Record<string, string> = {};
  for (const x of r) out[x.dim] = x.code;
  return out;
}
