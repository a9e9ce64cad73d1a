/**
 * Properties of the entitlement core over seeded random planning units (deterministic seeds; a failing
 * case prints its inputs). fast-check is not a dependency; the demo data's mulberry32 generator is used.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../demo/rng';
import {
  assessCoverage,
  childrenBornIn,
  COVERAGE_STATUSES,
  ganztagEntitledGrades,
  planEntitlement,
  projectChildren,
  schoolEntryBirthInterval,
} from './index';
import type { Capacity, CohortOptions, PupilCount, PlanningUnitPopulation } from './index';

const rank = (s: string) => COVERAGE_STATUSES.indexOf(s as (typeof COVERAGE_STATUSES)[number]);
const CASES = 60;

function randomUnit(rng: () => number, id: string): PlanningUnitPopulation {
  const byAge: Record<number, string> = {};
  for (let a = 0; a <= 11; a++) byAge[a] = String(Math.floor(rng() * 400));
  const ref = ['2023-12-31', '2024-06-30', '2024-12-31', '2025-03-01'][Math.floor(rng() * 4)]!;
  return { planningUnitId: id, referenceDate: ref, byAge };
}

function randomOptions(rng: () => number): CohortOptions {
  return {
    schoolEntry: { cutoff: rng() < 0.5 ? '06-30' : '09-30' },
    corrections: {
      deferralShare: (rng() * 0.2).toFixed(3),
      specialSchoolShare: (rng() * 0.1).toFixed(3),
      netMigration: (rng() * 0.1 - 0.05).toFixed(3),
    },
    unborn: rng() < 0.8 ? 'youngest' : 'unknown',
    // Wanderungssaldo of unit „b“ overriding the global one (signed, like the scenario form allows)
    correctionsByPlanningUnit: { b: { netMigration: (rng() * 0.2 - 0.1).toFixed(3) } },
  };
}

describe('entitlement properties', () => {
  it('entitled children never exceed the children of the entitled grades (nor all grades)', () => {
    const rng = createRng(2026);
    for (let i = 0; i < CASES; i++) {
      const units = [randomUnit(rng, 'a'), randomUnit(rng, 'b')];
      const options = randomOptions(rng);
      const pupils: PupilCount[] =
        rng() < 0.5
          ? [{ planningUnitId: 'a', schoolYear: 2026, grade: 1, count: Math.floor(rng() * 300) }]
          : [];
      const years = [2025, 2026, 2027, 2028, 2029, 2030, 2032, 2035];
      for (const c of projectChildren(units, years, options, pupils, 6)) {
        const context = JSON.stringify({
          units,
          options,
          pupils,
          unit: c.planningUnitId,
          year: c.schoolYear,
        });
        if (c.ganztagEntitled === null) continue;
        const entitledGrades = ganztagEntitledGrades(c.schoolYear) as number[];
        const ofEntitled = c.grades
          .filter((g) => entitledGrades.includes(g.grade))
          .reduce((s, g) => s + Number(g.children) + Number(g.specialSchool ?? 0), 0);
        const all = c.grades.reduce((s, g) => s + Number(g.children ?? 0) + Number(g.specialSchool ?? 0), 0);
        expect(Number(c.ganztagEntitled), context).toBeLessThanOrEqual(ofEntitled + 1e-6);
        expect(Number(c.ganztagEntitled), context).toBeLessThanOrEqual(all + 1e-6);
        expect(Number(c.ganztagEntitled), context).toBeGreaterThanOrEqual(0);
        if (entitledGrades.length === 0) expect(Number(c.ganztagEntitled), context).toBe(0);
      }
    }
  });

  it('without corrections the four grades are exactly the children born in the four cohorts (no one lost)', () => {
    const rng = createRng(31);
    for (let i = 0; i < CASES; i++) {
      const unit = randomUnit(rng, 'a');
      const rule = { cutoff: rng() < 0.5 ? '06-30' : '09-30' };
      const year = 2025 + Math.floor(rng() * 5);
      const [c] = projectChildren([unit], [year], { schoolEntry: rule }, [], 10);
      const window = {
        from: schoolEntryBirthInterval(rule, year - 3).from,
        to: schoolEntryBirthInterval(rule, year).to,
      };
      const direct = childrenBornIn(unit, window).count;
      const sum = c!.grades.reduce((s, g) => s + Number(g.children), 0);
      expect(sum, JSON.stringify({ unit, rule, year })).toBeCloseTo(Number(direct), 6);
      // and the entitled part is the sum of the entitled grades' cohorts
      const entitled = ganztagEntitledGrades(year) as number[];
      const byCohort = entitled.reduce(
        (s, g) => s + Number(childrenBornIn(unit, schoolEntryBirthInterval(rule, year - g + 1)).count),
        0,
      );
      expect(Number(c!.ganztagEntitled)).toBeCloseTo(byCohort, 6);
    }
  });

  it('more places never worsen the status (single unit)', () => {
    const rng = createRng(11);
    for (let i = 0; i < 2000; i++) {
      const demand = (rng() * 1000).toFixed(2);
      const places = (rng() * 1200).toFixed(2);
      const more = (Number(places) + rng() * 200).toFixed(2);
      const a = assessCoverage(demand, places);
      const b = assessCoverage(demand, more);
      expect(rank(b.status), JSON.stringify({ demand, places, more })).toBeGreaterThanOrEqual(rank(a.status));
    }
  });

  it('more places never worsen any row of a plan, nor the totals', () => {
    const rng = createRng(5);
    for (let i = 0; i < CASES; i++) {
      const units = [randomUnit(rng, 'a'), randomUnit(rng, 'b')];
      const options = randomOptions(rng);
      const capacities: Capacity[] = [
        { planningUnitId: 'a', type: 'hort', places: Math.floor(rng() * 800) },
        { planningUnitId: 'b', type: 'offene_ganztagsschule', places: Math.floor(rng() * 800) },
        { planningUnitId: 'a', type: 'kita', places: Math.floor(rng() * 1500) },
      ];
      const extra: Capacity = {
        planningUnitId: rng() < 0.5 ? 'a' : 'b',
        type: (['hort', 'offene_ganztagsschule', 'gebundene_ganztagsschule', 'kita'] as const)[
          Math.floor(rng() * 4)
        ]!,
        places: 1 + Math.floor(rng() * 300),
        fromSchoolYear: 2026 + Math.floor(rng() * 4),
      };
      const input = {
        schoolYears: [2026, 2027, 2028, 2029, 2030],
        population: units,
        cohort: options,
        scenarios: [
          { name: 's', ganztagShare: (0.5 + rng() * 0.5).toFixed(2), kitaU3Rate: '0.5', kitaUe3Rate: '0.9' },
        ],
        capacities,
      };
      const before = planEntitlement(input);
      const after = planEntitlement({ ...input, capacities: [...capacities, extra] });
      const key = (r: { planningUnitId: string | null; schoolYear: number; scope: string }) =>
        `${r.planningUnitId}|${r.schoolYear}|${r.scope}`;
      const afterByKey = new Map([...after.rows, ...after.totals].map((r) => [key(r), r]));
      for (const b of [...before.rows, ...before.totals]) {
        const a = afterByKey.get(key(b))!;
        const context = JSON.stringify({ extra, row: key(b), before: b.status, after: a.status });
        expect(rank(a.status), context).toBeGreaterThanOrEqual(rank(b.status));
        expect(Number(a.gap), context).toBeLessThanOrEqual(Number(b.gap));
      }
    }
  });

  it('a higher demand share never improves the status', () => {
    const rng = createRng(77);
    for (let i = 0; i < CASES; i++) {
      const units = [randomUnit(rng, 'a')];
      const capacities: Capacity[] = [
        { planningUnitId: 'a', type: 'hort', places: Math.floor(rng() * 1500) },
      ];
      const low = (rng() * 0.9).toFixed(2);
      const high = (Number(low) + 0.1).toFixed(2);
      const base = { schoolYears: [2026, 2029], population: units, cohort: randomOptions(rng), capacities };
      const a = planEntitlement({ ...base, scenarios: [{ name: 'x', ganztagShare: low }] });
      const b = planEntitlement({ ...base, scenarios: [{ name: 'x', ganztagShare: high }] });
      a.rows.forEach((r, j) => expect(rank(b.rows[j]!.status)).toBeLessThanOrEqual(rank(r.status)));
    }
  });
});
