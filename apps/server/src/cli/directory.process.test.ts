import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { runCli, tempDir } from '../test/processes';

const LIST = [
  'id,name,phone_number,places,type,sponsor_id,sponsor_name,street,zip_code,lat,lon,geojson_feature_id',
  '1,Kita Sonnenschein,+4930123,55,Reguläre Einrichtung,7,Träger e. V.,Sonnenweg 1,10115,52.53,13.39,x',
  '2,Kita Mond,,40,Reguläre Einrichtung,7,Träger e. V.,Mondweg 2,1011,52.53,13.39,x',
].join('\n');

/** The CLI contract of `dkbm directory import`: dry run, import, report by line and column, errors. */
describe('dkbm directory import', () => {
  let dir: string;
  let file: string;
  const cli = (args: string[]) => runCli([...args, '--data-dir', dir]);

  beforeAll(() => {
    dir = tempDir('cli-directory');
    expect(runCli(['migrate', '--data-dir', dir], { env: { DEMO_DATA: 'false' } }).code).toBe(0);
    const r = cli(['tenant', 'add', '--slug', 'stadt-a', '--name', 'Stadt A', '--type', 'kreisfreie_stadt']);
    expect(r.code, r.stderr).toBe(0);
    file = path.join(dir, 'kitas.csv');
    fs.writeFileSync(file, LIST);
  });

  it('a dry run reports each refused row and stores nothing; the import takes the rest once', () => {
    const dry = cli(['directory', 'import', file, '--tenant', 'stadt-a', '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain(
      'Probelauf (berlin-kitas): 2 Zeilen, 1 würden übernommen (0 in einem Gebiet), 1 abgelehnt, 0 doppelt.',
    );
    expect(dry.stdout).toMatch(/^ {2}Zeile 3, Spalte zip_code: /m);
    expect(dry.stdout).toContain('Probelauf: es wurde nichts geändert.');

    const r = cli(['directory', 'import', file, '--tenant', 'stadt-a']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Import (berlin-kitas): 2 Zeilen, 1 übernommen');
    const again = cli(['directory', 'import', file, '--tenant', 'stadt-a']);
    expect(again.stdout).toContain('0 übernommen (0 in einem Gebiet), 1 abgelehnt, 1 doppelt.');
  });

  it('refuses a missing file, an unknown list and an unknown municipality with exit code 2', () => {
    expect(cli(['directory', 'import', path.join(dir, 'fehlt.csv'), '--tenant', 'stadt-a']).code).toBe(2);
    const other = path.join(dir, 'andere.csv');
    fs.writeFileSync(other, 'a;b\n1;2\n');
    const r = cli(['directory', 'import', other, '--tenant', 'stadt-a']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('andere.csv: Die Spalten der Datei passen zu keiner bekannten Liste');
    expect(cli(['directory', 'import', file, '--tenant', 'gibt-es-nicht']).code).toBe(2);
  });
});

/** `dkbm directory reminders`: the demo's provider is reminded once of its offer that runs out. */
describe('dkbm directory reminders', () => {
  let dir: string;
  const cli = (args: string[]) => runCli([...args, '--data-dir', dir]);

  beforeAll(() => {
    dir = tempDir('cli-reminders');
    const seeded = runCli(['seed-demo', '--data-dir', dir]);
    expect(seeded.code, seeded.stderr).toBe(0);
  });

  it('lists the due offers in a dry run, writes one reminder, then none for the same date', () => {
    const dry = cli(['directory', 'reminders', '--tenant', 'musterstadt', '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(
      /^ {2}Volkshochschule Musterstadt: Sprachkurse Englisch für Einsteiger – gültig bis \d{2}\.\d{2}\.\d{4}$/m,
    );
    expect(dry.stdout).toContain('Probelauf: 1 Einträge, 1 Erinnerungen würden geschrieben.');
    const r = cli(['directory', 'reminders', '--tenant', 'musterstadt']);
    expect(r.stdout).toContain('1 Erinnerungen in den Postausgang geschrieben (1 Einträge).');
    const again = cli(['directory', 'reminders', '--tenant', 'musterstadt']);
    expect(again.stdout).toContain('0 Erinnerungen in den Postausgang geschrieben (0 Einträge).');
    expect(cli(['directory', 'reminders', '--tenant', 'musterstadt', '--days', 'viele']).code).toBe(2);
  });
});

/** `dkbm directory import` with an Excel file and `--mapping`: a list in no known layout. */
describe('dkbm directory import --mapping (XLSX)', () => {
  let dir: string;
  let file: string;
  const cli = (args: string[]) => runCli([...args, '--data-dir', dir]);
  const mapping = JSON.stringify({
    name: 'Einrichtung',
    street: ['Straße', 'Hausnr'],
    postcode: 'PLZ',
    cityName: 'Stadt A',
    lat: 'Breite',
    lon: 'Länge',
    type: 'bibliothek',
    categories: ['non_formale_bildung'],
  });

  beforeAll(async () => {
    dir = tempDir('cli-directory-xlsx');
    expect(runCli(['migrate', '--data-dir', dir], { env: { DEMO_DATA: 'false' } }).code).toBe(0);
    const r = cli(['tenant', 'add', '--slug', 'stadt-a', '--name', 'Stadt A', '--type', 'kreisfreie_stadt']);
    expect(r.code, r.stderr).toBe(0);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Bibliotheken');
    ws.addRow(['Einrichtung', 'Straße', 'Hausnr', 'PLZ', 'Breite', 'Länge']);
    ws.addRow(['Stadtbibliothek', 'Markt', 1, '10115', 52.53, 13.39]);
    ws.addRow(['Bücherbus', 'Depot', 2, '1011', 52.54, 13.4]);
    file = path.join(dir, 'bibliotheken.xlsx');
    fs.writeFileSync(file, new Uint8Array(await wb.xlsx.writeBuffer()));
  });

  it('imports the mapped columns of the first sheet and reports the refused row by its Excel row', () => {
    const r = cli(['directory', 'import', file, '--tenant', 'stadt-a', '--mapping', mapping]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(
      'Import (zuordnung): 2 Zeilen, 1 übernommen (0 in einem Gebiet), 1 abgelehnt, 0 doppelt.',
    );
    expect(r.stdout).toMatch(/^ {2}Zeile 3, Spalte PLZ: /m);
  });

  it('refuses a mapping that is no JSON, names an unknown field or misses fields, with exit code 2', () => {
    const bad = cli(['directory', 'import', file, '--tenant', 'stadt-a', '--mapping', '{kaputt']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--mapping: kein gültiges JSON');
    const unknown = cli(['directory', 'import', file, '--tenant', 'stadt-a', '--mapping', '{"farbe":"rot"}']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--mapping:');
    const partial = cli([
      'directory',
      'import',
      file,
      '--tenant',
      'stadt-a',
      '--mapping',
      '{"name":"Einrichtung"}',
    ]);
    expect(partial.code).toBe(2);
    expect(partial.stderr).toContain('Zuordnung unvollständig');
  });
});
