import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../test/processes';
import { genesisFixture } from '../test/monitoring';

/** The CLI contract for automation in Statistikstellen: import, indicators list/apply, export. */
describe('dkbm import / indicators / export', () => {
  let dir: string;
  let files: string;
  const rows = [
    { key: 'DG', name: 'Deutschland', label: 'Tageseinrichtung', u3: '614600', u6: '1979186' },
    { key: '01', name: '  Schleswig-Holstein', label: 'Tageseinrichtung', u3: '17029', u6: '64992' },
    {
      key: '01001',
      name: '      Flensburg, Kreisfreie Stadt',
      label: 'Tageseinrichtung',
      u3: '641',
      u6: '2148,5',
    },
    { key: '01001', name: '      Flensburg, Kreisfreie Stadt', label: 'Tagespflege', u3: '2', u6: '.' },
    {
      key: '01002',
      name: '      Kiel, Landeshauptstadt, Kreisfreie Stadt',
      label: 'Tageseinrichtung',
      u3: '1906',
      u6: '5542',
    },
    {
      key: '01002',
      name: '      Kiel, Landeshauptstadt, Kreisfreie Stadt',
      label: 'Tagespflege',
      u3: '493',
      u6: '-',
    },
  ];
  const cli = (args: string[], input?: string) =>
    runCli([...args, '--data-dir', dir], input ? { input } : {});

  beforeAll(() => {
    dir = tempDir('cli-monitoring');
    files = tempDir('cli-files');
    expect(runCli(['migrate', '--data-dir', dir], { env: { DEMO_DATA: 'false' } }).code).toBe(0);
    expect(
      cli([
        'tenant',
        'add',
        '--slug',
        'kiel',
        '--name',
        'Landeshauptstadt Kiel',
        '--type',
        'kreisfreie_stadt',
        '--ags',
        '01002000',
      ]).code,
    ).toBe(0);
    fs.writeFileSync(path.join(files, '99901-01-01-4_00.csv'), genesisFixture({ rows }));
    fs.writeFileSync(path.join(files, 'abgeschnitten.csv'), genesisFixture({ rows, truncate: true }));
  });
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(files, { recursive: true, force: true });
  });

  it('indicators list on an empty tenant explains how to import', () => {
    const r = cli(['indicators', 'list']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Noch keine Indikatoren.*dkbm import/);
  });

  it('a truncated file: exit code ≠ 0, the message names file and line, nothing changed', () => {
    const r = cli(['import', path.join(files, 'abgeschnitten.csv')]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/abgeschnitten\.csv.*Zeile \d+/);
    expect(r.stderr).toMatch(/Es wurde nichts geändert/);
    expect(cli(['indicators', 'list']).stdout).toMatch(/Noch keine Indikatoren/);
  });

  it('imports a GENESIS table, prints the key report and lists the new indicator with its dimensions', () => {
    const r = cli(['import', path.join(files, '99901-01-01-4_00.csv')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Format: genesis-table, Tabelle 99901-01-01-4/);
    expect(r.stdout).toMatch(
      /Gebietsschlüssel: 0 zugeordnet, 0 über Zuordnungstabelle, 4 neu angelegt, 0 nicht zugeordnet/,
    );
    expect(r.stdout).toMatch(/neu\s+01001\s+Kreis \/ kreisfreie Stadt\s+Flensburg, Kreisfreie Stadt/);
    expect(r.stdout).toMatch(/Übernommen: 12 neue Werte, 0 ersetzt, 0 ausgelassen; 4 Gebiete angelegt/);
    // Seconds in German format (a decimal comma, never „0.4 s“).
    expect(r.stdout).toMatch(/Gebietsstände; \d+(,\d)? s\n/);
    const list = cli(['indicators', 'list']);
    expect(list.stdout).toContain('99901-01-01-4.betreute_kinder\tBetreute Kinder [Anzahl]');
    expect(list.stdout).toMatch(/Merkmale: .*altersgruppe \(Altersgruppe\)/);
    expect(list.stdout).toMatch(/Merkmale: .*betreuungsart \(Art der Betreuung\)/);
    expect(list.stdout).toMatch(/Zeiträume: 1 \(2016-03-01 … 2016-03-01\), 12 Werte/);
  });

  it('export: German CSV (BOM, semicolons, decimal comma) with withheld small counts; --internal shows them; JSON and XLSX', () => {
    const csv = cli(['export', '99901-01-01-4.betreute_kinder']);
    expect(csv.code, csv.stderr).toBe(0);
    expect(csv.stdout.charCodeAt(0)).toBe(0xfeff);
    const all = csv.stdout.slice(1).trim().split('\r\n');
    expect(all[0]).toMatch(/^# Öffentliche Fassung – kleine Fallzahlen geschützt: Fallzahlen von 1 bis 2/);
    const lines = all.filter((l) => !l.startsWith('#'));
    expect(lines[0]).toBe('indicator;area;area_name;period;betreuungsart;altersgruppe;value;flag');
    expect(lines).toContain(
      '99901-01-01-4.betreute_kinder;01001;Flensburg, Kreisfreie Stadt;2016-03-01;tageseinrichtung;3_bis_unter_6_jahre;2148,5;',
    );
    // The 2 children in Tagespflege are withheld in the public export, never shown as 0.
    const small = lines.find(
      (l) =>
        l.startsWith('99901-01-01-4.betreute_kinder;01001;') && l.includes(';tagespflege;unter_3_jahre;'),
    )!;
    expect(small.endsWith(';;.')).toBe(true);
    const internal = cli(['export', '99901-01-01-4.betreute_kinder', '--internal']);
    expect(internal.stdout).toContain(
      ';01001;Flensburg, Kreisfreie Stadt;2016-03-01;tagespflege;unter_3_jahre;2;',
    );
    const json = JSON.parse(cli(['export', '99901-01-01-4.betreute_kinder', '--format', 'json']).stdout);
    expect(json.indicator).toMatchObject({ code: '99901-01-01-4.betreute_kinder', unit: 'Anzahl' });
    expect(json.data).toHaveLength(12);
    const xlsx = path.join(files, 'export.xlsx');
    const x = cli(['export', '99901-01-01-4.betreute_kinder', '--format', 'xlsx', '--output', xlsx]);
    expect(x.code, x.stderr).toBe(0);
    expect(fs.readFileSync(xlsx).subarray(0, 2).toString()).toBe('PK');
    expect(cli(['export', '99901-01-01-4.betreute_kinder', '--format', 'xlsx']).code).toBe(2);
    expect(cli(['export', 'gibt_es_nicht']).code).toBe(2);
  });

  it('export: internal files say so in their name and inside; text cells cannot run as formulas', () => {
    const evil = path.join(files, '99913-01-01-4_00.csv');
    fs.writeFileSync(
      evil,
      genesisFixture({
        code: '99913-01-01-4',
        rows: [
          { key: '01003', name: "=cmd|' /C calc'!A0", label: 'Tageseinrichtung', u3: '10', u6: '20' },
          { key: '01004', name: '@SUM(1+1)', label: 'Tageseinrichtung', u3: '30', u6: '40' },
        ],
      }),
    );
    const imported = cli(['import', evil, '--create-areas']);
    expect(imported.code, imported.stderr).toBe(0);
    for (const extra of [[], ['--internal']]) {
      const r = cli(['export', '99913-01-01-4.betreute_kinder', ...extra]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain(";01003;'=cmd|' /C calc'!A0;");
      expect(r.stdout).toContain(";01004;'@SUM(1+1);");
      expect(r.stdout).not.toMatch(/;[=@]/);
    }
    const internal = cli(['export', '99901-01-01-4.betreute_kinder', '--internal']);
    expect(internal.stdout.slice(1).split('\r\n')[0]).toMatch(/^# INTERN – enthält ungeschützte Werte/);
    expect(internal.stderr).toMatch(/INTERN/);
    const json = JSON.parse(
      cli(['export', '99901-01-01-4.betreute_kinder', '--format', 'json', '--internal']).stdout,
    );
    expect(json.meta).toMatchObject({ view: 'internal', internal: true, protected: false });
    const pub = JSON.parse(cli(['export', '99901-01-01-4.betreute_kinder', '--format', 'json']).stdout);
    expect(pub.meta).toMatchObject({ view: 'public', protected: true, threshold: 3 });
    // A folder as --output: the standard name says INTERN.
    const out = tempDir('cli-export');
    try {
      const x = cli([
        'export',
        '99901-01-01-4.betreute_kinder',
        '--format',
        'xlsx',
        '--internal',
        '--output',
        out,
      ]);
      expect(x.code, x.stderr).toBe(0);
      expect(fs.readdirSync(out)).toEqual([
        '99901-01-01-4.betreute_kinder_alle_werte_INTERN_ungeschuetzt.xlsx',
      ]);
      // A name of one's own that hides it gets a warning.
      const own = cli([
        'export',
        '99901-01-01-4.betreute_kinder',
        '--internal',
        '--output',
        path.join(out, 'werte.csv'),
      ]);
      expect(own.code).toBe(0);
      expect(own.stderr).toMatch(/Achtung: Die Datei enthält ungeschützte Werte/);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });

  it('messages stay German and short, and bad file content exits 1 (README)', () => {
    // 10,000 columns (below the limit of 16,384) and no --mapping: a usage error (2) whose column list is
    // summarised.
    const n = 10_000;
    const wide = path.join(files, 'breit.csv');
    const header = ['id', ...Array.from({ length: n - 1 }, (_, i) => `spalte_${i + 1}`)].join(';');
    fs.writeFileSync(
      wide,
      `${header}\n01002;${Array(n - 1)
        .fill('1')
        .join(';')}\n`,
    );
    const w = cli(['import', wide]);
    expect(w.code).toBe(2);
    expect(w.stderr).toContain(
      'Spalten: id, spalte_1, spalte_2, spalte_3, spalte_4, spalte_5, spalte_6, spalte_7, spalte_8, spalte_9 … und 9.990 weitere Spalten',
    );
    expect(w.stderr.length).toBeLessThan(1000);
    // A file of the wrong kind: bad content, 1.
    const png = path.join(files, 'foto.png');
    fs.writeFileSync(png, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
    const p = cli(['import', png]);
    expect(p.code).toBe(1);
    expect(p.stderr).toMatch(/foto\.png/);
    // A mapping file that is not JSON: bad content, 1, without the parser's English text.
    const badMapping = path.join(files, 'zuordnung.json');
    fs.writeFileSync(badMapping, '{ "areaKey": ');
    const m = cli(['import', wide, '--mapping', badMapping]);
    expect(m.code).toBe(1);
    expect(m.stderr).toMatch(/zuordnung\.json: Die Spaltenzuordnung ist kein gültiges JSON/);
    expect(m.stderr).not.toMatch(/Unexpected|JSON at position/);
    // A mapping of the wrong shape is refused by the contract's schema, naming the field, in German.
    fs.writeFileSync(
      badMapping,
      JSON.stringify({ areaKey: {}, period: { value: '2024', type: 'year' }, values: [] }),
    );
    const shape = cli(['import', wide, '--mapping', badMapping]);
    expect(shape.code).toBe(1);
    expect(shape.stderr).toMatch(
      /zuordnung\.json: Die Spaltenzuordnung passt nicht\. „Gebietsschlüssel, Spalte“/,
    );
    // A value with 200,000 digits: German, with line and column, short.
    const huge = path.join(files, '99914-01-01-4_00.csv');
    fs.writeFileSync(
      huge,
      genesisFixture({
        code: '99914-01-01-4',
        rows: [{ key: '01002', name: 'Kiel', label: 'Tageseinrichtung', u3: '9'.repeat(200_000), u6: '1' }],
      }),
    );
    const h = cli(['import', huge]);
    expect(h.code).toBe(1);
    expect(h.stderr).toMatch(/Zeile 10, Spalte 5: Der Wert „9+…“ hat 200\.000 Ziffern vor dem Komma/);
    expect(h.stderr).not.toMatch(/overflows|numeric/);
    expect(h.stderr.length).toBeLessThan(1000);
    // GeoJSON properties nested 100,000 levels deep are read; no „Maximum call stack size exceeded“.
    const depth = 100_000;
    const props = `{"KEY":"T1","NAME":"Tiefes Viertel","deep":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`;
    const ring = '[[10,54],[10.1,54],[10.1,54.1],[10,54.1],[10,54]]';
    const geo = path.join(files, 'tief.geojson');
    fs.writeFileSync(
      geo,
      `{"type":"FeatureCollection","features":[{"type":"Feature","properties":${props},"geometry":{"type":"Polygon","coordinates":[${ring}]}}]}`,
    );
    const g = cli(['import', geo, '--level', 'planungsraum', '--dry-run']);
    expect(g.stderr).not.toMatch(/call stack/);
    expect(g.code, g.stderr).toBe(0);
  });

  it('indicators apply: a definitions file creates a computed indicator; a broken one changes nothing', () => {
    const good = path.join(files, 'defs.yaml');
    fs.writeFileSync(
      good,
      [
        'indicators:',
        '  - code: anteil_tagespflege_u3',
        '    name: { de: Anteil Tagespflege unter 3 }',
        "    unit: '%'",
        '    decimals: 1',
        '    formula: pflege / alle * 100',
        '    inputs:',
        '      pflege: { indicator: 99901-01-01-4.betreute_kinder, dims: { betreuungsart: tagespflege, altersgruppe: unter_3_jahre } }',
        '      alle: { indicator: 99901-01-01-4.betreute_kinder, dims: { betreuungsart: [tageseinrichtung, tagespflege], altersgruppe: unter_3_jahre } }',
      ].join('\n'),
    );
    const r = cli(['indicators', 'apply', good]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Angelegt: anteil_tagespflege_u3; geändert: –; 2 Werte berechnet/);
    const json = JSON.parse(
      cli(['export', 'anteil_tagespflege_u3', '--format', 'json', '--internal']).stdout,
    );
    // Kiel: 493 / (1906 + 493) * 100 = 20.55… → 20.6
    expect(json.data.find((d: { area: string }) => d.area === '01002').value).toBe('20.6');
    const bad = path.join(files, 'kaputt.yaml');
    fs.writeFileSync(bad, 'indicators:\n  - code: x\n    formula: (a\n');
    const b = cli(['indicators', 'apply', bad]);
    expect(b.code).not.toBe(0);
    expect(b.stderr).toMatch(/kaputt\.yaml/);
    expect(cli(['indicators', 'list']).stdout).not.toMatch(/^x\t/m);
  });

  it('a second process on the same data folder is refused while an import holds the lock (exit 3)', () => {
    // The CLI takes the lock itself; a held lock file of a live process blocks it.
    const lock = path.join(dir, 'dkbm.lock');
    fs.writeFileSync(
      lock,
      JSON.stringify({
        pid: process.pid,
        hostname: os.hostname(),
        command: 'test',
        startedAt: new Date().toISOString(),
      }),
    );
    try {
      const r = cli(['import', path.join(files, '99901-01-01-4_00.csv')]);
      expect(r.code).toBe(3);
    } finally {
      fs.rmSync(lock, { force: true });
    }
  });
});
