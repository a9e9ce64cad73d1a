import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['health'];
  app.get(
    '/healthz',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'Prozess lebt', response: { 200: z.object({ status: z.literal('ok') }) } },
    },
    async (_req, reply) => {
      reply.header('cache-control', 'no-store');
      return { status: 'ok' as const };
    },
  );
  app.get(
    '/readyz',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Bereit: Datenbank erreichbar und migriert',
        response: {
          200: z.object({ status: z.literal('ready'), database: z.string() }),
          503: z.object({ status: z.literal('unavailable'), database: z.string() }),
        },
      },
    },
    async (_req, reply) => {
      reply.header('cache-control', 'no-store');
      const { database } = app.ctx;
      try {
        await database.query('SELECT 1 FROM tenants LIMIT 1');
        return { status: 'ready' as const, database: database.driver };
      } catch {
        return reply.status(503).send({ status: 'unavailable' as const, database: database.driver });
      }
    },
  );
};
