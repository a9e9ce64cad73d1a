import type { TenantScope } from '../../platform/tenancy/scope';
import { notFound } from '../../platform/http/errors';
import {
  decisionRowsWithMeeting,
  decisionsOfRecommendations,
  findDecision,
  setDecisionRecommendation,
} from './meetings.repo';

/*
 * The seam to the steering module (issue 11): a body's decision on a recommendation. The steering
 * module links a decision to its recommendation (after checking that the recommendation is its own
 * tenant's) and shows the decisions of a recommendation; the network module never reads steering's tables.
 */

export interface RecommendationDecision {
  decisionId: string;
  recommendationId: string;
  text: string;
  outcome: string;
  meetingId: string;
  meetingTitle: string;
  meetingStartsAt: string;
  bodyName: string;
  /** The minutes are approved: the decision is on record. */
  approved: boolean;
}

/** Links a decision to a recommendation (null unlinks). The caller checks the recommendation's tenant. */
export async function linkDecisionToRecommendation(
  s: TenantScope,
  decisionId: string,
  recommendationId: string | null,
): Promise<void> {
  if (!(await findDecision(s, decisionId))) throw notFound('Der Beschluss');
  await setDecisionRecommendation(s, decisionId, recommendationId);
}

type DecisionWithMeeting = Awaited<ReturnType<typeof decisionRowsWithMeeting>>[number];
const toRecommendationDecision = (r: DecisionWithMeeting) => ({
  decisionId: r.d.id,
  recommendationId: r.d.recommendationId,
  text: r.d.text,
  outcome: r.d.outcome,
  meetingId: r.m.id,
  meetingTitle: r.m.title,
  meetingStartsAt: new Date(r.m.startsAt).toISOString(),
  bodyName: r.bodyName,
  approved: r.m.minutesApprovedAt !== null,
});

/** Every decision taken in a meeting (for choosing one at a recommendation), latest meeting first. */
export async function listMeetingDecisions(
  s: TenantScope,
): Promise<Array<Omit<RecommendationDecision, 'recommendationId'> & { recommendationId: string | null }>> {
  return (await decisionRowsWithMeeting(s)).map(toRecommendationDecision);
}

/** Decisions of bodies on these recommendations, latest meeting first. */
export async function decisionsForRecommendations(
  s: TenantScope,
  recommendationIds: string[],
): Promise<RecommendationDecision[]> {
  const rows = await decisionsOfRecommendations(s, recommendationIds);
  return rows.map((r) => ({
    ...toRecommendationDecision(r),
    recommendationId: r.d.recommendationId!,
  }));
}
