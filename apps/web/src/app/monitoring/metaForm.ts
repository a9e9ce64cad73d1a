/**
 * The metadata form of an indicator: form state (text as typed), validation that mirrors
 * `indicatorMetaSchema` of the contract, the changed fields for the PATCH and the field errors of a
 * server answer.
 */
import type { IndicatorMeta } from '@dkbm/contract';

export interface MetaForm {
  nameDe: string;
  nameEn: string;
  description: string;
  unit: string;
  decimals: string;
  topic: IndicatorMeta['topic'];
  tier: IndicatorMeta['tier'];
  kind: IndicatorMeta['kind'];
  measure: IndicatorMeta['measure'];
  polarity: IndicatorMeta['polarity'];
  periodType: IndicatorMeta['periodType'];
  visibility: IndicatorMeta['visibility'];
  source: string;
  licence: string;
  attribution: string;
  updateInterval: string;
  contact: string;
  sdcThreshold: string;
}

export type MetaField = keyof MetaForm;

/** The fields in the order of the form (the error summary follows it). */
export const META_FIELDS: readonly MetaField[] = [
  'nameDe',
  'nameEn',
  'description',
  'topic',
  'tier',
  'kind',
  'measure',
  'polarity',
  'periodType',
  'unit',
  'decimals',
  'visibility',
  'sdcThreshold',
  'source',
  'licence',
  'attribution',
  'updateInterval',
  'contact',
];

/** Maximum lengths of the text fields (as in the contract). */
export const MAX_LENGTH = {
  nameDe: 200,
  nameEn: 200,
  description: 4000,
  unit: 40,
  source: 500,
  licence: 300,
  attribution: 500,
  updateInterval: 100,
  contact: 300,
} as const satisfies Partial<Record<MetaField, number>>;

export const DECIMALS_RANGE = [0, 6] as const;
export const THRESHOLD_RANGE = [0, 100] as const;

export type MetaError =
  | { field: MetaField; kind: 'required' }
  | { field: MetaField; kind: 'tooLong'; max: number }
  | { field: MetaField; kind: 'integer'; min: number; max: number };

/** The form state of stored metadata. */
export function formOf(m: IndicatorMeta): MetaForm {
  return {
    nameDe: m.nameDe,
    nameEn: m.nameEn ?? '',
    description: m.description ?? '',
    unit: m.unit,
    decimals: String(m.decimals),
    topic: m.topic,
    tier: m.tier,
    kind: m.kind,
    measure: m.measure,
    polarity: m.polarity,
    periodType: m.periodType,
    visibility: m.visibility,
    source: m.source ?? '',
    licence: m.licence ?? '',
    attribution: m.attribution ?? '',
    updateInterval: m.updateInterval ?? '',
    contact: m.contact ?? '',
    sdcThreshold: m.sdcThreshold === null ? '' : String(m.sdcThreshold),
  };
}

const orNull = (s: string) => s.trim() || null;

/** A whole number typed as digits (spaces around allowed), within the range; otherwise undefined. */
function integerIn(s: string, [min, max]: readonly [number, number]): number | undefined {
  const t = s.trim();
  if (!/^\d{1,4}$/.test(t)) return undefined;
  const n = Number(t);
  return n >= min && n <= max ? n : undefined;
}

/** Validates the form; on success the metadata as the API expects it (empty optional texts = null). */
export function validateMeta(
  f: MetaForm,
): { ok: true; meta: IndicatorMeta } | { ok: false; errors: MetaError[] } {
  const errors: MetaError[] = [];
  const text = (field: keyof typeof MAX_LENGTH, required: boolean) => {
    const v = f[field].trim();
    if (required && !v) errors.push({ field, kind: 'required' });
    else if (v.length > MAX_LENGTH[field]) errors.push({ field, kind: 'tooLong', max: MAX_LENGTH[field] });
  };
  text('nameDe', true);
  text('nameEn', false);
  text('description', false);
  text('unit', true);
  const decimals = integerIn(f.decimals, DECIMALS_RANGE);
  if (decimals === undefined)
    errors.push({ field: 'decimals', kind: 'integer', min: DECIMALS_RANGE[0], max: DECIMALS_RANGE[1] });
  const threshold = f.sdcThreshold.trim() === '' ? null : integerIn(f.sdcThreshold, THRESHOLD_RANGE);
  if (threshold === undefined)
    errors.push({
      field: 'sdcThreshold',
      kind: 'integer',
      min: THRESHOLD_RANGE[0],
      max: THRESHOLD_RANGE[1],
    });
  text('source', false);
  text('licence', false);
  text('attribution', false);
  text('updateInterval', false);
  text('contact', false);
  if (errors.length || decimals === undefined || threshold === undefined) {
    const order = (e: MetaError) => META_FIELDS.indexOf(e.field);
    return { ok: false, errors: errors.toSorted((a, b) => order(a) - order(b)) };
  }
  return {
    ok: true,
    meta: {
      nameDe: f.nameDe.trim(),
      nameEn: orNull(f.nameEn),
      description: orNull(f.description),
      unit: f.unit.trim(),
      decimals,
      topic: f.topic,
      tier: f.tier,
      kind: f.kind,
      measure: f.measure,
      polarity: f.polarity,
      periodType: f.periodType,
      visibility: f.visibility,
      source: orNull(f.source),
      licence: orNull(f.licence),
      attribution: orNull(f.attribution),
      updateInterval: orNull(f.updateInterval),
      contact: orNull(f.contact),
      sdcThreshold: threshold,
    },
  };
}

/** The fields that differ from the stored metadata (the body of the PATCH). */
export function changedMeta(before: IndicatorMeta, after: IndicatorMeta): Partial<IndicatorMeta> {
  const out: Record<string, unknown> = {};
  for (const k of META_FIELDS) if (before[k] !== after[k]) out[k] = after[k];
  return out as Partial<IndicatorMeta>;
}

/**
 * Field errors of a validation answer of the server (`details: [{ field: 'body.nameDe', message }]`),
 * for fields of this form; other details are left to the general message.
 */
export function serverFieldErrors(details: unknown): Array<{ field: MetaField; message: string }> {
  if (!Array.isArray(details)) return [];
  const out: Array<{ field: MetaField; message: string }> = [];
  for (const d of details as unknown[]) {
    if (!d || typeof d !== 'object') continue;
    const { field, message } = d as { field?: unknown; message?: unknown };
    if (typeof field !== 'string') continue;
    const name = field.replace(/^body\./, '').split('.')[0] as MetaField;
    if (META_FIELDS.includes(name))
      out.push({ field: name, message: typeof message === 'string' ? message : '' });
  }
  return out;
}
