import { asc, eq, getTableColumns, inArray, isNotNull, sql, type SQL } from 'drizzle-orm';
import { areas, directoryEntries } from '../../platform/db/schema';
import type { TenantScope } from '../../platform/tenancy/scope';

export type EntryRow = Omit<typeof directoryEntries.$inferSelect, 'searchVector'>;
export type EntryInsert = Omit<typeof directoryEntries.$inferInsert, 'tenantId' | 'id' | 'searchVector'>;

// Every column but the full-text vector (the database's business only).
const { searchVector: _searchVector, ...entryColumns } = getTableColumns(directoryEntries);

export interface EntryWithArea extends EntryRow {
  areaCode: string | null;
  areaName: string | null;
}

const withArea = (s: TenantScope, ...conds: SQL[]) =>
  s
    .select({ e: entryColumns, areaCode: areas.code, areaName: areas.name })
    .from(directoryEntries)
    .leftJoin(areas, s.owns(areas, eq(areas.id, directoryEntries.areaId)))
    .where(s.owns(directoryEntries, ...conds));

const flat = (r: { e: EntryRow; areaCode: string | null; areaName: string | null }): EntryWithArea => ({
  ...r.e,
  areaCode: r.areaCode,
  areaName: r.areaName,
});

export async function listEntries(
  s: TenantScope,
  f: {
    status?: string;
    kind?: string;
    ids?: readonly string[];
    providerId?: string;
    pending?: true;
  } = {},
): Promise<EntryWithArea[]> {
  const conds: SQL[] = [];
  if (f.providerId) conds.push(eq(directoryEntries.providerId, f.providerId));
  if (f.pending) conds.push(isNotNull(directoryEntries.pending));
  if (f.status) conds.push(eq(directoryEntries.status, f.status));
  if (f.kind) conds.push(eq(directoryEntries.kind, f.kind));
  if (f.ids) conds.push(inArray(directoryEntries.id, [...f.ids]));
  const r = await withArea(s, ...conds).orderBy(asc(directoryEntries.name));
  return r.map(flat);
}

export async function entryById(s: TenantScope, id: string): Promise<EntryWithArea | null> {
  const r = await withArea(s, eq(directoryEntries.id, id)).limit(1);
  return r[0] ? flat(r[0]) : null;
}

export async function entryBySlug(s: TenantScope, slug: string): Promise<EntryWithArea | null> {
  const r = await withArea(s, eq(directoryEntries.slug, slug)).limit(1);
  return r[0] ? flat(r[0]) : null;
}

export async function allSlugs(s: TenantScope): Promise<Set<string>> {
  const r = await s
    .select({ slug: directoryEntries.slug })
    .from(directoryEntries)
    .where(s.owns(directoryEntries));
  return new Set(r.map((x) => x.slug));
}

export async function insertEntries(s: TenantScope, rows: readonly EntryInsert[]): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < rows.length; i += 500) {
    const r = await s
      .insert(directoryEntries)
      .values(s.withTenant(rows.slice(i, i + 500)))
      .returning({ id: directoryEntries.id });
    ids.push(...r.map((x) => x.id));
  }
  return ids;
}

export async function updateEntry(s: TenantScope, id: string, set: Partial<EntryInsert>): Promise<boolean> {
  const r = await s
    .update(directoryEntries)
    .set({ ...set, updatedAt: sql`now()` as never })
    .where(s.owns(directoryEntries, eq(directoryEntries.id, id)))
    .returning({ id: directoryEntries.id });
  return r.length > 0;
}

export async function deleteEntry(s: TenantScope, id: string): Promise<boolean> {
  const r = await s
    .delete(directoryEntries)
    .where(s.owns(directoryEntries, eq(directoryEntries.id, id)))
    .returning({ id: directoryEntries.id });
  return r.length > 0;
}

/**
 * Ids of published entries whose text matches the words (German stemming; the stored
 * `search_vector` with its GIN index). The substring part of the search (compounds:
 * „Sprachkurs“ in „Deutschsprachkurs“) is done on the prepared entries in memory (`search.ts`).
 */
export async function searchPublished(s: TenantScope, q: string): Promise<Set<string>> {
  const r = await s.rows<{ id: string }>(sql`SELECT id FROM directory_entries
     WHERE tenant_id = ${s.tenantId} AND status = 'veroeffentlicht'
       AND search_vector @@ plainto_tsquery('german', ${q})`);
  return new Set(r.map((x) => x.id));
}

/**
 * The lexemes of every published entry's `search_vector` (what `searchPublished` matches against), read
 * once per data version: the public search then matches a search text in memory (`lexemeMatches`).
 */
export function publishedLexemes(s: TenantScope) {
  return s.rows<{ id: string; l: string[] }>(sql`SELECT id, tsvector_to_array(search_vector) AS l
      FROM directory_entries WHERE tenant_id = ${s.tenantId} AND status = 'veroeffentlicht'`);
}

/**
 * The lexemes of a search text as `plainto_tsquery('german', q)` makes them (same parser, stemming and
 * stop words; the query is all of them, AND). No table is read.
 */
export async function queryLexemes(s: TenantScope, q: string): Promise<string[]> {
  const [r] = await s.rows<{ l: string[] | null }>(
    sql`SELECT tsvector_to_array(to_tsvector('german', ${q})) AS l`,
  );
  return r?.l ?? [];
}

/**
 * The tenant's areas with a boundary, for locating points (latest boundary version each): the municipality
 * and its Stadtteile/Sozialräume/Planungsräume — not school catchments or custom areas, which overlap them
 * and are no place a citizen searches by.
 */
export function areaShapes(s: TenantScope) {
  return s.rows<{
    id: string;
    code: string;
    name: string;
    level: string;
    geometry: unknown;
    bbox: number[] | null;
  }>(
    sql`SELECT DISTINCT ON (a.id) a.id, a.code, a.name, a.level, v.geometry, v.bbox
          FROM areas a JOIN area_versions v ON v.area_id = a.id AND v.tenant_id = a.tenant_id AND v.geometry IS NOT NULL
         WHERE a.tenant_id = ${s.tenantId} AND a.valid_to IS NULL AND a.level NOT IN ('schulbezirk', 'custom')
         ORDER BY a.id, v.valid_from DESC`,
  );
}

/**
 * Data version of a municipality's entries: their number and last change (a new, changed or deleted entry
 * changes it). One indexed aggregate instead of loading every entry.
 */
export async function entriesStamp(s: TenantScope): Promise<string> {
  const [r] = await s
    .select({
      n: sql<number>`count(*)::int`,
      last: sql<string | null>`max(${directoryEntries.updatedAt})::text`,
    })
    .from(directoryEntries)
    .where(s.owns(directoryEntries));
  return `${r?.n ?? 0}|${r?.last ?? ''}`;
}
