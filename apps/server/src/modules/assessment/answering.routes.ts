import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  answerSchema,
  answerUpdateSchema,
  frameworkValueSchema,
  raterViewSchema,
} from '@dkbm/contract/assessment';
import { apiErrorSchema } from '@dkbm/contract/errors';
import { hasPermission } from '@dkbm/contract/roles';
import { scopeOf, tenantOf } from '../../platform/tenancy/guard';
import { HttpError, notFound } from '../../platform/http/errors';
import {
  MAX_EVIDENCE_BYTES,
  attachEvidence,
  evidenceType,
  frameworkOf,
  frameworkPrefill,
  loadEvidenceFile,
  loadRound,
  loadRoundWithInstrument,
  raterView,
  removeEvidence,
  saveAnswer,
  saveFramework,
  submitAnswers,
  userParticipant,
} from './assessment.service';
import {
  attachment,
  componentParams,
  errors,
  fileParams,
  frameworkRecord,
  me,
  roundParams,
  tags,
} from './assessment.http';

/** Answering by signed-in raters (answers, evidence files) and the framework conditions of a round. */
export const answeringRoutes: FastifyPluginAsyncZod = async (app) => {
  /* ----- answering (signed-in raters) ----- */

  async function rater(req: FastifyRequest, roundId: string) {
    const tenant = tenantOf(req);
    const loaded = await loadRoundWithInstrument(scopeOf(req), roundId);
    const participant = await userParticipant(scopeOf(req), loaded.round.id, me(req));
    return { ...loaded, participant, tenantName: tenant.name };
  }

  app.get(
    '/rounds/:roundId/my',
    {
      config: { permission: 'tenant.read' },
      schema: {
        tags,
        summary: 'Eigene Einschätzung: Runde, Instrument der Runde und eigene Antworten',
        params: roundParams,
        response: { 200: raterViewSchema, ...errors },
      },
    },
    async (req, reply) => {
      const r = await rater(req, req.params.roundId);
      reply.header('cache-control', 'private, no-store');
      return raterView(scopeOf(req), r.round, r.instrument, r.participant, r.tenantName);
    },
  );

  app.put(
    '/rounds/:roundId/my/answers/:componentKey',
    {
      config: { permission: 'tenant.read' },
      schema: {
        tags,
        summary: 'Eine Antwort speichern (Zwischenspeichern beim Ausfüllen)',
        params: componentParams,
        body: answerUpdateSchema,
        response: { 200: answerSchema, ...errors },
      },
    },
    async (req) => {
      const r = await rater(req, req.params.roundId);
      return saveAnswer(
        scopeOf(req),
        r.round,
        r.instrument,
        r.participant,
        req.params.componentKey,
        req.body,
      );
    },
  );

  app.post(
    '/rounds/:roundId/my/submit',
    {
      config: { permission: 'tenant.read' },
      schema: {
        tags,
        summary:
          'Einschätzung abschließen (alle Komponenten beantwortet; Änderungen bleiben bis zum Rundenende möglich)',
        params: roundParams,
        response: { 200: raterViewSchema, ...errors },
      },
    },
    async (req) => {
      const r = await rater(req, req.params.roundId);
      await submitAnswers(scopeOf(req), r.round, r.instrument, r.participant);
      const again = await rater(req, req.params.roundId);
      return raterView(scopeOf(req), again.round, again.instrument, again.participant, again.tenantName);
    },
  );

  app.post(
    '/rounds/:roundId/my/answers/:componentKey/evidence',
    {
      config: { permission: 'tenant.read' },
      schema: {
        tags,
        summary:
          'Nachweis hochladen (multipart/form-data, Feld „file“; PDF, Bild oder Office-Dokument, höchstens 10 MB)',
        params: componentParams,
        consumes: ['multipart/form-data'],
        response: { 200: answerSchema, 413: apiErrorSchema, 415: apiErrorSchema, ...errors },
      },
    },
    async (req) => {
      const r = await rater(req, req.params.roundId);
      if (!req.isMultipart()) {
        throw new HttpError(
          400,
          'bad_request',
          'Bitte laden Sie die Datei als multipart/form-data (Feld „file“) hoch.',
        );
      }
      const part = await req.file({ limits: { fileSize: MAX_EVIDENCE_BYTES, files: 1 } });
      if (!part)
        throw new HttpError(400, 'bad_request', 'Es wurde keine Datei übertragen.', { field: 'file' });
      const bytes = new Uint8Array(await part.toBuffer());
      if (part.file.truncated) {
        throw new HttpError(413, 'too_large', 'Die Datei ist größer als 10 MB.');
      }
      if (bytes.byteLength === 0) throw new HttpError(400, 'empty_file', 'Die Datei ist leer.');
      const mime = evidenceType(part.filename ?? '', bytes);
      if (!mime) {
        throw new HttpError(
          415,
          'unsupported_type',
          'Als Nachweis sind PDF-Dateien, Bilder (PNG, JPEG, GIF, WebP) und Office-Dokumente (Word, Excel, PowerPoint, OpenDocument) möglich.',
        );
      }
      return attachEvidence(scopeOf(req), r.round, r.instrument, r.participant, req.params.componentKey, {
        name: part.filename || 'nachweis',
        mime,
        bytes,
      });
    },
  );

  app.delete(
    '/rounds/:roundId/my/answers/:componentKey/evidence',
    {
      config: { permission: 'tenant.read' },
      schema: {
        tags,
        summary: 'Hochgeladenen Nachweis entfernen',
        params: componentParams,
        response: { 200: answerSchema, ...errors },
      },
    },
    async (req) => {
      const r = await rater(req, req.params.roundId);
      return removeEvidence(scopeOf(req), r.round, r.instrument, r.participant, req.params.componentKey);
    },
  );

  app.get(
    '/rounds/:roundId/files/:fileId',
    {
      config: { permission: 'tenant.read' },
      schema: {
        tags,
        summary: 'Nachweisdatei herunterladen (Redaktion und Administration, oder wer sie hochgeladen hat)',
        params: fileParams,
        response: { 200: z.any(), ...errors },
      },
    },
    async (req, reply) => {
      const tenant = tenantOf(req);
      const file = await loadEvidenceFile(scopeOf(req), req.params.roundId, req.params.fileId);
      if (!hasPermission(tenant.role, 'data.write')) {
        const p = await userParticipant(scopeOf(req), req.params.roundId, me(req)).catch(() => null);
        if (!p || p.id !== file.participantId) {
          throw notFound('Die Datei');
        }
      }
      reply
        .header('cache-control', 'private, no-store')
        .header('content-disposition', attachment(file.name))
        .header('content-security-policy', "default-src 'none'; sandbox")
        .type(file.mime);
      return reply.send(Buffer.from(file.content, 'base64'));
    },
  );

  /* ----- framework conditions ----- */

  app.get(
    '/rounds/:roundId/framework',
    {
      config: { permission: 'data.read' },
      schema: {
        tags,
        summary: 'Rahmenbedingungen der Runde',
        params: roundParams,
        response: { 200: frameworkRecord, ...errors },
      },
    },
    async (req) => frameworkOf(await loadRound(scopeOf(req), req.params.roundId)),
  );

  app.put(
    '/rounds/:roundId/framework',
    {
      config: { permission: 'data.write' },
      schema: {
        tags,
        summary: 'Rahmenbedingungen speichern (ersetzt alle Werte der Runde)',
        params: roundParams,
        body: frameworkRecord,
        response: { 200: frameworkRecord, ...errors },
      },
    },
    async (req) => saveFramework(scopeOf(req), req.params.roundId, req.body),
  );

  app.get(
    '/rounds/:roundId/framework/prefill',
    {
      config: { permission: 'data.write' },
      schema: {
        tags,
        summary: 'Vorschläge für die Rahmenbedingungen aus dem Bildungsmonitoring (mit Quelle)',
        params: roundParams,
        response: { 200: z.record(z.string(), frameworkValueSchema.nullable()), ...errors },
      },
    },
    async (req) => frameworkPrefill(scopeOf(req), req.params.roundId),
  );
};
