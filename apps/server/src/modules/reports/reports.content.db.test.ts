import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Block, ReportDetail, ReportRevision, RichDoc } from '@dkbm/contract';
import { createTestApp, DEMO, type TestContext } from '../../test/testApp';
import { TEST_DRIVER } from '../../test/testDb';
import { expectApiError, signInFresh, tenantIdBySlug, type AddressedClient } from '../../test/fixtures';
import { unzip } from '../assessment/testing';
import { DEMO_RATE_INDICATOR } from '../monitoring/demo.constants';
import { DEMO_REPORT_2025 } from './reports.demo';

/*
 * Rich text of text blocks through HTTP: links and footnotes are stored as a restricted ProseMirror
 * document and appear in the HTML output (links, numbered footnotes under the chapter) and in the DOCX
 * (hyperlinks, real Word footnotes); unsafe links are refused; plain text of the first slice still works.
 */

const DOC: RichDoc = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 3 }, content: [{ type: 'text', text: 'Ausgangslage' }] },
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Die Zahl der Kinder steigt ' },
        { type: 'text', text: 'deutlich', marks: [{ type: 'bold' }] },
        { type: 'text', text: ', so das ' },
        {
          type: 'text',
          text: 'Statistische Landesamt',
          marks: [{ type: 'link', attrs: { href: 'https://www.statistik.example/tabelle?id=1&x=2' } }],
        },
        { type: 'text', text: '.' },
        { type: 'footnote', attrs: { text: 'Fortschreibung des Bevölkerungsstandes, Stichtag 31.12.2024.' } },
      ],
    },
    {
      type: 'orderedList',
      content: [
        { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Erstens' }] }] },
        {
          type: 'listItem',
          content: [
            {
              type: 'paragraph',
              content: [
                { type: 'text', text: 'Zweitens' },
                { type: 'footnote', attrs: { text: 'Zweite Anmerkung.' } },
              ],
            },
          ],
        },
      ],
    },
  ],
};

describe(`rich text blocks on ${TEST_DRIVER}`, () => {
  let t: TestContext;
  let M: string;
  let admin: AddressedClient;
  let report: ReportDetail;
  let chapter: string;
  const api = (p = '') => `/api/tenants/${M}/reports${p}`;
  const texts = (r: ReportDetail): Block[] =>
    r.chapters.flatMap((c) => c.blocks).filter((b) => b.kind === 'text');

  beforeAll(async () => {
    t = await createTestApp({ config: { loginRateLimit: { max: 10_000, windowMs: 60_000 } } });
    M = await tenantIdBySlug(t, 'musterstadt');
    admin = await signInFresh(t, DEMO.admin.email, DEMO.admin.password);
    report = (
      await admin.post(api(), { title: 'Bericht mit Fußnoten', period: '2026', template: 'empty' })
    ).json();
    report = (await admin.post(api(`/${report.id}/chapters`), { title: 'Bevölkerung' })).json();
    chapter = report.chapters[0]!.id;
  });
  afterAll(async () => t?.close());

  it('stores a text block with heading, bold, link and footnotes; its plain form feeds the history', async () => {
    const res = await admin.post(api(`/${report.id}/chapters/${chapter}/blocks`), { kind: 'text', doc: DOC });
    expect(res.statusCode, res.body).toBe(200);
    report = res.json();
    const b = texts(report)[0]!;
    expect(b.doc).toEqual(DOC);
    expect(b.text).toContain('## Ausgangslage');
    expect(b.text).toContain('Statistische Landesamt (https://www.statistik.example/tabelle?id=1&x=2)');
    expect(b.text).toContain('[Fußnote: Zweite Anmerkung.]');
    expect(b.text).toContain('2. Zweitens');
  });

  it('refuses links other than http(s) and mailto, in German, naming the field', async () => {
    const evil = structuredClone(DOC);
    const p = evil.content[1]!;
    if (p.type !== 'paragraph') throw new Error('paragraph expected');
    p.content![3] = {
      type: 'text',
      text: 'hier',
      marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }],
    };
    const err = expectApiError(
      await admin.post(api(`/${report.id}/chapters/${chapter}/blocks`), { kind: 'text', doc: evil }),
      400,
      'validation',
    );
    expect(err.message).toContain('Linkadresse');
    expect(err.message).toContain('https://');
    // Unknown nodes (e.g. raw HTML or images pasted into the editor) are refused, not stored.
    expectApiError(
      await admin.post(api(`/${report.id}/chapters/${chapter}/blocks`), {
        kind: 'text',
        doc: { type: 'doc', content: [{ type: 'html', content: [{ type: 'text', text: '<script>' }] }] },
      }),
      400,
      'validation',
    );
  });

  it('renders links and numbered footnotes in the HTML output, escaped', async () => {
    const html = (await admin.get(api(`/${report.id}/export.html`))).body;
    expect(html).toContain('<h3>Ausgangslage</h3>');
    expect(html).toContain('<strong>deutlich</strong>');
    expect(html).toContain(
      '<a href="https://www.statistik.example/tabelle?id=1&amp;x=2">Statistische Landesamt</a>',
    );
    expect(html).toMatch(/<sup class="fnref"><a href="#fn-1" id="fnref-1">.*1<\/a><\/sup>/);
    expect(html).toMatch(/<sup class="fnref"><a href="#fn-2" id="fnref-2">/);
    expect(html).toMatch(
      /<li id="fn-1" value="1">Fortschreibung des Bevölkerungsstandes, Stichtag 31\.12\.2024\./,
    );
    expect(html).toContain('<h3 id="kapitel-1-fussnoten">Fußnoten</h3>');
    expect(html).toMatch(/<ol><li>Erstens<\/li><li>Zweitens<sup/);
  });

  it('writes real Word footnotes and hyperlinks into the DOCX', async () => {
    const docx = await admin.get(api(`/${report.id}/export.docx`));
    expect(docx.statusCode).toBe(200);
    const files = unzip(docx.rawPayload);
    const doc = files.get('word/document.xml')!.toString('utf8');
    const notes = files.get('word/footnotes.xml')?.toString('utf8') ?? '';
    const rels = files.get('word/_rels/document.xml.rels')!.toString('utf8');
    expect(doc.match(/<w:footnoteReference w:id="\d+"\/>/g)).toHaveLength(2);
    expect(notes).toContain('Fortschreibung des Bevölkerungsstandes, Stichtag 31.12.2024.');
    expect(notes).toContain('Zweite Anmerkung.');
    expect(doc).toContain('<w:hyperlink');
    expect(rels).toContain('Target="https://www.statistik.example/tabelle?id=1&amp;x=2"');
    expect(doc).toContain('w:val="Heading2"');
    expect(doc).toContain('<w:b/>');
  });

  it('an info box has a title and rich text; its footnotes continue the numbering', async () => {
    const res = await admin.post(api(`/${report.id}/chapters/${chapter}/blocks`), {
      kind: 'infobox',
      caption: 'Was ist eine "Betreuungsquote"?',
      doc: {
        type: 'doc',
        content: [
          {
            type: 'paragraph',
            content: [
              { type: 'text', text: 'Der Anteil der betreuten Kinder an allen Kindern der Altersgruppe.' },
              { type: 'footnote', attrs: { text: 'Definition nach dem Anwendungsleitfaden.' } },
            ],
          },
        ],
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    const box = (res.json() as ReportDetail).chapters[0]!.blocks.at(-1)!;
    expect(box).toMatchObject({ kind: 'infobox', caption: 'Was ist eine "Betreuungsquote"?' });
    expectApiError(
      await admin.post(api(`/${report.id}/chapters/${chapter}/blocks`), {
        kind: 'infobox',
        doc: { type: 'doc', content: [{ type: 'paragraph' }] },
      }),
      400,
      'validation',
    );
    const html = (await admin.get(api(`/${report.id}/export.html`))).body;
    expect(html).toContain(
      `<aside class="infobox" aria-labelledby="b-${box.id}"><h3 id="b-${box.id}">Was ist eine „Betreuungsquote“?</h3>`,
    );
    expect(html).toMatch(/<li id="fn-3" value="3">Definition nach dem Anwendungsleitfaden\./);
    const files = unzip((await admin.get(api(`/${report.id}/export.docx`))).rawPayload);
    const doc = files.get('word/document.xml')!.toString('utf8');
    expect(doc).toContain('w:fill="FDF6EC"');
    expect(doc.match(/<w:footnoteReference w:id="\d+"\/>/g)).toHaveLength(3);
    expect(files.get('word/footnotes.xml')!.toString('utf8')).toContain(
      'Definition nach dem Anwendungsleitfaden.',
    );
    // Remove it again: the next test counts the text blocks.
    report = (await admin.delete(api(`/${report.id}/blocks/${box.id}`))).json();
  });

  it('changes the rich text (conflict-checked); the history diffs the plain form; plain text is converted', async () => {
    const b = texts(report)[0]!;
    const doc = structuredClone(DOC);
    doc.content.push({ type: 'paragraph', content: [{ type: 'text', text: 'Neuer Absatz' }] });
    const res = await admin.patch(api(`/${report.id}/blocks/${b.id}`), { doc, baseUpdatedAt: b.updatedAt });
    expect(res.statusCode, res.body).toBe(200);
    report = res.json();
    expect(texts(report)[0]!.doc!.content).toHaveLength(4);
    expectApiError(
      await admin.patch(api(`/${report.id}/blocks/${b.id}`), { doc: DOC, baseUpdatedAt: b.updatedAt }),
      409,
      'conflict',
    );
    const history: ReportRevision[] = (
      await admin.get(api(`/${report.id}/chapters/${chapter}/history`))
    ).json();
    expect(history[0]!.after).toContain('Neuer Absatz');
    expect(history[0]!.before).not.toContain('Neuer Absatz');

    report = (
      await admin.post(api(`/${report.id}/chapters/${chapter}/blocks`), {
        kind: 'text',
        text: '## Zwischentitel\n\n- eins\n- zwei',
      })
    ).json();
    expect(texts(report)[1]!.doc).toEqual({
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 3 }, content: [{ type: 'text', text: 'Zwischentitel' }] },
        {
          type: 'bulletList',
          content: [
            { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'eins' }] }] },
            { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'zwei' }] }] },
          ],
        },
      ],
    });
  });
});

describe(`map blocks on ${TEST_DRIVER}`, () => {
  let t: TestContext;
  let M: string;
  let admin: AddressedClient;
  let viewer: AddressedClient;
  const api = (p = '') => `/api/tenants/${M}/reports${p}`;

  beforeAll(async () => {
    t = await createTestApp({ config: { loginRateLimit: { max: 10_000, windowMs: 60_000 } } });
    M = await tenantIdBySlug(t, 'musterstadt');
    admin = await signInFresh(t, DEMO.admin.email, DEMO.admin.password);
    viewer = await signInFresh(t, DEMO.viewer.email, DEMO.viewer.password);
  });
  afterAll(async () => t?.close());

  it('a map block keeps the boundaries with the public values; HTML, DOCX and the preview show the choropleth', async () => {
    const [ind] = await t.database.query<{ id: string }>(
      'SELECT id FROM indicators WHERE tenant_id = $1 AND code = $2',
      [M, DEMO_RATE_INDICATOR],
    );
    let report: ReportDetail = (
      await admin.post(api(), { title: 'Bericht mit Karte', period: '2026', template: 'empty' })
    ).json();
    report = (await admin.post(api(`/${report.id}/chapters`), { title: 'Frühkindliche Bildung' })).json();
    const res = await admin.post(api(`/${report.id}/chapters/${report.chapters[0]!.id}/blocks`), {
      kind: 'map',
      indicatorId: ind!.id,
      caption: 'Betreuungsquote nach Bezirk',
    });
    expect(res.statusCode, res.body).toBe(200);
    report = res.json();
    const map = report.chapters[0]!.blocks[0]!;
    expect(map.view).toBe('areas');
    const shapes = map.data!.map!.shapes;
    expect(shapes.length).toBeGreaterThan(2);
    expect(shapes.every((x) => /^M[\d.]+,[\d.]+L/.test(x.d))).toBe(true);
    // Every mapped area has a value (or a withheld flag) of the latest period in the table.
    const codes = new Set(map.data!.cells.map((c) => c.areaCode));
    expect(shapes.every((x) => codes.has(x.areaCode))).toBe(true);

    const html = (await admin.get(api(`/${report.id}/export.html`))).body;
    expect(html).toMatch(/role="img" aria-label="Karte: [^"]+ nach Gebiet, [\d.]+ \(dunkler = höher\)/);
    expect(html).toContain('Abbildung 1: Betreuungsquote nach Bezirk');
    expect(html).toContain('Tabelle zur Abbildung 1');
    expect((html.match(/<path d="M/g) ?? []).length).toBe(shapes.length);
    expect(html).toMatch(/fill="#(eff3ff|bdd7e7|6baed6|3182bd|08519c)"/);
    const docx = unzip((await admin.get(api(`/${report.id}/export.docx`))).rawPayload);
    expect(docx.get('word/document.xml')!.toString('utf8')).toMatch(/descr="Karte: /);
    const svg = await admin.get(api(`/${report.id}/blocks/${map.id}/chart.svg`));
    expect(svg.statusCode).toBe(200);
    expect(svg.headers['content-type']).toContain('image/svg+xml');
    expect(svg.body).toContain('<path d="M');

    // The demo's published report has a map; viewers read it.
    const list = (await viewer.get(api())).json() as Array<{ id: string; title: string }>;
    const demo: ReportDetail = (
      await viewer.get(api(`/${list.find((r) => r.title === DEMO_REPORT_2025)!.id}`))
    ).json();
    expect(demo.chapters.flatMap((c) => c.blocks).some((b) => b.kind === 'map' && b.data?.map)).toBe(true);
  });
});
