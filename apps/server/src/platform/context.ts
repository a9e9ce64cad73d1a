import type { Config } from './config/config';
import type { Database, Db } from './db/client';
import type { Permission, Role } from '@dkbm/contract';
import type { RouteAccess } from './http/access';
import type { TenantScope } from './tenancy/scope';
import type { JobQueue } from './jobs/jobs';
import type { ReadCache } from './cache/readCache';

/** Explicit dependencies handed to every module. */
export interface AppContext {
  config: Config;
  database: Database;
  db: Db;
  /** Hot reads (sessions, memberships, indicator rows); see ReadCache. */
  cache: ReadCache;
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
    /** The tenant scope set by the tenant guard (platform/tenancy/scope.ts). */
    scope: TenantScope | null;
  }
  interface FastifyContextConfig {
    /** The permission a route under /api/tenants/:tenantId needs (checked by the tenant guard). */
    permission?: Permission;
    /** Who may call any other route (see platform/http/access.ts). */
    access?: RouteAccess;
    /** Skip the CSRF check (only for routes that authenticate otherwise, e.g. OIDC callbacks). */
    skipCsrf?: boolean;
    /** What this route's CSRF tokens are bound to instead of the session (e.g. a rater link). */
    csrfBinding?: (req: FastifyRequest) => string;
  }
}
