/**
 * Demo data for entitlement planning (Rechtsanspruch Ganztag/Kita) in Musterstadt: population by single
 * year of age 0–10 per district (split from the age groups of the last year), 8 Grundschulen whose
 * catchments (Schulbezirke) are whole districts, and the places of Ganztag and Kita with an expansion plan.
 * Pure and deterministic.
 */
import { dissolveRings, type DissolvedGeometry } from './dissolve';
import { createRng, uniform } from './rng';
import type { DemoMunicipality } from './types';

export const DEMO_SINGLE_AGES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;
/** Number of Grundschulen (= catchments) in the demo. */
export const DEMO_SCHOOL_COUNT = 8;

export interface DemoSingleAgeRow {
  districtCode: string;
  /** 31 December of this year. */
  year: number;
  age: number;
  value: number;
}

/** Split of each age group into its single years (younger cohorts a little smaller: falling births). */
const SPLIT: Array<{ group: string; ages: number[]; weights: number[] }> = [
  { group: 'u3', ages: [0, 1, 2], weights: [0.32, 0.33, 0.35] },
  { group: '3-5', ages: [3, 4, 5], weights: [0.33, 0.33, 0.34] },
  { group: '6-9', ages: [6, 7, 8, 9], weights: [0.245, 0.25, 0.25, 0.255] },
];

/** Integers summing to `total` in proportion to `weights` (largest remainder, ties by position). */
function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const raw = weights.map((w) => (total * w) / sum);
  const out = raw.map(Math.floor);
  let rest = total - out.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => ({ i, f: r - Math.floor(r) })).toSorted((a, b) => b.f - a.f || a.i - b.i);
  for (const { i } of order) {
    if (rest <= 0) break;
    out[i]! += 1;
    rest -= 1;
  }
  return out;
}

/** Population aged 0–10 by single year per district on 31.12. of the city's last year. */
export function generateDemoSingleAgePopulation(city: DemoMunicipality): DemoSingleAgeRow[] {
  const year = Math.max(...city.years);
  const rng = createRng(0x5eed15);
  const rows: DemoSingleAgeRow[] = [];
  for (const d of city.districts) {
    const group = (code: string) =>
      city.population.find((p) => p.districtCode === d.code && p.year === year && p.ageGroup === code)
        ?.value ?? 0;
    for (const s of SPLIT) {
      const weights = s.weights.map((w) => w * uniform(rng, 0.96, 1.04));
      apportion(group(s.group), weights).forEach((value, i) =>
        rows.push({ districtCode: d.code, year, age: s.ages[i]!, value }),
      );
    }
    rows.push({ districtCode: d.code, year, age: 10, value: Math.round(group('10-15') / 6) });
  }
  return rows;
}

export interface DemoSchoolCatchment {
  /** Local key of the Schulbezirk ('GS01' …). */
  code: string;
  /** Name of the Grundschule. */
  name: string;
  districtCodes: string[];
  geometry: DissolvedGeometry;
}

const edgeKeys = (ring: ReadonlyArray<readonly [number, number]>) => {
  const keys = new Set<string>();
  for (let i = 0; i < ring.length - 1; i++) {
    const [a, b] = [ring[i]!, ring[i + 1]!].map((p) => `${p[0]},${p[1]}`).toSorted();
    keys.add(`${a}|${b}`);
  }
  return keys;
};

/**
 * The 8 Grundschulen: each district is a catchment; while there are more than 8, the catchment with the
 * fewest children aged 6–9 is merged with its neighbour (shared edge) that has the fewest.
 */
export function generateDemoCatchments(city: DemoMunicipality): DemoSchoolCatchment[] {
  const children = new Map<string, number>();
  for (const r of generateDemoSingleAgePopulation(city)) {
    if (r.age >= 6 && r.age <= 9) children.set(r.districtCode, (children.get(r.districtCode) ?? 0) + r.value);
  }
  const edges = new Map(city.districts.map((d) => [d.code, edgeKeys(d.geometry.coordinates[0]!)]));
  const touches = (a: string, b: string) => [...edges.get(a)!].some((k) => edges.get(b)!.has(k));
  let groups = city.districts.map((d) => [d.code]);
  const kids = (g: string[]) => g.reduce((s, c) => s + (children.get(c) ?? 0), 0);
  while (groups.length > DEMO_SCHOOL_COUNT) {
    const small = groups.toSorted((a, b) => kids(a) - kids(b) || a[0]!.localeCompare(b[0]!))[0]!;
    const neighbours = groups.filter((g) => g !== small && g.some((a) => small.some((b) => touches(a, b))));
    const partner = neighbours.toSorted((a, b) => kids(a) - kids(b) || a[0]!.localeCompare(b[0]!))[0];
    if (!partner) throw new Error('generateDemoCatchments: district without neighbour');
    groups = groups.filter((g) => g !== small && g !== partner).concat([[...small, ...partner].toSorted()]);
  }
  groups.sort((a, b) => a[0]!.localeCompare(b[0]!));
  const byCode = new Map(city.districts.map((d) => [d.code, d]));
  return groups.map((g, i) => {
    const one = (c: string) => children.get(c) ?? 0;
    const largest = g.toSorted((a, b) => one(b) - one(a) || a.localeCompare(b))[0]!;
    return {
      code: `GS${String(i + 1).padStart(2, '0')}`,
      name: `Grundschule ${byCode.get(largest)!.name}`,
      districtCodes: g,
      geometry: dissolveRings(g.map((c) => byCode.get(c)!.geometry.coordinates[0]!)),
    };
  });
}
