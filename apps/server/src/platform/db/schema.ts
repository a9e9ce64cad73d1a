import { sql, type SQL } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  customType,
} from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });
const createdAt = () => ts('created_at').notNull().defaultNow();
/** The owning municipality of a tenant-owned row; its rows go with it. */
const tenantRef = () =>
  uuid('tenant_id')
    .notNull()
    .references(() => tenants.id, { onDelete: 'cascade' });

/* ---------- tenants, accounts, sessions (platform) ---------- */

export const tenants = pgTable('tenants', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  type: text('type').notNull(),
  ags: text('ags'),
  color: text('color'),
  logo: text('logo'),
  isDemo: boolean('is_demo').notNull().default(false),
  /** Counts below this are suppressed in every public view (statistical disclosure control). */
  sdcThreshold: integer('sdc_threshold').notNull().default(3),
  createdAt: createdAt(),
});

/** Accounts are global (a person may belong to several tenants); roles live in memberships. */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash'),
    oidcSubject: text('oidc_subject'),
    isPlatformAdmin: boolean('is_platform_admin').notNull().default(false),
    active: boolean('active').notNull().default(true),
    locale: text('locale').notNull().default('de'),
    lastLoginAt: ts('last_login_at'),
    passwordChangedAt: ts('password_changed_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('users_email_lower_idx').on(sql`lower(${t.email})`),
    uniqueIndex('users_oidc_subject_idx').on(t.oidcSubject),
  ],
);

export const memberships = pgTable(
  'memberships',
  {
    tenantId: tenantRef(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.userId] }), index('memberships_user_idx').on(t.userId)],
);

/** Server-side sessions; only a SHA-256 hash of the cookie token is stored. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    expiresAt: ts('expires_at').notNull(),
    lastSeenAt: ts('last_seen_at').notNull().defaultNow(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** One-time links: invitations into a tenant and password resets. Only the token hash is stored. */
export const accountTokens = pgTable(
  'account_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull().unique(),
    purpose: text('purpose').notNull(), // 'invite' | 'reset'
    tenantId: uuid('tenant_id').references(() => tenants.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    email: text('email'),
    role: text('role'),
    expiresAt: ts('expires_at').notNull(),
    usedAt: ts('used_at'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('account_tokens_tenant_idx').on(t.tenantId)],
);

/** Key/value settings of the installation (e.g. generated secrets); not tenant data. */
export const systemSettings = pgTable('system_settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/* ---------- monitoring (tenant-owned) ---------- */

/**
 * A spatial unit (Raumeinheit) of a tenant: Bund … Planungsraum, Schulbezirk or custom. Identified by
 * level and key (AGS/ARS or a local code). `validFrom`/`validTo` bound its existence (e.g. a Kreis
 * dissolved by a territorial reform); names and boundaries over time live in area_versions.
 */
export const areas = pgTable(
  'areas',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    level: text('level').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    parentId: uuid('parent_id'),
    validFrom: date('valid_from', { mode: 'string' }),
    validTo: date('valid_to', { mode: 'string' }),
    importRunId: uuid('import_run_id'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('areas_tenant_level_code_idx').on(t.tenantId, t.level, t.code),
    index('areas_tenant_code_idx').on(t.tenantId, t.code),
    index('areas_parent_idx').on(t.parentId),
  ],
);

/** Gebietsstand: name and boundary of an area valid from–to a date. */
export const areaVersions = pgTable(
  'area_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    areaId: uuid('area_id')
      .notNull()
      .references(() => areas.id, { onDelete: 'cascade' }),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
    name: text('name').notNull(),
    geometry: jsonb('geometry'),
    /** [minLon, minLat, maxLon, maxLat] of the geometry. */
    bbox: jsonb('bbox').$type<[number, number, number, number]>(),
    importRunId: uuid('import_run_id'),
  },
  (t) => [index('area_versions_area_idx').on(t.areaId)],
);

export const indicators = pgTable(
  'indicators',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    code: text('code').notNull(),
    nameDe: text('name_de').notNull(),
    nameEn: text('name_en'),
    description: text('description'),
    unit: text('unit').notNull(),
    decimals: integer('decimals').notNull().default(0),
    /** One of the nine topics of the Anwendungsleitfaden (see contract INDICATOR_TOPICS). */
    topic: text('topic').notNull(),
    /** kern | ueberblick | ergaenzung */
    tier: text('tier').notNull().default('ergaenzung'),
    /** status | dynamic */
    kind: text('kind').notNull().default('status'),
    /** absolute | relative */
    measure: text('measure').notNull().default('absolute'),
    /** higher_better | lower_better | neutral */
    polarity: text('polarity').notNull().default('neutral'),
    /** year | half_year | school_year | date */
    periodType: text('period_type').notNull().default('year'),
    visibility: text('visibility').notNull().default('internal'),
    source: text('source'),
    licence: text('licence'),
    attribution: text('attribution'),
    updateInterval: text('update_interval'),
    contact: text('contact'),
    /** GENESIS table code and the measure key the indicator was imported from. */
    statisticsCode: text('statistics_code'),
    sourceKey: text('source_key'),
    /** Definition of a computed indicator (see @dkbm/domain compute types), else null. */
    computed: jsonb('computed'),
    /** Disclosure threshold for this indicator (null: the tenant's default). */
    sdcThreshold: integer('sdc_threshold'),
    /** Raised on every change of the indicator's data: ETags and caches key on it. */
    dataVersion: integer('data_version').notNull().default(1),
    /** Periods, levels and counts of the data (refreshed on every change of it). */
    coverage: jsonb('coverage'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('indicators_tenant_code_idx').on(t.tenantId, t.code)],
);

/** Dimensions (Merkmale) of a tenant: sex, age group, school type … with their values. */
export const dimensions = pgTable(
  'dimensions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    code: text('code').notNull(),
    nameDe: text('name_de').notNull(),
    nameEn: text('name_en'),
    /** false while the name is a generated default the user should replace. */
    named: boolean('named').notNull().default(true),
    /** Dimensions of imported files that went to this one ('<table code>:<key in the file>'), for re-imports. */
    sourceKeys: jsonb('source_keys').$type<string[]>().notNull().default([]),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('dimensions_tenant_code_idx').on(t.tenantId, t.code)],
);

export const dimensionValues = pgTable(
  'dimension_values',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    dimensionId: uuid('dimension_id')
      .notNull()
      .references(() => dimensions.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    labelDe: text('label_de').notNull(),
    labelEn: text('label_en'),
    isTotal: boolean('is_total').notNull().default(false),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [uniqueIndex('dimension_values_dim_code_idx').on(t.dimensionId, t.code)],
);

/** Which dimensions an indicator has (in display order). */
export const indicatorDimensions = pgTable(
  'indicator_dimensions',
  {
    tenantId: tenantRef(),
    indicatorId: uuid('indicator_id')
      .notNull()
      .references(() => indicators.id, { onDelete: 'cascade' }),
    dimensionId: uuid('dimension_id')
      .notNull()
      .references(() => dimensions.id, { onDelete: 'cascade' }),
    position: integer('position').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.indicatorId, t.dimensionId] })],
);

/** One disaggregation of an indicator (a combination of dimension values); observations hang off it. */
export const series = pgTable(
  'series',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    tenantId: tenantRef(),
    indicatorId: uuid('indicator_id')
      .notNull()
      .references(() => indicators.id, { onDelete: 'cascade' }),
    dims: jsonb('dims').$type<Record<string, string>>().notNull().default({}),
    /** Canonical text of dims ('' for none; 'altersgruppe=u3;geschlecht=w'). */
    dimsKey: text('dims_key').notNull().default(''),
  },
  (t) => [uniqueIndex('series_indicator_dims_idx').on(t.tenantId, t.indicatorId, t.dimsKey)],
);

/**
 * Values. Keyed by series, area and period (no surrogate id: the table is the largest by far). Only the
 * series is a foreign key; areas and tenant are checked set-wise by the import, because per-row foreign
 * key checks make bulk loads several times slower (ADR 5).
 */
export const observations = pgTable(
  'observations',
  {
    tenantId: uuid('tenant_id').notNull(),
    seriesId: bigint('series_id', { mode: 'number' })
      .notNull()
      .references(() => series.id, { onDelete: 'cascade' }),
    areaId: uuid('area_id').notNull(),
    period: date('period', { mode: 'string' }).notNull(),
    value: numeric('value'),
    flag: text('flag'),
    importRunId: uuid('import_run_id'),
  },
  (t) => [
    primaryKey({ columns: [t.seriesId, t.areaId, t.period] }),
    index('observations_area_idx').on(t.areaId),
  ],
);

/**
 * Statistical disclosure control of a count indicator, computed once per data version and threshold
 * (ADR 0006): the cells withheld in every public view, as [period, area id, dims key] triples. Rows of
 * older data versions are removed when a newer one is stored.
 */
export const disclosureResults = pgTable(
  'disclosure_results',
  {
    tenantId: tenantRef(),
    indicatorId: uuid('indicator_id')
      .notNull()
      .references(() => indicators.id, { onDelete: 'cascade' }),
    dataVersion: integer('data_version').notNull(),
    threshold: integer('threshold').notNull(),
    withheld: jsonb('withheld').$type<[string, string, string][]>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.indicatorId, t.dataVersion, t.threshold] })],
);

/**
 * An import (statistics table, boundaries, definitions): who, when, which file, what happened.
 * Every observation and area it created knows its run; a run can be undone as a whole.
 */
export const importRuns = pgTable(
  'import_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    /** web | cli */
    via: text('via').notNull().default('web'),
    /** statistics | boundaries */
    kind: text('kind').notNull(),
    fileName: text('file_name').notNull(),
    fileSize: integer('file_size').notNull(),
    checksum: text('checksum').notNull(),
    format: text('format'),
    /** uploaded | analyzing | ready | importing | done | failed | undone */
    status: text('status').notNull(),
    progress: integer('progress').notNull().default(0),
    progressText: text('progress_text'),
    analysis: jsonb('analysis'),
    options: jsonb('options'),
    result: jsonb('result'),
    error: jsonb('error'),
    createdAt: createdAt(),
    finishedAt: ts('finished_at'),
    undoneAt: ts('undone_at'),
    undoneBy: uuid('undone_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [index('import_runs_tenant_idx').on(t.tenantId, t.createdAt)],
);

/**
 * The uploaded file of a run (kept for re-analysis after a mapping change and for audit), in parts of
 * 1 MiB (`seq` 0, 1, …): PGlite's memory grows to the largest value it ever handled and never shrinks,
 * and one 48 MB file as one value cost it 300 MB (ADR 0005).
 */
export const importFiles = pgTable(
  'import_files',
  {
    importRunId: uuid('import_run_id')
      .notNull()
      .references(() => importRuns.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull().default(0),
    tenantId: tenantRef(),
    content: text('content').notNull(), // base64
  },
  (t) => [primaryKey({ columns: [t.importRunId, t.seq] })],
);

/** Observations an import replaced, so that undoing it restores them. */
export const importReplaced = pgTable(
  'import_replaced',
  {
    importRunId: uuid('import_run_id')
      .notNull()
      .references(() => importRuns.id, { onDelete: 'cascade' }),
    tenantId: tenantRef(),
    seriesId: bigint('series_id', { mode: 'number' }).notNull(),
    areaId: uuid('area_id').notNull(),
    period: date('period', { mode: 'string' }).notNull(),
    value: numeric('value'),
    flag: text('flag'),
    previousRunId: uuid('previous_run_id'),
  },
  (t) => [index('import_replaced_run_idx').on(t.importRunId)],
);

/** Keys mapped by hand in an import ("0315200" → area), saved for later imports of the tenant. */
export const keyMappings = pgTable(
  'key_mappings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    sourceKey: text('source_key').notNull(),
    areaId: uuid('area_id')
      .notNull()
      .references(() => areas.id, { onDelete: 'cascade' }),
    note: text('note'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('key_mappings_tenant_key_idx').on(t.tenantId, t.sourceKey)],
);

/**
 * Indicators created from the indicator catalogue (Kennzahlenkatalog): the catalogue version and variant
 * that wrote them and the catalogue-owned fields as written (`base`). Re-applying a newer version merges
 * three ways – base, the indicator as it is now, the new catalogue entry – so a catalogue change reaches
 * untouched fields and a local edit is never overwritten silently (ADR 9).
 */
export const catalogueIndicators = pgTable(
  'catalogue_indicators',
  {
    indicatorId: uuid('indicator_id')
      .primaryKey()
      .references(() => indicators.id, { onDelete: 'cascade' }),
    tenantId: tenantRef(),
    catalogueId: text('catalogue_id').notNull(),
    catalogueVersion: integer('catalogue_version').notNull(),
    /** official | local: which inputs the definition uses (see the catalogue's `meta.local`). */
    variant: text('variant').notNull(),
    base: jsonb('base').$type<Record<string, unknown>>().notNull(),
    appliedAt: ts('applied_at').notNull().defaultNow(),
  },
  (t) => [index('catalogue_indicators_tenant_idx').on(t.tenantId)],
);

/* ==========================================================================================
 * assessment (DKBM-Selbsteinschätzung) — owned by the assessment module
 * ========================================================================================== */

/**
 * Versions of an assessment instrument (components, types, framework conditions). `tenant_id` NULL is
 * the shipped default; a tenant's adaptation is a new version of the same family with its tenant id.
 * Rows are never updated: a round keeps the version it was made with.
 */
export const assessmentInstruments = pgTable(
  'assessment_instruments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id').references(() => tenants.id, { onDelete: 'cascade' }),
    family: text('family').notNull(),
    version: integer('version').notNull(),
    content: jsonb('content').notNull(),
    basedOn: uuid('based_on'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('assessment_instruments_tenant_family_version_idx').on(t.tenantId, t.family, t.version),
    uniqueIndex('assessment_instruments_default_family_version_idx')
      .on(t.family, t.version)
      .where(sql`tenant_id IS NULL`),
  ],
);

/** An assessment round of a tenant: draft → open → closed. */
export const assessmentRounds = pgTable(
  'assessment_rounds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    instrumentId: uuid('instrument_id')
      .notNull()
      .references(() => assessmentInstruments.id),
    title: text('title').notNull(),
    purpose: text('purpose'),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    /** draft | open | closed */
    status: text('status').notNull().default('draft'),
    anonymous: boolean('anonymous').notNull().default(false),
    /** Framework conditions of the round: condition key → FrameworkValue. */
    framework: jsonb('framework').notNull().default({}),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    openedAt: ts('opened_at'),
    closedAt: ts('closed_at'),
  },
  (t) => [index('assessment_rounds_tenant_idx').on(t.tenantId, t.endsOn)],
);

/**
 * Raters of a round: users of the tenant or external raters with a personal link (only the SHA-256
 * hash of the link's token is stored). Revoked participants can no longer answer and do not count.
 */
export const assessmentParticipants = pgTable(
  'assessment_participants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    roundId: uuid('round_id')
      .notNull()
      .references(() => assessmentRounds.id, { onDelete: 'cascade' }),
    /** user | external */
    kind: text('kind').notNull(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    /** Label of an external link (organisation or role); null for users (their name is looked up). */
    label: text('label'),
    /** bildungsbuero | verwaltung | extern */
    raterGroup: text('rater_group').notNull(),
    tokenHash: text('token_hash').unique(),
    expiresAt: ts('expires_at'),
    revokedAt: ts('revoked_at'),
    submittedAt: ts('submitted_at'),
    lastSavedAt: ts('last_saved_at'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    index('assessment_participants_round_idx').on(t.roundId),
    uniqueIndex('assessment_participants_round_user_idx').on(t.roundId, t.userId),
  ],
);

/** Evidence files attached to an answer (kept in the database like import files; base64). */
export const assessmentFiles = pgTable(
  'assessment_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    roundId: uuid('round_id')
      .notNull()
      .references(() => assessmentRounds.id, { onDelete: 'cascade' }),
    participantId: uuid('participant_id')
      .notNull()
      .references(() => assessmentParticipants.id, { onDelete: 'cascade' }),
    componentKey: text('component_key').notNull(),
    name: text('name').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    content: text('content').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('assessment_files_participant_idx').on(t.participantId)],
);

/** One rater's answer to one component (key of the round's instrument version). */
export const assessmentAnswers = pgTable(
  'assessment_answers',
  {
    participantId: uuid('participant_id')
      .notNull()
      .references(() => assessmentParticipants.id, { onDelete: 'cascade' }),
    tenantId: tenantRef(),
    roundId: uuid('round_id')
      .notNull()
      .references(() => assessmentRounds.id, { onDelete: 'cascade' }),
    componentKey: text('component_key').notNull(),
    level: integer('level'),
    cannotAssess: boolean('cannot_assess').notNull().default(false),
    comment: text('comment'),
    evidenceUrl: text('evidence_url'),
    evidenceFileId: uuid('evidence_file_id').references(() => assessmentFiles.id, { onDelete: 'set null' }),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.participantId, t.componentKey] }),
    index('assessment_answers_round_idx').on(t.roundId),
  ],
);

/** The type agreed in the workshop per component, with its rationale. */
export const assessmentAgreements = pgTable(
  'assessment_agreements',
  {
    roundId: uuid('round_id')
      .notNull()
      .references(() => assessmentRounds.id, { onDelete: 'cascade' }),
    tenantId: tenantRef(),
    componentKey: text('component_key').notNull(),
    level: integer('level').notNull(),
    rationale: text('rationale').notNull(),
    decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
    decidedAt: ts('decided_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.componentKey] })],
);

/**
 * Development goals from a round (one per component with an agreed type: reach the next type). A table
 * of its own so that the goals module can take them over later.
 */
export const assessmentGoals = pgTable(
  'assessment_goals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    roundId: uuid('round_id')
      .notNull()
      .references(() => assessmentRounds.id, { onDelete: 'cascade' }),
    componentKey: text('component_key').notNull(),
    fromLevel: integer('from_level').notNull(),
    targetLevel: integer('target_level').notNull(),
    targetText: text('target_text').notNull(),
    plan: text('plan'),
    owner: text('owner'),
    dueOn: date('due_on', { mode: 'string' }),
    /** open | in_progress | done */
    status: text('status').notNull().default('open'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('assessment_goals_round_component_idx').on(t.roundId, t.componentKey)],
);

/** Consent of a municipality to show its agreed profiles to a regional agency (a tenant of that type). */
export const assessmentShares = pgTable(
  'assessment_shares',
  {
    tenantId: tenantRef(),
    agencyTenantId: uuid('agency_tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    grantedBy: uuid('granted_by').references(() => users.id, { onDelete: 'set null' }),
    grantedAt: ts('granted_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.agencyTenantId] }),
    index('assessment_shares_agency_idx').on(t.agencyTenantId),
  ],
);

/* ---------- steering ---------- */

/** Leitbild versions; a version is „beschlossen“ when a decision names it. */
export const steeringMissionStatements = pgTable(
  'steering_mission_statements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    version: integer('version').notNull(),
    text: text('text').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('steering_mission_statements_version_idx').on(t.tenantId, t.version)],
);

/** Strategic goals (no parent) and operational goals (with a strategic parent). */
export const steeringGoals = pgTable(
  'steering_goals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    parentId: uuid('parent_id'),
    title: text('title').notNull(),
    description: text('description'),
    owner: text('owner'),
    periodStart: date('period_start', { mode: 'string' }),
    periodEnd: date('period_end', { mode: 'string' }),
    /** planned | active | achieved | dropped */
    status: text('status').notNull().default('active'),
    isPublic: boolean('is_public').notNull().default(false),
    /** The self-assessment's development goal this goal was taken from (no foreign key across modules). */
    developmentGoalId: uuid('development_goal_id'),
    /** The component of the DKBM development model the goal works on (e.g. from a development goal). */
    componentKey: text('component_key'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('steering_goals_tenant_idx').on(t.tenantId, t.parentId)],
);

/** A target („Zielwert“) on a monitoring indicator; its progress status is computed, never stored. */
export const steeringTargets = pgTable(
  'steering_targets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    goalId: uuid('goal_id')
      .notNull()
      .references(() => steeringGoals.id, { onDelete: 'cascade' }),
    indicatorId: uuid('indicator_id')
      .notNull()
      .references(() => indicators.id, { onDelete: 'cascade' }),
    areaId: uuid('area_id')
      .notNull()
      .references(() => areas.id, { onDelete: 'cascade' }),
    dims: jsonb('dims').$type<Record<string, string>>().notNull().default({}),
    /** higher_better | lower_better */
    direction: text('direction').notNull(),
    baselinePeriod: date('baseline_period', { mode: 'string' }).notNull(),
    /** Taken from the data when the target was set (internal view). */
    baselineValue: numeric('baseline_value'),
    targetPeriod: date('target_period', { mode: 'string' }).notNull(),
    targetValue: numeric('target_value').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('steering_targets_tenant_idx').on(t.tenantId, t.goalId)],
);

export const steeringRecommendations = pgTable(
  'steering_recommendations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    title: text('title').notNull(),
    text: text('text').notNull(),
    rationale: text('rationale'),
    /** high | medium | low */
    priority: text('priority').notNull().default('medium'),
    /** draft → agreed → submitted → adopted / adopted_amended / rejected / deferred → in_progress → implemented → evaluated */
    status: text('status').notNull().default('draft'),
    statement: text('statement'),
    statementBy: uuid('statement_by').references(() => users.id, { onDelete: 'set null' }),
    statementAt: ts('statement_at'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('steering_recommendations_tenant_idx').on(t.tenantId, t.status)],
);

export const steeringDecisions = pgTable(
  'steering_decisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    /** The body's name (free text, or the network body's name when it was chosen). */
    body: text('body').notNull(),
    /** A body of the network module (`network_bodies`), no foreign key across modules. */
    bodyId: uuid('body_id'),
    decidedOn: date('decided_on', { mode: 'string' }).notNull(),
    number: text('number'),
    wording: text('wording').notNull(),
    documentUrl: text('document_url'),
    missionStatementId: uuid('mission_statement_id').references(() => steeringMissionStatements.id, {
      onDelete: 'set null',
    }),
    createdAt: createdAt(),
  },
  (t) => [index('steering_decisions_tenant_idx').on(t.tenantId, t.decidedOn)],
);

/** The outcome of a decision for one recommendation. */
export const steeringDecisionOutcomes = pgTable(
  'steering_decision_outcomes',
  {
    tenantId: tenantRef(),
    decisionId: uuid('decision_id')
      .notNull()
      .references(() => steeringDecisions.id, { onDelete: 'cascade' }),
    recommendationId: uuid('recommendation_id')
      .notNull()
      .references(() => steeringRecommendations.id, { onDelete: 'cascade' }),
    /** adopted | adopted_amended | rejected | deferred */
    outcome: text('outcome').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.decisionId, t.recommendationId] }),
    index('steering_decision_outcomes_tenant_idx').on(t.tenantId, t.recommendationId),
  ],
);

export const steeringMeasures = pgTable(
  'steering_measures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    title: text('title').notNull(),
    description: text('description'),
    /** The organisation unit responsible (`org_units`; kept when the unit is deleted, then empty). */
    responsibleUnitId: uuid('responsible_unit_id').references((): AnyPgColumn => orgUnits.id, {
      onDelete: 'set null',
    }),
    partners: text('partners'),
    startOn: date('start_on', { mode: 'string' }),
    endOn: date('end_on', { mode: 'string' }),
    /** planned | in_progress | completed | paused | cancelled */
    status: text('status').notNull().default('planned'),
    budgetPlanned: numeric('budget_planned', { precision: 14, scale: 2 }),
    budgetSpent: numeric('budget_spent', { precision: 14, scale: 2 }),
    recommendationId: uuid('recommendation_id').references(() => steeringRecommendations.id, {
      onDelete: 'set null',
    }),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('steering_measures_tenant_idx').on(t.tenantId, t.status)],
);

export const steeringMilestones = pgTable(
  'steering_milestones',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    measureId: uuid('measure_id')
      .notNull()
      .references(() => steeringMeasures.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    doneOn: date('done_on', { mode: 'string' }),
  },
  (t) => [index('steering_milestones_tenant_idx').on(t.tenantId, t.measureId)],
);

/** Who changed what and when, per steering object (shown in the UI). */
export const steeringHistory = pgTable(
  'steering_history',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    /** goal | target | recommendation | decision | measure | mission_statement */
    objectKind: text('object_kind').notNull(),
    objectId: uuid('object_id').notNull(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    action: text('action').notNull(),
    summary: text('summary').notNull(),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [index('steering_history_tenant_idx').on(t.tenantId, t.objectId)],
);

/* ---------- reports ---------- */

/** A Bildungsbericht: metadata, status (draft → review → approved → published). */
export const reports = pgTable(
  'reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    title: text('title').notNull(),
    period: text('period').notNull(),
    dataCutoff: date('data_cutoff', { mode: 'string' }),
    authors: text('authors'),
    summary: text('summary'),
    /** draft | review | approved | published */
    status: text('status').notNull().default('draft'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    releasedAt: ts('released_at'),
    releasedBy: uuid('released_by').references(() => users.id, { onDelete: 'set null' }),
    publishedAt: ts('published_at'),
  },
  (t) => [index('reports_tenant_idx').on(t.tenantId, t.status)],
);

/** A chapter of a report, in order. */
export const reportChapters = pgTable(
  'report_chapters',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
    /** in_progress („in Arbeit“) | in_review („zur Prüfung“) | reviewed („geprüft“) */
    reviewStatus: text('review_status').notNull().default('in_progress'),
    /** The person of the tenant who reviews the chapter. */
    reviewerId: uuid('reviewer_id').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [index('report_chapters_tenant_report_idx').on(t.tenantId, t.reportId, t.position)],
);

/**
 * A block of a chapter: text, or an indicator chart/table with the snapshot of its public data
 * (`data`), frozen when the report is released.
 */
export const reportBlocks = pgTable(
  'report_blocks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    chapterId: uuid('chapter_id')
      .notNull()
      .references(() => reportChapters.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    /** text | chart | table | keyfigure | goal | recommendation */
    kind: text('kind').notNull(),
    /** text: the plain-text form of `doc` (change history, search); blocks of the first slice have only this. */
    text: text('text'),
    /** text: the rich text as a restricted ProseMirror document (contract `richDocSchema`). */
    doc: jsonb('doc'),
    caption: text('caption'),
    indicatorId: uuid('indicator_id').references(() => indicators.id, { onDelete: 'set null' }),
    /** areas | series */
    view: text('view'),
    data: jsonb('data'),
    /** keyfigure: the area whose value is shown (an area code of the data). */
    areaCode: text('area_code'),
    /** goal | recommendation: the steering module's goal or recommendation (read through its service). */
    refId: uuid('ref_id'),
    /** goal | recommendation: the snapshot of it, frozen at release like `data`. */
    ref: jsonb('ref'),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('report_blocks_tenant_chapter_idx').on(t.tenantId, t.chapterId, t.position)],
);

/** A comment on a chapter or one of its blocks; resolved comments stay visible as resolved. */
export const reportComments = pgTable(
  'report_comments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    chapterId: uuid('chapter_id')
      .notNull()
      .references(() => reportChapters.id, { onDelete: 'cascade' }),
    blockId: uuid('block_id').references(() => reportBlocks.id, { onDelete: 'cascade' }),
    /** The passage of a text block the comment is about (marked in the block's doc with the comment's id). */
    quote: text('quote'),
    body: text('body').notNull(),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    resolvedAt: ts('resolved_at'),
    resolvedBy: uuid('resolved_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [index('report_comments_tenant_report_idx').on(t.tenantId, t.reportId)],
);

/* ---------- directory (Bildungswegweiser) ---------- */

/**
 * Places (Orte: Kita, Schule, VHS …) and offers (Angebote: courses, counselling, events) of the
 * Bildungswegweiser. The searchable facets are columns; the remaining fields of the input are `details`.
 * `area_id` is computed from the coordinates and the municipality's boundaries.
 */
/** PostgreSQL `tsvector` (read as text; only the database works with it). */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const directoryEntries = pgTable(
  'directory_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    /** ort | angebot */
    kind: text('kind').notNull(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    /** Venue type (kita, schule …) or offering type (kurs, beratung …). */
    type: text('type').notNull(),
    categories: text('categories').array().notNull(),
    targetGroups: text('target_groups').array().notNull(),
    languages: text('languages').array().notNull(),
    accessibility: text('accessibility').array().notNull(),
    /** kostenlos | ermaessigt | kostenpflichtig (offers only) */
    cost: text('cost'),
    description: text('description').notNull().default(''),
    provider: text('provider').notNull().default(''),
    address: jsonb('address'),
    lon: numeric('lon', { mode: 'number' }),
    lat: numeric('lat', { mode: 'number' }),
    areaId: uuid('area_id').references(() => areas.id, { onDelete: 'set null' }),
    /** entwurf | eingereicht | veroeffentlicht | abgelehnt */
    status: text('status').notNull().default('veroeffentlicht'),
    details: jsonb('details').notNull(),
    /** Licence and attribution of an imported entry. */
    source: jsonb('source'),
    /** Id of the entry in the imported list (e.g. the Kita number). */
    externalId: text('external_id'),
    validUntil: date('valid_until', { mode: 'string' }),
    /** The Träger whose provider accounts maintain the entry (null: the Bildungsbüro's own). */
    providerId: uuid('provider_id').references(() => directoryProviders.id, { onDelete: 'set null' }),
    /** A provider's submitted change awaiting moderation: `{ kind, input }` (venue or offering input). */
    pending: jsonb('pending'),
    pendingAt: ts('pending_at'),
    /** The Bildungsbüro's message with its last decision (shown to the provider). */
    reviewMessage: text('review_message'),
    /** The „gültig bis“ the provider was last reminded of (one reminder per date). */
    remindedFor: date('reminded_for', { mode: 'string' }),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    /**
     * The German full-text vector of name, description and provider, stored (a GIN index over the bare
     * expression recomputed it for every matching row: 1.2 s for 10,000 rows on PGlite, ADR 0013).
     */
    searchVector: tsvector('search_vector').generatedAlwaysAs(
      (): SQL =>
        sql`to_tsvector('german', ${directoryEntries.name} || ' ' || ${directoryEntries.description} || ' ' || ${directoryEntries.provider})`,
    ),
  },
  (t) => [
    uniqueIndex('directory_entries_tenant_slug_idx').on(t.tenantId, t.slug),
    index('directory_entries_tenant_status_idx').on(t.tenantId, t.status, t.kind),
    // German full-text search of the Wegweiser (`searchPublished`, ADR 0013).
    index('directory_entries_search_idx').using('gin', t.searchVector),
  ],
);

/* ---------- network ---------- */

/**
 * Actors of the education landscape (organisations and internal units, never private persons): the
 * network module's directory (docs/network.md).
 */
export const networkActors = pgTable(
  'network_actors',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    name: text('name').notNull(),
    /** internal (Amt, Fachbereich) | external */
    scope: text('scope').notNull(),
    /** actorType of the contract (amt, schule, kita_traeger, vhs, kammer, …) */
    actorType: text('actor_type').notNull(),
    /** Anwendungsleitfaden topics (indicator topics) the actor works in. */
    topics: jsonb('topics').$type<string[]>().notNull().default([]),
    /** Areas (Stadtteile, Sozialräume of the monitoring) the actor works in; checked through its service. */
    areaIds: jsonb('area_ids').$type<string[]>().notNull().default([]),
    /** The actor's Träger in the Bildungswegweiser (`directory_providers`); checked through its service. */
    providerId: uuid('provider_id'),
    address: text('address'),
    website: text('website'),
    createdAt: createdAt(),
  },
  (t) => [index('network_actors_tenant_idx').on(t.tenantId, t.name)],
);

/** Bodies (Gremien): Steuerungsgruppe, Bildungsbeirat, Arbeitskreis, Fachgremium, Bildungskonferenz. */
export const networkBodies = pgTable(
  'network_bodies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    name: text('name').notNull(),
    bodyType: text('body_type').notNull(),
    mandate: text('mandate'),
    /** The actor that chairs the body. */
    chairActorId: uuid('chair_actor_id').references(() => networkActors.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('network_bodies_tenant_idx').on(t.tenantId, t.name)],
);

/** An actor in a body with its function and period: a membership ends (valid_to), it is not deleted. */
export const networkBodyMemberships = pgTable(
  'network_body_memberships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    bodyId: uuid('body_id')
      .notNull()
      .references(() => networkBodies.id, { onDelete: 'cascade' }),
    actorId: uuid('actor_id')
      .notNull()
      .references(() => networkActors.id, { onDelete: 'cascade' }),
    function: text('function').notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
  },
  (t) => [index('network_body_memberships_tenant_idx').on(t.tenantId, t.bodyId)],
);

/** A meeting of a body; `minutes_approved_at` freezes its live data. */
export const networkMeetings = pgTable(
  'network_meetings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    bodyId: uuid('body_id')
      .notNull()
      .references(() => networkBodies.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    startsAt: ts('starts_at').notNull(),
    endsAt: ts('ends_at').notNull(),
    place: text('place'),
    onlineLink: text('online_link'),
    invitedAt: ts('invited_at'),
    minutesApprovedAt: ts('minutes_approved_at'),
    createdAt: createdAt(),
  },
  (t) => [index('network_meetings_tenant_idx').on(t.tenantId, t.startsAt)],
);

/**
 * One item of a meeting's agenda with its minutes; it may embed an indicator of an area (live until the
 * minutes are approved, then `frozen` holds the values as shown).
 */
export const networkAgendaItems = pgTable(
  'network_agenda_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => networkMeetings.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    description: text('description'),
    minutes: text('minutes'),
    indicatorId: uuid('indicator_id').references(() => indicators.id, { onDelete: 'set null' }),
    areaId: uuid('area_id').references(() => areas.id, { onDelete: 'set null' }),
    frozen: jsonb('frozen'),
    /** Steering goal and recommendation shown live (read through the steering services; no FK across modules). */
    goalId: uuid('goal_id'),
    recommendationId: uuid('recommendation_id'),
    /** `{ goal, recommendation }` as shown when the minutes were approved. */
    steeringFrozen: jsonb('steering_frozen'),
  },
  (t) => [index('network_agenda_items_tenant_idx').on(t.tenantId, t.meetingId, t.position)],
);

/** Which member actors attended a meeting. */
export const networkAttendance = pgTable(
  'network_attendance',
  {
    tenantId: tenantRef(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => networkMeetings.id, { onDelete: 'cascade' }),
    actorId: uuid('actor_id')
      .notNull()
      .references(() => networkActors.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.meetingId, t.actorId] }),
    index('network_attendance_tenant_idx').on(t.tenantId, t.meetingId),
  ],
);

/**
 * What a body decided in a meeting (per agenda item). `recommendation_id` is the seam to the steering
 * module's recommendations (set through networkDecisions' service, no foreign key across modules).
 */
export const networkDecisions = pgTable(
  'network_decisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => networkMeetings.id, { onDelete: 'cascade' }),
    agendaItemId: uuid('agenda_item_id').references(() => networkAgendaItems.id, { onDelete: 'set null' }),
    text: text('text').notNull(),
    /** adopted | rejected | deferred */
    outcome: text('outcome').notNull(),
    recommendationId: uuid('recommendation_id'),
    createdAt: createdAt(),
  },
  (t) => [
    index('network_decisions_tenant_idx').on(t.tenantId, t.meetingId),
    index('network_decisions_recommendation_idx').on(t.tenantId, t.recommendationId),
  ],
);

/** Enquiries (Anfragen) from politics, administration, press and public, with due date and answer. */
export const networkEnquiries = pgTable(
  'network_enquiries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    title: text('title').notNull(),
    question: text('question').notNull(),
    /** politik | verwaltung | presse | oeffentlichkeit */
    requesterType: text('requester_type').notNull(),
    /** Who asked, as an organisation or office (e.g. „Fraktion X“), not a private person's name. */
    requester: text('requester').notNull(),
    topic: text('topic').notNull(),
    receivedOn: date('received_on', { mode: 'string' }).notNull(),
    dueOn: date('due_on', { mode: 'string' }),
    assignee: text('assignee'),
    indicatorId: uuid('indicator_id').references(() => indicators.id, { onDelete: 'set null' }),
    /** A linked Bildungsbericht of the same tenant (checked by the service). */
    reportId: uuid('report_id').references(() => reports.id, { onDelete: 'set null' }),
    /** received | in_progress | answered */
    status: text('status').notNull().default('received'),
    answer: text('answer'),
    answeredOn: date('answered_on', { mode: 'string' }),
    createdAt: createdAt(),
  },
  (t) => [index('network_enquiries_tenant_idx').on(t.tenantId, t.receivedOn)],
);

/**
 * Contacts (persons) of actors: minimal personal data with purpose and legal basis. Never logged; a
 * person can be exported (DSGVO Art. 15) and erased (Art. 17: name replaced by „ehemaliges Mitglied“).
 */
export const networkPersons = pgTable(
  'network_persons',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    actorId: uuid('actor_id').references(() => networkActors.id, { onDelete: 'set null' }),
    name: text('name').notNull(),
    function: text('function'),
    email: text('email'),
    phone: text('phone'),
    purpose: text('purpose').notNull(),
    /** consent | public_task | contract | legitimate_interest */
    legalBasis: text('legal_basis').notNull(),
    consentOn: date('consent_on', { mode: 'string' }),
    lastActivityOn: date('last_activity_on', { mode: 'string' }).notNull(),
    erasedAt: ts('erased_at'),
    createdAt: createdAt(),
  },
  (t) => [index('network_persons_tenant_idx').on(t.tenantId, t.name)],
);

/* ---------- entitlement ---------- */

/** Settings of a municipality's entitlement planning (one row per tenant; defaults when missing). */
export const entitlementSettings = pgTable('entitlement_settings', {
  tenantId: uuid('tenant_id')
    .primaryKey()
    .references(() => tenants.id, { onDelete: 'cascade' }),
  /** Monitoring indicator with the population by single year of age. */
  populationIndicatorCode: text('population_indicator_code').notNull(),
  ageDimensionCode: text('age_dimension_code').notNull(),
  /** School entry cutoff 'MM-DD' of the Land. */
  schoolEntryCutoff: text('school_entry_cutoff').notNull(),
  firstSchoolYear: integer('first_school_year').notNull(),
  lastSchoolYear: integer('last_school_year').notNull(),
  /** own | directory: Kita places of the Sozialräume as entered here or from the Bildungswegweiser's Kitas. */
  kitaPlacesSource: text('kita_places_source').notNull().default('own'),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** Planungseinheit: a Grundschule with its catchment or a Sozialraum, counted on a monitoring area. */
export const entitlementPlanningUnits = pgTable(
  'entitlement_planning_units',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    /** grundschule | sozialraum */
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    areaId: uuid('area_id')
      .notNull()
      .references(() => areas.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('entitlement_planning_units_area_idx').on(t.tenantId, t.kind, t.areaId)],
);

/** Existing places of a planning unit by type, valid from/to a school year. */
export const entitlementCapacities = pgTable(
  'entitlement_capacities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    planningUnitId: uuid('planning_unit_id')
      .notNull()
      .references(() => entitlementPlanningUnits.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    places: numeric('places').notNull(),
    fromSchoolYear: integer('from_school_year'),
    toSchoolYear: integer('to_school_year'),
    note: text('note'),
    createdAt: createdAt(),
  },
  (t) => [index('entitlement_capacities_tenant_idx').on(t.tenantId, t.planningUnitId)],
);

/** Planned expansion (Ausbau) of places, available from a school year, with its funding. */
export const entitlementExpansions = pgTable(
  'entitlement_expansions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    planningUnitId: uuid('planning_unit_id')
      .notNull()
      .references(() => entitlementPlanningUnits.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    places: numeric('places').notNull(),
    schoolYear: integer('school_year').notNull(),
    fundingProgramme: text('funding_programme'),
    amount: numeric('amount'),
    note: text('note'),
    createdAt: createdAt(),
  },
  (t) => [index('entitlement_expansions_tenant_idx').on(t.tenantId, t.planningUnitId)],
);

/** A named demand scenario with its assumptions (shares as fractions, null: part not planned). */
export const entitlementScenarios = pgTable(
  'entitlement_scenarios',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    name: text('name').notNull(),
    description: text('description'),
    ganztagShare: numeric('ganztag_share'),
    notEntitledShare: numeric('not_entitled_share'),
    kitaU3Rate: numeric('kita_u3_rate'),
    kitaUe3Rate: numeric('kita_ue3_rate'),
    deferralShare: numeric('deferral_share'),
    specialSchoolShare: numeric('special_school_share'),
    netMigration: numeric('net_migration'),
    /** Shares and Wanderungssaldo of single planning units that differ from the global ones: planningUnitId → values. */
    byPlanningUnit: jsonb('by_planning_unit')
      .$type<
        Record<
          string,
          { ganztagShare?: string; kitaU3Rate?: string; kitaUe3Rate?: string; netMigration?: string }
        >
      >()
      .notNull()
      .default({}),
    /** Shown as a summary on the public portal (/kommune/<slug>/rechtsanspruch). */
    published: boolean('published').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('entitlement_scenarios_name_idx').on(t.tenantId, t.name)],
);

/* ---------- reports: change history ---------- */

/**
 * One change of a block of a report chapter (who, when, before → after as text), for the chapter's
 * change history with its diff view. Kept when the block is deleted (block_id has no foreign key).
 */
export const reportRevisions = pgTable(
  'report_revisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    chapterId: uuid('chapter_id')
      .notNull()
      .references(() => reportChapters.id, { onDelete: 'cascade' }),
    /** The block; null for a change of the chapter itself (authors, reviewer, review status). */
    blockId: uuid('block_id'),
    /** created | changed | refreshed | deleted | assigned | review */
    action: text('action').notNull(),
    /** The block's kind (text, chart, …); null for a change of the chapter itself. */
    kind: text('kind'),
    before: text('before'),
    after: text('after'),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('report_revisions_tenant_chapter_idx').on(t.tenantId, t.chapterId, t.createdAt)],
);

/* ---------- steering: organisation units, addressed units and goals of recommendations, comments ---------- */

/** An organisation unit of the administration (Amt, Fachbereich): a tenant-level concept (issue 11). */
export const orgUnits = pgTable(
  'org_units',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    name: text('name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('org_units_name_idx').on(t.tenantId, t.name)],
);

/** A user belongs to a unit (may write statements for recommendations addressed to it). */
export const orgUnitMembers = pgTable(
  'org_unit_members',
  {
    tenantId: tenantRef(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.unitId, t.userId] }),
    index('org_unit_members_tenant_idx').on(t.tenantId, t.userId),
  ],
);

/** The units a recommendation is addressed to. */
export const steeringRecommendationUnits = pgTable(
  'steering_recommendation_units',
  {
    tenantId: tenantRef(),
    recommendationId: uuid('recommendation_id')
      .notNull()
      .references(() => steeringRecommendations.id, { onDelete: 'cascade' }),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.recommendationId, t.unitId] }),
    index('steering_recommendation_units_tenant_idx').on(t.tenantId, t.unitId),
  ],
);

/** The goals a recommendation serves (one recommendation may address several goals). */
export const steeringRecommendationGoals = pgTable(
  'steering_recommendation_goals',
  {
    tenantId: tenantRef(),
    recommendationId: uuid('recommendation_id')
      .notNull()
      .references(() => steeringRecommendations.id, { onDelete: 'cascade' }),
    goalId: uuid('goal_id')
      .notNull()
      .references(() => steeringGoals.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.recommendationId, t.goalId] }),
    index('steering_recommendation_goals_tenant_idx').on(t.tenantId, t.goalId),
  ],
);

/** A comment on a steering object (goal, recommendation, decision, measure). */
export const steeringComments = pgTable(
  'steering_comments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    /** goal | recommendation | decision | measure */
    objectKind: text('object_kind').notNull(),
    objectId: uuid('object_id').notNull(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    text: text('text').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('steering_comments_tenant_idx').on(t.tenantId, t.objectId)],
);

/** The document of a decision (PDF, at most 20 MB, stored base64 like the self-assessment's evidence). */
export const steeringDecisionDocuments = pgTable('steering_decision_documents', {
  decisionId: uuid('decision_id')
    .primaryKey()
    .references(() => steeringDecisions.id, { onDelete: 'cascade' }),
  tenantId: uuid('tenant_id')
    .notNull()
    .references(() => tenants.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  size: integer('size').notNull(),
  content: text('content').notNull(),
  uploadedBy: uuid('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
});

/**
 * A finding („Befund“): a short statement tied to evidence (indicator, areas, period, dimension
 * selection) with a snapshot of the cited values, so a later import does not change what it said.
 */
export const steeringFindings = pgTable(
  'steering_findings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    statement: text('statement').notNull(),
    indicatorId: uuid('indicator_id').notNull(),
    period: date('period', { mode: 'string' }).notNull(),
    dims: jsonb('dims').$type<Record<string, string>>().notNull().default({}),
    /** The cited values when the finding was made: indicator name and unit, per area its value. */
    snapshot: jsonb('snapshot')
      .$type<{
        indicator: string;
        unit: string | null;
        values: Array<{ areaId: string; area: string; value: string | null; flag: string | null }>;
      }>()
      .notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('steering_findings_tenant_idx').on(t.tenantId, t.createdAt)],
);

/* ---------- directory providers (Anbieter) ---------- */

/** Providers (Träger) of the Bildungswegweiser whose accounts submit and update their own offers. */
export const directoryProviders = pgTable(
  'directory_providers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    name: text('name').notNull(),
    /** Where reminders and moderation messages go (the outbox's recipient). */
    contactEmail: text('contact_email').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('directory_providers_tenant_name_idx').on(t.tenantId, t.name)],
);

/** A person with the role „Anbieter“ acts for exactly one provider of the municipality. */
export const directoryProviderAccounts = pgTable(
  'directory_provider_accounts',
  {
    tenantId: tenantRef(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    providerId: uuid('provider_id')
      .notNull()
      .references(() => directoryProviders.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.userId] }),
    index('directory_provider_accounts_provider_idx').on(t.tenantId, t.providerId),
  ],
);

/**
 * Messages to providers (reminders of „gültig bis“, moderation decisions). The platform has no mail
 * server: the Bildungsbüro sees the outbox in the workbench and the provider sees its own messages.
 */
export const directoryOutbox = pgTable(
  'directory_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    providerId: uuid('provider_id').references(() => directoryProviders.id, { onDelete: 'cascade' }),
    /** erinnerung | freigabe | ablehnung */
    kind: text('kind').notNull(),
    recipient: text('recipient').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('directory_outbox_tenant_idx').on(t.tenantId, t.createdAt)],
);

/* ---------- portal settings (public module) ---------- */

/**
 * What the Bildungsbüro decides for its public portal: start page text, contact, imprint and privacy
 * links, logo and colour (within the contrast rule), and which area levels and dimensions are public.
 */
export const portalSettings = pgTable('portal_settings', {
  tenantId: uuid('tenant_id')
    .primaryKey()
    .references(() => tenants.id, { onDelete: 'cascade' }),
  intro: text('intro').notNull().default(''),
  contact: text('contact').notNull().default(''),
  imprintUrl: text('imprint_url'),
  privacyUrl: text('privacy_url'),
  logoUrl: text('logo_url'),
  color: text('color'),
  /** Area levels whose values and profiles stay internal (e.g. Planungsraum). */
  hiddenLevels: text('hidden_levels')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  /** Dimensions (codes) published only as their total. */
  hiddenDimensions: text('hidden_dimensions')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/* ---------- entitlement: pupil numbers ---------- */

/**
 * Pupils of a Grundschule by school year and grade (school statistics, imported from CSV). They take
 * precedence over the cohort projection for the grades and school years they cover.
 */
export const entitlementPupils = pgTable(
  'entitlement_pupils',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    planningUnitId: uuid('planning_unit_id')
      .notNull()
      .references(() => entitlementPlanningUnits.id, { onDelete: 'cascade' }),
    schoolYear: integer('school_year').notNull(),
    grade: integer('grade').notNull(),
    pupils: numeric('pupils').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('entitlement_pupils_unit_year_grade_idx').on(
      t.tenantId,
      t.planningUnitId,
      t.schoolYear,
      t.grade,
    ),
  ],
);

/* ---------- network (Bildungskonferenz) ---------- */

/**
 * A Bildungskonferenz: an event with public registration (`slug` is its address on the portal), an
 * overall capacity and workshops to choose. Participant data are erased `retention_days` after the end.
 */
export const networkConferences = pgTable(
  'network_conferences',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    /** The body the conference belongs to (e.g. a Gremium of type Bildungskonferenz), optional. */
    bodyId: uuid('body_id').references(() => networkBodies.id, { onDelete: 'set null' }),
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    description: text('description'),
    startsAt: ts('starts_at').notNull(),
    endsAt: ts('ends_at').notNull(),
    place: text('place'),
    capacity: integer('capacity').notNull(),
    /** Public registration accepted (until the start). */
    registrationOpen: boolean('registration_open').notNull().default(true),
    /** Shown above the consent checkbox of the registration form. */
    consentText: text('consent_text').notNull(),
    retentionDays: integer('retention_days').notNull().default(90),
    /** When the participant data were erased after the retention period. */
    purgedAt: ts('purged_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('network_conferences_tenant_slug_idx').on(t.tenantId, t.slug),
    index('network_conferences_tenant_idx').on(t.tenantId, t.startsAt),
  ],
);

/** A workshop or forum of a conference with its own capacity. */
export const networkWorkshops = pgTable(
  'network_workshops',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    conferenceId: uuid('conference_id')
      .notNull()
      .references(() => networkConferences.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    capacity: integer('capacity').notNull(),
  },
  (t) => [index('network_workshops_tenant_idx').on(t.tenantId, t.conferenceId, t.position)],
);

/**
 * A registration for a conference (personal data: name, e-mail, organisation). `status` confirmed |
 * waitlisted | cancelled; the waitlist moves up in order of `created_at`. Only the SHA-256 of the personal
 * link's token is stored.
 */
export const networkRegistrations = pgTable(
  'network_registrations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    conferenceId: uuid('conference_id')
      .notNull()
      .references(() => networkConferences.id, { onDelete: 'cascade' }),
    workshopId: uuid('workshop_id').references(() => networkWorkshops.id, { onDelete: 'set null' }),
    name: text('name').notNull(),
    email: text('email').notNull(),
    organisation: text('organisation'),
    status: text('status').notNull(),
    tokenHash: text('token_hash').notNull(),
    consentAt: ts('consent_at').notNull(),
    cancelledAt: ts('cancelled_at'),
    /** Feedback was given through this registration's link (the feedback itself is not linked). */
    feedbackAt: ts('feedback_at'),
    createdAt: createdAt(),
  },
  (t) => [
    index('network_registrations_tenant_idx').on(t.tenantId, t.conferenceId, t.createdAt),
    uniqueIndex('network_registrations_token_idx').on(t.tokenHash),
  ],
);

/** Feedback after a conference (anonymous: not linked to the registration). */
export const networkConferenceFeedback = pgTable(
  'network_conference_feedback',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    conferenceId: uuid('conference_id')
      .notNull()
      .references(() => networkConferences.id, { onDelete: 'cascade' }),
    rating: integer('rating').notNull(),
    comment: text('comment'),
    createdAt: createdAt(),
  },
  (t) => [index('network_conference_feedback_tenant_idx').on(t.tenantId, t.conferenceId)],
);

/* ---------- steering: goals and progress notes of measures ---------- */

/** The goals a measure serves (one measure may serve several goals). */
export const steeringMeasureGoals = pgTable(
  'steering_measure_goals',
  {
    tenantId: tenantRef(),
    measureId: uuid('measure_id')
      .notNull()
      .references(() => steeringMeasures.id, { onDelete: 'cascade' }),
    goalId: uuid('goal_id')
      .notNull()
      .references(() => steeringGoals.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.measureId, t.goalId] }),
    index('steering_measure_goals_tenant_idx').on(t.tenantId, t.goalId),
  ],
);

/** A dated progress note on a measure („Fortschrittsvermerk“). */
export const steeringMeasureNotes = pgTable(
  'steering_measure_notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    measureId: uuid('measure_id')
      .notNull()
      .references(() => steeringMeasures.id, { onDelete: 'cascade' }),
    notedOn: date('noted_on', { mode: 'string' }).notNull(),
    text: text('text').notNull(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('steering_measure_notes_tenant_idx').on(t.tenantId, t.measureId, t.notedOn)],
);

/* ---------- steering: bodies a recommendation is addressed to ---------- */

/**
 * The bodies („Gremien“ of the network module) a recommendation is addressed to. No foreign key across
 * modules: the body is checked and named through the network module's service; a deleted body drops out.
 */
export const steeringRecommendationBodies = pgTable(
  'steering_recommendation_bodies',
  {
    tenantId: tenantRef(),
    recommendationId: uuid('recommendation_id')
      .notNull()
      .references(() => steeringRecommendations.id, { onDelete: 'cascade' }),
    bodyId: uuid('body_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.recommendationId, t.bodyId] }),
    index('steering_recommendation_bodies_tenant_idx').on(t.tenantId, t.bodyId),
  ],
);

/* ---------- steering: findings linked to recommendations and report sections ---------- */

/** The findings a recommendation rests on (its rationale). */
export const steeringRecommendationFindings = pgTable(
  'steering_recommendation_findings',
  {
    tenantId: tenantRef(),
    recommendationId: uuid('recommendation_id')
      .notNull()
      .references(() => steeringRecommendations.id, { onDelete: 'cascade' }),
    findingId: uuid('finding_id')
      .notNull()
      .references(() => steeringFindings.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.recommendationId, t.findingId] }),
    index('steering_recommendation_findings_tenant_idx').on(t.tenantId, t.findingId),
  ],
);

/**
 * The report section (chapter of the reports module) a finding belongs to. No foreign key across modules:
 * the chapter is checked and named through the reports module's service; a deleted chapter drops out.
 */
export const steeringFindingSections = pgTable(
  'steering_finding_sections',
  {
    findingId: uuid('finding_id')
      .primaryKey()
      .references(() => steeringFindings.id, { onDelete: 'cascade' }),
    tenantId: tenantRef(),
    chapterId: uuid('chapter_id').notNull(),
  },
  (t) => [index('steering_finding_sections_tenant_idx').on(t.tenantId, t.chapterId)],
);

/* ---------- reports: chapter authors ---------- */

/** The authors of a report chapter: people of the tenant who may change its blocks (with the Redaktion). */
export const reportChapterAuthors = pgTable(
  'report_chapter_authors',
  {
    tenantId: tenantRef(),
    chapterId: uuid('chapter_id')
      .notNull()
      .references(() => reportChapters.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.chapterId, t.userId] }),
    index('report_chapter_authors_tenant_user_idx').on(t.tenantId, t.userId),
  ],
);

/* ---------- network (answer templates and attachments of enquiries) ---------- */

/** Answer templates (Antwortvorlagen) of the enquiry log: text blocks inserted into an answer. */
export const networkAnswerTemplates = pgTable(
  'network_answer_templates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    title: text('title').notNull(),
    text: text('text').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('network_answer_templates_tenant_idx').on(t.tenantId, t.title)],
);

/** Files attached to the answer of an enquiry; the content lies in `network_enquiry_attachment_parts`. */
export const networkEnquiryAttachments = pgTable(
  'network_enquiry_attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    enquiryId: uuid('enquiry_id')
      .notNull()
      .references(() => networkEnquiries.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('network_enquiry_attachments_tenant_idx').on(t.tenantId, t.enquiryId)],
);

/** The content of an attachment in parts of 1 MiB (base64), as the import files (ADR 0005). */
export const networkEnquiryAttachmentParts = pgTable(
  'network_enquiry_attachment_parts',
  {
    attachmentId: uuid('attachment_id')
      .notNull()
      .references(() => networkEnquiryAttachments.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    tenantId: tenantRef(),
    content: text('content').notNull(),
  },
  (t) => [primaryKey({ columns: [t.attachmentId, t.seq] })],
);

/* ---------- network: cooperation projects ---------- */

/**
 * Kooperationsprojekte: projects several actors carry out together (e.g. a language programme of Kita
 * providers). With the bodies they are the second source of the cooperation map (docs/network.md).
 */
export const networkCooperationProjects = pgTable(
  'network_cooperation_projects',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    name: text('name').notNull(),
    /** An Anwendungsleitfaden topic (indicator topic). */
    topic: text('topic').notNull(),
    description: text('description'),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    /** Null: open-ended. */
    endsOn: date('ends_on', { mode: 'string' }),
    leadActorId: uuid('lead_actor_id').references(() => networkActors.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('network_cooperation_projects_tenant_idx').on(t.tenantId, t.name)],
);

/** The actors taking part in a cooperation project. */
export const networkCooperationProjectActors = pgTable(
  'network_cooperation_project_actors',
  {
    tenantId: tenantRef(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => networkCooperationProjects.id, { onDelete: 'cascade' }),
    actorId: uuid('actor_id')
      .notNull()
      .references(() => networkActors.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.actorId] }),
    index('network_cooperation_project_actors_tenant_idx').on(t.tenantId, t.actorId),
  ],
);

/* ---------- reports: images ---------- */

/**
 * Images of a report (image blocks); the content lies in `report_image_parts`. Never changed after the
 * upload: a block that shows one is frozen with the report like every other block.
 */
export const reportImages = pgTable(
  'report_images',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantRef(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    /** image/png or image/jpeg, from the file's content (never from its name or the request). */
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('report_images_tenant_idx').on(t.tenantId, t.reportId)],
);

/** The content of a report image in parts of 1 MiB (base64), as the import files (ADR 0005). */
export const reportImageParts = pgTable(
  'report_image_parts',
  {
    imageId: uuid('image_id')
      .notNull()
      .references(() => reportImages.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    tenantId: tenantRef(),
    content: text('content').notNull(),
  },
  (t) => [primaryKey({ columns: [t.imageId, t.seq] })],
);
