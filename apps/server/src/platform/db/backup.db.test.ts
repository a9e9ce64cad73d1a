import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_DRIVER, type TestDatabase } from '../../test/testDb';
import { seedDemo } from '../../demo/seed';
import { backupTo, contentFingerprint, listTables, restoreFrom, RestoreError } from './backup';

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
    // It holds password and session hashes: readable by its owner only.
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
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

  it('names table, row, column and cause of a damaged row in one short message, and restores nothing', async () => {
    await backupTo(source, file);
    const lines = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').split('\n');
    const marker = lines.findIndex((l) => l.startsWith('{"table":"observations"'));
    const columns = (JSON.parse(lines[marker]!) as { columns: string[] }).columns;
    const fields = lines[marker + 5]!.split('\t');
    fields[columns.indexOf('value')] = 'kaputt';
    lines[marker + 5] = fields.join('\t');
    const damaged = path.join(dir, 'beschaedigt.dkbm.gz');
    fs.writeFileSync(damaged, zlib.gzipSync(lines.join('\n')));
    const target = await createTestDatabase();
    try {
      const err = await restoreFrom(target, damaged).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RestoreError);
      const message = (err as Error).message;
      expect(message).toContain('beschaedigt.dkbm.gz');
      expect(message).toContain('Tabelle observations, Datensatz 5, Spalte value');
      expect(message).toMatch(/numeric.*kaputt/);
      expect(message.length).toBeLessThan(600);
      expect(message.split('\n')).toHaveLength(1);
      const n = await target.query<{ n: number }>(`SELECT count(*)::int AS n FROM tenants`);
      expect(n[0]!.n).toBe(0);
    } finally {
      await target.destroy();
    }
  });

  it('restores a backup of format 1 (one row_to_json line per row, written by earlier releases)', async () => {
    const before = await contentFingerprint(source);
    const migrations = await source.query<{ hash: string }>(
      'SELECT hash FROM drizzle.__drizzle_migrations ORDER BY created_at, id',
    );
    const tables = await listTables(source);
    const out = [
      JSON.stringify({ format: 'dkbm-backup', version: 1, migrations: migrations.map((m) => m.hash) }),
    ];
    const counts: Record<string, number> = {};
    for (const t of tables) {
      out.push(JSON.stringify({ table: t.name }));
      const rows = await source.query<{ j: string }>(`SELECT row_to_json(t)::text AS j FROM "${t.name}" t`);
      out.push(...rows.map((r) => r.j));
      counts[t.name] = rows.length;
    }
    out.push(JSON.stringify({ end: true, counts }));
    const old = path.join(dir, 'format1.dkbm.gz');
    fs.writeFileSync(old, zlib.gzipSync(out.join('\n') + '\n'));
    const target = await createTestDatabase();
    try {
      expect((await restoreFrom(target, old)).tables).toEqual(counts);
      expect(await contentFingerprint(target)).toEqual(before);
    } finally {
      await target.destroy();
    }
  });

  // PostgreSQL only: on PGlite no other process can write while a backup runs (the data-folder lock).
  if (TEST_DRIVER === 'postgres') {
    it('reads every table from one snapshot while another connection writes', async () => {
      const tenantsBefore = await source.query<{ n: number }>(`SELECT count(*)::int AS n FROM tenants`);
      const areasBefore = await source.query<{ n: number }>(`SELECT count(*)::int AS n FROM areas`);
      let written = false;
      // Once the tenants are written, a new tenant and its area arrive on another connection: the area
      // must not be in the backup either (else the restore would miss its tenant).
      const summary = await backupTo(source, file, {
        onProgress: async (p) => {
          if (p.table !== 'tenants' || !p.done || written) return;
          written = true;
          await source.query(
            `WITH t AS (INSERT INTO tenants (slug, name, type) VALUES ('schnappschuss', 'Schnappschuss', 'landkreis') RETURNING id)
             INSERT INTO areas (tenant_id, level, code, name) SELECT id, 'kreis', '09999', 'Neu' FROM t`,
          );
        },
      });
      expect(written).toBe(true);
      expect(summary.tables.tenants).toBe(tenantsBefore[0]!.n);
      expect(summary.tables.areas).toBe(areasBefore[0]!.n);
      const target = await createTestDatabase();
      try {
        expect((await restoreFrom(target, file)).tables).toEqual(summary.tables);
      } finally {
        await target.destroy();
        await source.query(`DELETE FROM tenants WHERE slug = 'schnappschuss'`);
      }
    });
  }
});
