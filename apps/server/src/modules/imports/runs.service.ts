import crypto from 'node:crypto';
import {
  hasPermission,
  type ImportOptions,
  type ImportResult,
  type ImportRunDetail,
  type Role,
} from '@dkbm/contract';
import { decodeText, detectFormat, ImportFileError } from '@dkbm/domain';
import type { Database } from '../../platform/db/client';
import { HttpError } from '../../platform/http/errors';
import type { JobQueue } from '../../platform/jobs/jobs';
import { tenantScope, type TenantScope } from '../../platform/tenancy/scope';
import { recomputeDependents } from '../monitoring/computed.service';
import { touchIndicators } from '../monitoring/catalog.service';
import { warmPublicViewsByCode } from '../monitoring/observations.service';
import { tracer } from './trace';
import { analyzeBoundaries, commitBoundaries } from './boundaries.service';
import { assertOptionIdsOwned, analyzeStatistics } from './statistics.analysis';
import { commitStatistics } from './statistics.commit';
import {
  deleteRun,
  failInterruptedRuns,
  insertRun,
  listRuns,
  loadRun,
  loadRunFile,
  NOW,
  runnerNames,
  setRunStatus,
  type RunRow,
} from './runs.repo';
import { existingIndicatorIds, markUndone, removeRunData } from './undo.repo';
import { undoLogged, type UndoLog } from './undoLog.repo';
import { ImportRefused, type ProgressFn, type UploadedFile } from './types';

/*
 * Import runs (ADR 0005): upload, analysis and commit as background jobs, undo, and who may change
 * a run (ADR 0002). analyzeRun and commitRun are plain functions of the database, a tenant and a run,
 * callable by the job queue and the command line alike.
 */

export { failInterruptedRuns, loadRun, runnerNames };

export const IMPORT_ANALYZE = 'import-analyze';
export const IMPORT_COMMIT = 'import-commit';

export async function createRun(
  s: TenantScope,
  args: { userId: string | null; via: 'web' | 'cli'; file: UploadedFile },
): Promise<string> {
  const { file } = args;
  let format: ReturnType<typeof detectFormat>;
  try {
    format = detectFormat(file);
  } catch (e) {
    // E.g. a zip bomb: refused at the door, with the entry and the limit named.
    if (e instanceof ImportFileError) throw new HttpError(400, e.code, e.message, errorOf(e, file.name));
    throw e;
  }
  if (format === 'unknown') {
    // A text file that cannot be decoded gets the precise reason (line and column of the bad byte).
    try {
      decodeText(file);
    } catch (e) {
      if (e instanceof ImportFileError) throw new HttpError(400, e.code, e.message, errorOf(e, file.name));
    }
    throw new HttpError(
      400,
      'unsupported_file',
      `${file.name}: Dateiart nicht erkannt. Unterstützt werden GENESIS-Tabellen (CSV), GENESIS-Flatfiles (ffcsv), ` +
        'CSV- und Excel-Tabellen sowie Gebietsgrenzen (GeoJSON, TopoJSON, KML, Shapefile als ZIP).',
      { file: file.name },
    );
  }
  const checksum = crypto.createHash('sha256').update(file.bytes).digest('hex');
  return insertRun(
    s,
    {
      createdBy: args.userId,
      via: args.via,
      kind: format === 'boundaries' ? 'boundaries' : 'statistics',
      fileName: file.name,
      fileSize: file.bytes.byteLength,
      checksum,
      format,
      status: 'uploaded',
    },
    file.bytes,
  );
}

export function errorOf(e: unknown, fileName: string) {
  if (e instanceof ImportFileError) {
    return {
      code: e.code,
      message: e.message,
      file: e.file,
      ...(e.line !== undefined ? { line: e.line } : {}),
      ...(e.column !== undefined ? { column: e.column } : {}),
      ...(e.field !== undefined ? { field: e.field } : {}),
    };
  }
  if (e instanceof HttpError) {
    const d = (e.details ?? {}) as { line?: number; column?: number; field?: string };
    return { code: e.code, message: e.message, file: fileName, ...d };
  }
  return { code: 'internal', message: internalMessage(e, fileName), file: fileName };
}

/**
 * A German message for an error that is not the file's fault or not foreseen, without the internal
 * English text (which could also quote data): known causes are named, the rest is summarised.
 */
export function internalMessage(e: unknown, fileName: string): string {
  const msg = e instanceof Error ? e.message : String(e);
  const pgCode =
    (e as { code?: unknown; cause?: { code?: unknown } })?.cause?.code ?? (e as { code?: unknown })?.code;
  if (e instanceof RangeError && /call stack/i.test(msg)) {
    return `${fileName}: Die Datei ist zu tief verschachtelt, um sie zu lesen. Es wurde nichts geändert.`;
  }
  if (pgCode === '22003' || /overflows numeric|out of range/i.test(msg)) {
    return `${fileName}: Ein Wert der Datei ist zu groß für die Datenbank. Es wurde nichts geändert.`;
  }
  if (e instanceof RangeError && /Invalid string length|Array buffer allocation/i.test(msg)) {
    return `${fileName}: Die Datei ist zu groß, um sie auf einmal zu verarbeiten. Es wurde nichts geändert.`;
  }
  return `${fileName}: Der Import ist wegen eines internen Fehlers fehlgeschlagen; es wurde nichts geändert. Bitte wenden Sie sich mit dem Dateinamen und der Uhrzeit an den Betrieb.`;
}

export async function analyzeRun(
  database: Database,
  tenantId: string,
  runId: string,
  options: ImportOptions | null,
) {
  const s = tenantScope(database.db, tenantId);
  const run = await loadRun(s, runId);
  await setRunStatus(s, runId, {
    status: 'analyzing',
    progress: 0,
    progressText: 'Datei wird geprüft',
    error: null,
  });
  const trace = tracer();
  try {
    const file = await loadRunFile(s, run);
    trace('check: file loaded');
    const analysis =
      run.kind === 'boundaries'
        ? await analyzeBoundaries(s, file, options)
        : await analyzeStatistics(s, file, options);
    trace('check: file read and checked');
    await setRunStatus(s, runId, {
      status: 'ready',
      progress: 100,
      progressText: null,
      analysis,
      options: options ?? {},
      format: analysis.format,
    });
    return analysis;
  } catch (e) {
    await setRunStatus(s, runId, {
      status: 'failed',
      progressText: null,
      error: errorOf(e, run.fileName),
      finishedAt: NOW,
    });
    throw e;
  }
}

export async function commitRun(database: Database, tenantId: string, runId: string, options: ImportOptions) {
  const s = tenantScope(database.db, tenantId);
  const run = await loadRun(s, runId);
  await setRunStatus(s, runId, {
    status: 'importing',
    progress: 0,
    progressText: 'Import beginnt',
    options,
    error: null,
  });
  const progress: ProgressFn = async (percent, text) => {
    await setRunStatus(s, runId, { progress: Math.min(99, percent), progressText: text });
  };
  try {
    await assertOptionIdsOwned(s, options);
    const trace = tracer();
    const file = await loadRunFile(s, run);
    trace('commit: file loaded');
    const result =
      run.kind === 'boundaries'
        ? await commitBoundaries(s, run, file, options, progress)
        : await commitStatistics(database, s, run, file, options, progress);
    await setRunStatus(s, runId, {
      status: 'done',
      progress: 100,
      progressText: null,
      result,
      finishedAt: NOW,
    });
    return result;
  } catch (e) {
    // Nothing of the import remains (its transaction rolled back); the run keeps the reason.
    await setRunStatus(s, runId, {
      status: e instanceof ImportRefused ? 'ready' : 'failed',
      progressText: null,
      error: errorOf(e, run.fileName),
      ...(e instanceof ImportRefused ? {} : { finishedAt: NOW }),
    });
    throw e;
  }
}

/** Undo a finished import as a whole: its values go, values it replaced come back, areas it created go. */
export async function undoRun(database: Database, tenantId: string, runId: string, userId: string | null) {
  const s = tenantScope(database.db, tenantId);
  const run = await loadRun(s, runId);
  if (run.status !== 'done') {
    throw new HttpError(409, 'not_undoable', 'Nur abgeschlossene Importe können rückgängig gemacht werden.');
  }
  return s.transaction(async (tx) => {
    const { touched, removed, restored } = await removeRunData(tx, run);
    // Series left without values, then dimensions, values, links, names and key mappings of the run.
    await undoLogged(tx, (run.result as { undo?: Partial<UndoLog> } | null)?.undo, touched);
    const ids = await existingIndicatorIds(tx, touched);
    await touchIndicators(tx, ids);
    const recomputed = await recomputeDependents(tx, ids);
    await markUndone(tx, runId, userId);
    return { removed, restored, recomputed };
  });
}

function summaryOf(r: ImportResult | null) {
  if (!r) return null;
  return {
    inserted: r.observations.inserted,
    replaced: r.observations.replaced,
    skipped: r.observations.skipped,
    areasCreated: r.areas.created,
    versions: r.areas.versions,
  };
}

export function toRunDto(r: RunRow, detail: true, names?: Map<string, string>): ImportRunDetail;
export function toRunDto(
  r: RunRow,
  detail?: false,
  names?: Map<string, string>,
): Omit<ImportRunDetail, 'analysis' | 'options' | 'result'>;
export function toRunDto(r: RunRow, detail = false, names?: Map<string, string>) {
  const base = {
    id: r.id,
    kind: r.kind as 'statistics' | 'boundaries',
    fileName: r.fileName,
    fileSize: r.fileSize,
    checksum: r.checksum,
    format: r.format,
    status: r.status as ImportRunDetail['status'],
    progress: r.progress,
    progressText: r.progressText,
    createdAt: r.createdAt,
    finishedAt: r.finishedAt,
    createdBy: r.createdBy,
    createdByName: names?.get(r.createdBy ?? '') ?? null,
    via: r.via,
    summary: summaryOf(r.result as ImportResult | null),
    undoneAt: r.undoneAt,
    error: (r.error as ImportRunDetail['error']) ?? null,
  };
  if (!detail) return base;
  return {
    ...base,
    analysis: (r.analysis as ImportRunDetail['analysis']) ?? null,
    options: (r.options as ImportRunDetail['options']) ?? null,
    result: (r.result as ImportRunDetail['result']) ?? null,
  };
}

/**
 * Who may change an import run (re-check, commit, discard, undo) — one rule, ADR 2: editors and admins
 * (`data.write`) every run of the tenant; contributors only the runs they started themselves. Runs of
 * the command line (no person) count as not their own.
 */
export function assertMayChangeRun(
  role: Parameters<typeof hasPermission>[0],
  userId: string,
  run: { createdBy: string | null },
): void {
  if (hasPermission(role, 'data.write') || (run.createdBy !== null && run.createdBy === userId)) return;
  throw new HttpError(
    403,
    'forbidden',
    'Importe anderer Personen können nur Redaktion und Administration prüfen, übernehmen, verwerfen oder rückgängig machen.',
  );
}

interface JobData {
  tenantId: string;
  runId: string;
  options: ImportOptions | null;
}

/** Register the import jobs on the queue (the job's own errors are kept on the run). */
export function registerImportJobs(jobs: JobQueue, database: Database) {
  jobs.register<JobData>(IMPORT_ANALYZE, async (d) => {
    await analyzeRun(database, d.tenantId, d.runId, d.options).catch(() => undefined);
  });
  jobs.register<JobData>(IMPORT_COMMIT, async (d) => {
    const result = await commitRun(database, d.tenantId, d.runId, d.options ?? {}).catch(() => undefined);
    // Protect the new data for public views now, not in the first public request (ADR 0006).
    if (result) {
      const codes = [...result.indicators.created, ...result.indicators.updated];
      await warmPublicViewsByCode(tenantScope(database.db, d.tenantId), codes).catch(() => undefined);
    }
  });
}

/** The tenant's latest runs with the names of who started them. */
export async function listRunDtos(s: TenantScope) {
  const r = await listRuns(s, 200);
  const names = await runnerNames(
    s.db,
    r.map((x) => x.createdBy),
  );
  return r.map((x) => toRunDto(x, false, names));
}

export async function runDetail(s: TenantScope, runId: string) {
  const run = await loadRun(s, runId);
  return toRunDto(run, true, await runnerNames(s.db, [run.createdBy]));
}

/** Upload: a new run whose analysis runs as a job. */
export async function startRun(s: TenantScope, jobs: JobQueue, userId: string, file: UploadedFile) {
  const runId = await createRun(s, { userId, via: 'web', file });
  await jobs.send(IMPORT_ANALYZE, { tenantId: s.tenantId, runId, options: null });
  return toRunDto(await loadRun(s, runId));
}

const busy = (status: string) => ['analyzing', 'importing'].includes(status);

/** Check again with new options (mapping, level, keys, CRS) as a job. */
export async function requestAnalysis(
  s: TenantScope,
  jobs: JobQueue,
  actor: { id: string; role: Role },
  runId: string,
  options: ImportOptions,
) {
  const run = await loadRun(s, runId);
  assertMayChangeRun(actor.role, actor.id, run);
  if (busy(run.status) || run.status === 'done' || run.status === 'undone') {
    throw new HttpError(409, 'conflict', 'Dieser Import kann nicht mehr geändert werden.');
  }
  await assertOptionIdsOwned(s, options);
  await setRunStatus(s, run.id, { status: 'analyzing', progress: 0, error: null });
  await jobs.send(IMPORT_ANALYZE, { tenantId: s.tenantId, runId: run.id, options });
  return toRunDto(await loadRun(s, run.id));
}

/** Commit as a job (one transaction: all or nothing). */
export async function requestCommit(
  s: TenantScope,
  jobs: JobQueue,
  actor: { id: string; role: Role },
  runId: string,
  body: ImportOptions,
) {
  const run = await loadRun(s, runId);
  assertMayChangeRun(actor.role, actor.id, run);
  if (run.status !== 'ready') {
    throw new HttpError(
      409,
      'conflict',
      run.status === 'done'
        ? 'Dieser Import wurde bereits übernommen.'
        : 'Der Import ist noch nicht geprüft oder fehlgeschlagen.',
    );
  }
  const analysis = run.analysis as { needsMapping?: boolean } | null;
  if (analysis?.needsMapping && !body.mapping) {
    throw new HttpError(400, 'mapping_required', 'Bitte ordnen Sie zuerst die Spalten der Tabelle zu.', {
      field: 'mapping',
    });
  }
  const options = { ...(run.options as ImportOptions | null), ...body };
  await assertOptionIdsOwned(s, options);
  await setRunStatus(s, run.id, { status: 'importing', progress: 0, error: null });
  await jobs.send(IMPORT_COMMIT, { tenantId: s.tenantId, runId: run.id, options });
  return toRunDto(await loadRun(s, run.id));
}

export async function requestUndo(
  database: Database,
  s: TenantScope,
  actor: { id: string; role: Role },
  runId: string,
) {
  const run = await loadRun(s, runId);
  assertMayChangeRun(actor.role, actor.id, run);
  return undoRun(database, s.tenantId, run.id, actor.id);
}

/** Discard a run that was not committed. */
export async function discardRun(s: TenantScope, actor: { id: string; role: Role }, runId: string) {
  const run = await loadRun(s, runId);
  assertMayChangeRun(actor.role, actor.id, run);
  if (run.status === 'done' || busy(run.status)) {
    throw new HttpError(
      409,
      'conflict',
      'Übernommene oder laufende Importe können nicht verworfen werden; machen Sie sie rückgängig.',
    );
  }
  await deleteRun(s, run.id);
}

/** Remove a run whatever its state (the command line after a failed or dry run). */
export const removeRun = (s: TenantScope, runId: string) => deleteRun(s, runId);
