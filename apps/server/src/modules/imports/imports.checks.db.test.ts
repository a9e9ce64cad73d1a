import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Indicator } from '@dkbm/contract';
import { createTestApp, DEMO, type TestClient, type TestContext } from '../../test/testApp';
import { TEST_DRIVER } from '../../test/testDb';
import { commitAndWait, genesisFixture, uploadAndAnalyze, snapshot } from '../../test/monitoring';

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
});
