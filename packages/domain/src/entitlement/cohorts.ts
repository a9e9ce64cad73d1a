/**
 * Cohort ageing: from the population by single year of age on a reference date (e.g. 31.12.) per planning
 * unit to children per grade and school year, and to U3/Ü3 children on the Kita count day.
 *
 * 1. Each single-year age group a on reference date R covers the birth dates [R − (a+1) years + 1 day,
 *    R − a years]; births are taken as evenly spread over those days.
 * 2. Children born in an interval I = Σ_a count_a · |I ∩ I_a| / |I_a|. Parts of I after R (not yet born)
 *    are filled with the daily density of the youngest age group (`unborn: 'youngest'`, default) or make the
 *    number unknown (`unborn: 'unknown'`); parts older than the oldest age group make it unknown.
 * 3. Net migration: the number is multiplied by (1 + m_s) for every school year s whose start (1 August)
 *    lies after R, up to the school year planned (m_s per unit and school year, default 0).
 * 4. Grade g in school year S is the cohort that entered in E = S − g + 1 (no repeaters):
 *    entrants(E) = (1 − d)·cohort(E) + d·cohort(E − 1) with the Rückstellungsquote d; of these the
 *    Förderschul-Anteil f attends a Förderschule (reported apart), 1 − f the unit's Grundschule.
 * 5. Pupil numbers per school and grade take precedence for the (school year, grade) they cover, and by
 *    default are aged forward (grade g in S → g + 1 in S + 1, with net migration) where no newer count exists.
 */
import { Dec, decToString, roundDecHalfUp } from '../compute/decimal';
import { ganztagEntitledGrades, PRIMARY_GRADES } from './phaseIn';
import type { Grade } from './phaseIn';
import {
  addYears,
  birthIntervalOfAge,
  birthIntervalOfAgeRange,
  dayNumber,
  kitaCountDate,
  schoolEntryBirthInterval,
} from './stichtag';
import type { DateInterval, SchoolEntryRule } from './stichtag';

/**
 * Arithmetic of the entitlement module: 34 significant digits (as IEEE decimal128) — counts of children
 * and places with far more fraction digits than any rounding for display needs, and about a third faster
 * than the 80 digits of `compute` when a plan of 400 units × 10 years × 3 scenarios is recomputed.
 */
export const E = Dec.clone({ precision: 34 });
export type E = InstanceType<typeof E>;

const DECIMAL_RE = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** Parse a count or share (decimal string or finite number); German/English error naming the field. */
export function num(value: string | number, field: string): E {
  const s = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value.trim();
  if (!DECIMAL_RE.test(s)) {
    throw new RangeError(
      `${field}: „${String(value).slice(0, 30)}“ ist keine Zahl (Punkt als Dezimaltrennzeichen) / not a number`,
    );
  }
  return new E(s);
}

/** A share in [0, 1]. */
export function share(value: string | number, field: string): E {
  const v = num(value, field);
  if (v.lt(0) || v.gt(1))
    throw new RangeError(
      `${field}: Anteil ${String(value)} muss zwischen 0 und 1 liegen / share must be in [0, 1]`,
    );
  return v;
}

/** Population of one planning unit by single year of age on a reference date. */
export interface PlanningUnitPopulation {
  planningUnitId: string;
  /** Reference date (ISO), e.g. '2024-12-31'. */
  referenceDate: string;
  /** Count per single year of age (0, 1, 2, …); decimal strings or numbers. */
  byAge: Readonly<Record<number, string | number>>;
}

/** Correction factors; global defaults and per-unit overrides. All shares are fractions (0.05 = 5 %). */
export interface CohortCorrections {
  /** Rückstellungsquote: share of a cohort that starts school one year later (default 0). */
  deferralShare?: string | number;
  /** Förderschul-Anteil: share of the children who attend a Förderschule instead (default 0). */
  specialSchoolShare?: string | number;
  /**
   * Net migration per year as a rate (0.01 = +1 % a year), one value for all years or per school year
   * (start year → rate); default 0.
   */
  netMigration?: string | number | Readonly<Record<number, string | number>>;
}

/** Pupils of a unit (school) in one grade and school year, from the school statistics. */
export interface PupilCount {
  planningUnitId: string;
  schoolYear: number;
  grade: Grade;
  count: string | number;
}

export interface CohortOptions {
  schoolEntry: SchoolEntryRule;
  corrections?: CohortCorrections;
  correctionsByPlanningUnit?: Readonly<Record<string, CohortCorrections>>;
  /** 'youngest' (default): births after the reference date at the density of age 0; 'unknown': no number. */
  unborn?: 'youngest' | 'unknown';
  /** Kita count day 'MM-DD' (default '03-01'). */
  kitaCountDay?: string;
  /** Age pupil counts forward into later grades (default true). */
  agePupilsForward?: boolean;
}

/** Where a number comes from. */
export type ChildrenBasis =
  /** pupil numbers of the school statistics for this school year and grade */
  | 'pupils'
  /** pupil numbers of an earlier school year aged forward */
  | 'pupils_aged'
  /** population by single year of age, aged forward */
  | 'population'
  /** as 'population', but partly born after the reference date (extrapolated with the youngest age group) */
  | 'population_extrapolated'
  /** not computable: ages outside the population data, or unborn with `unborn: 'unknown'` */
  | 'missing';

export interface GradeChildrenExact {
  grade: Grade;
  /** Children of this grade at the unit's Grundschule; null when missing. */
  children: E | null;
  /** Children of this cohort at a Förderschule (Förderschul-Anteil); entitled too, planned elsewhere. */
  specialSchool: E | null;
  basis: ChildrenBasis;
}

export interface PlanningUnitChildrenExact {
  planningUnitId: string;
  schoolYear: number;
  grades: GradeChildrenExact[];
  /** Children entitled to Ganztag (sum over the entitled grades of the year); null if one is missing. */
  ganztagEntitled: E | null;
  /** Grundschule children of the grades not yet entitled (phase-in years). */
  ganztagNotEntitled: E | null;
  /** U3 entitlement (1 ≤ age < 3 on the Kita count day). */
  kitaU3: E | null;
  /** Ü3 entitlement (age ≥ 3 on the count day, not yet at school, including deferred children). */
  kitaUe3: E | null;
  kitaBasis: ChildrenBasis;
}

interface PreparedPopulation {
  referenceDate: string;
  refDay: number;
  /** age groups, youngest first, with their birth days as day numbers */
  ages: Array<{ age: number; fromDay: number; toDay: number; days: number; count: E; perDay: E }>;
  /** first birth day covered by the oldest age group */
  oldestFrom: number;
  /** last birth day covered by the youngest age group */
  youngestTo: number;
  /** births per day of age 0, or null when age 0 is missing */
  youngestDensity: E | null;
}

function preparePopulation(pop: PlanningUnitPopulation): PreparedPopulation {
  const refDay = dayNumber(pop.referenceDate, `population[${pop.planningUnitId}].referenceDate`);
  const ages = Object.entries(pop.byAge).map(([a, c]) => {
    const age = Number(a);
    if (!Number.isInteger(age) || age < 0) {
      throw new RangeError(`population[${pop.planningUnitId}]: Alter „${a}“ ungültig / invalid age`);
    }
    const count = num(c, `population[${pop.planningUnitId}].byAge[${a}]`);
    if (count.lt(0))
      throw new RangeError(`population[${pop.planningUnitId}].byAge[${a}]: negativ / negative`);
    const interval = birthIntervalOfAge(pop.referenceDate, age);
    const fromDay = dayNumber(interval.from);
    const toDay = dayNumber(interval.to);
    const days = toDay - fromDay + 1;
    return { age, fromDay, toDay, days, count, perDay: count.div(days) };
  });
  ages.sort((x, y) => x.age - y.age);
  // Ages must be contiguous: a gap would silently count as nobody.
  for (let i = 1; i < ages.length; i++) {
    if (ages[i]!.age !== ages[i - 1]!.age + 1) {
      throw new RangeError(
        `population[${pop.planningUnitId}]: Alter ${ages[i - 1]!.age + 1} fehlt / age missing`,
      );
    }
  }
  const youngest = ages[0];
  const oldest = ages.at(-1);
  return {
    referenceDate: pop.referenceDate,
    refDay,
    ages,
    oldestFrom: oldest ? oldest.fromDay : refDay + 1,
    youngestTo: youngest ? youngest.toDay : refDay,
    youngestDensity: youngest && youngest.age === 0 ? youngest.perDay : null,
  };
}

/** Inclusive interval of day numbers. */
interface DayInterval {
  from: number;
  to: number;
}

const toDays = (i: DateInterval): DayInterval => ({ from: dayNumber(i.from), to: dayNumber(i.to) });

interface Born {
  count: E | null;
  extrapolated: boolean;
}

/** Children of the population born in `interval` (counted on the reference date, before migration). */
function bornIn(p: PreparedPopulation, days: DayInterval, unborn: 'youngest' | 'unknown'): Born {
  const { from, to } = days;
  if (to < from) return { count: new E(0), extrapolated: false };
  // Older than the oldest age group: unknown.
  if (from < p.oldestFrom) return { count: null, extrapolated: false };
  // Born before the reference date but younger than the youngest age given (data without age 0): unknown.
  if (to > p.youngestTo && from <= p.refDay && p.youngestTo < p.refDay)
    return { count: null, extrapolated: false };
  let count = new E(0);
  for (const a of p.ages) {
    const o = Math.min(a.toDay, to) - Math.max(a.fromDay, from) + 1;
    // a whole age group is taken as counted; parts by days × births per day
    if (o === a.days) count = count.plus(a.count);
    else if (o > 0) count = count.plus(a.perDay.mul(o));
  }
  const unbornDays = Math.max(0, to - Math.max(from, p.refDay + 1) + 1);
  if (unbornDays === 0) return { count, extrapolated: false };
  if (unborn === 'unknown' || p.youngestDensity === null) return { count: null, extrapolated: false };
  return { count: count.plus(p.youngestDensity.mul(unbornDays)), extrapolated: true };
}

interface UnitCorrections {
  deferral: E;
  special: E;
  migration: (schoolYear: number) => E;
}

function correctionsFor(planningUnitId: string, options: CohortOptions): UnitCorrections {
  const merged: CohortCorrections = {
    ...options.corrections,
    ...options.correctionsByPlanningUnit?.[planningUnitId],
  };
  const field = (k: string) => `corrections[${planningUnitId}].${k}`;
  const deferral = share(merged.deferralShare ?? 0, field('deferralShare'));
  const special = share(merged.specialSchoolShare ?? 0, field('specialSchoolShare'));
  const m = merged.netMigration ?? 0;
  const rates = new Map<number, E>();
  let constant: E = new E(0);
  if (typeof m === 'object') {
    for (const [y, r] of Object.entries(m)) {
      const v = num(r, `${field('netMigration')}[${y}]`);
      if (v.lte(-1))
        throw new RangeError(`${field('netMigration')}[${y}]: muss größer als −1 sein / must be > −1`);
      rates.set(Number(y), v);
    }
  } else {
    constant = num(m, field('netMigration'));
    if (constant.lte(-1))
      throw new RangeError(`${field('netMigration')}: muss größer als −1 sein / must be > −1`);
  }
  return { deferral, special, migration: (s) => rates.get(s) ?? constant };
}

/** Π (1 + m_s) over school years s with start after `fromDay` and s ≤ `toSchoolYear`. */
function migrationFactor(
  c: UnitCorrections,
  fromDay: number,
  toSchoolYear: number,
  afterSchoolYear?: number,
): E {
  let f = new E(1);
  for (let s = toSchoolYear; s > (afterSchoolYear ?? -Infinity); s--) {
    if (afterSchoolYear === undefined && Date.UTC(s, 7, 1) / 86_400_000 <= fromDay) break;
    f = f.mul(c.migration(s).plus(1));
  }
  return f;
}

const mulOrNull = (a: E | null, b: E): E | null => (a === null ? null : a.mul(b));
const addOrNull = (a: E | null, b: E | null): E | null => (a === null || b === null ? null : a.plus(b));

/**
 * Children per grade, Ganztag entitlement and Kita U3/Ü3 for every unit and school year.
 * Units are those of `population` plus those that only have pupil numbers.
 */
export function projectChildrenExact(
  population: readonly PlanningUnitPopulation[],
  schoolYears: readonly number[],
  options: CohortOptions,
  pupils: readonly PupilCount[] = [],
): PlanningUnitChildrenExact[] {
  const unborn = options.unborn ?? 'youngest';
  const ageForward = options.agePupilsForward ?? true;
  const pops = new Map<string, PreparedPopulation>();
  for (const p of population) {
    if (pops.has(p.planningUnitId))
      throw new RangeError(`population: Planungseinheit „${p.planningUnitId}“ doppelt / duplicate unit`);
    pops.set(p.planningUnitId, preparePopulation(p));
  }
  // Pupil counts by unit → "schoolYear:grade" → count
  const pupilMap = new Map<string, Map<string, E>>();
  pupils.forEach((pc, i) => {
    if (!(PRIMARY_GRADES as readonly number[]).includes(pc.grade)) {
      throw new RangeError(
        `pupils[${i}].grade: Klassenstufe ${String(pc.grade)} – erwartet 1 bis 4 / grade 1–4`,
      );
    }
    const count = num(pc.count, `pupils[${i}].count`);
    let m = pupilMap.get(pc.planningUnitId);
    if (!m) pupilMap.set(pc.planningUnitId, (m = new Map()));
    const key = `${pc.schoolYear}:${pc.grade}`;
    if (m.has(key))
      throw new RangeError(
        `pupils[${i}]: ${pc.planningUnitId} ${pc.schoolYear} Klasse ${pc.grade} doppelt / duplicate`,
      );
    m.set(key, count);
  });
  const unitIds = [...new Set([...pops.keys(), ...pupilMap.keys()])];
  const out: PlanningUnitChildrenExact[] = [];
  // Birth intervals depend on the year only: computed once for all units.
  const entrantCache = new Map<number, DayInterval>();
  const entrantDays = (entryYear: number): DayInterval => {
    let d = entrantCache.get(entryYear);
    if (!d)
      entrantCache.set(entryYear, (d = toDays(schoolEntryBirthInterval(options.schoolEntry, entryYear))));
    return d;
  };
  const kitaCache = new Map<number, { u3: DayInterval; ue3: DayInterval }>();
  const kitaDays = (s: number): { u3: DayInterval; ue3: DayInterval } => {
    let k = kitaCache.get(s);
    if (!k) {
      const count = kitaCountDate(s, options.kitaCountDay);
      k = {
        u3: toDays(birthIntervalOfAgeRange(count, 1, 3)),
        // Ü3: age ≥ 3 on the count day, born after the cutoff of the cohort that entered school this year
        ue3: { from: entrantDays(s).to + 1, to: dayNumber(addYears(count, -3)) },
      };
      kitaCache.set(s, k);
    }
    return k;
  };
  for (const planningUnitId of unitIds) {
    const p = pops.get(planningUnitId) ?? null;
    const c = correctionsFor(planningUnitId, options);
    const pm = pupilMap.get(planningUnitId) ?? new Map<string, E>();
    const cohortCache = new Map<number, Born>();
    const migCache = new Map<number, E>();
    /** migration factor from the reference date to school year s (population path) */
    const popMig = (refDay: number, s: number): E => {
      let f = migCache.get(s);
      if (!f) migCache.set(s, (f = migrationFactor(c, refDay, s)));
      return f;
    };
    const cohort = (entryYear: number): Born => {
      let b = cohortCache.get(entryYear);
      if (!b) {
        b = p ? bornIn(p, entrantDays(entryYear), unborn) : { count: null, extrapolated: false };
        cohortCache.set(entryYear, b);
      }
      return b;
    };
    /** Pupils of grade g in year s, given or aged forward from the latest earlier count of the cohort. */
    const pupilsAt = (s: number, g: number): { count: E; aged: boolean } | null => {
      const given = pm.get(`${s}:${g}`);
      if (given) return { count: given, aged: false };
      if (!ageForward) return null;
      for (let k = 1; g - k >= 1; k++) {
        const earlier = pm.get(`${s - k}:${g - k}`);
        if (earlier) return { count: earlier.mul(migrationFactor(c, 0, s, s - k)), aged: true };
      }
      return null;
    };
    for (const s of schoolYears) {
      const grades: GradeChildrenExact[] = PRIMARY_GRADES.map((g) => {
        const fromPupils = pupilsAt(s, g);
        if (fromPupils) {
          // Pupils already reflect deferrals and Förderschule attendance.
          return {
            grade: g,
            children: fromPupils.count,
            specialSchool: null,
            basis: fromPupils.aged ? 'pupils_aged' : 'pupils',
          };
        }
        if (!p) return { grade: g, children: null, specialSchool: null, basis: 'missing' };
        const e = s - g + 1;
        const now = cohort(e);
        const before = cohort(e - 1);
        const mig = popMig(p.refDay, s);
        const entrants = c.deferral.isZero()
          ? now.count
          : addOrNull(mulOrNull(now.count, new E(1).minus(c.deferral)), mulOrNull(before.count, c.deferral));
        const total = mulOrNull(entrants, mig);
        const extrapolated = now.extrapolated || (!c.deferral.isZero() && before.extrapolated);
        return {
          grade: g,
          children: mulOrNull(total, new E(1).minus(c.special)),
          specialSchool: mulOrNull(total, c.special),
          basis: total === null ? 'missing' : extrapolated ? 'population_extrapolated' : 'population',
        };
      });
      const entitled = ganztagEntitledGrades(s) as number[];
      let ganztagEntitled: E | null = new E(0);
      let ganztagNotEntitled: E | null = new E(0);
      for (const g of grades) {
        if (entitled.includes(g.grade)) ganztagEntitled = addOrNull(ganztagEntitled, g.children);
        else ganztagNotEntitled = addOrNull(ganztagNotEntitled, g.children);
      }
      // Kita: U3 = 1 ≤ age < 3 on the count day; Ü3 = age ≥ 3, born after the cutoff of the cohort that
      // entered school this year, plus the deferred share of that cohort.
      let kitaU3: E | null = null;
      let kitaUe3: E | null = null;
      let kitaBasis: ChildrenBasis = 'missing';
      if (p) {
        const k = kitaDays(s);
        const u3 = bornIn(p, k.u3, unborn);
        const ue3 = bornIn(p, k.ue3, unborn);
        const deferred = c.deferral.isZero() ? { count: new E(0), extrapolated: false } : cohort(s);
        const mig = popMig(p.refDay, s);
        kitaU3 = mulOrNull(u3.count, mig);
        kitaUe3 = mulOrNull(addOrNull(ue3.count, mulOrNull(deferred.count, c.deferral)), mig);
        kitaBasis =
          kitaU3 === null || kitaUe3 === null
            ? 'missing'
            : u3.extrapolated || ue3.extrapolated || deferred.extrapolated
              ? 'population_extrapolated'
              : 'population';
      }
      out.push({
        planningUnitId,
        schoolYear: s,
        grades,
        ganztagEntitled,
        ganztagNotEntitled,
        kitaU3,
        kitaUe3,
        kitaBasis,
      });
    }
  }
  return out;
}

/** Children of one grade as decimal strings (rounded half-up; null when missing). */
export interface GradeChildren {
  grade: Grade;
  children: string | null;
  specialSchool: string | null;
  basis: ChildrenBasis;
}

/** Children per unit and school year as decimal strings (see `PlanningUnitChildrenExact`). */
export interface PlanningUnitChildren {
  planningUnitId: string;
  schoolYear: number;
  grades: GradeChildren[];
  ganztagEntitled: string | null;
  ganztagNotEntitled: string | null;
  kitaU3: string | null;
  kitaUe3: string | null;
  kitaBasis: ChildrenBasis;
}

/** Round the exact figures for output (half-up, `decimals` fraction digits). */
export function childrenForOutput(
  rows: readonly PlanningUnitChildrenExact[],
  decimals = 2,
): PlanningUnitChildren[] {
  const r = (v: E | null) => (v === null ? null : roundDecHalfUp(v, decimals));
  return rows.map((c) => ({
    planningUnitId: c.planningUnitId,
    schoolYear: c.schoolYear,
    grades: c.grades.map((g) => ({
      grade: g.grade,
      children: r(g.children),
      specialSchool: r(g.specialSchool),
      basis: g.basis,
    })),
    ganztagEntitled: r(c.ganztagEntitled),
    ganztagNotEntitled: r(c.ganztagNotEntitled),
    kitaU3: r(c.kitaU3),
    kitaUe3: r(c.kitaUe3),
    kitaBasis: c.kitaBasis,
  }));
}

/**
 * Children per grade, Ganztag entitlement and Kita U3/Ü3 for every unit and school year, rounded to
 * `decimals` (default 2). See `projectChildrenExact` for the method.
 */
export function projectChildren(
  population: readonly PlanningUnitPopulation[],
  schoolYears: readonly number[],
  options: CohortOptions,
  pupils: readonly PupilCount[] = [],
  decimals = 2,
): PlanningUnitChildren[] {
  return childrenForOutput(projectChildrenExact(population, schoolYears, options, pupils), decimals);
}

/** Children born in an interval for one unit (exposed for tests and the planning table's explanations). */
export function childrenBornIn(
  population: PlanningUnitPopulation,
  interval: DateInterval,
  unborn: 'youngest' | 'unknown' = 'youngest',
): { count: string | null; extrapolated: boolean } {
  const b = bornIn(preparePopulation(population), toDays(interval), unborn);
  return { count: b.count === null ? null : decToString(b.count), extrapolated: b.extrapolated };
}
