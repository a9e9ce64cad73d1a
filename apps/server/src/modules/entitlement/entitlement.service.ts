/**
 * Rechtsanspruch & Plätze: settings, planning units, places, expansions and scenarios of a municipality,
 * and the plan computed by the domain core (`@dkbm/domain` entitlement). Population comes from the
 * monitoring (an indicator by single year of age), read through its services only.
 */
import type {
  EntitlementCapacity,
  EntitlementExpansion,
  EntitlementPlanDto,
  EntitlementPlanRow,
  EntitlementPupilCount,
  EntitlementScenarioDto,
  EntitlementSettings,
  EntitlementSlipChange,
  PlanningUnit,
} from '@dkbm/contract';
import {
  expansionSlipImpact,
  planEntitlement,
  type EntitlementPlanInput,
  type PlanRow,
  type PlanningUnitPopulation,
} from '@dkbm/domain';
import type { z } from 'zod';
import type {
  capacityCreateSchema,
  capacityUpdateSchema,
  entitlementSettingsSchema,
  expansionCreateSchema,
  expansionUpdateSchema,
  planningUnitCreateSchema,
  planningUnitUpdateSchema,
  scenarioCreateSchema,
  scenarioUpdateSchema,
} from '@dkbm/contract';
import { badRequest, conflict, notFound } from '../../platform/http/errors';
import type { TenantScope } from '../../platform/tenancy/scope';
import { areaExists, listAreas } from '../monitoring/areas.service';
import { findIndicatorByCode } from '../monitoring/catalog.service';
import { internalObservations } from '../monitoring/observations.service';
import { directoryKitaCapacities, KITA_TYPES } from './kitaPlaces.service';
import * as repo from './entitlement.repo';

export const DEFAULT_ENTITLEMENT_SETTINGS: EntitlementSettings = {
  populationIndicatorCode: 'bevoelkerung_einzelalter',
  ageDimensionCode: 'alter',
  schoolEntryCutoff: '09-30',
  firstSchoolYear: 2026,
  lastSchoolYear: 2035,
  kitaPlacesSource: 'own',
};

/* ---------- settings ---------- */

export async function getSettings(s: TenantScope): Promise<EntitlementSettings> {
  const r = await repo.settingsRow(s);
  if (!r) return DEFAULT_ENTITLEMENT_SETTINGS;
  const { tenantId: _t, updatedAt: _u, ...v } = r;
  return { ...v, kitaPlacesSource: v.kitaPlacesSource === 'directory' ? 'directory' : 'own' };
}

export async function putSettings(
  s: TenantScope,
  v: z.infer<typeof entitlementSettingsSchema>,
): Promise<EntitlementSettings> {
  if (v.lastSchoolYear < v.firstSchoolYear || v.lastSchoolYear - v.firstSchoolYear > 20) {
    throw badRequest('Schuljahre: das letzte Schuljahr muss 0 bis 20 Jahre nach dem ersten liegen.');
  }
  await repo.upsertSettings(s, v);
  return getSettings(s);
}

/* ---------- planning units ---------- */

export async function listPlanningUnits(s: TenantScope): Promise<PlanningUnit[]> {
  const units = await repo.planningUnitRows(s);
  if (units.length === 0) return [];
  const areaById = new Map((await listAreas(s, {})).map((a) => [a.id, a]));
  return units.map((u) => ({
    id: u.id,
    kind: u.kind as PlanningUnit['kind'],
    name: u.name,
    areaId: u.areaId,
    areaCode: areaById.get(u.areaId)?.code ?? '',
    areaName: areaById.get(u.areaId)?.name ?? '',
  }));
}

export async function createPlanningUnit(
  s: TenantScope,
  v: z.infer<typeof planningUnitCreateSchema>,
): Promise<PlanningUnit> {
  if (!(await areaExists(s, v.areaId))) throw notFound('Die Raumeinheit');
  const existing = await repo.planningUnitRows(s);
  if (existing.some((u) => u.kind === v.kind && u.areaId === v.areaId)) {
    throw conflict('Für diese Raumeinheit gibt es schon eine Planungseinheit dieser Art.');
  }
  const r = await repo.insertPlanningUnit(s, v);
  return (await listPlanningUnits(s)).find((u) => u.id === r.id)!;
}

/** Rename a planning unit, or move it to another kind or area (one unit per kind and area). */
export async function updatePlanningUnit(
  s: TenantScope,
  id: string,
  v: z.infer<typeof planningUnitUpdateSchema>,
): Promise<PlanningUnit> {
  const own = await repo.planningUnitRow(s, id);
  if (!own) throw notFound('Die Planungseinheit');
  if (v.areaId !== undefined && !(await areaExists(s, v.areaId))) throw notFound('Die Raumeinheit');
  const kind = v.kind ?? own.kind;
  const areaId = v.areaId ?? own.areaId;
  const existing = await repo.planningUnitRows(s);
  if (existing.some((u) => u.id !== id && u.kind === kind && u.areaId === areaId)) {
    throw conflict('Für diese Raumeinheit gibt es schon eine Planungseinheit dieser Art.');
  }
  const values: Partial<{ kind: string; name: string; areaId: string }> = {};
  if (v.kind !== undefined) values.kind = v.kind;
  if (v.name !== undefined) values.name = v.name;
  if (v.areaId !== undefined) values.areaId = v.areaId;
  await repo.updatePlanningUnitRow(s, id, values);
  return (await listPlanningUnits(s)).find((u) => u.id === id)!;
}

export async function deletePlanningUnit(s: TenantScope, id: string): Promise<void> {
  if (!(await repo.deletePlanningUnitRow(s, id))) throw notFound('Die Planungseinheit');
}

async function ownUnit(s: TenantScope, id: string): Promise<void> {
  if (!(await repo.planningUnitRow(s, id))) throw notFound('Die Planungseinheit');
}

/* ---------- places and expansions ---------- */

const capacityDto = (r: repo.CapacityRow): EntitlementCapacity => ({
  id: r.id,
  planningUnitId: r.planningUnitId,
  type: r.type as EntitlementCapacity['type'],
  places: r.places,
  fromSchoolYear: r.fromSchoolYear,
  toSchoolYear: r.toSchoolYear,
  note: r.note,
});

export async function listCapacities(s: TenantScope): Promise<EntitlementCapacity[]> {
  return (await repo.capacityRows(s)).map(capacityDto);
}

export async function createCapacity(
  s: TenantScope,
  v: z.infer<typeof capacityCreateSchema>,
): Promise<EntitlementCapacity> {
  await ownUnit(s, v.planningUnitId);
  if (v.fromSchoolYear && v.toSchoolYear && v.toSchoolYear < v.fromSchoolYear) {
    throw badRequest('toSchoolYear: das Schuljahr „bis“ liegt vor dem Schuljahr „von“.');
  }
  return capacityDto(
    await repo.insertCapacity(s, {
      planningUnitId: v.planningUnitId,
      type: v.type,
      places: v.places,
      fromSchoolYear: v.fromSchoolYear ?? null,
      toSchoolYear: v.toSchoolYear ?? null,
      note: v.note || null,
    }),
  );
}

/** Change places; the merged from/to school years must stay in order. */
export async function updateCapacity(
  s: TenantScope,
  id: string,
  v: z.infer<typeof capacityUpdateSchema>,
): Promise<EntitlementCapacity> {
  const own = await repo.capacityRow(s, id);
  if (!own) throw notFound('Der Platzbestand');
  if (v.planningUnitId !== undefined) await ownUnit(s, v.planningUnitId);
  const from = v.fromSchoolYear !== undefined ? v.fromSchoolYear : own.fromSchoolYear;
  const to = v.toSchoolYear !== undefined ? v.toSchoolYear : own.toSchoolYear;
  if (from && to && to < from) {
    throw badRequest('toSchoolYear: das Schuljahr „bis“ liegt vor dem Schuljahr „von“.');
  }
  const values: Partial<Omit<repo.CapacityRow, 'id' | 'tenantId' | 'createdAt'>> = {};
  if (v.planningUnitId !== undefined) values.planningUnitId = v.planningUnitId;
  if (v.type !== undefined) values.type = v.type;
  if (v.places !== undefined) values.places = v.places;
  if (v.fromSchoolYear !== undefined) values.fromSchoolYear = v.fromSchoolYear;
  if (v.toSchoolYear !== undefined) values.toSchoolYear = v.toSchoolYear;
  if (v.note !== undefined) values.note = v.note || null;
  return capacityDto((await repo.updateCapacityRow(s, id, values))!);
}

export async function deleteCapacity(s: TenantScope, id: string): Promise<void> {
  if (!(await repo.deleteCapacityRow(s, id))) throw notFound('Der Platzbestand');
}

const expansionDto = (r: repo.ExpansionRow): EntitlementExpansion => ({
  id: r.id,
  planningUnitId: r.planningUnitId,
  type: r.type as EntitlementExpansion['type'],
  places: r.places,
  schoolYear: r.schoolYear,
  fundingProgramme: r.fundingProgramme,
  amount: r.amount,
  note: r.note,
});

export async function listExpansions(s: TenantScope): Promise<EntitlementExpansion[]> {
  return (await repo.expansionRows(s)).map(expansionDto);
}

export async function createExpansion(
  s: TenantScope,
  v: z.infer<typeof expansionCreateSchema>,
): Promise<EntitlementExpansion> {
  await ownUnit(s, v.planningUnitId);
  return expansionDto(
    await repo.insertExpansion(s, {
      planningUnitId: v.planningUnitId,
      type: v.type,
      places: v.places,
      schoolYear: v.schoolYear,
      fundingProgramme: v.fundingProgramme || null,
      amount: v.amount ?? null,
      note: v.note || null,
    }),
  );
}

/** Change a planned expansion (school year, places, funding programme, amount …). */
export async function updateExpansion(
  s: TenantScope,
  id: string,
  v: z.infer<typeof expansionUpdateSchema>,
): Promise<EntitlementExpansion> {
  if (!(await repo.expansionRow(s, id))) throw notFound('Der Ausbau');
  if (v.planningUnitId !== undefined) await ownUnit(s, v.planningUnitId);
  const values: Partial<Omit<repo.ExpansionRow, 'id' | 'tenantId' | 'createdAt'>> = {};
  if (v.planningUnitId !== undefined) values.planningUnitId = v.planningUnitId;
  if (v.type !== undefined) values.type = v.type;
  if (v.places !== undefined) values.places = v.places;
  if (v.schoolYear !== undefined) values.schoolYear = v.schoolYear;
  if (v.fundingProgramme !== undefined) values.fundingProgramme = v.fundingProgramme || null;
  if (v.amount !== undefined) values.amount = v.amount ?? null;
  if (v.note !== undefined) values.note = v.note || null;
  return expansionDto((await repo.updateExpansionRow(s, id, values))!);
}

export async function deleteExpansion(s: TenantScope, id: string): Promise<void> {
  if (!(await repo.deleteExpansionRow(s, id))) throw notFound('Der Ausbau');
}

/* ---------- pupil numbers (school statistics) ---------- */

const pupilDto = (r: repo.PupilRow): EntitlementPupilCount => ({
  id: r.id,
  planningUnitId: r.planningUnitId,
  schoolYear: r.schoolYear,
  grade: r.grade,
  pupils: r.pupils,
});

export async function listPupils(s: TenantScope): Promise<EntitlementPupilCount[]> {
  return (await repo.pupilRows(s)).map(pupilDto);
}

/* ---------- scenarios ---------- */

const scenarioDto = (r: repo.ScenarioRow): EntitlementScenarioDto => ({
  id: r.id,
  name: r.name,
  description: r.description,
  ganztagShare: r.ganztagShare,
  notEntitledShare: r.notEntitledShare,
  kitaU3Rate: r.kitaU3Rate,
  kitaUe3Rate: r.kitaUe3Rate,
  deferralShare: r.deferralShare,
  specialSchoolShare: r.specialSchoolShare,
  netMigration: r.netMigration,
  byPlanningUnit: r.byPlanningUnit,
  published: r.published,
});

export async function listScenarios(s: TenantScope): Promise<EntitlementScenarioDto[]> {
  return (await repo.scenarioRows(s)).map(scenarioDto);
}

function scenarioValues(v: z.infer<typeof scenarioUpdateSchema>): Partial<repo.ScenarioValues> {
  const out: Partial<repo.ScenarioValues> = {};
  for (const k of [
    'name',
    'description',
    'ganztagShare',
    'notEntitledShare',
    'kitaU3Rate',
    'kitaUe3Rate',
    'deferralShare',
    'specialSchoolShare',
    'netMigration',
    'byPlanningUnit',
    'published',
  ] as const) {
    if (v[k] !== undefined) (out as Record<string, unknown>)[k] = v[k] === '' ? null : v[k];
  }
  return out;
}

/** Every planning unit a scenario names must be the tenant's own (else 404, like a foreign id in the path). */
async function ownUnits(s: TenantScope, byPlanningUnit: Record<string, unknown> | undefined): Promise<void> {
  for (const id of Object.keys(byPlanningUnit ?? {})) await ownUnit(s, id);
}

async function uniqueName(s: TenantScope, name: string, except?: string): Promise<void> {
  const all = await repo.scenarioRows(s);
  if (all.some((x) => x.name === name && x.id !== except)) {
    throw conflict(`Ein Szenario „${name.slice(0, 60)}“ gibt es schon.`);
  }
}

export async function createScenario(
  s: TenantScope,
  v: z.infer<typeof scenarioCreateSchema>,
): Promise<EntitlementScenarioDto> {
  await ownUnits(s, v.byPlanningUnit);
  await uniqueName(s, v.name);
  const values = scenarioValues(v);
  return scenarioDto(
    await repo.insertScenario(s, {
      name: v.name,
      description: null,
      ganztagShare: null,
      notEntitledShare: null,
      kitaU3Rate: null,
      kitaUe3Rate: null,
      deferralShare: null,
      specialSchoolShare: null,
      netMigration: null,
      byPlanningUnit: {},
      published: false,
      ...values,
    }),
  );
}

export async function updateScenario(
  s: TenantScope,
  id: string,
  v: z.infer<typeof scenarioUpdateSchema>,
): Promise<EntitlementScenarioDto> {
  if (!(await repo.scenarioRow(s, id))) throw notFound('Das Szenario');
  await ownUnits(s, v.byPlanningUnit);
  if (v.name) await uniqueName(s, v.name, id);
  return scenarioDto((await repo.updateScenarioRow(s, id, scenarioValues(v)))!);
}

export async function deleteScenario(s: TenantScope, id: string): Promise<void> {
  if (!(await repo.deleteScenarioRow(s, id))) throw notFound('Das Szenario');
}

/* ---------- the plan ---------- */

interface PlanContext {
  settings: EntitlementSettings;
  units: PlanningUnit[];
  scenarios: EntitlementScenarioDto[];
  population: PlanningUnitPopulation[];
  capacities: EntitlementCapacity[];
  expansions: EntitlementExpansion[];
  pupils: EntitlementPupilCount[];
  referenceDate: string | null;
}

/** Population by single year of age per planning unit: the latest date of the settings' indicator. */
async function populationOf(
  s: TenantScope,
  settings: EntitlementSettings,
  units: PlanningUnit[],
): Promise<{ population: PlanningUnitPopulation[]; referenceDate: string | null }> {
  const ind = await findIndicatorByCode(s, settings.populationIndicatorCode);
  if (!ind || units.length === 0) return { population: [], referenceDate: null };
  const obs = await internalObservations(s, ind, { areaIds: [...new Set(units.map((u) => u.areaId))] });
  const latest = new Map<string, string>();
  for (const o of obs) if ((latest.get(o.areaId) ?? '') < o.period) latest.set(o.areaId, o.period);
  const byArea = new Map<string, Record<number, string>>();
  for (const o of obs) {
    const age = o.dims[settings.ageDimensionCode];
    if (o.period !== latest.get(o.areaId) || o.value === null || !age || !/^\d{1,2}$/.test(age)) continue;
    const m = byArea.get(o.areaId) ?? {};
    m[Number(age)] = o.value;
    byArea.set(o.areaId, m);
  }
  const population: PlanningUnitPopulation[] = [];
  for (const u of units) {
    const byAge = byArea.get(u.areaId);
    if (!byAge) continue;
    const ages = Object.keys(byAge).map(Number);
    // The cohort method needs every single year from 0 (a gap is not filled in).
    if (ages.length === 0 || ages.some((a) => a >= ages.length)) continue;
    population.push({ planningUnitId: u.id, referenceDate: latest.get(u.areaId)!, byAge });
  }
  const dates = population.map((p) => p.referenceDate).toSorted();
  return { population, referenceDate: dates.at(-1) ?? null };
}

async function planContext(s: TenantScope, scenarioId?: string): Promise<PlanContext> {
  const settings = await getSettings(s);
  const units = await listPlanningUnits(s);
  let scenarios = await listScenarios(s);
  if (scenarioId) {
    scenarios = scenarios.filter((x) => x.id === scenarioId);
    if (scenarios.length === 0) throw notFound('Das Szenario');
  }
  const { population, referenceDate } = await populationOf(s, settings, units);
  let capacities = await listCapacities(s);
  if (settings.kitaPlacesSource === 'directory') {
    capacities = [
      ...capacities.filter((c) => !KITA_TYPES.has(c.type)),
      ...(await directoryKitaCapacities(s, units)),
    ];
  }
  return {
    settings,
    units,
    scenarios,
    population,
    capacities,
    expansions: await listExpansions(s),
    pupils: await listPupils(s),
    referenceDate,
  };
}

const schoolYearsOf = (st: EntitlementSettings) =>
  Array.from({ length: st.lastSchoolYear - st.firstSchoolYear + 1 }, (_, i) => st.firstSchoolYear + i);

/**
 * The domain inputs of one scenario: Ganztag is planned on the Grundschulen, Kita on the Sozialräume (the
 * same children counted on two kinds of units would add up twice in the city total).
 */
function inputsOf(ctx: PlanContext, sc: EntitlementScenarioDto): EntitlementPlanInput[] {
  const kindOf = new Map(ctx.units.map((u) => [u.id, u.kind]));
  const part = (kind: PlanningUnit['kind']) => {
    const inKind = (id: string) => kindOf.get(id) === kind;
    const byUnit = (k: 'ganztagShare' | 'kitaU3Rate' | 'kitaUe3Rate') => {
      const out: Record<string, string> = {};
      for (const [id, v] of Object.entries(sc.byPlanningUnit)) if (inKind(id) && v[k]) out[id] = v[k];
      return Object.keys(out).length ? { [`${k}ByPlanningUnit`]: out } : {};
    };
    // Wanderungssaldo of single units (Grundschulen and Sozialräume alike) overrides the global one.
    const byUnitMigration = () => {
      const out: Record<string, { netMigration: string }> = {};
      for (const [id, v] of Object.entries(sc.byPlanningUnit))
        if (inKind(id) && v.netMigration !== undefined) out[id] = { netMigration: v.netMigration };
      return Object.keys(out).length ? { correctionsByPlanningUnit: out } : {};
    };
    const scenario =
      kind === 'grundschule'
        ? {
            name: sc.name,
            ...(sc.ganztagShare !== null ? { ganztagShare: sc.ganztagShare } : {}),
            ...byUnit('ganztagShare'),
            ...(sc.notEntitledShare !== null ? { notEntitledShare: sc.notEntitledShare } : {}),
          }
        : {
            name: sc.name,
            ...(sc.kitaU3Rate !== null ? { kitaU3Rate: sc.kitaU3Rate } : {}),
            ...(sc.kitaUe3Rate !== null ? { kitaUe3Rate: sc.kitaUe3Rate } : {}),
            ...byUnit('kitaU3Rate'),
            ...byUnit('kitaUe3Rate'),
          };
    return {
      schoolYears: schoolYearsOf(ctx.settings),
      population: ctx.population.filter((p) => inKind(p.planningUnitId)),
      // Pupil numbers of the schools take precedence over the projection for the grades they cover.
      pupils:
        kind === 'grundschule'
          ? ctx.pupils
              .filter((p) => inKind(p.planningUnitId))
              .map((p) => ({
                planningUnitId: p.planningUnitId,
                schoolYear: p.schoolYear,
                grade: p.grade as 1 | 2 | 3 | 4,
                count: p.pupils,
              }))
          : [],
      cohort: {
        schoolEntry: { cutoff: ctx.settings.schoolEntryCutoff },
        corrections: {
          ...(sc.deferralShare !== null ? { deferralShare: sc.deferralShare } : {}),
          ...(sc.specialSchoolShare !== null && kind === 'grundschule'
            ? { specialSchoolShare: sc.specialSchoolShare }
            : {}),
          ...(sc.netMigration !== null ? { netMigration: sc.netMigration } : {}),
        },
        ...byUnitMigration(),
      },
      scenarios: [scenario],
      capacities: ctx.capacities
        .filter((c) => inKind(c.planningUnitId))
        .map((c) => ({
          planningUnitId: c.planningUnitId,
          type: c.type,
          places: c.places,
          ...(c.fromSchoolYear !== null ? { fromSchoolYear: c.fromSchoolYear } : {}),
          ...(c.toSchoolYear !== null ? { toSchoolYear: c.toSchoolYear } : {}),
        })),
      expansions: ctx.expansions
        .filter((x) => inKind(x.planningUnitId))
        .map((x) => ({
          id: x.id,
          planningUnitId: x.planningUnitId,
          type: x.type,
          places: x.places,
          schoolYear: x.schoolYear,
        })),
    } satisfies EntitlementPlanInput;
  };
  return [part('grundschule'), part('sozialraum')];
}

/** Run the domain core; its RangeError (German, naming the field) becomes a 400. */
function guarded<T>(work: () => T): T {
  try {
    return work();
  } catch (e) {
    if (e instanceof RangeError) throw badRequest(e.message.slice(0, 300));
    throw e;
  }
}

const rowDto = (scenarioId: string, r: PlanRow): EntitlementPlanRow => ({
  scenarioId,
  scenario: r.scenario,
  planningUnitId: r.planningUnitId,
  schoolYear: r.schoolYear,
  scope: r.scope,
  entitledChildren: r.entitledChildren,
  demand: r.demand,
  places: r.places,
  gap: r.gap,
  gapPercent: r.gapPercent,
  ratio: r.ratio,
  status: r.status,
  basis: r.basis,
  ...(r.sumOfShortfalls !== undefined ? { sumOfShortfalls: r.sumOfShortfalls } : {}),
});

/** The plan per scenario, planning unit, school year and scope, with the city totals. */
export async function computePlan(
  s: TenantScope,
  q: { scenarioId?: string | undefined; scope?: EntitlementPlanRow['scope'] | undefined },
): Promise<EntitlementPlanDto> {
  const ctx = await planContext(s, q.scenarioId);
  const rows: EntitlementPlanRow[] = [];
  const totals: EntitlementPlanRow[] = [];
  for (const sc of ctx.scenarios) {
    for (const input of inputsOf(ctx, sc)) {
      const plan = guarded(() => planEntitlement(input));
      rows.push(...plan.rows.map((r) => rowDto(sc.id, r)));
      totals.push(...plan.totals.map((r) => rowDto(sc.id, r)));
    }
  }
  const keep = (r: EntitlementPlanRow) => !q.scope || r.scope === q.scope;
  const withPopulation = new Set(ctx.population.map((p) => p.planningUnitId));
  const order = (a: EntitlementPlanRow, b: EntitlementPlanRow) =>
    a.schoolYear - b.schoolYear || a.scope.localeCompare(b.scope);
  return {
    schoolYears: schoolYearsOf(ctx.settings),
    planningUnits: ctx.units,
    scenarios: ctx.scenarios,
    rows: rows.filter(keep),
    totals: totals.filter(keep).toSorted(order),
    withoutPopulation: ctx.units.filter((u) => !withPopulation.has(u.id)).map((u) => u.id),
    referenceDate: ctx.referenceDate,
  };
}

/** What changes in every scenario if an expansion comes `years` school years later. */
export async function slipImpact(
  s: TenantScope,
  expansionId: string,
  years: number,
): Promise<EntitlementSlipChange[]> {
  const ctx = await planContext(s);
  const x = ctx.expansions.find((e) => e.id === expansionId);
  if (!x) throw notFound('Der Ausbau');
  const out: EntitlementSlipChange[] = [];
  for (const sc of ctx.scenarios) {
    for (const input of inputsOf(ctx, sc)) {
      if (!(input.expansions ?? []).some((e) => e.id === expansionId)) continue;
      out.push(...guarded(() => expansionSlipImpact(input, expansionId, years)));
    }
  }
  return out;
}
