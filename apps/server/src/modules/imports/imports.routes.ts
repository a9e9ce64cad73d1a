import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { apiErrorSchema, importOptionsSchema, importRunDetailSchema, importRunSchema } from '@dkbm/contract';
import { scopeOf, tenantOf } from '../../platform/tenancy/guard';
import { HttpError } from '../../platform/http/errors';
import { MAX_UPLOAD_BYTES } from '../../platform/http/uploads';
import { errorResponsesWithConflict, tenantParams } from '../../platform/http/routeSchema';
import {
  discardRun,
  listRunDtos,
  requestAnalysis,
  requestCommit,
  requestUndo,
  runDetail,
  startRun,
} from './runs.service';

const errors = { ...errorResponsesWithConflict, 413: apiErrorSchema };
const runParams = tenantParams.extend({ runId: z.uuid() });

/** Mounted at /api/tenants/:tenantId/imports: upload, analysis, key mapping, commit, undo. */
export const importsRoutes: FastifyPluginAsyncZod = async (app) => {
  const jobs = app.jobs;
  const tags = ['imports'];
  const actor = (req: FastifyRequest) => ({ id: req.auth!.user.id, role: tenantOf(req).role });

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
    async (req) => listRunDtos(scopeOf(req)),
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
      // A view of the received bytes, not a copy (a copy was 48 MB more for the largest files, issue 9).
      const received = await part.toBuffer();
      const bytes = new Uint8Array(received.buffer, received.byteOffset, received.byteLength);
      if (part.file.truncated) {
        throw new HttpError(413, 'too_large', `${part.filename}: Die Datei ist größer als 50 MB.`);
      }
      if (bytes.byteLength === 0)
        throw new HttpError(400, 'empty_file', `${part.filename}: Die Datei ist leer.`);
      const run = await startRun(scopeOf(req), jobs, req.auth!.user.id, {
        name: part.filename || 'upload',
        bytes,
      });
      return reply.status(202).send(run);
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
    async (req) => runDetail(scopeOf(req), req.params.runId),
  );

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
    async (req, reply) =>
      reply
        .status(202)
        .send(await requestAnalysis(scopeOf(req), jobs, actor(req), req.params.runId, req.body)),
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
    async (req, reply) =>
      reply.status(202).send(await requestCommit(scopeOf(req), jobs, actor(req), req.params.runId, req.body)),
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
    async (req) => requestUndo(app.ctx.database, scopeOf(req), actor(req), req.params.runId),
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
      await discardRun(scopeOf(req), actor(req), req.params.runId);
      return { ok: true as const };
    },
  );
};
