import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  Actor,
  Body,
  BodyDetail,
  Enquiry,
  EnquiryStats,
  MeetingDetail,
  MeetingSummary,
  Person,
  CooperationEdge,
} from '@dkbm/contract';
import { createTestApp, DEMO, type TestContext, type TestClient } from '../../test/testApp';
import { TEST_DRIVER } from '../../test/testDb';
import { tenantIdBySlug } from '../../test/fixtures';
import { DEMO_RATE_INDICATOR } from '../monitoring/demo.constants';
import { DEMO_STEERING_BODY, DEMO_UPCOMING_MEETING } from './network.demo';
import { decisionsForRecommendations, linkDecisionToRecommendation } from './decisions.service';
import { tenantScope } from '../../platform/tenancy/scope';

describe(`network module on ${TEST_DRIVER}`, () => {
  let t: TestContext;
  let editor: TestClient;
  let viewer: TestClient;
  let base: string;
  let indicatorId: string;
  let areaId: string;
  let M: string;

  beforeAll(async () => {
    t = await createTestApp();
    M = await tenantIdBySlug(t, 'musterstadt');
    base = `/api/tenants/${M}/network`;
    editor = await t.signIn(DEMO.editor.email, DEMO.editor.password);
    viewer = await t.signIn(DEMO.viewer.email, DEMO.viewer.password);
    const inds = (await editor.get(`/api/tenants/${M}/indicators`)).json() as Array<{
      id: string;
      code: string;
    }>;
    indicatorId = inds.find((i) => i.code === DEMO_RATE_INDICATOR)!.id;
    const areas = (await editor.get(`/api/tenants/${M}/areas`)).json() as Array<{
      id: string;
      parentId: string | null;
    }>;
    areaId = areas.find((a) => !a.parentId)!.id;
  });
  afterAll(async () => t?.close());

  it('the demo municipality has 25 actors, 3 bodies, an approved and an upcoming meeting, 8 enquiries', async () => {
    const actors = (await viewer.get(`${base}/actors`)).json() as Actor[];
    expect(actors).toHaveLength(25);
    expect(new Set(actors.map((a) => a.scope))).toEqual(new Set(['internal', 'external']));
    const bodies = (await viewer.get(`${base}/bodies`)).json() as Body[];
    expect(bodies.map((b) => b.bodyType).toSorted()).toEqual([
      'arbeitskreis',
      'bildungsbeirat',
      'steuerungsgruppe',
    ]);
    const meetings = (await viewer.get(`${base}/meetings`)).json() as MeetingSummary[];
    const past = meetings.find((m) => m.minutesApprovedAt);
    expect(past).toBeDefined();
    const detail = (await viewer.get(`${base}/meetings/${past!.id}`)).json() as MeetingDetail;
    expect(detail.agenda[0]!.live).toMatchObject({ frozen: true });
    expect(detail.agenda.flatMap((a) => a.decisions)).toHaveLength(1);
    expect(detail.attendance.filter((a) => a.present)).toHaveLength(3);
    expect(meetings.some((m) => m.title === DEMO_UPCOMING_MEETING && !m.minutesApprovedAt)).toBe(true);
    const enquiries = (await viewer.get(`${base}/enquiries`)).json() as Enquiry[];
    expect(enquiries).toHaveLength(8);
    expect(new Set(enquiries.map((e) => e.status))).toEqual(new Set(['received', 'in_progress', 'answered']));
    // Reminders: the press enquiry is overdue; nothing is due within the next 7 days.
    expect(enquiries.filter((e) => e.overdue).map((e) => e.requesterType)).toEqual(['presse']);
    expect(enquiries.filter((e) => e.dueSoon)).toEqual([]);
  });

  it('a membership ends and stays on record; the body counts only active members', async () => {
    const actor = (
      await editor.post(`${base}/actors`, {
        name: 'Familienzentrum West',
        scope: 'external',
        actorType: 'verein',
        topics: ['fruehkindliche_bildung'],
      })
    ).json() as Actor;
    const created = await editor.post(`${base}/bodies`, {
      name: 'Arbeitskreis Frühe Hilfen',
      bodyType: 'arbeitskreis',
      chairActorId: actor.id,
    });
    expect(created.statusCode, created.body).toBe(201);
    const body = created.json() as BodyDetail;
    const joined = await editor.post(`${base}/bodies/${body.id}/memberships`, {
      actorId: actor.id,
      function: 'Vorsitz',
      validFrom: '2024-01-01',
    });
    expect(joined.statusCode, joined.body).toBe(201);
    const m = (joined.json() as BodyDetail).memberships[0]!;
    expect(m).toMatchObject({ actorName: 'Familienzentrum West', active: true });
    const early = await editor.post(`${base}/bodies/${body.id}/memberships/${m.id}/end`, {
      validTo: '2023-12-31',
    });
    expect(early.statusCode).toBe(400);
    const ended = await editor.post(`${base}/bodies/${body.id}/memberships/${m.id}/end`, {
      validTo: '2024-12-31',
    });
    expect(ended.statusCode, ended.body).toBe(200);
    const after = ended.json() as BodyDetail;
    expect(after.memberships).toEqual([
      expect.objectContaining({ id: m.id, validTo: '2024-12-31', active: false }),
    ]);
    expect(after.activeMembers).toBe(0);
  });

  it('a meeting shows live indicator values on its agenda until the minutes are approved, then frozen ones', async () => {
    const body = ((await viewer.get(`${base}/bodies`)).json() as Body[]).find(
      (b) => b.name === DEMO_STEERING_BODY,
    )!;
    const res = await editor.post(`${base}/meetings`, {
      bodyId: body.id,
      title: 'Sondersitzung',
      startsAt: '2030-02-01T09:00:00+01:00',
      endsAt: '2030-02-01T11:00:00+01:00',
      place: 'Rathaus',
    });
    expect(res.statusCode, res.body).toBe(201);
    const meeting = res.json() as MeetingDetail;
    expect(meeting.attendance.length).toBeGreaterThan(0);
    // An own indicator with one value for the municipality.
    const ind = await editor.post(`/api/tenants/${M}/indicators`, {
      code: 'sprachkurs_teilnehmende',
      nameDe: 'Teilnehmende an Sprachkursen',
      unit: 'Personen',
      topic: 'weiterbildung',
    });
    expect(ind.statusCode, ind.body).toBe(201);
    const ownIndicator = ind.json().id as string;
    const setValue = async (value: number) => {
      await t.database.query(
        `INSERT INTO series (tenant_id, indicator_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
        [M, ownIndicator],
      );
      await t.database.query(
        `DELETE FROM observations WHERE tenant_id = $1 AND series_id IN (SELECT id FROM series WHERE indicator_id = $2)`,
        [M, ownIndicator],
      );
      await t.database.query(
        `INSERT INTO observations (tenant_id, series_id, area_id, period, value)
         SELECT $1, s.id, $3, '2024-12-31', $4 FROM series s WHERE s.indicator_id = $2`,
        [M, ownIndicator, areaId, value],
      );
      await t.database.query(`UPDATE indicators SET data_version = data_version + 1 WHERE id = $1`, [
        ownIndicator,
      ]);
    };
    await setValue(480);
    const withItem = await editor.post(`${base}/meetings/${meeting.id}/agenda`, {
      title: 'Sprachkurse',
      indicatorId: ownIndicator,
      areaId,
    });
    expect(withItem.statusCode, withItem.body).toBe(201);
    const item = (withItem.json() as MeetingDetail).agenda[0]!;
    expect(item.live).toMatchObject({ indicatorId: ownIndicator, areaId, frozen: false });
    expect(item.live!.points.map((p) => [p.period, Number(p.value)])).toEqual([['2024-12-31', 480]]);

    // A new value in the monitoring shows in the meeting while it is being prepared.
    await setValue(512);
    const live = ((await editor.get(`${base}/meetings/${meeting.id}`)).json() as MeetingDetail).agenda[0]!
      .live!;
    expect(Number(live.points[0]!.value)).toBe(512);

    await editor.patch(`${base}/meetings/${meeting.id}/agenda/${item.id}`, { minutes: 'Quote besprochen.' });
    const decided = await editor.post(`${base}/meetings/${meeting.id}/decisions`, {
      agendaItemId: item.id,
      text: 'Ausbau wird fortgesetzt.',
      outcome: 'adopted',
    });
    expect(decided.statusCode, decided.body).toBe(201);
    const approved = await editor.post(`${base}/meetings/${meeting.id}/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
    const frozen = (approved.json() as MeetingDetail).agenda[0]!;
    expect(frozen).toMatchObject({ minutes: 'Quote besprochen.', live: { frozen: true } });
    expect(frozen.decisions).toEqual([expect.objectContaining({ text: 'Ausbau wird fortgesetzt.' })]);

    // Later changes of the monitoring no longer reach the approved meeting.
    await setValue(777);
    const again = ((await viewer.get(`${base}/meetings/${meeting.id}`)).json() as MeetingDetail).agenda[0]!;
    expect(Number(again.live!.points[0]!.value)).toBe(512);
    const locked = await editor.patch(`${base}/meetings/${meeting.id}/agenda/${item.id}`, {
      minutes: 'Nachträglich',
    });
    expect(locked.statusCode).toBe(409);
  });

  it('the meeting exports as an iCalendar file with its agenda', async () => {
    const meetings = (await viewer.get(`${base}/meetings`)).json() as MeetingSummary[];
    const upcoming = meetings.find((m) => m.title === DEMO_UPCOMING_MEETING)!;
    const res = await viewer.get(`${base}/meetings/${upcoming.id}/ics`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/calendar');
    expect(res.body).toContain('BEGIN:VEVENT');
    expect(res.body).toContain(`SUMMARY:${DEMO_STEERING_BODY}: ${DEMO_UPCOMING_MEETING}`);
    expect(res.body).toContain('TOP 1: Entwicklung der Betreuungsquote U3');
    expect(res.body).toContain(`UID:${upcoming.id}@dkbm`);
  });

  it('a series of meetings: numbered titles at the same Berlin time every n months, in one transaction', async () => {
    const bodies = (await editor.get(`${base}/bodies`)).json() as Body[];
    const bodyId = bodies.find((b) => b.name === DEMO_STEERING_BODY)!.id;
    const res = await editor.post(`${base}/meetings`, {
      bodyId,
      title: 'Jour fixe',
      startsAt: '2031-01-31T16:00:00+01:00',
      endsAt: '2031-01-31T17:30:00+01:00',
      repeat: { frequency: 'monthly', interval: 1, count: 4 },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect((res.json() as MeetingDetail).title).toBe('Jour fixe (1/4)');
    const series = ((await viewer.get(`${base}/meetings`)).json() as MeetingSummary[])
      .filter((m) => m.title.startsWith('Jour fixe'))
      .toSorted((a, b) => a.startsAt.localeCompare(b.startsAt));
    expect(series.map((m) => [m.title, m.startsAt])).toEqual([
      ['Jour fixe (1/4)', '2031-01-31T15:00:00.000Z'],
      ['Jour fixe (2/4)', '2031-02-28T15:00:00.000Z'],
      ['Jour fixe (3/4)', '2031-03-31T14:00:00.000Z'],
      ['Jour fixe (4/4)', '2031-04-30T14:00:00.000Z'],
    ]);
    const tooMany = await editor.post(`${base}/meetings`, {
      bodyId,
      title: 'Zu viele',
      startsAt: '2031-01-31T16:00:00+01:00',
      endsAt: '2031-01-31T17:30:00+01:00',
      repeat: { frequency: 'weekly', interval: 1, count: 25 },
    });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().message).toContain('Anzahl');
  });

  it('an enquiry answered before its due date counts as answered in time', async () => {
    const created = await editor.post(`${base}/enquiries`, {
      title: 'Anfrage zur Schulsozialarbeit',
      question: 'Wie viele Stellen gibt es?',
      requesterType: 'politik',
      requester: 'Jugendhilfeausschuss',
      topic: 'allgemeinbildende_schulen',
      receivedOn: '2026-01-05',
      dueOn: '2099-01-01',
      indicatorId,
    });
    expect(created.statusCode, created.body).toBe(201);
    const e = created.json() as Enquiry;
    expect(e).toMatchObject({ status: 'received', overdue: false, inTime: null });
    expect(e.indicatorName).toBeTruthy();
    const soon = await editor.patch(`${base}/enquiries/${e.id}`, {
      dueOn: new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10),
    });
    expect(soon.json()).toMatchObject({ dueSoon: true, overdue: false });
    const statsBefore = (await viewer.get(`${base}/enquiries/stats`)).json() as EnquiryStats;
    expect(statsBefore.dueSoon).toBe(1);
    const answered = await editor.patch(`${base}/enquiries/${e.id}`, {
      status: 'answered',
      answer: 'Es gibt 14 Stellen.',
    });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json()).toMatchObject({
      status: 'answered',
      inTime: true,
      answer: 'Es gibt 14 Stellen.',
    });
    const stats = (await viewer.get(`${base}/enquiries/stats`)).json() as EnquiryStats;
    expect(stats.answeredInTime).toBe(statsBefore.answeredInTime + 1);
    expect(stats.open).toBe(statsBefore.open - 1);
  });

  it('the cooperation map links active members of the same body; filters and CSV of edges', async () => {
    const all = (await viewer.get(`${base}/cooperation`)).json() as CooperationEdge[];
    const names = (e: CooperationEdge) => [e.actorA.name, e.actorB.name];
    // The statistics office left the steering group: no edge of it remains.
    expect(all.flatMap(names)).not.toContain('Amt für Stadtentwicklung und Statistik');
    expect(all.find((e) => names(e).includes('Jugendamt') && names(e).includes('Sozialamt'))?.bodies).toEqual(
      [expect.objectContaining({ name: DEMO_STEERING_BODY })],
    );
    const chambers = (await viewer.get(`${base}/cooperation?actorType=kammer`)).json() as CooperationEdge[];
    // Two chambers with five other members of the Arbeitskreis each, their own edge counted once (9),
    // and the Förderschule Süd they meet only in the project „Kein Abschluss ohne Anschluss“ (2).
    expect(chambers).toHaveLength(11);
    expect(chambers.every((e) => names(e).some((n) => n.endsWith('kammer')))).toBe(true);
    const csv = await viewer.get(`${base}/cooperation.csv?actorType=kammer`);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'Akteur A;Akteur B;Gemeinsame Gremien;Gemeinsame Projekte;Anzahl Gremien;Anzahl Projekte',
    );
    expect(lines).toHaveLength(12);
  });

  it('the steering seam links a decision to a recommendation and lists it for that recommendation', async () => {
    const M2 = await tenantIdBySlug(t, 'musterstadt');
    const s = tenantScope(t.database.db, M2);
    const meetings = (await viewer.get(`${base}/meetings`)).json() as MeetingSummary[];
    const past = meetings.find((m) => m.title === '1. Sitzung der Steuerungsgruppe')!;
    const decision = ((await viewer.get(`${base}/meetings/${past.id}`)).json() as MeetingDetail).agenda
      .flatMap((a) => a.decisions)
      .at(0)!;
    const recommendationId = crypto.randomUUID();
    expect(await decisionsForRecommendations(s, [recommendationId])).toEqual([]);
    await linkDecisionToRecommendation(s, decision.id, recommendationId);
    expect(await decisionsForRecommendations(s, [recommendationId])).toEqual([
      expect.objectContaining({
        decisionId: decision.id,
        recommendationId,
        outcome: 'adopted',
        bodyName: DEMO_STEERING_BODY,
        approved: true,
      }),
    ]);
    // Another municipality's scope sees nothing of it and cannot link it.
    const B = await tenantIdBySlug(t, 'beispielkreis');
    expect(await decisionsForRecommendations(tenantScope(t.database.db, B), [recommendationId])).toEqual([]);
    await expect(
      linkDecisionToRecommendation(tenantScope(t.database.db, B), decision.id, null),
    ).rejects.toThrow(/nicht gefunden/);
  });

  it('a PATCH naming one field keeps the others (topics are not reset to their default)', async () => {
    const created = (
      await editor.post(`${base}/actors`, {
        name: 'Familienzentrum Nord',
        scope: 'external',
        actorType: 'verein',
        topics: ['fruehkindliche_bildung'],
        website: 'https://example.org',
      })
    ).json() as Actor;
    expect(created.topics).toEqual(['fruehkindliche_bildung']);
    const renamed = await editor.patch(`${base}/actors/${created.id}`, {
      name: 'Familienzentrum Nordviertel',
    });
    expect(renamed.statusCode).toBe(200);
    const after = (await viewer.get(`${base}/actors`)).json() as Actor[];
    const actor = after.find((a) => a.id === created.id)!;
    expect(actor.name).toBe('Familienzentrum Nordviertel');
    expect(actor.topics).toEqual(['fruehkindliche_bildung']);
    expect(actor.website).toBe('https://example.org');
    expect(actor.actorType).toBe('verein');
    const body = (await viewer.get(`${base}/bodies`)).json() as Body[];
    const b = body.find((x) => x.mandate)!;
    await editor.patch(`${base}/bodies/${b.id}`, { name: `${b.name} (neu)` });
    const b2 = ((await viewer.get(`${base}/bodies`)).json() as Body[]).find((x) => x.id === b.id)!;
    expect(b2).toEqual({ ...b, name: `${b.name} (neu)` });
    await editor.patch(`${base}/bodies/${b.id}`, { name: b.name });
  });

  it('viewers read but change nothing', async () => {
    const res = await viewer.post(`${base}/actors`, { name: 'X', scope: 'external', actorType: 'verein' });
    expect(res.statusCode).toBe(403);
  });
});

describe(`network contacts (DSGVO) on ${TEST_DRIVER}`, () => {
  let t: TestContext;
  let editor: TestClient;
  let base: string;

  beforeAll(async () => {
    t = await createTestApp();
    const M = await tenantIdBySlug(t, 'musterstadt');
    base = `/api/tenants/${M}/network`;
    editor = await t.signIn(DEMO.editor.email, DEMO.editor.password);
  });
  afterAll(async () => t?.close());

  it('the demo flags a contact without activity for more than three years for review', async () => {
    const persons = (await editor.get(`${base}/persons`)).json() as Person[];
    expect(persons.filter((p) => p.reviewDue).map((p) => p.name)).toEqual(['Peter Probe']);
  });

  it('consent as legal basis needs the date of consent', async () => {
    const res = await editor.post(`${base}/persons`, {
      name: 'Ohne Datum',
      purpose: 'Einladungen',
      legalBasis: 'consent',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('consentOn');
  });

  it('exports all data of a person, erases the person in list and minutes, and never logs personal data', async () => {
    const name = 'Paula Protokollantin';
    const email = 'paula.protokoll@partner.example';
    const created = await editor.post(`${base}/persons`, {
      name,
      function: 'Schriftführung',
      email,
      phone: '+49 123 45678',
      purpose: 'Einladungen zum Bildungsbeirat',
      legalBasis: 'consent',
      consentOn: '2025-03-01',
    });
    expect(created.statusCode, created.body).toBe(201);
    const person = created.json() as Person;

    // Minutes that name her.
    const body = ((await editor.get(`${base}/bodies`)).json() as Body[])[0]!;
    const meeting = (
      await editor.post(`${base}/meetings`, {
        bodyId: body.id,
        title: 'Sitzung mit Protokoll',
        startsAt: '2030-04-01T09:00:00Z',
        endsAt: '2030-04-01T10:00:00Z',
      })
    ).json() as MeetingDetail;
    const withItem = (
      await editor.post(`${base}/meetings/${meeting.id}/agenda`, { title: 'Verschiedenes' })
    ).json() as MeetingDetail;
    const itemId = withItem.agenda[0]!.id;
    await editor.patch(`${base}/meetings/${meeting.id}/agenda/${itemId}`, {
      minutes: `${name} berichtet aus dem Elternrat. Dank an ${name}.`,
    });

    const exported = await editor.get(`${base}/persons/${person.id}/export`);
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-disposition']).toContain('attachment');
    expect(JSON.parse(exported.body).person).toMatchObject({
      name,
      email,
      phone: '+49 123 45678',
      purpose: 'Einladungen zum Bildungsbeirat',
      legalBasis: 'consent',
      consentOn: '2025-03-01',
    });

    const erased = await editor.post(`${base}/persons/${person.id}/erase`);
    expect(erased.statusCode, erased.body).toBe(200);
    expect(erased.json()).toMatchObject({
      name: 'ehemaliges Mitglied',
      email: null,
      phone: null,
      erased: true,
    });
    const after = (await editor.get(`${base}/meetings/${meeting.id}`)).json() as MeetingDetail;
    expect(after.agenda[0]!.minutes).toBe(
      'ehemaliges Mitglied berichtet aus dem Elternrat. Dank an ehemaliges Mitglied.',
    );
    const list = (await editor.get(`${base}/persons`)).json() as Person[];
    expect(list.some((p) => p.name === name)).toBe(false);

    const logged = t.logs.join('\n');
    // The log stream saw these requests (by route), but none of her data.
    expect(logged).toContain('/network/persons/:personId/erase');
    for (const secret of [name, email, '45678']) expect(logged).not.toContain(secret);
  });
});
