import { DEMO_AGE_GROUPS } from './ageGroups';
import { uniform } from './rng';
import type { DemoAgeGroupCode, DemoDistrictCharacter, DemoPopulationRow } from './types';

/*
 * Population model: each district gets a total population (weighted by character, scaled to a city total)
 * and an age structure (character profile with a little per-district jitter) for the first year. Later
 * years evolve every age group multiplicatively: district trend + national age-group drift (fewer births,
 * ageing) + small per-district-group drift + yearly noise, capped well below ±4 % per year.
 */

type AgeProfile = Record<DemoAgeGroupCode, number>;

/** Age structure in percent per character (each sums to 100). German average: u3 ≈ 2.9 %, 65+ ≈ 22 %. */
const AGE_PROFILES: Record<DemoDistrictCharacter, AgeProfile> = {
  innenstadt: {
    u3: 2.6,
    '3-5': 2.2,
    '6-9': 2.6,
    '10-15': 3.6,
    '16-18': 2.0,
    '19-24': 11.5,
    '25-64': 58.0,
    '65+': 17.5,
  },
  familienquartier: {
    u3: 3.8,
    '3-5': 3.9,
    '6-9': 5.0,
    '10-15': 7.2,
    '16-18': 3.3,
    '19-24': 5.0,
    '25-64': 53.5,
    '65+': 18.3,
  },
  grosswohnsiedlung: {
    u3: 3.4,
    '3-5': 3.3,
    '6-9': 4.3,
    '10-15': 6.3,
    '16-18': 3.0,
    '19-24': 6.8,
    '25-64': 48.9,
    '65+': 24.0,
  },
  villenviertel: {
    u3: 2.3,
    '3-5': 2.5,
    '6-9': 3.6,
    '10-15': 5.8,
    '16-18': 3.0,
    '19-24': 4.8,
    '25-64': 50.0,
    '65+': 28.0,
  },
  dorfkern: {
    u3: 2.6,
    '3-5': 2.7,
    '6-9': 3.7,
    '10-15': 5.7,
    '16-18': 2.9,
    '19-24': 5.2,
    '25-64': 51.2,
    '65+': 26.0,
  },
  gewerbemisch: {
    u3: 3.2,
    '3-5': 2.8,
    '6-9': 3.5,
    '10-15': 5.0,
    '16-18': 2.6,
    '19-24': 8.9,
    '25-64': 57.0,
    '65+': 17.0,
  },
};

/** Relative size of a district by character (before scaling to the city total). */
const SIZE_WEIGHTS: Record<DemoDistrictCharacter, [number, number]> = {
  innenstadt: [1.0, 1.4],
  familienquartier: [1.0, 1.4],
  grosswohnsiedlung: [1.3, 1.7],
  villenviertel: [0.6, 0.85],
  dorfkern: [0.45, 0.7],
  gewerbemisch: [0.6, 0.9],
};

/** Yearly growth range of the whole district by character (fraction per year). */
const DISTRICT_TRENDS: Record<DemoDistrictCharacter, [number, number]> = {
  innenstadt: [0.0, 0.01],
  familienquartier: [0.004, 0.014],
  grosswohnsiedlung: [-0.01, 0.004],
  villenviertel: [-0.004, 0.006],
  dorfkern: [-0.008, 0.003],
  gewerbemisch: [0.0, 0.012],
};

/** City-wide yearly drift per age group: declining births, ageing population. */
const AGE_GROUP_DRIFT: AgeProfile = {
  u3: -0.006,
  '3-5': 0.002,
  '6-9': 0.004,
  '10-15': 0.004,
  '16-18': 0.002,
  '19-24': -0.002,
  '25-64': -0.002,
  '65+': 0.008,
};

const CITY_TOTAL_RANGE: [number, number] = [110_000, 135_000];
const DISTRICT_TOTAL_BOUNDS: [number, number] = [5_000, 21_000];
/** Cap of the modelled yearly rate; the integer change is additionally capped at 4 %. */
const MAX_RATE = 0.035;
const MAX_CHANGE = 0.04;

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

export function generatePopulation(
  rng: () => number,
  districts: ReadonlyArray<{ code: string; character: DemoDistrictCharacter }>,
  years: readonly number[],
): DemoPopulationRow[] {
  // 1. District totals in the first year: character weights scaled to a random city total.
  const cityTotal = uniform(rng, CITY_TOTAL_RANGE[0], CITY_TOTAL_RANGE[1]);
  const weights = districts.map(({ character }) => uniform(rng, ...SIZE_WEIGHTS[character]));
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const totals = weights.map((w) => clamp((cityTotal * w) / weightSum, ...DISTRICT_TOTAL_BOUNDS));

  const rows: DemoPopulationRow[] = [];
  districts.forEach(({ code, character }, d) => {
    // 2. Age structure: character profile with ±8 % jitter per group, renormalised.
    const raw = DEMO_AGE_GROUPS.map(({ code: g }) => AGE_PROFILES[character][g] * uniform(rng, 0.92, 1.08));
    const rawSum = raw.reduce((a, b) => a + b, 0);
    const total = totals[d] ?? 0;
    const trend = uniform(rng, ...DISTRICT_TRENDS[character]);

    DEMO_AGE_GROUPS.forEach(({ code: ageGroup }, g) => {
      const groupDrift = uniform(rng, -0.004, 0.004);
      let value = Math.round((total * (raw[g] ?? 0)) / rawSum);
      years.forEach((year, y) => {
        if (y > 0) {
          // 3. Year-over-year evolution, bounded and never negative.
          const rate = clamp(
            trend + AGE_GROUP_DRIFT[ageGroup] + groupDrift + uniform(rng, -0.006, 0.006),
            -MAX_RATE,
            MAX_RATE,
          );
          const maxStep = Math.floor(value * MAX_CHANGE);
          const next = Math.round(value * (1 + rate));
          value = Math.max(0, clamp(next, value - maxStep, value + maxStep));
        }
        rows.push({ districtCode: code, year, ageGroup, value });
      });
    });
  });

  // Stable order: district, year, age group.
  const groupIndex = new Map(DEMO_AGE_GROUPS.map((g, i) => [g.code, i]));
  const districtIndex = new Map(districts.map((d, i) => [d.code, i]));
  return rows.toSorted(
    (a, b) =>
      (districtIndex.get(a.districtCode) ?? 0) - (districtIndex.get(b.districtCode) ?? 0) ||
      a.year - b.year ||
      (groupIndex.get(a.ageGroup) ?? 0) - (groupIndex.get(b.ageGroup) ?? 0),
  );
}
