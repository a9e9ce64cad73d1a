import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  Finding,
  Indicator,
  MeetingDecisionOption,
  ObservationsResponse,
  SteeringOverview,
} from '@dkbm/contract';
import { createTestApp, DEMO, type TestContext } from '../../test/testApp';
import { TEST_DRIVER } from '../../test/testDb';
import { expectApiError, signInFresh, tenantIdBySlug, type AddressedClient } from '../../test/fixtures';

/* Measures with goals and progress notes, history and comments, the seam to the network module's bodies. */

const put = (c: AddressedClient, url: string, payload: unknown) =>
  c.request({ method: 'PUT', url, payload: payload as never });

describe(`steering loop (measures, history, bodies) on ${TEST_DRIVER}`, () => {
  let t: TestContext;
  let M: string;
  let B: string;
  let admin: AddressedClient;
  let editor: AddressedClient;
  let contributor: AddressedClient;
  let viewer: AddressedClient;

  beforeAll(async () => {
    t = await createTestApp({ config: { loginRateLimit: { max: 10_000, windowMs: 60_000 } } });
    M = await tenantIdBySlug(t, 'musterstadt');
    B = await tenantIdBySlug(t, 'beispielkreis');
    admin = await signInFresh(t, DEMO.admin.email, DEMO.admin.password);
    editor = await signInFresh(t, DEMO.editor.email, DEMO.editor.password);
    contributor = await signInFresh(t, DEMO.contributor.email, DEMO.contributor.password);
    viewer = await signInFresh(t, DEMO.viewer.email, DEMO.viewer.password);
  });
  afterAll(async () => t?.close());

  it('a measure serves several goals, has an organisation unit as responsible and dated progress notes', async () => {
    const api = (p: string) => `/api/tenants/${M}/steering${p}`;
    const before = (await viewer.get(api('/overview'))).json() as SteeringOverview;
    const unit = (name: string) => before.units.find((u) => u.name === name)!.id;
    // The demo: one measure serves two goals, the running ones carry progress notes.
    expect(before.measures.some((m) => m.goalIds.length === 2)).toBe(true);
    const kita = before.measures.find((m) => m.title.startsWith('Neubau Kita'))!;
    expect(kita.responsibleUnit?.name).toBe('Jugendamt');
    expect(kita.notes.map((n) => n.notedOn)).toEqual(['2025-11-20', '2025-06-12']);

    const goals = before.goals.slice(0, 3).map((g) => g.id);
    const created = await editor.post(api('/measures'), {
      title: 'Sprachkitas vernetzen',
      responsibleUnitId: unit('Schulverwaltungsamt'),
      goalIds: goals,
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const find = async () =>
      ((await viewer.get(api('/overview'))).json() as SteeringOverview).measures.find((m) => m.id === id)!;
    expect(await find()).toMatchObject({
      responsibleUnit: { id: unit('Schulverwaltungsamt'), name: 'Schulverwaltungsamt' },
      goalIds: expect.arrayContaining(goals),
      notes: [],
    });
    expect((await find()).goalIds).toHaveLength(3);
    // Changing the goals replaces them; a unit or goal of another municipality (or none) is not found.
    expect((await editor.patch(api(`/measures/${id}`), { goalIds: [goals[1]] })).statusCode).toBe(204);
    expect((await find()).goalIds).toEqual([goals[1]]);
    const missing = '00000000-0000-4000-8000-000000000000';
    expectApiError(
      await editor.patch(api(`/measures/${id}`), { responsibleUnitId: missing }),
      404,
      'not_found',
    );
    expectApiError(await editor.patch(api(`/measures/${id}`), { goalIds: [missing] }), 404, 'not_found');
    expectApiError(await editor.post(api('/measures'), { title: 'Ohne Stelle' }), 400, 'validation');

    // Progress notes: the editor always; a contributor only for a measure of their own unit.
    const note = await editor.post(api(`/measures/${id}/notes`), {
      notedOn: '2026-01-15',
      text: 'Auftakttreffen mit 8 Kitas.',
    });
    expect(note.statusCode, note.body).toBe(201);
    const body = { notedOn: '2026-03-01', text: 'Zweites Treffen.' };
    expect((await contributor.post(api(`/measures/${id}/notes`), body)).statusCode).toBe(403);
    expect((await viewer.post(api(`/measures/${kita.id}/notes`), body)).statusCode).toBe(403);
    const own = await contributor.post(api(`/measures/${kita.id}/notes`), body);
    expect(own.statusCode, own.body).toBe(201);
    expectApiError(
      await editor.post(api(`/measures/${id}/notes`), { notedOn: '2026-13-01', text: 'x' }),
      400,
      'validation',
    );
    const after = await find();
    expect(after.notes).toEqual([
      expect.objectContaining({
        notedOn: '2026-01-15',
        text: 'Auftakttreffen mit 8 Kitas.',
        user: expect.any(String),
      }),
    ]);
    const kitaAfter = ((await viewer.get(api('/overview'))).json() as SteeringOverview).measures.find(
      (m) => m.id === kita.id,
    )!;
    expect(kitaAfter.notes[0]).toMatchObject({ notedOn: '2026-03-01', text: 'Zweites Treffen.' });
    // Deleting a note: editors only; a second time it is not found.
    const noteUrl = api(`/measures/${kita.id}/notes/${own.json().id}`);
    expect((await contributor.delete(noteUrl)).statusCode).toBe(403);
    expect((await editor.delete(noteUrl)).statusCode).toBe(204);
    expect((await editor.delete(noteUrl)).statusCode).toBe(404);
    // Deleting the unit keeps the measure, without a responsible unit.
    const tmpUnit = (await editor.post(api('/units'), { name: 'Projektgruppe Sprache' })).json().id;
    await editor.patch(api(`/measures/${id}`), { responsibleUnitId: tmpUnit });
    expect((await editor.delete(api(`/units/${tmpUnit}`))).statusCode).toBe(204);
    expect((await find()).responsibleUnit).toBeNull();
  });

  it('a change (PATCH) keeps what it does not name: status and publication are not reset to defaults', async () => {
    const api = (p: string) => `/api/tenants/${M}/steering${p}`;
    const o = (await viewer.get(api('/overview'))).json() as SteeringOverview;
    const goal = o.goals.find((g) => g.isPublic && g.status === 'active' && !g.parentId)!;
    const planned = o.goals.find((g) => g.status === 'planned')!;
    const measure = o.measures.find((m) => m.status === 'completed')!;
    expect((await editor.patch(api(`/goals/${goal.id}`), { owner: 'Bildungsbüro' })).statusCode).toBe(204);
    expect((await editor.patch(api(`/goals/${planned.id}`), { owner: 'Sozialamt' })).statusCode).toBe(204);
    expect((await editor.patch(api(`/measures/${measure.id}`), { partners: 'VHS' })).statusCode).toBe(204);
    const after = (await viewer.get(api('/overview'))).json() as SteeringOverview;
    expect(after.goals.find((g) => g.id === goal.id)).toMatchObject({ isPublic: true, status: 'active' });
    expect(after.goals.find((g) => g.id === planned.id)).toMatchObject({ status: 'planned' });
    expect(after.measures.find((m) => m.id === measure.id)).toMatchObject({
      status: 'completed',
      partners: 'VHS',
    });
  });

  it('comments and history on decisions, measures and recommendations: who changed what, when', async () => {
    const api = (p: string) => `/api/tenants/${M}/steering${p}`;
    const o = (await viewer.get(api('/overview'))).json() as SteeringOverview;
    const decision = o.decisions.find((d) => d.number === 'JHA/2025/017')!;
    const measure = o.measures.find((m) => m.title.startsWith('Qualifizierungsoffensive'))!;
    const rec = o.recommendations.find((r) => r.status === 'submitted')!;
    // Comments: contributors write on decisions and measures too; viewers read.
    for (const path of [`/decisions/${decision.id}`, `/measures/${measure.id}`]) {
      const c = await contributor.post(api(`${path}/comments`), { text: 'Bitte im Mai berichten.' });
      expect(c.statusCode, c.body).toBe(201);
      expect((await viewer.post(api(`${path}/comments`), { text: 'x' })).statusCode).toBe(403);
      expect((await viewer.get(api(`${path}/comments`))).json()).toEqual([
        expect.objectContaining({ text: 'Bitte im Mai berichten.', user: expect.any(String) }),
      ]);
    }
    // Changes are recorded with the person and in German.
    expect((await editor.patch(api(`/measures/${measure.id}`), { status: 'paused' })).statusCode).toBe(204);
    expect(
      (await editor.patch(api(`/measures/${measure.id}`), { partners: 'VHS', budgetSpent: '30000.00' }))
        .statusCode,
    ).toBe(204);
    expect(
      (await editor.patch(api(`/recommendations/${rec.id}`), { status: 'deferred', priority: 'low' }))
        .statusCode,
    ).toBe(204);
    expect((await editor.patch(api(`/recommendations/${rec.id}`), { priority: 'high' })).statusCode).toBe(
      204,
    );
    const history = async (path: string) => {
      const res = await viewer.get(api(`${path}/history`));
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as Array<{ at: string; user: string | null; action: string; summary: string }>;
    };
    const editorName = (await editor.get('/api/auth/session')).json().user.displayName as string;
    const mh = await history(`/measures/${measure.id}`);
    expect(mh.slice(0, 3)).toEqual([
      expect.objectContaining({
        user: editorName,
        action: 'updated',
        summary: expect.stringMatching(/Partner/),
      }),
      expect.objectContaining({ user: editorName, action: 'status', summary: 'Status: läuft → pausiert' }),
      expect.objectContaining({ action: 'comment', summary: 'Kommentar geschrieben' }),
    ]);
    expect(mh.filter((h) => h.action === 'created')).toEqual([expect.objectContaining({ user: null })]);
    const rh = await history(`/recommendations/${rec.id}`);
    expect(rh[0]).toMatchObject({ action: 'updated', summary: 'Geändert: Priorität' });
    expect(rh[1]).toMatchObject({
      action: 'status',
      summary: 'Status: dem Gremium vorgelegt → zurückgestellt',
    });
    const dh = await history(`/decisions/${decision.id}`);
    expect(dh.map((h) => h.action)).toEqual(['comment', 'created']);
    // The recommendations a decision named carry it in their history, with the outcome in German.
    const amended = o.recommendations.find((r) =>
      r.decisions.some((d) => d.decisionId === decision.id && d.outcome === 'adopted_amended'),
    )!;
    expect((await history(`/recommendations/${amended.id}`)).map((h) => h.summary)).toContain(
      'Beschluss JHA/2025/017 (Jugendhilfeausschuss): geändert beschlossen',
    );
    // An id of another kind is not found.
    expect((await viewer.get(api(`/decisions/${measure.id}/history`))).statusCode).toBe(404);
  });

  it("a body's decision taken in a meeting is chosen at the recommendation (network module's service)", async () => {
    const api = (p: string) => `/api/tenants/${M}/steering${p}`;
    const o = (await viewer.get(api('/overview'))).json() as SteeringOverview;
    const rec = o.recommendations.find((r) => r.title.startsWith('Kita-Plätze'))!;
    // The demo links the steering group's decision to this recommendation, so a newcomer sees the pair.
    expect(rec.meetingDecisions).toEqual([
      expect.objectContaining({
        outcome: 'adopted',
        bodyName: 'Steuerungsgruppe Bildung',
        meetingTitle: '1. Sitzung der Steuerungsgruppe',
        approved: true,
      }),
    ]);
    const decisionId = rec.meetingDecisions[0]!.decisionId;
    // The choices for the picker: every meeting decision with the recommendation it is linked to.
    const choices = async () => {
      const res = await viewer.get(api('/meeting-decisions'));
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as MeetingDecisionOption[];
    };
    expect((await choices()).find((d) => d.decisionId === decisionId)).toMatchObject({
      recommendationId: rec.id,
      bodyName: 'Steuerungsgruppe Bildung',
    });
    // Unknown decision: 404; unlinking a decision that is not linked to this recommendation: 404.
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect(
      (await put(editor, api(`/recommendations/${rec.id}/meeting-decisions`), { meetingDecisionId: unknown }))
        .statusCode,
    ).toBe(404);
    const otherRec = o.recommendations.find((r) => r.id !== rec.id)!;
    expect(
      (await editor.delete(api(`/recommendations/${otherRec.id}/meeting-decisions/${decisionId}`)))
        .statusCode,
    ).toBe(404);
    expect(
      (await editor.delete(api(`/recommendations/${rec.id}/meeting-decisions/${decisionId}`))).statusCode,
    ).toBe(204);
    const find = async (id: string) =>
      ((await viewer.get(api('/overview'))).json() as SteeringOverview).recommendations.find(
        (r) => r.id === id,
      )!;
    expect((await find(rec.id)).meetingDecisions).toEqual([]);
    expect((await choices()).find((d) => d.decisionId === decisionId)!.recommendationId).toBeNull();
    // Choosing it again: editors only.
    const body = { meetingDecisionId: decisionId };
    const url = api(`/recommendations/${rec.id}/meeting-decisions`);
    expect((await put(contributor, url, body)).statusCode).toBe(403);
    expect((await put(editor, url, body)).statusCode).toBe(204);
    expect((await find(rec.id)).meetingDecisions.map((d) => d.decisionId)).toEqual([decisionId]);
    expect((await viewer.get(api(`/recommendations/${rec.id}/history`))).json()[0]).toMatchObject({
      action: 'meeting_decision',
    });
  });

  it('a recommendation is addressed to bodies of the network module', async () => {
    const api = (p: string) => `/api/tenants/${M}/steering${p}`;
    const o = (await viewer.get(api('/overview'))).json() as SteeringOverview;
    expect(o.bodies.map((b) => b.name)).toContain('Steuerungsgruppe Bildung');
    // The demo addresses one recommendation to the steering group.
    expect(o.recommendations.filter((r) => r.bodies.length).map((r) => r.bodies)).toEqual([
      [{ id: expect.any(String), name: 'Steuerungsgruppe Bildung' }],
    ]);
    const [first, second] = o.bodies;
    const created = await editor.post(api('/recommendations'), {
      title: 'Bildungsmonitoring im Beirat vorstellen',
      text: 'Jährlich im Bildungsbeirat berichten.',
      bodyIds: [first!.id, second!.id, first!.id],
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const find = async () =>
      ((await viewer.get(api('/overview'))).json() as SteeringOverview).recommendations.find(
        (r) => r.id === id,
      )!;
    expect((await find()).bodies.map((b) => b.id).toSorted()).toEqual([first!.id, second!.id].toSorted());
    expect((await editor.patch(api(`/recommendations/${id}`), { bodyIds: [second!.id] })).statusCode).toBe(
      204,
    );
    expect((await find()).bodies).toEqual([{ id: second!.id, name: second!.name }]);
    // A body of another municipality (or none) is not found; the recommendation keeps its bodies.
    const foreign = ((await admin.get(`/api/tenants/${B}/steering/overview`)).json() as SteeringOverview)
      .bodies;
    const unknown = foreign[0]?.id ?? '00000000-0000-4000-8000-000000000000';
    expectApiError(
      await editor.patch(api(`/recommendations/${id}`), { bodyIds: [unknown] }),
      404,
      'not_found',
    );
    expect((await find()).bodies).toEqual([{ id: second!.id, name: second!.name }]);
  });

  it("a decision's body is chosen from the network module's bodies, free text only for bodies outside it", async () => {
    const api = (p: string) => `/api/tenants/${M}/steering${p}`;
    const o = (await viewer.get(api('/overview'))).json() as SteeringOverview;
    // The demo: the steering group (network body) decides, the city council stays free text.
    const group = o.bodies.find((b) => b.name === 'Steuerungsgruppe Bildung')!;
    expect(o.decisions.find((d) => d.bodyId === group.id)).toMatchObject({
      body: 'Steuerungsgruppe Bildung',
    });
    expect(o.decisions.find((d) => d.body === 'Stadtrat')).toMatchObject({ bodyId: null });
    const beirat = o.bodies.find((b) => b.name !== group.name)!;
    const chosen = await editor.post(api('/decisions'), {
      bodyId: beirat.id,
      decidedOn: '2025-09-01',
      wording: 'Der Beirat nimmt den Bericht zur Kenntnis.',
    });
    expect(chosen.statusCode, chosen.body).toBe(201);
    const id = chosen.json().id as string;
    const decision = async () =>
      ((await viewer.get(api('/overview'))).json() as SteeringOverview).decisions.find((d) => d.id === id)!;
    expect(await decision()).toMatchObject({ bodyId: beirat.id, body: beirat.name });
    // Renamed in the network module: the decision shows the body's current name.
    const renamed = await editor.patch(`/api/tenants/${M}/network/bodies/${beirat.id}`, {
      name: `${beirat.name} (neu)`,
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(await decision()).toMatchObject({ bodyId: beirat.id, body: `${beirat.name} (neu)` });
    await editor.patch(`/api/tenants/${M}/network/bodies/${beirat.id}`, { name: beirat.name });
    // Neither a body nor a name: 400 naming the field; a body of another municipality: 404.
    expectApiError(
      await editor.post(api('/decisions'), { decidedOn: '2025-09-01', wording: 'Ohne Gremium.' }),
      400,
      'bad_request',
    );
    const foreign = ((await admin.get(`/api/tenants/${B}/steering/overview`)).json() as SteeringOverview)
      .bodies;
    const unknown = foreign[0]?.id ?? '00000000-0000-4000-8000-000000000000';
    expectApiError(
      await editor.post(api('/decisions'), { bodyId: unknown, decidedOn: '2025-09-01', wording: 'Fremd.' }),
      404,
      'not_found',
    );
    expect((await editor.delete(api(`/decisions/${id}`))).statusCode).toBe(204);
  });

  it('the demo has findings in a report section, resting recommendations, comments and history', async () => {
    const api = (p: string) => `/api/tenants/${M}/steering${p}`;
    const demo = ((await viewer.get(api('/findings'))).json() as Finding[]).filter((f) =>
      f.statement.startsWith('Die '),
    );
    expect(demo.length).toBeGreaterThanOrEqual(2);
    for (const f of demo) {
      expect(f.reportSection).toMatchObject({ chapterTitle: 'Frühkindliche Bildung' });
      expect(f.recommendationIds.length).toBeGreaterThan(0);
      expect(f.values.some((v) => v.value !== null)).toBe(true);
    }
    const url = api(`/findings/${demo[0]!.id}`);
    // Comments: contributors may comment; history shows who did what.
    const c = await contributor.post(`${url}/comments`, { text: 'Quelle: Kita-Statistik.' });
    expect(c.statusCode, c.body).toBe(201);
    expect(
      ((await viewer.get(`${url}/comments`)).json() as Array<{ text: string }>).map((x) => x.text),
    ).toEqual(['Quelle: Kita-Statistik.']);
    const history = (await viewer.get(`${url}/history`)).json() as Array<{ action: string; summary: string }>;
    expect(history.map((h) => h.action)).toEqual(expect.arrayContaining(['created', 'linked', 'comment']));
    expectApiError(
      await viewer.get(api('/findings/00000000-0000-4000-8000-000000000000/history')),
      404,
      'not_found',
    );
  });

  it('a finding is linked to a report section (reports module) and to the recommendations resting on it', async () => {
    const api = (p: string) => `/api/tenants/${M}/steering${p}`;
    const sections = (await viewer.get(api('/report-sections'))).json() as Array<{
      chapterId: string;
      chapterTitle: string;
      reportTitle: string;
    }>;
    const section = sections.find((x) => x.chapterTitle === 'Frühkindliche Bildung')!;
    expect(section).toBeDefined();
    // A finding on a demo indicator's value.
    const indicators = (await viewer.get(`/api/tenants/${M}/indicators`)).json() as Indicator[];
    let cited: { indicatorId: string; areaId: string; period: string; dims: Record<string, string> } | null =
      null;
    for (const ind of indicators) {
      const obs = (
        await viewer.get(`/api/tenants/${M}/indicators/${ind.id}/observations`)
      ).json() as ObservationsResponse;
      const o = obs.observations.find((x) => x.value !== null);
      if (o) {
        cited = { indicatorId: ind.id, areaId: o.areaId, period: o.period, dims: o.dims };
        break;
      }
    }
    const created = await editor.post(api('/findings'), {
      statement: 'Befund für den Bericht.',
      indicatorId: cited!.indicatorId,
      areaIds: [cited!.areaId],
      period: cited!.period,
      dims: cited!.dims,
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const o = (await viewer.get(api('/overview'))).json() as SteeringOverview;
    const recs = o.recommendations.slice(0, 2).map((r) => r.id);
    expect(
      (await contributor.patch(api(`/findings/${id}`), { reportChapterId: section.chapterId })).statusCode,
    ).toBe(403);
    const linked = await editor.patch(api(`/findings/${id}`), {
      reportChapterId: section.chapterId,
      recommendationIds: recs,
    });
    expect(linked.statusCode, linked.body).toBe(204);
    const find = async () =>
      ((await viewer.get(api('/findings'))).json() as Finding[]).find((f) => f.id === id)!;
    expect(await find()).toMatchObject({
      reportSection: { chapterId: section.chapterId, chapterTitle: 'Frühkindliche Bildung' },
    });
    expect((await find()).recommendationIds.toSorted()).toEqual(recs.toSorted());
    // A chapter or recommendation that is not this municipality's is not found; nothing changes.
    const missing = '00000000-0000-4000-8000-000000000000';
    expectApiError(
      await editor.patch(api(`/findings/${id}`), { reportChapterId: missing }),
      404,
      'not_found',
    );
    expectApiError(
      await editor.patch(api(`/findings/${id}`), { recommendationIds: [missing] }),
      404,
      'not_found',
    );
    expect((await find()).reportSection?.chapterId).toBe(section.chapterId);
    // Unlinking the section keeps the recommendations.
    expect((await editor.patch(api(`/findings/${id}`), { reportChapterId: null })).statusCode).toBe(204);
    expect(await find()).toMatchObject({
      reportSection: null,
      recommendationIds: expect.arrayContaining(recs),
    });
  });
});
