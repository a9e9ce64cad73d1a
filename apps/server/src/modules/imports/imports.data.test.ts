import { tenantScope } from '../../platform/tenancy/scope';
/**
 * Acceptance on real official data (../shared/data), through the same import pipeline as the UI and
 * the CLI (createRun → analyzeRun → commitRun) on an embedded database. Expected figures are read from
 * the files with simple, independent code in this test, never from the code under test.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { zipSync } from 'fflate';
import { describeWithData, readShared, sharedFile } from '@dkbm/domain/testing';
import type { ImportOptions } from '@dkbm/contract';
import { createTestDatabase, type TestDatabase } from '../../test/testDb';
import { createTenant } from '../tenants/tenants.service';
import { analyzeRun, commitRun, createRun } from './runs.service';
import { applyDefinitions } from '../monitoring/computed.service';
import { areaGeometry } from '../monitoring/areas.service';
import { internalObservations } from '../monitoring/observations.service';
import { indicators } from '../../platform/db/schema';
import { and, eq } from 'drizzle-orm';

const GENESIS = 'genesapi-data';

/** The data lines of a GENESIS export: between the unit row and the `__________` footer. */
function genesisDataLines(text: string): string[][] {
  const lines = text.split(/\r?\n/);
  const end = lines.findIndex((l) => l.startsWith('__________'));
  const body = lines.slice(0, end);
  const rows = body.map((l) => l.split(';'));
  // Data lines: a region key in column 1 or 2 (DG or digits) and at least one value cell.
  return rows.filter((r) => {
    const keyCol = /^(DG|\d{2,12})$/.test(r[0] ?? '') ? 0 : /^(DG|\d{2,12})$/.test(r[1] ?? '') ? 1 : -1;
    return keyCol >= 0 && r.slice(keyCol + 2).some((c) => c.trim() !== '');
  });
}

function decode(file: string): string {
  const bytes = fs.readFileSync(sharedFile(GENESIS, file));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('latin1').decode(bytes);
  }
}

/** Sum of the numeric cells and the count of each sign in the data lines, in 1/1000 units (exact). */
function cellStats(text: string) {
  let sum = 0n;
  let cells = 0;
  const flags: Record<string, number> = {};
  for (const r of genesisDataLines(text)) {
    const keyCol = /^(DG|\d{2,12})$/.test(r[0] ?? '') ? 0 : 1;
    // Value columns: after key, name and any label columns (non-numeric text that is not a sign).
    for (const raw of r.slice(keyCol + 2)) {
      const c = raw.trim();
      if (['-', '.', 'x', '/', '...'].includes(c)) {
        flags[c] = (flags[c] ?? 0) + 1;
        cells += 1;
      } else if (/^-?\d+(,\d+)?$/.test(c)) {
        const [i, f = ''] = c.replace('-', '').split(',');
        const milli = BigInt(i!) * 1000n + BigInt((f + '000').slice(0, 3));
        sum += c.startsWith('-') ? -milli : milli;
        cells += 1;
      }
    }
  }
  return { sum, cells, flags };
}

describeWithData(GENESIS, 'real data through the import pipeline (PGlite)', () => {
  let db: TestDatabase;
  let tenantId: string;
  let berlinId: string;

  // These tests import whole national tables: unknown areas are created (the default would be off).
  const importFile = async (tenant: string, file: string, bytes: Uint8Array, given: ImportOptions = {}) => {
    const options: ImportOptions = { createAreas: true, ...given };
    const runId = await createRun(tenantScope(db.db, tenant), {
      userId: null,
      via: 'cli',
      file: { name: file, bytes },
    });
    const analysis = await analyzeRun(db, tenant, runId, options);
    const result = await commitRun(db, tenant, runId, options);
    return { runId, analysis, result };
  };

  beforeAll(async () => {
    db = await createTestDatabase({ onDisk: true });
    tenantId = (
      await createTenant(db.db, {
        slug: 'goettingen',
        name: 'Landkreis Göttingen',
        type: 'landkreis',
        ags: '03159',
      })
    ).id;
    berlinId = (
      await createTenant(db.db, { slug: 'berlin', name: 'Berlin', type: 'kreisfreie_stadt', ags: '11000000' })
    ).id;
  }, 120_000);
  afterAll(async () => db?.destroy());

  const tables = fs.existsSync(sharedFile(GENESIS))
    ? fs
        .readdirSync(sharedFile(GENESIS))
        .filter((f) => f.endsWith('.csv') && f !== 'base.csv')
        .toSorted()
    : [];

  it.each(tables)(
    '%s imports without error; cell count, flag counts and the exact sum match the file',
    async (file) => {
      const { runId, result } = await importFile(tenantId, file, readShared(GENESIS, file));
      expect(result.keys.unmatched).toEqual([]);
      const expected = cellStats(decode(file));
      const got = await db.query<{ n: number; s: string | null }>(
        `SELECT count(*)::int AS n, (sum(value) * 1000)::numeric(40,0)::text AS s FROM observations WHERE import_run_id = $1`,
        [runId],
      );
      const flags = await db.query<{ flag: string; n: number }>(
        `SELECT flag, count(*)::int AS n FROM observations WHERE import_run_id = $1 AND flag IS NOT NULL GROUP BY flag`,
        [runId],
      );
      expect(got[0]!.n).toBe(expected.cells);
      expect(BigInt(got[0]!.s ?? '0')).toBe(expected.sum);
      expect(Object.fromEntries(flags.map((f) => [f.flag, f.n]))).toEqual(expected.flags);
    },
  );

  it('spot checks: Flensburg children under 3 in day care on 1 March 2016 and Kiel population on 31 Dec 2015', async () => {
    const cell = async (
      indicatorCode: string,
      area: string,
      period: string,
      dims: Record<string, string>,
    ) => {
      const ind = (
        await db.db
          .select()
          .from(indicators)
          .where(and(eq(indicators.tenantId, tenantId), eq(indicators.code, indicatorCode)))
      )[0]!;
      const areaRow = await db.query<{ id: string }>(
        `SELECT id FROM areas WHERE tenant_id = $1 AND code = $2`,
        [tenantId, area],
      );
      const obs = await internalObservations(tenantScope(db.db, tenantId), ind, {
        periods: [period],
        areaIds: [areaRow[0]!.id],
        dims,
      });
      return obs.map((o) => o.value ?? o.flag);
    };
    // 22543-01-02-4_00.csv: "01.03.2016;01001;      Flensburg, Kreisfreie Stadt;Tageseinrichtung;3647;641;…"
    expect(
      await cell('22543-01-02-4.betreute_kinder', '01001', '2016-03-01', {
        betreuungsart: 'tageseinrichtung',
        altersgruppe: 'unter_3_jahre',
      }),
    ).toEqual(['641']);
    // 12411-02-03-4_00.csv: Kiel, unter 3 Jahre, Insgesamt on 31.12.2015
    const line = decode('12411-02-03-4_00.csv')
      .split('\n')
      .find((l) => l.startsWith('31.12.2015;01002;') && l.includes(';unter 3 Jahre;'))!;
    expect(
      await cell('12411-02-03-4.bevoelkerungsstand', '01002', '2015-12-31', {
        altersgruppe: 'unter_3_jahre',
        geschlecht: 'insgesamt',
      }),
    ).toEqual([line.split(';')[4]]);
  });

  it('reproduces the published U3 childcare rate 2016 (AI003-3) and the share in day-care centres (AI003-1) digit for digit', async () => {
    const defs = `indicators:
  - code: quote_u3
    name: { de: Betreuungsquote unter 3 Jahren }
    unit: '%'
    decimals: 1
    formula: betreut / kinder * 100
    inputs:
      betreut: { indicator: 22543-01-02-4.betreute_kinder, dims: { betreuungsart: insgesamt_ohne_doppelzaehlungen, altersgruppe: unter_3_jahre } }
      kinder: { indicator: 12411-02-03-4.bevoelkerungsstand, dims: { altersgruppe: unter_3_jahre, geschlecht: insgesamt }, period: previous-year-end }
  - code: anteil_u3_kita
    name: { de: Anteil U3 in Tageseinrichtungen }
    unit: '%'
    decimals: 1
    formula: betreut / kinder * 100
    inputs:
      betreut: { indicator: 22543-01-02-4.betreute_kinder, dims: { betreuungsart: tageseinrichtung, altersgruppe: unter_3_jahre } }
      kinder: { indicator: 12411-02-03-4.bevoelkerungsstand, dims: { altersgruppe: unter_3_jahre, geschlecht: insgesamt }, period: previous-year-end }
`;
    const r = await applyDefinitions(tenantScope(db.db, tenantId), defs, 'ai003.yaml');
    expect(r.created).toEqual(['quote_u3', 'anteil_u3_kita']);
    const compare = async (computedCode: string, publishedCode: string) => {
      const get = async (code: string) =>
        (
          await db.db
            .select()
            .from(indicators)
            .where(and(eq(indicators.tenantId, tenantId), eq(indicators.code, code)))
        )[0]!;
      const mine = await internalObservations(tenantScope(db.db, tenantId), await get(computedCode), {
        periods: ['2016-03-01'],
      });
      const published = await internalObservations(tenantScope(db.db, tenantId), await get(publishedCode), {
        periods: ['2016-01-01'],
      });
      const pub = new Map(published.map((o) => [o.areaCode, o]));
      let numbers = 0;
      let flags = 0;
      for (const o of mine) {
        const p = pub.get(o.areaCode);
        expect(p, o.areaCode).toBeDefined();
        expect({ area: o.areaCode, value: o.value, flag: o.flag }).toEqual({
          area: o.areaCode,
          value: p!.value,
          flag: p!.flag,
        });
        if (o.value !== null) numbers += 1;
        else flags += 1;
      }
      return { numbers, flags, published: published.length };
    };
    const quote = await compare('quote_u3', 'AI003-3.betreuungsquote_0_bis_2_jahre');
    expect(quote).toEqual({ numbers: 448, flags: 78, published: 526 });
    const kita = await compare('anteil_u3_kita', 'AI003-1.anteil_betreute_kinder_0_2_jahre_in_tageseinricht');
    expect(kita.numbers).toBe(449);
  });

  it('VG5000 Kreise 2021 joined to the 2015 statistics: the report names exactly the keys that changed; the map draws all 401 Kreise', async () => {
    const geo = JSON.parse(
      fs.readFileSync(sharedFile('geoGermany-vg5000-2021', 'Ebene_Kreise.geojson'), 'utf8'),
    ) as {
      features: Array<{ properties: { ARS: string } }>;
    };
    const in2021 = new Set(geo.features.map((f) => f.properties.ARS));
    // A municipality that has only the population of 31.12.2015 (12411-02-03-4_00.csv, Kreise).
    const join = (
      await createTenant(db.db, {
        slug: 'stand-2015',
        name: 'Gebietsstand 2015',
        type: 'landkreis',
        ags: '03159',
      })
    ).id;
    await importFile(join, '12411-02-03-4_00.csv', readShared(GENESIS, '12411-02-03-4_00.csv'));
    // Kreise with at least one number on 31.12.2015. Berlin and Hamburg are Länder and Kreise at once:
    // GENESIS writes 11 and 02, the boundaries 11000 and 02000.
    const withData = new Set<string>();
    for (const r of genesisDataLines(decode('12411-02-03-4_00.csv'))) {
      const key = r[1]!;
      const kreis = /^\d{5}$/.test(key) ? key : key === '02' || key === '11' ? `${key}000` : null;
      if (kreis && r.slice(4).some((c) => /^\d+$/.test(c.trim()))) withData.add(kreis);
    }
    const noData = [...in2021].filter((k) => !withData.has(k)).toSorted();
    const gone = [...withData].filter((k) => !in2021.has(k)).toSorted();
    expect({ noData, gone }).toEqual({ noData: ['03159'], gone: ['03152', '03156'] });

    const { analysis, result } = await importFile(
      join,
      'Ebene_Kreise.geojson',
      readShared('geoGermany-vg5000-2021', 'Ebene_Kreise.geojson'),
      {
        level: 'kreis',
        validFrom: '2021-01-01',
      },
    );
    if (analysis.kind !== 'boundaries') throw new Error('kind');
    expect(analysis.crs.crs).toBe('EPSG:4326');
    // The report names exactly the keys that changed: Kreise with data but no boundary, and the new
    // Kreis whose boundary has no data yet.
    expect(result.keys.unmatched).toEqual([]);
    expect(result.keys.missingInFile!.map((m) => m.code)).toEqual(gone);
    expect(result.keys.withoutData!.map((m) => m.code)).toEqual(noData);
    expect(result.areas.versions).toBe(401);
    const fc = await areaGeometry(tenantScope(db.db, join), 'kreis', '2021-06-30');
    expect(fc.features).toHaveLength(401);
    expect(
      fc.features
        .filter((f) => ['02', '11'].includes(f.properties.code))
        .map((f) => f.properties.name)
        .toSorted(),
    ).toEqual(['Berlin', 'Hamburg']);
  });

  it('VG5000 Gemeinden from a zipped Shapefile (Gauß-Krüger): placed in Germany with 8-digit keys', async () => {
    const dir = sharedFile('geoGermany-vg5000-2021', 'vg5000_shape');
    const files: Record<string, Uint8Array> = {};
    for (const ext of ['shp', 'shx', 'dbf', 'prj', 'cpg'])
      files[`VG5000_GEM.${ext}`] = new Uint8Array(fs.readFileSync(path.join(dir, `VG5000_GEM.${ext}`)));
    const zip = zipSync(files);
    const { analysis, result } = await importFile(tenantId, 'VG5000_GEM.zip', zip, {
      level: 'gemeinde',
      keyProperty: 'AGS',
      nameProperty: 'GEN',
      validFrom: '2021-01-01',
    });
    if (analysis.kind !== 'boundaries') throw new Error('kind');
    expect(analysis.crs).toMatchObject({ crs: 'EPSG:31467', how: 'declared' });
    expect(result.areas.versions).toBeGreaterThan(10_700);
    const fl = await db.query<{ b: number[] }>(
      `SELECT v.bbox AS b FROM area_versions v JOIN areas a ON a.id = v.area_id WHERE a.tenant_id = $1 AND a.level = 'gemeinde' AND a.code = '01001000'`,
      [tenantId],
    );
    const [x0, y0, x1, y1] = fl[0]!.b as [number, number, number, number];
    // Flensburg lies around 9.43 E, 54.78 N.
    expect((x0 + x1) / 2).toBeCloseTo(9.43, 1);
    expect((y0 + y1) / 2).toBeCloseTo(54.78, 1);
  });

  describeWithData('berlin-lor', 'Berlin LOR', () => {
    const popFile = (period: string, level: 'planning-areas' | 'forecast-areas') =>
      `berlin-lor-population-${period}-t2-${level}.csv`;
    const halfYears = (from: number, to: number) => {
      const out: Array<{ code: string; date: string }> = [];
      for (let y = from; y <= to; y++)
        out.push({ code: `${y}-01`, date: `${y}-06-30` }, { code: `${y}-02`, date: `${y}-12-31` });
      return out;
    };
    const mapping = (date: string) => ({
      areaKey: { column: 'id' },
      period: { value: date, type: 'date' as const },
      values: [
        {
          column: 'inhabitants_age_below_6',
          measure: 'bevoelkerung_unter_6',
          name: 'Einwohnerinnen und Einwohner unter 6 Jahren',
          unit: 'Personen',
        },
      ],
    });

    it('population under 6 per planning area (until 2020) and per forecast area (from 2021) as one half-yearly indicator across the LOR reform', async () => {
      const old = await importFile(
        berlinId,
        'berlin-lor-planning-areas-until-2020.geojson',
        readShared('berlin-lor', 'geo', 'berlin-lor-planning-areas-until-2020.geojson'),
        {
          level: 'planungsraum',
          keyProperty: 'id',
          nameProperty: 'name',
          validFrom: '2015-01-01',
          validTo: '2020-12-31',
        },
      );
      expect(old.result.areas.created).toBe(447);
      const fresh = await importFile(
        berlinId,
        'berlin-lor-forecast-areas-from-2021.geojson',
        readShared('berlin-lor', 'geo', 'berlin-lor-forecast-areas-from-2021.geojson'),
        {
          level: 'sozialraum',
          keyProperty: 'id',
          nameProperty: 'name',
          validFrom: '2021-01-01',
        },
      );
      expect(fresh.result.areas.created).toBe(58);
      let cells = 0;
      for (const h of halfYears(2015, 2020)) {
        const f = popFile(h.code, 'planning-areas');
        const r = await importFile(berlinId, f, readShared('berlin-lor', 'population', f), {
          level: 'planungsraum',
          mapping: mapping(h.date),
        });
        expect(r.result.keys.unmatched, f).toEqual([]);
        cells += r.result.observations.inserted;
      }
      for (const h of halfYears(2021, 2024)) {
        const f = popFile(h.code, 'forecast-areas');
        const r = await importFile(berlinId, f, readShared('berlin-lor', 'population', f), {
          level: 'sozialraum',
          mapping: mapping(h.date),
        });
        expect(r.result.keys.unmatched, f).toEqual([]);
        expect(r.result.keys.created, f).toEqual([]);
        cells += r.result.observations.inserted;
      }
      // Independent count: data lines of all files.
      let lines = 0;
      for (const h of halfYears(2015, 2020))
        lines +=
          fs
            .readFileSync(sharedFile('berlin-lor', 'population', popFile(h.code, 'planning-areas')), 'utf8')
            .trim()
            .split('\n').length - 1;
      for (const h of halfYears(2021, 2024))
        lines +=
          fs
            .readFileSync(sharedFile('berlin-lor', 'population', popFile(h.code, 'forecast-areas')), 'utf8')
            .trim()
            .split('\n').length - 1;
      expect(cells).toBe(lines);

      const ind = (
        await db.db
          .select()
          .from(indicators)
          .where(and(eq(indicators.tenantId, berlinId), eq(indicators.code, 'bevoelkerung_unter_6')))
      )[0]!;
      const all = await internalObservations(tenantScope(db.db, berlinId), ind, {});
      const periods = [...new Set(all.map((o) => o.period))].toSorted();
      expect(periods).toHaveLength(20);
      // A planning area's series ends with the reform; a forecast area's begins with it.
      const plr = all.filter((o) => o.areaCode === '01011101');
      expect(plr.map((o) => o.period).at(-1)).toBe('2020-12-31');
      const first = fs
        .readFileSync(sharedFile('berlin-lor', 'population', popFile('2015-01', 'planning-areas')), 'utf8')
        .split('\n')
        .find((l) => l.startsWith('01011101,'))!;
      expect(plr[0]!.value).toBe(first.split(',')[2]);
      const pra = all.filter((o) => o.areaCode === '0110');
      expect(pra.map((o) => o.period)).toEqual(periods.filter((p) => p >= '2021'));
      // Maps: 447 planning areas in 2016, 58 forecast areas in 2022.
      expect(
        (await areaGeometry(tenantScope(db.db, berlinId), 'planungsraum', '2016-12-31')).features,
      ).toHaveLength(447);
      expect(
        (await areaGeometry(tenantScope(db.db, berlinId), 'sozialraum', '2022-12-31')).features,
      ).toHaveLength(58);
      expect(
        (await areaGeometry(tenantScope(db.db, berlinId), 'planungsraum', '2022-12-31')).features,
      ).toHaveLength(0);
    });

    it('school catchments without a crs member, in metres (EPSG:3857 in 2012, EPSG:25833 in 2019), land in Berlin', async () => {
      for (const [file, crs] of [
        ['RBS_OD_ESB_2012_12.geojson', 'EPSG:3857'],
        ['RBS_OD_ESB_2019_06.geojson', 'EPSG:25833'],
      ] as const) {
        const { analysis } = await importFile(
          berlinId,
          file,
          readShared('berlin-lor', 'einschulbereiche', file),
          {
            level: 'schulbezirk',
            keyProperty: 'ESB',
            validFrom: file.includes('2012') ? '2012-12-01' : '2019-06-01',
            ...(file.includes('2012') ? { validTo: '2019-05-31' } : {}),
          },
        );
        if (analysis.kind !== 'boundaries') throw new Error('kind');
        expect(analysis.crs.crs, file).toBe(crs);
        const [x0, y0, x1, y1] = analysis.bbox as [number, number, number, number];
        expect(x0).toBeGreaterThan(13.0);
        expect(x1).toBeLessThan(13.8);
        expect(y0).toBeGreaterThan(52.3);
        expect(y1).toBeLessThan(52.7);
      }
    });
  });

  describeWithData('koeln', 'Köln', () => {
    it('Stadtteile from KML: one area per Placemark, inside Köln', async () => {
      const kml = fs.readFileSync(sharedFile('koeln', 'stadtteile.kml'), 'utf8');
      const placemarks = (kml.match(/<Placemark>/g) ?? []).length;
      const koeln = (
        await createTenant(db.db, {
          slug: 'koeln',
          name: 'Stadt Köln',
          type: 'kreisfreie_stadt',
          ags: '05315000',
        })
      ).id;
      const { analysis, result } = await importFile(
        koeln,
        'stadtteile.kml',
        readShared('koeln', 'stadtteile.kml'),
        {
          level: 'stadtbezirk',
          keyProperty: 'STT_NR',
          nameProperty: 'STT_NAME',
        },
      );
      if (analysis.kind !== 'boundaries') throw new Error('kind');
      expect(analysis.format).toBe('kml');
      expect(result.areas.versions).toBe(placemarks);
      const [x0, y0, x1, y1] = analysis.bbox as [number, number, number, number];
      expect([x0 > 6.7, x1 < 7.2, y0 > 50.8, y1 < 51.1]).toEqual([true, true, true, true]);
      const names = await db.query<{ name: string }>(
        `SELECT name FROM areas WHERE tenant_id = $1 AND code = '909'`,
        [koeln],
      );
      expect(names[0]!.name).toBe('Flittard');
    });
  });

  describeWithData('npm-landkreise-deutschland', 'Destatis Kreise list (XLSX)', () => {
    it('imports population of the 401 Kreise from the original XLSX with a column mapping', async () => {
      const csv = fs
        .readFileSync(sharedFile('npm-landkreise-deutschland', 'districts.csv'), 'utf8')
        .trim()
        .split('\n')
        .slice(1);
      const expected = new Map(csv.map((l) => [l.split(';')[0]!, l.split(';')[5]!]));
      // The XLSX needs the mapping step: inspect first, then map the columns found there.
      const runId = await createRun(tenantScope(db.db, tenantId), {
        userId: null,
        via: 'cli',
        file: { name: '04-kreise.xlsx', bytes: readShared('npm-landkreise-deutschland', '04-kreise.xlsx') },
      });
      const insp = await analyzeRun(db, tenantId, runId, null);
      if (insp.kind !== 'statistics') throw new Error('kind');
      expect(insp.needsMapping).toBe(true);
      const cols = (insp.inspection as { columns: string[] }).columns;
      const keyCol = cols.find((c) => /schlüssel/i.test(c))!;
      const popCol =
        cols.find((c) => /^bevölkerung/i.test(c) && !/männ|weib|je/i.test(c)) ??
        cols.find((c) => /insgesamt/i.test(c))!;
      const options: ImportOptions = {
        level: 'kreis',
        createAreas: true,
        mapping: {
          areaKey: { column: keyCol },
          period: { value: '2018-12-31', type: 'date' },
          values: [
            {
              column: popCol,
              measure: 'bevoelkerung_kreise_2018',
              name: 'Bevölkerung 31.12.2018',
              unit: 'Personen',
            },
          ],
        },
      };
      await analyzeRun(db, tenantId, runId, options);
      const done = await commitRun(db, tenantId, runId, options);
      expect(done.observations.inserted).toBe(401);
      const ind = (
        await db.db
          .select()
          .from(indicators)
          .where(and(eq(indicators.tenantId, tenantId), eq(indicators.code, 'bevoelkerung_kreise_2018')))
      )[0]!;
      const obs = await internalObservations(tenantScope(db.db, tenantId), ind, {});
      // The XLSX writes Berlin and Hamburg as Länder (11, 02); the CSV as Kreise (11000, 02000).
      for (const o of obs)
        expect(o.value, o.areaCode).toBe(
          expected.get(o.areaCode.length === 2 ? `${o.areaCode}000` : o.areaCode),
        );
    });
  });
});
