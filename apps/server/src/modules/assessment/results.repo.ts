import { eq, sql } from 'drizzle-orm';
import { assessmentAgreements, assessmentGoals } from '../../platform/db/schema';
import type { TenantScope } from '../../platform/tenancy/scope';
import type { RoundRow } from './assessment.common';

/* What a round's results show: agreed profiles (also of earlier rounds) and the development goals. */

export type DevelopmentGoalRow = typeof assessmentGoals.$inferSelect;

/** Agreed type per component key of a round. */
export async function agreedProfile(s: TenantScope, roundId: string): Promise<Map<string, number>> {
  const r = await s
    .select({ key: assessmentAgreements.componentKey, level: assessmentAgreements.level })
    .from(assessmentAgreements)
    .where(s.owns(assessmentAgreements, eq(assessmentAgreements.roundId, roundId)));
  return new Map(r.map((x) => [x.key, x.level]));
}

/** Earlier closed rounds of the same instrument family with an agreed profile, newest first. */
export async function earlierRounds(s: TenantScope, round: RoundRow, family: string) {
  return s.rows<{ id: string; title: string; ends_on: string }>(
    sql`SELECT r.id, r.title, r.ends_on::text AS ends_on
          FROM assessment_rounds r
          JOIN assessment_instruments i ON i.id = r.instrument_id
         WHERE r.tenant_id = ${s.tenantId} AND r.id <> ${round.id} AND r.status = 'closed'
           AND i.family = ${family}
           AND (r.ends_on < ${round.endsOn} OR (r.ends_on = ${round.endsOn} AND r.created_at < ${round.createdAt}))
           AND EXISTS (SELECT 1 FROM assessment_agreements a WHERE a.tenant_id = ${s.tenantId} AND a.round_id = r.id)
         ORDER BY r.ends_on DESC, r.created_at DESC
         LIMIT 10`,
  );
}

export async function goalRows(s: TenantScope, roundId: string): Promise<DevelopmentGoalRow[]> {
  return s
    .select()
    .from(assessmentGoals)
    .where(s.owns(assessmentGoals, eq(assessmentGoals.roundId, roundId)));
}

export async function updateGoalRow(
  s: TenantScope,
  roundId: string,
  componentKey: string,
  set: Partial<Pick<DevelopmentGoalRow, 'plan' | 'owner' | 'dueOn' | 'status'>>,
): Promise<DevelopmentGoalRow | null> {
  const r = await s
    .update(assessmentGoals)
    .set({ ...set, updatedAt: sql`now()` as unknown as string })
    .where(
      s.owns(
        assessmentGoals,
        eq(assessmentGoals.roundId, roundId),
        eq(assessmentGoals.componentKey, componentKey),
      ),
    )
    .returning();
  return r[0] ?? null;
}
