import { describe, expect, it } from 'vitest';
import { parseGenesisTable } from './genesisTable';
import { ImportFileError } from './types';
import type { DataRow, Dataset } from './types';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const latin1 = (s: string): Uint8Array => Uint8Array.from([...s].map((c) => c.charCodeAt(0)));
const parse = (text: string, name = 'test.csv'): Dataset => parseGenesisTable({ name, bytes: utf8(text) });
const all = (ds: Dataset): DataRow[] => [...ds.rows()];

function refused(text: string | Uint8Array, name = 'test.csv'): ImportFileError {
  try {
    parseGenesisTable({ name, bytes: typeof text === 'string' ? utf8(text) : text });
  } catch (e) {
    expect(e).toBeInstanceOf(ImportFileError);
    return e as ImportFileError;
  }
  throw new Error('expected ImportFileError');
}

const FOOTER = [
  '__________',
  '"zu ""Betreute Kinder"":',
  'Testfußnote',
  'über zwei Zeilen"',
  '"© Statistische Ämter des Bundes und der Länder, Deutschland, 2017.',
  'Dieses Werk ist lizenziert unter der Datenlizenz Deutschland"',
  'Stand: 10.10.2017 / 17:33:29',
];

// Flat layout (period in column 1), one extra row-label column, 4 header rows incl. unit row.
const FLAT = [
  'GENESIS-Tabelle: 99999-01-01-4', // 1
  'Statistik der Testbetreuung,;;;;;;', // 2
  'nach Art der Betreuung - Stichtage -;;;;;;', // 3
  'regionale Tiefe: Kreise und krfr. Städte;;;;;;', // 4
  'Statistik der Testbetreuung;;;;;;', // 5
  ';;;;Betreute Kinder;Betreute Kinder;Betreute Kinder', // 6
  ';;;;;Altersgruppe;Altersgruppe', // 7
  ';;;;;unter 3 Jahre;3 bis unter 6 Jahre', // 8
  ';;;;Anzahl;Anzahl;Anzahl', // 9
  '01.03.2016;DG;Deutschland;Tageseinrichtung;100;20;80', // 10
  '01.03.2016;DG;Deutschland;Insgesamt;110;25;85', // 11
  '01.03.2016;01001;      Flensburg, Kreisfreie Stadt;Tageseinrichtung;12,5;(3);x', // 12
  '01.03.2016;01001;      Flensburg, Kreisfreie Stadt;Insgesamt;-;.;5p', // 13
  '01.03.2015;01001;      Flensburg, Kreisfreie Stadt;Insgesamt;-7;/;...', // 14
  ...FOOTER, // 15–21
].join('\n');

describe('parseGenesisTable: flat layout', () => {
  const ds = parse(FLAT);

  it('reads the metadata', () => {
    expect(ds.meta).toMatchObject({
      format: 'genesis-table',
      encoding: 'utf-8',
      tableCode: '99999-01-01-4',
      title: 'Statistik der Testbetreuung, nach Art der Betreuung - Stichtage -',
      statistic: 'Statistik der Testbetreuung',
      regionalDepth: 'Kreise und krfr. Städte',
      footnotes: 'zu "Betreute Kinder":\nTestfußnote\nüber zwei Zeilen',
      stand: '10.10.2017 / 17:33:29',
      layout: 'flat',
      dataLines: 5,
    });
    expect(ds.meta.copyright).toMatch(
      /^© Statistische Ämter des Bundes und der Länder, Deutschland, 2017\.\nDieses Werk/,
    );
  });

  it('finds the statistical variable from the top header row and the unit from the unit row', () => {
    expect(ds.statisticalVariables).toEqual([
      { key: '99999-01-01-4.betreute_kinder', name: 'Betreute Kinder', unit: 'Anzahl' },
    ]);
  });

  it('finds the named header dimension and the unnamed row-label dimension', () => {
    expect(ds.dimensions).toEqual([
      {
        key: 'merkmal_1',
        name: 'Merkmal 1 (Tageseinrichtung, Insgesamt)',
        named: false,
        values: [
          { key: 'tageseinrichtung', label: 'Tageseinrichtung', isTotal: false },
          { key: 'insgesamt', label: 'Insgesamt', isTotal: true },
        ],
      },
      {
        key: 'altersgruppe',
        name: 'Altersgruppe',
        named: true,
        values: [
          { key: 'unter_3_jahre', label: 'unter 3 Jahre', isTotal: false },
          { key: '3_bis_unter_6_jahre', label: '3 bis unter 6 Jahre', isTotal: false },
        ],
      },
    ]);
  });

  it('regions keep leading zeros and lose their indentation; periods are sorted dates', () => {
    expect(ds.regions).toEqual([
      { code: 'DG', name: 'Deutschland' },
      { code: '01001', name: 'Flensburg, Kreisfreie Stadt' },
    ]);
    expect(ds.periods).toEqual([
      { type: 'date', date: '2015-03-01' },
      { type: 'date', date: '2016-03-01' },
    ]);
  });

  it('yields one row per cell with line and column', () => {
    const rows = all(ds);
    expect(ds.rowCount).toBe(15);
    expect(rows).toHaveLength(15);
    const at = (line: number, column: number) => rows.find((r) => r.line === line && r.column === column);
    expect(at(10, 5)).toEqual({
      line: 10,
      column: 5,
      statisticalVariable: '99999-01-01-4.betreute_kinder',
      regionCode: 'DG',
      regionName: 'Deutschland',
      period: { type: 'date', date: '2016-03-01' },
      dims: { merkmal_1: 'tageseinrichtung' },
      value: '100',
      flag: null,
    });
    expect(at(12, 5)).toMatchObject({ regionCode: '01001', value: '12.5', flag: null });
    expect(at(12, 6)).toMatchObject({
      dims: { merkmal_1: 'tageseinrichtung', altersgruppe: 'unter_3_jahre' },
      value: '3',
      flag: '()',
    });
    expect(at(12, 7)).toMatchObject({ value: null, flag: 'x' });
    expect(at(13, 5)).toMatchObject({ value: null, flag: '-', dims: { merkmal_1: 'insgesamt' } });
    expect(at(13, 6)).toMatchObject({ value: null, flag: '.' });
    expect(at(13, 7)).toMatchObject({
      value: '5',
      flag: 'p',
      dims: { merkmal_1: 'insgesamt', altersgruppe: '3_bis_unter_6_jahre' },
    });
    expect(at(14, 5)).toMatchObject({
      value: '-7',
      flag: null,
      period: { type: 'date', date: '2015-03-01' },
    });
    expect(at(14, 6)).toMatchObject({ value: null, flag: '/' });
    expect(at(14, 7)).toMatchObject({ value: null, flag: '...' });
  });

  it('rows() can be called again and gives the same rows', () => {
    expect(all(ds)).toEqual(all(ds));
  });

  it('rows() is lazy: the first row comes before the rest of the file is read', () => {
    const gen = ds.rows();
    const first = gen.next();
    expect(first.done).toBe(false);
    expect(first.value).toMatchObject({ line: 10, column: 5 });
    gen.return(undefined);
  });
});

// Period-block layout: period lines above the header and between blocks, 3 label columns.
const BLOCK = [
  'GENESIS-Tabelle: 99999-02-01-4', // 1
  'Allgemeinbildende Schulen: Schulen, Schüler nach Schulart;;;;', // 2
  '- Stichtag: Schuljahresbeginn -;;;;', // 3
  'regionale Tiefe: Kreise und krfr. Städte;;;;', // 4
  'Statistik der allgemein bildenden Schulen;;;;', // 5
  '2015;;;;', // 6
  ';;;Allgemein bildende Schulen;Schüler(innen) an allgemein bildenden Schulen;Schüler(innen) an allgemein bildenden Schulen', // 7
  ';;;;Geschlecht;Nationalität', // 8
  ';;;;weiblich;Ausländer(innen)', // 9
  ';;;Anzahl;Anzahl;Anzahl', // 10
  'DG;Deutschland;Grundschulen;15421;1332689;226962', // 11
  '01;  Schleswig-Holstein;Grundschulen;400;50000;x', // 12
  '2014;;;;;', // 13
  'DG;Deutschland;Grundschulen;15500;1330000;.', // 14
  '__________', // 15
  'Stand: 10.10.2017 / 17:34:22', // 16
].join('\n');

describe('parseGenesisTable: period-block layout', () => {
  const ds = parse(BLOCK);
  it('reads periods from period lines', () => {
    expect(ds.meta.layout).toBe('period-block');
    expect(ds.meta.statistic).toBe('Statistik der allgemein bildenden Schulen');
    expect(ds.periods).toEqual([
      { type: 'year', date: '2014-01-01' },
      { type: 'year', date: '2015-01-01' },
    ]);
    expect(ds.statisticalVariables.map((m) => [m.key, m.name, m.unit])).toEqual([
      ['99999-02-01-4.allgemein_bildende_schulen', 'Allgemein bildende Schulen', 'Anzahl'],
      [
        '99999-02-01-4.schueler_innen_an_allgemein_bildenden_schulen',
        'Schüler(innen) an allgemein bildenden Schulen',
        'Anzahl',
      ],
    ]);
    expect(ds.dimensions.map((d) => [d.key, d.name, d.named])).toEqual([
      ['merkmal_1', 'Merkmal 1 (Grundschulen)', false],
      ['geschlecht', 'Geschlecht', true],
      ['nationalitaet', 'Nationalität', true],
    ]);
  });
  it('rows', () => {
    const rows = all(ds);
    expect(rows).toHaveLength(9);
    expect(rows.find((r) => r.line === 14 && r.column === 4)).toMatchObject({
      regionCode: 'DG',
      period: { type: 'year', date: '2014-01-01' },
      statisticalVariable: '99999-02-01-4.allgemein_bildende_schulen',
      dims: { merkmal_1: 'grundschulen' },
      value: '15500',
    });
    expect(rows.find((r) => r.line === 12 && r.column === 6)).toMatchObject({
      regionCode: '01',
      regionName: 'Schleswig-Holstein',
      period: { type: 'year', date: '2015-01-01' },
      dims: { merkmal_1: 'grundschulen', nationalitaet: 'auslaender_innen' },
      value: null,
      flag: 'x',
    });
    expect(rows.find((r) => r.line === 11 && r.column === 5)?.dims).toEqual({
      merkmal_1: 'grundschulen',
      geschlecht: 'weiblich',
    });
  });
});

// Wide layout: periods in a header row, statistical variable from the line above the header, no unit row.
const WIDE = [
  'GENESIS-Tabelle: 99999-03-01-4', // 1
  'Bevölkerungsstand: Bevölkerung nach Geschlecht;;;;;', // 2
  '- Stichtag 31.12. -;;;;;', // 3
  'regionale Tiefe: Kreise und krfr. Städte;;;;;', // 4
  'Fortschreibung des Bevölkerungsstandes;;;;;', // 5
  'Bevölkerungsstand (Anzahl);;;;;', // 6
  ';;31.12.2015;31.12.2015;31.12.2014;31.12.2014', // 7
  ';;Insgesamt;weiblich;Insgesamt;weiblich', // 8
  'DG;Deutschland;82175684;41661561;81197537;41362080', // 9
  '01001;      Flensburg, Kreisfreie Stadt;85942;43175;84694;-', // 10
  '__________', // 11
  'Stand: 14.12.2017 / 15:51:18', // 12
].join('\n');

describe('parseGenesisTable: wide layout', () => {
  const ds = parse(WIDE);
  it('reads periods from the header and the statistical variable from the title line', () => {
    expect(ds.meta.layout).toBe('wide');
    expect(ds.meta.statistic).toBe('Fortschreibung des Bevölkerungsstandes');
    expect(ds.meta.title).toBe('Bevölkerungsstand: Bevölkerung nach Geschlecht - Stichtag 31.12. -');
    expect(ds.statisticalVariables).toEqual([
      { key: '99999-03-01-4.bevoelkerungsstand', name: 'Bevölkerungsstand', unit: 'Anzahl' },
    ]);
    expect(ds.dimensions).toEqual([
      {
        key: 'merkmal_1',
        name: 'Merkmal 1 (Insgesamt, weiblich)',
        named: false,
        values: [
          { key: 'insgesamt', label: 'Insgesamt', isTotal: true },
          { key: 'weiblich', label: 'weiblich', isTotal: false },
        ],
      },
    ]);
    expect(ds.periods).toEqual([
      { type: 'date', date: '2014-12-31' },
      { type: 'date', date: '2015-12-31' },
    ]);
  });
  it('rows', () => {
    const rows = all(ds);
    expect(rows).toHaveLength(8);
    expect(rows.find((r) => r.line === 9 && r.column === 5)).toMatchObject({
      period: { type: 'date', date: '2014-12-31' },
      dims: { merkmal_1: 'insgesamt' },
      value: '81197537',
    });
    expect(rows.find((r) => r.line === 10 && r.column === 6)).toMatchObject({
      regionCode: '01001',
      period: { type: 'date', date: '2014-12-31' },
      dims: { merkmal_1: 'weiblich' },
      value: null,
      flag: '-',
    });
  });
});

describe('parseGenesisTable: header inference', () => {
  it('top row naming a dimension + statistical variable from the title line (21111-02-06-4 style)', () => {
    const ds = parse(
      [
        'GENESIS-Tabelle: 99999-04-01-4',
        'Allgemeinbildende Schulen: Absolventen/Abgänger;;;;;;',
        'nach dem Schulabschluss - Schuljahr -;;;;;;',
        'regionale Tiefe: Kreise und krfr. Städte;;;;;;',
        'Statistik der allgemein bildenden Schulen;;;;;;',
        'Absolventen/Abgänger (Anzahl);;;;;;',
        ';;;Schulabschluss;Schulabschluss;Schulabschluss;Schulabschluss',
        ';;;Insgesamt;Insgesamt;mit Hauptschulabschluss;mit Hauptschulabschluss',
        ';;;Insgesamt;weiblich;Insgesamt;weiblich',
        '2015;DG;Deutschland;846423;414111;139952;57358',
        '__________',
        'Stand: 24.02.2018 / 11:43:46',
      ].join('\n'),
    );
    expect(ds.statisticalVariables).toEqual([
      { key: '99999-04-01-4.absolventen_abgaenger', name: 'Absolventen/Abgänger', unit: 'Anzahl' },
    ]);
    expect(ds.dimensions.map((d) => [d.key, d.name, d.named, d.values.map((v) => v.label)])).toEqual([
      ['schulabschluss', 'Schulabschluss', true, ['Insgesamt', 'mit Hauptschulabschluss']],
      ['merkmal_1', 'Merkmal 1 (Insgesamt, weiblich)', false, ['Insgesamt', 'weiblich']],
    ]);
    const rows = all(ds);
    expect(rows.find((r) => r.column === 7)).toMatchObject({
      dims: { schulabschluss: 'mit_hauptschulabschluss', merkmal_1: 'weiblich' },
      value: '57358',
      period: { type: 'year', date: '2015-01-01' },
    });
  });

  it('five header rows with two name/value pairs (21121-02-02-4 style)', () => {
    const ds = parse(
      [
        'GENESIS-Tabelle: 99999-05-01-4',
        'Absolventen beruflicher Schulen;;;;;;',
        'regionale Tiefe: Kreise und krfr. Städte;;;;;;',
        'Statistik der beruflichen Schulen;;;;;;',
        ';;;Absolventen;Absolventen;Absolventen;Absolventen',
        ';;;Geschlecht;Geschlecht;davon mit;davon mit',
        ';;;Insgesamt;weiblich;mit Hauptschulabschluss;mit Hauptschulabschluss',
        ';;;;;Geschlecht;Geschlecht',
        ';;;;;Insgesamt;weiblich',
        ';;;Anzahl;Anzahl;Anzahl;Anzahl',
        '2015;DG;Deutschland;261947;125666;30783;11669',
        '__________',
        'Stand: 10.10.2017 / 14:44:56',
      ].join('\n'),
    );
    expect(ds.statisticalVariables.map((m) => m.name)).toEqual(['Absolventen']);
    expect(ds.dimensions.map((d) => [d.key, d.values.map((v) => v.key)])).toEqual([
      ['geschlecht', ['insgesamt', 'weiblich']],
      ['davon_mit', ['mit_hauptschulabschluss']],
    ]);
    expect(all(ds).map((r) => [r.column, r.dims, r.value])).toEqual([
      [4, { geschlecht: 'insgesamt' }, '261947'],
      [5, { geschlecht: 'weiblich' }, '125666'],
      [6, { davon_mit: 'mit_hauptschulabschluss', geschlecht: 'insgesamt' }, '30783'],
      [7, { davon_mit: 'mit_hauptschulabschluss', geschlecht: 'weiblich' }, '11669'],
    ]);
  });

  it('values without a name in a row that also holds names (22541-01-04-4 style)', () => {
    const ds = parse(
      [
        'GENESIS-Tabelle: 99999-06-01-4',
        'Tageseinrichtungen für Kinder - Stichtage -;;;;;;',
        'regionale Tiefe: Kreise und krfr. Städte;;;;;;',
        'Statistik der Tageseinrichtungen für Kinder;;;;;;',
        ';;;Tageseinrichtungen;Tageseinrichtungen;Tätige Personen;Tätige Personen',
        ';;;;unter 3 Jahre;Tätige Personen in Tageseinrichtungen;Tätige Personen in Tageseinrichtungen',
        ';;;;;Tätige Personen insgesamt;pädagogisches Personal',
        ';;;Anzahl;Anzahl;Anzahl;Anzahl',
        '01.03.2016;DG;Deutschland;54871;2046;666455;539831',
        '__________',
        'Stand: 10.10.2017 / 10:46:26',
      ].join('\n'),
    );
    expect(ds.dimensions.map((d) => [d.key, d.name, d.named])).toEqual([
      ['merkmal_1', 'Merkmal 1 (unter 3 Jahre)', false],
      ['taetige_personen_in_tageseinrichtungen', 'Tätige Personen in Tageseinrichtungen', true],
    ]);
    expect(ds.dimensions[1]!.values.map((v) => [v.label, v.isTotal])).toEqual([
      ['Tätige Personen insgesamt', true],
      ['pädagogisches Personal', false],
    ]);
    expect(all(ds).map((r) => [r.statisticalVariable, r.dims])).toEqual([
      ['99999-06-01-4.tageseinrichtungen', {}],
      ['99999-06-01-4.tageseinrichtungen', { merkmal_1: 'unter_3_jahre' }],
      [
        '99999-06-01-4.taetige_personen',
        { taetige_personen_in_tageseinrichtungen: 'taetige_personen_insgesamt' },
      ],
      [
        '99999-06-01-4.taetige_personen',
        { taetige_personen_in_tageseinrichtungen: 'paedagogisches_personal' },
      ],
    ]);
  });

  it('quoted title cells, also over two lines, keep line numbers right', () => {
    const ds = parse(
      [
        'GENESIS-Tabelle: AI-N-05', // 1
        'Regionalatlas Deutschland Indikatoren des Indikatorensystems;;;;', // 2
        // Lines 3–4 as in AI-N-05_00.csv: a quoted cell, then a stray quote in an unquoted cell.
        '"""Nachhaltigkeit"" Themenbereich ""Ganztagsbetreuung von";;;;', // 3
        'Kindern";;;;', // 4
        '"Zweite Titelzeile über', // 5
        'zwei Zeilen";;;;', // 6
        'Regionalatlas Deutschland;;;;', // 7
        ';;;Ganztagsbetreuung 0 bis 2 Jahre;Ganztagsbetreuung 3 bis 5 Jahre', // 8
        ';;;Prozent;Prozent', // 9
        '2009;DG;Deutschland;9,9;29,9', // 10
        '2009;01;  Schleswig-Holstein;4,4;14,6', // 11
        '__________', // 12
        'Stand: 10.10.2017 / 18:09:47', // 13
      ].join('\n'),
    );
    expect(ds.meta.title).toBe(
      'Regionalatlas Deutschland Indikatoren des Indikatorensystems "Nachhaltigkeit" Themenbereich "Ganztagsbetreuung von Kindern" Zweite Titelzeile über zwei Zeilen',
    );
    expect(ds.meta.statistic).toBe('Regionalatlas Deutschland');
    expect(ds.meta.regionalDepth).toBeUndefined();
    expect(ds.statisticalVariables.map((m) => [m.key, m.unit])).toEqual([
      ['AI-N-05.ganztagsbetreuung_0_bis_2_jahre', 'Prozent'],
      ['AI-N-05.ganztagsbetreuung_3_bis_5_jahre', 'Prozent'],
    ]);
    expect(all(ds).find((r) => r.line === 11 && r.column === 5)).toMatchObject({
      regionCode: '01',
      value: '14.6',
    });
  });

  it('header rows with a trailing separator that data rows lack', () => {
    const ds = parse(
      WIDE.replace(';;Insgesamt;weiblich;Insgesamt;weiblich', ';;Insgesamt;weiblich;Insgesamt;weiblich;'),
    );
    expect(ds.rowCount).toBe(8);
  });

  it('CRLF line endings', () => {
    const ds = parse(WIDE.replace(/\n/g, '\r\n'));
    expect(all(ds).find((r) => r.line === 10 && r.column === 3)).toMatchObject({
      value: '85942',
      regionCode: '01001',
    });
  });

  it('ISO-8859-1 files', () => {
    const ds = parseGenesisTable({ name: 'alt.csv', bytes: latin1(BLOCK) });
    expect(ds.meta.encoding).toBe('iso-8859-1');
    expect(ds.statisticalVariables[1]!.name).toBe('Schüler(innen) an allgemein bildenden Schulen');
    expect(ds.dimensions[2]!.name).toBe('Nationalität');
    expect(ds.meta.regionalDepth).toBe('Kreise und krfr. Städte');
  });
});

describe('parseGenesisTable: refused files', () => {
  it('a GeoJSON file is no GENESIS table', () => {
    const e = refused('{"type":"FeatureCollection","features":[]}', 'kreise.geojson');
    expect(e.code).toBe('not_genesis_table');
    expect([e.file, e.line, e.column]).toEqual(['kreise.geojson', 1, 1]);
    expect(e.message).toContain('GENESIS-Tabelle:');
  });

  it('a PNG image is no GENESIS table', () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    const e = refused(png, 'bild.png');
    expect(e.code).toBe('not_genesis_table');
    expect(e.message).toContain('PNG-Bild');
    expect([e.line, e.column]).toEqual([1, 1]);
  });

  it('a truncated file without footer names the last line', () => {
    const cut = FLAT.split('\n').slice(0, 12).join('\n');
    const e = refused(cut);
    expect(e.code).toBe('truncated');
    expect(e.line).toBe(12);
  });

  it('a truncated file with a newline at the end names the last line', () => {
    const cut = FLAT.split('\n').slice(0, 13).join('\n') + '\n';
    expect(refused(cut).line).toBe(13);
  });

  it('a file cut after the separator (no Stand line) names the last line', () => {
    // Lines 15–20: separator, footnote (16–18), copyright (19–20); the Stand line 21 is missing.
    const cut = FLAT.split('\n').slice(0, 20).join('\n');
    const e = refused(cut);
    expect(e.code).toBe('truncated');
    expect(e.line).toBe(20);
    expect(e.message).toContain('Stand:');
  });

  it('a file cut inside the footnote (open quote) is refused', () => {
    const cut = FLAT.split('\n').slice(0, 16).join('\n');
    const e = refused(cut);
    expect(e.code).toBe('unclosed_quote');
  });

  it('a data row with fewer cells than the header names line and column', () => {
    const lines = FLAT.split('\n');
    lines[11] = '01.03.2016;01001;      Flensburg, Kreisfreie Stadt;Tageseinrichtung;12,5';
    const e = refused(lines.join('\n'));
    expect(e.code).toBe('short_row');
    expect([e.line, e.column]).toEqual([12, 6]);
    expect(e.field).toBe('Betreute Kinder / Altersgruppe / unter 3 Jahre');
  });

  it('a malformed region key names line and column', () => {
    const lines = FLAT.split('\n');
    lines[12] = '01.03.2016;01O01;      Flensburg, Kreisfreie Stadt;Insgesamt;-;.;5p';
    const e = refused(lines.join('\n'));
    expect(e.code).toBe('invalid_region_key');
    expect([e.line, e.column]).toEqual([13, 2]);
    expect(e.message).toContain('„01O01“');
  });

  it('unknown text in a value cell names line, column and the column header', () => {
    const lines = FLAT.split('\n');
    lines[9] = '01.03.2016;DG;Deutschland;Tageseinrichtung;100;k.A.;80';
    const e = refused(lines.join('\n'));
    expect(e.code).toBe('invalid_value');
    expect([e.line, e.column, e.field]).toEqual([10, 6, 'Betreute Kinder / Altersgruppe / unter 3 Jahre']);
  });

  it('an empty value cell is refused', () => {
    const lines = FLAT.split('\n');
    lines[9] = '01.03.2016;DG;Deutschland;Tageseinrichtung;100;;80';
    expect(refused(lines.join('\n')).code).toBe('empty_value');
  });

  it('a period-block table without any period line is refused', () => {
    const lines = BLOCK.split('\n').filter((l) => !/^20\d\d;/.test(l));
    const e = refused(lines.join('\n'));
    expect(e.code).toBe('no_period');
    expect(e.line).toBe(10);
  });

  it('a wrong period in the flat layout', () => {
    const lines = FLAT.split('\n');
    lines[10] = '31.02.2016;DG;Deutschland;Insgesamt;110;25;85';
    const e = refused(lines.join('\n'));
    expect(e.code).toBe('invalid_period');
    expect([e.line, e.column]).toEqual([11, 1]);
  });

  it('a table without header rows', () => {
    const e = refused(
      ['GENESIS-Tabelle: 1', 'Titel;;', '2015;DG;Deutschland;5', '__________', 'Stand: x'].join('\n'),
    );
    expect(e.code).toBe('no_header');
  });
});
