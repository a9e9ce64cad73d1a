import type { TenantScope } from '../../platform/tenancy/scope';
import type { AreaLevel, AreaProfile, IndicatorTopic, Observation } from '@dkbm/contract';
import {
  dimsKeyOf,
  aggregateComputed,
  aggregateToParent,
  isAdditive,
  type Cell,
  type Flag,
  type PeriodType,
} from '@dkbm/domain';
import { definitionOf } from './computedDefinition';
import { internalObservations, publicObservations, type ObservationQuery } from './observations.service';

import { indicatorsByCodes, type IndicatorRow } from './catalog.repo';
import {
  ancestorsOf,
  areaHasGeometry,
  childrenOf,
  dimensionTotals,
  findArea,
  indicatorsWithDataAt,
  usedDimensionValues,
} from './references.repo';
type View = 'public' | 'internal';

const view = (s: TenantScope, ind: IndicatorRow, q: ObservationQuery, v: View) =>
  v === 'public' ? publicObservations(s, ind, q) : internalObservations(s, ind, q);

function toCells(obs: Observation[], periodType: string): Cell[] {
  return obs.map((o) => ({
    areaCode: o.areaId,
    period: { type: periodType as PeriodType, date: o.period },
    dims: o.dims,
    value: o.value,
    flag: (o.flag as Flag | null) ?? null,
  }));
}

type Withheld = 'withheld';
type Point = { period: string; value: string | null; flag: string | null; suppressed?: Withheld };

const SECRET = ['.', '/', 'x', '...'];

/**
 * Sum observations per period over the dimensions that are not fixed (counts without a total value).
 * A withheld or secret part makes the sum secret ('.'); '-' counts as 0; missing data never becomes 0.
 */
function sumPerPeriod(
  obs: Array<{ period: string; value: string | null; flag: string | null; suppressed?: Withheld | null }>,
): Point[] {
  const by = new Map<string, typeof obs>();
  for (const o of obs) by.set(o.period, [...(by.get(o.period) ?? []), o]);
  const out: Point[] = [];
  for (const [period, list] of by) {
    if (list.length === 1) {
      const o = list[0]!;
      out.push({
        period,
        value: o.value,
        flag: o.flag,
        ...(o.suppressed ? { suppressed: o.suppressed } : {}),
      });
      continue;
    }
    const suppressed = list.some((o) => o.suppressed);
    const secret = list.map((o) => o.flag).find((f) => f && SECRET.includes(f));
    if (suppressed || secret) {
      out.push({
        period,
        value: null,
        flag: secret ?? '.',
        ...(suppressed ? { suppressed: 'withheld' as const } : {}),
      });
      continue;
    }
    if (list.every((o) => o.flag === '-')) {
      out.push({ period, value: null, flag: '-' });
      continue;
    }
    // Exact decimal sum via scaled BigInt.
    const scale = Math.max(0, ...list.map((o) => (o.value?.split('.')[1] ?? '').length));
    let sum = 0n;
    for (const o of list) {
      if (o.value === null) continue;
      const [i, f = ''] = o.value.replace('-', '').split('.');
      const v = BigInt(i!) * 10n ** BigInt(scale) + BigInt((f + '0'.repeat(scale)).slice(0, scale) || '0');
      sum += o.value.startsWith('-') ? -v : v;
    }
    const neg = sum < 0n;
    const abs = (neg ? -sum : sum).toString().padStart(scale + 1, '0');
    const text = scale ? `${abs.slice(0, -scale)}.${abs.slice(-scale)}` : abs;
    out.push({ period, value: (neg ? '-' : '') + text, flag: null });
  }
  return out.toSorted((a, b) => a.period.localeCompare(b.period));
}

/** Which series of an indicator stands for "all": total values, or summed over dimensions without one. */
export interface SeriesSpec {
  dims: Record<string, string>;
  summedOver: string[];
}

export async function totalSpec(s: TenantScope, ind: IndicatorRow): Promise<SeriesSpec> {
  // Only values the indicator actually has count (a dimension like Altersgruppe is shared by indicators).
  const r = await dimensionTotals(s, ind.id);
  const additive = !ind.computed && ind.measure === 'absolute' && isAdditive({ unit: ind.unit });
  const spec: SeriesSpec = { dims: {}, summedOver: [] };
  for (const d of r) {
    if (d.total) spec.dims[d.code] = d.total;
    else if (additive) spec.summedOver.push(d.code);
    else if (d.first) spec.dims[d.code] = d.first;
  }
  return spec;
}

/**
 * Values of an indicator for one area: as imported when the area has them, else aggregated from its
 * child areas where the indicator allows it — sums for counts, the formula over summed inputs for
 * computed rates, never averages of rates. Withheld children make the aggregate withheld.
 */
export async function seriesFor(
  s: TenantScope,
  ind: IndicatorRow,
  areaId: string,
  spec: SeriesSpec | Record<string, string> | undefined,
  v: View,
): Promise<{ source: 'imported' | 'aggregated'; points: Point[] }> {
  const want: SeriesSpec = !spec
    ? { dims: {}, summedOver: [] }
    : 'summedOver' in spec
      ? (spec as SeriesSpec)
      : { dims: spec as Record<string, string>, summedOver: [] };
  const hasDims = Object.keys(want.dims).length > 0;
  const wantKey = hasDims || want.summedOver.length ? null : undefined;
  const matches = (o: Observation) =>
    Object.entries(want.dims).every(([k, val]) => o.dims[k] === val) &&
    (wantKey === undefined ||
      Object.keys(o.dims).every((k) => k in want.dims || want.summedOver.includes(k)));
  const own = (await view(s, ind, { areaIds: [areaId], ...(hasDims ? { dims: want.dims } : {}) }, v)).filter(
    matches,
  );
  if (own.length) return { source: 'imported', points: sumPerPeriod(own) };
  const kids = await childrenOf(s, areaId);
  if (!kids.length) return { source: 'aggregated', points: [] };
  const def = definitionOf(ind);
  let cells: Array<{ period: string; value: string | null; flag: string | null; suppressed?: Withheld }> = [];
  if (def) {
    const codes = [...new Set(Object.values(def.inputs).map((i) => i.indicator))];
    const inputRows = await indicatorsByCodes(s, codes);
    if (!inputRows.every((r) => isAdditive({ unit: r.unit }) || r.measure === 'absolute')) {
      return { source: 'aggregated', points: [] };
    }
    const inputs: Record<string, Cell[]> = {};
    const withheldPeriods = new Set<string>();
    for (const [name, sel] of Object.entries(def.inputs)) {
      const r = inputRows.find((x) => x.code === sel.indicator);
      const obs = r ? await view(s, r, { areaIds: kids }, v) : [];
      for (const o of obs) if (o.suppressed) withheldPeriods.add(o.period);
      inputs[name] = r ? toCells(obs, r.periodType) : [];
    }
    const result = aggregateComputed(def, inputs, { parentCode: areaId, childCodes: kids }).cells.filter(
      (c) => Object.entries(want.dims).every(([k, val]) => c.dims[k] === val),
    );
    cells = result.map((c) => ({
      period: c.period.date,
      value: c.value,
      flag: c.flag,
      // A withheld input of any period may be behind a secret result; say so when it is.
      ...(c.flag === '.' && withheldPeriods.has(c.period.date) ? { suppressed: 'withheld' as const } : {}),
    }));
  } else if (ind.measure === 'absolute' && isAdditive({ unit: ind.unit })) {
    const childObs = (
      await view(s, ind, { areaIds: kids, ...(hasDims ? { dims: want.dims } : {}) }, v)
    ).filter(matches);
    const withheld = new Set(
      childObs.filter((o) => o.suppressed).map((o) => `${o.period}|${dimsKeyOf(o.dims)}`),
    );
    const agg = aggregateToParent(toCells(childObs, ind.periodType), 'sum', {
      parentCode: areaId,
      childCodes: kids,
    }).cells;
    cells = agg.map((c) => ({
      period: c.period.date,
      value: c.value,
      flag: c.flag,
      ...(withheld.has(`${c.period.date}|${dimsKeyOf(c.dims)}`) ? { suppressed: 'withheld' as const } : {}),
    }));
  }
  return { source: 'aggregated', points: sumPerPeriod(cells) };
}

export async function referenceSeries(
  s: TenantScope,
  ind: IndicatorRow,
  areaId: string,
  dims: Record<string, string> | undefined,
  v: View,
) {
  const chain = await ancestorsOf(s, areaId);
  const out = [];
  for (const a of chain.slice(1)) {
    const ref = await seriesFor(s, ind, a.id, dims, v);
    out.push({ areaId: a.id, name: a.name, level: a.level, source: ref.source, points: ref.points });
  }
  return out;
}

/**
 * What the profile's series of an indicator stands for, per dimension: the value it shows (the official
 * total, or the first value of a rate) or the values it sums (counts without an official total).
 */
export async function seriesBreakdown(
  s: TenantScope,
  ind: IndicatorRow,
  spec: SeriesSpec,
): Promise<AreaProfile['indicators'][number]['breakdown']> {
  const r = await usedDimensionValues(s, ind.id);
  const out: AreaProfile['indicators'][number]['breakdown'] = [];
  for (const x of r) {
    const summed = spec.summedOver.includes(x.code);
    if (!summed && spec.dims[x.code] !== x.value) continue;
    let entry = out.find((o) => o.code === x.code);
    if (!entry) {
      entry = { code: x.code, name: x.name, summed, values: [] };
      out.push(entry);
    }
    entry.values.push(x.label);
  }
  return out;
}

/** All indicators of an area against its reference areas, with their total series for trend lines. */
export async function areaProfile(s: TenantScope, areaId: string, v: View): Promise<AreaProfile> {
  const chain = await ancestorsOf(s, areaId);
  const area = (await findArea(s, areaId))!;
  // Indicators with data for the area itself or for its child areas (aggregated then).
  const inds = await indicatorsWithDataAt(s, areaId);
  const visible = v === 'public' ? inds.filter((i) => i.visibility === 'public') : inds;
  const result: AreaProfile['indicators'] = [];
  for (const ind of visible.toSorted(
    (a, b) => a.topic.localeCompare(b.topic) || a.nameDe.localeCompare(b.nameDe),
  )) {
    const spec = await totalSpec(s, ind);
    const own = await seriesFor(s, ind, areaId, spec, v);
    if (!own.points.length) continue;
    const latest = own.points.at(-1)?.period ?? null;
    const refs = [];
    for (const a of chain.slice(1)) {
      const ref = await seriesFor(s, ind, a.id, spec, v);
      const p = ref.points.find((x) => x.period === latest);
      refs.push({
        areaId: a.id,
        value: p?.value ?? null,
        flag: p?.flag ?? null,
        ...(p?.suppressed ? { suppressed: p.suppressed } : {}),
      });
    }
    result.push({
      id: ind.id,
      code: ind.code,
      name: ind.nameDe,
      nameEn: ind.nameEn,
      unit: ind.unit,
      decimals: ind.decimals,
      topic: ind.topic as IndicatorTopic,
      polarity: ind.polarity as AreaProfile['indicators'][number]['polarity'],
      periodType: ind.periodType as AreaProfile['indicators'][number]['periodType'],
      latestPeriod: latest,
      dims: spec.dims,
      summedOver: spec.summedOver,
      breakdown: await seriesBreakdown(s, ind, spec),
      source: own.source,
      series: own.points,
      references: refs,
    });
  }
  const hasGeometry = await areaHasGeometry(s, areaId);
  return {
    area: {
      id: area.id,
      level: area.level as AreaLevel,
      code: area.code,
      name: area.name,
      parentId: area.parentId,
      validFrom: area.validFrom,
      validTo: area.validTo,
      hasGeometry,
    },
    references: chain.slice(1).map((a) => ({ id: a.id, name: a.name, level: a.level })),
    indicators: result,
  };
}
