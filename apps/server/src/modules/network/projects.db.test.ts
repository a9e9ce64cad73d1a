import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, CooperationEdge, CooperationProject } from '@dkbm/contract';
import { createTestApp, DEMO, type TestContext, type TestClient } from '../../test/testApp';
import { TEST_DRIVER } from '../../test/testDb';
import { tenantIdBySlug } from '../../test/fixtures';
import { DEMO_PROJECTS } from './network.demo';

/* Kooperationsprojekte over HTTP, and the cooperation map counting shared projects beside shared bodies. */

describe(`cooperation projects and the cooperation map on ${TEST_DRIVER}`, () => {
  let t: TestContext;
  let editor: TestClient;
  let viewer: TestClient;
  let base: string;
  let actors: Actor[];
  const actor = (name: string) => actors.find((a) => a.name === name)!;
  const pair = (edges: CooperationEdge[], a: string, b: string) =>
    edges.find(
      (e) => (e.actorA.name === a && e.actorB.name === b) || (e.actorA.name === b && e.actorB.name === a),
    );

  beforeAll(async () => {
    t = await createTestApp();
    const M = await tenantIdBySlug(t, 'musterstadt');
    base = `/api/tenants/${M}/network`;
    editor = await t.signIn(DEMO.editor.email, DEMO.editor.password);
    viewer = await t.signIn(DEMO.viewer.email, DEMO.viewer.password);
    actors = (await viewer.get(`${base}/actors`)).json() as Actor[];
  });
  afterAll(async () => t?.close());

  it('lists the demo projects with actors, lead and whether they run today', async () => {
    const res = await viewer.get(`${base}/cooperation-projects`);
    expect(res.statusCode, res.body).toBe(200);
    const list = res.json() as CooperationProject[];
    expect(list.map((p) => p.name).toSorted()).toEqual(DEMO_PROJECTS.map((p) => p.name).toSorted());
    const language = list.find((p) => p.name === 'Sprachförderung in Kitas')!;
    expect(language).toMatchObject({
      topic: 'fruehkindliche_bildung',
      running: true,
      lead: { name: 'Jugendamt' },
    });
    expect(language.actors).toHaveLength(5);
    expect(list.find((p) => p.name === 'Musik für alle Grundschulkinder')!.running).toBe(false);
  });

  it('the map links actors of a running project and says which projects and bodies a pair shares', async () => {
    const edges = (await viewer.get(`${base}/cooperation`)).json() as CooperationEdge[];
    // Only through the language project: no body links the AWO and the Jugendamt.
    expect(pair(edges, 'AWO Kreisverband', 'Jugendamt')).toMatchObject({
      bodies: [],
      projects: [{ name: 'Sprachförderung in Kitas' }],
    });
    // Both: the Arbeitskreis and the vocational orientation project.
    expect(pair(edges, 'Gesamtschule Nord', 'Handwerkskammer')).toMatchObject({
      bodies: [{ name: 'Arbeitskreis Übergang Schule–Beruf' }],
      projects: [{ name: 'Kein Abschluss ohne Anschluss' }],
    });
    // The music project ended: it links nobody any more.
    expect(pair(edges, 'Grundschule am Park', 'Musikschule Musterstadt e. V.')).toBeUndefined();
    const csv = (await viewer.get(`${base}/cooperation.csv`)).body.replace(/^\uFEFF/, '').split('\r\n');
    expect(csv[0]).toBe(
      'Akteur A;Akteur B;Gemeinsame Gremien;Gemeinsame Projekte;Anzahl Gremien;Anzahl Projekte',
    );
    expect(csv).toContain(
      'Gesamtschule Nord;Handwerkskammer;Arbeitskreis Übergang Schule–Beruf;Kein Abschluss ohne Anschluss;1;1',
    );
  });

  it('the editor creates and changes a project; the map follows; the viewer may only read', async () => {
    const [a, b, c] = [actor('Stadtsportbund'), actor('Integrationsbüro'), actor('Sozialamt')];
    const input = {
      name: 'Bewegte Stadtteile',
      topic: 'non_formale_lernwelten',
      startsOn: '2025-01-01',
      actorIds: [a.id, b.id, a.id],
      leadActorId: a.id,
    };
    expect((await viewer.post(`${base}/cooperation-projects`, input)).statusCode).toBe(403);
    const created = await editor.post(`${base}/cooperation-projects`, input);
    expect(created.statusCode, created.body).toBe(201);
    const project = created.json() as CooperationProject;
    expect(project).toMatchObject({ running: true, endsOn: null, lead: { id: a.id } });
    expect(project.actors.map((x) => x.id).toSorted()).toEqual([a.id, b.id].toSorted());
    expect(
      pair((await viewer.get(`${base}/cooperation`)).json() as CooperationEdge[], a.name, b.name),
    ).toMatchObject({ bodies: [], projects: [{ id: project.id }] });

    const changed = await editor.patch(`${base}/cooperation-projects/${project.id}`, {
      actorIds: [a.id, c.id],
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const after = (await viewer.get(`${base}/cooperation`)).json() as CooperationEdge[];
    expect(pair(after, a.name, b.name)).toBeUndefined();
    expect(pair(after, a.name, c.name)?.projects.map((p) => p.id)).toEqual([project.id]);
    expect((await viewer.get(`${base}/cooperation-projects/${project.id}`)).json()).toMatchObject({
      name: 'Bewegte Stadtteile',
      lead: { id: a.id },
    });
    // Ended yesterday: off the map.
    await editor.patch(`${base}/cooperation-projects/${project.id}`, {
      startsOn: '2024-01-01',
      endsOn: '2024-12-31',
    });
    expect(
      pair((await viewer.get(`${base}/cooperation`)).json() as CooperationEdge[], a.name, c.name),
    ).toBeUndefined();
  });

  it('refuses a project of one actor, an end before the start and a lead who does not take part', async () => {
    const [a, b, c] = [actor('Stadtsportbund'), actor('Integrationsbüro'), actor('Sozialamt')];
    const ok = {
      name: 'Prüfprojekt',
      topic: 'weiterbildung',
      startsOn: '2025-03-01',
      actorIds: [a.id, b.id],
    };
    const cases: Array<[unknown, string]> = [
      [{ ...ok, actorIds: [a.id, a.id] }, 'actorIds'],
      [{ ...ok, endsOn: '2025-02-01' }, 'endsOn'],
      [{ ...ok, leadActorId: c.id }, 'leadActorId'],
    ];
    for (const [body, field] of cases) {
      const res = await editor.post(`${base}/cooperation-projects`, body);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json()).toMatchObject({ details: { field } });
    }
    const unknown = await editor.post(`${base}/cooperation-projects`, {
      ...ok,
      actorIds: [a.id, '00000000-0000-4000-8000-000000000000'],
    });
    expect(unknown.statusCode).toBe(404);
    const single = await editor.post(`${base}/cooperation-projects`, { ...ok, actorIds: [a.id] });
    expect(single.statusCode).toBe(400);
    expect(single.json().message).toContain('Beteiligte Akteure');
  });
});
