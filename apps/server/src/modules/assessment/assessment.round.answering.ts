import { afterEach, beforeAll, expect, it } from 'vitest';
import type { Answer, Consolidation, Participant, RaterView, Round } from '@dkbm/contract';
import { DEFAULT_INSTRUMENT } from '@dkbm/domain';
import { DEMO, type TestContext } from '../../test/testApp';
import {
  expectApiError,
  newClient,
  sha256Hex,
  userIdByEmail,
  type AddressedClient,
} from '../../test/fixtures';
import { DEFAULT_INSTRUMENT_ID } from './assessment.service';
import { csrfOf, getForm, pathOf, postForm, postMultipartForm, tokenOf } from './testing';

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

/*
 * The first half of the story of a full named round (assessment.round.db.test.ts): creating the round,
 * inviting people and a link, answering as a user and as an external rater, evidence files. The steps
 * run in order and hand the round, the link and the external rater to the second half through `story`.
 */

/** What both halves of the story share: the set-up of the test file and the round it builds. */
export interface RoundStory {
  ctx: () => {
    t: TestContext;
    M: string;
    B: string;
    admin: AddressedClient;
    editor: AddressedClient;
    contributor: AddressedClient;
    viewer: AddressedClient;
    demoRoundId: string;
  };
  round?: Round;
  link?: string;
  external?: AddressedClient;
  participants: Record<string, Participant>;
}

export function answeringSteps(story: RoundStory) {
  let t!: TestContext;
  let M!: string;
  let admin!: AddressedClient;
  let editor!: AddressedClient;
  let contributor!: AddressedClient;
  let viewer!: AddressedClient;
  const api = (path: string) => `/api/tenants/${M}/assessment${path}`;
  beforeAll(() => {
    ({ t, M, admin, editor, contributor, viewer } = story.ctx());
  });
  let round!: Round;
  let link!: string;
  let external!: AddressedClient;
  const participants = story.participants;
  const url = (path = '') => api(`/rounds/${round.id}${path}`);
  afterEach(() => {
    Object.assign(story, { round, link, external });
  });

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
    const fake = await contributor.upload(url('/my/answers/datenbasierung/evidence'), 'fake.pdf', 'kein pdf');
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
}
