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
): Promise<BlockData> {
  const ind = await getIndicatorRow(s, indicatorId);
  const data = await takeFromRow(s, ind, view);
  return kind === 'map' ? { ...data, map: await mapShapes(s, data) } : data;
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

async function takeFromRow(s: TenantScope, ind: IndicatorRow, view: BlockView): Promise<BlockData> {
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
  return {
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
