import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { unzip } from '../assessment/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  EntitlementExpansion,
  EntitlementPlanDto,
  EntitlementSlipChange,
  PlanningUnit,
} from '@dkbm/contract';
import { createTestApp, DEMO, type TestContext } from '../../test/testApp';
import { TEST_DRIVER } from '../../test/testDb';
import { expectApiError, signInFresh, tenantIdBySlug, type AddressedClient } from '../../test/fixtures';

const n = (v: string | null | undefined) => Number(v);

describe(`entitlement planning over HTTP on ${TEST_DRIVER}`, () => {
  let t: TestContext;
  let editor: AddressedClient;
  let viewer: AddressedClient;
  let base: string;

  beforeAll(async () => {
    t = await createTestApp();
    const M = await tenantIdBySlug(t, 'musterstadt');
    base = `/api/tenants/${M}/entitlement`;
    editor = await signInFresh(t, DEMO.editor.email, DEMO.editor.password);
    viewer = await signInFresh(t, DEMO.viewer.email, DEMO.viewer.password);
  });
  afterAll(async () => t?.close());

  const plan = async (query = '') => {
    const res = await viewer.get(`${base}/plan${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as EntitlementPlanDto;
  };

  it('plans the demo: 8 Grundschulen, 12 Sozialräume, two scenarios, 10 school years', async () => {
    const p = await plan();
    expect(p.schoolYears).toEqual([2026, 2027, 2028, 2029, 2030, 2031, 2032, 2033, 2034, 2035]);
    expect(p.planningUnits.filter((u) => u.kind === 'grundschule')).toHaveLength(8);
    expect(p.planningUnits.filter((u) => u.kind === 'sozialraum')).toHaveLength(12);
    expect(p.scenarios.map((s) => s.name)).toEqual(['Bedarf 70 %', 'Bedarf 90 %']);
    expect(p.withoutPopulation).toEqual([]);
    expect(p.referenceDate).toBe('2024-12-31');
    // Ganztag on the schools, Kita (U3, Ü3, total) on the Sozialräume.
    const ganztag = p.rows.filter((r) => r.scope === 'ganztag');
    expect(ganztag).toHaveLength(8 * 10 * 2);
    const kinds = new Map(p.planningUnits.map((u) => [u.id, u.kind]));
    expect(new Set(ganztag.map((r) => kinds.get(r.planningUnitId!)))).toEqual(new Set(['grundschule']));
    expect(p.rows.filter((r) => r.scope === 'kita')).toHaveLength(12 * 10 * 2);
  });

  it('applies the phase-in: one grade in 2026/27, four from 2029/30; demand = entitled × share', async () => {
    const p = await plan();
    const sc = p.scenarios.find((s) => s.name === 'Bedarf 70 %')!;
    const s70 = sc.id;
    // The gebundene Ganztagsschule of the demo plans with 100 %, every other school with the global 70 %.
    expect(Object.values(sc.byPlanningUnit)).toEqual([{ ganztagShare: '1' }]);
    const shareOf = (id: string) => Number(sc.byPlanningUnit[id]?.ganztagShare ?? sc.ganztagShare);
    for (const u of p.planningUnits.filter((x) => x.kind === 'grundschule')) {
      const row = (y: number) =>
        p.rows.find(
          (r) =>
            r.scenarioId === s70 && r.planningUnitId === u.id && r.schoolYear === y && r.scope === 'ganztag',
        )!;
      const [y26, y29] = [row(2026), row(2029)];
      // One cohort against four: between 3 and 5 times (cohorts differ a little in size).
      expect(n(y29.entitledChildren) / n(y26.entitledChildren)).toBeGreaterThan(3);
      expect(n(y29.entitledChildren) / n(y26.entitledChildren)).toBeLessThan(5);
      // From 2029/30 all grades are entitled: demand is exactly the unit's share of the entitled children.
      expect(n(y29.demand)).toBeCloseTo(n(y29.entitledChildren) * shareOf(u.id), 1);
      expect(n(y29.gap)).toBeCloseTo(n(y29.demand) - n(y29.places), 1);
    }
  });

  it('city totals are the sums of the units, with the status recomputed', async () => {
    const p = await plan('?scope=ganztag');
    expect(new Set(p.rows.map((r) => r.scope))).toEqual(new Set(['ganztag']));
    for (const total of p.totals) {
      const units = p.rows.filter(
        (r) => r.scenarioId === total.scenarioId && r.schoolYear === total.schoolYear,
      );
      const sum = (k: 'demand' | 'places') => units.reduce((a, r) => a + n(r[k]), 0);
      expect(total.planningUnitId).toBeNull();
      expect(n(total.demand)).toBeCloseTo(sum('demand'), 1);
      expect(n(total.places)).toBeCloseTo(sum('places'), 1);
      expect(total.status).toBe(n(total.places) < n(total.demand) ? 'shortfall' : total.status);
    }
  });

  it('counts a planned expansion from its school year, and shows what a slip of one year changes', async () => {
    const expansions = (await viewer.get(`${base}/expansions`)).json() as EntitlementExpansion[];
    const x = expansions.find((e) => e.type === 'offene_ganztagsschule' && e.schoolYear === 2027)!;
    expect(x.fundingProgramme).toBe('Investitionsprogramm Ganztagsausbau');
    const p = await plan();
    const rows = p.rows.filter((r) => r.planningUnitId === x.planningUnitId && r.scenario === 'Bedarf 70 %');
    const places = (y: number) => n(rows.find((r) => r.schoolYear === y)!.places);
    expect(places(2027) - places(2026)).toBe(n(x.places));
    const slip = (await viewer.get(`${base}/expansions/${x.id}/slip`)).json() as EntitlementSlipChange[];
    const unitRow = slip.find((c) => c.planningUnitId === x.planningUnitId && c.scenario === 'Bedarf 70 %');
    expect(unitRow).toMatchObject({ schoolYear: 2027, scope: 'ganztag' });
    expect(n(unitRow!.before.places) - n(unitRow!.after.places)).toBe(n(x.places));
    expect(slip.every((c) => c.schoolYear === 2027)).toBe(true);
  });

  it('a higher demand share raises demand and gap; a scenario is created with its assumptions', async () => {
    const created = await editor.post(`${base}/scenarios`, {
      name: 'Bedarf 80 %',
      description: 'Mittlere Annahme',
      ganztagShare: '0.8',
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = (created.json() as { id: string }).id;
    const before = await plan(`?scenarioId=${id}&scope=ganztag`);
    expect(before.scenarios).toHaveLength(1);
    const patched = await editor.patch(`${base}/scenarios/${id}`, { ganztagShare: '0.95' });
    expect(patched.statusCode, patched.body).toBe(200);
    const after = await plan(`?scenarioId=${id}&scope=ganztag`);
    const total = (q: EntitlementPlanDto, y: number) => q.totals.find((r) => r.schoolYear === y)!;
    expect(n(total(after, 2030).demand)).toBeCloseTo((n(total(before, 2030).demand) * 0.95) / 0.8, 1);
    expect(n(total(after, 2030).gap)).toBeGreaterThan(n(total(before, 2030).gap));
    // Only Ganztag assumed: no Kita rows for this scenario.
    expect((await plan(`?scenarioId=${id}&scope=kita`)).rows).toEqual([]);
    expectApiError(await editor.post(`${base}/scenarios`, { name: 'Bedarf 80 %' }), 409, 'conflict');
    const bad = expectApiError(
      await editor.post(`${base}/scenarios`, { name: 'Unsinn', ganztagShare: '1.5' }),
      400,
      'validation',
    );
    expect(bad.message).toMatch(/ganztagShare|Anteil/);
    expectApiError(await viewer.patch(`${base}/scenarios/${id}`, { ganztagShare: '0.5' }), 403, 'forbidden');
    // A share for one school only: its demand changes, the others' not.
    const school = after.planningUnits.find((u) => u.kind === 'grundschule')!;
    const other = after.planningUnits.filter((u) => u.kind === 'grundschule')[1]!;
    const own = await editor.patch(`${base}/scenarios/${id}`, {
      byPlanningUnit: { [school.id]: { ganztagShare: '0.5' } },
    });
    expect(own.statusCode, own.body).toBe(200);
    const perUnit = await plan(`?scenarioId=${id}&scope=ganztag`);
    const d = (q: EntitlementPlanDto, unitId: string) =>
      n(q.rows.find((r) => r.planningUnitId === unitId && r.schoolYear === 2030)!.demand);
    expect(d(perUnit, school.id)).toBeCloseTo((d(after, school.id) * 0.5) / 0.95, 1);
    expect(d(perUnit, other.id)).toBe(d(after, other.id));
    // An id that is no planning unit of this municipality is not found.
    expectApiError(
      await editor.patch(`${base}/scenarios/${id}`, {
        byPlanningUnit: { '00000000-0000-4000-8000-000000000000': { ganztagShare: '0.5' } },
      }),
      404,
      'not_found',
    );
    expect((await editor.delete(`${base}/scenarios/${id}`)).statusCode).toBe(200);
    expectApiError(await viewer.get(`${base}/plan?scenarioId=${id}`), 404, 'not_found');
  });

  it('a Wanderungssaldo per planning unit overrides the global one (signed, as a rate per year)', async () => {
    const created = await editor.post(`${base}/scenarios`, {
      name: 'Wanderung',
      ganztagShare: '0.8',
      kitaU3Rate: '0.5',
      kitaUe3Rate: '0.95',
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = (created.json() as { id: string }).id;
    const without = await plan(`?scenarioId=${id}`);
    const [school, other] = without.planningUnits.filter((u) => u.kind === 'grundschule');
    const area = without.planningUnits.find((u) => u.kind === 'sozialraum')!;
    const res = await editor.patch(`${base}/scenarios/${id}`, {
      netMigration: '0.01',
      byPlanningUnit: { [school!.id]: { netMigration: '-0.02' }, [area.id]: { netMigration: '-0.02' } },
    });
    expect(res.statusCode, res.body).toBe(200);
    const sc = (await plan()).scenarios.find((x) => x.id === id)!;
    expect(sc.netMigration).toBe('0.01');
    expect(sc.byPlanningUnit[school!.id]).toEqual({ netMigration: '-0.02' });
    const withMigration = await plan(`?scenarioId=${id}`);
    const entitled = (q: EntitlementPlanDto, unitId: string, scope: string) =>
      n(
        q.rows.find((r) => r.planningUnitId === unitId && r.schoolYear === 2027 && r.scope === scope)!
          .entitledChildren,
      );
    // Population of 31.12.2024 aged to 2027/28: school years 2025, 2026 and 2027 are three migration steps.
    expect(entitled(withMigration, school!.id, 'ganztag')).toBeCloseTo(
      entitled(without, school!.id, 'ganztag') * 0.98 ** 3,
      1,
    );
    expect(entitled(withMigration, other!.id, 'ganztag')).toBeCloseTo(
      entitled(without, other!.id, 'ganztag') * 1.01 ** 3,
      1,
    );
    // Kita children of the Sozialraum shrink with its own negative saldo.
    expect(entitled(withMigration, area.id, 'kita')).toBeLessThan(entitled(without, area.id, 'kita'));
    // Not a rate (−150 %), and a unit of another municipality: refused.
    const bad = expectApiError(
      await editor.patch(`${base}/scenarios/${id}`, {
        byPlanningUnit: { [school!.id]: { netMigration: '-1.5' } },
      }),
      400,
      'validation',
    );
    expect(bad.message).toMatch(/Wanderungssaldo/);
    expectApiError(
      await editor.patch(`${base}/scenarios/${id}`, {
        byPlanningUnit: { '00000000-0000-4000-8000-000000000000': { netMigration: '0.01' } },
      }),
      404,
      'not_found',
    );
    expect((await editor.delete(`${base}/scenarios/${id}`)).statusCode).toBe(200);
  });

  it('adds a planning unit with places; it appears in the plan with its gap', async () => {
    const units = (await viewer.get(`${base}/planning-units`)).json() as Array<{
      id: string;
      kind: string;
      areaId: string;
    }>;
    const school = units.find((u) => u.kind === 'grundschule')!;
    const add = await editor.post(`${base}/capacities`, {
      planningUnitId: school.id,
      type: 'hort',
      places: '40',
      fromSchoolYear: 2030,
    });
    expect(add.statusCode, add.body).toBe(201);
    const p = await plan('?scope=ganztag');
    const r = (y: number) =>
      p.rows.find(
        (x) => x.planningUnitId === school.id && x.schoolYear === y && x.scenario === 'Bedarf 70 %',
      )!;
    expect(n(r(2030).places) - n(r(2029).places)).toBe(40);
    // A second Grundschule on the same Schulbezirk is refused.
    expectApiError(
      await editor.post(`${base}/planning-units`, {
        kind: 'grundschule',
        name: 'Doppelt',
        areaId: school.areaId,
      }),
      409,
      'conflict',
    );
    expect((await editor.delete(`${base}/capacities/${(add.json() as { id: string }).id}`)).statusCode).toBe(
      200,
    );
  });

  it('changes places, an expansion and a planning unit; the plan follows; bad changes are refused', async () => {
    const units = (await viewer.get(`${base}/planning-units`)).json() as PlanningUnit[];
    const [school, second] = units.filter((u) => u.kind === 'grundschule') as [PlanningUnit, PlanningUnit];
    const places = async (unitId: string, y: number) =>
      n(
        (await plan('?scope=ganztag')).rows.find(
          (x) => x.planningUnitId === unitId && x.schoolYear === y && x.scenario === 'Bedarf 70 %',
        )!.places,
      );
    const [p2030, p2031] = [await places(school.id, 2030), await places(school.id, 2031)];
    const add = await editor.post(`${base}/capacities`, {
      planningUnitId: school.id,
      type: 'hort',
      places: '40',
      fromSchoolYear: 2030,
    });
    expect(add.statusCode, add.body).toBe(201);
    const capId = (add.json() as { id: string }).id;
    expect(await places(school.id, 2030)).toBe(p2030 + 40);
    // 40 → 65 places, and only from 2031/32 on.
    const changed = await editor.patch(`${base}/capacities/${capId}`, { places: '65', fromSchoolYear: 2031 });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ places: '65', fromSchoolYear: 2031, toSchoolYear: null });
    expect(await places(school.id, 2030)).toBe(p2030);
    expect(await places(school.id, 2031)).toBe(p2031 + 65);
    // „bis“ before „von“ (merged with the stored value) is refused, naming the field.
    const bad = expectApiError(
      await editor.patch(`${base}/capacities/${capId}`, { toSchoolYear: 2028 }),
      400,
      'bad_request',
    );
    expect(bad.message).toMatch(/toSchoolYear/);
    expectApiError(await viewer.patch(`${base}/capacities/${capId}`, { places: '1' }), 403, 'forbidden');
    expect((await editor.delete(`${base}/capacities/${capId}`)).statusCode).toBe(200);
    expectApiError(await editor.patch(`${base}/capacities/${capId}`, { places: '1' }), 404, 'not_found');

    // The expansion of 2027/28 moved to 2028/29 by hand: its places count one year later.
    const expansions = (await viewer.get(`${base}/expansions`)).json() as EntitlementExpansion[];
    const x = expansions.find((e) => e.type === 'offene_ganztagsschule' && e.schoolYear === 2027)!;
    const before2027 = await places(x.planningUnitId, 2027);
    const moved = await editor.patch(`${base}/expansions/${x.id}`, {
      schoolYear: 2028,
      fundingProgramme: 'Landesprogramm',
      amount: '250000',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({
      schoolYear: 2028,
      fundingProgramme: 'Landesprogramm',
      amount: '250000',
    });
    expect(await places(x.planningUnitId, 2027)).toBe(before2027 - n(x.places));
    const back = await editor.patch(`${base}/expansions/${x.id}`, {
      schoolYear: x.schoolYear,
      fundingProgramme: x.fundingProgramme,
      amount: x.amount,
    });
    expect(back.statusCode, back.body).toBe(200);
    expect(await places(x.planningUnitId, 2027)).toBe(before2027);

    // Rename a school; moving it onto the Schulbezirk of another school is a conflict.
    const renamed = await editor.patch(`${base}/planning-units/${school.id}`, { name: 'Grundschule Neu' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ name: 'Grundschule Neu', areaId: school.areaId });
    expect((await plan()).planningUnits.some((u) => u.name === 'Grundschule Neu')).toBe(true);
    expectApiError(
      await editor.patch(`${base}/planning-units/${school.id}`, { areaId: second.areaId }),
      409,
      'conflict',
    );
    expect(
      (await editor.patch(`${base}/planning-units/${school.id}`, { name: school.name })).statusCode,
    ).toBe(200);
    expectApiError(
      await editor.patch(`${base}/planning-units/00000000-0000-4000-8000-000000000000`, { name: 'X' }),
      404,
      'not_found',
    );
  });

  it('deleting a planning unit removes its places and expansions with it', async () => {
    const units = (await viewer.get(`${base}/planning-units`)).json() as PlanningUnit[];
    const sozialraum = units.find((u) => u.kind === 'sozialraum')!;
    // A Grundschule on the Sozialraum's area (kind and area are unique together), with places and an Ausbau.
    const made = await editor.post(`${base}/planning-units`, {
      kind: 'grundschule',
      name: 'Grundschule zum Löschen',
      areaId: sozialraum.areaId,
    });
    expect(made.statusCode, made.body).toBe(201);
    const id = (made.json() as PlanningUnit).id;
    const cap = await editor.post(`${base}/capacities`, { planningUnitId: id, type: 'hort', places: '10' });
    const exp = await editor.post(`${base}/expansions`, {
      planningUnitId: id,
      type: 'hort',
      places: '5',
      schoolYear: 2028,
    });
    expect([cap.statusCode, exp.statusCode]).toEqual([201, 201]);
    expect((await editor.delete(`${base}/planning-units/${id}`)).statusCode).toBe(200);
    const caps = (await viewer.get(`${base}/capacities`)).json() as Array<{ planningUnitId: string }>;
    const exps = (await viewer.get(`${base}/expansions`)).json() as Array<{ planningUnitId: string }>;
    expect(caps.some((c) => c.planningUnitId === id)).toBe(false);
    expect(exps.some((c) => c.planningUnitId === id)).toBe(false);
    expectApiError(await editor.delete(`${base}/planning-units/${id}`), 404, 'not_found');
  });

  it('pupil numbers from a CSV take precedence for the grades they cover; errors name the line', async () => {
    const before = await plan('?scope=ganztag');
    const schools = before.planningUnits.filter((u) => u.kind === 'grundschule');
    const [a, b] = schools as [PlanningUnit, PlanningUnit];
    const entitled = (p: EntitlementPlanDto, unitId: string, y: number) =>
      p.rows.find((r) => r.planningUnitId === unitId && r.schoolYear === y && r.scenario === 'Bedarf 70 %')!
        .entitledChildren;
    // A wrong line: nothing is imported, the message names line and column.
    const bad = expectApiError(
      await editor.post(`${base}/pupils/import`, {
        csv: `Planungseinheit;Schuljahr;Klassenstufe;Schüler\n${a.name};2026/27;1;50\n${a.areaCode};2026/27;7;50\n`,
      }),
      400,
      'bad_request',
    );
    expect(bad.message).toContain('Zeile 3, Spalte „Klassenstufe“');
    expect((await viewer.get(`${base}/pupils`)).json()).toEqual([]);
    expectApiError(
      await viewer.post(`${base}/pupils/import`, { csv: 'Schule;Schuljahr;Klasse;Anzahl\n' }),
      403,
      'forbidden',
    );
    // 2026/27 only grade 1 is entitled: the school's entitled children are exactly its 50 first-graders.
    const ok = await editor.post(`${base}/pupils/import`, {
      csv: `Planungseinheit;Schuljahr;Klassenstufe;Schüler\n${a.name};2026/27;1;50\n${a.areaCode};2026/27;2;1.001\n`,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ imported: 2 });
    const after = await plan('?scope=ganztag');
    expect(entitled(after, a.id, 2026)).toBe('50.00');
    expect(entitled(before, a.id, 2026)).not.toBe('50.00');
    // Grade 2 is not entitled in 2026/27; its 1.001 pupils use places (demand) but are no entitled children.
    const row = (p: EntitlementPlanDto) =>
      p.rows.find((r) => r.planningUnitId === a.id && r.schoolYear === 2026 && r.scenario === 'Bedarf 70 %')!;
    expect(n(row(after).demand)).toBeGreaterThan(n(row(before).demand));
    // Another school and the Kita rows do not change.
    expect(entitled(after, b.id, 2026)).toBe(entitled(before, b.id, 2026));
    // A second import replaces the number of the same school, year and grade.
    const again = await editor.post(`${base}/pupils/import`, {
      csv: `Schule,Schuljahr,Klasse,Anzahl\n${a.areaCode},2026,1,60\n`,
    });
    expect(again.statusCode, again.body).toBe(200);
    expect(entitled(await plan('?scope=ganztag'), a.id, 2026)).toBe('60.00');
    const pupils = (await viewer.get(`${base}/pupils`)).json() as Array<{ grade: number; pupils: string }>;
    expect(pupils.map((p) => [p.grade, p.pupils])).toEqual([
      [1, '60'],
      [2, '1001'],
    ]);
    expect((await editor.delete(`${base}/pupils`)).json()).toEqual({ deleted: 2 });
    expect(entitled(await plan('?scope=ganztag'), a.id, 2026)).toBe(entitled(before, a.id, 2026));
  });

  it('saves the Versorgungsquote as monitoring indicators that a steering target can track', async () => {
    const p = await plan();
    const sc = p.scenarios.find((x) => x.name === 'Bedarf 70 %')!;
    expectApiError(await viewer.post(`${base}/plan/indicators`, { scenarioId: sc.id }), 403, 'forbidden');
    const saved = await editor.post(`${base}/plan/indicators`, { scenarioId: sc.id });
    expect(saved.statusCode, saved.body).toBe(200);
    const list = saved.json() as Array<{ indicatorId: string; code: string; name: string; values: number }>;
    expect(list.map((x) => [x.code, x.name, x.values])).toEqual([
      ['rechtsanspruch_versorgungsquote_ganztag', 'Versorgungsquote Ganztag', 8 * 10],
      ['rechtsanspruch_versorgungsquote_kita', 'Versorgungsquote Kita', 12 * 10],
    ]);
    // The values are the plan's ratio in percent, per school (on its Schulbezirk) and school year.
    // A school with the global share (the demo's gebundene Ganztagsschule plans with 100 % in both).
    const school = p.planningUnits.find((u) => u.kind === 'grundschule' && !sc.byPlanningUnit[u.id])!;
    const ganztag = list[0]!;
    const tenantApi = base.replace(/\/entitlement$/, '');
    const obs = await editor.get(
      `${tenantApi}/indicators/${ganztag.indicatorId}/observations?view=internal&areas=${school.areaId}`,
    );
    expect(obs.statusCode, obs.body).toBe(200);
    const byPeriod = new Map(
      (obs.json() as { observations: Array<{ period: string; value: string | null }> }).observations.map(
        (o) => [o.period, o.value],
      ),
    );
    const row2029 = p.rows.find(
      (r) =>
        r.scenarioId === sc.id &&
        r.planningUnitId === school.id &&
        r.schoolYear === 2029 &&
        r.scope === 'ganztag',
    )!;
    expect(n(byPeriod.get('2029-08-01'))).toBeCloseTo(n(row2029.ratio) * 100, 2);
    expect(byPeriod.size).toBe(10);
    // A steering target on it takes its baseline from these values.
    const goal = await editor.post(`${tenantApi}/steering/goals`, { title: 'Ganztag sichern' });
    expect(goal.statusCode, goal.body).toBe(201);
    const goalId = (goal.json() as { id: string }).id;
    const target = await editor.post(`${tenantApi}/steering/goals/${goalId}/targets`, {
      indicatorId: ganztag.indicatorId,
      areaId: school.areaId,
      baselinePeriod: '2029-08-01',
      targetPeriod: '2032-08-01',
      targetValue: '100',
    });
    expect(target.statusCode, target.body).toBe(201);
    const detail = (await editor.get(`${tenantApi}/steering/goals/${goalId}`)).json() as {
      targets: Array<{ baselineValue: string | null }>;
    };
    expect(n(detail.targets[0]!.baselineValue)).toBeCloseTo(n(row2029.ratio) * 100, 2);
    // Saving another scenario replaces the values (same indicator, same count).
    const s90 = p.scenarios.find((x) => x.name === 'Bedarf 90 %')!;
    const again = await editor.post(`${base}/plan/indicators`, { scenarioId: s90.id });
    expect((again.json() as typeof list).map((x) => x.indicatorId)).toEqual(list.map((x) => x.indicatorId));
    const after = await editor.get(
      `${tenantApi}/indicators/${ganztag.indicatorId}/observations?view=internal&areas=${school.areaId}`,
    );
    const v2029 = (
      after.json() as { observations: Array<{ period: string; value: string }> }
    ).observations.find((o) => o.period === '2029-08-01')!;
    expect(n(v2029.value)).toBeLessThan(n(byPeriod.get('2029-08-01')));
    expectApiError(
      await editor.post(`${base}/plan/indicators`, { scenarioId: '00000000-0000-4000-8000-000000000000' }),
      404,
      'not_found',
    );
  });

  it('exports the planning table as CSV (German numbers) and XLSX (one sheet per scenario)', async () => {
    const csv = await viewer.get(`${base}/plan/export?format=csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/Rechtsanspruch_Plaetze_.*\.csv/);
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'Szenario;Planungseinheit;Art;Schuljahr;Bereich;Anspruchsberechtigte;Bedarf;Plätze;Lücke;Lücke %;Versorgungsquote;Status',
    );
    expect(lines.some((l) => /;Grundschule;2026\/27;Ganztag \(Klassen 1–4\);\d+,\d+;/.test(l))).toBe(true);
    expect(lines.some((l) => l.includes(';Stadt insgesamt;;2029/30;'))).toBe(true);
    const xlsx = await viewer.request({ method: 'GET', url: `${base}/plan/export?format=xlsx` });
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Bedarf 70 %', 'Bedarf 90 %', 'Annahmen']);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(12).value).toBe('Status');
    expect(typeof ws.getRow(2).getCell(7).value).toBe('number');
  });

  it('renders the planning report for the committees as PDF (assumptions, totals, units)', async (ctx) => {
    if (!fs.existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium')) ctx.skip();
    const res = await viewer.get(`${base}/plan/export?format=pdf`);
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/Rechtsanspruch_Plaetze_.*\.pdf/);
    expect(res.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    let text: string;
    try {
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ent-pdf-')), 'plan.pdf');
      fs.writeFileSync(file, res.rawPayload);
      text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    } catch {
      return; // poppler-utils missing: the content is not checked here
    }
    expect(text).toContain('Rechtsanspruch & Plätze – Musterstadt');
    expect(text).toContain('Ganztag Grundschule – Szenario „Bedarf 70 %“');
    expect(text).toContain('Kita gesamt – Szenario „Bedarf 90 %“');
    expect(text).toMatch(/Ganztag Grundschule je Planungseinheit, Schuljahr 2029\/30/);
    expect(text).toMatch(
      /Grundschule Altstadt\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+-?[\d.]+\s+\d+,\d %\s+(Lücke|knapp|gedeckt)/,
    );
  });

  it('renders the planning report as DOCX with the same tables', async () => {
    const res = await viewer.request({ method: 'GET', url: `${base}/plan/export?format=docx` });
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(res.headers['content-disposition']).toMatch(/Rechtsanspruch_Plaetze_.*\.docx/);
    const xml = unzip(res.rawPayload).get('word/document.xml')!.toString('utf8');
    const text = xml.replace(/<[^>]+>/g, ' ');
    expect(text).toContain('Rechtsanspruch &amp; Plätze – Musterstadt');
    expect(text).toContain('Ganztag Grundschule – Szenario „Bedarf 70 %“');
    expect(text).toContain('Kita gesamt je Planungseinheit, Schuljahr 2029/30, Szenario „Bedarf 90 %“');
    expect(xml).toContain('<w:tblHeader/>');
  });

  it('settings: the Stichtag 30.06. moves children between cohorts; a wrong date is refused', async () => {
    const before = await plan('?scope=ganztag');
    const put = (body: unknown) =>
      editor.request({ method: 'PUT', url: `${base}/settings`, payload: body as never });
    const settings = (await viewer.get(`${base}/settings`)).json() as Record<string, unknown>;
    expect(settings).toMatchObject({
      schoolEntryCutoff: '09-30',
      populationIndicatorCode: 'bevoelkerung_einzelalter',
    });
    expect((await put({ ...settings, schoolEntryCutoff: '06-30' })).statusCode).toBe(200);
    const after = await plan('?scope=ganztag');
    const t26 = (p: EntitlementPlanDto) => n(p.totals.find((r) => r.schoolYear === 2026)!.entitledChildren);
    expect(t26(after)).not.toBeCloseTo(t26(before), 0);
    expectApiError(await put({ ...settings, schoolEntryCutoff: '31.06.' }), 400, 'validation');
    expect((await put(settings)).statusCode).toBe(200);
  });

  it('settings: a Stichtag that does not exist every year is refused, and the plan still computes', async () => {
    const put = (body: unknown) =>
      editor.request({ method: 'PUT', url: `${base}/settings`, payload: body as never });
    const settings = (await viewer.get(`${base}/settings`)).json() as Record<string, unknown>;
    for (const cutoff of ['02-30', '04-31', '02-29']) {
      const res = put({ ...settings, schoolEntryCutoff: cutoff });
      expectApiError(await res, 400, 'validation');
    }
    expect((await viewer.get(`${base}/settings`)).json()).toMatchObject({ schoolEntryCutoff: '09-30' });
    expect((await viewer.get(`${base}/plan`)).statusCode).toBe(200);
  });
});
