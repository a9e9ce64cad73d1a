import { describe, expect, it } from 'vitest';
import { directorySearchQuerySchema, type DirectoryEntry } from '@dkbm/contract';
import { FACETS, prepareSearch, searchIndex } from './search';

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
    const r = searchIndex(prepareSearch(entries), null, q);
    for (const f of FACETS) {
      for (const [value, n] of r.facets[f]) {
        // Brute force: choose exactly this value in facet f and count the hits.
        const chosen = directorySearchQuerySchema.parse({
          ...q,
          [f]: f === 'art' ? value : [value],
        });
        expect(searchIndex(prepareSearch(entries), null, chosen).total, `${f}=${value}`).toBe(n);
      }
    }
    expect(r.total).toBeGreaterThan(0);
    // A value not chosen counts what choosing it would give, not 0.
    expect(r.facets.kategorie.get('fruehe_bildung')).toBeGreaterThan(0);
    expect(r.facets.zugang.get('barrierefrei')).toBeLessThanOrEqual(r.total);
    expect(r.hits.map((e) => e.name)).toEqual(
      r.hits.map((e) => e.name).toSorted((a, b) => a.localeCompare(b, 'de')),
    );
  });

  it('a search text finds the full-text ids and the text inside words', () => {
    const q = directorySearchQuerySchema.parse({ q: 'Sprachkurs' });
    const r = searchIndex(prepareSearch(entries), new Set([entries[1]!.id]), q);
    expect(r.hits.map((e) => e.slug).toSorted()).toEqual(
      ['e-1', ...entries.filter((e) => e.description.includes('sprachkurs')).map((e) => e.slug)].toSorted(),
    );
  });
});
