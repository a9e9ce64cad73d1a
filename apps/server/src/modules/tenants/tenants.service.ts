import { eq, sql } from 'drizzle-orm';
import type { Tenant, TenantCreate, TenantType, TenantUpdate } from '@dkbm/contract';
import type { Db, Tx } from '../../platform/db/client';
import { memberships, tenants, users } from '../../platform/db/schema';
import { conflict, notFound } from '../../platform/http/errors';

type TenantRow = typeof tenants.$inferSelect;
export const toTenant = (r: TenantRow): Tenant => ({ ...r, type: r.type as TenantType });

export async function getTenant(db: Db, id: string): Promise<Tenant> {
  const r = await db.select().from(tenants).where(eq(tenants.id, id)).limit(1);
  if (!r[0]) throw notFound('Die Kommune');
  return toTenant(r[0]);
}

export async function getTenantBySlug(db: Db, slug: string): Promise<Tenant | null> {
  const r = await db.select().from(tenants).where(eq(tenants.slug, slug)).limit(1);
  return r[0] ? toTenant(r[0]) : null;
}

export async function listAllTenants(db: Db): Promise<Array<Tenant & { memberCount: number }>> {
  const rows = await db
    .select({
      t: tenants,
      memberCount: sql<number>`(select count(*)::int from memberships m where m.tenant_id = ${tenants.id})`,
    })
    .from(tenants)
    .orderBy(tenants.name);
  return rows.map((r) => ({ ...toTenant(r.t), memberCount: r.memberCount }));
}

export async function createTenant(db: Tx, input: TenantCreate & { isDemo?: boolean }): Promise<Tenant> {
  const exists = await db
    .select({ id: tenants.id })
    .from(tenants)
    .where(eq(tenants.slug, input.slug))
    .limit(1);
  if (exists[0]) throw conflict(`Das Kürzel „${input.slug}“ ist bereits vergeben.`, { field: 'slug' });
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
  return toTenant(row!);
}

export async function updateTenant(db: Db, id: string, patch: TenantUpdate): Promise<Tenant> {
  const r = await db.update(tenants).set(patch).where(eq(tenants.id, id)).returning();
  if (!r[0]) throw notFound('Die Kommune');
  return toTenant(r[0]);
}

/** Platform admin: make an existing account a member (e.g. the first admin of a new tenant). */
export async function addMemberByEmail(db: Db, tenantId: string, email: string, role: string) {
  await getTenant(db, tenantId);
  const u = await db
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.email}) = ${email.toLowerCase()}`)
    .limit(1);
  if (!u[0]) throw notFound('Das Konto');
  await db
    .insert(memberships)
    .values({ tenantId, userId: u[0].id, role })
    .onConflictDoUpdate({ target: [memberships.tenantId, memberships.userId], set: { role, active: true } });
}
