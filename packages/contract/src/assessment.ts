import { z } from 'zod';
import { roleSchema } from './roles';

/**
 * DKBM-Selbsteinschätzung: the maturity model of the Transferinitiative (seed 003) as a repeated,
 * multi-rater instrument. Terms: assessment, component (Kernkomponente), level (Typ 1–4),
 * frameworkCondition (Rahmenbedingung).
 */

export const levelSchema = z.number().int().min(1).max(4);

/* ---------- instrument (versioned data) ---------- */

export const instrumentComponentSchema = z.object({
  /** Stable key across versions, e.g. 'strategische_ziele'. */
  key: z
    .string()
    .min(1)
    .max(60)
    .regex(/^[a-z0-9_]+$/, 'Nur Kleinbuchstaben, Ziffern und Unterstriche'),
  name: z.string().trim().min(1).max(120),
  nameEn: z.string().trim().max(120).nullable().optional(),
  /** Guiding question, e.g. „Wie werden die Bildungsziele definiert?“ */
  question: z.string().trim().min(1).max(400),
  /** The four development types in order 1..4, one sentence (or two) each. */
  types: z.array(z.string().trim().min(1).max(1000)).length(4),
});
export type InstrumentComponent = z.infer<typeof instrumentComponentSchema>;

export const frameworkConditionDefSchema = z.object({
  key: z
    .string()
    .min(1)
    .max(60)
    .regex(/^[a-z0-9_]+$/),
  /** 'ressourcen' or 'struktur' (the two groups of the seed). */
  group: z.enum(['ressourcen', 'struktur']),
  name: z.string().trim().min(1).max(120),
  hint: z.string().max(400).nullable().optional(),
  kind: z.enum(['number', 'text']),
  unit: z.string().max(40).nullable().optional(),
});
export type FrameworkConditionDef = z.infer<typeof frameworkConditionDefSchema>;

export const instrumentContentSchema = z.object({
  title: z.string().trim().min(1).max(200),
  description: z.string().max(4000).nullable().optional(),
  /** Where the model comes from (shown on every page and export). */
  source: z.string().trim().min(1).max(500),
  components: z
    .array(instrumentComponentSchema)
    .min(1)
    .max(20)
    .refine(
      (c) => new Set(c.map((x) => x.key)).size === c.length,
      'Schlüssel der Komponenten müssen eindeutig sein',
    ),
  frameworkConditions: z.array(frameworkConditionDefSchema).max(30),
});
export type InstrumentContent = z.infer<typeof instrumentContentSchema>;

export const instrumentSchema = z.object({
  id: z.uuid(),
  /** Same for all versions of one instrument. */
  family: z.string(),
  version: z.number().int(),
  /** null: the shipped default of the platform; else the tenant that adapted it. */
  tenantId: z.uuid().nullable(),
  content: instrumentContentSchema,
  createdAt: z.string(),
  /** Rounds made with this version (a used version is never changed; adapting creates a new one). */
  usedBy: z.number().int(),
});
export type Instrument = z.infer<typeof instrumentSchema>;

/** Adapt an instrument: a new version of the tenant's own copy (from the default or an earlier version). */
export const instrumentCreateSchema = z.object({
  basedOn: z.uuid(),
  content: instrumentContentSchema,
});

/* ---------- rounds and participants ---------- */

export const roundStatusSchema = z.enum(['draft', 'open', 'closed']);
export const raterGroupSchema = z.enum(['bildungsbuero', 'verwaltung', 'extern']);
export const RATER_GROUP_LABELS: Record<z.infer<typeof raterGroupSchema>, { de: string; en: string }> = {
  bildungsbuero: { de: 'Bildungsbüro', en: 'Education office' },
  verwaltung: { de: 'Ämter und Fachbereiche', en: 'Departments' },
  extern: { de: 'Externe Partner', en: 'External partners' },
};

export const frameworkValueSchema = z.object({
  /** Number as text with '.' (kind number) or free text. */
  value: z.string().max(4000).nullable(),
  /** manual, or prefilled from a monitoring indicator (then indicator and period name the source). */
  source: z.enum(['manual', 'indicator']),
  indicatorId: z.uuid().nullable().optional(),
  indicatorName: z.string().nullable().optional(),
  period: z.string().nullable().optional(),
  note: z.string().max(1000).nullable().optional(),
});
export type FrameworkValue = z.infer<typeof frameworkValueSchema>;

export const roundSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  purpose: z.string().nullable(),
  startsOn: z.string(),
  endsOn: z.string(),
  status: roundStatusSchema,
  /** Anonymous: the workshop view shows distributions only, and only from 3 raters per component on. */
  anonymous: z.boolean(),
  instrumentId: z.uuid(),
  instrumentVersion: z.number().int(),
  instrumentTitle: z.string(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  participants: z.number().int(),
  submitted: z.number().int(),
  consolidated: z.number().int(),
  components: z.number().int(),
});
export type Round = z.infer<typeof roundSchema>;

export const roundCreateSchema = z.object({
  title: z.string().trim().min(3).max(200),
  purpose: z.string().trim().max(2000).nullish(),
  startsOn: z.iso.date(),
  endsOn: z.iso.date(),
  anonymous: z.boolean().default(false),
  /** Instrument version; default: the newest version of the tenant's copy, else the platform default. */
  instrumentId: z.uuid().optional(),
});
export const roundUpdateSchema = z
  .object({
    title: z.string().trim().min(3).max(200),
    purpose: z.string().trim().max(2000).nullable(),
    startsOn: z.iso.date(),
    endsOn: z.iso.date(),
    anonymous: z.boolean(),
    status: roundStatusSchema,
  })
  .partial();

export const participantSchema = z.object({
  id: z.uuid(),
  kind: z.enum(['user', 'external']),
  userId: z.uuid().nullable(),
  /** Display name of a user, or the label given to an external link (e.g. „Volkshochschule“). */
  label: z.string(),
  group: raterGroupSchema,
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  submittedAt: z.string().nullable(),
  lastSavedAt: z.string().nullable(),
  answered: z.number().int(),
});
export type Participant = z.infer<typeof participantSchema>;

/**
 * A person of the municipality who can be invited to a round (member picker of the Redaktion): only what
 * is needed to choose someone, nothing of the account's administration (no login times, no invitations).
 */
export const roundCandidateSchema = z.object({
  id: z.uuid(),
  displayName: z.string(),
  email: z.string(),
  role: roleSchema,
});
export type RoundCandidate = z.infer<typeof roundCandidateSchema>;

export const participantCreateSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('user'), userId: z.uuid(), group: raterGroupSchema.default('bildungsbuero') }),
  z.object({
    kind: z.literal('external'),
    /** Organisation or role, no personal data needed (e.g. „Kita-Träger Nord“). */
    label: z.string().trim().min(2).max(120),
    group: raterGroupSchema.default('extern'),
    /** Default: the end of the round. */
    expiresAt: z.iso.date().optional(),
  }),
]);
/** The personal link of an external rater is shown once, at creation. */
export const participantCreatedSchema = participantSchema.extend({ link: z.string().nullable() });

/* ---------- answers ---------- */

export const answerSchema = z.object({
  componentKey: z.string(),
  /** 1–4, or null with `cannotAssess` („kann ich nicht einschätzen“), or null while unanswered. */
  level: levelSchema.nullable(),
  cannotAssess: z.boolean(),
  comment: z.string().max(4000).nullable(),
  evidenceUrl: z.string().max(1000).nullable(),
  evidenceFile: z.object({ id: z.uuid(), name: z.string(), size: z.number().int() }).nullable(),
  updatedAt: z.string().nullable(),
});
export type Answer = z.infer<typeof answerSchema>;

export const answerUpdateSchema = z
  .object({
    level: levelSchema.nullable(),
    cannotAssess: z.boolean().default(false),
    comment: z.string().trim().max(4000).nullable().optional(),
    evidenceUrl: z
      .string()
      .trim()
      .max(1000)
      .regex(/^https?:\/\//, 'Bitte eine Adresse mit http:// oder https:// angeben')
      .nullable()
      .optional(),
  })
  .refine((a) => !(a.cannotAssess && a.level !== null), 'Entweder ein Typ oder „kann ich nicht einschätzen“');

/** What a rater sees: the round, the instrument version it was made with, and the own answers. */
export const raterViewSchema = z.object({
  round: z.object({
    id: z.uuid(),
    title: z.string(),
    purpose: z.string().nullable(),
    endsOn: z.string(),
    status: roundStatusSchema,
  }),
  tenantName: z.string(),
  instrument: instrumentContentSchema,
  answers: z.array(answerSchema),
  submittedAt: z.string().nullable(),
});
export type RaterView = z.infer<typeof raterViewSchema>;

/* ---------- consolidation (workshop) ---------- */

export const componentStatsSchema = z.object({
  componentKey: z.string(),
  /** Raters who chose a type. */
  n: z.number().int(),
  cannotAssess: z.number().int(),
  /** Counts of types 1..4 (null when hidden: anonymous round with fewer than 3 raters). */
  distribution: z.array(z.number().int()).length(4).nullable(),
  min: levelSchema.nullable(),
  max: levelSchema.nullable(),
  median: z.number().nullable(),
  mean: z.number().nullable(),
  /** max − min; 2 or more is highlighted as disagreement. */
  spread: z.number().int().nullable(),
  disagreement: z.boolean(),
  hidden: z.boolean(),
});
export type ComponentStats = z.infer<typeof componentStatsSchema>;

export const consolidationSchema = z.object({
  round: roundSchema,
  instrument: instrumentContentSchema,
  components: z.array(
    z.object({
      key: z.string(),
      stats: componentStatsSchema,
      /** Who rated what (named rounds only; empty in anonymous rounds). */
      ratings: z.array(
        z.object({
          participantId: z.uuid(),
          label: z.string(),
          group: raterGroupSchema,
          level: levelSchema.nullable(),
          cannotAssess: z.boolean(),
        }),
      ),
      /** Comments side by side (anonymous rounds: without names, only when the component is not hidden). */
      comments: z.array(
        z.object({
          label: z.string().nullable(),
          group: raterGroupSchema.nullable(),
          text: z.string(),
          evidenceUrl: z.string().nullable(),
          /** Uploaded evidence (download: GET …/rounds/:roundId/files/:id); added later, hence optional. */
          evidenceFile: z
            .object({ id: z.uuid(), name: z.string(), size: z.number().int() })
            .nullable()
            .optional(),
        }),
      ),
      agreed: z
        .object({
          level: levelSchema,
          rationale: z.string(),
          decidedAt: z.string(),
          decidedBy: z.string().nullable(),
        })
        .nullable(),
    }),
  ),
  framework: z.record(z.string(), frameworkValueSchema),
});
export type Consolidation = z.infer<typeof consolidationSchema>;

export const agreementSchema = z.object({
  level: levelSchema,
  rationale: z.string().trim().min(3, 'Bitte begründen Sie die Einstufung kurz').max(4000),
});

/* ---------- results, goals, comparison ---------- */

export const developmentGoalSchema = z.object({
  id: z.uuid(),
  componentKey: z.string(),
  /** The agreed type and the next one (the development goal); 4 stays 4 (goal: keep the level). */
  fromLevel: levelSchema,
  targetLevel: levelSchema,
  /** Description of the target type from the instrument version of the round. */
  targetText: z.string(),
  plan: z.string().nullable(),
  owner: z.string().nullable(),
  dueOn: z.string().nullable(),
  status: z.enum(['open', 'in_progress', 'done']),
  updatedAt: z.string(),
});
export type DevelopmentGoal = z.infer<typeof developmentGoalSchema>;
export const developmentGoalUpdateSchema = z.object({
  plan: z.string().trim().max(4000).nullable().optional(),
  owner: z.string().trim().max(200).nullable().optional(),
  dueOn: z.iso.date().nullable().optional(),
  status: z.enum(['open', 'in_progress', 'done']).optional(),
});

export const resultsSchema = z.object({
  round: roundSchema,
  instrument: instrumentContentSchema,
  profile: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      agreed: levelSchema.nullable(),
      /** Range of the individual ratings (hidden in anonymous rounds below 3 raters). */
      min: levelSchema.nullable(),
      max: levelSchema.nullable(),
    }),
  ),
  /** Earlier closed rounds of the same instrument family, newest first. */
  earlier: z.array(
    z.object({
      roundId: z.uuid(),
      title: z.string(),
      endsOn: z.string(),
      profile: z.array(z.object({ key: z.string(), agreed: levelSchema.nullable() })),
    }),
  ),
  goals: z.array(developmentGoalSchema),
  framework: z.record(z.string(), frameworkValueSchema),
});
export type Results = z.infer<typeof resultsSchema>;

/* ---------- sharing with a regional agency ---------- */

export const shareSchema = z.object({
  agencyTenantId: z.uuid(),
  agencyName: z.string(),
  grantedAt: z.string(),
  grantedBy: z.string().nullable(),
});
export const shareCreateSchema = z.object({ agencyTenantId: z.uuid() });

/** What an agency sees: the latest consolidated profile of every municipality that shares, and medians. */
export const networkOverviewSchema = z.object({
  components: z.array(z.object({ key: z.string(), name: z.string() })),
  municipalities: z.array(
    z.object({
      tenantId: z.uuid(),
      name: z.string(),
      roundTitle: z.string(),
      endsOn: z.string(),
      profile: z.array(z.object({ key: z.string(), agreed: levelSchema.nullable() })),
    }),
  ),
  median: z.array(z.object({ key: z.string(), median: z.number().nullable(), n: z.number().int() })),
});
