import { desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { assessmentInstruments, assessmentParticipants, assessmentRounds } from '../../platform/db/schema';
import type { TenantScope } from '../../platform/tenancy/scope';
import type { RoundRow } from './assessment.common';

/* Rounds of a self-assessment. */

export async function findRound(s: TenantScope, roundId: string): Promise<RoundRow | null> {
  const r = await s
    .select()
    .from(assessmentRounds)
    .where(s.owns(assessmentRounds, eq(assessmentRounds.id, roundId)))
    .limit(1);
  return r[0] ?? null;
}

/** Rounds (all, or those of `roundIds`) with their instrument and counts of raters and agreements. */
export async function roundsWithCounts(s: TenantScope, roundIds?: readonly string[]) {
  return s
    .select({
      r: assessmentRounds,
      version: assessmentInstruments.version,
      content: assessmentInstruments.content,
      participants: sql<number>`(SELECT count(*)::int FROM assessment_participants p
                                  WHERE p.tenant_id = ${s.tenantId} AND p.round_id = ${assessmentRounds.id}
                                    AND p.revoked_at IS NULL)`,
      submitted: sql<number>`(SELECT count(*)::int FROM assessment_participants p
                               WHERE p.tenant_id = ${s.tenantId} AND p.round_id = ${assessmentRounds.id}
                                 AND p.revoked_at IS NULL AND p.submitted_at IS NOT NULL)`,
      consolidated: sql<number>`(SELECT count(*)::int FROM assessment_agreements a
                                  WHERE a.tenant_id = ${s.tenantId} AND a.round_id = ${assessmentRounds.id})`,
    })
    .from(assessmentRounds)
    .innerJoin(
      assessmentInstruments,
      s.ownsOrShared(assessmentInstruments, eq(assessmentInstruments.id, assessmentRounds.instrumentId)),
    )
    .where(s.owns(assessmentRounds, roundIds ? inArray(assessmentRounds.id, [...roundIds]) : undefined))
    .orderBy(desc(assessmentRounds.endsOn), desc(assessmentRounds.createdAt));
}

export async function insertRound(
  s: TenantScope,
  values: Omit<typeof assessmentRounds.$inferInsert, 'tenantId' | 'id'>,
): Promise<string> {
  const [row] = await s
    .insert(assessmentRounds)
    .values(s.withTenant(values))
    .returning({ id: assessmentRounds.id });
  return row!.id;
}

/** Change a round only while it has the status it was read with (a concurrent close wins); false if not. */
export async function updateRoundRow(
  s: TenantScope,
  roundId: string,
  status: string,
  set: Partial<Omit<typeof assessmentRounds.$inferInsert, 'tenantId' | 'id'>> & {
    opened?: true;
    closed?: true;
  },
): Promise<boolean> {
  const { opened, closed, ...rest } = set;
  const r = await s
    .update(assessmentRounds)
    .set({
      ...rest,
      ...(opened ? { openedAt: sql`now()` as unknown as string } : {}),
      ...(closed ? { closedAt: sql`now()` as unknown as string } : {}),
    })
    .where(s.owns(assessmentRounds, eq(assessmentRounds.id, roundId), eq(assessmentRounds.status, status)))
    .returning({ id: assessmentRounds.id });
  return r.length === 1;
}

export async function deleteDraft(s: TenantScope, roundId: string): Promise<void> {
  await s
    .delete(assessmentRounds)
    .where(s.owns(assessmentRounds, eq(assessmentRounds.id, roundId), eq(assessmentRounds.status, 'draft')));
}

/** Ids of the rounds in which the user is an active rater. */
export async function roundIdsOfRater(s: TenantScope, userId: string): Promise<string[]> {
  const ids = await s
    .select({ id: assessmentParticipants.roundId })
    .from(assessmentParticipants)
    .where(
      s.owns(
        assessmentParticipants,
        eq(assessmentParticipants.userId, userId),
        isNull(assessmentParticipants.revokedAt),
      ),
    );
  return ids.map((i) => i.id);
}

/** Store the framework conditions unless the round is closed; false when it is. */
export async function storeFramework(s: TenantScope, roundId: string, framework: unknown): Promise<boolean> {
  const r = await s
    .update(assessmentRounds)
    .set({ framework })
    .where(
      s.owns(assessmentRounds, eq(assessmentRounds.id, roundId), sql`${assessmentRounds.status} <> 'closed'`),
    )
    .returning({ id: assessmentRounds.id });
  return r.length === 1;
}
