import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Block, ReportDetail, SteeringOverview } from '@dkbm/contract';
import { createTestApp, DEMO, type TestContext } from '../../test/testApp';
import { TEST_DRIVER } from '../../test/testDb';
import { expectApiError, signInFresh, tenantIdBySlug, type AddressedClient } from '../../test/fixtures';
import { unzip } from '../assessment/testing';
import { DEMO_POPULATION_INDICATOR } from '../monitoring/demo.constants';
import { DEMO_REPORT_2025 } from './reports.demo';

/*
 * Key figure, goal and recommendation blocks through HTTP: goals and recommendations come from the
 * steering module (a recommendation written in the report appears there and vice versa), frozen at release.
 */

describe(`report blocks from monitoring and steering on ${TEST_DRIVER}`, () => {
  let t: TestContext;
  let M: string;
  let B: string;
  let admin: AddressedClient;
  let viewer: AddressedClient;
  let population: string;
  let report: ReportDetail;
  let chapter: string;
  const api = (p = '') => `/api/tenants/${M}/reports${p}`;
  const steering = (p = '') => `/api/tenants/${M}/steering${p}`;
  const blocks = (r: ReportDetail): Block[] => r.chapters.flatMap((c) => c.blocks);
  const ofKind = (r: ReportDetail, kind: Block['kind']) => blocks(r).filter((b) => b.kind === kind);
  const add = async (body: object) => {
    const res = await admin.post(api(`/${report.id}/chapters/${chapter}/blocks`), body);
    expect(res.statusCode, res.body).toBe(200);
    report = res.json();
    return report;
  };

  beforeAll(async () => {
    t = await createTestApp({ config: { loginRateLimit: { max: 10_000, windowMs: 60_000 } } });
    M = await tenantIdBySlug(t, 'musterstadt');
    B = await tenantIdBySlug(t, 'beispielkreis');
    admin = await signInFresh(t, DEMO.admin.email, DEMO.admin.password);
    viewer = await signInFresh(t, DEMO.viewer.email, DEMO.viewer.password);
    const [ind] = await t.database.query<{ id: string }>(
      'SELECT id FROM indicators WHERE tenant_id = $1 AND code = $2',
      [M, DEMO_POPULATION_INDICATOR],
    );
    population = ind!.id;
    const res = await admin.post(api(), {
      title: 'Bericht mit Steuerung',
      period: '2026',
      template: 'empty',
    });
    report = res.json();
    report = (await admin.post(api(`/${report.id}/chapters`), { title: 'Ziele' })).json();
    chapter = report.chapters[0]!.id;
  });
  afterAll(async () => t?.close());

  it('the demo report 2025 has a key figure and two recommendations of the steering loop', async () => {
    const list = (await viewer.get(api())).json() as Array<{ id: string; title: string }>;
    const demo: ReportDetail = (
      await viewer.get(api(`/${list.find((r) => r.title === DEMO_REPORT_2025)!.id}`))
    ).json();
    const recs = ofKind(demo, 'recommendation');
    expect(recs).toHaveLength(2);
    const overview = (await admin.get(steering('/overview'))).json() as SteeringOverview;
    for (const r of recs) expect(overview.recommendations.map((x) => x.id)).toContain(r.ref!.id);
    expect(ofKind(demo, 'keyfigure')[0]!.data!.cells.length).toBeGreaterThan(0);
  });

  it('a key figure shows the chosen area with the period before; an area without values is refused', async () => {
    await add({ kind: 'keyfigure', indicatorId: population, caption: 'Einwohnerinnen und Einwohner' });
    const k = ofKind(report, 'keyfigure')[0]!;
    expect(k.view).toBe('series');
    const codes = [...new Set(k.data!.cells.map((c) => c.areaCode))].toSorted();
    const res = await admin.patch(api(`/${report.id}/blocks/${k.id}`), { areaCode: codes[1] });
    expect(res.statusCode, res.body).toBe(200);
    expect(ofKind(res.json(), 'keyfigure')[0]!.areaCode).toBe(codes[1]);
    expectApiError(
      await admin.post(api(`/${report.id}/chapters/${chapter}/blocks`), {
        kind: 'keyfigure',
        indicatorId: population,
        areaCode: 'gibt-es-nicht',
      }),
      400,
      'bad_request',
    );
    const html = (await admin.get(api(`/${report.id}/export.html`))).body;
    const name = k.data!.cells.find((c) => c.areaCode === codes[1])!.areaName;
    expect(html).toContain(`Einwohnerinnen und Einwohner – ${name}`);
    expect(html).toMatch(/(gestiegen|gesunken) um [\d.,]+ gegenüber \d{4}|unverändert gegenüber/);
  });

  it('a goal block shows the goal with its targets; another municipality’s goal is 404', async () => {
    const overview = (await admin.get(steering('/overview'))).json() as SteeringOverview;
    const goal = overview.goals.find((g) => g.progress.targets > 0)!;
    await add({ kind: 'goal', goalId: goal.id });
    const b = ofKind(report, 'goal')[0]!;
    expect(b.ref).toMatchObject({ kind: 'goal', id: goal.id, title: goal.title });
    expect(b.ref?.kind === 'goal' && b.ref.targets.length).toBeGreaterThan(0);
    expect(b.newerData).toBe(false);
    const [foreign] = await t.database.query<{ id: string }>(
      `INSERT INTO steering_goals (tenant_id, title) VALUES ($1, 'Fremdes Ziel') RETURNING id`,
      [B],
    );
    expectApiError(
      await admin.post(api(`/${report.id}/chapters/${chapter}/blocks`), {
        kind: 'goal',
        goalId: foreign!.id,
      }),
      404,
      'not_found',
    );
    // Changed under „Ziele & Steuerung“: the draft says so, a refresh takes it over.
    const patched = await admin.patch(steering(`/goals/${goal.id}`), { title: `${goal.title} (neu)` });
    expect(patched.statusCode, patched.body).toBeLessThan(300);
    const after: ReportDetail = (await admin.get(api(`/${report.id}`))).json();
    expect(ofKind(after, 'goal')[0]!.newerData).toBe(true);
    const refreshed: ReportDetail = (await admin.post(api(`/${report.id}/blocks/${b.id}/refresh`))).json();
    expect(ofKind(refreshed, 'goal')[0]).toMatchObject({
      newerData: false,
      ref: { title: `${goal.title} (neu)` },
    });
  });

  it('a recommendation written in the report appears in the steering loop, and changes there show in the draft', async () => {
    await add({
      kind: 'recommendation',
      recommendation: {
        title: 'Schulsozialarbeit an allen Grundschulen',
        text: 'Jede Grundschule erhält bis 2028 eine Stelle für Schulsozialarbeit.',
        addressedUnit: 'Schulverwaltungsamt',
      },
    });
    const written = ofKind(report, 'recommendation')[0]!;
    const overview = (await admin.get(steering('/overview'))).json() as SteeringOverview;
    const inLoop = overview.recommendations.find((r) => r.id === written.ref!.id)!;
    expect(inLoop).toMatchObject({
      title: 'Schulsozialarbeit an allen Grundschulen',
      status: 'draft',
    });
    // The unit named in the report is the loop's organisation unit of that name.
    expect(inLoop.units.map((u) => u.name)).toEqual(['Schulverwaltungsamt']);
    expect(inLoop.rationale).toContain('Bericht mit Steuerung');
    // An existing recommendation of the loop, picked in the report.
    const existing = overview.recommendations.find((r) => r.id !== inLoop.id)!;
    await add({ kind: 'recommendation', recommendationId: existing.id });
    expect(ofKind(report, 'recommendation').map((b) => b.ref!.id)).toEqual([inLoop.id, existing.id]);
    const [foreign] = await t.database.query<{ id: string }>(
      `INSERT INTO steering_recommendations (tenant_id, title, text) VALUES ($1, 'Fremd', 'Fremd') RETURNING id`,
      [B],
    );
    expectApiError(
      await admin.post(api(`/${report.id}/chapters/${chapter}/blocks`), {
        kind: 'recommendation',
        recommendationId: foreign!.id,
      }),
      404,
      'not_found',
    );
    expectApiError(
      await admin.post(api(`/${report.id}/chapters/${chapter}/blocks`), { kind: 'recommendation' }),
      400,
      'validation',
    );
    // The committee adopts it in the steering loop: the draft shows „neuere Daten“.
    const st = await admin.patch(steering(`/recommendations/${inLoop.id}`), { status: 'submitted' });
    expect(st.statusCode, st.body).toBeLessThan(300);
    const after: ReportDetail = (await admin.get(api(`/${report.id}`))).json();
    expect(ofKind(after, 'recommendation')[0]!.newerData).toBe(true);
    const refreshed: ReportDetail = (
      await admin.post(api(`/${report.id}/blocks/${written.id}/refresh`))
    ).json();
    expect(ofKind(refreshed, 'recommendation')[0]!.ref).toMatchObject({ status: 'submitted' });
  });

  it('release freezes goals and recommendations; outputs number them; viewers read the released report', async () => {
    for (const status of ['review', 'approved']) {
      const res = await admin.post(api(`/${report.id}/status`), { status });
      expect(res.statusCode, res.body).toBe(200);
    }
    const frozen: ReportDetail = (await admin.get(api(`/${report.id}`))).json();
    const rec = ofKind(frozen, 'recommendation')[0]!;
    await admin.patch(steering(`/recommendations/${rec.ref!.id}`), { title: 'Nach der Freigabe geändert' });
    const later: ReportDetail = (await viewer.get(api(`/${report.id}`))).json();
    expect(ofKind(later, 'recommendation')[0]).toMatchObject({ newerData: false, ref: rec.ref });
    expectApiError(await admin.post(api(`/${report.id}/blocks/${rec.id}/refresh`)), 409, 'conflict');

    const html = (await admin.get(api(`/${report.id}/export.html`))).body;
    expect(html).toContain('Handlungsempfehlung 1: Schulsozialarbeit an allen Grundschulen');
    expect(html).toContain('Handlungsempfehlung 2: ');
    expect(html).toContain('Stand: dem Gremium vorgelegt');
    expect(html).toMatch(/<h3 id="b-[^"]+">Ziel: /);
    expect(html).toMatch(/Tabelle 1: Zielwerte zum Ziel „/);
    expect(html).not.toContain('Nach der Freigabe geändert');
    const docx = await admin.get(api(`/${report.id}/export.docx`));
    const xml = unzip(docx.rawPayload).get('word/document.xml')!.toString('utf8');
    expect(xml).toContain('Handlungsempfehlung 1: Schulsozialarbeit an allen Grundschulen');
    // A real heading one level below the chapter (Heading1), in the same paragraph as the title.
    expect(xml).toMatch(/w:val="Heading2"\/>(?:(?!<\/w:p>)[\s\S])*Handlungsempfehlung 1: Schulsozialarbeit/);
    expect(xml).toContain('Zielwerte zum Ziel');
    expect(xml.match(/<w:tbl>/g)?.length).toBeGreaterThanOrEqual(1);
  });

  it('two authors on one text block: the older state is refused (409), the chapter history shows who changed what', async () => {
    const res = await admin.post(api(), { title: 'Bericht zu zweit', period: '2026', template: 'leitfaden' });
    const r: ReportDetail = res.json();
    const ch = r.chapters[0]!.id;
    const added: ReportDetail = (
      await admin.post(api(`/${r.id}/chapters/${ch}/blocks`), {
        kind: 'text',
        text: 'Die Zahl der Kinder steigt.',
      })
    ).json();
    const b = blocks(added)[0]!;
    const editor = await signInFresh(t, DEMO.editor.email, DEMO.editor.password);
    // Both open the same state; the editor saves first, the admin's save on the old state is refused.
    const first = await editor.patch(api(`/${r.id}/blocks/${b.id}`), {
      text: 'Die Zahl der Kinder steigt deutlich.',
      baseUpdatedAt: b.updatedAt,
    });
    expect(first.statusCode, first.body).toBe(200);
    const second = await admin.patch(api(`/${r.id}/blocks/${b.id}`), {
      text: 'Die Zahl der Kinder sinkt.',
      baseUpdatedAt: b.updatedAt,
    });
    const err = expectApiError(second, 409, 'conflict');
    expect(err.message).toMatch(/inzwischen von .+ geändert/);
    const now: ReportDetail = (await admin.get(api(`/${r.id}`))).json();
    expect(blocks(now)[0]!.text).toBe('Die Zahl der Kinder steigt deutlich.');
    // With the current state the change goes through.
    const third = await admin.patch(api(`/${r.id}/blocks/${b.id}`), {
      text: 'Die Zahl der Kinder steigt deutlich, vor allem in Nordstadt.',
      baseUpdatedAt: blocks(now)[0]!.updatedAt,
    });
    expect(third.statusCode, third.body).toBe(200);

    const history = await viewer.get(api(`/${r.id}/chapters/${ch}/history`));
    expectApiError(history, 404, 'not_found');
    const h = (await admin.get(api(`/${r.id}/chapters/${ch}/history`))).json() as Array<{
      action: string;
      before: string | null;
      after: string | null;
      author: string | null;
    }>;
    expect(h.map((x) => x.action)).toEqual(['changed', 'changed', 'created']);
    expect(h[1]).toMatchObject({
      before: 'Die Zahl der Kinder steigt.',
      after: 'Die Zahl der Kinder steigt deutlich.',
    });
    expect(h[1]!.author).not.toBe(h[0]!.author);
    expect(h.some((x) => x.after === 'Die Zahl der Kinder sinkt.')).toBe(false);
  });

  it('blocks move up and down within their chapter; the history says so; the content stays unchanged', async () => {
    const created: ReportDetail = (
      await admin.post(api(), { title: 'Reihenfolge', period: '2026', template: 'empty' })
    ).json();
    const r: ReportDetail = (await admin.post(api(`/${created.id}/chapters`), { title: 'Kapitel' })).json();
    const ch = r.chapters[0]!.id;
    for (const text of ['Erstens.', 'Zweitens.', 'Drittens.'])
      expect(
        (await admin.post(api(`/${r.id}/chapters/${ch}/blocks`), { kind: 'text', text })).statusCode,
      ).toBe(200);
    const order = (d: ReportDetail) => d.chapters[0]!.blocks.map((b) => b.text);
    let now: ReportDetail = (await admin.get(api(`/${r.id}`))).json();
    expect(order(now)).toEqual(['Erstens.', 'Zweitens.', 'Drittens.']);
    const third = now.chapters[0]!.blocks[2]!;

    const up = await admin.post(api(`/${r.id}/blocks/${third.id}/move`), { direction: 'up' });
    expect(up.statusCode, up.body).toBe(200);
    expect(order(up.json())).toEqual(['Erstens.', 'Drittens.', 'Zweitens.']);
    now = (await admin.post(api(`/${r.id}/blocks/${third.id}/move`), { direction: 'up' })).json();
    expect(order(now)).toEqual(['Drittens.', 'Erstens.', 'Zweitens.']);
    // At the first place nothing changes; the stored order is the one every reader gets.
    now = (await admin.post(api(`/${r.id}/blocks/${third.id}/move`), { direction: 'up' })).json();
    expect(order(now)).toEqual(['Drittens.', 'Erstens.', 'Zweitens.']);
    expect(order((await admin.get(api(`/${r.id}`))).json())).toEqual(['Drittens.', 'Erstens.', 'Zweitens.']);
    now = (await admin.post(api(`/${r.id}/blocks/${third.id}/move`), { direction: 'down' })).json();
    expect(order(now)).toEqual(['Erstens.', 'Drittens.', 'Zweitens.']);
    // Moving is not a change of the text: an edit based on the state before the move still goes through.
    const edit = await admin.patch(api(`/${r.id}/blocks/${third.id}`), {
      text: 'Drittens, geändert.',
      baseUpdatedAt: third.updatedAt,
    });
    expect(edit.statusCode, edit.body).toBe(200);

    expectApiError(
      await admin.post(api(`/${r.id}/blocks/${third.id}/move`), { direction: 'links' }),
      400,
      'validation',
    );
    expectApiError(
      await viewer.post(api(`/${r.id}/blocks/${third.id}/move`), { direction: 'up' }),
      403,
      'forbidden',
    );
    const h = (await admin.get(api(`/${r.id}/chapters/${ch}/history`))).json() as Array<{ action: string }>;
    expect(h.filter((x) => x.action === 'moved')).toHaveLength(3);
  });

  it('an image block gets a new alternative text and caption; an empty alternative text is refused', async () => {
    const created: ReportDetail = (
      await admin.post(api(), { title: 'Bildtext', period: '2026', template: 'empty' })
    ).json();
    const r: ReportDetail = (await admin.post(api(`/${created.id}/chapters`), { title: 'Kapitel' })).json();
    const text = (
      await admin.post(api(`/${r.id}/chapters/${r.chapters[0]!.id}/blocks`), { kind: 'text', text: 'Text.' })
    ).json() as ReportDetail;
    const b = text.chapters[0]!.blocks[0]!;
    // Only image blocks have an alternative text.
    expectApiError(
      await admin.patch(api(`/${r.id}/blocks/${b.id}`), { alt: 'Ein Bild' }),
      400,
      'bad_request',
    );
    expectApiError(await admin.patch(api(`/${r.id}/blocks/${b.id}`), { alt: '   ' }), 400, 'validation');
  });
});
