import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyFigureCells, type ReportDetail } from '@dkbm/contract';
import { createTestApp, DEMO, type TestContext } from '../../test/testApp';
import { TEST_DRIVER } from '../../test/testDb';
import { expectApiError, signInFresh, tenantIdBySlug, type AddressedClient } from '../../test/fixtures';
import { DEMO_POPULATION_INDICATOR, DEMO_RATE_INDICATOR } from '../monitoring/demo.constants';

/*
 * Report formats from the same blocks: a Themenbericht, a Sozialraumprofil for one area and a Datenblatt
 * each create their chapters with data blocks of the chosen indicators (public snapshots as always).
 */

describe(`report templates on ${TEST_DRIVER}`, () => {
  let t: TestContext;
  let M: string;
  let editor: AddressedClient;
  let rate: string;
  let population: string;
  const api = (p = '') => `/api/tenants/${M}/reports${p}`;
  const shape = (r: ReportDetail) => r.chapters.map((c) => [c.title, c.blocks.map((b) => b.kind)]);

  beforeAll(async () => {
    t = await createTestApp({ config: { loginRateLimit: { max: 10_000, windowMs: 60_000 } } });
    M = await tenantIdBySlug(t, 'musterstadt');
    editor = await signInFresh(t, DEMO.editor.email, DEMO.editor.password);
    const id = async (code: string) =>
      (
        await t.database.query<{ id: string }>(
          'SELECT id FROM indicators WHERE tenant_id = $1 AND code = $2',
          [M, code],
        )
      )[0]!.id;
    rate = await id(DEMO_RATE_INDICATOR);
    population = await id(DEMO_POPULATION_INDICATOR);
  });
  afterAll(async () => t?.close());

  const create = (body: object) => editor.post(api(), { title: 'Vorlage', period: '2026', ...body });

  it('a Datenblatt has one chapter with a key figure and a table per indicator', async () => {
    const res = await create({ template: 'datasheet', indicatorIds: [rate, population] });
    expect(res.statusCode, res.body).toBe(201);
    const r: ReportDetail = res.json();
    expect(shape(r)).toEqual([['Daten', ['keyfigure', 'table', 'keyfigure', 'table']]]);
    expect(r.chapters[0]!.blocks.map((b) => b.indicatorId)).toEqual([rate, rate, population, population]);
    expect(r.chapters[0]!.blocks.every((b) => !!b.data?.cells.length)).toBe(true);
  });

  it('a Themenbericht has introduction, findings with a chart per indicator and recommendations', async () => {
    const r: ReportDetail = (await create({ template: 'topic', indicatorIds: [rate] })).json();
    expect(shape(r)).toEqual([
      ['Einleitung', []],
      ['Befunde', ['chart']],
      ['Handlungsempfehlungen', []],
    ]);
    expect(r.chapters[1]!.blocks[0]!.view).toBe('series');
  });

  it('a Sozialraumprofil shows the chosen area: key figures, development and a map', async () => {
    const sheet: ReportDetail = (await create({ template: 'datasheet', indicatorIds: [rate] })).json();
    const data = sheet.chapters[0]!.blocks[0]!.data!;
    const areaCode = [...new Set(data.cells.map((c) => c.areaCode))]
      .toSorted()
      .findLast((a) => keyFigureCells(data, a)?.now.value != null)!;
    const res = await create({ template: 'area_profile', indicatorIds: [rate], areaCode });
    expect(res.statusCode, res.body).toBe(201);
    const r: ReportDetail = res.json();
    expect(shape(r)).toEqual([
      ['Kennzahlen', ['keyfigure']],
      ['Entwicklung', ['chart']],
      ['Lage im Vergleich der Gebiete', ['map']],
    ]);
    expect(r.chapters[0]!.blocks[0]!.areaCode).toBe(areaCode);
    expect(r.chapters[2]!.blocks[0]!.data!.map!.shapes.length).toBeGreaterThan(1);
  });

  it('refuses a profile without area or indicators, and an area without values', async () => {
    expectApiError(await create({ template: 'area_profile', indicatorIds: [rate] }), 400, 'validation');
    expectApiError(await create({ template: 'datasheet', indicatorIds: [] }), 400, 'validation');
    const bad = expectApiError(
      await create({ template: 'area_profile', indicatorIds: [rate], areaCode: 'kein-gebiet' }),
      400,
      'bad_request',
    );
    expect(bad.message).toContain('keine Werte');
    // Nothing half-made stays behind.
    const titles = ((await editor.get(api())).json() as ReportDetail[]).filter((x) => x.title === 'Vorlage');
    expect(titles).toHaveLength(4);
  });
});
