import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Area, Indicator } from '@dkbm/contract';
import { createTestApp, DEMO, type TestClient, type TestContext } from '../../test/testApp';
import { TEST_DRIVER } from '../../test/testDb';
import { tenantIdBySlug } from '../../test/fixtures';
import { MAP_SCRIPT_ENTRY, publicMapScript } from '../../platform/http/publicPage';

interface ExportJson {
  columns: string[];
  data: Array<Record<string, string | null>>;
}

interface MapJson {
  type: string;
  view: string;
  period: string;
  level: string;
  features: Array<{
    type: string;
    geometry: { type: string; coordinates: unknown };
    properties: {
      code: string;
      name: string;
      value: number | null;
      flag: string | null;
      fill: string;
      text: string;
    };
  }>;
}

/** The rows of the page's table „nach Gebiet“: area name → cell text. */
function areaTable(html: string): Map<string, string> {
  const table = html.slice(html.indexOf('id="gebiet-tabelle"'));
  const body = table.slice(0, table.indexOf('</table>'));
  const rows = new Map<string, string>();
  for (const m of body.matchAll(/<th scope="row"><a [^>]*>([^<]+)<\/a><\/th><td class="num">([^<]*)<\/td>/g))
    rows.set(m[1]!, m[2]!);
  return rows;
}

const SCRIPT = 'assets/karte-Test1234.js';
const SCRIPT_TAG = `<script type="module" src="/app/${SCRIPT}"></script>`;

/**
 * The MapLibre enhancement of the public indicator page's map (issue 13, ADR 0013): the page names the
 * hashed script of the web build (here a stand-in build, so the test does not depend on `npm run build`)
 * and its data; the data (`<code>.geojson`) is the public view only.
 */
describe(`public indicator map (MapLibre enhancement) on ${TEST_DRIVER}`, () => {
  let t: TestContext;
  let M: string;
  let admin: TestClient;
  let published: Indicator[];
  let dist: string;
  const before = process.env.WEB_DIST_DIR;

  beforeAll(async () => {
    dist = fs.mkdtempSync(path.join(os.tmpdir(), 'dkbm-web-dist-'));
    fs.mkdirSync(path.join(dist, '.vite'));
    fs.mkdirSync(path.join(dist, 'assets'));
    fs.writeFileSync(path.join(dist, 'index.html'), '<!DOCTYPE html><title>Arbeitsbereich</title>');
    fs.writeFileSync(path.join(dist, SCRIPT), 'export {};\n');
    fs.writeFileSync(
      path.join(dist, '.vite', 'manifest.json'),
      JSON.stringify({ [MAP_SCRIPT_ENTRY]: { file: SCRIPT, isEntry: true } }),
    );
    process.env.WEB_DIST_DIR = dist;
    t = await createTestApp({ config: { loginRateLimit: { max: 10_000, windowMs: 60_000 } } });
    M = await tenantIdBySlug(t, 'musterstadt');
    admin = await t.signIn(DEMO.admin.email, DEMO.admin.password);
    const all = (await admin.get(`/api/tenants/${M}/indicators`)).json() as Indicator[];
    published = all.filter((i) => i.visibility === 'public' && i.coverage.observations > 0);
  });
  afterAll(async () => {
    await t?.close();
    if (before === undefined) delete process.env.WEB_DIST_DIR;
    else process.env.WEB_DIST_DIR = before;
    fs.rmSync(dist, { recursive: true, force: true });
  });

  const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { 'accept-language': 'de' } });

  it('the indicator page loads the hashed map script (served immutable) and names its data', async () => {
    const ind = published.find((i) => i.code === 'kinder_in_betreuung') ?? published[0]!;
    const res = await get(`/kommune/musterstadt/daten/${ind.code}`);
    expect(res.statusCode).toBe(200);
    // Once, as a module (deferred), after the SVG map; the SVG and the table stay as without script.
    expect(res.body.split(SCRIPT_TAG).length - 1).toBe(1);
    expect(res.body).toMatch(/<svg[^>]*role="img" aria-labelledby="karte-titel"/);
    expect(res.body).toContain('id="gebiet-tabelle"');
    const figure = /<figure class="map" data-karte="([^"]+)"/.exec(res.body);
    expect(figure, 'figure with data-karte').not.toBeNull();
    const dataUrl = figure![1]!.replaceAll('&amp;', '&');
    expect(dataUrl).toMatch(new RegExp(`^/kommune/musterstadt/daten/${ind.code}\\.geojson\\?zeitpunkt=`));
    const data = await get(dataUrl);
    expect(data.statusCode).toBe(200);
    expect(data.headers['content-type']).toMatch(/^application\/geo\+json/);
    const features = (data.json() as MapJson).features;
    expect(features.length).toBe(areaTable(res.body).size);
    // Same classes and colours as the SVG map (its paths: fill and tooltip per area).
    const svgFill = new Map(
      [...res.body.matchAll(/<path d="[^"]*" fill="([^"]+)"[^>]*><title>([^<]+)<\/title>/g)].map((m) => [
        m[2]!,
        m[1] === 'url(#geheim)' ? 'withheld' : m[1]!,
      ]),
    );
    expect(svgFill.size).toBeGreaterThan(1);
    for (const f of features)
      expect(f.properties.fill, f.properties.text).toBe(svgFill.get(f.properties.text));

    const asset = await get(`/app/${SCRIPT}`);
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect(String(asset.headers['cache-control'])).toMatch(/max-age=31536000/);
    expect(String(asset.headers['cache-control'])).toContain('immutable');
    // The CSP lets the page run its own script and MapLibre's worker, nothing from elsewhere.
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toMatch(/worker-src 'self' blob:(;|$)/);
    expect(csp).toMatch(/connect-src 'self'(;|$)/);
  });

  it('pages without a map load no script; without a web build no page does', async () => {
    for (const url of [
      '/kommune/musterstadt',
      '/kommune/musterstadt/daten',
      '/kommune/musterstadt/gebiete/01',
      '/kommune/musterstadt/wegweiser/deutschsprachkurs-a1-am-vormittag',
    ]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).not.toContain('/app/assets/karte-');
    }
    expect(publicMapScript(dist)).toBe(`/app/${SCRIPT}`);
    expect(publicMapScript(path.join(dist, 'gibt-es-nicht'))).toBeNull();
    expect(publicMapScript(null)).toBeNull();
  });

  it('the map data is the public view: a withheld cell is null with „.“ and its number is never in it', async () => {
    const areas = (await admin.get(`/api/tenants/${M}/areas`)).json() as Area[];
    let checked = 0;
    for (const ind of published) {
      const pub = (await get(`/kommune/musterstadt/daten/${ind.code}.json`)).json() as ExportJson;
      const internal = (
        await admin.get(`/api/tenants/${M}/indicators/${ind.id}/export?format=json&view=internal`)
      ).json() as ExportJson;
      const dimCols = pub.columns.filter(
        (c) => !['indicator', 'area', 'area_name', 'period', 'value', 'flag'].includes(c),
      );
      const key = (r: Record<string, string | null>) =>
        ['area', 'period', ...dimCols].map((c) => r[c]).join('|');
      const raw = new Map(internal.data.map((r) => [key(r), r.value]));
      const withheld = pub.data.filter((r) => r.value === null && raw.get(key(r)) !== null);
      // The map of exactly the withheld cell's period, level and dimension values.
      for (const w of withheld.slice(0, 5)) {
        const area = areas.find((a) => a.code === w.area && !a.validTo)!;
        const q = new URLSearchParams({
          zeitpunkt: w.period!.length === 4 ? `${w.period}-12-31` : w.period!,
          ebene: area.level,
        });
        for (const d of dimCols) q.set(`m_${d}`, w[d]!);
        const res = await get(`/kommune/musterstadt/daten/${ind.code}.geojson?${q}`);
        expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
        const map = res.json() as MapJson;
        expect(map.view).toBe('public');
        const f = map.features.find((x) => x.properties.code === w.area);
        if (!f) continue; // an area without a boundary is only in the table
        const hidden = Number(raw.get(key(w)));
        expect(f.properties.value, `${ind.code} ${key(w)}`).toBeNull();
        expect(f.properties.flag).toBe('.');
        expect(f.properties.fill).toBe('withheld');
        expect(f.properties.text).toBe(`${w.area_name}: .`);
        expect(f.properties.value).not.toBe(hidden);
        checked++;
        // Every other area shows the value the page's table shows.
        const page = await get(`/kommune/musterstadt/daten/${ind.code}?${q}`);
        const table = areaTable(page.body);
        for (const g of map.features)
          expect(g.properties.text, `${ind.code} ${g.properties.code}`).toBe(
            `${g.properties.name}: ${table.get(g.properties.name)}`,
          );
      }
    }
    // The demo has withheld cells on the map (otherwise this test could not fail).
    expect(checked).toBeGreaterThan(0);
  });

  it('the Wegweiser map loads the script; its data are the hits of the search, published entries only', async () => {
    const res = await get('/kommune/musterstadt/wegweiser?art=orte');
    expect(res.statusCode).toBe(200);
    expect(res.body.split(SCRIPT_TAG).length - 1).toBe(1);
    expect(res.body).toMatch(/<svg[^>]*role="img" aria-labelledby="karte-titel"/);
    const url = /<figure class="map" data-karte="([^"]+)"/.exec(res.body)![1]!.replaceAll('&amp;', '&');
    expect(url).toBe('/kommune/musterstadt/wegweiser.geojson?art=orte&lang=de');
    const data = await get(url);
    expect(data.headers['content-type']).toMatch(/^application\/geo\+json/);
    const features = (
      data.json() as { features: Array<{ geometry: { type: string }; properties: Record<string, string> }> }
    ).features;
    const points = features.filter((f) => f.geometry.type === 'Point');
    // Exactly the published places with coordinates (the open data list), no offer, no draft.
    const open = (await get('/kommune/musterstadt/wegweiser.json')).json() as {
      entries: Array<Record<string, string | null>>;
    };
    const places = open.entries
      .filter((e) => e.art === 'Ort' && e.breitengrad !== null)
      .map((e) => e.kennung);
    expect(places.length).toBeGreaterThan(0);
    expect(points.map((p) => p.properties.code).toSorted()).toEqual(places.toSorted());
    for (const p of points) {
      expect(p.properties.layer).toBe('ort');
      expect(p.properties.href).toBe(`/kommune/musterstadt/wegweiser/${p.properties.code}`);
    }
    const list = await admin.get(`/api/tenants/${M}/directory/entries`);
    expect(list.statusCode).toBe(200);
    const unpublished = (list.json() as Array<{ slug: string; status: string }>).filter(
      (e) => e.status !== 'veroeffentlicht',
    );
    for (const e of unpublished) expect(points.map((p) => p.properties.code)).not.toContain(e.slug);
    // The areas the SVG draws come along as polygons.
    expect(features.filter((f) => f.properties.layer === 'gebiet').length).toBeGreaterThan(0);
  });

  it('the map data answers like the page: an unknown selection is 400, an internal indicator 404', async () => {
    const ind = published[0]!;
    const base = `/kommune/musterstadt/daten/${ind.code}.geojson`;
    const ok = (await get(base)).json() as MapJson;
    expect(ok.type).toBe('FeatureCollection');
    for (const f of ok.features) expect(['Polygon', 'MultiPolygon']).toContain(f.geometry.type);
    expect((await get(`${base}?zeitpunkt=1900-01-01`)).statusCode).toBe(400);
    expect((await get(`${base}?ebene=gibt_es_nicht`)).statusCode).toBe(400);
    const all = (await admin.get(`/api/tenants/${M}/indicators`)).json() as Indicator[];
    const internal = all.find((i) => i.visibility === 'internal' && i.coverage.observations > 0)!;
    expect((await get(`/kommune/musterstadt/daten/${internal.code}.geojson`)).statusCode).toBe(404);
    expect((await get(`/kommune/gibt-es-nicht/daten/${ind.code}.geojson`)).statusCode).toBe(404);
  });
});
