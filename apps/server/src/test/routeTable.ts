import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Permission } from '@dkbm/contract';
import { loadConfig } from '../platform/config/config';
import { ReadCache } from '../platform/cache/readCache';
import { registerModules } from '../platform/modules/register';
import type { ServerModule } from '../platform/modules/module';
import type { RouteAccess } from '../platform/http/access';

export interface RegisteredRoute {
  module: string;
  method: string;
  url: string;
  permission: Permission | undefined;
  access: RouteAccess | undefined;
  tags: string[];
}

/**
 * Mount modules on a bare app without a database: route plugins read the context only when a request
 * comes, so their routes (and the start-up checks on them) can be looked at in a unit test. OIDC is
 * configured so that its routes are mounted too (discovery happens only on the first sign-in).
 */
export async function mountModules(
  modules: readonly ServerModule[],
  onRoute?: (route: RouteOptions) => void,
): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  if (onRoute) app.addHook('onRoute', onRoute);
  const config = loadConfig(
    {
      NODE_ENV: 'test',
      DATA_DIR: '/nonexistent-test-data-dir',
      OIDC_ISSUER: 'http://sso.invalid/realms/test',
      OIDC_CLIENT_ID: 'dkbm',
    },
    { databaseUrl: undefined, demoData: false },
  );
  app.decorate('ctx', { config, database: null as never, db: null as never, cache: new ReadCache(0) });
  app.decorate('jobs', null as never);
  await app.register(rateLimit, { global: false });
  await registerModules(app, modules);
  await app.ready();
  return app;
}

/** Every route of the modules, with the module it belongs to and what it declares. */
export async function routeTable(modules: readonly ServerModule[]): Promise<RegisteredRoute[]> {
  const routes: RegisteredRoute[] = [];
  for (const m of modules) {
    const app = await mountModules([m], (r) => {
      for (const method of [r.method].flat()) {
        if (method === 'HEAD') continue;
        routes.push({
          module: m.name,
          method,
          url: r.url,
          permission: r.config?.permission,
          access: r.config?.access,
          tags: (r.schema as { tags?: string[] } | undefined)?.tags ?? [],
        });
      }
    });
    await app.close();
  }
  return routes;
}

const ROUTE_METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/**
 * The module with `config.permission` removed from one route (method and full URL), as if someone
 * had deleted it from the source — to prove that such a route stops the start-up.
 */
export function withoutPermission(m: ServerModule, method: string, url: string): ServerModule {
  return {
    ...m,
    routes: m.routes.map((r) => ({
      ...r,
      plugin: async (app: FastifyInstance, opts: object) => {
        const proxy = new Proxy(app, {
          get(target, key, receiver) {
            const value: unknown = Reflect.get(target, key, receiver);
            if (typeof key === 'string' && (ROUTE_METHODS as readonly string[]).includes(key)) {
              return (path: string, options: { config?: object }, handler: unknown) => {
                const hit = key.toUpperCase() === method && `${r.prefix}${path}` === url;
                const config = hit
                  ? Object.fromEntries(
                      Object.entries(options.config ?? {}).filter(([k]) => k !== 'permission'),
                    )
                  : options.config;
                return (value as (...a: unknown[]) => unknown).call(
                  target,
                  path,
                  { ...options, config },
                  handler,
                );
              };
            }
            return typeof value === 'function' ? value.bind(target) : value;
          },
        });
        await r.plugin(proxy, opts);
      },
    })),
  };
}
