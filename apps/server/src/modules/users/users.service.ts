import type { Role, TenantUser, UserCreate, UserUpdate } from '@dkbm/contract';
import { deleteUserSessions } from '../../platform/auth/sessions';
import { conflict, forbidden, HttpError, notFound } from '../../platform/http/errors';
import type { TenantScope } from '../../platform/tenancy/scope';
import {
  createAccount,
  createInviteToken,
  createResetToken,
  findUserByEmail,
  findUserById,
} from '../auth/auth.service';
import {
  activeAdminCount,
  activeMembers,
  findMembership,
  insertMembership,
  isActiveMember,
  listMembers,
  listOpenInvitations,
  membershipsOutsideAdminsTenants,
  revokeOpenInvitation,
  updateMembership,
  upsertMembership,
} from './users.repo';

export { activeMembers, isActiveMember };

/** Add or reactivate a membership with a role (platform administration, command line). */
export const addMembership = upsertMembership;

export const listUsers = (s: TenantScope): Promise<TenantUser[]> => listMembers(s);

export async function getUser(s: TenantScope, userId: string): Promise<TenantUser> {
  const row = (await listMembers(s, userId))[0];
  if (!row) throw notFound('Die Person');
  return row;
}

export async function createUser(s: TenantScope, input: UserCreate, actorId: string) {
  const existing = await findUserByEmail(s.db, input.email);
  if (input.mode === 'password') {
    if (existing) {
      throw conflict(
        'Für diese E-Mail-Adresse besteht bereits ein Konto. Laden Sie die Person ein, damit sie die Mitgliedschaft selbst bestätigt.',
        { field: 'email' },
      );
    }
    const user = await s.transaction(async (tx) => {
      const u = await createAccount(tx.db, {
        email: input.email,
        displayName: input.displayName,
        password: input.password,
      });
      await insertMembership(tx, u.id, input.role);
      return u;
    });
    return { user: await getUser(s, user.id), invitation: null, token: null };
  }
  if (existing && (await findMembership(s, existing.id))) {
    throw conflict('Diese Person gehört der Kommune bereits an.', { field: 'email' });
  }
  const { token, row } = await createInviteToken(s, input.email, input.role, actorId);
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

export async function updateUser(s: TenantScope, userId: string, patch: UserUpdate) {
  const current = await getUser(s, userId);
  const losesAdmin =
    current.role === 'admin' &&
    current.active &&
    ((patch.role && patch.role !== 'admin') || patch.active === false);
  if (losesAdmin && (await activeAdminCount(s, userId)) === 0) {
    throw conflict('Die letzte aktive Administration einer Kommune kann nicht entfernt werden.');
  }
  await updateMembership(s, userId, patch);
  return getUser(s, userId);
}

/**
 * A tenant admin may reset the password of a person only when every tenant that person belongs to is
 * administered by the same admin; otherwise one tenant could take over an account used in another.
 */
export async function createResetLink(s: TenantScope, userId: string, actorId: string) {
  await getUser(s, userId);
  if ((await membershipsOutsideAdminsTenants(s.db, userId, actorId)) > 0) {
    throw new HttpError(
      403,
      'forbidden',
      'Diese Person gehört weiteren Kommunen an. Bitte wenden Sie sich an die Plattformadministration.',
    );
  }
  const account = await findUserById(s.db, userId);
  if (account?.isPlatformAdmin && userId !== actorId) throw forbidden();
  await deleteUserSessions(s.db, userId);
  return createResetToken(s.db, userId, actorId, s.tenantId);
}

export async function listInvitations(s: TenantScope) {
  const rows = await listOpenInvitations(s);
  return rows.map((r) => ({
    id: r.id,
    email: r.email!,
    role: r.role as Role,
    expiresAt: r.expiresAt,
    acceptedAt: r.usedAt,
    createdAt: r.createdAt,
  }));
}

export async function revokeInvitation(s: TenantScope, invitationId: string) {
  if (!(await revokeOpenInvitation(s, invitationId))) throw notFound('Die Einladung');
}
