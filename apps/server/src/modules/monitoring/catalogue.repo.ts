import { inArray, sql } from 'drizzle-orm';
import { catalogueIndicators, indicators, series } from '../../platform/db/schema';
import type { TenantScope } from '../../platform/tenancy/scope';
import type { IndicatorRow } from './catalog.repo';

/* The Kennzahlenkatalog's rows of a tenant: its indicators and the links to the catalogue (ADR 9). */

export async function tenantIndicators(s: TenantScope, codes: string[]) {
  if (!codes.length) return new Map<string, IndicatorRow>();
  const r = await s
    .select()
    .from(indicators)
    .where(s.owns(indicators, inArray(indicators.code, [...new Set(codes)])));
  return new Map(r.map((i) => [i.code, i]));
}

export async function catalogueLinks(s: TenantScope) {
  const r = await s
    .select({
      indicatorId: catalogueIndicators.indicatorId,
      catalogueId: catalogueIndicators.catalogueId,
      catalogueVersion: catalogueIndicators.catalogueVersion,
      variant: catalogueIndicators.variant,
      base: catalogueIndicators.base,
      code: indicators.code,
    })
    .from(catalogueIndicators)
    .innerJoin(indicators, s.owns(indicators, sql`${indicators.id} = ${catalogueIndicators.indicatorId}`))
    .where(s.owns(catalogueIndicators));
  return new Map(r.map((l) => [l.code, l]));
}

/** Dimension values present per input indicator (to explain a definition that does not fit the data). */
export async function dimsByIndicator(s: TenantScope, ids: string[]) {
  const out = new Map<string, Map<string, Set<string>>>();
  if (!ids.length) return out;
  const r = await s
    .selectDistinct({ indicatorId: series.indicatorId, dims: series.dims })
    .from(series)
    .where(s.owns(series, inArray(series.indicatorId, ids)));
  for (const x of r) {
    const m = out.get(x.indicatorId) ?? new Map<string, Set<string>>();
    for (const [k, v] of Object.entries(x.dims)) {
      const set = m.get(k) ?? new Set<string>();
      set.add(v);
      m.set(k, set);
    }
    out.set(x.indicatorId, m);
  }
  return out;
}

type LinkValues = Omit<typeof catalogueIndicators.$inferInsert, 'tenantId'>;

export async function insertCatalogueLink(s: TenantScope, values: LinkValues): Promise<void> {
  await s.insert(catalogueIndicators).values(s.withTenant(values));
}

export async function updateCatalogueLink(
  s: TenantScope,
  indicatorId: string,
  values: Pick<LinkValues, 'catalogueVersion' | 'variant' | 'base'>,
): Promise<void> {
  await s
    .update(catalogueIndicators)
    .set({ ...values, appliedAt: sql`now()` as never })
    .where(s.owns(catalogueIndicators, sql`${catalogueIndicators.indicatorId} = ${indicatorId}`));
}
