import type {
  Decision,
  DecisionCreate,
  Measure,
  MeasureCreate,
  MeasureNoteCreate,
  MeasureUpdate,
  Recommendation,
  RecommendationCreate,
  RecommendationStatus,
  RecommendationUpdate,
  SteeringOverview,
} from '@dkbm/contract';
import { badRequest, forbidden, HttpError, notFound } from '../../platform/http/errors';
import {
  decisionsForRecommendations,
  linkDecisionToRecommendation,
  listMeetingDecisions,
} from '../network/decisions.service';
import { listBodies, requireBody } from '../network/actors.service';
import { checkUnits, listUnits, myUnitIds } from './units.service';
import {
  recommendationGoalRows,
  recommendationUnitRows,
  replaceRecommendationGoals,
  replaceRecommendationUnits,
  unitIdsOfRecommendation,
  unitRows,
} from './units.repo';
import type { TenantScope } from '../../platform/tenancy/scope';
import { findGoal, missionStatementExists } from './goals.repo';
import { changedFields, MEASURE_STATUS_DE, OUTCOME_DE, REC_STATUS_DE } from './labels';
import { listGoals, listMissionStatements, record, type Actor } from './goals.service';
import {
  decisionDocumentRows,
  decisionRows,
  deleteMeasureNoteRow,
  insertMeasureNote,
  measureGoalRows,
  measureNoteRows,
  recommendationBodyRows,
  replaceRecommendationBodies,
  replaceMeasureGoals,
  deleteDecisionDocumentRow,
  deleteDecisionRow,
  findDecisionDocument,
  upsertDecisionDocument,
  deleteMeasureRow,
  deleteRecommendationRow,
  findDecision,
  findMeasure,
  findRecommendation,
  insertDecision,
  insertMeasure,
  insertRecommendation,
  measureRows,
  milestoneRows,
  outcomeRows,
  recommendationRows,
  replaceMilestones,
  updateMeasureRow,
  updateRecommendationRow,
} from './loop.repo';

/* Recommendations → decisions → measures, and the committee overview („Steuerungsübersicht“). */

async function checkGoal(s: TenantScope, goalId: string | null | undefined) {
  if (goalId && !(await findGoal(s, goalId))) throw notFound('Das Ziel');
}
async function checkGoals(s: TenantScope, goalIds: readonly string[] | undefined) {
  for (const g of goalIds ?? []) await checkGoal(s, g);
}
/** Each body must be one of this tenant's bodies (network module; 404 otherwise). */
async function checkBodies(s: TenantScope, bodyIds: readonly string[] | undefined) {
  for (const b of bodyIds ?? []) await requireBody(s, b);
}

/** The bodies of the network module (id and name), for addressing recommendations. */
export async function bodyChoices(s: TenantScope) {
  return (await listBodies(s)).map((b) => ({ id: b.id, name: b.name }));
}

/** Decisions taken in meetings of bodies (network module), to choose one at a recommendation. */
export const meetingDecisionChoices = (s: TenantScope) => listMeetingDecisions(s);

/* ---------- recommendations ---------- */

export async function listRecommendations(s: TenantScope): Promise<Recommendation[]> {
  const outcomes = await outcomeRows(s);
  const rows = await recommendationRows(s);
  const units = await recommendationUnitRows(s);
  const goals = await recommendationGoalRows(s);
  const bodyLinks = await recommendationBodyRows(s);
  const bodies = new Map((await bodyChoices(s)).map((b) => [b.id, b.name]));
  const meeting = await decisionsForRecommendations(
    s,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    text: r.text,
    rationale: r.rationale,
    units: units.filter((u) => u.recommendationId === r.id).map((u) => ({ id: u.id, name: u.name })),
    goalIds: goals.filter((g) => g.recommendationId === r.id).map((g) => g.goalId),
    bodies: bodyLinks
      .filter((b) => b.recommendationId === r.id && bodies.has(b.bodyId))
      .map((b) => ({ id: b.bodyId, name: bodies.get(b.bodyId)! }))
      .toSorted((a, b) => a.name.localeCompare(b.name, 'de')),
    priority: r.priority as Recommendation['priority'],
    status: r.status as RecommendationStatus,
    statement: r.statement,
    statementAt: r.statementAt,
    decisions: outcomes
      .filter((o) => o.recommendationId === r.id)
      .map((o) => ({ decisionId: o.decisionId, outcome: o.outcome as never })),
    meetingDecisions: meeting
      .filter((d) => d.recommendationId === r.id)
      .map(({ recommendationId: _r, meetingId: _m, ...d }) => d),
    updatedAt: r.updatedAt,
  }));
}

export async function createRecommendation(
  s: TenantScope,
  actor: Actor,
  input: RecommendationCreate,
): Promise<string> {
  await checkGoals(s, input.goalIds);
  await checkUnits(s, input.unitIds);
  await checkBodies(s, input.bodyIds);
  return s.transaction(async (tx) => {
    const id = await insertRecommendation(tx, {
      title: input.title,
      text: input.text,
      rationale: input.rationale ?? null,
      priority: input.priority,
      status: 'draft',
    });
    await replaceRecommendationUnits(tx, id, input.unitIds ?? []);
    await replaceRecommendationGoals(tx, id, input.goalIds ?? []);
    await replaceRecommendationBodies(tx, id, input.bodyIds ?? []);
    await record(tx, actor, 'recommendation', id, 'created', `Empfehlung „${input.title}“ angelegt`);
    return id;
  });
}

export async function updateRecommendation(
  s: TenantScope,
  actor: Actor,
  id: string,
  input: RecommendationUpdate,
) {
  const r = await findRecommendation(s, id);
  if (!r) throw notFound('Die Handlungsempfehlung');
  await checkGoals(s, input.goalIds);
  await checkUnits(s, input.unitIds);
  await checkBodies(s, input.bodyIds);
  const { unitIds, goalIds, bodyIds, ...rest } = input;
  const set = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
  await s.transaction(async (tx) => {
    if (Object.keys(set).length) await updateRecommendationRow(tx, id, set);
    if (unitIds) await replaceRecommendationUnits(tx, id, unitIds);
    if (goalIds) await replaceRecommendationGoals(tx, id, goalIds);
    if (bodyIds) await replaceRecommendationBodies(tx, id, bodyIds);
  });
  const changed = [
    ...Object.keys(set),
    ...(unitIds ? ['unitIds'] : []),
    ...(goalIds ? ['goalIds'] : []),
    ...(bodyIds ? ['bodyIds'] : []),
  ];
  await record(
    s,
    actor,
    'recommendation',
    id,
    input.status && input.status !== r.status ? 'status' : 'updated',
    input.status && input.status !== r.status
      ? `Status: ${REC_STATUS_DE[r.status as RecommendationStatus] ?? r.status} → ${REC_STATUS_DE[input.status]}`
      : `Geändert: ${changedFields(changed)}`,
  );
}

/**
 * The addressed Fachbereich's statement; a draft becomes „abgestimmt mit Fachbereich“. Editors may always
 * record it; contributors only for a recommendation addressed to a unit they belong to (403 otherwise).
 */
export async function addStatement(s: TenantScope, actor: Actor, id: string, statement: string) {
  const r = await findRecommendation(s, id);
  if (!r) throw notFound('Die Handlungsempfehlung');
  if (!actor.canWrite) {
    const mine = new Set(await myUnitIds(s, actor.userId));
    if (!(await unitIdsOfRecommendation(s, id)).some((u) => mine.has(u))) throw forbidden();
  }
  await updateRecommendationRow(s, id, {
    statement,
    statementBy: actor.userId,
    statementAt: new Date().toISOString(),
    ...(r.status === 'draft' ? { status: 'agreed' } : {}),
  });
  await record(s, actor, 'recommendation', id, 'statement', 'Stellungnahme erfasst');
}

export async function deleteRecommendation(s: TenantScope, id: string) {
  if (!(await findRecommendation(s, id))) throw notFound('Die Handlungsempfehlung');
  await deleteRecommendationRow(s, id);
}

/**
 * Links a body's decision taken in a meeting (network module) to a recommendation, or unlinks it
 * (`link` false); through the network module's service, after checking the recommendation is ours.
 */
export async function linkMeetingDecision(
  s: TenantScope,
  actor: Actor,
  recommendationId: string,
  decisionId: string,
  link: boolean,
) {
  const r = await findRecommendation(s, recommendationId);
  if (!r) throw notFound('Die Handlungsempfehlung');
  if (!link) {
    const linked = await decisionsForRecommendations(s, [recommendationId]);
    if (!linked.some((d) => d.decisionId === decisionId)) throw notFound('Der Beschluss');
  }
  await linkDecisionToRecommendation(s, decisionId, link ? recommendationId : null);
  await record(
    s,
    actor,
    'recommendation',
    recommendationId,
    link ? 'meeting_decision' : 'meeting_decision_removed',
    link ? 'Beschluss einer Sitzung verknüpft' : 'Verknüpfung mit einem Sitzungsbeschluss gelöst',
  );
}

/* ---------- decisions ---------- */

export async function listDecisions(s: TenantScope): Promise<Decision[]> {
  const outcomes = await outcomeRows(s);
  const documents = await decisionDocumentRows(s);
  const rows = await decisionRows(s);
  // A network body shows its current name; a deleted one keeps the name it had when the decision was taken.
  const bodyNames = new Map(
    rows.some((d) => d.bodyId) ? (await listBodies(s)).map((b) => [b.id, b.name] as const) : [],
  );
  return rows.map((d) => ({
    id: d.id,
    body: (d.bodyId && bodyNames.get(d.bodyId)) || d.body,
    bodyId: d.bodyId && bodyNames.has(d.bodyId) ? d.bodyId : null,
    decidedOn: d.decidedOn,
    number: d.number,
    wording: d.wording,
    documentUrl: d.documentUrl,
    missionStatementId: d.missionStatementId,
    document: (() => {
      const doc = documents.find((x) => x.decisionId === d.id);
      return doc ? { name: doc.name, size: doc.size, uploadedAt: doc.createdAt } : null;
    })(),
    outcomes: outcomes
      .filter((o) => o.decisionId === d.id)
      .map((o) => ({ recommendationId: o.recommendationId, outcome: o.outcome as never })),
  }));
}

/** A decision of a body; each named recommendation takes the decided outcome as its status. */
export async function createDecision(s: TenantScope, actor: Actor, input: DecisionCreate): Promise<string> {
  const body = input.bodyId ? (await requireBody(s, input.bodyId)).name : input.body;
  if (!body) throw badRequest('Bitte ein Gremium auswählen oder seinen Namen angeben.', { field: 'body' });
  if (input.missionStatementId && !(await missionStatementExists(s, input.missionStatementId)))
    throw notFound('Die Fassung des Leitbilds');
  const seen = new Set<string>();
  for (const o of input.outcomes) {
    if (!(await findRecommendation(s, o.recommendationId))) throw notFound('Die Handlungsempfehlung');
    if (seen.has(o.recommendationId))
      throw badRequest('Eine Handlungsempfehlung ist mehrfach genannt.', { field: 'outcomes' });
    seen.add(o.recommendationId);
  }
  return s.transaction(async (tx) => {
    const id = await insertDecision(
      tx,
      {
        body,
        bodyId: input.bodyId ?? null,
        decidedOn: input.decidedOn,
        number: input.number ?? null,
        wording: input.wording,
        documentUrl: input.documentUrl ?? null,
        missionStatementId: input.missionStatementId ?? null,
      },
      input.outcomes,
    );
    for (const o of input.outcomes) {
      await updateRecommendationRow(tx, o.recommendationId, { status: o.outcome });
      await record(
        tx,
        actor,
        'recommendation',
        o.recommendationId,
        'decision',
        `Beschluss ${input.number ?? ''} (${body}): ${OUTCOME_DE[o.outcome]}`,
      );
    }
    await record(tx, actor, 'decision', id, 'created', `Beschluss ${input.number ?? ''} (${body})`);
    return id;
  });
}

export async function assertDecision(s: TenantScope, id: string) {
  if (!(await findDecision(s, id))) throw notFound('Der Beschluss');
}

/** Largest decision document (PDF). */
export const MAX_DECISION_DOCUMENT_BYTES = 20 * 1024 * 1024;

/** Stores (or replaces) the decision's document; only a PDF (checked by its first bytes) is taken. */
export async function attachDecisionDocument(
  s: TenantScope,
  actor: Actor,
  decisionId: string,
  file: { name: string; bytes: Uint8Array },
) {
  if (!(await findDecision(s, decisionId))) throw notFound('Der Beschluss');
  const isPdf =
    file.bytes.byteLength >= 5 &&
    Buffer.from(file.bytes.subarray(0, 5)).toString('latin1') === '%PDF-' &&
    file.name.toLowerCase().endsWith('.pdf');
  if (!isPdf)
    throw new HttpError(
      415,
      'unsupported_type',
      `„${file.name.slice(0, 80)}“ ist keine PDF-Datei. Als Beschlussdokument ist nur PDF möglich.`,
      { field: 'file' },
    );
  await upsertDecisionDocument(s, {
    decisionId,
    name: file.name.slice(0, 200),
    size: file.bytes.byteLength,
    content: Buffer.from(file.bytes).toString('base64'),
    uploadedBy: actor.userId,
  });
  await record(
    s,
    actor,
    'decision',
    decisionId,
    'document',
    `Dokument „${file.name.slice(0, 80)}“ hochgeladen`,
  );
}

export async function decisionDocument(s: TenantScope, decisionId: string) {
  if (!(await findDecision(s, decisionId))) throw notFound('Der Beschluss');
  const doc = await findDecisionDocument(s, decisionId);
  if (!doc) throw notFound('Das Dokument');
  return { name: doc.name, bytes: Buffer.from(doc.content, 'base64') };
}

export async function removeDecisionDocument(s: TenantScope, actor: Actor, decisionId: string) {
  if (!(await findDecisionDocument(s, decisionId))) throw notFound('Das Dokument');
  await deleteDecisionDocumentRow(s, decisionId);
  await record(s, actor, 'decision', decisionId, 'document_removed', 'Dokument entfernt');
}

export async function deleteDecision(s: TenantScope, id: string) {
  if (!(await findDecision(s, id))) throw notFound('Der Beschluss');
  await deleteDecisionRow(s, id);
}

/* ---------- measures ---------- */

export async function listMeasures(s: TenantScope): Promise<Measure[]> {
  const milestones = await milestoneRows(s);
  const goals = await measureGoalRows(s);
  const notes = await measureNoteRows(s);
  const units = new Map((await unitRows(s)).map((u) => [u.id, u.name]));
  return (await measureRows(s)).map((m) => ({
    id: m.id,
    title: m.title,
    description: m.description,
    responsibleUnit:
      m.responsibleUnitId && units.has(m.responsibleUnitId)
        ? { id: m.responsibleUnitId, name: units.get(m.responsibleUnitId)! }
        : null,
    partners: m.partners,
    startOn: m.startOn,
    endOn: m.endOn,
    status: m.status as Measure['status'],
    budgetPlanned: m.budgetPlanned,
    budgetSpent: m.budgetSpent,
    goalIds: goals.filter((g) => g.measureId === m.id).map((g) => g.goalId),
    recommendationId: m.recommendationId,
    milestones: milestones
      .filter((x) => x.measureId === m.id)
      .map((x) => ({ id: x.id, title: x.title, dueOn: x.dueOn, doneOn: x.doneOn })),
    notes: notes
      .filter((n) => n.measureId === m.id)
      .map(({ measureId: _m, ...n }) => ({ ...n, user: n.user ?? null })),
  }));
}

async function checkMeasureLinks(s: TenantScope, input: MeasureUpdate) {
  await checkGoals(s, input.goalIds);
  if (input.responsibleUnitId) await checkUnits(s, [input.responsibleUnitId]);
  if (input.recommendationId && !(await findRecommendation(s, input.recommendationId)))
    throw notFound('Die Handlungsempfehlung');
}

function measureValues(input: MeasureUpdate) {
  const { milestones: _m, goalIds: _g, ...rest } = input;
  return Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
}

export async function createMeasure(s: TenantScope, actor: Actor, input: MeasureCreate): Promise<string> {
  await checkMeasureLinks(s, input);
  if (input.startOn && input.endOn && input.endOn < input.startOn)
    throw badRequest('Das Ende liegt vor dem Beginn.', { field: 'endOn' });
  return s.transaction(async (tx) => {
    const id = await insertMeasure(tx, {
      ...measureValues(input),
      title: input.title,
      responsibleUnitId: input.responsibleUnitId,
    });
    await replaceMilestones(tx, id, input.milestones ?? []);
    await replaceMeasureGoals(tx, id, input.goalIds ?? []);
    await record(tx, actor, 'measure', id, 'created', `Maßnahme „${input.title}“ angelegt`);
    return id;
  });
}

export async function updateMeasure(s: TenantScope, actor: Actor, id: string, input: MeasureUpdate) {
  const m = await findMeasure(s, id);
  if (!m) throw notFound('Die Maßnahme');
  await checkMeasureLinks(s, input);
  const startOn = input.startOn === undefined ? m.startOn : input.startOn;
  const endOn = input.endOn === undefined ? m.endOn : input.endOn;
  if (startOn && endOn && endOn < startOn)
    throw badRequest('Das Ende liegt vor dem Beginn.', { field: 'endOn' });
  await s.transaction(async (tx) => {
    const set = measureValues(input);
    if (Object.keys(set).length) await updateMeasureRow(tx, id, set);
    if (input.milestones) await replaceMilestones(tx, id, input.milestones);
    if (input.goalIds) await replaceMeasureGoals(tx, id, input.goalIds);
    await record(
      tx,
      actor,
      'measure',
      id,
      input.status && input.status !== m.status ? 'status' : 'updated',
      input.status && input.status !== m.status
        ? `Status: ${MEASURE_STATUS_DE[m.status as Measure['status']] ?? m.status} → ${MEASURE_STATUS_DE[input.status]}`
        : `Geändert: ${changedFields(Object.keys(input))}`,
    );
  });
}

export async function deleteMeasure(s: TenantScope, id: string) {
  if (!(await findMeasure(s, id))) throw notFound('Die Maßnahme');
  await deleteMeasureRow(s, id);
}

/**
 * A dated progress note on a measure. Editors may always write one; contributors only for a measure
 * their organisation unit is responsible for (403 otherwise), like statements on recommendations.
 */
export async function addMeasureNote(
  s: TenantScope,
  actor: Actor,
  measureId: string,
  input: MeasureNoteCreate,
): Promise<string> {
  const m = await findMeasure(s, measureId);
  if (!m) throw notFound('Die Maßnahme');
  if (!actor.canWrite) {
    const mine = await myUnitIds(s, actor.userId);
    if (!m.responsibleUnitId || !mine.includes(m.responsibleUnitId)) throw forbidden();
  }
  return s.transaction(async (tx) => {
    const id = await insertMeasureNote(tx, { measureId, ...input, userId: actor.userId });
    await updateMeasureRow(tx, measureId, {});
    const [y, mo, d] = input.notedOn.split('-');
    await record(tx, actor, 'measure', measureId, 'note', `Fortschrittsvermerk zum ${d}.${mo}.${y}`);
    return id;
  });
}

export async function deleteMeasureNote(s: TenantScope, actor: Actor, measureId: string, noteId: string) {
  if (!(await findMeasure(s, measureId))) throw notFound('Die Maßnahme');
  if (!(await deleteMeasureNoteRow(s, measureId, noteId))) throw notFound('Der Fortschrittsvermerk');
  await record(s, actor, 'measure', measureId, 'note_removed', 'Fortschrittsvermerk gelöscht');
}

/* ---------- overview ---------- */

const today = () => new Date().toISOString().slice(0, 10);

/** The overview; `computed` are the goals with targets when the caller has already computed them. */
export async function steeringOverview(
  s: TenantScope,
  computed?: Awaited<ReturnType<typeof listGoals>>,
  userId: string | null = null,
): Promise<SteeringOverview> {
  const decisions = await listDecisions(s);
  const goals = (computed ?? (await listGoals(s))).map(({ targets: _t, ...g }) => g);
  const measures = await listMeasures(s);
  const now = today();
  return {
    missionStatements: await listMissionStatements(s, decisions),
    units: await listUnits(s),
    bodies: await bodyChoices(s),
    myUnitIds: await myUnitIds(s, userId),
    goals,
    recommendations: await listRecommendations(s),
    decisions,
    measures,
    overdueMilestones: measures
      .filter((m) => m.status !== 'completed' && m.status !== 'cancelled')
      .flatMap((m) =>
        m.milestones
          .filter((x) => !x.doneOn && x.dueOn < now)
          .map((x) => ({ measureId: m.id, measureTitle: m.title, title: x.title, dueOn: x.dueOn })),
      ),
  };
}
