import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  DirectoryEntry,
  EntitlementExpansion,
  EntitlementPlanDto,
  EntitlementScenarioDto,
  EntitlementSettings,
} from '@dkbm/contract';
import { createTestApp, DEMO, type TestContext } from '../../test/testApp';
import { TEST_DRIVER } from '../../test/testDb';
import { expectApiError, signInFresh, tenantIdBySlug, type AddressedClient } from '../../test/fixtures';

const de = (v: number) => new Intl.NumberFormat('de-DE', { maximumFractionDigits: 0 }).format(v);
/** The cells of one row (by its first cell) of the table with caption id `captionId`. */
function rowOf(html: string, captionId: string, head: string): string[] {
  const start = html.indexOf(`<caption id="${captionId}">`);
  expect(start, captionId).toBeGreaterThan(-1);
  const table = html.slice(start, html.indexOf('</table>', start));
  const row = table.match(new RegExp(`<tr><th scope="row">${head}</th>(.*?)</tr>`))?.[1] ?? '';
  return [...row.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]!);
}

describe(`public entitlement summary over HTTP on ${TEST_DRIVER}`, () => {
  let t: TestContext;
  let editor: AddressedClient;
  let viewer: AddressedClient;
  let base: string;
  let M: string;
  const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
  const PAGE = '/kommune/musterstadt/rechtsanspruch';

  beforeAll(async () => {
    t = await createTestApp();
    M = await tenantIdBySlug(t, 'musterstadt');
    base = `/api/tenants/${M}/entitlement`;
    editor = await signInFresh(t, DEMO.editor.email, DEMO.editor.password);
    viewer = await signInFresh(t, DEMO.viewer.email, DEMO.viewer.password);
  });
  afterAll(async () => t?.close());

  const planOf = async (scenarioId: string) => {
    const res = await viewer.get(`${base}/plan?scenarioId=${scenarioId}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as EntitlementPlanDto;
  };

  it('the fresh demo publishes „Bedarf 70 %“: the page shows figures and the portal start page links it', async () => {
    const scenarios = (await viewer.get(`${base}/scenarios`)).json() as EntitlementScenarioDto[];
    expect(scenarios.map((s) => [s.name, s.published])).toEqual([
      ['Bedarf 70 %', true],
      ['Bedarf 90 %', false],
    ]);
    const s70 = scenarios[0]!;
    const html = html0(await get(PAGE));
    expect(html).toContain('Bedarf 70 %');
    expect(html).not.toContain('Bedarf 90 %');
    const total = (await planOf(s70.id)).totals.find((r) => r.scope === 'ganztag' && r.schoolYear === 2029)!;
    expect(rowOf(html, `summe-${s70.id}-ganztag`, '2029/30')[0]).toBe(
      de(Math.round(Number(total.entitledChildren))),
    );
    expect(Number(total.entitledChildren)).toBeGreaterThan(999);
    const landing = html0(await get('/kommune/musterstadt'));
    expect(landing).toContain('href="/kommune/musterstadt/rechtsanspruch"');
  });

  it('unpublished: the page is a 404 and the portal start page does not link it', async () => {
    const scenarios = (await viewer.get(`${base}/scenarios`)).json() as EntitlementScenarioDto[];
    for (const s of scenarios.filter((x) => x.published)) {
      expect((await editor.patch(`${base}/scenarios/${s.id}`, { published: false })).statusCode).toBe(200);
    }
    expect((await get(PAGE)).statusCode).toBe(404);
    expect((await get('/kommune/unbekannt/rechtsanspruch')).statusCode).toBe(404);
    const landing = await get('/kommune/musterstadt');
    expect(landing.statusCode).toBe(200);
    expect(landing.body).not.toContain('/rechtsanspruch');
  });

  it('published: only the published scenario, city totals and units in German numbers, linked from the start page', async () => {
    const scenarios = (await viewer.get(`${base}/scenarios`)).json() as EntitlementScenarioDto[];
    const s70 = scenarios.find((s) => s.name === 'Bedarf 70 %')!;
    expect(s70.published).toBe(false);
    // Only editors publish.
    expectApiError(await viewer.patch(`${base}/scenarios/${s70.id}`, { published: true }), 403, 'forbidden');
    const res = await editor.patch(`${base}/scenarios/${s70.id}`, { published: true });
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as EntitlementScenarioDto).published).toBe(true);

    const page = await get(PAGE);
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    const html = page.body;
    expect(html).not.toContain('<script');
    expect(html).toContain('<h1>Rechtsanspruch: Plätze und Bedarf</h1>');
    expect(html).toContain('Bedarf 70 %');
    expect(html).not.toContain('Bedarf 90 %');

    const plan = await planOf(s70.id);
    // The city total of 2029/30 (grades 1–4) with German thousands separators.
    const total = plan.totals.find((r) => r.scope === 'ganztag' && r.schoolYear === 2029)!;
    const cells = rowOf(html, `summe-${s70.id}-ganztag`, '2029/30');
    expect(cells.slice(0, 4)).toEqual([
      de(Math.round(Number(total.entitledChildren))),
      de(Math.round(Number(total.demand))),
      de(Math.round(Number(total.places))),
      de(Math.round(Number(total.gap))),
    ]);
    expect(Number(total.entitledChildren)).toBeGreaterThan(999);
    expect(cells[0]).toMatch(/^\d{1,3}\.\d{3}$/);
    expect(['gedeckt', 'knapp', 'Lücke']).toContain(cells[4]);
    // One table per Grundschule and per Sozialraum.
    for (const u of plan.planningUnits) {
      const scope = u.kind === 'grundschule' ? 'ganztag' : 'kita';
      expect(html).toContain(`<caption id="einheit-${s70.id}-${scope}-${u.id}">`);
    }
    const landing = await get('/kommune/musterstadt');
    expect(landing.body).toContain('href="/kommune/musterstadt/rechtsanspruch"');
  });

  it('withholds the numbers of children below the disclosure threshold per unit, and says so', async () => {
    const scenarios = (await viewer.get(`${base}/scenarios`)).json() as EntitlementScenarioDto[];
    const s70 = scenarios.find((s) => s.name === 'Bedarf 70 %')!;
    const plan = await planOf(s70.id);
    const first = plan.rows
      .filter((r) => r.scope === 'ganztag' && r.schoolYear === 2026)
      .map((r) => ({ unit: r.planningUnitId!, entitled: Math.round(Number(r.entitledChildren)) }))
      .toSorted((a, b) => a.entitled - b.entitled);
    const smallest = first[0]!;
    expect(html0(await get(PAGE))).not.toContain('werden je Schule oder Sozialraum nicht gezeigt');
    // A threshold just above the smallest school's grade 1 (one cohort); four cohorts later it is shown.
    const threshold = smallest.entitled + 1;
    const before = await t.database.query<{ th: number }>(
      `SELECT sdc_threshold AS th FROM tenants WHERE id = $1`,
      [M],
    );
    await t.database.query(`UPDATE tenants SET sdc_threshold = $2 WHERE id = $1`, [M, threshold]);
    t.app.ctx.cache.invalidate();
    try {
      const html = html0(await get(PAGE));
      expect(html).toContain(
        `Zahlen von weniger als ${threshold} Kindern werden je Schule oder Sozialraum nicht gezeigt`,
      );
      const hidden = rowOf(html, `einheit-${s70.id}-ganztag-${smallest.unit}`, '2026/27');
      expect(hidden[0]).toBe('.');
      expect(hidden[1]).toBe('.');
      expect(hidden[3]).toBe('.');
      // The next smallest is withheld too when it would otherwise be the only one (the total gives it away).
      const below = first.filter((x) => x.entitled < threshold).length;
      if (below === 1) {
        expect(rowOf(html, `einheit-${s70.id}-ganztag-${first[1]!.unit}`, '2026/27')[0]).toBe('.');
      }
      // The biggest school, and the smallest one four cohorts later, are shown.
      const biggest = first.at(-1)!;
      expect(rowOf(html, `einheit-${s70.id}-ganztag-${biggest.unit}`, '2026/27')[0]).toBe(
        de(biggest.entitled),
      );
      expect(rowOf(html, `einheit-${s70.id}-ganztag-${smallest.unit}`, '2029/30')[0]).not.toBe('.');
      // The city total stays complete.
      expect(rowOf(html, `summe-${s70.id}-ganztag`, '2026/27')[0]).not.toBe('.');
    } finally {
      await t.database.query(`UPDATE tenants SET sdc_threshold = $2 WHERE id = $1`, [M, before[0]!.th]);
      t.app.ctx.cache.invalidate();
    }
  });

  it('takes the Kita places per Sozialraum from the Bildungswegweiser when set, and back', async () => {
    const scenarios = (await viewer.get(`${base}/scenarios`)).json() as EntitlementScenarioDto[];
    const s70 = scenarios.find((s) => s.name === 'Bedarf 70 %')!;
    const settings = (await viewer.get(`${base}/settings`)).json() as EntitlementSettings;
    expect(settings.kitaPlacesSource).toBe('own');
    const kitaPlaces = (p: EntitlementPlanDto, unitId: string, year: number) =>
      Number(
        p.rows.find((r) => r.planningUnitId === unitId && r.schoolYear === year && r.scope === 'kita')!
          .places,
      );
    const own = await planOf(s70.id);
    // The directory's Kitas with places, by area (what the public Wegweiser shows).
    const entries = (await viewer.get(`/api/tenants/${M}/directory/entries`)).json() as DirectoryEntry[];
    const byArea = new Map<string, number>();
    for (const e of entries) {
      const cap = e.details.capacity;
      if (e.type === 'kita' && e.status === 'veroeffentlicht' && typeof cap === 'number' && e.area) {
        byArea.set(e.area.id, (byArea.get(e.area.id) ?? 0) + cap);
      }
    }
    const expansions = (await viewer.get(`${base}/expansions`)).json() as EntitlementExpansion[];
    const added = (unitId: string, year: number) =>
      expansions
        .filter((x) => x.planningUnitId === unitId && x.type.startsWith('kita') && x.schoolYear <= year)
        .reduce((a, x) => a + Number(x.places), 0);
    const sozialraeume = own.planningUnits.filter((u) => u.kind === 'sozialraum');
    expect(sozialraeume.filter((u) => byArea.has(u.areaId)).length).toBeGreaterThan(0);

    expectApiError(
      await viewer.put(`${base}/settings`, { ...settings, kitaPlacesSource: 'directory' }),
      403,
      'forbidden',
    );
    const put = await editor.put(`${base}/settings`, { ...settings, kitaPlacesSource: 'directory' });
    expect(put.statusCode, put.body).toBe(200);
    expect((put.json() as EntitlementSettings).kitaPlacesSource).toBe('directory');
    const fromDirectory = await planOf(s70.id);
    let differs = 0;
    for (const u of sozialraeume) {
      for (const year of [2026, 2030]) {
        const expected = (byArea.get(u.areaId) ?? 0) + added(u.id, year);
        expect(kitaPlaces(fromDirectory, u.id, year), `${u.name} ${year}`).toBe(expected);
        if (kitaPlaces(own, u.id, year) !== expected) differs++;
      }
    }
    expect(differs).toBeGreaterThan(0);
    // Ganztag places are untouched.
    const gOwn = own.totals.filter((r) => r.scope === 'ganztag').map((r) => r.places);
    expect(fromDirectory.totals.filter((r) => r.scope === 'ganztag').map((r) => r.places)).toEqual(gOwn);

    expect((await editor.put(`${base}/settings`, { ...settings, kitaPlacesSource: 'own' })).statusCode).toBe(
      200,
    );
    expect((await planOf(s70.id)).rows).toEqual(own.rows);
  });

  it('unpublishing takes the page and the link away again', async () => {
    const scenarios = (await viewer.get(`${base}/scenarios`)).json() as EntitlementScenarioDto[];
    for (const s of scenarios.filter((x) => x.published)) {
      expect((await editor.patch(`${base}/scenarios/${s.id}`, { published: false })).statusCode).toBe(200);
    }
    expect((await get(PAGE)).statusCode).toBe(404);
    expect((await get('/kommune/musterstadt')).body).not.toContain('/rechtsanspruch');
  });
});

function html0(res: { statusCode: number; body: string }): string {
  expect(res.statusCode).toBe(200);
  return res.body;
}
