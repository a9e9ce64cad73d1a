import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  cooperationProjectInputSchema,
  cooperationProjectSchema,
  cooperationProjectUpdateSchema,
} from '@dkbm/contract';
import { scopeOf } from '../../platform/tenancy/guard';
import {
  errorResponsesWithConflict as errors,
  tenantParams,
  readAccess as read,
  writeAccess as write,
} from '../../platform/http/routeSchema';
import { createProject, getProject, listProjects, updateProject } from './projects.service';

const projectParams = tenantParams.extend({ cooperationProjectId: z.uuid() });

/** Kooperationsprojekte, mounted with the network routes at /api/tenants/:tenantId/network. */
export const projectRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['network'];
  app.get(
    '/cooperation-projects',
    {
      config: read,
      schema: {
        tags,
        summary: 'Kooperationsprojekte',
        params: tenantParams,
        response: { 200: z.array(cooperationProjectSchema), ...errors },
      },
    },
    async (req) => listProjects(scopeOf(req)),
  );
  app.post(
    '/cooperation-projects',
    {
      config: write,
      schema: {
        tags,
        summary: 'Kooperationsprojekt anlegen',
        params: tenantParams,
        body: cooperationProjectInputSchema,
        response: { 201: cooperationProjectSchema, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await createProject(scopeOf(req), req.body)),
  );
  app.get(
    '/cooperation-projects/:cooperationProjectId',
    {
      config: read,
      schema: {
        tags,
        summary: 'Kooperationsprojekt',
        params: projectParams,
        response: { 200: cooperationProjectSchema, ...errors },
      },
    },
    async (req) => getProject(scopeOf(req), req.params.cooperationProjectId),
  );
  app.patch(
    '/cooperation-projects/:cooperationProjectId',
    {
      config: write,
      schema: {
        tags,
        summary: 'Kooperationsprojekt ändern',
        params: projectParams,
        body: cooperationProjectUpdateSchema,
        response: { 200: cooperationProjectSchema, ...errors },
      },
    },
    async (req) => updateProject(scopeOf(req), req.params.cooperationProjectId, req.body),
  );
};
