import type { TenantScope } from '../../platform/tenancy/scope';
import { eq, lt, sql, type SQL } from 'drizzle-orm';
import { dimensionValues, disclosureResults, indicatorDimensions, tenants } from '../../platform/db/schema';
import { levelCondition } from './areas.service';

import type { ObservationQuery } from './observations.service';
import type { TableObservation } from './disclosure';

export interface RawObs {
  area_id: string;
  area_code: string;
  period: string;
  dims: Record<string, string>;
  dims_key: string;
  value: string | null;
  flag: string | null;
}

export async function queryObservations(
  s: TenantScope,
  indicatorId: string,
  q: ObservationQuery,
): Promise<RawObs[]> {
  const conds: SQL[] = [sql`s.indicator_id = ${indicatorId}`];
  if (q.areaIds?.length)
    conds.push(
      sql`o.area_id IN (${sql.join(
        q.areaIds.map((a) => sql`${a}::uuid`),
        sql`, `,
      )})`,
    );
  if (q.level) conds.push(levelCondition(q.level));
  if (q.dims && Object.keys(q.dims).length) conds.push(sql`s.dims @> ${JSON.stringify(q.dims)}::jsonb`);
  let periods = q.periods;
  let offset = 0;
  if (q.page) {
    // Paged by period: count the cells per period (no sort, no rows), then sort and read only the periods
    // the page falls into. A page of a 1.44-million-cell indicator sorted all of it before (ADR 0005).
    const span = pageSpan(await cellsPerPeriod(s, [...conds, ...periodCondition(periods)]), q.page);
    if (!span.periods.length) return [];
    periods = span.periods;
    offset = span.offset;
  }
  return s.rows<RawObs>(sql`SELECT o.area_id, a.code AS area_code, o.period::text AS period, s.dims, s.dims_key,
               o.value::text AS value, o.flag
          FROM observations o
          JOIN series s ON s.id = o.series_id
          JOIN areas a ON a.id = o.area_id
         WHERE s.tenant_id = ${s.tenantId} AND ${sql.join([...conds, ...periodCondition(periods)], sql` AND `)}
         ORDER BY o.period, a.code, s.dims_key, o.area_id${
           q.page ? sql` LIMIT ${q.page.limit} OFFSET ${offset}` : sql``
         }`);
}

function periodCondition(periods: string[] | undefined): SQL[] {
  if (!periods?.length) return [];
  return [
    sql`o.period IN (${sql.join(
      periods.map((p) => sql`${p}::date`),
      sql`, `,
    )})`,
  ];
}

/** Number of cells per period that match the conditions, oldest period first. */
async function cellsPerPeriod(s: TenantScope, conds: SQL[]): Promise<Array<{ period: string; n: number }>> {
  return s.rows<{ period: string; n: number }>(sql`SELECT o.period::text AS period, count(*)::int AS n
          FROM observations o
          JOIN series s ON s.id = o.series_id
          JOIN areas a ON a.id = o.area_id
         WHERE s.tenant_id = ${s.tenantId} AND ${sql.join(conds, sql` AND `)}
         GROUP BY o.period
         ORDER BY o.period`);
}

/**
 * The periods a page of cells (in the order period, area code, dimensions) falls into, and the page's
 * offset within the first of them.
 */
export function pageSpan(
  counts: ReadonlyArray<{ period: string; n: number }>,
  page: { offset: number; limit: number },
): { periods: string[]; offset: number } {
  const periods: string[] = [];
  let before = 0;
  let offset = 0;
  for (const { period, n } of counts) {
    const start = before;
    before += n;
    if (before <= page.offset) continue;
    if (start >= page.offset + page.limit) break;
    if (!periods.length) offset = page.offset - start;
    periods.push(period);
  }
  return { periods, offset };
}

/** The cells of one period of an indicator, as its disclosure table needs them (in the order of `queryObservations`). */
export async function tableObservations(
  s: TenantScope,
  indicatorId: string,
  period: string,
): Promise<TableObservation[]> {
  return s.rows<TableObservation>(sql`SELECT o.area_id, s.dims, s.dims_key, o.value::text AS value, o.flag
          FROM observations o
          JOIN series s ON s.id = o.series_id
          JOIN areas a ON a.id = o.area_id
         WHERE s.tenant_id = ${s.tenantId} AND s.indicator_id = ${indicatorId} AND o.period = ${period}::date
         ORDER BY a.code, s.dims_key`);
}

/**
 * Whether any cell of the indicator is a small count that its public view must withhold: what
 * `primarySuppression` (packages/domain/src/sdc/primary.ts) looks for in the tables of `tableObservations`
 * (a known whole number n with 0 < n < ceil(threshold); '-' stands for a published zero). Without one,
 * no table has anything to protect and none needs to be read (1.44 million cells were read period by
 * period to find nothing, issue 9).
 */
export async function hasSmallCounts(
  s: TenantScope,
  indicatorId: string,
  threshold: number,
): Promise<boolean> {
  const r = await s.rows<{ found: boolean }>(sql`SELECT EXISTS (
           SELECT 1 FROM observations o
             JOIN series s ON s.id = o.series_id
             JOIN areas a ON a.id = o.area_id
            WHERE s.tenant_id = ${s.tenantId} AND s.indicator_id = ${indicatorId}
              AND o.flag IS DISTINCT FROM '-' AND o.value > 0 AND o.value < ${Math.ceil(threshold)}
              AND o.value = trunc(o.value)) AS found`);
  return r[0]?.found === true;
}

export async function tenantThreshold(s: TenantScope): Promise<number> {
  const t = await s
    .select({ th: tenants.sdcThreshold })
    .from(tenants)
    .where(eq(tenants.id, s.tenantId))
    .limit(1);
  return t[0]?.th ?? 3;
}

/** Codes of the values marked as total, per dimension code of the indicator. */
export async function totalsOf(s: TenantScope, indicatorId: string): Promise<Map<string, Set<string>>> {
  const r = await s.rows<{ code: string; total: string }>(sql`SELECT d.code, v.code AS total
          FROM indicator_dimensions idim
          JOIN dimensions d ON d.id = idim.dimension_id
          JOIN dimension_values v ON v.dimension_id = d.id AND v.is_total
         WHERE idim.tenant_id = ${s.tenantId} AND idim.indicator_id = ${indicatorId}`);
  const out = new Map<string, Set<string>>();
  for (const x of r) {
    if (!out.has(x.code)) out.set(x.code, new Set());
    out.get(x.code)!.add(x.total);
  }
  return out;
}

export async function parentLinks(s: TenantScope): Promise<Map<string, string[]>> {
  const r = await s.rows<{ id: string; parent_id: string }>(
    sql`SELECT id, parent_id FROM areas WHERE tenant_id = ${s.tenantId} AND parent_id IS NOT NULL`,
  );
  const children = new Map<string, string[]>();
  for (const a of r) {
    const list = children.get(a.parent_id) ?? [];
    list.push(a.id);
    children.set(a.parent_id, list);
  }
  return children;
}

/** Total value codes per dimension of an indicator (for "the total" series in profiles and charts). */
export async function totalValueCodes(s: TenantScope, indicatorId: string): Promise<Record<string, string>> {
  const r = await s
    .select({ dim: indicatorDimensions.dimensionId, code: dimensionValues.code })
    .from(indicatorDimensions)
    .innerJoin(
      dimensionValues,
      s.owns(dimensionValues, eq(dimensionValues.dimensionId, indicatorDimensions.dimensionId)),
    )
    .where(
      s.owns(
        indicatorDimensions,
        eq(indicatorDimensions.indicatorId, indicatorId),
        eq(dimensionValues.isTotal, true),
      ),
    );
  const out: Record<string, string> = {};
  for (const x of r) out[x.dim] = x.code;
  return out;
}

/** The withheld cells stored for this data version and threshold, if computed before. */
export async function storedWithheld(
  s: TenantScope,
  indicatorId: string,
  dataVersion: number,
  threshold: number,
): Promise<Array<[string, string, string]> | null> {
  const stored = await s
    .select({ withheld: disclosureResults.withheld })
    .from(disclosureResults)
    .where(
      s.owns(
        disclosureResults,
        eq(disclosureResults.indicatorId, indicatorId),
        eq(disclosureResults.dataVersion, dataVersion),
        eq(disclosureResults.threshold, threshold),
      ),
    )
    .limit(1);
  return stored[0]?.withheld ?? null;
}

/** Keep the withheld cells of a data version; those of older versions go. */
export async function storeWithheld(
  s: TenantScope,
  indicatorId: string,
  dataVersion: number,
  threshold: number,
  withheld: Array<[string, string, string]>,
): Promise<void> {
  await s
    .insert(disclosureResults)
    .values(s.withTenant({ indicatorId, dataVersion, threshold, withheld }))
    .onConflictDoNothing();
  await s
    .delete(disclosureResults)
    .where(
      s.owns(
        disclosureResults,
        eq(disclosureResults.indicatorId, indicatorId),
        lt(disclosureResults.dataVersion, dataVersion),
      ),
    );
}
