import type { Config } from './config/config';
import type { Database, Db } from './db/client';
import type { Role } from '@dkbm/contract';
import type { JobQueue } from './jobs/jobs';

/** Explicit dependencies handed to every module. */
export interface AppContext {
  config: Config;
  database: Database;
  db: Db;
}

export interface AuthUser {
  id: string;
  email: string;
  displayName: string;
  isPlatformAdmin: boolean;
  locale: 'de' | 'en';
}

export interface TenantAccess {
  id: string;
  slug: string;
  name: string;
  role: Role;
}

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
    jobs: JobQueue;
  }
  interface FastifyRequest {
    auth: { sessionId: string; user: AuthUser } | null;
    tenant: TenantAccess | null;
  }
  interface FastifyContextConfig {
    /** Skip the CSRF check (only for routes that authenticate otherwise, e.g. OIDC callbacks). */
    skipCsrf?: boolean;
  }
}
