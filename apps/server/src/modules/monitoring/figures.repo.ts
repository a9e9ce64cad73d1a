import { sql, type SQL } from 'drizzle-orm';
import type { TenantScope } from '../../platform/tenancy/scope';

/*
 * Figures of the municipality as a whole from its monitoring data, for other modules (the
 * self-assessment's framework conditions): totals over the top-level areas, indicators found by
 * kind, name, dimension or topic, and the values of an indicator's dimensions.
 */

/** The columns other modules get of an indicator. */
export interface FigureIndicator {
  id: string;
  name_de: string;
  unit: string;
  decimals: number;
  measure: string;
  period_type: string;
}

/**
 * Values of one indicator at its latest (or first) period, summed over the top-level areas that hold
 * data (an area whose parent also has a value is not counted twice). Series whose dimensions are all at
 * their total value; with `byDim`, one row per value of that dimension (its total value excluded).
 */
export async function municipalTotals(
  s: TenantScope,
  indicatorId: string,
  opts: { byDim?: string; which?: 'latest' | 'first' } = {},
): Promise<Array<{ part: string; period: string; total: string; n: number }>> {
  const byDim = opts.byDim ?? '';
  const agg = opts.which === 'first' ? sql`min` : sql`max`;
  return s.rows(sql`WITH sel AS (
          SELECT s.id, ${byDim ? sql`s.dims->>${byDim}` : sql`''`} AS part FROM series s
           WHERE s.tenant_id = ${s.tenantId} AND s.indicator_id = ${indicatorId}
             ${byDim ? sql`AND s.dims ? ${byDim}` : sql``}
             AND NOT EXISTS (
               SELECT 1 FROM jsonb_each_text(s.dims) e
                WHERE NOT EXISTS (
                  SELECT 1 FROM dimensions d JOIN dimension_values v ON v.dimension_id = d.id
                   WHERE d.tenant_id = ${s.tenantId} AND d.code = e.key AND v.code = e.value
                     AND (v.is_total OR d.code = ${byDim})))
             ${
               byDim
                 ? sql`AND NOT EXISTS (
                         SELECT 1 FROM dimensions d JOIN dimension_values v ON v.dimension_id = d.id
                          WHERE d.tenant_id = ${s.tenantId} AND d.code = ${byDim}
                            AND v.code = s.dims->>${byDim} AND v.is_total)`
                 : sql``
             }
        ),
        per AS (
          SELECT ${agg}(o.period) AS period FROM observations o
           WHERE o.tenant_id = ${s.tenantId} AND o.series_id IN (SELECT id FROM sel) AND o.value IS NOT NULL
        ),
        cells AS (
          SELECT sel.part, o.area_id, a.parent_id, o.value FROM observations o
            JOIN sel ON sel.id = o.series_id
            JOIN areas a ON a.id = o.area_id AND a.tenant_id = ${s.tenantId}
           WHERE o.tenant_id = ${s.tenantId} AND o.period = (SELECT period FROM per) AND o.value IS NOT NULL
        )
        SELECT c.part, (SELECT period::text FROM per) AS period, sum(c.value)::text AS total,
               count(*)::int AS n
          FROM cells c
         WHERE c.parent_id IS NULL
            OR c.parent_id NOT IN (SELECT c2.area_id FROM cells c2 WHERE c2.part = c.part)
         GROUP BY c.part`);
}

async function indicatorsWhere(s: TenantScope, where: SQL) {
  return s.rows<FigureIndicator>(sql`SELECT i.id, i.name_de, i.unit, i.decimals, i.measure, i.period_type FROM indicators i
         WHERE i.tenant_id = ${s.tenantId} AND (${where})
         ORDER BY i.tier = 'kern' DESC, i.name_de, i.id`);
}

/** Population indicators (imported counts named „Bevölkerung…“), the demo's first. */
export function populationIndicators(s: TenantScope) {
  return indicatorsWhere(
    s,
    sql`i.computed IS NULL AND (i.code = 'bevoelkerung_altersgruppen'
         OR (i.unit IN ('Personen', 'Anzahl') AND i.name_de ILIKE 'Bevölkerung%'))`,
  );
}

/** Indicators with a dimension whose code matches the regular expression (PostgreSQL syntax). */
export function indicatorsWithDimension(s: TenantScope, codePattern: string) {
  return indicatorsWhere(
    s,
    sql`EXISTS (SELECT 1 FROM indicator_dimensions x JOIN dimensions d ON d.id = x.dimension_id
                 WHERE x.tenant_id = ${s.tenantId} AND x.indicator_id = i.id
                   AND d.code ~ ${codePattern})`,
  );
}

/** Indicators whose German name matches the regular expression (case-insensitive). */
export function indicatorsNamed(s: TenantScope, namePattern: string) {
  return indicatorsWhere(s, sql`i.name_de ~* ${namePattern}`);
}

/** Indicators of the topics. */
export function indicatorsOfTopics(s: TenantScope, topics: readonly string[]) {
  return indicatorsWhere(
    s,
    sql`i.topic IN (${sql.join(
      topics.map((t) => sql`${t}`),
      sql`, `,
    )})`,
  );
}

/** Dimensions of an indicator with the codes and labels of their values (in order), without totals. */
export async function indicatorDimensionValues(s: TenantScope, indicatorId: string) {
  const r = await s.rows<{
    dim: string;
    code: string;
    label: string;
  }>(sql`SELECT d.code AS dim, v.code, v.label_de AS label
          FROM indicator_dimensions x
          JOIN dimensions d ON d.id = x.dimension_id
          JOIN dimension_values v ON v.dimension_id = d.id
         WHERE x.tenant_id = ${s.tenantId} AND x.indicator_id = ${indicatorId} AND NOT v.is_total
         ORDER BY x.position, v.sort_order, v.code`);
  const dims = [...new Set(r.map((x) => x.dim))];
  return dims.map((dim) => ({ dim, values: r.filter((x) => x.dim === dim) }));
}
