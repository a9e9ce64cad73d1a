import { eq, inArray } from 'drizzle-orm';
import type { AreaLevel } from '@dkbm/contract';
import { areas, dimensions, keyMappings, tenants } from '../../platform/db/schema';
import type { TenantScope } from '../../platform/tenancy/scope';
import type { KnownArea, Territory } from './keys';

/* What key matching needs of a tenant: its areas, saved key mappings, dimensions and territory. */

export async function tenantAreas(s: TenantScope): Promise<KnownArea[]> {
  const r = await s
    .select({
      id: areas.id,
      level: areas.level,
      code: areas.code,
      name: areas.name,
      validFrom: areas.validFrom,
      validTo: areas.validTo,
    })
    .from(areas)
    .where(s.owns(areas));
  return r.map((a) => ({ ...a, level: a.level as AreaLevel }));
}

export async function savedMappings(s: TenantScope): Promise<Map<string, string>> {
  const r = await s
    .select({ sourceKey: keyMappings.sourceKey, areaId: keyMappings.areaId })
    .from(keyMappings)
    .where(s.owns(keyMappings));
  return new Map(r.map((m) => [m.sourceKey, m.areaId]));
}

/** Which of the ids are areas of the tenant. */
export async function ownedAreaIds(s: TenantScope, ids: readonly string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const own = await s
    .select({ id: areas.id })
    .from(areas)
    .where(s.owns(areas, inArray(areas.id, [...ids])));
  return new Set(own.map((a) => a.id));
}

export async function tenantDimensions(s: TenantScope) {
  return s
    .select({
      code: dimensions.code,
      name: dimensions.nameDe,
      named: dimensions.named,
      sourceKeys: dimensions.sourceKeys,
    })
    .from(dimensions)
    .where(s.owns(dimensions));
}

/** The tenant's official key and name (which keys of a file are its own). */
export async function territoryOf(s: TenantScope): Promise<Territory> {
  const r = await s
    .select({ ags: tenants.ags, name: tenants.name })
    .from(tenants)
    .where(eq(tenants.id, s.tenantId))
    .limit(1);
  return { ags: r[0]?.ags ?? null, name: r[0]?.name ?? '' };
}
