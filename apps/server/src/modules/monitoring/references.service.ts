import { and, eq, inArray, sql } from 'drizzle-orm';
import type { AreaLevel, AreaProfile, IndicatorTopic, Observation } from '@dkbm/contract';
import {
  aggregateComputed,
  aggregateToParent,
  isAdditive,
  type Cell,
  type Flag,
  type PeriodType,
} from '@dkbm/domain';
import type { Db } from '../../platform/db/client';
import { areas, indicators } from '../../platform/db/schema';
import { rows } from '../../platform/db/sqlRows';
import { notFound } from '../../platform/http/errors';
import { definitionOf } from './computed.service';
import { internalObservations, publicObservations, type ObservationQuery } from './observations.service';
import { dimsKeyOf } from '../imports/dimsKey';

type IndicatorRow = typeof indicators.$inferSelect;
type View = 'public' | 'internal';

interface AreaRow {
  id: string;
  name: string;
  level: AreaLevel;
  parentId: string | null;
}

/** The area and its ancestors (parent, grandparent, … up to Bund). */
export async function ancestorsOf(db: Db, tenantId: string, areaId: string): Promise<AreaRow[]> {
  const r = await rows<{
    id: string;
    name: string;
    level: AreaLevel;
    parent_id: string | null;
    depth: number;
  }>(
    db,
    sql`WITH RECURSIVE chain AS (
          SELECT id, name, level, parent_id, 0 AS depth FROM areas WHERE tenant_id = ${tenantId} AND id = ${areaId}
          UNION ALL
          SELECT a.id, a.name, a.level, a.parent_id, c.depth + 1 FROM areas a JOIN chain c ON a.id = c.parent_id
           WHERE a.tenant_id = ${tenantId} AND c.depth < 10)
        SELECT * FROM chain ORDER BY depth`,
  );
  if (!r[0]) throw notFound('Die Raumeinheit');
  return r.map((a) => ({ id: a.id, name: a.name, level: a.level, parentId: a.parent_id }));
}

async function childrenOf(db: Db, tenantId: string, areaId: string): Promise<string[]> {
  const r = await db
    .select({ id: areas.id })
    .from(areas)
    .where(and(eq(areas.tenantId, tenantId), eq(areas.parentId, areaId)));
  return r.map((a) => a.id);
}

const view = (db: Db, tenantId: string, ind: IndicatorRow, q: ObservationQuery, v: View) =>
  v === 'public' ? publicObservations(db, tenantId, ind, q) : internalObservations(db, tenantId, ind, q);

function toCells(obs: Observation[], periodType: string): Cell[] {
  return obs.map((o) => ({
    areaCode: o.areaId,
    period: { type: periodType as PeriodType, date: o.period },
    dims: o.dims,
    value: o.value,
    flag: (o.flag as Flag | null) ?? null,
  }));
}

/**
 * Values of an indicator for one area: as imported when the area has them, else aggregated from its
 * child areas where the indicator allows it — sums for counts, the formula over summed inputs for
 * computed rates, never averages of rates. Withheld children make the aggregate withheld.
 */
export async function seriesFor(
  db: Db,
  tenantId: string,
  ind: IndicatorRow,
  areaId: string,
  dims: Record<string, string> | undefined,
  v: View,
): Promise<{
  source: 'imported' | 'aggregated';
  points: Array<{ period: string; value: string | null; flag: string | null }>;
}> {
  const own = await view(db, tenantId, ind, { areaIds: [areaId], ...(dims ? { dims } : {}) }, v);
  const wantKey = dims ? dimsKeyOf(dims) : null;
  const pick = (obs: Observation[]) =>
    wantKey === null ? obs : obs.filter((o) => dimsKeyOf(o.dims) === wantKey);
  if (pick(own).length) {
    return {
      source: 'imported',
      points: pick(own).map((o) => ({ period: o.period, value: o.value, flag: o.flag })),
    };
  }
  const kids = await childrenOf(db, tenantId, areaId);
  if (!kids.length) return { source: 'aggregated', points: [] };
  const def = definitionOf(ind);
  let cells: Cell[] = [];
  if (def) {
    const codes = [...new Set(Object.values(def.inputs).map((i) => i.indicator))];
    const inputRows = await db
      .select()
      .from(indicators)
      .where(and(eq(indicators.tenantId, tenantId), inArray(indicators.code, codes)));
    if (!inputRows.every((r) => isAdditive({ unit: r.unit }) || r.measure === 'absolute')) {
      return { source: 'aggregated', points: [] };
    }
    const inputs: Record<string, Cell[]> = {};
    for (const [name, sel] of Object.entries(def.inputs)) {
      const r = inputRows.find((x) => x.code === sel.indicator);
      inputs[name] = r ? toCells(await view(db, tenantId, r, { areaIds: kids }, v), r.periodType) : [];
    }
    cells = aggregateComputed(def, inputs, { parentCode: areaId, childCodes: kids }).cells;
  } else if (ind.measure === 'absolute' && isAdditive({ unit: ind.unit })) {
    const childObs = await view(db, tenantId, ind, { areaIds: kids, ...(dims ? { dims } : {}) }, v);
    cells = aggregateToParent(toCells(pick(childObs), ind.periodType), 'sum', {
      parentCode: areaId,
      childCodes: kids,
    }).cells;
  }
  const mine = wantKey === null ? cells : cells.filter((c) => dimsKeyOf(c.dims) === wantKey);
  return {
    source: 'aggregated',
    points: mine
      .map((c) => ({ period: c.period.date, value: c.value, flag: c.flag }))
      .toSorted((a, b) => a.period.localeCompare(b.period)),
  };
}

export async function referenceSeries(
  db: Db,
  tenantId: string,
  ind: IndicatorRow,
  areaId: string,
  dims: Record<string, string> | undefined,
  v: View,
) {
  const chain = await ancestorsOf(db, tenantId, areaId);
  const out = [];
  for (const a of chain.slice(1)) {
    const s = await seriesFor(db, tenantId, ind, a.id, dims, v);
    out.push({ areaId: a.id, name: a.name, level: a.level, source: s.source, points: s.points });
  }
  return out;
}

/** Dimension values that stand for "all": per dimension the total value, if the indicator has one. */
async function totalDims(
  db: Db,
  tenantId: string,
  indicatorId: string,
): Promise<Record<string, string> | null> {
  const r = await rows<{ code: string; total: string | null }>(
    db,
    sql`SELECT d.code, (SELECT min(v.code) FROM dimension_values v WHERE v.dimension_id = d.id AND v.is_total) AS total
          FROM indicator_dimensions i JOIN dimensions d ON d.id = i.dimension_id
         WHERE i.tenant_id = ${tenantId} AND i.indicator_id = ${indicatorId}`,
  );
  const out: Record<string, string> = {};
  for (const d of r) {
    if (!d.total) return null;
    out[d.code] = d.total;
  }
  return out;
}

/** All indicators of an area against its reference areas, with their total series for trend lines. */
export async function areaProfile(db: Db, tenantId: string, areaId: string, v: View): Promise<AreaProfile> {
  const chain = await ancestorsOf(db, tenantId, areaId);
  const area = (
    await db
      .select()
      .from(areas)
      .where(and(eq(areas.tenantId, tenantId), eq(areas.id, areaId)))
      .limit(1)
  )[0]!;
  const withData = await rows<{ id: string }>(
    db,
    sql`SELECT DISTINCT s.indicator_id AS id FROM observations o JOIN series s ON s.id = o.series_id
         WHERE o.tenant_id = ${tenantId} AND o.area_id = ${areaId}`,
  );
  const inds = withData.length
    ? await db
        .select()
        .from(indicators)
        .where(
          and(
            eq(indicators.tenantId, tenantId),
            inArray(
              indicators.id,
              withData.map((w) => w.id),
            ),
          ),
        )
    : [];
  const visible = v === 'public' ? inds.filter((i) => i.visibility === 'public') : inds;
  const result: AreaProfile['indicators'] = [];
  for (const ind of visible.toSorted(
    (a, b) => a.topic.localeCompare(b.topic) || a.nameDe.localeCompare(b.nameDe),
  )) {
    const dims = await totalDims(db, tenantId, ind.id);
    if (dims === null) continue;
    const own = await seriesFor(db, tenantId, ind, areaId, dims, v);
    const latest = own.points.at(-1)?.period ?? null;
    const refs = [];
    for (const a of chain.slice(1)) {
      const s = await seriesFor(db, tenantId, ind, a.id, dims, v);
      const p = s.points.find((x) => x.period === latest);
      refs.push({ areaId: a.id, value: p?.value ?? null, flag: p?.flag ?? null });
    }
    result.push({
      id: ind.id,
      code: ind.code,
      name: ind.nameDe,
      unit: ind.unit,
      decimals: ind.decimals,
      topic: ind.topic as IndicatorTopic,
      polarity: ind.polarity as AreaProfile['indicators'][number]['polarity'],
      latestPeriod: latest,
      series: own.points,
      references: refs,
    });
  }
  return {
    area: {
      id: area.id,
      level: area.level as AreaLevel,
      code: area.code,
      name: area.name,
      parentId: area.parentId,
      validFrom: area.validFrom,
      validTo: area.validTo,
      hasGeometry: false,
    },
    references: chain.slice(1).map((a) => ({ id: a.id, name: a.name, level: a.level })),
    indicators: result,
  };
}
