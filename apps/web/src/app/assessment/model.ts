/**
 * Pure helpers of the self-assessment pages: answered counts, changes between rounds, profile rows,
 * distribution rows, instrument validation. No React, no requests (unit-tested).
 */
import type {
  Answer,
  ComponentStats,
  Instrument,
  InstrumentComponent,
  InstrumentContent,
  Results,
} from '@dkbm/contract';

export type Lang = 'de' | 'en';

export const LEVELS = [1, 2, 3, 4] as const;

/** Name of a component in the interface language (English only when the instrument has one). */
export function componentName(c: Pick<InstrumentComponent, 'name' | 'nameEn'>, lang: Lang): string {
  return lang === 'en' && c.nameEn ? c.nameEn : c.name;
}

/** An answer counts once it has a type or „kann ich nicht einschätzen“. */
export function isAnswered(a: Pick<Answer, 'level' | 'cannotAssess'> | undefined): boolean {
  return !!a && (a.level !== null || a.cannotAssess);
}

/** Answered components among the instrument's components (answers of removed keys do not count). */
export function answeredCount(
  answers: ReadonlyArray<Pick<Answer, 'componentKey' | 'level' | 'cannotAssess'>>,
  keys: readonly string[],
): number {
  const byKey = new Map(answers.map((a) => [a.componentKey, a]));
  return keys.filter((k) => isAnswered(byKey.get(k))).length;
}

export type Change = 'up' | 'down' | 'same' | 'none';

/** Direction of the change of a component's agreed type against an earlier round. */
export function changeOf(current: number | null | undefined, earlier: number | null | undefined): Change {
  if (current == null || earlier == null) return 'none';
  if (current > earlier) return 'up';
  if (current < earlier) return 'down';
  return 'same';
}

/** Arrows with a text alternative next to them (never the arrow alone). */
export const CHANGE_MARK: Record<Change, string> = { up: '▲', down: '▼', same: '=', none: '–' };

/** Signed difference, e.g. „+1“, „−2“, „±0“; empty without both values. */
export function changeDelta(current: number | null | undefined, earlier: number | null | undefined): string {
  if (current == null || earlier == null) return '';
  const d = current - earlier;
  if (d === 0) return '±0';
  return d > 0 ? `+${d}` : `−${-d}`;
}

export interface ProfileRow {
  key: string;
  name: string;
  agreed: number | null;
  min: number | null;
  max: number | null;
  earlier: number | null;
  change: Change;
}

/** One row per component of the round: agreed type, range, the earlier round's type and the change. */
export function profileRows(
  results: Pick<Results, 'instrument' | 'profile' | 'earlier'>,
  lang: Lang,
  earlierIndex = 0,
): ProfileRow[] {
  const earlier = results.earlier[earlierIndex];
  const earlierByKey = new Map((earlier?.profile ?? []).map((p) => [p.key, p.agreed]));
  const byKey = new Map(results.profile.map((p) => [p.key, p]));
  return results.instrument.components.map((c) => {
    const p = byKey.get(c.key);
    const agreed = p?.agreed ?? null;
    const before = earlierByKey.get(c.key) ?? null;
    return {
      key: c.key,
      name: componentName(c, lang),
      agreed,
      min: p?.min ?? null,
      max: p?.max ?? null,
      earlier: before,
      change: changeOf(agreed, before),
    };
  });
}

/** Counts of changes for the summary sentence above the change table. */
export function changeSummary(rows: readonly ProfileRow[]): Record<Change, number> {
  const out: Record<Change, number> = { up: 0, down: 0, same: 0, none: 0 };
  for (const r of rows) out[r.change] += 1;
  return out;
}

export interface DistributionRow {
  level: number;
  count: number;
  /** Share of the raters who chose a type, 0–100 (for the bar width). */
  percent: number;
}

/** Bars of a component's distribution; null when hidden (anonymous round below the threshold) or empty. */
export function distributionRows(
  stats: Pick<ComponentStats, 'distribution' | 'n'>,
): DistributionRow[] | null {
  if (!stats.distribution) return null;
  const n = stats.distribution.reduce((a, b) => a + b, 0);
  return stats.distribution.map((count, i) => ({
    level: i + 1,
    count,
    percent: n ? Math.round((count / n) * 100) : 0,
  }));
}

/** Versions shown in selects and lists, newest tenant version first, the platform default last. */
export function sortInstruments(list: readonly Instrument[]): Instrument[] {
  return list.toSorted((a, b) => {
    if ((a.tenantId === null) !== (b.tenantId === null)) return a.tenantId === null ? 1 : -1;
    return b.version - a.version || b.createdAt.localeCompare(a.createdAt);
  });
}

/** The version a new round uses by default: the newest of the tenant's copy, else the platform default. */
export function defaultInstrument(list: readonly Instrument[]): Instrument | undefined {
  return sortInstruments(list)[0];
}

/** A key from a name: lower case, umlauts spelled out, other characters as underscores; unique in `taken`. */
export function keyFromName(name: string, taken: Iterable<string>): string {
  const base =
    name
      .toLowerCase()
      .replaceAll('ä', 'ae')
      .replaceAll('ö', 'oe')
      .replaceAll('ü', 'ue')
      .replaceAll('ß', 'ss')
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 50) || 'komponente';
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let i = 2; ; i++) if (!used.has(`${base}_${i}`)) return `${base}_${i}`;
}

export interface FieldError {
  /** id of the form control. */
  field: string;
  message: string;
}

export interface ValidationTexts {
  required: (label: string) => string;
  tooLong: (label: string, max: number) => string;
  keyFormat: (label: string) => string;
  keyDuplicate: (key: string) => string;
  atLeastOneComponent: string;
  componentLabel: (i: number) => string;
  conditionLabel: (i: number) => string;
  fTitle: string;
  fSource: string;
  fDescription: string;
  fKey: string;
  fName: string;
  fNameEn: string;
  fQuestion: string;
  fType: (level: number) => string;
  fHint: string;
  fUnit: string;
}

const KEY_RE = /^[a-z0-9_]+$/;

/** Field ids of the instrument editor (shared by the form and the validation). */
export const editorIds = {
  title: 'ie-title',
  description: 'ie-description',
  source: 'ie-source',
  comp: (i: number, f: string) => `ie-c${i}-${f}`,
  cond: (i: number, f: string) => `ie-f${i}-${f}`,
};

/**
 * Checks an adapted instrument as the API will (instrumentContentSchema), with messages that name the
 * component and field, in the order of the form.
 */
export function validateContent(c: InstrumentContent, tx: ValidationTexts): FieldError[] {
  const errors: FieldError[] = [];
  const text = (
    field: string,
    label: string,
    value: string | null | undefined,
    max: number,
    req: boolean,
  ) => {
    const v = (value ?? '').trim();
    if (req && !v) errors.push({ field, message: tx.required(label) });
    else if (v.length > max) errors.push({ field, message: tx.tooLong(label, max) });
  };
  text(editorIds.title, tx.fTitle, c.title, 200, true);
  text(editorIds.description, tx.fDescription, c.description, 4000, false);
  text(editorIds.source, tx.fSource, c.source, 500, true);
  if (!c.components.length) errors.push({ field: 'ie-add-component', message: tx.atLeastOneComponent });
  const seen = new Set<string>();
  c.components.forEach((comp, i) => {
    const at = (label: string) => `${tx.componentLabel(i + 1)}: ${label}`;
    const keyId = editorIds.comp(i, 'key');
    if (!comp.key) errors.push({ field: keyId, message: tx.required(at(tx.fKey)) });
    else if (!KEY_RE.test(comp.key) || comp.key.length > 60)
      errors.push({ field: keyId, message: tx.keyFormat(at(tx.fKey)) });
    else if (seen.has(comp.key)) errors.push({ field: keyId, message: tx.keyDuplicate(comp.key) });
    seen.add(comp.key);
    text(editorIds.comp(i, 'name'), at(tx.fName), comp.name, 120, true);
    text(editorIds.comp(i, 'nameEn'), at(tx.fNameEn), comp.nameEn, 120, false);
    text(editorIds.comp(i, 'question'), at(tx.fQuestion), comp.question, 400, true);
    comp.types.forEach((t, l) => text(editorIds.comp(i, `type${l + 1}`), at(tx.fType(l + 1)), t, 1000, true));
  });
  const seenCond = new Set<string>();
  c.frameworkConditions.forEach((f, i) => {
    const at = (label: string) => `${tx.conditionLabel(i + 1)}: ${label}`;
    const keyId = editorIds.cond(i, 'key');
    if (!f.key) errors.push({ field: keyId, message: tx.required(at(tx.fKey)) });
    else if (!KEY_RE.test(f.key) || f.key.length > 60)
      errors.push({ field: keyId, message: tx.keyFormat(at(tx.fKey)) });
    else if (seenCond.has(f.key)) errors.push({ field: keyId, message: tx.keyDuplicate(f.key) });
    seenCond.add(f.key);
    text(editorIds.cond(i, 'name'), at(tx.fName), f.name, 120, true);
    text(editorIds.cond(i, 'hint'), at(tx.fHint), f.hint, 400, false);
    text(editorIds.cond(i, 'unit'), at(tx.fUnit), f.unit, 40, false);
  });
  return errors;
}

/** The content as sent to the API: trimmed texts, empty optional texts as null. */
export function cleanContent(c: InstrumentContent): InstrumentContent {
  const opt = (v: string | null | undefined) => {
    const s = (v ?? '').trim();
    return s ? s : null;
  };
  return {
    title: c.title.trim(),
    description: opt(c.description),
    source: c.source.trim(),
    components: c.components.map((k) => ({
      key: k.key.trim(),
      name: k.name.trim(),
      nameEn: opt(k.nameEn),
      question: k.question.trim(),
      types: k.types.map((t) => t.trim()),
    })),
    frameworkConditions: c.frameworkConditions.map((f) => ({
      key: f.key.trim(),
      group: f.group,
      name: f.name.trim(),
      hint: opt(f.hint),
      kind: f.kind,
      unit: opt(f.unit),
    })),
  };
}

/** Plain date check for the round form: YYYY-MM-DD and a real calendar day. */
export function isIsoDate(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T12:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/** http(s) address as the API accepts it for evidence links. */
export function isHttpUrl(v: string): boolean {
  return /^https?:\/\/\S+$/.test(v.trim());
}

/** Median as text with a decimal comma in German (2,5), empty for null. */
export function formatMedian(v: number | null, lang: Lang): string {
  if (v === null) return '';
  return new Intl.NumberFormat(lang === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: 1 }).format(v);
}

/** File size in kB/MB with the language's decimal sign. */
export function formatSize(bytes: number, lang: Lang): string {
  const f = (n: number, d: number) =>
    new Intl.NumberFormat(lang === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: d }).format(n);
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${f(bytes / 1024, 0)} kB`;
  return `${f(bytes / (1024 * 1024), 1)} MB`;
}

/** A stored number ('.' decimal, no grouping) as typed in the interface language (decimal comma in German). */
export function numberToInput(v: string | null | undefined, lang: Lang): string {
  if (v == null) return '';
  return lang === 'de' ? v.replace('.', ',') : v;
}

/**
 * A typed number as stored: German „12.345,6“ or „12345,6“ → „12345.6“; English „12,345.6“ → „12345.6“.
 * null when it is not a number; '' stays ''.
 */
export function inputToNumber(v: string, lang: Lang): string | null {
  const s = v.trim().replace(/[\s\u00a0\u202f]/g, '');
  if (!s) return '';
  const normal =
    lang === 'de' ? s.replace(/\.(?=\d{3}(?:\D|$))/g, '').replace(',', '.') : s.replace(/,/g, '');
  return /^-?\d+(?:\.\d+)?$/.test(normal) ? normal : null;
}
