/**
 * Acceptance tests of the tidy table importer on real files in ../shared/data. Expected values come
 * from the raw files (plain split) or were read by eye (cited).
 */
import { expect, it } from 'vitest';
import { describeWithData, readShared } from '../testing/sharedData';
import { detectFormat } from './detect';
import { parseRegionList } from './regionList';
import { inspectTable, parseTidyTable } from './tidy';
import { ImportFileError } from './types';
import type { Dataset, TidyMapping } from './types';

const file = (...parts: string[]) => ({ name: parts.at(-1)!, bytes: readShared(...parts) });
const text = (...parts: string[]) => new TextDecoder().decode(readShared(...parts));

async function refused(p: Promise<unknown>): Promise<ImportFileError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ImportFileError);
    return e as ImportFileError;
  }
  throw new Error('expected ImportFileError');
}

function values(ds: Dataset, statisticalVariable: string): Map<string, string | null> {
  const m = new Map<string, string | null>();
  for (const r of ds.rows()) if (r.statisticalVariable === statisticalVariable) m.set(r.regionCode, r.value);
  return m;
}

describeWithData('npm-landkreise-deutschland', 'tidy tables: Destatis Kreise (XLSX and CSV)', () => {
  const XLSX = ['npm-landkreise-deutschland', '04-kreise.xlsx'] as const;
  const CSV = ['npm-landkreise-deutschland', 'districts.csv'] as const;

  it('04-kreise.xlsx: inspection finds the data sheet and the header row below the title rows', async () => {
    expect(detectFormat(file(...XLSX))).toBe('tidy-xlsx');
    const ins = await inspectTable(file(...XLSX));
    expect(ins.format).toBe('tidy-xlsx');
    expect(ins.sheets).toEqual(['Deckblatt', 'Kreisfreie Städte u. Landkreise']);
    expect(ins.suggested.sheet).toBe('Kreisfreie Städte u. Landkreise');
    // Rows 4–5 hold the two-row header (row 5: Schlüssel-nummer … insgesamt, männlich, weiblich), row 6 the column numbers.
    expect(ins.headerRow).toBe(5);
    expect(ins.columns).toEqual(
      expect.arrayContaining(['Schlüssel-nummer', 'Kreis / Landkreis', 'insgesamt', 'männlich', 'weiblich']),
    );
    expect(ins.suggested.areaKey).toEqual({ column: 'Schlüssel-nummer' });
    expect(ins.sample[0]!.slice(0, 2)).toEqual(['01', 'Schleswig-Holstein']);
  });

  it('04-kreise.xlsx parses with a mapping; all 401 Kreise agree with districts.csv', async () => {
    const mapping: TidyMapping = {
      areaKey: { column: 'Schlüssel-nummer' },
      areaName: { column: 'Kreis / Landkreis' },
      period: { value: '31.12.2018', type: 'date' },
      values: [
        { column: 'insgesamt', measure: 'bevoelkerung', name: 'Bevölkerung', unit: 'Anzahl' },
        { column: 'Fläche in km2', measure: 'flaeche', name: 'Fläche', unit: 'km²' },
      ],
    };
    const ds = await parseTidyTable(file(...XLSX), mapping);
    expect(ds.meta).toMatchObject({
      format: 'tidy-xlsx',
      sheet: 'Kreisfreie Städte u. Landkreise',
      headerRow: 5,
    });
    expect(ds.regions).toHaveLength(401);
    expect(ds.rowCount).toBe(802);
    expect(ds.periods).toEqual([{ type: 'date', date: '2018-12-31' }]);
    // Row 9 (by eye), columns A–F: 01001 | Kreisfreie Stadt | Flensburg, Stadt | DEF01 | 56.73 | 89504 | …
    const first = [...ds.rows()].find(
      (r) => r.regionCode === '01001' && r.statisticalVariable === 'bevoelkerung',
    );
    expect(first).toMatchObject({
      line: 9,
      column: 6,
      regionName: 'Flensburg, Stadt',
      value: '89504',
      flag: null,
    });
    // Land, Regierungsbezirk, blank, total and footnote rows are reported as skipped, not read.
    expect(ds.meta.skippedRows?.count).toBeGreaterThan(0);
    expect(ds.meta.skippedRows?.lines).toContain(8); // '01 | Schleswig-Holstein' without values

    // Independent source: districts.csv (AGS;type;name;NUTS3;area_km2;population;…), split by hand.
    const lines = text(...CSV)
      .trim()
      .split('\n')
      .slice(1);
    expect(lines).toHaveLength(401);
    const pop = values(ds, 'bevoelkerung');
    const area = values(ds, 'flaeche');
    for (const l of lines) {
      const f = l.split(';');
      expect(pop.get(f[0]!)).toBe(f[5]);
      // districts.csv writes two decimals ('569.40'); the XLSX holds the number 569.4.
      expect(Number(area.get(f[0]!))).toBe(Number(f[4]));
    }
  });

  it('districts.csv: inspect and parse (decimal point, leading zeros)', async () => {
    const ins = await inspectTable(file(...CSV));
    expect(ins).toMatchObject({
      format: 'tidy-csv',
      encoding: 'utf-8',
      delimiter: ';',
      decimalComma: false,
      headerRow: 1,
    });
    expect(ins.columns).toEqual([
      'AGS',
      'type',
      'name',
      'NUTS3',
      'area_km2',
      'population',
      'population_male',
      'population_female',
      'population_per_km2',
    ]);
    expect(ins.suggested.areaKey).toEqual({ column: 'AGS' });
    const ds = await parseTidyTable(file(...CSV), {
      areaKey: { column: 'AGS' },
      areaName: { column: 'name' },
      period: { value: '2018-12-31', type: 'date' },
      values: [{ column: 'area_km2', measure: 'flaeche', unit: 'km²' }],
    });
    // Line 402 (by eye): 16077;Landkreis;Altenburger Land;DEG0M;569.40;90118;44138;45980;158
    expect([...ds.rows()].at(-1)).toMatchObject({ line: 402, regionCode: '16077', value: '569.40' });
    expect(ds.regions[0]).toEqual({ code: '01001', name: 'Flensburg, Stadt' });
  });
});

describeWithData('hamburg-stadtteilprofile', 'tidy tables: Hamburg Stadtteilprofile (messy)', () => {
  const CSV = ['hamburg-stadtteilprofile', 'Daten_fuer_die_Stadtteilprofile_2014.csv'] as const;
  const XLSX = ['hamburg-stadtteilprofile', 'Daten_fuer_die_Stadtteilprofile_2014.xlsx'] as const;

  it('inspects the hand-made CSV without crashing', async () => {
    const ins = await inspectTable(file(...CSV));
    expect(ins).toMatchObject({ format: 'tidy-csv', delimiter: ';', decimalComma: true, headerRow: 1 });
    expect(ins.columns).toHaveLength(69);
    expect(ins.columns[0]).toBe('Stadtgebiet');
    expect(ins.sample[0]![0]).toBe('Hamburg-Altstadt');
    // No key column in the file: the area names are suggested as keys.
    expect(ins.suggested.areaKey).toEqual({ column: 'Stadtgebiet' });
  });

  it('inspects the official XLSX without crashing', async () => {
    const ins = await inspectTable(file(...XLSX));
    expect(ins.format).toBe('tidy-xlsx');
    expect(ins.sheets).toHaveLength(1);
    expect(ins.columns[0]).toBe('Stadtgebiet');
    expect(ins.columns.length).toBeGreaterThanOrEqual(60);
  });

  it('a mapping with a missing column names the column', async () => {
    const e = await refused(
      parseTidyTable(file(...CSV), {
        areaKey: { column: 'Stadtteil' },
        period: { value: '2013-12-31', type: 'date' },
        values: [{ column: 'Bevölkerung', measure: 'bev' }],
      }),
    );
    expect(e.code).toBe('missing_column');
    expect(e.field).toBe('Stadtteil');
    expect(e.message).toContain('„Stadtteil“');
    expect(e.message).toContain('„Stadtgebiet“');
    const x = await refused(
      parseTidyTable(file(...XLSX), {
        areaKey: { column: 'Stadtgebiet' },
        period: { value: '2013-12-31', type: 'date' },
        values: [{ column: 'Einwohner gesamt', measure: 'bev' }],
      }),
    );
    expect(x).toMatchObject({ code: 'missing_column', field: 'Einwohner gesamt' });
  });

  it('reads numbers with space thousands separators; the doubled name "Eimsbüttel" (lines 32 and 103) is refused', async () => {
    const mapping: TidyMapping = {
      areaKey: { column: 'Stadtgebiet' },
      period: { value: '2013-12-31', type: 'date' },
      values: [{ column: 'Bevölkerung', measure: 'bev' }],
    };
    const e = await refused(parseTidyTable(file(...CSV), mapping));
    expect(e).toMatchObject({ code: 'duplicate_row', line: 103 });
    expect(e.message).toContain('Zeile 32');
    // The first 31 data lines (Bezirk Hamburg-Mitte and the first Stadtteile of Altona) are unique:
    // line 2 (by eye): 'Hamburg-Altstadt; 1 675    ;  162    ; 9,7    ; …', line 29: 'Wanderungssaldo' '-  23' in line 2.
    const head = text(...CSV)
      .split('\n')
      .slice(0, 31)
      .join('\n');
    const ds = await parseTidyTable(
      { name: 'kopf.csv', bytes: new TextEncoder().encode(head) },
      {
        ...mapping,
        values: [
          { column: 'Bevölkerung', measure: 'bev' },
          { column: 'Anteil der unter 18-Jährigen in %', measure: 'u18', unit: '%' },
          { column: 'Wanderungssaldo', measure: 'saldo' },
        ],
      },
    );
    const rows = [...ds.rows()].filter((r) => r.regionCode === 'Hamburg-Altstadt');
    expect(rows.map((r) => [r.statisticalVariable, r.value])).toEqual([
      ['bev', '1675'],
      ['u18', '9.7'],
      ['saldo', '-23'],
    ]);
  });
});

describeWithData('berlin-lor', 'tidy tables: Berlin LOR population', () => {
  const F = ['berlin-lor', 'population', 'berlin-lor-population-2015-01-t2-planning-areas.csv'] as const;

  it('constant period 2015-06-30, below_6 mapped; 01011101 = 129 (line 2)', async () => {
    const raw = text(...F)
      .trim()
      .split('\n');
    const header = raw[0]!.split(',');
    const col = header.indexOf('inhabitants_age_below_6');
    expect(raw[1]!.split(',')[0]).toBe('01011101');
    expect(raw[1]!.split(',')[col]).toBe('129');

    const ins = await inspectTable(file(...F));
    expect(ins).toMatchObject({ delimiter: ',', decimalComma: false, headerRow: 1 });
    expect(ins.suggested.areaKey).toEqual({ column: 'id' });
    const ds = await parseTidyTable(file(...F), {
      areaKey: { column: 'id' },
      period: { value: '2015-06-30', type: 'date' },
      values: [
        {
          column: 'inhabitants_age_below_6',
          measure: 'einwohner',
          name: 'Einwohner',
          dims: { altersgruppe: 'unter_6' },
        },
        {
          column: 'inhabitants_age_6_15',
          measure: 'einwohner',
          name: 'Einwohner',
          dims: { altersgruppe: '6_bis_15' },
        },
      ],
    });
    expect(ds.periods).toEqual([{ type: 'date', date: '2015-06-30' }]);
    expect(ds.regions).toHaveLength(raw.length - 1);
    expect(ds.rowCount).toBe((raw.length - 1) * 2);
    expect(ds.dimensions.map((d) => [d.key, d.values.map((v) => v.key)])).toEqual([
      ['altersgruppe', ['unter_6', '6_bis_15']],
    ]);
    const r = [...ds.rows()].find((x) => x.regionCode === '01011101' && x.dims.altersgruppe === 'unter_6');
    expect(r).toMatchObject({
      line: 2,
      column: col + 1,
      statisticalVariable: 'einwohner',
      value: '129',
      flag: null,
    });
    // Every value equals the raw cell.
    const byKey = values(ds, 'einwohner');
    expect(byKey.size).toBe(raw.length - 1);
    for (const l of raw.slice(1, 50)) expect(byKey.get(l.split(',')[0]!) !== undefined).toBe(true);
  });
});

describeWithData('genesapi-data', 'region list base.csv', () => {
  it('is detected as a tidy CSV and read as a region list', () => {
    const f = file('genesapi-data', 'base.csv');
    expect(detectFormat(f)).toBe('tidy-csv');
    const list = parseRegionList(f);
    const raw = text('genesapi-data', 'base.csv').trim().split('\n');
    expect(list).toHaveLength(raw.length);
    expect(list.filter((r) => r.deprecated)).toHaveLength(
      raw.filter((l) => l.split(',')[2] === 'True').length,
    );
    // First and last lines (by eye).
    expect(list[0]).toEqual({
      code: 'DG',
      name: 'Deutschland',
      deprecated: false,
      levelName: 'Staat',
      level: 0,
      slug: 'deutschland',
      parentCode: null,
    });
    expect(list.at(-1)).toEqual({
      code: '16077',
      name: 'Altenburger Land',
      deprecated: false,
      levelName: 'Kreis',
      level: 3,
      slug: 'altenburger-land',
      parentCode: '16',
    });
  });
});
