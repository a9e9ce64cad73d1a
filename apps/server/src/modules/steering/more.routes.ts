import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  apiErrorSchema,
  commentCreateSchema,
  commentSchema,
  historyEntrySchema,
  findingCreateSchema,
  findingLinksSchema,
  findingSchema,
  meetingDecisionLinkSchema,
  meetingDecisionOptionSchema,
  reportSectionSchema,
  measureNoteCreateSchema,
  unitCreateSchema,
  unitMembersSchema,
  unitSchema,
} from '@dkbm/contract';
import { scopeOf } from '../../platform/tenancy/guard';
import {
  createFinding,
  deleteFinding,
  linkFinding,
  listFindings,
  listReportSections,
} from './findings.service';
import {
  addMeasureNote,
  deleteMeasureNote,
  linkMeetingDecision,
  meetingDecisionChoices,
} from './loop.service';
import { actorOf, created, errors, idParams, tags, tenantParams } from './steering.routes';
import {
  addComment,
  createUnit,
  deleteUnit,
  listComments,
  listHistory,
  listUnits,
  setUnitMembers,
} from './units.service';

/** Also under /api/tenants/:tenantId/steering: findings, units, meeting decisions, progress notes, comments, history. */
export const steeringMoreRoutes: FastifyPluginAsyncZod = async (app) => {
  /* ----- findings ----- */

  app.get(
    '/findings',
    {
      config: { permission: 'data.read' },
      schema: {
        tags,
        summary: 'Befunde mit den zitierten Werten (eingefroren)',
        params: tenantParams,
        response: { 200: z.array(findingSchema), ...errors },
      },
    },
    async (req) => listFindings(scopeOf(req)),
  );

  app.post(
    '/findings',
    {
      config: { permission: 'data.write' },
      schema: {
        tags,
        summary: 'Befund festhalten (die Werte werden aus dem Monitoring übernommen und eingefroren)',
        params: tenantParams,
        body: findingCreateSchema,
        response: { 201: created, ...errors },
      },
    },
    async (req, reply) =>
      reply.status(201).send({ id: await createFinding(scopeOf(req), actorOf(req), req.body) }),
  );

  app.patch(
    '/findings/:findingId',
    {
      config: { permission: 'data.write' },
      schema: {
        tags,
        summary: 'Befund mit einem Berichtsabschnitt und Handlungsempfehlungen verknüpfen',
        params: idParams('findingId'),
        body: findingLinksSchema,
      },
    },
    async (req, reply) => {
      await linkFinding(scopeOf(req), actorOf(req), req.params.findingId, req.body);
      return reply.status(204).send();
    },
  );

  app.get(
    '/report-sections',
    {
      config: { permission: 'data.read' },
      schema: {
        tags,
        summary: 'Abschnitte der Bildungsberichte (Modul Berichte), zur Verknüpfung mit Befunden',
        params: tenantParams,
        response: { 200: z.array(reportSectionSchema), ...errors },
      },
    },
    async (req) => listReportSections(scopeOf(req)),
  );

  app.delete(
    '/findings/:findingId',
    {
      config: { permission: 'data.write' },
      schema: { tags, summary: 'Befund löschen', params: idParams('findingId') },
    },
    async (req, reply) => {
      await deleteFinding(scopeOf(req), req.params.findingId);
      return reply.status(204).send();
    },
  );

  /* ----- organisation units ----- */

  app.get(
    '/units',
    {
      config: { permission: 'data.read' },
      schema: {
        tags,
        summary: 'Organisationseinheiten (Ämter, Fachbereiche) mit Mitgliedern',
        params: tenantParams,
        response: { 200: z.array(unitSchema), ...errors },
      },
    },
    async (req) => listUnits(scopeOf(req)),
  );

  app.post(
    '/units',
    {
      config: { permission: 'data.write' },
      schema: {
        tags,
        summary: 'Organisationseinheit anlegen',
        params: tenantParams,
        body: unitCreateSchema,
        response: { 201: created, ...errors, 409: apiErrorSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send({ id: await createUnit(scopeOf(req), actorOf(req), req.body.name) }),
  );

  app.put(
    '/units/:unitId/members',
    {
      config: { permission: 'data.write' },
      schema: {
        tags,
        summary: 'Mitglieder einer Organisationseinheit setzen',
        params: idParams('unitId'),
        body: unitMembersSchema,
      },
    },
    async (req, reply) => {
      await setUnitMembers(scopeOf(req), actorOf(req), req.params.unitId, req.body.userIds);
      return reply.status(204).send();
    },
  );

  app.delete(
    '/units/:unitId',
    {
      config: { permission: 'data.write' },
      schema: { tags, summary: 'Organisationseinheit löschen', params: idParams('unitId') },
    },
    async (req, reply) => {
      await deleteUnit(scopeOf(req), req.params.unitId);
      return reply.status(204).send();
    },
  );

  /* ----- meeting decisions (network module) at a recommendation ----- */

  app.get(
    '/meeting-decisions',
    {
      config: { permission: 'data.read' },
      schema: {
        tags,
        summary: 'Beschlüsse aus Sitzungen der Gremien (zur Auswahl an einer Handlungsempfehlung)',
        params: tenantParams,
        response: { 200: z.array(meetingDecisionOptionSchema), ...errors },
      },
    },
    async (req) => (await meetingDecisionChoices(scopeOf(req))).map(({ meetingId: _m, ...d }) => d),
  );

  app.put(
    '/recommendations/:recommendationId/meeting-decisions',
    {
      config: { permission: 'data.write' },
      schema: {
        tags,
        summary: 'Beschluss einer Sitzung mit der Handlungsempfehlung verknüpfen',
        params: idParams('recommendationId'),
        body: meetingDecisionLinkSchema,
      },
    },
    async (req, reply) => {
      await linkMeetingDecision(
        scopeOf(req),
        actorOf(req),
        req.params.recommendationId,
        req.body.meetingDecisionId,
        true,
      );
      return reply.status(204).send();
    },
  );

  app.delete(
    '/recommendations/:recommendationId/meeting-decisions/:meetingDecisionId',
    {
      config: { permission: 'data.write' },
      schema: {
        tags,
        summary: 'Verknüpfung mit einem Sitzungsbeschluss lösen',
        params: idParams('recommendationId').extend({ meetingDecisionId: z.uuid() }),
      },
    },
    async (req, reply) => {
      await linkMeetingDecision(
        scopeOf(req),
        actorOf(req),
        req.params.recommendationId,
        req.params.meetingDecisionId,
        false,
      );
      return reply.status(204).send();
    },
  );

  /* ----- progress notes of measures ----- */

  app.post(
    '/measures/:measureId/notes',
    {
      config: { permission: 'data.contribute' },
      schema: {
        tags,
        summary:
          'Fortschrittsvermerk zu einer Maßnahme (Bearbeitende; Mitwirkende der verantwortlichen Organisationseinheit)',
        params: idParams('measureId'),
        body: measureNoteCreateSchema,
        response: { 201: created, ...errors },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send({ id: await addMeasureNote(scopeOf(req), actorOf(req), req.params.measureId, req.body) }),
  );

  app.delete(
    '/measures/:measureId/notes/:noteId',
    {
      config: { permission: 'data.write' },
      schema: {
        tags,
        summary: 'Fortschrittsvermerk löschen',
        params: idParams('measureId').extend({ noteId: z.uuid() }),
      },
    },
    async (req, reply) => {
      await deleteMeasureNote(scopeOf(req), actorOf(req), req.params.measureId, req.params.noteId);
      return reply.status(204).send();
    },
  );

  /* ----- comments ----- */

  const commentTargets = [
    ['goal', 'goals', 'goalId'],
    ['recommendation', 'recommendations', 'recommendationId'],
    ['decision', 'decisions', 'decisionId'],
    ['measure', 'measures', 'measureId'],
    ['finding', 'findings', 'findingId'],
  ] as const;
  for (const [kind, path, param] of commentTargets) {
    const params = idParams<typeof param>(param);
    app.get(
      `/${path}/:${param}/comments`,
      {
        config: { permission: 'data.read' },
        schema: {
          tags,
          summary: 'Kommentare (älteste zuerst)',
          params,
          response: { 200: z.array(commentSchema), ...errors },
        },
      },
      async (req) => listComments(scopeOf(req), kind, (req.params as Record<string, string>)[param]!),
    );
    app.get(
      `/${path}/:${param}/history`,
      {
        config: { permission: 'data.read' },
        schema: {
          tags,
          summary: 'Verlauf: wer hat wann was geändert (neueste zuerst)',
          params,
          response: { 200: z.array(historyEntrySchema), ...errors },
        },
      },
      async (req) => listHistory(scopeOf(req), kind, (req.params as Record<string, string>)[param]!),
    );
    app.post(
      `/${path}/:${param}/comments`,
      {
        config: { permission: 'data.contribute' },
        schema: {
          tags,
          summary: 'Kommentar schreiben',
          params,
          body: commentCreateSchema,
          response: { 201: created, ...errors },
        },
      },
      async (req, reply) =>
        reply.status(201).send({
          id: await addComment(
            scopeOf(req),
            actorOf(req),
            kind,
            (req.params as Record<string, string>)[param]!,
            req.body.text,
          ),
        }),
    );
  }
};
