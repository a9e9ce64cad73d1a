import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeetingSummary } from '@dkbm/contract';
import { createTestApp, DEMO, type TestContext, type TestClient } from '../../test/testApp';
import { TEST_DRIVER } from '../../test/testDb';
import { tenantIdBySlug } from '../../test/fixtures';
import { chromiumPath } from '../../platform/pdf';
import { unzip } from '../assessment/testing';
import { DEMO_UPCOMING_MEETING } from './network.demo';

const CI = ['true', '1'].includes(String(process.env.CI).toLowerCase());
const HAVE_PDF = fs.existsSync(chromiumPath()) && fs.existsSync('/usr/bin/pdftotext');
const OUT = path.join(os.tmpdir(), 'dkbm-network-papers', TEST_DRIVER);

/** Invitation and minutes of a meeting as DOCX and PDF (read right, so every member of the municipality). */
describe(`meeting papers on ${TEST_DRIVER}`, () => {
  let t: TestContext;
  let viewer: TestClient;
  let base: string;
  let upcoming: MeetingSummary;
  let approved: MeetingSummary;

  const docxText = (bytes: Buffer) =>
    unzip(bytes)
      .get('word/document.xml')!
      .toString('utf8')
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ');

  beforeAll(async () => {
    t = await createTestApp();
    const M = await tenantIdBySlug(t, 'musterstadt');
    base = `/api/tenants/${M}/network`;
    viewer = await t.signIn(DEMO.viewer.email, DEMO.viewer.password);
    const meetings = (await viewer.get(`${base}/meetings`)).json() as MeetingSummary[];
    upcoming = meetings.find((m) => m.title === DEMO_UPCOMING_MEETING)!;
    approved = meetings.find((m) => m.minutesApprovedAt)!;
  });
  afterAll(async () => t?.close());

  it('the invitation as DOCX: date, place, online link, invited members, agenda with live data', async () => {
    const res = await viewer.get(`${base}/meetings/${upcoming.id}/invitation.docx`);
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    expect(res.headers['content-disposition']).toMatch(
      /Einladung_Steuerungsgruppe_Bildung_\d{4}-\d{2}-\d{2}\.docx/,
    );
    const text = docxText(res.rawPayload);
    expect(text).toContain(`Einladung: Steuerungsgruppe Bildung – ${DEMO_UPCOMING_MEETING}`);
    expect(text).toContain('online: https://video.musterstadt.example/steuerungsgruppe');
    expect(text).toContain('Jugendamt');
    expect(text).toContain('TOP 1: Entwicklung der Betreuungsquote U3');
    expect(text).toContain('Live-Daten aus dem Monitoring');
    // German number format in the live data table.
    expect(text).toMatch(/\b\d{1,3},\d\b/);
    expect(text).not.toContain('Protokoll:');
  });

  it('the approved minutes as DOCX: attendance, minutes per item, decisions, frozen values', async () => {
    const res = await viewer.get(`${base}/meetings/${approved.id}/minutes.docx`);
    expect(res.statusCode).toBe(200);
    const text = docxText(res.rawPayload);
    expect(text).toContain('Protokoll: Steuerungsgruppe Bildung – 1. Sitzung der Steuerungsgruppe');
    expect(text).toMatch(/Genehmigt am \d{2}\.\d{2}\.\d{4}/);
    expect(text).toContain('Anwesend: ');
    expect(text).toContain('Eingefrorene Werte');
    expect(text).toContain('Beschluss (angenommen): Die Empfehlung wird angenommen');
    const draft = docxText((await viewer.get(`${base}/meetings/${upcoming.id}/minutes.docx`)).rawPayload);
    expect(draft).toContain('ENTWURF – das Protokoll ist noch nicht genehmigt.');
  });

  it.skipIf(!HAVE_PDF && !CI)('invitation and minutes as tagged PDF', async () => {
    fs.mkdirSync(OUT, { recursive: true });
    for (const [id, paper, expected] of [
      [upcoming.id, 'invitation', 'Einladung: Steuerungsgruppe Bildung'],
      [approved.id, 'minutes', 'Beschluss (angenommen)'],
    ] as const) {
      const res = await viewer.get(`${base}/meetings/${id}/${paper}.pdf`);
      expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
      const pdf = res.rawPayload;
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdf.includes('/StructTreeRoot')).toBe(true);
      const file = path.join(OUT, `${paper}.pdf`);
      fs.writeFileSync(file, pdf);
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      expect(text).toContain(expected);
      expect(text).toContain('Seite 1 von');
    }
  });
});
