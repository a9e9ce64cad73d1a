import type { FixtureContext, ModuleIsolation } from '../../platform/tenancy/isolation';

const base = '/api/tenants/:tenantId/imports';

/** An analysed import run, ready to be committed, started by the tenant's contributor. */
async function fixtures(f: FixtureContext) {
  const fileName = f.label === 'foreign' ? 'fremde-geheimdaten.csv' : 'eigene-testdaten.csv';
  const [run] = await f.query<{ id: string }>(
    `INSERT INTO import_runs (tenant_id, created_by, kind, file_name, file_size, checksum, format, status)
     VALUES ($1, $2, 'statistics', $3, 123, 'abc', 'tidy-csv', 'ready') RETURNING id`,
    [f.tenantId, f.people.contributor, fileName],
  );
  return { ids: { run: run!.id }, secrets: [run!.id, fileName] };
}

/** Key mappings name areas: a foreign area is refused like a foreign id in the path. */
const withAreas = (ids: Record<string, string>) => ({
  keyMappings: [{ sourceKey: 'X-1', areaId: ids.area! }],
});

export const isolation: ModuleIsolation = {
  cases: {
    [`GET ${base}`]: {},
    [`POST ${base}`]: {},
    [`GET ${base}/:runId`]: {},
    [`POST ${base}/:runId/analyze`]: { body: withAreas },
    [`POST ${base}/:runId/commit`]: { body: withAreas },
    [`POST ${base}/:runId/undo`]: {},
    [`DELETE ${base}/:runId`]: {},
  },
  fixtureKinds: ['run'],
  fixtures,
};
