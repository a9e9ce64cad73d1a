import { z } from 'zod';
import { patchSchema } from './patch';

/**
 * Steuerung („Ziele & Steuerung“): Leitbild (missionStatement), goals, targets on monitoring indicators
 * with a computed progress status, recommendations, decisions and measures (docs/steering.md).
 */

const title = z.string().trim().min(1).max(200);
const longText = z.string().trim().max(8000);
const optText = (max: number) => z.string().trim().max(max).nullable().optional();
/** Exact decimal as text, '.' as separator (e.g. '12.5'). */
const decimalText = z
  .string()
  .trim()
  .regex(/^-?\d{1,12}(\.\d{1,6})?$/, 'Dezimalzahl mit Punkt, z. B. 12.5');
const isoDate = z.iso.date();

export const GOAL_STATUSES = ['planned', 'active', 'achieved', 'dropped'] as const;
export const goalStatusSchema = z.enum(GOAL_STATUSES);
export type SteeringGoalStatus = z.infer<typeof goalStatusSchema>;

export const RECOMMENDATION_STATUSES = [
  'draft',
  'agreed',
  'submitted',
  'adopted',
  'adopted_amended',
  'rejected',
  'deferred',
  'in_progress',
  'implemented',
  'evaluated',
] as const;
export const recommendationStatusSchema = z.enum(RECOMMENDATION_STATUSES);
export type RecommendationStatus = z.infer<typeof recommendationStatusSchema>;
/** German names of the recommendation states, for every page and document that shows one. */
export const RECOMMENDATION_STATUS_LABELS: Record<RecommendationStatus, string> = {
  draft: 'Entwurf',
  agreed: 'abgestimmt mit Fachbereich',
  submitted: 'dem Gremium vorgelegt',
  adopted: 'beschlossen',
  adopted_amended: 'geändert beschlossen',
  rejected: 'abgelehnt',
  deferred: 'zurückgestellt',
  in_progress: 'in Umsetzung',
  implemented: 'umgesetzt',
  evaluated: 'evaluiert',
};

export const DECISION_OUTCOMES = ['adopted', 'adopted_amended', 'rejected', 'deferred'] as const;
export const decisionOutcomeSchema = z.enum(DECISION_OUTCOMES);
export type DecisionOutcome = z.infer<typeof decisionOutcomeSchema>;

export const MEASURE_STATUSES = ['planned', 'in_progress', 'completed', 'paused', 'cancelled'] as const;
export const measureStatusSchema = z.enum(MEASURE_STATUSES);
export type MeasureStatus = z.infer<typeof measureStatusSchema>;

export const PRIORITIES = ['high', 'medium', 'low'] as const;
export const prioritySchema = z.enum(PRIORITIES);

export const progressStatusSchema = z.enum([
  'deterioration',
  'limited_progress',
  'moderate_progress',
  'on_track',
  'target_achieved',
  'insufficient_data',
]);
export type SteeringProgressStatus = z.infer<typeof progressStatusSchema>;

/* ---------- Leitbild ---------- */

export const missionStatementSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  text: z.string(),
  createdAt: z.string(),
  /** The decision that adopted this version („beschlossen“), if any. */
  decision: z
    .object({ id: z.string(), body: z.string(), decidedOn: z.string(), number: z.string().nullable() })
    .nullable(),
});
export type MissionStatement = z.infer<typeof missionStatementSchema>;

export const missionStatementCreateSchema = z.object({
  text: z.string().trim().min(1).max(8000).describe('Text des Leitbilds (neue Version)'),
});

/* ---------- goals and targets ---------- */

export const targetCreateSchema = z.object({
  indicatorId: z.uuid().describe('Indikator des Monitorings'),
  areaId: z.uuid().describe('Raumeinheit'),
  /** Dimension selection, e.g. { altersgruppe: 'insgesamt' }; {} for an indicator without dimensions. */
  dims: z.record(z.string().max(60), z.string().max(60)).default({}),
  baselinePeriod: isoDate.describe('Basiszeitraum (der Wert wird aus den Daten übernommen)'),
  targetPeriod: isoDate.describe('Zielzeitraum'),
  targetValue: decimalText.describe('Zielwert'),
});
export type TargetCreate = z.infer<typeof targetCreateSchema>;

export const progressSchema = z.object({
  status: progressStatusSchema,
  label: z.string(),
  reason: z.string().nullable(),
  caveats: z.array(z.string()),
  actualRate: z.string().nullable(),
  requiredRate: z.string().nullable(),
  ratio: z.string().nullable(),
  latest: z.object({ period: z.string(), value: z.string(), flag: z.string().nullable() }).nullable(),
  expectedPath: z.array(z.object({ period: z.string(), value: z.string() })),
});
export type Progress = z.infer<typeof progressSchema>;

export const targetSchema = z.object({
  id: z.string(),
  goalId: z.string(),
  indicator: z.object({ id: z.string(), code: z.string(), name: z.string(), unit: z.string().nullable() }),
  area: z.object({ id: z.string(), name: z.string() }),
  dims: z.record(z.string(), z.string()),
  direction: z.enum(['higher_better', 'lower_better']),
  baselinePeriod: z.string(),
  baselineValue: z.string().nullable(),
  targetPeriod: z.string(),
  targetValue: z.string(),
  progress: progressSchema,
  /** The values of the selection (for the chart and its table). */
  values: z.array(
    z.object({ period: z.string(), value: z.string().nullable(), flag: z.string().nullable() }),
  ),
});
export type Target = z.infer<typeof targetSchema>;

export const steeringGoalCreateSchema = z.object({
  parentId: z.uuid().nullable().optional().describe('Übergeordnetes (strategisches) Ziel'),
  title,
  description: optText(4000),
  owner: optText(200).describe('Verantwortlich (Fachbereich oder Person)'),
  periodStart: isoDate.nullable().optional(),
  periodEnd: isoDate.nullable().optional(),
  status: goalStatusSchema.default('active'),
  isPublic: z.boolean().default(false).describe('Im öffentlichen Portal zeigen'),
});
export type SteeringGoalCreate = z.infer<typeof steeringGoalCreateSchema>;
/** Change schemas leave out what a PATCH does not name (no defaults, see `patchSchema`). */
export const steeringGoalUpdateSchema = patchSchema(steeringGoalCreateSchema);
export type SteeringGoalUpdate = z.infer<typeof steeringGoalUpdateSchema>;

export const steeringGoalSchema = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  kind: z.enum(['strategic', 'operational']),
  title: z.string(),
  description: z.string().nullable(),
  owner: z.string().nullable(),
  periodStart: z.string().nullable(),
  periodEnd: z.string().nullable(),
  status: goalStatusSchema,
  isPublic: z.boolean(),
  /** The component of the DKBM development model (e.g. taken from a self-assessment development goal). */
  componentKey: z.string().nullable(),
  developmentGoalId: z.string().nullable(),
  /** Summary of the targets' computed statuses (Open SDG score mean). */
  progress: z.object({ status: progressStatusSchema, label: z.string(), targets: z.number().int() }),
  updatedAt: z.string(),
});
export type SteeringGoal = z.infer<typeof steeringGoalSchema>;

export const steeringGoalDetailSchema = steeringGoalSchema.extend({
  targets: z.array(targetSchema),
  children: z.array(steeringGoalSchema),
  history: z.lazy(() => z.array(historyEntrySchema)),
});
export type SteeringGoalDetail = z.infer<typeof steeringGoalDetailSchema>;

/* ---------- recommendations, decisions, measures ---------- */

/* ---------- findings ---------- */

export const findingCreateSchema = z.object({
  statement: z.string().trim().min(1).max(1000).describe('Befund (kurze Aussage)'),
  indicatorId: z.uuid().describe('Indikator des Monitorings'),
  areaIds: z.array(z.uuid()).min(1).max(20).describe('Raumeinheiten, deren Werte zitiert werden'),
  period: isoDate.describe('Zeitraum der zitierten Werte'),
  dims: z.record(z.string().max(60), z.string().max(60)).default({}),
});
export type FindingCreate = z.infer<typeof findingCreateSchema>;
export const findingSchema = z.object({
  id: z.string(),
  statement: z.string(),
  indicatorId: z.string(),
  indicator: z.string(),
  unit: z.string().nullable(),
  period: z.string(),
  dims: z.record(z.string(), z.string()),
  /** The cited values as they were when the finding was made. */
  values: z.array(
    z.object({
      areaId: z.string(),
      area: z.string(),
      value: z.string().nullable(),
      flag: z.string().nullable(),
    }),
  ),
  createdAt: z.string(),
  /** The report section (chapter of the reports module) the finding belongs to. */
  reportSection: z
    .object({
      chapterId: z.string(),
      chapterTitle: z.string(),
      reportId: z.string(),
      reportTitle: z.string(),
    })
    .nullable(),
  /** The recommendations that rest on the finding. */
  recommendationIds: z.array(z.string()),
});
export type Finding = z.infer<typeof findingSchema>;
export const findingLinksSchema = z.object({
  reportChapterId: z.uuid().nullable().optional().describe('Abschnitt eines Bildungsberichts'),
  recommendationIds: z.array(z.uuid()).max(50).optional().describe('Handlungsempfehlungen'),
});
export type FindingLinks = z.infer<typeof findingLinksSchema>;
export const reportSectionSchema = z.object({
  chapterId: z.string(),
  chapterTitle: z.string(),
  reportId: z.string(),
  reportTitle: z.string(),
});
export type ReportSection = z.infer<typeof reportSectionSchema>;

/* ---------- organisation units ---------- */

export const unitSchema = z.object({
  id: z.string(),
  name: z.string(),
  members: z.array(z.object({ userId: z.string(), name: z.string() })),
});
export type Unit = z.infer<typeof unitSchema>;
export const unitCreateSchema = z.object({
  name: z.string().trim().min(1).max(200).describe('Name der Organisationseinheit (Amt, Fachbereich)'),
});
export const unitMembersSchema = z.object({
  userIds: z.array(z.uuid()).max(200).describe('Mitglieder (Personen der Kommune)'),
});

/* ---------- comments ---------- */

export const COMMENT_OBJECT_KINDS = ['goal', 'recommendation', 'decision', 'measure', 'finding'] as const;
export const commentObjectKindSchema = z.enum(COMMENT_OBJECT_KINDS);
export type CommentObjectKind = z.infer<typeof commentObjectKindSchema>;
export const commentSchema = z.object({
  id: z.string(),
  user: z.string().nullable(),
  text: z.string(),
  createdAt: z.string(),
});
export type Comment = z.infer<typeof commentSchema>;
export const commentCreateSchema = z.object({
  text: z.string().trim().min(1).max(4000).describe('Kommentar'),
});

export const recommendationCreateSchema = z.object({
  title,
  text: longText.min(1),
  rationale: optText(4000).describe('Begründung (Befunde)'),
  unitIds: z.array(z.uuid()).max(20).default([]).describe('Adressierte Organisationseinheiten'),
  goalIds: z.array(z.uuid()).max(50).default([]).describe('Verknüpfte Ziele'),
  bodyIds: z.array(z.uuid()).max(20).optional().describe('Adressierte Gremien (Modul Netzwerk und Gremien)'),
  priority: prioritySchema.default('medium'),
});
export type RecommendationCreate = z.infer<typeof recommendationCreateSchema>;
export const recommendationUpdateSchema = z.object({
  title: title.optional(),
  text: longText.min(1).optional(),
  rationale: optText(4000),
  unitIds: z.array(z.uuid()).max(20).optional(),
  goalIds: z.array(z.uuid()).max(50).optional(),
  bodyIds: z.array(z.uuid()).max(20).optional(),
  priority: prioritySchema.optional(),
  status: recommendationStatusSchema.optional(),
});
export type RecommendationUpdate = z.infer<typeof recommendationUpdateSchema>;
export const statementCreateSchema = z.object({
  statement: z.string().trim().min(1).max(4000).describe('Stellungnahme des Fachbereichs'),
});

export const recommendationSchema = z.object({
  id: z.string(),
  title: z.string(),
  text: z.string(),
  rationale: z.string().nullable(),
  units: z.array(z.object({ id: z.string(), name: z.string() })),
  goalIds: z.array(z.string()),
  /** The bodies (network module) the recommendation is addressed to. */
  bodies: z.array(z.object({ id: z.string(), name: z.string() })),
  priority: prioritySchema,
  status: recommendationStatusSchema,
  statement: z.string().nullable(),
  statementAt: z.string().nullable(),
  decisions: z.array(z.object({ decisionId: z.string(), outcome: decisionOutcomeSchema })),
  /** Decisions of bodies taken in meetings (network module) on this recommendation. */
  meetingDecisions: z.array(
    z.object({
      decisionId: z.string(),
      text: z.string(),
      outcome: z.string(),
      meetingTitle: z.string(),
      meetingStartsAt: z.string(),
      bodyName: z.string(),
      approved: z.boolean(),
    }),
  ),
  updatedAt: z.string(),
});
export type Recommendation = z.infer<typeof recommendationSchema>;

/** The body: one of the network module (`bodyId`) or, for a body outside the network, its name (`body`). */
export const decisionCreateSchema = z.object({
  bodyId: z.uuid().nullable().optional().describe('Gremium aus „Netzwerk & Gremien“'),
  body: z.string().trim().min(1).max(200).optional().describe('Gremium (Freitext, wenn nicht im Netzwerk)'),
  decidedOn: isoDate,
  number: optText(60).describe('Beschluss-Nr.'),
  wording: longText.min(1).describe('Wortlaut'),
  documentUrl: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .nullable()
    .optional(),
  missionStatementId: z.uuid().nullable().optional().describe('Beschlossene Leitbild-Version'),
  outcomes: z
    .array(z.object({ recommendationId: z.uuid(), outcome: decisionOutcomeSchema }))
    .max(100)
    .default([]),
});
export type DecisionCreate = z.infer<typeof decisionCreateSchema>;

export const decisionSchema = z.object({
  id: z.string(),
  /** The body's current name (network body) or the free text. */
  body: z.string(),
  bodyId: z.string().nullable(),
  decidedOn: z.string(),
  number: z.string().nullable(),
  wording: z.string(),
  documentUrl: z.string().nullable(),
  missionStatementId: z.string().nullable(),
  /** The uploaded decision document (PDF), if any: …/decisions/:id/document. */
  document: z.object({ name: z.string(), size: z.number().int(), uploadedAt: z.string() }).nullable(),
  outcomes: z.array(z.object({ recommendationId: z.string(), outcome: decisionOutcomeSchema })),
});
export type Decision = z.infer<typeof decisionSchema>;

export const milestoneInputSchema = z.object({
  title: z.string().trim().min(1).max(200),
  dueOn: isoDate,
  doneOn: isoDate.nullable().optional(),
});

export const measureCreateSchema = z.object({
  title,
  description: optText(4000),
  responsibleUnitId: z.uuid().describe('Verantwortliche Organisationseinheit'),
  partners: optText(500),
  startOn: isoDate.nullable().optional(),
  endOn: isoDate.nullable().optional(),
  status: measureStatusSchema.default('planned'),
  budgetPlanned: decimalText.nullable().optional().describe('Geplantes Budget in EUR'),
  budgetSpent: decimalText.nullable().optional().describe('Verausgabt in EUR'),
  goalIds: z.array(z.uuid()).max(50).optional().describe('Verknüpfte Ziele'),
  recommendationId: z.uuid().nullable().optional(),
  milestones: z.array(milestoneInputSchema).max(50).optional(),
});
export type MeasureCreate = z.infer<typeof measureCreateSchema>;
export const measureUpdateSchema = patchSchema(measureCreateSchema);
export type MeasureUpdate = z.infer<typeof measureUpdateSchema>;

export const measureNoteSchema = z.object({
  id: z.string(),
  notedOn: z.string(),
  text: z.string(),
  user: z.string().nullable(),
  createdAt: z.string(),
});
export type MeasureNote = z.infer<typeof measureNoteSchema>;
export const measureNoteCreateSchema = z.object({
  notedOn: isoDate.describe('Stand (Datum des Vermerks)'),
  text: z.string().trim().min(1).max(4000).describe('Fortschrittsvermerk'),
});
export type MeasureNoteCreate = z.infer<typeof measureNoteCreateSchema>;

export const measureSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  /** The responsible organisation unit (null when it was deleted). */
  responsibleUnit: z.object({ id: z.string(), name: z.string() }).nullable(),
  partners: z.string().nullable(),
  startOn: z.string().nullable(),
  endOn: z.string().nullable(),
  status: measureStatusSchema,
  budgetPlanned: z.string().nullable(),
  budgetSpent: z.string().nullable(),
  goalIds: z.array(z.string()),
  recommendationId: z.string().nullable(),
  milestones: z.array(
    z.object({ id: z.string(), title: z.string(), dueOn: z.string(), doneOn: z.string().nullable() }),
  ),
  /** Dated progress notes, newest first. */
  notes: z.array(measureNoteSchema),
});
export type Measure = z.infer<typeof measureSchema>;

export const historyEntrySchema = z.object({
  at: z.string(),
  user: z.string().nullable(),
  action: z.string(),
  summary: z.string(),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

/** A development goal of a self-assessment round that can become a steering goal with one action. */
export const developmentGoalCandidateSchema = z.object({
  roundId: z.string(),
  roundTitle: z.string(),
  developmentGoalId: z.string(),
  componentKey: z.string(),
  componentName: z.string(),
  fromLevel: z.number().int(),
  targetLevel: z.number().int(),
  targetText: z.string(),
  /** The steering goal already made from it, if any. */
  goalId: z.string().nullable(),
});
export type DevelopmentGoalCandidate = z.infer<typeof developmentGoalCandidateSchema>;
export const goalFromDevelopmentGoalSchema = z.object({
  roundId: z.uuid().describe('Einschätzungsrunde der Selbsteinschätzung'),
  developmentGoalId: z.uuid().describe('Entwicklungsziel dieser Runde'),
  parentId: z.uuid().nullable().optional().describe('Übergeordnetes (strategisches) Ziel'),
});
export type GoalFromDevelopmentGoal = z.infer<typeof goalFromDevelopmentGoalSchema>;

/** A decision taken in a meeting of a body (network module), to choose at a recommendation. */
export const meetingDecisionOptionSchema = z.object({
  decisionId: z.string(),
  text: z.string(),
  outcome: z.string(),
  meetingTitle: z.string(),
  meetingStartsAt: z.string(),
  bodyName: z.string(),
  approved: z.boolean(),
  /** The recommendation it is linked to, if any. */
  recommendationId: z.string().nullable(),
});
export type MeetingDecisionOption = z.infer<typeof meetingDecisionOptionSchema>;

export const meetingDecisionLinkSchema = z.object({
  meetingDecisionId: z.uuid().describe('Beschluss einer Sitzung (Modul Netzwerk und Gremien)'),
});

/** Everything of the steering loop for the overview page („Steuerungsübersicht“). */
export const steeringOverviewSchema = z.object({
  missionStatements: z.array(missionStatementSchema),
  units: z.array(unitSchema),
  /** The bodies of the network module (a recommendation may be addressed to them). */
  bodies: z.array(z.object({ id: z.string(), name: z.string() })),
  /** The units the signed-in person belongs to (statements, reminders). */
  myUnitIds: z.array(z.string()),
  goals: z.array(steeringGoalSchema),
  recommendations: z.array(recommendationSchema),
  decisions: z.array(decisionSchema),
  measures: z.array(measureSchema),
  /** Milestones past their due date and not done (of measures not completed or cancelled). */
  overdueMilestones: z.array(
    z.object({ measureId: z.string(), measureTitle: z.string(), title: z.string(), dueOn: z.string() }),
  ),
});
export type SteeringOverview = z.infer<typeof steeringOverviewSchema>;
