import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Block, ReportDetail } from '@dkbm/contract';
import { createTestApp, DEMO, type TestContext } from '../../test/testApp';
import { TEST_DRIVER } from '../../test/testDb';
import { expectApiError, signInFresh, tenantIdBySlug, type AddressedClient } from '../../test/fixtures';
import { unzip } from '../assessment/testing';
import { DEMO_POPULATION_INDICATOR } from '../monitoring/demo.constants';

/*
 * Reference values (Vergleichswerte) in chart blocks through HTTP: the editor chooses reference areas, the
 * block takes their public series (disclosure control as on the public indicator page), the outputs draw
 * and tabulate them, release freezes them; another municipality's area is 404.
 */

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CI = ['true', '1'].includes(String(process.env.CI).toLowerCase());
const HAVE_PDF = fs.existsSync(CHROMIUM) && fs.existsSync('/usr/bin/pdftotext');
const OUT = path.join(os.tmpdir(), 'dkbm-reports-references', TEST_DRIVER);

describe(`chart blocks with reference values on ${TEST_DRIVER}`, () => {
  let t: TestContext;
  let M: string;
  let B: string;
  let admin: AddressedClient;
  let population: string;
  let city: { id: string; name: string };
  let district: { id: string; code: string };
  let report: ReportDetail;
  let chapter: string;
  const api = (p = '') => `/api/tenants/${M}/reports${p}`;
  const chart = (r: ReportDetail): Block =>
    r.chapters.flatMap((c) => c.blocks).find((b) => b.kind === 'chart')!;
  /** The monitoring's public reference series of the city (the parent of a district), as the portal reads it. */
  const publicReference = async () => {
    const res = await admin.get(
      `/api/tenants/${M}/indicators/${population}/references?area=${district.id}&view=public&dims=altersgruppe:insgesamt`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const refs = res.json() as Array<{
      areaId: string;
      points: Array<{ period: string; value: string | null }>;
    }>;
    return refs.find((r) => r.areaId === city.id)!;
  };

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
    const [c] = await t.database.query<{ id: string; name: string }>(
      `SELECT id, name FROM areas WHERE tenant_id = $1 AND level = 'gemeinde'`,
      [M],
    );
    city = c!;
    const [d] = await t.database.query<{ id: string; code: string }>(
      `SELECT id, code FROM areas WHERE tenant_id = $1 AND parent_id = $2 ORDER BY code LIMIT 1`,
      [M, city.id],
    );
    district = d!;
    report = (
      await admin.post(api(), { title: 'Bericht mit Vergleichswerten', period: '2026', template: 'empty' })
    ).json();
    report = (await admin.post(api(`/${report.id}/chapters`), { title: 'Bevölkerung' })).json();
    chapter = report.chapters[0]!.id;
    fs.mkdirSync(OUT, { recursive: true });
  });
  afterAll(async () => t?.close());

  it('a chart block takes the chosen reference area’s public series for its periods', async () => {
    const res = await admin.post(api(`/${report.id}/chapters/${chapter}/blocks`), {
      kind: 'chart',
      indicatorId: population,
      view: 'series',
      referenceAreaIds: [city.id],
    });
    expect(res.statusCode, res.body).toBe(200);
    report = res.json();
    const b = chart(report);
    const refs = b.data!.references!;
    expect(refs.map((r) => [r.areaId, r.areaName])).toEqual([[city.id, city.name]]);
    const periods = [...new Set(b.data!.cells.map((c) => c.period))];
    expect(refs[0]!.points.length).toBeGreaterThan(0);
    expect(refs[0]!.points.every((p) => periods.includes(p.period))).toBe(true);
    // Exactly what the public monitoring shows for the city.
    const pub = await publicReference();
    for (const p of refs[0]!.points)
      expect(p.value).toBe(pub.points.find((x) => x.period === p.period)!.value);
  });

  it('another municipality’s area is 404, reference areas on other blocks 400', async () => {
    const [foreign] = await t.database.query<{ id: string }>(
      `INSERT INTO areas (tenant_id, level, code, name) VALUES ($1, 'gemeinde', '88000000', 'Fremdstadt')
        RETURNING id`,
      [B],
    );
    expectApiError(
      await admin.post(api(`/${report.id}/chapters/${chapter}/blocks`), {
        kind: 'chart',
        indicatorId: population,
        referenceAreaIds: [foreign!.id],
      }),
      404,
      'not_found',
    );
    const b = chart(report);
    expectApiError(
      await admin.patch(api(`/${report.id}/blocks/${b.id}`), { referenceAreaIds: [foreign!.id] }),
      404,
      'not_found',
    );
    expectApiError(
      await admin.post(api(`/${report.id}/chapters/${chapter}/blocks`), {
        kind: 'table',
        indicatorId: population,
        referenceAreaIds: [city.id],
      }),
      400,
      'bad_request',
    );
  });

  it('disclosure control applies to reference values: a withheld part withholds the reference', async () => {
    const b = chart(report);
    const latest = b.data!.references![0]!.points.at(-1)!;
    expect(latest.value).not.toBeNull();
    // A small count in one district: the city's sum would reveal it.
    await t.database.query(
      `UPDATE observations o SET value = 2 FROM series s
        WHERE o.series_id = s.id AND s.tenant_id = $1 AND s.indicator_id = $2
          AND s.dims->>'altersgruppe' = 'insgesamt' AND o.area_id = $3 AND o.period = $4::date`,
      [M, population, district.id, latest.period],
    );
    await t.database.query('UPDATE indicators SET data_version = data_version + 1 WHERE id = $1', [
      population,
    ]);
    const res = await admin.post(api(`/${report.id}/blocks/${b.id}/refresh`));
    expect(res.statusCode, res.body).toBe(200);
    report = res.json();
    const ref = chart(report).data!.references![0]!;
    expect(ref.areaId).toBe(city.id);
    const now = ref.points.find((p) => p.period === latest.period)!;
    const pub = (await publicReference()).points.find((p) => p.period === latest.period)!;
    expect(now.value).toBe(pub.value);
    expect(now).toMatchObject({ value: null, flag: '.' });
  });

  it('HTML and DOCX draw the reference line and list its values in the table', async () => {
    const html = (await admin.get(api(`/${report.id}/export.html`))).body;
    expect(html).toContain(`${city.name} (Vergleichswert)`);
    expect(html).toMatch(
      new RegExp(`<th scope="row">${city.name} \\(Vergleichswert\\)</th>(<td class="num">[^<]*</td>)+`),
    );
    expect(html).toContain('stroke-dasharray');
    expect(html).toContain(`verglichen mit ${city.name}`);
    const docx = await admin.get(api(`/${report.id}/export.docx`));
    expect(docx.statusCode).toBe(200);
    const xml = unzip(docx.rawPayload).get('word/document.xml')!.toString('utf8');
    expect(xml).toContain(`${city.name} (Vergleichswert)`);
    expect(xml).toContain(`verglichen mit ${city.name}`);
  });

  it('reference areas can be changed before release and are frozen with it', async () => {
    const b = chart(report);
    let res = await admin.patch(api(`/${report.id}/blocks/${b.id}`), { referenceAreaIds: [] });
    expect(res.statusCode, res.body).toBe(200);
    expect(chart(res.json()).data!.references ?? []).toEqual([]);
    res = await admin.patch(api(`/${report.id}/blocks/${b.id}`), { referenceAreaIds: [city.id] });
    expect(chart(res.json()).data!.references).toHaveLength(1);
    for (const s of ['review', 'approved']) {
      const st = await admin.post(api(`/${report.id}/status`), { status: s });
      expect(st.statusCode, st.body).toBe(200);
    }
    const before = chart((await admin.get(api(`/${report.id}`))).json()).data!.references;
    await t.database.query(
      `UPDATE observations o SET value = value + 1000 FROM series s
        WHERE o.series_id = s.id AND s.tenant_id = $1 AND s.indicator_id = $2`,
      [M, population],
    );
    await t.database.query('UPDATE indicators SET data_version = data_version + 1 WHERE id = $1', [
      population,
    ]);
    const after = chart((await admin.get(api(`/${report.id}`))).json());
    expect(after.data!.references).toEqual(before);
    expectApiError(
      await admin.patch(api(`/${report.id}/blocks/${b.id}`), { referenceAreaIds: [] }),
      409,
      'conflict',
    );
  });

  it.skipIf(!HAVE_PDF && !CI)('the PDF shows the reference values in the figure’s table', async () => {
    const res = await admin.get(api(`/${report.id}/export.pdf`));
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    const file = path.join(OUT, 'vergleich.pdf');
    fs.writeFileSync(file, res.rawPayload);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain(`${city.name} (Vergleichswert)`);
  });
});
