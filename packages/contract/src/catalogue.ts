import { z } from 'zod';
import { areaLevelSchema, indicatorTopicSchema } from './monitoring';

/*
 * The Kennzahlenkatalog applied to a municipality (ADR 0009): its status with the checklist of missing
 * tables, the preview of what applying would change, and the result of applying it.
 */

/** official: Regionaldatenbank tables (Kreis); local: the municipality's own small-area data. */
export const catalogueVariantSchema = z.enum(['official', 'local']);
export type CatalogueVariantName = z.infer<typeof catalogueVariantSchema>;

/** Fields a catalogue entry sets on its indicator (merged three-way on re-apply). */
export const catalogueOwnedFieldSchema = z.enum([
  'nameDe',
  'nameEn',
  'description',
  'unit',
  'decimals',
  'topic',
  'tier',
  'kind',
  'measure',
  'polarity',
  'source',
  'licence',
  'attribution',
  'updateInterval',
  'definition',
]);
export type CatalogueOwnedField = z.infer<typeof catalogueOwnedFieldSchema>;

export const catalogueEntryStateSchema = z.enum(['not_applied', 'complete', 'incomplete', 'code_taken']);

export const catalogueInputStatusSchema = z.object({
  name: z.string(),
  indicator: z.string(),
  /** Table code or local building block the input comes from. */
  source: z.string().nullable(),
  present: z.boolean(),
  /** German explanation when the input exists but does not fit (a dimension or value is missing). */
  problem: z.string().nullable(),
});

export const catalogueEntryStatusSchema = z.object({
  code: z.string(),
  name: z.string(),
  topic: indicatorTopicSchema,
  tier: z.string(),
  needsLocalData: z.boolean(),
  variants: z.array(catalogueVariantSchema),
  state: catalogueEntryStateSchema,
  indicatorId: z.uuid().nullable(),
  variant: catalogueVariantSchema.nullable(),
  appliedVersion: z.number().int().nullable(),
  /** Catalogue-owned fields the municipality changed since the catalogue wrote them. */
  locallyEdited: z.array(catalogueOwnedFieldSchema),
  inputs: z.array(catalogueInputStatusSchema),
  observations: z.number().int(),
  regionalDepth: z.array(areaLevelSchema),
});
export type CatalogueEntryStatus = z.infer<typeof catalogueEntryStatusSchema>;

export const catalogueChecklistItemSchema = z.object({
  source: z.string(),
  title: z.string(),
  origin: z.enum(['official', 'regionalatlas', 'local']),
  /** Where to download an official table; null for local data. */
  url: z.string().nullable(),
  reference: z.string(),
  regionalDepth: z.array(areaLevelSchema),
  /** For local data: what to collect and how to import it. */
  howTo: z.string().nullable(),
  /** Catalogue indicators that need the source. */
  neededBy: z.array(z.string()),
  /** Indicator codes the import of the source creates and that are still missing. */
  missing: z.array(z.string()),
  state: z.enum(['missing', 'partial', 'present']),
});
export type CatalogueChecklistItem = z.infer<typeof catalogueChecklistItemSchema>;

export const catalogueStatusSchema = z.object({
  catalogue: z.object({ id: z.string(), version: z.number().int(), title: z.string(), date: z.string() }),
  entries: z.array(catalogueEntryStatusSchema),
  /** Sources the applied entries need, missing ones first. */
  checklist: z.array(catalogueChecklistItemSchema),
  /** Indicators created from this catalogue whose code it no longer contains (they are kept). */
  removed: z.array(z.string()),
});
export type CatalogueStatusResponse = z.infer<typeof catalogueStatusSchema>;

export const cataloguePlanActionSchema = z.enum([
  'create',
  'update',
  'unchanged',
  'keep_local',
  'skip_code_taken',
  'skip_newer_version',
  'skip_no_data',
]);
export type CataloguePlanActionName = z.infer<typeof cataloguePlanActionSchema>;

export const catalogueFieldChangeSchema = z.object({
  field: catalogueOwnedFieldSchema,
  label: z.string(),
  /** The value as the municipality has it now. */
  local: z.unknown(),
  /** The value of this catalogue version. */
  catalogue: z.unknown(),
  /** apply: catalogue change, field untouched locally; keep_local / overwrite: both changed it. */
  outcome: z.enum(['apply', 'keep_local', 'overwrite']),
});
export type CatalogueFieldChange = z.infer<typeof catalogueFieldChangeSchema>;

export const cataloguePlanItemSchema = z.object({
  code: z.string(),
  name: z.string(),
  topic: indicatorTopicSchema,
  action: cataloguePlanActionSchema,
  variant: catalogueVariantSchema,
  fromVersion: z.number().int().nullable(),
  changes: z.array(catalogueFieldChangeSchema),
  /** German explanation of a skip. */
  reason: z.string().nullable(),
});
export type CataloguePlanItem = z.infer<typeof cataloguePlanItemSchema>;

export const cataloguePlanSchema = z.object({
  catalogue: z.object({ id: z.string(), version: z.number().int(), title: z.string() }),
  items: z.array(cataloguePlanItemSchema),
  counts: z.record(cataloguePlanActionSchema, z.number().int()),
});
export type CataloguePlanResponse = z.infer<typeof cataloguePlanSchema>;

export const catalogueApplyResultSchema = cataloguePlanSchema.extend({
  /** Values computed for the created and updated indicators. */
  observations: z.number().int(),
  /** German notes (inputs that do not fit, gaps in the data). */
  warnings: z.array(z.string()),
  status: catalogueStatusSchema,
});
export type CatalogueApplyResponse = z.infer<typeof catalogueApplyResultSchema>;

const code = z.string().min(1).max(100);

/** What to preview or apply: topics and/or single entries (none: the whole catalogue). */
export const catalogueRequestSchema = z.object({
  topics: z.array(z.string().min(1).max(60)).max(20).optional().describe('Themenfelder (leer: alle)'),
  codes: z.array(code).max(500).optional().describe('einzelne Indikatoren (leer: alle der Themenfelder)'),
  version: z
    .number()
    .int()
    .positive()
    .optional()
    .describe('Katalogfassung der Vorschau; eine andere Fassung wird mit 409 abgelehnt'),
  prefer: catalogueVariantSchema.optional().describe('kleinräumige Variante bevorzugen (local)'),
  onlyWithData: z
    .boolean()
    .optional()
    .describe('nur Indikatoren anlegen, deren Eingangsdaten vorhanden sind'),
  overwrite: z
    .union([z.literal('all'), z.array(code).max(500)])
    .optional()
    .describe('lokale Änderungen dieser Indikatoren durch den Katalog ersetzen'),
});
export type CatalogueRequest = z.infer<typeof catalogueRequestSchema>;
