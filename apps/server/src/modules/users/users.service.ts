import { and, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import type { Role, TenantUser, UserCreate, UserUpdate } from '@dkbm/contract';
import type { Db } from '../../platform/db/client';
import { accountTokens, memberships, users } from '../../platform/db/schema';
import { hashPassword } from '../../platform/auth/password';
import { deleteUserSessions } from '../../platform/auth/sessions';
import { conflict, forbidden, HttpError, notFound } from '../../platform/http/errors';
import { createInviteToken, createResetToken, findUserByEmail } from '../auth/auth.service';

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

type Row = { [K in keyof typeof columns]: unknown };
const toUser = (r: Row): TenantUser => r as TenantUser;

export async function listUsers(db: Db, tenantId: string): Promise<TenantUser[]> {
  const rows = await db
    .select(columns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.tenantId, tenantId))
    .orderBy(users.displayName);
  return rows.map(toUser);
}

export async function getUser(db: Db, tenantId: string, userId: string): Promise<TenantUser> {
  const rows = await db
    .select(columns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId)))
    .limit(1);
  if (!rows[0]) throw notFound('Die Person');
  return toUser(rows[0]);
}

export async function createUser(db: Db, tenantId: string, input: UserCreate, actorId: string) {
  const existing = await findUserByEmail(db, input.email);
  if (input.mode === 'password') {
    if (existing) {
      throw conflict(
        'Für diese E-Mail-Adresse besteht bereits ein Konto. Laden Sie die Person ein, damit sie die Mitgliedschaft selbst bestätigt.',
        { field: 'email' },
      );
    }
    const passwordHash = await hashPassword(input.password);
    const user = await db.transaction(async (tx) => {
      const [u] = await tx
        .insert(users)
        .values({
          email: input.email,
          displayName: input.displayName,
          passwordHash,
          passwordChangedAt: sql`now()`,
        })
        .returning({ id: users.id });
      await tx.insert(memberships).values({ tenantId, userId: u!.id, role: input.role });
      return u!;
    });
    return { user: await getUser(db, tenantId, user.id), invitation: null, token: null };
  }
  if (existing) {
    const m = await db
      .select()
      .from(memberships)
      .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, existing.id)))
      .limit(1);
    if (m[0]) throw conflict('Diese Person gehört der Kommune bereits an.', { field: 'email' });
  }
  const { token, row } = await createInviteToken(db, tenantId, input.email, input.role, actorId);
  return {
    user: null,
    invitation: {
      id: row.id,
      email: row.email!,
      role: row.role as Role,
      expiresAt: row.expiresAt,
      acceptedAt: null,
      createdAt: row.createdAt,
    },
    token,
  };
}

async function activeAdminCount(db: Db, tenantId: string, exceptUserId: string): Promise<number> {
  const r = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.tenantId, tenantId),
        eq(memberships.role, 'admin'),
        eq(memberships.active, true),
        eq(users.active, true),
        ne(memberships.userId, exceptUserId),
      ),
    );
  return r[0]?.n ?? 0;
}

export async function updateUser(db: Db, tenantId: string, userId: string, patch: UserUpdate) {
  const current = await getUser(db, tenantId, userId);
  const losesAdmin =
    current.role === 'admin' &&
    current.active &&
    ((patch.role && patch.role !== 'admin') || patch.active === false);
  if (losesAdmin && (await activeAdminCount(db, tenantId, userId)) === 0) {
    throw conflict('Die letzte aktive Administration einer Kommune kann nicht entfernt werden.');
  }
  await db
    .update(memberships)
    .set({
      ...(patch.role ? { role: patch.role } : {}),
      ...(patch.active !== undefined ? { active: patch.active } : {}),
    })
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId)));
  return getUser(db, tenantId, userId);
}

/**
 * A tenant admin may reset the password of a person only when every tenant that person belongs to is
 * administered by the same admin; otherwise one tenant could take over an account used in another.
 */
export async function createResetLink(db: Db, tenantId: string, userId: string, actorId: string) {
  await getUser(db, tenantId, userId);
  const outside = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(memberships)
    .where(
      and(
        eq(memberships.userId, userId),
        sql`not exists (select 1 from memberships a where a.tenant_id = ${memberships.tenantId}
              and a.user_id = ${actorId} and a.role = 'admin' and a.active)`,
      ),
    );
  if ((outside[0]?.n ?? 0) > 0) {
    throw new HttpError(
      403,
      'forbidden',
      'Diese Person gehört weiteren Kommunen an. Bitte wenden Sie sich an die Plattformadministration.',
    );
  }
  const acct = await db
    .select({ isPlatformAdmin: users.isPlatformAdmin })
    .from(users)
    .where(eq(users.id, userId));
  if (acct[0]?.isPlatformAdmin && userId !== actorId) throw forbidden();
  await deleteUserSessions(db, userId);
  return createResetToken(db, userId, actorId, tenantId);
}

export async function listInvitations(db: Db, tenantId: string) {
  const rows = await db
    .select()
    .from(accountTokens)
    .where(
      and(
        eq(accountTokens.tenantId, tenantId),
        eq(accountTokens.purpose, 'invite'),
        isNull(accountTokens.usedAt),
        gt(accountTokens.expiresAt, sql`now()`),
      ),
    )
    .orderBy(accountTokens.createdAt);
  return rows.map((r) => ({
    id: r.id,
    email: r.email!,
    role: r.role as Role,
    expiresAt: r.expiresAt,
    acceptedAt: r.usedAt,
    createdAt: r.createdAt,
  }));
}

export async function revokeInvitation(db: Db, tenantId: string, invitationId: string) {
  const r = await db
    .update(accountTokens)
    .set({ usedAt: sql`now()`, expiresAt: sql`now()` })
    .where(
      and(
        eq(accountTokens.id, invitationId),
        eq(accountTokens.tenantId, tenantId),
        eq(accountTokens.purpose, 'invite'),
        isNull(accountTokens.usedAt),
      ),
    )
    .returning({ id: accountTokens.id });
  if (!r[0]) throw notFound('Die Einladung');
}
