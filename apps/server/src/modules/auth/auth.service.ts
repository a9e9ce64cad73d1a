import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Role } from '@dkbm/contract';
import type { Db, Tx } from '../../platform/db/client';
import { accountTokens, memberships, tenants, users } from '../../platform/db/schema';
import { hashPassword, verifyPassword } from '../../platform/auth/password';
import { hashToken, newToken } from '../../platform/auth/tokens';
import { deleteUserSessions } from '../../platform/auth/sessions';

export async function findUserByEmail(db: Db, email: string) {
  const rows = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${email.trim().toLowerCase()}`)
    .limit(1);
  return rows[0] ?? null;
}

/**
 * Check credentials. Unknown account, wrong password and deactivated account are reported alike
 * (null), and all take the time of a password hash.
 */
export async function authenticate(db: Db, email: string, password: string) {
  const user = await findUserByEmail(db, email);
  const ok = await verifyPassword(user?.passwordHash, password);
  if (!user || !ok || !user.active) return null;
  if (!user.isPlatformAdmin) {
    // A user whose every membership is deactivated cannot sign in either.
    const active = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(memberships)
      .where(and(eq(memberships.userId, user.id), eq(memberships.active, true)));
    if ((active[0]?.n ?? 0) === 0) return null;
  }
  await db
    .update(users)
    .set({ lastLoginAt: sql`now()` })
    .where(eq(users.id, user.id));
  return user;
}

export async function changePassword(
  db: Db,
  userId: string,
  currentPassword: string,
  newPassword: string,
  keepSessionId: string,
): Promise<boolean> {
  const rows = await db.select().from(users).where(eq(users.id, userId)).limit(1);
  const user = rows[0];
  if (!user || !(await verifyPassword(user.passwordHash, currentPassword))) return false;
  await db
    .update(users)
    .set({ passwordHash: await hashPassword(newPassword), passwordChangedAt: sql`now()` })
    .where(eq(users.id, userId));
  await deleteUserSessions(db, userId, keepSessionId);
  return true;
}

const RESET_TTL_MS = 24 * 3600_000;
const INVITE_TTL_MS = 14 * 24 * 3600_000;

export async function createResetToken(db: Db, userId: string, createdBy: string, tenantId: string | null) {
  const token = newToken();
  const expiresAt = new Date(Date.now() + RESET_TTL_MS).toISOString();
  // Any older, unused reset link of this user stops working.
  await db
    .update(accountTokens)
    .set({ usedAt: sql`now()` })
    .where(
      and(eq(accountTokens.userId, userId), eq(accountTokens.purpose, 'reset'), isNull(accountTokens.usedAt)),
    );
  await db
    .insert(accountTokens)
    .values({ tokenHash: hashToken(token), purpose: 'reset', userId, tenantId, expiresAt, createdBy });
  return { token, expiresAt };
}

export async function createInviteToken(
  db: Db,
  tenantId: string,
  email: string,
  role: Role,
  createdBy: string,
) {
  const token = newToken();
  const expiresAt = new Date(Date.now() + INVITE_TTL_MS).toISOString();
  const [row] = await db
    .insert(accountTokens)
    .values({ tokenHash: hashToken(token), purpose: 'invite', tenantId, email, role, expiresAt, createdBy })
    .returning();
  return { token, row: row! };
}

async function validToken(db: Db, token: string, purpose: 'reset' | 'invite') {
  const rows = await db
    .select()
    .from(accountTokens)
    .where(
      and(
        eq(accountTokens.tokenHash, hashToken(token)),
        eq(accountTokens.purpose, purpose),
        isNull(accountTokens.usedAt),
        gt(accountTokens.expiresAt, sql`now()`),
      ),
    )
    .limit(1);
  return rows[0] ?? null;
}

/**
 * Claim a one-time token inside a transaction: only the first of concurrent requests gets the row
 * back (`used_at IS NULL` in the UPDATE), every later one gets null.
 */
async function claimToken(tx: Tx, tokenId: string) {
  const rows = await tx
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

/** Set a new password with a reset link; the link works once and ends all sessions of the account. */
export async function resetPassword(db: Db, token: string, newPassword: string): Promise<boolean> {
  const t = await validToken(db, token, 'reset');
  if (!t?.userId) return false;
  const passwordHash = await hashPassword(newPassword);
  const userId = t.userId;
  const done = await db.transaction(async (tx) => {
    if (!(await claimToken(tx, t.id))) return false;
    await tx
      .update(users)
      .set({ passwordHash, passwordChangedAt: sql`now()` })
      .where(eq(users.id, userId));
    return true;
  });
  if (!done) return false;
  await deleteUserSessions(db, userId);
  return true;
}

/** True while a password-reset link can still be used (known, not used, not expired). */
export async function resetTokenValid(db: Db, token: string): Promise<boolean> {
  const t = await validToken(db, token, 'reset');
  return !!t?.userId;
}

export async function invitationInfo(db: Db, token: string) {
  const t = await validToken(db, token, 'invite');
  if (!t?.tenantId || !t.email || !t.role) return null;
  const tenant = (await db.select().from(tenants).where(eq(tenants.id, t.tenantId)).limit(1))[0];
  if (!tenant) return null;
  const existing = await findUserByEmail(db, t.email);
  return { token: t, tenant, existing };
}

/**
 * Accept an invitation: a new account is created (with name and password), or an existing account
 * proves its password and gains the membership.
 */
export async function acceptInvitation(
  db: Db,
  token: string,
  input: { displayName?: string | undefined; password: string },
): Promise<{ userId: string } | { error: 'invalid' | 'credentials' | 'name_required' }> {
  const info = await invitationInfo(db, token);
  if (!info) return { error: 'invalid' };
  const { token: t, existing } = info;
  let passwordHash: string | null = null;
  if (existing) {
    if (!(await verifyPassword(existing.passwordHash, input.password)) || !existing.active) {
      return { error: 'credentials' };
    }
  } else {
    if (!input.displayName) return { error: 'name_required' };
    passwordHash = await hashPassword(input.password);
  }
  const displayName = input.displayName;
  return db.transaction(async (tx) => {
    if (!(await claimToken(tx, t.id))) return { error: 'invalid' as const };
    let userId: string;
    if (existing) userId = existing.id;
    else {
      const [u] = await tx
        .insert(users)
        .values({ email: t.email!, displayName: displayName!, passwordHash, passwordChangedAt: sql`now()` })
        .returning({ id: users.id });
      userId = u!.id;
    }
    // An invitation only ever creates a membership: an existing one (perhaps deactivated or demoted
    // by the admin since) keeps its role and status.
    await tx
      .insert(memberships)
      .values({ tenantId: t.tenantId!, userId, role: t.role! })
      .onConflictDoNothing({ target: [memberships.tenantId, memberships.userId] });
    // Further open invitations of the same address into this tenant are spent with this one.
    await tx
      .update(accountTokens)
      .set({ usedAt: sql`now()` })
      .where(
        and(
          eq(accountTokens.tenantId, t.tenantId!),
          eq(accountTokens.purpose, 'invite'),
          sql`lower(${accountTokens.email}) = ${t.email!.toLowerCase()}`,
          isNull(accountTokens.usedAt),
        ),
      );
    return { userId };
  });
}
