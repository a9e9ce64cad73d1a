import { and, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import type { Role, TenantUser } from '@dkbm/contract';
import type { Tx } from '../../platform/db/client';
import { accountTokens, memberships, users } from '../../platform/db/schema';
import type { TenantScope } from '../../platform/tenancy/scope';

/* People of a tenant: memberships with their accounts, and the tenant's open invitations. */

const columns = {
  id: users.id,
  email: users.email,
  displayName: users.displayName,
  role: memberships.role,
  active: memberships.active,
  accountActive: users.active,
  lastLoginAt: users.lastLoginAt,
  createdAt: memberships.createdAt,
};

export async function listMembers(s: TenantScope, userId?: string): Promise<TenantUser[]> {
  const rows = await s.db
    .select(columns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(s.owns(memberships, userId ? eq(memberships.userId, userId) : undefined))
    .orderBy(users.displayName);
  return rows as TenantUser[];
}

export async function findMembership(s: TenantScope, userId: string) {
  const m = await s.db
    .select()
    .from(memberships)
    .where(s.owns(memberships, eq(memberships.userId, userId)))
    .limit(1);
  return m[0] ?? null;
}

/** Whether the person is an active member with an active account. */
export async function isActiveMember(s: TenantScope, userId: string): Promise<boolean> {
  const r = await s.db
    .select({ userId: memberships.userId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      s.owns(
        memberships,
        eq(memberships.userId, userId),
        eq(memberships.active, true),
        eq(users.active, true),
      ),
    )
    .limit(1);
  return !!r[0];
}

export async function insertMembership(s: TenantScope, userId: string, role: Role | string): Promise<void> {
  await s.db.insert(memberships).values(s.withTenant({ userId, role }));
}

/** Add or reactivate a membership with a role (platform administration). */
export async function upsertMembership(s: TenantScope, userId: string, role: string): Promise<void> {
  await s.db
    .insert(memberships)
    .values(s.withTenant({ userId, role }))
    .onConflictDoUpdate({ target: [memberships.tenantId, memberships.userId], set: { role, active: true } });
}

export async function activeAdminCount(s: TenantScope, exceptUserId: string): Promise<number> {
  const r = await s.db
    .select({ n: sql<number>`count(*)::int` })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      s.owns(
        memberships,
        eq(memberships.role, 'admin'),
        eq(memberships.active, true),
        eq(users.active, true),
        ne(memberships.userId, exceptUserId),
      ),
    );
  return r[0]?.n ?? 0;
}

export async function updateMembership(
  s: TenantScope,
  userId: string,
  patch: { role?: Role | undefined; active?: boolean | undefined },
): Promise<void> {
  await s.db
    .update(memberships)
    .set({
      ...(patch.role ? { role: patch.role } : {}),
      ...(patch.active !== undefined ? { active: patch.active } : {}),
    })
    .where(s.owns(memberships, eq(memberships.userId, userId)));
}

/** Tenants the person belongs to that `actorId` does not administer. */
export async function membershipsOutsideAdminsTenants(
  db: Tx,
  userId: string,
  actorId: string,
): Promise<number> {
  const outside = await db
    .select({ n: sql<number>`count(*)::int` })
    // oxlint-disable-next-line dkbm/tenant-scope -- a reset link reaches every tenant of the person: all are checked
    .from(memberships)
    .where(
      and(
        eq(memberships.userId, userId),
        sql`not exists (select 1 from memberships a where a.tenant_id = ${memberships.tenantId}
              and a.user_id = ${actorId} and a.role = 'admin' and a.active)`,
      ),
    );
  return outside[0]?.n ?? 0;
}

export async function listOpenInvitations(s: TenantScope) {
  return s.db
    .select()
    .from(accountTokens)
    .where(
      s.owns(
        accountTokens,
        eq(accountTokens.purpose, 'invite'),
        isNull(accountTokens.usedAt),
        gt(accountTokens.expiresAt, sql`now()`),
      ),
    )
    .orderBy(accountTokens.createdAt);
}

export async function revokeOpenInvitation(s: TenantScope, invitationId: string): Promise<boolean> {
  const r = await s.db
    .update(accountTokens)
    .set({ usedAt: sql`now()`, expiresAt: sql`now()` })
    .where(
      s.owns(
        accountTokens,
        eq(accountTokens.id, invitationId),
        eq(accountTokens.purpose, 'invite'),
        isNull(accountTokens.usedAt),
      ),
    )
    .returning({ id: accountTokens.id });
  return r.length === 1;
}

/** Active members with an active account: id, name, e-mail and role (what choosing a person needs). */
export async function activeMembers(s: TenantScope) {
  return s
    .select({ id: users.id, displayName: users.displayName, email: users.email, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(s.owns(memberships, eq(memberships.active, true), eq(users.active, true)))
    .orderBy(users.displayName, users.email, users.id);
}
