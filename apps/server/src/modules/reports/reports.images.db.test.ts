import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Block, ReportDetail, ReportImage } from '@dkbm/contract';
import { createTestApp, DEMO, type TestContext } from '../../test/testApp';
import { TEST_DRIVER } from '../../test/testDb';
import {
  expectApiError,
  signInFresh,
  tenantIdBySlug,
  validationDetails,
  type AddressedClient,
} from '../../test/fixtures';
import { unzip } from '../assessment/testing';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CI = ['true', '1'].includes(String(process.env.CI).toLowerCase());
const HAVE_PDF = fs.existsSync(CHROMIUM) && fs.existsSync('/usr/bin/pdftotext');

/*
 * Image blocks through HTTP (issue 12): PNG or JPEG by content, at most 5 MB, stored per tenant in the
 * database; alt text and caption required; the image with its alt text in HTML, PDF and DOCX; frozen at
 * release; only readers of the report get the image.
 */

const ALT = 'Foto: Kinder spielen auf dem neuen Schulhof der Grundschule Nord';
const CAPTION = 'Der geöffnete Schulhof im Sommer 2025';

/** A real PNG (blue box on white) of the given size. */
function png(width: number, height: number): Buffer {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#fff"/><rect x="10%" y="10%" width="80%" height="80%" fill="#0b5394"/></svg>`;
  return Buffer.from(new Resvg(svg).render().asPng());
}

/** The header of a JPEG (start of image, JFIF, frame of 32 × 16 pixels, end of image). */
const JPEG = Buffer.from(
  ['ffd8ffe000104a46494600010100000100010000', 'ffc00011080010002003012200021101031101', 'ffd9'].join(''),
  'hex',
);

describe(`report image blocks on ${TEST_DRIVER}`, () => {
  let t: TestContext;
  let M: string;
  let admin: AddressedClient;
  let viewer: AddressedClient;
  let contributor: AddressedClient;
  let report: ReportDetail;
  let chapter: string;
  let image: ReportImage;
  const PICTURE = png(240, 120);
  const api = (p = '') => `/api/tenants/${M}/reports${p}`;
  const images = (r: ReportDetail): Block[] =>
    r.chapters.flatMap((c) => c.blocks).filter((b) => b.kind === 'image');

  beforeAll(async () => {
    t = await createTestApp({ config: { loginRateLimit: { max: 10_000, windowMs: 60_000 } } });
    M = await tenantIdBySlug(t, 'musterstadt');
    admin = await signInFresh(t, DEMO.admin.email, DEMO.admin.password);
    viewer = await signInFresh(t, DEMO.viewer.email, DEMO.viewer.password);
    contributor = await signInFresh(t, DEMO.contributor.email, DEMO.contributor.password);
    report = (
      await admin.post(api(), { title: 'Bericht mit Bild', period: '2025', template: 'empty' })
    ).json();
    report = (await admin.post(api(`/${report.id}/chapters`), { title: 'Lernorte' })).json();
    chapter = report.chapters[0]!.id;
  });
  afterAll(async () => t?.close());

  it('takes a PNG or a JPEG by its content and refuses anything else, and files over 5 MB', async () => {
    const up = await admin.upload(api(`/${report.id}/images`), 'schulhof.png', PICTURE);
    expect(up.statusCode, up.body).toBe(201);
    image = up.json();
    expect(image).toMatchObject({ mime: 'image/png', width: 240, height: 120, size: PICTURE.length });
    // The name does not decide: a JPEG called .png is a JPEG.
    const jpeg = await admin.upload(api(`/${report.id}/images`), 'foto.png', JPEG);
    expect(jpeg.statusCode, jpeg.body).toBe(201);
    expect(jpeg.json()).toMatchObject({ mime: 'image/jpeg', width: 32, height: 16 });
    // Text named .png, an SVG (may carry scripts) and a GIF are refused.
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>';
    for (const [name, bytes] of [
      ['bild.png', 'Das ist kein Bild.'],
      ['bild.svg', svg],
      ['bild.gif', Buffer.from('R0lGODlhAQABAAAAACw=', 'base64')],
    ] as const) {
      const res = await admin.upload(api(`/${report.id}/images`), name, bytes);
      expect(expectApiError(res, 415, 'unsupported_media_type').message).toContain('PNG oder JPEG');
    }
    const big = Buffer.concat([PICTURE, Buffer.alloc(5 * 1024 * 1024)]);
    expectApiError(await admin.upload(api(`/${report.id}/images`), 'gross.png', big), 413, 'too_large');
    // Nothing of the refused files was stored: the report has two images.
    const [n] = await t.database.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM report_images WHERE tenant_id = $1 AND report_id = $2',
      [M, report.id],
    );
    expect(n!.n).toBe(2);
  });

  it('an image block needs alt text and caption (German field names) and an image of this report', async () => {
    const add = (body: object) => admin.post(api(`/${report.id}/chapters/${chapter}/blocks`), body);
    const noAlt = expectApiError(
      await add({ kind: 'image', imageId: image.id, caption: CAPTION }),
      400,
      'validation',
    );
    expect(validationDetails(noAlt).map((d) => d.field)).toContain('body.alt');
    expect(noAlt.message).toContain('Alternativtext');
    const noCaption = expectApiError(
      await add({ kind: 'image', imageId: image.id, alt: ALT }),
      400,
      'validation',
    );
    expect(validationDetails(noCaption).map((d) => d.field)).toContain('body.caption');
    const blank = expectApiError(
      await add({ kind: 'image', imageId: image.id, alt: '   ', caption: CAPTION }),
      400,
      'validation',
    );
    expect(validationDetails(blank).map((d) => d.field)).toContain('body.alt');
    // An image of another report is 404 (as an unknown id).
    const other: ReportDetail = (
      await admin.post(api(), { title: 'Anderer Bericht', period: '2025', template: 'empty' })
    ).json();
    const foreign: ReportImage = (await admin.upload(api(`/${other.id}/images`), 'a.png', PICTURE)).json();
    expectApiError(
      await add({ kind: 'image', imageId: foreign.id, alt: ALT, caption: CAPTION }),
      404,
      'not_found',
    );

    const res = await add({ kind: 'image', imageId: image.id, alt: ALT, caption: CAPTION });
    expect(res.statusCode, res.body).toBe(200);
    report = res.json();
    expect(images(report)[0]).toMatchObject({
      imageId: image.id,
      text: ALT,
      caption: CAPTION,
      newerData: false,
    });
    // The caption cannot be emptied later.
    const b = images(report)[0]!;
    expectApiError(
      await admin.patch(api(`/${report.id}/blocks/${b.id}`), { caption: '' }),
      400,
      'bad_request',
    );
    // The alternative text can be improved later (never emptied); the export reads the new one.
    expectApiError(await admin.patch(api(`/${report.id}/blocks/${b.id}`), { alt: '  ' }), 400, 'validation');
    const better = 'Foto: Kinder spielen Fußball auf dem neuen Schulhof der Grundschule Nord';
    const changed = await admin.patch(api(`/${report.id}/blocks/${b.id}`), { alt: better, caption: CAPTION });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(images(changed.json())[0]).toMatchObject({ text: better, caption: CAPTION });
    expect((await admin.get(api(`/${report.id}/export.html`))).body).toContain(`alt="${better}"`);
    report = (await admin.patch(api(`/${report.id}/blocks/${b.id}`), { alt: ALT })).json();
    expect(images(report)[0]!.text).toBe(ALT);
    // The workbench shows the image through the API; a contributor without a chapter does not see the draft.
    const file = await admin.get(api(`/${report.id}/images/${image.id}`));
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.rawPayload.equals(PICTURE)).toBe(true);
    expectApiError(await contributor.get(api(`/${report.id}/images/${image.id}`)), 404, 'not_found');
    expectApiError(await viewer.get(api(`/${report.id}/images/${image.id}`)), 404, 'not_found');
    // An image id of another report is not served under this one.
    expectApiError(await admin.get(api(`/${report.id}/images/${foreign.id}`)), 404, 'not_found');
  });

  it('HTML and DOCX show the image with its alt text and the numbered caption', async () => {
    const html = await admin.get(api(`/${report.id}/export.html`));
    expect(html.statusCode).toBe(200);
    const img = /<img src="data:image\/png;base64,([^"]+)" alt="([^"]*)"/.exec(html.body);
    expect(img?.[2]).toBe(ALT);
    expect(Buffer.from(img![1]!, 'base64').equals(PICTURE)).toBe(true);
    expect(html.body).toContain(`Abbildung 1: ${CAPTION}`);

    const docx = await admin.get(api(`/${report.id}/export.docx`));
    expect(docx.statusCode).toBe(200);
    const files = unzip(docx.rawPayload);
    const xml = files.get('word/document.xml')!.toString('utf8');
    expect(xml).toContain(`descr="${ALT}"`);
    expect(xml).toContain(`Abbildung 1: ${CAPTION}`);
    const media = [...files.keys()].filter((k) => k.startsWith('word/media/'));
    expect(media.some((k) => files.get(k)!.equals(PICTURE))).toBe(true);
  });

  it.skipIf(!HAVE_PDF && !CI)(
    'the PDF holds the image at its size and the caption',
    async () => {
      const pdf = await admin.get(api(`/${report.id}/export.pdf`));
      expect(pdf.statusCode).toBe(200);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dkbm-report-image-'));
      fs.writeFileSync(path.join(dir, 'b.pdf'), pdf.rawPayload);
      // The PDF holds the picture as an image of its size, and the caption as text.
      const list = execFileSync('pdfimages', ['-list', path.join(dir, 'b.pdf')], { encoding: 'utf8' });
      expect(list).toMatch(/\s240\s+120\s/);
      const text = execFileSync('pdftotext', [path.join(dir, 'b.pdf'), '-'], { encoding: 'utf8' });
      expect(text).toContain(CAPTION);
      fs.rmSync(dir, { recursive: true, force: true });
    },
    60_000,
  );

  it('is frozen at release: no uploads, no changes; viewers and the public page see it with alt text', async () => {
    for (const status of ['review', 'approved'])
      expect((await admin.post(api(`/${report.id}/status`), { status })).statusCode).toBe(200);
    expectApiError(await admin.upload(api(`/${report.id}/images`), 'neu.png', PICTURE), 409, 'conflict');
    const b = images(report)[0]!;
    expectApiError(
      await admin.patch(api(`/${report.id}/blocks/${b.id}`), { caption: 'Neu' }),
      409,
      'conflict',
    );
    const seen = await viewer.get(api(`/${report.id}/images/${image.id}`));
    expect(seen.statusCode).toBe(200);
    expect(seen.rawPayload.equals(PICTURE)).toBe(true);
    // The viewer may read, never upload.
    expectApiError(await viewer.upload(api(`/${report.id}/images`), 'v.png', PICTURE), 403, 'forbidden');
    expect((await admin.post(api(`/${report.id}/status`), { status: 'published' })).statusCode).toBe(200);
    const page = await t.client().get(`/kommune/musterstadt/berichte/${report.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`alt="${ALT}"`);
    expect(page.body).toContain('src="data:image/png;base64,');
  });
});
