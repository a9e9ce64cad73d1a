/**
 * Entitlement planning on hand-computed cases.
 *
 * Test population „GS1“ on 31.12.2024: age a ↔ born in calendar year 2024 − a. Births per day are 1 in
 * even and 2 in odd birth years, so count_a = days of the birth year × density:
 *   age 0 (2024, 366 d) 366 · age 1 (2023) 730 · age 2 (2022) 365 · age 3 (2021) 730 · age 4 (2020, 366 d) 366
 *   age 5 (2019) 730 · age 6 (2018) 365 · age 7 (2017) 730 · age 8 (2016, 366 d) 366 · age 9 (2015) 730
 *   age 10 (2014) 365
 * Any number of children born in an interval is then Σ days × density — countable by hand.
 *
 * Stichtag 30.09.: the cohort entering in school year E is born 01.10.(E−7) – 30.09.(E−6):
 *   92 days (Oct–Dec) of year E−7 + 273 days (Jan–Sep; 274 in a leap year) of year E−6:
 *   E=2023: 92·1 (2016) + 273·2 (2017) = 638      E=2024: 92·2 (2017) + 273·1 (2018) = 457
 *   E=2025: 92·1 (2018) + 273·2 (2019) = 638      E=2026: 92·2 (2019) + 274·1 (2020) = 458
 *   E=2027: 92·1 (2020) + 273·2 (2021) = 638      E=2028: 92·2 (2021) + 273·1 (2022) = 457
 *   E=2029: 92·1 (2022) + 273·2 (2023) = 638      E=2030: 92·2 (2023) + 274·1 (2024) = 458
 *   E=2031: 92·1 (Oct–Dec 2024) + 273 unborn days × density of age 0 (366/366 = 1) = 365 (extrapolated)
 */
import { describe, expect, it } from 'vitest';
import {
  birthIntervalOfAge,
  birthIntervalOfAgeRange,
  childrenBornIn,
  expansionSlipImpact,
  ganztagEntitledGrades,
  isGanztagEntitled,
  kitaCountDate,
  planEntitlement,
  projectChildren,
  schoolEntryBirthInterval,
  schoolYearLabel,
  slipExpansion,
} from './index';
import type { EntitlementPlanInput, PlanningUnitPopulation } from './index';

const GS1: PlanningUnitPopulation = {
  planningUnitId: 'GS1',
  referenceDate: '2024-12-31',
  byAge: { 0: 366, 1: 730, 2: 365, 3: 730, 4: 366, 5: 730, 6: 365, 7: 730, 8: 366, 9: 730, 10: 365 },
};
const SEPT = { cutoff: '09-30' };
const JUNE = { cutoff: '06-30' };

describe('GaFöG phase-in (§ 24 Abs. 4 SGB VIII from 1 August 2026)', () => {
  it('one more grade each school year from 2026/27, grades 1–4 from 2029/30', () => {
    expect(ganztagEntitledGrades(2025)).toEqual([]);
    expect(ganztagEntitledGrades(2026)).toEqual([1]);
    expect(ganztagEntitledGrades(2027)).toEqual([1, 2]);
    expect(ganztagEntitledGrades(2028)).toEqual([1, 2, 3]);
    expect(ganztagEntitledGrades(2029)).toEqual([1, 2, 3, 4]);
    expect(ganztagEntitledGrades(2035)).toEqual([1, 2, 3, 4]);
    expect(isGanztagEntitled(2027, 2)).toBe(true);
    expect(isGanztagEntitled(2027, 3)).toBe(false);
  });
  it('labels and input checks', () => {
    expect(schoolYearLabel(2026)).toBe('2026/27');
    expect(schoolYearLabel(2099)).toBe('2099/00');
    expect(() => ganztagEntitledGrades(2026.5)).toThrow(/Schuljahr/);
  });
});

describe('Stichtag rule and birth intervals', () => {
  it('30.09.: school year 2026/27 is born 01.10.2019 – 30.09.2020', () => {
    expect(schoolEntryBirthInterval(SEPT, 2026)).toEqual({ from: '2019-10-01', to: '2020-09-30' });
  });
  it('30.06.: school year 2026/27 is born 01.07.2019 – 30.06.2020', () => {
    expect(schoolEntryBirthInterval(JUNE, 2026)).toEqual({ from: '2019-07-01', to: '2020-06-30' });
  });
  it('a Land moving its Stichtag from 30.09. to 30.06. in 2026 has one short cohort', () => {
    const rule = { cutoff: '09-30', byYear: { 2026: '06-30', 2027: '06-30' } };
    // 2026: 01.10.2019 (after the old cutoff) – 30.06.2020: 9 months
    expect(schoolEntryBirthInterval(rule, 2026)).toEqual({ from: '2019-10-01', to: '2020-06-30' });
    expect(schoolEntryBirthInterval(rule, 2027)).toEqual({ from: '2020-07-01', to: '2021-06-30' });
  });
  it('ages on a reference date, including 29 February', () => {
    expect(birthIntervalOfAge('2024-12-31', 0)).toEqual({ from: '2024-01-01', to: '2024-12-31' });
    expect(birthIntervalOfAge('2024-12-31', 5)).toEqual({ from: '2019-01-01', to: '2019-12-31' });
    expect(birthIntervalOfAge('2024-06-30', 0)).toEqual({ from: '2023-07-01', to: '2024-06-30' });
    // age 1 on 29.02.2024: the child born 28.02.2023 had its birthday; the one born 28.02.2022 is 2
    expect(birthIntervalOfAge('2024-02-29', 1)).toEqual({ from: '2022-03-01', to: '2023-02-28' });
    // U3 entitlement on 01.03.2027: 1 ≤ age < 3
    expect(birthIntervalOfAgeRange('2027-03-01', 1, 3)).toEqual({ from: '2024-03-02', to: '2026-03-01' });
  });
  it('Kita count day inside the Kita year', () => {
    expect(kitaCountDate(2026)).toBe('2027-03-01');
    expect(kitaCountDate(2026, '09-15')).toBe('2026-09-15');
    expect(() => kitaCountDate(2026, '02-30')).toThrow(/Stichtag/);
  });
});

describe('cohort ageing', () => {
  it('children born in an interval are shared out by days (hand computation in the file header)', () => {
    expect(childrenBornIn(GS1, schoolEntryBirthInterval(SEPT, 2026)).count).toBe('458');
    expect(childrenBornIn(GS1, schoolEntryBirthInterval(SEPT, 2025)).count).toBe('638');
    // 30.06.: 01.07.2019 – 30.06.2020 = 184 days of 2019 (×2) + 182 days of 2020 (×1) = 368 + 182 = 550
    expect(childrenBornIn(GS1, schoolEntryBirthInterval(JUNE, 2026)).count).toBe('550');
  });
  it('not yet born parts use the density of age 0, or are unknown', () => {
    expect(childrenBornIn(GS1, schoolEntryBirthInterval(SEPT, 2031))).toEqual({
      count: '365',
      extrapolated: true,
    });
    expect(childrenBornIn(GS1, schoolEntryBirthInterval(SEPT, 2031), 'unknown').count).toBeNull();
    // older than the oldest age group (10 → born 2014): unknown
    expect(childrenBornIn(GS1, { from: '2013-06-01', to: '2014-05-31' }).count).toBeNull();
  });
  it('a mid-year reference date (30.06.) works the same way', () => {
    // one child per day: every age group holds as many children as it has days
    const byAge: Record<number, number> = {};
    for (let a = 0; a <= 10; a++) {
      const i = birthIntervalOfAge('2024-06-30', a);
      byAge[a] = (Date.parse(i.to) - Date.parse(i.from)) / 86_400_000 + 1;
    }
    const pop: PlanningUnitPopulation = { planningUnitId: 'X', referenceDate: '2024-06-30', byAge };
    // 01.10.2019 – 30.09.2020: 92 + 274 = 366 days
    expect(childrenBornIn(pop, schoolEntryBirthInterval(SEPT, 2026)).count).toBe('366');
  });
  it('grades per school year age cohort by cohort; the phase-in picks the entitled grades', () => {
    const [y2026, y2027, y2029, y2031] = projectChildren([GS1], [2026, 2027, 2029, 2031], {
      schoolEntry: SEPT,
    });
    // 2026/27: grade g is the cohort E = 2026 − g + 1
    expect(y2026!.grades.map((g) => g.children)).toEqual(['458.00', '638.00', '457.00', '638.00']);
    expect(y2026!.ganztagEntitled).toBe('458.00'); // grade 1 only
    expect(y2026!.ganztagNotEntitled).toBe('1733.00'); // 638 + 457 + 638
    // 2027/28: grades 1–2 = E2027 + E2026 = 638 + 458
    expect(y2027!.ganztagEntitled).toBe('1096.00');
    // 2029/30: all four grades = 638 + 457 + 638 + 458
    expect(y2029!.ganztagEntitled).toBe('2191.00');
    expect(y2029!.ganztagNotEntitled).toBe('0.00');
    expect(y2029!.grades.every((g) => g.basis === 'population')).toBe(true);
    // 2031/32: grade 1 is partly not yet born on 31.12.2024
    expect(y2031!.grades[0]).toEqual({
      grade: 1,
      children: '365.00',
      specialSchool: '0.00',
      basis: 'population_extrapolated',
    });
  });
  it('Rückstellungen, Förderschul-Anteil and net migration', () => {
    const [c] = projectChildren([GS1], [2026], {
      schoolEntry: SEPT,
      corrections: { deferralShare: '0.1', specialSchoolShare: '0.05' },
    });
    // entrants 2026 = 0.9·458 + 0.1·638 = 412.2 + 63.8 = 476; Grundschule 0.95·476 = 452.2, Förderschule 23.8
    expect(c!.grades[0]).toEqual({
      grade: 1,
      children: '452.20',
      specialSchool: '23.80',
      basis: 'population',
    });
    const [m] = projectChildren([GS1], [2026], { schoolEntry: SEPT, corrections: { netMigration: '0.01' } });
    // school years starting after 31.12.2024 up to 2026: 2025 and 2026 → 458·1.01² = 458·1.0201 = 467.2058
    expect(m!.grades[0]!.children).toBe('467.21');
    const [u] = projectChildren([GS1], [2026], {
      schoolEntry: SEPT,
      corrections: { netMigration: '0.01' },
      correctionsByPlanningUnit: { GS1: { netMigration: { 2025: '-0.02', 2026: '0.05' } } },
    });
    // per unit and year: 458·0.98·1.05 = 471.282
    expect(u!.grades[0]!.children).toBe('471.28');
  });
  it('a Wanderungssaldo per planning unit overrides the global one (also negative)', () => {
    const GS2 = { ...GS1, planningUnitId: 'GS2' };
    const [gs1, gs2] = projectChildren([GS1, GS2], [2027], {
      schoolEntry: SEPT,
      corrections: { netMigration: '0.01' },
      correctionsByPlanningUnit: { GS1: { netMigration: '-0.015' } },
    });
    // 2027/28: grades 1–2 entitled = cohorts 2027 (638) + 2026 (458) = 1096 before migration;
    // school years 2025, 2026, 2027 start after 31.12.2024 → three steps.
    // GS1 (own −1,5 %): 1096 · 0.985³ = 1096 · 0.955671625 = 1047.4161…
    expect(gs1!.ganztagEntitled).toBe('1047.42');
    // GS2 (global +1 %): 1096 · 1.01³ = 1096 · 1.030301 = 1129.2098…
    expect(gs2!.ganztagEntitled).toBe('1129.21');
  });
  it('pupil numbers take precedence and are aged forward', () => {
    const pupils = [
      { planningUnitId: 'GS1', schoolYear: 2025, grade: 1 as const, count: 500 },
      { planningUnitId: 'GS1', schoolYear: 2026, grade: 3 as const, count: '450' },
    ];
    const [c] = projectChildren([GS1], [2026], { schoolEntry: SEPT }, pupils);
    expect(c!.grades.map((g) => [g.children, g.basis])).toEqual([
      ['458.00', 'population'], // not covered: population
      ['500.00', 'pupils_aged'], // grade 1 in 2025/26 → grade 2 in 2026/27
      ['450.00', 'pupils'], // given
      ['638.00', 'population'],
    ]);
    const [noAge] = projectChildren([GS1], [2026], { schoolEntry: SEPT, agePupilsForward: false }, pupils);
    expect(noAge!.grades[1]!.basis).toBe('population');
    // a unit with pupil numbers only
    const [only] = projectChildren([], [2026], { schoolEntry: SEPT }, [
      { planningUnitId: 'GS9', schoolYear: 2026, grade: 1, count: 80 },
    ]);
    expect(only!.ganztagEntitled).toBe('80.00');
    expect(only!.grades[1]!.basis).toBe('missing');
    expect(only!.ganztagNotEntitled).toBeNull();
  });
  it('Kita U3 and Ü3 on the count day 01.03.', () => {
    const [k2024, k2026] = projectChildren([GS1], [2024, 2026], { schoolEntry: SEPT });
    // 2024/25, count day 01.03.2025, U3 born 02.03.2022 – 01.03.2024:
    //   2022: 365 − 60 = 305 days ×1; 2023: 365 ×2 = 730; 2024: 61 days ×1 → 1096
    expect(k2024!.kitaU3).toBe('1096.00');
    expect(k2024!.kitaBasis).toBe('population');
    // 2026/27, count day 01.03.2027, U3 born 02.03.2024 – 01.03.2026: 305 (2024) + 425 unborn days ×1 = 730
    expect(k2026!.kitaU3).toBe('730.00');
    expect(k2026!.kitaBasis).toBe('population_extrapolated');
    // Ü3 born 01.10.2020 (after the 2026 entrants) – 01.03.2024:
    //   92 (2020, ×1) + 730 (2021) + 365 (2022) + 730 (2023) + 61 (2024) = 1978
    expect(k2026!.kitaUe3).toBe('1978.00');
    // with 10 % Rückstellungen the deferred share of cohort 2026 (458) stays: 1978 + 45.8
    const [d] = projectChildren([GS1], [2026], { schoolEntry: SEPT, corrections: { deferralShare: '0.1' } });
    expect(d!.kitaUe3).toBe('2023.80');
  });
  it('rejects bad input with the field named', () => {
    expect(() => projectChildren([{ ...GS1, byAge: { 0: 1, 2: 1 } }], [2026], { schoolEntry: SEPT })).toThrow(
      /Alter 1 fehlt/,
    );
    expect(() =>
      projectChildren([GS1], [2026], { schoolEntry: SEPT, corrections: { deferralShare: '1.5' } }),
    ).toThrow(/deferralShare/);
    expect(() => projectChildren([GS1], [2026], { schoolEntry: { cutoff: '9-30' } })).toThrow(/Stichtag/);
    expect(() => projectChildren([{ ...GS1, byAge: { 0: '1,5' } }], [2026], { schoolEntry: SEPT })).toThrow(
      /byAge\[0\]/,
    );
  });
});

/** One Grundschule, Ganztag places 1000 (Hort) + 500 (offene Ganztagsschule), +400 in 2028/29. */
const PLAN: EntitlementPlanInput = {
  schoolYears: [2026, 2027, 2028, 2029],
  population: [GS1],
  cohort: { schoolEntry: SEPT },
  scenarios: [{ name: '80 %', ganztagShare: '0.8' }],
  capacities: [
    { planningUnitId: 'GS1', type: 'hort', places: 1000 },
    { planningUnitId: 'GS1', type: 'offene_ganztagsschule', places: 500 },
  ],
  expansions: [
    { id: 'x1', planningUnitId: 'GS1', type: 'offene_ganztagsschule', places: 400, schoolYear: 2028 },
  ],
};

describe('planEntitlement', () => {
  it('entitled children, demand, places, gap and status per school year', () => {
    const plan = planEntitlement(PLAN);
    const r = (y: number) => plan.rows.find((x) => x.schoolYear === y)!;
    // 2026/27: entitled 458 → 0.8·458 = 366.4; grades 2–4 (1733) also use places: 0.8·1733 = 1386.4;
    // demand 1752.8 vs 1500 places → gap 252.8 = 14.42 % of 1752.8 → Lücke
    expect(r(2026)).toMatchObject({
      entitledChildren: '458.00',
      entitledDemand: '366.40',
      notEntitledDemand: '1386.40',
      demand: '1752.80',
      places: '1500.00',
      gap: '252.80',
      gapPercent: '14.42',
      status: 'shortfall',
      label: { de: 'Lücke', en: 'shortfall' },
    });
    // 2028/29: grades 1–3 = 457 + 638 + 458 = 1553 entitled; demand 0.8·2191 = 1752.8; places 1900
    // → ratio 1.084 ≥ 1.05 → gedeckt, gap −147.2
    expect(r(2028)).toMatchObject({
      entitledChildren: '1553.00',
      places: '1900.00',
      gap: '-147.20',
      status: 'covered',
    });
    expect(r(2029)).toMatchObject({
      entitledChildren: '2191.00',
      notEntitledDemand: '0.00',
      status: 'covered',
    });
    expect(plan.unmatched).toEqual({ placesOnly: [], demandOnly: [] });
  });
  it('knapp between the thresholds; thresholds configurable', () => {
    // 1800 places / 1752.8 = 1.0269 → knapp (1 ≤ ratio < 1.05)
    const tight = planEntitlement({
      ...PLAN,
      schoolYears: [2026],
      capacities: [{ planningUnitId: 'GS1', type: 'hort', places: 1800 }],
    });
    expect(tight.rows[0]).toMatchObject({ status: 'tight', ratio: '1.0269', label: { de: 'knapp' } });
    const strict = planEntitlement({
      ...PLAN,
      schoolYears: [2026],
      capacities: [{ planningUnitId: 'GS1', type: 'hort', places: 1800 }],
      thresholds: { tightBelow: '1.02' },
    });
    expect(strict.rows[0]!.status).toBe('covered');
    expect(() =>
      planEntitlement({ ...PLAN, thresholds: { shortfallBelow: '1.1', tightBelow: '1' } }),
    ).toThrow(/thresholds/);
  });
  it('only the entitled demand when notEntitledShare is 0; per-unit shares; place weights', () => {
    const only = planEntitlement({
      ...PLAN,
      schoolYears: [2026],
      scenarios: [{ name: 'a', ganztagShare: 0.8, notEntitledShare: 0 }],
    });
    expect(only.rows[0]).toMatchObject({ demand: '366.40', status: 'covered' });
    const byUnit = planEntitlement({
      ...PLAN,
      schoolYears: [2029],
      scenarios: [{ name: 'b', ganztagShare: 0.8, ganztagShareByPlanningUnit: { GS1: '0.9' } }],
    });
    // 0.9·2191 = 1971.9
    expect(byUnit.rows[0]!.demand).toBe('1971.90');
    // gebundene Ganztagsschule counted at 0.5: 1000·0.5 = 500 places
    const weighted = planEntitlement({
      ...PLAN,
      schoolYears: [2026],
      capacities: [{ planningUnitId: 'GS1', type: 'gebundene_ganztagsschule', places: 1000 }],
      placeWeights: { gebundene_ganztagsschule: '0.5' },
    });
    expect(weighted.rows[0]!.places).toBe('500.00');
  });
  it('several scenarios side by side, city totals without offsetting', () => {
    const GS2: PlanningUnitPopulation = { ...GS1, planningUnitId: 'GS2' };
    const plan = planEntitlement({
      ...PLAN,
      schoolYears: [2029],
      population: [GS1, GS2],
      scenarios: [
        { name: '70 %', ganztagShare: '0.7' },
        { name: '90 %', ganztagShare: '0.9' },
      ],
      capacities: [
        { planningUnitId: 'GS1', type: 'hort', places: 2500 },
        { planningUnitId: 'GS2', type: 'hort', places: 1000 },
        { planningUnitId: 'GS3', type: 'hort', places: 50 },
      ],
      expansions: [],
    });
    expect(plan.rows).toHaveLength(4);
    const total = plan.totals.find((t) => t.scenario === '90 %')!;
    // demand 2·0.9·2191 = 3943.8; places 3500 (GS3 has no children data and is not counted)
    // gap 443.8; GS1 has a reserve (2500 − 1971.9), GS2 misses 971.9 → Σ shortfalls 971.9
    expect(total).toMatchObject({
      planningUnitId: null,
      demand: '3943.80',
      places: '3500.00',
      gap: '443.80',
      sumOfShortfalls: '971.90',
    });
    expect(plan.unmatched).toEqual({ placesOnly: ['GS3'], demandOnly: [] });
  });
  it('a slipping expansion: what changes', () => {
    expect(slipExpansion(PLAN.expansions!, 'x1')[0]!.schoolYear).toBe(2029);
    expect(() => slipExpansion(PLAN.expansions!, 'nope')).toThrow(/nicht gefunden/);
    const changes = expansionSlipImpact(PLAN, 'x1');
    // only 2028/29 changes: 1500 instead of 1900 places, gap 252.8 instead of −147.2, Lücke instead of gedeckt
    expect(changes).toEqual([
      {
        scenario: '80 %',
        planningUnitId: 'GS1',
        schoolYear: 2028,
        scope: 'ganztag',
        before: { places: '1900.00', gap: '-147.20', status: 'covered' },
        after: { places: '1500.00', gap: '252.80', status: 'shortfall' },
      },
      {
        scenario: '80 %',
        planningUnitId: null,
        schoolYear: 2028,
        scope: 'ganztag',
        before: { places: '1900.00', gap: '-147.20', status: 'covered' },
        after: { places: '1500.00', gap: '252.80', status: 'shortfall' },
      },
    ]);
  });
  it('Kita rows: typed U3/Ü3 places and the Kita total', () => {
    const plan = planEntitlement({
      ...PLAN,
      schoolYears: [2024],
      scenarios: [{ name: 'k', kitaU3Rate: '0.5', kitaUe3Rate: '0.9' }],
      capacities: [
        { planningUnitId: 'GS1', type: 'kita_u3', places: 500 },
        { planningUnitId: 'GS1', type: 'kita_ue3', places: 1700 },
      ],
      expansions: [],
    });
    // 2024/25: U3 1096 → 548 demand vs 500 → Lücke; Ü3 (born 01.10.2018 – 01.03.2022):
    //   92 (2018, ×1) + 730 (2019) + 366 (2020) + 730 (2021) + 60 (2022, ×1) = 1978 → 0.9·1978 = 1780.2 vs 1700
    const byScope = Object.fromEntries(plan.rows.map((r) => [r.scope, r]));
    expect(byScope.kita_u3).toMatchObject({
      entitledChildren: '1096.00',
      demand: '548.00',
      status: 'shortfall',
    });
    expect(byScope.kita_ue3).toMatchObject({
      entitledChildren: '1978.00',
      demand: '1780.20',
      places: '1700.00',
    });
    expect(byScope.kita).toMatchObject({ entitledChildren: '3074.00', demand: '2328.20', places: '2200.00' });
  });
  it('reports missing children figures instead of inventing them', () => {
    const plan = planEntitlement({
      ...PLAN,
      schoolYears: [2031],
      cohort: { schoolEntry: SEPT, unborn: 'unknown' },
    });
    expect(plan.rows).toEqual([]);
    expect(plan.missing).toEqual([{ planningUnitId: 'GS1', schoolYear: 2031, scope: 'ganztag' }]);
  });
});

describe('boundaries of the rules', () => {
  it('net migration applies to the school years that start after the reference date only', () => {
    // reference date = start of school year 2025/26 (01.08.2025): only 2026 is a step → factor 1.01
    const pop: PlanningUnitPopulation = {
      planningUnitId: 'A',
      referenceDate: '2025-08-01',
      byAge: { 0: 365, 1: 365, 2: 365, 3: 365, 4: 365, 5: 365, 6: 365, 7: 365, 8: 365, 9: 365 },
    };
    const [c] = projectChildren(
      [pop],
      [2026],
      { schoolEntry: SEPT, corrections: { netMigration: '0.01' } },
      [],
      4,
    );
    // cohort 2026 = born 01.10.2019 – 30.09.2020: age 5 on 01.08.2025 covers 02.08.2019 – 01.08.2020 (366 days,
    // 365 children), age 6 covers 02.08.2018 – 01.08.2019 (365 days). Overlap: 01.10.2019 – 01.08.2020 = 306 days
    // of age 5 → 365·306/366; 02.08.2020 – 30.09.2020 = 60 days of age 4 (02.08.2020 – 01.08.2021, 365 days)
    // → 60. Sum = 305.1639… + 60 = 365.1639…; × 1.01 = 368.8156…
    const expected = ((365 * 306) / 366 + 60) * 1.01;
    expect(Number(c!.grades[0]!.children)).toBeCloseTo(expected, 4);
  });
});

describe('coverage status', () => {
  it('thresholds are inclusive at the lower bound: ratio 1 is knapp, 1.05 is gedeckt', async () => {
    const { assessCoverage } = await import('./index');
    expect(assessCoverage('1000', '999.99').status).toBe('shortfall');
    expect(assessCoverage('1000', '1000').status).toBe('tight');
    expect(assessCoverage('1000', '1049.99').status).toBe('tight');
    expect(assessCoverage('1000', '1050')).toMatchObject({
      status: 'covered',
      gap: '-50.00',
      gapPercent: '-5.00',
      ratio: '1.0500',
    });
    // no demand: gedeckt, no percentage
    expect(assessCoverage(0, 10)).toMatchObject({ status: 'covered', gapPercent: null, ratio: null });
  });
  it('matching keys and summing without offsetting', async () => {
    const { matchPlanningUnits, summariseCoverage } = await import('./index');
    expect(matchPlanningUnits(['b', 'a', 'c'], ['c', 'd', 'a'])).toEqual({
      matched: ['a', 'c'],
      demandOnly: ['b'],
      placesOnly: ['d'],
    });
    const s = summariseCoverage(
      new Map([
        ['a', 100],
        ['b', 50],
        ['c', 10],
      ]),
      new Map([
        ['a', 120],
        ['c', 5],
        ['d', 40],
      ]),
    );
    // a: 120/100 covered; b: no places → gap 50; c: 5/10 → gap 5. Total 160 vs 125 → gap 35; Σ shortfalls 55
    expect(s.units.map((u) => [u.planningUnitId, u.status, u.gap])).toEqual([
      ['a', 'covered', '-20.00'],
      ['b', 'shortfall', '50.00'],
      ['c', 'shortfall', '5.00'],
    ]);
    expect(s.total).toMatchObject({ demand: '160.00', places: '125.00', gap: '35.00', status: 'shortfall' });
    expect(s.sumOfShortfalls).toBe('55.00');
    expect(s.byStatus).toEqual({ shortfall: 2, tight: 0, covered: 1 });
    expect(s.match.placesOnly).toEqual(['d']);
  });
});
