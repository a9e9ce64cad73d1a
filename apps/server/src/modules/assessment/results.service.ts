import type { Goal, InstrumentContent, Results } from '@dkbm/contract';
import { componentStats } from '@dkbm/domain';
import { HttpError } from '../../platform/http/errors';
import type { TenantScope } from '../../platform/tenancy/scope';
import { iso } from './assessment.common';
import { frameworkOf, ratingsOf } from './consolidation.service';
import {
  agreedProfile,
  earlierRounds,
  goalRows,
  updateGoalRow,
  type DevelopmentGoalRow,
} from './results.repo';
import { loadRound, loadRoundWithInstrument, roundDto } from './rounds.service';

/* Results of a round: the agreed profile against earlier rounds, and the development goals. */

const toGoal = (g: DevelopmentGoalRow): Goal => ({
  id: g.id,
  componentKey: g.componentKey,
  fromLevel: g.fromLevel,
  targetLevel: g.targetLevel,
  targetText: g.targetText,
  plan: g.plan,
  owner: g.owner,
  dueOn: g.dueOn,
  status: g.status as Goal['status'],
  updatedAt: iso(g.updatedAt)!,
});

export async function results(s: TenantScope, roundId: string): Promise<Results> {
  const { round, instrument, instrumentRow } = await loadRoundWithInstrument(s, roundId);
  const ratings = await ratingsOf(s, roundId);
  const agreed = await agreedProfile(s, roundId);
  const profile = instrument.components.map((c) => {
    const stats = componentStats(
      c.key,
      ratings.filter((r) => r.componentKey === c.key),
      round.anonymous,
    );
    return {
      key: c.key,
      name: c.name,
      agreed: agreed.get(c.key) ?? null,
      min: stats.min,
      max: stats.max,
    };
  });
  // Earlier closed rounds of the same instrument family with an agreed profile, newest first.
  const earlierRows = await earlierRounds(s, round, instrumentRow.family);
  const earlier = [];
  for (const e of earlierRows) {
    const p = await agreedProfile(s, e.id);
    earlier.push({
      roundId: e.id,
      title: e.title,
      endsOn: e.ends_on,
      profile: instrument.components.map((c) => ({ key: c.key, agreed: p.get(c.key) ?? null })),
    });
  }
  return {
    round: await roundDto(s, roundId),
    instrument,
    profile,
    earlier,
    goals: await goalsOf(s, roundId, instrument),
    framework: await frameworkOf(round),
  };
}

export async function goalsOf(
  s: TenantScope,
  roundId: string,
  instrument: InstrumentContent,
): Promise<Goal[]> {
  const r = await goalRows(s, roundId);
  const order = (k: string) => {
    const i = instrument.components.findIndex((c) => c.key === k);
    return i < 0 ? 999 : i;
  };
  return r.map(toGoal).toSorted((a, b) => order(a.componentKey) - order(b.componentKey));
}

/** Goals stay editable after the round is closed (they are the work that follows it). */
export async function updateGoal(
  s: TenantScope,
  roundId: string,
  componentKey: string,
  patch: {
    plan?: string | null | undefined;
    owner?: string | null | undefined;
    dueOn?: string | null | undefined;
    status?: Goal['status'] | undefined;
  },
): Promise<Goal> {
  await loadRound(s, roundId);
  const set: Parameters<typeof updateGoalRow>[3] = {};
  const txt = (t: string | null) => (t?.trim() ? t.trim() : null);
  if (patch.plan !== undefined) set.plan = txt(patch.plan);
  if (patch.owner !== undefined) set.owner = txt(patch.owner);
  if (patch.dueOn !== undefined) set.dueOn = patch.dueOn;
  if (patch.status !== undefined) set.status = patch.status;
  const r = await updateGoalRow(s, roundId, componentKey, set);
  if (!r) {
    throw new HttpError(
      404,
      'not_found',
      'Für diese Komponente gibt es noch kein Entwicklungsziel: zuerst den Typ in der Konsolidierung vereinbaren.',
    );
  }
  return toGoal(r);
}
