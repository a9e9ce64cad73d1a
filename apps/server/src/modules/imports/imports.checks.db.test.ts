import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Indicator } from '@dkbm/contract';
import { createTestApp, DEMO, type TestClient, type TestContext } from '../../test/testApp';
import { TEST_DRIVER } from '../../test/testDb';
import { commitAndWait, genesisFixture, uploadAndAnalyze } from '../../test/monitoring';

/** Row counts of every table that holds monitoring data of a tenant. */
async function snapshot(t: TestContext, tenantId: string) {
  const q = async (table: string) =>
    (
      await t.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE tenant_id = $1`, [
        tenantId,
      ])
    )[0]!.n;
  return {
    areas: await q('areas'),
    versions: await q('area_versions'),
    indicators: await q('indicators'),
    dimensions: await q('dimensions'),
    series: await q('series'),
    observations: await q('observations'),
  };
}

describe(`imports: German messages, invisible characters, boundaries on ${TEST_DRIVER}`, () => {
  let t: TestContext;
  let admin: TestClient;
  let B: string; // Beispielkreis: starts without monitoring data
  let M: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.signIn(DEMO.admin.email, DEMO.admin.password);
    const s = await admin.session();
    B = s.memberships.find((m) => m.slug === 'beispielkreis')!.tenantId;
    M = s.memberships.find((m) => m.slug === 'musterstadt')!.tenantId;
  });
  afterAll(async () => t?.close());

  describe('no internal English error reaches the user', () => {
    it('a 200,000-digit number: the check fails in German, naming line and column, with a short message', async () => {
      const huge = '9'.repeat(200_000);
      const before = await snapshot(t, B);
      const run = await uploadAndAnalyze(
        admin,
        B,
        'riesig.csv',
        genesisFixture({
          code: '99910-01-01-4',
          rows: [{ key: '01001', name: 'Flensburg', label: 'Tageseinrichtung', u3: huge, u6: '1' }],
        }),
      );
      expect(run.status).toBe('failed');
      expect(run.error).toMatchObject({ code: 'value_too_large', file: 'riesig.csv', line: 10, column: 5 });
      expect(run.error!.message).toBe(
        'riesig.csv, Zeile 10, Spalte 5: Der Wert „99999999999999999999999…“ hat 200.000 Ziffern vor dem Komma; erlaubt sind höchstens 30.',
      );
      expect(await snapshot(t, B)).toEqual(before);
    });

    it('GeoJSON properties nested 100,000 levels deep: the file is checked, not „Maximum call stack size exceeded“', async () => {
      const depth = 100_000;
      const props = `{"KEY":"T1","NAME":"Tiefes Viertel","deep":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`;
      const ring = '[[10,54],[10.1,54],[10.1,54.1],[10,54.1],[10,54]]';
      const text = `{"type":"FeatureCollection","features":[{"type":"Feature","properties":${props},"geometry":{"type":"Polygon","coordinates":[${ring}]}}]}`;
      const run = await uploadAndAnalyze(admin, B, 'tief.geojson', text);
      expect(JSON.stringify(run.error)).not.toMatch(/call stack|Maximum/);
      expect(run.status, JSON.stringify(run.error)).toBe('ready');
      if (run.analysis?.kind !== 'boundaries') throw new Error('kind');
      expect(run.analysis.keyProperty).toBe('KEY');
      await admin.delete(`/api/tenants/${B}/imports/${run.id}`);
    });
  });

  describe('bidi and invisible characters in names and keys', () => {
    it('an import strips them from keys and names and says what it changed', async () => {
      const rows = [
        {
          // GENESIS keys are checked strictly by the parser (refused); names and labels are cleaned.
          key: '01003',
          name: 'Lübeck\u202Efdp.exe',
          label: 'Tages\u00ADeinrichtung',
          u3: '5',
          u6: '6',
        },
      ];
      const run = await uploadAndAnalyze(
        admin,
        B,
        '99930.csv',
        genesisFixture({ code: '99930-01-01-4', rows }),
      );
      if (run.analysis?.kind !== 'statistics') throw new Error(JSON.stringify(run.error));
      const w = run.analysis.warnings.join(' ');
      expect(w).toMatch(
        /Unsichtbare oder die Schreibrichtung ändernde Zeichen wurden aus Namen und Schlüsseln entfernt/,
      );
      expect(w).toContain('Gebietsname „Lübeckfdp.exe“ (Zeile 10): U+202E (Umkehrung der Schreibrichtung)');
      expect(w).toContain('Merkmalswert „Tageseinrichtung“: U+00AD (weiches Trennzeichen)');
      const done = await commitAndWait(admin, B, run.id, { createAreas: true });
      expect(done.status, JSON.stringify(done.error)).toBe('done');
      expect(done.result!.warnings.join(' ')).toContain('U+202E');
      const stored = await t.database.query<{ code: string; name: string }>(
        `SELECT code, name FROM areas WHERE tenant_id = $1 AND import_run_id = $2`,
        [B, done.id],
      );
      expect(stored).toEqual([{ code: '01003', name: 'Lübeckfdp.exe' }]);
      const labels = await t.database.query<{ label_de: string }>(
        `SELECT label_de FROM dimension_values WHERE tenant_id = $1 AND label_de LIKE 'Tages%'`,
        [B],
      );
      for (const l of labels) expect(l.label_de).not.toMatch(/\u00AD/);
      expect((await admin.post(`/api/tenants/${B}/imports/${done.id}/undo`)).statusCode).toBe(200);
    });

    it('boundary files lose them too, with a warning', async () => {
      const run = await uploadAndAnalyze(
        admin,
        B,
        'bidi.geojson',
        JSON.stringify({
          type: 'FeatureCollection',
          features: [
            {
              type: 'Feature',
              properties: { KEY: 'B\u200D1', NAME: 'Nord\u2066viertel' },
              geometry: {
                type: 'Polygon',
                coordinates: [
                  [
                    [10, 54],
                    [10.1, 54],
                    [10.1, 54.1],
                    [10, 54.1],
                    [10, 54],
                  ],
                ],
              },
            },
          ],
        }),
      );
      if (run.analysis?.kind !== 'boundaries') throw new Error(JSON.stringify(run.error));
      expect(run.analysis.warnings.join(' ')).toContain('U+200D (Verbinder ohne Breite)');
      expect(run.analysis.warnings.join(' ')).toContain('U+2066 (Isolierung links-nach-rechts)');
      expect(run.analysis.keys.created).toEqual([{ code: 'B1', name: 'Nordviertel', level: 'custom' }]);
      await admin.delete(`/api/tenants/${B}/imports/${run.id}`);
    });

    it('forms refuse them with a German message naming the character', async () => {
      const inds = (await admin.get(`/api/tenants/${M}/indicators`)).json() as Indicator[];
      const res = await admin.patch(`/api/tenants/${M}/indicators/${inds[0]!.id}`, {
        nameDe: 'Bevölkerung\u202Eegnähcs',
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().message).toContain(
        'Enthält unsichtbare oder die Schreibrichtung ändernde Zeichen: U+202E (Umkehrung der Schreibrichtung)',
      );
      const dims = (await admin.get(`/api/tenants/${M}/dimensions`)).json() as Array<{
        id: string;
        values: Array<{ code: string; label: string }>;
      }>;
      const d = dims[0]!;
      const dimRes = await admin.patch(`/api/tenants/${M}/dimensions/${d.id}`, {
        values: d.values.map((v, i) => ({ code: v.code, label: i === 0 ? `${v.label}\u200B` : v.label })),
      });
      expect(dimRes.statusCode).toBe(400);
      expect(dimRes.json().message).toContain('U+200B (Leerzeichen ohne Breite)');
      const after = (await admin.get(`/api/tenants/${M}/indicators`)).json() as Indicator[];
      expect(after[0]!.nameDe).toBe(inds[0]!.nameDe);
    });
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
});
