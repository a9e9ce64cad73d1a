import { describe, it, expect } from 'vitest';
import { createRng, DEMO_AGE_GROUPS, generateDemoMunicipality } from './index';
import type { DemoMunicipality } from './index';

type Pos = [number, number];

// --- independent geometry helpers (deliberately not imported from the implementation) ---

function ringArea(ring: readonly Pos[]): number {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const [x0, y0] = ring[i]!;
    const [x1, y1] = ring[i + 1]!;
    sum += x0 * y1 - x1 * y0;
  }
  return sum / 2;
}

/** Ray casting point-in-polygon for a closed ring. */
function pointInRing([px, py]: Pos, ring: readonly Pos[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 2; i < ring.length - 1; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > py !== yj > py && px < ((xj - xi) * (py - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

const key = (p: Pos) => `${p[0]},${p[1]}`;
const outerRing = (m: DemoMunicipality, i: number) => m.districts[i]!.geometry.coordinates[0]!;

function totalsByDistrictYear(m: DemoMunicipality): Map<string, number> {
  const totals = new Map<string, number>();
  for (const r of m.population) {
    const k = `${r.districtCode}|${r.year}`;
    totals.set(k, (totals.get(k) ?? 0) + r.value);
  }
  return totals;
}

function share(
  m: DemoMunicipality,
  groups: string[],
  filter: (code: string) => boolean,
  year: number,
): number {
  let part = 0;
  let all = 0;
  for (const r of m.population) {
    if (r.year !== year || !filter(r.districtCode)) continue;
    all += r.value;
    if (groups.includes(r.ageGroup)) part += r.value;
  }
  return part / all;
}

describe('createRng', () => {
  it('is deterministic, in [0, 1) and seed dependent', () => {
    const a = createRng(123);
    const b = createRng(123);
    const c = createRng(124);
    const sa = Array.from({ length: 1000 }, a);
    const sb = Array.from({ length: 1000 }, b);
    const sc = Array.from({ length: 1000 }, c);
    expect(sa).toEqual(sb);
    expect(sa).not.toEqual(sc);
    expect(sa.every((v) => v >= 0 && v < 1)).toBe(true);
    const mean = sa.reduce((x, y) => x + y, 0) / sa.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
  });
});

describe('DEMO_AGE_GROUPS', () => {
  it('covers all ages contiguously with German and English labels', () => {
    expect(DEMO_AGE_GROUPS.map((g) => g.code)).toEqual([
      'u3',
      '3-5',
      '6-9',
      '10-15',
      '16-18',
      '19-24',
      '25-64',
      '65+',
    ]);
    expect(DEMO_AGE_GROUPS[0]).toMatchObject({
      fromAge: 0,
      labelDe: 'unter 3 Jahre',
      labelEn: 'under 3 years',
    });
    expect(DEMO_AGE_GROUPS.at(-1)).toMatchObject({ fromAge: 65, toAge: null, labelDe: '65 Jahre und älter' });
    for (let i = 1; i < DEMO_AGE_GROUPS.length; i++) {
      expect(DEMO_AGE_GROUPS[i]!.fromAge).toBe((DEMO_AGE_GROUPS[i - 1]!.toAge ?? NaN) + 1);
    }
  });
});

describe('generateDemoMunicipality – determinism and options', () => {
  it('returns deep-equal output for equal options', () => {
    expect(generateDemoMunicipality()).toEqual(generateDemoMunicipality());
    expect(generateDemoMunicipality()).toEqual(generateDemoMunicipality({ seed: 20261122 }));
    expect(generateDemoMunicipality({ seed: 5, districtCount: 9 })).toEqual(
      generateDemoMunicipality({ seed: 5, districtCount: 9 }),
    );
  });

  it('differs for a different seed', () => {
    const a = generateDemoMunicipality();
    const b = generateDemoMunicipality({ seed: 1 });
    expect(b.districts.map((d) => d.geometry)).not.toEqual(a.districts.map((d) => d.geometry));
    expect(b.population).not.toEqual(a.population);
  });

  it('uses the defaults: 12 districts, 2019–2024, Musterstadt', () => {
    const m = generateDemoMunicipality();
    expect(m.name).toBe('Musterstadt');
    expect(m.districts).toHaveLength(12);
    expect(m.years).toEqual([2019, 2020, 2021, 2022, 2023, 2024]);
  });

  it('honours the year range and rejects invalid options', () => {
    expect(generateDemoMunicipality({ firstYear: 2015, lastYear: 2017 }).years).toEqual([2015, 2016, 2017]);
    expect(() => generateDemoMunicipality({ districtCount: 7 })).toThrow(RangeError);
    expect(() => generateDemoMunicipality({ districtCount: 16 })).toThrow(RangeError);
    expect(() => generateDemoMunicipality({ firstYear: 2024, lastYear: 2019 })).toThrow(RangeError);
  });

  it('uses plausible German names with umlauts in the default city', () => {
    const names = generateDemoMunicipality().districts.map((d) => d.name);
    expect(names.some((n) => /[äöüß]/.test(n))).toBe(true);
  });
});

const scenarios = [
  { seed: 20261122, districtCount: 12 },
  { seed: 1, districtCount: 8 },
  { seed: 42, districtCount: 15 },
  { seed: 7, districtCount: 10 },
  { seed: 987654321, districtCount: 13 },
];

describe.each(scenarios)('generateDemoMunicipality(seed $seed, $districtCount districts)', (options) => {
  const m = generateDemoMunicipality(options);
  const n = m.districts.length;

  describe('districts', () => {
    it('has the requested number of districts with unique codes and names', () => {
      expect(n).toBe(options.districtCount);
      expect(n).toBeGreaterThanOrEqual(8);
      expect(n).toBeLessThanOrEqual(15);
      const codes = m.districts.map((d) => d.code);
      expect(codes).toEqual(Array.from({ length: n }, (_, i) => String(i + 1).padStart(2, '0')));
      expect(new Set(m.districts.map((d) => d.name)).size).toBe(n);
      expect(m.districts.every((d) => d.name.trim().length > 0)).toBe(true);
    });

    it('puts the Altstadt (innenstadt) in the centre and uses every character', () => {
      const first = m.districts[0]!;
      expect(first).toMatchObject({ code: '01', name: 'Altstadt', character: 'innenstadt' });
      const [cx, cy] = [(m.bbox[0] + m.bbox[2]) / 2, (m.bbox[1] + m.bbox[3]) / 2];
      const dist = (d: (typeof m.districts)[number]) => Math.hypot(d.centroid[0] - cx, d.centroid[1] - cy);
      const sorted = m.districts.toSorted((a, b) => dist(a) - dist(b));
      expect(sorted.slice(0, 3).map((d) => d.code)).toContain('01');
      expect(new Set(m.districts.map((d) => d.character)).size).toBe(6);
    });

    it('has valid closed, counter-clockwise rings rounded to 6 decimals', () => {
      for (const d of m.districts) {
        expect(d.geometry.type).toBe('Polygon');
        expect(d.geometry.coordinates).toHaveLength(1);
        const ring = d.geometry.coordinates[0]!;
        expect(ring.length).toBeGreaterThanOrEqual(4);
        expect(ring[0]).toEqual(ring.at(-1));
        expect(ringArea(ring)).toBeGreaterThan(0);
        for (let i = 1; i < ring.length; i++) expect(ring[i]).not.toEqual(ring[i - 1]);
        for (const p of [...ring, d.centroid]) {
          expect(p).toHaveLength(2);
          for (const v of p) expect(Math.round(v * 1e6) / 1e6).toBe(v);
        }
      }
    });

    it('lies in central Germany with a plausible extent and a correct bbox', () => {
      const all = m.districts.flatMap((d) => d.geometry.coordinates[0]!);
      const lons = all.map((p) => p[0]);
      const lats = all.map((p) => p[1]);
      expect(m.bbox).toEqual([Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)]);
      const [minLon, minLat, maxLon, maxLat] = m.bbox;
      expect(minLon).toBeGreaterThan(9.8);
      expect(maxLon).toBeLessThan(10.2);
      expect(minLat).toBeGreaterThan(50.95);
      expect(maxLat).toBeLessThan(51.15);
      const widthKm = (maxLon - minLon) * 111.32 * Math.cos((51.05 * Math.PI) / 180);
      const heightKm = (maxLat - minLat) * 111.32;
      expect(widthKm).toBeGreaterThan(10);
      expect(widthKm).toBeLessThan(20);
      expect(heightKm).toBeGreaterThan(10);
      expect(heightKm).toBeLessThan(20);
    });

    it('has each centroid inside its own polygon and in no other polygon', () => {
      m.districts.forEach((d, i) => {
        const containing = m.districts
          .map((_, j) => j)
          .filter((j) => pointInRing(d.centroid, outerRing(m, j)));
        expect(containing).toEqual([i]);
      });
    });

    it('forms a contiguous blob: neighbours share exact edges, the outline is one closed loop', () => {
      // Directed edges of all CCW rings. An interior edge appears once in each direction.
      const owner = new Map<string, number>();
      m.districts.forEach((_, i) => {
        const ring = outerRing(m, i);
        for (let k = 0; k < ring.length - 1; k++) {
          const e = `${key(ring[k]!)}>${key(ring[k + 1]!)}`;
          expect(owner.has(e)).toBe(false); // same directed edge twice = overlap
          owner.set(e, i);
        }
      });
      const neighbours = m.districts.map(() => new Set<number>());
      const boundaryNext = new Map<string, string>();
      for (const [e, i] of owner) {
        const [a, b] = e.split('>') as [string, string];
        const j = owner.get(`${b}>${a}`);
        if (j === undefined) {
          expect(boundaryNext.has(a)).toBe(false); // outline must not touch itself
          boundaryNext.set(a, b);
        } else {
          expect(j).not.toBe(i);
          neighbours[i]!.add(j);
        }
      }
      // Every district has a neighbour and the adjacency graph is connected.
      expect(neighbours.every((s) => s.size > 0)).toBe(true);
      const seen = new Set([0]);
      const queue = [0];
      while (queue.length)
        for (const j of neighbours[queue.pop()!]!) if (!seen.has(j) && seen.add(j)) queue.push(j);
      expect(seen.size).toBe(n);
      // Boundary edges form exactly one loop (no holes, no separate islands).
      const start = boundaryNext.keys().next().value as string;
      const loop: Pos[] = [];
      let cur = start;
      do {
        loop.push(cur.split(',').map(Number) as Pos);
        cur = boundaryNext.get(cur)!;
        expect(cur).toBeDefined();
      } while (cur !== start && loop.length <= boundaryNext.size);
      expect(loop.length).toBe(boundaryNext.size);
      loop.push(loop[0]!);
      const sumOfAreas = m.districts.reduce((s, _, i) => s + ringArea(outerRing(m, i)), 0);
      expect(ringArea(loop)).toBeCloseTo(sumOfAreas, 10);

      // Sample a grid: points inside the outline are covered by exactly one district (no gaps, no
      // overlaps), points outside by none.
      const [minLon, minLat, maxLon, maxLat] = m.bbox;
      let insideSamples = 0;
      for (let a = 0.5; a < 60; a++) {
        for (let b = 0.5; b < 60; b++) {
          const p: Pos = [
            minLon + ((maxLon - minLon) * (a + 0.0123)) / 60,
            minLat + ((maxLat - minLat) * (b + 0.0271)) / 60,
          ];
          const hits = m.districts.filter((_, i) => pointInRing(p, outerRing(m, i))).length;
          const inside = pointInRing(p, loop);
          if (inside) insideSamples++;
          expect(hits).toBe(inside ? 1 : 0);
        }
      }
      expect(insideSamples).toBeGreaterThan(1000);
    });
  });

  describe('population', () => {
    it('has exactly one integer, non-negative row per district × year × age group', () => {
      expect(m.population).toHaveLength(n * m.years.length * DEMO_AGE_GROUPS.length);
      const keys = new Set(m.population.map((r) => `${r.districtCode}|${r.year}|${r.ageGroup}`));
      expect(keys.size).toBe(m.population.length);
      for (const d of m.districts)
        for (const y of m.years)
          for (const g of DEMO_AGE_GROUPS) expect(keys.has(`${d.code}|${y}|${g.code}`)).toBe(true);
      expect(m.population.every((r) => Number.isInteger(r.value) && r.value >= 0)).toBe(true);
    });

    it('keeps district and city totals within plausible bounds', () => {
      const totals = totalsByDistrictYear(m);
      for (const v of totals.values()) {
        expect(v).toBeGreaterThanOrEqual(4_000);
        expect(v).toBeLessThanOrEqual(25_000);
      }
      for (const y of m.years) {
        const city = m.districts.reduce((s, d) => s + (totals.get(`${d.code}|${y}`) ?? 0), 0);
        expect(city).toBeGreaterThanOrEqual(90_000);
        expect(city).toBeLessThanOrEqual(160_000);
      }
    });

    it('changes every group by at most 4 % per year, with some movement', () => {
      const value = new Map(m.population.map((r) => [`${r.districtCode}|${r.year}|${r.ageGroup}`, r.value]));
      let changed = 0;
      for (const d of m.districts)
        for (const g of DEMO_AGE_GROUPS)
          for (const y of m.years.slice(1)) {
            const prev = value.get(`${d.code}|${y - 1}|${g.code}`)!;
            const next = value.get(`${d.code}|${y}|${g.code}`)!;
            expect(Math.abs(next - prev)).toBeLessThanOrEqual(0.04 * prev);
            if (next !== prev) changed++;
          }
      expect(changed).toBeGreaterThan(0);
    });

    it('has realistic u3 and 65+ shares for the city and each district', () => {
      for (const y of m.years) {
        const u3 = share(m, ['u3'], () => true, y);
        const old = share(m, ['65+'], () => true, y);
        expect(u3).toBeGreaterThanOrEqual(0.025);
        expect(u3).toBeLessThanOrEqual(0.04);
        expect(old).toBeGreaterThanOrEqual(0.15);
        expect(old).toBeLessThanOrEqual(0.3);
        for (const d of m.districts) {
          const du3 = share(m, ['u3'], (c) => c === d.code, y);
          const dold = share(m, ['65+'], (c) => c === d.code, y);
          expect(du3).toBeGreaterThanOrEqual(0.015);
          expect(du3).toBeLessThanOrEqual(0.055);
          expect(dold).toBeGreaterThanOrEqual(0.1);
          expect(dold).toBeLessThanOrEqual(0.35);
        }
      }
    });

    it('reflects the district character in the age structure', () => {
      const y = m.years[0]!;
      const codesOf = (chars: string[]) =>
        new Set(m.districts.filter((d) => chars.includes(d.character)).map((d) => d.code));
      const groupShare = (groups: string[], chars: string[], negate = false) => {
        const codes = codesOf(chars);
        return share(m, groups, (c) => codes.has(c) !== negate, y);
      };
      const children = ['u3', '3-5', '6-9', '10-15'];
      expect(groupShare(children, ['familienquartier'])).toBeGreaterThan(
        groupShare(children, ['familienquartier'], true),
      );
      expect(groupShare(['19-24', '25-64'], ['innenstadt'])).toBeGreaterThan(
        groupShare(['19-24', '25-64'], ['innenstadt'], true),
      );
      expect(groupShare(['65+'], ['villenviertel', 'dorfkern'])).toBeGreaterThan(
        groupShare(['65+'], ['villenviertel', 'dorfkern'], true),
      );
      expect(groupShare(['65+'], ['grosswohnsiedlung'])).toBeGreaterThan(groupShare(['65+'], ['innenstadt']));
    });
  });
});
