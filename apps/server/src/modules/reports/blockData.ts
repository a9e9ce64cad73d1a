import type { AreaLevel, BlockData, BlockView } from '@dkbm/contract';
import { projection, ringsOf } from '@dkbm/web/ssr';
import type { TenantScope } from '../../platform/tenancy/scope';
import {
  getIndicatorRow,
  indicatorDetail,
  type Coverage,
  type IndicatorRow,
} from '../monitoring/catalog.service';
import { areaGeometry, listAreas } from '../monitoring/areas.service';
import { publicObservations } from '../monitoring/observations.service';
import { seriesFor } from '../monitoring/references.service';
import { notFound } from '../../platform/http/errors';

/** At most this many periods in a time-series block (the latest ones). */
const SERIES_PERIODS = 10;

/**
 * The data of an indicator block from the monitoring's public view: the same disclosure control as the
 * public portal (withheld cells come as value null, flag „.“), whoever drafts the report. The totals of
 * every dimension are shown; `areas` takes the latest period, `series` the latest periods.
 */
export async function takeBlockData(
  s: TenantScope,
  indicatorId: string,
  view: BlockView,
  kind?: string,
  referenceAreaIds: readonly string[] = [],
): Promise<BlockData> {
  const ind = await getIndicatorRow(s, indicatorId);
  const { data, dims } = await takeFromRow(s, ind, view);
  if (kind === 'map') return { ...data, map: await mapShapes(s, data) };
  if (kind === 'chart' && referenceAreaIds.length)
    return { ...data, references: await takeReferences(s, ind, data, dims, referenceAreaIds) };
  return data;
}

/**
 * Reference values of a chart block: the series of each chosen reference area for the same dimension
 * values as the block, as the public indicator page compares with its reference areas (the monitoring's
 * `seriesFor` in the public view — imported, or summed/computed from the area's parts, withheld where a
 * part is withheld), cut to the block's periods. An area of another municipality or none at all is 404.
 */
async function takeReferences(
  s: TenantScope,
  ind: IndicatorRow,
  data: BlockData,
  dims: Record<string, string>,
  areaIds: readonly string[],
): Promise<NonNullable<BlockData['references']>> {
  const byId = new Map((await listAreas(s, {})).map((a) => [a.id, a]));
  const periods = new Set(data.cells.map((c) => c.period));
  const out: NonNullable<BlockData['references']> = [];
  for (const id of new Set(areaIds)) {
    const area = byId.get(id);
    if (!area) throw notFound('Das Vergleichsgebiet');
    const series = await seriesFor(s, ind, id, dims, 'public');
    out.push({
      areaId: id,
      areaName: area.name,
      level: area.level,
      points: series.points
        .filter((p) => periods.has(p.period))
        .map((p) => ({
          period: p.period,
          value: p.suppressed ? null : p.value,
          flag: p.suppressed ? '.' : p.flag,
        })),
    });
  }
  return out;
}

/**
 * The boundaries for a map block: the area level with the most areas that have values and a boundary (the
 * monitoring's geometry service, as the public portal's maps), projected like the portal's SVG maps.
 */
async function mapShapes(s: TenantScope, data: BlockData): Promise<BlockData['map']> {
  const period = data.cells
    .map((c) => c.period)
    .toSorted()
    .at(-1);
  if (!period) return null;
  const withValues = new Set(data.cells.filter((c) => c.period === period).map((c) => c.areaCode));
  const areas = (await listAreas(s, {})).filter((a) => a.hasGeometry && withValues.has(a.code));
  const count = new Map<AreaLevel, number>();
  for (const a of areas) count.set(a.level, (count.get(a.level) ?? 0) + 1);
  const level = [...count.entries()].toSorted((a, b) => b[1] - a[1])[0]?.[0];
  if (!level) return null;
  const geo = await areaGeometry(s, level, period.slice(0, 10));
  const features = geo.features.filter((f) => withValues.has(f.properties.code));
  const rings = features.flatMap((f) => ringsOf(f.geometry).map((r) => ({ code: f.properties.code, r })));
  if (!rings.length) return null;
  const proj = projection(rings.flatMap((x) => x.r));
  return {
    width: proj.width,
    height: proj.height,
    shapes: features.map((f) => ({
      areaCode: f.properties.code,
      d: ringsOf(f.geometry)
        .map((r) => proj.path(r))
        .join(''),
    })),
  };
}

async function takeFromRow(
  s: TenantScope,
  ind: IndicatorRow,
  view: BlockView,
): Promise<{ data: BlockData; dims: Record<string, string> }> {
  const coverage = ind.coverage as Coverage | null;
  const latest = coverage?.lastPeriod ?? null;
  const all = latest ? await publicObservations(s, ind, view === 'areas' ? { periods: [latest] } : {}) : [];
  // One value per dimension: its total where the data have it, else its first value (named in `selection`).
  const detail = await indicatorDetail(s, ind.id, false);
  const dims: Record<string, string> = {};
  const chosen: string[] = [];
  for (const d of detail.dimensionsDetail) {
    const present = new Set(all.map((o) => o.dims[d.code]).filter((v): v is string => !!v));
    const total = d.values.find((v) => v.isTotal && present.has(v.code));
    const pick = total ?? d.values.find((v) => present.has(v.code));
    if (!pick) continue;
    dims[d.code] = pick.code;
    if (!total) chosen.push(`${d.name}: ${pick.label}`);
  }
  const obs = all.filter((o) => Object.entries(dims).every(([k, v]) => o.dims[k] === v));
  const periods = [...new Set(obs.map((o) => o.period))].toSorted().slice(-SERIES_PERIODS);
  const keep = new Set(periods);
  const names = new Map((await listAreas(s, {})).map((a) => [a.id, a.name]));
  const seen = new Set<string>();
  const cells = obs
    .filter((o) => keep.has(o.period))
    .filter((o) => {
      // One cell per area and period (the totals' series; a further dimension without total: the first).
      const k = `${o.areaId}|${o.period}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .map((o) => ({
      areaCode: o.areaCode,
      areaName: names.get(o.areaId) ?? o.areaCode,
      period: o.period,
      value: o.value,
      flag: o.flag,
    }));
  const data: BlockData = {
    indicatorCode: ind.code,
    indicatorName: ind.nameDe,
    unit: ind.unit,
    decimals: ind.decimals,
    source: ind.source,
    licence: ind.licence,
    dataVersion: ind.dataVersion,
    selection: chosen.length ? chosen.join(', ') : null,
    takenAt: new Date().toISOString(),
    cells,
  };
  return { data, dims };
}

/** Current data versions of indicators (for „neuere Daten“); indicators that are gone are left out. */
export async function currentDataVersions(
  s: TenantScope,
  indicatorIds: readonly string[],
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const id of new Set(indicatorIds)) {
    try {
      out.set(id, (await getIndicatorRow(s, id)).dataVersion);
    } catch {
      // deleted meanwhile: the block keeps its snapshot
    }
  }
  return out;
}
