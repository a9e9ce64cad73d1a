import { desc, eq } from 'drizzle-orm';
import {
  steeringFindingSections,
  steeringFindings,
  steeringRecommendationFindings,
} from '../../platform/db/schema';
import type { TenantScope } from '../../platform/tenancy/scope';

/* Findings with their frozen values. */

export type FindingRow = typeof steeringFindings.$inferSelect;

export async function findingRows(s: TenantScope): Promise<FindingRow[]> {
  return s
    .select()
    .from(steeringFindings)
    .where(s.owns(steeringFindings))
    .orderBy(desc(steeringFindings.createdAt));
}

export async function insertFinding(
  s: TenantScope,
  v: Omit<FindingRow, 'id' | 'tenantId' | 'createdAt'>,
): Promise<string> {
  const [row] = await s
    .insert(steeringFindings)
    .values(s.withTenant(v))
    .returning({ id: steeringFindings.id });
  return row!.id;
}

/** Deletes a finding; false when there was none. */
export async function deleteFindingRow(s: TenantScope, id: string): Promise<boolean> {
  const r = await s
    .delete(steeringFindings)
    .where(s.owns(steeringFindings, eq(steeringFindings.id, id)))
    .returning({ id: steeringFindings.id });
  return r.length > 0;
}

export async function findFinding(s: TenantScope, id: string): Promise<FindingRow | null> {
  const r = await s
    .select()
    .from(steeringFindings)
    .where(s.owns(steeringFindings, eq(steeringFindings.id, id)))
    .limit(1);
  return r[0] ?? null;
}

export async function findingSectionRows(s: TenantScope) {
  return s
    .select({ findingId: steeringFindingSections.findingId, chapterId: steeringFindingSections.chapterId })
    .from(steeringFindingSections)
    .where(s.owns(steeringFindingSections));
}

export async function setFindingSection(s: TenantScope, findingId: string, chapterId: string | null) {
  await s
    .delete(steeringFindingSections)
    .where(s.owns(steeringFindingSections, eq(steeringFindingSections.findingId, findingId)));
  if (chapterId) await s.insert(steeringFindingSections).values(s.withTenant({ findingId, chapterId }));
}

export async function recommendationFindingRows(s: TenantScope) {
  return s
    .select({
      recommendationId: steeringRecommendationFindings.recommendationId,
      findingId: steeringRecommendationFindings.findingId,
    })
    .from(steeringRecommendationFindings)
    .where(s.owns(steeringRecommendationFindings));
}

/** Replace the recommendations that rest on a finding. */
export async function replaceFindingRecommendations(
  s: TenantScope,
  findingId: string,
  recommendationIds: readonly string[],
) {
  await s
    .delete(steeringRecommendationFindings)
    .where(s.owns(steeringRecommendationFindings, eq(steeringRecommendationFindings.findingId, findingId)));
  if (recommendationIds.length)
    await s
      .insert(steeringRecommendationFindings)
      .values(
        s.withTenant(
          [...new Set(recommendationIds)].map((recommendationId) => ({ recommendationId, findingId })),
        ),
      );
}
