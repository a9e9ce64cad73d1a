import type { TenantScope } from '../../platform/tenancy/scope';
import { asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Area, AreaDetail, AreaFeatureCollection, AreaLevel } from '@dkbm/contract';
import { areas, areaVersions } from '../../platform/db/schema';
import { notFound } from '../../platform/http/errors';

/**
 * Areas of a level. Berlin and Hamburg are Länder and Kreise at once: where they exist only as Land, they
 * count as Kreis too (Kreis maps of Germany must not have holes there).
 */
export function levelCondition(level: AreaLevel, alias = 'a'): SQL {
  const a = sql.raw(alias);
  if (level !== 'kreis') return sql`${a}.level = ${level}`;
  // oxlint-disable-next-line dkbm/tenant-scope -- a condition on the outer query's area, in its tenant
  return sql`(${a}.level = 'kreis' OR (${a}.level = 'land' AND ${a}.code IN ('02', '11')
              AND NOT EXISTS (SELECT 1 FROM areas k WHERE k.tenant_id = ${a}.tenant_id AND k.level = 'kreis' AND k.code = ${a}.code || '000')))`;
}

export async function listAreas(
  s: TenantScope,
  f: { level?: AreaLevel | undefined; at?: string | undefined; q?: string | undefined },
): Promise<Area[]> {
  const conds: SQL[] = [];
  if (f.level) conds.push(levelCondition(f.level));
  if (f.at)
    conds.push(
      sql`(a.valid_from IS NULL OR a.valid_from <= ${f.at}) AND (a.valid_to IS NULL OR a.valid_to >= ${f.at})`,
    );
  if (f.q) conds.push(sql`(a.name ILIKE ${`%${f.q}%`} OR a.code LIKE ${`${f.q}%`})`);
  const r = await s.rows<{
    id: string;
    level: AreaLevel;
    code: string;
    name: string;
    parent_id: string | null;
    valid_from: string | null;
    valid_to: string | null;
    has_geometry: boolean;
  }>(sql`SELECT a.id, a.level, a.code, a.name, a.parent_id, a.valid_from::text, a.valid_to::text,
               EXISTS (SELECT 1 FROM area_versions v WHERE v.area_id = a.id AND v.geometry IS NOT NULL) AS has_geometry
          FROM areas a WHERE a.tenant_id = ${s.tenantId} AND ${sql.join([sql`true`, ...conds], sql` AND `)}
         ORDER BY a.code, a.level`);
  return r.map((a) => ({
    id: a.id,
    level: a.level,
    code: a.code,
    name: a.name,
    parentId: a.parent_id,
    validFrom: a.valid_from,
    validTo: a.valid_to,
    hasGeometry: a.has_geometry,
  }));
}

export async function areaDetail(s: TenantScope, id: string): Promise<AreaDetail> {
  const a = (
    await s
      .select()
      .from(areas)
      .where(s.owns(areas, eq(areas.id, id)))
      .limit(1)
  )[0];
  if (!a) throw notFound('Die Raumeinheit');
  const versions = await s
    .select({
      id: areaVersions.id,
      validFrom: areaVersions.validFrom,
      validTo: areaVersions.validTo,
      name: areaVersions.name,
      geometry: areaVersions.geometry,
    })
    .from(areaVersions)
    .where(s.owns(areaVersions, eq(areaVersions.areaId, a.id)))
    .orderBy(asc(areaVersions.validFrom));
  const parent = a.parentId
    ? (
        await s
          .select({ id: areas.id, name: areas.name, level: areas.level })
          .from(areas)
          .where(s.owns(areas, eq(areas.id, a.parentId)))
          .limit(1)
      )[0]
    : undefined;
  const children = await s
    .select({ id: areas.id, name: areas.name, code: areas.code, level: areas.level })
    .from(areas)
    .where(s.owns(areas, eq(areas.parentId, a.id)))
    .orderBy(asc(areas.code));
  return {
    id: a.id,
    level: a.level as AreaLevel,
    code: a.code,
    name: a.name,
    parentId: a.parentId,
    validFrom: a.validFrom,
    validTo: a.validTo,
    hasGeometry: versions.some((v) => v.geometry),
    versions: versions.map((v) => ({ ...v, geometry: (v.geometry as never) ?? null })),
    parent: parent ? { ...parent, level: parent.level as AreaLevel } : null,
    children: children.map((c) => ({ ...c, level: c.level as AreaLevel })),
  };
}

/**
 * The boundaries of one level at a date, as GeoJSON: every area of the level valid at that date, with
 * the boundary version valid then — or, when the area has no version for that date, its nearest one
 * (later first), so that data of 2015 can be drawn on boundaries of 2021.
 */
export async function areaGeometry(
  s: TenantScope,
  level: AreaLevel,
  at: string | undefined,
): Promise<AreaFeatureCollection> {
  const date = at ?? new Date().toISOString().slice(0, 10);
  const r = await s.rows<{
    id: string;
    code: string;
    name: string;
    geometry: unknown;
    bbox: number[] | null;
  }>(sql`SELECT DISTINCT ON (a.id) a.id, a.code, coalesce(v.name, a.name) AS name, v.geometry, v.bbox
          FROM areas a JOIN area_versions v ON v.area_id = a.id AND v.geometry IS NOT NULL
         WHERE a.tenant_id = ${s.tenantId} AND ${levelCondition(level)}
           AND (a.valid_from IS NULL OR a.valid_from <= ${date}) AND (a.valid_to IS NULL OR a.valid_to >= ${date})
         ORDER BY a.id,
           CASE WHEN v.valid_from <= ${date} AND (v.valid_to IS NULL OR v.valid_to >= ${date}) THEN 0
                WHEN v.valid_from > ${date} THEN 1 ELSE 2 END,
           abs(v.valid_from - ${date}::date)`);
  let bbox: number[] | null = null;
  for (const f of r) {
    const b = f.bbox;
    if (!b) continue;
    bbox = bbox
      ? [
          Math.min(bbox[0]!, b[0]!),
          Math.min(bbox[1]!, b[1]!),
          Math.max(bbox[2]!, b[2]!),
          Math.max(bbox[3]!, b[3]!),
        ]
      : [...b];
  }
  return {
    type: 'FeatureCollection',
    bbox,
    features: r
      .toSorted((a, b) => a.code.localeCompare(b.code))
      .map((f) => ({
        type: 'Feature' as const,
        id: f.id,
        properties: { areaId: f.id, code: f.code, name: f.name },
        geometry: f.geometry as AreaFeatureCollection['features'][number]['geometry'],
      })),
  };
}

export async function areaExists(s: TenantScope, id: string): Promise<boolean> {
  const a = await s
    .select({ id: areas.id })
    .from(areas)
    .where(s.owns(areas, eq(areas.id, id)))
    .limit(1);
  return !!a[0];
}

/** Names of areas by id. */
export async function areaNames(s: TenantScope, ids: readonly string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 1000) {
    const chunk = ids.slice(i, i + 1000);
    const r = await s
      .select({ id: areas.id, name: areas.name })
      .from(areas)
      .where(s.owns(areas, inArray(areas.id, chunk)));
    for (const a of r) names.set(a.id, a.name);
  }
  return names;
}
