import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Role } from '@dkbm/contract';
import type { Db, Tx } from '../../platform/db/client';
import { accountTokens, memberships, tenants, users } from '../../platform/db/schema';
import type { TenantScope } from '../../platform/tenancy/scope';

/*
 * Accounts, one-time tokens (invitations and reset links) and the memberships an invitation creates.
 * Accounts are global (not a tenant's); invitations belong to the tenant that sent them.
 */

export type UserRow = typeof users.$inferSelect;
export type TokenRow = typeof accountTokens.$inferSelect;

/** E-mail addresses are compared trimmed and in lower case, everywhere. */
export const normalEmail = (email: string) => email.trim().toLowerCase();

/** The one lookup of an account by e-mail address. */
export async function findUserByEmail(db: Tx, email: string): Promise<UserRow | null> {
  const rows = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${normalEmail(email)}`)
    .limit(1);
  return rows[0] ?? null;
}

export async function findUserById(db: Tx, id: string): Promise<UserRow | null> {
  return (await db.select().from(users).where(eq(users.id, id)).limit(1))[0] ?? null;
}

export async function findUserByOidcSubject(db: Db, subject: string): Promise<UserRow | null> {
  return (await db.select().from(users).where(eq(users.oidcSubject, subject)).limit(1))[0] ?? null;
}

export async function insertUser(
  db: Tx,
  values: { email: string; displayName: string; passwordHash?: string | null; oidcSubject?: string | null },
): Promise<UserRow> {
  const [row] = await db
    .insert(users)
    .values({
      ...values,
      ...(values.passwordHash ? { passwordChangedAt: sql`now()` as unknown as string } : {}),
    })
    .returning();
  return row!;
}

export async function updateUser(
  db: Tx,
  id: string,
  patch: Partial<Pick<UserRow, 'locale' | 'oidcSubject' | 'active' | 'isPlatformAdmin' | 'displayName'>> & {
    passwordHash?: string;
    lastLoginNow?: true;
  },
): Promise<boolean> {
  const { passwordHash, lastLoginNow, ...rest } = patch;
  const r = await db
    .update(users)
    .set({
      ...rest,
      ...(passwordHash ? { passwordHash, passwordChangedAt: sql`now()` as unknown as string } : {}),
      ...(lastLoginNow ? { lastLoginAt: sql`now()` as unknown as string } : {}),
    })
    .where(eq(users.id, id))
    .returning({ id: users.id });
  return r.length === 1;
}

/** Active memberships of an account in any tenant (sign-in needs one). */
export async function activeMembershipCount(db: Tx, userId: string): Promise<number> {
  const r = await db
    .select({ n: sql<number>`count(*)::int` })
    // oxlint-disable-next-line dkbm/tenant-scope -- sign-in asks across tenants whether any membership is active
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.active, true)));
  return r[0]?.n ?? 0;
}

export async function tenantById(db: Tx, id: string) {
  return (await db.select().from(tenants).where(eq(tenants.id, id)).limit(1))[0] ?? null;
}

/* ---------- one-time tokens ---------- */

/** Reset links are the account's: any older unused one stops working when a new one is made. */
export async function insertResetToken(
  db: Tx,
  values: {
    tokenHash: string;
    userId: string;
    tenantId: string | null;
    expiresAt: string;
    createdBy: string;
  },
): Promise<void> {
  await db
    // oxlint-disable-next-line dkbm/tenant-scope -- a person's reset links, whichever tenant made them
    .update(accountTokens)
    .set({ usedAt: sql`now()` })
    .where(
      and(
        eq(accountTokens.userId, values.userId),
        eq(accountTokens.purpose, 'reset'),
        isNull(accountTokens.usedAt),
      ),
    );
  // oxlint-disable-next-line dkbm/tenant-scope -- a platform admin's reset link belongs to no tenant
  await db.insert(accountTokens).values({ ...values, purpose: 'reset' });
}

export async function insertInvitation(
  s: TenantScope,
  values: { tokenHash: string; email: string; role: Role; expiresAt: string; createdBy: string },
): Promise<TokenRow> {
  const [row] = await s.db
    .insert(accountTokens)
    .values(s.withTenant({ ...values, purpose: 'invite' }))
    .returning();
  return row!;
}

/** A token that can still be used (known, not used, not expired), by its hash. */
export async function validToken(
  db: Tx,
  tokenHash: string,
  purpose: 'reset' | 'invite',
): Promise<TokenRow | null> {
  const rows = await db
    .select()
    // oxlint-disable-next-line dkbm/tenant-scope -- the token itself says which tenant it is for
    .from(accountTokens)
    .where(
      and(
        eq(accountTokens.tokenHash, tokenHash),
        eq(accountTokens.purpose, purpose),
        isNull(accountTokens.usedAt),
        gt(accountTokens.expiresAt, sql`now()`),
      ),
    )
    .limit(1);
  return rows[0] ?? null;
}

/**
 * Claim a one-time token inside a transaction: only the first of concurrent requests gets true
 * (`used_at IS NULL` in the UPDATE), every later one false.
 */
export async function claimToken(tx: Tx, tokenId: string): Promise<boolean> {
  const rows = await tx
    // oxlint-disable-next-line dkbm/tenant-scope -- claimed by its id, which only its hash led to
    .update(accountTokens)
    .set({ usedAt: sql`now()` })
    .where(
      and(
        eq(accountTokens.id, tokenId),
        isNull(accountTokens.usedAt),
        gt(accountTokens.expiresAt, sql`now()`),
      ),
    )
    .returning({ id: accountTokens.id });
  return rows.length === 1;
}

/**
 * An invitation only ever creates a membership: an existing one (perhaps deactivated or demoted by the
 * admin since) keeps its role and status. Further open invitations of the same address into the tenant
 * are spent with it.
 */
export async function acceptMembership(s: TenantScope, userId: string, email: string, role: string) {
  await s.db
    .insert(memberships)
    .values(s.withTenant({ userId, role }))
    .onConflictDoNothing({ target: [memberships.tenantId, memberships.userId] });
  await s.db
    .update(accountTokens)
    .set({ usedAt: sql`now()` })
    .where(
      s.owns(
        accountTokens,
        eq(accountTokens.purpose, 'invite'),
        sql`lower(${accountTokens.email}) = ${normalEmail(email)}`,
        isNull(accountTokens.usedAt),
      ),
    );
}
