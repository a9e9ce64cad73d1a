import { and, asc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { AreaLevel, Dimension, Indicator, IndicatorDetail, IndicatorTopic } from '@dkbm/contract';
import type { Db, Tx } from '../../platform/db/client';
import { dimensions, dimensionValues, indicatorDimensions, indicators } from '../../platform/db/schema';
import { rows } from '../../platform/db/sqlRows';
import { notFound } from '../../platform/http/errors';
import { definitionOf } from './computed.service';

export type IndicatorRow = typeof indicators.$inferSelect;

export interface Coverage {
  firstPeriod: string | null;
  lastPeriod: string | null;
  periods: number;
  observations: number;
  levels: AreaLevel[];
}

const EMPTY: Coverage = { firstPeriod: null, lastPeriod: null, periods: 0, observations: 0, levels: [] };

/** Raise the data version of indicators and refresh their coverage (after every change of their data). */
export async function touchIndicators(
  tx: Db | Tx,
  tenantId: string,
  ids: string[],
  /** Coverage already known (e.g. counted while importing new indicators); others are computed. */
  known: Map<string, Coverage> = new Map(),
): Promise<void> {
  for (const id of ids) {
    let coverage = known.get(id);
    if (!coverage) {
      const serIds = (
        await rows<{ id: number }>(
          tx,
          sql`SELECT id FROM series WHERE tenant_id = ${tenantId} AND indicator_id = ${id}`,
        )
      ).map((r) => Number(r.id));
      coverage = EMPTY;
      if (serIds.length) {
        const arr = sql`ARRAY[${sql.join(
          serIds.map((x) => sql`${x}`),
          sql`, `,
        )}]::bigint[]`;
        const agg = await rows<{ first: string | null; last: string | null; n: number; periods: number }>(
          tx,
          sql`SELECT min(period)::text AS first, max(period)::text AS last, count(*)::int AS n,
                     count(DISTINCT period)::int AS periods
                FROM observations WHERE series_id = ANY(${arr})`,
        );
        const levels = await rows<{ level: string }>(
          tx,
          sql`SELECT DISTINCT a.level FROM areas a
                JOIN (SELECT DISTINCT area_id FROM observations WHERE series_id = ANY(${arr})) x ON x.area_id = a.id
               ORDER BY 1`,
        );
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
    await tx
      .update(indicators)
      .set({ coverage, dataVersion: sql`${indicators.dataVersion} + 1`, updatedAt: sql`now()` })
      .where(and(eq(indicators.tenantId, tenantId), eq(indicators.id, id)));
  }
}

async function dimensionLinks(db: Db | Tx, tenantId: string, indicatorIds: string[]) {
  if (!indicatorIds.length) return new Map<string, Array<{ id: string; code: string; name: string }>>();
  const r = await db
    .select({
      indicatorId: indicatorDimensions.indicatorId,
      id: dimensions.id,
      code: dimensions.code,
      name: dimensions.nameDe,
      position: indicatorDimensions.position,
    })
    .from(indicatorDimensions)
    .innerJoin(dimensions, eq(dimensions.id, indicatorDimensions.dimensionId))
    .where(
      and(eq(indicatorDimensions.tenantId, tenantId), inArray(indicatorDimensions.indicatorId, indicatorIds)),
    )
    .orderBy(asc(indicatorDimensions.position), asc(dimensions.code));
  const m = new Map<string, Array<{ id: string; code: string; name: string }>>();
  for (const l of r) {
    const list = m.get(l.indicatorId) ?? [];
    list.push({ id: l.id, code: l.code, name: l.name });
    m.set(l.indicatorId, list);
  }
  return m;
}

export function toIndicatorDto(r: IndicatorRow, dims: Array<{ code: string; name: string }>): Indicator {
  return {
    id: r.id,
    code: r.code,
    nameDe: r.nameDe,
    nameEn: r.nameEn,
    description: r.description,
    unit: r.unit,
    decimals: r.decimals,
    topic: r.topic as IndicatorTopic,
    tier: r.tier as Indicator['tier'],
    kind: r.kind as Indicator['kind'],
    measure: r.measure as Indicator['measure'],
    polarity: r.polarity as Indicator['polarity'],
    periodType: r.periodType as Indicator['periodType'],
    visibility: r.visibility as Indicator['visibility'],
    source: r.source,
    licence: r.licence,
    attribution: r.attribution,
    updateInterval: r.updateInterval,
    contact: r.contact,
    sdcThreshold: r.sdcThreshold,
    statisticsCode: r.statisticsCode,
    isComputed: r.computed !== null,
    dataVersion: r.dataVersion,
    updatedAt: r.updatedAt,
    dimensions: dims.map((d) => ({ code: d.code, name: d.name })),
    coverage: (r.coverage as Coverage | null) ?? EMPTY,
  };
}

export interface IndicatorFilter {
  q?: string | undefined;
  topic?: string | undefined;
  tier?: string | undefined;
  visibility?: string | undefined;
  onlyPublic?: boolean;
}

export async function listIndicators(db: Db, tenantId: string, f: IndicatorFilter): Promise<Indicator[]> {
  const conds = [eq(indicators.tenantId, tenantId)];
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
  const list = await db
    .select()
    .from(indicators)
    .where(and(...conds))
    .orderBy(asc(indicators.topic), asc(indicators.nameDe));
  const dims = await dimensionLinks(
    db,
    tenantId,
    list.map((i) => i.id),
  );
  return list.map((i) => toIndicatorDto(i, dims.get(i.id) ?? []));
}

export async function getIndicatorRow(db: Db | Tx, tenantId: string, id: string): Promise<IndicatorRow> {
  const r = await db
    .select()
    .from(indicators)
    .where(and(eq(indicators.tenantId, tenantId), eq(indicators.id, id)))
    .limit(1);
  if (!r[0]) throw notFound('Der Indikator');
  return r[0];
}

/** Whether the indicator is one of the tenant's (for ids that other modules store). */
export async function indicatorExists(db: Db | Tx, tenantId: string, id: string): Promise<boolean> {
  const r = await db
    .select({ id: indicators.id })
    .from(indicators)
    .where(and(eq(indicators.tenantId, tenantId), eq(indicators.id, id)))
    .limit(1);
  return !!r[0];
}

export async function dimensionsDetail(
  db: Db | Tx,
  tenantId: string,
  dimIds: string[],
): Promise<Dimension[]> {
  if (!dimIds.length) return [];
  const ds = await db
    .select()
    .from(dimensions)
    .where(and(eq(dimensions.tenantId, tenantId), inArray(dimensions.id, dimIds)));
  const vals = await db
    .select()
    .from(dimensionValues)
    .where(and(eq(dimensionValues.tenantId, tenantId), inArray(dimensionValues.dimensionId, dimIds)))
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

export async function indicatorDetail(
  db: Db,
  tenantId: string,
  id: string,
  canSeeInternal: boolean,
): Promise<IndicatorDetail> {
  const row = await getIndicatorRow(db, tenantId, id);
  const links = (await dimensionLinks(db, tenantId, [row.id])).get(row.id) ?? [];
  const periods = await rows<{ period: string }>(
    db,
    sql`SELECT DISTINCT o.period::text AS period FROM observations o JOIN series s ON s.id = o.series_id
         WHERE s.tenant_id = ${tenantId} AND s.indicator_id = ${row.id} ORDER BY 1`,
  );
  const def = definitionOf(row);
  const inputCodes = def ? [...new Set(Object.values(def.inputs).map((i) => i.indicator))] : [];
  const inputs = inputCodes.length
    ? await db
        .select({ id: indicators.id, code: indicators.code, name: indicators.nameDe })
        .from(indicators)
        .where(and(eq(indicators.tenantId, tenantId), inArray(indicators.code, inputCodes)))
    : [];
  const computedAll = await db
    .select({
      id: indicators.id,
      code: indicators.code,
      name: indicators.nameDe,
      computed: indicators.computed,
    })
    .from(indicators)
    .where(and(eq(indicators.tenantId, tenantId), sql`${indicators.computed} IS NOT NULL`));
  const dependents = computedAll
    .filter((c) => Object.values(definitionOf(c)!.inputs).some((i) => i.indicator === row.code))
    .map(({ id: i, code, name }) => ({ id: i, code, name }));
  return {
    ...toIndicatorDto(row, links),
    dimensionsDetail: await dimensionsDetail(
      db,
      tenantId,
      links.map((l) => l.id),
    ),
    periods: periods.map((p) => p.period),
    computed: def,
    inputs,
    dependents,
    canSeeInternal,
  };
}

/**
 * Raise the data version of the tenant's indicators (all, or only the computed ones) without touching
 * their values, so that ETags and cached public views change: a dimension total is a disclosure-control
 * relation of every indicator; computed indicators' public views follow their inputs' thresholds and
 * visibility.
 */
export async function bumpDataVersions(
  db: Db | Tx,
  tenantId: string,
  which: 'all' | 'computed',
): Promise<void> {
  await db
    .update(indicators)
    .set({ dataVersion: sql`${indicators.dataVersion} + 1` })
    .where(
      which === 'computed'
        ? and(eq(indicators.tenantId, tenantId), isNotNull(indicators.computed))
        : eq(indicators.tenantId, tenantId),
    );
}
