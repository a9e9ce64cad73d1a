import { eq, inArray, sql } from 'drizzle-orm';
import type { Database, Tx } from '../../platform/db/client';
import { importFiles, importRuns, users } from '../../platform/db/schema';
import { HttpError, notFound } from '../../platform/http/errors';
import type { TenantScope } from '../../platform/tenancy/scope';

/* Import runs and their files. */

export type RunRow = typeof importRuns.$inferSelect;

/** The database's clock, for timestamps of a run (finishedAt). */
export const NOW = sql`now()` as unknown as string;

/** Bytes of the file per row of `import_files` (base64 in the row). */
export const FILE_PART_BYTES = 1024 * 1024;

export async function insertRun(
  s: TenantScope,
  values: Omit<typeof importRuns.$inferInsert, 'tenantId' | 'id'>,
  bytes: Uint8Array,
): Promise<string> {
  return s.transaction(async (tx) => {
    const [run] = await tx.insert(importRuns).values(tx.withTenant(values)).returning({ id: importRuns.id });
    // One row per part: no statement carries the whole file (PGlite keeps the memory of its largest).
    for (let seq = 0; seq * FILE_PART_BYTES < bytes.byteLength || seq === 0; seq++) {
      const part = bytes.subarray(seq * FILE_PART_BYTES, (seq + 1) * FILE_PART_BYTES);
      const content = Buffer.from(part.buffer, part.byteOffset, part.byteLength).toString('base64');
      await tx.insert(importFiles).values(tx.withTenant({ importRunId: run!.id, seq, content }));
    }
    return run!.id;
  });
}

export async function loadRun(s: TenantScope, runId: string) {
  const r = await s
    .select()
    .from(importRuns)
    .where(s.owns(importRuns, eq(importRuns.id, runId)))
    .limit(1);
  if (!r[0]) throw notFound('Der Import');
  return r[0];
}

/**
 * Characters of base64 per row when a stored file is read back (a multiple of 4, so that each piece
 * decodes alone). Small pieces keep the driver's buffers and the strings short-lived: with one row of
 * 1.4 MB per part, PostgreSQL's driver left about 45 MB of merged receive buffers and the strings in the
 * old generation until the next full collection, while the worker read the 48 MB file (issue 9).
 */
export const FILE_PIECE_CHARS = 64 * 1024;

export async function loadRunFile(s: TenantScope, run: { id: string; fileName: string; fileSize: number }) {
  // Part by part, in pieces of FILE_PIECE_CHARS, into one buffer of the file's size (no statement returns
  // the whole file). Each piece is decoded straight into that buffer: a Buffer per part was 1 MiB of
  // memory outside the JS heap that stayed until the next full collection.
  const bytes = new Uint8Array(run.fileSize);
  const into = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  for (let seq = 0; ; seq++) {
    // As bytes, so that a piece is cut at its offset (substr of text counts characters from the start,
    // and detoasted the part once per piece: 20 times slower for the 48 MB file).
    const pieces = await s.rows<{ piece: string }>(sql`
      SELECT convert_from(substring(b.raw FROM g.n * ${FILE_PIECE_CHARS} + 1 FOR ${FILE_PIECE_CHARS}), 'UTF8') AS piece
      FROM (
        SELECT convert_to(content, 'UTF8') AS raw FROM ${importFiles}
        WHERE tenant_id = ${s.tenantId} AND import_run_id = ${run.id} AND seq = ${seq}
      ) b
      CROSS JOIN LATERAL generate_series(0, greatest(0, (length(b.raw) - 1) / ${FILE_PIECE_CHARS})) AS g(n)
      ORDER BY g.n`);
    if (!pieces.length) {
      if (seq === 0) {
        throw new HttpError(410, 'file_gone', 'Die Datei dieses Imports ist nicht mehr vorhanden.');
      }
      break;
    }
    for (const { piece } of pieces) {
      if (at + Buffer.byteLength(piece, 'base64') > bytes.byteLength) {
        throw new Error('import file larger than recorded');
      }
      at += into.write(piece, at, 'base64');
    }
  }
  return { name: run.fileName, bytes: at === bytes.byteLength ? bytes : bytes.slice(0, at) };
}

export async function setRunStatus(
  s: TenantScope,
  runId: string,
  patch: Partial<Omit<typeof importRuns.$inferInsert, 'tenantId' | 'id'>>,
): Promise<void> {
  await s
    .update(importRuns)
    .set(patch)
    .where(s.owns(importRuns, eq(importRuns.id, runId)));
}

export async function listRuns(s: TenantScope, limit: number): Promise<RunRow[]> {
  return s
    .select()
    .from(importRuns)
    .where(s.owns(importRuns))
    .orderBy(sql`${importRuns.createdAt} DESC`)
    .limit(limit);
}

export async function deleteRun(s: TenantScope, runId: string): Promise<void> {
  await s.delete(importRuns).where(s.owns(importRuns, eq(importRuns.id, runId)));
}

/** Display names of the people who started imports. */
export async function runnerNames(db: Tx, ids: Array<string | null>): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (!wanted.length) return new Map();
  const r = await db
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(inArray(users.id, wanted));
  return new Map(r.map((u) => [u.id, u.name]));
}

/** Runs that were busy when the process ended are marked as interrupted (their transaction rolled back). */
export async function failInterruptedRuns(database: Database): Promise<void> {
  await database.db
    // oxlint-disable-next-line dkbm/tenant-scope -- at start-up, the busy runs of every tenant
    .update(importRuns)
    .set({
      status: 'failed',
      progressText: null,
      finishedAt: sql`now()` as never,
      error: {
        code: 'interrupted',
        message:
          'Der Import wurde durch einen Neustart des Servers unterbrochen. Es wurde nichts übernommen; bitte starten Sie ihn erneut.',
      },
    })
    .where(inArray(importRuns.status, ['analyzing', 'importing']));
}
