import { eq, sql } from 'drizzle-orm';
import { assessmentAnswers, assessmentFiles } from '../../platform/db/schema';
import type { TenantScope } from '../../platform/tenancy/scope';

/* A rater's answers per component and their evidence files. */

export type AnswerRow = typeof assessmentAnswers.$inferSelect;

/** The rater's answers with the name and size of their evidence file. */
export async function answerRows(s: TenantScope, participantId: string) {
  return s
    .select({
      a: assessmentAnswers,
      f: { id: assessmentFiles.id, name: assessmentFiles.name, size: assessmentFiles.size },
    })
    .from(assessmentAnswers)
    .leftJoin(
      assessmentFiles,
      s.owns(assessmentFiles, eq(assessmentFiles.id, assessmentAnswers.evidenceFileId)),
    )
    .where(s.owns(assessmentAnswers, eq(assessmentAnswers.participantId, participantId)));
}

/** Save one answer (insert or update). Fields left undefined in `update` keep their value. */
export async function upsertAnswer(
  s: TenantScope,
  key: { participantId: string; roundId: string; componentKey: string },
  values: { level: number | null; cannotAssess: boolean; comment: string | null; evidenceUrl: string | null },
  update: { comment?: string | null; evidenceUrl?: string | null },
): Promise<void> {
  await s
    .insert(assessmentAnswers)
    .values(s.withTenant({ ...key, ...values }))
    .onConflictDoUpdate({
      target: [assessmentAnswers.participantId, assessmentAnswers.componentKey],
      set: {
        level: values.level,
        cannotAssess: values.cannotAssess,
        updatedAt: sql`now()` as unknown as string,
        ...update,
      },
    });
}

/** Store an evidence file and make it the answer's (a previous one is deleted). */
export async function replaceEvidence(
  s: TenantScope,
  key: { participantId: string; roundId: string; componentKey: string },
  file: { name: string; mime: string; size: number; content: string },
): Promise<void> {
  const [f] = await s
    .insert(assessmentFiles)
    .values(s.withTenant({ ...key, ...file }))
    .returning({ id: assessmentFiles.id });
  const previous = await s
    .select({ fileId: assessmentAnswers.evidenceFileId })
    .from(assessmentAnswers)
    .where(
      s.owns(
        assessmentAnswers,
        eq(assessmentAnswers.participantId, key.participantId),
        eq(assessmentAnswers.componentKey, key.componentKey),
      ),
    );
  await s
    .insert(assessmentAnswers)
    .values(s.withTenant({ ...key, evidenceFileId: f!.id }))
    .onConflictDoUpdate({
      target: [assessmentAnswers.participantId, assessmentAnswers.componentKey],
      set: { evidenceFileId: f!.id, updatedAt: sql`now()` as unknown as string },
    });
  const old = previous[0]?.fileId;
  if (old) await s.delete(assessmentFiles).where(s.owns(assessmentFiles, eq(assessmentFiles.id, old)));
}

export async function deleteEvidence(
  s: TenantScope,
  participantId: string,
  componentKey: string,
): Promise<void> {
  await s
    .delete(assessmentFiles)
    .where(
      s.owns(
        assessmentFiles,
        eq(assessmentFiles.participantId, participantId),
        eq(assessmentFiles.componentKey, componentKey),
      ),
    );
}

export async function findEvidenceFile(s: TenantScope, roundId: string, fileId: string) {
  const r = await s
    .select()
    .from(assessmentFiles)
    .where(s.owns(assessmentFiles, eq(assessmentFiles.roundId, roundId), eq(assessmentFiles.id, fileId)))
    .limit(1);
  return r[0] ?? null;
}
