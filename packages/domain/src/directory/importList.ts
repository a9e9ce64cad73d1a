import { parse } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import { readZip, ZipLimitError } from '../zip';
import { createToWgs84 } from '../geo/crs';
import type { SupportedCrs } from '../geo/types';
import {
  venueInputSchema,
  type DirectoryImportMapping,
  type DirectoryImportProblem,
  type DirectorySource,
  type VenueInput,
} from '@dkbm/contract';

/*
 * Import of a list of places (Orte) into the Bildungswegweiser: a CSV with one place per row. A preset
 * names the columns of a known real list; each row is checked against the contract's venue schema and a
 * refused row is reported with its line and field (German message), never silently dropped.
 */

/** Columns a GeoJSON point's coordinates are read into. */
export const GEOJSON_X = 'Koordinate_x';
export const GEOJSON_Y = 'Koordinate_y';

/** A CSV column, or several whose non-empty texts are joined with a space (street + house number). */
export type Col = string | readonly string[];

/** Where a field of the venue comes from: a CSV column, or a fixed value. */
export interface ListMapping {
  name: Col;
  street: Col;
  postcode: string;
  city: Col | { fixed: string };
  /** Latitude (or northing in `crs`). */
  lat: string;
  /** Longitude (or easting in `crs`). */
  lon: string;
  phone?: Col;
  capacity?: string;
  provider?: Col;
  externalId?: string;
  type: { fixed: VenueInput['type'] } | { from: (cell: (c: Col) => string) => VenueInput['type'] };
  categories:
    { fixed: VenueInput['categories'] } | { from: (cell: (c: Col) => string) => VenueInput['categories'] };
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
  /** Coordinate system of `lat`/`lon` (default WGS84); a GeoJSON file's `crs` member overrides it. */
  crs?: SupportedCrs;
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

/** Berlin school list (Geoportal Berlin WFS `s_schulen`, GeoJSON in EPSG:25833). */
export const BERLIN_SCHOOLS: ListPreset = {
  id: 'berlin-schulen',
  header: ['bsn', 'name', 'schultyp', 'plz', 'strasse', 'hausnr', GEOJSON_X, GEOJSON_Y],
  crs: 'EPSG:25833',
  mapping: {
    name: 'name',
    street: ['strasse', 'hausnr'],
    postcode: 'plz',
    city: { fixed: 'Berlin' },
    lat: GEOJSON_Y,
    lon: GEOJSON_X,
    phone: 'telefon',
    externalId: 'bsn',
    type: { from: (cell) => (cell('schultyp') === 'Berufsschule' ? 'berufsschule' : 'schule') },
    categories: {
      from: (cell) =>
        cell('schultyp') === 'Berufsschule' ? ['ausbildung_studium', 'uebergang_schule_beruf'] : ['schule'],
    },
    targetGroups: { fixed: ['kinder', 'jugendliche'] },
  },
  source: {
    name: 'Schulen Berlin (Geoportal Berlin, Senatsverwaltung für Bildung, Jugend und Familie)',
    licence: 'Datenlizenz Deutschland – Namensnennung – Version 2.0',
    licenceUri: 'https://www.govdata.de/dl-de/by-2-0',
    attribution: 'Geoportal Berlin / Schulen, Senatsverwaltung für Bildung, Jugend und Familie',
    url: 'https://gdi.berlin.de/services/wfs/schulen',
  },
};

/** NRW school directory (Schulministerium NRW, CSV with `sep=;`, UTM zone 32 coordinates). */
export const NRW_SCHOOLS: ListPreset = {
  id: 'nrw-schulen',
  header: ['Schulnummer', 'Schulbezeichnung_1', 'PLZ', 'Ort', 'Strasse', 'UTMRechtswert', 'UTMHochwert'],
  crs: 'EPSG:25832',
  mapping: {
    name: ['Schulbezeichnung_1', 'Schulbezeichnung_2', 'Schulbezeichnung_3'],
    street: 'Strasse',
    postcode: 'PLZ',
    city: 'Ort',
    lat: 'UTMHochwert',
    lon: 'UTMRechtswert',
    phone: ['Telefonvorwahl', 'Telefon'],
    externalId: 'Schulnummer',
    type: { fixed: 'schule' },
    categories: { fixed: ['schule'] },
    targetGroups: { fixed: ['kinder', 'jugendliche'] },
  },
  source: {
    name: 'Schulverzeichnis NRW (Ministerium für Schule und Bildung NRW)',
    licence: 'Datenlizenz Deutschland – Zero – Version 2.0',
    licenceUri: 'https://www.govdata.de/dl-de/zero-2-0',
    attribution: 'Ministerium für Schule und Bildung des Landes Nordrhein-Westfalen',
    url: 'https://www.schulministerium.nrw/schulverzeichnis',
  },
};

export const LIST_PRESETS: readonly ListPreset[] = [BERLIN_KITAS, BERLIN_SCHOOLS, NRW_SCHOOLS];

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

interface Table {
  records: string[][];
  /** File line (CSV) or object number (GeoJSON) of records[i]. */
  lineOf: (i: number) => number;
  /** CRS a GeoJSON file declares. */
  crs?: SupportedCrs;
}

function readCsv(text: string): Table {
  let body = text;
  let offset = 1;
  // Excel's „sep=;“ line (NRW school list) names the separator and is not the header.
  const sep = /^sep=(.)\r?\n/.exec(body);
  if (sep) {
    body = body.slice(sep[0].length);
    offset = 2;
  }
  const firstLine = body.slice(0, body.indexOf('\n') >>> 0);
  const delimiter =
    sep?.[1] ?? ((firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',');
  try {
    const records = parse(body, {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as string[][];
    return { records, lineOf: (i) => i + offset };
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    throw new DirectoryListError(
      `Die Datei ist kein lesbares CSV${line ? ` (Zeile ${line + offset - 1})` : ''}: ${(e as Error).message.slice(0, 160)}`,
    );
  }
}

const EPSG = /EPSG::?(\d{4,5})/;

function readGeoJson(text: string): Table {
  let fc: { type?: string; crs?: { properties?: { name?: string } }; features?: unknown[] };
  try {
    fc = JSON.parse(text) as typeof fc;
  } catch (e) {
    throw new DirectoryListError(
      `Die Datei ist kein lesbares GeoJSON: ${(e as Error).message.slice(0, 160)}`,
    );
  }
  if (fc.type !== 'FeatureCollection' || !Array.isArray(fc.features))
    throw new DirectoryListError('Die Datei ist keine GeoJSON-FeatureCollection.');
  const features = fc.features as Array<{
    properties?: Record<string, unknown> | null;
    geometry?: { type?: string; coordinates?: unknown } | null;
  }>;
  const keys = [...new Set(features.flatMap((f) => Object.keys(f.properties ?? {})))];
  const header = [...keys, GEOJSON_X, GEOJSON_Y];
  const records = features.map((f) => {
    const c = f.geometry?.type === 'Point' ? (f.geometry.coordinates as number[]) : [];
    return [
      ...keys.map((k) => {
        const v = f.properties?.[k];
        return v === null || v === undefined ? '' : String(v);
      }),
      c[0] === undefined ? '' : String(c[0]),
      c[1] === undefined ? '' : String(c[1]),
    ];
  });
  const code = EPSG.exec(fc.crs?.properties?.name ?? '')?.[1];
  const crs = code ? (`EPSG:${code}` as SupportedCrs) : undefined;
  return { records: [header, ...records], lineOf: (i) => i, ...(crs ? { crs } : {}) };
}

/** Read a list of places (CSV or GeoJSON) with a preset (`auto`: recognised by its columns) and/or a mapping. */
export function parseDirectoryList(
  input: string,
  presetId = 'auto',
  mapping?: DirectoryImportMapping,
): ParsedList {
  const text = input.replace(/^\uFEFF/, '');
  return parseTable(text.trimStart().startsWith('{') ? readGeoJson(text) : readCsv(text), presetId, mapping);
}

/** The same for an Excel file: its first worksheet, the first row the header (line numbers as in Excel). */
export async function parseDirectoryXlsx(
  bytes: Uint8Array,
  presetId = 'auto',
  mapping?: DirectoryImportMapping,
): Promise<ParsedList> {
  // Loaded on first use; the zip is inflated and counted within limits first (a zip bomb is refused).
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  try {
    readZip(bytes, { keep: false });
  } catch (e) {
    if (e instanceof ZipLimitError && e.code !== 'zip_broken')
      throw new DirectoryListError(`Die Excel-Datei ist entpackt zu groß oder beschädigt (${e.code}).`);
  }
  try {
    await wb.xlsx.load(Buffer.from(bytes) as never);
  } catch (e) {
    throw new DirectoryListError(
      `Die Datei ist keine lesbare Excel-Datei (xlsx): ${(e as Error).message.slice(0, 120)}`,
    );
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new DirectoryListError('Die Excel-Datei hat kein Tabellenblatt.');
  const records: string[][] = [];
  const lines: number[] = [];
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    const cells: string[] = [];
    for (let c = 1; c <= ws.columnCount; c++) cells.push(cellText(row.getCell(c).value));
    records.push(cells);
    lines.push(n);
  });
  return parseTable({ records, lineOf: (i) => lines[i] ?? i + 1 }, presetId, mapping);
}

/** The text of an Excel cell as it reads (numbers unformatted, dates as JJJJ-MM-TT, formulas by result). */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('text' in v) return String(v.text);
    return '';
  }
  return String(v);
}

function parseTable(table: Table, presetId: string, given?: DirectoryImportMapping): ParsedList {
  const records = table.records;
  const header = (records[0] ?? []).map((h) => h.trim());
  const known =
    presetId === 'auto' ? detectPreset(header) : (LIST_PRESETS.find((p) => p.id === presetId) ?? null);
  const preset = given ? presetFromMapping(given, known) : known;
  if (!preset) {
    throw new DirectoryListError(
      `Die Spalten der Datei passen zu keiner bekannten Liste (Kitaliste Berlin, Schulen Berlin, Schulverzeichnis NRW; erwartet z. B. ${BERLIN_KITAS.header.join(', ')}).`,
    );
  }
  const missing = preset.header.filter((h) => !header.includes(h));
  if (missing.length > 0) throw new DirectoryListError(`Spalte fehlt: ${missing.join(', ')} (Zeile 1).`);
  const col = new Map(header.map((h, i) => [h, i]));
  const m = preset.mapping;
  const crs = table.crs ?? preset.crs ?? 'EPSG:4326';
  const toWgs84 = crs === 'EPSG:4326' ? null : createToWgs84({ crs });
  const round = (v: number) => Math.round(v * 1e6) / 1e6;
  const project = (p: [number, number]): [number | null, number | null] => {
    if (!toWgs84) return p;
    const [lo, la] = toWgs84(p);
    return Number.isFinite(lo) && Number.isFinite(la) ? [round(lo!), round(la!)] : [null, null];
  };
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
    const line = table.lineOf(r);
    const cell = (name: Col | undefined): string =>
      name === undefined
        ? ''
        : typeof name === 'string'
          ? (rec[col.get(name) ?? -1] ?? '').trim()
          : name
              .map((n) => cell(n))
              .filter(Boolean)
              .join(' ');
    const rowProblems: DirectoryImportProblem[] = [];
    const y = decimal(cell(m.lat));
    const x = decimal(cell(m.lon));
    const [lon, lat] = x === null || y === null ? [x, y] : project([x, y]);
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
      type: 'fixed' in m.type ? m.type.fixed : m.type.from(cell),
      categories: 'fixed' in m.categories ? m.categories.fixed : m.categories.from(cell),
      provider: cell(m.provider),
      address: {
        street: cell(m.street),
        postcode: cell(m.postcode),
        city: typeof m.city === 'object' && 'fixed' in m.city ? m.city.fixed : cell(m.city),
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
        field: typeof m.name === 'string' ? m.name : m.name[0]!,
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
  const c = (x: Col | undefined) => (x === undefined ? undefined : typeof x === 'string' ? x : x.join('+'));
  const [a, b] = path.map(String);
  const byField: Record<string, string | undefined> = {
    name: c(m.name),
    provider: c(m.provider),
    capacity: m.capacity,
    'address.street': c(m.street),
    'address.postcode': m.postcode,
    'address.city': typeof m.city === 'object' && 'fixed' in m.city ? 'Ort' : c(m.city),
    'location.lat': m.lat,
    'location.lon': m.lon,
    location: m.lat,
    'contact.phone': c(m.phone),
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

/*
 * A column mapping given by the user (`--mapping`, the API's `mapping`) as a preset: over a known preset
 * it replaces the fields it names; on its own it must name every field a place needs.
 */

const REQUIRED = ['name', 'street', 'postcode', 'lat', 'lon', 'type', 'categories'] as const;

export function presetFromMapping(m: DirectoryImportMapping, base: ListPreset | null): ListPreset {
  if (!base) {
    const missing = REQUIRED.filter((k) => m[k] === undefined);
    if (m.city === undefined && m.cityName === undefined) missing.push('city' as never);
    if (missing.length > 0)
      throw new DirectoryListError(
        `Zuordnung unvollständig: es fehlt ${missing.map((k) => `„${k}“`).join(', ')} (ohne bekannte Liste braucht sie name, street, postcode, city oder cityName, lat, lon, type, categories).`,
      );
  }
  const over: Partial<ListMapping> = {
    ...(m.name ? { name: m.name } : {}),
    ...(m.street ? { street: m.street } : {}),
    ...(m.postcode ? { postcode: m.postcode } : {}),
    ...(m.city ? { city: m.city } : m.cityName ? { city: { fixed: m.cityName } } : {}),
    ...(m.lat ? { lat: m.lat } : {}),
    ...(m.lon ? { lon: m.lon } : {}),
    ...(m.phone ? { phone: m.phone } : {}),
    ...(m.capacity ? { capacity: m.capacity } : {}),
    ...(m.provider ? { provider: m.provider } : {}),
    ...(m.externalId ? { externalId: m.externalId } : {}),
    ...(m.type ? { type: { fixed: m.type } } : {}),
    ...(m.categories ? { categories: { fixed: m.categories } } : {}),
  };
  const mapping = { ...base?.mapping, ...over } as ListMapping;
  const columns = (c: ListMapping['name'] | undefined) =>
    c === undefined ? [] : typeof c === 'string' ? [c] : [...c];
  const header = [
    ...columns(mapping.name),
    ...columns(mapping.street),
    mapping.postcode,
    ...(typeof mapping.city === 'object' && 'fixed' in mapping.city
      ? []
      : columns(mapping.city as ListMapping['name'])),
    mapping.lat,
    mapping.lon,
  ];
  const crs = (m.crs ?? base?.crs) as SupportedCrs | undefined;
  return {
    id: base ? `${base.id}+zuordnung` : 'zuordnung',
    header: [...new Set(header)],
    mapping,
    source: {
      name: base?.source.name ?? '',
      licence: m.licence ?? base?.source.licence ?? '',
      licenceUri: m.licence === undefined ? (base?.source.licenceUri ?? null) : null,
      attribution: m.attribution ?? base?.source.attribution ?? '',
      url: base?.source.url ?? null,
    },
    ...(crs ? { crs } : {}),
  };
}
