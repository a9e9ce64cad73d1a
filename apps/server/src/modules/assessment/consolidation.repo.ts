import { eq, sql } from 'drizzle-orm';
import { assessmentAgreements, assessmentGoals, users } from '../../platform/db/schema';
import type { TenantScope } from '../../platform/tenancy/scope';

/* Ratings of a round and the workshop's agreements (with the development goals they start). */

/** All answers of the round's active (not revoked) raters, with their names and files. */
export async function ratingRows(s: TenantScope, roundId: string) {
  const r = await s.rows<{
    participant_id: string;
    kind: string;
    label: string | null;
    display_name: string | null;
    rater_group: string;
    component_key: string;
    level: number | null;
    cannot_assess: boolean;
    comment: string | null;
    evidence_url: string | null;
    file_id: string | null;
    file_name: string | null;
    file_size: number | null;
    updated_at: string | null;
  }>(sql`SELECT a.participant_id, p.kind, p.label, u.display_name, p.rater_group, a.component_key,
               a.level, a.cannot_assess, a.comment, a.evidence_url, f.id AS file_id, f.name AS file_name,
               f.size AS file_size, a.updated_at::text AS updated_at
          FROM assessment_answers a
          JOIN assessment_participants p ON p.tenant_id = ${s.tenantId} AND p.id = a.participant_id AND p.revoked_at IS NULL
          LEFT JOIN users u ON u.id = p.user_id
          LEFT JOIN assessment_files f ON f.tenant_id = ${s.tenantId} AND f.id = a.evidence_file_id
         WHERE a.tenant_id = ${s.tenantId} AND a.round_id = ${roundId}
         ORDER BY p.created_at, p.id`);
  return r;
}

/** The agreed type per component, with who decided it. */
export async function agreementRows(s: TenantScope, roundId: string) {
  return s
    .select({ a: assessmentAgreements, by: users.displayName })
    .from(assessmentAgreements)
    .leftJoin(users, eq(users.id, assessmentAgreements.decidedBy))
    .where(s.owns(assessmentAgreements, eq(assessmentAgreements.roundId, roundId)));
}

/** Record the agreed type of a component and set its development goal (one step up). */
export async function upsertAgreement(
  s: TenantScope,
  key: { roundId: string; componentKey: string },
  agreement: { level: number; rationale: string; decidedBy: string },
  goal: { fromLevel: number; targetLevel: number; targetText: string },
): Promise<void> {
  await s
    .insert(assessmentAgreements)
    .values(s.withTenant({ ...key, ...agreement }))
    .onConflictDoUpdate({
      target: [assessmentAgreements.roundId, assessmentAgreements.componentKey],
      set: { ...agreement, decidedAt: sql`now()` as unknown as string },
    });
  await s
    .insert(assessmentGoals)
    .values(s.withTenant({ ...key, ...goal }))
    .onConflictDoUpdate({
      target: [assessmentGoals.roundId, assessmentGoals.componentKey],
      set: { ...goal, updatedAt: sql`now()` as unknown as string },
    });
}
