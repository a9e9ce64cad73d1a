import { DIRECTORY_PAGE_SIZE, type DirectoryEntry, type DirectorySearchQuery } from '@dkbm/contract';

/*
 * Faceted search of the public Wegweiser over the published entries (pure). Values within a facet are
 * OR, facets are AND; the count of a facet value is the number of hits with every *other* facet applied,
 * so that a visitor sees what choosing it would give.
 */

export type FacetKey =
  'art' | 'kategorie' | 'typ' | 'zielgruppe' | 'gebiet' | 'kosten' | 'sprache' | 'zugang';
export const FACETS: readonly FacetKey[] = [
  'art',
  'kategorie',
  'gebiet',
  'typ',
  'zielgruppe',
  'kosten',
  'sprache',
  'zugang',
];

function valuesOf(e: DirectoryEntry, f: FacetKey): string[] {
  const d = e.details as {
    targetGroups?: string[];
    languages?: string[];
    accessibility?: string[];
    cost?: string;
  };
  switch (f) {
    case 'art':
      return [e.kind === 'ort' ? 'orte' : 'angebote'];
    case 'kategorie':
      return e.categories;
    case 'typ':
      return [e.type];
    case 'zielgruppe':
      return d.targetGroups ?? [];
    case 'gebiet':
      return e.area ? [e.area.code] : [];
    case 'kosten':
      return e.kind === 'angebot' && d.cost ? [d.cost] : [];
    case 'sprache':
      return d.languages ?? [];
    case 'zugang':
      return d.accessibility ?? [];
  }
}

function selected(q: DirectorySearchQuery, f: FacetKey): readonly string[] {
  if (f === 'art') return q.art ? [q.art] : [];
  return q[f] as readonly string[];
}

function matches(e: DirectoryEntry, q: DirectorySearchQuery, except?: FacetKey): boolean {
  for (const f of FACETS) {
    if (f === except) continue;
    const want = selected(q, f);
    if (want.length === 0) continue;
    const have = valuesOf(e, f);
    if (!want.some((w) => have.includes(w))) return false;
  }
  if (q.alter !== undefined) {
    const d = e.details as { ageFrom?: number | null; ageTo?: number | null };
    if ((d.ageFrom ?? 0) > q.alter || (d.ageTo ?? 120) < q.alter) return false;
  }
  return true;
}

export interface SearchResult {
  total: number;
  page: number;
  pages: number;
  hits: DirectoryEntry[];
  /** Every hit (all pages) with coordinates, for the map. */
  located: DirectoryEntry[];
  facets: Record<FacetKey, Map<string, number>>;
  /** Distance in km of each hit with coordinates from the point of the distance sort. */
  distances?: Map<string, number>;
}

/** Great-circle distance in km (haversine, mean earth radius). */
export function distanceKm(a: { lon: number; lat: number }, b: { lon: number; lat: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function facetSearch(
  entries: readonly DirectoryEntry[],
  q: DirectorySearchQuery,
  /** Point of the distance sort (`sortierung=entfernung`): entries without coordinates come last. */
  from?: { lon: number; lat: number } | null,
): SearchResult {
  const hits = entries.filter((e) => matches(e, q));
  const facets = {} as Record<FacetKey, Map<string, number>>;
  for (const f of FACETS) {
    const counts = new Map<string, number>();
    for (const e of entries) {
      if (!matches(e, q, f)) continue;
      for (const v of new Set(valuesOf(e, f))) counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    facets[f] = counts;
  }
  const distances =
    q.sortierung === 'entfernung' && from
      ? new Map(hits.flatMap((e) => (e.location ? [[e.id, distanceKm(from, e.location)] as const] : [])))
      : undefined;
  const sorted = distances
    ? hits.toSorted(
        (a, b) =>
          (distances.get(a.id) ?? Infinity) - (distances.get(b.id) ?? Infinity) ||
          a.name.localeCompare(b.name, 'de'),
      )
    : q.sortierung === 'datum'
      ? hits.toSorted(
          (a, b) => firstDate(a).localeCompare(firstDate(b)) || a.name.localeCompare(b.name, 'de'),
        )
      : hits.toSorted((a, b) => a.name.localeCompare(b.name, 'de'));
  const pages = Math.max(1, Math.ceil(sorted.length / DIRECTORY_PAGE_SIZE));
  const page = Math.min(q.seite, pages);
  return {
    total: sorted.length,
    page,
    pages,
    hits: sorted.slice((page - 1) * DIRECTORY_PAGE_SIZE, page * DIRECTORY_PAGE_SIZE),
    located: sorted.filter((e) => e.location),
    facets,
    ...(distances ? { distances } : {}),
  };
}

function firstDate(e: DirectoryEntry): string {
  const dates = (e.details as { dates?: Array<{ start: string }> }).dates ?? [];
  return dates[0]?.start ?? '9999';
}
