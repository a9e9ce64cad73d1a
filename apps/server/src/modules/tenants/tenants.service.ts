import type { Tenant, TenantCreate, TenantType, TenantUpdate } from '@dkbm/contract';
import type { Tx } from '../../platform/db/client';
import { conflict, notFound } from '../../platform/http/errors';
import { tenantScope } from '../../platform/tenancy/scope';
import { findUserByEmail } from '../auth/auth.service';
import { addMembership } from '../users/users.service';
import {
  findTenant,
  findTenantBySlug,
  insertTenant,
  listAccounts,
  listTenants,
  listTenantsWithMemberCount,
  updateTenantRow,
  type TenantRow,
} from './tenants.repo';

export { listAccounts, listTenants, type TenantRow };
export { isAgency, listAgencies } from './tenants.repo';

export const toTenant = (r: TenantRow): Tenant => ({ ...r, type: r.type as TenantType });

export async function getTenant(db: Tx, id: string): Promise<Tenant> {
  const r = await findTenant(db, id);
  if (!r) throw notFound('Die Kommune');
  return toTenant(r);
}

/** The tenant row by its slug (the public portal shows more than the API's Tenant). */
export const getTenantRowBySlug = (db: Tx, slug: string) => findTenantBySlug(db, slug);

export async function getTenantBySlug(db: Tx, slug: string): Promise<Tenant | null> {
  const r = await findTenantBySlug(db, slug);
  return r ? toTenant(r) : null;
}

export async function listAllTenants(db: Tx): Promise<Array<Tenant & { memberCount: number }>> {
  const rows = await listTenantsWithMemberCount(db);
  return rows.map((r) => ({ ...toTenant(r.t), memberCount: r.memberCount }));
}

export async function createTenant(db: Tx, input: TenantCreate & { isDemo?: boolean }): Promise<Tenant> {
  if (await findTenantBySlug(db, input.slug)) {
    throw conflict(`Das Kürzel „${input.slug}“ ist bereits vergeben.`, { field: 'slug' });
  }
  return toTenant(await insertTenant(db, input));
}

export async function updateTenant(db: Tx, id: string, patch: TenantUpdate): Promise<Tenant> {
  const r = await updateTenantRow(db, id, patch);
  if (!r) throw notFound('Die Kommune');
  return toTenant(r);
}

/** Platform admin: make an existing account a member (e.g. the first admin of a new tenant). */
export async function addMemberByEmail(db: Tx, tenantId: string, email: string, role: string) {
  await getTenant(db, tenantId);
  const u = await findUserByEmail(db, email);
  if (!u) throw notFound('Das Konto');
  await addMembership(tenantScope(db, tenantId), u.id, role);
}
