import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import {
  apiErrorSchema,
  hasPermission,
  importOptionsSchema,
  importRunDetailSchema,
  importRunSchema,
  type ImportOptions,
} from '@dkbm/contract';
import { tenantOf } from '../../platform/tenancy/guard';
import { importRuns } from '../../platform/db/schema';
import { HttpError } from '../../platform/http/errors';
import type { Database } from '../../platform/db/client';
import { MAX_UPLOAD_BYTES } from '../../platform/http/uploads';
import type { JobQueue } from '../../platform/jobs/jobs';
import {
  analyzeRun,
  assertOptionIdsOwned,
  commitRun,
  createRun,
  loadRun,
  runnerNames,
  toRunDto,
  undoRun,
} from './imports.service';
import { warmPublicViewsByCode } from '../monitoring/observations.service';

const errors = {
  400: apiErrorSchema,
  401: apiErrorSchema,
  403: apiErrorSchema,
  404: apiErrorSchema,
  409: apiErrorSchema,
  413: apiErrorSchema,
};
const tenantParams = z.object({ tenantId: z.string() });
const runParams = tenantParams.extend({ runId: z.uuid() });

export const IMPORT_ANALYZE = 'import-analyze';
export const IMPORT_COMMIT = 'import-commit';

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
      await warmPublicViewsByCode(database.db, d.tenantId, codes).catch(() => undefined);
    }
  });
}

/** Runs that were busy when the process ended are marked as interrupted (their transaction rolled back). */
export async function failInterruptedRuns(database: Database) {
  await database.db
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

/** Mounted at /api/tenants/:tenantId/imports: upload, analysis, key mapping, commit, undo. */
export const importsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx;
  const jobs = app.jobs;
  const tags = ['imports'];

  app.get(
    '',
    {
      config: { permission: 'data.read' },
      schema: {
        tags,
        summary: 'Importe der Kommune',
        params: tenantParams,
        response: { 200: z.array(importRunSchema), ...errors },
      },
    },
    async (req) => {
      const r = await db
        .select()
        .from(importRuns)
        .where(eq(importRuns.tenantId, tenantOf(req).id))
        .orderBy(desc(importRuns.createdAt))
        .limit(200);
      const names = await runnerNames(
        db,
        r.map((x) => x.createdBy),
      );
      return r.map((x) => toRunDto(x, false, names));
    },
  );

  app.post(
    '',
    {
      config: { permission: 'data.contribute' },
      schema: {
        tags,
        summary:
          'Datei hochladen (multipart/form-data, Feld „file“); die Prüfung läuft als Hintergrundauftrag',
        params: tenantParams,
        consumes: ['multipart/form-data'],
        response: { 202: importRunSchema, ...errors },
      },
    },
    async (req, reply) => {
      if (!req.isMultipart()) {
        throw new HttpError(
          400,
          'bad_request',
          'Bitte laden Sie die Datei als multipart/form-data (Feld „file“) hoch.',
        );
      }
      const part = await req.file({ limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } });
      if (!part)
        throw new HttpError(400, 'bad_request', 'Es wurde keine Datei übertragen.', { field: 'file' });
      const bytes = new Uint8Array(await part.toBuffer());
      if (part.file.truncated) {
        throw new HttpError(413, 'too_large', `${part.filename}: Die Datei ist größer als 50 MB.`);
      }
      if (bytes.byteLength === 0)
        throw new HttpError(400, 'empty_file', `${part.filename}: Die Datei ist leer.`);
      const tenant = tenantOf(req);
      const runId = await createRun(db, {
        tenantId: tenant.id,
        userId: req.auth!.user.id,
        via: 'web',
        file: { name: part.filename || 'upload', bytes },
      });
      await jobs.send(IMPORT_ANALYZE, { tenantId: tenant.id, runId, options: null });
      return reply.status(202).send(toRunDto(await loadRun(db, tenant.id, runId)));
    },
  );

  app.get(
    '/:runId',
    {
      config: { permission: 'data.read' },
      schema: {
        tags,
        summary: 'Stand, Prüfbericht und Ergebnis eines Imports',
        params: runParams,
        response: { 200: importRunDetailSchema, ...errors },
      },
    },
    async (req) => {
      const run = await loadRun(db, tenantOf(req).id, req.params.runId);
      return toRunDto(run, true, await runnerNames(db, [run.createdBy]));
    },
  );

  const busy = (status: string) => ['analyzing', 'importing'].includes(status);

  app.post(
    '/:runId/analyze',
    {
      config: { permission: 'data.contribute' },
      schema: {
        tags,
        summary: 'Erneut prüfen mit Zuordnung (Spalten, Ebene, Schlüssel, Koordinatensystem)',
        params: runParams,
        body: importOptionsSchema,
        response: { 202: importRunSchema, ...errors },
      },
    },
    async (req, reply) => {
      const tenant = tenantOf(req);
      const tenantId = tenant.id;
      const run = await loadRun(db, tenantId, req.params.runId);
      assertMayChangeRun(tenant.role, req.auth!.user.id, run);
      if (busy(run.status) || run.status === 'done' || run.status === 'undone') {
        throw new HttpError(409, 'conflict', 'Dieser Import kann nicht mehr geändert werden.');
      }
      await assertOptionIdsOwned(db, tenantId, req.body);
      await db
        .update(importRuns)
        .set({ status: 'analyzing', progress: 0, error: null })
        .where(eq(importRuns.id, run.id));
      await jobs.send(IMPORT_ANALYZE, { tenantId, runId: run.id, options: req.body });
      return reply.status(202).send(toRunDto(await loadRun(db, tenantId, run.id)));
    },
  );

  app.post(
    '/:runId/commit',
    {
      config: { permission: 'data.contribute' },
      schema: {
        tags,
        summary: 'Import übernehmen (eine Transaktion: alles oder nichts)',
        params: runParams,
        body: importOptionsSchema,
        response: { 202: importRunSchema, ...errors },
      },
    },
    async (req, reply) => {
      const tenant = tenantOf(req);
      const tenantId = tenant.id;
      const run = await loadRun(db, tenantId, req.params.runId);
      assertMayChangeRun(tenant.role, req.auth!.user.id, run);
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
      if (analysis?.needsMapping && !req.body.mapping) {
        throw new HttpError(400, 'mapping_required', 'Bitte ordnen Sie zuerst die Spalten der Tabelle zu.', {
          field: 'mapping',
        });
      }
      const options = { ...(run.options as ImportOptions | null), ...req.body };
      await assertOptionIdsOwned(db, tenantId, options);
      await db
        .update(importRuns)
        .set({ status: 'importing', progress: 0, error: null })
        .where(eq(importRuns.id, run.id));
      await jobs.send(IMPORT_COMMIT, { tenantId, runId: run.id, options });
      return reply.status(202).send(toRunDto(await loadRun(db, tenantId, run.id)));
    },
  );

  app.post(
    '/:runId/undo',
    {
      config: { permission: 'data.contribute' },
      schema: {
        tags,
        summary: 'Import als Ganzes rückgängig machen',
        params: runParams,
        response: {
          200: z.object({
            removed: z.number().int(),
            restored: z.number().int(),
            recomputed: z.array(z.string()),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      const tenant = tenantOf(req);
      const run = await loadRun(db, tenant.id, req.params.runId);
      assertMayChangeRun(tenant.role, req.auth!.user.id, run);
      return undoRun(app.ctx.database, tenant.id, run.id, req.auth!.user.id);
    },
  );

  app.delete(
    '/:runId',
    {
      config: { permission: 'data.contribute' },
      schema: {
        tags,
        summary: 'Nicht übernommenen Import verwerfen',
        params: runParams,
        response: { 200: z.object({ ok: z.literal(true) }), ...errors },
      },
    },
    async (req) => {
      const tenant = tenantOf(req);
      const tenantId = tenant.id;
      const run = await loadRun(db, tenantId, req.params.runId);
      assertMayChangeRun(tenant.role, req.auth!.user.id, run);
      if (run.status === 'done' || busy(run.status)) {
        throw new HttpError(
          409,
          'conflict',
          'Übernommene oder laufende Importe können nicht verworfen werden; machen Sie sie rückgängig.',
        );
      }
      await db.delete(importRuns).where(and(eq(importRuns.tenantId, tenantId), eq(importRuns.id, run.id)));
      return { ok: true as const };
    },
  );
};
