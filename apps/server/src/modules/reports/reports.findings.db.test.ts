import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Block, Finding, FindingRef, ReportDetail } from '@dkbm/contract';
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
import { DEMO_POPULATION_INDICATOR } from '../monitoring/demo.constants';

/*
 * Finding blocks (Befund, issue 12) through HTTP: a finding of the steering module with its statement and
 * the values it cites — re-read from the monitoring's public view, so a small count the finding holds
 * internally is withheld in every output, exactly as on the portal; frozen at release.
 */

const STATEMENT = 'Im Bezirk mit den wenigsten Einwohnern leben kaum Kinder';

describe(`report finding blocks on ${TEST_DRIVER}`, () => {
  let t: TestContext;
  let M: string;
  let B: string;
  let admin: AddressedClient;
  let population: string;
  let small: { id: string; name: string };
  let other: { id: string; name: string };
  let period: string;
  let findingId: string;
  let lastReport: ReportDetail;
  const api = (p = '') => `/api/tenants/${M}/reports${p}`;
  const findingBlock = (r: ReportDetail): Block =>
    r.chapters.flatMap((c) => c.blocks).find((b) => b.kind === 'finding')!;

  /** A report with one chapter holding a finding block. */
  async function reportWithFinding(title: string): Promise<ReportDetail> {
    let r: ReportDetail = (await admin.post(api(), { title, period: '2025', template: 'empty' })).json();
    r = (await admin.post(api(`/${r.id}/chapters`), { title: 'Befunde' })).json();
    const res = await admin.post(api(`/${r.id}/chapters/${r.chapters[0]!.id}/blocks`), {
      kind: 'finding',
      findingId,
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  }

  /** Sets the total of an area in the finding's period (as an import would) and raises the data version. */
  async function setTotal(areaId: string, value: number) {
    await t.database.query(
      `UPDATE observations o SET value = $4 FROM series s
        WHERE o.series_id = s.id AND s.tenant_id = $1 AND s.indicator_id = $2
          AND s.dims->>'altersgruppe' = 'insgesamt' AND o.area_id = $3 AND o.period = $5::date`,
      [M, population, areaId, value, period],
    );
    await t.database.query('UPDATE indicators SET data_version = data_version + 1 WHERE id = $1', [
      population,
    ]);
  }

  beforeAll(async () => {
    t = await createTestApp({ config: { loginRateLimit: { max: 10_000, windowMs: 60_000 } } });
    M = await tenantIdBySlug(t, 'musterstadt');
    B = await tenantIdBySlug(t, 'beispielkreis');
    admin = await signInFresh(t, DEMO.admin.email, DEMO.admin.password);
    const [ind] = await t.database.query<{ id: string }>(
      'SELECT id FROM indicators WHERE tenant_id = $1 AND code = $2',
      [M, DEMO_POPULATION_INDICATOR],
    );
    population = ind!.id;
    const areas = await t.database.query<{ id: string; name: string }>(
      `SELECT id, name FROM areas WHERE tenant_id = $1 AND level = 'stadtbezirk' ORDER BY code LIMIT 2`,
      [M],
    );
    small = areas[0]!;
    other = areas[1]!;
    const [p] = await t.database.query<{ period: string }>(
      `SELECT to_char(max(o.period), 'YYYY-MM-DD') AS period FROM observations o JOIN series s ON s.id = o.series_id
        WHERE s.tenant_id = $1 AND s.indicator_id = $2`,
      [M, population],
    );
    period = p!.period;
    // A small count (below the threshold of 3) that the internal view shows and the public one withholds.
    await setTotal(small.id, 2);
  });
  afterAll(async () => t?.close());

  it('a finding holds the internal value; its block in a report shows the public view (small count withheld)', async () => {
    const created = await admin.post(`/api/tenants/${M}/steering/findings`, {
      statement: STATEMENT,
      indicatorId: population,
      areaIds: [small.id, other.id],
      period,
      dims: { altersgruppe: 'insgesamt' },
    });
    expect(created.statusCode, created.body).toBe(201);
    findingId = created.json().id;
    const findings: Finding[] = (await admin.get(`/api/tenants/${M}/steering/findings`)).json();
    const internal = findings.find((f) => f.id === findingId)!;
    expect(internal.values.find((v) => v.areaId === small.id)!.value).toBe('2');

    const report = await reportWithFinding('Bericht mit Befund');
    const ref = findingBlock(report).ref as FindingRef;
    expect(ref).toMatchObject({ kind: 'finding', id: findingId, statement: STATEMENT, period });
    expect(ref.values.find((v) => v.areaName === small.name)).toEqual({
      areaName: small.name,
      value: null,
      flag: '.',
    });
    expect(ref.values.find((v) => v.areaName === other.name)!.value).not.toBeNull();
    expect(JSON.stringify(ref)).not.toContain('"2"');
  });

  it('a finding block needs a finding of the own tenant', async () => {
    const r: ReportDetail = (
      await admin.post(api(), { title: 'Bericht ohne Befund', period: '2025', template: 'empty' })
    ).json();
    const withChapter: ReportDetail = (
      await admin.post(api(`/${r.id}/chapters`), { title: 'Befunde' })
    ).json();
    const url = api(`/${r.id}/chapters/${withChapter.chapters[0]!.id}/blocks`);
    const missing = expectApiError(await admin.post(url, { kind: 'finding' }), 400, 'validation');
    expect(validationDetails(missing).map((d) => d.field)).toContain('body.findingId');
    expect(missing.message).toContain('Befund');
    // Another tenant's finding is unknown here.
    const [foreignFinding] = await t.database.query<{ id: string }>(
      `INSERT INTO steering_findings (tenant_id, statement, indicator_id, period, dims, snapshot)
       VALUES ($1, 'Fremder Befund', gen_random_uuid(), '2024-12-31', '{}', '{"indicator":"x","unit":null,"values":[]}') RETURNING id`,
      [B],
    );
    expectApiError(
      await admin.post(url, { kind: 'finding', findingId: foreignFinding!.id }),
      404,
      'not_found',
    );
  });

  it('HTML and DOCX show the statement and the public values („.“ for the withheld one)', async () => {
    const report = await reportWithFinding('Bericht mit Befund in allen Ausgaben');
    lastReport = report;
    const html = await admin.get(api(`/${report.id}/export.html`));
    expect(html.statusCode).toBe(200);
    expect(html.body).toContain(`Befund: ${STATEMENT}`);
    expect(html.body).toContain(`<th scope="row">${small.name}</th><td class="num">.</td>`);
    const docx = await admin.get(api(`/${report.id}/export.docx`));
    const xml = unzip(docx.rawPayload).get('word/document.xml')!.toString('utf8');
    expect(xml).toContain(`Befund: ${STATEMENT}`);
    expect(xml).toContain('<w:tbl>');
  });

  it.skipIf(!HAVE_PDF && !CI)(
    'the PDF shows the statement and the areas of the finding',
    async () => {
      const report = lastReport;
      const pdf = await admin.get(api(`/${report.id}/export.pdf`));
      expect(pdf.statusCode).toBe(200);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dkbm-report-finding-'));
      fs.writeFileSync(path.join(dir, 'b.pdf'), pdf.rawPayload);
      const text = execFileSync('pdftotext', [path.join(dir, 'b.pdf'), '-'], { encoding: 'utf8' });
      fs.rmSync(dir, { recursive: true, force: true });
      expect(text).toContain(STATEMENT);
      expect(text).toContain(small.name);
    },
    60_000,
  );

  it('is frozen at release; a draft shows „neuere Daten“ and takes them on refresh', async () => {
    const released = await reportWithFinding('Befund freigegeben');
    for (const status of ['review', 'approved'])
      expect((await admin.post(api(`/${released.id}/status`), { status })).statusCode).toBe(200);
    const draft = await reportWithFinding('Befund im Entwurf');
    const before = findingBlock((await admin.get(api(`/${released.id}`))).json()).ref as FindingRef;

    // Newer data: the other area's value changes.
    await setTotal(other.id, 777_777);
    const after = findingBlock((await admin.get(api(`/${released.id}`))).json());
    expect(after.ref).toEqual(before);
    expect(after.newerData).toBe(false);
    expectApiError(await admin.post(api(`/${released.id}/blocks/${after.id}/refresh`)), 409, 'conflict');

    const d = findingBlock((await admin.get(api(`/${draft.id}`))).json());
    expect(d.newerData).toBe(true);
    const refreshed = findingBlock((await admin.post(api(`/${draft.id}/blocks/${d.id}/refresh`))).json());
    expect(refreshed.newerData).toBe(false);
    const ref = refreshed.ref as FindingRef;
    expect(ref.values.find((v) => v.areaName === other.name)!.value).toBe('777777');
    // Still withheld after the refresh.
    expect(ref.values.find((v) => v.areaName === small.name)!.value).toBeNull();
  });
});
