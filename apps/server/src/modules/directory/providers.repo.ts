import { asc, desc, eq, isNotNull, lte, or, isNull, ne, sql } from 'drizzle-orm';
import {
  directoryEntries,
  directoryOutbox,
  directoryProviderAccounts,
  directoryProviders,
} from '../../platform/db/schema';
import type { TenantScope } from '../../platform/tenancy/scope';

export type ProviderRow = typeof directoryProviders.$inferSelect;
export type OutboxRow = typeof directoryOutbox.$inferSelect;
export type OutboxInsert = Omit<typeof directoryOutbox.$inferInsert, 'tenantId' | 'id' | 'createdAt'>;

export async function listProviderRows(s: TenantScope): Promise<Array<ProviderRow & { entries: number }>> {
  const r = await s
    .select({
      p: directoryProviders,
      entries: sql<number>`(SELECT count(*)::int FROM directory_entries e
        WHERE e.tenant_id = ${directoryProviders.tenantId} AND e.provider_id = ${directoryProviders.id})`,
    })
    .from(directoryProviders)
    .where(s.owns(directoryProviders))
    .orderBy(asc(directoryProviders.name));
  return r.map((x) => ({ ...x.p, entries: Number(x.entries) }));
}

export async function providerRowById(s: TenantScope, id: string): Promise<ProviderRow | null> {
  const r = await s
    .select()
    .from(directoryProviders)
    .where(s.owns(directoryProviders, eq(directoryProviders.id, id)))
    .limit(1);
  return r[0] ?? null;
}

export async function providerRowByName(s: TenantScope, name: string): Promise<ProviderRow | null> {
  const r = await s
    .select()
    .from(directoryProviders)
    .where(s.owns(directoryProviders, sql`lower(${directoryProviders.name}) = lower(${name})`))
    .limit(1);
  return r[0] ?? null;
}

export async function insertProvider(
  s: TenantScope,
  v: { name: string; contactEmail: string },
): Promise<ProviderRow> {
  const [r] = await s.insert(directoryProviders).values(s.withTenant(v)).returning();
  return r!;
}

export function listAccountRows(s: TenantScope) {
  return s.select().from(directoryProviderAccounts).where(s.owns(directoryProviderAccounts));
}

/** One provider per person: giving the person to another provider moves it. */
export async function upsertAccount(s: TenantScope, userId: string, providerId: string): Promise<void> {
  await s
    .insert(directoryProviderAccounts)
    .values(s.withTenant({ userId, providerId }))
    .onConflictDoUpdate({
      target: [directoryProviderAccounts.tenantId, directoryProviderAccounts.userId],
      set: { providerId },
    });
}

/** The provider a person acts for in this municipality, if any. */
export async function providerOfUser(s: TenantScope, userId: string): Promise<ProviderRow | null> {
  const r = await s
    .select({ p: directoryProviders })
    .from(directoryProviderAccounts)
    .innerJoin(
      directoryProviders,
      s.owns(directoryProviders, eq(directoryProviders.id, directoryProviderAccounts.providerId)),
    )
    .where(s.owns(directoryProviderAccounts, eq(directoryProviderAccounts.userId, userId)))
    .limit(1);
  return r[0]?.p ?? null;
}

export async function insertOutbox(s: TenantScope, rows: readonly OutboxInsert[]): Promise<void> {
  if (rows.length > 0) await s.insert(directoryOutbox).values(s.withTenant([...rows]));
}

export async function listOutbox(
  s: TenantScope,
  providerId?: string,
): Promise<Array<OutboxRow & { providerName: string | null }>> {
  const r = await s
    .select({ m: directoryOutbox, providerName: directoryProviders.name })
    .from(directoryOutbox)
    .leftJoin(
      directoryProviders,
      s.owns(directoryProviders, eq(directoryProviders.id, directoryOutbox.providerId)),
    )
    .where(s.owns(directoryOutbox, providerId ? eq(directoryOutbox.providerId, providerId) : undefined))
    .orderBy(desc(directoryOutbox.createdAt))
    .limit(200);
  return r.map((x) => ({ ...x.m, providerName: x.providerName }));
}

/**
 * Published entries of a provider whose „gültig bis“ is on or before `horizon` and whose provider was
 * not yet reminded of that date.
 */
export async function entriesDueForReminder(s: TenantScope, horizon: string) {
  return s
    .select({
      id: directoryEntries.id,
      name: directoryEntries.name,
      validUntil: directoryEntries.validUntil,
      providerId: directoryEntries.providerId,
    })
    .from(directoryEntries)
    .where(
      s.owns(
        directoryEntries,
        eq(directoryEntries.status, 'veroeffentlicht'),
        isNotNull(directoryEntries.providerId),
        isNotNull(directoryEntries.validUntil),
        lte(directoryEntries.validUntil, horizon),
        or(
          isNull(directoryEntries.remindedFor),
          ne(directoryEntries.remindedFor, directoryEntries.validUntil),
        ),
      ),
    )
    .orderBy(asc(directoryEntries.validUntil), asc(directoryEntries.name));
}

export async function markReminded(s: TenantScope, ids: readonly string[]): Promise<void> {
  for (const id of ids)
    await s
      .update(directoryEntries)
      .set({ remindedFor: sql`valid_until` as never })
      .where(s.owns(directoryEntries, eq(directoryEntries.id, id)));
}
