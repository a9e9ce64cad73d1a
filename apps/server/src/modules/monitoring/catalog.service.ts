import type {
  Dimension,
  Indicator,
  IndicatorCreate,
  IndicatorDetail,
  IndicatorTopic,
  IndicatorUpdate,
} from '@dkbm/contract';
import { HttpError, notFound } from '../../platform/http/errors';
import type { TenantScope } from '../../platform/tenancy/scope';
import { definitionOf } from './computedDefinition';
import {
  EMPTY,
  bumpDataVersions,
  computedIndicators,
  deleteIndicatorRow,
  deleteKeyMappingRow,
  dimensionIds,
  dimensionLinks,
  dimensionsDetail,
  findDimension,
  findIndicators,
  getIndicatorRow,
  indicatorByCode,
  indicatorExists,
  indicatorPeriods,
  indicatorsByCodes,
  insertIndicator,
  listKeyMappings,
  renameDimension,
  touchIndicators,
  updateIndicatorRow,
  type Coverage,
  type IndicatorFilter,
  type IndicatorRow,
} from './catalog.repo';

/*
 * The indicator catalogue of a tenant: indicators with their metadata, dimensions, saved key mappings.
 * Other modules use it through these functions (ADR 0002).
 */

export {
  bumpDataVersions,
  getIndicatorRow,
  indicatorExists,
  touchIndicators,
  type Coverage,
  type IndicatorFilter,
  type IndicatorRow,
};

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

export async function listIndicators(s: TenantScope, f: IndicatorFilter): Promise<Indicator[]> {
  const list = await findIndicators(s, f);
  const dims = await dimensionLinks(
    s,
    list.map((i) => i.id),
  );
  return list.map((i) => toIndicatorDto(i, dims.get(i.id) ?? []));
}

export async function indicatorDetail(
  s: TenantScope,
  id: string,
  canSeeInternal: boolean,
): Promise<IndicatorDetail> {
  const row = await getIndicatorRow(s, id);
  const links = (await dimensionLinks(s, [row.id])).get(row.id) ?? [];
  const periods = await indicatorPeriods(s, row.id);
  const def = definitionOf(row);
  const inputCodes = def ? [...new Set(Object.values(def.inputs).map((i) => i.indicator))] : [];
  const inputs = (await indicatorsByCodes(s, inputCodes)).map((x) => ({
    id: x.id,
    code: x.code,
    name: x.nameDe,
  }));
  const computedAll = (await computedIndicators(s)).map((x) => ({
    id: x.id,
    code: x.code,
    name: x.nameDe,
    computed: x.computed,
  }));
  const dependents = computedAll
    .filter((c) => Object.values(definitionOf(c)!.inputs).some((i) => i.indicator === row.code))
    .map(({ id: i, code, name }) => ({ id: i, code, name }));
  return {
    ...toIndicatorDto(row, links),
    dimensionsDetail: await dimensionsDetail(
      s,
      links.map((l) => l.id),
    ),
    periods,
    computed: def,
    inputs,
    dependents,
    canSeeInternal,
  };
}

/** A new indicator for own data; its code must be new in the tenant. */
export async function createIndicator(s: TenantScope, input: IndicatorCreate): Promise<Indicator> {
  if (await indicatorByCode(s, input.code)) {
    throw new HttpError(409, 'conflict', `Ein Indikator mit dem Code ${input.code} besteht bereits.`, {
      field: 'code',
    });
  }
  return toIndicatorDto(await insertIndicator(s, input), []);
}

export async function updateIndicator(
  s: TenantScope,
  id: string,
  patch: IndicatorUpdate,
): Promise<Indicator> {
  const row = await getIndicatorRow(s, id);
  await updateIndicatorRow(s, row.id, patch);
  // The public values of computed indicators follow their inputs' thresholds and visibility.
  await bumpDataVersions(s, 'computed');
  const list = await listIndicators(s, {});
  return list.find((i) => i.id === row.id)!;
}

/** Delete an indicator with all its values: confirmed with its code, and not while others are computed from it. */
export async function deleteIndicator(
  s: TenantScope,
  id: string,
  confirm: string | undefined,
): Promise<void> {
  const row = await getIndicatorRow(s, id);
  if (confirm !== row.code) {
    throw new HttpError(
      400,
      'confirmation_required',
      `Bitte bestätigen Sie das Löschen mit dem Code des Indikators (${row.code}).`,
      { field: 'confirm' },
    );
  }
  const dependents = (await computedIndicators(s)).filter((c) =>
    JSON.stringify(c.computed).includes(`"indicator":${JSON.stringify(row.code)}`),
  );
  if (dependents.length) {
    throw new HttpError(
      409,
      'conflict',
      `Der Indikator wird von berechneten Indikatoren verwendet: ${dependents.map((d) => d.code).join(', ')}.`,
    );
  }
  await deleteIndicatorRow(s, row.id);
}

export async function listDimensions(s: TenantScope): Promise<Dimension[]> {
  return dimensionsDetail(s, await dimensionIds(s));
}

/** Rename a dimension or its values, or mark the total value. */
export async function updateDimension(
  s: TenantScope,
  id: string,
  patch: {
    name?: string | undefined;
    nameEn?: string | null | undefined;
    values?: Array<{ code: string; label: string; isTotal?: boolean | undefined }> | undefined;
  },
): Promise<Dimension> {
  const d = await findDimension(s, id);
  if (!d) throw notFound('Das Merkmal');
  await s.transaction(async (tx) => {
    await renameDimension(tx, d.id, patch);
    // A total is a relation of disclosure control: public views of the tenant's data change.
    if ((patch.values ?? []).some((v) => v.isTotal !== undefined)) await bumpDataVersions(tx, 'all');
  });
  return (await dimensionsDetail(s, [d.id]))[0]!;
}

export { listKeyMappings };

/** An indicator by its code, or null. */
export const findIndicatorByCode = (s: TenantScope, code: string) => indicatorByCode(s, code);

export async function deleteKeyMapping(s: TenantScope, id: string): Promise<void> {
  if (!(await deleteKeyMappingRow(s, id))) throw notFound('Die Zuordnung');
}
