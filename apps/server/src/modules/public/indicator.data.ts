import { AREA_LEVEL_ORDER, type AreaLevel } from '@dkbm/contract';
import type { PublicIndicatorPage, PublicValue } from '@dkbm/web/ssr';
import type { TenantScope } from '../../platform/tenancy/scope';
import { indicatorDetail, type IndicatorRow } from '../monitoring/catalog.service';
import { areaGeometry, listAreas } from '../monitoring/areas.service';
import { referenceSeries, seriesFor, totalSpec } from '../monitoring/references.service';
import { publicObservations } from '../monitoring/observations.service';

/** At most this many areas get a line in the time-series chart (the rest are in the table). */
const MAX_LINES = 8;

export interface IndicatorSelection {
  period?: string | undefined;
  level?: string | undefined;
  /** One value per dimension (instead of its total), e.g. { betreuungsart: 'kita' }. */
  dims?: Record<string, string> | undefined;
  /** Portal settings: levels not shown, dimensions shown only as their total. */
  hiddenLevels?: readonly string[];
  hiddenDimensions?: readonly string[];
}

/**
 * Everything the public indicator page shows, read through the monitoring module's services and always
 * from the public view: withheld cells come as value null with flag „.“, sums with a withheld part too.
 * `null` when a selected period or level does not exist (the page answers 400 with the default view).
 */
export async function publicIndicatorData(
  s: TenantScope,
  ind: IndicatorRow,
  sel: IndicatorSelection,
): Promise<{
  data: Omit<PublicIndicatorPage, 'lang' | 'cssHref' | 'tenant' | 'chartSvg' | 'origin'>;
  valid: boolean;
}> {
  const detail = await indicatorDetail(s, ind.id, false);
  const spec = await totalSpec(s, ind);
  const defaults = { ...spec.dims };
  const areas = await listAreas(s, {});
  const levels = AREA_LEVEL_ORDER.filter(
    (l) => detail.coverage.levels.includes(l) && !sel.hiddenLevels?.includes(l),
  );
  const periods = detail.periods;
  let valid = true;
  let period = periods.at(-1) ?? null;
  if (sel.period !== undefined) {
    if (periods.includes(sel.period)) period = sel.period;
    else valid = false;
  }
  // The finest level with data and boundaries is the map's default (the districts of a city).
  const withGeometry = levels.filter((l) => areas.some((a) => a.level === l && a.hasGeometry));
  let level: AreaLevel | null = withGeometry.at(-1) ?? levels.at(-1) ?? null;
  if (sel.level !== undefined) {
    if ((levels as string[]).includes(sel.level)) level = sel.level as AreaLevel;
    else valid = false;
  }
  // Dimensions: the values the indicator has (in the public view of the period), one chosen per dimension.
  const present = period ? await publicObservations(s, ind, { periods: [period] }) : [];
  const dimensions: PublicIndicatorPage['dimensions'] = detail.dimensionsDetail.map((d) => {
    const used = new Set(
      sel.hiddenDimensions?.includes(d.code)
        ? []
        : present.map((o) => o.dims[d.code]).filter((v): v is string => !!v),
    );
    return {
      code: d.code,
      name: d.name,
      values: d.values.filter((v) => used.has(v.code)).map((v) => ({ code: v.code, label: v.label })),
      chosen: null,
    };
  });
  for (const [code, value] of Object.entries(sel.dims ?? {})) {
    const d = dimensions.find((x) => x.code === code);
    if (!d || !d.values.some((v) => v.code === value)) {
      valid = false;
      continue;
    }
    if (defaults[code] === value) continue;
    d.chosen = value;
    spec.dims[code] = value;
    spec.summedOver = spec.summedOver.filter((c) => c !== code);
  }
  const toValue = (p: { value: string | null; flag: string | null } | undefined): PublicValue => ({
    value: p?.value ?? null,
    flag: p ? p.flag : null,
  });

  // Development: the municipality as a whole (its own values, or summed/computed from its parts where the
  // indicator allows it) with the reference areas above it; else the areas of the broadest level with data.
  const top = levels[0];
  const topAreas = top ? areas.filter((a) => a.level === top && !a.validTo) : [];
  const parentIds = [...new Set(topAreas.map((a) => a.parentId))];
  const whole = parentIds.length === 1 && parentIds[0] ? areas.find((a) => a.id === parentIds[0]) : undefined;
  const series: PublicIndicatorPage['series'] = [];
  const wholeSeries = whole ? await seriesFor(s, ind, whole.id, spec, 'public') : null;
  const lineAreas = wholeSeries?.points.length ? [] : topAreas.slice(0, MAX_LINES);
  if (whole && wholeSeries?.points.length) {
    series.push({ code: whole.code, name: whole.name, reference: false, points: wholeSeries.points });
  }
  for (const a of lineAreas) {
    const r = await seriesFor(s, ind, a.id, spec, 'public');
    if (r.points.length) series.push({ code: a.code, name: a.name, reference: false, points: r.points });
  }
  const single =
    whole && wholeSeries?.points.length ? whole : lineAreas.length === 1 ? lineAreas[0] : undefined;
  if (single) {
    for (const ref of await referenceSeries(s, ind, single.id, spec.dims, 'public')) {
      if (ref.points.length)
        series.push({
          code: ref.areaId,
          name: ref.name,
          reference: true,
          points: ref.points.map((p) => ({ period: p.period, value: p.value, flag: p.flag })),
        });
    }
  }

  // By area: one value per area of the level in the period, on its boundary where there is one.
  const byArea: PublicIndicatorPage['byArea'] = [];
  if (level && period) {
    const geo = await areaGeometry(s, level, period);
    const shapes = new Map(geo.features.map((f) => [f.properties.code, f.geometry]));
    for (const a of areas.filter((x) => x.level === level && !x.validTo)) {
      const r = await seriesFor(s, ind, a.id, spec, 'public');
      const p = r.points.find((x) => x.period === period);
      if (!p) continue;
      byArea.push({ code: a.code, name: a.name, ...toValue(p), geometry: shapes.get(a.code) ?? null });
    }
  }
  const dimNames = detail.dimensionsDetail.flatMap((d) => {
    if (dimensions.find((x) => x.code === d.code)?.chosen) {
      const v = d.values.find((x) => x.code === spec.dims[d.code]);
      return [`${d.name}: ${v?.label ?? spec.dims[d.code]}`];
    }
    const v = spec.dims[d.code];
    if (!v) return spec.summedOver.includes(d.code) ? [`${d.name}: alle zusammen`] : [];
    const total = d.values.find((x) => x.code === v);
    return total?.isTotal ? [] : [`${d.name}: ${total?.label ?? v}`];
  });
  return {
    valid,
    data: {
      indicator: {
        code: ind.code,
        nameDe: ind.nameDe,
        nameEn: ind.nameEn,
        description: ind.description,
        unit: ind.unit,
        decimals: ind.decimals,
        topic: ind.topic,
        source: ind.source,
        licence: ind.licence,
        attribution: ind.attribution,
        updateInterval: ind.updateInterval,
        contact: ind.contact,
        periodType: ind.periodType,
        updatedAt: detail.updatedAt,
        computed: !!ind.computed,
      },
      selection: dimNames.length ? dimNames.join(', ') : null,
      periods,
      period,
      levels,
      level,
      dimensions,
      series,
      byArea,
    },
  };
}
