import { z } from 'zod';
import { richDocSchema, richIsEmpty } from './reportText';

/**
 * Bildungsbericht (report): chapters of blocks — text, indicator chart (with a table alternative) and
 * indicator table. Data blocks keep a snapshot of the public (disclosure-controlled) values; the snapshot
 * is refreshed deliberately while the report is a draft and frozen at release („freigeben“).
 */

export const reportStatusSchema = z.enum(['draft', 'review', 'approved', 'published']);
export type ReportStatus = z.infer<typeof reportStatusSchema>;

export const REPORT_STATUS_LABELS: Record<ReportStatus, { de: string; en: string }> = {
  draft: { de: 'Entwurf', en: 'Draft' },
  review: { de: 'in Prüfung', en: 'In review' },
  approved: { de: 'freigegeben', en: 'Released' },
  published: { de: 'veröffentlicht', en: 'Published' },
};

/** Status changes a report allows: back to draft only from review; release freezes the data. */
export const REPORT_TRANSITIONS: Record<ReportStatus, readonly ReportStatus[]> = {
  draft: ['review'],
  review: ['draft', 'approved'],
  approved: ['published'],
  published: [],
};

/** The chapters of the Anwendungsleitfaden zum Aufbau eines kommunalen Bildungsmonitorings. */
export const LEITFADEN_CHAPTERS: readonly string[] = [
  'Rahmenbedingungen',
  'Grundinformationen zu Bildung',
  'Frühkindliche Bildung',
  'Allgemeinbildende Schulen',
  'Berufliche Bildung',
  'Hochschule',
  'Weiterbildung',
  'Non-formale und informelle Lernwelten',
];

/**
 * leitfaden / empty / previous; and three formats built from the same blocks for chosen indicators:
 * `topic` (Themenbericht), `area_profile` (Sozialraumprofil of one area), `datasheet` (Datenblatt).
 */
export const reportTemplateSchema = z.enum([
  'leitfaden',
  'empty',
  'previous',
  'topic',
  'area_profile',
  'datasheet',
]);
/** Templates that build their structure from chosen indicators. */
export const INDICATOR_TEMPLATES: readonly string[] = ['topic', 'area_profile', 'datasheet'];
export type ReportTemplate = z.infer<typeof reportTemplateSchema>;

const title = z.string().trim().min(1, 'Bitte einen Titel angeben.').max(200);
const dateString = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Datum im Format JJJJ-MM-TT');

export const reportCreateSchema = z
  .object({
    title,
    period: z.string().trim().min(1).max(40).describe('Berichtszeitraum, z. B. „2025“'),
    dataCutoff: dateString.nullable().optional().describe('Redaktionsschluss'),
    authors: z.string().trim().max(400).nullable().optional(),
    template: reportTemplateSchema.default('leitfaden'),
    previousReportId: z.uuid().optional().describe('Bei Vorlage „previous“: der frühere Bericht'),
    indicatorIds: z
      .array(z.uuid())
      .max(8)
      .optional()
      .describe('Themenbericht, Sozialraumprofil, Datenblatt: die Indikatoren (1 bis 8)'),
    areaCode: z.string().trim().min(1).max(40).optional().describe('Sozialraumprofil: das Gebiet'),
  })
  .refine((v) => v.template !== 'previous' || !!v.previousReportId, {
    message: 'Bitte den früheren Bericht wählen.',
    path: ['previousReportId'],
  })
  .refine((v) => !INDICATOR_TEMPLATES.includes(v.template) || !!v.indicatorIds?.length, {
    message: 'Bitte mindestens einen Indikator wählen.',
    path: ['indicatorIds'],
  })
  .refine((v) => v.template !== 'area_profile' || !!v.areaCode, {
    message: 'Bitte das Gebiet des Sozialraumprofils wählen.',
    path: ['areaCode'],
  });
export type ReportCreate = z.infer<typeof reportCreateSchema>;

export const reportUpdateSchema = z.object({
  title: title.optional(),
  period: z.string().trim().min(1).max(40).optional(),
  dataCutoff: dateString.nullable().optional(),
  authors: z.string().trim().max(400).nullable().optional(),
  summary: z.string().trim().max(2000).nullable().optional(),
});
export type ReportUpdate = z.infer<typeof reportUpdateSchema>;

export const reportStatusChangeSchema = z.object({ status: reportStatusSchema });

export const reportSummarySchema = z.object({
  id: z.uuid(),
  title: z.string(),
  period: z.string(),
  dataCutoff: z.string().nullable(),
  authors: z.string().nullable(),
  summary: z.string().nullable(),
  status: reportStatusSchema,
  releasedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  updatedAt: z.string(),
});
export type ReportSummary = z.infer<typeof reportSummarySchema>;

/* ---------- blocks ---------- */

/** Longest alt text of an image block. */
export const IMAGE_ALT_MAX = 1000;
/** Largest image of an image block (bytes). */
export const MAX_REPORT_IMAGE_BYTES = 5 * 1024 * 1024;

/** An uploaded image of a report (PNG or JPEG, type from the content). */
export const reportImageSchema = z.object({
  id: z.uuid(),
  mime: z.enum(['image/png', 'image/jpeg']),
  size: z.number().int(),
  width: z.number().int(),
  height: z.number().int(),
});
export type ReportImage = z.infer<typeof reportImageSchema>;

export const blockKindSchema = z.enum([
  'text',
  'chart',
  'map',
  'table',
  'keyfigure',
  'goal',
  'recommendation',
  'infobox',
  'image',
  'finding',
]);
export type BlockKind = z.infer<typeof blockKindSchema>;
/** Blocks whose data come from a monitoring indicator. */
export const INDICATOR_BLOCKS: readonly BlockKind[] = ['chart', 'map', 'table', 'keyfigure'];
/** Blocks that show a goal or a recommendation of the steering module. */
export const STEERING_BLOCKS: readonly BlockKind[] = ['goal', 'recommendation', 'finding'];
/** Blocks with rich text (an info box has its caption as title). */
export const RICH_BLOCKS: readonly BlockKind[] = ['text', 'infobox'];

/** areas: the latest period by area (bar chart); series: all periods by area (line chart). */
export const blockViewSchema = z.enum(['areas', 'series']);
export type BlockView = z.infer<typeof blockViewSchema>;

/** One public value of a data block: withheld cells have value null and flag „.“. */
export const blockCellSchema = z.object({
  areaCode: z.string(),
  areaName: z.string(),
  period: z.string(),
  value: z.string().nullable(),
  flag: z.string().nullable(),
});
export type BlockCell = z.infer<typeof blockCellSchema>;

/** The most reference areas a chart block compares with. */
export const MAX_REFERENCE_AREAS = 3;

/** One reference area of a chart block with its public values in the block's periods. */
export const blockReferenceSchema = z.object({
  areaId: z.uuid(),
  areaName: z.string(),
  level: z.string(),
  points: z.array(
    z.object({ period: z.string(), value: z.string().nullable(), flag: z.string().nullable() }),
  ),
});
export type BlockReference = z.infer<typeof blockReferenceSchema>;

/** The data of a block as taken from the monitoring's public view (values, flags, metadata, version). */
export const blockDataSchema = z.object({
  indicatorCode: z.string(),
  indicatorName: z.string(),
  unit: z.string().nullable(),
  decimals: z.number().int(),
  source: z.string().nullable(),
  licence: z.string().nullable(),
  dataVersion: z.number().int(),
  /** Dimensions without a total in the data: the value shown, e.g. „Altersgruppe: unter 3 Jahre“. */
  selection: z.string().nullable().optional(),
  takenAt: z.string(),
  cells: z.array(blockCellSchema),
  /**
   * chart: reference values (Vergleichswerte) of the reference areas the editor chose — Land, Bund or any
   * other area of the municipality's monitoring — from the same public view (disclosure control applies),
   * for the block's periods; frozen with the values.
   */
  references: z.array(blockReferenceSchema).optional(),
  /**
   * map: the boundaries of the mapped areas, projected onto a 640 px wide SVG viewBox when the snapshot
   * was taken (frozen with the values: a later boundary change does not change a released report).
   */
  map: z
    .object({
      width: z.number(),
      height: z.number(),
      shapes: z.array(z.object({ areaCode: z.string(), d: z.string() })),
    })
    .nullable()
    .optional(),
});
export type BlockData = z.infer<typeof blockDataSchema>;

/** A goal of the steering module as a report shows it: progress computed from the public (protected) data. */
export const goalRefSchema = z.object({
  kind: z.literal('goal'),
  id: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  owner: z.string().nullable(),
  periodStart: z.string().nullable(),
  periodEnd: z.string().nullable(),
  progressLabel: z.string(),
  targets: z.array(
    z.object({
      indicatorName: z.string(),
      unit: z.string().nullable(),
      areaName: z.string(),
      baselinePeriod: z.string(),
      baselineValue: z.string().nullable(),
      targetPeriod: z.string(),
      targetValue: z.string(),
      latestPeriod: z.string().nullable(),
      latestValue: z.string().nullable(),
      latestFlag: z.string().nullable(),
      progressLabel: z.string(),
    }),
  ),
  takenAt: z.string(),
});
export type GoalRef = z.infer<typeof goalRefSchema>;

/** A recommendation (Handlungsempfehlung) of the steering loop as a report shows it. */
export const recommendationRefSchema = z.object({
  kind: z.literal('recommendation'),
  id: z.string(),
  title: z.string(),
  text: z.string(),
  rationale: z.string().nullable(),
  addressedUnit: z.string().nullable(),
  priority: z.string(),
  status: z.string(),
  takenAt: z.string(),
});
export type RecommendationRef = z.infer<typeof recommendationRefSchema>;

/**
 * A finding (Befund) of the steering module as a report shows it: its statement and the cited values
 * re-read from the monitoring's public view (withheld: value null, flag „.“) — never the finding's own
 * internal snapshot.
 */
export const findingRefSchema = z.object({
  kind: z.literal('finding'),
  id: z.string(),
  statement: z.string(),
  indicatorName: z.string(),
  unit: z.string().nullable(),
  decimals: z.number().int(),
  period: z.string(),
  values: z.array(
    z.object({ areaName: z.string(), value: z.string().nullable(), flag: z.string().nullable() }),
  ),
  takenAt: z.string(),
});
export type FindingRef = z.infer<typeof findingRefSchema>;

export const blockRefSchema = z.discriminatedUnion('kind', [
  goalRefSchema,
  recommendationRefSchema,
  findingRefSchema,
]);
export type BlockRef = z.infer<typeof blockRefSchema>;

export const blockSchema = z.object({
  id: z.uuid(),
  chapterId: z.uuid(),
  position: z.number().int(),
  kind: blockKindSchema,
  text: z.string().nullable(),
  /** text: the rich text (links, footnotes); blocks written as plain text are converted on reading. */
  doc: richDocSchema.nullable(),
  caption: z.string().nullable(),
  indicatorId: z.uuid().nullable(),
  view: blockViewSchema.nullable(),
  data: blockDataSchema.nullable(),
  /** keyfigure: the area whose value is shown (null: the first area with a value). */
  areaCode: z.string().nullable(),
  /** goal / recommendation: the snapshot of the steering module's goal or recommendation. */
  ref: blockRefSchema.nullable(),
  /** The indicator (or the goal, the recommendation) changed since the block's snapshot („neuere Daten“). */
  newerData: z.boolean(),
  /** Last change of the block: send it back as `baseUpdatedAt` so a concurrent change is not overwritten. */
  updatedAt: z.string(),
  /** image: the uploaded image (its alt text is `text`, its caption `caption`). */
  imageId: z.uuid().nullable().optional(),
});
export type Block = z.infer<typeof blockSchema>;

export const blockCreateSchema = z
  .object({
    kind: blockKindSchema,
    text: z.string().max(20000).nullable().optional(),
    doc: richDocSchema.optional(),
    caption: z.string().trim().max(300).nullable().optional(),
    indicatorId: z.uuid().optional(),
    view: blockViewSchema.optional(),
    areaCode: z.string().trim().min(1).max(40).optional().describe('Kennzahl: Gebiet (Gebietsschlüssel)'),
    referenceAreaIds: z
      .array(z.uuid())
      .max(MAX_REFERENCE_AREAS, `Höchstens ${MAX_REFERENCE_AREAS} Vergleichsgebiete.`)
      .optional()
      .describe('Diagramm: Vergleichsgebiete (z. B. Land, Bund, die Kommune insgesamt)'),
    goalId: z.uuid().optional().describe('Ziel-Baustein: Ziel aus „Ziele & Steuerung“'),
    recommendationId: z
      .uuid()
      .optional()
      .describe('Empfehlungs-Baustein: vorhandene Handlungsempfehlung aus „Ziele & Steuerung“'),
    recommendation: z
      .object({
        title: z.string().trim().min(1, 'Bitte einen Titel angeben.').max(200),
        text: z.string().trim().min(1, 'Bitte den Text der Empfehlung angeben.').max(8000),
        addressedUnit: z.string().trim().max(200).nullable().optional(),
      })
      .optional()
      .describe('Empfehlungs-Baustein: neue Handlungsempfehlung (erscheint auch in „Ziele & Steuerung“)'),
    imageId: z.uuid().optional().describe('Bild-Baustein: das zum Bericht hochgeladene Bild'),
    findingId: z.uuid().optional().describe('Befund-Baustein: Befund aus „Ziele & Steuerung“'),
    alt: z
      .string()
      .trim()
      .max(IMAGE_ALT_MAX)
      .optional()
      .describe('Bild-Baustein: Alternativtext (was das Bild zeigt, für Screenreader)'),
  })
  .refine((b) => !INDICATOR_BLOCKS.includes(b.kind) || !!b.indicatorId, {
    message: 'Bitte einen Indikator wählen.',
    path: ['indicatorId'],
  })
  .refine((b) => b.kind !== 'goal' || !!b.goalId, { message: 'Bitte ein Ziel wählen.', path: ['goalId'] })
  .refine((b) => b.kind !== 'recommendation' || !!b.recommendationId !== !!b.recommendation, {
    message: 'Bitte eine vorhandene Handlungsempfehlung wählen oder eine neue schreiben.',
    path: ['recommendationId'],
  })
  .refine(
    (b) => !RICH_BLOCKS.includes(b.kind) || (b.doc ? !richIsEmpty(b.doc) : (b.text ?? '').trim().length > 0),
    {
      message: 'Bitte einen Text eingeben.',
      path: ['text'],
    },
  )
  .refine((b) => b.kind !== 'finding' || !!b.findingId, {
    message: 'Bitte einen Befund wählen.',
    path: ['findingId'],
  })
  .refine((b) => b.kind !== 'image' || !!b.imageId, {
    message: 'Bitte ein Bild hochladen.',
    path: ['imageId'],
  })
  .refine((b) => b.kind !== 'image' || !!b.alt, {
    message: 'Bitte einen Alternativtext angeben: Was zeigt das Bild?',
    path: ['alt'],
  })
  .refine((b) => b.kind !== 'image' || !!b.caption, {
    message: 'Bitte eine Bildunterschrift angeben.',
    path: ['caption'],
  });
export type BlockCreate = z.infer<typeof blockCreateSchema>;

export const blockUpdateSchema = z.object({
  text: z.string().max(20000).nullable().optional(),
  doc: richDocSchema.optional(),
  caption: z.string().trim().max(300).nullable().optional(),
  view: blockViewSchema.optional(),
  areaCode: z.string().trim().min(1).max(40).nullable().optional(),
  referenceAreaIds: z
    .array(z.uuid())
    .max(MAX_REFERENCE_AREAS, `Höchstens ${MAX_REFERENCE_AREAS} Vergleichsgebiete.`)
    .optional()
    .describe('Diagramm: Vergleichsgebiete (z. B. Land, Bund, die Kommune insgesamt)'),
  alt: z
    .string()
    .trim()
    .min(1, 'Bitte einen Alternativtext angeben (was das Bild zeigt).')
    .max(IMAGE_ALT_MAX)
    .optional()
    .describe('Bild-Baustein: neuer Alternativtext'),
  baseUpdatedAt: z
    .string()
    .max(40)
    .optional()
    .describe('Stand des Bausteins, den die Änderung voraussetzt (sonst 409 statt stillem Überschreiben)'),
});
export type BlockUpdate = z.infer<typeof blockUpdateSchema>;

/** Moves a block one place up or down within its chapter. */
export const blockMoveSchema = z.object({
  direction: z.enum(['up', 'down']).describe('up = eine Stelle nach oben, down = eine Stelle nach unten'),
});
export type BlockMove = z.infer<typeof blockMoveSchema>;

/* ---------- chapters ---------- */

/** Review status of a chapter: in Arbeit → zur Prüfung → geprüft (and back to „in Arbeit“). */
export const chapterReviewStatusSchema = z.enum(['in_progress', 'in_review', 'reviewed']);
export type ChapterReviewStatus = z.infer<typeof chapterReviewStatusSchema>;

export const CHAPTER_REVIEW_LABELS: Record<ChapterReviewStatus, { de: string; en: string }> = {
  in_progress: { de: 'in Arbeit', en: 'In progress' },
  in_review: { de: 'zur Prüfung', en: 'In review' },
  reviewed: { de: 'geprüft', en: 'Reviewed' },
};

/** Review status changes a chapter allows. */
export const CHAPTER_REVIEW_TRANSITIONS: Record<ChapterReviewStatus, readonly ChapterReviewStatus[]> = {
  in_progress: ['in_review'],
  in_review: ['reviewed', 'in_progress'],
  reviewed: ['in_progress'],
};

/** A person of the tenant named on a chapter (author or reviewer). */
export const chapterPersonSchema = z.object({ id: z.uuid(), name: z.string() });
export type ChapterPerson = z.infer<typeof chapterPersonSchema>;

export const chapterSchema = z.object({
  id: z.uuid(),
  position: z.number().int(),
  title: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
  /** Authors: with the Redaktion the only ones who may change the chapter's blocks (when there are any). */
  authors: z.array(chapterPersonSchema),
  reviewer: chapterPersonSchema.nullable(),
  reviewStatus: chapterReviewStatusSchema,
  blocks: z.array(blockSchema),
});
export type Chapter = z.infer<typeof chapterSchema>;

export const chapterCreateSchema = z.object({ title });
export const chapterUpdateSchema = z.object({ title });

/** Authors and reviewer of a chapter (people of the tenant with at least „Mitwirkende“). */
export const chapterTeamSchema = z.object({
  authorIds: z.array(z.uuid()).max(20).describe('Autorinnen und Autoren des Kapitels'),
  reviewerId: z.uuid().nullable().describe('Prüferin oder Prüfer des Kapitels'),
});
export type ChapterTeam = z.infer<typeof chapterTeamSchema>;

export const chapterReviewChangeSchema = z.object({ reviewStatus: chapterReviewStatusSchema });

/** A person who can be named author or reviewer of a chapter. */
export const reportPersonSchema = z.object({ id: z.uuid(), name: z.string(), role: z.string() });
export type ReportPerson = z.infer<typeof reportPersonSchema>;

/** A chapter the caller writes or reviews („Meine Kapitel“). */
export const myChapterSchema = z.object({
  reportId: z.uuid(),
  reportTitle: z.string(),
  reportStatus: reportStatusSchema,
  chapterId: z.uuid(),
  chapterTitle: z.string(),
  reviewStatus: chapterReviewStatusSchema,
  author: z.boolean(),
  reviewer: z.boolean(),
});
export type MyChapter = z.infer<typeof myChapterSchema>;

/* ---------- comments ---------- */

export const reportCommentSchema = z.object({
  id: z.uuid(),
  chapterId: z.uuid(),
  blockId: z.uuid().nullable(),
  /** The passage of a text block the comment is about (its text is marked with the comment's id). */
  quote: z.string().nullable(),
  body: z.string(),
  author: z.string().nullable(),
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
});
export type ReportComment = z.infer<typeof reportCommentSchema>;

export const reportCommentCreateSchema = z.object({
  chapterId: z.uuid(),
  blockId: z.uuid().optional(),
  quote: z
    .string()
    .trim()
    .min(1)
    .max(500)
    .optional()
    .describe('Kommentar zu einer Textstelle: der markierte Text des Textbausteins'),
  body: z.string().trim().min(1, 'Bitte einen Kommentar eingeben.').max(2000),
});

/* ---------- change history ---------- */

/** Block changes; `assigned` (authors, reviewer) and `review` (review status) change the chapter itself. */
export const revisionActionSchema = z.enum([
  'created',
  'changed',
  'refreshed',
  'deleted',
  'moved',
  'assigned',
  'review',
]);
export type RevisionAction = z.infer<typeof revisionActionSchema>;

/** One change of a block of a chapter: who, when, the block's content before and after (as text). */
export const reportRevisionSchema = z.object({
  id: z.uuid(),
  chapterId: z.uuid(),
  blockId: z.uuid().nullable(),
  kind: blockKindSchema.nullable(),
  action: revisionActionSchema,
  before: z.string().nullable(),
  after: z.string().nullable(),
  author: z.string().nullable(),
  createdAt: z.string(),
});
export type ReportRevision = z.infer<typeof reportRevisionSchema>;

export const reportDetailSchema = reportSummarySchema.extend({
  chapters: z.array(chapterSchema),
  comments: z.array(reportCommentSchema),
  /** The status changes the report allows now. */
  next: z.array(reportStatusSchema),
});
export type ReportDetail = z.infer<typeof reportDetailSchema>;

export const reportFormatSchema = z.enum(['html', 'pdf', 'docx']);
export type ReportFormat = z.infer<typeof reportFormatSchema>;

/**
 * The cells of a key figure: the chosen area (else the first area, by code, with a value in the latest
 * period) in the latest period, and the period before (for the trend). Null without data.
 */
export function keyFigureCells(
  data: BlockData,
  areaCode: string | null,
): { now: BlockCell; before: BlockCell | null } | null {
  const periods = [...new Set(data.cells.map((c) => c.period))].toSorted();
  const last = periods.at(-1);
  if (!last) return null;
  const cellOf = (code: string, period: string) =>
    data.cells.find((c) => c.areaCode === code && c.period === period);
  const code =
    areaCode ??
    [...new Set(data.cells.map((c) => c.areaCode))].toSorted().find((a) => cellOf(a, last)?.value != null);
  const now = code ? cellOf(code, last) : undefined;
  if (!now) return null;
  const prev = periods.at(-2);
  return { now, before: prev ? (cellOf(now.areaCode, prev) ?? null) : null };
}
