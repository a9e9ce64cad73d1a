import { and, asc, eq, gt, isNull, lte, or, sql } from 'drizzle-orm';
import { networkActors, networkBodies, networkBodyMemberships } from '../../platform/db/schema';
import type { TenantScope } from '../../platform/tenancy/scope';

/* Actors, bodies and body memberships of the network module. */

export type ActorRow = typeof networkActors.$inferSelect;
export type BodyRow = typeof networkBodies.$inferSelect;
type Insert<T extends { $inferInsert: unknown }> = Omit<T['$inferInsert'], 'tenantId' | 'id'>;

/** A membership in force on `day` (ISO date): started, and not ended before that day. */
const inForce = (day: string) =>
  and(
    lte(networkBodyMemberships.validFrom, day),
    or(isNull(networkBodyMemberships.validTo), gt(networkBodyMemberships.validTo, day)),
  );

export async function listActorRows(s: TenantScope): Promise<ActorRow[]> {
  return s.select().from(networkActors).where(s.owns(networkActors)).orderBy(asc(networkActors.name));
}

export async function findActor(s: TenantScope, id: string): Promise<ActorRow | null> {
  const r = await s
    .select()
    .from(networkActors)
    .where(s.owns(networkActors, eq(networkActors.id, id)))
    .limit(1);
  return r[0] ?? null;
}

export async function insertActor(s: TenantScope, v: Insert<typeof networkActors>): Promise<string> {
  const [r] = await s.insert(networkActors).values(s.withTenant(v)).returning({ id: networkActors.id });
  return r!.id;
}

export async function updateActorRow(
  s: TenantScope,
  id: string,
  v: Partial<Insert<typeof networkActors>>,
): Promise<void> {
  await s
    .update(networkActors)
    .set(v)
    .where(s.owns(networkActors, eq(networkActors.id, id)));
}

/** Current bodies of every actor (memberships in force on `day`). */
export async function currentBodiesOfActors(s: TenantScope, day: string) {
  return s
    .select({ actorId: networkBodyMemberships.actorId, id: networkBodies.id, name: networkBodies.name })
    .from(networkBodyMemberships)
    .innerJoin(networkBodies, s.owns(networkBodies, eq(networkBodies.id, networkBodyMemberships.bodyId)))
    .where(s.owns(networkBodyMemberships, inForce(day)))
    .orderBy(asc(networkBodies.name));
}

export async function listBodyRows(s: TenantScope, day: string) {
  return s
    .select({
      b: networkBodies,
      chairName: networkActors.name,
      activeMembers: sql<number>`(SELECT count(*)::int FROM network_body_memberships m
                                   WHERE m.tenant_id = ${s.tenantId} AND m.body_id = ${networkBodies.id}
                                     AND m.valid_from <= ${day}
                                     AND (m.valid_to IS NULL OR m.valid_to > ${day}))`,
    })
    .from(networkBodies)
    .leftJoin(networkActors, s.owns(networkActors, eq(networkActors.id, networkBodies.chairActorId)))
    .where(s.owns(networkBodies))
    .orderBy(asc(networkBodies.name));
}

export async function findBody(s: TenantScope, id: string): Promise<BodyRow | null> {
  const r = await s
    .select()
    .from(networkBodies)
    .where(s.owns(networkBodies, eq(networkBodies.id, id)))
    .limit(1);
  return r[0] ?? null;
}

export async function insertBody(s: TenantScope, v: Insert<typeof networkBodies>): Promise<string> {
  const [r] = await s.insert(networkBodies).values(s.withTenant(v)).returning({ id: networkBodies.id });
  return r!.id;
}

export async function updateBodyRow(
  s: TenantScope,
  id: string,
  v: Partial<Insert<typeof networkBodies>>,
): Promise<void> {
  await s
    .update(networkBodies)
    .set(v)
    .where(s.owns(networkBodies, eq(networkBodies.id, id)));
}

export async function membershipsOfBody(s: TenantScope, bodyId: string) {
  return s
    .select({ m: networkBodyMemberships, actorName: networkActors.name })
    .from(networkBodyMemberships)
    .innerJoin(networkActors, s.owns(networkActors, eq(networkActors.id, networkBodyMemberships.actorId)))
    .where(s.owns(networkBodyMemberships, eq(networkBodyMemberships.bodyId, bodyId)))
    .orderBy(asc(networkActors.name), asc(networkBodyMemberships.validFrom));
}

/** Members in force on `day` (one row per actor). */
export async function activeMembersOn(s: TenantScope, bodyId: string, day: string) {
  return s
    .selectDistinct({ actorId: networkActors.id, actorName: networkActors.name })
    .from(networkBodyMemberships)
    .innerJoin(networkActors, s.owns(networkActors, eq(networkActors.id, networkBodyMemberships.actorId)))
    .where(s.owns(networkBodyMemberships, eq(networkBodyMemberships.bodyId, bodyId), inForce(day)))
    .orderBy(asc(networkActors.name));
}

export async function findMembership(s: TenantScope, bodyId: string, id: string) {
  const r = await s
    .select()
    .from(networkBodyMemberships)
    .where(
      s.owns(
        networkBodyMemberships,
        eq(networkBodyMemberships.id, id),
        eq(networkBodyMemberships.bodyId, bodyId),
      ),
    )
    .limit(1);
  return r[0] ?? null;
}

export async function insertMembership(
  s: TenantScope,
  v: Insert<typeof networkBodyMemberships>,
): Promise<string> {
  const [r] = await s
    .insert(networkBodyMemberships)
    .values(s.withTenant(v))
    .returning({ id: networkBodyMemberships.id });
  return r!.id;
}

export async function endMembershipRow(s: TenantScope, id: string, validTo: string): Promise<void> {
  await s
    .update(networkBodyMemberships)
    .set({ validTo })
    .where(s.owns(networkBodyMemberships, eq(networkBodyMemberships.id, id)));
}

/** Memberships in force on `day` with actor and body (for the cooperation map). */
export async function activeMembershipsOn(s: TenantScope, day: string) {
  return s
    .select({
      actorId: networkActors.id,
      actorName: networkActors.name,
      actorType: networkActors.actorType,
      topics: networkActors.topics,
      areaIds: networkActors.areaIds,
      bodyId: networkBodies.id,
      bodyName: networkBodies.name,
    })
    .from(networkBodyMemberships)
    .innerJoin(networkActors, s.owns(networkActors, eq(networkActors.id, networkBodyMemberships.actorId)))
    .innerJoin(networkBodies, s.owns(networkBodies, eq(networkBodies.id, networkBodyMemberships.bodyId)))
    .where(s.owns(networkBodyMemberships, inForce(day)))
    .orderBy(asc(networkActors.name));
}
