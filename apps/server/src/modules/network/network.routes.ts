import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  actorInputSchema,
  actorSchema,
  actorUpdateSchema,
  cooperationEdgeSchema,
  cooperationQuerySchema,
  agendaItemInputSchema,
  apiErrorSchema,
  attendanceInputSchema,
  bodyDetailSchema,
  bodyInputSchema,
  bodyMembershipEndSchema,
  bodyMembershipInputSchema,
  bodySchema,
  bodyUpdateSchema,
  meetingDecisionInputSchema,
  meetingDetailSchema,
  meetingInputSchema,
  meetingSummarySchema,
  minutesInputSchema,
  personInputSchema,
  personSchema,
} from '@dkbm/contract';
import { scopeOf, tenantOf } from '../../platform/tenancy/guard';
import {
  addMembership,
  createActor,
  createBody,
  endMembership,
  getActor,
  getBody,
  listActors,
  listBodies,
  updateActor,
  updateBody,
} from './actors.service';
import {
  addAgendaItem,
  approveMinutes,
  createMeeting,
  getMeeting,
  listMeetings,
  markInvited,
  meetingIcs,
  recordAttendance,
  recordDecision,
  recordMinutes,
} from './meetings.service';
import { cooperationEdges, edgesCsv } from './cooperation.service';
import { createPerson, erasePerson, exportPerson, listPersons } from './persons.service';
import { conferenceRoutes } from './conferences.routes';
import { PAPER_MIME, renderMeetingPaper } from './meeting.export';
import { pdfRenderer } from '../../platform/pdf';
import { attachment, fileStem } from '../../platform/http/download';
import { enquiryRoutes } from './enquiries.routes';
import { projectRoutes } from './projects.routes';
import {
  errorResponsesWithConflict as errors,
  tenantParams,
  readAccess as read,
  writeAccess as write,
} from '../../platform/http/routeSchema';

const actorParams = tenantParams.extend({ actorId: z.uuid() });
const bodyParams = tenantParams.extend({ bodyId: z.uuid() });
const membershipParams = bodyParams.extend({ bodyMembershipId: z.uuid() });
const meetingParams = tenantParams.extend({ meetingId: z.uuid() });
const agendaItemParams = meetingParams.extend({ agendaItemId: z.uuid() });
const personParams = tenantParams.extend({ personId: z.uuid() });

/** Mounted at /api/tenants/:tenantId/network: actors, bodies, meetings, enquiries. */
export const networkRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['network'];
  await app.register(conferenceRoutes);
  await app.register(enquiryRoutes);
  await app.register(projectRoutes);
  const pdf = pdfRenderer(app);

  /* ----- actors ----- */
  app.get(
    '/actors',
    {
      config: read,
      schema: {
        tags,
        summary: 'Akteure',
        params: tenantParams,
        response: { 200: z.array(actorSchema), ...errors },
      },
    },
    async (req) => listActors(scopeOf(req)),
  );
  app.post(
    '/actors',
    {
      config: write,
      schema: {
        tags,
        summary: 'Akteur anlegen',
        params: tenantParams,
        body: actorInputSchema,
        response: { 201: actorSchema, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await createActor(scopeOf(req), req.body)),
  );
  app.get(
    '/actors/:actorId',
    {
      config: read,
      schema: { tags, summary: 'Akteur', params: actorParams, response: { 200: actorSchema, ...errors } },
    },
    async (req) => getActor(scopeOf(req), req.params.actorId),
  );
  app.patch(
    '/actors/:actorId',
    {
      config: write,
      schema: {
        tags,
        summary: 'Akteur ändern',
        params: actorParams,
        body: actorUpdateSchema,
        response: { 200: actorSchema, ...errors },
      },
    },
    async (req) => updateActor(scopeOf(req), req.params.actorId, req.body),
  );

  /* ----- bodies and memberships ----- */
  app.get(
    '/bodies',
    {
      config: read,
      schema: {
        tags,
        summary: 'Gremien',
        params: tenantParams,
        response: { 200: z.array(bodySchema), ...errors },
      },
    },
    async (req) => listBodies(scopeOf(req)),
  );
  app.post(
    '/bodies',
    {
      config: write,
      schema: {
        tags,
        summary: 'Gremium anlegen',
        params: tenantParams,
        body: bodyInputSchema,
        response: { 201: bodyDetailSchema, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await createBody(scopeOf(req), req.body)),
  );
  app.get(
    '/bodies/:bodyId',
    {
      config: read,
      schema: {
        tags,
        summary: 'Gremium mit Mitgliedschaften und Sitzungen',
        params: bodyParams,
        response: { 200: bodyDetailSchema, ...errors },
      },
    },
    async (req) => getBody(scopeOf(req), req.params.bodyId),
  );
  app.patch(
    '/bodies/:bodyId',
    {
      config: write,
      schema: {
        tags,
        summary: 'Gremium ändern',
        params: bodyParams,
        body: bodyUpdateSchema,
        response: { 200: bodyDetailSchema, ...errors },
      },
    },
    async (req) => updateBody(scopeOf(req), req.params.bodyId, req.body),
  );
  app.post(
    '/bodies/:bodyId/memberships',
    {
      config: write,
      schema: {
        tags,
        summary: 'Mitgliedschaft beginnen',
        params: bodyParams,
        body: bodyMembershipInputSchema,
        response: { 201: bodyDetailSchema, ...errors },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await addMembership(scopeOf(req), req.params.bodyId, req.body)),
  );
  app.post(
    '/bodies/:bodyId/memberships/:bodyMembershipId/end',
    {
      config: write,
      schema: {
        tags,
        summary: 'Mitgliedschaft beenden (bleibt erhalten)',
        params: membershipParams,
        body: bodyMembershipEndSchema,
        response: { 200: bodyDetailSchema, ...errors },
      },
    },
    async (req) =>
      endMembership(scopeOf(req), req.params.bodyId, req.params.bodyMembershipId, req.body.validTo),
  );

  /* ----- meetings ----- */
  app.get(
    '/meetings',
    {
      config: read,
      schema: {
        tags,
        summary: 'Sitzungen aller Gremien',
        params: tenantParams,
        response: { 200: z.array(meetingSummarySchema), ...errors },
      },
    },
    async (req) => listMeetings(scopeOf(req)),
  );
  app.post(
    '/meetings',
    {
      config: write,
      schema: {
        tags,
        summary: 'Sitzung anlegen',
        params: tenantParams,
        body: meetingInputSchema,
        response: { 201: meetingDetailSchema, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await createMeeting(scopeOf(req), req.body)),
  );
  app.get(
    '/meetings/:meetingId',
    {
      config: read,
      schema: {
        tags,
        summary: 'Sitzung mit Tagesordnung, Live-Daten, Anwesenheit und Beschlüssen',
        params: meetingParams,
        response: { 200: meetingDetailSchema, ...errors },
      },
    },
    async (req) => getMeeting(scopeOf(req), req.params.meetingId),
  );
  app.get(
    '/meetings/:meetingId/ics',
    {
      config: read,
      schema: {
        tags,
        summary: 'Sitzung als iCalendar-Datei (.ics)',
        params: meetingParams,
        response: { 200: z.string(), ...errors },
      },
    },
    async (req, reply) => {
      const text = await meetingIcs(scopeOf(req), req.params.meetingId, tenantOf(req).name);
      return reply
        .header('content-type', 'text/calendar; charset=utf-8')
        .header('content-disposition', 'attachment; filename="sitzung.ics"')
        .send(text);
    },
  );
  for (const [path, paper, label] of [
    ['invitation', 'invitation', 'Einladung'],
    ['minutes', 'minutes', 'Protokoll'],
  ] as const) {
    for (const format of ['pdf', 'docx'] as const) {
      app.get(
        `/meetings/:meetingId/${path}.${format}`,
        {
          config: read,
          schema: {
            tags,
            summary: `${label} der Sitzung als ${format === 'docx' ? 'Word-Dokument (DOCX)' : 'PDF'}`,
            params: meetingParams,
            response: { 200: z.any(), 503: apiErrorSchema, ...errors },
          },
        },
        async (req, reply) => {
          const m = await getMeeting(scopeOf(req), req.params.meetingId);
          const bytes = await renderMeetingPaper(m, paper, format, tenantOf(req).name, pdf);
          const name = `${label}_${fileStem(`${m.bodyName}_${m.startsAt.slice(0, 10)}`, 'sitzung')}.${format}`;
          return reply
            .header('cache-control', 'private, no-store')
            .header('content-disposition', attachment(name))
            .type(PAPER_MIME[format])
            .send(bytes);
        },
      );
    }
  }
  app.post(
    '/meetings/:meetingId/agenda',
    {
      config: write,
      schema: {
        tags,
        summary: 'Tagesordnungspunkt anfügen (optional mit Kennzahl)',
        params: meetingParams,
        body: agendaItemInputSchema,
        response: { 201: meetingDetailSchema, ...errors },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await addAgendaItem(scopeOf(req), req.params.meetingId, req.body)),
  );
  app.patch(
    '/meetings/:meetingId/agenda/:agendaItemId',
    {
      config: write,
      schema: {
        tags,
        summary: 'Protokoll eines Tagesordnungspunkts',
        params: agendaItemParams,
        body: minutesInputSchema,
        response: { 200: meetingDetailSchema, ...errors },
      },
    },
    async (req) =>
      recordMinutes(scopeOf(req), req.params.meetingId, req.params.agendaItemId, req.body.minutes),
  );
  app.post(
    '/meetings/:meetingId/attendance',
    {
      config: write,
      schema: {
        tags,
        summary: 'Anwesenheit erfassen',
        params: meetingParams,
        body: attendanceInputSchema,
        response: { 200: meetingDetailSchema, ...errors },
      },
    },
    async (req) => recordAttendance(scopeOf(req), req.params.meetingId, req.body.presentActorIds),
  );
  app.post(
    '/meetings/:meetingId/decisions',
    {
      config: write,
      schema: {
        tags,
        summary: 'Beschluss festhalten',
        params: meetingParams,
        body: meetingDecisionInputSchema,
        response: { 201: meetingDetailSchema, ...errors },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await recordDecision(scopeOf(req), req.params.meetingId, req.body)),
  );
  app.post(
    '/meetings/:meetingId/invite',
    {
      config: write,
      schema: {
        tags,
        summary: 'Einladung als versandt markieren',
        params: meetingParams,
        response: { 200: meetingDetailSchema, ...errors },
      },
    },
    async (req) => markInvited(scopeOf(req), req.params.meetingId),
  );
  app.post(
    '/meetings/:meetingId/approve',
    {
      config: write,
      schema: {
        tags,
        summary: 'Protokoll genehmigen (friert die Live-Daten ein)',
        params: meetingParams,
        response: { 200: meetingDetailSchema, ...errors },
      },
    },
    async (req) => approveMinutes(scopeOf(req), req.params.meetingId),
  );

  /* ----- contacts (persons) ----- */
  app.get(
    '/persons',
    {
      // Personal data: only the Bildungsbüro (editors) and the administration.
      config: write,
      schema: {
        tags,
        summary: 'Kontakte (Personen)',
        params: tenantParams,
        response: { 200: z.array(personSchema), ...errors },
      },
    },
    async (req) => listPersons(scopeOf(req)),
  );
  app.post(
    '/persons',
    {
      config: write,
      schema: {
        tags,
        summary: 'Kontakt anlegen',
        params: tenantParams,
        body: personInputSchema,
        response: { 201: personSchema, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await createPerson(scopeOf(req), req.body)),
  );
  app.get(
    '/persons/:personId/export',
    {
      config: write,
      schema: { tags, summary: 'Alle Daten einer Person (DSGVO Art. 15) als JSON', params: personParams },
    },
    async (req, reply) => {
      const data = await exportPerson(scopeOf(req), req.params.personId);
      return reply
        .header('content-disposition', 'attachment; filename="person.json"')
        .type('application/json; charset=utf-8')
        .send(JSON.stringify(data, null, 2));
    },
  );
  app.post(
    '/persons/:personId/erase',
    {
      config: write,
      schema: {
        tags,
        summary: 'Person löschen (DSGVO Art. 17): Name wird „ehemaliges Mitglied“, auch in Protokollen',
        params: personParams,
        response: { 200: personSchema, ...errors },
      },
    },
    async (req) => erasePerson(scopeOf(req), req.params.personId),
  );

  /* ----- cooperation map ----- */
  app.get(
    '/cooperation',
    {
      config: read,
      schema: {
        tags,
        summary: 'Kooperationen: Akteure, die gemeinsam in Gremien und Projekten arbeiten (Kanten)',
        params: tenantParams,
        querystring: cooperationQuerySchema,
        response: { 200: z.array(cooperationEdgeSchema), ...errors },
      },
    },
    async (req) => cooperationEdges(scopeOf(req), req.query),
  );
  app.get(
    '/cooperation.csv',
    {
      config: read,
      schema: {
        tags,
        summary: 'Kooperationen als CSV (Kanten)',
        params: tenantParams,
        querystring: cooperationQuerySchema,
      },
    },
    async (req, reply) =>
      reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="kooperationen.csv"')
        .send(edgesCsv(await cooperationEdges(scopeOf(req), req.query))),
  );
};
