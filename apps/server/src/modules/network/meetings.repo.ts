import { asc, desc, eq, inArray, max } from 'drizzle-orm';
import {
  networkAgendaItems,
  networkAttendance,
  networkBodies,
  networkDecisions,
  networkMeetings,
} from '../../platform/db/schema';
import type { TenantScope } from '../../platform/tenancy/scope';

/* Meetings of bodies: agenda items with minutes and embedded indicators, attendance, decisions. */

export type MeetingRow = typeof networkMeetings.$inferSelect;
export type AgendaItemRow = typeof networkAgendaItems.$inferSelect;
export type DecisionRow = typeof networkDecisions.$inferSelect;
type Insert<T extends { $inferInsert: unknown }> = Omit<T['$inferInsert'], 'tenantId' | 'id'>;

/** Meetings (all, or of one body) with the body's name, latest first. */
export async function meetingRows(s: TenantScope, bodyId?: string) {
  return s
    .select({ m: networkMeetings, bodyName: networkBodies.name })
    .from(networkMeetings)
    .innerJoin(networkBodies, s.owns(networkBodies, eq(networkBodies.id, networkMeetings.bodyId)))
    .where(s.owns(networkMeetings, bodyId ? eq(networkMeetings.bodyId, bodyId) : undefined))
    .orderBy(desc(networkMeetings.startsAt));
}

export async function findMeeting(s: TenantScope, id: string) {
  const r = await s
    .select({ m: networkMeetings, bodyName: networkBodies.name })
    .from(networkMeetings)
    .innerJoin(networkBodies, s.owns(networkBodies, eq(networkBodies.id, networkMeetings.bodyId)))
    .where(s.owns(networkMeetings, eq(networkMeetings.id, id)))
    .limit(1);
  return r[0] ?? null;
}

export async function insertMeeting(s: TenantScope, v: Insert<typeof networkMeetings>): Promise<string> {
  const [r] = await s.insert(networkMeetings).values(s.withTenant(v)).returning({ id: networkMeetings.id });
  return r!.id;
}

export async function updateMeetingRow(
  s: TenantScope,
  id: string,
  v: Partial<Insert<typeof networkMeetings>>,
): Promise<void> {
  await s
    .update(networkMeetings)
    .set(v)
    .where(s.owns(networkMeetings, eq(networkMeetings.id, id)));
}

export async function agendaOf(s: TenantScope, meetingId: string): Promise<AgendaItemRow[]> {
  return s
    .select()
    .from(networkAgendaItems)
    .where(s.owns(networkAgendaItems, eq(networkAgendaItems.meetingId, meetingId)))
    .orderBy(asc(networkAgendaItems.position));
}

export async function findAgendaItem(s: TenantScope, meetingId: string, id: string) {
  const r = await s
    .select()
    .from(networkAgendaItems)
    .where(
      s.owns(networkAgendaItems, eq(networkAgendaItems.id, id), eq(networkAgendaItems.meetingId, meetingId)),
    )
    .limit(1);
  return r[0] ?? null;
}

export async function nextPosition(s: TenantScope, meetingId: string): Promise<number> {
  const [r] = await s
    .select({ p: max(networkAgendaItems.position) })
    .from(networkAgendaItems)
    .where(s.owns(networkAgendaItems, eq(networkAgendaItems.meetingId, meetingId)));
  return (r?.p ?? 0) + 1;
}

export async function insertAgendaItem(
  s: TenantScope,
  v: Insert<typeof networkAgendaItems>,
): Promise<string> {
  const [r] = await s
    .insert(networkAgendaItems)
    .values(s.withTenant(v))
    .returning({ id: networkAgendaItems.id });
  return r!.id;
}

export async function updateAgendaItemRow(
  s: TenantScope,
  id: string,
  v: Partial<Insert<typeof networkAgendaItems>>,
): Promise<void> {
  await s
    .update(networkAgendaItems)
    .set(v)
    .where(s.owns(networkAgendaItems, eq(networkAgendaItems.id, id)));
}

export async function attendanceOf(s: TenantScope, meetingId: string): Promise<string[]> {
  const r = await s
    .select({ actorId: networkAttendance.actorId })
    .from(networkAttendance)
    .where(s.owns(networkAttendance, eq(networkAttendance.meetingId, meetingId)));
  return r.map((x) => x.actorId);
}

export async function replaceAttendance(
  s: TenantScope,
  meetingId: string,
  actorIds: string[],
): Promise<void> {
  await s
    .delete(networkAttendance)
    .where(s.owns(networkAttendance, eq(networkAttendance.meetingId, meetingId)));
  if (actorIds.length) {
    await s
      .insert(networkAttendance)
      .values(s.withTenant(actorIds.map((actorId) => ({ meetingId, actorId }))));
  }
}

export async function decisionsOfMeeting(s: TenantScope, meetingId: string): Promise<DecisionRow[]> {
  return s
    .select()
    .from(networkDecisions)
    .where(s.owns(networkDecisions, eq(networkDecisions.meetingId, meetingId)))
    .orderBy(asc(networkDecisions.createdAt));
}

export async function insertDecision(s: TenantScope, v: Insert<typeof networkDecisions>): Promise<string> {
  const [r] = await s.insert(networkDecisions).values(s.withTenant(v)).returning({ id: networkDecisions.id });
  return r!.id;
}

export async function findDecision(s: TenantScope, id: string): Promise<DecisionRow | null> {
  const r = await s
    .select()
    .from(networkDecisions)
    .where(s.owns(networkDecisions, eq(networkDecisions.id, id)))
    .limit(1);
  return r[0] ?? null;
}

export async function setDecisionRecommendation(
  s: TenantScope,
  id: string,
  recommendationId: string | null,
): Promise<void> {
  await s
    .update(networkDecisions)
    .set({ recommendationId })
    .where(s.owns(networkDecisions, eq(networkDecisions.id, id)));
}

/** Every decision of the tenant's bodies, with its meeting and body, latest meeting first. */
export async function decisionRowsWithMeeting(s: TenantScope) {
  return s
    .select({ d: networkDecisions, m: networkMeetings, bodyName: networkBodies.name })
    .from(networkDecisions)
    .innerJoin(networkMeetings, s.owns(networkMeetings, eq(networkMeetings.id, networkDecisions.meetingId)))
    .innerJoin(networkBodies, s.owns(networkBodies, eq(networkBodies.id, networkMeetings.bodyId)))
    .where(s.owns(networkDecisions))
    .orderBy(desc(networkMeetings.startsAt));
}

/** Decisions linked to any of the recommendations, with their meeting and body. */
export async function decisionsOfRecommendations(s: TenantScope, recommendationIds: string[]) {
  if (!recommendationIds.length) return [];
  return s
    .select({ d: networkDecisions, m: networkMeetings, bodyName: networkBodies.name })
    .from(networkDecisions)
    .innerJoin(networkMeetings, s.owns(networkMeetings, eq(networkMeetings.id, networkDecisions.meetingId)))
    .innerJoin(networkBodies, s.owns(networkBodies, eq(networkBodies.id, networkMeetings.bodyId)))
    .where(s.owns(networkDecisions, inArray(networkDecisions.recommendationId, recommendationIds)))
    .orderBy(desc(networkMeetings.startsAt));
}
