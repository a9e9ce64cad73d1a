/**
 * The indicator catalogue (Kennzahlenkatalog, packages/domain/catalogue/kennzahlenkatalog.yaml) applied to
 * a tenant: creates its computed indicators for chosen topics, reports which official tables (or local
 * data) are still missing and where to get them, and re-applies newer catalogue versions with a
 * three-way merge that never overwrites a local edit silently (ADR 9).
 *
 * Entry points: `catalogueStatus` (what is applied, complete, missing), `planCatalogue` (what applying
 * would change – the preview), `applyCatalogue` (do it, one transaction).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { indicatorTopicSchema, type AreaLevel, type IndicatorTopic } from '@dkbm/contract';
import {
  ComputeError,
  definitionOf as entryDefinition,
  downloadUrl,
  needsLocalData,
  parseCatalogueFile,
  regionalDepthOf,
  sourceOfIndicator,
  sourcesOf,
  validateDefinition,
  variantsOf,
  type Catalogue,
  type CatalogueEntry,
  type CatalogueVariant,
  type ComputedDefinition,
} from '@dkbm/domain';
import type { Db, Tx } from '../../platform/db/client';
import { catalogueIndicators, indicators, series } from '../../platform/db/schema';
import { HttpError } from '../../platform/http/errors';
import type { IndicatorRow } from './catalog.service';
import { definitionOf, recomputeDependents, recomputeIndicator } from './computed.service';

/* ---------- the catalogue file ---------- */

/** Path of the shipped catalogue inside the repository. */
export const CATALOGUE_PATH = path.join('packages', 'domain', 'catalogue', 'kennzahlenkatalog.yaml');

/** Locate the shipped catalogue both from sources and from the bundled dist (like the migrations). */
export function catalogueFilePath(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    const candidate = path.join(dir, CATALOGUE_PATH);
    if (fs.existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error(`Kennzahlenkatalog nicht gefunden (${CATALOGUE_PATH}) / catalogue file not found`);
}

/** Read and check a catalogue file (throws `DefinitionError` naming file, line and field). */
export function readCatalogue(file: string): Catalogue {
  return parseCatalogueFile(fs.readFileSync(file, 'utf8'), path.basename(file));
}

let shipped: Catalogue | undefined;
/** The catalogue shipped with this version of the platform (read once). */
export function shippedCatalogue(): Catalogue {
  shipped ??= readCatalogue(catalogueFilePath());
  return shipped;
}

/* ---------- catalogue-owned fields ---------- */

/**
 * The fields a catalogue entry sets on its indicator. Visibility, contact and disclosure threshold are
 * the municipality's decisions and never touched by a re-apply. `definition` (formula, inputs, period
 * rules) is merged as one field: half of a local formula with half of a new catalogue one is no formula.
 */
export interface OwnedFields {
  nameDe: string;
  nameEn: string | null;
  description: string;
  unit: string;
  decimals: number;
  topic: string;
  tier: string;
  kind: string;
  measure: string;
  polarity: string;
  source: string | null;
  licence: string | null;
  attribution: string | null;
  updateInterval: string | null;
  definition: Pick<ComputedDefinition, 'formula' | 'inputs' | 'periodsFrom' | 'periodType' | 'zeroAsDash'>;
}
export type OwnedField = keyof OwnedFields;

export const OWNED_FIELD_LABELS: Record<OwnedField, { de: string; en: string }> = {
  nameDe: { de: 'Name', en: 'Name' },
  nameEn: { de: 'Name (englisch)', en: 'Name (English)' },
  description: { de: 'Beschreibung', en: 'Description' },
  unit: { de: 'Einheit', en: 'Unit' },
  decimals: { de: 'Nachkommastellen', en: 'Decimals' },
  topic: { de: 'Themenfeld', en: 'Topic' },
  tier: { de: 'Indikatortyp', en: 'Tier' },
  kind: { de: 'Art', en: 'Kind' },
  measure: { de: 'Maß', en: 'Measure' },
  polarity: { de: 'Polarität', en: 'Polarity' },
  source: { de: 'Quelle', en: 'Source' },
  licence: { de: 'Lizenz', en: 'Licence' },
  attribution: { de: 'Namensnennung', en: 'Attribution' },
  updateInterval: { de: 'Aktualisierung', en: 'Update interval' },
  definition: { de: 'Berechnung (Formel, Eingänge, Perioden)', en: 'Computation (formula, inputs, periods)' },
};
const OWNED: OwnedField[] = Object.keys(OWNED_FIELD_LABELS) as OwnedField[];

/** JSON with sorted object keys: jsonb does not keep key order, comparisons must not depend on it. */
function stable(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => x !== undefined)
      .toSorted(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, x]) => `${JSON.stringify(k)}:${stable(x)}`)
      .join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}
const same = (a: unknown, b: unknown) => stable(a) === stable(b);

function definitionPart(def: ComputedDefinition): OwnedFields['definition'] {
  return {
    formula: def.formula,
    inputs: def.inputs,
    periodsFrom: def.periodsFrom ?? Object.keys(def.inputs)[0]!,
    ...(def.periodType ? { periodType: def.periodType } : {}),
    ...(def.zeroAsDash !== undefined ? { zeroAsDash: def.zeroAsDash } : {}),
  };
}

function join(list: string[], sep = ', '): string {
  return list.filter(Boolean).join(sep);
}

/** The description stored on the indicator: definition, reference dates, caveats. */
function descriptionOf(entry: CatalogueEntry, variant: CatalogueVariant): string {
  const local = variant === 'local' ? entry.meta.local : undefined;
  const refs = local?.referenceDates ?? entry.meta.referenceDates;
  const parts = [
    entry.description,
    `Berechnung: ${entry.meta.formulaText}.`,
    `Bezugszeitpunkte: ${join(
      Object.entries(refs).map(([k, v]) => `${k} – ${v}`),
      '; ',
    )}.`,
  ];
  if (local?.note) parts.push(`Kleinräumige Variante: ${local.note}`);
  // The official variant's caveats (place of the institution, signs of the tables) do not hold for
  // local data: each variant has its own.
  const caveats = variant === 'local' ? (local?.caveats ?? []) : (entry.meta.caveats ?? []);
  if (caveats.length) parts.push(`Hinweise: ${caveats.join(' ')}`);
  return parts.join('\n');
}

/** The catalogue-owned fields of an entry in a variant, as they are written to the indicator. */
export function targetFields(
  catalogue: Catalogue,
  entry: CatalogueEntry,
  variant: CatalogueVariant,
): OwnedFields {
  const srcs = sourcesOf(catalogue, entry, variant);
  const official = srcs.filter((s) => s.origin !== 'local');
  const local = srcs.filter((s) => s.origin === 'local');
  const adopted =
    Object.keys(entry.inputs).length === 1 && entry.formula.trim() === Object.keys(entry.inputs)[0];
  const source = join(
    [
      official.length
        ? `Statistische Ämter des Bundes und der Länder, Regionaldatenbank Deutschland: ${join(official.map((s) => s.code))}`
        : '',
      local.length
        ? `Daten der Kommune: ${join(
            local.map((s) => s.statistic ?? s.title),
            '; ',
          )}`
        : '',
      adopted ? 'Wert übernommen' : 'eigene Berechnung',
    ],
    '; ',
  );
  const licence = official.length
    ? `${catalogue.licence.name} (${catalogue.licence.code})${local.length ? '; kommunale Daten: Nutzungsbedingungen der Kommune' : ''}`
    : 'kommunale Daten: Nutzungsbedingungen der Kommune';
  return {
    nameDe: entry.name.de,
    nameEn: entry.name.en ?? null,
    description: descriptionOf(entry, variant),
    unit: entry.unit,
    decimals: entry.decimals,
    topic: entry.meta.topic,
    tier: entry.meta.tier,
    kind: entry.meta.kind ?? 'status',
    measure: entry.meta.measure,
    polarity: entry.meta.polarity,
    source: source.slice(0, 500),
    licence,
    attribution: official.length ? catalogue.attribution : null,
    updateInterval: entry.meta.updateInterval,
    definition: definitionPart(entryDefinition(entry, variant)),
  };
}

/** The catalogue-owned fields of an indicator as it is now. */
export function currentFields(row: IndicatorRow): OwnedFields {
  const def = definitionOf(row);
  return {
    nameDe: row.nameDe,
    nameEn: row.nameEn,
    description: row.description ?? '',
    unit: row.unit,
    decimals: row.decimals,
    topic: row.topic,
    tier: row.tier,
    kind: row.kind,
    measure: row.measure,
    polarity: row.polarity,
    source: row.source,
    licence: row.licence,
    attribution: row.attribution,
    updateInterval: row.updateInterval,
    definition: def ? definitionPart(def) : ({ formula: '', inputs: {} } as OwnedFields['definition']),
  };
}

/* ---------- status and checklist ---------- */

export type EntryState = 'not_applied' | 'complete' | 'incomplete' | 'code_taken';

export interface InputStatus {
  name: string;
  indicator: string;
  /** Source (table code or local building block) the input comes from. */
  source: string | null;
  present: boolean;
  /** German explanation when the input exists but does not fit (a dimension or value is missing). */
  problem: string | null;
}

export interface EntryStatus {
  code: string;
  name: string;
  topic: IndicatorTopic;
  tier: string;
  needsLocalData: boolean;
  variants: CatalogueVariant[];
  state: EntryState;
  indicatorId: string | null;
  variant: CatalogueVariant | null;
  appliedVersion: number | null;
  /** Catalogue-owned fields the municipality changed since the catalogue wrote them. */
  locallyEdited: OwnedField[];
  inputs: InputStatus[];
  observations: number;
  regionalDepth: AreaLevel[];
}

export interface ChecklistItem {
  source: string;
  title: string;
  origin: 'official' | 'regionalatlas' | 'local';
  /** Where to download an official table (regionalstatistik.de); null for local data. */
  url: string | null;
  reference: string;
  regionalDepth: AreaLevel[];
  /** For local data: what to collect and how to import it. */
  howTo: string | null;
  /** Catalogue indicators that need the source. */
  neededBy: string[];
  /** Indicator codes the import of the source creates and that are still missing. */
  missing: string[];
  state: 'missing' | 'partial' | 'present';
}

export interface CatalogueStatus {
  catalogue: { id: string; version: number; title: string; date: string };
  entries: EntryStatus[];
  /** Sources the applied entries need, missing ones first. */
  checklist: ChecklistItem[];
  /** Indicators created from this catalogue whose code it no longer contains (they are kept). */
  removed: string[];
}

async function tenantIndicators(db: Db | Tx, tenantId: string, codes: string[]) {
  if (!codes.length) return new Map<string, IndicatorRow>();
  const r = await db
    .select()
    .from(indicators)
    .where(and(eq(indicators.tenantId, tenantId), inArray(indicators.code, [...new Set(codes)])));
  return new Map(r.map((i) => [i.code, i]));
}

async function links(db: Db | Tx, tenantId: string) {
  const r = await db
    .select({
      indicatorId: catalogueIndicators.indicatorId,
      catalogueId: catalogueIndicators.catalogueId,
      catalogueVersion: catalogueIndicators.catalogueVersion,
      variant: catalogueIndicators.variant,
      base: catalogueIndicators.base,
      code: indicators.code,
    })
    .from(catalogueIndicators)
    .innerJoin(indicators, eq(indicators.id, catalogueIndicators.indicatorId))
    .where(eq(catalogueIndicators.tenantId, tenantId));
  return new Map(r.map((l) => [l.code, l]));
}

/** Dimension values present per input indicator (to explain a definition that does not fit the data). */
async function dimsByIndicator(db: Db | Tx, tenantId: string, ids: string[]) {
  const out = new Map<string, Map<string, Set<string>>>();
  if (!ids.length) return out;
  const r = await db
    .selectDistinct({ indicatorId: series.indicatorId, dims: series.dims })
    .from(series)
    .where(and(eq(series.tenantId, tenantId), inArray(series.indicatorId, ids)));
  for (const s of r) {
    const m = out.get(s.indicatorId) ?? new Map<string, Set<string>>();
    for (const [k, v] of Object.entries(s.dims)) {
      const set = m.get(k) ?? new Set<string>();
      set.add(v);
      m.set(k, set);
    }
    out.set(s.indicatorId, m);
  }
  return out;
}

function fitProblem(
  dims: Map<string, Set<string>> | undefined,
  want: Record<string, string | string[]> = {},
) {
  for (const [k, v] of Object.entries(want)) {
    const have = dims?.get(k);
    if (!have) {
      return `Merkmal ‚${k}‘ fehlt (vorhanden: ${join([...(dims?.keys() ?? [])].toSorted()) || 'keine'})`;
    }
    for (const x of Array.isArray(v) ? v : [v]) {
      if (!have.has(x)) {
        return `Wert ‚${x}‘ von ‚${k}‘ fehlt (vorhanden: ${join([...have].toSorted().slice(0, 12))})`;
      }
    }
  }
  return null;
}

function pickEntries(catalogue: Catalogue, topics?: readonly string[], codes?: readonly string[]) {
  for (const t of topics ?? []) {
    if (!indicatorTopicSchema.safeParse(t).success) {
      throw new HttpError(
        400,
        'unknown_topic',
        `Unbekanntes Themenfeld „${t}“ (erlaubt: ${indicatorTopicSchema.options.join(', ')}).`,
      );
    }
  }
  for (const c of codes ?? []) {
    if (!catalogue.indicators.some((e) => e.code === c)) {
      throw new HttpError(400, 'unknown_entry', `Der Katalog enthält keinen Indikator „${c}“.`);
    }
  }
  return catalogue.indicators.filter(
    (e) => (!topics?.length || topics.includes(e.meta.topic)) && (!codes?.length || codes.includes(e.code)),
  );
}

/** State of every catalogue entry in a tenant and the checklist of sources the applied ones need. */
export async function catalogueStatus(
  db: Db | Tx,
  tenantId: string,
  catalogue: Catalogue = shippedCatalogue(),
): Promise<CatalogueStatus> {
  const linked = await links(db, tenantId);
  const inputCodes = catalogue.indicators.flatMap((e) =>
    variantsOf(e).flatMap((v) => Object.values(entryDefinition(e, v).inputs).map((s) => s.indicator)),
  );
  const rowsByCode = await tenantIndicators(db, tenantId, [
    ...catalogue.indicators.map((e) => e.code),
    ...inputCodes,
  ]);
  const dims = await dimsByIndicator(
    db,
    tenantId,
    [...rowsByCode.values()].filter((r) => inputCodes.includes(r.code)).map((r) => r.id),
  );
  const entries: EntryStatus[] = catalogue.indicators.map((e) => {
    const row = rowsByCode.get(e.code);
    const link = linked.get(e.code);
    const variant = link ? (link.variant as CatalogueVariant) : null;
    const def = entryDefinition(e, variant ?? 'official');
    // Inputs in the catalogue's order (stored JSON does not keep it), with the stored selectors.
    const stored = row && link ? (definitionOf(row)?.inputs ?? def.inputs) : def.inputs;
    const names = [
      ...Object.keys(def.inputs).filter((n) => n in stored),
      ...Object.keys(stored).filter((n) => !(n in def.inputs)),
    ];
    const inputs: InputStatus[] = names.map((name) => {
      const sel = stored[name]!;
      const input = rowsByCode.get(sel.indicator);
      return {
        name,
        indicator: sel.indicator,
        source: sourceOfIndicator(catalogue, sel.indicator)?.code ?? null,
        present: !!input,
        problem: input ? fitProblem(dims.get(input.id), sel.dims) : null,
      };
    });
    const observations = (row?.coverage as { observations?: number } | null)?.observations ?? 0;
    let state: EntryState = 'not_applied';
    if (row && !link) state = 'code_taken';
    else if (row && link) {
      state = inputs.every((i) => i.present && !i.problem) && observations > 0 ? 'complete' : 'incomplete';
    }
    const current = row && link ? currentFields(row) : null;
    return {
      code: e.code,
      name: e.name.de,
      topic: e.meta.topic,
      tier: e.meta.tier,
      needsLocalData: needsLocalData(catalogue, e),
      variants: variantsOf(e),
      state,
      indicatorId: row?.id ?? null,
      variant,
      appliedVersion: link?.catalogueVersion ?? null,
      locallyEdited: current ? OWNED.filter((f) => !same(current[f], link!.base[f])) : [],
      inputs,
      observations,
      regionalDepth: regionalDepthOf(e, variant ?? 'official'),
    };
  });
  // Checklist: the sources of the applied entries (their stored inputs), missing first.
  const items = new Map<string, ChecklistItem>();
  for (const s of entries) {
    if (s.state !== 'complete' && s.state !== 'incomplete') continue;
    for (const i of s.inputs) {
      const src = i.source ? catalogue.sources[i.source] : undefined;
      if (!src) continue;
      const item = items.get(src.code) ?? {
        source: src.code,
        title: src.title,
        origin: src.origin,
        url: downloadUrl(catalogue, src),
        reference: src.reference,
        regionalDepth: src.regionalDepth,
        howTo: src.howTo ?? null,
        neededBy: [],
        missing: [],
        state: 'present' as ChecklistItem['state'],
      };
      if (!item.neededBy.includes(s.code)) item.neededBy.push(s.code);
      if (!i.present && !item.missing.includes(i.indicator)) item.missing.push(i.indicator);
      items.set(src.code, item);
    }
  }
  const checklist = [...items.values()].map((item) => {
    const produced = catalogue.sources[item.source]!.indicators.filter(
      (c) => item.missing.includes(c) || rowsByCode.has(c),
    );
    const state: ChecklistItem['state'] = !item.missing.length
      ? 'present'
      : produced.some((c) => rowsByCode.has(c))
        ? 'partial'
        : 'missing';
    return { ...item, state };
  });
  const order = { missing: 0, partial: 1, present: 2 };
  checklist.sort((a, b) => order[a.state] - order[b.state] || a.source.localeCompare(b.source));
  const inCatalogue = new Set(catalogue.indicators.map((e) => e.code));
  const removed = [...linked.values()]
    .filter((l) => l.catalogueId === catalogue.id && !inCatalogue.has(l.code))
    .map((l) => l.code)
    .toSorted();
  return {
    catalogue: { id: catalogue.id, version: catalogue.version, title: catalogue.title, date: catalogue.date },
    entries,
    checklist,
    removed,
  };
}

/* ---------- plan and apply ---------- */

export type PlanAction =
  | 'create'
  | 'update'
  | 'unchanged'
  | 'keep_local'
  | 'skip_code_taken'
  | 'skip_newer_version'
  | 'skip_no_data';

export interface FieldChange {
  field: OwnedField;
  label: string;
  /** The value as the municipality has it now (null when the indicator is new). */
  local: unknown;
  /** The value of this catalogue version. */
  catalogue: unknown;
  /** apply: catalogue change, field untouched locally; keep_local / overwrite: both changed it. */
  outcome: 'apply' | 'keep_local' | 'overwrite';
}

export interface PlanItem {
  code: string;
  name: string;
  topic: IndicatorTopic;
  action: PlanAction;
  variant: CatalogueVariant;
  fromVersion: number | null;
  changes: FieldChange[];
  /** German explanation of a skip. */
  reason: string | null;
}

export interface CatalogueOptions {
  /** Topics to apply (default: all). */
  topics?: readonly string[];
  /** Single entries to apply (default: all of the topics). */
  codes?: readonly string[];
  /**
   * The catalogue version the caller previewed; refused when the catalogue has another one (the page
   * shows a preview of version N, the click applies exactly N).
   */
  version?: number;
  catalogue?: Catalogue;
  /** Which variant new indicators use when both could (default official). */
  prefer?: CatalogueVariant;
  /** Create only indicators whose inputs exist (the demo municipality). */
  onlyWithData?: boolean;
  /** Local edits to overwrite with the catalogue's value: indicator codes, or 'all'. */
  overwrite?: 'all' | readonly string[];
}

export interface CataloguePlan {
  catalogue: { id: string; version: number; title: string };
  items: PlanItem[];
  counts: Record<PlanAction, number>;
}

function chooseVariant(
  entry: CatalogueEntry,
  exists: (code: string) => boolean,
  prefer: CatalogueVariant,
): { variant: CatalogueVariant; complete: boolean } {
  const complete = (v: CatalogueVariant) =>
    Object.values(entryDefinition(entry, v).inputs).every((s) => exists(s.indicator));
  const offered = variantsOf(entry);
  const order: CatalogueVariant[] = prefer === 'local' ? ['local', 'official'] : ['official', 'local'];
  for (const v of order) if (offered.includes(v) && complete(v)) return { variant: v, complete: true };
  return { variant: offered.includes(prefer) ? prefer : 'official', complete: false };
}

async function makePlan(db: Db | Tx, tenantId: string, opts: CatalogueOptions) {
  const catalogue = opts.catalogue ?? shippedCatalogue();
  if (opts.version !== undefined && opts.version !== catalogue.version) {
    throw new HttpError(
      409,
      'catalogue_version',
      `Der Kennzahlenkatalog liegt in Fassung ${catalogue.version} vor, angefordert war Fassung ${opts.version}. Bitte die Vorschau neu laden.`,
    );
  }
  const chosen = pickEntries(catalogue, opts.topics, opts.codes);
  const linked = await links(db, tenantId);
  const inputCodes = chosen.flatMap((e) =>
    variantsOf(e).flatMap((v) => Object.values(entryDefinition(e, v).inputs).map((s) => s.indicator)),
  );
  const rowsByCode = await tenantIndicators(db, tenantId, [...chosen.map((e) => e.code), ...inputCodes]);
  const overwrite = (code: string) =>
    opts.overwrite === 'all' || (Array.isArray(opts.overwrite) && opts.overwrite.includes(code));
  const items: PlanItem[] = [];
  const targets = new Map<string, OwnedFields>();
  for (const e of chosen) {
    const row = rowsByCode.get(e.code);
    const link = linked.get(e.code);
    const base = { code: e.code, name: e.name.de, topic: e.meta.topic };
    if (!row) {
      const { variant, complete } = chooseVariant(e, (c) => rowsByCode.has(c), opts.prefer ?? 'official');
      const target = targetFields(catalogue, e, variant);
      targets.set(e.code, target);
      if (opts.onlyWithData && !complete) {
        items.push({
          ...base,
          action: 'skip_no_data',
          variant,
          fromVersion: null,
          changes: [],
          reason: 'Die Eingangsdaten fehlen noch (nur Indikatoren mit vorhandenen Daten gewählt).',
        });
        continue;
      }
      items.push({ ...base, action: 'create', variant, fromVersion: null, changes: [], reason: null });
      continue;
    }
    if (!link || link.catalogueId !== catalogue.id) {
      items.push({
        ...base,
        action: 'skip_code_taken',
        variant: 'official',
        fromVersion: null,
        changes: [],
        reason: link
          ? `Der Code gehört zu einem Indikator aus dem Katalog „${link.catalogueId}“.`
          : 'Der Code gehört schon einem eigenen Indikator der Kommune; er bleibt unverändert.',
      });
      continue;
    }
    const variant: CatalogueVariant = variantsOf(e).includes(link.variant as CatalogueVariant)
      ? (link.variant as CatalogueVariant)
      : 'official';
    if (link.catalogueVersion > catalogue.version) {
      items.push({
        ...base,
        action: 'skip_newer_version',
        variant,
        fromVersion: link.catalogueVersion,
        changes: [],
        reason: `Angelegt mit der neueren Katalogfassung ${link.catalogueVersion}; eine ältere Fassung ändert nichts.`,
      });
      continue;
    }
    const target = targetFields(catalogue, e, variant);
    targets.set(e.code, target);
    const local = currentFields(row);
    const changes: FieldChange[] = [];
    for (const f of OWNED) {
      if (same(local[f], target[f])) continue;
      const editedLocally = !same(local[f], link.base[f]);
      const changedInCatalogue = !same(target[f], link.base[f]);
      if (!changedInCatalogue) continue; // a local edit the catalogue does not touch
      changes.push({
        field: f,
        label: OWNED_FIELD_LABELS[f].de,
        local: local[f],
        catalogue: target[f],
        outcome: !editedLocally ? 'apply' : overwrite(e.code) ? 'overwrite' : 'keep_local',
      });
    }
    const action: PlanAction = changes.some((c) => c.outcome !== 'keep_local')
      ? 'update'
      : changes.length
        ? 'keep_local'
        : 'unchanged';
    items.push({ ...base, action, variant, fromVersion: link.catalogueVersion, changes, reason: null });
  }
  const counts = Object.fromEntries(
    (
      [
        'create',
        'update',
        'unchanged',
        'keep_local',
        'skip_code_taken',
        'skip_newer_version',
        'skip_no_data',
      ] as PlanAction[]
    ).map((a) => [a, items.filter((i) => i.action === a).length]),
  ) as Record<PlanAction, number>;
  return {
    catalogue,
    plan: {
      catalogue: { id: catalogue.id, version: catalogue.version, title: catalogue.title },
      items,
      counts,
    },
    rowsByCode,
    linked,
    targets,
  };
}

/** What applying the catalogue would do (the preview); changes nothing. */
export async function planCatalogue(
  db: Db | Tx,
  tenantId: string,
  opts: CatalogueOptions = {},
): Promise<CataloguePlan> {
  return (await makePlan(db, tenantId, opts)).plan;
}

export interface CatalogueApplyResult extends CataloguePlan {
  /** Values computed for the created and updated indicators. */
  observations: number;
  /** German notes (inputs that do not fit, gaps in the data). */
  warnings: string[];
  status: CatalogueStatus;
}

function rowValues(fields: OwnedFields) {
  const { definition: _definition, ...columns } = fields;
  return columns;
}

function storedDefinition(code: string, fields: OwnedFields): ComputedDefinition {
  return validateDefinition({
    code,
    name: { de: fields.nameDe, ...(fields.nameEn ? { en: fields.nameEn } : {}) },
    description: fields.description,
    unit: fields.unit,
    decimals: fields.decimals,
    ...fields.definition,
  });
}

/**
 * Apply the catalogue (all topics or the chosen ones) in one transaction: create the missing
 * indicators, bring catalogue changes into untouched fields, keep local edits unless `overwrite` names
 * them, compute what the data allow. Returns the plan that was carried out and the new status.
 */
export async function applyCatalogue(
  db: Db,
  tenantId: string,
  opts: CatalogueOptions = {},
): Promise<CatalogueApplyResult> {
  return db.transaction(async (tx) => {
    const { catalogue, plan, rowsByCode, targets } = await makePlan(tx, tenantId, opts);
    const entries = new Map(catalogue.indicators.map((e) => [e.code, e]));
    let observations = 0;
    const warnings: string[] = [];
    const recompute = async (row: IndicatorRow) => {
      try {
        const r = await recomputeIndicator(tx, tenantId, row, { missingInputs: 'clear' });
        observations += r.cells;
        warnings.push(...r.warnings.map((w) => `${row.code}: ${w}`));
      } catch (e) {
        if (!(e instanceof ComputeError)) throw e;
        warnings.push(`${row.code}: ${e.message} – der Indikator bleibt ohne Werte.`);
      }
      const dependents = await recomputeDependents(tx, tenantId, [row.id]);
      if (dependents.length) warnings.push(`${row.code}: neu berechnet auch ${dependents.join(', ')}`);
    };
    for (const item of plan.items) {
      const entry = entries.get(item.code)!;
      const target = targets.get(item.code);
      if (item.action === 'create' && target) {
        const def = storedDefinition(item.code, target);
        const drivingInput = def.inputs[def.periodsFrom!]!.indicator;
        const [row] = await tx
          .insert(indicators)
          .values({
            tenantId,
            code: item.code,
            ...rowValues(target),
            periodType: entry.periodType ?? rowsByCode.get(drivingInput)?.periodType ?? 'year',
            computed: def,
            // A rate is not a count: its small values are protected through its inputs.
            sdcThreshold: 0,
          })
          .returning();
        await tx.insert(catalogueIndicators).values({
          indicatorId: row!.id,
          tenantId,
          catalogueId: catalogue.id,
          catalogueVersion: catalogue.version,
          variant: item.variant,
          base: target as unknown as Record<string, unknown>,
        });
        await recompute(row!);
        continue;
      }
      const row = rowsByCode.get(item.code);
      if (!row || !target || !['update', 'unchanged', 'keep_local'].includes(item.action)) continue;
      if (item.action === 'update') {
        const merged: OwnedFields = { ...currentFields(row) };
        for (const c of item.changes) {
          if (c.outcome !== 'keep_local')
            (merged as unknown as Record<string, unknown>)[c.field] = c.catalogue;
        }
        const [updated] = await tx
          .update(indicators)
          .set({
            ...rowValues(merged),
            computed: storedDefinition(item.code, merged),
            updatedAt: sql`now()` as never,
          })
          .where(and(eq(indicators.tenantId, tenantId), eq(indicators.id, row.id)))
          .returning();
        if (
          item.changes.some((c) => c.outcome !== 'keep_local' && ['definition', 'decimals'].includes(c.field))
        ) {
          await recompute(updated!);
        }
      }
      // The new catalogue version is the base of the next merge (kept local edits stay local edits).
      await tx
        .update(catalogueIndicators)
        .set({
          catalogueVersion: catalogue.version,
          variant: item.variant,
          base: target as unknown as Record<string, unknown>,
          appliedAt: sql`now()` as never,
        })
        .where(and(eq(catalogueIndicators.tenantId, tenantId), eq(catalogueIndicators.indicatorId, row.id)));
    }
    return { ...plan, observations, warnings, status: await catalogueStatus(tx, tenantId, catalogue) };
  });
}
