import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { DirectoryListError, parseDirectoryList, parseDirectoryXlsx } from './importList';

/** A list in no known layout: German column names, the street in two columns. */
const HEADER = ['Einrichtung', 'Straße', 'Hausnr', 'PLZ', 'Breite', 'Länge', 'Plätze'];
const ROWS = [
  ['Lernhaus Nord', 'Nordweg', '3', '39104', '52,131', '11,627', '40'],
  ['Lernhaus Süd', 'Südweg', '5', '3910', '52,120', '11,630', ''],
];
const MAPPING = {
  name: 'Einrichtung',
  street: ['Straße', 'Hausnr'],
  postcode: 'PLZ',
  cityName: 'Musterstadt',
  lat: 'Breite',
  lon: 'Länge',
  capacity: 'Plätze',
  type: 'familienzentrum' as const,
  categories: ['non_formale_bildung' as const],
  licence: 'dl-de/by-2-0',
  attribution: 'Stadt Musterstadt',
};

describe('a list with a column mapping (CSV and XLSX)', () => {
  it('reads the named columns, joins the street, takes fixed type, categories and town', () => {
    const csv = [HEADER, ...ROWS].map((r) => r.map((c) => `"${c}"`).join(';')).join('\n');
    const r = parseDirectoryList(csv, 'auto', MAPPING);
    expect(r.preset).toBe('zuordnung');
    expect(r.places).toHaveLength(1);
    expect(r.places[0]!.input).toMatchObject({
      name: 'Lernhaus Nord',
      type: 'familienzentrum',
      categories: ['non_formale_bildung'],
      address: { street: 'Nordweg 3', postcode: '39104', city: 'Musterstadt' },
      location: { lat: 52.131, lon: 11.627 },
      capacity: 40,
    });
    expect(r.problems).toEqual([expect.objectContaining({ line: 3, field: 'PLZ' })]);
    expect(r.source).toMatchObject({ licence: 'dl-de/by-2-0', attribution: 'Stadt Musterstadt' });
  });

  it('without a known list, a mapping that misses fields is refused naming them', () => {
    expect(() => parseDirectoryList('a;b\n1;2\n', 'auto', { name: 'a' })).toThrow(DirectoryListError);
    expect(() => parseDirectoryList('a;b\n1;2\n', 'auto', { name: 'a' })).toThrow(
      /Zuordnung unvollständig: es fehlt „street“, „postcode“, „lat“, „lon“, „type“, „categories“, „city“/,
    );
  });

  it('over a known list, the mapping replaces only the fields it names', () => {
    const kitas = [
      'id,name,phone_number,places,sponsor_name,street,zip_code,lat,lon,Ort',
      '1,Kita Test,,10,Träger,Weg 1,10115,52.5,13.4,Berlin-Mitte',
    ].join('\n');
    const r = parseDirectoryList(kitas, 'auto', { city: 'Ort' });
    expect(r.preset).toBe('berlin-kitas+zuordnung');
    expect(r.places[0]!.input).toMatchObject({ type: 'kita', address: { city: 'Berlin-Mitte' } });
  });

  it('reads the first sheet of an Excel file, with Excel’s row numbers in the report', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Liste');
    ws.addRow(HEADER);
    ws.addRow(['Lernhaus Nord', 'Nordweg', 3, '39104', 52.131, 11.627, 40]);
    ws.addRow(['Lernhaus Süd', 'Südweg', 5, '3910', 52.12, 11.63, null]);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const r = await parseDirectoryXlsx(bytes, 'auto', MAPPING);
    expect(r.rows).toBe(2);
    expect(r.places[0]!.input.address.street).toBe('Nordweg 3');
    expect(r.places[0]!.input.location).toEqual({ lat: 52.131, lon: 11.627 });
    expect(r.problems.map((p) => `${p.line}:${p.field}`)).toEqual(['3:PLZ']);
    await expect(parseDirectoryXlsx(new Uint8Array([1, 2, 3]), 'auto', MAPPING)).rejects.toThrow(
      DirectoryListError,
    );
  });
});
