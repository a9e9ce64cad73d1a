import type { FastifyInstance } from 'fastify';
import { enforceRouteAccess } from '../http/access';
import type { ServerModule } from './module';

/**
 * Mount the routes of every module in one scope whose onRoute hook enforces each route's declared
 * access (platform/http/access.ts): a tenant route without a permission stops the start-up.
 */
export async function registerModules(app: FastifyInstance, modules: readonly ServerModule[]): Promise<void> {
  await app.register(async (scope) => {
    scope.addHook('onRoute', enforceRouteAccess);
    for (const m of modules) {
      for (const r of m.routes) await scope.register(r.plugin, { prefix: r.prefix });
    }
  });
}
