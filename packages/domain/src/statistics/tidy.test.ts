import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { inspectTable, parseTidyTable } from './tidy';
import { ImportFileError } from './types';
import type { TidyMapping } from './types';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const latin1 = (s: string): Uint8Array => Uint8Array.from([...s].map((c) => c.charCodeAt(0)));
const bom = (s: string): Uint8Array => Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8(s)]);

async function refused(p: Promise<unknown>): Promise<ImportFileError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ImportFileError);
    return e as ImportFileError;
  }
  throw new Error('expected ImportFileError');
}

// As Excel writes "CSV (Trennzeichen-getrennt)" with German settings: BOM, ';', CRLF, decimal comma, thousands dots.
const EXCEL_DE = [
  'AGS;Gemeinde;Jahr;Einwohner;Anteil unter 18 in %;Kennzeichen', // 1
  '01001;Flensburg;2015;85.942;15,3;', // 2
  '01002;Kiel;2015;246.306;(14,9);', // 3
  '01003;Lübeck;2015;216.253;.;', // 4
  '01004;Neumünster;2015;79.197;-;p', // 5
  '01001;Flensburg;2014;84.694;1.015,25;', // 6
  ';;;;;', // 7
].join('\r\n');

const MAPPING: TidyMapping = {
  areaKey: { column: 'AGS' },
  areaName: { column: 'Gemeinde' },
  period: { column: 'Jahr' },
  values: [
    { column: 'Einwohner', measure: 'einwohner', name: 'Einwohnerinnen und Einwohner', unit: 'Anzahl' },
    { column: 'Anteil unter 18 in %', measure: 'anteil_u18', unit: 'Prozent' },
  ],
  flagColumn: 'Kennzeichen',
};

describe('inspectTable (CSV)', () => {
  it('detects Excel-style German CSV', async () => {
    const ins = await inspectTable({ name: 'gemeinden.csv', bytes: bom(EXCEL_DE) });
    expect(ins).toMatchObject({
      format: 'tidy-csv',
      encoding: 'utf-8',
      delimiter: ';',
      decimalComma: true,
      headerRow: 1,
      columns: ['AGS', 'Gemeinde', 'Jahr', 'Einwohner', 'Anteil unter 18 in %', 'Kennzeichen'],
    });
    expect(ins.sample[0]).toEqual(['01001', 'Flensburg', '2015', '85.942', '15,3', '']);
    expect(ins.suggested).toMatchObject({
      headerRow: 1,
      areaKey: { column: 'AGS' },
      areaName: { column: 'Gemeinde' },
      period: { column: 'Jahr' },
    });
    expect(ins.suggested.values?.map((v) => v.column)).toEqual(['Einwohner', 'Anteil unter 18 in %']);
  });

  it('detects comma and tab delimiters and decimal points', async () => {
    const comma = await inspectTable({
      name: 'a.csv',
      bytes: utf8('id,value\n01011101,1.5\n01011102,2.25\n'),
    });
    expect([comma.delimiter, comma.decimalComma]).toEqual([',', false]);
    const tab = await inspectTable({ name: 'a.tsv', bytes: utf8('id\tWert\n01\t1,5\n02\t2,5\n') });
    expect([tab.delimiter, tab.decimalComma]).toEqual(['\t', true]);
  });

  it('finds the header row below title lines', async () => {
    const t = [
      'Einwohner nach Gemeinden;;',
      'Stand 31.12.2015;;',
      ';;',
      'Schlüssel;Name;Einwohner',
      '01001;Flensburg;85942',
    ].join('\n');
    const ins = await inspectTable({ name: 'a.csv', bytes: utf8(t) });
    expect(ins.headerRow).toBe(4);
    expect(ins.columns).toEqual(['Schlüssel', 'Name', 'Einwohner']);
    expect(ins.suggested.areaKey).toEqual({ column: 'Schlüssel' });
  });

  it('names empty and duplicate header cells', async () => {
    const ins = await inspectTable({ name: 'a.csv', bytes: utf8('AGS;;Wert;Wert\n01001;x;1;2\n') });
    expect(ins.columns).toEqual(['AGS', 'Spalte 2', 'Wert', 'Wert (2)']);
  });
});

describe('parseTidyTable (CSV)', () => {
  it('reads German numbers, flags and a period column', async () => {
    const ds = await parseTidyTable({ name: 'gemeinden.csv', bytes: bom(EXCEL_DE) }, MAPPING);
    expect(ds.meta).toMatchObject({ format: 'tidy-csv', encoding: 'utf-8', headerRow: 1, dataLines: 5 });
    expect(ds.statisticalVariables).toEqual([
      { key: 'einwohner', name: 'Einwohnerinnen und Einwohner', unit: 'Anzahl' },
      { key: 'anteil_u18', name: 'Anteil unter 18 in %', unit: 'Prozent' },
    ]);
    expect(ds.regions).toEqual([
      { code: '01001', name: 'Flensburg' },
      { code: '01002', name: 'Kiel' },
      { code: '01003', name: 'Lübeck' },
      { code: '01004', name: 'Neumünster' },
    ]);
    expect(ds.periods).toEqual([
      { type: 'year', date: '2014-01-01' },
      { type: 'year', date: '2015-01-01' },
    ]);
    const rows = [...ds.rows()];
    expect(ds.rowCount).toBe(10);
    expect(rows.map((r) => [r.line, r.column, r.regionCode, r.statisticalVariable, r.value, r.flag])).toEqual(
      [
        [2, 4, '01001', 'einwohner', '85942', null],
        [2, 5, '01001', 'anteil_u18', '15.3', null],
        [3, 4, '01002', 'einwohner', '246306', null],
        [3, 5, '01002', 'anteil_u18', '14.9', '()'],
        [4, 4, '01003', 'einwohner', '216253', null],
        [4, 5, '01003', 'anteil_u18', null, '.'],
        [5, 4, '01004', 'einwohner', '79197', 'p'],
        [5, 5, '01004', 'anteil_u18', null, '-'],
        [6, 4, '01001', 'einwohner', '84694', null],
        [6, 5, '01001', 'anteil_u18', '1015.25', null],
      ],
    );
    expect(rows[0]).toMatchObject({
      regionName: 'Flensburg',
      period: { type: 'year', date: '2015-01-01' },
      dims: {},
    });
  });

  it('German integers with thousands dots only (no decimal commas) are thousands', async () => {
    const t = 'AGS;Einwohner\n01001;85.942\n01002;246.306\n01003;999\n';
    const ins = await inspectTable({ name: 'a.csv', bytes: utf8(t) });
    expect(ins.decimalComma).toBe(true);
    const m: TidyMapping = {
      areaKey: { column: 'AGS' },
      period: { value: '2015', type: 'year' },
      values: [{ column: 'Einwohner', measure: 'e' }],
    };
    const ds = await parseTidyTable({ name: 'a.csv', bytes: utf8(t) }, m);
    expect([...ds.rows()].map((r) => r.value)).toEqual(['85942', '246306', '999']);
    // The mapping can override the detection.
    const en = await parseTidyTable({ name: 'a.csv', bytes: utf8(t) }, { ...m, decimalComma: false });
    expect([...en.rows()].map((r) => r.value)).toEqual(['85.942', '246.306', '999']);
  });

  it('reads ISO-8859-1 CSV', async () => {
    const ds = await parseTidyTable({ name: 'alt.csv', bytes: latin1(EXCEL_DE) }, MAPPING);
    expect(ds.meta.encoding).toBe('iso-8859-1');
    expect(ds.regions.map((r) => r.name)).toContain('Lübeck');
  });

  it.each([
    ['2015/16', undefined, { type: 'school_year', date: '2015-08-01' }],
    ['31.12.2015', undefined, { type: 'date', date: '2015-12-31' }],
    ['2015-12-31', undefined, { type: 'date', date: '2015-12-31' }],
    ['2015', 'school_year', { type: 'school_year', date: '2015-08-01' }],
  ] as const)('period column %s (type %s)', async (text, type, period) => {
    const ds = await parseTidyTable(
      { name: 'a.csv', bytes: utf8(`AGS;Zeit;Wert\n01001;${text};5\n`) },
      {
        areaKey: { column: 'AGS' },
        period: { column: 'Zeit', ...(type ? { type } : {}) },
        values: [{ column: 'Wert', measure: 'w' }],
      },
    );
    expect(ds.periods).toEqual([period]);
  });

  it('a constant period and wide value columns with constant dimensions', async () => {
    const t = 'id,inhabitants,below_6,6_15\n01011101,3126,129,106\n01011102,199,6,9\n';
    const ds = await parseTidyTable(
      { name: 'berlin-2015-01.csv', bytes: utf8(t) },
      {
        areaKey: { column: 'id' },
        period: { value: '2015-06-30', type: 'date' },
        values: [
          { column: 'inhabitants', measure: 'einwohner', dims: { altersgruppe: 'insgesamt' } },
          { column: 'below_6', measure: 'einwohner', dims: { altersgruppe: 'unter_6' } },
          { column: '6_15', measure: 'einwohner', dims: { altersgruppe: '6_bis_15' } },
        ],
      },
    );
    expect(ds.statisticalVariables).toEqual([{ key: 'einwohner', name: 'inhabitants', unit: null }]);
    expect(ds.dimensions).toEqual([
      {
        key: 'altersgruppe',
        name: 'altersgruppe',
        named: true,
        values: [
          { key: 'insgesamt', label: 'insgesamt', isTotal: true },
          { key: 'unter_6', label: 'unter_6', isTotal: false },
          { key: '6_bis_15', label: '6_bis_15', isTotal: false },
        ],
      },
    ]);
    const rows = [...ds.rows()];
    expect(rows.find((r) => r.regionCode === '01011102' && r.dims.altersgruppe === 'unter_6')).toMatchObject({
      value: '6',
      period: { type: 'date', date: '2015-06-30' },
      line: 3,
      column: 3,
    });
  });

  it('long format with a dimension column', async () => {
    const t = 'AGS;Geschlecht;Wert\n01001;männlich;10\n01001;weiblich;11\n01001;Insgesamt;21\n';
    const ds = await parseTidyTable(
      { name: 'a.csv', bytes: utf8(t) },
      {
        areaKey: { column: 'AGS' },
        period: { value: '2015', type: 'year' },
        dimensions: [{ column: 'Geschlecht' }],
        values: [{ column: 'Wert', measure: 'bev' }],
      },
    );
    expect(ds.dimensions).toEqual([
      {
        key: 'geschlecht',
        name: 'Geschlecht',
        named: true,
        values: [
          { key: 'maennlich', label: 'männlich', isTotal: false },
          { key: 'weiblich', label: 'weiblich', isTotal: false },
          { key: 'insgesamt', label: 'Insgesamt', isTotal: true },
        ],
      },
    ]);
    expect([...ds.rows()].map((r) => r.dims)).toEqual([
      { geschlecht: 'maennlich' },
      { geschlecht: 'weiblich' },
      { geschlecht: 'insgesamt' },
    ]);
  });

  it('a missing column is named, with the columns that exist', async () => {
    const e = await refused(
      parseTidyTable(
        { name: 'gemeinden.csv', bytes: bom(EXCEL_DE) },
        { ...MAPPING, areaKey: { column: 'Schlüssel' } },
      ),
    );
    expect(e.code).toBe('missing_column');
    expect(e.field).toBe('Schlüssel');
    expect(e.line).toBe(1);
    expect(e.message).toContain('Die Spalte „Schlüssel“ (Gebietsschlüssel) gibt es in der Kopfzeile nicht');
    expect(e.message).toContain('„AGS“');
  });

  it('bad values name line, column and header', async () => {
    const e = await refused(
      parseTidyTable({ name: 'gemeinden.csv', bytes: bom(EXCEL_DE.replace('216.253', 'k. A.')) }, MAPPING),
    );
    expect(e.code).toBe('invalid_value');
    expect([e.file, e.line, e.column, e.field]).toEqual(['gemeinden.csv', 4, 4, 'Einwohner']);
  });

  it('bad periods name line, column and header', async () => {
    const e = await refused(
      parseTidyTable({ name: 'g.csv', bytes: bom(EXCEL_DE.replace('2014', '20014')) }, MAPPING),
    );
    expect(e.code).toBe('invalid_period');
    expect([e.line, e.column, e.field]).toEqual([6, 3, 'Jahr']);
  });

  it('duplicate values (forgotten dimension column) are refused', async () => {
    const e = await refused(
      parseTidyTable(
        { name: 'g.csv', bytes: bom(EXCEL_DE) },
        { ...MAPPING, period: { value: '2015', type: 'year' } },
      ),
    );
    expect(e.code).toBe('duplicate_row');
    expect(e.line).toBe(6);
    expect(e.message).toContain('Zeile 2');
  });

  it('an unknown flag in the flag column is refused', async () => {
    const e = await refused(
      parseTidyTable({ name: 'g.csv', bytes: bom(EXCEL_DE.replace(';p', ';z')) }, MAPPING),
    );
    expect(e.code).toBe('invalid_flag');
    expect([e.line, e.column, e.field]).toEqual([5, 6, 'Kennzeichen']);
  });
});

/** Workbook as a statistics office would publish it: cover sheet, title rows, two-row header, footnote. */
async function workbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Deckblatt').getCell('A1').value = 'Statistischer Bericht';
  const ws = wb.addWorksheet('Daten');
  ws.getCell('A1').value = 'Bevölkerung nach Kreisen';
  ws.mergeCells('A1:E1');
  ws.getRow(3).values = ['Schlüssel', 'Kreis', 'Einwohner', 'Fläche in km²', 'Stichtag'];
  ws.getRow(4).values = [1, 2, 3, 4, 5];
  ws.getRow(5).values = ['01001', 'Flensburg', 89504, 56.73, new Date(Date.UTC(2018, 11, 31))];
  ws.getRow(6).values = ['01002', 'Kiel', 247548, 118.65, new Date(Date.UTC(2018, 11, 31))];
  ws.getRow(7).values = ['01003', 'Lübeck', '.', 214.19000000000003, new Date(Date.UTC(2018, 11, 31))];
  ws.getRow(8).values = [
    '01004',
    'Neumünster',
    { formula: 'C5-10000', result: 79504 },
    'k. A.',
    new Date(Date.UTC(2018, 11, 31)),
  ];
  // Key stored as a number: Excel shows 1051 for 01051.
  ws.getRow(9).values = [1051, 'Dithmarschen', 133210, 1428.17, new Date(Date.UTC(2018, 11, 31))];
  ws.getCell('A11').value = '1) Fläche ohne Küstengewässer';
  ws.mergeCells('A11:E11');
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('XLSX', () => {
  it('inspects: sheets, data sheet, header row below the title, sample', async () => {
    const ins = await inspectTable({ name: 'kreise.xlsx', bytes: await workbook() });
    expect(ins).toMatchObject({
      format: 'tidy-xlsx',
      encoding: 'utf-8',
      sheets: ['Deckblatt', 'Daten'],
      headerRow: 3,
      columns: ['Schlüssel', 'Kreis', 'Einwohner', 'Fläche in km²', 'Stichtag'],
      decimalComma: false,
    });
    expect(ins.sample[0]).toEqual(['01001', 'Flensburg', '89504', '56.73', '2018-12-31']);
    expect(ins.suggested).toMatchObject({ sheet: 'Daten', headerRow: 3, areaKey: { column: 'Schlüssel' } });
  });

  it('parses numbers exactly, flags, formulas; skips numbering and footnote rows; errors name the row', async () => {
    const bytes = await workbook();
    const mapping: TidyMapping = {
      areaKey: { column: 'Schlüssel' },
      areaName: { column: 'Kreis' },
      period: { column: 'Stichtag', type: 'date' },
      values: [{ column: 'Einwohner', measure: 'bev' }],
    };
    const ds = await parseTidyTable({ name: 'kreise.xlsx', bytes }, mapping);
    expect(ds.meta).toMatchObject({ format: 'tidy-xlsx', sheet: 'Daten', headerRow: 3, dataLines: 5 });
    expect(ds.meta.skippedRows).toEqual({ count: 1, lines: [11] });
    expect(
      [...ds.rows()].map((r) => [r.line, r.column, r.regionCode, r.value, r.flag, r.period.date]),
    ).toEqual([
      [5, 3, '01001', '89504', null, '2018-12-31'],
      [6, 3, '01002', '247548', null, '2018-12-31'],
      [7, 3, '01003', null, '.', '2018-12-31'],
      [8, 3, '01004', '79504', null, '2018-12-31'],
      [9, 3, '01051', '133210', null, '2018-12-31'],
    ]);

    const area = await parseTidyTable(
      { name: 'kreise.xlsx', bytes },
      { ...mapping, values: [{ column: 'Fläche in km²', measure: 'flaeche', unit: 'km²' }] },
    ).catch((e: unknown) => e);
    expect(area).toBeInstanceOf(ImportFileError);
    expect(area).toMatchObject({ code: 'invalid_value', line: 8, column: 4, field: 'Fläche in km²' });
  });

  it('reads a named sheet and refuses a missing one', async () => {
    const bytes = await workbook();
    const e = await refused(
      parseTidyTable(
        { name: 'kreise.xlsx', bytes },
        { sheet: 'Tabelle1', areaKey: { column: 'A' }, period: { value: '2018', type: 'year' }, values: [] },
      ),
    );
    expect(e.code).toBe('missing_sheet');
    expect(e.message).toContain('„Deckblatt“, „Daten“');
  });

  it('float cells become exact decimals with Excel precision (214.19000000000003 → 214.19, 0.1 + 0.2 → 0.3)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('T');
    ws.addRow(['AGS', 'Fläche']);
    ws.addRow(['01003', 214.19000000000003]);
    ws.addRow(['01004', 0.1 + 0.2]);
    ws.addRow(['01005', -1.5e-7]);
    const ds = await parseTidyTable(
      { name: 't.xlsx', bytes: new Uint8Array(await wb.xlsx.writeBuffer()) },
      {
        areaKey: { column: 'AGS' },
        period: { value: '2018', type: 'year' },
        values: [{ column: 'Fläche', measure: 'f' }],
      },
    );
    expect([...ds.rows()].map((r) => r.value)).toEqual(['214.19', '0.3', '-0.00000015']);
  });
});
