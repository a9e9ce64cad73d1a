import { asc, desc, eq, inArray, sql } from 'drizzle-orm';
import {
  steeringGoals,
  steeringHistory,
  steeringMissionStatements,
  steeringTargets,
  users,
} from '../../platform/db/schema';
import type { TenantScope } from '../../platform/tenancy/scope';

/* Leitbild versions, goals, targets and the history of steering objects. */

export type GoalRow = typeof steeringGoals.$inferSelect;
export type TargetRow = typeof steeringTargets.$inferSelect;
type Insert<T extends { $inferInsert: object }> = Omit<T['$inferInsert'], 'tenantId' | 'id'>;

export async function missionStatementRows(s: TenantScope) {
  return s
    .select()
    .from(steeringMissionStatements)
    .where(s.owns(steeringMissionStatements))
    .orderBy(desc(steeringMissionStatements.version));
}

export async function missionStatementExists(s: TenantScope, id: string): Promise<boolean> {
  const r = await s
    .select({ id: steeringMissionStatements.id })
    .from(steeringMissionStatements)
    .where(s.owns(steeringMissionStatements, eq(steeringMissionStatements.id, id)))
    .limit(1);
  return !!r[0];
}

export async function insertMissionStatement(s: TenantScope, text: string, userId: string | null) {
  const [row] = await s
    .insert(steeringMissionStatements)
    .values(
      s.withTenant({
        text,
        createdBy: userId,
        version: sql<number>`(SELECT coalesce(max(version), 0) + 1 FROM steering_mission_statements
                              WHERE tenant_id = ${s.tenantId})`,
      }),
    )
    .returning({ id: steeringMissionStatements.id });
  return row!.id;
}

export async function goalRows(s: TenantScope, ids?: readonly string[]): Promise<GoalRow[]> {
  if (ids && !ids.length) return [];
  return s
    .select()
    .from(steeringGoals)
    .where(s.owns(steeringGoals, ids ? inArray(steeringGoals.id, [...ids]) : undefined))
    .orderBy(asc(steeringGoals.createdAt), asc(steeringGoals.title));
}

export async function findGoal(s: TenantScope, id: string): Promise<GoalRow | null> {
  const r = await s
    .select()
    .from(steeringGoals)
    .where(s.owns(steeringGoals, eq(steeringGoals.id, id)))
    .limit(1);
  return r[0] ?? null;
}

export async function insertGoal(s: TenantScope, v: Insert<typeof steeringGoals>): Promise<string> {
  const [row] = await s.insert(steeringGoals).values(s.withTenant(v)).returning({ id: steeringGoals.id });
  return row!.id;
}

export async function updateGoalRow(s: TenantScope, id: string, v: Partial<Insert<typeof steeringGoals>>) {
  await s
    .update(steeringGoals)
    .set({ ...v, updatedAt: sql`now()` })
    .where(s.owns(steeringGoals, eq(steeringGoals.id, id)));
}

export async function deleteGoalRow(s: TenantScope, id: string) {
  // Operational goals of a deleted strategic goal go with it.
  await s.delete(steeringGoals).where(s.owns(steeringGoals, eq(steeringGoals.parentId, id)));
  await s.delete(steeringGoals).where(s.owns(steeringGoals, eq(steeringGoals.id, id)));
}

export async function targetRows(s: TenantScope, goalIds?: readonly string[]): Promise<TargetRow[]> {
  if (goalIds && !goalIds.length) return [];
  return s
    .select()
    .from(steeringTargets)
    .where(s.owns(steeringTargets, goalIds ? inArray(steeringTargets.goalId, [...goalIds]) : undefined))
    .orderBy(asc(steeringTargets.createdAt));
}

export async function findTarget(s: TenantScope, id: string): Promise<TargetRow | null> {
  const r = await s
    .select()
    .from(steeringTargets)
    .where(s.owns(steeringTargets, eq(steeringTargets.id, id)))
    .limit(1);
  return r[0] ?? null;
}

export async function insertTarget(s: TenantScope, v: Insert<typeof steeringTargets>): Promise<string> {
  const [row] = await s.insert(steeringTargets).values(s.withTenant(v)).returning({ id: steeringTargets.id });
  return row!.id;
}

export async function deleteTargetRow(s: TenantScope, id: string) {
  await s.delete(steeringTargets).where(s.owns(steeringTargets, eq(steeringTargets.id, id)));
}

export async function insertHistory(
  s: TenantScope,
  v: { objectKind: string; objectId: string; userId: string | null; action: string; summary: string },
) {
  await s.insert(steeringHistory).values(s.withTenant(v));
}

export async function historyRows(s: TenantScope, objectIds: readonly string[]) {
  if (!objectIds.length) return [];
  return s
    .select({
      at: steeringHistory.at,
      user: users.displayName,
      action: steeringHistory.action,
      summary: steeringHistory.summary,
    })
    .from(steeringHistory)
    .leftJoin(users, eq(users.id, steeringHistory.userId))
    .where(s.owns(steeringHistory, inArray(steeringHistory.objectId, [...objectIds])))
    .orderBy(desc(steeringHistory.at))
    .limit(100);
}
