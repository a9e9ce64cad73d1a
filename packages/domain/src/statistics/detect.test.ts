import ExcelJS from 'exceljs';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { detectFormat, openDataset } from './detect';
import { ImportFileError } from './types';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const f = (name: string, content: string | Uint8Array) => ({
  name,
  bytes: typeof content === 'string' ? utf8(content) : content,
});

const GENESIS = [
  'GENESIS-Tabelle: 11111-01-01-4',
  'Gebietsstand: Gebietsfläche in qkm - Stichtag 31.12. -;;;',
  'regionale Tiefe: Kreise und krfr. Städte;;;',
  'Feststellung des Gebietsstandes;;;',
  ';;;Gebietsfläche',
  ';;;qkm',
  '31.12.2015;DG;Deutschland;357385,71',
  '31.12.2015;01001;      Flensburg, Kreisfreie Stadt;56,74',
  '__________',
  'Stand: 10.10.2017 / 13:08:02',
].join('\n');
const FF =
  'statistics_code;statistics_label;time_code;time_label;time;1_variable_code;1_variable_label;1_variable_attribute_code;1_variable_attribute_label;value;value_unit;value_variable_code;value_variable_label;value_q\n' +
  '12411;Bevölkerung;JAHR;Jahr;2015;DINSG;Deutschland insgesamt;DG;Deutschland;82175684;Anzahl;BEVSTD;Bevölkerungsstand;e\n';

async function xlsx(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('T');
  ws.addRow(['AGS', 'Wert']);
  ws.addRow(['01001', 5]);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('detectFormat', () => {
  it.each([
    ['tab.csv', GENESIS, 'genesis-table'],
    ['tab.csv', '\ufeff' + GENESIS, 'genesis-table'],
    ['12411-0010_de_flat.csv', FF, 'genesis-ffcsv'],
    ['x.csv', 'AGS;Name;Wert\n01001;Flensburg;5\n', 'tidy-csv'],
    [
      'base.csv',
      'DG,Deutschland,False,Staat,0,deutschland,,,\n01,Schleswig-Holstein,False,Bundesland,1,schleswig-holstein,,,\n',
      'tidy-csv',
    ],
    ['k.geojson', '{"type":"FeatureCollection","features":[]}', 'boundaries'],
    ['k.topojson', '{"type":"Topology","objects":{},"arcs":[]}', 'boundaries'],
    [
      'k.kml',
      '<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document/></kml>',
      'boundaries',
    ],
    ['notes.txt', 'Nur ein Satz ohne Trennzeichen\nNoch einer\n', 'unknown'],
    ['data.json', '{"a":1}', 'unknown'],
    ['empty.csv', '', 'unknown'],
  ] as const)('%s → %s', (name, content, format) => {
    expect(detectFormat(f(name, content))).toBe(format);
  });

  it('by content, not by name', () => {
    expect(detectFormat(f('tabelle.xlsx', GENESIS))).toBe('genesis-table');
  });

  it('binary files', async () => {
    expect(detectFormat(f('b.png', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))).toBe(
      'unknown',
    );
    expect(detectFormat(f('b.pdf', utf8('%PDF-1.7\n')))).toBe('unknown');
    expect(detectFormat(f('t.xlsx', await xlsx()))).toBe('tidy-xlsx');
    expect(
      detectFormat(f('s.zip', zipSync({ 'gem.shp': Uint8Array.of(1), 'gem.dbf': Uint8Array.of(2) }))),
    ).toBe('boundaries');
    expect(detectFormat(f('ff.zip', zipSync({ '12411-0010_de_flat.csv': utf8(FF) })))).toBe('genesis-ffcsv');
    expect(detectFormat(f('x.zip', zipSync({ 'readme.txt': utf8('hallo') })))).toBe('unknown');
    expect(detectFormat(f('broken.zip', Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])))).toBe('unknown');
  });

  it('a broken encoding is unknown', () => {
    expect(detectFormat(f('x.csv', Uint8Array.from([...utf8('a;ä\n'), 0xfc, 0x3b, 0x31])))).toBe('unknown');
  });
});

describe('openDataset', () => {
  it('dispatches GENESIS tables and flat files', async () => {
    const t = await openDataset(f('11111-01-01-4_00.csv', GENESIS));
    expect(t.meta.format).toBe('genesis-table');
    expect([...t.rows()].map((r) => r.value)).toEqual(['357385.71', '56.74']);
    const ff = await openDataset(f('12411-0010_de_flat.csv', FF));
    expect(ff.meta.format).toBe('genesis-ffcsv');
    expect([...ff.rows()][0]).toMatchObject({ regionCode: 'DG', value: '82175684' });
  });

  it('tidy tables need a mapping', async () => {
    await expect(openDataset(f('x.csv', 'AGS;Wert\n01001;5\n'))).rejects.toMatchObject({
      code: 'mapping_required',
    });
    const ds = await openDataset(f('x.csv', 'AGS;Wert\n01001;5\n'), {
      mapping: {
        areaKey: { column: 'AGS' },
        period: { value: '2015', type: 'year' },
        values: [{ column: 'Wert', measure: 'w' }],
      },
    });
    expect(ds.meta.format).toBe('tidy-csv');
    const x = await openDataset(f('t.xlsx', await xlsx()), {
      mapping: {
        areaKey: { column: 'AGS' },
        period: { value: '2015', type: 'year' },
        values: [{ column: 'Wert', measure: 'w' }],
      },
    });
    expect([...x.rows()][0]).toMatchObject({ regionCode: '01001', value: '5' });
  });

  it('refuses boundaries and unknown files with ImportFileError', async () => {
    const b = await openDataset(f('k.geojson', '{"type":"FeatureCollection","features":[]}')).catch(
      (e: unknown) => e,
    );
    expect(b).toBeInstanceOf(ImportFileError);
    expect(b).toMatchObject({ code: 'boundaries_not_statistics', file: 'k.geojson' });
    const u = await openDataset(f('b.png', Uint8Array.from([0x89, 0x50, 0x4e, 0x47]))).catch(
      (e: unknown) => e,
    );
    expect(u).toMatchObject({ code: 'unknown_format', file: 'b.png' });
  });
});
