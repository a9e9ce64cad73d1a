import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  Answer,
  Consolidation,
  FrameworkValue,
  DevelopmentGoal,
  Instrument,
  Participant,
  RaterView,
  Results,
  Round,
} from '@dkbm/contract';
import { DEFAULT_INSTRUMENT, nextLevel } from '@dkbm/domain';
import { createTestApp, DEMO, type TestContext } from '../../test/testApp';
import { TEST_DRIVER } from '../../test/testDb';
import {
  createUserViaApi,
  expectApiError,
  newClient,
  sha256Hex,
  signInFresh,
  tenantIdBySlug,
  userIdByEmail,
  type AddressedClient,
} from '../../test/fixtures';
import { DEMO_ASSESSMENT_TITLE } from './assessment.demo';
import { DEFAULT_INSTRUMENT_ID } from './assessment.service';
import { csrfOf, getForm, pathOf, postForm, postMultipartForm, tokenOf, unzip } from './testing';

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

  describe('a full named round over HTTP', () => {
    let round: Round;
    let link: string;
    let external: AddressedClient;
    const participants: Record<string, Participant> = {};
    const url = (path = '') => api(`/rounds/${round.id}${path}`);

    it('viewers and contributors cannot create rounds; editors can (draft, default instrument)', async () => {
      const body = {
        title: 'Selbsteinschätzung 2026',
        startsOn: day(0),
        endsOn: day(60),
        purpose: 'Fortschreibung',
      };
      expectApiError(await viewer.post(api('/rounds'), body), 403, 'forbidden');
      expectApiError(await contributor.post(api('/rounds'), body), 403, 'forbidden');
      expectApiError(
        await editor.post(api('/rounds'), { ...body, startsOn: day(10), endsOn: day(1) }),
        400,
        'bad_request',
      );
      const res = await editor.post(api('/rounds'), body);
      expect(res.statusCode, res.body).toBe(201);
      round = res.json();
      expect(round).toMatchObject({
        status: 'draft',
        anonymous: false,
        instrumentId: DEFAULT_INSTRUMENT_ID,
        instrumentVersion: 1,
        components: 7,
        participants: 0,
      });
    });

    it('invites two users and one external link; only the hash of the link token is stored', async () => {
      const contributorId = await userIdByEmail(t, DEMO.contributor.email);
      const editorId = await userIdByEmail(t, DEMO.editor.email);
      const a = await editor.post(url('/participants'), {
        kind: 'user',
        userId: contributorId,
        group: 'verwaltung',
      });
      expect(a.statusCode, a.body).toBe(201);
      expect(a.json()).toMatchObject({
        kind: 'user',
        label: 'Finn Fachbereich',
        group: 'verwaltung',
        link: null,
      });
      participants.contributor = a.json();
      const b = await editor.post(url('/participants'), { kind: 'user', userId: editorId });
      expect(b.statusCode, b.body).toBe(201);
      participants.editor = b.json();
      expect(participants.editor!.group).toBe('bildungsbuero');
      expectApiError(
        await editor.post(url('/participants'), { kind: 'user', userId: contributorId }),
        409,
        'conflict',
      );
      // A person of another tenant only (the platform admin) cannot be invited.
      const platformId = await userIdByEmail(t, DEMO.platform.email);
      expectApiError(
        await editor.post(url('/participants'), { kind: 'user', userId: platformId }),
        404,
        'not_found',
      );

      const c = await editor.post(url('/participants'), { kind: 'external', label: 'Kita-Träger Nord' });
      expect(c.statusCode, c.body).toBe(201);
      const created = c.json() as Participant & { link: string };
      expect(created).toMatchObject({
        kind: 'external',
        label: 'Kita-Träger Nord',
        group: 'extern',
        userId: null,
      });
      link = created.link;
      expect(link).toMatch(/^http:\/\/localhost(:\d+)?\/einschaetzung\/[A-Za-z0-9_-]{43}$/);
      // Expires at the end of the round's last day (Berlin time).
      expect(created.expiresAt!.slice(0, 10) >= day(59)).toBe(true);
      participants.external = created;
      const token = tokenOf(link);
      const stored = await t.database.query<{ token_hash: string | null }>(
        'SELECT token_hash FROM assessment_participants WHERE id = $1',
        [created.id],
      );
      expect(stored[0]!.token_hash).toBe(sha256Hex(token));
      const dump = await t.database.query<{ j: string }>(
        'SELECT json_agg(p)::text AS j FROM assessment_participants p',
      );
      expect(dump[0]!.j).not.toContain(token);
      // The list never shows the link again.
      const list = await editor.get(url('/participants'));
      expect(list.statusCode).toBe(200);
      expect(list.body).not.toContain(token);
      expect((list.json() as Participant[]).map((p) => p.label)).toEqual([
        'Finn Fachbereich',
        'Rita Redaktion',
        'Kita-Träger Nord',
      ]);
      expectApiError(await contributor.get(url('/participants')), 403, 'forbidden');
      expect(t.logs.join('\n')).not.toContain(token);
    });

    it('raters see the draft but can answer only once the round is open', async () => {
      const view = await contributor.get(url('/my'));
      expect(view.statusCode, view.body).toBe(200);
      expect((view.json() as RaterView).round.status).toBe('draft');
      expectApiError(
        await contributor.request({
          method: 'PUT',
          url: url('/my/answers/strategische_ziele'),
          payload: { level: 2 },
        }),
        409,
        'round_not_open',
      );
      const form = await getForm(newClient(t), pathOf(link));
      expect(form.statusCode).toBe(200);
      expect(form.body).toContain('noch nicht geöffnet');
      expect(form.body).not.toContain('<form');
      const opened = await editor.patch(url(), { status: 'open' });
      expect(opened.statusCode, opened.body).toBe(200);
      expect(opened.json().status).toBe('open');
      expectApiError(await editor.patch(url(), { status: 'draft' }), 409, 'conflict');
    });

    it('people who are not invited cannot answer (contributor only when invited)', async () => {
      expectApiError(await viewer.get(url('/my')), 403, 'not_invited');
      expectApiError(
        await viewer.request({ method: 'PUT', url: url('/my/answers/koordination'), payload: { level: 3 } }),
        403,
        'not_invited',
      );
      expectApiError(await admin.post(url('/my/submit')), 403, 'not_invited');
    });

    it('a user rater saves as they go, resumes, and submits when complete', async () => {
      const put = (key: string, body: unknown) =>
        contributor.request({ method: 'PUT', url: url(`/my/answers/${key}`), payload: body as never });
      const first = await put('strategische_ziele', { level: 1, comment: 'Nur situativ (Fachbereich).' });
      expect(first.statusCode, first.body).toBe(200);
      expect(first.json()).toMatchObject({
        componentKey: 'strategische_ziele',
        level: 1,
        cannotAssess: false,
      });
      expectApiError(await put('gibt_es_nicht', { level: 1 }), 404, 'not_found');
      expectApiError(await put('qualitaet', { level: 2, cannotAssess: true }), 400, 'validation');
      expectApiError(await put('qualitaet', { level: 5 }), 400, 'validation');
      expectApiError(
        await put('qualitaet', { level: 2, evidenceUrl: 'javascript:alert(1)' }),
        400,
        'validation',
      );
      expect(
        (await put('datenbasierung', { level: 3, evidenceUrl: 'https://example.org/bericht' })).statusCode,
      ).toBe(200);
      expect((await put('qualitaet', { level: null, cannotAssess: true })).statusCode).toBe(200);

      // Resume: the saved answers come back.
      const view = (await contributor.get(url('/my'))).json() as RaterView;
      expect(view.answers.map((a) => [a.componentKey, a.level, a.cannotAssess])).toEqual([
        ['strategische_ziele', 1, false],
        ['datenbasierung', 3, false],
        ['qualitaet', null, true],
      ]);
      expect(view.instrument.components).toHaveLength(7);
      expect(view.tenantName).toBe('Musterstadt (Demo)');

      const incomplete = expectApiError(await contributor.post(url('/my/submit')), 400, 'incomplete');
      expect(incomplete.message).toContain('Interne Kooperation');
      expect((incomplete.details as { missing: string[] }).missing).toEqual([
        'interne_kooperation',
        'externe_kooperation',
        'koordination',
        'oeffentlichkeit',
      ]);
      for (const [k, level] of [
        ['interne_kooperation', 3],
        ['externe_kooperation', 2],
        ['koordination', 2],
        ['oeffentlichkeit', 2],
      ] as const) {
        expect((await put(k, { level })).statusCode).toBe(200);
      }
      const submitted = await contributor.post(url('/my/submit'));
      expect(submitted.statusCode, submitted.body).toBe(200);
      expect((submitted.json() as RaterView).submittedAt).not.toBeNull();
      // Comment kept when a later save leaves it out; cleared with null.
      const again = await put('strategische_ziele', { level: 1 });
      expect((again.json() as Answer).comment).toBe('Nur situativ (Fachbereich).');
    });

    it('evidence files: PDF/images/office only, at most 10 MB, served to editors and the uploader only', async () => {
      const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
      const up = await contributor.upload(
        url('/my/answers/datenbasierung/evidence'),
        'Bildungsbericht 2024.pdf',
        pdf,
      );
      expect(up.statusCode, up.body).toBe(200);
      const answer = up.json() as Answer;
      expect(answer.evidenceFile).toMatchObject({ name: 'Bildungsbericht 2024.pdf', size: pdf.length });
      expect(answer.level).toBe(3);
      const bad = await contributor.upload(url('/my/answers/datenbasierung/evidence'), 'virus.exe', 'MZ....');
      expectApiError(bad, 415, 'unsupported_type');
      const fake = await contributor.upload(
        url('/my/answers/datenbasierung/evidence'),
        'fake.pdf',
        'kein pdf',
      );
      expectApiError(fake, 415, 'unsupported_type');
      const big = Buffer.alloc(10 * 1024 * 1024 + 10, 0x41);
      big.write('%PDF-1.4', 0);
      expectApiError(
        await contributor.upload(url('/my/answers/datenbasierung/evidence'), 'gross.pdf', big),
        413,
        'too_large',
      );

      const fileUrl = url(`/files/${answer.evidenceFile!.id}`);
      const byEditor = await editor.get(fileUrl);
      expect(byEditor.statusCode).toBe(200);
      expect(byEditor.headers['content-type']).toBe('application/pdf');
      expect(byEditor.headers['content-disposition']).toContain('attachment');
      expect(byEditor.rawPayload.equals(pdf)).toBe(true);
      expect((await contributor.get(fileUrl)).statusCode).toBe(200);
      expectApiError(await viewer.get(fileUrl), 404, 'not_found');
      // Another rater of the round does not get it either.
      expectApiError(await editor.get(url(`/files/${crypto.randomUUID()}`)), 404, 'not_found');
      const editorView = await editor.get(url('/my'));
      expect(editorView.body).not.toContain(answer.evidenceFile!.id);
    });

    it('an editor rater never sees other raters’ answers through the rater routes', async () => {
      const put = (key: string, body: unknown) =>
        editor.request({ method: 'PUT', url: url(`/my/answers/${key}`), payload: body as never });
      const levels = [2, 3, 2, 2, 3, 2, 1];
      for (const [i, k] of KEYS.entries()) {
        const res = await put(k, {
          level: levels[i],
          comment: k === 'koordination' ? 'Geschäftsstelle wirkt.' : null,
        });
        expect(res.statusCode, res.body).toBe(200);
      }
      const mine = (await editor.get(url('/my'))).json() as RaterView;
      expect(mine.answers).toHaveLength(7);
      const raw = JSON.stringify(mine);
      expect(raw).not.toContain('Nur situativ (Fachbereich).');
      expect(raw).not.toContain('example.org/bericht');
      const theirs = await contributor.get(url('/my'));
      expect(theirs.body).not.toContain('Geschäftsstelle wirkt.');
      expect((await editor.post(url('/my/submit'))).statusCode).toBe(200);
    });

    it('an external rater answers without an account and without JavaScript', async () => {
      external = newClient(t);
      const path = pathOf(link);
      const form = await getForm(external, path);
      expect(form.statusCode).toBe(200);
      expect(form.headers['content-type']).toMatch(/^text\/html/);
      expect(form.headers['cache-control']).toBe('no-store');
      const html = form.body;
      expect(html).toMatch(/^<!DOCTYPE html><html lang="de">/);
      expect(html.match(/<h1[ >]/g)).toHaveLength(1);
      expect(html).toContain('<a class="skip" href="#inhalt">');
      expect(html).toMatch(/<link rel="stylesheet" href="\/static\/public\.[0-9a-f]{12}\.css">/);
      expect(html).not.toMatch(/<script/i);
      expect(html.match(/<fieldset/g)).toHaveLength(7);
      expect(html.match(/<legend>/g)).toHaveLength(7);
      for (const c of DEFAULT_INSTRUMENT.components) {
        expect(html).toContain(c.question);
        for (const type of c.types) expect(html).toContain(type);
      }
      expect(html.match(/type="radio"/g)).toHaveLength(35);
      expect(html.match(/kann ich nicht einschätzen/g)!.length).toBeGreaterThanOrEqual(7);
      expect(html).toContain('Zwischenspeichern');
      expect(html).toContain('Abschließen');
      expect(html.match(/<textarea/g)).toHaveLength(7);
      expect(html.match(/type="url"/g)).toHaveLength(7);
      // Nobody else's answers or names.
      for (const s of [
        'Nur situativ',
        'Geschäftsstelle wirkt',
        'example.org/bericht',
        'Finn Fachbereich',
        'Rita Redaktion',
      ]) {
        expect(html).not.toContain(s);
      }
      const csrf = csrfOf(html);
      expect(csrf).toBeTruthy();

      // Without the hidden CSRF field nothing is saved.
      const forged = await postForm(newClient(t), path, formFields('', ['2']));
      expect(forged.statusCode).toBe(403);
      expect(forged.headers['content-type']).toMatch(/^text\/html/);
      expect(await answersCount(participants.external!.id)).toBe(0);

      // Zwischenspeichern: three answers and a comment.
      const saved = await postForm(
        external,
        path,
        formFields(csrf!, ['3', '2', 'x'], {
          kommentar_strategische_ziele: 'Wir <b>kennen</b> die Ziele nur teilweise.',
        }),
      );
      expect(saved.statusCode, saved.body).toBe(303);
      expect(saved.headers.location).toBe(`${path}?status=gespeichert`);
      const resumed = await getForm(external, `${path}?status=gespeichert`);
      expect(resumed.body).toContain('zwischengespeichert');
      expect(resumed.body).toMatch(
        /id="typ_strategische_ziele_3" name="typ_strategische_ziele" value="3" checked/,
      );
      expect(resumed.body).toMatch(
        /id="typ_interne_kooperation_x" name="typ_interne_kooperation" value="x" checked/,
      );
      expect(resumed.body).toContain('Wir &lt;b&gt;kennen&lt;/b&gt; die Ziele nur teilweise.');
      expect(resumed.body).not.toContain('<b>kennen</b>');

      // An invalid evidence link: 400 with an error summary, nothing saved, entries kept.
      const csrf2 = csrfOf(resumed.body)!;
      const invalid = await postForm(
        external,
        path,
        formFields(csrf2, ['4', '2', 'x'], { nachweis_datenbasierung: 'javascript:alert(1)' }),
      );
      expect(invalid.statusCode).toBe(400);
      expect(invalid.body).toContain('Bitte prüfen Sie Ihre Angaben');
      expect(invalid.body).toContain('href="#nachweis_datenbasierung"');
      expect(invalid.body).toMatch(/value="4" checked/);
      const stored = await t.database.query<{ level: number }>(
        `SELECT level FROM assessment_answers WHERE participant_id = $1 AND component_key = 'strategische_ziele'`,
        [participants.external!.id],
      );
      expect(stored[0]!.level).toBe(3);

      // Abschließen with gaps: back to the form with the missing components listed.
      const gaps = await postForm(external, path, {
        ...formFields(csrf2, ['3', '2', 'x']),
        aktion: 'abschliessen',
      });
      expect(gaps.statusCode).toBe(303);
      expect(gaps.headers.location).toBe(`${path}?status=unvollstaendig`);
      const listed = await getForm(external, gaps.headers.location as string);
      expect(listed.body).toContain('Bitte prüfen Sie Ihre Angaben');
      expect(listed.body).toContain('href="#typ_externe_kooperation_1"');
      expect(listed.body).not.toContain('href="#typ_strategische_ziele_1"');

      const done = await postForm(external, path, {
        ...formFields(csrfOf(listed.body)!, ['3', '2', 'x', '3', '2', '2', '2']),
        kommentar_strategische_ziele: 'Wir kennen die Ziele nur teilweise.',
        nachweis_externe_kooperation: 'https://kita-traeger.example/protokoll',
        aktion: 'abschliessen',
      });
      expect(done.statusCode).toBe(303);
      expect(done.headers.location).toBe(`${path}?status=abgeschlossen`);
      const thanks = await getForm(external, done.headers.location as string);
      expect(thanks.body).toContain('Vielen Dank!');
      const p = ((await editor.get(url('/participants'))).json() as Participant[]).find(
        (x) => x.id === participants.external!.id,
      )!;
      expect(p.submittedAt).not.toBeNull();
      expect(p.answered).toBe(7);
      expect(t.logs.join('\n')).not.toContain(tokenOf(link));
      expect(t.logs.join('\n')).not.toContain('Kita-Träger Nord');
    });

    it('an external rater uploads evidence files in the form without JavaScript (same limits and checks)', async () => {
      const path = pathOf(link);
      const form = await getForm(external, path);
      expect(form.body).toContain('enctype="multipart/form-data"');
      expect(form.body.match(/type="file"/g)).toHaveLength(7);
      expect(form.body).toContain('höchstens 10 MB');
      // The answers as submitted before, so that the later steps see the same state.
      const answers = (csrf: string) => ({
        ...formFields(csrf, ['3', '2', 'x', '3', '2', '2', '2']),
        kommentar_strategische_ziele: 'Wir kennen die Ziele nur teilweise.',
        nachweis_externe_kooperation: 'https://kita-traeger.example/protokoll',
      });
      const files = () =>
        t.database.query<{ component_key: string; name: string; size: number }>(
          'SELECT component_key, name, size FROM assessment_files WHERE participant_id = $1 ORDER BY name',
          [participants.external!.id],
        );
      const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

      // CSRF as before: without the form's token nothing is saved, not even the file.
      const forged = await postMultipartForm(newClient(t), path, answers(''), {
        datei_koordination: { name: 'protokoll.pdf', bytes: pdf },
      });
      expect(forged.statusCode).toBe(403);
      expect(await files()).toEqual([]);

      // Wrong type, a file that only claims to be a PDF, an empty file and one over 10 MB: the page
      // names each, nothing is saved.
      const big = Buffer.alloc(10 * 1024 * 1024 + 10, 0x41);
      big.write('%PDF-1.4', 0);
      const rejected = await postMultipartForm(external, path, answers(csrfOf(form.body)!), {
        datei_strategische_ziele: { name: 'programm.exe', bytes: 'MZ....' },
        datei_datenbasierung: { name: 'bericht.pdf', bytes: 'kein pdf' },
        datei_interne_kooperation: { name: 'leer.pdf', bytes: '' },
        datei_qualitaet: { name: 'gross.pdf', bytes: big },
        datei_koordination: null,
      });
      expect(rejected.statusCode).toBe(400);
      expect(rejected.headers['content-type']).toMatch(/^text\/html/);
      const body = rejected.body;
      expect(body).toContain('Bitte prüfen Sie Ihre Angaben');
      for (const key of ['strategische_ziele', 'datenbasierung', 'interne_kooperation', 'qualitaet']) {
        expect(body).toContain(`href="#datei_${key}"`);
      }
      expect(body).toContain('Strategische Ziele, Datei „programm.exe“: Als Nachweis sind PDF-Dateien');
      expect(body).toContain('Datenbasierung, Datei „bericht.pdf“: Als Nachweis sind PDF-Dateien');
      expect(body).toContain('Interne Kooperation, Datei „leer.pdf“: Die Datei ist leer.');
      expect(body).toContain('Qualität, Datei „gross.pdf“: Die Datei ist größer als 10 MB.');
      expect(body).toMatch(/id="datei_qualitaet" name="datei_qualitaet"[^>]*aria-invalid="true"/);
      expect(await files()).toEqual([]);

      // A PDF for „Koordination“: saved with the answers, shown in the form and to the Redaktion.
      const saved = await postMultipartForm(external, path, answers(csrfOf(body)!), {
        datei_strategische_ziele: null,
        datei_koordination: { name: 'Protokoll Steuerungsgruppe.pdf', bytes: pdf },
      });
      expect(saved.statusCode, saved.body).toBe(303);
      expect(saved.headers.location).toBe(`${path}?status=gespeichert`);
      expect(await files()).toEqual([
        { component_key: 'koordination', name: 'Protokoll Steuerungsgruppe.pdf', size: pdf.length },
      ]);
      const again = await getForm(external, saved.headers.location as string);
      expect(again.body).toContain('Gespeicherte Datei: Protokoll Steuerungsgruppe.pdf (1 KB)');
      const consolidated = (await editor.get(url('/consolidation'))).json() as Consolidation;
      const file = consolidated.components
        .find((c) => c.key === 'koordination')!
        .comments.find((c) => c.label === 'Kita-Träger Nord')!.evidenceFile!;
      expect(file.name).toBe('Protokoll Steuerungsgruppe.pdf');
      const download = await editor.get(url(`/files/${file.id}`));
      expect(download.statusCode).toBe(200);
      expect(download.rawPayload.equals(pdf)).toBe(true);

      // „Datei entfernen“ takes it away again.
      const removed = await postMultipartForm(external, path, {
        ...answers(csrfOf(again.body)!),
        datei_entfernen_koordination: '1',
      });
      expect(removed.statusCode, removed.body).toBe(303);
      expect(await files()).toEqual([]);
    });

    async function answersCount(participantId: string) {
      const r = await t.database.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM assessment_answers WHERE participant_id = $1',
        [participantId],
      );
      return r[0]!.n;
    }

    it('framework conditions: prefill from the monitoring data with its source, editable', async () => {
      const pre = await editor.get(url('/framework/prefill'));
      expect(pre.statusCode, pre.body).toBe(200);
      const values = pre.json() as Record<string, FrameworkValue | null>;
      // Independent sum: total series of the population indicator at its latest period over the districts.
      const expected = await t.database.query<{ total: string; period: string }>(
        `SELECT sum(o.value)::text AS total, o.period::text AS period
           FROM observations o JOIN series s ON s.id = o.series_id JOIN indicators i ON i.id = s.indicator_id
          WHERE i.tenant_id = $1 AND i.code = 'bevoelkerung_altersgruppen' AND s.dims->>'altersgruppe' = 'insgesamt'
          GROUP BY o.period ORDER BY o.period DESC LIMIT 1`,
        [M],
      );
      expect(values.einwohner).toMatchObject({
        value: expected[0]!.total,
        source: 'indicator',
        indicatorName: 'Bevölkerung nach Altersgruppen',
        period: expected[0]!.period,
      });
      expect(Number(values.einwohner!.value)).toBeGreaterThan(1000);
      // Every condition the demo monitoring has data for is filled, with its source.
      const year = expected[0]!.period.slice(0, 4);
      const shares = await t.database.query<{ label: string; share: string }>(
        `SELECT v.label_de AS label, round(100 * sum(o.value) / $3::numeric, 1)::text AS share
           FROM observations o JOIN series s ON s.id = o.series_id JOIN indicators i ON i.id = s.indicator_id
           JOIN dimension_values v ON v.code = s.dims->>'altersgruppe'
           JOIN dimensions d ON d.id = v.dimension_id AND d.code = 'altersgruppe' AND d.tenant_id = i.tenant_id
          WHERE i.tenant_id = $1 AND i.code = 'bevoelkerung_altersgruppen' AND o.period = $2
            AND NOT v.is_total
          GROUP BY v.label_de, v.sort_order ORDER BY v.sort_order`,
        [M, expected[0]!.period, expected[0]!.total],
      );
      expect(shares.length).toBe(8);
      expect(values.demografie).toMatchObject({
        source: 'indicator',
        indicatorName: 'Bevölkerung nach Altersgruppen',
        period: expected[0]!.period,
      });
      expect(values.demografie!.value).toContain(
        `Altersgruppen (31.12.${year}): ${shares.map((r) => `${r.label} ${r.share.replace('.', ',')} %`).join(', ')}.`,
      );
      expect(values.demografie!.value).toMatch(
        /Einwohnerzahl 31\.12\.\d{4} bis 31\.12\.\d{4}: [\d.]+ → [\d.]+ \([+-]?\d+,\d %\)\./,
      );
      // Day care has no total over the age groups: each group is named, never summed into one number.
      const care = await t.database.query<{ label: string; total: string; period: string }>(
        `SELECT v.label_de AS label, sum(o.value)::text AS total, o.period::text AS period
           FROM observations o JOIN series s ON s.id = o.series_id JOIN indicators i ON i.id = s.indicator_id
           JOIN dimension_values v ON v.code = s.dims->>'altersgruppe'
           JOIN dimensions d ON d.id = v.dimension_id AND d.code = 'altersgruppe' AND d.tenant_id = i.tenant_id
          WHERE i.tenant_id = $1 AND i.code = 'kinder_in_betreuung' AND s.dims->>'betreuungsart' = 'insgesamt'
            AND o.period = (SELECT max(period) FROM observations WHERE series_id = s.id)
          GROUP BY v.label_de, v.sort_order, o.period ORDER BY v.sort_order`,
        [M],
      );
      expect(care.length).toBe(2);
      const [cy, cm, cd] = care[0]!.period.split('-');
      const groups = care.map((r) => `${r.label} ${Number(r.total).toLocaleString('de-DE')}`).join(', ');
      expect(values.bildungsinfrastruktur).toMatchObject({
        source: 'indicator',
        value: `Kinder in Kindertagesbetreuung: ${groups} (${cd}.${cm}.${cy})`,
        indicatorName: 'Kinder in Kindertagesbetreuung',
        period: care[0]!.period,
      });
      // The childcare rate exists only per district: a rate is never added up over districts.
      expect(values.bildungsinfrastruktur!.value).not.toContain('Betreuungsquote');
      // No source in the monitoring: said per field (null), never invented.
      expect(values.verwaltung).toBeNull();
      expect(values.migration).toBeNull();
      expect(values.zugaenglichkeit).toBeNull();
      expect(Object.keys(values).toSorted()).toEqual(
        DEFAULT_INSTRUMENT.frameworkConditions.map((f) => f.key).toSorted(),
      );
      expectApiError(await viewer.get(url('/framework/prefill')), 403, 'forbidden');

      const body = {
        einwohner: values.einwohner,
        verwaltung: { value: '2.100 Beschäftigte', source: 'manual', note: 'Stellenplan 2026' },
      };
      const put = await editor.request({ method: 'PUT', url: url('/framework'), payload: body });
      expect(put.statusCode, put.body).toBe(200);
      const read = (await viewer.get(url('/framework'))).json() as Record<string, FrameworkValue>;
      expect(read.verwaltung).toMatchObject({
        value: '2.100 Beschäftigte',
        source: 'manual',
        note: 'Stellenplan 2026',
      });
      expect(read.einwohner).toMatchObject({ source: 'indicator', value: values.einwohner!.value });
      expectApiError(
        await editor.request({
          method: 'PUT',
          url: url('/framework'),
          payload: { unbekannt: { value: '1', source: 'manual' } },
        }),
        400,
        'bad_request',
      );
      expectApiError(
        await editor.request({
          method: 'PUT',
          url: url('/framework'),
          payload: { einwohner: { value: 'viele', source: 'manual' } },
        }),
        400,
        'bad_request',
      );
      expectApiError(
        await viewer.request({ method: 'PUT', url: url('/framework'), payload: body }),
        403,
        'forbidden',
      );
    });

    it('consolidation shows statistics, who rated what and comments side by side (editors only)', async () => {
      expectApiError(await contributor.get(url('/consolidation')), 403, 'forbidden');
      expectApiError(await viewer.get(url('/consolidation')), 403, 'forbidden');
      const res = await editor.get(url('/consolidation'));
      expect(res.statusCode, res.body).toBe(200);
      const c = res.json() as Consolidation;
      expect(c.round.submitted).toBe(3);
      const sz = c.components.find((x) => x.key === 'strategische_ziele')!;
      // contributor 1, editor 2, external 3
      expect(sz.stats).toMatchObject({
        n: 3,
        distribution: [1, 1, 1, 0],
        min: 1,
        max: 3,
        median: 2,
        spread: 2,
        disagreement: true,
        hidden: false,
      });
      expect(sz.ratings.map((r) => [r.label, r.group, r.level])).toEqual([
        ['Finn Fachbereich', 'verwaltung', 1],
        ['Rita Redaktion', 'bildungsbuero', 2],
        ['Kita-Träger Nord', 'extern', 3],
      ]);
      expect(sz.comments).toEqual([
        {
          label: 'Finn Fachbereich',
          group: 'verwaltung',
          text: 'Nur situativ (Fachbereich).',
          evidenceUrl: null,
          evidenceFile: null,
        },
        {
          label: 'Kita-Träger Nord',
          group: 'extern',
          text: 'Wir kennen die Ziele nur teilweise.',
          evidenceUrl: null,
          evidenceFile: null,
        },
      ]);
      const ik = c.components.find((x) => x.key === 'interne_kooperation')!;
      expect(ik.stats).toMatchObject({ n: 2, cannotAssess: 1 });
      const db = c.components.find((x) => x.key === 'datenbasierung')!;
      expect(db.comments[0]).toMatchObject({
        label: 'Finn Fachbereich',
        evidenceUrl: 'https://example.org/bericht',
      });
      expect(db.comments[0]!.evidenceFile?.name).toBe('Bildungsbericht 2024.pdf');
      expect(c.framework.verwaltung?.value).toBe('2.100 Beschäftigte');
      expect(c.components.every((x) => x.agreed === null)).toBe(true);
    });

    it('the facilitator records agreed types with a rationale; goals follow the next type', async () => {
      expectApiError(
        await editor.request({
          method: 'PUT',
          url: url('/consolidation/strategische_ziele'),
          payload: { level: 2, rationale: '' },
        }),
        400,
        'validation',
      );
      expectApiError(
        await contributor.request({
          method: 'PUT',
          url: url('/consolidation/strategische_ziele'),
          payload: { level: 2, rationale: 'Weil.' },
        }),
        403,
        'forbidden',
      );
      const agreed = [2, 3, 2, 3, 3, 2, 4];
      for (const [i, k] of KEYS.entries()) {
        const res = await editor.request({
          method: 'PUT',
          url: url(`/consolidation/${k}`),
          payload: { level: agreed[i], rationale: `Im Workshop vereinbart (${k}).` },
        });
        expect(res.statusCode, res.body).toBe(200);
      }
      const c = (await editor.get(url('/consolidation'))).json() as Consolidation;
      expect(c.components.map((x) => x.agreed?.level)).toEqual(agreed);
      expect(c.components[0]!.agreed).toMatchObject({
        decidedBy: 'Rita Redaktion',
        rationale: 'Im Workshop vereinbart (strategische_ziele).',
      });
      expect(c.round.consolidated).toBe(7);
      // Changing an agreement moves the goal along.
      await editor.request({
        method: 'PUT',
        url: url('/consolidation/strategische_ziele'),
        payload: { level: 1, rationale: 'Doch eher Typ 1.' },
      });
      await editor.request({
        method: 'PUT',
        url: url('/consolidation/strategische_ziele'),
        payload: { level: 2, rationale: 'Im Workshop vereinbart.' },
      });
    });

    it('results: agreed profile with range, comparison with the demo round, goals with plans', async () => {
      const res = await viewer.get(url('/results'));
      expect(res.statusCode, res.body).toBe(200);
      const r = res.json() as Results;
      expect(r.profile.map((p) => p.agreed)).toEqual([2, 3, 2, 3, 3, 2, 4]);
      expect(r.profile[0]).toMatchObject({
        key: 'strategische_ziele',
        name: 'Strategische Ziele',
        min: 1,
        max: 3,
      });
      expect(r.profile.find((p) => p.key === 'interne_kooperation')).toMatchObject({ min: 2, max: 3 });
      expect(r.earlier).toHaveLength(1);
      expect(r.earlier[0]).toMatchObject({
        roundId: demoRoundId,
        title: DEMO_ASSESSMENT_TITLE,
        endsOn: '2025-04-11',
      });
      expect(r.earlier[0]!.profile.map((p) => p.agreed)).toEqual([2, 3, 2, 2, 3, 2, 1]);
      expect(r.goals).toHaveLength(7);
      for (const [i, g] of r.goals.entries()) {
        const comp = DEFAULT_INSTRUMENT.components[i]!;
        expect(g.componentKey).toBe(comp.key);
        expect(g.targetLevel).toBe(nextLevel(g.fromLevel));
        expect(g.targetText).toBe(comp.types[g.targetLevel - 1]);
        expect(g.status).toBe('open');
      }
      expect(r.goals[6]).toMatchObject({ fromLevel: 4, targetLevel: 4 });

      const goal = await editor.request({
        method: 'PUT',
        url: url('/goals/strategische_ziele'),
        payload: {
          plan: 'Bildungsleitbild erarbeiten',
          owner: 'Bildungsbüro',
          dueOn: '2027-06-30',
          status: 'in_progress',
        },
      });
      expect(goal.statusCode, goal.body).toBe(200);
      expect(goal.json() as DevelopmentGoal).toMatchObject({
        plan: 'Bildungsleitbild erarbeiten',
        owner: 'Bildungsbüro',
        dueOn: '2027-06-30',
        status: 'in_progress',
      });
      expectApiError(
        await viewer.request({
          method: 'PUT',
          url: url('/goals/strategische_ziele'),
          payload: { status: 'done' },
        }),
        403,
        'forbidden',
      );
      expectApiError(
        await editor.request({
          method: 'PUT',
          url: url('/goals/gibt_es_nicht'),
          payload: { status: 'done' },
        }),
        404,
        'not_found',
      );
    });

    it('exports: German CSV with every rating, DOCX with headings, table and chart', async () => {
      expectApiError(await viewer.get(url('/export/ratings.csv')), 403, 'forbidden');
      const csv = await editor.get(url('/export/ratings.csv'));
      expect(csv.statusCode, csv.body).toBe(200);
      expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(csv.headers['content-disposition']).toContain('Selbsteinschaetzung_2026_einschaetzungen.csv');
      expect(csv.rawPayload.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(true);
      const lines = csv.body
        .replace(/^\uFEFF/, '')
        .trimEnd()
        .split('\r\n');
      expect(lines[0]).toBe(
        'Person;Gruppe;Komponente;Typ;Kann ich nicht einschätzen;Kommentar;Nachweis;Zuletzt gespeichert',
      );
      expect(lines).toHaveLength(1 + 21);
      expect(lines).toContainEqual(
        expect.stringMatching(
          /^Finn Fachbereich;Ämter und Fachbereiche;Strategische Ziele;1;nein;Nur situativ \(Fachbereich\)\.;;\d/,
        ),
      );
      expect(lines).toContainEqual(
        expect.stringMatching(
          /^Finn Fachbereich;Ämter und Fachbereiche;Datenbasierung;3;nein;;https:\/\/example\.org\/bericht \| Datei: Bildungsbericht 2024\.pdf;/,
        ),
      );
      expect(lines).toContainEqual(
        expect.stringMatching(/^Kita-Träger Nord;Externe Partner;Interne Kooperation;;ja;;;/),
      );
      expect(lines.filter((l) => l.startsWith('Rita Redaktion;Bildungsbüro;'))).toHaveLength(7);

      const docx = await viewer.get(url('/export/report.docx'));
      expect(docx.statusCode, docx.body.slice(0, 200)).toBe(200);
      expect(docx.headers['content-type']).toBe(
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      );
      const files = unzip(docx.rawPayload);
      const xml = files.get('word/document.xml')!.toString('utf8');
      for (const c of DEFAULT_INSTRUMENT.components) expect(xml).toContain(c.name);
      expect(xml).toContain('Entwicklungsziele');
      expect(xml).toContain('Bildungsleitbild erarbeiten');
      expect(xml).toContain('Rahmenbedingungen');
      expect(xml).toContain('2.100 Beschäftigte');
      expect(xml).toContain(DEFAULT_INSTRUMENT.source.slice(0, 40));
      expect(xml).toContain(DEMO_ASSESSMENT_TITLE);
      expect(xml).toMatch(/<w:tbl>/);
      expect(files.get('word/styles.xml')!.toString('utf8')).toMatch(/<w:lang w:val="de-DE"/);
      expect(files.get('docProps/core.xml')!.toString('utf8')).toContain(
        '<dc:title>Selbsteinschätzung 2026 – Bericht',
      );
      const media = [...files.keys()].filter((k) => k.startsWith('word/media/'));
      expect(media).toHaveLength(1);
      expect(files.get(media[0]!)!.subarray(1, 4).toString('latin1')).toBe('PNG');
      // No individual names in the report (it goes to everybody with read access).
      expect(xml).not.toContain('Finn Fachbereich');
      expect(xml).not.toContain('Kita-Träger Nord');
    });

    it('closing makes the round read-only for everybody (answers, consolidation, framework); goals stay editable', async () => {
      const closed = await editor.patch(url(), { status: 'closed' });
      expect(closed.statusCode, closed.body).toBe(200);
      expect(closed.json()).toMatchObject({ status: 'closed' });
      expect(closed.json().closedAt).not.toBeNull();
      const answer = expectApiError(
        await contributor.request({
          method: 'PUT',
          url: url('/my/answers/koordination'),
          payload: { level: 4 },
        }),
        409,
        'round_closed',
      );
      expect(answer.message).toBe(
        'Die Runde ist abgeschlossen. Einschätzungen, Konsolidierung und Rahmenbedingungen können nicht mehr geändert werden.',
      );
      expectApiError(await contributor.post(url('/my/submit')), 409, 'round_closed');
      expectApiError(
        await editor.request({
          method: 'PUT',
          url: url('/consolidation/koordination'),
          payload: { level: 4, rationale: 'Nachträglich.' },
        }),
        409,
        'round_closed',
      );
      expectApiError(
        await editor.request({ method: 'PUT', url: url('/framework'), payload: {} }),
        409,
        'round_closed',
      );
      expectApiError(await editor.patch(url(), { title: 'Umbenannt nach Abschluss' }), 409, 'round_closed');
      expectApiError(await editor.patch(url(), { status: 'open' }), 409, 'round_closed');
      expectApiError(
        await editor.post(url('/participants'), { kind: 'external', label: 'Zu spät' }),
        409,
        'round_closed',
      );
      expectApiError(
        await editor.delete(url(`/participants/${participants.external!.id}`)),
        409,
        'round_closed',
      );
      expectApiError(await editor.delete(url()), 409, 'conflict');
      const pdf = Buffer.from('%PDF-1.4\n%%EOF\n');
      expectApiError(
        await contributor.upload(url('/my/answers/qualitaet/evidence'), 'n.pdf', pdf),
        409,
        'round_closed',
      );
      // Still readable.
      expect((await contributor.get(url('/my'))).json().round.status).toBe('closed');
      expect((await editor.get(url('/consolidation'))).statusCode).toBe(200);
      // Goals stay editable after closing.
      const goal = await editor.request({
        method: 'PUT',
        url: url('/goals/koordination'),
        payload: { status: 'done' },
      });
      expect(goal.statusCode, goal.body).toBe(200);

      // The external form becomes a read-only view; a POST saves nothing.
      const path = pathOf(link);
      const view = await getForm(external, path);
      expect(view.statusCode).toBe(200);
      expect(view.body).toContain('Diese Runde ist abgeschlossen.');
      expect(view.body).not.toContain('<form');
      expect(view.body).toContain('Typ 3: ' + DEFAULT_INSTRUMENT.components[0]!.types[2]);
      const before = await t.database.query(
        'SELECT level, comment FROM assessment_answers WHERE participant_id = $1 ORDER BY component_key',
        [participants.external!.id],
      );
      const post = await postForm(
        external,
        path,
        formFields(csrfOf(view.body) ?? 'x', ['1', '1', '1', '1', '1', '1', '1']),
      );
      expect([303, 403]).toContain(post.statusCode);
      const after = await t.database.query(
        'SELECT level, comment FROM assessment_answers WHERE participant_id = $1 ORDER BY component_key',
        [participants.external!.id],
      );
      expect(after).toEqual(before);
    });

    it('a new round after this one compares with both closed rounds, newest first', async () => {
      const next = await editor.post(api('/rounds'), {
        title: 'Selbsteinschätzung 2027',
        startsOn: day(70),
        endsOn: day(120),
      });
      expect(next.statusCode, next.body).toBe(201);
      const r = (await viewer.get(api(`/rounds/${next.json().id}/results`))).json() as Results;
      expect(r.earlier.map((e) => e.title)).toEqual(['Selbsteinschätzung 2026', DEMO_ASSESSMENT_TITLE]);
      expect(r.profile.every((p) => p.agreed === null && p.min === null)).toBe(true);
      expect(r.goals).toEqual([]);
      const del = await editor.delete(api(`/rounds/${next.json().id}`));
      expect(del.statusCode, del.body).toBe(200);
      expectApiError(await viewer.get(api(`/rounds/${next.json().id}`)), 404, 'not_found');
    });
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
      const mine = (await contributor.get(api('/my-rounds'))).json() as Round[];
      expect(mine.map((r) => r.title)).toContain('Selbsteinschätzung 2026');
      expect(mine.map((r) => r.title)).toContain(DEMO_ASSESSMENT_TITLE);
      expect(mine.map((r) => r.title)).not.toContain('Anonyme Runde');
    });
  });
});
