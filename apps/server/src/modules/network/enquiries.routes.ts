import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  answerTemplateInputSchema,
  answerTemplateSchema,
  apiErrorSchema,
  enquiryAttachmentSchema,
  enquiryInputSchema,
  enquiryReminderQuerySchema,
  enquirySchema,
  enquiryStatsSchema,
  enquiryUpdateSchema,
  MAX_ENQUIRY_ATTACHMENT_BYTES,
} from '@dkbm/contract';
import { scopeOf } from '../../platform/tenancy/guard';
import { attachment } from '../../platform/http/download';
import { HttpError } from '../../platform/http/errors';
import {
  createEnquiry,
  enquiryReminders,
  enquiryStats,
  getEnquiry,
  listEnquiries,
  updateEnquiry,
} from './enquiries.service';
import {
  addEnquiryAttachment,
  assertEnquiry,
  createAnswerTemplate,
  deleteAnswerTemplate,
  deleteEnquiryAttachment,
  enquiryAttachmentFile,
  listAnswerTemplates,
  updateAnswerTemplate,
} from './enquiryFiles.service';
import {
  errorResponsesWithConflict as errors,
  tenantParams,
  readAccess as read,
  writeAccess as write,
} from '../../platform/http/routeSchema';

const enquiryParams = tenantParams.extend({ enquiryId: z.uuid() });
const attachmentParams = enquiryParams.extend({ enquiryAttachmentId: z.uuid() });
const templateParams = tenantParams.extend({ answerTemplateId: z.uuid() });

/** The enquiry log (mounted with the network routes): enquiries, reminders, answer templates, attachments. */
export const enquiryRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['network'];

  app.get(
    '/enquiries',
    {
      config: read,
      schema: {
        tags,
        summary: 'Anfragen',
        params: tenantParams,
        response: { 200: z.array(enquirySchema), ...errors },
      },
    },
    async (req) => listEnquiries(scopeOf(req)),
  );
  app.get(
    '/enquiries/stats',
    {
      config: read,
      schema: {
        tags,
        summary: 'Statistik der Anfragen',
        params: tenantParams,
        response: { 200: enquiryStatsSchema, ...errors },
      },
    },
    async (req) => enquiryStats(scopeOf(req)),
  );
  app.get(
    '/enquiries/reminders',
    {
      config: read,
      schema: {
        tags,
        summary:
          'Erinnerungen: offene Anfragen, deren Frist überschritten ist oder in den nächsten Tagen endet',
        params: tenantParams,
        querystring: enquiryReminderQuerySchema,
        response: { 200: z.array(enquirySchema), ...errors },
      },
    },
    async (req) => enquiryReminders(scopeOf(req), req.query.days),
  );
  app.post(
    '/enquiries',
    {
      config: write,
      schema: {
        tags,
        summary: 'Anfrage erfassen',
        params: tenantParams,
        body: enquiryInputSchema,
        response: { 201: enquirySchema, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await createEnquiry(scopeOf(req), req.body)),
  );
  app.get(
    '/enquiries/:enquiryId',
    {
      config: read,
      schema: {
        tags,
        summary: 'Anfrage',
        params: enquiryParams,
        response: { 200: enquirySchema, ...errors },
      },
    },
    async (req) => getEnquiry(scopeOf(req), req.params.enquiryId),
  );
  app.patch(
    '/enquiries/:enquiryId',
    {
      config: write,
      schema: {
        tags,
        summary: 'Anfrage bearbeiten oder beantworten',
        params: enquiryParams,
        body: enquiryUpdateSchema,
        response: { 200: enquirySchema, ...errors },
      },
    },
    async (req) => updateEnquiry(scopeOf(req), req.params.enquiryId, req.body),
  );

  /* ----- attachments of the answer ----- */
  app.post(
    '/enquiries/:enquiryId/attachments',
    {
      config: write,
      schema: {
        tags,
        summary:
          'Anlage zur Antwort hochladen (multipart/form-data, Feld „file“; PDF, Bild oder Office-Dokument, höchstens 10 MB)',
        params: enquiryParams,
        consumes: ['multipart/form-data'],
        response: { 201: enquiryAttachmentSchema, 413: apiErrorSchema, 415: apiErrorSchema, ...errors },
      },
    },
    async (req, reply) => {
      // Another tenant's or an unknown enquiry: 404 before anything about the upload.
      await assertEnquiry(scopeOf(req), req.params.enquiryId);
      if (!req.isMultipart()) {
        throw new HttpError(
          400,
          'bad_request',
          'Bitte laden Sie die Datei als multipart/form-data (Feld „file“) hoch.',
          {
            field: 'file',
          },
        );
      }
      const part = await req.file({ limits: { fileSize: MAX_ENQUIRY_ATTACHMENT_BYTES, files: 1 } });
      if (!part)
        throw new HttpError(400, 'bad_request', 'Es wurde keine Datei übertragen.', { field: 'file' });
      const tooLarge = () =>
        new HttpError(413, 'too_large', 'Die Datei ist größer als 10 MB.', { field: 'file' });
      // toBuffer throws on a cut-off file (FST_REQ_FILE_TOO_LARGE): answer with the limit, not a bare 413.
      const bytes = new Uint8Array(
        await part.toBuffer().catch((err: { code?: string }) => {
          throw err.code === 'FST_REQ_FILE_TOO_LARGE' ? tooLarge() : err;
        }),
      );
      if (part.file.truncated) throw tooLarge();
      const file = await addEnquiryAttachment(scopeOf(req), req.params.enquiryId, {
        name: part.filename || 'anlage',
        bytes,
      });
      return reply.status(201).send(file);
    },
  );
  app.get(
    '/enquiries/:enquiryId/attachments/:enquiryAttachmentId',
    {
      config: read,
      schema: {
        tags,
        summary: 'Anlage herunterladen',
        params: attachmentParams,
        response: { 200: z.any(), ...errors },
      },
    },
    async (req, reply) => {
      const f = await enquiryAttachmentFile(
        scopeOf(req),
        req.params.enquiryId,
        req.params.enquiryAttachmentId,
      );
      return reply
        .header('cache-control', 'private, no-store')
        .header('content-disposition', attachment(f.name))
        .header('content-security-policy', "default-src 'none'; sandbox")
        .type(f.mime)
        .send(Buffer.from(f.bytes));
    },
  );
  app.delete(
    '/enquiries/:enquiryId/attachments/:enquiryAttachmentId',
    {
      config: write,
      schema: { tags, summary: 'Anlage entfernen', params: attachmentParams },
    },
    async (req, reply) => {
      await deleteEnquiryAttachment(scopeOf(req), req.params.enquiryId, req.params.enquiryAttachmentId);
      return reply.status(204).send();
    },
  );

  /* ----- answer templates ----- */
  app.get(
    '/answer-templates',
    {
      config: read,
      schema: {
        tags,
        summary: 'Antwortvorlagen',
        params: tenantParams,
        response: { 200: z.array(answerTemplateSchema), ...errors },
      },
    },
    async (req) => listAnswerTemplates(scopeOf(req)),
  );
  app.post(
    '/answer-templates',
    {
      config: write,
      schema: {
        tags,
        summary: 'Antwortvorlage anlegen',
        params: tenantParams,
        body: answerTemplateInputSchema,
        response: { 201: answerTemplateSchema, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await createAnswerTemplate(scopeOf(req), req.body)),
  );
  app.put(
    '/answer-templates/:answerTemplateId',
    {
      config: write,
      schema: {
        tags,
        summary: 'Antwortvorlage ändern',
        params: templateParams,
        body: answerTemplateInputSchema,
        response: { 200: answerTemplateSchema, ...errors },
      },
    },
    async (req) => updateAnswerTemplate(scopeOf(req), req.params.answerTemplateId, req.body),
  );
  app.delete(
    '/answer-templates/:answerTemplateId',
    {
      config: write,
      schema: { tags, summary: 'Antwortvorlage löschen', params: templateParams },
    },
    async (req, reply) => {
      await deleteAnswerTemplate(scopeOf(req), req.params.answerTemplateId);
      return reply.status(204).send();
    },
  );
};
