/**
 * Supply (`capacity`): places by type per planning unit and school year, including planned expansions
 * (Ausbau) that become available in a given school year, and what happens when an expansion slips.
 */
import { E, num } from './cohorts';

/** Types of places. Ganztag: Hort, offene and gebundene Ganztagsschule; Kita: U3, Ü3, or without age split. */
export const CAPACITY_TYPES = [
  'hort',
  'offene_ganztagsschule',
  'gebundene_ganztagsschule',
  'kita_u3',
  'kita_ue3',
  'kita',
] as const;
export type CapacityType = (typeof CAPACITY_TYPES)[number];

export const CAPACITY_TYPE_LABELS: Record<CapacityType, { de: string; en: string }> = {
  hort: { de: 'Hort', en: 'After-school care centre (Hort)' },
  offene_ganztagsschule: { de: 'offene Ganztagsschule', en: 'Open all-day school' },
  gebundene_ganztagsschule: { de: 'gebundene Ganztagsschule', en: 'Compulsory all-day school' },
  kita_u3: { de: 'Kita unter 3 Jahren', en: 'Day care under 3' },
  kita_ue3: { de: 'Kita ab 3 Jahren', en: 'Day care 3 and over' },
  kita: { de: 'Kita (ohne Altersaufteilung)', en: 'Day care (no age split)' },
};

/** Place types that serve the Ganztag entitlement. */
export const GANZTAG_TYPES: readonly CapacityType[] = [
  'hort',
  'offene_ganztagsschule',
  'gebundene_ganztagsschule',
];

/** Existing places of a unit, valid from/to a school year (inclusive; open when not given). */
export interface Capacity {
  planningUnitId: string;
  type: CapacityType;
  places: string | number;
  fromSchoolYear?: number;
  toSchoolYear?: number;
}

/** A planned expansion (negative `places`: a planned reduction). */
export interface Expansion {
  id: string;
  planningUnitId: string;
  type: CapacityType;
  places: string | number;
  /** First school year in which the places are available. */
  schoolYear: number;
  /** e.g. „Investitionsprogramm Ganztagsausbau“ (federal Ganztag investment programme). */
  fundingProgramme?: string;
  /** Funding amount in EUR (decimal string). */
  amount?: string;
}

/** Places of each type per unit and school year. */
export class PlacesIndex {
  private readonly byUnitType = new Map<string, Array<{ from: number; to: number; places: E }>>();
  private readonly units = new Set<string>();

  constructor(capacities: readonly Capacity[], expansions: readonly Expansion[]) {
    capacities.forEach((c, i) => {
      checkType(c.type, `capacities[${i}].type`);
      this.add(
        c.planningUnitId,
        c.type,
        c.fromSchoolYear ?? -Infinity,
        c.toSchoolYear ?? Infinity,
        num(c.places, `capacities[${i}].places`),
      );
    });
    const ids = new Set<string>();
    expansions.forEach((x, i) => {
      checkType(x.type, `expansions[${i}].type`);
      if (ids.has(x.id)) throw new RangeError(`expansions[${i}].id: „${x.id}“ doppelt / duplicate`);
      ids.add(x.id);
      if (!Number.isInteger(x.schoolYear))
        throw new RangeError(`expansions[${i}].schoolYear: ganze Zahl erwartet / integer`);
      this.add(x.planningUnitId, x.type, x.schoolYear, Infinity, num(x.places, `expansions[${i}].places`));
    });
  }

  private add(planningUnitId: string, type: CapacityType, from: number, to: number, places: E): void {
    const key = `${planningUnitId}\u0000${type}`;
    let list = this.byUnitType.get(key);
    if (!list) this.byUnitType.set(key, (list = []));
    list.push({ from, to, places });
    this.units.add(planningUnitId);
  }

  /** Units that have any place record. */
  planningUnitIds(): string[] {
    return [...this.units];
  }

  /** Places of the given types (weighted) for a unit in a school year. */
  places(
    planningUnitId: string,
    types: readonly CapacityType[],
    schoolYear: number,
    weights?: Partial<Record<CapacityType, E>>,
  ): E {
    let sum = new E(0);
    for (const t of types) {
      const list = this.byUnitType.get(`${planningUnitId}\u0000${t}`);
      if (!list) continue;
      let typeSum = new E(0);
      for (const r of list) if (r.from <= schoolYear && schoolYear <= r.to) typeSum = typeSum.plus(r.places);
      sum = sum.plus(weights?.[t] ? typeSum.mul(weights[t]) : typeSum);
    }
    return sum;
  }
}

function checkType(type: string, field: string): void {
  if (!(CAPACITY_TYPES as readonly string[]).includes(type)) {
    throw new RangeError(
      `${field}: Platzart „${type.slice(0, 40)}“ unbekannt (${CAPACITY_TYPES.join(', ')}) / unknown type`,
    );
  }
}

/** The same expansions with one of them `years` school years later (what if the Ausbau slips?). */
export function slipExpansion(expansions: readonly Expansion[], id: string, years = 1): Expansion[] {
  if (!expansions.some((x) => x.id === id))
    throw new RangeError(`Ausbau „${id}“ nicht gefunden / expansion not found`);
  return expansions.map((x) => (x.id === id ? { ...x, schoolYear: x.schoolYear + years } : x));
}
