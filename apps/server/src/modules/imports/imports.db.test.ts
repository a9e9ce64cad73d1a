import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportRunDetail, Indicator, ObservationsResponse } from '@dkbm/contract';
import { createTestApp, DEMO, type TestClient, type TestContext } from '../../test/testApp';
import { TEST_DRIVER } from '../../test/testDb';
import {
  commitAndWait,
  genesisFixture,
  importFile,
  uploadAndAnalyze,
  waitForRun,
  snapshot,
} from '../../test/monitoring';

const ROWS = [
  { key: 'DG', name: 'Deutschland', label: 'Tageseinrichtung', u3: '614600', u6: '1979186' },
  { key: 'DG', name: 'Deutschland', label: 'Tagespflege', u3: '106764', u6: '23621' },
  { key: '01', name: '  Schleswig-Holstein', label: 'Tageseinrichtung', u3: '17029', u6: '64992' },
  { key: '01', name: '  Schleswig-Holstein', label: 'Tagespflege', u3: '4915', u6: '1585' },
  {
    key: '01001',
    name: '      Flensburg, Kreisfreie Stadt',
    label: 'Tageseinrichtung',
    u3: '641',
    u6: '2148',
  },
  { key: '01001', name: '      Flensburg, Kreisfreie Stadt', label: 'Tagespflege', u3: '174', u6: '.' },
  {
    key: '01002',
    name: '      Kiel, Landeshauptstadt, Kreisfreie Stadt',
    label: 'Tageseinrichtung',
    u3: '1906',
    u6: '5542',
  },
  {
    key: '01002',
    name: '      Kiel, Landeshauptstadt, Kreisfreie Stadt',
    label: 'Tagespflege',
    u3: '493',
    u6: '-',
  },
];

describe(`imports on ${TEST_DRIVER}`, () => {
  let t: TestContext;
  let admin: TestClient;
  let viewer: TestClient;
  let contributor: TestClient;
  let B: string; // Beispielkreis: starts without monitoring data
  let M: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.signIn(DEMO.admin.email, DEMO.admin.password);
    viewer = await t.signIn(DEMO.viewer.email, DEMO.viewer.password);
    contributor = await t.signIn(DEMO.contributor.email, DEMO.contributor.password);
    const s = await admin.session();
    B = s.memberships.find((m) => m.slug === 'beispielkreis')!.tenantId;
    M = s.memberships.find((m) => m.slug === 'musterstadt')!.tenantId;
  });
  afterAll(async () => t?.close());

  it('a GENESIS table: analysis names measures, dimensions, periods, flags and the keys it will create', async () => {
    const run = await uploadAndAnalyze(admin, B, '99901-01-01-4_00.csv', genesisFixture({ rows: ROWS }));
    expect(run.status, JSON.stringify(run.error)).toBe('ready');
    const a = run.analysis!;
    if (a.kind !== 'statistics') throw new Error('kind');
    expect(a.format).toBe('genesis-table');
    expect(a.meta.tableCode).toBe('99901-01-01-4');
    expect(a.measures.map((m) => m.name)).toEqual(['Betreute Kinder']);
    expect(a.rows).toBe(16);
    expect(a.periods).toEqual(['2016-03-01']);
    expect(a.flags).toEqual({ '.': 1, '-': 1 });
    const age = a.dimensions.find((d) => d.name === 'Altersgruppe')!;
    expect(age.values.map((v) => v.label)).toEqual(['unter 3 Jahre', '3 bis unter 6 Jahre']);
    const unnamed = a.dimensions.find((d) => !d.named)!;
    expect(unnamed.values.map((v) => v.label)).toEqual(['Tageseinrichtung', 'Tagespflege']);
    expect(a.warnings.join(' ')).toMatch(/keinen Namen/);
    // The file's areas lie outside Beispielkreis (99001): „Unbekannte Gebiete anlegen“ starts off, and
    // the analysis says how many areas it would create, per level, and why it is off.
    expect(a.createAreas).toBe(false);
    expect(a.outsideKeys).toEqual({ outside: 3, total: 4 });
    expect(a.createPreview).toEqual([
      { level: 'bund', count: 1 },
      { level: 'land', count: 1 },
      { level: 'kreis', count: 2 },
    ]);
    expect(a.warnings.join(' ')).toMatch(
      /3 von 4 Gebietsschlüsseln der Datei liegen außerhalb von Landkreis Beispielkreis/,
    );
    expect(a.keys.created).toEqual([]);
    expect(a.keys.unmatched.map((u) => [u.code, u.reason, u.byMeasure])).toEqual([
      ['DG', 'unknown_key', { '99901-01-01-4.betreute_kinder': 4 }],
      ['01', 'unknown_key', { '99901-01-01-4.betreute_kinder': 4 }],
      ['01001', 'unknown_key', { '99901-01-01-4.betreute_kinder': 4 }],
      ['01002', 'unknown_key', { '99901-01-01-4.betreute_kinder': 4 }],
    ]);
    expect(a.measures.map((m) => [m.cells, m.writable])).toEqual([[16, 0]]);
    // Switched on, the keys become areas to create.
    expect(
      (await admin.post(`/api/tenants/${B}/imports/${run.id}/analyze`, { createAreas: true })).statusCode,
    ).toBe(202);
    const on = (await waitForRun(admin, B, run.id)).analysis!;
    if (on.kind !== 'statistics') throw new Error('kind');
    expect(on.createAreas).toBe(true);
    expect(on.keys.created.map((c) => [c.code, c.level])).toEqual([
      ['DG', 'bund'],
      ['01', 'land'],
      ['01001', 'kreis'],
      ['01002', 'kreis'],
    ]);
    expect(on.keys.unmatched).toEqual([]);
    expect(on.measures[0]!.writable).toBe(16);
    // Nothing is written before the commit.
    expect((await snapshot(t, B)).observations).toBe(0);
  });

  it('commit: one indicator, named dimensions, areas with parents, values and flags exactly as in the file', async () => {
    const before = await snapshot(t, B);
    const run = await uploadAndAnalyze(admin, B, '99901-01-01-4_00.csv', genesisFixture({ rows: ROWS }));
    if (run.analysis?.kind !== 'statistics') throw new Error('kind');
    const unnamed = run.analysis.dimensions.find((d) => !d.named)!;
    const done = await commitAndWait(admin, B, run.id, {
      createAreas: true,
      dimensionNames: { [unnamed.key]: 'Art der Betreuung' },
    });
    expect(done.status, JSON.stringify(done.error)).toBe('done');
    expect(done.result!.observations).toEqual({ inserted: 16, replaced: 0, skipped: 0 });
    expect(done.result!.areas.created).toBe(4);
    const after = await snapshot(t, B);
    expect(after.observations - before.observations).toBe(16);
    const list = (await admin.get(`/api/tenants/${B}/indicators`)).json() as Indicator[];
    const ind = list.find((i) => i.statisticsCode === '99901-01-01-4')!;
    expect(ind).toMatchObject({ unit: 'Anzahl', topic: 'grundinformationen', measure: 'absolute' });
    expect(ind.source).toContain('99901-01-01-4');
    expect(ind.licence).toMatch(/Datenlizenz Deutschland/);
    expect(ind.dimensions.map((d) => d.name).toSorted()).toEqual(['Altersgruppe', 'Art der Betreuung']);
    const obs = (
      await admin.get(`/api/tenants/${B}/indicators/${ind.id}/observations`)
    ).json() as ObservationsResponse;
    const areas = (await admin.get(`/api/tenants/${B}/areas`)).json() as Array<{
      id: string;
      code: string;
      parentId: string | null;
      name: string;
    }>;
    const byCode = new Map(areas.map((x) => [x.code, x]));
    expect(byCode.get('01001')!.parentId).toBe(byCode.get('01')!.id);
    expect(byCode.get('01')!.parentId).toBe(byCode.get('DG')!.id);
    expect(byCode.get('01001')!.name).toBe('Flensburg, Kreisfreie Stadt');
    const cell = (code: string, labelValue: string, age: string) =>
      obs.observations.find(
        (o) =>
          o.areaCode === code &&
          Object.values(o.dims).includes(labelValue) &&
          Object.values(o.dims).includes(age),
      );
    const u3Key = run.analysis.dimensions.find((d) => d.name === 'Altersgruppe')!.values[0]!.key;
    const u6Key = run.analysis.dimensions.find((d) => d.name === 'Altersgruppe')!.values[1]!.key;
    const kita = unnamed.values[0]!.key;
    const pflege = unnamed.values[1]!.key;
    expect(cell('01001', kita, u3Key)).toMatchObject({ value: '641', flag: null });
    expect(cell('01001', pflege, u6Key)).toMatchObject({ value: null, flag: '.' });
    expect(cell('01002', pflege, u6Key)).toMatchObject({ value: null, flag: '-' });
    expect(cell('DG', kita, u6Key)).toMatchObject({ value: '1979186' });
  });

  it('a second import of the same table replaces values; undo restores the earlier ones', async () => {
    const changed = ROWS.map((r) =>
      r.key === '01001' && r.label === 'Tageseinrichtung' ? { ...r, u3: '700' } : r,
    );
    const done = await importFile(admin, B, '99901-01-01-4_00.csv', genesisFixture({ rows: changed }));
    expect(done.result!.observations).toEqual({ inserted: 0, replaced: 16, skipped: 0 });
    expect(done.result!.indicators.updated).toHaveLength(1);
    const list = (await admin.get(`/api/tenants/${B}/indicators`)).json() as Indicator[];
    const ind = list.find((i) => i.statisticsCode === '99901-01-01-4')!;
    const value = async () => {
      const obs = (
        await admin.get(`/api/tenants/${B}/indicators/${ind.id}/observations?dims=`)
      ).json() as ObservationsResponse;
      return obs.observations
        .filter((o) => o.areaCode === '01001' && o.value !== null)
        .map((o) => o.value)
        .toSorted();
    };
    expect(await value()).toContain('700');
    // A viewer may not undo; the contributor did not create the run either.
    expect((await viewer.post(`/api/tenants/${B}/imports/${done.id}/undo`)).statusCode).toBe(403);
    const undo = await admin.post(`/api/tenants/${B}/imports/${done.id}/undo`);
    expect(undo.statusCode, undo.body).toBe(200);
    expect(undo.json()).toMatchObject({ removed: 16, restored: 16 });
    expect(await value()).toContain('641');
    expect(await value()).not.toContain('700');
    const again = await admin.post(`/api/tenants/${B}/imports/${done.id}/undo`);
    expect(again.statusCode).toBe(409);
  });

  it('undoing the first import removes its indicator, values and the areas it created', async () => {
    const runs = (await admin.get(`/api/tenants/${B}/imports`)).json() as Array<{
      id: string;
      status: string;
      createdAt: string;
    }>;
    const first = runs.filter((r) => r.status === 'done').at(-1)!;
    const res = await admin.post(`/api/tenants/${B}/imports/${first.id}/undo`);
    expect(res.statusCode, res.body).toBe(200);
    const s = await snapshot(t, B);
    expect(s).toMatchObject({ areas: 0, indicators: 0, observations: 0 });
  });

  it('a truncated file is refused with file, line and column; nothing changes', async () => {
    const before = await snapshot(t, B);
    const run = await uploadAndAnalyze(
      admin,
      B,
      'abgeschnitten.csv',
      genesisFixture({ rows: ROWS, truncate: true }),
    );
    expect(run.status).toBe('failed');
    expect(run.error!.file).toBe('abgeschnitten.csv');
    expect(run.error!.line).toBeGreaterThan(9);
    expect(run.error!.message).toMatch(/abgeschnitten\.csv/);
    expect(await snapshot(t, B)).toEqual(before);
    expect((await admin.post(`/api/tenants/${B}/imports/${run.id}/commit`, {})).statusCode).toBe(409);
  });

  it('a file of the wrong kind is refused at upload with a German message naming the file', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    const res = await admin.upload(`/api/tenants/${B}/imports`, 'foto.png', png);
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/foto\.png/);
  });

  it('a broken encoding (UTF-8 with stray Latin-1 bytes) names line and column', async () => {
    const text = genesisFixture({
      rows: ROWS.map((r) => ({ ...r, name: r.name.replace('Kiel', 'Kiel-Städte') })),
    });
    const bytes = Buffer.from(text, 'utf8');
    const broken = Buffer.concat([
      bytes.subarray(0, bytes.indexOf('Flensburg')),
      Buffer.from([0xfc]),
      bytes.subarray(bytes.indexOf('Flensburg')),
    ]);
    const before = await snapshot(t, B);
    const res = await admin.upload(`/api/tenants/${B}/imports`, 'kaputt.csv', broken);
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.message).toMatch(/kaputt\.csv/);
    expect(body.details).toMatchObject({ file: 'kaputt.csv', line: 14 });
    expect(body.details.column).toBeGreaterThan(0);
    expect(await snapshot(t, B)).toEqual(before);
  });

  describe('key matching', () => {
    it('an 8-digit key of a kreisfreie Stadt is reported with the 5-digit Kreis as suggestion; mapping it by hand imports it and can be saved', async () => {
      await importFile(admin, B, '99901-01-01-4_00.csv', genesisFixture({ rows: ROWS }));
      const rows = [
        { key: '01001000', name: 'Flensburg, Stadt', label: 'Tageseinrichtung', u3: '5', u6: '6' },
      ];
      const uploaded = await uploadAndAnalyze(
        admin,
        B,
        '99902.csv',
        genesisFixture({ code: '99902-01-01-5', rows }),
      );
      // With areas being created the 8-digit key would become a Gemeinde; without, the Kreis is suggested.
      const again = await admin.post(`/api/tenants/${B}/imports/${uploaded.id}/analyze`, {
        createAreas: false,
      });
      expect(again.statusCode).toBe(202);
      const run = await waitForRun(admin, B, uploaded.id);
      if (run.analysis?.kind !== 'statistics') throw new Error('kind');
      const u = run.analysis.keys.unmatched;
      expect(u).toHaveLength(1);
      expect(u[0]).toMatchObject({ code: '01001000', reason: 'kreis_as_gemeinde', count: 2 });
      expect(u[0]!.suggestion!.code).toBe('01001');
      // Without a decision the commit is refused and nothing changes.
      const before = await snapshot(t, B);
      const refused = await commitAndWait(admin, B, run.id, { createAreas: false });
      expect(refused.status).toBe('ready');
      expect(refused.error!.code).toBe('unmatched_keys');
      expect(await snapshot(t, B)).toEqual(before);
      const done = await commitAndWait(admin, B, run.id, {
        createAreas: false,
        keyMappings: [{ sourceKey: '01001000', areaId: u[0]!.suggestion!.areaId }],
        saveKeyMappings: true,
      });
      expect(done.status, JSON.stringify(done.error)).toBe('done');
      expect(done.result!.keys.mapped).toBe(1);
      const saved = (await admin.get(`/api/tenants/${B}/key-mappings`)).json();
      expect(saved).toMatchObject([{ sourceKey: '01001000', areaCode: '01001' }]);
      // The next import of such a key uses the saved mapping.
      const next = await uploadAndAnalyze(
        admin,
        B,
        '99903.csv',
        genesisFixture({ code: '99903-01-01-5', rows }),
      );
      if (next.analysis?.kind !== 'statistics') throw new Error('kind');
      expect(next.analysis.keys).toMatchObject({ mapped: 1, unmatched: [] });
    });

    it('without creating areas, unknown keys are listed; skipping them is explicit and reported', async () => {
      const rows = [
        { key: '01001', name: 'Flensburg', label: 'Tageseinrichtung', u3: '1', u6: '2' },
        { key: '09162', name: 'München', label: 'Tageseinrichtung', u3: '3', u6: '4' },
      ];
      const run = await uploadAndAnalyze(
        admin,
        B,
        '99904.csv',
        genesisFixture({ code: '99904-01-01-4', rows }),
      );
      const r2 = await admin.post(`/api/tenants/${B}/imports/${run.id}/analyze`, { createAreas: false });
      expect(r2.statusCode, r2.body).toBe(202);
      const again = await waitForRun(admin, B, run.id);
      if (again.analysis?.kind !== 'statistics') throw new Error('kind');
      expect(again.analysis.keys.unmatched.map((u) => [u.code, u.reason])).toEqual([
        ['09162', 'unknown_key'],
      ]);
      // The preview counts what will really be written: the two values of Flensburg.
      expect(again.analysis.measures.map((m) => m.writable)).toEqual([2]);
      const done = await commitAndWait(admin, B, run.id, { createAreas: false, skipUnmatched: true });
      expect(done.status, JSON.stringify(done.error)).toBe('done');
      expect(done.result!.observations.inserted).toBe(2);
      expect(done.result!.observations.skipped).toBe(2);
      expect(done.result!.warnings.join(' ')).toMatch(/2 Werte wurden ausgelassen/);
      expect(done.result!.keys.unmatched).toHaveLength(1);
    });
  });

  it('every key skipped: the preview counts 0 values, the commit is refused in German and creates no indicator', async () => {
    const rows = [
      { key: '09162', name: 'München', label: 'Tageseinrichtung', u3: '3', u6: '4' },
      { key: '09163', name: 'Rosenheim', label: 'Tageseinrichtung', u3: '5', u6: '6' },
    ];
    const run = await uploadAndAnalyze(
      admin,
      B,
      '99906.csv',
      genesisFixture({ code: '99906-01-01-4', rows }),
    );
    if (run.analysis?.kind !== 'statistics') throw new Error('kind');
    expect(run.analysis.createAreas).toBe(false);
    expect(run.analysis.keys.unmatched).toHaveLength(2);
    expect(run.analysis.measures.map((m) => [m.cells, m.writable])).toEqual([[4, 0]]);
    const before = await snapshot(t, B);
    const refused = await commitAndWait(admin, B, run.id, { skipUnmatched: true });
    expect(refused.status).toBe('ready');
    expect(refused.error!.code).toBe('nothing_to_write');
    expect(refused.error!.message).toMatch(
      /^99906\.csv: Es würde kein einziger Wert übernommen, weil alle 2 Gebietsschlüssel keinem Gebiet zugeordnet und ausgelassen sind\..*Es wurde nichts geändert\.$/,
    );
    expect(await snapshot(t, B)).toEqual(before);
    const list = (await admin.get(`/api/tenants/${B}/indicators`)).json() as Indicator[];
    expect(list.some((i) => i.statisticsCode === '99906-01-01-4')).toBe(false);
    // Switching „Unbekannte Gebiete anlegen“ on makes it importable.
    const done = await commitAndWait(admin, B, run.id, { skipUnmatched: true, createAreas: true });
    expect(done.status, JSON.stringify(done.error)).toBe('done');
    expect(done.result!.observations.inserted).toBe(4);
    expect((await admin.post(`/api/tenants/${B}/imports/${done.id}/undo`)).statusCode).toBe(200);
  });

  it("the result names the level with the municipality's own data, to open the new indicator there", async () => {
    // Beispielkreis pretends to be Kiel (01002) for this test.
    await t.database.query(`UPDATE tenants SET ags = '01002' WHERE id = $1`, [B]);
    try {
      const rows = ROWS.filter((r) => r.key !== '01001');
      const run = await uploadAndAnalyze(
        admin,
        B,
        '99907.csv',
        genesisFixture({ code: '99907-01-01-4', rows }),
      );
      if (run.analysis?.kind !== 'statistics') throw new Error('kind');
      // Bund and Land are parents of Kiel, Kiel is its own: nothing lies outside, areas are created.
      expect(run.analysis.outsideKeys).toEqual({ outside: 0, total: 3 });
      expect(run.analysis.createAreas).toBe(true);
      const done = await commitAndWait(admin, B, run.id, {});
      expect(done.status, JSON.stringify(done.error)).toBe('done');
      expect(done.result!.openAt).toEqual({ '99907-01-01-4.betreute_kinder': 'kreis' });
      expect((await admin.post(`/api/tenants/${B}/imports/${done.id}/undo`)).statusCode).toBe(200);
    } finally {
      await t.database.query(`UPDATE tenants SET ags = '99001' WHERE id = $1`, [B]);
    }
  });

  it('undo restores the state before the import: dimensions, their values and names, links and saved key mappings', async () => {
    const state = async () => {
      const q = (sql: string) => t.database.query<Record<string, unknown>>(sql, [M]);
      return {
        dimensions: await q(
          `SELECT code, name_de, named, source_keys FROM dimensions WHERE tenant_id = $1 ORDER BY code`,
        ),
        values: await q(
          `SELECT d.code AS dim, v.code, v.label_de, v.is_total FROM dimension_values v JOIN dimensions d ON d.id = v.dimension_id
            WHERE v.tenant_id = $1 ORDER BY 1, 2`,
        ),
        links: await q(
          `SELECT i.code AS indicator, d.code AS dim FROM indicator_dimensions x JOIN indicators i ON i.id = x.indicator_id
             JOIN dimensions d ON d.id = x.dimension_id WHERE x.tenant_id = $1 ORDER BY 1, 2`,
        ),
        series: await q(`SELECT count(*)::int AS n FROM series WHERE tenant_id = $1`),
        mappings: await q(`SELECT source_key, area_id FROM key_mappings WHERE tenant_id = $1 ORDER BY 1`),
        indicators: await q(`SELECT code, name_de FROM indicators WHERE tenant_id = $1 ORDER BY 1`),
      };
    };
    const districts = (await admin.get(`/api/tenants/${M}/areas?level=stadtbezirk`)).json() as Array<{
      id: string;
    }>;
    // A mapping saved before the import, which the import replaces.
    await t.database.query(
      `INSERT INTO key_mappings (tenant_id, source_key, area_id) VALUES ($1, '01001', $2)`,
      [M, districts[2]!.id],
    );
    const before = await state();
    const rows = [
      { key: '01001', name: 'Flensburg', label: 'männlich', u3: '11', u6: '12' },
      { key: '01001', name: 'Flensburg', label: 'weiblich', u3: '13', u6: '14' },
      { key: '01002', name: 'Kiel', label: 'männlich', u3: '15', u6: '16' },
      { key: '01002', name: 'Kiel', label: 'weiblich', u3: '17', u6: '18' },
    ];
    const run = await uploadAndAnalyze(
      admin,
      M,
      '99909.csv',
      genesisFixture({ code: '99909-01-01-4', rows }),
    );
    if (run.analysis?.kind !== 'statistics') throw new Error('kind');
    const sex = run.analysis.dimensions.find((d) => !d.named)!;
    expect(sex.name).toBe('Geschlecht');
    const age = run.analysis.dimensions.find((d) => d.name === 'Altersgruppe')!;
    expect(age.existing).toBe(true);
    const done = await commitAndWait(admin, M, run.id, {
      createAreas: false,
      keyMappings: [
        { sourceKey: '01001', areaId: districts[0]!.id },
        { sourceKey: '01002', areaId: districts[1]!.id },
      ],
      saveKeyMappings: true,
      dimensionNames: { [age.key]: 'Alter (umbenannt)' },
    });
    expect(done.status, JSON.stringify(done.error)).toBe('done');
    // The run's undo log stays on the server.
    expect(JSON.stringify(done.result)).not.toContain('dimensionsCreated');
    const during = await state();
    expect(during.dimensions).not.toEqual(before.dimensions);
    expect(during.values.length).toBeGreaterThan(before.values.length);
    expect(during.mappings).not.toEqual(before.mappings);
    const undo = await admin.post(`/api/tenants/${M}/imports/${done.id}/undo`);
    expect(undo.statusCode, undo.body).toBe(200);
    expect(await state()).toEqual(before);
    // The dimensions page no longer lists „Geschlecht“ under the unnamed ones.
    const dims = (await admin.get(`/api/tenants/${M}/dimensions`)).json() as Array<{ name: string }>;
    expect(dims.map((d) => d.name)).not.toContain('Geschlecht');
  });

  describe('boundaries', () => {
    const square = (x: number, y: number) => [
      [
        [x, y],
        [x + 0.1, y],
        [x + 0.1, y + 0.1],
        [x, y + 0.1],
        [x, y],
      ],
    ];
    const geojson = (features: Array<{ key: string; name: string; x: number }>) =>
      JSON.stringify({
        type: 'FeatureCollection',
        features: features.map((f) => ({
          type: 'Feature',
          properties: { ARS: f.key, GEN: f.name },
          geometry: { type: 'Polygon', coordinates: square(f.x, 54.7) },
        })),
      });

    it('imports Kreis boundaries for existing areas; the map of that date draws them; areas with data but no boundary are named', async () => {
      const run = await uploadAndAnalyze(
        admin,
        B,
        'kreise.geojson',
        geojson([
          { key: '01002', name: 'Kiel', x: 10.1 },
          { key: '01003', name: 'Lübeck', x: 10.6 },
        ]),
      );
      expect(run.status, JSON.stringify(run.error)).toBe('ready');
      if (run.analysis?.kind !== 'boundaries') throw new Error('kind');
      expect(run.analysis).toMatchObject({
        keyProperty: 'ARS',
        nameProperty: 'GEN',
        level: 'kreis',
        features: 2,
      });
      expect(run.analysis.crs.crs).toBe('EPSG:4326');
      expect(run.analysis.keys.matched).toBe(1);
      expect(run.analysis.keys.created.map((c) => c.code)).toEqual(['01003']);
      expect(run.analysis.keys.missingInFile!.map((m) => m.code)).toEqual(['01001']);
      const done = await commitAndWait(admin, B, run.id, { validFrom: '2021-01-01' });
      expect(done.status, JSON.stringify(done.error)).toBe('done');
      expect(done.result!.areas).toEqual({ created: 1, versions: 2 });
      const fc = (await admin.get(`/api/tenants/${B}/areas/geometry?level=kreis&at=2021-06-30`)).json();
      expect(fc.features.map((f: { properties: { code: string } }) => f.properties.code)).toEqual([
        '01002',
        '01003',
      ]);
      // Lübeck exists only since 2021 here; data of 2016 is drawn on the 2021 boundary of Kiel.
      const old = (await admin.get(`/api/tenants/${B}/areas/geometry?level=kreis&at=2016-03-01`)).json();
      expect(old.features.map((f: { properties: { code: string } }) => f.properties.code)).toEqual(['01002']);
    });

    it('a later boundary version closes the earlier one the day before', async () => {
      const run = await uploadAndAnalyze(
        admin,
        B,
        'kreise-2023.geojson',
        geojson([{ key: '01002', name: 'Kiel', x: 10.15 }]),
      );
      const done = await commitAndWait(admin, B, run.id, { validFrom: '2023-01-01' });
      expect(done.status, JSON.stringify(done.error)).toBe('done');
      const areas = (await admin.get(`/api/tenants/${B}/areas?level=kreis`)).json() as Array<{
        id: string;
        code: string;
      }>;
      const kiel = (
        await admin.get(`/api/tenants/${B}/areas/${areas.find((a) => a.code === '01002')!.id}`)
      ).json();
      expect(
        kiel.versions.map((v: { validFrom: string; validTo: string | null }) => [v.validFrom, v.validTo]),
      ).toEqual([
        ['2021-01-01', '2022-12-31'],
        ['2023-01-01', null],
      ]);
      const undo = await admin.post(`/api/tenants/${B}/imports/${done.id}/undo`);
      expect(undo.statusCode, undo.body).toBe(200);
      const after = (await admin.get(`/api/tenants/${B}/areas/${kiel.id}`)).json();
      expect(
        after.versions.map((v: { validFrom: string; validTo: string | null }) => [v.validFrom, v.validTo]),
      ).toEqual([['2021-01-01', null]]);
    });

    it('invalid JSON names line and column', async () => {
      const run = await uploadAndAnalyze(
        admin,
        B,
        'kaputt.geojson',
        '{ "type": "FeatureCollection",\n  "features": [ { ] }',
      );
      expect(run.status).toBe('failed');
      expect(run.error!.line).toBe(2);
    });
  });

  describe('permissions and tenants', () => {
    it('a viewer cannot upload; a contributor can import and undo own imports', async () => {
      const v = await viewer.upload(`/api/tenants/${M}/imports`, 'x.csv', genesisFixture({ rows: ROWS }));
      expect(v.statusCode).toBe(403);
      const done = await importFile(
        contributor,
        M,
        '99905.csv',
        genesisFixture({ code: '99905-01-01-4', rows: ROWS.slice(0, 2) }),
      );
      expect(done.createdBy).not.toBeNull();
      const undo = await contributor.post(`/api/tenants/${M}/imports/${done.id}/undo`);
      expect(undo.statusCode, undo.body).toBe(200);
    });

    it("another tenant's import run and indicator are 404 through one's own tenant", async () => {
      const runs = (await admin.get(`/api/tenants/${B}/imports`)).json() as ImportRunDetail[];
      const foreignRun = runs[0]!.id;
      // The contributor belongs to Musterstadt only.
      expect((await contributor.get(`/api/tenants/${M}/imports/${foreignRun}`)).statusCode).toBe(404);
      expect((await contributor.post(`/api/tenants/${M}/imports/${foreignRun}/undo`)).statusCode).toBe(404);
      expect((await contributor.get(`/api/tenants/${B}/imports`)).statusCode).toBe(404);
      const inds = (await admin.get(`/api/tenants/${B}/indicators`)).json() as Indicator[];
      expect(
        (await contributor.get(`/api/tenants/${M}/indicators/${inds[0]!.id}/observations`)).statusCode,
      ).toBe(404);
    });
  });
});
