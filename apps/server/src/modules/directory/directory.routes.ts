import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  directoryEntrySchema,
  directoryImportReportSchema,
  directoryImportRequestSchema,
  directoryStatusUpdateSchema,
  offeringInputSchema,
  venueInputSchema,
} from '@dkbm/contract';
import { scopeOf } from '../../platform/tenancy/guard';
import {
  createEntry,
  getEntry,
  importDirectoryList,
  listDirectory,
  removeEntry,
  setEntryStatus,
} from './entries.service';
import { providerRoutes } from './providers.routes';
import { errorResponses as errors, tenantParams } from '../../platform/http/routeSchema';

const entryParams = tenantParams.extend({ entryId: z.uuid() });
const tags = ['directory'];

/** Mounted at /api/tenants/:tenantId/directory: the Bildungswegweiser's entries and list import. */
export const directoryRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(providerRoutes);

  app.get(
    '/entries',
    {
      config: { permission: 'data.read' },
      schema: {
        tags,
        summary: 'Einträge des Bildungswegweisers (Orte und Angebote)',
        params: tenantParams,
        response: { 200: z.array(directoryEntrySchema), ...errors },
      },
    },
    async (req) => listDirectory(scopeOf(req)),
  );

  app.get(
    '/entries/:entryId',
    {
      config: { permission: 'data.read' },
      schema: {
        tags,
        summary: 'Ein Eintrag',
        params: entryParams,
        response: { 200: directoryEntrySchema, ...errors },
      },
    },
    async (req) => getEntry(scopeOf(req), req.params.entryId),
  );

  app.post(
    '/places',
    {
      config: { permission: 'data.write' },
      schema: {
        tags,
        summary: 'Ort anlegen (Kita, Schule, VHS …)',
        params: tenantParams,
        body: venueInputSchema,
        response: { 201: directoryEntrySchema, ...errors },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await createEntry(scopeOf(req), { kind: 'ort', input: req.body })),
  );

  app.post(
    '/offers',
    {
      config: { permission: 'data.write' },
      schema: {
        tags,
        summary: 'Angebot anlegen (Kurs, Beratung, Programm, Veranstaltung)',
        params: tenantParams,
        body: offeringInputSchema,
        response: { 201: directoryEntrySchema, ...errors },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await createEntry(scopeOf(req), { kind: 'angebot', input: req.body })),
  );

  app.patch(
    '/entries/:entryId',
    {
      config: { permission: 'data.write' },
      schema: {
        tags,
        summary: 'Eintrag veröffentlichen oder zurückziehen',
        params: entryParams,
        body: directoryStatusUpdateSchema,
        response: { 200: directoryEntrySchema, ...errors },
      },
    },
    async (req) => setEntryStatus(scopeOf(req), req.params.entryId, req.body.status),
  );

  app.delete(
    '/entries/:entryId',
    {
      config: { permission: 'data.write' },
      schema: {
        tags,
        summary: 'Eintrag löschen',
        params: entryParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (req, reply) => {
      await removeEntry(scopeOf(req), req.params.entryId);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/import',
    {
      config: { permission: 'data.write' },
      bodyLimit: 25 * 1024 * 1024,
      schema: {
        tags,
        summary: 'Liste von Orten importieren (CSV, Probelauf oder übernehmen)',
        params: tenantParams,
        body: directoryImportRequestSchema,
        response: { 200: directoryImportReportSchema, ...errors },
      },
    },
    async (req) => importDirectoryList(scopeOf(req), req.body),
  );
};
