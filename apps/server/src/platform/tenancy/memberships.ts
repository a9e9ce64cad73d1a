import { and, eq } from 'drizzle-orm';
import type { MembershipSummary, Role, TenantType } from '@dkbm/contract';
import type { Db } from '../db/client';
import { memberships, tenants } from '../db/schema';
import type { ReadCache } from '../cache/readCache';

/** The user's active memberships with their tenants, by tenant name. */
export async function membershipsOf(db: Db, userId: string): Promise<MembershipSummary[]> {
  const rows = await db
    .select({
      tenantId: tenants.id,
      slug: tenants.slug,
      name: tenants.name,
      type: tenants.type,
      role: memberships.role,
      isDemo: tenants.isDemo,
      color: tenants.color,
    })
    .from(memberships)
    .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
    .where(and(eq(memberships.userId, userId), eq(memberships.active, true)))
    .orderBy(tenants.name);
  return rows.map((r) => ({ ...r, type: r.type as TenantType, role: r.role as Role }));
}

/**
 * `membershipsOf` through the read cache (one entry per user, shared by the session answer, the tenant
 * list and the tenant guard); without a cache (state-changing requests) from the database.
 */
export function readMemberships(db: Db, userId: string, cache?: ReadCache): Promise<MembershipSummary[]> {
  return cache
    ? cache.get(`memberships:${userId}`, () => membershipsOf(db, userId))
    : membershipsOf(db, userId);
}
