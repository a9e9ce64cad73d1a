import { describe, expect, it } from 'vitest';
import { directorySearchQuerySchema, type DirectoryEntry } from '@dkbm/contract';
import { FACETS, periodEnds, prepareSearch, searchIndex } from './search';

/** Fixed „today“ (a Thursday) for the date facet. */
const TODAY = '2026-12-03';
const DAYS = [
  '2026-12-01',
  '2026-12-03',
  '2026-12-06',
  '2026-12-07',
  '2026-12-31',
  '2027-01-15',
  '2027-03-03',
  '2027-03-04',
];

/** Entries over a few facet values, deterministic. */
const entries: DirectoryEntry[] = Array.from({ length: 60 }, (_, i) => ({
  id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  kind: i % 3 === 0 ? 'ort' : 'angebot',
  slug: `e-${i}`,
  name: `${['Kurs', 'Kita', 'Beratung', 'Ärztehaus'][i % 4]} ${i}`,
  type: i % 3 === 0 ? 'kita' : 'kurs',
  categories: i % 2 ? ['weiterbildung'] : ['fruehe_bildung', 'schule'],
  description: i % 5 === 0 ? 'Deutschsprachkurs am Abend' : '',
  provider: '',
  address: null,
  location: i % 7 === 0 ? null : { lon: 11 + i / 100, lat: 52 },
  area: { id: '00000000-0000-4000-8000-000000000001', code: `0${i % 3}`, name: `Gebiet ${i % 3}` },
  status: 'veroeffentlicht',
  source: null,
  details: {
    targetGroups: i % 4 ? ['erwachsene'] : ['kinder', 'eltern_familien'],
    languages: i % 3 ? ['de'] : ['de', 'tr'],
    accessibility: i % 2 ? ['barrierefrei'] : [],
    cost: i % 3 === 0 ? undefined : i % 2 ? 'kostenlos' : 'kostenpflichtig',
    ageFrom: i % 4 ? 16 : 0,
    ageTo: i % 4 ? null : 6,
    // Offers with a date (some past, some far ahead, one running since before today), places without.
    ...(i % 3 === 0
      ? {}
      : {
          dates:
            i % 11 === 0
              ? [{ start: '2026-11-20T10:00', end: '2026-12-04T12:00' }]
              : [{ start: `${DAYS[i % DAYS.length]}T18:00`, end: null }],
        }),
  },
  updatedAt: '2026-12-05T00:00:00.000Z',
}));

describe('searchIndex (one pass)', () => {
  it('counts each facet value over the hits of every other facet, as choosing it would give', () => {
    const q = directorySearchQuerySchema.parse({
      kategorie: ['weiterbildung'],
      gebiet: ['01', '02'],
      alter: 30,
    });
    const r = searchIndex(prepareSearch(entries), null, q, null, TODAY);
    for (const f of FACETS) {
      for (const [value, n] of r.facets[f]) {
        // Brute force: choose exactly this value in facet f and count the hits.
        const chosen = directorySearchQuerySchema.parse({
          ...q,
          [f]: f === 'art' || f === 'zeitraum' ? value : [value],
        });
        expect(searchIndex(prepareSearch(entries), null, chosen, null, TODAY).total, `${f}=${value}`).toBe(n);
      }
    }
    expect([...r.facets.zeitraum.keys()].toSorted()).toEqual(['monat', 'quartal', 'woche']);
    expect(r.total).toBeGreaterThan(0);
    // A value not chosen counts what choosing it would give, not 0.
    expect(r.facets.kategorie.get('fruehe_bildung')).toBeGreaterThan(0);
    expect(r.facets.zugang.get('barrierefrei')).toBeLessThanOrEqual(r.total);
    expect(r.hits.map((e) => e.name)).toEqual(
      r.hits.map((e) => e.name).toSorted((a, b) => a.localeCompare(b, 'de')),
    );
  });

  it('the date facet counts dated offers from today by period; places and undated offers are left out', () => {
    expect(periodEnds(TODAY)).toEqual([
      ['woche', '2026-12-06'],
      ['monat', '2026-12-31'],
      ['quartal', '2027-03-03'],
    ]);
    expect(periodEnds('2026-11-30')[2]).toEqual(['quartal', '2027-02-28']);
    const index = prepareSearch(entries);
    const all = directorySearchQuerySchema.parse({});
    const r = searchIndex(index, null, all, null, TODAY);
    const within = (end: string) =>
      entries.filter((e) => {
        const d = (e.details as { dates?: Array<{ start: string; end: string | null }> }).dates ?? [];
        return d.some((x) => (x.end ?? x.start).slice(0, 10) >= TODAY && x.start.slice(0, 10) <= end);
      });
    for (const [period, end] of periodEnds(TODAY)) {
      const expected = within(end);
      expect(expected.length, period).toBeGreaterThan(0);
      expect(r.facets.zeitraum.get(period), period).toBe(expected.length);
      const chosen = searchIndex(
        index,
        null,
        directorySearchQuerySchema.parse({ zeitraum: period }),
        null,
        TODAY,
      );
      expect(
        chosen.hits.every((e) => e.kind === 'angebot'),
        period,
      ).toBe(true);
      expect(chosen.total, period).toBe(expected.length);
    }
    // The week holds the running offer (since 20.11.) and the one on Sunday, not the one on Monday.
    const week = searchIndex(
      index,
      null,
      directorySearchQuerySchema.parse({ zeitraum: 'woche', seite: 1 }),
      null,
      TODAY,
    );
    expect(week.hits.map((e) => e.slug)).toContain('e-11');
    expect(week.total).toBeLessThan(r.facets.zeitraum.get('monat')!);
    // Without a chosen period every entry (dated or not) is found.
    expect(r.total).toBe(entries.length);
  });

  it('a search text finds the full-text ids and the text inside words', () => {
    const q = directorySearchQuerySchema.parse({ q: 'Sprachkurs' });
    const r = searchIndex(prepareSearch(entries), new Set([entries[1]!.id]), q);
    expect(r.hits.map((e) => e.slug).toSorted()).toEqual(
      ['e-1', ...entries.filter((e) => e.description.includes('sprachkurs')).map((e) => e.slug)].toSorted(),
    );
  });
});
