import { eq, sql } from 'drizzle-orm';
import type { TenantCreate, TenantUpdate } from '@dkbm/contract';
import type { Tx } from '../../platform/db/client';
import { tenants, users } from '../../platform/db/schema';

/* Tenants (municipalities and agencies) and the accounts of the installation, for the platform admin. */

export type TenantRow = typeof tenants.$inferSelect;

export async function findTenant(db: Tx, id: string): Promise<TenantRow | null> {
  return (await db.select().from(tenants).where(eq(tenants.id, id)).limit(1))[0] ?? null;
}

export async function findTenantBySlug(db: Tx, slug: string): Promise<TenantRow | null> {
  return (await db.select().from(tenants).where(eq(tenants.slug, slug)).limit(1))[0] ?? null;
}

/** All tenants by name (public portal, command line). */
export async function listTenants(db: Tx, order: 'name' | 'slug' = 'name'): Promise<TenantRow[]> {
  return db
    .select()
    .from(tenants)
    .orderBy(order === 'name' ? tenants.name : tenants.slug);
}

export async function listTenantsWithMemberCount(db: Tx) {
  return db
    .select({
      t: tenants,
      // oxlint-disable-next-line dkbm/tenant-scope -- the platform administration counts members of every tenant
      memberCount: sql<number>`(select count(*)::int from memberships m where m.tenant_id = ${tenants.id})`,
    })
    .from(tenants)
    .orderBy(tenants.name);
}

export async function insertTenant(db: Tx, input: TenantCreate & { isDemo?: boolean }): Promise<TenantRow> {
  const [row] = await db
    .insert(tenants)
    .values({
      slug: input.slug,
      name: input.name,
      type: input.type,
      ags: input.ags ?? null,
      color: input.color ?? null,
      isDemo: input.isDemo ?? false,
    })
    .returning();
  return row!;
}

export async function updateTenantRow(db: Tx, id: string, patch: TenantUpdate): Promise<TenantRow | null> {
  return (await db.update(tenants).set(patch).where(eq(tenants.id, id)).returning())[0] ?? null;
}

/** Regional agencies other than `exceptId`, by name (consent to share a self-assessment). */
export async function listAgencies(db: Tx, exceptId: string) {
  return db
    .select({ id: tenants.id, name: tenants.name })
    .from(tenants)
    .where(sql`${tenants.type} = 'regionale_agentur' AND ${tenants.id} <> ${exceptId}`)
    .orderBy(tenants.name);
}

/** Whether the tenant is a regional agency. */
export async function isAgency(db: Tx, id: string): Promise<boolean> {
  const r = await db
    .select({ id: tenants.id })
    .from(tenants)
    .where(sql`${tenants.id} = ${id} AND ${tenants.type} = 'regionale_agentur'`)
    .limit(1);
  return !!r[0];
}

/** Every account with the number of its tenants. */
export async function listAccounts(db: Tx) {
  return db
    .select({
      id: users.id,
      email: users.email,
      displayName: users.displayName,
      isPlatformAdmin: users.isPlatformAdmin,
      active: users.active,
      // oxlint-disable-next-line dkbm/tenant-scope -- the platform administration counts an account's tenants
      tenantCount: sql<number>`(select count(*)::int from memberships m where m.user_id = ${users.id})`,
    })
    .from(users)
    .orderBy(users.displayName);
}
