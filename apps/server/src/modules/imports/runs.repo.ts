import { eq, inArray, sql } from 'drizzle-orm';
import type { Database, Tx } from '../../platform/db/client';
import { importFiles, importRuns, users } from '../../platform/db/schema';
import { HttpError, notFound } from '../../platform/http/errors';
import type { TenantScope } from '../../platform/tenancy/scope';

/* Import runs and their files. */

export type RunRow = typeof importRuns.$inferSelect;

/** The database's clock, for timestamps of a run (finishedAt). */
export const NOW = sql`now()` as unknown as string;

export async function insertRun(
  s: TenantScope,
  values: Omit<typeof importRuns.$inferInsert, 'tenantId' | 'id'>,
  content: string,
): Promise<string> {
  return s.transaction(async (tx) => {
    const [run] = await tx.insert(importRuns).values(tx.withTenant(values)).returning({ id: importRuns.id });
    await tx.insert(importFiles).values(tx.withTenant({ importRunId: run!.id, content }));
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

export async function loadRunFile(s: TenantScope, run: { id: string; fileName: string }) {
  const f = await s
    .select({ content: importFiles.content })
    .from(importFiles)
    .where(s.owns(importFiles, eq(importFiles.importRunId, run.id)))
    .limit(1);
  if (!f[0]) throw new HttpError(410, 'file_gone', 'Die Datei dieses Imports ist nicht mehr vorhanden.');
  return { name: run.fileName, bytes: new Uint8Array(Buffer.from(f[0].content, 'base64')) };
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
