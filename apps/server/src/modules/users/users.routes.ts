import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  apiErrorSchema,
  invitationSchema,
  resetLinkSchema,
  tenantUserSchema,
  userCreateResultSchema,
  userCreateSchema,
  userUpdateSchema,
} from '@dkbm/contract';
import { scopeOf } from '../../platform/tenancy/guard';
import { baseUrl } from '../../platform/http/urls';
import { errorResponses, tenantParams } from '../../platform/http/routeSchema';
import { perUserKey } from '../../platform/auth/loginThrottle';
import {
  createResetLink,
  createUser,
  getUser,
  listInvitations,
  listUsers,
  revokeInvitation,
  updateUser,
} from './users.service';

const userParams = tenantParams.extend({ userId: z.uuid() });
const errors = errorResponses;

/** Mounted at /api/tenants/:tenantId/users. */
export const usersRoutes: FastifyPluginAsyncZod = async (app) => {
  const { config } = app.ctx;
  const tags = ['users'];

  app.get(
    '',
    {
      config: { permission: 'users.read' },
      schema: {
        tags,
        summary: 'Personen der Kommune',
        params: tenantParams,
        response: { 200: z.array(tenantUserSchema), ...errors },
      },
    },
    async (req) => listUsers(scopeOf(req)),
  );

  app.post(
    '',
    {
      // Invitations and start passwords (an argon2 hash each) per administrator.
      config: {
        permission: 'users.write',
        rateLimit: { max: 100, timeWindow: 3600_000, keyGenerator: perUserKey('users.create') },
      },
      schema: {
        tags,
        summary: 'Person anlegen oder einladen',
        params: tenantParams,
        body: userCreateSchema,
        response: { 201: userCreateResultSchema, ...errors, 409: apiErrorSchema },
      },
    },
    async (req, reply) => {
      const r = await createUser(scopeOf(req), req.body, req.auth!.user.id);
      reply.status(201);
      return {
        user: r.user,
        invitation: r.invitation,
        link: r.token ? `${baseUrl(req, config)}/app/einladung/${r.token}` : null,
      };
    },
  );

  app.get(
    '/:userId',
    {
      config: { permission: 'users.read' },
      schema: {
        tags,
        summary: 'Eine Person',
        params: userParams,
        response: { 200: tenantUserSchema, ...errors },
      },
    },
    async (req) => getUser(scopeOf(req), req.params.userId),
  );

  app.patch(
    '/:userId',
    {
      config: { permission: 'users.write' },
      schema: {
        tags,
        summary: 'Rolle ändern, deaktivieren oder reaktivieren',
        params: userParams,
        body: userUpdateSchema,
        response: { 200: tenantUserSchema, ...errors, 409: apiErrorSchema },
      },
    },
    async (req) => updateUser(scopeOf(req), req.params.userId, req.body),
  );

  app.post(
    '/:userId/password-reset',
    {
      config: {
        permission: 'users.write',
        rateLimit: { max: 30, timeWindow: 3600_000, keyGenerator: perUserKey('users.reset') },
      },
      schema: {
        tags,
        summary: 'Rücksetz-Link für das Passwort erzeugen',
        params: userParams,
        response: { 200: resetLinkSchema, ...errors },
      },
    },
    async (req) => {
      const r = await createResetLink(scopeOf(req), req.params.userId, req.auth!.user.id);
      return {
        link: `${baseUrl(req, config)}/app/passwort-zuruecksetzen/${r.token}`,
        expiresAt: r.expiresAt,
      };
    },
  );
};

/** Mounted at /api/tenants/:tenantId/invitations. */
export const invitationsRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['users'];
  app.get(
    '',
    {
      config: { permission: 'users.read' },
      schema: {
        tags,
        summary: 'Offene Einladungen',
        params: tenantParams,
        response: { 200: z.array(invitationSchema), ...errors },
      },
    },
    async (req) => listInvitations(scopeOf(req)),
  );
  app.delete(
    '/:invitationId',
    {
      config: { permission: 'users.write' },
      schema: {
        tags,
        summary: 'Einladung zurückziehen',
        params: tenantParams.extend({ invitationId: z.uuid() }),
        response: { 204: z.null(), ...errors },
      },
    },
    async (req, reply) => {
      await revokeInvitation(scopeOf(req), req.params.invitationId);
      return reply.status(204).send(null);
    },
  );
};
