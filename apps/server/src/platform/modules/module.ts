import type { FastifyPluginAsync } from 'fastify';
import type { Permission } from '@dkbm/contract';
import type { Database, Tx } from '../db/client';
import type { JobQueue } from '../jobs/jobs';

/** Route plugins of a module and where they are mounted (full path, e.g. `/api/tenants/:tenantId/imports`). */
export interface ModuleRoutes {
  prefix: string;
  // Route plugins are typed by their own type provider (zod); the registry only mounts them.
  plugin: FastifyPluginAsync<any>;
}

/** The demo municipalities every module's demo seed may fill (ids by slug). */
export interface DemoTenants {
  musterstadt: string;
  beispielkreis: string;
}

/**
 * One domain module of the server, listed once in `modules/index.ts`. Adding a module means a folder
 * and one line there (docs/adding-a-module.md).
 */
export interface ServerModule {
  /** Folder name under src/modules. */
  name: string;
  /** API-docs tags of its routes: name and German title. */
  tags: ReadonlyArray<{ name: string; description: string }>;
  routes: readonly ModuleRoutes[];
  /** Permissions its tenant routes check (a test compares them with the routes' declarations). */
  permissions: readonly Permission[];
  /** Background jobs it handles. */
  jobs?: (jobs: JobQueue, database: Database) => void;
  /** Demo data, inside the transaction that creates the demo municipalities. */
  seedDemo?: (tx: Tx, tenants: DemoTenants) => Promise<void>;
  /** Work before the app serves (after migrations and the demo seed; idempotent, runs on every start). */
  onStart?: (database: Database) => Promise<void>;
}
