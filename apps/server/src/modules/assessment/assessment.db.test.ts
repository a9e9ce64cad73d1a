import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Consolidation, Instrument, Participant, Results, Round } from '@dkbm/contract';
import { DEFAULT_INSTRUMENT } from '@dkbm/domain';
import { createTestApp, DEMO, type TestContext } from '../../test/testApp';
import { TEST_DRIVER } from '../../test/testDb';
import {
  createUserViaApi,
  expectApiError,
  newClient,
  signInFresh,
  tenantIdBySlug,
  type AddressedClient,
} from '../../test/fixtures';
import { DEMO_ASSESSMENT_TITLE } from './assessment.demo';
import { DEFAULT_INSTRUMENT_ID } from './assessment.service';
import { csrfOf, getForm, pathOf, postForm } from './testing';

const KEYS = DEFAULT_INSTRUMENT.components.map((c) => c.key);
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** Form fields answering every component of the default instrument. */
function formFields(csrf: string, levels: Array<string>, extra: Record<string, string> = {}) {
  const f: Record<string, string> = { _csrf: csrf, aktion: 'speichern', ...extra };
  KEYS.forEach((k, i) => {
    if (levels[i]) f[`typ_${k}`] = levels[i]!;
  });
  return f;
}

describe(`self-assessment on ${TEST_DRIVER}`, () => {
  let t: TestContext;
  let M: string;
  let B: string;
  let admin: AddressedClient;
  let editor: AddressedClient;
  let contributor: AddressedClient;
  let viewer: AddressedClient;
  let demoRoundId: string;
  const api = (path: string) => `/api/tenants/${M}/assessment${path}`;

  beforeAll(async () => {
    t = await createTestApp({ config: { loginRateLimit: { max: 10_000, windowMs: 60_000 } } });
    M = await tenantIdBySlug(t, 'musterstadt');
    B = await tenantIdBySlug(t, 'beispielkreis');
    admin = await signInFresh(t, DEMO.admin.email, DEMO.admin.password);
    editor = await signInFresh(t, DEMO.editor.email, DEMO.editor.password);
    contributor = await signInFresh(t, DEMO.contributor.email, DEMO.contributor.password);
    viewer = await signInFresh(t, DEMO.viewer.email, DEMO.viewer.password);
    const rounds = (await viewer.get(api('/rounds'))).json() as Round[];
    demoRoundId = rounds.find((r) => r.title === DEMO_ASSESSMENT_TITLE)!.id;
  });
  afterAll(async () => t?.close());

  it('the demo has a closed, consolidated round with the default instrument, goals and framework', async () => {
    const res = await viewer.get(api(`/rounds/${demoRoundId}/results`));
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json() as Results;
    expect(r.round).toMatchObject({
      status: 'closed',
      instrumentId: DEFAULT_INSTRUMENT_ID,
      instrumentVersion: 1,
    });
    expect(r.round.participants).toBe(4);
    expect(r.profile.map((p) => p.agreed)).toEqual([2, 3, 2, 2, 3, 2, 1]);
    expect(r.profile[0]).toMatchObject({ min: 1, max: 2 });
    expect(r.goals).toHaveLength(7);
    expect(r.goals[0]).toMatchObject({ componentKey: 'strategische_ziele', fromLevel: 2, targetLevel: 3 });
    expect(r.goals[0]!.targetText).toBe(DEFAULT_INSTRUMENT.components[0]!.types[2]);
    expect(r.framework.einwohner).toMatchObject({
      source: 'indicator',
      indicatorName: 'Bevölkerung nach Altersgruppen',
    });
    expect(r.framework.verwaltung?.source).toBe('manual');
    expect(r.earlier).toEqual([]);
    const instruments = (await viewer.get(api('/instruments'))).json() as Instrument[];
    expect(instruments).toHaveLength(1);
    expect(instruments[0]).toMatchObject({
      id: DEFAULT_INSTRUMENT_ID,
      family: 'dkbm-entwicklungsmodell',
      version: 1,
      tenantId: null,
      usedBy: 1,
    });
    expect(instruments[0]!.content).toEqual(DEFAULT_INSTRUMENT);
  });

  it('the API description lists the self-assessment routes; the external form is not part of it', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys((res.json() as { paths: Record<string, unknown> }).paths);
    for (const p of [
      '/api/tenants/{tenantId}/assessment/instruments',
      '/api/tenants/{tenantId}/assessment/rounds/{roundId}/my/answers/{componentKey}',
      '/api/tenants/{tenantId}/assessment/rounds/{roundId}/consolidation',
      '/api/tenants/{tenantId}/assessment/rounds/{roundId}/export/report.docx',
      '/api/tenants/{tenantId}/assessment/network',
    ]) {
      expect(paths).toContain(p);
    }
    expect(paths.some((p) => p.startsWith('/einschaetzung'))).toBe(false);
  });

  describe('the Redaktion runs a round alone', () => {
    it('picks people from the round’s candidate list (no users.read needed) and invites itself', async () => {
      const created = await editor.post(api('/rounds'), {
        title: 'Runde der Redaktion',
        startsOn: day(0),
        endsOn: day(30),
      });
      expect(created.statusCode, created.body).toBe(201);
      const roundId = (created.json() as Round).id;
      const candidates = () => editor.get(api(`/rounds/${roundId}/candidates`));
      // The full list of people stays with the administration.
      expectApiError(await editor.get(`/api/tenants/${M}/users`), 403, 'forbidden');
      const res = await candidates();
      expect(res.statusCode, res.body).toBe(200);
      const list = res.json() as Array<Record<string, unknown>>;
      const emails = list.map((c) => c.email);
      expect(emails).toEqual(
        expect.arrayContaining([
          DEMO.admin.email,
          DEMO.editor.email,
          DEMO.contributor.email,
          DEMO.viewer.email,
        ]),
      );
      // Only members of this municipality (not the platform admin), only what the picker needs.
      expect(emails).not.toContain(DEMO.platform.email);
      for (const c of list) expect(Object.keys(c).toSorted()).toEqual(['displayName', 'email', 'id', 'role']);
      const me = list.find((c) => c.email === DEMO.editor.email)!;
      expect(me).toMatchObject({ displayName: 'Rita Redaktion', role: 'editor' });

      const invited = await editor.post(api(`/rounds/${roundId}/participants`), {
        kind: 'user',
        userId: me.id,
      });
      expect(invited.statusCode, invited.body).toBe(201);
      expect(invited.json()).toMatchObject({ label: 'Rita Redaktion', group: 'bildungsbuero' });
      expect(((await candidates()).json() as Array<{ email: string }>).map((c) => c.email)).not.toContain(
        DEMO.editor.email,
      );
      // A revoked invitation can be renewed: the person is a candidate again.
      const revoked = await editor.request({
        method: 'DELETE',
        url: api(`/rounds/${roundId}/participants/${(invited.json() as Participant).id}`),
      });
      expect(revoked.statusCode, revoked.body).toBe(200);
      expect(((await candidates()).json() as Array<{ email: string }>).map((c) => c.email)).toContain(
        DEMO.editor.email,
      );
      // Raters without data.write do not get the list.
      expectApiError(await contributor.get(api(`/rounds/${roundId}/candidates`)), 403, 'forbidden');
      expectApiError(await viewer.get(api(`/rounds/${roundId}/candidates`)), 403, 'forbidden');
      expect((await editor.request({ method: 'DELETE', url: api(`/rounds/${roundId}`) })).statusCode).toBe(
        200,
      );
    });
  });

  describe('external links: validity, revocation, isolation, rate limit', () => {
    let roundA: Round;
    let roundB: Round;
    let linkA: string;
    let linkB: string;
    let revokedLink: string;
    let expiredLink: string;
    const notFoundText = 'Dieser Link ist nicht gültig';

    beforeAll(async () => {
      const mk = async (title: string) => {
        const r = await editor.post(api('/rounds'), { title, startsOn: day(0), endsOn: day(30) });
        expect(r.statusCode, r.body).toBe(201);
        const round = r.json() as Round;
        await editor.patch(api(`/rounds/${round.id}`), { status: 'open' });
        return round;
      };
      roundA = await mk('Runde A (Links)');
      roundB = await mk('Runde B (Links)');
      const link = async (round: Round, label: string, expiresAt?: string) => {
        const r = await editor.post(api(`/rounds/${round.id}/participants`), {
          kind: 'external',
          label,
          ...(expiresAt ? { expiresAt } : {}),
        });
        expect(r.statusCode, r.body).toBe(201);
        return r.json() as Participant & { link: string };
      };
      linkA = (await link(roundA, 'Schulamt A')).link;
      linkB = (await link(roundB, 'Jobcenter B')).link;
      const revoked = await link(roundA, 'Widerrufen', day(5));
      revokedLink = revoked.link;
      const del = await editor.delete(api(`/rounds/${roundA.id}/participants/${revoked.id}`));
      expect(del.statusCode, del.body).toBe(200);
      expect(del.json().revokedAt).not.toBeNull();
      const expired = await link(roundA, 'Abgelaufen', day(2));
      expiredLink = expired.link;
      await t.database.query(
        `UPDATE assessment_participants SET expires_at = now() - interval '1 minute' WHERE id = $1`,
        [expired.id],
      );
      // A past expiry date is refused at creation.
      expectApiError(
        await editor.post(api(`/rounds/${roundA.id}/participants`), {
          kind: 'external',
          label: 'Alt',
          expiresAt: '2020-01-01',
        }),
        400,
        'bad_request',
      );
    });

    it('unknown, malformed, expired and revoked tokens give the same generic 404 page', async () => {
      const bodies: string[] = [];
      for (const path of [
        '/einschaetzung/' + 'A'.repeat(43),
        '/einschaetzung/kurz',
        '/einschaetzung/' + encodeURIComponent("' OR 1=1 --"),
        pathOf(expiredLink),
        pathOf(revokedLink),
      ]) {
        const res = await getForm(newClient(t), path);
        expect(res.statusCode, path).toBe(404);
        expect(res.headers['content-type']).toMatch(/^text\/html/);
        expect(res.body).toContain(notFoundText);
        bodies.push(res.body);
      }
      expect(new Set(bodies).size).toBe(1);
      // POSTs with a valid CSRF pair but a dead token: 404 as well, nothing saved.
      const c = newClient(t);
      const csrf = csrfOf((await getForm(c, pathOf(linkA))).body)!;
      for (const dead of [expiredLink, revokedLink]) {
        const res = await postForm(c, pathOf(dead), formFields(csrf, ['1']));
        expect(res.statusCode).toBe(404);
        expect(res.body).toContain(notFoundText);
      }
      const rows = await t.database.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM assessment_answers a JOIN assessment_participants p ON p.id = a.participant_id
          WHERE p.label IN ('Widerrufen', 'Abgelaufen')`,
      );
      expect(rows[0]!.n).toBe(0);
    });

    it('a token works only for its own round and rater', async () => {
      const c = newClient(t);
      const formA = await getForm(c, pathOf(linkA));
      expect(formA.body).toContain('Runde A (Links)');
      expect(formA.body).not.toContain('Runde B (Links)');
      const res = await postForm(c, pathOf(linkA), {
        ...formFields(csrfOf(formA.body)!, ['4']),
        roundId: roundB.id,
        participantId: 'x',
      });
      expect(res.statusCode).toBe(303);
      const counts = await t.database.query<{ round_id: string; n: number }>(
        `SELECT round_id, count(*)::int AS n FROM assessment_answers WHERE round_id IN ($1, $2) GROUP BY round_id`,
        [roundA.id, roundB.id],
      );
      expect(counts).toEqual([{ round_id: roundA.id, n: 1 }]);
      // The other link still shows nothing of A's answers.
      const formB = await getForm(newClient(t), pathOf(linkB));
      expect(formB.statusCode).toBe(200);
      expect(formB.body).not.toMatch(/checked/);
      expect(formB.body).not.toContain('Schulamt A');
    });

    it('revoking a rater hides their answers from the consolidation', async () => {
      const c = newClient(t);
      const form = await getForm(c, pathOf(linkB));
      await postForm(c, pathOf(linkB), formFields(csrfOf(form.body)!, ['4', '4']));
      const before = (await editor.get(api(`/rounds/${roundB.id}/consolidation`))).json() as Consolidation;
      expect(before.components[0]!.stats.n).toBe(1);
      const p = ((await editor.get(api(`/rounds/${roundB.id}/participants`))).json() as Participant[])[0]!;
      await editor.delete(api(`/rounds/${roundB.id}/participants/${p.id}`));
      const after = (await editor.get(api(`/rounds/${roundB.id}/consolidation`))).json() as Consolidation;
      expect(after.components[0]!.stats.n).toBe(0);
      expect((await getForm(newClient(t), pathOf(linkB))).statusCode).toBe(404);
    });

    it('the form routes are rate-limited per address (30 per minute) with an HTML answer', async () => {
      const c = newClient(t);
      const statuses: number[] = [];
      for (let i = 0; i < 31; i++)
        statuses.push((await getForm(c, '/einschaetzung/' + 'B'.repeat(43))).statusCode);
      expect(statuses.slice(0, 30).every((s) => s === 404)).toBe(true);
      expect(statuses[30]).toBe(429);
      const limited = await getForm(c, pathOf(linkA));
      expect(limited.statusCode).toBe(429);
      expect(limited.headers['content-type']).toMatch(/^text\/html/);
      expect(limited.body).toContain('Zu viele Anfragen');
      // Another address is not affected.
      expect((await getForm(newClient(t), pathOf(linkA))).statusCode).toBe(200);
    });
  });

  describe('anonymous rounds', () => {
    let round: Round;
    const url = (path = '') => api(`/rounds/${round.id}${path}`);
    let raters: AddressedClient[];

    beforeAll(async () => {
      const r = await admin.post(api('/rounds'), {
        title: 'Anonyme Runde',
        startsOn: day(0),
        endsOn: day(30),
        anonymous: true,
      });
      round = r.json();
      raters = [];
      for (const role of ['contributor', 'viewer', 'editor'] as const) {
        const u = await createUserViaApi(admin, M, role, { displayName: `Anonym ${role}` });
        const inv = await admin.post(url('/participants'), { kind: 'user', userId: u.id });
        expect(inv.statusCode, inv.body).toBe(201);
        raters.push(await signInFresh(t, u.email, u.password));
      }
      expect((await admin.patch(url(), { status: 'open' })).statusCode).toBe(200);
    });

    it('cannot switch anonymity once the round is open', async () => {
      expectApiError(await admin.patch(url(), { anonymous: false }), 409, 'conflict');
    });

    it('hides distributions, ranges and comments below three raters; never shows names', async () => {
      const answer = (c: AddressedClient, key: string, level: number | null, comment: string) =>
        c.request({
          method: 'PUT',
          url: url(`/my/answers/${key}`),
          payload: { level, cannotAssess: level === null, comment },
        });
      expect((await answer(raters[0]!, 'strategische_ziele', 1, 'Kommentar eins')).statusCode).toBe(200);
      expect((await answer(raters[1]!, 'strategische_ziele', 4, 'Kommentar zwei')).statusCode).toBe(200);
      expect((await answer(raters[0]!, 'koordination', 2, 'K eins')).statusCode).toBe(200);
      expect((await answer(raters[1]!, 'koordination', 3, 'K zwei')).statusCode).toBe(200);
      expect((await answer(raters[2]!, 'koordination', null, 'K drei')).statusCode).toBe(200);

      let c = (await admin.get(url('/consolidation'))).json() as Consolidation;
      const sz = c.components.find((x) => x.key === 'strategische_ziele')!;
      expect(sz.stats).toMatchObject({
        n: 2,
        hidden: true,
        distribution: null,
        min: null,
        max: null,
        median: null,
      });
      expect(sz.ratings).toEqual([]);
      expect(sz.comments).toEqual([]);
      // Two types and one „kann ich nicht einschätzen“: still hidden.
      expect(c.components.find((x) => x.key === 'koordination')!.stats).toMatchObject({
        n: 2,
        cannotAssess: 1,
        hidden: true,
      });
      let results = (await admin.get(url('/results'))).json() as Results;
      expect(results.profile[0]).toMatchObject({ min: null, max: null });

      // The third rater with a type makes the component visible, comments without names in a neutral order.
      expect((await answer(raters[2]!, 'strategische_ziele', 2, 'Alpha')).statusCode).toBe(200);
      c = (await admin.get(url('/consolidation'))).json() as Consolidation;
      const visible = c.components.find((x) => x.key === 'strategische_ziele')!;
      expect(visible.stats).toMatchObject({
        n: 3,
        hidden: false,
        distribution: [1, 1, 0, 1],
        min: 1,
        max: 4,
      });
      expect(visible.ratings).toEqual([]);
      expect(visible.comments.map((x) => [x.label, x.group, x.text])).toEqual([
        [null, null, 'Alpha'],
        [null, null, 'Kommentar eins'],
        [null, null, 'Kommentar zwei'],
      ]);
      expect(JSON.stringify(c)).not.toMatch(/Anonym (contributor|viewer|editor)/);
      results = (await admin.get(url('/results'))).json() as Results;
      expect(results.profile[0]).toMatchObject({ min: 1, max: 4 });

      // CSV: pseudonyms, no names or groups, hidden components left out.
      const csv = (await admin.get(url('/export/ratings.csv'))).body
        .replace(/^\uFEFF/, '')
        .trimEnd()
        .split('\r\n');
      expect(csv[0]).toBe('Person;Komponente;Typ;Kann ich nicht einschätzen;Kommentar;Nachweis');
      expect(
        csv
          .slice(1)
          .map((l) => l.split(';')[2])
          .toSorted(),
      ).toEqual(['1', '2', '4']);
      expect(csv).toHaveLength(4);
      expect(csv.slice(1).every((l) => /^Person [1-3];Strategische Ziele;[124];nein;[^;]*;$/.test(l))).toBe(
        true,
      );
      expect(new Set(csv.slice(1).map((l) => l.split(';')[0])).size).toBe(3);
      expect(csv.join('\n')).not.toMatch(/Anonym|Koordination|Bildungsbüro|Ämter/);
    });
  });

  describe('instrument versions', () => {
    let v2: Instrument;

    it('adapting the default creates version 2 of the tenant’s own copy; version 1 stays unchanged', async () => {
      const content = structuredClone(DEFAULT_INSTRUMENT);
      content.title = 'DKBM-Entwicklungsmodell (Musterstadt)';
      content.components[0]!.question = 'Wie entstehen bei uns die Bildungsziele?';
      content.components.push({
        key: 'bildungsberatung',
        name: 'Bildungsberatung',
        nameEn: null,
        question: 'Wie ist die Bildungsberatung organisiert?',
        types: [
          'Einzelne Angebote.',
          'Abgestimmte Angebote.',
          'Gemeinsame Anlaufstelle.',
          'Vernetzte Beratungslandschaft.',
        ],
      });
      expectApiError(
        await viewer.post(api('/instruments'), { basedOn: DEFAULT_INSTRUMENT_ID, content }),
        403,
        'forbidden',
      );
      expectApiError(
        await editor.post(api('/instruments'), { basedOn: crypto.randomUUID(), content }),
        404,
        'not_found',
      );
      const dup = structuredClone(content);
      dup.components.push(structuredClone(dup.components[0]!));
      expectApiError(
        await editor.post(api('/instruments'), { basedOn: DEFAULT_INSTRUMENT_ID, content: dup }),
        400,
        'validation',
      );
      const res = await editor.post(api('/instruments'), { basedOn: DEFAULT_INSTRUMENT_ID, content });
      expect(res.statusCode, res.body).toBe(201);
      v2 = res.json();
      expect(v2).toMatchObject({ family: 'dkbm-entwicklungsmodell', version: 2, tenantId: M, usedBy: 0 });
      const list = (await viewer.get(api('/instruments'))).json() as Instrument[];
      expect(list.map((i) => [i.version, i.tenantId])).toEqual([
        [1, null],
        [2, M],
      ]);
      expect(list[0]!.content).toEqual(DEFAULT_INSTRUMENT);
      expect(list[0]!.usedBy).toBeGreaterThanOrEqual(2);
      // Another tenant sees only the default.
      const other = (await admin.get(`/api/tenants/${B}/assessment/instruments`)).json() as Instrument[];
      expect(other.map((i) => i.version)).toEqual([1]);
      expectApiError(
        await admin.post(`/api/tenants/${B}/assessment/instruments`, { basedOn: v2.id, content }),
        404,
        'not_found',
      );
      expectApiError(
        await admin.post(`/api/tenants/${B}/assessment/rounds`, {
          title: 'Fremdes Instrument',
          startsOn: day(0),
          endsOn: day(9),
          instrumentId: v2.id,
        }),
        404,
        'not_found',
      );
    });

    it('new rounds use the newest own version; older rounds keep their answers and texts', async () => {
      const res = await editor.post(api('/rounds'), {
        title: 'Runde mit eigener Fassung',
        startsOn: day(0),
        endsOn: day(200),
      });
      expect(res.statusCode, res.body).toBe(201);
      const round = res.json() as Round;
      expect(round).toMatchObject({ instrumentId: v2.id, instrumentVersion: 2, components: 8 });
      const results = (await viewer.get(api(`/rounds/${round.id}/results`))).json() as Results;
      expect(results.profile.map((p) => p.key)).toContain('bildungsberatung');
      // Comparison within the family: the demo round (v1) appears, the new component without a value.
      const demo = results.earlier.find((e) => e.roundId === demoRoundId)!;
      expect(demo.profile.find((p) => p.key === 'bildungsberatung')).toEqual({
        key: 'bildungsberatung',
        agreed: null,
      });
      expect(demo.profile.find((p) => p.key === 'strategische_ziele')).toEqual({
        key: 'strategische_ziele',
        agreed: 2,
      });

      // The demo round (v1) still has its answers and shows version 1's texts.
      const cons = (await admin.get(api(`/rounds/${demoRoundId}/consolidation`))).json() as Consolidation;
      expect(cons.round.instrumentVersion).toBe(1);
      expect(cons.instrument.components).toHaveLength(7);
      expect(cons.instrument.components[0]!.question).toBe('Wie werden die Bildungsziele definiert?');
      expect(cons.components[0]!.stats.n).toBe(4);
      expect(cons.components[0]!.ratings.map((r) => r.level)).toEqual([2, 2, 1, 2]);

      // An explicit older version can still be chosen.
      const old = await editor.post(api('/rounds'), {
        title: 'Runde mit Version 1',
        startsOn: day(0),
        endsOn: day(9),
        instrumentId: DEFAULT_INSTRUMENT_ID,
      });
      expect(old.json()).toMatchObject({ instrumentVersion: 1, components: 7 });
      // A further adaptation is version 3, based on 2.
      const v3 = await editor.post(api('/instruments'), {
        basedOn: v2.id,
        content: { ...v2.content, title: 'Dritte Fassung' },
      });
      expect(v3.json()).toMatchObject({ version: 3, tenantId: M });
    });
  });

  describe('tenant boundaries', () => {
    it('a round of another tenant is not found through the own tenant path; strangers learn nothing', async () => {
      const r = await admin.post(`/api/tenants/${B}/assessment/rounds`, {
        title: 'Kreisrunde',
        startsOn: day(0),
        endsOn: day(20),
      });
      expect(r.statusCode, r.body).toBe(201);
      const foreign = r.json() as Round;
      for (const path of [
        '',
        '/results',
        '/consolidation',
        '/framework',
        '/participants',
        '/my',
        '/export/ratings.csv',
        '/export/report.docx',
      ]) {
        const res = await admin.get(api(`/rounds/${foreign.id}${path}`));
        expect(res.statusCode, path).toBe(404);
        expect(res.body).not.toContain('Kreisrunde');
      }
      expectApiError(await admin.patch(api(`/rounds/${foreign.id}`), { status: 'open' }), 404, 'not_found');
      expectApiError(
        await admin.request({
          method: 'PUT',
          url: api(`/rounds/${foreign.id}/consolidation/koordination`),
          payload: { level: 2, rationale: 'Fremd.' },
        }),
        404,
        'not_found',
      );
      // Members of musterstadt without a membership in Beispielkreis.
      expectApiError(await editor.get(`/api/tenants/${B}/assessment/rounds`), 404, 'not_found');
      expectApiError(await newClient(t).get(api('/rounds')), 401, 'unauthorized');
      // A participant id of another round cannot be revoked through this one.
      const ext = await admin.post(`/api/tenants/${B}/assessment/rounds/${foreign.id}/participants`, {
        kind: 'external',
        label: 'Kreis-Partner',
      });
      expect(ext.statusCode).toBe(201);
      expectApiError(
        await admin.delete(api(`/rounds/${demoRoundId}/participants/${ext.json().id}`)),
        404,
        'not_found',
      );
      const rounds = (await viewer.get(api('/rounds'))).json() as Round[];
      expect(rounds.map((x) => x.id)).not.toContain(foreign.id);
    });

    it('my-rounds lists only rounds the person is invited to', async () => {
      // The contributor is invited to the demo round, not to the anonymous one (the named round of
      // assessment.round.db.test.ts checks its own).
      const mine = (await contributor.get(api('/my-rounds'))).json() as Round[];
      expect(mine.map((r) => r.title)).toContain(DEMO_ASSESSMENT_TITLE);
      expect(mine.map((r) => r.title)).not.toContain('Anonyme Runde');
    });
  });
});
