/**
 * The staged cells of a large import are written to `observations` in parts by area number on PGlite
 * (ADR 0005). Each part must find its cells through an index, not by scanning every staged cell of the
 * run again (which made the parts of a 1.44-million-value import quadratic).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, DEMO, type TestContext } from '../../test/testApp';
import { TEST_DRIVER } from '../../test/testDb';
import { tenantScope } from '../../platform/tenancy/scope';
import { stagedCells } from './statistics.repo';
import { analyzeRun, commitRun, createRun } from './runs.service';
import { FILE_PART_BYTES, FILE_PIECE_CHARS, loadRun, loadRunFile } from './runs.repo';

describe(`import staging on ${TEST_DRIVER}`, () => {
  let t: TestContext;
  let tenantId: string;

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await t.signIn(DEMO.admin.email, DEMO.admin.password);
    tenantId = (await admin.session()).memberships.find((m) => m.slug === 'musterstadt')!.tenantId;
  });
  afterAll(async () => t?.close());

  it('a part of the staged cells (one run, a range of area numbers) is read through an index', async () => {
    const s = tenantScope(t.database.db, tenantId);
    const areaIds = ['7c4e3a52-2f0e-4a53-9d51-8f0f3f1e2a01', '7c4e3a52-2f0e-4a53-9d51-8f0f3f1e2a02'];
    const plan = await s.transaction(async (tx) => {
      // With sequential scans priced out, the planner takes an index if one can serve the part.
      await tx.execute(sql`SET LOCAL enable_seqscan = off`);
      return tx.rows<{ 'QUERY PLAN': string }>(
        sql`EXPLAIN SELECT * FROM ${stagedCells(42, areaIds, { from: 1, to: 1 })} c`,
      );
    });
    const text = plan.map((r) => r['QUERY PLAN']).join('\n');
    expect(text).toMatch(
      /Index (Only )?Scan using import_staging_run_area_idx|Bitmap Index Scan on import_staging_run_area_idx/,
    );
    expect(text).not.toMatch(/Seq Scan on import_staging/);
  });
  it('keeps an uploaded file in parts of 1 MiB and gives back the same bytes', async () => {
    const s = tenantScope(t.database.db, tenantId);
    const lines = ['Schluessel;Jahr;Anzahl'];
    for (let i = 0; lines.length < 120_000; i++) lines.push(`K${i};2020;${i},5`);
    const bytes = new TextEncoder().encode(lines.join('\n') + '\n');
    expect(bytes.byteLength).toBeGreaterThan(2 * FILE_PART_BYTES);
    const runId = await createRun(s, { userId: null, via: 'cli', file: { name: 'gross.csv', bytes } });
    const parts = (await t.database.query(
      `SELECT seq, length(content) AS n FROM import_files WHERE import_run_id = $1 ORDER BY seq`,
      [runId],
    )) as Array<{ seq: number; n: number }>;
    // No row holds more than a part (base64: 4 characters per 3 bytes).
    expect(parts.length).toBe(Math.ceil(bytes.byteLength / FILE_PART_BYTES));
    for (const p of parts) expect(Number(p.n)).toBeLessThanOrEqual(Math.ceil(FILE_PART_BYTES / 3) * 4);
    const back = await loadRunFile(s, await loadRun(s, runId));
    expect(Buffer.from(back.bytes).equals(Buffer.from(bytes))).toBe(true);
  });

  it('loads the file in short pieces of base64, each decoded into the one buffer of the file', async () => {
    // A Buffer per part, and rows of 1.4 MB from the driver, stayed in memory until the next full
    // collection: about 40–45 MB each for the 48 MB file of the import-load benchmark, while the worker
    // thread read it (issue 9).
    const s = tenantScope(t.database.db, tenantId);
    const lines = ['Schluessel;Jahr;Anzahl'];
    for (let i = 0; lines.length < 200_000; i++) lines.push(`T${(i * 7919) % 100_003};2021;${i}`);
    const bytes = new TextEncoder().encode(lines.join('\n') + '\n');
    expect(bytes.byteLength).toBeGreaterThan(3 * FILE_PART_BYTES);
    const runId = await createRun(s, { userId: null, via: 'cli', file: { name: 'teile.csv', bytes } });
    const run = await loadRun(s, runId);
    const from = vi.spyOn(Buffer, 'from');
    const write = vi.spyOn(Buffer.prototype, 'write');
    try {
      const back = await loadRunFile(s, run);
      expect(Buffer.from(back.bytes).equals(Buffer.from(bytes))).toBe(true);
      expect(from.mock.calls.filter((c) => (c as unknown[])[1] === 'base64')).toEqual([]);
      const pieces = write.mock.calls
        .filter((c) => (c as unknown[])[2] === 'base64')
        .map((c) => String(c[0]));
      expect(pieces.length).toBeGreaterThanOrEqual(Math.ceil((bytes.byteLength * 4) / 3 / FILE_PIECE_CHARS));
      expect(Math.max(...pieces.map((p) => p.length))).toBeLessThanOrEqual(FILE_PIECE_CHARS);
    } finally {
      from.mockRestore();
      write.mockRestore();
    }
  });

  it('the commit refuses a cell that occurs twice without the parse searching for it (staging does), and writes nothing', async () => {
    const s = tenantScope(t.database.db, tenantId);
    // Two rows per key and year, told apart only by the column „Geschlecht“.
    const lines = ['Schluessel;Jahr;Geschlecht;Anzahl'];
    for (const k of ['ZZ1', 'ZZ2']) for (const g of ['weiblich', 'männlich']) lines.push(`${k};2020;${g};12`);
    const bytes = new TextEncoder().encode(lines.join('\n') + '\n');
    const runId = await createRun(s, { userId: null, via: 'cli', file: { name: 'doppelt.csv', bytes } });
    const mapping = (dims: boolean) => ({
      areaKey: { column: 'Schluessel' },
      period: { column: 'Jahr', type: 'year' as const },
      ...(dims ? { dimensions: [{ column: 'Geschlecht', name: 'Geschlecht' }] } : {}),
      values: [{ column: 'Anzahl', measure: 'doppelt_test', unit: 'Personen' }],
    });
    const options = (dims: boolean) => ({
      createAreas: true,
      level: 'planungsraum' as const,
      mapping: mapping(dims),
    });
    // The check with the dimension finds nothing twice; without it, the check names the lines.
    await analyzeRun(t.database, tenantId, runId, options(true));
    await expect(analyzeRun(t.database, tenantId, runId, options(false))).rejects.toThrow(/schon in Zeile 2/);
    // A commit with the dimension left out (no check of that mapping) is refused by staging, with both lines.
    const count = async () =>
      Number(
        (
          (await t.database.query(`SELECT count(*) AS n FROM observations WHERE tenant_id = $1`, [
            tenantId,
          ])) as Array<{ n: number }>
        )[0]!.n,
      );
    const before = await count();
    await expect(commitRun(t.database, tenantId, runId, options(false))).rejects.toThrow(
      /Derselbe Wert \(Gebiet, Zeitraum, Merkmale\) steht doppelt in der Datei: Zeilen 2 und 3/,
    );
    expect(await count()).toBe(before);
    const staged = (await t.database.query(`SELECT count(*) AS n FROM import_staging`)) as Array<{
      n: number;
    }>;
    expect(Number(staged[0]!.n)).toBe(0);
    // With the dimension, the same run is imported.
    const done = await commitRun(t.database, tenantId, runId, options(true));
    expect(done.observations.inserted).toBe(4);
    expect(await count()).toBe(before + 4);
  });
});
