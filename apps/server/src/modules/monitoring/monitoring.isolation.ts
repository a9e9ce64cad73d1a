import type { FixtureContext, ModuleIsolation } from '../../platform/tenancy/isolation';

const base = '/api/tenants/:tenantId';

/** Areas, an internal indicator with values, a dimension and a saved key mapping of one tenant. */
async function fixtures(f: FixtureContext) {
  const foreign = f.label === 'foreign';
  const names = foreign
    ? {
        area: 'Fremdstadt-Nordviertel',
        areaCode: 'FS-N-4711',
        indicator: 'Geheime Fremdzahl',
        indicatorCode: 'fremd_geheimzahl',
        value: '98765.4321',
        dimension: 'Fremdes Geheimmerkmal',
        dimensionCode: 'fremd_geheimmerkmal',
        sourceKey: 'FREMD-SCHLUESSEL-0815',
      }
    : {
        area: 'Eigenes Testgebiet',
        areaCode: 'EIGEN-1',
        indicator: 'Eigene Testzahl',
        indicatorCode: 'eigene_testzahl',
        value: '42',
        dimension: 'Eigenes Testmerkmal',
        dimensionCode: 'eigenes_testmerkmal',
        sourceKey: 'EIGEN-SCHLUESSEL-1',
      };
  const [area] = await f.query<{ id: string }>(
    `INSERT INTO areas (tenant_id, level, code, name) VALUES ($1, 'stadtbezirk', $2, $3) RETURNING id`,
    [f.tenantId, names.areaCode, names.area],
  );
  await f.query(
    `INSERT INTO area_versions (tenant_id, area_id, valid_from, name) VALUES ($1, $2, '2010-01-01', $3)`,
    [f.tenantId, area!.id, names.area],
  );
  const [indicator] = await f.query<{ id: string }>(
    `INSERT INTO indicators (tenant_id, code, name_de, unit, topic, visibility)
     VALUES ($1, $2, $3, 'Personen', 'grundinformationen', 'internal') RETURNING id`,
    [f.tenantId, names.indicatorCode, names.indicator],
  );
  const [series] = await f.query<{ id: number }>(
    `INSERT INTO series (tenant_id, indicator_id) VALUES ($1, $2) RETURNING id`,
    [f.tenantId, indicator!.id],
  );
  await f.query(
    `INSERT INTO observations (tenant_id, series_id, area_id, period, value)
     VALUES ($1, $2, $3, '2022-12-31', $4), ($1, $2, $3, '2023-12-31', 12345)`,
    [f.tenantId, series!.id, area!.id, names.value],
  );
  const [dimension] = await f.query<{ id: string }>(
    `INSERT INTO dimensions (tenant_id, code, name_de) VALUES ($1, $2, $3) RETURNING id`,
    [f.tenantId, names.dimensionCode, names.dimension],
  );
  const [mapping] = await f.query<{ id: string }>(
    `INSERT INTO key_mappings (tenant_id, source_key, area_id) VALUES ($1, $2, $3) RETURNING id`,
    [f.tenantId, names.sourceKey, area!.id],
  );
  return {
    ids: { area: area!.id, indicator: indicator!.id, dimension: dimension!.id, mapping: mapping!.id },
    secrets: [
      area!.id,
      names.area,
      names.areaCode,
      indicator!.id,
      names.indicator,
      names.indicatorCode,
      names.value,
      dimension!.id,
      names.dimension,
      mapping!.id,
      names.sourceKey,
    ],
  };
}

/** The catalogue entry the fixtures apply (one with inputs no tenant of the test has: it stays incomplete). */
const CATALOGUE_ENTRY = 'anteil_unter_6';

/** The tenant's objects, and for the foreign tenant one indicator applied from the Kennzahlenkatalog. */
async function withCatalogue(f: FixtureContext) {
  const made = await fixtures(f);
  if (f.label !== 'foreign') return made;
  const res = await f.asAdmin('POST', `/api/tenants/${f.tenantId}/catalogue/apply`, {
    codes: [CATALOGUE_ENTRY],
  });
  if (res.statusCode !== 200) throw new Error(`catalogue apply: ${res.statusCode} ${res.body}`);
  const applied = (
    JSON.parse(res.body) as { status: { entries: Array<{ code: string; indicatorId: string | null }> } }
  ).status.entries.find((e) => e.code === CATALOGUE_ENTRY)?.indicatorId;
  if (!applied) throw new Error('catalogue apply created no indicator');
  return { ...made, secrets: [...made.secrets, applied] };
}

export const isolation: ModuleIsolation = {
  cases: {
    [`GET ${base}/indicators`]: {},
    [`POST ${base}/indicators`]: {
      body: (_ids, tag) => ({
        code: `eindringling_${tag.replace(/\W/g, '_')}`,
        nameDe: `Eindringling ${tag}`,
        unit: 'Personen',
        topic: 'grundinformationen',
      }),
    },
    [`GET ${base}/indicators/:indicatorId`]: {},
    [`PATCH ${base}/indicators/:indicatorId`]: { body: (_ids, tag) => ({ nameDe: `Gekapert ${tag}` }) },
    [`DELETE ${base}/indicators/:indicatorId`]: {},
    [`GET ${base}/indicators/:indicatorId/observations`]: {
      query: (ids) => ({ areas: ids.area! }),
      filtered: ['area'],
    },
    [`GET ${base}/indicators/:indicatorId/references`]: { query: (ids) => ({ area: ids.area! }) },
    [`GET ${base}/indicators/:indicatorId/export`]: {
      query: (ids) => ({ format: 'csv', areas: ids.area! }),
      filtered: ['area'],
    },
    [`POST ${base}/indicators/definitions`]: {
      body: () => ({ text: 'indicators: []\n', fileName: 'eindringling.yaml' }),
    },
    [`GET ${base}/dimensions`]: {},
    [`PATCH ${base}/dimensions/:dimensionId`]: { body: (_ids, tag) => ({ name: `Gekapert ${tag}` }) },
    [`GET ${base}/areas`]: {},
    [`GET ${base}/areas/geometry`]: { query: () => ({ level: 'stadtbezirk' }) },
    [`GET ${base}/areas/:areaId`]: {},
    [`GET ${base}/areas/:areaId/profile`]: {},
    [`GET ${base}/key-mappings`]: {},
    [`DELETE ${base}/key-mappings/:mappingId`]: {},
    [`GET ${base}/catalogue`]: {},
    [`POST ${base}/catalogue/plan`]: { body: () => ({ codes: [CATALOGUE_ENTRY] }) },
    [`POST ${base}/catalogue/apply`]: { body: () => ({ codes: [CATALOGUE_ENTRY] }) },
  },
  fixtureKinds: ['area', 'indicator', 'dimension', 'mapping'],
  fixtures: withCatalogue,
};
