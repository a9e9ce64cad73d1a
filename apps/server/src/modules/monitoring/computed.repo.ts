import type { TenantScope } from '../../platform/tenancy/scope';
import { inArray, sql } from 'drizzle-orm';
import { dimsKeyOf, type Cell, type Flag, type PeriodType } from '@dkbm/domain';
import { dimensions, indicatorDimensions } from '../../platform/db/schema';
import type { IndicatorRow } from './catalog.service';

/** Every observation of an indicator as compute cells; `areaCode` carries the area id. */
export async function loadCells(s: TenantScope, ind: Pick<IndicatorRow, 'id' | 'periodType'>) {
  const r = await s.rows<{
    area_id: string;
    period: string;
    dims: Record<string, string>;
    value: string | null;
    flag: string | null;
  }>(sql`SELECT o.area_id, o.period::text AS period, s.dims, o.value::text AS value, o.flag
          FROM observations o JOIN series s ON s.id = o.series_id
         WHERE s.tenant_id = ${s.tenantId} AND s.indicator_id = ${ind.id}`);
  const type = ind.periodType as PeriodType;
  return r.map((o): Cell => ({
    areaCode: o.area_id,
    period: { type, date: o.period },
    dims: o.dims,
    value: o.value,
    flag: (o.flag as Flag | null) ?? null,
  }));
}

/** Write the result of a computed indicator: all its observations are replaced. */
export async function storeCells(s: TenantScope, indicatorId: string, cells: Cell[]) {
  await s.execute(sql`DELETE FROM observations o USING series s
                        WHERE o.series_id = s.id AND s.tenant_id = ${s.tenantId} AND s.indicator_id = ${indicatorId}`);
  const keys = new Map<string, Record<string, string>>();
  for (const c of cells) keys.set(dimsKeyOf(c.dims), c.dims);
  for (const [dimsKey, dims] of keys) {
    await s.execute(sql`INSERT INTO series (tenant_id, indicator_id, dims, dims_key)
                          VALUES (${s.tenantId}, ${indicatorId}, ${JSON.stringify(dims)}::jsonb, ${dimsKey})
                          ON CONFLICT (tenant_id, indicator_id, dims_key) DO NOTHING`);
  }
  const ser = await s.rows<{ id: number; dims_key: string }>(
    sql`SELECT id, dims_key FROM series WHERE tenant_id = ${s.tenantId} AND indicator_id = ${indicatorId}`,
  );
  const seriesId = new Map(ser.map((x) => [x.dims_key, x.id]));
  for (let i = 0; i < cells.length; i += 1000) {
    const chunk = cells.slice(i, i + 1000);
    const values = chunk.map(
      (c) =>
        sql`(${s.tenantId}::uuid, ${seriesId.get(dimsKeyOf(c.dims))}::bigint, ${c.areaCode}::uuid, ${c.period.date}::date, ${c.value}::numeric, ${c.flag})`,
    );
    await s.execute(sql`INSERT INTO observations (tenant_id, series_id, area_id, period, value, flag)
                          VALUES ${sql.join(values, sql`, `)}`);
  }
  // Dimensions of the result: those of the inputs that stayed free.
  const dimCodes = new Set(cells.flatMap((c) => Object.keys(c.dims)));
  await s.execute(
    sql`DELETE FROM indicator_dimensions WHERE tenant_id = ${s.tenantId} AND indicator_id = ${indicatorId}`,
  );
  if (dimCodes.size) {
    const dims = await s
      .select({ id: dimensions.id, code: dimensions.code })
      .from(dimensions)
      .where(s.owns(dimensions, inArray(dimensions.code, [...dimCodes])));
    if (dims.length) {
      await s
        .insert(indicatorDimensions)
        .values(s.withTenant(dims.map((d, i) => ({ indicatorId, dimensionId: d.id, position: i }))));
    }
  }
}
