import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  apiErrorSchema,
  emailSchema,
  invitationSchema,
  membershipSummarySchema,
  roleSchema,
  tenantCreateSchema,
  tenantSchema,
  tenantUpdateSchema,
} from '@dkbm/contract';
import { tenantOf } from '../../platform/tenancy/guard';
import { deleteUserSessions } from '../../platform/auth/sessions';
import { tenantScope } from '../../platform/tenancy/scope';
import { notFound } from '../../platform/http/errors';
import { baseUrl } from '../../platform/http/urls';
import { createInviteToken, createResetToken, findUserById, updateAccount } from '../auth/auth.service';
import { readMemberships } from '../../platform/tenancy/memberships';
import {
  addMemberByEmail,
  createTenant,
  getTenant,
  listAccounts,
  listAllTenants,
  updateTenant,
} from './tenants.service';

const errors = { 400: apiErrorSchema, 401: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema };
const tenantParams = z.object({ tenantId: z.string() });

/** Mounted at /api/tenants. */
export const tenantsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx;
  const tags = ['tenants'];

  app.get(
    '',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary: 'Eigene Kommunen',
        response: { 200: z.array(membershipSummarySchema), 401: apiErrorSchema },
      },
    },
    async (req) => readMemberships(db, req.auth!.user.id, app.ctx.cache),
  );

  app.get(
    '/:tenantId',
    {
      config: { permission: 'tenant.read' },
      schema: {
        tags,
        summary: 'Eine Kommune',
        params: tenantParams,
        response: { 200: tenantSchema, ...errors },
      },
    },
    async (req) => getTenant(db, tenantOf(req).id),
  );

  app.patch(
    '/:tenantId',
    {
      config: { permission: 'settings.write' },
      schema: {
        tags,
        summary: 'Einstellungen der Kommune ändern',
        params: tenantParams,
        body: tenantUpdateSchema,
        response: { 200: tenantSchema, ...errors },
      },
    },
    async (req) => updateTenant(db, tenantOf(req).id, req.body),
  );
};

const platformTenantSchema = tenantSchema.extend({ memberCount: z.number().int() });
const platformUserSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  isPlatformAdmin: z.boolean(),
  active: z.boolean(),
  tenantCount: z.number().int(),
});

/** Mounted at /api/platform: tenants and accounts across the installation (platform administrators). */
export const platformRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, config } = app.ctx;
  const tags = ['platform'];
  const platformOnly = { access: 'platformAdmin' } as const;

  app.get(
    '/tenants',
    {
      config: platformOnly,
      schema: { tags, summary: 'Alle Kommunen', response: { 200: z.array(platformTenantSchema), ...errors } },
    },
    async () => listAllTenants(db),
  );

  app.post(
    '/tenants',
    {
      config: platformOnly,
      schema: {
        tags,
        summary: 'Kommune anlegen (optional mit Einladung der ersten Administration)',
        body: tenantCreateSchema.extend({ adminEmail: emailSchema.optional() }),
        response: {
          201: z.object({
            tenant: tenantSchema,
            invitation: invitationSchema.nullable(),
            link: z.string().nullable(),
          }),
          ...errors,
          409: apiErrorSchema,
        },
      },
    },
    async (req, reply) => {
      const { adminEmail, ...input } = req.body;
      const tenant = await createTenant(db, input);
      let invitation = null;
      let link = null;
      if (adminEmail) {
        const inv = await createInviteToken(
          tenantScope(db, tenant.id),
          adminEmail,
          'admin',
          req.auth!.user.id,
        );
        invitation = {
          id: inv.row.id,
          email: adminEmail,
          role: 'admin' as const,
          expiresAt: inv.row.expiresAt,
          acceptedAt: null,
          createdAt: inv.row.createdAt,
        };
        link = `${baseUrl(req, config)}/app/einladung/${inv.token}`;
      }
      reply.status(201);
      return { tenant, invitation, link };
    },
  );

  app.patch(
    '/tenants/:tenantId',
    {
      config: platformOnly,
      schema: {
        tags,
        summary: 'Kommune ändern',
        params: z.object({ tenantId: z.uuid() }),
        body: tenantUpdateSchema,
        response: { 200: tenantSchema, ...errors },
      },
    },
    async (req) => updateTenant(db, req.params.tenantId, req.body),
  );

  app.post(
    '/tenants/:tenantId/members',
    {
      config: platformOnly,
      schema: {
        tags,
        summary: 'Bestehendes Konto einer Kommune zuordnen',
        params: z.object({ tenantId: z.uuid() }),
        body: z.object({ email: emailSchema, role: roleSchema }),
        response: { 200: z.object({ ok: z.literal(true) }), ...errors },
      },
    },
    async (req) => {
      await addMemberByEmail(db, req.params.tenantId, req.body.email, req.body.role);
      return { ok: true as const };
    },
  );

  app.get(
    '/users',
    {
      config: platformOnly,
      schema: { tags, summary: 'Alle Konten', response: { 200: z.array(platformUserSchema), ...errors } },
    },
    async () => listAccounts(db),
  );

  app.patch(
    '/users/:userId',
    {
      config: platformOnly,
      schema: {
        tags,
        summary: 'Konto sperren, entsperren oder zur Plattformadministration machen',
        params: z.object({ userId: z.uuid() }),
        body: z.object({ active: z.boolean(), isPlatformAdmin: z.boolean() }).partial(),
        response: { 200: z.object({ ok: z.literal(true) }), ...errors },
      },
    },
    async (req) => {
      if (!(await updateAccount(db, req.params.userId, req.body))) throw notFound('Das Konto');
      return { ok: true as const };
    },
  );

  app.post(
    '/users/:userId/password-reset',
    {
      config: platformOnly,
      schema: {
        tags,
        summary: 'Rücksetz-Link für ein Konto erzeugen',
        params: z.object({ userId: z.uuid() }),
        response: { 200: z.object({ link: z.string(), expiresAt: z.string() }), ...errors },
      },
    },
    async (req) => {
      if (!(await findUserById(db, req.params.userId))) throw notFound('Das Konto');
      await deleteUserSessions(db, req.params.userId);
      const r = await createResetToken(db, req.params.userId, req.auth!.user.id, null);
      return {
        link: `${baseUrl(req, config)}/app/passwort-zuruecksetzen/${r.token}`,
        expiresAt: r.expiresAt,
      };
    },
  );
};
