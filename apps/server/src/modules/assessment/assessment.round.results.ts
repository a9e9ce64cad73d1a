import { beforeAll, beforeEach, expect, it } from 'vitest';
import type { Consolidation, FrameworkValue, DevelopmentGoal, Results, Round } from '@dkbm/contract';
import { DEFAULT_INSTRUMENT, nextLevel } from '@dkbm/domain';
import type { TestContext } from '../../test/testApp';
import { expectApiError, type AddressedClient } from '../../test/fixtures';
import { DEMO_ASSESSMENT_TITLE } from './assessment.demo';
import { csrfOf, getForm, pathOf, postForm, unzip } from './testing';
import type { RoundStory } from './assessment.round.answering';

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
 * The second half of the story of a full named round (assessment.round.db.test.ts): framework
 * conditions, consolidation, results, exports, closing — on the round the first half built.
 */

export function resultsSteps(story: RoundStory) {
  let t!: TestContext;
  let M!: string;
  let editor!: AddressedClient;
  let contributor!: AddressedClient;
  let viewer!: AddressedClient;
  let demoRoundId!: string;
  const api = (path: string) => `/api/tenants/${M}/assessment${path}`;
  beforeAll(() => {
    ({ t, M, editor, contributor, viewer, demoRoundId } = story.ctx());
  });
  let round!: Round;
  let link!: string;
  let external!: AddressedClient;
  const participants = story.participants;
  const url = (path = '') => api(`/rounds/${round.id}${path}`);
  beforeEach(() => {
    ({ round, link, external } = story as Required<RoundStory>);
  });

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
}
