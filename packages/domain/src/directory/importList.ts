import { parse } from 'csv-parse/sync';
import {
  venueInputSchema,
  type DirectoryImportProblem,
  type DirectorySource,
  type VenueInput,
} from '@dkbm/contract';

/*
 * Import of a list of places (Orte) into the Bildungswegweiser: a CSV with one place per row. A preset
 * names the columns of a known real list; each row is checked against the contract's venue schema and a
 * refused row is reported with its line and field (German message), never silently dropped.
 */

/** Where a field of the venue comes from: a CSV column, or a fixed value. */
export interface ListMapping {
  name: string;
  street: string;
  postcode: string;
  city: string | { fixed: string };
  lat: string;
  lon: string;
  phone?: string;
  capacity?: string;
  provider?: string;
  externalId?: string;
  type: { fixed: VenueInput['type'] };
  categories: { fixed: VenueInput['categories'] };
  targetGroups?: { fixed: VenueInput['targetGroups'] };
  ageFrom?: { fixed: number };
  ageTo?: { fixed: number };
}

export interface ListPreset {
  id: string;
  /** Columns that identify the list. */
  header: readonly string[];
  mapping: ListMapping;
  source: DirectorySource;
}

/** Kita list of the Senatsverwaltung für Bildung, Jugend und Familie (Berlin), as published on GitHub. */
export const BERLIN_KITAS: ListPreset = {
  id: 'berlin-kitas',
  header: ['id', 'name', 'phone_number', 'places', 'sponsor_name', 'street', 'zip_code', 'lat', 'lon'],
  mapping: {
    name: 'name',
    street: 'street',
    postcode: 'zip_code',
    city: { fixed: 'Berlin' },
    lat: 'lat',
    lon: 'lon',
    phone: 'phone_number',
    capacity: 'places',
    provider: 'sponsor_name',
    externalId: 'id',
    type: { fixed: 'kita' },
    categories: { fixed: ['fruehe_bildung'] },
    targetGroups: { fixed: ['kinder', 'eltern_familien'] },
    ageFrom: { fixed: 0 },
    ageTo: { fixed: 6 },
  },
  source: {
    name: 'Kitaliste Berlin (Senatsverwaltung für Bildung, Jugend und Familie)',
    licence: 'CC BY 3.0 DE',
    licenceUri: 'https://creativecommons.org/licenses/by/3.0/de/',
    attribution: 'Senatsverwaltung für Bildung, Jugend und Familie Berlin; aufbereitet von ODIS Berlin',
    url: 'https://github.com/open-data-product/open-data-product-berlin-daycare-centers-source-aligned',
  },
};

export const LIST_PRESETS: readonly ListPreset[] = [BERLIN_KITAS];

export interface ImportedPlace {
  /** 1-based line of the file (the header is line 1). */
  line: number;
  externalId: string | null;
  input: VenueInput;
}

export interface ParsedList {
  preset: string;
  rows: number;
  places: ImportedPlace[];
  problems: DirectoryImportProblem[];
  /** Rows refused (each has at least one problem). */
  refused: number;
  /** Rows with the same name and address as an earlier row (not taken twice). */
  duplicates: number;
  source: DirectorySource;
}

export class DirectoryListError extends Error {}

const MAX_PROBLEMS = 200;

/** The preset whose columns the header contains. */
export function detectPreset(header: readonly string[]): ListPreset | null {
  return LIST_PRESETS.find((p) => p.header.every((h) => header.includes(h))) ?? null;
}

function decimal(text: string): number | null {
  const t = text.trim().replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(t)) return null;
  return Number(t);
}

/** Read a CSV list of places with a preset (`auto`: recognised by its header). */
export function parseDirectoryList(csv: string, presetId = 'auto'): ParsedList {
  const text = csv.replace(/^\uFEFF/, '');
  const firstLine = text.slice(0, text.indexOf('\n') >>> 0);
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let records: string[][];
  try {
    records = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: true }) as string[][];
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    throw new DirectoryListError(
      `Die Datei ist kein lesbares CSV${line ? ` (Zeile ${line})` : ''}: ${(e as Error).message.slice(0, 160)}`,
    );
  }
  const header = (records[0] ?? []).map((h) => h.trim());
  const preset =
    presetId === 'auto' ? detectPreset(header) : (LIST_PRESETS.find((p) => p.id === presetId) ?? null);
  if (!preset) {
    throw new DirectoryListError(
      `Die Spalten der Datei passen zu keiner bekannten Liste (erwartet z. B. ${BERLIN_KITAS.header.join(', ')}).`,
    );
  }
  const missing = preset.header.filter((h) => !header.includes(h));
  if (missing.length > 0) throw new DirectoryListError(`Spalte fehlt: ${missing.join(', ')} (Zeile 1).`);
  const col = new Map(header.map((h, i) => [h, i]));
  const m = preset.mapping;
  const problems: DirectoryImportProblem[] = [];
  const places: ImportedPlace[] = [];
  const seen = new Set<string>();
  let refused = 0;
  let duplicates = 0;
  const report = (p: DirectoryImportProblem) => {
    if (problems.length < MAX_PROBLEMS) problems.push(p);
  };

  for (let r = 1; r < records.length; r++) {
    const rec = records[r]!;
    const line = r + 1;
    const cell = (name: string | undefined) => (name === undefined ? '' : (rec[col.get(name)!] ?? '').trim());
    const rowProblems: DirectoryImportProblem[] = [];
    const lat = decimal(cell(m.lat));
    const lon = decimal(cell(m.lon));
    for (const [column, value] of [
      [m.lat, lat],
      [m.lon, lon],
    ] as const) {
      if (value === null && cell(column) !== '')
        rowProblems.push({
          line,
          field: column,
          message: `Koordinate ist keine Zahl: „${cell(column).slice(0, 40)}“`,
        });
    }
    const capacityText = cell(m.capacity);
    const capacity = capacityText === '' ? null : decimal(capacityText);
    if (capacityText !== '' && (capacity === null || !Number.isInteger(capacity)))
      rowProblems.push({
        line,
        field: m.capacity!,
        message: `Keine ganze Zahl: „${capacityText.slice(0, 40)}“`,
      });
    const phone = cell(m.phone).replace(/[^+0-9 ()/-]/g, '') || null;
    const candidate = {
      name: cell(m.name),
      type: m.type.fixed,
      categories: m.categories.fixed,
      provider: cell(m.provider),
      address: {
        street: cell(m.street),
        postcode: cell(m.postcode),
        city: typeof m.city === 'string' ? cell(m.city) : m.city.fixed,
      },
      location: lat === null || lon === null ? null : { lat, lon },
      targetGroups: m.targetGroups?.fixed ?? [],
      ageFrom: m.ageFrom?.fixed ?? null,
      ageTo: m.ageTo?.fixed ?? null,
      contact: { phone: phone?.slice(0, 40) ?? null, email: null, website: null },
      capacity: capacity !== null && Number.isInteger(capacity) ? capacity : null,
    };
    const parsed = venueInputSchema.safeParse(candidate);
    if (!parsed.success) {
      for (const issue of parsed.error.issues.slice(0, 3)) {
        rowProblems.push({ line, field: columnOf(m, issue.path), message: germanIssue(issue.message) });
      }
    }
    if (rowProblems.length > 0 || !parsed.success) {
      refused++;
      rowProblems.forEach(report);
      continue;
    }
    const key = `${parsed.data.name.toLowerCase()}|${parsed.data.address.street.toLowerCase()}|${parsed.data.address.postcode}`;
    if (seen.has(key)) {
      duplicates++;
      report({
        line,
        field: m.name,
        message: 'Doppelt: gleicher Name und gleiche Adresse wie eine frühere Zeile',
      });
      continue;
    }
    seen.add(key);
    places.push({ line, externalId: cell(m.externalId) || null, input: parsed.data });
  }
  return {
    preset: preset.id,
    rows: records.length - 1,
    places,
    problems,
    refused,
    duplicates,
    source: preset.source,
  };
}

/** The CSV column a schema path comes from, so that a report names the column the user sees. */
function columnOf(m: ListMapping, path: readonly PropertyKey[]): string {
  const [a, b] = path.map(String);
  const byField: Record<string, string | undefined> = {
    name: m.name,
    provider: m.provider,
    capacity: m.capacity,
    'address.street': m.street,
    'address.postcode': m.postcode,
    'address.city': typeof m.city === 'string' ? m.city : 'Ort',
    'location.lat': m.lat,
    'location.lon': m.lon,
    location: m.lat,
    'contact.phone': m.phone,
  };
  return byField[b ? `${a}.${b}` : (a ?? '')] ?? byField[a ?? ''] ?? String(a ?? '');
}

function germanIssue(message: string): string {
  if (/expected number, received NaN|Invalid input: expected number/i.test(message))
    return 'Koordinate fehlt oder ist keine Zahl';
  if (/Too small|>=/i.test(message)) return `Wert zu klein oder leer (${message.slice(0, 80)})`;
  if (/Too big|<=/i.test(message)) return `Wert zu groß (${message.slice(0, 80)})`;
  return message.slice(0, 160);
}
