import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  DevelopmentGoalCandidate,
  Finding,
  Indicator,
  ObservationsResponse,
  SteeringGoalDetail,
  SteeringOverview,
} from '@dkbm/contract';
import { createTestApp, DEMO, type TestContext } from '../../test/testApp';
import { TEST_DRIVER } from '../../test/testDb';
import {
  expectApiError,
  newClient,
  signInFresh,
  tenantIdBySlug,
  type AddressedClient,
} from '../../test/fixtures';
import { genesisFixture, importFile } from '../../test/monitoring';
import { unzip } from '../assessment/testing';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CI = ['true', '1'].includes(String(process.env.CI).toLowerCase());
const HAVE_PDF = fs.existsSync(CHROMIUM) && fs.existsSync('/usr/bin/pdftotext');
const OUT = path.join(os.tmpdir(), 'dkbm-steering', TEST_DRIVER);

/** One Kiel day-care count per year: Tageseinrichtung, unter 3 Jahre (the series a target follows). */
const rows = (kielU3: string) => [
  { key: '01001', name: 'Flensburg', label: 'Tageseinrichtung', u3: '20', u6: '40' },
  { key: '01002', name: 'Kiel', label: 'Tageseinrichtung', u3: kielU3, u6: '50' },
  { key: '01001', name: 'Flensburg', label: 'Tagespflege', u3: '7', u6: '4' },
  { key: '01002', name: 'Kiel', label: 'Tagespflege', u3: '9', u6: '8' },
];
const CODE = '99951-01-01-4';
const fileOf = (period: string, kielU3: string) => genesisFixture({ code: CODE, period, rows: rows(kielU3) });

const put = (c: AddressedClient, url: string, payload: unknown) =>
  c.request({ method: 'PUT', url, payload: payload as never });

describe(`steering on ${TEST_DRIVER}`, () => {
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

  it('progress skips missing („...“) and secret („.“) newer values and flags a provisional one', async () => {
    const code = '99952-01-01-4';
    const file = (period: string, kielU3: string) => genesisFixture({ code, period, rows: rows(kielU3) });
    await importFile(admin, B, `${code}_2016.csv`, file('01.03.2016', '30'));
    await importFile(admin, B, `${code}_2018.csv`, file('01.03.2018', '36'));
    const ind = ((await admin.get(`/api/tenants/${B}/indicators`)).json() as Indicator[]).find(
      (i) => i.statisticsCode === code,
    )!;
    const obs = (
      await admin.get(`/api/tenants/${B}/indicators/${ind.id}/observations`)
    ).json() as ObservationsResponse;
    const kiel = obs.observations.find((o) => o.areaCode === '01002' && o.value === '30')!;
    const goalId = (
      await admin.post(`/api/tenants/${B}/steering/goals`, { title: 'Kennzeichen', owner: 'Jugendamt' })
    ).json().id as string;
    const created = await admin.post(`/api/tenants/${B}/steering/goals/${goalId}/targets`, {
      indicatorId: ind.id,
      areaId: kiel.areaId,
      dims: kiel.dims,
      baselinePeriod: '2016-03-01',
      targetPeriod: '2026-03-01',
      targetValue: '60',
    });
    expect(created.statusCode, created.body).toBe(201);
    const progress = async () =>
      ((await admin.get(`/api/tenants/${B}/steering/goals/${goalId}`)).json() as SteeringGoalDetail)
        .targets[0]!.progress;
    expect(await progress()).toMatchObject({
      status: 'on_track',
      latest: { period: '2018-03-01', value: '36' },
    });
    // A newer period without a value yet ('...'): the last value counts, with the caveat.
    await importFile(admin, B, `${code}_2019.csv`, file('01.03.2019', '...'));
    const missing = await progress();
    expect(missing).toMatchObject({ status: 'on_track', latest: { period: '2018-03-01', value: '36' } });
    expect(missing.caveats).toContain('newer_values_unavailable');
    // A secret value ('.') never becomes a progress figure.
    await importFile(admin, B, `${code}_2020.csv`, file('01.03.2020', '.'));
    const secret = await progress();
    expect(secret).toMatchObject({ status: 'on_track', latest: { period: '2018-03-01', value: '36' } });
    expect(secret.caveats).toEqual(
      expect.arrayContaining(['newer_values_withheld', 'newer_values_unavailable']),
    );
    // A provisional value ('p') counts, and says so.
    await importFile(admin, B, `${code}_2021.csv`, file('01.03.2021', '20 p'));
    const flagged = await progress();
    expect(flagged).toMatchObject({
      status: 'deterioration',
      latest: { period: '2021-03-01', value: '20', flag: 'p' },
    });
    expect(flagged.caveats).toContain('latest_value_flagged');
    expect(flagged.caveats).not.toContain('newer_values_withheld');
  });

  it('the demo municipality has a Leitbild, 3 strategic goals, 6 targets in 6 states, 5 recommendations, 4 measures', async () => {
    const res = await viewer.get(`/api/tenants/${M}/steering/overview`);
    expect(res.statusCode, res.body).toBe(200);
    const o = res.json() as SteeringOverview;
    expect(o.missionStatements).toHaveLength(1);
    expect(o.missionStatements[0]!.decision).toMatchObject({ body: 'Stadtrat', number: 'SR/2024/031' });
    expect(o.goals.filter((g) => g.kind === 'strategic')).toHaveLength(3);
    expect(o.recommendations).toHaveLength(5);
    expect(new Set(o.recommendations.map((r) => r.status)).size).toBeGreaterThanOrEqual(4);
    expect(o.decisions).toHaveLength(3);
    expect(o.measures).toHaveLength(4);
    const statuses: string[] = [];
    for (const g of o.goals) {
      const d = (await viewer.get(`/api/tenants/${M}/steering/goals/${g.id}`)).json() as SteeringGoalDetail;
      statuses.push(...d.targets.map((x) => x.progress.status));
    }
    expect(statuses.toSorted()).toEqual([
      'deterioration',
      'insufficient_data',
      'limited_progress',
      'moderate_progress',
      'on_track',
      'target_achieved',
    ]);
  });

  it('a target takes its baseline from the data; imports and undo change the computed status', async () => {
    await importFile(admin, B, `${CODE}_2016.csv`, fileOf('01.03.2016', '30'));
    await importFile(admin, B, `${CODE}_2018.csv`, fileOf('01.03.2018', '36'));
    const ind = ((await admin.get(`/api/tenants/${B}/indicators`)).json() as Indicator[]).find(
      (i) => i.statisticsCode === CODE,
    )!;
    const obs = (
      await admin.get(`/api/tenants/${B}/indicators/${ind.id}/observations`)
    ).json() as ObservationsResponse;
    const kiel = obs.observations.find((o) => o.areaCode === '01002' && o.value === '30')!;
    expect(kiel).toBeDefined();

    const goal = await admin.post(`/api/tenants/${B}/steering/goals`, {
      title: 'Betreuung ausbauen',
      owner: 'Jugendamt',
    });
    expect(goal.statusCode, goal.body).toBe(201);
    const goalId = goal.json().id as string;
    const body = {
      indicatorId: ind.id,
      areaId: kiel.areaId,
      dims: kiel.dims,
      baselinePeriod: '2016-03-01',
      targetPeriod: '2026-03-01',
      targetValue: '60',
    };
    // A baseline period without a value is refused with a German message naming the field.
    const missing = await admin.post(`/api/tenants/${B}/steering/goals/${goalId}/targets`, {
      ...body,
      baselinePeriod: '2015-03-01',
    });
    const err = expectApiError(missing, 400, 'bad_request');
    expect(err.message).toContain('Basiszeitraum 2015-03-01');
    const target = await admin.post(`/api/tenants/${B}/steering/goals/${goalId}/targets`, body);
    expect(target.statusCode, target.body).toBe(201);

    const status = async () => {
      const d = (await admin.get(`/api/tenants/${B}/steering/goals/${goalId}`)).json() as SteeringGoalDetail;
      return { goal: d.progress.status, target: d.targets[0]!.progress };
    };
    // 30 → 36 in 2 years (9,5 % a year) against the 7,2 % a year needed for 60 in 10 years.
    const first = await status();
    expect(first.goal).toBe('on_track');
    expect(first.target).toMatchObject({ status: 'on_track', latest: { period: '2018-03-01', value: '36' } });
    expect((await admin.get(`/api/tenants/${B}/steering/goals/${goalId}`)).json().targets[0]).toMatchObject({
      baselineValue: '30',
      direction: 'higher_better',
    });

    // A new year with fewer children: the status follows the data.
    const run = await importFile(admin, B, `${CODE}_2020.csv`, fileOf('01.03.2020', '25'));
    expect((await status()).target).toMatchObject({
      status: 'deterioration',
      latest: { period: '2020-03-01', value: '25' },
    });
    // Undoing that import restores the earlier status.
    const undo = await admin.post(`/api/tenants/${B}/imports/${run.id}/undo`);
    expect(undo.statusCode, undo.body).toBe(200);
    expect((await status()).target.status).toBe('on_track');

    // A newer value below the disclosure threshold: internally it counts, in public it is withheld and the
    // public page keeps the last released value – a withheld value never becomes a progress figure.
    await importFile(admin, B, `${CODE}_2022.csv`, fileOf('01.03.2022', '2'));
    expect((await status()).target).toMatchObject({
      status: 'deterioration',
      latest: { period: '2022-03-01', value: '2' },
    });
    const publicPage = async () => (await newClient(t).get('/kommune/beispielkreis/ziele')).body;
    // Not published yet: neither the goal nor its indicator.
    expect(await publicPage()).not.toContain('Betreuung ausbauen');
    expect(
      (await admin.patch(`/api/tenants/${B}/steering/goals/${goalId}`, { isPublic: true })).statusCode,
    ).toBe(204);
    // The goal is public, its indicator still internal: no target on the public page.
    expect(await publicPage()).toContain('Für dieses Ziel sind keine Zielwerte veröffentlicht.');
    const vis = await admin.patch(`/api/tenants/${B}/indicators/${ind.id}`, { visibility: 'public' });
    expect(vis.statusCode, vis.body).toBe(200);
    const html = await publicPage();
    expect(html).toContain('Betreuung ausbauen');
    expect(html).toContain('<strong>Fortschritt:</strong> auf gutem Weg');
    expect(html).toContain('Letzter Wert: 36');
    expect(html).toMatch(/01\.03\.2022<\/th><td class="num">\.<\/td>/);
    expect(html).not.toContain('Letzter Wert: 2 ');

    // A finding cites Kiel's 2018 value; undoing that import later does not change what it said.
    const cite = await importFile(admin, B, `${CODE}_2019.csv`, fileOf('01.03.2019', '41'));
    const finding = await admin.post(`/api/tenants/${B}/steering/findings`, {
      statement: 'Kiel betreut 2019 mehr Kinder unter drei Jahren als 2016.',
      indicatorId: ind.id,
      areaIds: [kiel.areaId],
      period: '2019-03-01',
      dims: kiel.dims,
    });
    expect(finding.statusCode, finding.body).toBe(201);
    expectApiError(
      await admin.post(`/api/tenants/${B}/steering/findings`, {
        statement: 'Ohne Wert',
        indicatorId: ind.id,
        areaIds: [kiel.areaId],
        period: '2015-03-01',
        dims: kiel.dims,
      }),
      400,
      'bad_request',
    );
    expect((await admin.post(`/api/tenants/${B}/imports/${cite.id}/undo`)).statusCode).toBe(200);
    const findings = (await viewer.get(`/api/tenants/${B}/steering/findings`)).json() as Finding[];
    expect(findings.find((f) => f.id === finding.json().id)).toMatchObject({
      period: '2019-03-01',
      values: [{ areaId: kiel.areaId, area: 'Kiel', value: '41' }],
    });

    const history = (await admin.get(`/api/tenants/${B}/steering/goals/${goalId}`)).json().history;
    expect(history.map((h: { action: string }) => h.action)).toEqual(['updated', 'target_added', 'created']);
  });

  it('a recommendation goes through statement → decision → measure; roles are respected', async () => {
    const api = (p: string) => `/api/tenants/${M}/steering${p}`;
    const before = (await viewer.get(api('/overview'))).json() as SteeringOverview;
    const unit = (name: string) => before.units.find((u) => u.name === name)!.id;
    const rec = await editor.post(api('/recommendations'), {
      title: 'Elternberatung ausbauen',
      text: 'Eine zentrale Beratungsstelle für Eltern einrichten.',
      unitIds: [unit('Jugendamt')],
      goalIds: before.goals.slice(0, 2).map((g) => g.id),
    });
    expect(rec.statusCode, rec.body).toBe(201);
    const id = rec.json().id as string;
    // A recommendation addressed to another unit: the contributor of the Jugendamt may not answer it.
    const other = await editor.post(api('/recommendations'), {
      title: 'Schulwegsicherung',
      text: 'Schulwege prüfen.',
      unitIds: [unit('Schulverwaltungsamt')],
    });
    expect(
      (await contributor.post(api(`/recommendations/${other.json().id}/statement`), { statement: 'Ja' }))
        .statusCode,
    ).toBe(403);
    // The editor may record the statement of any unit.
    expect(
      (await editor.post(api(`/recommendations/${other.json().id}/statement`), { statement: 'Ja' }))
        .statusCode,
    ).toBe(204);
    // A contributor writes the statement, but may not change the recommendation itself.
    expect((await contributor.patch(api(`/recommendations/${id}`), { title: 'Anders' })).statusCode).toBe(
      403,
    );
    expect(
      (await viewer.post(api(`/recommendations/${id}/statement`), { statement: 'Nein' })).statusCode,
    ).toBe(403);
    const st = await contributor.post(api(`/recommendations/${id}/statement`), {
      statement: 'Das Jugendamt stimmt zu.',
    });
    expect(st.statusCode, st.body).toBe(204);
    const dec = await editor.post(api('/decisions'), {
      body: 'Jugendhilfeausschuss',
      decidedOn: '2025-05-05',
      number: 'JHA/2025/040',
      wording: 'Beschlossen.',
      outcomes: [{ recommendationId: id, outcome: 'adopted_amended' }],
    });
    expect(dec.statusCode, dec.body).toBe(201);
    const measure = await editor.post(api('/measures'), {
      title: 'Beratungsstelle einrichten',
      responsibleUnitId: unit('Jugendamt'),
      recommendationId: id,
      budgetPlanned: '12500.50',
      milestones: [{ title: 'Räume angemietet', dueOn: '2020-01-31' }],
    });
    expect(measure.statusCode, measure.body).toBe(201);
    const o = (await viewer.get(api('/overview'))).json() as SteeringOverview;
    const r = o.recommendations.find((x) => x.id === id)!;
    expect(r).toMatchObject({
      status: 'adopted_amended',
      units: [{ name: 'Jugendamt' }],
      goalIds: before.goals.slice(0, 2).map((g) => g.id),
      statement: 'Das Jugendamt stimmt zu.',
      decisions: [{ decisionId: dec.json().id, outcome: 'adopted_amended' }],
    });
    const m = o.measures.find((x) => x.id === measure.json().id)!;
    expect(m).toMatchObject({ budgetPlanned: '12500.50', recommendationId: id, status: 'planned' });
    expect(o.overdueMilestones).toContainEqual({
      measureId: m.id,
      measureTitle: 'Beratungsstelle einrichten',
      title: 'Räume angemietet',
      dueOn: '2020-01-31',
    });
    // Bad input: a budget with a comma, an end before the start.
    expectApiError(
      await editor.post(api('/measures'), {
        title: 'X',
        responsibleUnitId: unit('Jugendamt'),
        budgetPlanned: '1,5',
      }),
      400,
      'validation',
    );
    expectApiError(
      await editor.post(api('/measures'), {
        title: 'X',
        responsibleUnitId: unit('Jugendamt'),
        startOn: '2025-02-01',
        endOn: '2025-01-01',
      }),
      400,
      'bad_request',
    );
  });

  it('organisation units: the demo contributor belongs to the Jugendamt; members are people of the municipality', async () => {
    const api = (p: string) => `/api/tenants/${M}/steering${p}`;
    const mine = (await contributor.get(api('/overview'))).json() as SteeringOverview;
    const jugendamt = mine.units.find((u) => u.name === 'Jugendamt')!;
    expect(mine.units.map((u) => u.name)).toEqual([
      'Amt für Stadtentwicklung',
      'Jugendamt',
      'Schulverwaltungsamt',
    ]);
    expect(mine.myUnitIds).toEqual([jugendamt.id]);
    expect(jugendamt.members).toHaveLength(1);
    expect(((await viewer.get(api('/overview'))).json() as SteeringOverview).myUnitIds).toEqual([]);

    const created = await editor.post(api('/units'), { name: 'Sozialamt' });
    expect(created.statusCode, created.body).toBe(201);
    expectApiError(await editor.post(api('/units'), { name: 'Sozialamt' }), 409, 'conflict');
    expect((await contributor.post(api('/units'), { name: 'X' })).statusCode).toBe(403);
    const unitId = created.json().id as string;
    // A person of another municipality only (admin of Beispielkreis is also in Musterstadt; use a fresh id).
    expectApiError(
      await put(editor, api(`/units/${unitId}/members`), {
        userIds: ['00000000-0000-4000-8000-000000000000'],
      }),
      404,
      'not_found',
    );
    const viewerId = (await viewer.get('/api/auth/session')).json().user.id as string;
    expect(
      (await put(editor, api(`/units/${unitId}/members`), { userIds: [viewerId, viewerId] })).statusCode,
    ).toBe(204);
    const units = (await viewer.get(api('/units'))).json() as SteeringOverview['units'];
    expect(units.find((u) => u.id === unitId)!.members.map((m) => m.userId)).toEqual([viewerId]);
    expect((await editor.delete(api(`/units/${unitId}`))).statusCode).toBe(204);
    expect((await editor.delete(api(`/units/${unitId}`))).statusCode).toBe(404);
  });

  it('comments on goals and recommendations: contributors write, viewers read, history records it', async () => {
    const api = (p: string) => `/api/tenants/${M}/steering${p}`;
    const o = (await viewer.get(api('/overview'))).json() as SteeringOverview;
    const goal = o.goals[0]!;
    const c = await contributor.post(api(`/goals/${goal.id}/comments`), {
      text: 'Bitte Stadtteil Nord zuerst.',
    });
    expect(c.statusCode, c.body).toBe(201);
    expect((await viewer.post(api(`/goals/${goal.id}/comments`), { text: 'Nein' })).statusCode).toBe(403);
    expectApiError(
      await contributor.post(api(`/goals/${goal.id}/comments`), { text: '  ' }),
      400,
      'validation',
    );
    // The id of a recommendation under the kind „goal“ is not found.
    const recId = o.recommendations[0]!.id;
    expect((await viewer.get(api(`/goals/${recId}/comments`))).statusCode).toBe(404);
    expect((await viewer.get(api(`/recommendations/${recId}/comments`))).json()).toEqual([]);
    const list = (await viewer.get(api(`/goals/${goal.id}/comments`))).json();
    expect(list).toEqual([
      expect.objectContaining({ text: 'Bitte Stadtteil Nord zuerst.', user: expect.any(String) }),
    ]);
    const d = (await viewer.get(api(`/goals/${goal.id}`))).json() as SteeringGoalDetail;
    expect(d.history[0]).toMatchObject({ action: 'comment' });
  });

  it('a decision document: PDF only (checked by its bytes), at most 20 MB, downloadable by every reader', async () => {
    const api = (p: string) => `/api/tenants/${M}/steering${p}`;
    const o = (await viewer.get(api('/overview'))).json() as SteeringOverview;
    const decision = o.decisions.find((d) => d.number === 'JHA/2025/017')!;
    expect(decision.document).toBeNull();
    const url = api(`/decisions/${decision.id}/document`);
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2048, 0x20), Buffer.from('%%EOF\n')]);
    expect((await viewer.upload(url, 'beschluss.pdf', pdf)).statusCode).toBe(403);
    expect((await viewer.get(url)).statusCode).toBe(404);
    // Not a PDF: a text file named .pdf, a PDF named .docx.
    expectApiError(await editor.upload(url, 'beschluss.pdf', 'Kein PDF'), 415, 'unsupported_type');
    expectApiError(await editor.upload(url, 'beschluss.docx', pdf), 415, 'unsupported_type');
    // More than 20 MB.
    const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(20 * 1024 * 1024 + 1, 0x20)]);
    expectApiError(await editor.upload(url, 'gross.pdf', big), 413, 'too_large');
    const up = await editor.upload(url, 'JHA-2025-017 Beschluss.pdf', pdf);
    expect(up.statusCode, up.body).toBe(204);
    const after = ((await viewer.get(api('/overview'))).json() as SteeringOverview).decisions.find(
      (d) => d.id === decision.id,
    )!;
    expect(after.document).toMatchObject({ name: 'JHA-2025-017 Beschluss.pdf', size: pdf.byteLength });
    const down = await viewer.get(url);
    expect(down.statusCode).toBe(200);
    expect(down.headers['content-type']).toBe('application/pdf');
    expect(down.headers['content-disposition']).toContain('JHA-2025-017');
    expect(Buffer.compare(down.rawPayload, pdf)).toBe(0);
    expect((await editor.delete(url)).statusCode).toBe(204);
    expect((await viewer.get(url)).statusCode).toBe(404);
  });

  it('a development goal of the self-assessment becomes a goal with one action', async () => {
    const api = (p: string) => `/api/tenants/${M}/steering${p}`;
    const candidates = (await viewer.get(api('/development-goals'))).json() as DevelopmentGoalCandidate[];
    expect(candidates.length).toBeGreaterThan(0);
    const c = candidates.find((x) => !x.goalId)!;
    const o = (await viewer.get(api('/overview'))).json() as SteeringOverview;
    const parent = o.goals.find((g) => g.kind === 'strategic')!;
    const body = { roundId: c.roundId, developmentGoalId: c.developmentGoalId, parentId: parent.id };
    expect((await contributor.post(api('/goals/from-development-goal'), body)).statusCode).toBe(403);
    const res = await editor.post(api('/goals/from-development-goal'), body);
    expect(res.statusCode, res.body).toBe(201);
    const goal = (await viewer.get(api(`/goals/${res.json().id}`))).json() as SteeringGoalDetail;
    expect(goal).toMatchObject({
      parentId: parent.id,
      kind: 'operational',
      componentKey: c.componentKey,
      developmentGoalId: c.developmentGoalId,
    });
    expect(goal.title).toContain(c.componentName);
    expect(goal.description).toContain(c.targetText);
    // Once only: the candidate now names its goal, a second conversion is a conflict.
    const again = (await viewer.get(api('/development-goals'))).json() as DevelopmentGoalCandidate[];
    expect(again.find((x) => x.developmentGoalId === c.developmentGoalId)!.goalId).toBe(goal.id);
    expectApiError(await editor.post(api('/goals/from-development-goal'), body), 409, 'conflict');
    // A development goal of another round: 404.
    const other = candidates.find((x) => x.roundId !== c.roundId);
    if (other)
      expect(
        (
          await editor.post(api('/goals/from-development-goal'), {
            roundId: c.roundId,
            developmentGoalId: other.developmentGoalId,
          })
        ).statusCode,
      ).toBe(404);
  });

  it('exports the committee overview as HTML and DOCX from the same data: goals, charts with tables, open recommendations', async () => {
    const api = (p: string) => `/api/tenants/${M}/steering${p}`;
    const o = (await viewer.get(api('/overview'))).json() as SteeringOverview;
    const html = await viewer.get(api('/overview/export.html'));
    expect(html.statusCode, html.body.slice(0, 200)).toBe(200);
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.body).toContain('<html lang="de">');
    expect(html.body).toContain('<h1>Steuerungsübersicht – Musterstadt (Demo)</h1>');
    expect(html.body).toContain('beschlossen: Stadtrat');
    for (const g of o.goals) expect(html.body).toContain(g.title.replace(/&/g, '&amp;'));
    // Six targets: six charts, each with its table alternative.
    expect(html.body.match(/<svg /g)).toHaveLength(6);
    expect(html.body.match(/<caption>Werte, Zielwert und erforderlicher Pfad:/g)).toHaveLength(6);
    const open = o.recommendations.filter(
      (r) => !['rejected', 'implemented', 'evaluated'].includes(r.status),
    );
    for (const r of o.recommendations)
      expect(html.body.includes(`<th scope="row">${r.title}</th>`)).toBe(open.includes(r));
    expect(html.body).not.toContain('<script');

    const docx = await viewer.get(api('/overview/export.docx'));
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-disposition']).toMatch(/Steuerungsuebersicht_\d{4}-\d{2}-\d{2}\.docx/);
    const files = unzip(docx.rawPayload);
    const xml = files.get('word/document.xml')!.toString('utf8');
    expect(xml).toContain('w:val="Heading1"');
    expect(xml).toContain('<w:tbl>');
    expect(xml).toContain('Offene Handlungsempfehlungen');
    expect(xml.match(/descr="Werte, Zielwert und erforderlicher Pfad:/g)).toHaveLength(6);
    expect([...files.keys()].filter((k) => k.startsWith('word/media/'))).toHaveLength(6);
    const footer = [...files.entries()].find(([k]) => k.startsWith('word/footer'))![1].toString('utf8');
    expect(footer).toContain('PAGE');
    expect(footer).toContain('NUMPAGES');
  });

  it.skipIf(!HAVE_PDF && !CI)(
    'exports the committee overview as a tagged PDF with page numbers',
    async () => {
      const res = await viewer.get(`/api/tenants/${M}/steering/overview/export.pdf`);
      expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
      const pdf = res.rawPayload;
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdf.includes('/StructTreeRoot')).toBe(true);
      fs.mkdirSync(OUT, { recursive: true });
      const file = path.join(OUT, 'steuerung.pdf');
      fs.writeFileSync(file, pdf);
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      expect(text).toContain('Steuerungsübersicht – Musterstadt');
      expect(text).toContain('Offene Handlungsempfehlungen');
      expect(text).toMatch(/Seite 1 von \d+/);
    },
  );
});
