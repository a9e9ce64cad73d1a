import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  instrumentCreateSchema,
  instrumentSchema,
  participantCreateSchema,
  participantCreatedSchema,
  participantSchema,
  roundCandidateSchema,
  roundCreateSchema,
  roundSchema,
  roundUpdateSchema,
} from '@dkbm/contract/assessment';
import { scopeOf } from '../../platform/tenancy/guard';
import { baseUrl } from '../../platform/http/urls';
import { hashToken, newToken } from '../../platform/auth/tokens';
import {
  addExternalParticipant,
  addUserParticipant,
  createInstrumentVersion,
  createRound,
  deleteDraftRound,
  listInstruments,
  listParticipants,
  listRoundCandidates,
  listRounds,
  loadRound,
  myRounds,
  revokeParticipant,
  roundDto,
  updateRound,
} from './assessment.service';
import { errors, me, ok, participantParams, roundParams, tags, tenantParams } from './assessment.http';
import { answeringRoutes } from './answering.routes';
import { resultsRoutes } from './results.routes';

/**
 * Mounted at /api/tenants/:tenantId/assessment: instruments, rounds and participants here; answering
 * and framework conditions in answering.routes.ts; workshop, results, exports and sharing in
 * results.routes.ts (same prefix).
 */
export const assessmentRoutes: FastifyPluginAsyncZod = async (app) => {
  const { config } = app.ctx;

  /* ----- instruments ----- */

  app.get(
    '/instruments',
    {
      config: { permission: 'data.read' },
      schema: {
        tags,
        summary: 'Instrumente: das Entwicklungsmodell der Plattform und die eigenen angepassten Versionen',
        params: tenantParams,
        response: { 200: z.array(instrumentSchema), ...errors },
      },
    },
    async (req) => listInstruments(scopeOf(req)),
  );

  app.post(
    '/instruments',
    {
      config: { permission: 'data.write' },
      schema: {
        tags,
        summary:
          'Instrument anpassen: neue Version der eigenen Fassung (bestehende Versionen bleiben unverändert)',
        params: tenantParams,
        body: instrumentCreateSchema,
        response: { 201: instrumentSchema, ...errors },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await createInstrumentVersion(scopeOf(req), me(req), req.body.basedOn, req.body.content)),
  );

  /* ----- rounds ----- */

  app.get(
    '/rounds',
    {
      config: { permission: 'data.read' },
      schema: {
        tags,
        summary: 'Einschätzungsrunden',
        params: tenantParams,
        response: { 200: z.array(roundSchema), ...errors },
      },
    },
    async (req) => listRounds(scopeOf(req)),
  );

  app.get(
    '/my-rounds',
    {
      config: { permission: 'tenant.read' },
      schema: {
        tags,
        summary: 'Runden, zu denen die angemeldete Person als einschätzende Person eingeladen ist',
        params: tenantParams,
        response: { 200: z.array(roundSchema), ...errors },
      },
    },
    async (req) => myRounds(scopeOf(req), me(req)),
  );

  app.post(
    '/rounds',
    {
      config: { permission: 'data.write' },
      schema: {
        tags,
        summary: 'Runde anlegen (Entwurf)',
        params: tenantParams,
        body: roundCreateSchema,
        response: { 201: roundSchema, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await createRound(scopeOf(req), me(req), req.body)),
  );

  app.get(
    '/rounds/:roundId',
    {
      config: { permission: 'data.read' },
      schema: {
        tags,
        summary: 'Eine Runde',
        params: roundParams,
        response: { 200: roundSchema, ...errors },
      },
    },
    async (req) => roundDto(scopeOf(req), req.params.roundId),
  );

  app.patch(
    '/rounds/:roundId',
    {
      config: { permission: 'data.write' },
      schema: {
        tags,
        summary: 'Runde ändern, öffnen (draft → open) oder abschließen (open → closed)',
        params: roundParams,
        body: roundUpdateSchema,
        response: { 200: roundSchema, ...errors },
      },
    },
    async (req) => updateRound(scopeOf(req), req.params.roundId, req.body),
  );

  app.delete(
    '/rounds/:roundId',
    {
      config: { permission: 'data.write' },
      schema: {
        tags,
        summary: 'Runde im Entwurf löschen',
        params: roundParams,
        response: { 200: ok, ...errors },
      },
    },
    async (req) => {
      await deleteDraftRound(scopeOf(req), req.params.roundId);
      return { ok: true as const };
    },
  );

  /* ----- participants ----- */

  app.get(
    '/rounds/:roundId/participants',
    {
      config: { permission: 'data.write' },
      schema: {
        tags,
        summary: 'Eingeladene Personen und Links mit Bearbeitungsstand',
        params: roundParams,
        response: { 200: z.array(participantSchema), ...errors },
      },
    },
    async (req) => {
      const sc = scopeOf(req);
      const round = await loadRound(sc, req.params.roundId);
      return listParticipants(sc, round.id);
    },
  );

  app.get(
    '/rounds/:roundId/candidates',
    {
      config: { permission: 'data.write' },
      schema: {
        tags,
        summary:
          'Personen der Kommune, die zur Runde eingeladen werden können (Auswahl für die Redaktion: Name, E-Mail, Rolle)',
        params: roundParams,
        response: { 200: z.array(roundCandidateSchema), ...errors },
      },
    },
    async (req, reply) => {
      const sc = scopeOf(req);
      const round = await loadRound(sc, req.params.roundId);
      reply.header('cache-control', 'private, no-store');
      return listRoundCandidates(sc, round);
    },
  );

  app.post(
    '/rounds/:roundId/participants',
    {
      config: { permission: 'data.write' },
      schema: {
        tags,
        summary:
          'Person der Kommune einladen oder persönlichen Link für Externe erzeugen (der Link wird nur jetzt angezeigt)',
        params: roundParams,
        body: participantCreateSchema,
        response: { 201: participantCreatedSchema, ...errors },
      },
    },
    async (req, reply) => {
      const sc = scopeOf(req);
      const round = await loadRound(sc, req.params.roundId);
      const body = req.body;
      if (body.kind === 'user') {
        const p = await addUserParticipant(sc, round, me(req), body);
        return reply.status(201).send({ ...p, link: null });
      }
      const token = newToken();
      const p = await addExternalParticipant(sc, round, me(req), {
        label: body.label,
        group: body.group,
        expiresAt: body.expiresAt,
        tokenHash: hashToken(token),
      });
      reply.header('cache-control', 'no-store');
      return reply.status(201).send({ ...p, link: `${baseUrl(req, config)}/einschaetzung/${token}` });
    },
  );

  app.delete(
    '/rounds/:roundId/participants/:participantId',
    {
      config: { permission: 'data.write' },
      schema: {
        tags,
        summary: 'Einladung oder Link widerrufen (die Einschätzungen zählen dann nicht mehr)',
        params: participantParams,
        response: { 200: participantSchema, ...errors },
      },
    },
    async (req) => {
      const sc = scopeOf(req);
      const round = await loadRound(sc, req.params.roundId);
      return revokeParticipant(sc, round, req.params.participantId);
    },
  );

  await app.register(answeringRoutes);
  await app.register(resultsRoutes);
};
