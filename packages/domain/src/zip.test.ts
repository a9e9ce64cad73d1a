import { describe, expect, it } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import { streamedZip } from './testing/zip';
import { readZip, ZipLimitError } from './zip';
import { detectFormat, ImportFileError, inspectTable } from './index';
import { readBoundaries } from './geo/index';

const MiB = 1024 * 1024;

const error = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e as Error & { code?: string };
  }
  throw new Error('no error');
};

describe('readZip: zip archives within limits', () => {
  it('reads the wanted entries, lists all names, keeps only the head when asked', () => {
    const z = zipSync({ 'a.csv': strToU8('x;y\n1;2\n'), 'b.txt': strToU8('hallo '.repeat(2000)) });
    const all = readZip(z);
    expect(all.names).toEqual(['a.csv', 'b.txt']);
    expect(new TextDecoder().decode(all.entries['a.csv'])).toBe('x;y\n1;2\n');
    expect(Object.keys(readZip(z, { want: (n) => n.endsWith('.csv') }).entries)).toEqual(['a.csv']);
    expect(readZip(z, { head: 100 }).entries['b.txt']!.length).toBe(100);
    expect(readZip(z, { keep: false }).entries).toEqual({});
  });

  it('refuses an entry whose declared size is over the limit before inflating it', () => {
    const z = zipSync({ 'big.csv': new Uint8Array(3 * MiB).fill(65) }, { level: 0 });
    const e = error(() => readZip(z, { limits: { maxEntryBytes: 2 * MiB } }));
    expect(e).toBeInstanceOf(ZipLimitError);
    expect(e.code).toBe('zip_entry_too_large');
    expect(e.message).toMatch(
      /„big\.csv“ im ZIP-Archiv ist entpackt 3 MB groß .* höchstens 2 MB\. Es wurde nichts übernommen\./,
    );
  });

  it('refuses too much in total', () => {
    const z = zipSync(
      { 'a.csv': new Uint8Array(MiB).fill(65), 'b.csv': new Uint8Array(MiB).fill(66) },
      { level: 0 },
    );
    expect(error(() => readZip(z, { limits: { maxTotalBytes: 1.5 * MiB } })).code).toBe(
      'zip_total_too_large',
    );
  });

  it('refuses a zip bomb written without sizes in its headers while inflating, by its ratio', () => {
    const bomb = streamedZip({ 'daten.csv': strToU8('x;y\n'), 'padding.csv': { zeros: 64 } });
    expect(bomb.length).toBeLessThan(200 * 1024);
    const e = error(() => readZip(bomb));
    expect(e.code).toBe('zip_ratio');
    expect(e.message).toMatch(/„padding\.csv“ .* ungewöhnlich stark gepackt/);
    // Entries nobody wants are never inflated.
    expect(readZip(bomb, { want: (n) => n === 'daten.csv' }).names).toEqual(['daten.csv', 'padding.csv']);
  });

  it('a damaged archive is reported as such', () => {
    const z = zipSync({ 'a.csv': strToU8('x;y\n'.repeat(1000)) });
    const broken = z.slice(0, z.length - 60);
    broken.fill(7, 40, 80);
    expect(error(() => readZip(broken)).code).toBe('zip_broken');
  });
});

describe('zip bombs in the import readers', () => {
  const flatFile = strToU8(
    'statistics_code;statistics_label;time_code;time_label;time;1_variable_code;1_variable_label;1_variable_attribute_code;1_variable_attribute_label;value;value_unit;value_variable_code;value_variable_label\n',
  );

  it('a GENESIS-Online flat file with a padding CSV: refused with a German message, nothing inflated beyond the limit', () => {
    const bomb = streamedZip({ 'daten.csv': flatFile, 'padding.csv': { zeros: 64 } });
    const e = error(() => detectFormat({ name: 'lieferung.zip', bytes: bomb })) as ImportFileError;
    expect(e).toBeInstanceOf(ImportFileError);
    expect(e.message).toMatch(/lieferung\.zip\/padding\.csv.*ZIP-Bomben/);
  });

  it('a flat file plus a padding entry of another type: the padding is not inflated at all', () => {
    const z = streamedZip({ 'daten.csv': flatFile, 'padding.bin': { zeros: 64 } });
    expect(detectFormat({ name: 'lieferung.zip', bytes: z })).toBe('genesis-ffcsv');
  });

  it('a zipped shapefile whose .shp is a bomb: refused', async () => {
    const bomb = streamedZip({ 'gebiete.shp': { zeros: 64 }, 'gebiete.dbf': strToU8('x') });
    await expect(readBoundaries({ name: 'gebiete.zip', bytes: bomb })).rejects.toThrow(
      /gebiete\.shp.*ZIP-Bomben/,
    );
  });

  it('an .xlsx with a huge sheet entry: refused before the spreadsheet library unzips it', async () => {
    const bomb = streamedZip({
      '[Content_Types].xml': strToU8('<Types/>'),
      'xl/workbook.xml': strToU8('<workbook/>'),
      'xl/worksheets/sheet1.xml': { zeros: 64 },
    });
    expect(detectFormat({ name: 'tabelle.xlsx', bytes: bomb })).toBe('tidy-xlsx');
    await expect(inspectTable({ name: 'tabelle.xlsx', bytes: bomb })).rejects.toThrow(
      /sheet1\.xml.*ZIP-Bomben/,
    );
    // The spreadsheet library is loaded on first use: on a loaded machine that alone can take seconds.
  }, 30_000);
});
