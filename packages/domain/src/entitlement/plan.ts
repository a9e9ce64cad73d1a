/**
 * Entitlement planning (`entitlement`: `ganztag`, `kita`): per scenario, planning unit and school year the
 * entitled children, the expected demand, the places, the gap and the status — plus the city total and the
 * effect of a slipping expansion.
 *
 * Ganztag demand in a phase-in year = entitled children × share wanting a place (scenario) + children of
 * the grades not yet entitled × `notEntitledShare` (default: the same share). The second part is there
 * because the places are already used by those children; set it to 0 to compare the entitled demand alone.
 * Kita demand = U3 children × U3 rate, Ü3 children × Ü3 rate.
 */
import { roundDecHalfUp } from '../compute/decimal';
import { childrenForOutput, E, num, projectChildrenExact, share } from './cohorts';
import type {
  ChildrenBasis,
  CohortOptions,
  PupilCount,
  PlanningUnitPopulation,
  PlanningUnitChildren,
  PlanningUnitChildrenExact,
} from './cohorts';
import { coverageFigures, prepareThresholds } from './coverage';
import type { CoverageFigures, CoverageThresholds } from './coverage';
import { GANZTAG_TYPES, PlacesIndex, slipExpansion } from './supply';
import type { Capacity, CapacityType, Expansion } from './supply';

/** A named demand scenario; shares/rates global with optional per-unit values. Omit a part to skip it. */
export interface EntitlementScenario {
  name: string;
  /** Share of parents of entitled children wanting a Ganztag place (e.g. 0.7 / 0.8 / 0.9). */
  ganztagShare?: string | number;
  ganztagShareByPlanningUnit?: Readonly<Record<string, string | number>>;
  /** Share of children of grades not yet entitled that take a place (default: the unit's ganztag share). */
  notEntitledShare?: string | number;
  /** Share of U3-entitled children (age 1–2) wanting a Kita place. */
  kitaU3Rate?: string | number;
  kitaU3RateByPlanningUnit?: Readonly<Record<string, string | number>>;
  /** Share of Ü3-entitled children wanting a Kita place. */
  kitaUe3Rate?: string | number;
  kitaUe3RateByPlanningUnit?: Readonly<Record<string, string | number>>;
}

export interface EntitlementPlanInput {
  /** School years to plan (start years, e.g. 2026…2035). */
  schoolYears: readonly number[];
  population: readonly PlanningUnitPopulation[];
  pupils?: readonly PupilCount[];
  cohort: CohortOptions;
  scenarios: readonly EntitlementScenario[];
  capacities: readonly Capacity[];
  expansions?: readonly Expansion[];
  /** How many children one place of a type serves (default 1 for every type). */
  placeWeights?: Partial<Record<CapacityType, string | number>>;
  thresholds?: Partial<CoverageThresholds>;
  /** Fraction digits of the returned numbers (default 2). */
  decimals?: number;
}

/** What a row covers: Ganztag, Kita U3 / Ü3 (typed places), Kita in total (all Kita places). */
export type PlanScope = 'ganztag' | 'kita_u3' | 'kita_ue3' | 'kita';

export interface PlanRow extends CoverageFigures {
  scenario: string;
  /** Planning unit; null for the city total. */
  planningUnitId: string | null;
  schoolYear: number;
  scope: PlanScope;
  /** Entitled children (Ganztag: of the entitled grades; Kita: U3, Ü3 or both). */
  entitledChildren: string;
  /** Demand of the entitled children. */
  entitledDemand: string;
  /** Ganztag only: demand of the grades not yet entitled that also uses the places ('0' otherwise). */
  notEntitledDemand: string;
  /** Weakest basis of the children figures (`population_extrapolated` when part is not yet born). */
  basis: ChildrenBasis;
  /** Totals only: Σ max(gap, 0) over the units (no offsetting of surpluses against gaps). */
  sumOfShortfalls?: string;
}

export interface EntitlementPlan {
  rows: PlanRow[];
  /** City totals per scenario, school year and scope. */
  totals: PlanRow[];
  /** Children per unit and school year (scenario independent). */
  children: PlanningUnitChildren[];
  /** Units with places but no children data / with children but no places (counted with 0 places). */
  unmatched: { placesOnly: string[]; demandOnly: string[] };
  /** Rows that could not be computed because children figures are missing. */
  missing: Array<{ planningUnitId: string; schoolYear: number; scope: PlanScope }>;
}

const BASIS_ORDER: ChildrenBasis[] = [
  'pupils',
  'pupils_aged',
  'population',
  'population_extrapolated',
  'missing',
];
const weakest = (a: ChildrenBasis, b: ChildrenBasis): ChildrenBasis =>
  BASIS_ORDER.indexOf(a) >= BASIS_ORDER.indexOf(b) ? a : b;

interface Acc {
  entitled: E;
  entitledDemand: E;
  notEntitledDemand: E;
  places: E;
  shortfalls: E;
  basis: ChildrenBasis;
}

/** Compute the plan. Pure and deterministic; throws RangeError (German/English, naming the field) on bad input. */
export function planEntitlement(input: EntitlementPlanInput): EntitlementPlan {
  const decimals = input.decimals ?? 2;
  const thresholds = prepareThresholds(input.thresholds);
  const weights: Partial<Record<CapacityType, E>> = {};
  for (const [t, w] of Object.entries(input.placeWeights ?? {})) {
    weights[t as CapacityType] = num(w, `placeWeights.${t}`);
  }
  const names = new Set<string>();
  for (const s of input.scenarios) {
    if (names.has(s.name)) throw new RangeError(`scenarios: Name „${s.name}“ doppelt / duplicate scenario`);
    names.add(s.name);
  }
  const places = new PlacesIndex(input.capacities, input.expansions ?? []);
  const children = projectChildrenExact(
    input.population,
    input.schoolYears,
    input.cohort,
    input.pupils ?? [],
  );
  const childUnits = new Set(children.map((c) => c.planningUnitId));
  const placeUnits = new Set(places.planningUnitIds());
  const unmatched = {
    placesOnly: [...placeUnits].filter((u) => !childUnits.has(u)).toSorted(),
    demandOnly: [...childUnits].filter((u) => !placeUnits.has(u)).toSorted(),
  };
  const typedKita = new Set(
    input.capacities
      .filter((c) => c.type === 'kita_u3' || c.type === 'kita_ue3')
      .map((c) => c.planningUnitId)
      .concat(
        (input.expansions ?? [])
          .filter((x) => x.type === 'kita_u3' || x.type === 'kita_ue3')
          .map((x) => x.planningUnitId),
      ),
  );

  const rows: PlanRow[] = [];
  const missing: EntitlementPlan['missing'] = [];
  const totals = new Map<string, Acc>();
  const fmt = (v: E) => roundDecHalfUp(v, decimals);

  const emit = (
    scenario: string,
    c: PlanningUnitChildrenExact,
    scope: PlanScope,
    entitled: E,
    entitledDemand: E,
    notEntitledDemand: E,
    placeCount: E,
    basis: ChildrenBasis,
  ): void => {
    const demand = entitledDemand.plus(notEntitledDemand);
    rows.push({
      scenario,
      planningUnitId: c.planningUnitId,
      schoolYear: c.schoolYear,
      scope,
      entitledChildren: fmt(entitled),
      entitledDemand: fmt(entitledDemand),
      notEntitledDemand: fmt(notEntitledDemand),
      basis,
      ...coverageFigures(demand, placeCount, thresholds, decimals),
    });
    const key = `${scenario}\u0000${c.schoolYear}\u0000${scope}`;
    const acc = totals.get(key) ?? {
      entitled: new E(0),
      entitledDemand: new E(0),
      notEntitledDemand: new E(0),
      places: new E(0),
      shortfalls: new E(0),
      basis: 'pupils' as ChildrenBasis,
    };
    acc.entitled = acc.entitled.plus(entitled);
    acc.entitledDemand = acc.entitledDemand.plus(entitledDemand);
    acc.notEntitledDemand = acc.notEntitledDemand.plus(notEntitledDemand);
    acc.places = acc.places.plus(placeCount);
    if (demand.gt(placeCount)) acc.shortfalls = acc.shortfalls.plus(demand.minus(placeCount));
    acc.basis = weakest(acc.basis, basis);
    totals.set(key, acc);
  };

  for (const scenario of input.scenarios) {
    const f = (k: string) => `scenarios[${scenario.name}].${k}`;
    // Shares are parsed once per scenario and unit.
    const cache = new Map<string, E | null>();
    const perUnit = (
      global: string | number | undefined,
      byUnit: Readonly<Record<string, string | number>> | undefined,
      planningUnitId: string,
      key: string,
    ): E | null => {
      const ck = `${key}\u0000${planningUnitId}`;
      if (cache.has(ck)) return cache.get(ck)!;
      const own = byUnit?.[planningUnitId];
      const v = own ?? global;
      const parsed =
        v === undefined
          ? null
          : share(v, own !== undefined ? `${f(key)}ByPlanningUnit[${planningUnitId}]` : f(key));
      cache.set(ck, parsed);
      return parsed;
    };
    const notEntitled =
      scenario.notEntitledShare !== undefined
        ? share(scenario.notEntitledShare, f('notEntitledShare'))
        : null;
    for (const c of children) {
      if (
        scenario.ganztagShare !== undefined ||
        scenario.ganztagShareByPlanningUnit?.[c.planningUnitId] !== undefined
      ) {
        const s = perUnit(
          scenario.ganztagShare,
          scenario.ganztagShareByPlanningUnit,
          c.planningUnitId,
          'ganztagShare',
        )!;
        const other = notEntitled ?? s;
        if (c.ganztagEntitled === null || c.ganztagNotEntitled === null) {
          missing.push({ planningUnitId: c.planningUnitId, schoolYear: c.schoolYear, scope: 'ganztag' });
        } else {
          const basis = c.grades.reduce<ChildrenBasis>((b, g) => weakest(b, g.basis), 'pupils');
          emit(
            scenario.name,
            c,
            'ganztag',
            c.ganztagEntitled,
            c.ganztagEntitled.mul(s),
            c.ganztagNotEntitled.mul(other),
            places.places(c.planningUnitId, GANZTAG_TYPES, c.schoolYear, weights),
            basis,
          );
        }
      }
      const u3Rate = perUnit(
        scenario.kitaU3Rate,
        scenario.kitaU3RateByPlanningUnit,
        c.planningUnitId,
        'kitaU3Rate',
      );
      const ue3Rate = perUnit(
        scenario.kitaUe3Rate,
        scenario.kitaUe3RateByPlanningUnit,
        c.planningUnitId,
        'kitaUe3Rate',
      );
      if (u3Rate === null && ue3Rate === null) continue;
      if (c.kitaU3 === null || c.kitaUe3 === null) {
        missing.push({ planningUnitId: c.planningUnitId, schoolYear: c.schoolYear, scope: 'kita' });
        continue;
      }
      const zero = new E(0);
      const u3Demand = u3Rate ? c.kitaU3.mul(u3Rate) : zero;
      const ue3Demand = ue3Rate ? c.kitaUe3.mul(ue3Rate) : zero;
      if (typedKita.has(c.planningUnitId)) {
        if (u3Rate) {
          emit(
            scenario.name,
            c,
            'kita_u3',
            c.kitaU3,
            u3Demand,
            zero,
            places.places(c.planningUnitId, ['kita_u3'], c.schoolYear, weights),
            c.kitaBasis,
          );
        }
        if (ue3Rate) {
          emit(
            scenario.name,
            c,
            'kita_ue3',
            c.kitaUe3,
            ue3Demand,
            zero,
            places.places(c.planningUnitId, ['kita_ue3'], c.schoolYear, weights),
            c.kitaBasis,
          );
        }
      }
      const entitled = (u3Rate ? c.kitaU3 : zero).plus(ue3Rate ? c.kitaUe3 : zero);
      emit(
        scenario.name,
        c,
        'kita',
        entitled,
        u3Demand.plus(ue3Demand),
        zero,
        places.places(c.planningUnitId, ['kita_u3', 'kita_ue3', 'kita'], c.schoolYear, weights),
        c.kitaBasis,
      );
    }
  }

  const totalRows: PlanRow[] = [];
  for (const [key, acc] of totals) {
    const [scenario, year, scope] = key.split('\u0000') as [string, string, PlanScope];
    totalRows.push({
      scenario,
      planningUnitId: null,
      schoolYear: Number(year),
      scope,
      entitledChildren: fmt(acc.entitled),
      entitledDemand: fmt(acc.entitledDemand),
      notEntitledDemand: fmt(acc.notEntitledDemand),
      basis: acc.basis,
      ...coverageFigures(acc.entitledDemand.plus(acc.notEntitledDemand), acc.places, thresholds, decimals),
      sumOfShortfalls: fmt(acc.shortfalls),
    });
  }
  return { rows, totals: totalRows, children: childrenForOutput(children, decimals), unmatched, missing };
}

export interface SlipChange {
  scenario: string;
  planningUnitId: string | null;
  schoolYear: number;
  scope: PlanScope;
  before: Pick<PlanRow, 'places' | 'gap' | 'status'>;
  after: Pick<PlanRow, 'places' | 'gap' | 'status'>;
}

/**
 * What changes if the expansion `expansionId` comes `years` school years later: every unit and total row
 * whose places, gap or status differ (the city totals included, `planningUnitId` null).
 */
export function expansionSlipImpact(
  input: EntitlementPlanInput,
  expansionId: string,
  years = 1,
): SlipChange[] {
  const before = planEntitlement(input);
  const after = planEntitlement({
    ...input,
    expansions: slipExpansion(input.expansions ?? [], expansionId, years),
  });
  const key = (r: PlanRow) =>
    `${r.scenario}\u0000${r.planningUnitId ?? ''}\u0000${r.schoolYear}\u0000${r.scope}`;
  const afterRows = new Map([...after.rows, ...after.totals].map((r) => [key(r), r]));
  const changes: SlipChange[] = [];
  for (const b of [...before.rows, ...before.totals]) {
    const a = afterRows.get(key(b));
    if (!a || (a.places === b.places && a.gap === b.gap && a.status === b.status)) continue;
    const pick = (r: PlanRow) => ({ places: r.places, gap: r.gap, status: r.status });
    changes.push({
      scenario: b.scenario,
      planningUnitId: b.planningUnitId,
      schoolYear: b.schoolYear,
      scope: b.scope,
      before: pick(b),
      after: pick(a),
    });
  }
  return changes;
}
