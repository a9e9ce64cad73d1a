import { eq, inArray, sql } from 'drizzle-orm';
import type { AreaLevel } from '@dkbm/contract';
import { areas, indicators } from '../../platform/db/schema';
import { notFound } from '../../platform/http/errors';
import type { TenantScope } from '../../platform/tenancy/scope';
import type { IndicatorRow } from './catalog.repo';

export interface AreaRow {
  id: string;
  name: string;
  level: AreaLevel;
  parentId: string | null;
}

/** The area and its ancestors (parent, grandparent, … up to Bund). */
export async function ancestorsOf(s: TenantScope, areaId: string): Promise<AreaRow[]> {
  const r = await s.rows<{
    id: string;
    name: string;
    level: AreaLevel;
    parent_id: string | null;
    depth: number;
  }>(sql`WITH RECURSIVE chain AS (
          SELECT id, name, level, parent_id, 0 AS depth FROM areas WHERE tenant_id = ${s.tenantId} AND id = ${areaId}
          UNION ALL
          SELECT a.id, a.name, a.level, a.parent_id, c.depth + 1 FROM areas a JOIN chain c ON a.id = c.parent_id
           WHERE a.tenant_id = ${s.tenantId} AND c.depth < 10)
        SELECT * FROM chain ORDER BY depth`);
  if (!r[0]) throw notFound('Die Raumeinheit');
  return r.map((a) => ({ id: a.id, name: a.name, level: a.level, parentId: a.parent_id }));
}

export async function childrenOf(s: TenantScope, areaId: string): Promise<string[]> {
  const r = await s
    .select({ id: areas.id })
    .from(areas)
    .where(s.owns(areas, eq(areas.parentId, areaId)));
  return r.map((a) => a.id);
}

export async function findArea(s: TenantScope, id: string) {
  return (
    await s
      .select()
      .from(areas)
      .where(s.owns(areas, eq(areas.id, id)))
      .limit(1)
  )[0];
}

/** Per dimension of the indicator: its total value and its first value among those the indicator has. */
export async function dimensionTotals(s: TenantScope, indicatorId: string) {
  const r = await s.rows<{ code: string; total: string | null; first: string | null }>(sql`WITH used AS (
          SELECT DISTINCT e.key AS code, e.value AS value FROM series s CROSS JOIN LATERAL jsonb_each_text(s.dims) e
           WHERE s.tenant_id = ${s.tenantId} AND s.indicator_id = ${indicatorId})
        SELECT d.code,
               (SELECT min(v.code) FROM dimension_values v JOIN used u ON u.code = d.code AND u.value = v.code
                 WHERE v.dimension_id = d.id AND v.is_total) AS total,
               (SELECT v.code FROM dimension_values v JOIN used u ON u.code = d.code AND u.value = v.code
                 WHERE v.dimension_id = d.id ORDER BY v.sort_order, v.code LIMIT 1) AS first
          FROM indicator_dimensions i JOIN dimensions d ON d.id = i.dimension_id
         WHERE i.tenant_id = ${s.tenantId} AND i.indicator_id = ${indicatorId}
         ORDER BY i.position`);
  return r;
}

/** Dimension values that the indicator's series use, in dimension and value order. */
export async function usedDimensionValues(s: TenantScope, indicatorId: string) {
  const r = await s.rows<{
    code: string;
    name: string;
    value: string;
    label: string;
  }>(sql`SELECT d.code, d.name_de AS name, v.code AS value, v.label_de AS label
          FROM indicator_dimensions i
          JOIN dimensions d ON d.id = i.dimension_id
          JOIN dimension_values v ON v.dimension_id = d.id
         WHERE i.tenant_id = ${s.tenantId} AND i.indicator_id = ${indicatorId}
           AND EXISTS (SELECT 1 FROM series s WHERE s.tenant_id = ${s.tenantId} AND s.indicator_id = ${indicatorId}
                         AND s.dims ->> d.code = v.code)
         ORDER BY i.position, v.sort_order, v.code`);
  return r;
}

/** Indicators with values for the area itself or for its child areas. */
export async function indicatorsWithDataAt(s: TenantScope, areaId: string): Promise<IndicatorRow[]> {
  const withData = await s.rows<{
    id: string;
  }>(sql`SELECT DISTINCT s.indicator_id AS id FROM observations o JOIN series s ON s.id = o.series_id
         WHERE o.tenant_id = ${s.tenantId}
           AND (o.area_id = ${areaId} OR o.area_id IN (SELECT id FROM areas WHERE tenant_id = ${s.tenantId} AND parent_id = ${areaId}))`);
  const inds = withData.length
    ? await s
        .select()
        .from(indicators)
        .where(
          s.owns(
            indicators,
            inArray(
              indicators.id,
              withData.map((w) => w.id),
            ),
          ),
        )
    : [];
  return inds;
}

export async function areaHasGeometry(s: TenantScope, areaId: string): Promise<boolean> {
  const geo = await s.rows<{ g: boolean }>(
    sql`SELECT EXISTS (SELECT 1 FROM area_versions
                        WHERE tenant_id = ${s.tenantId} AND area_id = ${areaId} AND geometry IS NOT NULL) AS g`,
  );
  return !!geo[0]?.g;
}
