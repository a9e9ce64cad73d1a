import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@dkbm/contract';
import { createTestApp, DEMO, type TestClient, type TestContext } from '../../test/testApp';
import { TEST_DRIVER } from '../../test/testDb';
import { createUserViaApi } from '../../test/fixtures';
import { genesisFixture, importFile, uploadAndAnalyze, waitForRun } from '../../test/monitoring';

const ROWS = [
  { key: '01001', name: 'Flensburg', label: 'Tageseinrichtung', u3: '641', u6: '2148' },
  { key: '01002', name: 'Kiel', label: 'Tageseinrichtung', u3: '1906', u6: '5542' },
];

let seq = 0;
const file = () => {
  seq += 1;
  const code = `9992${seq}-01-01-4`;
  return { name: `${code}.csv`, content: genesisFixture({ code, rows: ROWS }) };
};

const square = (x: number) => [
  [
    [x, 54],
    [x + 0.1, 54],
    [x + 0.1, 54.1],
    [x, 54.1],
    [x, 54],
  ],
];

/** Row counts of what an import of Musterstadt can change. */
async function counts(t: TestContext, tenantId: string) {
  const q = async (sql: string) => (await t.database.query<{ n: number }>(sql, [tenantId]))[0]!.n;
  return {
    areas: await q('SELECT count(*)::int AS n FROM areas WHERE tenant_id = $1'),
    keyMappings: await q('SELECT count(*)::int AS n FROM key_mappings WHERE tenant_id = $1'),
    observations: await q('SELECT count(*)::int AS n FROM observations WHERE tenant_id = $1'),
  };
}

describe(`import runs: ids in request bodies and who may change a run, on ${TEST_DRIVER}`, () => {
  let t: TestContext;
  let admin: TestClient;
  let editor: TestClient;
  let contributor: TestClient;
  let contributor2: TestClient;
  let viewer: TestClient;
  let M: string;
  let B: string;
  let foreignArea: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.signIn(DEMO.admin.email, DEMO.admin.password);
    editor = await t.signIn(DEMO.editor.email, DEMO.editor.password);
    contributor = await t.signIn(DEMO.contributor.email, DEMO.contributor.password);
    viewer = await t.signIn(DEMO.viewer.email, DEMO.viewer.password);
    const s = await admin.session();
    M = s.memberships.find((m) => m.slug === 'musterstadt')!.tenantId;
    B = s.memberships.find((m) => m.slug === 'beispielkreis')!.tenantId;
    const other = await createUserViaApi(admin, M, 'contributor');
    contributor2 = await t.signIn(other.email, other.password);
    // An area of the other municipality (Beispielkreis), made by its admin.
    await importFile(admin, B, 'b.csv', genesisFixture({ code: '99920-01-01-4', rows: ROWS }));
    const areas = (await admin.get(`/api/tenants/${B}/areas`)).json() as Array<{ id: string; code: string }>;
    foreignArea = areas.find((a) => a.code === '01001')!.id;
  });
  afterAll(async () => t?.close());

  describe('every id inside a request body belongs to the tenant (404 otherwise)', () => {
    it('keyMappings[].areaId of another tenant: analyze and commit answer 404, nothing is saved', async () => {
      const f = file();
      const run = await uploadAndAnalyze(editor, M, f.name, f.content);
      const body = {
        createAreas: false,
        keyMappings: [{ sourceKey: '01001', areaId: foreignArea }],
        saveKeyMappings: true,
        skipUnmatched: true,
      };
      const before = await counts(t, M);
      const a = await editor.post(`/api/tenants/${M}/imports/${run.id}/analyze`, body);
      expect(a.statusCode, a.body).toBe(404);
      expect(a.json()).toMatchObject({ error: 'not_found', details: { field: 'keyMappings' } });
      const c = await editor.post(`/api/tenants/${M}/imports/${run.id}/commit`, body);
      expect(c.statusCode, c.body).toBe(404);
      expect((await waitForRun(editor, M, run.id)).status).toBe('ready');
      expect(await counts(t, M)).toEqual(before);
      const saved = (await editor.get(`/api/tenants/${M}/key-mappings`)).json() as Array<{ areaId: string }>;
      expect(saved.map((m) => m.areaId)).not.toContain(foreignArea);
    });

    it('parentAreaId of another tenant in a boundary import: 404, no area gets that parent', async () => {
      const geo = JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { KEY: 'X1', NAME: 'Fremdviertel' },
            geometry: { type: 'Polygon', coordinates: square(10) },
          },
        ],
      });
      const run = await uploadAndAnalyze(editor, M, 'viertel.geojson', geo);
      const res = await editor.post(`/api/tenants/${M}/imports/${run.id}/commit`, {
        level: 'planungsraum',
        keyProperty: 'KEY',
        parentAreaId: foreignArea,
      });
      expect(res.statusCode, res.body).toBe(404);
      expect(res.json().details).toEqual({ field: 'parentAreaId' });
      const withParent = await t.database.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM areas WHERE parent_id = $1 AND tenant_id = $2',
        [foreignArea, M],
      );
      expect(withParent[0]!.n).toBe(0);
    });

    it('an own area in keyMappings still works', async () => {
      const own = (await editor.get(`/api/tenants/${M}/areas`)).json() as Array<{ id: string }>;
      const f = file();
      const run = await uploadAndAnalyze(editor, M, f.name, f.content);
      const res = await editor.post(`/api/tenants/${M}/imports/${run.id}/analyze`, {
        createAreas: false,
        keyMappings: [{ sourceKey: '01001', areaId: own[0]!.id }],
      });
      expect(res.statusCode, res.body).toBe(202);
    });
  });

  describe('one ownership rule for runs: contributors their own, editors and admins all', () => {
    const clients = () => ({ admin, editor, contributor, contributor2, viewer });
    type Who = keyof ReturnType<typeof clients>;
    // Expected status when `who` acts on a run that the contributor started (403 = not allowed).
    const expected: Record<Who, { own: boolean; status: 'ok' | 403 }> = {
      admin: { own: false, status: 'ok' },
      editor: { own: false, status: 'ok' },
      contributor: { own: true, status: 'ok' },
      contributor2: { own: false, status: 403 },
      viewer: { own: false, status: 403 },
    };
    const roleOf: Record<Who, Role> = {
      admin: 'admin',
      editor: 'editor',
      contributor: 'contributor',
      contributor2: 'contributor',
      viewer: 'viewer',
    };

    for (const who of Object.keys(expected) as Who[]) {
      const e = expected[who];
      it(`${who} (${roleOf[who]}, ${e.own ? 'own run' : 'run of the contributor'}): analyze, commit, undo and discard → ${e.status}`, async () => {
        const c = clients()[who];
        // Discard.
        const f1 = file();
        const r1 = await uploadAndAnalyze(contributor, M, f1.name, f1.content);
        const del = await c.delete(`/api/tenants/${M}/imports/${r1.id}`);
        expect(del.statusCode, del.body).toBe(e.status === 'ok' ? 200 : 403);
        // Analyze and commit.
        const f2 = file();
        const r2 = await uploadAndAnalyze(contributor, M, f2.name, f2.content);
        const an = await c.post(`/api/tenants/${M}/imports/${r2.id}/analyze`, { createAreas: true });
        expect(an.statusCode, an.body).toBe(e.status === 'ok' ? 202 : 403);
        await waitForRun(contributor, M, r2.id);
        const cm = await c.post(`/api/tenants/${M}/imports/${r2.id}/commit`, { createAreas: true });
        expect(cm.statusCode, cm.body).toBe(e.status === 'ok' ? 202 : 403);
        const after = await waitForRun(contributor, M, r2.id);
        expect(after.status).toBe(e.status === 'ok' ? 'done' : 'ready');
        // Undo (of a run the contributor committed).
        const f3 = file();
        const r3 = await importFile(contributor, M, f3.name, f3.content);
        const un = await c.post(`/api/tenants/${M}/imports/${r3.id}/undo`);
        expect(un.statusCode, un.body).toBe(e.status === 'ok' ? 200 : 403);
        if (e.status === 403) {
          if (who === 'contributor2') expect(un.json().message).toMatch(/Redaktion und Administration/);
          // Clean up as the owner.
          await contributor.post(`/api/tenants/${M}/imports/${r3.id}/undo`);
          await contributor.delete(`/api/tenants/${M}/imports/${r2.id}`);
        } else if (after.status === 'done') {
          await admin.post(`/api/tenants/${M}/imports/${r2.id}/undo`);
        }
      });
    }

    it('a run of the command line (no person) can be changed by editors and admins only', async () => {
      const f = file();
      const r = await uploadAndAnalyze(editor, M, f.name, f.content);
      await t.database.query('UPDATE import_runs SET created_by = NULL WHERE id = $1', [r.id]);
      expect((await contributor.delete(`/api/tenants/${M}/imports/${r.id}`)).statusCode).toBe(403);
      expect((await editor.delete(`/api/tenants/${M}/imports/${r.id}`)).statusCode).toBe(200);
    });
  });
});
