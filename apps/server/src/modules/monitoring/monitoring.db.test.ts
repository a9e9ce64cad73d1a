import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import type { Indicator, IndicatorDetail, ObservationsResponse } from '@dkbm/contract';
import { intruderVerdict, trueRelations } from '@dkbm/domain/sdc-testing';
import { createTestApp, DEMO, type TestClient, type TestContext } from '../../test/testApp';
import { TEST_DRIVER } from '../../test/testDb';
import {
  DEMO_CATALOGUE_INDICATORS,
  DEMO_DAYCARE_INDICATOR,
  DEMO_POPULATION_INDICATOR,
  DEMO_RATE_INDICATOR,
  DEMO_SINGLE_AGE_INDICATOR,
} from './demo.constants';

/** Half-up rounding of a non-negative rational a/b to one decimal, in integers (independent of the code under test). */
function rateHalfUp1(num: bigint, den: bigint): string {
  const tenths = (num * 10000n + den * 5n) / (den * 10n); // (num/den*100) * 10, rounded half up
  return `${tenths / 10n}.${tenths % 10n}`;
}

describe(`monitoring API on ${TEST_DRIVER}`, () => {
  let t: TestContext;
  let admin: TestClient;
  let viewer: TestClient;
  let M: string;
  let catalogue: Indicator[];
  const byCode = (code: string) => catalogue.find((i) => i.code === code)!;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.signIn(DEMO.admin.email, DEMO.admin.password);
    viewer = await t.signIn(DEMO.viewer.email, DEMO.viewer.password);
    M = (await admin.session()).memberships.find((m) => m.slug === 'musterstadt')!.tenantId;
    const res = await admin.get(`/api/tenants/${M}/indicators`);
    expect(res.statusCode, res.body).toBe(200);
    catalogue = res.json();
  });
  afterAll(async () => t?.close());

  const obsUrl = (id: string, q = '') => `/api/tenants/${M}/indicators/${id}/observations${q}`;

  it('the demo catalogue lists population, day care and the computed childcare rate with coverage', () => {
    expect(catalogue.map((i) => i.code).toSorted()).toEqual(
      [
        DEMO_DAYCARE_INDICATOR,
        DEMO_POPULATION_INDICATOR,
        DEMO_SINGLE_AGE_INDICATOR,
        ...DEMO_CATALOGUE_INDICATORS,
      ].toSorted(),
    );
    const rate = byCode(DEMO_RATE_INDICATOR);
    expect(rate).toMatchObject({ isComputed: true, unit: '%', decimals: 1, topic: 'fruehkindliche_bildung' });
    const pop = byCode(DEMO_POPULATION_INDICATOR);
    expect(pop.coverage.periods).toBe(6);
    expect(pop.coverage.levels).toEqual(['stadtbezirk']);
    expect(pop.dimensions.map((d) => d.code)).toEqual(['altersgruppe']);
  });

  it('search and topic filter narrow the catalogue', async () => {
    const r1 = (await admin.get(`/api/tenants/${M}/indicators?q=betreuung`)).json() as Indicator[];
    expect(r1.map((i) => i.code).toSorted()).toEqual(
      [DEMO_DAYCARE_INDICATOR, DEMO_RATE_INDICATOR, 'betreuungsquote_3_bis_6'].toSorted(),
    );
    const r2 = (
      await admin.get(`/api/tenants/${M}/indicators?topic=grundinformationen`)
    ).json() as Indicator[];
    expect(r2.map((i) => i.code).toSorted()).toEqual([DEMO_POPULATION_INDICATOR, DEMO_SINGLE_AGE_INDICATOR]);
  });

  it('the computed childcare rate equals children on 1 March over the population on 31 Dec before, half-up to 1 decimal', async () => {
    const care = (
      await admin.get(
        obsUrl(byCode(DEMO_DAYCARE_INDICATOR).id, '?dims=betreuungsart:insgesamt,altersgruppe:u3'),
      )
    ).json() as ObservationsResponse;
    const pop = (
      await admin.get(obsUrl(byCode(DEMO_POPULATION_INDICATOR).id, '?dims=altersgruppe:u3'))
    ).json() as ObservationsResponse;
    const rate = (await admin.get(obsUrl(byCode(DEMO_RATE_INDICATOR).id))).json() as ObservationsResponse;
    expect(rate.view).toBe('internal');
    const popAt = new Map(pop.observations.map((o) => [`${o.areaId}|${o.period}`, o.value!]));
    let checked = 0;
    for (const c of care.observations) {
      const year = Number(c.period.slice(0, 4));
      const denom = popAt.get(`${c.areaId}|${year - 1}-12-31`);
      const r = rate.observations.find((o) => o.areaId === c.areaId && o.period === c.period);
      expect(r, `${c.areaId} ${c.period}`).toBeDefined();
      expect(r!.value).toBe(rateHalfUp1(BigInt(c.value!), BigInt(denom!)));
      checked += 1;
    }
    expect(checked).toBe(12 * 5);
    expect(rate.observations).toHaveLength(checked);
  });

  it('a viewer gets the public view: small counts withheld with a flag, never a zero, and nothing recomputable', async () => {
    const id = byCode(DEMO_DAYCARE_INDICATOR).id;
    const internalForbidden = await viewer.get(obsUrl(id, '?view=internal'));
    expect(internalForbidden.statusCode).toBe(403);
    const pub = (await viewer.get(obsUrl(id))).json() as ObservationsResponse;
    const internal = (await admin.get(obsUrl(id))).json() as ObservationsResponse;
    expect(pub.view).toBe('public');
    const withheld = pub.observations.filter((o) => o.suppressed);
    expect(withheld.length).toBeGreaterThan(0);
    for (const o of withheld) expect(o).toMatchObject({ value: null, flag: '.' });
    // Every small count (1 or 2) of the internal view is withheld in public.
    const key = (o: { areaId: string; period: string; dims: Record<string, string> }) =>
      `${o.period}|${o.areaId}|${o.dims.betreuungsart}|${o.dims.altersgruppe}`;
    const pubBy = new Map(pub.observations.map((o) => [key(o), o]));
    const small = internal.observations.filter((o) => Number(o.value) > 0 && Number(o.value) < 3);
    expect(small.length).toBeGreaterThan(0);
    // Public views say only „withheld“, never which cells are the small ones.
    for (const o of small) expect(pubBy.get(key(o))!.suppressed, key(o)).toBe('withheld');
    expect(JSON.stringify(pub)).not.toMatch(/primary|secondary/);
    // The intruder knows: insgesamt = kita + tagespflege for each district, period and age group, and
    // that every withheld cell is ≥ 1 (zeros are published).
    const relations: { total: string; parts: string[] }[] = [];
    for (const o of pub.observations.filter((x) => x.dims.betreuungsart === 'insgesamt')) {
      const base = `${o.period}|${o.areaId}|`;
      relations.push({
        total: key(o),
        parts: [`${base}kita|${o.dims.altersgruppe}`, `${base}tagespflege|${o.dims.altersgruppe}`],
      });
    }
    const truth = new Map(
      internal.observations.map((o) => [key(o), o.value === null ? null : Number(o.value)]),
    );
    const verdict = await intruderVerdict({
      truth,
      withheld: new Set(withheld.map(key)),
      primary: new Set(small.map(key)),
      relations: trueRelations(truth, relations),
      threshold: 3,
    });
    expect(verdict.exact).toEqual([]);
    expect(verdict.insufficient).toEqual([]);
    expect(pub.observations.length).toBe(internal.observations.length);
  });

  it('the computed rate is withheld in public wherever its input count is withheld', async () => {
    const rate = byCode(DEMO_RATE_INDICATOR).id;
    const care = byCode(DEMO_DAYCARE_INDICATOR).id;
    const pubCare = (
      await viewer.get(obsUrl(care, '?dims=betreuungsart:insgesamt,altersgruppe:u3'))
    ).json() as ObservationsResponse;
    const pubRate = (await viewer.get(obsUrl(rate))).json() as ObservationsResponse;
    const hiddenCare = new Set(
      pubCare.observations.filter((o) => o.suppressed).map((o) => `${o.areaId}|${o.period}`),
    );
    for (const r of pubRate.observations) {
      if (hiddenCare.has(`${r.areaId}|${r.period}`)) expect(r).toMatchObject({ value: null, flag: '.' });
      else expect(r.value).not.toBeNull();
    }
  });

  it('answers 304 to a matching ETag and a new ETag for a different view', async () => {
    const id = byCode(DEMO_POPULATION_INDICATOR).id;
    const first = await admin.get(obsUrl(id));
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^W\//);
    const again = await admin.request({ method: 'GET', url: obsUrl(id), headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    const pub = await admin.get(obsUrl(id, '?view=public'));
    expect(pub.headers.etag).not.toBe(etag);
  });

  it('sends the same observations compressed with br or gzip when accepted, and plain otherwise', async () => {
    const id = byCode(DEMO_POPULATION_INDICATOR).id;
    const plain = await admin.request({
      method: 'GET',
      url: obsUrl(id),
      headers: { 'accept-encoding': 'identity' },
    });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toMatch(/accept-encoding/i);
    const json = plain.json() as ObservationsResponse;
    expect(json.observations.length).toBeGreaterThan(100);
    for (const [accept, encoding, unzip] of [
      ['gzip, deflate, br', 'br', zlib.brotliDecompressSync],
      ['gzip', 'gzip', zlib.gunzipSync],
      ['br;q=0.1, gzip;q=0.9', 'gzip', zlib.gunzipSync],
    ] as const) {
      // Twice: the second answer comes from the kept compressed body.
      for (let i = 0; i < 2; i++) {
        const res = await admin.request({
          method: 'GET',
          url: obsUrl(id),
          headers: { 'accept-encoding': accept },
        });
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-encoding'], accept).toBe(encoding);
        expect(res.headers.etag).toBe(plain.headers.etag);
        expect(res.rawPayload.length).toBeLessThan(plain.rawPayload.length / 4);
        expect(unzip(res.rawPayload).toString('utf8')).toBe(plain.body);
      }
    }
  });

  it('filters by period, dimension value and level', async () => {
    const id = byCode(DEMO_POPULATION_INDICATOR).id;
    const detail = (await admin.get(`/api/tenants/${M}/indicators/${id}`)).json() as IndicatorDetail;
    const last = detail.periods.at(-1)!;
    const r = (
      await admin.get(obsUrl(id, `?periods=${last}&dims=altersgruppe:insgesamt&level=stadtbezirk`))
    ).json() as ObservationsResponse;
    expect(r.observations).toHaveLength(12);
    expect(new Set(r.observations.map((o) => o.period))).toEqual(new Set([last]));
    expect(detail.dimensionsDetail[0]!.values.find((v) => v.code === 'insgesamt')!.isTotal).toBe(true);
  });

  it('pages a large read: at most `limit` cells per answer, `nextOffset` until the last page', async () => {
    const id = byCode(DEMO_DAYCARE_INDICATOR).id;
    for (const [who, view] of [
      [admin, 'internal'],
      [viewer, 'public'],
    ] as const) {
      const all = (await who.get(obsUrl(id, `?view=${view}`))).json() as ObservationsResponse;
      expect(all.nextOffset).toBeNull();
      expect(all.observations.length).toBeGreaterThan(10);
      const pages: ObservationsResponse[] = [];
      for (let offset: number | null = 0; offset !== null;) {
        const r = await who.get(obsUrl(id, `?view=${view}&limit=7&offset=${offset}`));
        expect(r.statusCode, r.body).toBe(200);
        const page = r.json() as ObservationsResponse;
        expect(page.observations.length).toBeLessThanOrEqual(7);
        pages.push(page);
        offset = page.nextOffset;
      }
      expect(pages.length).toBe(Math.ceil(all.observations.length / 7));
      // The pages put together are the whole answer, in the same order (public: the same cells withheld).
      expect(pages.flatMap((p) => p.observations)).toEqual(all.observations);
    }
    // More than a page at once is refused with the field named.
    const tooMany = await admin.get(obsUrl(id, '?limit=100001'));
    expect(tooMany.statusCode).toBe(400);
  });

  it('reference values of the city are sums of its districts; the rate is recomputed from summed counts', async () => {
    const areas = (await admin.get(`/api/tenants/${M}/areas?level=stadtbezirk`)).json() as Array<{
      id: string;
    }>;
    const popId = byCode(DEMO_POPULATION_INDICATOR).id;
    const refs = (
      await admin.get(
        `/api/tenants/${M}/indicators/${popId}/references?area=${areas[0]!.id}&dims=altersgruppe:insgesamt`,
      )
    ).json() as Array<{
      level: string;
      source: string;
      points: Array<{ period: string; value: string }>;
    }>;
    expect(refs).toHaveLength(1);
    expect(refs[0]).toMatchObject({ level: 'gemeinde', source: 'aggregated' });
    const all = (
      await admin.get(obsUrl(popId, '?dims=altersgruppe:insgesamt'))
    ).json() as ObservationsResponse;
    for (const p of refs[0]!.points) {
      const sum = all.observations
        .filter((o) => o.period === p.period)
        .reduce((a, o) => a + BigInt(o.value!), 0n);
      expect(p.value).toBe(String(sum));
    }
    const rateRefs = (
      await admin.get(
        `/api/tenants/${M}/indicators/${byCode(DEMO_RATE_INDICATOR).id}/references?area=${areas[0]!.id}`,
      )
    ).json() as Array<{
      points: Array<{ period: string; value: string }>;
    }>;
    const care = (
      await admin.get(
        obsUrl(byCode(DEMO_DAYCARE_INDICATOR).id, '?dims=betreuungsart:insgesamt,altersgruppe:u3'),
      )
    ).json() as ObservationsResponse;
    const u3 = (await admin.get(obsUrl(popId, '?dims=altersgruppe:u3'))).json() as ObservationsResponse;
    for (const p of rateRefs[0]!.points) {
      const y = Number(p.period.slice(0, 4));
      const num = care.observations
        .filter((o) => o.period === p.period)
        .reduce((a, o) => a + BigInt(o.value!), 0n);
      const den = u3.observations
        .filter((o) => o.period === `${y - 1}-12-31`)
        .reduce((a, o) => a + BigInt(o.value!), 0n);
      expect(p.value, p.period).toBe(rateHalfUp1(num, den));
    }
  });

  it('area profile lists every indicator of a district with its reference area', async () => {
    const areas = (await admin.get(`/api/tenants/${M}/areas?level=stadtbezirk`)).json() as Array<{
      id: string;
      name: string;
    }>;
    const res = await admin.get(`/api/tenants/${M}/areas/${areas[2]!.id}/profile`);
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json();
    expect(p.area.name).toBe(areas[2]!.name);
    expect(p.references).toHaveLength(1);
    expect(p.indicators.map((i: { code: string }) => i.code)).toContain(DEMO_RATE_INDICATOR);
    const pop = p.indicators.find((i: { code: string }) => i.code === DEMO_POPULATION_INDICATOR);
    expect(pop.series).toHaveLength(6);
    expect(pop.references[0].value).toMatch(/^\d+$/);
  });

  it('profile: counts without a total value are summed over that dimension; the city (no own data) gets aggregates', async () => {
    const districts = (await admin.get(`/api/tenants/${M}/areas?level=stadtbezirk`)).json() as Array<{
      id: string;
    }>;
    const d = (await admin.get(`/api/tenants/${M}/areas/${districts[0]!.id}/profile`)).json();
    const care = d.indicators.find((i: { code: string }) => i.code === DEMO_DAYCARE_INDICATOR);
    expect(care).toMatchObject({
      dims: { betreuungsart: 'insgesamt' },
      summedOver: ['altersgruppe'],
      source: 'imported',
    });
    // The profile says what its number is: the official total of one dimension, the sum over the other.
    const dims = (await admin.get(`/api/tenants/${M}/dimensions`)).json() as Array<{
      code: string;
      name: string;
      values: Array<{ code: string; label: string }>;
    }>;
    const label = (dim: string, code: string) =>
      dims.find((x) => x.code === dim)!.values.find((v) => v.code === code)!.label;
    // The day-care data has the age groups under 3 and 3 to 6, but no total of them.
    const ageValues = dims
      .find((x) => x.code === 'altersgruppe')!
      .values.map((v) => v.code)
      .filter((c) => c === 'u3' || c === '3-5');
    expect(ageValues).toHaveLength(2);
    expect(care.breakdown).toEqual([
      {
        code: 'betreuungsart',
        name: dims.find((x) => x.code === 'betreuungsart')!.name,
        summed: false,
        values: [label('betreuungsart', 'insgesamt')],
      },
      {
        code: 'altersgruppe',
        name: dims.find((x) => x.code === 'altersgruppe')!.name,
        summed: true,
        values: ageValues.map((v) => label('altersgruppe', v)),
      },
    ]);
    const obs = (
      await admin.get(
        obsUrl(byCode(DEMO_DAYCARE_INDICATOR).id, `?areas=${districts[0]!.id}&dims=betreuungsart:insgesamt`),
      )
    ).json() as ObservationsResponse;
    const last = care.series.at(-1);
    const sum = obs.observations
      .filter((o) => o.period === last.period)
      .reduce((a, o) => a + BigInt(o.value!), 0n);
    expect(last.value).toBe(String(sum));
    const city = (await admin.get(`/api/tenants/${M}/areas?level=gemeinde`)).json() as Array<{ id: string }>;
    const c = (await admin.get(`/api/tenants/${M}/areas/${city[0]!.id}/profile`)).json();
    expect(c.indicators.map((i: { code: string }) => i.code).toSorted()).toEqual(
      [
        DEMO_DAYCARE_INDICATOR,
        DEMO_POPULATION_INDICATOR,
        DEMO_SINGLE_AGE_INDICATOR,
        ...DEMO_CATALOGUE_INDICATORS,
      ].toSorted(),
    );
    for (const i of c.indicators) expect(i.source).toBe('aggregated');
    // In the public view, an aggregate over withheld districts is withheld and says so.
    const pub = (await viewer.get(`/api/tenants/${M}/areas/${city[0]!.id}/profile`)).json();
    const pubCare = pub.indicators.find((i: { code: string }) => i.code === DEMO_DAYCARE_INDICATOR);
    for (const p of pubCare.series)
      if (p.value === null) expect(p).toMatchObject({ flag: '.', suppressed: 'withheld' });
  });

  it('map geometry of the districts as GeoJSON with 12 features and an ETag', async () => {
    const res = await admin.get(`/api/tenants/${M}/areas/geometry?level=stadtbezirk`);
    expect(res.statusCode, res.body).toBe(200);
    const fc = res.json();
    expect(fc.features).toHaveLength(12);
    expect(fc.features[0].geometry.type).toBe('Polygon');
    expect(fc.bbox).toHaveLength(4);
    const again = await admin.request({
      method: 'GET',
      url: `/api/tenants/${M}/areas/geometry?level=stadtbezirk`,
      headers: { 'if-none-match': String(res.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
  });

  describe('downloads', () => {
    it('CSV: German format with BOM, semicolons, decimal comma and the tidy columns', async () => {
      const res = await admin.get(
        `/api/tenants/${M}/indicators/${byCode(DEMO_RATE_INDICATOR).id}/export?format=csv`,
      );
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
      expect(res.headers['content-disposition']).toMatch(
        /attachment; filename="betreuungsquote_u3_alle_werte_INTERN_ungeschuetzt\.csv"/,
      );
      const raw = res.rawPayload;
      expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const all = raw.toString('utf8').slice(1).trim().split('\r\n');
      // Notes before the header say what the file is (see export.db.test.ts).
      expect(all[0]).toMatch(/^# INTERN/);
      const lines = all.filter((l) => !l.startsWith('#'));
      expect(lines[0]).toBe('indicator;area;area_name;period;value;flag');
      expect(lines.length).toBe(61);
      expect(lines[1]).toMatch(/^betreuungsquote_u3;\d{2};[^;]+;\d{4}-03-01;\d+,\d;$/);
    });

    it('XLSX opens as a workbook with the same rows and a metadata sheet', async () => {
      const id = byCode(DEMO_POPULATION_INDICATOR).id;
      const res = await viewer.get(`/api/tenants/${M}/indicators/${id}/export?format=xlsx`);
      expect(res.statusCode).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      expect(ws.getRow(1).values).toEqual([
        undefined,
        'indicator',
        'area',
        'area_name',
        'period',
        'altersgruppe',
        'value',
        'flag',
      ]);
      const json = (await viewer.get(`/api/tenants/${M}/indicators/${id}/export?format=json`)).json();
      expect(ws.rowCount - 1).toBe(json.data.length);
      expect(wb.getWorksheet('Metadaten')).toBeDefined();
    });

    it('a viewer’s download is the public view (withheld cells stay withheld)', async () => {
      const id = byCode(DEMO_DAYCARE_INDICATOR).id;
      const json = (await viewer.get(`/api/tenants/${M}/indicators/${id}/export?format=json`)).json();
      const hidden = json.data.filter((r: { flag: string }) => r.flag === '.');
      expect(hidden.length).toBeGreaterThan(0);
      for (const r of hidden) expect(r.value).toBeNull();
    });
  });

  describe('computed indicators from a definitions file', () => {
    it('refuses a file with a syntax error, naming line and column, and changes nothing', async () => {
      const before = (await admin.get(`/api/tenants/${M}/indicators`)).json().length;
      const res = await admin.post(`/api/tenants/${M}/indicators/definitions`, {
        fileName: 'kaputt.yaml',
        text: 'indicators:\n  - code: x\n    formula: [a\n',
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().message).toMatch(/kaputt\.yaml/);
      expect(res.json().message).toMatch(/Zeile \d+/);
      expect((await admin.get(`/api/tenants/${M}/indicators`)).json().length).toBe(before);
    });

    it('refuses an unknown input indicator by name', async () => {
      const res = await admin.post(`/api/tenants/${M}/indicators/definitions`, {
        fileName: 'def.yaml',
        text: [
          'indicators:',
          '  - code: anteil_u6',
          '    name: { de: Anteil unter 6 }',
          "    unit: '%'",
          '    decimals: 1',
          '    formula: a / b * 100',
          '    inputs:',
          '      a: { indicator: gibt_es_nicht }',
          `      b: { indicator: ${DEMO_POPULATION_INDICATOR}, dims: { altersgruppe: insgesamt } }`,
        ].join('\n'),
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().message).toContain('gibt_es_nicht');
    });

    it('creates a share with a sum over dimension values and recomputes it when the data changes', async () => {
      const res = await admin.post(`/api/tenants/${M}/indicators/definitions`, {
        fileName: 'def.yaml',
        text: [
          'indicators:',
          '  - code: anteil_u6',
          '    name: { de: Anteil der Kinder unter 6 Jahren }',
          "    unit: '%'",
          '    decimals: 2',
          '    formula: kinder / alle * 100',
          '    inputs:',
          `      kinder: { indicator: ${DEMO_POPULATION_INDICATOR}, dims: { altersgruppe: [u3, '3-5'] } }`,
          `      alle: { indicator: ${DEMO_POPULATION_INDICATOR}, dims: { altersgruppe: insgesamt } }`,
        ].join('\n'),
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ created: ['anteil_u6'], observations: 72 });
      const list = (await admin.get(`/api/tenants/${M}/indicators`)).json() as Indicator[];
      const share = list.find((i) => i.code === 'anteil_u6')!;
      const pop = (
        await admin.get(obsUrl(byCode(DEMO_POPULATION_INDICATOR).id))
      ).json() as ObservationsResponse;
      const v = (await admin.get(obsUrl(share.id))).json() as ObservationsResponse;
      const o = v.observations[0]!;
      const cell = (g: string) =>
        BigInt(
          pop.observations.find(
            (p) => p.areaId === o.areaId && p.period === o.period && p.dims.altersgruppe === g,
          )!.value!,
        );
      const num = (cell('u3') + cell('3-5')) * 100000n;
      const den = cell('insgesamt');
      const hundredths = (num / den + 5n) / 10n; // half-up to 2 decimals
      expect(o.value).toBe(`${hundredths / 100n}.${String(hundredths % 100n).padStart(2, '0')}`);
    });
  });

  describe('dimensions', () => {
    it('an editor renames a dimension; a viewer may not', async () => {
      const dims = (await admin.get(`/api/tenants/${M}/dimensions`)).json() as Array<{
        id: string;
        code: string;
      }>;
      const care = dims.find((d) => d.code === 'betreuungsart')!;
      expect((await viewer.patch(`/api/tenants/${M}/dimensions/${care.id}`, { name: 'X' })).statusCode).toBe(
        403,
      );
      const res = await admin.patch(`/api/tenants/${M}/dimensions/${care.id}`, { name: 'Betreuungsform' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ name: 'Betreuungsform', named: true });
    });

    it('changing which value is the total changes the public view at once (no stale cache or ETag)', async () => {
      const care = byCode(DEMO_DAYCARE_INDICATOR).id;
      const dims = (await admin.get(`/api/tenants/${M}/dimensions`)).json() as Array<{
        id: string;
        code: string;
      }>;
      const dim = dims.find((d) => d.code === 'betreuungsart')!;
      const before = await viewer.get(obsUrl(care));
      const again = await viewer.get(obsUrl(care));
      expect(again.body).toBe(before.body);
      // Withheld cells that are not small themselves (secondary suppression).
      const secondary = (r: { json: () => unknown }) =>
        (r.json() as ObservationsResponse).observations.filter(
          (o) => o.suppressed && !small.has(`${o.period}|${o.areaId}|${JSON.stringify(o.dims)}`),
        ).length;
      const internal = (await admin.get(obsUrl(care))).json() as ObservationsResponse;
      const small = new Set(
        internal.observations
          .filter((o) => Number(o.value) > 0 && Number(o.value) < 3)
          .map((o) => `${o.period}|${o.areaId}|${JSON.stringify(o.dims)}`),
      );
      expect(secondary(before)).toBeGreaterThan(0);

      const setTotal = (isTotal: boolean) =>
        admin.patch(`/api/tenants/${M}/dimensions/${dim.id}`, {
          values: [{ code: 'insgesamt', label: 'Insgesamt', isTotal }],
        });
      expect((await setTotal(false)).statusCode).toBe(200);
      const without = await viewer.get(obsUrl(care));
      expect(without.headers.etag).not.toBe(before.headers.etag);
      // Without the relation „insgesamt = Kita + Tagespflege“ fewer cells need secondary suppression.
      expect(secondary(without)).toBeLessThan(secondary(before));

      expect((await setTotal(true)).statusCode).toBe(200);
      const restored = await viewer.get(obsUrl(care));
      expect(restored.headers.etag).not.toBe(without.headers.etag);
      expect((restored.json() as ObservationsResponse).observations).toEqual(
        (before.json() as ObservationsResponse).observations,
      );
    });

    it('a stricter threshold of an input withholds more of the computed rate in public at once', async () => {
      const care = byCode(DEMO_DAYCARE_INDICATOR).id;
      const rate = byCode(DEMO_RATE_INDICATOR).id;
      const withheld = (r: { json: () => unknown }) =>
        (r.json() as ObservationsResponse).observations.filter((o) => o.suppressed || o.flag === '.').length;
      const before = await viewer.get(obsUrl(rate));
      expect(
        (await admin.patch(`/api/tenants/${M}/indicators/${care}`, { sdcThreshold: 50 })).statusCode,
      ).toBe(200);
      const stricter = await viewer.get(obsUrl(rate));
      expect(stricter.headers.etag).not.toBe(before.headers.etag);
      expect(withheld(stricter)).toBeGreaterThan(withheld(before));
      expect(
        (await admin.patch(`/api/tenants/${M}/indicators/${care}`, { sdcThreshold: null })).statusCode,
      ).toBe(200);
      const restored = await viewer.get(obsUrl(rate));
      expect((restored.json() as ObservationsResponse).observations).toEqual(
        (before.json() as ObservationsResponse).observations,
      );
    });
  });
});
