import { DIRECTORY_PAGE_SIZE, type DirectoryEntry, type DirectorySearchQuery } from '@dkbm/contract';

/*
 * Faceted search of the public Wegweiser over the published entries (pure). Values within a facet are
 * OR, facets are AND; the count of a facet value is the number of hits with every *other* facet applied,
 * so that a visitor sees what choosing it would give.
 */

export type FacetKey =
  'art' | 'kategorie' | 'typ' | 'zielgruppe' | 'gebiet' | 'kosten' | 'sprache' | 'zugang' | 'zeitraum';
export const FACETS: readonly FacetKey[] = [
  'art',
  'kategorie',
  'gebiet',
  'typ',
  'zielgruppe',
  'kosten',
  'sprache',
  'zugang',
  'zeitraum',
];
/** Index of the date facet: its values depend on today's date, so they are computed per search. */
const ZEITRAUM = FACETS.indexOf('zeitraum');

export type DatePeriod = NonNullable<DirectorySearchQuery['zeitraum']>;

/** Today's date in the municipalities' time zone (Europe/Berlin), `YYYY-MM-DD`. */
const berlinDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' });
export function todayInGermany(now = new Date()): string {
  return berlinDay.format(now);
}

/**
 * Last day (inclusive) of each period of the date facet from `today`: „diese Woche“ up to Sunday,
 * „diesen Monat“ up to the end of the calendar month, „nächste 3 Monate“ up to the same day three months on
 * (or the end of that month when it is shorter).
 */
export function periodEnds(today: string): Array<[DatePeriod, string]> {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const day = (t: number) => new Date(t).toISOString().slice(0, 10);
  const t = Date.UTC(y, m - 1, d);
  const weekday = (new Date(t).getUTCDay() + 6) % 7; // Monday 0
  return [
    ['woche', day(t + (6 - weekday) * 86_400_000)],
    ['monat', day(Date.UTC(y, m, 0))],
    ['quartal', day(Math.min(Date.UTC(y, m + 2, d), Date.UTC(y, m + 3, 0)))],
  ];
}

/** The periods in which an entry has a date (start to end, by day) from `today` on; undated: none. */
function periodsOf(
  dates: ReadonlyArray<readonly [string, string]>,
  today: string,
  ends: ReadonlyArray<[DatePeriod, string]>,
): string[] {
  const out: string[] = [];
  for (const [period, end] of ends) {
    if (dates.some(([from, to]) => to >= today && from <= end)) out.push(period);
  }
  return out;
}

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
    case 'zeitraum':
      return [];
  }
}

function selected(q: DirectorySearchQuery, f: FacetKey): readonly string[] {
  if (f === 'art') return q.art ? [q.art] : [];
  if (f === 'zeitraum') return q.zeitraum ? [q.zeitraum] : [];
  return q[f] as readonly string[];
}

const collator = new Intl.Collator('de');

/** An entry prepared for searching: its facet values (each once) and its place in the order by name. */
interface Prepared {
  e: DirectoryEntry;
  values: string[][];
  rank: number;
  ageFrom: number;
  ageTo: number;
  firstDate: string;
  /** Its dates as days `[start, end]` (end = start when open), for the date facet. */
  dates: Array<readonly [string, string]>;
  /** Name and description in lower case, for the search inside words. */
  text: string;
}

/**
 * The published entries prepared once (per data version, kept by the caller): facet values computed and
 * the entries sorted by name, so that a search is one pass over them without sorting by name again.
 */
export interface SearchIndex {
  entries: Prepared[];
  byId: Map<string, Prepared>;
}

export function prepareSearch(entries: readonly DirectoryEntry[]): SearchIndex {
  const sorted = entries.toSorted((a, b) => collator.compare(a.name, b.name));
  const prepared = sorted.map((e, rank): Prepared => {
    const d = e.details as { ageFrom?: number | null; ageTo?: number | null };
    return {
      e,
      values: FACETS.map((f) => [...new Set(valuesOf(e, f))]),
      rank,
      ageFrom: d.ageFrom ?? 0,
      ageTo: d.ageTo ?? 120,
      firstDate: firstDate(e),
      dates: ((e.details as { dates?: Array<{ start: string; end?: string | null }> }).dates ?? []).map(
        (x) => [x.start.slice(0, 10), (x.end ?? x.start).slice(0, 10)] as const,
      ),
      text: `${e.name}\n${e.description}`.toLocaleLowerCase('de'),
    };
  });
  return { entries: prepared, byId: new Map(prepared.map((p) => [p.e.id, p])) };
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
  today?: string,
): SearchResult {
  return searchIndex(prepareSearch(entries), null, { ...q, q: '' }, from, today);
}

/**
 * The search over prepared entries, in one pass: an entry that fails no facet is a hit and counts for
 * every facet; one that fails exactly one facet counts for that facet only (what choosing one of its
 * values would give). With a search text `q.q`: the entries in `ids` (the full-text matches, German
 * stemming: „Sprachkurse“) and those whose name or description contains the text (compounds:
 * „Deutschsprachkurs“). The date facet (`zeitraum`) counts dated offers from `today` on; places and
 * undated offers have no value in it, so choosing a period leaves them out.
 */
export function searchIndex(
  index: SearchIndex,
  ids: ReadonlySet<string> | null,
  q: DirectorySearchQuery,
  from?: { lon: number; lat: number } | null,
  today: string = todayInGermany(),
): SearchResult {
  const ends = periodEnds(today);
  const want = FACETS.map((f) => selected(q, f));
  const active = FACETS.flatMap((_, i) => (want[i]!.length > 0 ? [i] : []));
  const counts = FACETS.map(() => new Map<string, number>());
  const count = (i: number, values: readonly string[]) => {
    const m = counts[i]!;
    for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  };
  const hits: Prepared[] = [];
  const needle = q.q.toLocaleLowerCase('de');
  const candidates = needle
    ? index.entries.filter((p) => ids?.has(p.e.id) || p.text.includes(needle))
    : index.entries;
  for (const p of candidates) {
    if (q.alter !== undefined && (p.ageFrom > q.alter || p.ageTo < q.alter)) continue;
    let values = p.values;
    if (p.dates.length > 0) {
      values = p.values.slice();
      values[ZEITRAUM] = periodsOf(p.dates, today, ends);
    }
    let failed = -1;
    let fails = 0;
    for (const i of active) {
      const have = values[i]!;
      if (!want[i]!.some((w) => have.includes(w))) {
        failed = i;
        if (++fails > 1) break;
      }
    }
    if (fails === 0) {
      hits.push(p);
      for (let i = 0; i < FACETS.length; i++) count(i, values[i]!);
    } else if (fails === 1) count(failed, values[failed]!);
  }
  const facets = Object.fromEntries(FACETS.map((f, i) => [f, counts[i]!])) as Record<
    FacetKey,
    Map<string, number>
  >;
  const distances =
    q.sortierung === 'entfernung' && from
      ? new Map(
          hits.flatMap((p) => (p.e.location ? [[p.e.id, distanceKm(from, p.e.location)] as const] : [])),
        )
      : undefined;
  // The prepared entries are in the order by name already.
  const sorted = distances
    ? hits.toSorted(
        (a, b) =>
          (distances.get(a.e.id) ?? Infinity) - (distances.get(b.e.id) ?? Infinity) || a.rank - b.rank,
      )
    : q.sortierung === 'datum'
      ? hits.toSorted((a, b) =>
          a.firstDate < b.firstDate ? -1 : a.firstDate > b.firstDate ? 1 : a.rank - b.rank,
        )
      : hits;
  const pages = Math.max(1, Math.ceil(sorted.length / DIRECTORY_PAGE_SIZE));
  const page = Math.min(q.seite, pages);
  return {
    total: sorted.length,
    page,
    pages,
    hits: sorted.slice((page - 1) * DIRECTORY_PAGE_SIZE, page * DIRECTORY_PAGE_SIZE).map((p) => p.e),
    located: sorted.flatMap((p) => (p.e.location ? [p.e] : [])),
    facets,
    ...(distances ? { distances } : {}),
  };
}

function firstDate(e: DirectoryEntry): string {
  const dates = (e.details as { dates?: Array<{ start: string }> }).dates ?? [];
  return dates[0]?.start ?? '9999';
}
