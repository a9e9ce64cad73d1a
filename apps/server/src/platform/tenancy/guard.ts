import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from 'fastify';
import { hasPermission, type Permission } from '@dkbm/contract';
import { forbidden, notFound, unauthorized } from '../http/errors';
import { isSafeMethod } from '../auth/plugin';
import { readMemberships } from './memberships';
import { tenantScope, type TenantScope } from './scope';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (v: unknown): v is string => typeof v === 'string' && UUID.test(v);

/**
 * preHandler for every route under /api/tenants/:tenantId. The signed-in user must hold an active
 * membership in that tenant (else 404: a stranger learns nothing, not even that the tenant exists)
 * whose role grants `permission` (else 403).
 */
export function requireTenantPermission(permission: Permission) {
  return async function tenantGuard(req: FastifyRequest, _reply: FastifyReply): Promise<void> {
    if (!req.auth) throw unauthorized();
    const tenantId = (req.params as { tenantId?: unknown }).tenantId;
    if (!isUuid(tenantId)) throw notFound();
    const { db, cache } = req.server.ctx;
    // As for sessions: state-changing requests check the membership in the database itself.
    const all = await readMemberships(db, req.auth.user.id, isSafeMethod(req.method) ? cache : undefined);
    const m = all.find((x) => x.tenantId === tenantId);
    if (!m) throw notFound();
    req.tenant = { id: m.tenantId, slug: m.slug, name: m.name, role: m.role };
    req.scope = tenantScope(db, m.tenantId);
    // The request's own logger (also the reply's, which writes "request completed") gets the tenant.
    // (pino's setBindings: cheaper than a child logger per request; Fastify's logger type omits it.)
    (req.log as FastifyBaseLogger & { setBindings(b: object): void }).setBindings({ tenantId: m.tenantId });
    if (!hasPermission(m.role, permission)) throw forbidden();
  };
}

/** The tenant resolved by the guard; only call in handlers behind requireTenantPermission. */
export function tenantOf(req: FastifyRequest) {
  if (!req.tenant) throw new Error('tenant guard missing on route');
  return req.tenant;
}

/** The tenant scope of the request (its repositories' only way to the tenant's rows). */
export function scopeOf(req: FastifyRequest): TenantScope {
  if (!req.scope) throw new Error('tenant guard missing on route');
  return req.scope;
}
