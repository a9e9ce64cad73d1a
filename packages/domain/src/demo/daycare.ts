import { createRng, uniform } from './rng';
import type { DemoDistrictCharacter, DemoMunicipality } from './types';

export type DemoCareType = 'kita' | 'tagespflege';
export type DemoCareAge = 'u3' | '3-5';

export interface DemoDaycareRow {
  districtCode: string;
  /** Stichtag 1 March of this year. */
  year: number;
  careType: DemoCareType;
  ageGroup: DemoCareAge;
  value: number;
}

/** Share of children in day care by district character (U3 and 3 to 6), around German averages. */
const BASE_RATE: Record<DemoDistrictCharacter, Record<DemoCareAge, number>> = {
  innenstadt: { u3: 0.38, '3-5': 0.9 },
  familienquartier: { u3: 0.33, '3-5': 0.94 },
  grosswohnsiedlung: { u3: 0.24, '3-5': 0.86 },
  villenviertel: { u3: 0.4, '3-5': 0.96 },
  dorfkern: { u3: 0.29, '3-5': 0.93 },
  gewerbemisch: { u3: 0.27, '3-5': 0.88 },
};

/**
 * Children in day care on 1 March of each year after the first population year, by district, type of
 * care (Kita / Kindertagespflege) and age group. Derived from the population of 31 December of the
 * previous year, so that the demo childcare rate uses the right denominator. Kindertagespflege counts
 * are small on purpose: they show the protection of small numbers.
 */
export function generateDemoDaycare(city: DemoMunicipality, seed = 20_240_301): DemoDaycareRow[] {
  const rng = createRng(seed);
  const rows: DemoDaycareRow[] = [];
  const pop = new Map(city.population.map((p) => [`${p.districtCode}|${p.year}|${p.ageGroup}`, p.value]));
  const years = city.years.slice(1);
  for (const d of city.districts) {
    const trend = uniform(rng, 0.004, 0.012);
    for (const [i, year] of years.entries()) {
      for (const age of ['u3', '3-5'] as const) {
        const children = pop.get(`${d.code}|${year - 1}|${age}`) ?? 0;
        const rate = Math.min(
          0.99,
          BASE_RATE[d.character][age] + (age === 'u3' ? trend * (i + 1) : 0) + uniform(rng, -0.015, 0.015),
        );
        const total = Math.round(children * rate);
        const pflegeShare = age === 'u3' ? uniform(rng, 0.0, 0.06) : uniform(rng, 0.0, 0.008);
        const pflege = Math.min(total, Math.round(total * pflegeShare));
        rows.push({ districtCode: d.code, year, careType: 'kita', ageGroup: age, value: total - pflege });
        rows.push({ districtCode: d.code, year, careType: 'tagespflege', ageGroup: age, value: pflege });
      }
    }
  }
  return rows;
}
