import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Block, ReportDetail, ReportSummary } from '@dkbm/contract';
import { createTestApp, DEMO, type TestContext } from '../../test/testApp';
import { TEST_DRIVER } from '../../test/testDb';
import { expectApiError, signInFresh, tenantIdBySlug, type AddressedClient } from '../../test/fixtures';
import { decodePng, inkShare, unzip } from '../assessment/testing';
import { DEMO_POPULATION_INDICATOR } from '../monitoring/demo.constants';
import { DEMO_REPORT_2025, DEMO_REPORT_2026 } from './reports.demo';

/* Bildungsberichte through HTTP: write, comment, release (freeze), publish, outputs, public portal. */

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CI = ['true', '1'].includes(String(process.env.CI).toLowerCase());
const HAVE_PDF = fs.existsSync(CHROMIUM) && fs.existsSync('/usr/bin/pdftoppm');
const OUT = path.join(os.tmpdir(), 'dkbm-reports', TEST_DRIVER);

describe(`reports on ${TEST_DRIVER}`, () => {
  let t: TestContext;
  let M: string;
  let admin: AddressedClient;
  let viewer: AddressedClient;
  let indicatorId: string;
  let draft: ReportDetail;
  let released: ReportDetail;
  const api = (p = '') => `/api/tenants/${M}/reports${p}`;
  const dataBlock = (r: ReportDetail): Block =>
    r.chapters.flatMap((c) => c.blocks).find((b) => b.kind === 'chart')!;

  /** A new report with a text block and a population chart in its first chapter. */
  async function reportWithChart(title: string): Promise<ReportDetail> {
    const res = await admin.post(api(), {
      title,
      period: '2026',
      dataCutoff: '2026-06-30',
      template: 'leitfaden',
    });
    expect(res.statusCode, res.body).toBe(201);
    const r: ReportDetail = res.json();
    const chapter = r.chapters[0]!.id;
    const text = await admin.post(api(`/${r.id}/chapters/${chapter}/blocks`), {
      kind: 'text',
      text: 'Der Anteil liegt bei 12 % (vgl. S. 4), "deutlich" höher.\n\n- erstens\n- zweitens',
    });
    expect(text.statusCode, text.body).toBe(200);
    const chart = await admin.post(api(`/${r.id}/chapters/${chapter}/blocks`), {
      kind: 'chart',
      indicatorId,
      view: 'areas',
      caption: 'Bevölkerung nach Stadtbezirk',
    });
    expect(chart.statusCode, chart.body).toBe(200);
    return chart.json();
  }

  beforeAll(async () => {
    t = await createTestApp({ config: { loginRateLimit: { max: 10_000, windowMs: 60_000 } } });
    M = await tenantIdBySlug(t, 'musterstadt');
    admin = await signInFresh(t, DEMO.admin.email, DEMO.admin.password);
    viewer = await signInFresh(t, DEMO.viewer.email, DEMO.viewer.password);
    const [ind] = await t.database.query<{ id: string }>(
      'SELECT id FROM indicators WHERE tenant_id = $1 AND code = $2',
      [M, DEMO_POPULATION_INDICATOR],
    );
    indicatorId = ind!.id;
    fs.mkdirSync(OUT, { recursive: true });
  });
  afterAll(async () => t?.close());

  it('the demo has a published report 2025 and a draft 2026; viewers see released reports only', async () => {
    const all: ReportSummary[] = (await admin.get(api())).json();
    expect(all.map((r) => [r.title, r.status])).toEqual(
      expect.arrayContaining([
        [DEMO_REPORT_2025, 'published'],
        [DEMO_REPORT_2026, 'draft'],
      ]),
    );
    const seen: ReportSummary[] = (await viewer.get(api())).json();
    expect(seen.map((r) => r.title)).toContain(DEMO_REPORT_2025);
    expect(seen.map((r) => r.title)).not.toContain(DEMO_REPORT_2026);
    const demo25 = all.find((r) => r.title === DEMO_REPORT_2025)!;
    // Day care has no age-group total: the table shows the first age group and says so, never nothing.
    const published: ReportDetail = (await admin.get(api(`/${demo25.id}`))).json();
    const table = published.chapters.flatMap((c) => c.blocks).find((b) => b.kind === 'table')!;
    expect(table.data!.cells.length).toBeGreaterThan(0);
    expect(table.data!.selection).toMatch(/^Altersgruppe: /);
    const draft26 = all.find((r) => r.title === DEMO_REPORT_2026)!;
    expectApiError(await viewer.get(api(`/${draft26.id}`)), 404, 'not_found');
    const demo: ReportDetail = (
      await viewer.get(api(`/${all.find((r) => r.title === DEMO_REPORT_2025)!.id}`))
    ).json();
    expect(demo.chapters.length).toBeGreaterThanOrEqual(3);
    expect(
      demo.chapters.flatMap((c) => c.blocks).filter((b) => b.kind === 'chart').length,
    ).toBeGreaterThanOrEqual(2);
  });

  it('a new report from the Leitfaden template has its eight chapters; a data block shows live public data', async () => {
    draft = await reportWithChart('Bildungsbericht Entwurf');
    expect(draft.chapters.map((c) => c.title)).toEqual([
      'Rahmenbedingungen',
      'Grundinformationen zu Bildung',
      'Frühkindliche Bildung',
      'Allgemeinbildende Schulen',
      'Berufliche Bildung',
      'Hochschule',
      'Weiterbildung',
      'Non-formale und informelle Lernwelten',
    ]);
    const b = dataBlock(draft);
    expect(b.data!.cells.length).toBe(12);
    expect(b.data!.indicatorCode).toBe(DEMO_POPULATION_INDICATOR);
    expect(b.newerData).toBe(false);
    expect(draft.chapters[0]!.updatedBy).toBeTruthy();
  });

  it('comments on a block and resolves them; viewers may not comment', async () => {
    const b = dataBlock(draft);
    const res = await admin.post(api(`/${draft.id}/comments`), {
      chapterId: b.chapterId,
      blockId: b.id,
      body: 'Bitte die Quelle prüfen',
    });
    expect(res.statusCode, res.body).toBe(200);
    const c = (res.json() as ReportDetail).comments.at(-1)!;
    expect(c).toMatchObject({ body: 'Bitte die Quelle prüfen', resolvedAt: null, blockId: b.id });
    const resolved = await admin.post(api(`/${draft.id}/comments/${c.id}/resolve`));
    expect((resolved.json() as ReportDetail).comments.at(-1)!.resolvedAt).not.toBeNull();
    expectApiError(
      await viewer.post(api(`/${draft.id}/comments`), { chapterId: b.chapterId, body: 'x' }),
      403,
      'forbidden',
    );
  });

  it('release freezes the data: newer data change the draft („neuere Daten“), never the released report', async () => {
    released = await reportWithChart('Bildungsbericht freigegeben');
    for (const status of ['review', 'approved']) {
      const res = await admin.post(api(`/${released.id}/status`), { status });
      expect(res.statusCode, res.body).toBe(200);
    }
    expectApiError(await admin.post(api(`/${released.id}/status`), { status: 'draft' }), 409, 'conflict');
    const before = dataBlock((await admin.get(api(`/${released.id}`))).json());
    const target = before.data!.cells[0]!;
    // „An import“: the first district's total of the latest period becomes 2 (below the threshold of 3).
    await t.database.query(
      `UPDATE observations o SET value = 2 FROM series s, areas a
        WHERE o.series_id = s.id AND a.id = o.area_id AND s.tenant_id = $1 AND s.indicator_id = $2
          AND s.dims->>'altersgruppe' = 'insgesamt' AND a.code = $3 AND o.period = $4::date`,
      [M, indicatorId, target.areaCode, target.period],
    );
    await t.database.query('UPDATE indicators SET data_version = data_version + 1 WHERE id = $1', [
      indicatorId,
    ]);

    const after: ReportDetail = (await admin.get(api(`/${released.id}`))).json();
    expect(dataBlock(after).data).toEqual(before.data);
    expect(dataBlock(after).newerData).toBe(false);
    const b = dataBlock(after);
    expectApiError(await admin.post(api(`/${released.id}/blocks/${b.id}/refresh`)), 409, 'conflict');
    expectApiError(await admin.patch(api(`/${released.id}`), { title: 'Neu' }), 409, 'conflict');

    const d = dataBlock((await admin.get(api(`/${draft.id}`))).json());
    expect(d.newerData).toBe(true);
    const refreshed = dataBlock((await admin.post(api(`/${draft.id}/blocks/${d.id}/refresh`))).json());
    expect(refreshed.newerData).toBe(false);
    // Disclosure control as in the public views: the small count is withheld, not shown.
    const cell = refreshed.data!.cells.find(
      (c) => c.areaCode === target.areaCode && c.period === target.period,
    )!;
    expect(cell).toMatchObject({ value: null, flag: '.' });
  });

  it('exports HTML with a chart and its table, DOCX with headings, table and image with alt text', async () => {
    const html = await admin.get(api(`/${draft.id}/export.html`));
    expect(html.statusCode).toBe(200);
    expect(html.body).toContain('<html lang="de">');
    expect(html.body).toContain('<svg');
    expect(html.body).toContain('Abbildung 1: Bevölkerung nach Stadtbezirk');
    expect(html.body).toContain('Tabelle zur Abbildung 1');
    expect(html.body).toContain('12\u00a0%');
    expect(html.body).toContain('S.\u00a04');
    expect(html.body).toContain('„deutlich“');
    expect(html.body).toMatch(/<td class="num">\.<\/td>/);
    const docx = await admin.get(api(`/${draft.id}/export.docx`));
    expect(docx.statusCode).toBe(200);
    const files = unzip(docx.rawPayload);
    const xml = files.get('word/document.xml')!.toString('utf8');
    expect(xml).toContain('w:val="Heading1"');
    expect(xml).toContain('<w:tbl>');
    expect(xml).toContain('Rahmenbedingungen');
    expect(xml).toMatch(/descr="Balkendiagramm: Bevölkerung nach Altersgruppen/);
    expect([...files.keys()].some((k) => k.startsWith('word/media/'))).toBe(true);
  });

  it.skipIf(!HAVE_PDF && !CI)('exports a tagged PDF whose page shows the chart', async () => {
    const res = await admin.get(api(`/${released.id}/export.pdf`));
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    const pdf = res.rawPayload;
    expect(pdf.includes('/StructTreeRoot')).toBe(true);
    expect(pdf.includes('/Lang (de)')).toBe(true);
    const file = path.join(OUT, 'bericht.pdf');
    fs.writeFileSync(file, pdf);
    // A PDF tool reads it as tagged, in German, with headings in its structure tree (screen readers use it).
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/^Tagged:\s+yes$/m);
    const structure = execFileSync('pdfinfo', ['-struct', file], { encoding: 'utf8' });
    expect(structure, structure.slice(0, 400)).toMatch(/^\s*H1\b/m);
    expect(structure).toMatch(/^\s*H2\b/m);
    expect(structure).toMatch(/^\s*Table\b/m);
    expect(structure).toMatch(/^\s*Figure\b/m);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Abbildung 1: Bevölkerung nach Stadtbezirk');
    expect(text).toContain('Quelle: Demodaten');
    expect(text).toMatch(/Seite 2 von \d+/);
    // The table of contents names the page of each chapter, as the footer counts it.
    const pages = text.split('\f');
    const tocPage = pages[1]!;
    const pageOf = (title: string) => Number(new RegExp(`${title}[ .]+(\\d+)\\s*$`, 'm').exec(tocPage)?.[1]);
    expect(pageOf('Rahmenbedingungen')).toBe(3);
    expect(pages[2]).toContain('1 Rahmenbedingungen');
    const last = 'Non-formale und informelle Lernwelten';
    expect(pages[pageOf(last) - 1]).toContain(`8 ${last}`);
    expect(pageOf(last)).toBeGreaterThan(pageOf('Rahmenbedingungen'));
    // Page 1 is the cover, page 2 the contents, page 3 the first chapter with the chart.
    execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '3', '-l', '3', file, path.join(OUT, 'seite')]);
    const png = decodePng(
      fs.readFileSync(
        path.join(
          OUT,
          fs.readdirSync(OUT).find((f) => /^seite-\d+\.png$/.test(f))!,
        ),
      ),
    );
    let blue = 0;
    for (let i = 0; i < png.width * png.height; i++) {
      const [r, , b] = [
        png.data[i * png.channels]!,
        png.data[i * png.channels + 1]!,
        png.data[i * png.channels + 2]!,
      ];
      if (b - r > 60) blue++;
    }
    expect(blue).toBeGreaterThan(400);
    expect(inkShare(png, [0.1, 0.3, 0.9, 0.7])).toBeGreaterThan(0.03);
  });

  it('publishes a released report on the public portal; drafts stay private', async () => {
    const pub = await admin.post(api(`/${released.id}/status`), { status: 'published' });
    expect(pub.statusCode, pub.body).toBe(200);
    const anon = t.client();
    const list = await anon.get('/kommune/musterstadt/berichte');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Bildungsbericht freigegeben');
    expect(list.body).toContain(DEMO_REPORT_2025);
    expect(list.body).not.toContain('Bildungsbericht Entwurf');
    const page = await anon.get(`/kommune/musterstadt/berichte/${released.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('href="#kapitel-1"');
    expect(page.body).toContain('<h2 id="kapitel-1">');
    expect((await anon.get(`/kommune/musterstadt/berichte/${draft.id}`)).statusCode).toBe(404);
    expect((await anon.get(`/kommune/beispielkreis/berichte/${released.id}`)).statusCode).toBe(404);
    const docx = await anon.get(`/kommune/musterstadt/berichte/${released.id}/bericht.docx`);
    expect(docx.statusCode).toBe(200);
  });
});
