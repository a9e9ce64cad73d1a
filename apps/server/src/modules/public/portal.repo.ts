import { sql } from 'drizzle-orm';
import { portalSettings } from '../../platform/db/schema';
import type { TenantScope } from '../../platform/tenancy/scope';

export type PortalSettingsRow = typeof portalSettings.$inferSelect;
export type PortalSettingsSet = Omit<typeof portalSettings.$inferInsert, 'tenantId' | 'updatedAt'>;

export async function portalSettingsRow(s: TenantScope): Promise<PortalSettingsRow | null> {
  const r = await s.select().from(portalSettings).where(s.owns(portalSettings)).limit(1);
  return r[0] ?? null;
}

export async function upsertPortalSettings(s: TenantScope, v: PortalSettingsSet): Promise<void> {
  await s
    .insert(portalSettings)
    .values(s.withTenant(v))
    .onConflictDoUpdate({ target: portalSettings.tenantId, set: { ...v, updatedAt: sql`now()` as never } });
}
