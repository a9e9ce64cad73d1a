import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  directoryEntryProviderSchema,
  directoryEntrySchema,
  directoryOutboxMessageSchema,
  directoryProviderAccountSchema,
  directoryProviderCreateSchema,
  directoryProviderSchema,
  offeringInputSchema,
  providerEntrySchema,
  providerOverviewSchema,
  reminderReportSchema,
  reminderRunSchema,
  reviewDecisionSchema,
  reviewItemSchema,
} from '@dkbm/contract';
import { scopeOf } from '../../platform/tenancy/guard';
import {
  addProviderAccount,
  createProvider,
  decideSubmission,
  listOutboxMessages,
  listProviders,
  providerEntry,
  providerOverview,
  remindProviders,
  reviewQueue,
  setEntryProvider,
  submitChange,
  submitOffer,
} from './providers.service';
import { errorResponsesWithConflict as errors, tenantParams } from '../../platform/http/routeSchema';

const entryParams = tenantParams.extend({ entryId: z.uuid() });
const providerParams = tenantParams.extend({ providerId: z.uuid() });
const tags = ['directory'];
const userOf = (req: { auth?: { user: { id: string } } | null }) => req.auth!.user.id;

/**
 * Mounted at /api/tenants/:tenantId/directory: providers (Träger) and their accounts, the review queue
 * and the outbox for the Bildungsbüro; `/provider/…` for a person with the role „Anbieter“, who sees and
 * changes only the entries of its own provider (any other entry is 404).
 */
export const providerRoutes: FastifyPluginAsyncZod = async (app) => {
  /* ---------- the Bildungsbüro ---------- */

  app.get(
    '/providers',
    {
      config: { permission: 'data.write' },
      schema: {
        tags,
        summary: 'Träger mit ihren Anbieter-Zugängen',
        params: tenantParams,
        response: { 200: z.array(directoryProviderSchema), ...errors },
      },
    },
    async (req) => listProviders(scopeOf(req)),
  );

  app.post(
    '/providers',
    {
      config: { permission: 'data.write' },
      schema: {
        tags,
        summary: 'Träger anlegen',
        params: tenantParams,
        body: directoryProviderCreateSchema,
        response: { 201: directoryProviderSchema, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await createProvider(scopeOf(req), req.body)),
  );

  app.post(
    '/providers/:providerId/accounts',
    {
      config: { permission: 'data.write' },
      schema: {
        tags,
        summary: 'Person mit der Rolle „Anbieter“ dem Träger zuordnen',
        params: providerParams,
        body: directoryProviderAccountSchema,
        response: { 200: directoryProviderSchema, ...errors },
      },
    },
    async (req) => addProviderAccount(scopeOf(req), req.params.providerId, req.body.email),
  );

  app.put(
    '/entries/:entryId/provider',
    {
      config: { permission: 'data.write' },
      schema: {
        tags,
        summary: 'Träger eines Eintrags festlegen (pflegt ihn dann selbst)',
        params: entryParams,
        body: directoryEntryProviderSchema,
        response: { 200: directoryEntrySchema, ...errors },
      },
    },
    async (req) => setEntryProvider(scopeOf(req), req.params.entryId, req.body.providerId),
  );

  app.get(
    '/review',
    {
      config: { permission: 'data.write' },
      schema: {
        tags,
        summary: 'Prüfliste: eingereichte Angebote und Änderungen mit ihren Unterschieden',
        params: tenantParams,
        response: { 200: z.array(reviewItemSchema), ...errors },
      },
    },
    async (req) => reviewQueue(scopeOf(req)),
  );

  app.post(
    '/review/:entryId',
    {
      config: { permission: 'data.write' },
      schema: {
        tags,
        summary: 'Einreichung freigeben oder ablehnen (mit Nachricht an den Anbieter)',
        params: entryParams,
        body: reviewDecisionSchema,
        response: { 200: directoryEntrySchema, ...errors },
      },
    },
    async (req) => decideSubmission(scopeOf(req), req.params.entryId, req.body),
  );

  app.get(
    '/outbox',
    {
      config: { permission: 'data.write' },
      schema: {
        tags,
        summary: 'Postausgang: Erinnerungen und Nachrichten an Anbieter',
        params: tenantParams,
        response: { 200: z.array(directoryOutboxMessageSchema), ...errors },
      },
    },
    async (req) => listOutboxMessages(scopeOf(req)),
  );

  app.post(
    '/reminders',
    {
      config: { permission: 'data.write' },
      schema: {
        tags,
        summary: 'Erinnerungen an Anbieter schreiben („gültig bis“ läuft ab)',
        params: tenantParams,
        body: reminderRunSchema,
        response: { 200: reminderReportSchema, ...errors },
      },
    },
    async (req) => remindProviders(scopeOf(req), req.body),
  );

  /* ---------- the provider („Anbieter“) ---------- */

  app.get(
    '/provider',
    {
      config: { permission: 'directory.provide' },
      schema: {
        tags,
        summary: 'Eigener Träger, seine Einträge und Nachrichten (Anbieter)',
        params: tenantParams,
        response: { 200: providerOverviewSchema, ...errors },
      },
    },
    async (req) => providerOverview(scopeOf(req), userOf(req)),
  );

  app.get(
    '/provider/entries/:entryId',
    {
      config: { permission: 'directory.provide' },
      schema: {
        tags,
        summary: 'Ein eigener Eintrag (Anbieter)',
        params: entryParams,
        response: { 200: providerEntrySchema, ...errors },
      },
    },
    async (req) => providerEntry(scopeOf(req), userOf(req), req.params.entryId),
  );

  app.post(
    '/provider/offers',
    {
      config: { permission: 'directory.provide' },
      schema: {
        tags,
        summary: 'Neues Angebot einreichen (Anbieter)',
        params: tenantParams,
        body: offeringInputSchema,
        response: { 201: providerEntrySchema, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await submitOffer(scopeOf(req), userOf(req), req.body)),
  );

  app.put(
    '/provider/entries/:entryId',
    {
      config: { permission: 'directory.provide' },
      schema: {
        tags,
        summary: 'Änderung eines eigenen Angebots einreichen (Anbieter)',
        params: entryParams,
        body: offeringInputSchema,
        response: { 200: providerEntrySchema, ...errors },
      },
    },
    async (req) => submitChange(scopeOf(req), userOf(req), req.params.entryId, req.body),
  );
};
