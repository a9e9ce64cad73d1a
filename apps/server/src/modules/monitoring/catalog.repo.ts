import type { TenantScope } from '../../platform/tenancy/scope';
import { asc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { AreaLevel, Dimension } from '@dkbm/contract';
import {
  areas,
  catalogueIndicators,
  dimensions,
  dimensionValues,
  indicatorDimensions,
  indicators,
  keyMappings,
} from '../../platform/db/schema';
import { notFound } from '../../platform/http/errors';

export type IndicatorRow = typeof indicators.$inferSelect;

export interface Coverage {
  firstPeriod: string | null;
  lastPeriod: string | null;
  periods: number;
  observations: number;
  levels: AreaLevel[];
}

export const EMPTY: Coverage = {
  firstPeriod: null,
  lastPeriod: null,
  periods: 0,
  observations: 0,
  levels: [],
};

/** Raise the data version of indicators and refresh their coverage (after every change of their data). */
export async function touchIndicators(
  s: TenantScope,
  ids: string[],
  /** Coverage already known (e.g. counted while importing new indicators); others are computed. */
  known: Map<string, Coverage> = new Map(),
): Promise<void> {
  for (const id of ids) {
    let coverage = known.get(id);
    if (!coverage) {
      const serIds = (
        await s.rows<{ id: number }>(
          sql`SELECT id FROM series WHERE tenant_id = ${s.tenantId} AND indicator_id = ${id}`,
        )
      ).map((r) => Number(r.id));
      coverage = EMPTY;
      if (serIds.length) {
        const arr = sql`ARRAY[${sql.join(
          serIds.map((x) => sql`${x}`),
          sql`, `,
        )}]::bigint[]`;
        const agg = await s.rows<{
          first: string | null;
          last: string | null;
          n: number;
          periods: number;
        }>(sql`SELECT min(period)::text AS first, max(period)::text AS last, count(*)::int AS n,
                     count(DISTINCT period)::int AS periods
                FROM observations WHERE tenant_id = ${s.tenantId} AND series_id = ANY(${arr})`);
        const levels = await s.rows<{ level: string }>(sql`SELECT DISTINCT a.level FROM areas a
                JOIN (SELECT DISTINCT area_id FROM observations
                       WHERE tenant_id = ${s.tenantId} AND series_id = ANY(${arr})) x ON x.area_id = a.id
               WHERE a.tenant_id = ${s.tenantId}
               ORDER BY 1`);
        const a = agg[0];
        if (a && a.n > 0) {
          coverage = {
            firstPeriod: a.first,
            lastPeriod: a.last,
            periods: a.periods,
            observations: a.n,
            levels: levels.map((l) => l.level as AreaLevel),
          };
        }
      }
    }
    await s
      .update(indicators)
      .set({ coverage, dataVersion: sql`${indicators.dataVersion} + 1`, updatedAt: sql`now()` })
      .where(s.owns(indicators, eq(indicators.id, id)));
  }
}

export async function dimensionLinks(s: TenantScope, indicatorIds: string[]) {
  if (!indicatorIds.length) return new Map<string, Array<{ id: string; code: string; name: string }>>();
  const r = await s
    .select({
      indicatorId: indicatorDimensions.indicatorId,
      id: dimensions.id,
      code: dimensions.code,
      name: dimensions.nameDe,
      position: indicatorDimensions.position,
    })
    .from(indicatorDimensions)
    .innerJoin(dimensions, s.owns(dimensions, eq(dimensions.id, indicatorDimensions.dimensionId)))
    .where(s.owns(indicatorDimensions, inArray(indicatorDimensions.indicatorId, indicatorIds)))
    .orderBy(asc(indicatorDimensions.position), asc(dimensions.code));
  const m = new Map<string, Array<{ id: string; code: string; name: string }>>();
  for (const l of r) {
    const list = m.get(l.indicatorId) ?? [];
    list.push({ id: l.id, code: l.code, name: l.name });
    m.set(l.indicatorId, list);
  }
  return m;
}

export async function getIndicatorRow(s: TenantScope, id: string): Promise<IndicatorRow> {
  const r = await s
    .select()
    .from(indicators)
    .where(s.owns(indicators, eq(indicators.id, id)))
    .limit(1);
  if (!r[0]) throw notFound('Der Indikator');
  return r[0];
}

/** Whether the indicator is one of the tenant's (for ids that other modules store). */
export async function indicatorExists(s: TenantScope, id: string): Promise<boolean> {
  const r = await s
    .select({ id: indicators.id })
    .from(indicators)
    .where(s.owns(indicators, eq(indicators.id, id)))
    .limit(1);
  return !!r[0];
}

export async function dimensionsDetail(s: TenantScope, dimIds: string[]): Promise<Dimension[]> {
  if (!dimIds.length) return [];
  const ds = await s
    .select()
    .from(dimensions)
    .where(s.owns(dimensions, inArray(dimensions.id, dimIds)));
  const vals = await s
    .select()
    .from(dimensionValues)
    .where(s.owns(dimensionValues, inArray(dimensionValues.dimensionId, dimIds)))
    .orderBy(asc(dimensionValues.sortOrder), asc(dimensionValues.code));
  const order = new Map(dimIds.map((id, i) => [id, i]));
  return ds
    .toSorted((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0))
    .map((d) => ({
      id: d.id,
      code: d.code,
      name: d.nameDe,
      nameEn: d.nameEn,
      named: d.named,
      values: vals
        .filter((v) => v.dimensionId === d.id)
        .map((v) => ({ code: v.code, label: v.labelDe, labelEn: v.labelEn, isTotal: v.isTotal })),
    }));
}

/**
 * Raise the data version of the tenant's indicators (all, or only the computed ones) without touching
 * their values, so that ETags and cached public views change: a dimension total is a disclosure-control
 * relation of every indicator; computed indicators' public views follow their inputs' thresholds and
 * visibility.
 */
export async function bumpDataVersions(s: TenantScope, which: 'all' | 'computed'): Promise<void> {
  await s
    .update(indicators)
    .set({ dataVersion: sql`${indicators.dataVersion} + 1` })
    .where(which === 'computed' ? s.owns(indicators, isNotNull(indicators.computed)) : s.owns(indicators));
}

export interface IndicatorFilter {
  q?: string | undefined;
  topic?: string | undefined;
  tier?: string | undefined;
  visibility?: string | undefined;
  onlyPublic?: boolean;
}

export async function findIndicators(s: TenantScope, f: IndicatorFilter): Promise<IndicatorRow[]> {
  const conds = [];
  if (f.topic) conds.push(eq(indicators.topic, f.topic));
  if (f.tier) conds.push(eq(indicators.tier, f.tier));
  if (f.visibility) conds.push(eq(indicators.visibility, f.visibility));
  if (f.onlyPublic) conds.push(eq(indicators.visibility, 'public'));
  if (f.q) {
    const like = `%${f.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    conds.push(
      sql`(${indicators.nameDe} ILIKE ${like} OR ${indicators.code} ILIKE ${like} OR coalesce(${indicators.nameEn}, '') ILIKE ${like} OR coalesce(${indicators.description}, '') ILIKE ${like})`,
    );
  }
  return s
    .select()
    .from(indicators)
    .where(s.owns(indicators, ...conds))
    .orderBy(asc(indicators.topic), asc(indicators.nameDe));
}

export async function indicatorPeriods(s: TenantScope, indicatorId: string): Promise<string[]> {
  const r = await s.rows<{ period: string }>(
    sql`SELECT DISTINCT o.period::text AS period FROM observations o JOIN series s ON s.id = o.series_id
         WHERE s.tenant_id = ${s.tenantId} AND s.indicator_id = ${indicatorId} ORDER BY 1`,
  );
  return r.map((p) => p.period);
}

export async function indicatorsByCodes(s: TenantScope, codes: readonly string[]): Promise<IndicatorRow[]> {
  if (!codes.length) return [];
  return s
    .select()
    .from(indicators)
    .where(s.owns(indicators, inArray(indicators.code, [...codes])));
}

export async function indicatorByCode(s: TenantScope, code: string): Promise<IndicatorRow | null> {
  return (await indicatorsByCodes(s, [code]))[0] ?? null;
}

export async function computedIndicators(s: TenantScope): Promise<IndicatorRow[]> {
  return s
    .select()
    .from(indicators)
    .where(s.owns(indicators, isNotNull(indicators.computed)));
}

export async function insertIndicator(
  s: TenantScope,
  values: Omit<typeof indicators.$inferInsert, 'tenantId'>,
): Promise<IndicatorRow> {
  const [row] = await s.insert(indicators).values(s.withTenant(values)).returning();
  return row!;
}

export async function updateIndicatorRow(
  s: TenantScope,
  id: string,
  patch: Partial<Omit<typeof indicators.$inferInsert, 'tenantId' | 'id'>>,
): Promise<IndicatorRow> {
  const [row] = await s
    .update(indicators)
    .set({ ...patch, updatedAt: sql`now()`, dataVersion: sql`${indicators.dataVersion} + 1` })
    .where(s.owns(indicators, eq(indicators.id, id)))
    .returning();
  return row!;
}

export async function deleteIndicatorRow(s: TenantScope, id: string): Promise<void> {
  await s.delete(indicators).where(s.owns(indicators, eq(indicators.id, id)));
}

export async function dimensionIds(s: TenantScope): Promise<string[]> {
  const ids = await s
    .select({ id: dimensions.id })
    .from(dimensions)
    .where(s.owns(dimensions))
    .orderBy(dimensions.code);
  return ids.map((i) => i.id);
}

export async function findDimension(s: TenantScope, id: string) {
  const d = await s
    .select()
    .from(dimensions)
    .where(s.owns(dimensions, eq(dimensions.id, id)))
    .limit(1);
  return d[0] ?? null;
}

export async function renameDimension(
  s: TenantScope,
  id: string,
  patch: {
    name?: string | undefined;
    nameEn?: string | null | undefined;
    values?: Array<{ code: string; label: string; isTotal?: boolean | undefined }> | undefined;
  },
): Promise<void> {
  if (patch.name !== undefined || patch.nameEn !== undefined) {
    await s
      .update(dimensions)
      .set({
        ...(patch.name !== undefined ? { nameDe: patch.name, named: true } : {}),
        ...(patch.nameEn !== undefined ? { nameEn: patch.nameEn } : {}),
      })
      .where(s.owns(dimensions, eq(dimensions.id, id)));
  }
  for (const v of patch.values ?? []) {
    await s
      .update(dimensionValues)
      .set({ labelDe: v.label, ...(v.isTotal !== undefined ? { isTotal: v.isTotal } : {}) })
      .where(s.owns(dimensionValues, eq(dimensionValues.dimensionId, id), eq(dimensionValues.code, v.code)));
  }
}

export async function listKeyMappings(s: TenantScope) {
  return s
    .select({
      id: keyMappings.id,
      sourceKey: keyMappings.sourceKey,
      areaId: keyMappings.areaId,
      areaName: areas.name,
      areaCode: areas.code,
      note: keyMappings.note,
      createdAt: keyMappings.createdAt,
    })
    .from(keyMappings)
    .innerJoin(areas, s.owns(areas, eq(areas.id, keyMappings.areaId)))
    .where(s.owns(keyMappings))
    .orderBy(keyMappings.sourceKey);
}

export async function deleteKeyMappingRow(s: TenantScope, id: string): Promise<boolean> {
  const r = await s
    .delete(keyMappings)
    .where(s.owns(keyMappings, eq(keyMappings.id, id)))
    .returning({ id: keyMappings.id });
  return r.length === 1;
}

export async function indicatorCodes(s: TenantScope, ids: readonly string[]): Promise<string[]> {
  if (!ids.length) return [];
  const r = await s
    .select({ code: indicators.code })
    .from(indicators)
    .where(s.owns(indicators, inArray(indicators.id, [...ids])));
  return r.map((i) => i.code);
}

/** Set columns of an indicator as they are (the data version is raised by touchIndicators). */
export async function setIndicator(
  s: TenantScope,
  id: string,
  values: Partial<Omit<typeof indicators.$inferInsert, 'tenantId' | 'id'>>,
): Promise<IndicatorRow> {
  const [row] = await s
    .update(indicators)
    .set(values)
    .where(s.owns(indicators, eq(indicators.id, id)))
    .returning();
  return row!;
}

/** Ids of the indicator's dimensions in their order. */
export async function indicatorDimensionIds(s: TenantScope, indicatorId: string): Promise<string[]> {
  const r = await s
    .select({ id: indicatorDimensions.dimensionId })
    .from(indicatorDimensions)
    .where(s.owns(indicatorDimensions, eq(indicatorDimensions.indicatorId, indicatorId)))
    .orderBy(indicatorDimensions.position);
  return r.map((d) => d.id);
}

/** Ids of the indicators the tenant took over from the Kennzahlenkatalog. */
export async function catalogueIndicatorIds(s: TenantScope): Promise<string[]> {
  const r = await s
    .select({ id: catalogueIndicators.indicatorId })
    .from(catalogueIndicators)
    .where(s.owns(catalogueIndicators));
  return r.map((x) => x.id);
}
