import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../test/processes';

/** The CLI contract of `dkbm entitlement plan` on the demo municipality: CSV, JSON, XLSX, errors with exit code 2. */
describe('dkbm entitlement plan', () => {
  let dir: string;
  const cli = (args: string[]) => runCli([...args, '--data-dir', dir]);

  beforeAll(() => {
    dir = tempDir('cli-entitlement');
    const r = runCli(['seed-demo', '--data-dir', dir]);
    expect(r.code, r.stderr).toBe(0);
  });

  it('prints one row per scenario, unit, school year and scope as CSV', () => {
    const r = cli([
      'entitlement',
      'plan',
      '--tenant',
      'musterstadt',
      '--scenario',
      'Bedarf 90 %',
      '--format',
      'csv',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'Szenario;Planungseinheit;Art;Schuljahr;Bereich;Anspruchsberechtigte;Bedarf;Plätze;Lücke;Lücke %;Versorgungsquote;Status',
    );
    const ganztag = lines.filter((l) => l.includes(';Grundschule;') && l.includes(';Ganztag (Klassen 1–4);'));
    expect(ganztag).toHaveLength(8 * 10);
    expect(lines.slice(1).every((l) => l.startsWith('Bedarf 90 %;'))).toBe(true);
    expect(lines.some((l) => l.startsWith('Bedarf 90 %;Stadt insgesamt;;2035/36;Ganztag'))).toBe(true);
  });

  it('writes JSON and XLSX (one sheet per scenario)', async () => {
    const json = cli(['entitlement', 'plan', '--tenant', 'musterstadt', '--format', 'json']);
    expect(json.code, json.stderr).toBe(0);
    const plan = JSON.parse(json.stdout) as { scenarios: unknown[]; rows: unknown[]; totals: unknown[] };
    expect(plan.scenarios).toHaveLength(2);
    const file = path.join(dir, 'plan.xlsx');
    const x = cli(['entitlement', 'plan', '--tenant', 'musterstadt', '--format', 'xlsx', '--out', file]);
    expect(x.code, x.stderr).toBe(0);
    expect(x.stderr).toContain(`${plan.rows.length + plan.totals.length} Zeilen nach`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync(file) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Bedarf 70 %', 'Bedarf 90 %', 'Annahmen']);
  });

  it('refuses an unknown scenario or format with exit code 2 and a German message', () => {
    const s = cli(['entitlement', 'plan', '--tenant', 'musterstadt', '--scenario', 'Gibt es nicht']);
    expect(s.code).toBe(2);
    expect(s.stderr).toContain(
      'Szenario „Gibt es nicht“ nicht gefunden (vorhanden: Bedarf 70 %, Bedarf 90 %)',
    );
    const f = cli(['entitlement', 'plan', '--tenant', 'musterstadt', '--format', 'pdf']);
    expect(f.code).toBe(2);
    expect(f.stderr).toContain('Unbekanntes Format „pdf“');
  });
});
