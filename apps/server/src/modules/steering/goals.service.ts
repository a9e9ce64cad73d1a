import type {
  DevelopmentGoalCandidate,
  GoalFromDevelopmentGoal,
  SteeringGoal,
  SteeringGoalCreate,
  SteeringGoalDetail,
  SteeringGoalUpdate,
  HistoryEntry,
  MissionStatement,
  Target,
  TargetCreate,
} from '@dkbm/contract';
import { aggregateProgress, checkProgressTarget, directionFromPolarity } from '@dkbm/domain';
import { badRequest, conflict, notFound } from '../../platform/http/errors';
import { developmentGoalsOf, listRounds, loadRoundWithInstrument } from '../assessment/assessment.service';
import type { TenantScope } from '../../platform/tenancy/scope';
import { getIndicatorRow } from '../monitoring/catalog.service';
import { areaExists } from '../monitoring/areas.service';
import {
  deleteGoalRow,
  deleteTargetRow,
  findGoal,
  findTarget,
  goalRows,
  historyRows,
  insertGoal,
  insertHistory,
  insertMissionStatement,
  insertTarget,
  missionStatementRows,
  targetRows,
  updateGoalRow,
  type GoalRow,
} from './goals.repo';
import {
  areaNamer,
  selectionValues,
  targetWithProgress,
  type TargetWithProgress,
  type View,
} from './progress.service';
import { changedFields } from './labels';

/* Leitbild, goal tree and targets with their computed progress. */

export interface Actor {
  userId: string | null;
  /** May change steering objects (`data.write`); without it only statements and comments. */
  canWrite?: boolean;
}

export async function record(
  s: TenantScope,
  actor: Actor,
  objectKind: string,
  objectId: string,
  action: string,
  summary: string,
) {
  await insertHistory(s, {
    objectKind,
    objectId,
    userId: actor.userId,
    action,
    summary: summary.slice(0, 300),
  });
}

export async function historyOf(s: TenantScope, ids: readonly string[]): Promise<HistoryEntry[]> {
  return (await historyRows(s, ids)).map((h) => ({ ...h, user: h.user ?? null }));
}

/* ---------- Leitbild ---------- */

export async function listMissionStatements(
  s: TenantScope,
  decisions: ReadonlyArray<{
    id: string;
    body: string;
    decidedOn: string;
    number: string | null;
    missionStatementId: string | null;
  }>,
): Promise<MissionStatement[]> {
  return (await missionStatementRows(s)).map((m) => {
    const d = decisions.find((x) => x.missionStatementId === m.id);
    return {
      id: m.id,
      version: m.version,
      text: m.text,
      createdAt: m.createdAt,
      decision: d ? { id: d.id, body: d.body, decidedOn: d.decidedOn, number: d.number } : null,
    };
  });
}

export async function addMissionStatement(s: TenantScope, actor: Actor, text: string): Promise<string> {
  const id = await insertMissionStatement(s, text, actor.userId);
  await record(s, actor, 'mission_statement', id, 'created', 'Neue Fassung des Leitbilds');
  return id;
}

/* ---------- goals ---------- */

function goalDto(
  g: GoalRow,
  targets: ReadonlyArray<{ progress: { status: string }; score: number | null }>,
): SteeringGoal {
  const agg = aggregateProgress(targets.map((t) => ({ status: t.progress.status as never, score: t.score })));
  return {
    id: g.id,
    parentId: g.parentId,
    kind: g.parentId ? 'operational' : 'strategic',
    title: g.title,
    description: g.description,
    owner: g.owner,
    periodStart: g.periodStart,
    periodEnd: g.periodEnd,
    status: g.status as SteeringGoal['status'],
    isPublic: g.isPublic,
    componentKey: g.componentKey,
    developmentGoalId: g.developmentGoalId,
    progress: { status: agg.status, label: agg.label.de, targets: targets.length },
    updatedAt: g.updatedAt,
  };
}

/** Goals (all, or `onlyPublic`) with the aggregated progress of their targets. */
export async function listGoals(
  s: TenantScope,
  view: View = 'internal',
  onlyPublic = false,
): Promise<Array<SteeringGoal & { targets: TargetWithProgress[] }>> {
  const goals = (await goalRows(s)).filter((g) => !onlyPublic || g.isPublic);
  const targets = await targetRows(
    s,
    goals.map((g) => g.id),
  );
  const names = areaNamer(s);
  const computed: TargetWithProgress[] = [];
  for (const t of targets) computed.push(await targetWithProgress(s, t, view, names));
  return goals.map((g) => {
    const own = computed.filter((t) => t.goalId === g.id);
    return { ...goalDto(g, own), targets: own };
  });
}

const strip = ({ score: _score, indicatorFacts: _f, ...rest }: TargetWithProgress): Target => rest;

export async function goalDetail(
  s: TenantScope,
  id: string,
  view: View = 'internal',
): Promise<SteeringGoalDetail> {
  const g = await findGoal(s, id);
  if (!g) throw notFound('Das Ziel');
  const names = areaNamer(s);
  const targets = [];
  for (const t of await targetRows(s, [g.id])) targets.push(await targetWithProgress(s, t, view, names));
  const childRows = (await goalRows(s)).filter((c) => c.parentId === g.id);
  const childTargets = await targetRows(
    s,
    childRows.map((c) => c.id),
  );
  const children = [];
  for (const c of childRows) {
    const own = [];
    for (const t of childTargets.filter((x) => x.goalId === c.id))
      own.push(await targetWithProgress(s, t, view, names));
    children.push(goalDto(c, own));
  }
  return {
    ...goalDto(g, targets),
    targets: targets.map(strip),
    children,
    history: await historyOf(s, [g.id, ...targets.map((t) => t.id)]),
  };
}

async function checkParent(s: TenantScope, parentId: string | null | undefined, selfId?: string) {
  if (!parentId) return;
  const parent = await findGoal(s, parentId);
  if (!parent) throw notFound('Das übergeordnete Ziel');
  if (parent.parentId || parentId === selfId)
    throw badRequest('Ein operatives Ziel kann nur einem strategischen Ziel untergeordnet werden.', {
      field: 'parentId',
    });
}

function checkPeriod(start: string | null | undefined, end: string | null | undefined) {
  if (start && end && end < start)
    throw badRequest('Das Ende des Zeitraums liegt vor seinem Beginn.', { field: 'periodEnd' });
}

export async function createGoal(s: TenantScope, actor: Actor, input: SteeringGoalCreate): Promise<string> {
  await checkParent(s, input.parentId);
  checkPeriod(input.periodStart, input.periodEnd);
  const id = await insertGoal(s, {
    parentId: input.parentId ?? null,
    title: input.title,
    description: input.description ?? null,
    owner: input.owner ?? null,
    periodStart: input.periodStart ?? null,
    periodEnd: input.periodEnd ?? null,
    status: input.status,
    isPublic: input.isPublic,
  });
  await record(s, actor, 'goal', id, 'created', `Ziel „${input.title}“ angelegt`);
  return id;
}

export async function updateGoal(s: TenantScope, actor: Actor, id: string, input: SteeringGoalUpdate) {
  const g = await findGoal(s, id);
  if (!g) throw notFound('Das Ziel');
  if (input.parentId !== undefined) await checkParent(s, input.parentId, id);
  checkPeriod(input.periodStart ?? g.periodStart, input.periodEnd ?? g.periodEnd);
  const set = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
  await updateGoalRow(s, id, set);
  await record(s, actor, 'goal', id, 'updated', `Geändert: ${changedFields(Object.keys(set))}`);
}

export async function deleteGoal(s: TenantScope, id: string) {
  if (!(await findGoal(s, id))) throw notFound('Das Ziel');
  await deleteGoalRow(s, id);
}

/* ---------- targets ---------- */

/** A target on an indicator: baseline value from the data, direction from the indicator's polarity. */
export async function createTarget(
  s: TenantScope,
  actor: Actor,
  goalId: string,
  input: TargetCreate,
): Promise<string> {
  if (!(await findGoal(s, goalId))) throw notFound('Das Ziel');
  const ind = await getIndicatorRow(s, input.indicatorId);
  if (!(await areaExists(s, input.areaId))) throw notFound('Die Raumeinheit');
  if (input.targetPeriod <= input.baselinePeriod)
    throw badRequest('Der Zielzeitraum muss nach dem Basiszeitraum liegen.', { field: 'targetPeriod' });
  const values = await selectionValues(s, ind, input.areaId, input.dims, 'internal');
  const base = values.find((o) => o.period === input.baselinePeriod);
  if (!base || base.value === null)
    throw badRequest(
      `Für den Basiszeitraum ${input.baselinePeriod} gibt es für diese Auswahl keinen Wert im Monitoring.`,
      { field: 'baselinePeriod', periods: values.filter((v) => v.value !== null).map((v) => v.period) },
    );
  const direction = directionFromPolarity(
    ind.polarity as 'higher_better' | 'lower_better' | 'neutral',
    base.value,
    input.targetValue,
  );
  if (!direction)
    throw badRequest('Der Zielwert ist gleich dem Basiswert; die Richtung ist nicht bestimmbar.', {
      field: 'targetValue',
    });
  const problems = checkProgressTarget({
    direction,
    baseline: { period: { type: ind.periodType as never, date: input.baselinePeriod }, value: base.value },
    target: { period: { type: ind.periodType as never, date: input.targetPeriod }, value: input.targetValue },
  });
  if (problems.length) throw badRequest(problems[0]!.slice(0, 300), { field: 'targetValue' });
  const id = await insertTarget(s, {
    goalId,
    indicatorId: ind.id,
    areaId: input.areaId,
    dims: input.dims,
    direction,
    baselinePeriod: input.baselinePeriod,
    baselineValue: base.value,
    targetPeriod: input.targetPeriod,
    targetValue: input.targetValue,
  });
  await record(s, actor, 'goal', goalId, 'target_added', `Zielwert auf „${ind.nameDe}“ angelegt`);
  return id;
}

export async function deleteTarget(s: TenantScope, actor: Actor, id: string) {
  const t = await findTarget(s, id);
  if (!t) throw notFound('Der Zielwert');
  await deleteTargetRow(s, id);
  await record(s, actor, 'goal', t.goalId, 'target_removed', 'Zielwert entfernt');
}

/**
 * The published goals for the public portal: goals marked public, their targets on public indicators only,
 * computed from the protected (public) series, so a withheld value never becomes a progress figure.
 */
export async function publicGoals(s: TenantScope) {
  const all = await goalRows(s);
  const goals = await listGoals(s, 'public', true);
  return goals.map((g) => {
    const targets = g.targets.filter((t) => t.indicatorFacts.visibility === 'public');
    const agg = aggregateProgress(targets.map((t) => ({ status: t.progress.status, score: t.score })));
    return {
      ...g,
      parentTitle: all.find((p) => p.id === g.parentId)?.title ?? null,
      statusLabel: agg.label.de,
      statusLabelEn: agg.label.en,
      targets,
    };
  });
}

/* ---------- goals from the self-assessment ---------- */

/** Development goals of the self-assessment rounds, each with the steering goal made from it (if any). */
export async function developmentGoalCandidates(s: TenantScope): Promise<DevelopmentGoalCandidate[]> {
  const goals = await goalRows(s);
  const out: DevelopmentGoalCandidate[] = [];
  for (const round of await listRounds(s)) {
    const { instrument } = await loadRoundWithInstrument(s, round.id);
    for (const dg of await developmentGoalsOf(s, round.id, instrument)) {
      out.push({
        roundId: round.id,
        roundTitle: round.title,
        developmentGoalId: dg.id,
        componentKey: dg.componentKey,
        componentName: instrument.components.find((c) => c.key === dg.componentKey)?.name ?? dg.componentKey,
        fromLevel: dg.fromLevel,
        targetLevel: dg.targetLevel,
        targetText: dg.targetText,
        goalId: goals.find((g) => g.developmentGoalId === dg.id)?.id ?? null,
      });
    }
  }
  return out;
}

/** Turns a development goal of the self-assessment into an (operational or strategic) goal: one action. */
export async function goalFromDevelopmentGoal(
  s: TenantScope,
  actor: Actor,
  input: GoalFromDevelopmentGoal,
): Promise<string> {
  const { instrument } = await loadRoundWithInstrument(s, input.roundId);
  const dg = (await developmentGoalsOf(s, input.roundId, instrument)).find(
    (d) => d.id === input.developmentGoalId,
  );
  if (!dg) throw notFound('Das Entwicklungsziel');
  await checkParent(s, input.parentId);
  const existing = (await goalRows(s)).find((g) => g.developmentGoalId === dg.id);
  if (existing)
    throw conflict(
      `Aus diesem Entwicklungsziel ist schon das Ziel „${existing.title.slice(0, 80)}“ entstanden.`,
      {
        goalId: existing.id,
      },
    );
  const name = instrument.components.find((c) => c.key === dg.componentKey)?.name ?? dg.componentKey;
  const title =
    dg.targetLevel > dg.fromLevel
      ? `${name}: von Typ ${dg.fromLevel} zu Typ ${dg.targetLevel}`
      : `${name}: Typ ${dg.targetLevel} halten`;
  const id = await insertGoal(s, {
    parentId: input.parentId ?? null,
    title: title.slice(0, 200),
    description: [dg.targetText, dg.plan ? `Vorhaben: ${dg.plan}` : null].filter(Boolean).join('\n\n'),
    owner: dg.owner,
    periodEnd: dg.dueOn,
    status: 'active',
    isPublic: false,
    developmentGoalId: dg.id,
    componentKey: dg.componentKey,
  });
  await record(
    s,
    actor,
    'goal',
    id,
    'created',
    `Ziel „${title}“ aus dem Entwicklungsziel der Selbsteinschätzung angelegt`,
  );
  return id;
}
