/**
 * The indicator catalogue (Kennzahlenkatalog) file and the fields a catalogue entry owns on its indicator
 * (ADR 9): reading the shipped catalogue, the target fields of an entry and the status types. No database.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type {
  CatalogueChecklistItem,
  CatalogueEntryStatus,
  CatalogueOwnedField,
  CatalogueStatusResponse,
} from '@dkbm/contract';
import {
  definitionOf as entryDefinition,
  parseCatalogueFile,
  sourcesOf,
  type Catalogue,
  type CatalogueEntry,
  type CatalogueVariant,
  type ComputedDefinition,
} from '@dkbm/domain';
import type { IndicatorRow } from './catalog.repo';
import { definitionOf } from './computedDefinition';

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
/** The contract's names of the owned fields; `OwnedFields[OwnedField]` fails to compile when they part. */
export type OwnedField = CatalogueOwnedField & keyof OwnedFields;

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
export const OWNED: OwnedField[] = Object.keys(OWNED_FIELD_LABELS) as OwnedField[];

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
export const same = (a: unknown, b: unknown) => stable(a) === stable(b);

function definitionPart(def: ComputedDefinition): OwnedFields['definition'] {
  return {
    formula: def.formula,
    inputs: def.inputs,
    periodsFrom: def.periodsFrom ?? Object.keys(def.inputs)[0]!,
    ...(def.periodType ? { periodType: def.periodType } : {}),
    ...(def.zeroAsDash !== undefined ? { zeroAsDash: def.zeroAsDash } : {}),
  };
}

export function join(list: string[], sep = ', '): string {
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

/* ---------- status and checklist (types of the contract, written once) ---------- */

export type EntryState = CatalogueEntryStatus['state'];
export type InputStatus = CatalogueEntryStatus['inputs'][number];
export type EntryStatus = CatalogueEntryStatus;
export type ChecklistItem = CatalogueChecklistItem;
export type CatalogueStatus = CatalogueStatusResponse;
