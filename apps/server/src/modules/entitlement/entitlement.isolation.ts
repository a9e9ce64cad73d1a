import type { FixtureContext, ModuleIsolation } from '../../platform/tenancy/isolation';

const base = '/api/tenants/:tenantId/entitlement';

/** A planning unit on the monitoring fixture's area, its places, an expansion and a scenario. */
async function fixtures(f: FixtureContext) {
  const foreign = f.label === 'foreign';
  const unitName = foreign ? 'Fremde Geheimschule' : 'Eigene Testschule';
  const scenarioName = foreign ? 'Fremdes Geheimszenario' : 'Eigenes Szenario';
  const funding = foreign ? 'Fremdes Geheimprogramm' : 'Eigenes Programm';
  const [unit] = await f.query<{ id: string }>(
    `INSERT INTO entitlement_planning_units (tenant_id, kind, name, area_id)
     VALUES ($1, 'grundschule', $2, $3) RETURNING id`,
    [f.tenantId, unitName, f.ids.area],
  );
  const [capacity] = await f.query<{ id: string }>(
    `INSERT INTO entitlement_capacities (tenant_id, planning_unit_id, type, places)
     VALUES ($1, $2, 'hort', 4711) RETURNING id`,
    [f.tenantId, unit!.id],
  );
  const [expansion] = await f.query<{ id: string }>(
    `INSERT INTO entitlement_expansions (tenant_id, planning_unit_id, type, places, school_year, funding_programme)
     VALUES ($1, $2, 'offene_ganztagsschule', 815, 2027, $3) RETURNING id`,
    [f.tenantId, unit!.id, funding],
  );
  const [scenario] = await f.query<{ id: string }>(
    `INSERT INTO entitlement_scenarios (tenant_id, name, ganztag_share) VALUES ($1, $2, 0.8) RETURNING id`,
    [f.tenantId, scenarioName],
  );
  return {
    ids: {
      planningUnit: unit!.id,
      capacity: capacity!.id,
      expansion: expansion!.id,
      scenario: scenario!.id,
    },
    secrets: foreign ? [unitName, scenarioName, funding] : [],
  };
}

export const isolation: ModuleIsolation = {
  cases: {
    [`GET ${base}/settings`]: {},
    [`PUT ${base}/settings`]: {
      body: () => ({
        populationIndicatorCode: 'bevoelkerung_einzelalter',
        ageDimensionCode: 'alter',
        schoolEntryCutoff: '09-30',
        firstSchoolYear: 2026,
        lastSchoolYear: 2035,
      }),
    },
    [`GET ${base}/planning-units`]: {},
    [`POST ${base}/planning-units`]: {
      body: (ids, tag) => ({ kind: 'sozialraum', name: `Einheit ${tag}`, areaId: ids.area }),
    },
    [`PATCH ${base}/planning-units/:planningUnitId`]: { body: (_ids, tag) => ({ name: `Umbenannt ${tag}` }) },
    [`DELETE ${base}/planning-units/:planningUnitId`]: {},
    [`GET ${base}/capacities`]: {},
    [`POST ${base}/capacities`]: {
      body: (ids) => ({ planningUnitId: ids.planningUnit, type: 'hort', places: '25' }),
    },
    [`PATCH ${base}/capacities/:capacityId`]: {
      body: (ids) => ({ planningUnitId: ids.planningUnit, places: '30' }),
    },
    [`DELETE ${base}/capacities/:capacityId`]: {},
    [`GET ${base}/expansions`]: {},
    [`POST ${base}/expansions`]: {
      body: (ids) => ({ planningUnitId: ids.planningUnit, type: 'hort', places: '25', schoolYear: 2028 }),
    },
    [`PATCH ${base}/expansions/:expansionId`]: {
      body: (ids) => ({ planningUnitId: ids.planningUnit, schoolYear: 2029 }),
    },
    [`DELETE ${base}/expansions/:expansionId`]: {},
    [`GET ${base}/expansions/:expansionId/slip`]: {},
    [`GET ${base}/pupils`]: {},
    [`POST ${base}/pupils/import`]: {
      body: () => ({
        csv: 'Planungseinheit;Schuljahr;Klassenstufe;Schüler\nEigene Testschule;2026/27;1;20\n',
      }),
    },
    [`DELETE ${base}/pupils`]: {},
    [`GET ${base}/scenarios`]: {},
    [`POST ${base}/scenarios`]: { body: (_ids, tag) => ({ name: `Szenario ${tag}`, ganztagShare: '0.7' }) },
    [`PATCH ${base}/scenarios/:scenarioId`]: {
      body: (ids) => ({
        ganztagShare: '0.9',
        byPlanningUnit: { [ids.planningUnit!]: { ganztagShare: '0.5' } },
      }),
    },
    [`DELETE ${base}/scenarios/:scenarioId`]: {},
    [`POST ${base}/plan/indicators`]: { body: (ids) => ({ scenarioId: ids.scenario! }) },
    [`GET ${base}/plan`]: { query: (ids) => ({ scenarioId: ids.scenario! }) },
    [`GET ${base}/plan/export`]: { query: (ids) => ({ format: 'csv', scenarioId: ids.scenario! }) },
  },
  fixtureKinds: ['planningUnit', 'capacity', 'expansion', 'scenario'],
  fixtures,
};
