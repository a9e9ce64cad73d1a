import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import {
  steeringDecisionDocuments,
  steeringDecisionOutcomes,
  steeringDecisions,
  steeringMeasureGoals,
  steeringMeasureNotes,
  steeringMeasures,
  steeringMilestones,
  steeringRecommendationBodies,
  steeringRecommendations,
  users,
} from '../../platform/db/schema';
import type { TenantScope } from '../../platform/tenancy/scope';

/* Recommendations, decisions with their outcomes, measures with milestones. */

export type RecommendationRow = typeof steeringRecommendations.$inferSelect;
export type DecisionRow = typeof steeringDecisions.$inferSelect;
export type MeasureRow = typeof steeringMeasures.$inferSelect;
type Insert<T extends { $inferInsert: object }> = Omit<T['$inferInsert'], 'tenantId' | 'id'>;

export async function recommendationRows(s: TenantScope): Promise<RecommendationRow[]> {
  return s
    .select()
    .from(steeringRecommendations)
    .where(s.owns(steeringRecommendations))
    .orderBy(asc(steeringRecommendations.createdAt), asc(steeringRecommendations.title));
}

export async function findRecommendation(s: TenantScope, id: string): Promise<RecommendationRow | null> {
  const r = await s
    .select()
    .from(steeringRecommendations)
    .where(s.owns(steeringRecommendations, eq(steeringRecommendations.id, id)))
    .limit(1);
  return r[0] ?? null;
}

export async function insertRecommendation(s: TenantScope, v: Insert<typeof steeringRecommendations>) {
  const [row] = await s
    .insert(steeringRecommendations)
    .values(s.withTenant(v))
    .returning({ id: steeringRecommendations.id });
  return row!.id;
}

export async function updateRecommendationRow(
  s: TenantScope,
  id: string,
  v: Partial<Insert<typeof steeringRecommendations>>,
) {
  await s
    .update(steeringRecommendations)
    .set({ ...v, updatedAt: sql`now()` })
    .where(s.owns(steeringRecommendations, eq(steeringRecommendations.id, id)));
}

export async function deleteRecommendationRow(s: TenantScope, id: string) {
  await s
    .delete(steeringRecommendations)
    .where(s.owns(steeringRecommendations, eq(steeringRecommendations.id, id)));
}

export async function decisionRows(s: TenantScope): Promise<DecisionRow[]> {
  return s
    .select()
    .from(steeringDecisions)
    .where(s.owns(steeringDecisions))
    .orderBy(desc(steeringDecisions.decidedOn), desc(steeringDecisions.createdAt));
}

export async function outcomeRows(s: TenantScope) {
  return s
    .select({
      decisionId: steeringDecisionOutcomes.decisionId,
      recommendationId: steeringDecisionOutcomes.recommendationId,
      outcome: steeringDecisionOutcomes.outcome,
    })
    .from(steeringDecisionOutcomes)
    .where(s.owns(steeringDecisionOutcomes));
}

export async function insertDecision(
  s: TenantScope,
  v: Insert<typeof steeringDecisions>,
  outcomes: ReadonlyArray<{ recommendationId: string; outcome: string }>,
): Promise<string> {
  const [row] = await s
    .insert(steeringDecisions)
    .values(s.withTenant(v))
    .returning({ id: steeringDecisions.id });
  if (outcomes.length)
    await s
      .insert(steeringDecisionOutcomes)
      .values(s.withTenant(outcomes.map((o) => ({ ...o, decisionId: row!.id }))));
  return row!.id;
}

export async function deleteDecisionRow(s: TenantScope, id: string) {
  await s.delete(steeringDecisions).where(s.owns(steeringDecisions, eq(steeringDecisions.id, id)));
}

export async function findDecision(s: TenantScope, id: string): Promise<DecisionRow | null> {
  const r = await s
    .select()
    .from(steeringDecisions)
    .where(s.owns(steeringDecisions, eq(steeringDecisions.id, id)))
    .limit(1);
  return r[0] ?? null;
}

export async function measureRows(s: TenantScope): Promise<MeasureRow[]> {
  return s
    .select()
    .from(steeringMeasures)
    .where(s.owns(steeringMeasures))
    .orderBy(asc(steeringMeasures.startOn), asc(steeringMeasures.title));
}

export async function findMeasure(s: TenantScope, id: string): Promise<MeasureRow | null> {
  const r = await s
    .select()
    .from(steeringMeasures)
    .where(s.owns(steeringMeasures, eq(steeringMeasures.id, id)))
    .limit(1);
  return r[0] ?? null;
}

export async function insertMeasure(s: TenantScope, v: Insert<typeof steeringMeasures>): Promise<string> {
  const [row] = await s
    .insert(steeringMeasures)
    .values(s.withTenant(v))
    .returning({ id: steeringMeasures.id });
  return row!.id;
}

export async function updateMeasureRow(
  s: TenantScope,
  id: string,
  v: Partial<Insert<typeof steeringMeasures>>,
) {
  await s
    .update(steeringMeasures)
    .set({ ...v, updatedAt: sql`now()` })
    .where(s.owns(steeringMeasures, eq(steeringMeasures.id, id)));
}

export async function deleteMeasureRow(s: TenantScope, id: string) {
  await s.delete(steeringMeasures).where(s.owns(steeringMeasures, eq(steeringMeasures.id, id)));
}

export async function milestoneRows(s: TenantScope, measureIds?: readonly string[]) {
  if (measureIds && !measureIds.length) return [];
  return s
    .select()
    .from(steeringMilestones)
    .where(
      s.owns(
        steeringMilestones,
        measureIds ? inArray(steeringMilestones.measureId, [...measureIds]) : undefined,
      ),
    )
    .orderBy(asc(steeringMilestones.dueOn));
}

/** Replace the milestones of a measure. */
export async function replaceMilestones(
  s: TenantScope,
  measureId: string,
  list: ReadonlyArray<{ title: string; dueOn: string; doneOn?: string | null | undefined }>,
) {
  await s
    .delete(steeringMilestones)
    .where(s.owns(steeringMilestones, eq(steeringMilestones.measureId, measureId)));
  if (list.length)
    await s
      .insert(steeringMilestones)
      .values(
        s.withTenant(
          list.map((m) => ({ measureId, title: m.title, dueOn: m.dueOn, doneOn: m.doneOn ?? null })),
        ),
      );
}

export async function decisionDocumentRows(s: TenantScope) {
  return s
    .select({
      decisionId: steeringDecisionDocuments.decisionId,
      name: steeringDecisionDocuments.name,
      size: steeringDecisionDocuments.size,
      createdAt: steeringDecisionDocuments.createdAt,
    })
    .from(steeringDecisionDocuments)
    .where(s.owns(steeringDecisionDocuments));
}

export async function findDecisionDocument(s: TenantScope, decisionId: string) {
  const r = await s
    .select()
    .from(steeringDecisionDocuments)
    .where(s.owns(steeringDecisionDocuments, eq(steeringDecisionDocuments.decisionId, decisionId)))
    .limit(1);
  return r[0] ?? null;
}

export async function upsertDecisionDocument(
  s: TenantScope,
  v: { decisionId: string; name: string; size: number; content: string; uploadedBy: string | null },
) {
  await s
    .insert(steeringDecisionDocuments)
    .values(s.withTenant(v))
    .onConflictDoUpdate({
      target: steeringDecisionDocuments.decisionId,
      set: {
        name: v.name,
        size: v.size,
        content: v.content,
        uploadedBy: v.uploadedBy,
        createdAt: sql`now()`,
      },
    });
}

export async function deleteDecisionDocumentRow(s: TenantScope, decisionId: string) {
  await s
    .delete(steeringDecisionDocuments)
    .where(s.owns(steeringDecisionDocuments, eq(steeringDecisionDocuments.decisionId, decisionId)));
}

export async function measureGoalRows(s: TenantScope) {
  return s
    .select({ measureId: steeringMeasureGoals.measureId, goalId: steeringMeasureGoals.goalId })
    .from(steeringMeasureGoals)
    .where(s.owns(steeringMeasureGoals));
}

/** Replace the goals a measure serves. */
export async function replaceMeasureGoals(s: TenantScope, measureId: string, goalIds: readonly string[]) {
  await s
    .delete(steeringMeasureGoals)
    .where(s.owns(steeringMeasureGoals, eq(steeringMeasureGoals.measureId, measureId)));
  if (goalIds.length)
    await s
      .insert(steeringMeasureGoals)
      .values(s.withTenant([...new Set(goalIds)].map((goalId) => ({ measureId, goalId }))));
}

/** Progress notes of all measures, newest first. */
export async function measureNoteRows(s: TenantScope) {
  return s
    .select({
      id: steeringMeasureNotes.id,
      measureId: steeringMeasureNotes.measureId,
      notedOn: steeringMeasureNotes.notedOn,
      text: steeringMeasureNotes.text,
      user: users.displayName,
      createdAt: steeringMeasureNotes.createdAt,
    })
    .from(steeringMeasureNotes)
    .leftJoin(users, eq(users.id, steeringMeasureNotes.userId))
    .where(s.owns(steeringMeasureNotes))
    .orderBy(desc(steeringMeasureNotes.notedOn), desc(steeringMeasureNotes.createdAt));
}

export async function insertMeasureNote(
  s: TenantScope,
  v: { measureId: string; notedOn: string; text: string; userId: string | null },
): Promise<string> {
  const [row] = await s
    .insert(steeringMeasureNotes)
    .values(s.withTenant(v))
    .returning({ id: steeringMeasureNotes.id });
  return row!.id;
}

export async function deleteMeasureNoteRow(s: TenantScope, measureId: string, noteId: string) {
  const r = await s
    .delete(steeringMeasureNotes)
    .where(
      s.owns(
        steeringMeasureNotes,
        and(eq(steeringMeasureNotes.measureId, measureId), eq(steeringMeasureNotes.id, noteId)),
      ),
    )
    .returning({ id: steeringMeasureNotes.id });
  return r.length > 0;
}

export async function recommendationBodyRows(s: TenantScope) {
  return s
    .select({
      recommendationId: steeringRecommendationBodies.recommendationId,
      bodyId: steeringRecommendationBodies.bodyId,
    })
    .from(steeringRecommendationBodies)
    .where(s.owns(steeringRecommendationBodies));
}

/** Replace the bodies a recommendation is addressed to. */
export async function replaceRecommendationBodies(
  s: TenantScope,
  recommendationId: string,
  bodyIds: readonly string[],
) {
  await s
    .delete(steeringRecommendationBodies)
    .where(
      s.owns(
        steeringRecommendationBodies,
        eq(steeringRecommendationBodies.recommendationId, recommendationId),
      ),
    );
  if (bodyIds.length)
    await s
      .insert(steeringRecommendationBodies)
      .values(s.withTenant([...new Set(bodyIds)].map((bodyId) => ({ recommendationId, bodyId }))));
}
