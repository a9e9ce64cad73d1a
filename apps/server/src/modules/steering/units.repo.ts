import { asc, eq, inArray } from 'drizzle-orm';
import {
  orgUnitMembers,
  orgUnits,
  steeringComments,
  steeringRecommendationGoals,
  steeringRecommendationUnits,
  users,
} from '../../platform/db/schema';
import type { TenantScope } from '../../platform/tenancy/scope';

/* Organisation units with their members, the units and goals of recommendations, comments. */

export async function unitRows(s: TenantScope) {
  return s.select().from(orgUnits).where(s.owns(orgUnits)).orderBy(asc(orgUnits.name));
}

export async function findUnit(s: TenantScope, id: string) {
  const r = await s
    .select()
    .from(orgUnits)
    .where(s.owns(orgUnits, eq(orgUnits.id, id)))
    .limit(1);
  return r[0] ?? null;
}

export async function findUnitByName(s: TenantScope, name: string) {
  const r = await s
    .select()
    .from(orgUnits)
    .where(s.owns(orgUnits, eq(orgUnits.name, name)))
    .limit(1);
  return r[0] ?? null;
}

export async function insertUnit(s: TenantScope, name: string): Promise<string> {
  const [row] = await s.insert(orgUnits).values(s.withTenant({ name })).returning({ id: orgUnits.id });
  return row!.id;
}

export async function deleteUnitRow(s: TenantScope, id: string) {
  await s.delete(orgUnits).where(s.owns(orgUnits, eq(orgUnits.id, id)));
}

export async function memberRows(s: TenantScope) {
  return s
    .select({ unitId: orgUnitMembers.unitId, userId: orgUnitMembers.userId, name: users.displayName })
    .from(orgUnitMembers)
    .innerJoin(users, eq(users.id, orgUnitMembers.userId))
    .where(s.owns(orgUnitMembers))
    .orderBy(asc(users.displayName));
}

export async function unitIdsOfUser(s: TenantScope, userId: string): Promise<string[]> {
  const r = await s
    .select({ unitId: orgUnitMembers.unitId })
    .from(orgUnitMembers)
    .where(s.owns(orgUnitMembers, eq(orgUnitMembers.userId, userId)));
  return r.map((x) => x.unitId);
}

export async function replaceMembers(s: TenantScope, unitId: string, userIds: readonly string[]) {
  await s.delete(orgUnitMembers).where(s.owns(orgUnitMembers, eq(orgUnitMembers.unitId, unitId)));
  if (userIds.length)
    await s.insert(orgUnitMembers).values(s.withTenant(userIds.map((userId) => ({ unitId, userId }))));
}

export async function recommendationUnitRows(s: TenantScope) {
  return s
    .select({
      recommendationId: steeringRecommendationUnits.recommendationId,
      id: orgUnits.id,
      name: orgUnits.name,
    })
    .from(steeringRecommendationUnits)
    .innerJoin(orgUnits, s.owns(orgUnits, eq(orgUnits.id, steeringRecommendationUnits.unitId)))
    .where(s.owns(steeringRecommendationUnits))
    .orderBy(asc(orgUnits.name));
}

export async function unitIdsOfRecommendation(s: TenantScope, recommendationId: string) {
  const r = await s
    .select({ unitId: steeringRecommendationUnits.unitId })
    .from(steeringRecommendationUnits)
    .where(
      s.owns(steeringRecommendationUnits, eq(steeringRecommendationUnits.recommendationId, recommendationId)),
    );
  return r.map((x) => x.unitId);
}

export async function replaceRecommendationUnits(
  s: TenantScope,
  recommendationId: string,
  unitIds: readonly string[],
) {
  await s
    .delete(steeringRecommendationUnits)
    .where(
      s.owns(steeringRecommendationUnits, eq(steeringRecommendationUnits.recommendationId, recommendationId)),
    );
  if (unitIds.length)
    await s
      .insert(steeringRecommendationUnits)
      .values(s.withTenant([...new Set(unitIds)].map((unitId) => ({ recommendationId, unitId }))));
}

export async function recommendationGoalRows(s: TenantScope) {
  return s
    .select({
      recommendationId: steeringRecommendationGoals.recommendationId,
      goalId: steeringRecommendationGoals.goalId,
    })
    .from(steeringRecommendationGoals)
    .where(s.owns(steeringRecommendationGoals));
}

export async function replaceRecommendationGoals(
  s: TenantScope,
  recommendationId: string,
  goalIds: readonly string[],
) {
  await s
    .delete(steeringRecommendationGoals)
    .where(
      s.owns(steeringRecommendationGoals, eq(steeringRecommendationGoals.recommendationId, recommendationId)),
    );
  if (goalIds.length)
    await s
      .insert(steeringRecommendationGoals)
      .values(s.withTenant([...new Set(goalIds)].map((goalId) => ({ recommendationId, goalId }))));
}

export async function commentRows(s: TenantScope, objectIds: readonly string[]) {
  if (!objectIds.length) return [];
  return s
    .select({
      id: steeringComments.id,
      objectId: steeringComments.objectId,
      user: users.displayName,
      text: steeringComments.text,
      createdAt: steeringComments.createdAt,
    })
    .from(steeringComments)
    .leftJoin(users, eq(users.id, steeringComments.userId))
    .where(s.owns(steeringComments, inArray(steeringComments.objectId, [...objectIds])))
    .orderBy(asc(steeringComments.createdAt));
}

export async function insertComment(
  s: TenantScope,
  v: { objectKind: string; objectId: string; userId: string | null; text: string },
): Promise<string> {
  const [row] = await s
    .insert(steeringComments)
    .values(s.withTenant(v))
    .returning({ id: steeringComments.id });
  return row!.id;
}
