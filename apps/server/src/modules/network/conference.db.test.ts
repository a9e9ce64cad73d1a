import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Conference, Registration } from '@dkbm/contract';
import { createTestApp, DEMO, type TestContext, type TestClient } from '../../test/testApp';
import { TEST_DRIVER } from '../../test/testDb';
import { tenantIdBySlug } from '../../test/fixtures';
import { tenantScope } from '../../platform/tenancy/scope';
import { csrfOf, getForm, postForm } from '../assessment/testing';
import { DEMO_CONFERENCE_SLUG, DEMO_FULL_WORKSHOP } from './conference.demo';
import { CONFERENCE_POST_LIMIT, MIN_FILL_MS } from './conference.public.routes';
import { purgeExpiredParticipants } from './conferences.service';

/** Bildungskonferenz: workbench API, public registration without JavaScript, waiting list, feedback, erasure. */
describe(`Bildungskonferenz on ${TEST_DRIVER}`, () => {
  let t: TestContext;
  let editor: TestClient;
  let viewer: TestClient;
  let base: string;
  let M: string;
  let conference: Conference;
  const page = '/kommune/musterstadt/konferenz/fachtag-test';
  let address = 0;
  const people = new Map<string, { c: TestClient; link: string }>();
  /** A new browser (own cookies, own address so the rate limit of one test does not touch another). */
  const browser = () => {
    const c = t.client();
    const ip = `10.0.0.${++address}`;
    const request = c.request.bind(c);
    c.request = (opts) => request({ ...opts, remoteAddress: ip });
    return c;
  };
  const fields = (html: string) => ({
    _csrf: csrfOf(html)!,
    _t: html.match(/name="_t" value="([^"]*)"/)![1]!,
  });
  /** The person takes their time: the clock moves past the minimum fill time before sending. */
  const later = (ms = MIN_FILL_MS + 1000) => vi.setSystemTime(new Date(Date.now() + ms));
  const day = (d: number, hour = 9) =>
    `${new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10)}T${String(hour).padStart(2, '0')}:00:00Z`;

  async function registerAs(name: string, workshopIndex = 0) {
    const c = browser();
    const form = await getForm(c, page);
    expect(form.statusCode).toBe(200);
    later();
    const res = await postForm(c, page, {
      ...fields(form.body),
      name,
      email: `${name.split(' ')[0]!.toLowerCase()}@test.example`,
      organisation: 'Testschule',
      workshopId: conference.workshops[workshopIndex]!.id,
      consent: '1',
      homepage: '',
    });
    expect(res.statusCode, res.body.slice(0, 500)).toBe(303);
    const person = { c, link: res.headers.location as string };
    people.set(name, person);
    return person;
  }
  const registrations = async () =>
    (await editor.get(`${base}/conferences/${conference.id}/registrations`)).json() as Registration[];

  beforeAll(async () => {
    t = await createTestApp();
    M = await tenantIdBySlug(t, 'musterstadt');
    base = `/api/tenants/${M}/network`;
    editor = await t.signIn(DEMO.editor.email, DEMO.editor.password);
    viewer = await t.signIn(DEMO.viewer.email, DEMO.viewer.password);
  });
  afterEach(() => vi.useRealTimers());
  afterAll(async () => t?.close());

  it('the demo has a Bildungskonferenz with registrations, a full workshop with a waiting list and past feedback', async () => {
    const all = (await viewer.get(`${base}/conferences`)).json() as Conference[];
    const demo = all.find((c) => c.slug === DEMO_CONFERENCE_SLUG)!;
    expect(demo.confirmed).toBeGreaterThan(5);
    const full = demo.workshops.find((w) => w.title === DEMO_FULL_WORKSHOP)!;
    expect(full).toMatchObject({ capacity: 5, confirmed: 5, waitlisted: 2 });
    expect(all.find((c) => c.feedback.count > 0)?.feedback.meanRating).toBe('1.7');
    const html = (await getForm(t.client(), `/kommune/musterstadt/konferenz/${DEMO_CONFERENCE_SLUG}`)).body;
    expect(html).toContain('ausgebucht – Warteliste');
    expect(html).toContain('Art. 6 Abs. 1 a DSGVO');
  });

  it('the Bildungsbüro creates a conference with workshops; only editors see participants', async () => {
    const input = {
      title: 'Fachtag Test',
      slug: 'fachtag-test',
      startsAt: day(20),
      endsAt: day(20, 14),
      capacity: 3,
      consentText: 'Ich willige ein, dass meine Angaben für den Fachtag verarbeitet werden.',
      workshops: [
        { title: 'Werkstatt klein', capacity: 1 },
        { title: 'Werkstatt groß', capacity: 10 },
      ],
    };
    const res = await editor.post(`${base}/conferences`, input);
    expect(res.statusCode, res.body).toBe(201);
    conference = res.json() as Conference;
    expect(conference.workshops.map((w) => w.title)).toEqual(['Werkstatt klein', 'Werkstatt groß']);
    const again = await editor.post(`${base}/conferences`, input);
    expect(again.statusCode).toBe(409);
    expect((await viewer.get(`${base}/conferences/${conference.id}/registrations`)).statusCode).toBe(403);
    expect((await viewer.get(`${base}/conferences/${conference.id}/participants.csv`)).statusCode).toBe(403);
  });

  it('registration without JavaScript: too fast, a filled honeypot or a missing token store nothing', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    const c = browser();
    const form = await getForm(c, page);
    expect(form.body).toContain('name="homepage"');
    const person = {
      name: 'Rita Robot',
      email: 'rita@test.example',
      organisation: '',
      workshopId: conference.workshops[1]!.id,
      consent: '1',
    };
    const fast = await postForm(c, page, { ...fields(form.body), ...person, homepage: '' });
    expect(fast.statusCode).toBe(400);
    expect(fast.body).toContain('sehr schnell abgeschickt');
    later();
    const trap = await postForm(c, page, {
      ...fields(form.body),
      ...person,
      homepage: 'https://spam.example',
    });
    expect(trap.statusCode).toBe(400);
    const noToken = await postForm(c, page, { ...fields(form.body), ...person, homepage: '', _csrf: '' });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.body).toContain('noch nicht angemeldet');
    const missing = await postForm(c, page, {
      ...fields(form.body),
      name: '',
      email: 'kaputt',
      homepage: '',
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('Bitte geben Sie Ihren Namen an');
    expect(missing.body).toContain('gültige E-Mail-Adresse');
    expect(missing.body).toContain('Bitte wählen Sie einen Workshop');
    expect(missing.body).toContain('Bitte willigen Sie');
    expect(await registrations()).toEqual([]);
  });

  it('full workshop → waiting list; a cancellation by link moves the next person up', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    const first = await registerAs('Anna Erste', 0);
    const second = await registerAs('Bert Zweite', 0);
    expect((await getForm(first.c, first.link)).body).toContain('Sie sind angemeldet.');
    const secondPage = await getForm(second.c, second.link);
    expect(secondPage.body).toContain('Sie stehen auf der Warteliste.');
    expect((await registrations()).map((r) => [r.name, r.status])).toEqual([
      ['Anna Erste', 'confirmed'],
      ['Bert Zweite', 'waitlisted'],
    ]);
    // The personal page is the confirmation: number (as in the Bildungsbüro's list), what was booked,
    // place on the waiting list, calendar file, and it promises no e-mail.
    const numbers = new Map((await registrations()).map((r) => [r.name, r.number]));
    expect(numbers.get('Bert Zweite')).toMatch(/^A-[0-9A-F]{8}$/);
    expect(secondPage.body).toContain(`<dd>${numbers.get('Bert Zweite')}</dd>`);
    expect(secondPage.body).toContain(`<dd>${conference.workshops[0]!.title}</dd>`);
    expect(secondPage.body).toContain('Platz 1 der Warteliste');
    expect(secondPage.body).toContain('eine Bestätigung per E-Mail wird nicht verschickt');
    expect(secondPage.body).not.toMatch(/E-Mail (erhalten|zugeschickt|geschickt)|per E-Mail bestätigt/);
    expect(secondPage.body).toContain(`href="${second.link}/termin.ics"`);
    const ics = await getForm(second.c, `${second.link}/termin.ics`);
    expect(ics.statusCode).toBe(200);
    expect(ics.headers['content-type']).toContain('text/calendar');
    expect(ics.body).toContain('BEGIN:VEVENT');
    expect(ics.body).toContain('SUMMARY:Warteliste: ');
    const firstBody = (await getForm(first.c, first.link)).body;
    expect(firstBody).toContain(`<dd>${numbers.get('Anna Erste')}</dd>`);
    expect(firstBody).not.toContain('der Warteliste (');
    // Another browser's token does not cancel someone else's registration.
    const firstPage = await getForm(first.c, first.link);
    const foreign = await postForm(second.c, `${first.link}/abmelden`, { _csrf: csrfOf(secondPage.body)! });
    expect(foreign.statusCode).toBe(403);
    const cancel = await postForm(first.c, `${first.link}/abmelden`, { _csrf: csrfOf(firstPage.body)! });
    expect(cancel.statusCode).toBe(303);
    expect((await getForm(first.c, first.link)).body).toContain('Sie haben sich abgemeldet.');
    expect((await getForm(first.c, `${first.link}/termin.ics`)).statusCode).toBe(404);
    const moved = await getForm(second.c, second.link);
    expect(moved.body).not.toContain('der Warteliste (');
    expect((await getForm(second.c, `${second.link}/termin.ics`)).body).not.toContain('SUMMARY:Warteliste');
    expect((await getForm(second.c, second.link)).body).toContain('Sie sind angemeldet.');
    expect((await registrations()).map((r) => [r.name, r.status])).toEqual([
      ['Anna Erste', 'cancelled'],
      ['Bert Zweite', 'confirmed'],
    ]);
  });

  it('the overall capacity counts too; the Bildungsbüro cancels for a person and exports CSV and XLSX', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    await registerAs('Cem Dritte', 1);
    await registerAs('Dora Vierte', 1);
    await registerAs('Emil Fünfte', 1); // capacity 3 reached (Bert, Cem, Dora) → waiting list
    let regs = await registrations();
    expect(regs.find((r) => r.name === 'Emil Fünfte')!.status).toBe('waitlisted');
    const cem = regs.find((r) => r.name === 'Cem Dritte')!;
    const res = await editor.post(`${base}/conferences/${conference.id}/registrations/${cem.id}/cancel`);
    expect(res.statusCode, res.body).toBe(200);
    regs = res.json() as Registration[];
    expect(regs.find((r) => r.name === 'Emil Fünfte')!.status).toBe('confirmed');
    const csv = await editor.get(`${base}/conferences/${conference.id}/participants.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('Name;E-Mail;Organisation;Workshop;Status');
    expect(csv.body).toContain('Emil Fünfte;emil@test.example;Testschule;Werkstatt groß;angemeldet');
    expect(csv.body).toContain('Cem Dritte;cem@test.example;Testschule;Werkstatt groß;abgemeldet');
    const xlsx = await editor.get(`${base}/conferences/${conference.id}/participants.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect(xlsx.headers['content-disposition']).toContain('Teilnehmende_Fachtag_Test.xlsx');
  });

  it('feedback after the start, once per registration and without the name', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    // The conference is full: Fiona is on the waiting list and gives no feedback; Dora (confirmed) does.
    const fiona = await registerAs('Fiona Feedback', 1);
    const p = people.get('Dora Vierte')!;
    expect((await getForm(p.c, p.link)).body).not.toContain('name="rating"');
    // Registration is not possible any more after the start.
    vi.setSystemTime(new Date(Date.parse(conference.startsAt) + 3600_000));
    expect((await getForm(browser(), page)).body).toContain('Die Anmeldung ist geschlossen.');
    expect((await getForm(fiona.c, fiona.link)).body).not.toContain('name="rating"');
    const before = await getForm(p.c, p.link);
    expect(before.body).toContain('name="rating"');
    expect(before.body).not.toContain('Von der Konferenz abmelden');
    const sent = await postForm(p.c, `${p.link}/rueckmeldung`, {
      _csrf: csrfOf(before.body)!,
      rating: '2',
      comment: 'Gute Werkstatt',
    });
    expect(sent.statusCode).toBe(303);
    const after = await getForm(p.c, p.link);
    expect(after.body).toContain('Vielen Dank für Ihre Rückmeldung.');
    await postForm(p.c, `${p.link}/rueckmeldung`, { _csrf: csrfOf(after.body)!, rating: '5' });
    vi.useRealTimers();
    const c = (await editor.get(`${base}/conferences/${conference.id}`)).json() as Conference;
    expect(c.feedback).toEqual({ count: 1, meanRating: '2.0', comments: ['Gute Werkstatt'] });
    const rows = await t.database.query<{ comment: string | null }>(
      'SELECT * FROM network_conference_feedback WHERE conference_id = $1',
      [conference.id],
    );
    expect(Object.keys(rows[0]!)).not.toContain('registration_id');
  });

  it('participant data are erased after the retention period; personal links stop working', async () => {
    const p = await (async () => {
      vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
      return registerAs('Gerd Gelöscht', 1);
    })();
    vi.useRealTimers();
    const s = tenantScope(t.database.db, M);
    const justBefore = new Date(Date.parse(conference.endsAt) + 89 * 86_400_000);
    expect(await purgeExpiredParticipants(s, justBefore)).toBe(0);
    const after = new Date(Date.parse(conference.endsAt) + 91 * 86_400_000);
    expect(await purgeExpiredParticipants(s, after)).toBeGreaterThan(5);
    const regs = await registrations();
    expect(new Set(regs.map((r) => r.name))).toEqual(new Set(['gelöscht']));
    expect(regs.every((r) => r.email === 'gelöscht' && r.organisation === null)).toBe(true);
    const c = (await editor.get(`${base}/conferences/${conference.id}`)).json() as Conference;
    expect(c.purgedAt).not.toBeNull();
    expect((await getForm(p.c, p.link)).statusCode).toBe(404);
    // Other conferences keep their participants.
    const demo = ((await editor.get(`${base}/conferences`)).json() as Conference[]).find(
      (x) => x.slug === DEMO_CONFERENCE_SLUG,
    )!;
    const demoRegs = (
      await editor.get(`${base}/conferences/${demo.id}/registrations`)
    ).json() as Registration[];
    expect(demoRegs.some((r) => r.name === 'gelöscht')).toBe(false);
    expect(t.logs.join('\n')).not.toContain('gerd@test.example');
  });

  it('posts per address are rate-limited (HTML answer)', async () => {
    const c = browser();
    const form = await getForm(c, `/kommune/musterstadt/konferenz/${DEMO_CONFERENCE_SLUG}`);
    let last = 0;
    for (let i = 0; i <= CONFERENCE_POST_LIMIT.max; i++) {
      const res = await postForm(c, `/kommune/musterstadt/konferenz/${DEMO_CONFERENCE_SLUG}`, {
        ...fields(form.body),
        name: '',
      });
      last = res.statusCode;
      if (last === 429) expect(res.body).toContain('Zu viele Anfragen');
    }
    expect(last).toBe(429);
  });

  it('an unknown conference or link is a 404 page', async () => {
    expect((await getForm(t.client(), '/kommune/musterstadt/konferenz/gibt-es-nicht')).statusCode).toBe(404);
    expect(
      (await getForm(t.client(), '/kommune/beispielkreis/konferenz/' + DEMO_CONFERENCE_SLUG)).statusCode,
    ).toBe(404);
    expect((await getForm(t.client(), `/konferenz-anmeldung/${'x'.repeat(43)}`)).statusCode).toBe(404);
  });
});
