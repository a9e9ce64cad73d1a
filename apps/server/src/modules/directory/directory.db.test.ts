import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { DirectoryEntry, DirectoryImportReport } from '@dkbm/contract';
import { createTestApp, DEMO, type TestClient, type TestContext } from '../../test/testApp';
import { TEST_DRIVER } from '../../test/testDb';
import { tenantIdBySlug } from '../../test/fixtures';
import { periodEnds, todayInGermany } from './search';
import {
  lexemeIndex,
  lexemeMatches,
  matchingEntryIds,
  publishedStamp,
  searchLexemes,
} from './entries.service';
import { tenantScope } from '../../platform/tenancy/scope';

/** A small list in the layout of the Berlin Kita list: good rows, refused rows, a duplicate. */
const LIST = [
  'id,name,phone_number,places,type,sponsor_id,sponsor_name,street,zip_code,lat,lon,geojson_feature_id',
  '1,Kita Testwiese,+49301234,45,Reguläre Einrichtung,9,Testträger gGmbH,Wiesenweg 3,39101,LAT,LON,x',
  '2,Kita Ohne Ort,,30,Reguläre Einrichtung,9,Testträger gGmbH,Feldweg 1,39101,nördlich,13.4,x',
  '3,,,30,Reguläre Einrichtung,9,Testträger gGmbH,Feldweg 2,39101,52.5,13.4,x',
  '4,Kita Testwiese,+49301234,45,Reguläre Einrichtung,9,Testträger gGmbH,Wiesenweg 3,39101,LAT,LON,x',
  '5,Kita Zahl,,viele,Reguläre Einrichtung,9,Testträger gGmbH,Feldweg 5,39101,52.5,13.4,x',
].join('\n');

describe(`Bildungswegweiser over HTTP on ${TEST_DRIVER}`, () => {
  let t: TestContext;
  let M: string;
  let editor: TestClient;
  let viewer: TestClient;
  let base: string;

  beforeAll(async () => {
    t = await createTestApp({ config: { loginRateLimit: { max: 10_000, windowMs: 60_000 } } });
    M = await tenantIdBySlug(t, 'musterstadt');
    editor = await t.signIn(DEMO.editor.email, DEMO.editor.password);
    viewer = await t.signIn(DEMO.viewer.email, DEMO.viewer.password);
    base = `/api/tenants/${M}/directory`;
  });
  afterAll(async () => t?.close());

  const page = (url: string) => t.app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
  const entries = async () => (await editor.get(`${base}/entries`)).json() as DirectoryEntry[];

  it('the demo municipality has ≥ 60 published places and offers in every category and district', async () => {
    const all = await entries();
    expect(all.length).toBeGreaterThanOrEqual(60);
    expect(all.every((e) => e.status === 'veroeffentlicht')).toBe(true);
    expect(new Set(all.flatMap((e) => e.categories)).size).toBe(6);
    expect(new Set(all.map((e) => e.kind))).toEqual(new Set(['ort', 'angebot']));
    // Each entry lies in one of the 12 districts, computed from its coordinates.
    expect(all.every((e) => e.area !== null)).toBe(true);
    expect(new Set(all.map((e) => e.area!.code)).size).toBe(12);
  });

  it('an editor adds a place; its district is computed from the coordinates; a viewer may not', async () => {
    const all = await entries();
    const kita = all.find((e) => e.type === 'kita' && e.area?.code === '03')!;
    const body = {
      name: 'Lernwerkstatt Möhrenfeld',
      type: 'sonstiger_ort',
      categories: ['non_formale_bildung'],
      address: { street: 'Möhrenweg 1', postcode: '39103', city: 'Musterstadt' },
      location: kita.location,
      description: 'Offene Werkstatt für Kinder und Jugendliche.',
    };
    expect((await viewer.post(`${base}/places`, body)).statusCode).toBe(403);
    const res = await editor.post(`${base}/places`, body);
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json() as DirectoryEntry;
    expect(created.slug).toBe('lernwerkstatt-moehrenfeld');
    expect(created.area?.code).toBe('03');
    const detail = await page(`/kommune/musterstadt/wegweiser/${created.slug}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.body).toContain('Lernwerkstatt Möhrenfeld');
    expect(detail.body).toContain('"@type":"EducationalOrganization"');
    expect(detail.body).toMatch(
      /<link rel="canonical" href="http:\/\/[^"]+\/kommune\/musterstadt\/wegweiser\/lernwerkstatt-moehrenfeld"/,
    );
    expect(detail.body).not.toMatch(/<script(?! type="application\/ld\+json")/);
  });

  it('sorts by distance from a typed address found in the municipality’s own data', async () => {
    const open = (await page('/kommune/musterstadt/wegweiser.json')).json() as {
      entries: Array<Record<string, string | null>>;
    };
    const course = open.entries.find((e) => e.name === 'Deutschsprachkurs A1 am Vormittag')!;
    const typed = `${course.strasse}, ${course.plz}`;
    const res = await page(`/kommune/musterstadt/wegweiser?adresse=${encodeURIComponent(typed)}`);
    expect(res.statusCode).toBe(200);
    const html = res.body.replace(/<!-- -->/g, '');
    expect(html).toContain(`Entfernung ab ${course.strasse}, ${course.plz} ${course.ort}`);
    // The entry at that address comes first, 0 km away; the distances rise.
    const hits = html.slice(
      html.indexOf('<ol class="hits"'),
      html.indexOf('</ol>', html.indexOf('<ol class="hits"')),
    );
    expect(/<li><a [^>]*>([^<]+)</.exec(hits)?.[1]).toBe('Deutschsprachkurs A1 am Vormittag');
    const km = [...hits.matchAll(/([\d,]+) km entfernt/g)].map((m) => Number(m[1]!.replace(',', '.')));
    expect(km[0]).toBe(0);
    expect(km.length).toBeGreaterThan(5);
    expect(km).toEqual(km.toSorted((a, b) => a - b));

    // An area's name: its centre.
    const area = (await page('/kommune/musterstadt/wegweiser?adresse=Altstadt')).body.replace(
      /<!-- -->/g,
      '',
    );
    expect(area).toContain('Entfernung ab Altstadt');
    // Unknown: a German message, the hits by name.
    const unknown = await page(
      `/kommune/musterstadt/wegweiser?adresse=${encodeURIComponent('Unter den Linden 1, 10117 Berlin')}`,
    );
    expect(unknown.statusCode).toBe(200);
    expect(unknown.body).toContain('Die Adresse „Unter den Linden 1, 10117 Berlin“ ist in');
    expect(unknown.body).toContain('nicht bekannt');
    expect(unknown.body).not.toContain('km entfernt');
  });

  it('German search: „Sprachkurs“ finds „Deutschsprachkurs“ and „Sprachkurse“', async () => {
    const res = await page('/kommune/musterstadt/wegweiser?q=Sprachkurs');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Deutschsprachkurs A1 am Vormittag');
    expect(res.body).toContain('Sprachkurse Englisch für Einsteiger');
    expect(res.body).not.toContain('Grundschule');
  });

  it('the full-text match in memory (lexeme index) finds what PostgreSQL’s full-text search finds', async () => {
    const s = tenantScope(t.database.db, M);
    const index = await lexemeIndex(s);
    const terms = [
      'Sprachkurse',
      'Sprachkurs',
      'kurs',
      'Kita',
      'Musik Schule',
      'Beratung für Eltern',
      'Übergang',
      'lesen',
      'Deutsch-Kurs',
      'und der die',
      'gibtesnicht',
      "O'Brien & Söhne",
    ];
    let found = 0;
    for (const q of terms) {
      const sqlIds = await matchingEntryIds(s, q);
      found += sqlIds.size;
      expect([...lexemeMatches(index, await searchLexemes(s, q))].toSorted(), q).toEqual(
        [...sqlIds].toSorted(),
      );
    }
    expect(found).toBeGreaterThan(10);
  });

  it('filters by category and district with counts, as a plain GET form without scripts', async () => {
    const all = (await entries()).filter((e) => e.status === 'veroeffentlicht');
    const want = all.filter((e) => e.categories.includes('fruehe_bildung') && e.area?.code === '01');
    expect(want.length).toBeGreaterThan(0);
    const res = await page('/kommune/musterstadt/wegweiser?kategorie=fruehe_bildung&gebiet=01');
    expect(res.statusCode).toBe(200);
    const html = res.body;
    // No script but, with a web build, the map's enhancement (a module, not needed by the form; ADR 0013).
    expect(
      html.replace(/<script type="module" src="\/app\/assets\/karte-[\w-]+\.js"><\/script>/, ''),
    ).not.toMatch(/<script/i);
    expect(html).toMatch(/<form [^>]*action="\/kommune\/musterstadt\/wegweiser" method="get">/);
    expect(html).toContain(`${want.length} Treffer`);
    for (const e of want) expect(html).toContain(`href="/kommune/musterstadt/wegweiser/${e.slug}"`);
    const other = all.find((e) => !e.categories.includes('fruehe_bildung'))!;
    expect(html).not.toContain(`href="/kommune/musterstadt/wegweiser/${other.slug}"`);
    // Count of the category facet with the district applied.
    expect(html).toMatch(
      new RegExp(`checked="" value="fruehe_bildung"/> Frühe Bildung \\(${want.length}\\)`),
    );
    // The map draws every hit; the list is its text alternative.
    expect(html.match(/<circle /g)?.length).toBe(want.filter((e) => e.location).length);
  });

  it('the date facet: offers with a date this week / month / next 3 months, counted; undated ones left out', async () => {
    const today = todayInGermany();
    const res0 = await editor.post(`${base}/offers`, {
      title: 'Lesecafé heute',
      type: 'veranstaltung',
      categories: ['non_formale_bildung'],
      cost: 'kostenlos',
      dates: [{ start: `${today}T23:00`, end: null }],
    });
    expect(res0.statusCode, res0.body).toBe(201);
    const all = (await entries()).filter((e) => e.status === 'veroeffentlicht');
    const within = (end: string) =>
      all.filter((e) =>
        ((e.details as { dates?: Array<{ start: string; end: string | null }> }).dates ?? []).some(
          (d) => (d.end ?? d.start).slice(0, 10) >= today && d.start.slice(0, 10) <= end,
        ),
      );
    const plain = await page('/kommune/musterstadt/wegweiser');
    expect(plain.body).not.toContain('name="zeitraum" value=""');
    for (const [period, end] of periodEnds(today)) {
      const want = within(end);
      expect(want.length, period).toBeGreaterThan(0);
      const label = { woche: 'diese Woche', monat: 'diesen Monat', quartal: 'nächste 3 Monate' }[period];
      // The count without the choice says what choosing it gives.
      expect(plain.body).toContain(`value="${period}"/> ${label} (${want.length})`);
      const res = await page(`/kommune/musterstadt/wegweiser?zeitraum=${period}`);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain(`${want.length} Treffer`);
      expect(res.body).toContain(`checked="" value="${period}"`);
      expect(res.body).toContain('name="zeitraum" value=""/> beliebig, auch ohne Termin');
      expect(res.body).toContain('Orte und Angebote ohne Termine werden dann nicht gezeigt');
      if (want.length <= 20)
        for (const e of want) expect(res.body).toContain(`href="/kommune/musterstadt/wegweiser/${e.slug}"`);
      // A place (no dates) is not a hit.
      const place = all.find((e) => e.kind === 'ort')!;
      expect(res.body).not.toContain(`href="/kommune/musterstadt/wegweiser/${place.slug}"`);
    }
    // „beliebig“ (empty choice) is no filter.
    const any = await page('/kommune/musterstadt/wegweiser?zeitraum=');
    expect(any.statusCode).toBe(200);
    expect(any.body).toContain(`${all.length} Treffer`);
    const created = res0.json() as DirectoryEntry;
    expect((await editor.patch(`${base}/entries/${created.id}`, { status: 'entwurf' })).statusCode).toBe(200);
  });

  it('the data version of the published entries changes with a change, not otherwise', async () => {
    const s = tenantScope(t.database.db, M);
    const before = await publishedStamp(s);
    expect(await publishedStamp(s)).toBe(before);
    const e = (await entries()).find((x) => x.name === 'Volkshochschule Musterstadt')!;
    const res = await editor.patch(`${base}/entries/${e.id}`, { status: 'entwurf' });
    expect(res.statusCode, res.body).toBe(200);
    const after = await publishedStamp(s);
    expect(after).not.toBe(before);
    expect(await publishedStamp(s)).toBe(after);
    expect((await editor.patch(`${base}/entries/${e.id}`, { status: 'veroeffentlicht' })).statusCode).toBe(
      200,
    );
    expect(await publishedStamp(s)).not.toBe(after);
  });

  it('an unknown filter value is refused (400) and shows the unfiltered search', async () => {
    const res = await page('/kommune/musterstadt/wegweiser?kategorie=erfunden');
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Bildungswegweiser');
  });

  it('a withdrawn entry leaves the search, its page and the open data', async () => {
    const e = (await entries()).find((x) => x.name === 'Musikschule Musterstadt')!;
    expect((await editor.patch(`${base}/entries/${e.id}`, { status: 'entwurf' })).statusCode).toBe(200);
    expect((await page(`/kommune/musterstadt/wegweiser/${e.slug}`)).statusCode).toBe(404);
    expect((await page('/kommune/musterstadt/wegweiser?q=Musikschule')).body).not.toContain(e.slug);
    const csv = await page('/kommune/musterstadt/wegweiser.csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.body).not.toContain('Musikschule Musterstadt');
    expect(csv.body).toContain('Volkshochschule Musterstadt');
    const json = (await page('/kommune/musterstadt/wegweiser.json')).json() as { entries: unknown[] };
    expect(json.entries.length).toBe((await entries()).filter((x) => x.status === 'veroeffentlicht').length);
    expect((await editor.patch(`${base}/entries/${e.id}`, { status: 'veroeffentlicht' })).statusCode).toBe(
      200,
    );
  });

  it('imports a list: a dry run reports refused rows by line and column and stores nothing', async () => {
    const kita = (await entries()).find((e) => e.type === 'kita' && e.area?.code === '05')!;
    const csv = LIST.replaceAll('LAT', String(kita.location!.lat)).replaceAll(
      'LON',
      String(kita.location!.lon),
    );
    const before = (await entries()).length;
    const dry = await editor.post(`${base}/import`, { fileName: 'kitas.csv', csv, dryRun: true });
    expect(dry.statusCode, dry.body).toBe(200);
    const r = dry.json() as DirectoryImportReport;
    expect(r).toMatchObject({
      preset: 'berlin-kitas',
      rows: 5,
      taken: 1,
      refused: 3,
      duplicates: 1,
      inAreas: 1,
    });
    expect(r.problems.map((p) => `${p.line}:${p.field}`)).toEqual(['3:lat', '4:name', '5:name', '6:places']);
    expect(r.problems[0]!.message).toMatch(/Koordinate/);
    expect((await entries()).length).toBe(before);

    const done = await editor.post(`${base}/import`, { fileName: 'kitas.csv', csv, dryRun: false });
    expect((done.json() as DirectoryImportReport).taken).toBe(1);
    const imported = (await entries()).find((e) => e.name === 'Kita Testwiese')!;
    expect(imported.area?.code).toBe('05');
    expect(imported.source?.licence).toBe('CC BY 3.0 DE');
    expect(imported.details.capacity).toBe(45);
    // The public page names the list's licence and attribution.
    const detail = await page(`/kommune/musterstadt/wegweiser/${imported.slug}`);
    expect(detail.body).toContain('Senatsverwaltung für Bildung, Jugend und Familie');
    // A second import takes nothing twice.
    const again = await editor.post(`${base}/import`, { fileName: 'kitas.csv', csv, dryRun: false });
    expect(again.json()).toMatchObject({ taken: 0, duplicates: 2 });
  });

  it('imports an Excel list with a column mapping over HTTP (dry run, then taken once)', async () => {
    const kita = (await entries()).find((e) => e.type === 'kita' && e.area?.code === '07')!;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Orte');
    ws.addRow(['Einrichtung', 'Anschrift', 'PLZ', 'Breite', 'Länge']);
    ws.addRow(['Lesecafé am Park', 'Parkweg 9', '39107', kita.location!.lat, kita.location!.lon]);
    ws.addRow(['Ohne Ort', 'Weg 1', '39107', 'nördlich', 11.6]);
    const xlsxBase64 = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const mapping = {
      name: 'Einrichtung',
      street: 'Anschrift',
      postcode: 'PLZ',
      cityName: 'Musterstadt',
      lat: 'Breite',
      lon: 'Länge',
      type: 'bibliothek',
      categories: ['non_formale_bildung'],
    };
    const body = { fileName: 'orte.xlsx', xlsxBase64, mapping };
    const dry = await editor.post(`${base}/import`, { ...body, dryRun: true });
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({ preset: 'zuordnung', rows: 2, taken: 1, refused: 1, inAreas: 1 });
    expect((dry.json() as DirectoryImportReport).problems[0]).toMatchObject({ line: 3, field: 'Breite' });
    const done = await editor.post(`${base}/import`, { ...body, dryRun: false });
    expect(done.json()).toMatchObject({ taken: 1 });
    const e = (await entries()).find((x) => x.name === 'Lesecafé am Park')!;
    expect(e).toMatchObject({ type: 'bibliothek', area: { code: '07' } });
    // Neither text nor Excel, or both: refused naming the field.
    const none = await editor.post(`${base}/import`, { fileName: 'x.csv', dryRun: true });
    expect(none.statusCode).toBe(400);
  });

  it('a file that is no known list is refused with a German message naming the file', async () => {
    const res = await editor.post(`${base}/import`, {
      fileName: 'falsch.csv',
      csv: 'a;b\n1;2\n',
      dryRun: true,
    });
    expect(res.statusCode).toBe(400);
    expect((res.json() as { message: string }).message).toMatch(
      /^falsch\.csv: Die Spalten der Datei passen zu keiner/,
    );
  });

  it('a foreign or unknown entry is 404 in the API, and the other municipality shows none of them', async () => {
    const B = await tenantIdBySlug(t, 'beispielkreis');
    const e = (await entries())[0]!;
    expect((await editor.get(`/api/tenants/${B}/directory/entries/${e.id}`)).statusCode).toBe(404);
    const res = await page('/kommune/beispielkreis/wegweiser');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Keine Treffer');
    expect((await page(`/kommune/beispielkreis/wegweiser/${e.slug}`)).statusCode).toBe(404);
  });

  it('robots.txt points to a sitemap that lists the public pages and each published entry', async () => {
    const robots = await page('/robots.txt');
    expect(robots.body).toMatch(/^Sitemap: http:\/\/[^/]+\/sitemap\.xml$/m);
    expect(robots.body).toContain('Disallow: /app/');
    const withdrawn = (await entries()).find((e) => e.name === 'Jugendberufsagentur')!;
    expect((await editor.patch(`${base}/entries/${withdrawn.id}`, { status: 'entwurf' })).statusCode).toBe(
      200,
    );
    const map = await page('/sitemap.xml');
    expect(map.headers['content-type']).toMatch(/^application\/xml/);
    expect(map.body).toContain('/kommune/musterstadt/wegweiser</loc>');
    expect(map.body).toContain('/kommune/musterstadt/daten</loc>');
    const all = await entries();
    const published = all.filter((e) => e.status === 'veroeffentlicht');
    for (const e of published) expect(map.body).toContain(`/kommune/musterstadt/wegweiser/${e.slug}</loc>`);
    expect(map.body).not.toContain(`/wegweiser/${withdrawn.slug}<`);
  });

  it('a dated offer links its dates as iCalendar; a place without dates has none', async () => {
    const detail = await page('/kommune/musterstadt/wegweiser/ausbildungsmesse');
    expect(detail.body).toContain('href="/kommune/musterstadt/wegweiser/ausbildungsmesse/termine.ics"');
    expect(detail.body).toContain('"@type":"Event"');
    const ics = await page('/kommune/musterstadt/wegweiser/ausbildungsmesse/termine.ics');
    expect(ics.statusCode).toBe(200);
    expect(ics.headers['content-type']).toMatch(/^text\/calendar/);
    expect(ics.body).toMatch(/^DTSTART:20270313T100000\r?$/m);
    expect(ics.body).toMatch(/^DTEND:20270313T160000\r?$/m);
    expect(ics.body).toMatch(/^SUMMARY:Ausbildungsmesse\r?$/m);
    expect(
      (await page('/kommune/musterstadt/wegweiser/volkshochschule-musterstadt/termine.ics')).statusCode,
    ).toBe(404);
  });
});
