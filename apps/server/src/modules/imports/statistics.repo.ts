import { eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../platform/db/client';
import {
  areas,
  dimensions,
  dimensionValues,
  indicatorDimensions,
  indicators,
  series,
} from '../../platform/db/schema';
import type { TenantScope } from '../../platform/tenancy/scope';

/*
 * What a statistics import writes: areas, indicators, dimensions and their values, series and
 * observations — the monitoring's tables, which the import module fills (ADR 0005) — and its staging.
 */

/** The tenant's indicator ids by code. */
export async function indicatorIdsByCode(s: TenantScope): Promise<Map<string, string>> {
  const r = await s
    .select({ id: indicators.id, code: indicators.code })
    .from(indicators)
    .where(s.owns(indicators));
  return new Map(r.map((i) => [i.code, i.id]));
}

/** Series ids of indicators by `<indicator id>|<dims key>`. */
export async function seriesIdsOf(
  s: TenantScope,
  indicatorIds: readonly string[],
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (!indicatorIds.length) return out;
  const r = await s
    .select({ id: series.id, indicatorId: series.indicatorId, dimsKey: series.dimsKey })
    .from(series)
    .where(s.owns(series, inArray(series.indicatorId, [...indicatorIds])));
  for (const x of r) out.set(`${x.indicatorId}|${x.dimsKey}`, x.id);
  return out;
}

/** Ids for new series, drawn from the sequence ahead of their rows. */
export async function nextSeriesIds(s: TenantScope, n: number): Promise<number[]> {
  const r = await s.rows<{ id: number }>(
    sql`SELECT nextval('series_id_seq')::int AS id FROM generate_series(1, ${n}::int)`,
  );
  return r.map((x) => Number(x.id));
}

/** A number for this run's staged cells. */
export async function nextStagingRunNo(s: TenantScope): Promise<number> {
  const r = await s.rows<{ n: string }>(sql`SELECT nextval('import_staging_run_no')::text AS n`);
  return Number(r[0]!.n);
}

/** The staged cells of a run with their area ids (an area's number is its position in `areaIds`, 1-based). */
export function stagedCells(runNo: number, areaIds: readonly string[]): SQL {
  return sql`(
      SELECT s.series_id, a.id AS area_id, s.period, s.value, s.flag
        FROM import_staging s
        JOIN unnest(${`{${areaIds.join(',')}}`}::uuid[]) WITH ORDINALITY AS a(id, no) ON a.no = s.area_no
       WHERE s.run_no = ${runNo})`;
}

export async function insertAreas(
  s: TenantScope,
  rows: Array<Omit<typeof areas.$inferInsert, 'tenantId'>>,
): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await s.insert(areas).values(s.withTenant(rows.slice(i, i + 500)));
  }
}

export async function insertIndicator(
  s: TenantScope,
  values: Omit<typeof indicators.$inferInsert, 'tenantId'>,
): Promise<void> {
  await s.insert(indicators).values(s.withTenant(values));
}

export async function dimensionsByCode(s: TenantScope) {
  const r = await s
    .select({
      id: dimensions.id,
      code: dimensions.code,
      nameDe: dimensions.nameDe,
      named: dimensions.named,
      sourceKeys: dimensions.sourceKeys,
    })
    .from(dimensions)
    .where(s.owns(dimensions));
  return new Map(r.map((d) => [d.code, d]));
}

/**
 * Create a dimension, or remember the file's key on an existing one; a name the user gave now wins,
 * otherwise the existing name stays. Returns its id.
 */
export async function upsertDimension(
  s: TenantScope,
  d: { code: string; name: string; named: boolean; sourceKey: string; rename: boolean },
): Promise<string> {
  const [row] = await s
    .insert(dimensions)
    .values(s.withTenant({ code: d.code, nameDe: d.name, named: d.named, sourceKeys: [d.sourceKey] }))
    .onConflictDoUpdate({
      target: [dimensions.tenantId, dimensions.code],
      set: {
        ...(d.rename ? { nameDe: d.name, named: true } : {}),
        sourceKeys: sql`CASE WHEN ${dimensions.sourceKeys} ? ${d.sourceKey} THEN ${dimensions.sourceKeys}
                             ELSE ${dimensions.sourceKeys} || ${JSON.stringify([d.sourceKey])}::jsonb END`,
      },
    })
    .returning({ id: dimensions.id });
  return row!.id;
}

export async function dimensionValueCount(s: TenantScope, dimensionId: string): Promise<number> {
  const r = await s
    .select({ code: dimensionValues.code })
    .from(dimensionValues)
    .where(s.owns(dimensionValues, eq(dimensionValues.dimensionId, dimensionId)));
  return r.length;
}

/** Add values to a dimension (existing codes are left alone); returns the ids of the new ones. */
export async function insertDimensionValues(
  s: TenantScope,
  rows: Array<Omit<typeof dimensionValues.$inferInsert, 'tenantId'>>,
): Promise<string[]> {
  const added = await s
    .insert(dimensionValues)
    .values(s.withTenant(rows))
    .onConflictDoNothing()
    .returning({ id: dimensionValues.id });
  return added.map((v) => v.id);
}

export async function insertDimensionLinks(
  s: TenantScope,
  links: Array<{ indicatorId: string; dimensionId: string; position: number }>,
): Promise<void> {
  if (links.length) await s.insert(indicatorDimensions).values(s.withTenant(links)).onConflictDoNothing();
}

export async function insertSeries(
  s: TenantScope,
  list: Array<{ id: number; indicatorId: string; dims: Record<string, string>; dimsKey: string }>,
): Promise<void> {
  for (let i = 0; i < list.length; i += 500) {
    await s.execute(sql`INSERT INTO series (id, tenant_id, indicator_id, dims, dims_key) OVERRIDING SYSTEM VALUE
      VALUES ${sql.join(
        list
          .slice(i, i + 500)
          .map(
            (x) =>
              sql`(${x.id}, ${s.tenantId}::uuid, ${x.indicatorId}::uuid, ${JSON.stringify(x.dims)}::jsonb, ${x.dimsKey})`,
          ),
        sql`, `,
      )}`);
  }
}

/** Keep the values the staged cells will replace (for undo); returns how many. */
export async function recordReplaced(s: TenantScope, runId: string, cells: SQL): Promise<number> {
  const r = await s.rows<{ n: number }>(
    sql`WITH r AS (
          INSERT INTO import_replaced (import_run_id, tenant_id, series_id, area_id, period, value, flag, previous_run_id)
          SELECT ${runId}::uuid, ${s.tenantId}::uuid, o.series_id, o.area_id, o.period, o.value, o.flag, o.import_run_id
            FROM ${cells} s
            JOIN observations o ON o.tenant_id = ${s.tenantId}
             AND o.series_id = s.series_id AND o.area_id = s.area_id AND o.period = s.period
          RETURNING 1)
        SELECT count(*)::int AS n FROM r`,
  );
  return r[0]?.n ?? 0;
}

/** Write the staged cells as observations; `replace` when series had values before (upsert). */
export async function insertObservations(s: TenantScope, runId: string, cells: SQL, replace: boolean) {
  await s.execute(sql`
    INSERT INTO observations (tenant_id, series_id, area_id, period, value, flag, import_run_id)
    SELECT ${s.tenantId}::uuid, s.series_id, s.area_id, s.period, s.value, s.flag, ${runId}::uuid
      FROM ${cells} s
    ${
      replace
        ? sql`ON CONFLICT (series_id, area_id, period)
              DO UPDATE SET value = excluded.value, flag = excluded.flag, import_run_id = excluded.import_run_id`
        : sql``
    }`);
}

/** The first and last line of a cell that occurs twice among the staged cells, if any. */
export async function duplicateLines(
  s: TenantScope,
  runNo: number,
): Promise<{ a: number; b: number } | null> {
  const dup = await s.rows<{ a: number; b: number }>(
    sql`SELECT min(line) AS a, max(line) AS b FROM import_staging WHERE run_no = ${runNo}
         GROUP BY series_id, area_no, period HAVING count(*) > 1 LIMIT 1`,
  );
  return dup[0] ? { a: Number(dup[0].a), b: Number(dup[0].b) } : null;
}

export async function deleteStaged(s: TenantScope, runNo: number): Promise<void> {
  await s.execute(sql`DELETE FROM import_staging WHERE run_no = ${runNo}`);
}

/** Staged cells left behind (after a failure), outside any transaction. */
export async function dropStaged(database: Database, runNo: number): Promise<void> {
  await database.exec(`DELETE FROM import_staging WHERE run_no = ${Number(runNo)}`).catch(() => undefined);
}
