import { eq, inArray, sql } from 'drizzle-orm';
import type { ImportResult } from '@dkbm/contract';
import { importRuns, indicators } from '../../platform/db/schema';
import type { TenantScope } from '../../platform/tenancy/scope';
import type { RunRow } from './runs.repo';

/*
 * Undo of an import (ADR 0005): its values go, the values it replaced come back, boundary versions and
 * areas it created go, versions it closed are reopened, indicators it created without values left go.
 */

/** Remove what the run wrote; returns the indicators it touched and how many values went and came back. */
export async function removeRunData(s: TenantScope, run: RunRow) {
  const runId = run.id;
  const touched = await s.rows<{ indicator_id: string }>(
    sql`SELECT DISTINCT se.indicator_id FROM observations o JOIN series se ON se.id = o.series_id
           WHERE o.tenant_id = ${s.tenantId} AND o.import_run_id = ${runId}
          UNION SELECT DISTINCT se.indicator_id FROM import_replaced r JOIN series se ON se.id = r.series_id
           WHERE r.tenant_id = ${s.tenantId} AND r.import_run_id = ${runId}`,
  );
  const removed = await s.rows<{ n: number }>(
    sql`WITH d AS (DELETE FROM observations WHERE tenant_id = ${s.tenantId} AND import_run_id = ${runId} RETURNING 1)
          SELECT count(*)::int AS n FROM d`,
  );
  const restored = await s.rows<{ n: number }>(
    sql`WITH i AS (
            INSERT INTO observations (tenant_id, series_id, area_id, period, value, flag, import_run_id)
            SELECT r.tenant_id, r.series_id, r.area_id, r.period, r.value, r.flag, r.previous_run_id
              FROM import_replaced r
              LEFT JOIN import_runs p ON p.id = r.previous_run_id
             WHERE r.tenant_id = ${s.tenantId} AND r.import_run_id = ${runId} AND (p.id IS NULL OR p.status <> 'undone')
            ON CONFLICT (series_id, area_id, period) DO NOTHING RETURNING 1)
          SELECT count(*)::int AS n FROM i`,
  );
  // Boundary versions of the run; versions it closed are reopened.
  await s.execute(
    sql`DELETE FROM area_versions WHERE tenant_id = ${s.tenantId} AND import_run_id = ${runId}`,
  );
  const reopened =
    (run.result as { closedVersions?: Array<{ id: string; validTo: string | null }> } | null)
      ?.closedVersions ?? [];
  for (const v of reopened) {
    await s.execute(
      sql`UPDATE area_versions SET valid_to = ${v.validTo} WHERE id = ${v.id} AND tenant_id = ${s.tenantId}`,
    );
  }
  const validity =
    (
      run.result as {
        previousValidity?: Array<{ id: string; validFrom: string | null; validTo: string | null }>;
      } | null
    )?.previousValidity ?? [];
  for (const v of validity) {
    await s.execute(
      sql`UPDATE areas SET valid_from = ${v.validFrom}::date, valid_to = ${v.validTo}::date WHERE id = ${v.id} AND tenant_id = ${s.tenantId}`,
    );
  }
  // Areas the run created, unless something else uses them by now.
  await s.execute(sql`
      DELETE FROM areas a WHERE a.tenant_id = ${s.tenantId} AND a.import_run_id = ${runId}
        AND NOT EXISTS (SELECT 1 FROM observations o WHERE o.area_id = a.id)
        AND NOT EXISTS (SELECT 1 FROM area_versions v WHERE v.area_id = a.id)
        AND NOT EXISTS (SELECT 1 FROM areas c WHERE c.parent_id = a.id AND c.import_run_id IS DISTINCT FROM ${runId}::uuid)`);
  // Indicators the run created that have no values left.
  const created = (run.result as ImportResult | null)?.indicators.created ?? [];
  if (created.length) {
    await s.execute(sql`
        DELETE FROM indicators i WHERE i.tenant_id = ${s.tenantId} AND i.computed IS NULL
          AND i.code IN (${sql.join(
            created.map((c) => sql`${c}`),
            sql`, `,
          )})
          AND NOT EXISTS (SELECT 1 FROM series s JOIN observations o ON o.series_id = s.id WHERE s.indicator_id = i.id)`);
  }
  return {
    touched: touched.map((x) => x.indicator_id),
    removed: removed[0]?.n ?? 0,
    restored: restored[0]?.n ?? 0,
  };
}

/** Which of the indicators still exist. */
export async function existingIndicatorIds(s: TenantScope, ids: readonly string[]): Promise<string[]> {
  if (!ids.length) return [];
  const r = await s
    .select({ id: indicators.id })
    .from(indicators)
    .where(s.owns(indicators, inArray(indicators.id, [...ids])));
  return r.map((t) => t.id);
}

export async function markUndone(s: TenantScope, runId: string, userId: string | null): Promise<void> {
  await s
    .update(importRuns)
    .set({ status: 'undone', undoneAt: sql`now()` as never, undoneBy: userId })
    .where(s.owns(importRuns, eq(importRuns.id, runId)));
}
