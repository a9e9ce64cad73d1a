import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Area, PortalSettingsView } from '@dkbm/contract';
import { createTestApp, DEMO, type TestClient, type TestContext } from '../../test/testApp';
import { TEST_DRIVER } from '../../test/testDb';
import { tenantIdBySlug } from '../../test/fixtures';

const IND = 'bevoelkerung_altersgruppen';

/** Rows of a German CSV download (after the `#` notice lines): column → value. */
function csvRows(body: string): Array<Record<string, string>> {
  const lines = body
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l && !l.startsWith('#'));
  const head = lines[0]!.split(';');
  return lines.slice(1).map((l) => Object.fromEntries(l.split(';').map((v, i) => [head[i]!, v])));
}

/** Portal settings (issue 13): what the Bildungsbüro decides is public, and how its portal looks. */
describe(`portal settings over HTTP on ${TEST_DRIVER}`, () => {
  let t: TestContext;
  let M: string;
  let editor: TestClient;
  let viewer: TestClient;
  let url: string;

  beforeAll(async () => {
    t = await createTestApp({ config: { loginRateLimit: { max: 10_000, windowMs: 60_000 } } });
    M = await tenantIdBySlug(t, 'musterstadt');
    editor = await t.signIn(DEMO.editor.email, DEMO.editor.password);
    viewer = await t.signIn(DEMO.viewer.email, DEMO.viewer.password);
    url = `/api/tenants/${M}/portal/settings`;
  });
  afterAll(async () => t?.close());

  const page = (path: string) =>
    t.app.inject({ method: 'GET', url: path, headers: { accept: 'text/html', 'accept-language': 'de' } });

  it('a colour failing WCAG AA contrast on white is refused in German; viewers may not change anything', async () => {
    const view = (await viewer.get(url)).json() as PortalSettingsView;
    expect(view.settings).toMatchObject({
      intro: '',
      imprintUrl: 'https://musterstadt.example/impressum',
      hiddenLevels: [],
    });
    expect((await viewer.put(url, { intro: 'Hallo' })).statusCode).toBe(403);
    for (const color of ['#ffff00', '#66a3d2', '#999999']) {
      const res = await editor.put(url, { color });
      expect(res.statusCode, color).toBe(400);
      expect(res.json().message, color).toMatch(/zu wenig Kontrast \(WCAG AA verlangt mindestens 4,5 : 1\)/);
    }
    expect((await editor.put(url, { color: '#0b5394' })).statusCode).toBe(200);
  });

  it('start text, contact, imprint and privacy links and colour appear on the public pages', async () => {
    const res = await editor.put(url, {
      intro: 'Willkommen im Bildungsportal der Stadt.\n\nHier finden Sie Kitas, Schulen und Kurse.',
      contact: 'Bildungsbüro Musterstadt\nTelefon 0391 540-0',
      imprintUrl: 'https://musterstadt.example/impressum',
      privacyUrl: 'https://musterstadt.example/datenschutz',
      color: '#7a1f5c',
    });
    expect(res.statusCode, res.body).toBe(200);
    const start = (await page('/kommune/musterstadt')).body;
    expect(start).toContain('<p class="lead">Willkommen im Bildungsportal der Stadt.</p>');
    expect(start).toContain('<p>Hier finden Sie Kitas, Schulen und Kurse.</p>');
    expect(start).toContain(':root{--accent:#7a1f5c}');
    for (const path of [
      '/kommune/musterstadt',
      '/kommune/musterstadt/wegweiser',
      `/kommune/musterstadt/daten/${IND}`,
    ]) {
      const html = (await page(path)).body;
      expect(html, path).toContain('<a href="https://musterstadt.example/impressum">Impressum</a>');
      expect(html, path).toContain('<a href="https://musterstadt.example/datenschutz">Datenschutz</a>');
      expect(html, path).toContain(
        '<span>Bildungsbüro Musterstadt</span><span><br/>Telefon 0391 540-0</span>',
      );
    }
    // A search box on the start page leads straight into the Bildungswegweiser (GET form, no script).
    const form = /<form [^>]*role="search"[^>]*>(.*?)<\/form>/s.exec(start);
    expect(form?.[0]).toMatch(/ action="\/kommune\/musterstadt\/wegweiser"/);
    expect(form?.[0]).toMatch(/ method="get"/);
    expect(form?.[1]).toMatch(/<input id="q"[^>]* name="q"/);
    // The other municipality keeps its defaults.
    expect((await page('/kommune/beispielkreis')).body).not.toContain('Impressum');
  });

  it('a hidden area level and a hidden dimension leave the indicator page, its downloads and the profiles', async () => {
    const view = (await editor.get(url)).json() as PortalSettingsView;
    const areas = (await editor.get(`/api/tenants/${M}/areas`)).json() as Area[];
    const before = csvRows((await page(`/kommune/musterstadt/daten/${IND}.csv`)).body);
    const levelOf = new Map(areas.map((a) => [a.code, a.level]));
    const hidden = levelOf.get(before[0]!.area!)!;
    expect(view.levels.map((l) => l.code)).toContain(hidden);
    const ages = new Set(before.map((r) => r.altersgruppe));
    expect(ages.size).toBeGreaterThan(1);
    const hiddenArea = areas.find((a) => a.level === hidden && !a.validTo)!;
    expect((await page(`/kommune/musterstadt/gebiete/${hiddenArea.code}`)).statusCode).toBe(200);
    const choice = [...ages].find((a) => a !== before[0]!.altersgruppe)!;
    expect((await page(`/kommune/musterstadt/daten/${IND}?m_altersgruppe=${choice}`)).statusCode).toBe(200);
    expect((await page(`/kommune/musterstadt/daten/${IND}?ebene=${hidden}`)).statusCode).toBe(200);

    // The dimension only as its total: the download keeps its rows, each with the total.
    expect((await page('/kommune/musterstadt')).body).toContain('id="bevoelkerung-tabelle"');
    expect((await editor.put(url, { hiddenDimensions: ['altersgruppe'] })).statusCode).toBe(200);
    const totals = csvRows((await page(`/kommune/musterstadt/daten/${IND}.csv`)).body);
    expect(totals.length).toBeGreaterThan(0);
    expect(new Set(totals.map((r) => r.altersgruppe)).size).toBe(1);
    const json = (await page(`/kommune/musterstadt/daten/${IND}.json`)).json() as { data: unknown[] };
    expect(json.data.length).toBe(totals.length);

    // And the level too: no value of that level is published any more.
    const saved = await editor.put(url, { hiddenLevels: [hidden], hiddenDimensions: ['altersgruppe'] });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await page('/kommune/musterstadt')).body).not.toContain('id="bevoelkerung-tabelle"');
    const after = csvRows((await page(`/kommune/musterstadt/daten/${IND}.csv`)).body);
    expect(after.some((r) => levelOf.get(r.area!) === hidden)).toBe(false);

    const ind = await page(`/kommune/musterstadt/daten/${IND}`);
    expect(ind.statusCode).toBe(200);
    expect(ind.body).not.toContain(`value="${hidden}"`);
    expect(ind.body).not.toContain('name="m_altersgruppe"');
    expect((await page(`/kommune/musterstadt/daten/${IND}?ebene=${hidden}`)).statusCode).toBe(400);
    expect((await page(`/kommune/musterstadt/daten/${IND}?m_altersgruppe=${choice}`)).statusCode).toBe(400);
    expect((await page(`/kommune/musterstadt/gebiete/${hiddenArea.code}`)).statusCode).toBe(404);
  });
});
