import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  apiErrorSchema,
  INDICATOR_TEMPLATES,
  blockCreateSchema,
  blockUpdateSchema,
  blockMoveSchema,
  chapterCreateSchema,
  chapterReviewChangeSchema,
  chapterTeamSchema,
  myChapterSchema,
  reportPersonSchema,
  chapterUpdateSchema,
  reportCommentCreateSchema,
  reportCreateSchema,
  reportDetailSchema,
  reportRevisionSchema,
  reportStatusChangeSchema,
  reportSummarySchema,
  reportUpdateSchema,
  reportImageSchema,
  MAX_REPORT_IMAGE_BYTES,
} from '@dkbm/contract';
import { scopeOf, tenantOf } from '../../platform/tenancy/guard';
import { attachment } from '../../platform/http/download';
import { pdfRenderer } from '../../platform/pdf';
import {
  addBlock,
  addChapter,
  changeStatus,
  chapterHistory,
  createReport,
  getReport,
  listReports,
  refreshBlock,
  removeChapter,
  renameChapter,
  updateBlock,
  updateReport,
} from './reports.service';
import { addComment, resolveComment } from './comments.service';
import { moveBlock, removeBlock } from './blockOrder';
import { MIME, fileName, renderReport } from './outputs';
import { createFromIndicators } from './templates.service';
import { changeReviewStatus, myChapters, reportPeople, setChapterTeam } from './team.service';
import { chartSvg, mapSvg } from './render.common';
import { HttpError, notFound } from '../../platform/http/errors';
import { addReportImage, imagesOfReport, reportImageFile } from './images.service';
import { errorResponsesWithConflict as errors, tenantParams } from '../../platform/http/routeSchema';

const reportParams = tenantParams.extend({ reportId: z.uuid() });
const chapterParams = reportParams.extend({ chapterId: z.uuid() });
const blockParams = reportParams.extend({ blockId: z.uuid() });
const commentParams = reportParams.extend({ commentId: z.uuid() });

/** Mounted at /api/tenants/:tenantId. */
export const reportsRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['reports'];
  const pdf = pdfRenderer(app);
  const me = (req: FastifyRequest) => req.auth!.user.id;
  const role = (req: FastifyRequest) => tenantOf(req).role;
  const detail = { 200: reportDetailSchema, ...errors };

  app.get(
    '/reports',
    {
      config: { permission: 'data.read' },
      schema: {
        tags,
        summary: 'Berichte (Leserinnen und Leser sehen nur freigegebene)',
        params: tenantParams,
        response: { 200: z.array(reportSummarySchema), ...errors },
      },
    },
    async (req) => listReports(scopeOf(req), role(req), me(req)),
  );

  app.post(
    '/reports',
    {
      config: { permission: 'data.write' },
      schema: {
        tags,
        summary:
          'Bericht anlegen (Anwendungsleitfaden, früherer Bericht, leer; Themenbericht, Sozialraumprofil, Datenblatt für gewählte Indikatoren)',
        params: tenantParams,
        body: reportCreateSchema,
        response: { 201: reportDetailSchema, ...errors },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          INDICATOR_TEMPLATES.includes(req.body.template)
            ? await createFromIndicators(scopeOf(req), req.body, me(req))
            : await createReport(scopeOf(req), req.body, me(req)),
        ),
  );

  app.get(
    '/reports/people',
    {
      config: { permission: 'data.write' },
      schema: {
        tags,
        summary: 'Personen, die ein Kapitel schreiben oder prüfen können',
        params: tenantParams,
        response: { 200: z.array(reportPersonSchema), ...errors },
      },
    },
    async (req) => reportPeople(scopeOf(req)),
  );

  app.get(
    '/reports/my-chapters',
    {
      config: { permission: 'data.contribute' },
      schema: {
        tags,
        summary: 'Meine Kapitel: Kapitel, die ich schreibe oder prüfe',
        params: tenantParams,
        response: { 200: z.array(myChapterSchema), ...errors },
      },
    },
    async (req) => myChapters(scopeOf(req), me(req)),
  );

  app.put(
    '/reports/:reportId/chapters/:chapterId/team',
    {
      config: { permission: 'data.write' },
      schema: {
        tags,
        summary: 'Autorinnen, Autoren und Prüfung eines Kapitels festlegen',
        params: chapterParams,
        body: chapterTeamSchema,
        response: detail,
      },
    },
    async (req) => setChapterTeam(scopeOf(req), req.params.reportId, req.params.chapterId, req.body, me(req)),
  );

  app.post(
    '/reports/:reportId/chapters/:chapterId/review',
    {
      config: { permission: 'data.contribute' },
      schema: {
        tags,
        summary: 'Prüfstatus eines Kapitels ändern (in Arbeit, zur Prüfung, geprüft)',
        params: chapterParams,
        body: chapterReviewChangeSchema,
        response: detail,
      },
    },
    async (req) =>
      changeReviewStatus(scopeOf(req), req.params.reportId, req.params.chapterId, req.body.reviewStatus, {
        userId: me(req),
        role: role(req),
      }),
  );

  app.get(
    '/reports/:reportId',
    {
      config: { permission: 'data.read' },
      schema: {
        tags,
        summary: 'Bericht mit Kapiteln, Bausteinen und Kommentaren',
        params: reportParams,
        response: detail,
      },
    },
    async (req) => getReport(scopeOf(req), req.params.reportId, role(req), me(req)),
  );

  app.patch(
    '/reports/:reportId',
    {
      config: { permission: 'data.write' },
      schema: {
        tags,
        summary: 'Angaben zum Bericht ändern',
        params: reportParams,
        body: reportUpdateSchema,
        response: detail,
      },
    },
    async (req) => updateReport(scopeOf(req), req.params.reportId, req.body),
  );

  app.post(
    '/reports/:reportId/status',
    {
      config: { permission: 'data.write' },
      schema: {
        tags,
        summary: 'Status ändern: zur Prüfung, freigeben (friert die Daten ein), veröffentlichen',
        params: reportParams,
        body: reportStatusChangeSchema,
        response: detail,
      },
    },
    async (req) => changeStatus(scopeOf(req), req.params.reportId, req.body.status, me(req)),
  );

  app.post(
    '/reports/:reportId/chapters',
    {
      config: { permission: 'data.write' },
      schema: {
        tags,
        summary: 'Kapitel anfügen',
        params: reportParams,
        body: chapterCreateSchema,
        response: detail,
      },
    },
    async (req) => addChapter(scopeOf(req), req.params.reportId, req.body.title, me(req)),
  );

  app.patch(
    '/reports/:reportId/chapters/:chapterId',
    {
      config: { permission: 'data.write' },
      schema: {
        tags,
        summary: 'Kapitel umbenennen',
        params: chapterParams,
        body: chapterUpdateSchema,
        response: detail,
      },
    },
    async (req) =>
      renameChapter(scopeOf(req), req.params.reportId, req.params.chapterId, req.body.title, me(req)),
  );

  app.delete(
    '/reports/:reportId/chapters/:chapterId',
    {
      config: { permission: 'data.write' },
      schema: { tags, summary: 'Kapitel löschen', params: chapterParams, response: detail },
    },
    async (req) => removeChapter(scopeOf(req), req.params.reportId, req.params.chapterId),
  );

  app.get(
    '/reports/:reportId/chapters/:chapterId/history',
    {
      config: { permission: 'data.read' },
      schema: {
        tags,
        summary: 'Änderungsverlauf eines Kapitels (wer, wann, vorher → nachher), neueste zuerst',
        params: chapterParams,
        response: { 200: z.array(reportRevisionSchema), ...errors },
      },
    },
    async (req) =>
      chapterHistory(scopeOf(req), req.params.reportId, req.params.chapterId, role(req), me(req)),
  );

  app.post(
    '/reports/:reportId/chapters/:chapterId/blocks',
    {
      config: { permission: 'data.contribute' },
      schema: {
        tags,
        summary:
          'Baustein anfügen: Text, Indikator-Diagramm, Karte (je mit Tabelle), Indikator-Tabelle, Kennzahl, Ziel, Empfehlung',
        params: chapterParams,
        body: blockCreateSchema,
        response: detail,
      },
    },
    async (req) =>
      addBlock(scopeOf(req), req.params.reportId, req.params.chapterId, req.body, me(req), role(req)),
  );

  app.patch(
    '/reports/:reportId/blocks/:blockId',
    {
      config: { permission: 'data.contribute' },
      schema: {
        tags,
        summary: 'Baustein ändern',
        params: blockParams,
        body: blockUpdateSchema,
        response: detail,
      },
    },
    async (req) =>
      updateBlock(scopeOf(req), req.params.reportId, req.params.blockId, req.body, me(req), role(req)),
  );

  app.post(
    '/reports/:reportId/blocks/:blockId/refresh',
    {
      config: { permission: 'data.contribute' },
      schema: {
        tags,
        summary: 'Daten eines Bausteins aktualisieren (nur vor der Freigabe)',
        params: blockParams,
        response: detail,
      },
    },
    async (req) => refreshBlock(scopeOf(req), req.params.reportId, req.params.blockId, me(req), role(req)),
  );

  app.post(
    '/reports/:reportId/blocks/:blockId/move',
    {
      config: { permission: 'data.contribute' },
      schema: {
        tags,
        summary: 'Baustein eine Stelle nach oben oder unten verschieben (innerhalb des Kapitels)',
        params: blockParams,
        body: blockMoveSchema,
        response: detail,
      },
    },
    async (req) =>
      moveBlock(
        scopeOf(req),
        req.params.reportId,
        req.params.blockId,
        req.body.direction,
        me(req),
        role(req),
      ),
  );

  app.delete(
    '/reports/:reportId/blocks/:blockId',
    {
      config: { permission: 'data.contribute' },
      schema: { tags, summary: 'Baustein löschen', params: blockParams, response: detail },
    },
    async (req) => removeBlock(scopeOf(req), req.params.reportId, req.params.blockId, me(req), role(req)),
  );

  app.post(
    '/reports/:reportId/comments',
    {
      // The Redaktion, and the chapter's authors and reviewer („Mitwirkende“ too; chapterAccess.ts).
      config: { permission: 'data.contribute' },
      schema: {
        tags,
        summary: 'Kommentar zu einem Kapitel, Baustein oder einer Textstelle',
        params: reportParams,
        body: reportCommentCreateSchema,
        response: detail,
      },
    },
    async (req) => addComment(scopeOf(req), req.params.reportId, req.body, me(req), role(req)),
  );

  app.post(
    '/reports/:reportId/comments/:commentId/resolve',
    {
      config: { permission: 'data.contribute' },
      schema: { tags, summary: 'Kommentar als erledigt markieren', params: commentParams, response: detail },
    },
    async (req) =>
      resolveComment(scopeOf(req), req.params.reportId, req.params.commentId, me(req), role(req)),
  );

  app.get(
    '/reports/:reportId/blocks/:blockId/chart.svg',
    {
      config: { permission: 'data.read' },
      schema: {
        tags,
        summary: 'Diagramm oder Karte eines Bausteins als SVG (Vorschau im Editor)',
        params: blockParams,
        response: { 200: z.any(), ...errors },
      },
    },
    async (req, reply) => {
      const report = await getReport(scopeOf(req), req.params.reportId, role(req), me(req));
      const block = report.chapters.flatMap((c) => c.blocks).find((b) => b.id === req.params.blockId);
      if (!block?.data || (block.kind !== 'chart' && block.kind !== 'map')) throw notFound('Das Diagramm');
      return reply
        .header('cache-control', 'private, no-store')
        .type('image/svg+xml')
        .send(
          block.kind === 'map' ? mapSvg(block.data, block.id) : chartSvg(block.data, block.view ?? 'areas'),
        );
    },
  );

  /* ----- images of image blocks ----- */
  app.post(
    '/reports/:reportId/images',
    {
      config: { permission: 'data.contribute' },
      schema: {
        tags,
        summary:
          'Bild für einen Bild-Baustein hochladen (multipart/form-data, Feld „file“; PNG oder JPEG, höchstens 5 MB)',
        params: reportParams,
        consumes: ['multipart/form-data'],
        response: { 201: reportImageSchema, 413: apiErrorSchema, 415: apiErrorSchema, ...errors },
      },
    },
    async (req, reply) => {
      // Another tenant's, an unknown or a hidden report: 404 before anything about the upload.
      await getReport(scopeOf(req), req.params.reportId, role(req), me(req));
      if (!req.isMultipart())
        throw new HttpError(
          400,
          'bad_request',
          'Bitte laden Sie das Bild als multipart/form-data (Feld „file“) hoch.',
          { field: 'file' },
        );
      const part = await req.file({ limits: { fileSize: MAX_REPORT_IMAGE_BYTES, files: 1 } });
      if (!part)
        throw new HttpError(400, 'bad_request', 'Es wurde keine Datei übertragen.', { field: 'file' });
      const tooLarge = () =>
        new HttpError(413, 'too_large', 'Das Bild ist größer als 5 MB.', { field: 'file' });
      const bytes = new Uint8Array(
        await part.toBuffer().catch((err: { code?: string }) => {
          throw err.code === 'FST_REQ_FILE_TOO_LARGE' ? tooLarge() : err;
        }),
      );
      if (part.file.truncated) throw tooLarge();
      const image = await addReportImage(scopeOf(req), req.params.reportId, bytes, role(req), me(req));
      return reply.status(201).send(image);
    },
  );

  app.get(
    '/reports/:reportId/images/:reportImageId',
    {
      config: { permission: 'data.read' },
      schema: {
        tags,
        summary: 'Bild eines Bild-Bausteins',
        params: reportParams.extend({ reportImageId: z.uuid() }),
        response: { 200: z.any(), ...errors },
      },
    },
    async (req, reply) => {
      const img = await reportImageFile(
        scopeOf(req),
        req.params.reportId,
        req.params.reportImageId,
        role(req),
        me(req),
      );
      return reply
        .header('cache-control', 'private, no-store')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .type(img.mime)
        .send(img.bytes);
    },
  );

  for (const format of ['html', 'pdf', 'docx'] as const) {
    app.get(
      `/reports/:reportId/export.${format}`,
      {
        config: { permission: 'data.read' },
        schema: {
          tags,
          summary: `Bericht als ${format === 'docx' ? 'Word-Dokument (DOCX)' : format.toUpperCase()}`,
          params: reportParams,
          response: { 200: z.any(), 503: apiErrorSchema, ...errors },
        },
      },
      async (req, reply) => {
        const tenant = tenantOf(req);
        const report = await getReport(scopeOf(req), req.params.reportId, tenant.role, me(req));
        const images = await imagesOfReport(scopeOf(req), report);
        const bytes = await renderReport(report, tenant.name, format, pdf, undefined, images);
        return reply
          .header('cache-control', 'private, no-store')
          .header('content-disposition', attachment(fileName(report, format)))
          .type(MIME[format])
          .send(bytes);
      },
    );
  }
};
