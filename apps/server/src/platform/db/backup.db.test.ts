import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_DRIVER, type TestDatabase } from '../../test/testDb';
import { seedDemo } from '../../demo/seed';
import { backupTo, contentFingerprint, restoreFrom, RestoreError } from './backup';

describe(`backup and restore on ${TEST_DRIVER}`, () => {
  let source: TestDatabase;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dkbm-backup-'));
  const file = path.join(dir, 'sicherung.dkbm.gz');

  beforeAll(async () => {
    source = await createTestDatabase();
    await seedDemo(source.db);
    // Values that a naive JSON round trip would damage: long numerics, unicode, quotes, nulls, json.
    const t = await source.query<{ id: string }>(`SELECT id FROM tenants WHERE slug = 'musterstadt'`);
    const tenantId = t[0]!.id;
    const ind = await source.query<{ id: string }>(
      `INSERT INTO indicators (tenant_id, code, name_de, unit, decimals, topic)
       VALUES ($1, 'präzision', 'Präzision „Test“ – ß''"\\', '%', 12, 'grundinformationen') RETURNING id`,
      [tenantId],
    );
    const area = await source.query<{ id: string }>(`SELECT id FROM areas WHERE tenant_id = $1 LIMIT 1`, [
      tenantId,
    ]);
    const ser = await source.query<{ id: number; dims_key: string }>(
      `INSERT INTO series (tenant_id, indicator_id, dims, dims_key)
       VALUES ($1, $2, '{"x":"ä"}', 'x=ä'), ($1, $2, '{}', '') RETURNING id, dims_key`,
      [tenantId, ind[0]!.id],
    );
    const sid = (k: string) => ser.find((x) => x.dims_key === k)!.id;
    await source.query(
      `INSERT INTO observations (tenant_id, series_id, area_id, period, value, flag)
       VALUES ($1, $2, $4, '2020-03-01', 12345678901234567890.123456789012, NULL),
              ($1, $3, $4, '2021-03-01', NULL, '.')`,
      [tenantId, sid('x=ä'), sid(''), area[0]!.id],
    );
  });
  afterAll(async () => {
    await source?.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('restores every row into an empty database, identical to the source', async () => {
    const before = await contentFingerprint(source);
    const summary = await backupTo(source, file);
    expect(summary.tables.observations).toBeGreaterThan(500);
    const target = await createTestDatabase();
    try {
      const restored = await restoreFrom(target, file);
      expect(restored.tables).toEqual(summary.tables);
      expect(await contentFingerprint(target)).toEqual(before);
      const v = await target.query<{ v: string }>(
        `SELECT o.value::text AS v FROM observations o JOIN series s ON s.id = o.series_id WHERE s.dims_key = 'x=ä'`,
      );
      expect(v[0]!.v).toBe('12345678901234567890.123456789012');
      // Identity sequence continues after the restored ids.
      const ins = await target.query<{ id: number }>(
        `INSERT INTO series (tenant_id, indicator_id, dims, dims_key)
         SELECT tenant_id, indicator_id, '{"neu":"1"}', 'neu=1' FROM series LIMIT 1 RETURNING id`,
      );
      const max = await source.query<{ m: number }>(`SELECT max(id)::int AS m FROM series`);
      expect(Number(ins[0]!.id)).toBeGreaterThan(max[0]!.m);
    } finally {
      await target.destroy();
    }
  });

  it('refuses to restore into a database that is not empty, and changes nothing', async () => {
    await backupTo(source, file);
    const before = await contentFingerprint(source);
    await expect(restoreFrom(source, file)).rejects.toThrow(/nicht leer/);
    expect(await contentFingerprint(source)).toEqual(before);
  });

  it('rolls back completely when the file is truncated', async () => {
    await backupTo(source, file);
    const lines = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').split('\n');
    // Drop the end marker and the last rows: the restore must fail and leave the target empty.
    const truncated = path.join(dir, 'abgeschnitten.dkbm.gz');
    fs.writeFileSync(truncated, zlib.gzipSync(lines.slice(0, Math.floor(lines.length * 0.8)).join('\n')));
    const target = await createTestDatabase();
    try {
      await expect(restoreFrom(target, truncated)).rejects.toBeInstanceOf(RestoreError);
      const n = await target.query<{ n: number }>(
        `SELECT (SELECT count(*) FROM tenants)::int + (SELECT count(*) FROM observations)::int AS n`,
      );
      expect(n[0]!.n).toBe(0);
    } finally {
      await target.destroy();
    }
  });

  it('refuses a file that is not a backup, naming the file', async () => {
    const bogus = path.join(dir, 'keine-sicherung.gz');
    fs.writeFileSync(bogus, zlib.gzipSync('{"hello":"world"}\n'));
    const target = await createTestDatabase();
    try {
      await expect(restoreFrom(target, bogus)).rejects.toThrow(/keine-sicherung\.gz: keine DKBM-Sicherung/);
    } finally {
      await target.destroy();
    }
  });
});
