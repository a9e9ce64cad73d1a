import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import {
  networkConferenceFeedback,
  networkConferences,
  networkRegistrations,
  networkWorkshops,
  tenants,
} from '../../platform/db/schema';
import type { Tx } from '../../platform/db/client';
import type { TenantScope } from '../../platform/tenancy/scope';

/* Bildungskonferenz: conferences, workshops, registrations (personal data) and anonymous feedback. */

export type ConferenceRow = typeof networkConferences.$inferSelect;
export type WorkshopRow = typeof networkWorkshops.$inferSelect;
export type RegistrationRow = typeof networkRegistrations.$inferSelect;
type ConferenceInsert = Omit<typeof networkConferences.$inferInsert, 'tenantId' | 'id'>;
type RegistrationInsert = Omit<typeof networkRegistrations.$inferInsert, 'tenantId' | 'id'>;

export async function conferenceRows(s: TenantScope, id?: string): Promise<ConferenceRow[]> {
  return s
    .select()
    .from(networkConferences)
    .where(s.owns(networkConferences, id ? eq(networkConferences.id, id) : undefined))
    .orderBy(asc(networkConferences.startsAt));
}

export async function conferenceBySlug(s: TenantScope, slug: string): Promise<ConferenceRow | null> {
  const [r] = await s
    .select()
    .from(networkConferences)
    .where(s.owns(networkConferences, eq(networkConferences.slug, slug)));
  return r ?? null;
}

/** Locks the conference row for the rest of the transaction (registrations and move-ups are serial). */
export async function lockConference(s: TenantScope, id: string): Promise<void> {
  await s
    .select({ id: networkConferences.id })
    .from(networkConferences)
    .where(s.owns(networkConferences, eq(networkConferences.id, id)))
    .for('update');
}

export async function insertConference(s: TenantScope, v: ConferenceInsert): Promise<string> {
  const [r] = await s
    .insert(networkConferences)
    .values(s.withTenant(v))
    .returning({ id: networkConferences.id });
  return r!.id;
}

export async function updateConferenceRow(
  s: TenantScope,
  id: string,
  v: Partial<ConferenceInsert>,
): Promise<void> {
  await s
    .update(networkConferences)
    .set(v)
    .where(s.owns(networkConferences, eq(networkConferences.id, id)));
}

export async function insertWorkshop(
  s: TenantScope,
  v: { conferenceId: string; position: number; title: string; capacity: number },
): Promise<string> {
  const [r] = await s.insert(networkWorkshops).values(s.withTenant(v)).returning({ id: networkWorkshops.id });
  return r!.id;
}

export async function workshopRows(s: TenantScope, conferenceIds: string[]): Promise<WorkshopRow[]> {
  if (!conferenceIds.length) return [];
  return s
    .select()
    .from(networkWorkshops)
    .where(s.owns(networkWorkshops, inArray(networkWorkshops.conferenceId, conferenceIds)))
    .orderBy(asc(networkWorkshops.position));
}

export async function registrationRows(s: TenantScope, conferenceIds: string[]): Promise<RegistrationRow[]> {
  if (!conferenceIds.length) return [];
  return s
    .select()
    .from(networkRegistrations)
    .where(s.owns(networkRegistrations, inArray(networkRegistrations.conferenceId, conferenceIds)))
    .orderBy(asc(networkRegistrations.createdAt), asc(networkRegistrations.id));
}

export async function registrationRow(s: TenantScope, id: string): Promise<RegistrationRow | null> {
  const [r] = await s
    .select()
    .from(networkRegistrations)
    .where(s.owns(networkRegistrations, eq(networkRegistrations.id, id)));
  return r ?? null;
}

export async function insertRegistration(s: TenantScope, v: RegistrationInsert): Promise<string> {
  const [r] = await s
    .insert(networkRegistrations)
    .values(s.withTenant(v))
    .returning({ id: networkRegistrations.id });
  return r!.id;
}

export async function updateRegistrationRow(
  s: TenantScope,
  id: string,
  v: Partial<RegistrationInsert>,
): Promise<void> {
  await s
    .update(networkRegistrations)
    .set(v)
    .where(s.owns(networkRegistrations, eq(networkRegistrations.id, id)));
}

/** Erases the personal data of all registrations of a conference (retention period over). */
export async function eraseRegistrations(s: TenantScope, conferenceId: string): Promise<number> {
  const rows = await s
    .update(networkRegistrations)
    .set({ name: 'gelöscht', email: 'gelöscht', organisation: null })
    .where(s.owns(networkRegistrations, eq(networkRegistrations.conferenceId, conferenceId)))
    .returning({ id: networkRegistrations.id });
  return rows.length;
}

/** Conferences whose participant data are due for erasure (end + retention days before `now`). */
export async function conferencesDueForPurge(s: TenantScope, now: string): Promise<ConferenceRow[]> {
  return s
    .select()
    .from(networkConferences)
    .where(
      s.owns(
        networkConferences,
        isNull(networkConferences.purgedAt),
        sql`${networkConferences.endsAt} + make_interval(days => ${networkConferences.retentionDays}) < ${now}::timestamptz`,
      ),
    );
}

export async function insertFeedback(
  s: TenantScope,
  v: { conferenceId: string; rating: number; comment: string | null },
): Promise<void> {
  await s.insert(networkConferenceFeedback).values(s.withTenant(v));
}

export async function feedbackRows(s: TenantScope, conferenceIds: string[]) {
  if (!conferenceIds.length) return [];
  return s
    .select()
    .from(networkConferenceFeedback)
    .where(s.owns(networkConferenceFeedback, inArray(networkConferenceFeedback.conferenceId, conferenceIds)))
    .orderBy(asc(networkConferenceFeedback.createdAt));
}

/** The registration of a personal link (token hash), with its tenant: the link says whose it is. */
export async function registrationByToken(
  db: Tx,
  tokenHash: string,
): Promise<{ registration: RegistrationRow; tenantId: string; tenantSlug: string } | null> {
  const [r] = await db
    .select({ reg: networkRegistrations, tenantSlug: tenants.slug })
    // oxlint-disable-next-line dkbm/tenant-scope -- the link's token says whose registration it is
    .from(networkRegistrations)
    .innerJoin(tenants, eq(tenants.id, networkRegistrations.tenantId))
    .where(and(eq(networkRegistrations.tokenHash, tokenHash)))
    .limit(1);
  return r ? { registration: r.reg, tenantId: r.reg.tenantId, tenantSlug: r.tenantSlug } : null;
}
