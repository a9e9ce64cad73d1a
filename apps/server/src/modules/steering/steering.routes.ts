import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  apiErrorSchema,
  developmentGoalCandidateSchema,
  goalFromDevelopmentGoalSchema,
  hasPermission,
  decisionCreateSchema,
  steeringGoalCreateSchema,
  steeringGoalDetailSchema,
  steeringGoalSchema,
  steeringGoalUpdateSchema,
  measureCreateSchema,
  measureUpdateSchema,
  missionStatementCreateSchema,
  recommendationCreateSchema,
  recommendationUpdateSchema,
  statementCreateSchema,
  steeringOverviewSchema,
  targetCreateSchema,
} from '@dkbm/contract';
import { scopeOf, tenantOf } from '../../platform/tenancy/guard';
import { pdfRenderer } from '../../platform/pdf';
import { HttpError } from '../../platform/http/errors';
import { attachment } from '../../platform/http/download';
import { errorResponses, tenantParams } from '../../platform/http/routeSchema';
import { OVERVIEW_MIME, overviewDocument, renderOverview } from './overview.export';
import {
  addMissionStatement,
  createGoal,
  createTarget,
  deleteGoal,
  deleteTarget,
  developmentGoalCandidates,
  goalDetail,
  goalFromDevelopmentGoal,
  listGoals,
  updateGoal,
  type Actor,
} from './goals.service';
import {
  addStatement,
  createDecision,
  createMeasure,
  createRecommendation,
  deleteDecision,
  deleteMeasure,
  assertDecision,
  attachDecisionDocument,
  decisionDocument,
  deleteRecommendation,
  MAX_DECISION_DOCUMENT_BYTES,
  removeDecisionDocument,
  steeringOverview,
  updateMeasure,
  updateRecommendation,
} from './loop.service';

export const errors = errorResponses;
export { tenantParams };
export const idParams = <K extends string>(key: K) =>
  tenantParams.extend({ [key]: z.uuid() } as { [P in K]: z.ZodUUID });
export const created = z.object({ id: z.string() });
export const tags = ['steering'];

export const actorOf = (req: FastifyRequest): Actor => ({
  userId: req.auth?.user.id ?? null,
  canWrite: hasPermission(tenantOf(req).role, 'data.write'),
});

/** Mounted at /api/tenants/:tenantId/steering: Leitbild, goals, targets, recommendations, decisions, measures. */
export const steeringRoutes: FastifyPluginAsyncZod = async (app) => {
  const pdf = pdfRenderer(app);
  app.get(
    '/overview',
    {
      config: { permission: 'data.read' },
      schema: {
        tags,
        summary: 'Steuerungsübersicht: Leitbild, Ziele mit Fortschritt, Empfehlungen, Beschlüsse, Maßnahmen',
        params: tenantParams,
        response: { 200: steeringOverviewSchema, ...errors },
      },
    },
    async (req) => steeringOverview(scopeOf(req), undefined, req.auth?.user.id ?? null),
  );

  for (const format of ['html', 'pdf', 'docx'] as const) {
    app.get(
      `/overview/export.${format}`,
      {
        config: { permission: 'data.read' },
        schema: {
          tags,
          summary: `Steuerungsübersicht für das Gremium als ${format === 'docx' ? 'Word-Dokument (DOCX)' : format.toUpperCase()}`,
          params: tenantParams,
          response: { 200: z.any(), 503: apiErrorSchema, ...errors },
        },
      },
      async (req, reply) => {
        const tenant = tenantOf(req);
        const doc = await overviewDocument(scopeOf(req), tenant.name);
        const bytes = await renderOverview(doc, format, pdf);
        return reply
          .header('cache-control', 'private, no-store')
          .header('content-disposition', attachment(`Steuerungsuebersicht_${doc.asOf}.${format}`))
          .type(OVERVIEW_MIME[format])
          .send(bytes);
      },
    );
  }

  app.post(
    '/mission-statements',
    {
      config: { permission: 'data.write' },
      schema: {
        tags,
        summary: 'Neue Fassung des Leitbilds',
        params: tenantParams,
        body: missionStatementCreateSchema,
        response: { 201: created, ...errors },
      },
    },
    async (req, reply) =>
      reply.status(201).send({ id: await addMissionStatement(scopeOf(req), actorOf(req), req.body.text) }),
  );

  /* ----- goals and targets ----- */

  app.get(
    '/goals',
    {
      config: { permission: 'data.read' },
      schema: {
        tags,
        summary: 'Ziele mit berechnetem Fortschrittsstatus',
        params: tenantParams,
        response: { 200: z.array(steeringGoalSchema), ...errors },
      },
    },
    async (req) => (await listGoals(scopeOf(req))).map(({ targets: _t, ...g }) => g),
  );

  app.post(
    '/goals',
    {
      config: { permission: 'data.write' },
      schema: {
        tags,
        summary: 'Ziel anlegen (strategisch ohne, operativ mit übergeordnetem Ziel)',
        params: tenantParams,
        body: steeringGoalCreateSchema,
        response: { 201: created, ...errors },
      },
    },
    async (req, reply) =>
      reply.status(201).send({ id: await createGoal(scopeOf(req), actorOf(req), req.body) }),
  );

  app.get(
    '/development-goals',
    {
      config: { permission: 'data.read' },
      schema: {
        tags,
        summary: 'Entwicklungsziele der Selbsteinschätzung (zum Übernehmen als Ziel)',
        params: tenantParams,
        response: { 200: z.array(developmentGoalCandidateSchema), ...errors },
      },
    },
    async (req) => developmentGoalCandidates(scopeOf(req)),
  );

  app.post(
    '/goals/from-development-goal',
    {
      config: { permission: 'data.write' },
      schema: {
        tags,
        summary: 'Ziel aus einem Entwicklungsziel der Selbsteinschätzung anlegen',
        params: tenantParams,
        body: goalFromDevelopmentGoalSchema,
        response: { 201: created, ...errors, 409: apiErrorSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send({ id: await goalFromDevelopmentGoal(scopeOf(req), actorOf(req), req.body) }),
  );

  app.get(
    '/goals/:goalId',
    {
      config: { permission: 'data.read' },
      schema: {
        tags,
        summary: 'Ziel mit Zielwerten, Werten und Verlauf',
        params: idParams('goalId'),
        response: { 200: steeringGoalDetailSchema, ...errors },
      },
    },
    async (req) => goalDetail(scopeOf(req), req.params.goalId),
  );

  app.patch(
    '/goals/:goalId',
    {
      config: { permission: 'data.write' },
      schema: { tags, summary: 'Ziel ändern', params: idParams('goalId'), body: steeringGoalUpdateSchema },
    },
    async (req, reply) => {
      await updateGoal(scopeOf(req), actorOf(req), req.params.goalId, req.body);
      return reply.status(204).send();
    },
  );

  app.delete(
    '/goals/:goalId',
    {
      config: { permission: 'data.write' },
      schema: { tags, summary: 'Ziel löschen (mit seinen operativen Zielen)', params: idParams('goalId') },
    },
    async (req, reply) => {
      await deleteGoal(scopeOf(req), req.params.goalId);
      return reply.status(204).send();
    },
  );

  app.post(
    '/goals/:goalId/targets',
    {
      config: { permission: 'data.write' },
      schema: {
        tags,
        summary: 'Zielwert auf einen Indikator setzen (Basiswert aus den Daten)',
        params: idParams('goalId'),
        body: targetCreateSchema,
        response: { 201: created, ...errors },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send({ id: await createTarget(scopeOf(req), actorOf(req), req.params.goalId, req.body) }),
  );

  app.delete(
    '/targets/:targetId',
    {
      config: { permission: 'data.write' },
      schema: { tags, summary: 'Zielwert entfernen', params: idParams('targetId') },
    },
    async (req, reply) => {
      await deleteTarget(scopeOf(req), actorOf(req), req.params.targetId);
      return reply.status(204).send();
    },
  );

  /* ----- recommendations ----- */

  app.post(
    '/recommendations',
    {
      config: { permission: 'data.write' },
      schema: {
        tags,
        summary: 'Handlungsempfehlung anlegen (Status Entwurf)',
        params: tenantParams,
        body: recommendationCreateSchema,
        response: { 201: created, ...errors },
      },
    },
    async (req, reply) =>
      reply.status(201).send({ id: await createRecommendation(scopeOf(req), actorOf(req), req.body) }),
  );

  app.patch(
    '/recommendations/:recommendationId',
    {
      config: { permission: 'data.write' },
      schema: {
        tags,
        summary: 'Handlungsempfehlung ändern, Status setzen',
        params: idParams('recommendationId'),
        body: recommendationUpdateSchema,
      },
    },
    async (req, reply) => {
      await updateRecommendation(scopeOf(req), actorOf(req), req.params.recommendationId, req.body);
      return reply.status(204).send();
    },
  );

  app.post(
    '/recommendations/:recommendationId/statement',
    {
      config: { permission: 'data.contribute' },
      schema: {
        tags,
        summary: 'Stellungnahme des adressierten Fachbereichs',
        params: idParams('recommendationId'),
        body: statementCreateSchema,
      },
    },
    async (req, reply) => {
      await addStatement(scopeOf(req), actorOf(req), req.params.recommendationId, req.body.statement);
      return reply.status(204).send();
    },
  );

  app.delete(
    '/recommendations/:recommendationId',
    {
      config: { permission: 'data.write' },
      schema: { tags, summary: 'Handlungsempfehlung löschen', params: idParams('recommendationId') },
    },
    async (req, reply) => {
      await deleteRecommendation(scopeOf(req), req.params.recommendationId);
      return reply.status(204).send();
    },
  );

  /* ----- decisions ----- */

  app.post(
    '/decisions',
    {
      config: { permission: 'data.write' },
      schema: {
        tags,
        summary: 'Beschluss eines Gremiums erfassen (Ergebnis je Handlungsempfehlung)',
        params: tenantParams,
        body: decisionCreateSchema,
        response: { 201: created, ...errors },
      },
    },
    async (req, reply) =>
      reply.status(201).send({ id: await createDecision(scopeOf(req), actorOf(req), req.body) }),
  );

  app.delete(
    '/decisions/:decisionId',
    {
      config: { permission: 'data.write' },
      schema: { tags, summary: 'Beschluss löschen', params: idParams('decisionId') },
    },
    async (req, reply) => {
      await deleteDecision(scopeOf(req), req.params.decisionId);
      return reply.status(204).send();
    },
  );

  app.post(
    '/decisions/:decisionId/document',
    {
      config: { permission: 'data.write' },
      schema: {
        tags,
        summary: 'Beschlussdokument hochladen (multipart/form-data, Feld „file“; PDF, höchstens 20 MB)',
        params: idParams('decisionId'),
        consumes: ['multipart/form-data'],
        response: { 204: z.null(), 413: apiErrorSchema, 415: apiErrorSchema, ...errors },
      },
    },
    async (req, reply) => {
      // Another tenant's or an unknown decision: 404 before anything about the upload.
      await assertDecision(scopeOf(req), req.params.decisionId);
      if (!req.isMultipart())
        throw new HttpError(
          400,
          'bad_request',
          'Bitte laden Sie die Datei als multipart/form-data (Feld „file“) hoch.',
          {
            field: 'file',
          },
        );
      const part = await req.file({ limits: { fileSize: MAX_DECISION_DOCUMENT_BYTES, files: 1 } });
      if (!part)
        throw new HttpError(400, 'bad_request', 'Es wurde keine Datei übertragen.', { field: 'file' });
      const bytes = new Uint8Array(await part.toBuffer());
      if (part.file.truncated)
        throw new HttpError(413, 'too_large', 'Das Beschlussdokument ist größer als 20 MB.', {
          field: 'file',
        });
      if (!bytes.byteLength) throw new HttpError(400, 'empty_file', 'Die Datei ist leer.', { field: 'file' });
      await attachDecisionDocument(scopeOf(req), actorOf(req), req.params.decisionId, {
        name: part.filename || 'beschluss.pdf',
        bytes,
      });
      return reply.status(204).send(null as never);
    },
  );

  app.get(
    '/decisions/:decisionId/document',
    {
      config: { permission: 'data.read' },
      schema: {
        tags,
        summary: 'Beschlussdokument herunterladen (PDF)',
        params: idParams('decisionId'),
        response: { 200: z.any(), ...errors },
      },
    },
    async (req, reply) => {
      const doc = await decisionDocument(scopeOf(req), req.params.decisionId);
      return reply
        .header('cache-control', 'private, no-store')
        .header('content-disposition', attachment(doc.name))
        .header('content-security-policy', "default-src 'none'; sandbox")
        .type('application/pdf')
        .send(doc.bytes);
    },
  );

  app.delete(
    '/decisions/:decisionId/document',
    {
      config: { permission: 'data.write' },
      schema: { tags, summary: 'Beschlussdokument entfernen', params: idParams('decisionId') },
    },
    async (req, reply) => {
      await removeDecisionDocument(scopeOf(req), actorOf(req), req.params.decisionId);
      return reply.status(204).send();
    },
  );

  /* ----- measures ----- */

  app.post(
    '/measures',
    {
      config: { permission: 'data.write' },
      schema: {
        tags,
        summary: 'Maßnahme anlegen (mit Meilensteinen)',
        params: tenantParams,
        body: measureCreateSchema,
        response: { 201: created, ...errors },
      },
    },
    async (req, reply) =>
      reply.status(201).send({ id: await createMeasure(scopeOf(req), actorOf(req), req.body) }),
  );

  app.patch(
    '/measures/:measureId',
    {
      config: { permission: 'data.write' },
      schema: { tags, summary: 'Maßnahme ändern', params: idParams('measureId'), body: measureUpdateSchema },
    },
    async (req, reply) => {
      await updateMeasure(scopeOf(req), actorOf(req), req.params.measureId, req.body);
      return reply.status(204).send();
    },
  );

  app.delete(
    '/measures/:measureId',
    {
      config: { permission: 'data.write' },
      schema: { tags, summary: 'Maßnahme löschen', params: idParams('measureId') },
    },
    async (req, reply) => {
      await deleteMeasure(scopeOf(req), req.params.measureId);
      return reply.status(204).send();
    },
  );
};
