import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  conferenceInputSchema,
  conferenceSchema,
  conferenceUpdateSchema,
  registrationSchema,
} from '@dkbm/contract';
import { scopeOf } from '../../platform/tenancy/guard';
import { attachment, fileStem } from '../../platform/http/download';
import {
  cancelRegistration,
  createConference,
  getConference,
  listConferences,
  listRegistrations,
  participantsCsv,
  participantsXlsx,
  setRegistrationOpen,
} from './conferences.service';
import { notFound } from '../../platform/http/errors';
import {
  errorResponsesWithConflict as errors,
  tenantParams,
  readAccess as read,
  writeAccess as write,
} from '../../platform/http/routeSchema';

const conferenceParams = tenantParams.extend({ conferenceId: z.uuid() });
const registrationParams = conferenceParams.extend({ registrationId: z.uuid() });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Bildungskonferenz in the workbench (mounted with the network routes). */
export const conferenceRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['network'];

  app.get(
    '/conferences',
    {
      config: read,
      schema: {
        tags,
        summary: 'Bildungskonferenzen',
        params: tenantParams,
        response: { 200: z.array(conferenceSchema), ...errors },
      },
    },
    async (req) => listConferences(scopeOf(req)),
  );
  app.post(
    '/conferences',
    {
      config: write,
      schema: {
        tags,
        summary: 'Bildungskonferenz mit Workshops anlegen',
        params: tenantParams,
        body: conferenceInputSchema,
        response: { 201: conferenceSchema, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await createConference(scopeOf(req), req.body)),
  );
  app.get(
    '/conferences/:conferenceId',
    {
      config: read,
      schema: {
        tags,
        summary: 'Bildungskonferenz mit Belegung und Rückmeldungen',
        params: conferenceParams,
        response: { 200: conferenceSchema, ...errors },
      },
    },
    async (req) => getConference(scopeOf(req), req.params.conferenceId),
  );
  app.patch(
    '/conferences/:conferenceId',
    {
      config: write,
      schema: {
        tags,
        summary: 'Anmeldung öffnen oder schließen',
        params: conferenceParams,
        body: conferenceUpdateSchema,
        response: { 200: conferenceSchema, ...errors },
      },
    },
    async (req) => setRegistrationOpen(scopeOf(req), req.params.conferenceId, req.body.registrationOpen),
  );
  app.get(
    '/conferences/:conferenceId/registrations',
    {
      // Personal data: only the Bildungsbüro (editors) and the administration.
      config: write,
      schema: {
        tags,
        summary: 'Anmeldungen (Teilnehmende, Warteliste, Abmeldungen)',
        params: conferenceParams,
        response: { 200: z.array(registrationSchema), ...errors },
      },
    },
    async (req) => listRegistrations(scopeOf(req), req.params.conferenceId),
  );
  app.post(
    '/conferences/:conferenceId/registrations/:registrationId/cancel',
    {
      config: write,
      schema: {
        tags,
        summary: 'Anmeldung stornieren (die Warteliste rückt nach)',
        params: registrationParams,
        response: { 200: z.array(registrationSchema), ...errors },
      },
    },
    async (req) => {
      const s = scopeOf(req);
      const regs = await listRegistrations(s, req.params.conferenceId);
      if (!regs.some((r) => r.id === req.params.registrationId)) throw notFound('Die Anmeldung');
      await cancelRegistration(s, req.params.registrationId);
      return listRegistrations(s, req.params.conferenceId);
    },
  );
  for (const format of ['csv', 'xlsx'] as const) {
    app.get(
      `/conferences/:conferenceId/participants.${format}`,
      {
        config: write,
        schema: {
          tags,
          summary: `Teilnehmendenliste als ${format.toUpperCase()}`,
          params: conferenceParams,
        },
      },
      async (req, reply) => {
        const s = scopeOf(req);
        const c = await getConference(s, req.params.conferenceId);
        const name = `Teilnehmende_${fileStem(c.title, 'konferenz')}.${format}`;
        reply.header('content-disposition', attachment(name)).header('cache-control', 'no-store');
        return format === 'csv'
          ? reply.type('text/csv; charset=utf-8').send(await participantsCsv(s, c.id))
          : reply.type(XLSX).send(await participantsXlsx(s, c.id));
      },
    );
  }
};
