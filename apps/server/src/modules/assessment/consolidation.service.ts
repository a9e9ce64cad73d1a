import type { Consolidation, FrameworkValue } from '@dkbm/contract';
import { componentStats, nextLevel } from '@dkbm/domain';
import type { TenantScope } from '../../platform/tenancy/scope';
import { assertComponent, assertNotClosed, iso, type RaterGroup, type RoundRow } from './assessment.common';
import { agreementRows, ratingRows, upsertAgreement } from './consolidation.repo';
import { loadRoundWithInstrument, roundDto } from './rounds.service';

/* The workshop: all ratings of a round (anonymous rounds only as statistics) and the agreed types. */

export interface RatingRow {
  participantId: string;
  kind: string;
  label: string;
  group: RaterGroup;
  componentKey: string;
  level: number | null;
  cannotAssess: boolean;
  comment: string | null;
  evidenceUrl: string | null;
  evidenceFile: { id: string; name: string; size: number } | null;
  updatedAt: string | null;
}

/** All answers of the round's active (not revoked) raters. */
export async function ratingsOf(s: TenantScope, roundId: string): Promise<RatingRow[]> {
  const r = await ratingRows(s, roundId);
  return r.map((x) => ({
    participantId: x.participant_id,
    kind: x.kind,
    label: x.kind === 'user' ? (x.display_name ?? 'Unbekannte Person') : (x.label ?? ''),
    group: x.rater_group as RaterGroup,
    componentKey: x.component_key,
    level: x.level,
    cannotAssess: x.cannot_assess,
    comment: x.comment,
    evidenceUrl: x.evidence_url,
    evidenceFile: x.file_id ? { id: x.file_id, name: x.file_name!, size: x.file_size! } : null,
    updatedAt: iso(x.updated_at),
  }));
}

async function agreementsOf(s: TenantScope, roundId: string) {
  const r = await agreementRows(s, roundId);
  return new Map(r.map((x) => [x.a.componentKey, { ...x.a, decidedByName: x.by }]));
}

export async function frameworkOf(round: RoundRow): Promise<Record<string, FrameworkValue>> {
  return (round.framework ?? {}) as Record<string, FrameworkValue>;
}

export async function consolidation(s: TenantScope, roundId: string): Promise<Consolidation> {
  const { round, instrument } = await loadRoundWithInstrument(s, roundId);
  const ratings = await ratingsOf(s, roundId);
  const agreed = await agreementsOf(s, roundId);
  return {
    round: await roundDto(s, roundId),
    instrument,
    components: instrument.components.map((c) => {
      const own = ratings.filter((r) => r.componentKey === c.key);
      const stats = componentStats(c.key, own, round.anonymous);
      const withText = own.filter((r) => r.comment || r.evidenceUrl || r.evidenceFile);
      const comments = round.anonymous
        ? stats.hidden
          ? []
          : withText
              .map((r) => ({
                label: null,
                group: null,
                text: r.comment ?? '',
                evidenceUrl: r.evidenceUrl,
                evidenceFile: r.evidenceFile,
              }))
              // No order that could be matched with the order of invitations.
              .toSorted(
                (a, b) =>
                  a.text.localeCompare(b.text, 'de') ||
                  (a.evidenceUrl ?? '').localeCompare(b.evidenceUrl ?? ''),
              )
        : withText.map((r) => ({
            label: r.label,
            group: r.group,
            text: r.comment ?? '',
            evidenceUrl: r.evidenceUrl,
            evidenceFile: r.evidenceFile,
          }));
      const a = agreed.get(c.key);
      return {
        key: c.key,
        stats,
        ratings: round.anonymous
          ? []
          : own
              .filter((r) => r.level !== null || r.cannotAssess)
              .map((r) => ({
                participantId: r.participantId,
                label: r.label,
                group: r.group,
                level: r.level,
                cannotAssess: r.cannotAssess,
              })),
        comments,
        agreed: a
          ? {
              level: a.level,
              rationale: a.rationale,
              decidedAt: iso(a.decidedAt)!,
              decidedBy: a.decidedByName ?? null,
            }
          : null,
      };
    }),
    framework: await frameworkOf(round),
  };
}

/** Record the agreed type of a component; creates or updates its development goal. */
export async function agree(
  s: TenantScope,
  roundId: string,
  componentKey: string,
  userId: string,
  input: { level: number; rationale: string },
): Promise<void> {
  const { round, instrument } = await loadRoundWithInstrument(s, roundId);
  assertNotClosed(round);
  const component = assertComponent(instrument, componentKey);
  const target = nextLevel(input.level);
  await s.transaction((tx) =>
    upsertAgreement(
      tx,
      { roundId, componentKey },
      { level: input.level, rationale: input.rationale, decidedBy: userId },
      { fromLevel: input.level, targetLevel: target, targetText: component.types[target - 1]! },
    ),
  );
}
