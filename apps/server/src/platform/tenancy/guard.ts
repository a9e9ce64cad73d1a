import { and, eq } from 'drizzle-orm';
import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from 'fastify';
import { hasPermission, type Permission, type Role } from '@dkbm/contract';
import { memberships, tenants } from '../db/schema';
import { forbidden, notFound, unauthorized } from '../http/errors';
import { isSafeMethod } from '../auth/plugin';

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
    const userId = req.auth.user.id;
    const load = async () => {
      const rows = await db
        .select({ id: tenants.id, slug: tenants.slug, name: tenants.name, role: memberships.role })
        .from(memberships)
        .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
        .where(
          and(
            eq(memberships.tenantId, tenantId),
            eq(memberships.userId, userId),
            eq(memberships.active, true),
          ),
        )
        .limit(1);
      return rows[0] ?? null;
    };
    // As for sessions: state-changing requests check the membership in the database itself.
    const m = isSafeMethod(req.method)
      ? await cache.get(`membership:${userId}:${tenantId}`, load)
      : await load();
    if (!m) throw notFound();
    const role = m.role as Role;
    req.tenant = { id: m.id, slug: m.slug, name: m.name, role };
    // The request's own logger (also the reply's, which writes "request completed") gets the tenant.
    // (pino's setBindings: cheaper than a child logger per request; Fastify's logger type omits it.)
    (req.log as FastifyBaseLogger & { setBindings(b: object): void }).setBindings({ tenantId: m.id });
    if (!hasPermission(role, permission)) throw forbidden();
  };
}

/** The tenant resolved by the guard; only call in handlers behind requireTenantPermission. */
export function tenantOf(req: FastifyRequest) {
  if (!req.tenant) throw new Error('tenant guard missing on route');
  return req.tenant;
}
