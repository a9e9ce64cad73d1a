import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseGenesisFlatFile } from './ffcsv';
import { ImportFileError } from './types';
import type { Dataset } from './types';

// Header as documented for the GENESIS-Online flat file (ffcsv) since 2024, two classifying variables.
const HEADER =
  'statistics_code;statistics_label;time_code;time_label;time;' +
  '1_variable_code;1_variable_label;1_variable_attribute_code;1_variable_attribute_label;' +
  '2_variable_code;2_variable_label;2_variable_attribute_code;2_variable_attribute_label;' +
  'value;value_unit;value_variable_code;value_variable_label;value_q';
const S = '12411;Fortschreibung des Bevölkerungsstandes;STAG;Stichtag';
const K = (code: string, name: string) => `KREISE;Kreise und kreisfreie Städte;${code};${name}`;

const FF = [
  HEADER, // 1
  `${S};2023-12-31;${K('09162', 'München, Landeshauptstadt')};GES;Geschlecht;;Insgesamt;1510378;Anzahl;BEVSTD;Bevölkerungsstand;e`, // 2
  `${S};2023-12-31;${K('09162', 'München, Landeshauptstadt')};GES;Geschlecht;GESW;weiblich;766432;Anzahl;BEVSTD;Bevölkerungsstand;p`, // 3
  `${S};2023-12-31;${K('09184', 'München, Landkreis')};GES;Geschlecht;GESW;weiblich;.;Anzahl;BEVSTD;Bevölkerungsstand;.`, // 4
  `${S};2023-12-31;${K('09184', 'München, Landkreis')};GES;Geschlecht;GESM;männlich;172011;Anzahl;BEVSTD;Bevölkerungsstand;r`, // 5
  `${S};2022-12-31;${K('09184', 'München, Landkreis')};GES;Geschlecht;GESM;männlich;-;Anzahl;BEVSTD;Bevölkerungsstand;e`, // 6
  `${S};2022-12-31;${K('09184', 'München, Landkreis')};GES;Geschlecht;GESM;männlich;12,5;%;BEVANT;Anteil an der Bevölkerung;e`, // 7
  `12411;Fortschreibung;JAHR;Jahr;2022;DINSG;Deutschland insgesamt;DG;Deutschland;GES;Geschlecht;;Insgesamt;(84358,8);Tsd.;BEVSTD;Bevölkerungsstand;`, // 8
].join('\n');

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const withBom = (s: string): Uint8Array => Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8(s)]);

function refused(text: string, name = '12411-0015_de_flat.csv'): ImportFileError {
  try {
    parseGenesisFlatFile({ name, bytes: utf8(text) });
  } catch (e) {
    expect(e).toBeInstanceOf(ImportFileError);
    return e as ImportFileError;
  }
  throw new Error('expected ImportFileError');
}

function check(ds: Dataset): void {
  expect(ds.meta).toMatchObject({
    format: 'genesis-ffcsv',
    encoding: 'utf-8',
    tableCode: '12411-0015',
    statistic: 'Fortschreibung des Bevölkerungsstandes',
    dataLines: 7,
  });
  expect(ds.rowCount).toBe(7);
  expect(ds.statisticalVariables).toEqual([
    { key: '12411-0015.bevoelkerungsstand', name: 'Bevölkerungsstand', unit: 'Anzahl' },
    { key: '12411-0015.anteil_an_der_bevoelkerung', name: 'Anteil an der Bevölkerung', unit: '%' },
    { key: '12411-0015.bevoelkerungsstand_tsd', name: 'Bevölkerungsstand', unit: 'Tsd.' },
  ]);
  expect(ds.dimensions).toEqual([
    {
      key: 'geschlecht',
      name: 'Geschlecht',
      named: true,
      code: 'GES',
      values: [
        { key: 'insgesamt', label: 'Insgesamt', isTotal: true },
        { key: 'weiblich', label: 'weiblich', isTotal: false, code: 'GESW' },
        { key: 'maennlich', label: 'männlich', isTotal: false, code: 'GESM' },
      ],
    },
  ]);
  expect(ds.regions).toEqual([
    { code: '09162', name: 'München, Landeshauptstadt' },
    { code: '09184', name: 'München, Landkreis' },
    { code: 'DG', name: 'Deutschland' },
  ]);
  expect(ds.periods).toEqual([
    { type: 'year', date: '2022-01-01' },
    { type: 'date', date: '2022-12-31' },
    { type: 'date', date: '2023-12-31' },
  ]);
  const rows = [...ds.rows()];
  expect(rows.map((r) => [r.line, r.column, r.regionCode, r.dims.geschlecht, r.value, r.flag])).toEqual([
    [2, 14, '09162', 'insgesamt', '1510378', null],
    [3, 14, '09162', 'weiblich', '766432', 'p'],
    [4, 14, '09184', 'weiblich', null, '.'],
    [5, 14, '09184', 'maennlich', '172011', 'r'],
    [6, 14, '09184', 'maennlich', null, '-'],
    [7, 14, '09184', 'maennlich', '12.5', null],
    [8, 14, 'DG', 'insgesamt', '84358.8', '()'],
  ]);
  expect(rows[0]).toEqual({
    line: 2,
    column: 14,
    statisticalVariable: '12411-0015.bevoelkerungsstand',
    regionCode: '09162',
    regionName: 'München, Landeshauptstadt',
    period: { type: 'date', date: '2023-12-31' },
    dims: { geschlecht: 'insgesamt' },
    value: '1510378',
    flag: null,
  });
}

describe('parseGenesisFlatFile', () => {
  it('reads a German ffcsv with BOM, flags in value and value_q, decimal comma', () => {
    check(parseGenesisFlatFile({ name: '12411-0015_de_flat.csv', bytes: withBom(FF) }));
  });

  it('reads the zip as delivered by GENESIS-Online', () => {
    const zip = zipSync({ '12411-0015_de_flat.csv': withBom(FF) });
    check(parseGenesisFlatFile({ name: '12411-0015_de_flat.zip', bytes: zip }));
  });

  it('reads English exports with decimal point and without value_q', () => {
    const en = [
      HEADER.replace(';value_q', ''),
      '12411;Population;STAG;Reference date;2023-12-31;DLAND;Länder;01;Schleswig-Holstein;GES;Sex;GESW;female;1.5;%;BEVANT;Share',
      '12411;Population;STAG;Reference date;2023-12-31;DLAND;Länder;02;Hamburg;GES;Sex;GESW;female;...;%;BEVANT;Share',
    ].join('\n');
    const ds = parseGenesisFlatFile({ name: '12411-0010_en_flat.csv', bytes: utf8(en) });
    expect([...ds.rows()].map((r) => [r.regionCode, r.value, r.flag])).toEqual([
      ['01', '1.5', null],
      ['02', null, '...'],
    ]);
    expect(ds.dimensions[0]!.key).toBe('sex');
  });

  it('takes the region from GEO variables and school years from SJAHR', () => {
    const t = [
      HEADER,
      '21111;Schulstatistik;SJAHR;Schuljahr;2023/24;GEOGM4;Gemeinden;092760130130;Lindberg;SCHART;Schulart;GS;Grundschulen;123;Anzahl;SCH001;Schüler;e',
    ].join('\n');
    const ds = parseGenesisFlatFile({ name: 'x_flat.csv', bytes: utf8(t) });
    const [row] = [...ds.rows()];
    expect(row).toMatchObject({
      regionCode: '092760130130',
      regionName: 'Lindberg',
      period: { type: 'school_year', date: '2023-08-01' },
      dims: { schulart: 'grundschulen' },
      statisticalVariable: '21111.schueler',
    });
    expect(ds.meta.tableCode).toBe('21111');
  });

  it('refuses files without the ffcsv header', () => {
    const e = refused('AGS;Name;Wert\n01001;Flensburg;5');
    expect(e.code).toBe('not_ffcsv');
    expect(e.line).toBe(1);
  });

  it('refuses unknown text in value with line, column and field', () => {
    const e = refused(FF.replace('766432', '766.432'));
    expect(e.code).toBe('invalid_value');
    expect([e.line, e.column, e.field]).toEqual([3, 14, 'value']);
  });

  it('refuses unknown quality signs', () => {
    const e = refused(FF.replace(';r\n', ';q\n'));
    expect(e.code).toBe('invalid_flag');
    expect([e.line, e.column, e.field]).toEqual([5, 18, 'value_q']);
  });

  it('refuses rows without a regional variable', () => {
    const e = refused(FF.replace('DINSG;Deutschland insgesamt;DG;Deutschland', 'XYZ;Irgendwas;A;B'));
    expect(e.code).toBe('no_region');
    expect(e.line).toBe(8);
  });

  it('refuses short rows (truncated file)', () => {
    const e = refused(FF.slice(0, FF.lastIndexOf(';Bevölkerungsstand;')));
    expect(e.code).toBe('short_row');
    expect(e.line).toBe(8);
    expect(e.column).toBe(17);
  });

  it('refuses invalid periods', () => {
    const e = refused(FF.replace('2022-12-31', '2022-13-31'));
    expect(e.code).toBe('invalid_period');
    expect([e.line, e.column]).toEqual([6, 5]);
  });
});
