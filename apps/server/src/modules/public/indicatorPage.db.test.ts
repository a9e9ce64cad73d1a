import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { Parser, type Quad } from 'n3';
import jsonld from 'jsonld';
import type { Area, Indicator } from '@dkbm/contract';
import { createTestApp, DEMO, type TestClient, type TestContext } from '../../test/testApp';
import { TEST_DRIVER } from '../../test/testDb';
import { tenantIdBySlug } from '../../test/fixtures';

interface ExportJson {
  meta: { view: string };
  columns: string[];
  data: Array<Record<string, string | null>>;
}

const de = new Intl.NumberFormat('de-DE');
const deDate = (p: string) => p.split('-').toReversed().join('.');

/** The rows of the page's table „nach Gebiet“: area name → cell text. */
function areaTable(html: string): Map<string, string> {
  const table = html.slice(html.indexOf('id="gebiet-tabelle"'));
  const body = table.slice(0, table.indexOf('</table>'));
  const rows = new Map<string, string>();
  for (const m of body.matchAll(/<th scope="row"><a [^>]*>([^<]+)<\/a><\/th><td class="num">([^<]*)<\/td>/g))
    rows.set(m[1]!, m[2]!);
  return rows;
}

const DCAT = 'http://www.w3.org/ns/dcat#';
const DCT = 'http://purl.org/dc/terms/';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';

/** The public indicator pages, area profiles and the DCAT-AP.de catalogue (issue 13), as a citizen gets them. */
describe(`public indicator pages on ${TEST_DRIVER}`, () => {
  let t: TestContext;
  let M: string;
  let admin: TestClient;
  let published: Indicator[];

  beforeAll(async () => {
    // A long page TTL: pages stay cached until a change (not until the TTL) during these tests.
    t = await createTestApp({
      config: { loginRateLimit: { max: 10_000, windowMs: 60_000 }, publicPageTtlMs: 600_000 },
    });
    M = await tenantIdBySlug(t, 'musterstadt');
    admin = await t.signIn(DEMO.admin.email, DEMO.admin.password);
    const all = (await admin.get(`/api/tenants/${M}/indicators`)).json() as Indicator[];
    published = all.filter((i) => i.visibility === 'public' && i.coverage.observations > 0);
  });
  afterAll(async () => t?.close());

  const get = (url: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url, headers: { 'accept-language': 'de', ...headers } });

  it('every published indicator has a page with chart, map, both tables, definition and three downloads', async () => {
    expect(published.length).toBeGreaterThanOrEqual(5);
    for (const ind of published) {
      const url = `/kommune/musterstadt/daten/${ind.code}`;
      const res = await get(url);
      expect(res.statusCode, ind.code).toBe(200);
      const html = res.body;
      // No script but JSON-LD and, with a web build, the map's enhancement (a module: deferred).
      const mapScript = /<script type="module" src="\/app\/assets\/karte-[\w-]+\.js"><\/script>/;
      expect(html.replace(mapScript, '')).not.toMatch(/<script(?! type="application\/ld\+json")/i);
      expect(html).toContain(`<h1>${ind.nameDe}</h1>`);
      // Chart (server-side SVG) with its text alternative and the table of its values.
      expect(html).toMatch(/<div class="chart" role="img" aria-label="Diagramm: [^"]+"><svg/);
      expect(html).toContain('id="entwicklung-tabelle"');
      // Map (SVG choropleth) with its table alternative, linked to the area profiles.
      expect(html).toMatch(/<svg[^>]*role="img" aria-labelledby="karte-titel"/);
      expect(areaTable(html).size).toBeGreaterThan(0);
      expect(html).toMatch(/href="\/kommune\/musterstadt\/gebiete\/[^"]+"/);
      for (const f of ['csv', 'xlsx', 'json']) expect(html).toContain(`href="${url}.${f}"`);
      if (ind.source) expect(html).toContain(ind.source.replaceAll('&', '&amp;').slice(0, 40));
      // Canonical, language alternates and Open Graph for sharing.
      expect(html).toContain(`<link rel="canonical" href="http://localhost:80${url}"/>`);
      expect(html).toContain(
        `<link rel="alternate" hrefLang="en" href="http://localhost:80${url}?lang=en"/>`,
      );
      expect(html).toContain(`<meta property="og:title"`);
    }
    const en = await get(`/kommune/musterstadt/daten/${published[0]!.code}?lang=en`);
    expect(en.body).toMatch(/<html lang="en"/);
    expect(en.body).toContain('>Download</h2>');
  });

  it('the catalogue’s Markdown in a definition is rendered (code, lines), never shown raw or as HTML', async () => {
    const res = await get('/kommune/musterstadt/daten/betreuungsquote_u3');
    expect(res.statusCode).toBe(200);
    const main = res.body.slice(res.body.indexOf('<main'));
    expect(main).toContain('zählen in <code>insgesamt</code> nur einmal');
    expect(main).not.toContain('`');
    // Each line of the definition (Berechnung, Hinweise …) is a line of its own.
    expect(main).toMatch(/<br\/>Berechnung: /);
    // The meta description is plain text without Markdown.
    expect(res.body).toMatch(/<meta name="description" content="[^"`]*zählen in insgesamt nur einmal/);
  });

  it('unknown or internal indicators are 404, an unknown selection is 400 with the default view', async () => {
    const all = (await admin.get(`/api/tenants/${M}/indicators`)).json() as Indicator[];
    const internal = all.find((i) => i.visibility === 'internal' && i.coverage.observations > 0)!;
    expect((await get(`/kommune/musterstadt/daten/${internal.code}`)).statusCode).toBe(404);
    expect((await get(`/kommune/musterstadt/daten/${internal.code}.xlsx`)).statusCode).toBe(404);
    expect((await get('/kommune/musterstadt/daten/gibt_es_nicht')).statusCode).toBe(404);
    expect((await get(`/kommune/gibt-es-nicht/daten/${published[0]!.code}`)).statusCode).toBe(404);
    const bad = await get(`/kommune/musterstadt/daten/${published[0]!.code}?zeitpunkt=1900-01-01`);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('id="gebiet-tabelle"');
  });

  it('no page, XLSX or CSV reveals a withheld value: the cell shows „.“ where the internal view has a number', async () => {
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
      if (!withheld.length) continue;
      // XLSX: the same cells withheld, none of the hidden numbers.
      const xlsx = await get(`/kommune/musterstadt/daten/${ind.code}.xlsx`);
      expect(xlsx.statusCode).toBe(200);
      expect(xlsx.headers['content-disposition']).toContain('oeffentlich.xlsx');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.rawPayload as never);
      const sheet = wb.worksheets.find((w) => w.rowCount > pub.data.length)!;
      const header = (sheet.getRow(sheet.rowCount - pub.data.length).values as unknown[]).slice(1);
      const valueCol = header.indexOf('value') + 1;
      expect(valueCol, JSON.stringify(header)).toBeGreaterThan(0);
      let emptyValues = 0;
      sheet.eachRow((row, n) => {
        if (n <= sheet.rowCount - pub.data.length) return;
        const v = row.getCell(valueCol).value;
        if (v === null || v === '' || v === undefined) emptyValues++;
      });
      expect(emptyValues, ind.code).toBe(pub.data.filter((r) => r.value === null).length);
      // The page, with exactly the withheld cell's period, level and dimension values selected.
      for (const w of withheld.slice(0, 5)) {
        const area = areas.find((a) => a.code === w.area && !a.validTo)!;
        const q = new URLSearchParams({
          zeitpunkt: w.period!.length === 4 ? `${w.period}-12-31` : w.period!,
          ebene: area.level,
        });
        for (const d of dimCols) q.set(`m_${d}`, w[d]!);
        const page = await get(`/kommune/musterstadt/daten/${ind.code}?${q}`);
        expect(page.statusCode, page.body.slice(0, 200)).toBe(200);
        const cell = areaTable(page.body).get(w.area_name!);
        expect(cell, `${ind.code} ${key(w)}`).toBe('.');
        expect(cell).not.toBe(de.format(Number(raw.get(key(w)))));
        checked++;
      }
    }
    // The demo has withheld cells (otherwise this test could not fail).
    expect(checked).toBeGreaterThan(0);
  });

  it('the development table shows the municipality with the protected values of its parts', async () => {
    const ind = published.find((i) => i.code === 'kinder_in_betreuung') ?? published[0]!;
    const html = (await get(`/kommune/musterstadt/daten/${ind.code}`)).body;
    const table = html.slice(html.indexOf('id="entwicklung-tabelle"'), html.indexOf('id="nach-gebiet"'));
    const last = ind.coverage.lastPeriod!;
    expect(table).toContain(deDate(last).length === 10 ? deDate(last) : last.slice(0, 4));
    // A number per period (German format) or „.“ – never an empty cell or NaN.
    expect(table).not.toContain('NaN');
    expect(table).toMatch(/<td class="num">(\d{1,3}(\.\d{3})*(,\d+)?|\.)<\/td>/);
  });

  it('an area profile shows the published indicators of the area against its reference areas', async () => {
    const areas = (await admin.get(`/api/tenants/${M}/areas`)).json() as Area[];
    const district = areas.find((a) => a.level === 'stadtbezirk' && !a.validTo)!;
    const res = await get(`/kommune/musterstadt/gebiete/${district.code}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`<h1>${district.name}</h1>`);
    for (const ind of published) expect(res.body).toContain(`href="/kommune/musterstadt/daten/${ind.code}"`);
    const internal = ((await admin.get(`/api/tenants/${M}/indicators`)).json() as Indicator[]).filter(
      (i) => i.visibility === 'internal',
    );
    for (const ind of internal) expect(res.body).not.toContain(`/daten/${ind.code}"`);
    expect(res.body).toMatch(/<svg[^>]*role="img" aria-labelledby="karte-titel"/);
    expect((await get('/kommune/musterstadt/gebiete/gibt-es-nicht')).statusCode).toBe(404);
  });

  it('the DCAT-AP.de catalogue parses as RDF: one dataset per published indicator, three distributions each', async () => {
    const ttl = await get('/kommune/musterstadt/daten/katalog.ttl');
    expect(ttl.statusCode).toBe(200);
    expect(ttl.headers['content-type']).toMatch(/^text\/turtle/);
    const quads: Quad[] = new Parser({ format: 'text/turtle' }).parse(ttl.body);
    const objects = (s: string, p: string) =>
      quads.filter((q) => q.subject.value === s && q.predicate.value === p).map((q) => q.object.value);
    const datasets = quads
      .filter((q) => q.predicate.value === RDF_TYPE && q.object.value === `${DCAT}Dataset`)
      .map((q) => q.subject.value);
    expect(datasets.toSorted()).toEqual(
      published.map((i) => `http://localhost:80/kommune/musterstadt/daten/${i.code}`).toSorted(),
    );
    const catalog = quads.find((q) => q.object.value === `${DCAT}Catalog`)!.subject.value;
    expect(objects(catalog, `${DCAT}dataset`).toSorted()).toEqual(datasets.toSorted());
    for (const ds of datasets) {
      expect(objects(ds, `${DCT}title`).length).toBeGreaterThan(0);
      expect(objects(ds, `${DCT}description`).length).toBeGreaterThan(0);
      expect(objects(ds, `${DCT}publisher`).length).toBe(1);
      expect(objects(ds, `${DCT}modified`).length).toBe(1);
      const temporal = objects(ds, `${DCT}temporal`);
      expect(temporal.length).toBe(1);
      expect(quads.some((q) => q.predicate.value === `${DCAT}startDate`)).toBe(true);
      const dists = objects(ds, `${DCAT}distribution`);
      expect(dists.length).toBe(3);
      for (const d of dists) {
        const [licence] = objects(d, `${DCT}license`);
        expect(licence, d).toMatch(/^http:\/\/dcat-ap\.de\/def\/licenses\//);
        const [download] = objects(d, `${DCAT}downloadURL`);
        // Every distribution can be downloaded without login, and is the public version.
        const file = await get(new URL(download!).pathname);
        expect(file.statusCode, download).toBe(200);
        expect(file.headers['content-disposition']).toContain('oeffentlich');
      }
    }
    // The JSON-LD holds the same graph (compared triple by triple, blank nodes aside).
    const jl = await get('/kommune/musterstadt/daten/katalog.jsonld');
    expect(jl.headers['content-type']).toMatch(/^application\/ld\+json/);
    const nquads = (await jsonld.toRDF(jl.json() as never, { format: 'application/n-quads' })) as string;
    const fromJson = new Parser({ format: 'N-Quads' }).parse(nquads);
    const ground = (list: Quad[]) =>
      new Set(
        list
          .filter((q) => q.subject.termType !== 'BlankNode' && q.object.termType !== 'BlankNode')
          .map((q) => `${q.subject.value} ${q.predicate.value} ${q.object.id}`),
      );
    expect(fromJson.length).toBe(quads.length);
    expect([...ground(fromJson)].toSorted()).toEqual([...ground(quads)].toSorted());
  });

  it('cached pages are served again without rendering, and a change shows at once', async () => {
    const ind = published[0]!;
    const url = `/kommune/musterstadt/daten/${ind.code}`;
    await get(url);
    const second = await get(url);
    expect(second.headers['x-page-cache']).toBe('early');
    const etag = second.headers.etag as string;
    expect((await get(url, { 'if-none-match': etag })).statusCode).toBe(304);
    // The Bildungsbüro withdraws the indicator: its page, downloads and catalogue entry go at once.
    const patch = await admin.patch(`/api/tenants/${M}/indicators/${ind.id}`, { visibility: 'internal' });
    expect(patch.statusCode, patch.body).toBe(200);
    try {
      expect((await get(url)).statusCode).toBe(404);
      expect((await get(`${url}.csv`)).statusCode).toBe(404);
      expect((await get('/kommune/musterstadt/daten/katalog.ttl')).body).not.toContain(`/daten/${ind.code}>`);
    } finally {
      await admin.patch(`/api/tenants/${M}/indicators/${ind.id}`, { visibility: 'public' });
    }
    expect((await get(url)).statusCode).toBe(200);
  });
});
