import type { BlockData, BlockView } from '@dkbm/contract';
import type { TenantScope } from '../../platform/tenancy/scope';
import {
  getIndicatorRow,
  indicatorDetail,
  type Coverage,
  type IndicatorRow,
} from '../monitoring/catalog.service';
import { listAreas } from '../monitoring/areas.service';
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
): Promise<BlockData> {
  const ind = await getIndicatorRow(s, indicatorId);
  return takeFromRow(s, ind, view);
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
