import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Body, MeetingDetail } from '@dkbm/contract';
import { createTestApp, DEMO, type TestContext, type TestClient } from '../../test/testApp';
import { TEST_DRIVER } from '../../test/testDb';
import { expectApiError, signInFresh, tenantIdBySlug } from '../../test/fixtures';
import { unzip } from '../assessment/testing';
import { DEMO_STEERING_BODY } from './network.demo';

/*
 * Agenda items embed a steering goal with its progress and a recommendation awaiting the body's decision
 * (issue 14): live while the meeting is prepared, frozen when the minutes are approved.
 */
describe(`steering embeds on agenda items on ${TEST_DRIVER}`, () => {
  let t: TestContext;
  let editor: TestClient;
  let viewer: TestClient;
  let M: string;
  let B: string;
  let base: string;

  const docxText = (bytes: Buffer) =>
    unzip(bytes)
      .get('word/document.xml')!
      .toString('utf8')
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ');

  beforeAll(async () => {
    t = await createTestApp({ config: { loginRateLimit: { max: 10_000, windowMs: 60_000 } } });
    M = await tenantIdBySlug(t, 'musterstadt');
    B = await tenantIdBySlug(t, 'beispielkreis');
    base = `/api/tenants/${M}/network`;
    editor = await signInFresh(t, DEMO.editor.email, DEMO.editor.password);
    viewer = await signInFresh(t, DEMO.viewer.email, DEMO.viewer.password);
  });
  afterAll(async () => t?.close());

  async function newMeeting(title: string): Promise<MeetingDetail> {
    const body = ((await viewer.get(`${base}/bodies`)).json() as Body[]).find(
      (b) => b.name === DEMO_STEERING_BODY,
    )!;
    const res = await editor.post(`${base}/meetings`, {
      bodyId: body.id,
      title,
      startsAt: '2030-03-01T09:00:00+01:00',
      endsAt: '2030-03-01T11:00:00+01:00',
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as MeetingDetail;
  }

  it('live while prepared, frozen at approval: later changes of goal and recommendation stay out', async () => {
    const steering = `/api/tenants/${M}/steering`;
    const goal = await editor.post(`${steering}/goals`, { title: 'Mehr Kinder in der Kita' });
    expect(goal.statusCode, goal.body).toBe(201);
    const goalId = (goal.json() as { id: string }).id;
    const rec = await editor.post(`${steering}/recommendations`, {
      title: 'Kita-Ausbau im Norden',
      text: 'Zwei neue Gruppen bis 2028.',
    });
    expect(rec.statusCode, rec.body).toBe(201);
    const recommendationId = (rec.json() as { id: string }).id;
    await editor.patch(`${steering}/recommendations/${recommendationId}`, { status: 'submitted' });

    const meeting = await newMeeting('Sitzung mit Zielen');
    const added = await editor.post(`${base}/meetings/${meeting.id}/agenda`, {
      title: 'Kita-Ausbau',
      goalId,
      recommendationId,
    });
    expect(added.statusCode, added.body).toBe(201);
    const item = (added.json() as MeetingDetail).agenda[0]!;
    expect(item.goal).toMatchObject({ goalId, title: 'Mehr Kinder in der Kita', frozen: false });
    expect(item.goal!.progressLabel).toBeTruthy();
    expect(item.recommendation).toMatchObject({
      recommendationId,
      title: 'Kita-Ausbau im Norden',
      status: 'submitted',
      frozen: false,
    });

    // While the meeting is prepared, changes in the steering loop show.
    await editor.patch(`${steering}/goals/${goalId}`, { title: 'Mehr Kinder in der Kindertagesbetreuung' });
    const live = ((await viewer.get(`${base}/meetings/${meeting.id}`)).json() as MeetingDetail).agenda[0]!;
    expect(live.goal!.title).toBe('Mehr Kinder in der Kindertagesbetreuung');

    const approved = await editor.post(`${base}/meetings/${meeting.id}/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
    const frozen = (approved.json() as MeetingDetail).agenda[0]!;
    expect(frozen.goal).toMatchObject({ title: 'Mehr Kinder in der Kindertagesbetreuung', frozen: true });
    expect(frozen.recommendation).toMatchObject({ status: 'submitted', frozen: true });
    const before = docxText((await viewer.get(`${base}/meetings/${meeting.id}/minutes.docx`)).rawPayload);
    expect(before).toContain('Ziel: Mehr Kinder in der Kindertagesbetreuung');
    expect(before).toContain('Handlungsempfehlung: Kita-Ausbau im Norden (dem Gremium vorgelegt)');

    // After approval: the goal is renamed and the recommendation adopted — the minutes stay as approved.
    await editor.patch(`${steering}/goals/${goalId}`, { title: 'Umbenanntes Ziel' });
    await editor.patch(`${steering}/recommendations/${recommendationId}`, { status: 'adopted' });
    const again = ((await viewer.get(`${base}/meetings/${meeting.id}`)).json() as MeetingDetail).agenda[0]!;
    expect(again.goal).toMatchObject({ title: 'Mehr Kinder in der Kindertagesbetreuung', frozen: true });
    expect(again.recommendation).toMatchObject({ status: 'submitted', frozen: true });
    const after = docxText((await viewer.get(`${base}/meetings/${meeting.id}/minutes.docx`)).rawPayload);
    expect(after).not.toContain('Umbenanntes Ziel');
    expect(after).toContain('(dem Gremium vorgelegt)');
  });

  it("another municipality's goal or recommendation is not found (404)", async () => {
    const [goal] = await t.database.query<{ id: string }>(
      `INSERT INTO steering_goals (tenant_id, title) VALUES ($1, 'Geheimes Kreisziel') RETURNING id`,
      [B],
    );
    const [rec] = await t.database.query<{ id: string }>(
      `INSERT INTO steering_recommendations (tenant_id, title, text) VALUES ($1, 'Geheime Kreisempfehlung', 'x') RETURNING id`,
      [B],
    );
    const meeting = await newMeeting('Sitzung ohne fremde Ziele');
    const url = `${base}/meetings/${meeting.id}/agenda`;
    const g = await editor.post(url, { title: 'Fremd', goalId: goal!.id });
    expectApiError(g, 404, 'not_found');
    const r = await editor.post(url, { title: 'Fremd', recommendationId: rec!.id });
    expectApiError(r, 404, 'not_found');
    expect(g.body + r.body).not.toContain('Geheim');
  });
});
