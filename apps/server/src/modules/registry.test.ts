import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { isTenantRoute } from '../platform/http/access';
import type { ServerModule } from '../platform/modules/module';
import { mountModules, routeTable, withoutPermission } from '../test/routeTable';
import { modules } from '.';

/*
 * The module registry (modules/index.ts) and the declarations of its routes: every tenant route names
 * its permission, every other route who may call it, and a route that does not stops the start-up.
 */

const table = await routeTable(modules);
const tenantRoutes = table.filter((r) => isTenantRoute(r.url));

const fakeModule = (
  plugin: FastifyPluginAsyncZod,
  prefix = '/api/tenants/:tenantId/probe',
): ServerModule => ({
  name: 'probe',
  tags: [],
  routes: [{ prefix, plugin }],
  permissions: ['data.read'],
});

describe('module registry', () => {
  it('lists each module once, and every route belongs to exactly one module', () => {
    const names = modules.map((m) => m.name);
    expect(new Set(names).size).toBe(names.length);
    const keys = table.map((r) => `${r.method} ${r.url}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(tenantRoutes.length).toBeGreaterThan(50);
  });

  it('every tenant route declares a permission; every other route its access', () => {
    for (const r of table) {
      if (isTenantRoute(r.url))
        expect([r.url, r.permission, r.access]).toEqual([r.url, expect.any(String), undefined]);
      else expect([r.url, r.permission, r.access]).toEqual([r.url, undefined, expect.any(String)]);
    }
  });

  it("a module's permissions are exactly those its tenant routes check", () => {
    for (const m of modules) {
      const used = new Set(tenantRoutes.filter((r) => r.module === m.name).map((r) => r.permission));
      expect([m.name, [...used].toSorted()]).toEqual([m.name, [...m.permissions].toSorted()]);
    }
  });

  it('the API docs know every tag a route uses', () => {
    const declared = new Set(modules.flatMap((m) => m.tags.map((t) => t.name)));
    for (const r of table) for (const tag of r.tags) expect(declared, `${r.method} ${r.url}`).toContain(tag);
  });
});

describe('start-up refuses undeclared routes', () => {
  it.each(tenantRoutes.map((r) => [`${r.method} ${r.url}`, r] as const))(
    'without its permission, %s stops the start-up',
    async (_label, route) => {
      const broken = modules.map((m) =>
        m.name === route.module ? withoutPermission(m, route.method, route.url) : m,
      );
      await expect(mountModules(broken.filter((m) => m.name === route.module))).rejects.toThrow(
        `${route.method} ${route.url}: Route einer Kommune ohne Berechtigung (config.permission).`,
      );
    },
  );

  it('a new tenant route without a permission stops the start-up', async () => {
    const probe = fakeModule(async (app) => {
      app.get('/things', { schema: { params: z.object({ tenantId: z.string() }) } }, async () => []);
    });
    await expect(mountModules([probe])).rejects.toThrow(
      'GET /api/tenants/:tenantId/probe/things: Route einer Kommune ohne Berechtigung',
    );
  });

  it('a route elsewhere without a declared access stops the start-up', async () => {
    const probe = fakeModule(async (app) => {
      app.get('/probe', async () => 'ok');
    }, '');
    await expect(mountModules([probe])).rejects.toThrow('GET /probe: Route ohne erklärten Zugang');
  });

  it('a permission outside the tenant routes, or an access on a tenant route, stops the start-up', async () => {
    const outside = fakeModule(async (app) => {
      app.get('/probe', { config: { permission: 'data.read' } }, async () => 'ok');
    }, '');
    await expect(mountModules([outside])).rejects.toThrow(
      'GET /probe: Berechtigungen gelten nur für Routen unter',
    );
    const inside = fakeModule(async (app) => {
      app.get('/things', { config: { access: 'public' } }, async () => []);
    });
    await expect(mountModules([inside])).rejects.toThrow(
      'eine Route einer Kommune erklärt keinen Zugang „public“',
    );
  });

  it('a declared tenant route mounts, and the tenant guard runs before its own preHandlers', async () => {
    const calls: string[] = [];
    const probe = fakeModule(async (app) => {
      const own = async () => {
        calls.push('own preHandler');
      };
      app.get('/things', { config: { permission: 'data.read' }, preHandler: own }, async () => []);
    });
    const app = await mountModules([probe]);
    const res = await app.inject({ url: '/api/tenants/0b0e7f2e-1c1d-4a8e-9a51-0d6a1c2b3c4d/probe/things' });
    await app.close();
    expect(res.statusCode).toBe(401);
    expect(calls).toEqual([]);
  });
});

describe('module files stay small and talk to each other through services', () => {
  const root = new URL('./', import.meta.url);
  const files = (dir: URL): URL[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      if (e.isDirectory()) return files(new URL(`${e.name}/`, dir));
      return e.name.endsWith('.ts') ? [new URL(e.name, dir)] : [];
    });
  const relative = (f: URL) => f.pathname.slice(root.pathname.length);

  it('no file of a module, tests included, has more than 600 lines (split it along its sections)', () => {
    const all = files(root);
    expect(all.some((f) => f.pathname.endsWith('.db.test.ts'))).toBe(true);
    const long = all
      .map((f) => [relative(f), fs.readFileSync(f, 'utf8').split('\n').length] as const)
      .filter(([, lines]) => lines > 600);
    expect(long).toEqual([]);
  });

  it("a module's code reads another module only through its services (demo data: its demo constants)", () => {
    const crossing = files(root)
      .filter((f) => !f.pathname.endsWith('.test.ts'))
      .flatMap((f) =>
        [...fs.readFileSync(f, 'utf8').matchAll(/from '\.\.\/([a-z]+)\/([\w.]+)'/g)]
          .filter(([, , file]) => !file!.endsWith('.service') && file !== 'demo.constants')
          .map(([, other, file]) => `${relative(f)} → ${other}/${file}`),
      );
    expect(crossing).toEqual([]);
  });

  it('routes, public pages and the CLI call services, never a repository', () => {
    const cli = new URL('../cli/', import.meta.url);
    const callers = [
      ...files(root).filter((f) => /\.(routes|page)\.ts$/.test(f.pathname)),
      ...(fs.existsSync(cli) ? files(cli) : []),
    ].filter((f) => !f.pathname.endsWith('.test.ts'));
    expect(callers.length).toBeGreaterThan(20);
    const direct = callers.flatMap((f) =>
      [...fs.readFileSync(f, 'utf8').matchAll(/from '([^']+\.repo)'/g)].map(
        ([, m]) => `${f.pathname} → ${m}`,
      ),
    );
    expect(direct).toEqual([]);
  });
});
