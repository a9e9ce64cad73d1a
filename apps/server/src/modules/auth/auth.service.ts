import type { Role } from '@dkbm/contract';
import type { Db, Tx } from '../../platform/db/client';
import { hashPassword, verifyPassword } from '../../platform/auth/password';
import { hashToken, newToken } from '../../platform/auth/tokens';
import { deleteUserSessions } from '../../platform/auth/sessions';
import { tenantScope, type TenantScope } from '../../platform/tenancy/scope';
import {
  acceptMembership,
  activeMembershipCount,
  claimToken,
  findUserByEmail,
  findUserById,
  findUserByOidcSubject,
  insertInvitation,
  insertResetToken,
  insertUser,
  normalEmail,
  tenantById,
  updateUser,
  validToken,
  type UserRow,
} from './accounts.repo';

export { findUserByEmail, findUserById, normalEmail, type UserRow };

/**
 * Check credentials. Unknown account, wrong password and deactivated account are reported alike
 * (null), and all take the time of a password hash.
 */
export async function authenticate(db: Db, email: string, password: string) {
  const user = await findUserByEmail(db, email);
  const ok = await verifyPassword(user?.passwordHash, password);
  if (!user || !ok || !user.active) return null;
  // A user whose every membership is deactivated cannot sign in either.
  if (!user.isPlatformAdmin && (await activeMembershipCount(db, user.id)) === 0) return null;
  await updateUser(db, user.id, { lastLoginNow: true });
  return user;
}

export async function changePassword(
  db: Db,
  userId: string,
  currentPassword: string,
  newPassword: string,
  keepSessionId: string,
): Promise<boolean> {
  const user = await findUserById(db, userId);
  if (!user || !(await verifyPassword(user.passwordHash, currentPassword))) return false;
  await updateUser(db, userId, { passwordHash: await hashPassword(newPassword) });
  await deleteUserSessions(db, userId, keepSessionId);
  return true;
}

/** Set a new password (administration, command line): ends every session of the account. */
export async function setPassword(db: Db, userId: string, password: string): Promise<void> {
  await updateUser(db, userId, { passwordHash: await hashPassword(password) });
  await deleteUserSessions(db, userId);
}

export async function setLocale(db: Db, userId: string, locale: 'de' | 'en'): Promise<void> {
  await updateUser(db, userId, { locale });
}

/** A new account (not yet a member anywhere); `password` null for single sign-on accounts. */
export async function createAccount(
  db: Tx,
  input: { email: string; displayName: string; password: string | null; oidcSubject?: string },
): Promise<UserRow> {
  return insertUser(db, {
    email: input.email,
    displayName: input.displayName,
    passwordHash: input.password ? await hashPassword(input.password) : null,
    ...(input.oidcSubject ? { oidcSubject: input.oidcSubject } : {}),
  });
}

/** Activate, deactivate or promote an account (platform administration); false when unknown. */
export async function updateAccount(
  db: Tx,
  userId: string,
  patch: { active?: boolean | undefined; isPlatformAdmin?: boolean | undefined },
): Promise<boolean> {
  const set = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  if (!(await updateUser(db, userId, set))) return false;
  if (patch.active === false) await deleteUserSessions(db, userId);
  return true;
}

/**
 * The account of a single sign-on: by subject, else by verified e-mail (which then gets the subject),
 * else a new one when `autoCreate`.
 */
export async function oidcAccount(
  db: Db,
  claims: { subject: string; email: string | null; name: string | null },
  autoCreate: boolean,
): Promise<UserRow | null> {
  let user = await findUserByOidcSubject(db, claims.subject);
  if (!user && claims.email) {
    user = await findUserByEmail(db, claims.email);
    if (user) await updateUser(db, user.id, { oidcSubject: claims.subject });
  }
  if (!user && claims.email && autoCreate) {
    user = await insertUser(db, {
      email: normalEmail(claims.email),
      displayName: claims.name ?? normalEmail(claims.email),
      oidcSubject: claims.subject,
    });
  }
  return user;
}

const RESET_TTL_MS = 24 * 3600_000;
const INVITE_TTL_MS = 14 * 24 * 3600_000;

export async function createResetToken(db: Tx, userId: string, createdBy: string, tenantId: string | null) {
  const token = newToken();
  const expiresAt = new Date(Date.now() + RESET_TTL_MS).toISOString();
  await insertResetToken(db, { tokenHash: hashToken(token), userId, tenantId, expiresAt, createdBy });
  return { token, expiresAt };
}

export async function createInviteToken(s: TenantScope, email: string, role: Role, createdBy: string) {
  const token = newToken();
  const expiresAt = new Date(Date.now() + INVITE_TTL_MS).toISOString();
  const row = await insertInvitation(s, { tokenHash: hashToken(token), email, role, expiresAt, createdBy });
  return { token, row };
}

/** Set a new password with a reset link; the link works once and ends all sessions of the account. */
export async function resetPassword(db: Db, token: string, newPassword: string): Promise<boolean> {
  const t = await validToken(db, hashToken(token), 'reset');
  if (!t?.userId) return false;
  const passwordHash = await hashPassword(newPassword);
  const userId = t.userId;
  const done = await db.transaction(async (tx) => {
    if (!(await claimToken(tx, t.id))) return false;
    await updateUser(tx, userId, { passwordHash });
    return true;
  });
  if (!done) return false;
  await deleteUserSessions(db, userId);
  return true;
}

/** True while a password-reset link can still be used (known, not used, not expired). */
export async function resetTokenValid(db: Db, token: string): Promise<boolean> {
  const t = await validToken(db, hashToken(token), 'reset');
  return !!t?.userId;
}

export async function invitationInfo(db: Db, token: string) {
  const t = await validToken(db, hashToken(token), 'invite');
  if (!t?.tenantId || !t.email || !t.role) return null;
  const tenant = await tenantById(db, t.tenantId);
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
    const userId = existing
      ? existing.id
      : (await insertUser(tx, { email: t.email!, displayName: displayName!, passwordHash })).id;
    await acceptMembership(tenantScope(tx, t.tenantId!), userId, t.email!, t.role!);
    return { userId };
  });
}
