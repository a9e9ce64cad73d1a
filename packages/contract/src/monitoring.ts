import { z } from 'zod';
import { patchSchema } from './patch';
import { visibleText } from './text';

/* ---------- spatial units ---------- */

export const areaLevelSchema = z.enum([
  'bund',
  'land',
  'regierungsbezirk',
  'kreis',
  'gemeindeverband',
  'gemeinde',
  'stadtbezirk',
  'sozialraum',
  'planungsraum',
  'schulbezirk',
  'custom',
]);
export type AreaLevel = z.infer<typeof areaLevelSchema>;

export const AREA_LEVEL_LABELS: Record<AreaLevel, { de: string; en: string }> = {
  bund: { de: 'Bund', en: 'Federal' },
  land: { de: 'Land', en: 'State' },
  regierungsbezirk: { de: 'Regierungsbezirk', en: 'Administrative region' },
  kreis: { de: 'Kreis / kreisfreie Stadt', en: 'District / district-free city' },
  gemeindeverband: { de: 'Gemeindeverband', en: 'Municipal association' },
  gemeinde: { de: 'Gemeinde', en: 'Municipality' },
  stadtbezirk: { de: 'Stadtbezirk / Stadtteil', en: 'City district' },
  sozialraum: { de: 'Sozialraum', en: 'Social area' },
  planungsraum: { de: 'Planungsraum', en: 'Planning area' },
  schulbezirk: { de: 'Schulbezirk', en: 'School catchment' },
  custom: { de: 'Eigene Raumeinheit', en: 'Custom area' },
};

/** Broad levels first: used for sorting and for "which level is below which". */
export const AREA_LEVEL_ORDER: readonly AreaLevel[] = areaLevelSchema.options;

export const areaSchema = z.object({
  id: z.uuid(),
  level: areaLevelSchema,
  code: z.string(),
  name: z.string(),
  parentId: z.uuid().nullable(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  hasGeometry: z.boolean(),
});
export type Area = z.infer<typeof areaSchema>;

export const geometrySchema = z.object({
  type: z.enum(['Polygon', 'MultiPolygon']),
  coordinates: z.array(z.any()),
});

export const areaVersionSchema = z.object({
  id: z.uuid(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  name: z.string(),
  geometry: geometrySchema.nullable(),
});

export const areaDetailSchema = areaSchema.extend({
  versions: z.array(areaVersionSchema),
  parent: z.object({ id: z.uuid(), name: z.string(), level: areaLevelSchema }).nullable(),
  children: z.array(z.object({ id: z.uuid(), name: z.string(), code: z.string(), level: areaLevelSchema })),
});
export type AreaDetail = z.infer<typeof areaDetailSchema>;

/** GeoJSON FeatureCollection of the areas of one level valid at a date (for maps). */
export const areaFeatureCollectionSchema = z.object({
  type: z.literal('FeatureCollection'),
  bbox: z.array(z.number()).nullable(),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      id: z.string(),
      properties: z.object({ areaId: z.uuid(), code: z.string(), name: z.string() }),
      geometry: geometrySchema,
    }),
  ),
});
export type AreaFeatureCollection = z.infer<typeof areaFeatureCollectionSchema>;

/* ---------- indicator catalogue ---------- */

/** The nine areas of the Anwendungsleitfaden zum Aufbau eines kommunalen Bildungsmonitorings. */
export const indicatorTopicSchema = z.enum([
  'rahmenbedingungen',
  'grundinformationen',
  'fruehkindliche_bildung',
  'allgemeinbildende_schulen',
  'berufliche_bildung',
  'hochschulen',
  'weiterbildung',
  'non_formale_lernwelten',
  'bildungsnetzwerke_beratung',
]);
export type IndicatorTopic = z.infer<typeof indicatorTopicSchema>;

export const INDICATOR_TOPIC_LABELS: Record<IndicatorTopic, { de: string; en: string }> = {
  rahmenbedingungen: { de: 'Rahmenbedingungen', en: 'Framework conditions' },
  grundinformationen: { de: 'Grundinformationen', en: 'Basic information' },
  fruehkindliche_bildung: { de: 'Frühkindliche Bildung', en: 'Early childhood education' },
  allgemeinbildende_schulen: { de: 'Allgemeinbildende Schulen', en: 'General schools' },
  berufliche_bildung: { de: 'Berufliche Bildung', en: 'Vocational education' },
  hochschulen: { de: 'Hochschulen', en: 'Higher education' },
  weiterbildung: { de: 'Weiterbildung', en: 'Further education' },
  non_formale_lernwelten: {
    de: 'Non-formale und informelle Lernwelten',
    en: 'Non-formal and informal learning',
  },
  bildungsnetzwerke_beratung: {
    de: 'Bildungsnetzwerke und -beratung',
    en: 'Education networks and guidance',
  },
};

export const indicatorTierSchema = z.enum(['kern', 'ueberblick', 'ergaenzung']);
export const INDICATOR_TIER_LABELS: Record<
  z.infer<typeof indicatorTierSchema>,
  { de: string; en: string }
> = {
  kern: { de: 'Kernindikator', en: 'Core indicator' },
  ueberblick: { de: 'Überblicksindikator', en: 'Overview indicator' },
  ergaenzung: { de: 'Ergänzungsindikator', en: 'Supplementary indicator' },
};
export const indicatorKindSchema = z.enum(['status', 'dynamic']);
export const indicatorMeasureSchema = z.enum(['absolute', 'relative']);
export const polaritySchema = z.enum(['higher_better', 'lower_better', 'neutral']);
export const periodTypeSchema = z.enum(['year', 'half_year', 'school_year', 'date']);
export const visibilitySchema = z.enum(['public', 'internal']);
export type Polarity = z.infer<typeof polaritySchema>;
export type PeriodType = z.infer<typeof periodTypeSchema>;
export type Visibility = z.infer<typeof visibilitySchema>;

/** Official quality signs (GENESIS) plus the platform's own suppression sign. */
export const flagSchema = z.enum(['-', '.', 'x', '/', '...', '()', 'p', 'r', 's']);

export const dimensionValueSchema = z.object({
  code: z.string(),
  label: z.string(),
  labelEn: z.string().nullable(),
  isTotal: z.boolean(),
});
export const dimensionSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  named: z.boolean(),
  values: z.array(dimensionValueSchema),
});
export type Dimension = z.infer<typeof dimensionSchema>;

export const dimensionUpdateSchema = z.object({
  name: visibleText(z.string().trim().min(1).max(120)).optional(),
  nameEn: visibleText(z.string().trim().max(120)).nullable().optional(),
  values: z
    .array(
      z.object({
        code: z.string(),
        label: visibleText(z.string().trim().min(1).max(200)),
        isTotal: z.boolean().optional(),
      }),
    )
    .optional(),
});

export const indicatorMetaSchema = z.object({
  nameDe: visibleText(z.string().trim().min(1).max(200)),
  nameEn: visibleText(z.string().trim().max(200)).nullable(),
  description: z.string().max(4000).nullable(),
  unit: visibleText(z.string().trim().min(1).max(40)),
  decimals: z.number().int().min(0).max(6),
  topic: indicatorTopicSchema,
  tier: indicatorTierSchema,
  kind: indicatorKindSchema,
  measure: indicatorMeasureSchema,
  polarity: polaritySchema,
  periodType: periodTypeSchema,
  visibility: visibilitySchema,
  source: z.string().max(500).nullable(),
  licence: z.string().max(300).nullable(),
  attribution: z.string().max(500).nullable(),
  updateInterval: z.string().max(100).nullable(),
  contact: z.string().max(300).nullable(),
  /** Disclosure threshold for counts; 0 = not a count (no protection); null = the tenant's default. */
  sdcThreshold: z.number().int().min(0).max(100).nullable(),
});
export type IndicatorMeta = z.infer<typeof indicatorMetaSchema>;

export const indicatorSchema = indicatorMetaSchema.extend({
  id: z.uuid(),
  code: z.string(),
  statisticsCode: z.string().nullable(),
  isComputed: z.boolean(),
  dataVersion: z.number().int(),
  updatedAt: z.string(),
  dimensions: z.array(z.object({ code: z.string(), name: z.string() })),
  /** First and last period with data, number of periods and of observations. */
  coverage: z.object({
    firstPeriod: z.string().nullable(),
    lastPeriod: z.string().nullable(),
    periods: z.number().int(),
    observations: z.number().int(),
    levels: z.array(areaLevelSchema),
  }),
});
export type Indicator = z.infer<typeof indicatorSchema>;

export const indicatorCreateSchema = indicatorMetaSchema.partial().extend({
  code: z
    .string()
    .trim()
    .min(1)
    .max(120)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'Nur Buchstaben, Ziffern, Punkt, Unterstrich und Bindestrich'),
  nameDe: visibleText(z.string().trim().min(1).max(200)),
  unit: visibleText(z.string().trim().min(1).max(40)),
  topic: indicatorTopicSchema,
});
export const indicatorUpdateSchema = patchSchema(indicatorMetaSchema);
export type IndicatorCreate = z.infer<typeof indicatorCreateSchema>;
export type IndicatorUpdate = z.infer<typeof indicatorUpdateSchema>;

export const indicatorDetailSchema = indicatorSchema.extend({
  dimensionsDetail: z.array(dimensionSchema),
  periods: z.array(z.string()),
  /** Definition of a computed indicator (the file format of `dkbm indicators apply`). */
  computed: z.unknown().nullable(),
  inputs: z.array(z.object({ id: z.uuid(), code: z.string(), name: z.string() })),
  dependents: z.array(z.object({ id: z.uuid(), code: z.string(), name: z.string() })),
  /** The caller may see unsuppressed values (internal view). */
  canSeeInternal: z.boolean(),
});
export type IndicatorDetail = z.infer<typeof indicatorDetailSchema>;

/* ---------- observations ---------- */

export const observationViewSchema = z.enum(['public', 'internal']);

/**
 * Most cells in one answer of `…/observations` (a whole large indicator is read page by page). A page of
 * 100,000 cells was 18.7 MB of JSON and about 200 MB of the server's memory while it was made (issue 9).
 */
export const OBSERVATIONS_PAGE = 20_000;

export const observationsQuerySchema = z.object({
  /** ISO dates, comma separated; default all. */
  periods: z.string().optional(),
  /** Area ids, comma separated. */
  areas: z.string().optional(),
  level: areaLevelSchema.optional(),
  /** Dimension filter: `altersgruppe:u3,geschlecht:w` (one value per dimension; omitted = all values). */
  dims: z.string().optional(),
  /** internal (default for roles with data.internal) or public (always suppressed). */
  view: observationViewSchema.optional(),
  /**
   * Paging: at most `limit` cells (default and maximum OBSERVATIONS_PAGE) from `offset` on, in the fixed
   * order period, area code, dimensions; the answer's `nextOffset` asks for the next page.
   */
  limit: z.coerce.number().int().min(1).max(OBSERVATIONS_PAGE).optional(),
  offset: z.coerce.number().int().min(0).optional(),
});

export const observationSchema = z.object({
  areaId: z.uuid(),
  areaCode: z.string(),
  period: z.string(),
  dims: z.record(z.string(), z.string()),
  /** Exact decimal as text ('.' separator); null when a flag stands instead. */
  value: z.string().nullable(),
  flag: z.string().nullable(),
  /** Withheld to protect small numbers (value is then null and flag '.'). */
  suppressed: z.enum(['withheld']).nullable(),
});
export type Observation = z.infer<typeof observationSchema>;

export const observationsResponseSchema = z.object({
  indicatorId: z.uuid(),
  code: z.string(),
  dataVersion: z.number().int(),
  view: observationViewSchema,
  decimals: z.number().int(),
  unit: z.string(),
  periodType: periodTypeSchema,
  observations: z.array(observationSchema),
  /** Offset of the next page, null when this was the last. */
  nextOffset: z.number().int().nullable(),
});
export type ObservationsResponse = z.infer<typeof observationsResponseSchema>;

/** Reference values of an indicator for an area: its parent chain (e.g. Land, Bund) with values. */
export const referenceSeriesSchema = z.object({
  areaId: z.uuid(),
  name: z.string(),
  level: areaLevelSchema,
  /** imported: as published; aggregated: computed from lower levels (sum, or ratio recomputed). */
  source: z.enum(['imported', 'aggregated']),
  points: z.array(
    z.object({
      period: z.string(),
      value: z.string().nullable(),
      flag: z.string().nullable(),
      /** Withheld to protect small numbers (public view), not an official sign. */
      suppressed: z.enum(['withheld']).nullable().optional(),
    }),
  ),
});

export const areaProfileSchema = z.object({
  area: areaSchema,
  references: z.array(z.object({ id: z.uuid(), name: z.string(), level: areaLevelSchema })),
  indicators: z.array(
    z.object({
      id: z.uuid(),
      code: z.string(),
      name: z.string(),
      nameEn: z.string().nullable(),
      unit: z.string(),
      decimals: z.number().int(),
      topic: indicatorTopicSchema,
      polarity: polaritySchema,
      periodType: periodTypeSchema,
      latestPeriod: z.string().nullable(),
      /** Dimension values of the series shown (the total value, or summed over a dimension without one). */
      dims: z.record(z.string(), z.string()),
      /** Dimensions summed over (counts without a total value), e.g. ['altersgruppe']. */
      summedOver: z.array(z.string()),
      /**
       * What the values shown stand for, per dimension: the one value shown (e.g. the official total
       * „insgesamt“) or, when `summed`, the values added up because the data has no official total.
       */
      breakdown: z.array(
        z.object({
          code: z.string(),
          name: z.string(),
          summed: z.boolean(),
          values: z.array(z.string()),
        }),
      ),
      /** imported: the area's own values; aggregated: computed from its child areas. */
      source: z.enum(['imported', 'aggregated']),
      series: z.array(
        z.object({
          period: z.string(),
          value: z.string().nullable(),
          flag: z.string().nullable(),
          suppressed: z.enum(['withheld']).nullable().optional(),
        }),
      ),
      references: z.array(
        z.object({
          areaId: z.uuid(),
          value: z.string().nullable(),
          flag: z.string().nullable(),
          suppressed: z.enum(['withheld']).nullable().optional(),
        }),
      ),
    }),
  ),
});
export type AreaProfile = z.infer<typeof areaProfileSchema>;

/* ---------- imports ---------- */

export const importStatusSchema = z.enum([
  'uploaded',
  'analyzing',
  'ready',
  'importing',
  'done',
  'failed',
  'undone',
]);
export type ImportStatus = z.infer<typeof importStatusSchema>;
export const importKindSchema = z.enum(['statistics', 'boundaries']);

export const importErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  file: z.string().optional(),
  line: z.number().int().optional(),
  column: z.number().int().optional(),
  field: z.string().optional(),
  /** Boundaries: the properties of the file, when the key property must be chosen. */
  propertyNames: z.array(z.string()).optional(),
});

/** Why an area key of the file did not match an area of the tenant. */
export const keyIssueReasonSchema = z.enum([
  'unknown_key',
  'other_level',
  'kreis_as_gemeinde',
  'not_valid_at_date',
  'invalid_key',
]);
export const KEY_ISSUE_LABELS: Record<z.infer<typeof keyIssueReasonSchema>, { de: string; en: string }> = {
  unknown_key: { de: 'Schlüssel unbekannt', en: 'unknown key' },
  other_level: { de: 'Schlüssel einer anderen Ebene', en: 'key of another level' },
  kreis_as_gemeinde: {
    de: 'Kreisfreie Stadt mit 8-stelligem Gemeindeschlüssel (5-stelliger Kreisschlüssel vorhanden)',
    en: 'district-free city given with its 8-digit municipality key',
  },
  not_valid_at_date: { de: 'Gebiet zum Stichtag nicht gültig', en: 'area not valid at that date' },
  invalid_key: { de: 'Schlüssel hat ein ungültiges Format', en: 'malformed key' },
};

export const keyReportSchema = z.object({
  matched: z.number().int(),
  /** Matched through a saved or given manual mapping. */
  mapped: z.number().int(),
  /** Areas that will be / were created from the file (official keys with names). */
  created: z.array(z.object({ code: z.string(), name: z.string().nullable(), level: areaLevelSchema })),
  unmatched: z.array(
    z.object({
      code: z.string(),
      name: z.string().nullable(),
      reason: keyIssueReasonSchema,
      /** e.g. the 5-digit key, or the validity of the existing area. */
      hint: z.string().nullable(),
      /** Suggested area for a manual mapping. */
      suggestion: z.object({ areaId: z.uuid(), code: z.string(), name: z.string() }).nullable(),
      /** How many cells / features carry this key. */
      count: z.number().int(),
      /** Statistics: cells of this key per measure key (what mapping it by hand would add). */
      byMeasure: z.record(z.string(), z.number().int()).optional(),
    }),
  ),
  /** Boundaries: areas of the tenant at this level that the file does not contain. */
  missingInFile: z.array(z.object({ code: z.string(), name: z.string() })).optional(),
  /** Boundaries: areas of the file without any value yet (e.g. formed after the period of the data). */
  withoutData: z.array(z.object({ code: z.string(), name: z.string() })).optional(),
});
export type KeyReport = z.infer<typeof keyReportSchema>;

const columnName = z.string().max(500);

/**
 * Column mapping of a tidy CSV / XLSX table (the import wizard's mapping step); column names as in the
 * header row. Each value column holds one statistical variable, keyed by `measure` (the wire name kept
 * for stored import runs); `dims` adds constant dimension values (wide format, e.g. the column
 * 'below_6' → { altersgruppe: 'unter_6' }).
 */
export const tidyMappingSchema = z.object({
  /** XLSX sheet name (default: first sheet). */
  sheet: z.string().max(200).optional(),
  /** 1-based header row (default: detected). */
  headerRow: z.number().int().min(1).max(1000).optional(),
  areaKey: z.object({ column: columnName }),
  areaName: z.object({ column: columnName }).optional(),
  /** Period from a column, or one constant period for the whole file (e.g. from the file name). */
  period: z.union([
    z.object({ column: columnName, type: periodTypeSchema.optional() }),
    z.object({ value: z.string().max(40), type: periodTypeSchema }),
  ]),
  /** Columns that hold dimension values (long format). */
  dimensions: z
    .array(
      z.object({
        column: columnName,
        key: z.string().max(120).optional(),
        name: z.string().max(200).optional(),
      }),
    )
    .max(200)
    .optional(),
  values: z
    .array(
      z.object({
        column: columnName,
        measure: z.string().max(200),
        name: z.string().max(200).optional(),
        unit: z.string().max(100).optional(),
        dims: z.record(z.string().max(120), z.string().max(200)).optional(),
      }),
    )
    .max(2000),
  /** Column with a quality sign for the value (optional). */
  flagColumn: columnName.optional(),
  /** Text cells use a decimal comma ('12,5', '1.234,5'); default: detected from the data. */
  decimalComma: z.boolean().optional(),
});
export type TidyMapping = z.infer<typeof tidyMappingSchema>;

/** What the mapping step shows: the columns and a few rows, plus a suggested mapping. */
export const tableInspectionSchema = z.object({
  format: z.enum(['tidy-csv', 'tidy-xlsx']),
  encoding: z.enum(['utf-8', 'iso-8859-1']),
  delimiter: z.enum([';', ',', '\t']).optional(),
  decimalComma: z.boolean(),
  sheets: z.array(z.string()).optional(),
  headerRow: z.number().int(),
  columns: z.array(z.string()),
  sample: z.array(z.array(z.string())),
  suggested: tidyMappingSchema.partial(),
});
export type TableInspection = z.infer<typeof tableInspectionSchema>;

export const statisticsAnalysisSchema = z.object({
  kind: z.literal('statistics'),
  format: z.enum(['genesis-table', 'genesis-ffcsv', 'tidy-csv', 'tidy-xlsx']),
  meta: z.record(z.string(), z.unknown()),
  measures: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      unit: z.string().nullable(),
      /** Existing indicator with this code (data will be added / replaced) or null (new indicator). */
      existingIndicatorId: z.uuid().nullable(),
      suggestedCode: z.string(),
      cells: z.number().int(),
      /** Cells of this measure whose key has an area (matched, mapped or created): what a commit writes. */
      writable: z.number().int().optional(),
    }),
  ),
  dimensions: z.array(
    z.object({
      /** Key of the dimension in the file (use it in `dimensionNames`). */
      key: z.string(),
      /** Code of the tenant's dimension the values go to (after naming / recognition). */
      code: z.string(),
      name: z.string(),
      named: z.boolean(),
      existing: z.boolean(),
      values: z.array(z.object({ key: z.string(), label: z.string(), isTotal: z.boolean() })),
    }),
  ),
  periods: z.array(z.string()),
  periodType: periodTypeSchema,
  rows: z.number().int(),
  flags: z.record(z.string(), z.number().int()),
  keys: keyReportSchema,
  /** For tidy tables: the mapping step. */
  inspection: tableInspectionSchema.optional(),
  /** A tidy table needs its column mapping before it can be analysed further. */
  needsMapping: z.boolean(),
  warnings: z.array(z.string()),
  /** „Unbekannte Gebiete anlegen“ as this analysis used it (default: off when most keys lie outside). */
  createAreas: z.boolean().optional(),
  /** Keys of the file outside the tenant's territory, of all keys (null: the tenant has no official key). */
  outsideKeys: z.object({ outside: z.number().int(), total: z.number().int() }).nullable().optional(),
  /** Areas that „Unbekannte Gebiete anlegen“ creates, per level (also when it is off). */
  createPreview: z.array(z.object({ level: areaLevelSchema, count: z.number().int() })).optional(),
});

/** How the coordinate system of a boundary file was found: stated in the file, read from the coordinates, or chosen by the user. */
export const crsHowSchema = z.enum(['declared', 'guessed', 'given']);
export type CrsHow = z.infer<typeof crsHowSchema>;

export const boundariesAnalysisSchema = z.object({
  kind: z.literal('boundaries'),
  format: z.string(),
  crs: z.object({
    crs: z.string(),
    how: crsHowSchema,
    reason: z.string(),
    alternatives: z.array(z.string()),
  }),
  features: z.number().int(),
  propertyNames: z.array(z.string()),
  keyProperty: z.string().nullable(),
  nameProperty: z.string().nullable(),
  level: areaLevelSchema,
  bbox: z.array(z.number()),
  sample: z.array(z.record(z.string(), z.unknown())),
  keys: keyReportSchema,
  layers: z.array(z.string()).optional(),
  warnings: z.array(z.string()),
});

export const importAnalysisSchema = z.discriminatedUnion('kind', [
  statisticsAnalysisSchema,
  boundariesAnalysisSchema,
]);
export type ImportAnalysis = z.infer<typeof importAnalysisSchema>;

export const importOptionsSchema = z.object({
  /**
   * Create areas for unknown official keys of the file (with the names from the file). Default: on, but
   * off for statistics when most keys of the file lie outside the tenant (ADR 5).
   */
  createAreas: z.boolean().optional(),
  /** Manual key → area mappings for this import. */
  keyMappings: z.array(z.object({ sourceKey: z.string(), areaId: z.uuid() })).optional(),
  /** Save the manual mappings for later imports. */
  saveKeyMappings: z.boolean().optional(),
  /** Accept that the listed unmatched keys are left out (the report keeps them). */
  skipUnmatched: z.boolean().optional(),
  /** Statistics: measure key → indicator code / name overrides. */
  indicators: z
    .array(
      z.object({
        key: z.string(),
        code: visibleText(z.string().trim().min(1).max(120)).optional(),
        nameDe: visibleText(z.string().trim().min(1).max(200)).optional(),
        topic: indicatorTopicSchema.optional(),
        skip: z.boolean().optional(),
      }),
    )
    .optional(),
  /** Statistics: dimension key → readable name. */
  dimensionNames: z.record(z.string(), visibleText(z.string().trim().min(1).max(120))).optional(),
  /** Tidy tables: the column mapping. */
  mapping: tidyMappingSchema.optional(),
  /** Tidy tables: inspect again with another sheet (XLSX) or header row, before mapping. */
  inspect: z
    .object({
      sheet: z.string().max(200).optional(),
      headerRow: z.number().int().min(1).max(1000).optional(),
    })
    .optional(),
  /** Boundaries: level, key and name property, CRS, validity of this boundary version. */
  level: areaLevelSchema.optional(),
  keyProperty: z.string().optional(),
  nameProperty: z.string().optional(),
  crs: z.string().optional(),
  layer: z.string().optional(),
  validFrom: z.iso.date().optional(),
  validTo: z.iso.date().nullable().optional(),
  parentAreaId: z.uuid().nullable().optional(),
});
export type ImportOptions = z.infer<typeof importOptionsSchema>;

export const importResultSchema = z.object({
  observations: z.object({
    inserted: z.number().int(),
    replaced: z.number().int(),
    skipped: z.number().int(),
  }),
  indicators: z.object({ created: z.array(z.string()), updated: z.array(z.string()) }),
  areas: z.object({ created: z.number().int(), versions: z.number().int() }),
  recomputed: z.array(z.string()),
  keys: keyReportSchema,
  warnings: z.array(z.string()),
  seconds: z.number(),
  /** Indicator code → the most detailed level with the municipality's own data (to open it there). */
  openAt: z.record(z.string(), areaLevelSchema).optional(),
});
export type ImportResult = z.infer<typeof importResultSchema>;

export const importRunSchema = z.object({
  id: z.uuid(),
  kind: importKindSchema,
  fileName: z.string(),
  fileSize: z.number().int(),
  checksum: z.string(),
  format: z.string().nullable(),
  status: importStatusSchema,
  progress: z.number().int(),
  progressText: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  createdBy: z.string().nullable(),
  /** Display name of the person who started the import (null: command line or deleted account). */
  createdByName: z.string().nullable(),
  via: z.string(),
  /** Counts of a finished import, for lists. */
  summary: z
    .object({
      inserted: z.number().int(),
      replaced: z.number().int(),
      skipped: z.number().int(),
      areasCreated: z.number().int(),
      versions: z.number().int(),
    })
    .nullable(),
  undoneAt: z.string().nullable(),
  error: importErrorSchema.nullable(),
});
export type ImportRun = z.infer<typeof importRunSchema>;

export const importRunDetailSchema = importRunSchema.extend({
  analysis: importAnalysisSchema.nullable(),
  options: importOptionsSchema.nullable(),
  result: importResultSchema.nullable(),
});
export type ImportRunDetail = z.infer<typeof importRunDetailSchema>;

/* ---------- computed indicators ---------- */

export const definitionsApplySchema = z.object({
  /** YAML or JSON text in the documented definitions format. */
  text: z.string().min(1).max(500_000),
  fileName: z.string().max(200).optional(),
});
export const definitionsApplyResultSchema = z.object({
  created: z.array(z.string()),
  updated: z.array(z.string()),
  observations: z.number().int(),
  warnings: z.array(z.string()),
});

/* ---------- key mappings ---------- */

export const keyMappingSchema = z.object({
  id: z.uuid(),
  sourceKey: z.string(),
  areaId: z.uuid(),
  areaName: z.string(),
  areaCode: z.string(),
  note: z.string().nullable(),
  createdAt: z.string(),
});
