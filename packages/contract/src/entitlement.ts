/** Rechtsanspruch & Plätze (`entitlement`): planning units, places, expansions, scenarios, the plan. */
import { z } from 'zod';
import { patchSchema } from './patch';
import { visibleText } from './text';

const name = visibleText(z.string().trim().min(1).max(160));
const note = z.string().trim().max(2000);
/** A share or rate as a decimal text between 0 and 1 ('0.8' = 80 %). */
const shareText = z
  .string()
  .trim()
  .regex(/^(0(\.\d{1,6})?|1(\.0{1,6})?)$/, 'Anteil zwischen 0 und 1 erwartet (z. B. 0.8)');
/** Wanderungssaldo: net migration per year as a signed rate (-0.015 = −1,5 % a year), above −1 and below 1. */
const migrationRate = z
  .string()
  .trim()
  .regex(/^-?0(\.\d{1,6})?$/, 'Wanderungssaldo als Rate je Jahr erwartet (z. B. 0.01 oder -0.015)');
/** A count of places (decimal text, may be negative for a planned reduction). */
const placesText = z
  .string()
  .trim()
  .regex(/^-?\d{1,7}(\.\d{1,2})?$/, 'Platzzahl als Zahl erwartet (z. B. 50)');
const schoolYear = z
  .number()
  .int()
  .min(2000)
  .max(2100)
  .describe('Startjahr des Schuljahres (2026 = 2026/27)');

export const PLANNING_UNIT_KINDS = ['grundschule', 'sozialraum'] as const;
export const planningUnitKindSchema = z.enum(PLANNING_UNIT_KINDS);
export type PlanningUnitKind = z.infer<typeof planningUnitKindSchema>;

export const ENTITLEMENT_CAPACITY_TYPES = [
  'hort',
  'offene_ganztagsschule',
  'gebundene_ganztagsschule',
  'kita_u3',
  'kita_ue3',
  'kita',
] as const;
export const capacityTypeSchema = z.enum(ENTITLEMENT_CAPACITY_TYPES);

export const planningUnitSchema = z.object({
  id: z.uuid(),
  kind: planningUnitKindSchema,
  name: z.string(),
  areaId: z.uuid(),
  areaCode: z.string(),
  areaName: z.string(),
});
export type PlanningUnit = z.infer<typeof planningUnitSchema>;
export const planningUnitCreateSchema = z.object({
  kind: planningUnitKindSchema,
  name,
  areaId: z.uuid().describe('Raumeinheit (Schulbezirk, Sozialraum), deren Bevölkerung gezählt wird'),
});

/** Change a planning unit (name, kind, area); only the fields sent change. */
export const planningUnitUpdateSchema = patchSchema(planningUnitCreateSchema);

export const capacitySchema = z.object({
  id: z.uuid(),
  planningUnitId: z.uuid(),
  type: capacityTypeSchema,
  places: z.string(),
  fromSchoolYear: z.number().int().nullable(),
  toSchoolYear: z.number().int().nullable(),
  note: z.string().nullable(),
});
export type EntitlementCapacity = z.infer<typeof capacitySchema>;
export const capacityCreateSchema = z.object({
  planningUnitId: z.uuid(),
  type: capacityTypeSchema,
  places: placesText,
  fromSchoolYear: schoolYear.nullable().optional(),
  toSchoolYear: schoolYear.nullable().optional(),
  note: note.optional(),
});
/** Change places (type, number, from/to school year, note); null clears a school year. */
export const capacityUpdateSchema = patchSchema(capacityCreateSchema);

export const expansionSchema = z.object({
  id: z.uuid(),
  planningUnitId: z.uuid(),
  type: capacityTypeSchema,
  places: z.string(),
  schoolYear: z.number().int(),
  fundingProgramme: z.string().nullable(),
  amount: z.string().nullable(),
  note: z.string().nullable(),
});
export type EntitlementExpansion = z.infer<typeof expansionSchema>;
export const expansionCreateSchema = z.object({
  planningUnitId: z.uuid(),
  type: capacityTypeSchema,
  places: placesText,
  schoolYear,
  fundingProgramme: z.string().trim().max(200).nullable().optional(),
  amount: z
    .string()
    .trim()
    .regex(/^\d{1,12}(\.\d{1,2})?$/, 'Betrag in Euro erwartet (z. B. 1200000)')
    .nullable()
    .optional(),
  note: note.optional(),
});
/** Change a planned expansion (e.g. a later school year, another funding programme). */
export const expansionUpdateSchema = patchSchema(expansionCreateSchema);

/** Pupils of a Grundschule in one school year and grade (school statistics). */
export const pupilCountSchema = z.object({
  id: z.uuid(),
  planningUnitId: z.uuid(),
  schoolYear: z.number().int(),
  grade: z.number().int().min(1).max(4),
  pupils: z.string(),
});
export type EntitlementPupilCount = z.infer<typeof pupilCountSchema>;
/** A CSV of the school statistics: Planungseinheit;Schuljahr;Klassenstufe;Schüler (docs/entitlement.md). */
export const pupilsImportSchema = z.object({
  csv: z.string().min(1).max(500_000).describe('CSV: Planungseinheit;Schuljahr;Klassenstufe;Schüler'),
});
export const pupilsImportResultSchema = z.object({ imported: z.number().int() });

/** Save the plan of one scenario as monitoring indicators (Versorgungsquote Ganztag / Kita). */
export const saveIndicatorsSchema = z.object({ scenarioId: z.uuid() });
export const savedIndicatorsSchema = z.array(
  z.object({
    indicatorId: z.uuid(),
    code: z.string(),
    name: z.string(),
    values: z.number().int(),
  }),
);
export type EntitlementSavedIndicator = z.infer<typeof savedIndicatorsSchema>[number];

export const scenarioParamsSchema = z.object({
  description: note.nullable().optional().describe('Annahmen in Worten'),
  ganztagShare: shareText.nullable().optional().describe('Anteil der Eltern, die einen Ganztagsplatz wollen'),
  notEntitledShare: shareText.nullable().optional(),
  kitaU3Rate: shareText.nullable().optional(),
  kitaUe3Rate: shareText.nullable().optional(),
  deferralShare: shareText.nullable().optional().describe('Rückstellungsquote'),
  specialSchoolShare: shareText.nullable().optional().describe('Förderschul-Anteil'),
  netMigration: migrationRate.nullable().optional().describe('Wanderungssaldo je Jahr als Rate'),
});
/** Shares of single planning units that differ from the global ones (planningUnitId → shares). */
export const unitSharesSchema = z.record(
  z.uuid(),
  z.object({
    ganztagShare: shareText.optional(),
    kitaU3Rate: shareText.optional(),
    kitaUe3Rate: shareText.optional(),
    netMigration: migrationRate.optional(),
  }),
);
export const scenarioCreateSchema = scenarioParamsSchema.extend({
  name,
  byPlanningUnit: unitSharesSchema
    .optional()
    .describe('Abweichende Anteile je Planungseinheit, z. B. { "<id>": { "ganztagShare": "0.9" } }'),
  published: z.boolean().optional().describe('Zusammenfassung auf dem öffentlichen Portal zeigen'),
});
export const scenarioUpdateSchema = patchSchema(scenarioCreateSchema);
export const scenarioSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string().nullable(),
  ganztagShare: z.string().nullable(),
  notEntitledShare: z.string().nullable(),
  kitaU3Rate: z.string().nullable(),
  kitaUe3Rate: z.string().nullable(),
  deferralShare: z.string().nullable(),
  specialSchoolShare: z.string().nullable(),
  netMigration: z.string().nullable(),
  byPlanningUnit: z.record(
    z.string(),
    z.object({
      ganztagShare: z.string().optional(),
      kitaU3Rate: z.string().optional(),
      kitaUe3Rate: z.string().optional(),
      netMigration: z.string().optional(),
    }),
  ),
  published: z.boolean(),
});
export type EntitlementScenarioDto = z.infer<typeof scenarioSchema>;

/** Days per month in a common year: a Stichtag must exist every year (no 02-29, no 04-31). */
const CUTOFF_MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;
/** True for an 'MM-TT' day that exists in every year. */
export function isSchoolEntryCutoff(cutoff: string): boolean {
  const m = /^(\d{2})-(\d{2})$/.exec(cutoff);
  const month = Number(m?.[1]);
  const day = Number(m?.[2]);
  return !!m && month >= 1 && month <= 12 && day >= 1 && day <= CUTOFF_MONTH_DAYS[month - 1]!;
}

/**
 * Stichtag der Einschulung je Land as 'MM-TT': the last 6th birthday that still makes a child due for
 * school on 1 August of that year (Stand Schuljahr 2025/26, from the Länder's school laws; a preset for the
 * settings form — the Land's current school law decides, see docs/entitlement.md).
 */
export const SCHOOL_ENTRY_CUTOFFS_BY_LAND = [
  { land: 'BW', name: 'Baden-Württemberg', cutoff: '06-30' },
  { land: 'BY', name: 'Bayern', cutoff: '09-30' },
  { land: 'BE', name: 'Berlin', cutoff: '09-30' },
  { land: 'BB', name: 'Brandenburg', cutoff: '09-30' },
  { land: 'HB', name: 'Bremen', cutoff: '06-30' },
  { land: 'HH', name: 'Hamburg', cutoff: '07-01' },
  { land: 'HE', name: 'Hessen', cutoff: '07-01' },
  { land: 'MV', name: 'Mecklenburg-Vorpommern', cutoff: '06-30' },
  { land: 'NI', name: 'Niedersachsen', cutoff: '09-30' },
  { land: 'NW', name: 'Nordrhein-Westfalen', cutoff: '09-30' },
  { land: 'RP', name: 'Rheinland-Pfalz', cutoff: '08-31' },
  { land: 'SL', name: 'Saarland', cutoff: '06-30' },
  { land: 'SN', name: 'Sachsen', cutoff: '06-30' },
  { land: 'ST', name: 'Sachsen-Anhalt', cutoff: '06-30' },
  { land: 'SH', name: 'Schleswig-Holstein', cutoff: '06-30' },
  { land: 'TH', name: 'Thüringen', cutoff: '08-01' },
] as const;

export const entitlementSettingsSchema = z.object({
  populationIndicatorCode: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .describe('Indikator der Bevölkerung nach einzelnen Altersjahren (Merkmal „alter“)'),
  ageDimensionCode: z.string().trim().min(1).max(100),
  schoolEntryCutoff: z
    .string()
    .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'Stichtag als MM-TT erwartet (z. B. 09-30)')
    .refine(isSchoolEntryCutoff, 'Stichtag: diesen Tag gibt es nicht in jedem Jahr (z. B. 09-30 erwartet)'),
  firstSchoolYear: schoolYear,
  lastSchoolYear: schoolYear,
  /** Kita places of the Sozialräume: entered here (`own`) or the Kitas of the Bildungswegweiser (`directory`). */
  kitaPlacesSource: z
    .enum(['own', 'directory'])
    .default('own')
    .describe('Kita-Plätze: eigene Angaben oder die Kitas des Bildungswegweisers'),
});
export type EntitlementSettings = z.infer<typeof entitlementSettingsSchema>;

export const planScopeSchema = z.enum(['ganztag', 'kita_u3', 'kita_ue3', 'kita']);
export type EntitlementPlanScope = z.infer<typeof planScopeSchema>;
export const coverageStatusSchema = z.enum(['shortfall', 'tight', 'covered']);

export const planRowSchema = z.object({
  scenarioId: z.uuid(),
  scenario: z.string(),
  planningUnitId: z.uuid().nullable(),
  schoolYear: z.number().int(),
  scope: planScopeSchema,
  entitledChildren: z.string(),
  demand: z.string(),
  places: z.string(),
  gap: z.string(),
  gapPercent: z.string().nullable(),
  ratio: z.string().nullable(),
  status: coverageStatusSchema,
  basis: z.string(),
  sumOfShortfalls: z.string().optional(),
});
export type EntitlementPlanRow = z.infer<typeof planRowSchema>;

export const planQuerySchema = z.object({
  scenarioId: z.uuid().optional(),
  scope: planScopeSchema.optional(),
});

export const entitlementPlanSchema = z.object({
  schoolYears: z.array(z.number().int()),
  planningUnits: z.array(planningUnitSchema),
  scenarios: z.array(scenarioSchema),
  rows: z.array(planRowSchema),
  totals: z.array(planRowSchema),
  /** Planning units without population figures (their rows are missing). */
  withoutPopulation: z.array(z.uuid()),
  referenceDate: z.string().nullable(),
});
export type EntitlementPlanDto = z.infer<typeof entitlementPlanSchema>;

export const slipChangeSchema = z.object({
  scenario: z.string(),
  planningUnitId: z.uuid().nullable(),
  schoolYear: z.number().int(),
  scope: planScopeSchema,
  before: z.object({ places: z.string(), gap: z.string(), status: coverageStatusSchema }),
  after: z.object({ places: z.string(), gap: z.string(), status: coverageStatusSchema }),
});
export type EntitlementSlipChange = z.infer<typeof slipChangeSchema>;

/** '2026/27' for 2026 (school years are named by their start year). */
export const schoolYearLabelOf = (year: number): string =>
  `${year}/${String((year + 1) % 100).padStart(2, '0')}`;
