import { z } from 'zod';
import { visibleText } from './text';

/*
 * Bildungswegweiser (module `directory`): venues (Lernorte: Kita, Schule, VHS, Bibliothek …), offerings
 * (Bildungsangebote: courses, counselling, programmes, events with dates) and providers (Träger/Anbieter).
 * Enum values are German slugs because they appear in the public, bookmarkable search URLs
 * (`/kommune/<slug>/wegweiser?kategorie=weiterbildung&kosten=kostenlos`).
 */

type Labels<K extends string> = Record<K, { de: string; en: string }>;

/** Categories along the life course (Bildung im Lebenslauf). */
export const directoryCategorySchema = z.enum([
  'fruehe_bildung',
  'schule',
  'uebergang_schule_beruf',
  'ausbildung_studium',
  'weiterbildung',
  'non_formale_bildung',
]);
export type DirectoryCategory = z.infer<typeof directoryCategorySchema>;
export const DIRECTORY_CATEGORIES = directoryCategorySchema.options;
export const DIRECTORY_CATEGORY_LABELS: Labels<DirectoryCategory> = {
  fruehe_bildung: { de: 'Frühe Bildung', en: 'Early childhood education' },
  schule: { de: 'Schule', en: 'School' },
  uebergang_schule_beruf: { de: 'Übergang Schule–Beruf', en: 'School-to-work transition' },
  ausbildung_studium: { de: 'Ausbildung und Studium', en: 'Vocational training and higher education' },
  weiterbildung: { de: 'Weiterbildung', en: 'Further education' },
  non_formale_bildung: { de: 'Non-formale Bildung', en: 'Non-formal education' },
};

/** Kinds of venue (Lernort). */
export const venueTypeSchema = z.enum([
  'kita',
  'kindertagespflege',
  'schule',
  'berufsschule',
  'hochschule',
  'vhs',
  'bibliothek',
  'jugendzentrum',
  'familienzentrum',
  'beratungsstelle',
  'musikschule',
  'museum',
  'sonstiger_ort',
]);
export type VenueType = z.infer<typeof venueTypeSchema>;
export const VENUE_TYPE_LABELS: Labels<VenueType> = {
  kita: { de: 'Kita', en: 'Day-care centre' },
  kindertagespflege: { de: 'Kindertagespflege', en: 'Childminder' },
  schule: { de: 'Schule', en: 'School' },
  berufsschule: { de: 'Berufsbildende Schule', en: 'Vocational school' },
  hochschule: { de: 'Hochschule', en: 'University' },
  vhs: { de: 'Volkshochschule', en: 'Adult education centre' },
  bibliothek: { de: 'Bibliothek', en: 'Library' },
  jugendzentrum: { de: 'Jugendzentrum', en: 'Youth centre' },
  familienzentrum: { de: 'Familienzentrum', en: 'Family centre' },
  beratungsstelle: { de: 'Beratungsstelle', en: 'Counselling centre' },
  musikschule: { de: 'Musikschule', en: 'Music school' },
  museum: { de: 'Museum', en: 'Museum' },
  sonstiger_ort: { de: 'Sonstiger Lernort', en: 'Other venue' },
};

/** Kinds of offering (Angebot). */
export const offeringTypeSchema = z.enum(['kurs', 'beratung', 'programm', 'veranstaltung']);
export type OfferingType = z.infer<typeof offeringTypeSchema>;
export const OFFERING_TYPE_LABELS: Labels<OfferingType> = {
  kurs: { de: 'Kurs', en: 'Course' },
  beratung: { de: 'Beratung', en: 'Counselling' },
  programm: { de: 'Programm', en: 'Programme' },
  veranstaltung: { de: 'Veranstaltung', en: 'Event' },
};

export const targetGroupSchema = z.enum([
  'kinder',
  'jugendliche',
  'junge_erwachsene',
  'erwachsene',
  'seniorinnen_senioren',
  'eltern_familien',
  'zugewanderte',
  'menschen_mit_behinderung',
  'fachkraefte',
]);
export type TargetGroup = z.infer<typeof targetGroupSchema>;
export const TARGET_GROUP_LABELS: Labels<TargetGroup> = {
  kinder: { de: 'Kinder', en: 'Children' },
  jugendliche: { de: 'Jugendliche', en: 'Young people' },
  junge_erwachsene: { de: 'Junge Erwachsene', en: 'Young adults' },
  erwachsene: { de: 'Erwachsene', en: 'Adults' },
  seniorinnen_senioren: { de: 'Seniorinnen und Senioren', en: 'Older people' },
  eltern_familien: { de: 'Eltern und Familien', en: 'Parents and families' },
  zugewanderte: { de: 'Zugewanderte', en: 'Immigrants' },
  menschen_mit_behinderung: { de: 'Menschen mit Behinderung', en: 'People with disabilities' },
  fachkraefte: { de: 'Fachkräfte', en: 'Professionals' },
};

/** Costs: free, reduced rates available (e.g. with Berlin-Pass/Bildungskarte), or a price. */
export const costKindSchema = z.enum(['kostenlos', 'ermaessigt', 'kostenpflichtig']);
export type CostKind = z.infer<typeof costKindSchema>;
export const COST_KIND_LABELS: Labels<CostKind> = {
  kostenlos: { de: 'kostenlos', en: 'free' },
  ermaessigt: { de: 'Ermäßigung möglich', en: 'reduced rates' },
  kostenpflichtig: { de: 'kostenpflichtig', en: 'fee' },
};

export const accessibilityFeatureSchema = z.enum([
  'barrierefrei',
  'leichte_sprache',
  'gebaerdensprache',
  'induktionsschleife',
]);
export type AccessibilityFeature = z.infer<typeof accessibilityFeatureSchema>;
export const ACCESSIBILITY_LABELS: Labels<AccessibilityFeature> = {
  barrierefrei: { de: 'barrierefrei zugänglich', en: 'step-free access' },
  leichte_sprache: { de: 'Leichte Sprache', en: 'Easy-to-read language' },
  gebaerdensprache: { de: 'Gebärdensprache', en: 'Sign language' },
  induktionsschleife: { de: 'Induktionsschleife', en: 'Hearing loop' },
};

/** Kinds of provider (Träger). */
export const providerKindSchema = z.enum(['oeffentlich', 'frei_gemeinnuetzig', 'kirchlich', 'privat']);
export type ProviderKind = z.infer<typeof providerKindSchema>;
export const PROVIDER_KIND_LABELS: Labels<ProviderKind> = {
  oeffentlich: { de: 'öffentlicher Träger', en: 'public provider' },
  frei_gemeinnuetzig: { de: 'freier gemeinnütziger Träger', en: 'non-profit provider' },
  kirchlich: { de: 'kirchlicher Träger', en: 'church provider' },
  privat: { de: 'privater Träger', en: 'private provider' },
};

/** Moderation state of an entry: providers submit, the Bildungsbüro publishes or rejects. */
export const entryStatusSchema = z.enum(['entwurf', 'eingereicht', 'veroeffentlicht', 'abgelehnt']);
export type EntryStatus = z.infer<typeof entryStatusSchema>;

export const weekdaySchema = z.enum(['mo', 'di', 'mi', 'do', 'fr', 'sa', 'so']);
export type Weekday = z.infer<typeof weekdaySchema>;
export const WEEKDAYS = weekdaySchema.options;
export const WEEKDAY_LABELS: Labels<Weekday> = {
  mo: { de: 'Montag', en: 'Monday' },
  di: { de: 'Dienstag', en: 'Tuesday' },
  mi: { de: 'Mittwoch', en: 'Wednesday' },
  do: { de: 'Donnerstag', en: 'Thursday' },
  fr: { de: 'Freitag', en: 'Friday' },
  sa: { de: 'Samstag', en: 'Saturday' },
  so: { de: 'Sonntag', en: 'Sunday' },
};

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Uhrzeit als HH:MM');
const isoDate = z.iso.date();
/** Local date and time in the municipality (Europe/Berlin), without offset: 2027-03-04T18:00. */
const localDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d$/, 'Datum und Uhrzeit als JJJJ-MM-TTTHH:MM');

export const openingHoursSchema = z
  .object({ day: weekdaySchema, opens: time, closes: time })
  .refine((h) => h.opens < h.closes, { message: 'Öffnet vor dem Schließen', path: ['closes'] });
export type OpeningHours = z.infer<typeof openingHoursSchema>;

/** Postal address; `street` holds street and house number as written („Albrechtstr. 20“). */
export const addressSchema = z.object({
  street: visibleText(z.string().trim().min(1).max(200)),
  postcode: z.string().regex(/^\d{5}$/, 'Postleitzahl: 5 Ziffern'),
  city: visibleText(z.string().trim().min(1).max(120)),
});
export type Address = z.infer<typeof addressSchema>;

/** WGS84 longitude/latitude (within Germany and its surroundings). */
export const geoPointSchema = z.object({
  lon: z.number().min(4.5).max(16.5),
  lat: z.number().min(46).max(56),
});
export type GeoPoint = z.infer<typeof geoPointSchema>;

export const contactSchema = z.object({
  phone: z
    .string()
    .trim()
    .max(40)
    .regex(/^[+0-9 ()/-]*$/, 'Telefonnummer: Ziffern, Leerzeichen, + ( ) / -')
    .nullable()
    .default(null),
  email: z.email().max(200).nullable().default(null),
  website: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .nullable()
    .default(null),
});
export type Contact = z.infer<typeof contactSchema>;

const ages = {
  ageFrom: z.number().int().min(0).max(120).nullable().default(null),
  ageTo: z.number().int().min(0).max(120).nullable().default(null),
};
const languages = z
  .array(z.string().regex(/^[a-z]{2,3}$/, 'Sprache als ISO-639-Kürzel (de, en, tr …)'))
  .max(20)
  .default([]);

/** Fields a venue is created or changed with (workbench form, provider account, import). */
export const venueInputSchema = z
  .object({
    name: visibleText(z.string().trim().min(2).max(200)),
    type: venueTypeSchema,
    categories: z.array(directoryCategorySchema).min(1).max(6),
    description: z.string().trim().max(5000).default(''),
    /** Träger (e.g. the Kita list's `sponsor_name`); provider accounts come later. */
    provider: z.string().trim().max(200).default(''),
    address: addressSchema,
    location: geoPointSchema.nullable().default(null),
    targetGroups: z.array(targetGroupSchema).max(9).default([]),
    ...ages,
    languages,
    accessibility: z.array(accessibilityFeatureSchema).max(4).default([]),
    openingHours: z.array(openingHoursSchema).max(21).default([]),
    openingHoursNote: z.string().trim().max(300).default(''),
    contact: contactSchema.default({ phone: null, email: null, website: null }),
    /** Places (e.g. Kita places), where known. */
    capacity: z.number().int().min(0).max(100_000).nullable().default(null),
    validUntil: isoDate.nullable().default(null),
  })
  .refine((v) => v.ageFrom === null || v.ageTo === null || v.ageFrom <= v.ageTo, {
    message: 'Alter von ≤ Alter bis',
    path: ['ageTo'],
  });
export type VenueInput = z.infer<typeof venueInputSchema>;

export const offeringDateSchema = z
  .object({ start: localDateTime, end: localDateTime.nullable().default(null) })
  .refine((d) => d.end === null || d.start < d.end, { message: 'Ende nach dem Beginn', path: ['end'] });
export type OfferingDate = z.infer<typeof offeringDateSchema>;

export const offeringInputSchema = z
  .object({
    title: visibleText(z.string().trim().min(2).max(200)),
    type: offeringTypeSchema,
    categories: z.array(directoryCategorySchema).min(1).max(6),
    description: z.string().trim().max(10_000).default(''),
    provider: z.string().trim().max(200).default(''),
    address: addressSchema.nullable().default(null),
    location: geoPointSchema.nullable().default(null),
    online: z.boolean().default(false),
    targetGroups: z.array(targetGroupSchema).max(9).default([]),
    ...ages,
    languages,
    cost: costKindSchema,
    /** Price in euros as decimal text („45,00“ is given as „45.00“). */
    price: z
      .string()
      .regex(/^\d{1,6}(\.\d{1,2})?$/, 'Preis in Euro, z. B. 45.00')
      .nullable()
      .default(null),
    priceNote: z.string().trim().max(300).default(''),
    accessibility: z.array(accessibilityFeatureSchema).max(4).default([]),
    dates: z.array(offeringDateSchema).max(200).default([]),
    scheduleNote: z.string().trim().max(300).default(''),
    contact: contactSchema.default({ phone: null, email: null, website: null }),
    registrationRequired: z.boolean().default(false),
    validUntil: isoDate.nullable().default(null),
  })
  .refine((v) => v.ageFrom === null || v.ageTo === null || v.ageFrom <= v.ageTo, {
    message: 'Alter von ≤ Alter bis',
    path: ['ageTo'],
  })
  .refine((v) => v.cost !== 'kostenlos' || v.price === null, {
    message: 'Ein kostenloses Angebot hat keinen Preis',
    path: ['price'],
  });
export type OfferingInput = z.infer<typeof offeringInputSchema>;

export const providerInputSchema = z.object({
  name: visibleText(z.string().trim().min(2).max(200)),
  kind: providerKindSchema.nullable().default(null),
  description: z.string().trim().max(2000).default(''),
  contact: contactSchema.default({ phone: null, email: null, website: null }),
});
export type ProviderInput = z.infer<typeof providerInputSchema>;

/** Licence and attribution of imported entries, shown on every public page that shows them. */
export const directorySourceSchema = z.object({
  name: z.string().max(300),
  licence: z.string().max(300),
  /** URI of the licence (dl-de/by-2-0, CC BY 4.0 …) where known. */
  licenceUri: z.string().max(300).nullable(),
  attribution: z.string().max(500),
  url: z.string().max(500).nullable(),
});
export type DirectorySource = z.infer<typeof directorySourceSchema>;

/* ---------- public search (GET form of /kommune/<slug>/wegweiser) ---------- */

export const directoryKindSchema = z.enum(['orte', 'angebote']);
export const directorySortSchema = z.enum(['relevanz', 'name', 'entfernung', 'datum']);
/** Date facet: dated offerings from today within the period. */
export const directoryPeriodSchema = z.enum(['woche', 'monat', 'quartal']);
export const DIRECTORY_PAGE_SIZE = 20;

const many = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(item).max(20));

/**
 * Query parameters of the search. Unknown facet values are refused (400), so that a URL says exactly
 * what it shows; repeated parameters (`kategorie=schule&kategorie=weiterbildung`) are OR within a facet
 * and AND between facets.
 */
export const directorySearchQuerySchema = z.object({
  q: z.string().trim().max(200).default(''),
  art: directoryKindSchema.optional(),
  kategorie: many(directoryCategorySchema),
  typ: many(z.union([venueTypeSchema, offeringTypeSchema])),
  zielgruppe: many(targetGroupSchema),
  gebiet: many(z.string().regex(/^[A-Za-z0-9._-]{1,40}$/)),
  kosten: many(costKindSchema),
  sprache: many(z.string().regex(/^[a-z]{2,3}$/)),
  zugang: many(accessibilityFeatureSchema),
  zeitraum: directoryPeriodSchema.optional(),
  alter: z.coerce.number().int().min(0).max(120).optional(),
  /** Distance sort from an area (its centre) given by code. */
  von: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,40}$/)
    .optional(),
  /**
   * Distance sort from a typed address (street and house number, postcode or area name), found in the
   * municipality's own data (addresses of the Wegweiser's entries, area centres); takes precedence over `von`.
   */
  adresse: z.string().trim().max(200).optional(),
  sortierung: directorySortSchema.default('relevanz'),
  seite: z.coerce.number().int().min(1).max(10_000).default(1),
});
export type DirectorySearchQuery = z.infer<typeof directorySearchQuerySchema>;

/* ---------- workbench API ---------- */

export const directoryEntryKindSchema = z.enum(['ort', 'angebot']);
export type DirectoryEntryKind = z.infer<typeof directoryEntryKindSchema>;
export const DIRECTORY_ENTRY_KIND_LABELS: Labels<DirectoryEntryKind> = {
  ort: { de: 'Ort', en: 'Place' },
  angebot: { de: 'Angebot', en: 'Offer' },
};

/** One entry of the directory as the workbench and the public pages see it. */
export const directoryEntrySchema = z.object({
  id: z.uuid(),
  kind: directoryEntryKindSchema,
  /** Stable German URL segment of the public detail page. */
  slug: z.string(),
  name: z.string(),
  type: z.string(),
  categories: z.array(directoryCategorySchema),
  description: z.string(),
  provider: z.string(),
  address: addressSchema.nullable(),
  location: geoPointSchema.nullable(),
  /** Area (Stadtteil/Sozialraum) computed from the coordinates and the municipality's boundaries. */
  area: z.object({ id: z.uuid(), code: z.string(), name: z.string() }).nullable(),
  status: entryStatusSchema,
  /** Where an imported entry comes from (licence and attribution shown publicly). */
  source: directorySourceSchema.nullable(),
  /** The remaining fields as entered (venue or offering input). */
  details: z.record(z.string(), z.unknown()),
  updatedAt: z.string(),
});
export type DirectoryEntry = z.infer<typeof directoryEntrySchema>;

export const directoryStatusUpdateSchema = z.object({ status: entryStatusSchema });

/** Known column layouts of real lists (the Berlin Kita list); `auto` recognises them by the header. */
export const directoryImportPresetSchema = z.enum(['auto', 'berlin-kitas', 'berlin-schulen', 'nrw-schulen']);

const column = z.string().trim().min(1).max(100);

/**
 * Which column of the list holds which field (`--mapping` of `dkbm directory import`, `mapping` of the
 * API). With a preset, the fields named here replace the preset's; without one, name, street, postcode,
 * city (a column or `cityName`), lat, lon, type and categories are needed.
 */
export const directoryImportMappingSchema = z
  .object({
    name: column,
    /** One column, or several joined with a space (street + house number). */
    street: z.union([column, z.array(column).min(1).max(4)]),
    postcode: column,
    city: column,
    /** The same town for every row, instead of a column. */
    cityName: visibleText(z.string().trim().min(1).max(120)),
    lat: column,
    lon: column,
    phone: column,
    capacity: column,
    provider: column,
    externalId: column,
    type: venueTypeSchema,
    categories: z.array(directoryCategorySchema).min(1).max(6),
    /** Coordinate system of lat/lon (default WGS84). */
    crs: z.enum(['EPSG:4326', 'EPSG:25832', 'EPSG:25833', 'EPSG:31467', 'EPSG:31468']),
    licence: z.string().trim().max(300),
    attribution: z.string().trim().max(500),
  })
  .partial()
  .strict();
export type DirectoryImportMapping = z.infer<typeof directoryImportMappingSchema>;

/**
 * Import of a list: CSV or GeoJSON text (`csv`) or an Excel file (`xlsxBase64`, first sheet, first row
 * the header), with a preset and/or a column mapping. `dryRun` checks and reports without storing.
 */
export const directoryImportRequestSchema = z
  .object({
    fileName: z.string().trim().min(1).max(200),
    csv: z.string().min(1).max(20_000_000).optional(),
    xlsxBase64: z.string().min(1).max(27_000_000).optional(),
    preset: directoryImportPresetSchema.default('auto'),
    mapping: directoryImportMappingSchema.optional(),
    dryRun: z.boolean().default(true),
  })
  .refine((r) => (r.csv === undefined) !== (r.xlsxBase64 === undefined), {
    message: 'Entweder csv oder xlsxBase64 angeben',
    path: ['csv'],
  });
export type DirectoryImportRequest = z.infer<typeof directoryImportRequestSchema>;

export const directoryImportProblemSchema = z.object({
  line: z.number().int(),
  field: z.string(),
  message: z.string(),
});
export type DirectoryImportProblem = z.infer<typeof directoryImportProblemSchema>;

export const directoryImportReportSchema = z.object({
  dryRun: z.boolean(),
  preset: z.string(),
  rows: z.number().int(),
  taken: z.number().int(),
  refused: z.number().int(),
  duplicates: z.number().int(),
  /** Entries whose coordinates lie in an area of the municipality. */
  inAreas: z.number().int(),
  /** First problems (line, field, German message), at most 200. */
  problems: z.array(directoryImportProblemSchema),
});
export type DirectoryImportReport = z.infer<typeof directoryImportReportSchema>;

/* ---------- providers (Anbieter), moderation, reminders ---------- */

/** A provider (Träger) of the Wegweiser with its accounts (people with the role „Anbieter“). */
export const directoryProviderSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  contactEmail: z.string(),
  accounts: z.array(z.object({ userId: z.uuid(), displayName: z.string(), email: z.string() })),
  entries: z.number().int(),
});
export type DirectoryProvider = z.infer<typeof directoryProviderSchema>;

export const directoryProviderCreateSchema = z.object({
  name: visibleText(z.string().trim().min(2).max(200)),
  contactEmail: z.email().max(200),
});
export type DirectoryProviderCreate = z.infer<typeof directoryProviderCreateSchema>;

/** Give a person of the municipality with the role „Anbieter“ (by e-mail) to a provider (one per person). */
export const directoryProviderAccountSchema = z.object({ email: z.email().max(200) });

/** Which provider maintains an entry (null: the Bildungsbüro itself). */
export const directoryEntryProviderSchema = z.object({ providerId: z.uuid().nullable() });

/** An entry as its provider sees it: the published state, a submitted change, the last decision. */
export const providerEntrySchema = directoryEntrySchema.extend({
  validUntil: z.string().nullable(),
  /** Submitted and not yet decided. */
  pending: z.boolean(),
  pendingAt: z.string().nullable(),
  reviewMessage: z.string().nullable(),
});
export type ProviderEntry = z.infer<typeof providerEntrySchema>;

/** One field of the moderation diff: before (published) and after (submitted), as display text. */
export const reviewChangeSchema = z.object({
  field: z.string(),
  label: z.string(),
  before: z.string(),
  after: z.string(),
});
export type ReviewChange = z.infer<typeof reviewChangeSchema>;

/** An item of the review queue: a new offer or a change of a published entry, with its diff. */
export const reviewItemSchema = z.object({
  entryId: z.uuid(),
  name: z.string(),
  kind: directoryEntryKindSchema,
  provider: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  /** true: never published yet (everything is new). */
  isNew: z.boolean(),
  submittedAt: z.string(),
  changes: z.array(reviewChangeSchema),
});
export type ReviewItem = z.infer<typeof reviewItemSchema>;

export const reviewDecisionSchema = z.object({
  decision: z.enum(['freigeben', 'ablehnen']),
  /** Message to the provider; required when rejecting. */
  message: z.string().trim().max(2000).default(''),
});
export type ReviewDecision = z.infer<typeof reviewDecisionSchema>;

export const outboxKindSchema = z.enum(['erinnerung', 'freigabe', 'ablehnung']);
export const directoryOutboxMessageSchema = z.object({
  id: z.uuid(),
  kind: outboxKindSchema,
  recipient: z.string(),
  subject: z.string(),
  body: z.string(),
  provider: z.string().nullable(),
  createdAt: z.string(),
});
export type DirectoryOutboxMessage = z.infer<typeof directoryOutboxMessageSchema>;

/** Write reminders for entries whose „gültig bis“ is within `days` (or passed) — once per date. */
export const reminderRunSchema = z.object({
  days: z.number().int().min(0).max(365).default(14),
  dryRun: z.boolean().default(false),
});
export const reminderReportSchema = z.object({
  dryRun: z.boolean(),
  /** Messages written (one per provider). */
  messages: z.number().int(),
  entries: z.array(
    z.object({ entryId: z.uuid(), name: z.string(), provider: z.string(), validUntil: z.string() }),
  ),
});
export type ReminderReport = z.infer<typeof reminderReportSchema>;

/** The provider's account and its entries. */
export const providerOverviewSchema = z.object({
  provider: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  entries: z.array(providerEntrySchema),
  messages: z.array(directoryOutboxMessageSchema),
});
export type ProviderOverview = z.infer<typeof providerOverviewSchema>;
