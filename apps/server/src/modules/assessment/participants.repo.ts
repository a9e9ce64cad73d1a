import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client';
import { assessmentParticipants, assessmentRounds, tenants } from '../../platform/db/schema';
import type { TenantScope } from '../../platform/tenancy/scope';
import type { ParticipantRow, RoundRow } from './assessment.common';

/* Raters of a round: people of the municipality and external people with a personal link. */

export interface ParticipantListRow {
  id: string;
  kind: string;
  user_id: string | null;
  label: string | null;
  display_name: string | null;
  rater_group: string;
  expires_at: string | null;
  revoked_at: string | null;
  submitted_at: string | null;
  last_saved_at: string | null;
  answered: number;
}

/** The raters of a round (or one of them) with their names and how many components they answered. */
export async function participantRows(s: TenantScope, roundId: string, participantId?: string) {
  return s.rows<ParticipantListRow>(
    sql`SELECT p.id, p.kind, p.user_id, p.label, u.display_name, p.rater_group,
               p.expires_at::text AS expires_at, p.revoked_at::text AS revoked_at,
               p.submitted_at::text AS submitted_at, p.last_saved_at::text AS last_saved_at,
               (SELECT count(*)::int FROM assessment_answers a
                 WHERE a.tenant_id = ${s.tenantId} AND a.participant_id = p.id
                   AND (a.level IS NOT NULL OR a.cannot_assess)) AS answered
          FROM assessment_participants p
          LEFT JOIN users u ON u.id = p.user_id
         WHERE p.tenant_id = ${s.tenantId} AND p.round_id = ${roundId}
           ${participantId ? sql`AND p.id = ${participantId}` : sql``}
         ORDER BY p.created_at, p.id`,
  );
}

/** Ids of the people invited to the round and not revoked. */
export async function invitedUserIds(s: TenantScope, roundId: string): Promise<Set<string>> {
  const r = await s
    .select({ userId: assessmentParticipants.userId })
    .from(assessmentParticipants)
    .where(
      s.owns(
        assessmentParticipants,
        eq(assessmentParticipants.roundId, roundId),
        isNull(assessmentParticipants.revokedAt),
      ),
    );
  return new Set(r.map((x) => x.userId).filter((x): x is string => !!x));
}

export async function findParticipant(
  s: TenantScope,
  roundId: string,
  where: { id: string } | { userId: string },
): Promise<ParticipantRow | null> {
  const r = await s
    .select()
    .from(assessmentParticipants)
    .where(
      s.owns(
        assessmentParticipants,
        eq(assessmentParticipants.roundId, roundId),
        'id' in where
          ? eq(assessmentParticipants.id, where.id)
          : eq(assessmentParticipants.userId, where.userId),
      ),
    )
    .limit(1);
  return r[0] ?? null;
}

/** The active participation of a signed-in user in a round, if invited. */
export async function activeUserParticipant(s: TenantScope, roundId: string, userId: string) {
  const r = await s
    .select()
    .from(assessmentParticipants)
    .where(
      s.owns(
        assessmentParticipants,
        eq(assessmentParticipants.roundId, roundId),
        eq(assessmentParticipants.userId, userId),
        eq(assessmentParticipants.kind, 'user'),
        isNull(assessmentParticipants.revokedAt),
      ),
    )
    .limit(1);
  return r[0] ?? null;
}

export async function insertParticipant(
  s: TenantScope,
  values: Omit<typeof assessmentParticipants.$inferInsert, 'tenantId' | 'id'>,
): Promise<string | null> {
  const [row] = await s
    .insert(assessmentParticipants)
    .values(s.withTenant(values))
    .onConflictDoNothing()
    .returning({ id: assessmentParticipants.id });
  return row?.id ?? null;
}

export async function updateParticipant(
  s: TenantScope,
  participantId: string,
  set: { revokedAt?: null; revokedNow?: true; raterGroup?: string; savedNow?: true; submittedNow?: true },
): Promise<void> {
  const now = sql`now()` as unknown as string;
  await s
    .update(assessmentParticipants)
    .set({
      ...(set.revokedAt === null ? { revokedAt: null } : {}),
      ...(set.revokedNow ? { revokedAt: now } : {}),
      ...(set.raterGroup ? { raterGroup: set.raterGroup } : {}),
      ...(set.savedNow ? { lastSavedAt: now } : {}),
      ...(set.submittedNow ? { submittedAt: now } : {}),
    })
    .where(s.owns(assessmentParticipants, eq(assessmentParticipants.id, participantId)));
}

/**
 * The participation behind an external link: the token must match, not be revoked or expired. Unknown,
 * revoked and expired tokens are indistinguishable (null).
 */
export async function participantByToken(
  db: Tx,
  tokenHash: string,
): Promise<{ participant: ParticipantRow; round: RoundRow; tenantName: string } | null> {
  const r = await db
    .select({ p: assessmentParticipants, r: assessmentRounds, tenantName: tenants.name })
    // oxlint-disable-next-line dkbm/tenant-scope -- the link's token says whose round it is
    .from(assessmentParticipants)
    // oxlint-disable-next-line dkbm/tenant-scope -- the round of the participant, in the same tenant
    .innerJoin(assessmentRounds, eq(assessmentRounds.id, assessmentParticipants.roundId))
    .innerJoin(tenants, eq(tenants.id, assessmentParticipants.tenantId))
    .where(
      and(
        eq(assessmentParticipants.tokenHash, tokenHash),
        eq(assessmentParticipants.kind, 'external'),
        isNull(assessmentParticipants.revokedAt),
        sql`${assessmentParticipants.expiresAt} > now()`,
        eq(assessmentRounds.tenantId, assessmentParticipants.tenantId),
      ),
    )
    .limit(1);
  if (!r[0]) return null;
  return { participant: r[0].p, round: r[0].r, tenantName: r[0].tenantName };
}
