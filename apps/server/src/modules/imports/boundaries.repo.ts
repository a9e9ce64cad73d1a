import { eq, sql } from 'drizzle-orm';
import type { AreaLevel } from '@dkbm/contract';
import { areas, areaVersions, tenants } from '../../platform/db/schema';
import type { TenantScope } from '../../platform/tenancy/scope';
import { levelCondition } from '../monitoring/areas.service';

/* What a boundary import reads and writes: areas and their boundary versions (monitoring's tables). */

/** The bbox of the tenant's existing boundaries, if any. */
export async function boundariesBbox(s: TenantScope): Promise<[number, number, number, number] | null> {
  const r = await s.rows<{ b: [number, number, number, number] | null }>(
    sql`SELECT jsonb_build_array(min((bbox->>0)::float8), min((bbox->>1)::float8), max((bbox->>2)::float8), max((bbox->>3)::float8)) AS b
          FROM area_versions WHERE tenant_id = ${s.tenantId} AND bbox IS NOT NULL HAVING count(*) > 0`,
  );
  const b = r[0]?.b;
  return b && b.every((x) => typeof x === 'number') ? b : null;
}

export async function tenantAgs(s: TenantScope): Promise<string | null> {
  const t = await s.select({ ags: tenants.ags }).from(tenants).where(eq(tenants.id, s.tenantId)).limit(1);
  return t[0]?.ags ?? null;
}

/** Areas among `ids` that have no value at all. */
export async function areasWithoutValues(s: TenantScope, ids: Set<string>) {
  if (!ids.size) return [];
  return s.rows<{ code: string; name: string }>(
    sql`SELECT a.code, a.name FROM areas a WHERE a.tenant_id = ${s.tenantId} AND a.id IN (${sql.join(
      [...ids].map((i) => sql`${i}::uuid`),
      sql`, `,
    )}) AND NOT EXISTS (SELECT 1 FROM observations o WHERE o.area_id = a.id AND o.value IS NOT NULL) ORDER BY a.code`,
  );
}

/** Areas of `level` valid at `date` that have values. */
export async function areasWithValuesAt(s: TenantScope, level: AreaLevel, date: string) {
  return s.rows<{ id: string; code: string; name: string }>(
    sql`SELECT a.id, a.code, a.name FROM areas a
         WHERE a.tenant_id = ${s.tenantId} AND ${levelCondition(level)}
           AND (a.valid_from IS NULL OR a.valid_from <= ${date}) AND (a.valid_to IS NULL OR a.valid_to >= ${date})
           AND EXISTS (SELECT 1 FROM observations o WHERE o.area_id = a.id AND o.value IS NOT NULL)
         ORDER BY a.code`,
  );
}

export async function insertAreas(
  s: TenantScope,
  rows: Array<Omit<typeof areas.$inferInsert, 'tenantId'>>,
): Promise<void> {
  for (let i = 0; i < rows.length; i += 500)
    await s.insert(areas).values(s.withTenant(rows.slice(i, i + 500)));
}

/**
 * Matched areas exist at least as long as their new boundary version: their validity is widened;
 * returns what it was before (for undo).
 */
export async function widenValidity(
  s: TenantScope,
  ids: readonly string[],
  validFrom: string,
  validTo: string | null,
): Promise<Array<{ id: string; validFrom: string | null; validTo: string | null }>> {
  if (!ids.length) return [];
  return s.rows(
    sql`UPDATE areas a SET
        valid_from = CASE WHEN a.valid_from IS NULL THEN NULL ELSE least(a.valid_from, ${validFrom}::date) END,
        valid_to = CASE WHEN a.valid_to IS NULL OR ${validTo}::date IS NULL THEN NULL ELSE greatest(a.valid_to, ${validTo}::date) END
      FROM (SELECT id, valid_from AS old_from, valid_to AS old_to FROM areas
             WHERE tenant_id = ${s.tenantId} AND id IN (${sql.join(
               ids.map((i) => sql`${i}::uuid`),
               sql`, `,
             )})) o
      WHERE a.id = o.id AND a.tenant_id = ${s.tenantId}
      RETURNING a.id, o.old_from::text AS "validFrom", o.old_to::text AS "validTo"`,
  );
}

export async function areaVersionsOf(s: TenantScope, areaId: string) {
  return s
    .select({ id: areaVersions.id, validFrom: areaVersions.validFrom, validTo: areaVersions.validTo })
    .from(areaVersions)
    .where(s.owns(areaVersions, eq(areaVersions.areaId, areaId)));
}

/** Close a boundary version the day before `validFrom`. */
export async function closeVersion(s: TenantScope, versionId: string, validFrom: string): Promise<void> {
  await s
    .update(areaVersions)
    .set({ validTo: sql`(${validFrom}::date - 1)` as never })
    .where(s.owns(areaVersions, eq(areaVersions.id, versionId)));
}

export async function insertVersion(
  s: TenantScope,
  values: Omit<typeof areaVersions.$inferInsert, 'tenantId'>,
): Promise<void> {
  await s.insert(areaVersions).values(s.withTenant(values));
}
