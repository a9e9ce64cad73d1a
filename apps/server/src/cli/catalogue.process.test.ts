import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../test/processes';

/** The CLI contract of `dkbm catalogue`: list, apply (dry run and for real), errors with exit code 2. */
describe('dkbm catalogue', () => {
  let dir: string;
  const cli = (args: string[]) => runCli([...args, '--data-dir', dir]);

  beforeAll(() => {
    dir = tempDir('cli-catalogue');
    expect(runCli(['migrate', '--data-dir', dir], { env: { DEMO_DATA: 'false' } }).code).toBe(0);
    for (const slug of ['kreis-a', 'kreis-b']) {
      const r = cli(['tenant', 'add', '--slug', slug, '--name', `Kreis ${slug}`, '--type', 'landkreis']);
      expect(r.code, r.stderr).toBe(0);
    }
  });

  it('lists the catalogue by topic without a municipality', () => {
    const r = cli(['catalogue', 'list', '--topics', 'weiterbildung']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^DKBM-Kennzahlenkatalog, Fassung \d+ vom \d\d\.\d\d\.\d{4}$/m);
    expect(r.stdout).toContain('\nWeiterbildung\n');
    expect(r.stdout).toMatch(/vhs_unterrichtsstunden_je_1000 – .* – braucht kommunale Daten/);
    expect(r.stdout).not.toContain('betreuungsquote_u3');
  });

  it('a dry run changes nothing; apply creates the indicators and prints the checklist', () => {
    const dry = cli([
      'catalogue',
      'apply',
      '--tenant',
      'kreis-a',
      '--topics',
      'fruehkindliche_bildung',
      '--dry-run',
    ]);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/^ {2}neu +betreuungsquote_u3 – Betreuungsquote unter 3 Jahren$/m);
    expect(dry.stdout).toContain('Probelauf: es wurde nichts geändert.');
    expect(cli(['indicators', 'list', '--tenant', 'kreis-a']).stdout).toContain('Noch keine Indikatoren');

    const r = cli(['catalogue', 'apply', '--tenant', 'kreis-a', '--topics', 'fruehkindliche_bildung']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Noch fehlende Daten:');
    expect(r.stdout).toContain(
      'herunterladen: https://www.regionalstatistik.de/genesis/online?operation=table&code=22543-01-02-4',
    );
    const status = cli(['catalogue', 'list', '--tenant', 'kreis-a', '--topics', 'fruehkindliche_bildung']);
    expect(status.stdout).toMatch(/^ {2}unvollständig +betreuungsquote_u3 /m);
    // The other municipality has nothing.
    const other = cli(['catalogue', 'list', '--tenant', 'kreis-b', '--topics', 'fruehkindliche_bildung']);
    expect(other.stdout).toMatch(/^ {2}nicht angelegt +betreuungsquote_u3 /m);
    // Again: nothing to do.
    const again = cli(['catalogue', 'apply', '--tenant', 'kreis-a', '--topics', 'fruehkindliche_bildung']);
    expect(again.stdout).toMatch(/^0 neu, 0 geändert, 11 unverändert/m);
  });

  it('refuses unknown topics, municipalities and broken catalogue files with exit code 2', () => {
    const topic = cli(['catalogue', 'apply', '--tenant', 'kreis-a', '--topics', 'kita']);
    expect(topic.code).toBe(2);
    expect(topic.stderr).toContain('Unbekanntes Themenfeld „kita“. Erlaubt: rahmenbedingungen,');
    expect(cli(['catalogue', 'apply', '--tenant', 'nirgendwo']).code).toBe(2);
    const file = path.join(tempDir('cli-catalogue-file'), 'katalog.yaml');
    fs.writeFileSync(file, 'catalogue: {}\nsources: {}\nindicators: []\n');
    const broken = cli(['catalogue', 'list', '--file', file]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(
      /katalog\.yaml, Zeile 1, Spalte \d+: Feld ‚catalogue\.id‘: Pflichtfeld fehlt/,
    );
  });
});
