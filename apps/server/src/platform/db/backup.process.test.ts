import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../../test/processes';
import { pgliteDirOf } from '../config/config';
import { openDatabase } from './client';
import { contentFingerprint } from './backup';

const dirs: string[] = [];
const dataDir = (name: string) => {
  const d = tempDir(name);
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

async function fingerprintOf(dir: string) {
  const db = await openDatabase({ pgliteDir: pgliteDirOf(dir) });
  try {
    return await contentFingerprint(db);
  } finally {
    await db.close();
  }
}

describe('dkbm backup / restore of large data (built CLI, PGlite)', () => {
  it('backs up a table with large rows and one with many rows and restores both into an empty folder with all data equal', async () => {
    const src = dataDir('backup-large');
    expect(runCli(['seed-demo', '--data-dir', src]).code).toBe(0);
    // Written directly into the folder (no process holds it): three import runs whose analysis is a
    // 40 MB JSON document each (an upload with a million columns makes such rows), and 150,000 replaced
    // observations with every character COPY has to escape.
    const db = await openDatabase({ pgliteDir: pgliteDirOf(src) });
    try {
      const [tenant] = await db.query<{ id: string }>(`SELECT id FROM tenants WHERE slug = 'musterstadt'`);
      for (let i = 0; i < 3; i++) {
        await db.query(
          `WITH r AS (
             INSERT INTO import_runs (tenant_id, kind, file_name, file_size, checksum, status, analysis)
             VALUES ($1, 'statistics', 'breit-' || $2::int || '.csv', 9900000, md5($2::text), 'analyzed',
                     ('[' || repeat('{"spalte": "Merkmal ' || $2::int || '", "wert": "' || md5($2::text) || '"}, ', 650000) || '{}]')::jsonb)
             RETURNING id)
           INSERT INTO import_files (import_run_id, tenant_id, content)
           SELECT id, $1, repeat('QUJD', 250000) FROM r`,
          [tenant!.id, i],
        );
      }
      await db.query(
        `INSERT INTO import_replaced (import_run_id, tenant_id, series_id, area_id, period, value, flag)
         SELECT (SELECT id FROM import_runs ORDER BY file_name LIMIT 1), $1, g,
                (SELECT id FROM areas WHERE tenant_id = $1 ORDER BY code LIMIT 1),
                make_date(2000 + g % 25, 12, 31),
                CASE WHEN g % 10 = 0 THEN NULL ELSE g * 1234567.000000001 END,
                CASE g % 5 WHEN 0 THEN E'Tab\\there' WHEN 1 THEN E'Zeile\\nneu' WHEN 2 THEN E'Back\\\\slash \\\\.'
                           WHEN 3 THEN 'Größe „groß“ ''x''' END
           FROM generate_series(1, 150000) g`,
        [tenant!.id],
      );
    } finally {
      await db.close();
    }
    const before = await fingerprintOf(src);
    expect(before.import_replaced).toMatch(/^150000:/);
    expect(before.import_runs).toMatch(/^3:/);

    const file = path.join(src, 'gross.dkbm.gz');
    const backup = runCli(['backup', file, '--data-dir', src]);
    expect(backup.code, backup.stderr.slice(0, 2000)).toBe(0);
    // Password and session hashes are inside: readable by the owner only.
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    // Progress per table on standard error, German number format.
    expect(backup.stderr).toContain('import_replaced: 150.000 Zeilen');
    expect(backup.stdout).toMatch(/Sicherung geschrieben: .* \(\d+ Zeilen aus \d+ Tabellen/);

    const dst = dataDir('restore-large');
    const restore = runCli(['restore', file, '--data-dir', dst]);
    expect(restore.code, restore.stderr.slice(0, 2000)).toBe(0);
    expect(restore.stderr).toContain('import_runs: 3 Zeilen');
    expect(await fingerprintOf(dst)).toEqual(before);
  }, 600_000);
});
