import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, CooperationEdge } from '@dkbm/contract';
import { createTestApp, DEMO, type TestContext, type TestClient } from '../../test/testApp';
import { TEST_DRIVER } from '../../test/testDb';
import { tenantIdBySlug } from '../../test/fixtures';
import { DEMO_ACTOR_AREAS } from './network.demo';

/* Areas of actors (Stadtteile of the monitoring) and the cooperation map's area filter. */

describe(`actors' areas and the cooperation map's area filter on ${TEST_DRIVER}`, () => {
  let t: TestContext;
  let editor: TestClient;
  let base: string;
  let areas: Array<{ id: string; name: string; parentId: string | null }>;

  beforeAll(async () => {
    t = await createTestApp();
    const M = await tenantIdBySlug(t, 'musterstadt');
    base = `/api/tenants/${M}/network`;
    editor = await t.signIn(DEMO.editor.email, DEMO.editor.password);
    areas = (await editor.get(`/api/tenants/${M}/areas`)).json() as typeof areas;
  });
  afterAll(async () => t?.close());

  it('the demo actors work in areas, and the map filtered by a district keeps exactly their pairs', async () => {
    const actors = (await editor.get(`${base}/actors`)).json() as Actor[];
    expect(actors.every((a) => a.areas.length > 0)).toBe(true);
    const district = areas.find((a) => a.parentId && (a as { code?: string }).code === '02')!;
    expect(district).toBeDefined();
    const inDistrict = new Set(
      Object.entries(DEMO_ACTOR_AREAS)
        .filter(([, codes]) => codes.includes('02'))
        .map(([name]) => name),
    );
    expect(
      new Set(actors.filter((a) => a.areas.some((r) => r.id === district.id)).map((a) => a.name)),
    ).toEqual(inDistrict);
    const all = (await editor.get(`${base}/cooperation`)).json() as CooperationEdge[];
    const filtered = (
      await editor.get(`${base}/cooperation?areaId=${district.id}`)
    ).json() as CooperationEdge[];
    const expected = all.filter((e) => inDistrict.has(e.actorA.name) || inDistrict.has(e.actorB.name));
    expect(filtered.length).toBeGreaterThan(0);
    expect(filtered).toEqual(expected);
  });

  it('an actor names its areas; a change of the name keeps topics and areas; unknown areas are refused', async () => {
    const [north, south] = areas.filter((a) => a.parentId);
    const created = await editor.post(`${base}/actors`, {
      name: 'Stadtteilschule Nord',
      scope: 'external',
      actorType: 'schule',
      topics: ['allgemeinbildende_schulen'],
      areaIds: [north!.id, north!.id],
    });
    expect(created.statusCode, created.body).toBe(201);
    const actor = created.json() as Actor;
    expect(actor.areas).toEqual([{ id: north!.id, name: north!.name }]);

    const renamed = await editor.patch(`${base}/actors/${actor.id}`, { name: 'Stadtteilschule Nord-Ost' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({
      name: 'Stadtteilschule Nord-Ost',
      topics: ['allgemeinbildende_schulen'],
      areas: [{ id: north!.id }],
    });
    const moved = await editor.patch(`${base}/actors/${actor.id}`, { areaIds: [south!.id] });
    expect((moved.json() as Actor).areas.map((a) => a.id)).toEqual([south!.id]);
    const unknown = await editor.patch(`${base}/actors/${actor.id}`, {
      areaIds: ['00000000-0000-4000-8000-000000000000'],
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('the area filter keeps pairs where one actor works in the area, also in the CSV', async () => {
    const area = areas.find((a) => a.parentId)!;
    const all = (await editor.get(`${base}/cooperation`)).json() as CooperationEdge[];
    expect(all.length).toBeGreaterThan(0);
    const none = (await editor.get(`${base}/cooperation?areaId=${area.id}`)).json() as CooperationEdge[];
    // Give one member of the steering group the area: its pairs, and only those, remain.
    const member = all[0]!.actorA;
    await editor.patch(`${base}/actors/${member.id}`, { areaIds: [area.id] });
    const res = await editor.get(`${base}/cooperation?areaId=${area.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const some = res.json() as CooperationEdge[];
    const withMember = all.filter((e) => e.actorA.id === member.id || e.actorB.id === member.id);
    expect(some.length).toBe(
      new Set([...none, ...withMember].map((e) => `${e.actorA.id}|${e.actorB.id}`)).size,
    );
    expect(
      some.every(
        (e) =>
          withMember.some((w) => w.actorA.id === e.actorA.id && w.actorB.id === e.actorB.id) ||
          none.some((n) => n.actorA.id === e.actorA.id && n.actorB.id === e.actorB.id),
      ),
    ).toBe(true);
    expect(some.length).toBeLessThan(all.length);
    const csv = (await editor.get(`${base}/cooperation.csv?areaId=${area.id}`)).body.trim().split('\r\n');
    expect(csv.length - 1).toBe(some.length);
    expect((await editor.get(`${base}/cooperation?areaId=kein-gebiet`)).statusCode).toBe(400);
  });

  it('an actor links its Träger in the Bildungswegweiser; an unknown Träger is 404', async () => {
    const M = base.split('/')[3]!;
    const providers = (await editor.get(`/api/tenants/${M}/directory/providers`)).json() as Array<{
      id: string;
      name: string;
    }>;
    expect(providers.length).toBeGreaterThan(0);
    const created = await editor.post(`${base}/actors`, {
      name: 'Volkshochschule Außenstelle',
      scope: 'external',
      actorType: 'vhs',
      providerId: providers[0]!.id,
    });
    expect(created.statusCode, created.body).toBe(201);
    const actor = created.json() as Actor;
    expect(actor.provider).toEqual({ id: providers[0]!.id, name: providers[0]!.name });
    const listed = ((await editor.get(`${base}/actors`)).json() as Actor[]).find((a) => a.id === actor.id)!;
    expect(listed.provider?.name).toBe(providers[0]!.name);
    const renamed = await editor.patch(`${base}/actors/${actor.id}`, { name: 'VHS Außenstelle Nord' });
    expect((renamed.json() as Actor).provider?.id).toBe(providers[0]!.id);
    const unlinked = await editor.patch(`${base}/actors/${actor.id}`, { providerId: null });
    expect((unlinked.json() as Actor).provider).toBeNull();
    const unknown = await editor.patch(`${base}/actors/${actor.id}`, {
      providerId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.statusCode).toBe(404);
  });
});
