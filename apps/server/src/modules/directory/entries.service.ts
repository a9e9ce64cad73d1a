import {
  type DirectoryEntry,
  type DirectoryEntryKind,
  type DirectoryImportReport,
  type DirectoryImportRequest,
  type DirectorySource,
  type EntryStatus,
  type OfferingInput,
  type VenueInput,
} from '@dkbm/contract';
import {
  areaOfPoint,
  geocodeAddress,
  type KnownAddress,
  type KnownArea,
  DirectoryListError,
  parseDirectoryList,
  parseDirectoryXlsx,
  slug,
  type PolygonGeometry,
} from '@dkbm/domain';
import { badRequest, notFound } from '../../platform/http/errors';
import type { TenantScope } from '../../platform/tenancy/scope';
import {
  allSlugs,
  areaShapes,
  deleteEntry,
  entryById,
  entryBySlug,
  insertEntries,
  searchPublished,
  publishedLexemes,
  queryLexemes,
  listEntries,
  updateEntry,
  type EntryInsert,
  type EntryWithArea,
  entriesStamp,
} from './entries.repo';

export type { EntryWithArea };
export { facetSearch, prepareSearch, searchIndex } from './search';

export function toEntryDto(r: EntryWithArea): DirectoryEntry {
  return {
    id: r.id,
    kind: r.kind as DirectoryEntryKind,
    slug: r.slug,
    name: r.name,
    type: r.type,
    categories: r.categories as DirectoryEntry['categories'],
    description: r.description,
    provider: r.provider,
    address: (r.address as DirectoryEntry['address']) ?? null,
    location: r.lon === null || r.lat === null ? null : { lon: Number(r.lon), lat: Number(r.lat) },
    area: r.areaId && r.areaCode ? { id: r.areaId, code: r.areaCode, name: r.areaName ?? r.areaCode } : null,
    status: r.status as EntryStatus,
    source: (r.source as DirectorySource | null) ?? null,
    details: r.details as Record<string, unknown>,
    updatedAt: new Date(r.updatedAt).toISOString(),
  };
}

/** Locates points in the tenant's areas (the smallest area that contains the point). */
export async function areaLocator(s: TenantScope) {
  const shapes = (await areaShapes(s)).map((a) => ({ ...a, geometry: a.geometry as PolygonGeometry }));
  return (p: { lon: number; lat: number } | null) => (p ? (areaOfPoint(p, shapes)?.id ?? null) : null);
}

/** URL segment of an entry: German transliteration, hyphens, unique in the tenant. */
export function uniqueSlug(name: string, taken: Set<string>): string {
  const base = slug(name).replace(/_/g, '-').slice(0, 80).replace(/-+$/, '') || 'eintrag';
  let candidate = base;
  for (let i = 2; taken.has(candidate); i++) candidate = `${base}-${i}`;
  taken.add(candidate);
  return candidate;
}

type Located = (p: { lon: number; lat: number } | null) => string | null;

export function placeRow(input: VenueInput, taken: Set<string>, locate: Located): EntryInsert {
  const { name, type, categories, description, provider, address, location, ...details } = input;
  return {
    kind: 'ort',
    slug: uniqueSlug(name, taken),
    name,
    type,
    categories,
    targetGroups: input.targetGroups,
    languages: input.languages,
    accessibility: input.accessibility,
    cost: null,
    description,
    provider,
    address,
    lon: location?.lon ?? null,
    lat: location?.lat ?? null,
    areaId: locate(location),
    status: 'veroeffentlicht',
    details,
    validUntil: input.validUntil,
  };
}

export function offerRow(input: OfferingInput, taken: Set<string>, locate: Located): EntryInsert {
  const { title, type, categories, description, provider, address, location, ...details } = input;
  return {
    kind: 'angebot',
    slug: uniqueSlug(title, taken),
    name: title,
    type,
    categories,
    targetGroups: input.targetGroups,
    languages: input.languages,
    accessibility: input.accessibility,
    cost: input.cost,
    description,
    provider,
    address,
    lon: location?.lon ?? null,
    lat: location?.lat ?? null,
    areaId: locate(location),
    status: 'veroeffentlicht',
    details,
    validUntil: input.validUntil,
  };
}

export async function listDirectory(s: TenantScope): Promise<DirectoryEntry[]> {
  return (await listEntries(s)).map(toEntryDto);
}

export async function getEntry(s: TenantScope, id: string): Promise<DirectoryEntry> {
  const r = await entryById(s, id);
  if (!r) throw notFound('Der Eintrag');
  return toEntryDto(r);
}

export async function createEntry(
  s: TenantScope,
  e: { kind: 'ort'; input: VenueInput } | { kind: 'angebot'; input: OfferingInput },
): Promise<DirectoryEntry> {
  const locate = await areaLocator(s);
  const taken = await allSlugs(s);
  const row = e.kind === 'ort' ? placeRow(e.input, taken, locate) : offerRow(e.input, taken, locate);
  const [id] = await insertEntries(s, [row]);
  return getEntry(s, id!);
}

export async function setEntryStatus(
  s: TenantScope,
  id: string,
  status: EntryStatus,
): Promise<DirectoryEntry> {
  if (!(await updateEntry(s, id, { status }))) throw notFound('Der Eintrag');
  return getEntry(s, id);
}

export async function removeEntry(s: TenantScope, id: string): Promise<void> {
  if (!(await deleteEntry(s, id))) throw notFound('Der Eintrag');
}

const addressKey = (name: string, a: unknown) => {
  const x = (a ?? {}) as { street?: string; postcode?: string };
  return `${name.toLowerCase()}|${(x.street ?? '').toLowerCase()}|${x.postcode ?? ''}`;
};

/**
 * Import a list of places (CSV, GeoJSON or XLSX; preset and/or column mapping). Rows with problems are refused and named (line, column); rows that
 * duplicate an entry of the directory (name + address) are not taken twice. All or nothing.
 */
export async function importDirectoryList(
  s: TenantScope,
  req: DirectoryImportRequest,
): Promise<DirectoryImportReport> {
  let parsed;
  try {
    parsed =
      req.xlsxBase64 !== undefined
        ? await parseDirectoryXlsx(Buffer.from(req.xlsxBase64, 'base64'), req.preset, req.mapping)
        : parseDirectoryList(req.csv ?? '', req.preset, req.mapping);
  } catch (e) {
    if (e instanceof DirectoryListError) throw badRequest(`${req.fileName}: ${e.message}`);
    throw e;
  }
  const existing = new Set((await listEntries(s)).map((e) => addressKey(e.name, e.address)));
  const locate = await areaLocator(s);
  const taken = await allSlugs(s);
  const rows: EntryInsert[] = [];
  let duplicates = parsed.duplicates;
  const problems = [...parsed.problems];
  for (const p of parsed.places) {
    if (existing.has(addressKey(p.input.name, p.input.address))) {
      duplicates++;
      if (problems.length < 200)
        problems.push({
          line: p.line,
          field: 'name',
          message: 'Schon im Wegweiser (gleicher Name und gleiche Adresse)',
        });
      continue;
    }
    rows.push({ ...placeRow(p.input, taken, locate), source: parsed.source, externalId: p.externalId });
  }
  problems.sort((a, b) => a.line - b.line);
  if (!req.dryRun && rows.length > 0) await s.transaction((tx) => insertEntries(tx, rows));
  return {
    dryRun: req.dryRun,
    preset: parsed.preset,
    rows: parsed.rows,
    taken: rows.length,
    refused: parsed.refused,
    duplicates,
    inAreas: rows.filter((r) => r.areaId !== null).length,
    problems,
  };
}

/* ---------- public (published entries only) ---------- */

const today = () => new Date().toISOString().slice(0, 10);

/** Entries the public sees: published, and not past their „gültig bis“. */
/**
 * Data version of the published entries (ADR 0013): changes with any entry and with the day (an entry past
 * its „gültig bis“ leaves the search at midnight). Cheap, for the page cache's reload check.
 */
export async function publishedStamp(s: TenantScope): Promise<string> {
  return `${today()}|${await entriesStamp(s)}`;
}

export async function publishedEntries(s: TenantScope): Promise<DirectoryEntry[]> {
  const d = today();
  return (await listEntries(s, { status: 'veroeffentlicht' }))
    .filter((r) => r.validUntil === null || r.validUntil >= d)
    .map(toEntryDto);
}

/**
 * Kitas with their places, as the public sees them (published venues of type `kita` with a capacity): the
 * entitlement planning takes the Kita supply per Sozialraum from them (ADR 0015).
 */
export async function kitaPlaces(
  s: TenantScope,
): Promise<Array<{ id: string; name: string; areaId: string | null; places: number }>> {
  return (await publishedEntries(s)).flatMap((e) => {
    const capacity = e.details.capacity;
    return e.kind === 'ort' && e.type === 'kita' && typeof capacity === 'number'
      ? [{ id: e.id, name: e.name, areaId: e.area?.id ?? null, places: capacity }]
      : [];
  });
}

/**
 * Ids of published entries matching a search text by German stemming (PostgreSQL full-text search);
 * `searchIndex` adds the entries that contain the text inside a word.
 */
export const matchingEntryIds = (s: TenantScope, q: string) => searchPublished(s, q);

/** Published entries by lexeme (inverted index of their `search_vector`s), made once per data version. */
export type LexemeIndex = Map<string, Set<string>>;

export async function lexemeIndex(s: TenantScope): Promise<LexemeIndex> {
  const index: LexemeIndex = new Map();
  for (const r of await publishedLexemes(s)) {
    for (const l of r.l) {
      let ids = index.get(l);
      if (!ids) index.set(l, (ids = new Set()));
      ids.add(r.id);
    }
  }
  return index;
}

/** The lexemes of a search text as `plainto_tsquery('german', q)` makes them (one small query, no table). */
export const searchLexemes = (s: TenantScope, q: string) => queryLexemes(s, q);

/**
 * `matchingEntryIds` on a lexeme index: the entries having every lexeme of the search text (`words`, from
 * `searchLexemes`), as `search_vector @@ plainto_tsquery('german', q)`; a text of stop words only matches
 * nothing. Replaces a full-text lookup per new search word that returned thousands of ids from the
 * database (issue 13: the first search for a word was the slowest 5 % of searches).
 */
export function lexemeMatches(index: LexemeIndex, words: readonly string[]): Set<string> {
  const unique = [...new Set(words)];
  if (unique.length === 0) return new Set();
  const sets = unique.map((w) => index.get(w) ?? new Set<string>()).toSorted((a, b) => a.size - b.size);
  const [smallest, ...others] = sets;
  if (others.length === 0) return smallest!;
  return new Set([...smallest!].filter((id) => others.every((o) => o.has(id))));
}

export async function publishedEntryBySlug(
  s: TenantScope,
  entrySlug: string,
): Promise<DirectoryEntry | null> {
  const r = await entryBySlug(s, entrySlug);
  if (!r || r.status !== 'veroeffentlicht' || (r.validUntil !== null && r.validUntil < today())) return null;
  return toEntryDto(r);
}

/** The areas (with boundaries) of the levels the entries lie in, for the map. */
export async function directoryAreas(s: TenantScope, entries: readonly DirectoryEntry[]) {
  const shapes = await areaShapes(s);
  const used = new Set(entries.flatMap((e) => (e.area ? [e.area.id] : [])));
  const levels = new Set(shapes.filter((a) => used.has(a.id)).map((a) => a.level));
  return shapes
    .filter((a) => levels.has(a.level))
    .map((a) => ({ code: a.code, name: a.name, level: a.level, geometry: a.geometry }))
    .toSorted((a, b) => a.code.localeCompare(b.code));
}

/** Centre (of the bounding box) of one of the municipality's areas with a boundary, for the distance sort. */
export async function areaCentre(s: TenantScope, code: string): Promise<{ lon: number; lat: number } | null> {
  const a = (await areaShapes(s)).find((x) => x.code === code);
  const b = a?.bbox;
  if (!b || b.length < 4) return null;
  return { lon: (b[0]! + b[2]!) / 2, lat: (b[1]! + b[3]!) / 2 };
}

/**
 * What a typed address is looked up in (ADR 0013): the addresses of the published entries with
 * coordinates, and the centres of the municipality's areas. Kept by the caller per data version.
 */
export async function knownPlaces(
  s: TenantScope,
  entries: readonly DirectoryEntry[],
): Promise<{ addresses: KnownAddress[]; areas: KnownArea[] }> {
  const addresses = entries.flatMap((e) =>
    e.address?.street && e.location
      ? [{ street: e.address.street, postcode: e.address.postcode, city: e.address.city, ...e.location }]
      : [],
  );
  const areas = (await areaShapes(s)).flatMap((a) =>
    a.bbox && a.bbox.length >= 4
      ? [
          {
            code: a.code,
            name: a.name,
            lon: (a.bbox[0]! + a.bbox[2]!) / 2,
            lat: (a.bbox[1]! + a.bbox[3]!) / 2,
          },
        ]
      : [],
  );
  return { addresses, areas };
}

/** The point of a typed address in the municipality's own data, or null (no third-party geocoder). */
export function locateAddress(
  places: { addresses: readonly KnownAddress[]; areas: readonly KnownArea[] },
  text: string,
) {
  return geocodeAddress(text, places.addresses, places.areas);
}
