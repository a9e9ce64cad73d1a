import fs from 'node:fs';
import crypto from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { AREA_LEVEL_ORDER } from '@dkbm/contract';
import type {
  AreaLevel,
  ImportAnalysis,
  ImportOptions,
  ImportResult,
  ImportRunDetail,
  IndicatorTopic,
  KeyReport,
} from '@dkbm/contract';
import {
  decodeText,
  detectFormat,
  ImportFileError,
  shortText,
  inspectTable,
  openDataset,
  type Dataset,
  type DataRow,
  type TidyMapping,
} from '@dkbm/domain';
import type { Database, Db, Tx } from '../../platform/db/client';
import {
  areas,
  dimensions,
  dimensionValues,
  importFiles,
  tenants,
  series,
  importRuns,
  indicatorDimensions,
  indicators,
  keyMappings,
  users,
} from '../../platform/db/schema';
import { copyChunks, csvField } from '../../platform/db/copy';
import { rows } from '../../platform/db/sqlRows';
import { HttpError, notFound } from '../../platform/http/errors';
import {
  createdByLevel,
  defaultCreateAreas,
  matchKeys,
  officialParentKeys,
  placeOfKey,
  type FileKey,
  type KnownArea,
  type Territory,
} from './keys';
import { dimsKeyOf } from './dimsKey';
import { planDimensions, recode, sourceKeyOf } from './dimensionPlan';
import { analyzeBoundaries, commitBoundaries } from './boundaries';
import { emptyUndoLog, newLinks, saveKeyMappings, undoLogged, type UndoLog } from './undoLog';
import { cleanDataset } from './sanitize';
import { recomputeDependents } from '../monitoring/computed.service';
import { touchIndicators } from '../monitoring/catalog.service';

export interface UploadedFile {
  name: string;
  bytes: Uint8Array;
}

export type ProgressFn = (percent: number, text: string) => Promise<void> | void;

const STAGING_CHUNK = 5000;

/** DKBM_TRACE=1 prints the duration of each import step to stderr (for profiling). */
function tracer() {
  let t = performance.now();
  return (step: string) => {
    if (!process.env.DKBM_TRACE) return;
    const now = performance.now();
    // Resident memory now and its peak so far (Linux), to find the step that needs the most.
    let peak = '';
    try {
      peak = /VmHWM:\s*(\d+)/.exec(fs.readFileSync('/proc/self/status', 'utf8'))?.[1] ?? '';
    } catch {
      // not Linux
    }
    const mb = (kb: number) => Math.round(kb / 1024);
    const m = process.memoryUsage();
    process.stderr.write(
      `[import] ${step}: ${Math.round(now - t)} ms, RSS ${mb(m.rss / 1024)} MB` +
        (peak ? `, peak ${mb(Number(peak))} MB` : '') +
        ` (JS heap ${mb(m.heapUsed / 1024)} of ${mb(m.heapTotal / 1024)} MB, outside it ${mb(m.external / 1024)} MB)` +
        '\n',
    );
    t = now;
  };
}

/* ---------- runs ---------- */

export async function createRun(
  db: Db,
  args: { tenantId: string; userId: string | null; via: 'web' | 'cli'; file: UploadedFile },
): Promise<string> {
  const { file } = args;
  let format: ReturnType<typeof detectFormat>;
  try {
    format = detectFormat(file);
  } catch (e) {
    // E.g. a zip bomb: refused at the door, with the entry and the limit named.
    if (e instanceof ImportFileError) throw new HttpError(400, e.code, e.message, errorOf(e, file.name));
    throw e;
  }
  if (format === 'unknown') {
    // A text file that cannot be decoded gets the precise reason (line and column of the bad byte).
    try {
      decodeText(file);
    } catch (e) {
      if (e instanceof ImportFileError) throw new HttpError(400, e.code, e.message, errorOf(e, file.name));
    }
    throw new HttpError(
      400,
      'unsupported_file',
      `${file.name}: Dateiart nicht erkannt. Unterstützt werden GENESIS-Tabellen (CSV), GENESIS-Flatfiles (ffcsv), ` +
        'CSV- und Excel-Tabellen sowie Gebietsgrenzen (GeoJSON, TopoJSON, KML, Shapefile als ZIP).',
      { file: file.name },
    );
  }
  const checksum = crypto.createHash('sha256').update(file.bytes).digest('hex');
  return db.transaction(async (tx) => {
    const [run] = await tx
      .insert(importRuns)
      .values({
        tenantId: args.tenantId,
        createdBy: args.userId,
        via: args.via,
        kind: format === 'boundaries' ? 'boundaries' : 'statistics',
        fileName: file.name,
        fileSize: file.bytes.byteLength,
        checksum,
        format,
        status: 'uploaded',
      })
      .returning({ id: importRuns.id });
    await tx.insert(importFiles).values({
      importRunId: run!.id,
      tenantId: args.tenantId,
      content: Buffer.from(file.bytes).toString('base64'),
    });
    return run!.id;
  });
}

export async function loadRun(db: Db | Tx, tenantId: string, runId: string) {
  const r = await db
    .select()
    .from(importRuns)
    .where(and(eq(importRuns.tenantId, tenantId), eq(importRuns.id, runId)))
    .limit(1);
  if (!r[0]) throw notFound('Der Import');
  return r[0];
}

export async function loadRunFile(db: Db, run: { id: string; tenantId: string; fileName: string }) {
  const f = await db
    .select({ content: importFiles.content })
    .from(importFiles)
    .where(and(eq(importFiles.importRunId, run.id), eq(importFiles.tenantId, run.tenantId)))
    .limit(1);
  if (!f[0]) throw new HttpError(410, 'file_gone', 'Die Datei dieses Imports ist nicht mehr vorhanden.');
  return { name: run.fileName, bytes: new Uint8Array(Buffer.from(f[0].content, 'base64')) };
}

async function setStatus(
  db: Db,
  runId: string,
  patch: Partial<typeof importRuns.$inferInsert>,
): Promise<void> {
  await db.update(importRuns).set(patch).where(eq(importRuns.id, runId));
}

export function errorOf(e: unknown, fileName: string) {
  if (e instanceof ImportFileError) {
    return {
      code: e.code,
      message: e.message,
      file: e.file,
      ...(e.line !== undefined ? { line: e.line } : {}),
      ...(e.column !== undefined ? { column: e.column } : {}),
      ...(e.field !== undefined ? { field: e.field } : {}),
    };
  }
  if (e instanceof HttpError) {
    const d = (e.details ?? {}) as { line?: number; column?: number; field?: string };
    return { code: e.code, message: e.message, file: fileName, ...d };
  }
  return { code: 'internal', message: internalMessage(e, fileName), file: fileName };
}

/**
 * A German message for an error that is not the file's fault or not foreseen, without the internal
 * English text (which could also quote data): known causes are named, the rest is summarised.
 */
export function internalMessage(e: unknown, fileName: string): string {
  const msg = e instanceof Error ? e.message : String(e);
  const pgCode =
    (e as { code?: unknown; cause?: { code?: unknown } })?.cause?.code ?? (e as { code?: unknown })?.code;
  if (e instanceof RangeError && /call stack/i.test(msg)) {
    return `${fileName}: Die Datei ist zu tief verschachtelt, um sie zu lesen. Es wurde nichts geändert.`;
  }
  if (pgCode === '22003' || /overflows numeric|out of range/i.test(msg)) {
    return `${fileName}: Ein Wert der Datei ist zu groß für die Datenbank. Es wurde nichts geändert.`;
  }
  if (e instanceof RangeError && /Invalid string length|Array buffer allocation/i.test(msg)) {
    return `${fileName}: Die Datei ist zu groß, um sie auf einmal zu verarbeiten. Es wurde nichts geändert.`;
  }
  return `${fileName}: Der Import ist wegen eines internen Fehlers fehlgeschlagen; es wurde nichts geändert. Bitte wenden Sie sich mit dem Dateinamen und der Uhrzeit an den Betrieb.`;
}

/** Exact values with more digits than this cannot be meant (and PostgreSQL could not store some of them). */
export const MAX_INTEGER_DIGITS = 30;
export const MAX_FRACTION_DIGITS = 100;

/** Refuse a value with absurdly many digits, naming line, column and a short form of the value. */
function checkValueSize(value: string, fileName: string, line: number, column: number): void {
  if (value.length <= MAX_INTEGER_DIGITS) return;
  const unsigned = value.replace(/^[-+]/, '');
  const dot = unsigned.indexOf('.');
  const int = dot < 0 ? unsigned.length : dot;
  const frac = dot < 0 ? 0 : unsigned.length - dot - 1;
  if (int <= MAX_INTEGER_DIGITS && frac <= MAX_FRACTION_DIGITS) return;
  const nf = new Intl.NumberFormat('de-DE');
  const what =
    int > MAX_INTEGER_DIGITS
      ? `${nf.format(int)} Ziffern vor dem Komma; erlaubt sind höchstens ${MAX_INTEGER_DIGITS}`
      : `${nf.format(frac)} Nachkommastellen; erlaubt sind höchstens ${MAX_FRACTION_DIGITS}`;
  throw new ImportFileError({
    code: 'value_too_large',
    file: fileName,
    line,
    column,
    de: `Der Wert „${shortText(value, 24)}“ hat ${what}.`,
    en: `The value has too many digits (${int} before, ${frac} after the decimal point).`,
  });
}

/* ---------- tenant areas ---------- */

export async function tenantAreas(db: Db | Tx, tenantId: string): Promise<KnownArea[]> {
  const r = await db
    .select({
      id: areas.id,
      level: areas.level,
      code: areas.code,
      name: areas.name,
      validFrom: areas.validFrom,
      validTo: areas.validTo,
    })
    .from(areas)
    .where(eq(areas.tenantId, tenantId));
  return r.map((a) => ({ ...a, level: a.level as AreaLevel }));
}

export async function savedMappings(db: Db | Tx, tenantId: string): Promise<Map<string, string>> {
  const r = await db
    .select({ sourceKey: keyMappings.sourceKey, areaId: keyMappings.areaId })
    .from(keyMappings)
    .where(eq(keyMappings.tenantId, tenantId));
  return new Map(r.map((m) => [m.sourceKey, m.areaId]));
}

/**
 * Every id inside import options (keyMappings[].areaId, parentAreaId) must be an area of the tenant: an id
 * of another tenant is answered like an unknown one, 404 (ADR 2), before anything is stored.
 */
export async function assertOptionIdsOwned(
  db: Db | Tx,
  tenantId: string,
  options: ImportOptions | null | undefined,
): Promise<void> {
  const ids = new Set<string>();
  for (const k of options?.keyMappings ?? []) ids.add(k.areaId);
  if (options?.parentAreaId) ids.add(options.parentAreaId);
  if (!ids.size) return;
  const own = await db
    .select({ id: areas.id })
    .from(areas)
    .where(and(eq(areas.tenantId, tenantId), inArray(areas.id, [...ids])));
  const found = new Set(own.map((a) => a.id));
  const missing = [...ids].filter((id) => !found.has(id));
  if (!missing.length) return;
  const k = options?.keyMappings?.find((m) => !found.has(m.areaId));
  throw new HttpError(
    404,
    'not_found',
    k
      ? `Die Raumeinheit für den Schlüssel „${k.sourceKey.slice(0, 40)}“ wurde nicht gefunden.`
      : 'Die übergeordnete Raumeinheit wurde nicht gefunden.',
    { field: k ? 'keyMappings' : 'parentAreaId' },
  );
}

export function mappingsOf(saved: Map<string, string>, options: ImportOptions | null | undefined) {
  const m = new Map(saved);
  for (const k of options?.keyMappings ?? []) m.set(k.sourceKey, k.areaId);
  return m;
}

/* ---------- statistics: analysis ---------- */

async function tenantDimensions(db: Db | Tx, tenantId: string) {
  return db
    .select({
      code: dimensions.code,
      name: dimensions.nameDe,
      named: dimensions.named,
      sourceKeys: dimensions.sourceKeys,
    })
    .from(dimensions)
    .where(eq(dimensions.tenantId, tenantId));
}

/** Topic suggested by the GENESIS statistic number (first five digits of the table code). */
export function topicOfTable(code: string | undefined): IndicatorTopic {
  if (!code) return 'grundinformationen';
  if (/^AI003|^AI-N-05|^AIG-24|^2254/.test(code)) return 'fruehkindliche_bildung';
  if (/^2111|^AIG-03/.test(code)) return 'allgemeinbildende_schulen';
  if (/^2112|^2113/.test(code)) return 'berufliche_bildung';
  if (code.startsWith('213')) return 'hochschulen';
  if (/^215|^216/.test(code)) return 'weiterbildung';
  if (/^1211|^AI-Z1/.test(code)) return 'grundinformationen';
  if (/^11111|^12411|^AI002/.test(code)) return 'rahmenbedingungen';
  return 'grundinformationen';
}

const RELATIVE_UNITS = /^(prozent|%|promille|‰|je\s|pro\s|anteil|quote|index)/i;
const NON_COUNT_UNITS = /^(prozent|%|promille|‰|qkm|km²|km2|ha|m²|eur|euro|tsd\.?\s*eur|jahre|alter|index)/i;

export function isRelativeUnit(unit: string | null): boolean {
  return !!unit && RELATIVE_UNITS.test(unit.trim());
}

/** Units that are counts of people or things (small values of them are protected). */
export function isCountUnit(unit: string | null): boolean {
  return !unit || !NON_COUNT_UNITS.test(unit.trim());
}

export function normaliseUnit(unit: string | null): string {
  if (!unit) return 'Anzahl';
  const u = unit.trim();
  if (/^prozent$/i.test(u)) return '%';
  return u;
}

function decimalsOf(value: string): number {
  const i = value.indexOf('.');
  return i < 0 ? 0 : value.length - i - 1;
}

interface DatasetScan {
  keys: FileKey[];
  flags: Record<string, number>;
  cellsByMeasure: Map<string, number>;
  decimalsByMeasure: Map<string, number>;
  /** Trimmed key → measure → cells: what a key adds when it gets an area. */
  keyMeasure: Map<string, Map<string, number>>;
  /** Negative values (official corrections occur in genuine files): how many, and the first few. */
  negatives: { count: number; examples: DataRow[] };
}

const NEGATIVE_EXAMPLES = 5;
const nf = new Intl.NumberFormat('de-DE');

function scanDataset(ds: Dataset, fileName: string): DatasetScan {
  const keys = new Map<string, { name: string | null; count: number; dates: Set<string> }>();
  const flags: Record<string, number> = {};
  const cellsByMeasure = new Map<string, number>();
  const decimalsByMeasure = new Map<string, number>();
  const keyMeasure = new Map<string, Map<string, number>>();
  const negatives: DatasetScan['negatives'] = { count: 0, examples: [] };
  for (const row of ds.rows()) {
    const code = row.regionCode.trim();
    let perMeasure = keyMeasure.get(code);
    if (!perMeasure) {
      perMeasure = new Map();
      keyMeasure.set(code, perMeasure);
    }
    perMeasure.set(row.measure, (perMeasure.get(row.measure) ?? 0) + 1);
    const k = keys.get(row.regionCode) ?? {
      name: row.regionName ?? null,
      count: 0,
      dates: new Set<string>(),
    };
    k.count += 1;
    k.dates.add(row.period.date);
    keys.set(row.regionCode, k);
    if (row.flag) flags[row.flag] = (flags[row.flag] ?? 0) + 1;
    cellsByMeasure.set(row.measure, (cellsByMeasure.get(row.measure) ?? 0) + 1);
    if (row.value !== null) {
      checkValueSize(row.value, fileName, row.line, row.column);
      const d = decimalsOf(row.value);
      if (d > (decimalsByMeasure.get(row.measure) ?? 0)) decimalsByMeasure.set(row.measure, d);
      if (row.value.startsWith('-')) {
        negatives.count += 1;
        if (negatives.examples.length < NEGATIVE_EXAMPLES) negatives.examples.push(row);
      }
    }
  }
  return {
    keys: [...keys].map(([code, v]) => ({
      code,
      name: v.name,
      count: v.count,
      dates: [...v.dates].toSorted(),
    })),
    flags,
    cellsByMeasure,
    decimalsByMeasure,
    keyMeasure,
    negatives,
  };
}

/** Cells a commit writes: keys with an area (matched, mapped or created) × measures that are imported. */
function writableCells(
  scan: DatasetScan,
  assigned: (code: string) => boolean,
  measures: Iterable<string>,
): number {
  const wanted = new Set(measures);
  let n = 0;
  for (const [code, perMeasure] of scan.keyMeasure) {
    if (!assigned(code)) continue;
    for (const [m, c] of perMeasure) if (wanted.has(m)) n += c;
  }
  return n;
}

/** The tenant's official key and name (which keys of a file are its own). */
export async function territoryOf(db: Db | Tx, tenantId: string): Promise<Territory> {
  const r = await db
    .select({ ags: tenants.ags, name: tenants.name })
    .from(tenants)
    .where(eq(tenants.id, tenantId))
    .limit(1);
  return { ags: r[0]?.ags ?? null, name: r[0]?.name ?? '' };
}

/** German note on negative values: kept as they are, with where they are. */
function negativesWarning(ds: Dataset, negatives: DatasetScan['negatives']): string | null {
  if (!negatives.count) return null;
  const label = (dim: string, value: string) =>
    ds.dimensions.find((d) => d.key === dim)?.values.find((v) => v.key === value)?.label ?? value;
  const measureName = (key: string) => ds.measures.find((m) => m.key === key)?.name ?? key;
  const where = negatives.examples.map((r) => {
    const cell = [measureName(r.measure), ...Object.entries(r.dims).map(([k, v]) => label(k, v))].join(', ');
    const area = r.regionName ? `${r.regionName} (${r.regionCode})` : r.regionCode;
    return `${area}, ${r.period.type === 'year' ? r.period.date.slice(0, 4) : r.period.date.split('-').toReversed().join('.')}, ${cell}: ${r.value!.replace('.', ',').replace('-', '−')} (Zeile ${r.line})`;
  });
  const more = negatives.count - where.length;
  return (
    `Die Datei enthält ${nf.format(negatives.count)} negative ${negatives.count === 1 ? 'Wert' : 'Werte'} ` +
    `(amtliche Korrekturen): ${where.join('; ')}${more > 0 ? ` und ${nf.format(more)} weitere` : ''}. ` +
    'Sie werden unverändert übernommen; bei der Geheimhaltung bleiben sie veröffentlicht und werden nie als kleine Fallzahl behandelt.'
  );
}

async function openStatistics(file: UploadedFile, options: ImportOptions | null | undefined) {
  const mapping = options?.mapping as TidyMapping | undefined;
  return openDataset(file, mapping ? { mapping } : {});
}

export async function analyzeStatistics(
  db: Db,
  tenantId: string,
  file: UploadedFile,
  options: ImportOptions | null,
): Promise<ImportAnalysis> {
  const format = detectFormat(file);
  if ((format === 'tidy-csv' || format === 'tidy-xlsx') && (!options?.mapping || options.inspect)) {
    const inspection = await inspectTable(file, {
      ...(options?.inspect?.sheet ? { sheet: options.inspect.sheet } : {}),
      ...(options?.inspect?.headerRow ? { headerRow: options.inspect.headerRow } : {}),
    });
    return {
      kind: 'statistics',
      format,
      meta: {},
      measures: [],
      dimensions: [],
      periods: [],
      periodType: 'year',
      rows: 0,
      flags: {},
      keys: { matched: 0, mapped: 0, created: [], unmatched: [] },
      inspection,
      needsMapping: true,
      warnings: [],
    };
  }
  const ds = await openStatistics(file, options);
  const cleaned = cleanDataset(ds);
  const scan = scanDataset(ds, file.name);
  const existingInd = await db
    .select({ id: indicators.id, code: indicators.code })
    .from(indicators)
    .where(eq(indicators.tenantId, tenantId));
  const indByCode = new Map(existingInd.map((i) => [i.code, i.id]));
  const tenantDims = await tenantDimensions(db, tenantId);
  const existingDims = new Set(tenantDims.map((d) => d.code));

  const overrides = new Map((options?.indicators ?? []).map((o) => [o.key, o]));
  const territory = await territoryOf(db, tenantId);
  const auto = defaultCreateAreas(scan.keys, territory);
  const createAreas = options?.createAreas ?? auto.createAreas;
  const known = await tenantAreas(db, tenantId);
  const mappings = mappingsOf(await savedMappings(db, tenantId), options);
  const { report, assignments } = matchKeys(scan.keys, known, {
    level: options?.level,
    createAreas,
    mappings,
  });
  // What „Unbekannte Gebiete anlegen“ would create, also while it is off.
  const wouldCreate = createAreas
    ? report.created
    : matchKeys(scan.keys, known, { level: options?.level, createAreas: true, mappings }).report.created;
  for (const u of report.unmatched) u.byMeasure = Object.fromEntries(scan.keyMeasure.get(u.code) ?? []);
  const warnings: string[] = [...cleaned.warnings()];
  const negative = negativesWarning(ds, scan.negatives);
  if (negative) warnings.push(negative);
  if (options?.createAreas === undefined && !auto.createAreas) {
    warnings.push(
      `${auto.outside} von ${auto.total} Gebietsschlüsseln der Datei liegen außerhalb von ${territory.name || 'Ihrer Kommune'}. ` +
        '„Unbekannte Gebiete anlegen“ ist deshalb ausgeschaltet: Es werden nur Werte für vorhandene Gebiete übernommen. ' +
        'Schalten Sie es ein, um die fremden Gebiete anzulegen.',
    );
  }
  const plan = planDimensions(ds, options?.dimensionNames, tenantDims);
  for (const d of ds.dimensions.filter((x) => !plan.get(x.key)!.named)) {
    const p = plan.get(d.key)!;
    warnings.push(
      p.code.includes('.')
        ? `Das Merkmal „${d.name}“ hat in der Datei keinen Namen. Bitte benennen Sie es.`
        : `Das Merkmal „${d.name}“ hat in der Datei keinen Namen; es wurde nach seinen Werten als „${p.name}“ erkannt. Bitte prüfen Sie den Namen.`,
    );
  }
  return {
    kind: 'statistics',
    format: ds.meta.format,
    meta: { ...ds.meta },
    measures: ds.measures.map((m) => {
      const code = overrides.get(m.key)?.code ?? m.key;
      return {
        key: m.key,
        name: m.name,
        unit: m.unit,
        existingIndicatorId: indByCode.get(code) ?? null,
        suggestedCode: code,
        cells: scan.cellsByMeasure.get(m.key) ?? 0,
        writable: writableCells(scan, (k) => assignments.has(k), [m.key]),
      };
    }),
    dimensions: ds.dimensions.map((d) => {
      const p = plan.get(d.key)!;
      return {
        key: d.key,
        code: p.code,
        name: p.name,
        named: p.named,
        existing: existingDims.has(p.code),
        values: d.values.map((v) => ({ key: v.key, label: v.label, isTotal: v.isTotal })),
      };
    }),
    periods: ds.periods.map((p) => p.date),
    periodType: ds.periods[0]?.type ?? 'year',
    rows: ds.rowCount,
    flags: scan.flags,
    keys: report,
    needsMapping: false,
    warnings,
    createAreas,
    outsideKeys: territory.ags ? { outside: auto.outside, total: auto.total } : null,
    createPreview: createdByLevel(wouldCreate),
  };
}

/* ---------- statistics: commit ---------- */

interface PlannedArea {
  id: string;
  code: string;
  name: string;
  level: AreaLevel;
}

/** Areas to create, with parents resolved among existing and new official keys. */
function planAreas(
  assignments: Map<string, string | { create: true; level: AreaLevel; name: string }>,
  known: KnownArea[],
): { planned: PlannedArea[]; areaOf: Map<string, string>; parentOf: Map<string, string | null> } {
  const areaOf = new Map<string, string>();
  const planned: PlannedArea[] = [];
  for (const [code, a] of assignments) {
    if (typeof a === 'string') areaOf.set(code, a);
    else {
      const id = crypto.randomUUID();
      planned.push({ id, code, name: a.name, level: a.level });
      areaOf.set(code, id);
    }
  }
  const officialByCode = new Map<string, string>();
  for (const k of known) if (!officialByCode.has(k.code)) officialByCode.set(k.code, k.id);
  for (const p of planned) officialByCode.set(p.code, p.id);
  const parentOf = new Map<string, string | null>();
  for (const p of planned) {
    const parentKey = officialParentKeys(p.code).find((k) => officialByCode.has(k));
    parentOf.set(p.id, parentKey ? officialByCode.get(parentKey)! : null);
  }
  return { planned, areaOf, parentOf };
}

export class ImportRefused extends HttpError {}

function refuseUnmatched(report: KeyReport, fileName: string): never {
  const list = report.unmatched
    .slice(0, 8)
    .map((u) => `${u.code}${u.name ? ` (${u.name})` : ''}`)
    .join(', ');
  throw new ImportRefused(
    409,
    'unmatched_keys',
    `${fileName}: ${report.unmatched.length} Gebietsschlüssel wurden nicht zugeordnet (${list}${report.unmatched.length > 8 ? ', …' : ''}). ` +
      'Ordnen Sie sie zu oder bestätigen Sie, dass diese Daten ausgelassen werden.',
    { unmatched: report.unmatched.length },
  );
}

/** Per indicator code: the most detailed level at which the file gave the municipality's own areas values. */
function ownLevels(
  scan: DatasetScan,
  assignments: Map<string, unknown>,
  levelOfArea: Map<string, AreaLevel>,
  territory: Territory,
  measureIndicator: Map<string, { code: string }>,
): Record<string, AreaLevel> {
  const out: Record<string, AreaLevel> = {};
  for (const [code, perMeasure] of scan.keyMeasure) {
    const a = assignments.get(code);
    if (a === undefined || placeOfKey(code, territory) !== 'own') continue;
    const level = typeof a === 'string' ? levelOfArea.get(a) : (a as { level?: AreaLevel }).level;
    if (!level) continue;
    for (const m of perMeasure.keys()) {
      const ind = measureIndicator.get(m);
      if (!ind) continue;
      const prev = out[ind.code];
      if (!prev || AREA_LEVEL_ORDER.indexOf(level) > AREA_LEVEL_ORDER.indexOf(prev)) out[ind.code] = level;
    }
  }
  return out;
}

export async function commitStatistics(
  database: Database,
  run: { id: string; tenantId: string; fileName: string; createdBy: string | null },
  file: UploadedFile,
  options: ImportOptions,
  progress: ProgressFn,
): Promise<ImportResult> {
  const t0 = performance.now();
  const db = database.db;
  const tenantId = run.tenantId;
  const trace = tracer();
  const ds = await openStatistics(file, options);
  const cleaned = cleanDataset(ds);
  await progress(5, 'Datei gelesen');
  trace('open');
  const scan = scanDataset(ds, file.name);
  const known = await tenantAreas(db, tenantId);
  const mappings = mappingsOf(await savedMappings(db, tenantId), options);
  const territory = await territoryOf(db, tenantId);
  const { assignments, report } = matchKeys(scan.keys, known, {
    level: options.level,
    createAreas: options.createAreas ?? defaultCreateAreas(scan.keys, territory).createAreas,
    mappings,
  });
  if (report.unmatched.length && !options.skipUnmatched) refuseUnmatched(report, file.name);
  const { planned, areaOf, parentOf } = planAreas(assignments, known);
  trace('scan and match keys');

  // Indicators: existing by code or new (ids generated here so staging can reference them).
  const overrides = new Map((options.indicators ?? []).map((o) => [o.key, o]));
  const existing = await db
    .select({ id: indicators.id, code: indicators.code })
    .from(indicators)
    .where(eq(indicators.tenantId, tenantId));
  const idByCode = new Map(existing.map((i) => [i.code, i.id]));
  const measureIndicator = new Map<string, { id: string; code: string; isNew: boolean }>();
  for (const m of ds.measures) {
    const o = overrides.get(m.key);
    if (o?.skip) continue;
    const code = o?.code ?? m.key;
    const id = idByCode.get(code);
    measureIndicator.set(
      m.key,
      id ? { id, code, isNew: false } : { id: crypto.randomUUID(), code, isNew: true },
    );
  }
  if (measureIndicator.size === 0) {
    throw new HttpError(
      400,
      'nothing_to_import',
      `${file.name}: Es ist kein Indikator zum Import ausgewählt.`,
    );
  }
  // A run that would write no value is refused before anything (indicator, area, dimension) is made.
  if (writableCells(scan, (k) => assignments.has(k), measureIndicator.keys()) === 0) {
    const n = report.unmatched.length;
    throw new ImportRefused(
      409,
      'nothing_to_write',
      `${file.name}: Es würde kein einziger Wert übernommen, weil ${n === 1 ? 'der einzige Gebietsschlüssel' : `alle ${n} Gebietsschlüssel`} ` +
        'keinem Gebiet zugeordnet und ausgelassen ' +
        `${n === 1 ? 'ist' : 'sind'}. Ordnen Sie Schlüssel zu, schalten Sie „Unbekannte Gebiete anlegen“ ein oder verwerfen Sie den Import. ` +
        'Es wurde nichts geändert.',
      { unmatched: n },
    );
  }

  const plan = planDimensions(ds, options.dimensionNames, await tenantDimensions(db, tenantId));

  // Series (indicator × dimension combination): existing ones by key, new ones get ids drawn from the
  // sequence now, so that the staged cells can carry them; the rows are written in the transaction.
  const seriesIds = new Map<string, number>();
  const existingIndicatorIds = [...measureIndicator.values()].filter((m) => !m.isNew).map((m) => m.id);
  if (existingIndicatorIds.length) {
    const existingSeries = await db
      .select({ id: series.id, indicatorId: series.indicatorId, dimsKey: series.dimsKey })
      .from(series)
      .where(and(eq(series.tenantId, tenantId), inArray(series.indicatorId, existingIndicatorIds)));
    for (const x of existingSeries) seriesIds.set(`${x.indicatorId}|${x.dimsKey}`, x.id);
  }
  const newSeries: Array<{ id: number; indicatorId: string; dims: Record<string, string>; dimsKey: string }> =
    [];
  let idPool: number[] = [];
  const newSeriesId = async () => {
    if (!idPool.length) {
      idPool = (
        await rows<{ id: number }>(
          db,
          sql`SELECT nextval('series_id_seq')::int AS id FROM generate_series(1, 256)`,
        )
      ).map((r) => Number(r.id));
    }
    return idPool.shift()!;
  };
  const linkDims = new Map<string, Set<string>>();
  // Coverage of new indicators, counted on the way (existing ones are recomputed in SQL).
  const levelOfArea = new Map<string, AreaLevel>(known.map((a) => [a.id, a.level]));
  for (const p of planned) levelOfArea.set(p.id, p.level);
  const cov = new Map<
    string,
    { first: string; last: string; n: number; periods: Set<string>; levels: Set<AreaLevel> }
  >();

  // Stage every cell with COPY (outside the transaction). Staging rows are compact: a run number instead
  // of the run's uuid, and the import's own area number (1, 2, …; mapped back to area ids in the
  // transaction) instead of the area's uuid.
  const runNo = Number(
    (await rows<{ n: string }>(db, sql`SELECT nextval('import_staging_run_no')::text AS n`))[0]!.n,
  );
  // Area number = position in insertion order, 1-based (as `WITH ORDINALITY` counts below).
  const areaNos = new Map<string, number>();
  const areaNoOf = (areaId: string) => {
    let no = areaNos.get(areaId);
    if (no === undefined) {
      no = areaNos.size + 1;
      areaNos.set(areaId, no);
    }
    return no;
  };
  let staged = 0;
  let skipped = 0;
  // The cells as COPY text in chunks of STAGING_CHUNK lines, made while they are sent: PostgreSQL gets
  // one COPY stream (it stores a chunk while the next is made), PGlite one COPY per chunk.
  async function* stagingChunks(): AsyncGenerator<string> {
    let lines: string[] = [];
    let lastDimsRef: Record<string, string> | null = null;
    let lastRecoded: Record<string, string> = {};
    let lastKey = '';
    for (const row of ds.rows()) {
      const ind = measureIndicator.get(row.measure);
      const areaId = areaOf.get(row.regionCode.trim());
      if (!ind || !areaId) {
        skipped += 1;
        continue;
      }
      // Rows of one table share their dims objects: recode once per object.
      if (row.dims !== lastDimsRef) {
        lastDimsRef = row.dims;
        lastRecoded = recode(row.dims, plan);
        lastKey = dimsKeyOf(lastRecoded);
      }
      const sKey = `${ind.id}|${lastKey}`;
      let sid = seriesIds.get(sKey);
      if (sid === undefined) {
        sid = await newSeriesId();
        seriesIds.set(sKey, sid);
        newSeries.push({ id: sid, indicatorId: ind.id, dims: lastRecoded, dimsKey: lastKey });
        const links = linkDims.get(ind.id) ?? new Set<string>();
        for (const k of Object.keys(lastRecoded)) links.add(k);
        linkDims.set(ind.id, links);
      }
      if (ind.isNew) {
        const d = row.period.date;
        let c = cov.get(ind.id);
        if (!c) {
          c = { first: d, last: d, n: 0, periods: new Set(), levels: new Set() };
          cov.set(ind.id, c);
        }
        c.n += 1;
        if (d < c.first) c.first = d;
        if (d > c.last) c.last = d;
        c.periods.add(d);
        const lv = levelOfArea.get(areaId);
        if (lv) c.levels.add(lv);
      }
      lines.push(
        `${runNo},${sid},${areaNoOf(areaId)},${row.period.date},${csvField(row.value)},${csvField(row.flag)},${row.line}`,
      );
      if (lines.length >= STAGING_CHUNK) {
        yield lines.join('\n') + '\n';
        staged += lines.length;
        lines = [];
        await progress(
          5 + Math.round((staged / Math.max(1, ds.rowCount)) * 70),
          `${staged} von ${ds.rowCount} Werten vorbereitet`,
        );
      }
    }
    if (lines.length) {
      yield lines.join('\n') + '\n';
      staged += lines.length;
    }
  }
  try {
    await copyChunks(
      database,
      'import_staging',
      ['run_no', 'series_id', 'area_no', 'period', 'value', 'flag', 'line'],
      stagingChunks(),
    );
    trace('staging COPY');

    const meta = ds.meta;
    const source = [
      meta.tableCode ? `Regionaldatenbank / GENESIS, Tabelle ${meta.tableCode}` : null,
      meta.title ?? null,
      meta.stand ? `Stand: ${meta.stand}` : null,
    ]
      .filter(Boolean)
      .join(' – ');
    const licence = /Datenlizenz Deutschland/i.test(meta.copyright ?? '')
      ? 'Datenlizenz Deutschland – Namensnennung – Version 2.0 (dl-de/by-2-0)'
      : null;

    // The staged cells with their area ids (an area's number is its position in `areaNos`).
    const stagedCells = sql`(
      SELECT s.series_id, a.id AS area_id, s.period, s.value, s.flag
        FROM import_staging s
        JOIN unnest(${`{${[...areaNos.keys()].join(',')}}`}::uuid[]) WITH ORDINALITY AS a(id, no) ON a.no = s.area_no
       WHERE s.run_no = ${runNo})`;
    await progress(78, 'Werte werden übernommen');
    const result = await db.transaction(async (tx) => {
      // Areas.
      for (let i = 0; i < planned.length; i += 500) {
        const chunk = planned.slice(i, i + 500);
        await tx.insert(areas).values(
          chunk.map((p) => ({
            id: p.id,
            tenantId,
            level: p.level,
            code: p.code,
            name: p.name,
            parentId: parentOf.get(p.id) ?? null,
            importRunId: run.id,
          })),
        );
      }
      trace('areas');
      // Indicators.
      const created: string[] = [];
      const updated: string[] = [];
      for (const m of ds.measures) {
        const ind = measureIndicator.get(m.key);
        if (!ind) continue;
        const o = overrides.get(m.key);
        if (ind.isNew) {
          const relative = isRelativeUnit(m.unit);
          await tx.insert(indicators).values({
            id: ind.id,
            tenantId,
            code: ind.code,
            nameDe: o?.nameDe ?? m.name,
            unit: normaliseUnit(m.unit),
            decimals: scan.decimalsByMeasure.get(m.key) ?? 0,
            topic: o?.topic ?? topicOfTable(meta.tableCode),
            measure: relative ? 'relative' : 'absolute',
            periodType: ds.periods[0]?.type ?? 'year',
            source: source || file.name,
            licence,
            attribution: meta.copyright ?? null,
            statisticsCode: meta.tableCode ?? null,
            sourceKey: m.key,
            sdcThreshold: relative || !isCountUnit(m.unit) ? 0 : null,
          });
          created.push(ind.code);
        } else {
          updated.push(ind.code);
        }
      }
      trace('indicators');
      // Dimensions and their values; link them to the indicators. What is new or renamed is logged for undo.
      const undo = emptyUndoLog();
      const dimsBefore = new Map(
        (
          await tx
            .select({
              id: dimensions.id,
              code: dimensions.code,
              nameDe: dimensions.nameDe,
              named: dimensions.named,
              sourceKeys: dimensions.sourceKeys,
            })
            .from(dimensions)
            .where(eq(dimensions.tenantId, tenantId))
        ).map((d) => [d.code, d]),
      );
      const dimIds = new Map<string, string>();
      for (const d of ds.dimensions) {
        const p = plan.get(d.key)!;
        const sourceKey = sourceKeyOf(meta.tableCode, d.key);
        const before = dimsBefore.get(p.code);
        const renames = !!options.dimensionNames?.[d.key];
        if (before && (!before.sourceKeys.includes(sourceKey) || (renames && before.nameDe !== p.name))) {
          undo.dimensionsChanged.push({
            id: before.id,
            nameDe: before.nameDe,
            named: before.named,
            sourceKeys: before.sourceKeys,
            setName: renames ? p.name : null,
          });
        }
        const [row] = await tx
          .insert(dimensions)
          .values({ tenantId, code: p.code, nameDe: p.name, named: p.named, sourceKeys: [sourceKey] })
          .onConflictDoUpdate({
            target: [dimensions.tenantId, dimensions.code],
            // A name the user gave now wins; otherwise the existing name stays. The file's key is remembered.
            set: {
              ...(options.dimensionNames?.[d.key] ? { nameDe: p.name, named: true } : {}),
              sourceKeys: sql`CASE WHEN ${dimensions.sourceKeys} ? ${sourceKey} THEN ${dimensions.sourceKeys}
                                   ELSE ${dimensions.sourceKeys} || ${JSON.stringify([sourceKey])}::jsonb END`,
            },
          })
          .returning({ id: dimensions.id });
        dimIds.set(p.code, row!.id);
        if (!before) undo.dimensionsCreated.push(row!.id);
        if (d.values.length) {
          const existingValues = await tx
            .select({ code: dimensionValues.code })
            .from(dimensionValues)
            .where(eq(dimensionValues.dimensionId, row!.id));
          const offset = existingValues.length;
          const added = await tx
            .insert(dimensionValues)
            .values(
              d.values.map((v, i) => ({
                tenantId,
                dimensionId: row!.id,
                code: v.key,
                labelDe: v.label,
                isTotal: v.isTotal,
                sortOrder: offset + i,
              })),
            )
            .onConflictDoNothing()
            .returning({ id: dimensionValues.id });
          // Values of a new dimension go with it; values added to an existing one are logged.
          if (before) undo.valuesCreated.push(...added.map((v) => v.id));
        }
      }
      const links = [...linkDims].flatMap(([indicatorId, codes]) =>
        [...codes]
          .filter((c) => dimIds.has(c))
          .map((c) => ({
            tenantId,
            indicatorId,
            dimensionId: dimIds.get(c)!,
            position: ds.dimensions.findIndex((d) => plan.get(d.key)!.code === c),
          })),
      );
      undo.linksCreated = await newLinks(tx, tenantId, links);
      if (links.length) await tx.insert(indicatorDimensions).values(links).onConflictDoNothing();

      trace('dimensions');
      for (let i = 0; i < newSeries.length; i += 500) {
        await tx.execute(sql`INSERT INTO series (id, tenant_id, indicator_id, dims, dims_key) OVERRIDING SYSTEM VALUE
          VALUES ${sql.join(
            newSeries
              .slice(i, i + 500)
              .map(
                (x) =>
                  sql`(${x.id}, ${tenantId}::uuid, ${x.indicatorId}::uuid, ${JSON.stringify(x.dims)}::jsonb, ${x.dimsKey})`,
              ),
            sql`, `,
          )}`);
      }
      trace('series');
      // Values of existing series may be replaced: keep the old ones for undo. New series have none.
      const newIds = new Set(newSeries.map((n) => n.id));
      const touchedExisting = [...new Set(seriesIds.values())].filter((id) => !newIds.has(id));
      let nReplaced = 0;
      if (touchedExisting.length) {
        const r = await rows<{ n: number }>(
          tx,
          sql`WITH r AS (
                INSERT INTO import_replaced (import_run_id, tenant_id, series_id, area_id, period, value, flag, previous_run_id)
                SELECT ${run.id}::uuid, ${tenantId}::uuid, o.series_id, o.area_id, o.period, o.value, o.flag, o.import_run_id
                  FROM ${stagedCells} s
                  JOIN observations o ON o.series_id = s.series_id AND o.area_id = s.area_id AND o.period = s.period
                RETURNING 1)
              SELECT count(*)::int AS n FROM r`,
        );
        nReplaced = r[0]?.n ?? 0;
      }
      trace('replaced');
      // One statement; a cell twice in the file makes it fail, and the savepoint lets us name both lines.
      try {
        await tx.transaction(async (sp) => {
          // Only series that had values before need the (slower) upsert.
          await sp.execute(sql`
            INSERT INTO observations (tenant_id, series_id, area_id, period, value, flag, import_run_id)
            SELECT ${tenantId}::uuid, s.series_id, s.area_id, s.period, s.value, s.flag, ${run.id}::uuid
              FROM ${stagedCells} s
            ${
              touchedExisting.length
                ? sql`ON CONFLICT (series_id, area_id, period)
                      DO UPDATE SET value = excluded.value, flag = excluded.flag, import_run_id = excluded.import_run_id`
                : sql``
            }`);
        });
      } catch (e) {
        const dup = await rows<{ a: number; b: number }>(
          tx,
          sql`SELECT min(line) AS a, max(line) AS b FROM import_staging WHERE run_no = ${runNo}
               GROUP BY series_id, area_no, period HAVING count(*) > 1 LIMIT 1`,
        );
        if (!dup[0]) throw e;
        throw new ImportFileError({
          code: 'duplicate_cell',
          file: file.name,
          line: Number(dup[0].b),
          de: `Derselbe Wert (Gebiet, Zeitraum, Merkmale) steht doppelt in der Datei: Zeilen ${dup[0].a} und ${dup[0].b}.`,
          en: `The same cell occurs twice: lines ${dup[0].a} and ${dup[0].b}.`,
        });
      }
      trace('observations');
      await tx.execute(sql`DELETE FROM import_staging WHERE run_no = ${runNo}`);

      if (options.saveKeyMappings && options.keyMappings?.length) {
        undo.keyMappings = await saveKeyMappings(tx, tenantId, run.createdBy, options.keyMappings);
      }
      const touched = [...measureIndicator.values()].map((m) => m.id);
      await touchIndicators(
        tx,
        tenantId,
        touched,
        new Map(
          [...cov].map(([id, c]) => [
            id,
            {
              firstPeriod: c.first,
              lastPeriod: c.last,
              periods: c.periods.size,
              observations: c.n,
              levels: AREA_LEVEL_ORDER.filter((l) => c.levels.has(l)),
            },
          ]),
        ),
      );
      trace('touch');
      const recomputed = await recomputeDependents(tx, tenantId, touched);
      const openAt = ownLevels(scan, assignments, levelOfArea, territory, measureIndicator);
      return {
        openAt,
        undo,
        observations: { inserted: staged - nReplaced, replaced: nReplaced, skipped },
        indicators: { created, updated },
        areas: { created: planned.length, versions: 0 },
        recomputed,
        keys: report,
        warnings: [] as string[],
        seconds: 0,
      };
    });
    trace('recompute and commit');
    result.seconds = Math.round((performance.now() - t0) / 100) / 10;
    result.warnings.push(...cleaned.warnings());
    if (skipped) {
      result.warnings.push(
        `${skipped} Werte wurden ausgelassen, weil ihr Gebietsschlüssel nicht zugeordnet ist (siehe Schlüsselbericht).`,
      );
    }
    return result;
  } finally {
    await database.exec(`DELETE FROM import_staging WHERE run_no = ${runNo}`).catch(() => undefined);
  }
}

/* ---------- orchestration (used by the job and the CLI) ---------- */

export async function analyzeRun(
  database: Database,
  tenantId: string,
  runId: string,
  options: ImportOptions | null,
) {
  const db = database.db;
  const run = await loadRun(db, tenantId, runId);
  await setStatus(db, runId, {
    status: 'analyzing',
    progress: 0,
    progressText: 'Datei wird geprüft',
    error: null,
  });
  try {
    const file = await loadRunFile(db, run);
    const analysis =
      run.kind === 'boundaries'
        ? await analyzeBoundaries(db, tenantId, file, options)
        : await analyzeStatistics(db, tenantId, file, options);
    await setStatus(db, runId, {
      status: 'ready',
      progress: 100,
      progressText: null,
      analysis,
      options: options ?? {},
      format: analysis.format,
    });
    return analysis;
  } catch (e) {
    await setStatus(db, runId, {
      status: 'failed',
      progressText: null,
      error: errorOf(e, run.fileName),
      finishedAt: sql`now()` as never,
    });
    throw e;
  }
}

export async function commitRun(database: Database, tenantId: string, runId: string, options: ImportOptions) {
  const db = database.db;
  const run = await loadRun(db, tenantId, runId);
  await setStatus(db, runId, {
    status: 'importing',
    progress: 0,
    progressText: 'Import beginnt',
    options,
    error: null,
  });
  const progress: ProgressFn = async (percent, text) => {
    await setStatus(db, runId, { progress: Math.min(99, percent), progressText: text });
  };
  try {
    await assertOptionIdsOwned(db, tenantId, options);
    const file = await loadRunFile(db, run);
    const result =
      run.kind === 'boundaries'
        ? await commitBoundaries(database, run, file, options, progress)
        : await commitStatistics(database, run, file, options, progress);
    await setStatus(db, runId, {
      status: 'done',
      progress: 100,
      progressText: null,
      result,
      finishedAt: sql`now()` as never,
    });
    return result;
  } catch (e) {
    // Nothing of the import remains (its transaction rolled back); the run keeps the reason.
    await setStatus(db, runId, {
      status: e instanceof ImportRefused ? 'ready' : 'failed',
      progressText: null,
      error: errorOf(e, run.fileName),
      ...(e instanceof ImportRefused ? {} : { finishedAt: sql`now()` as never }),
    });
    throw e;
  }
}

/** Undo a finished import as a whole: its values go, values it replaced come back, areas it created go. */
export async function undoRun(database: Database, tenantId: string, runId: string, userId: string | null) {
  const db = database.db;
  const run = await loadRun(db, tenantId, runId);
  if (run.status !== 'done') {
    throw new HttpError(409, 'not_undoable', 'Nur abgeschlossene Importe können rückgängig gemacht werden.');
  }
  return db.transaction(async (tx) => {
    const touched = await rows<{ indicator_id: string }>(
      tx,
      sql`SELECT DISTINCT se.indicator_id FROM observations o JOIN series se ON se.id = o.series_id
           WHERE o.tenant_id = ${tenantId} AND o.import_run_id = ${runId}
          UNION SELECT DISTINCT se.indicator_id FROM import_replaced r JOIN series se ON se.id = r.series_id
           WHERE r.import_run_id = ${runId}`,
    );
    const removed = await rows<{ n: number }>(
      tx,
      sql`WITH d AS (DELETE FROM observations WHERE tenant_id = ${tenantId} AND import_run_id = ${runId} RETURNING 1)
          SELECT count(*)::int AS n FROM d`,
    );
    const restored = await rows<{ n: number }>(
      tx,
      sql`WITH i AS (
            INSERT INTO observations (tenant_id, series_id, area_id, period, value, flag, import_run_id)
            SELECT r.tenant_id, r.series_id, r.area_id, r.period, r.value, r.flag, r.previous_run_id
              FROM import_replaced r
              LEFT JOIN import_runs p ON p.id = r.previous_run_id
             WHERE r.import_run_id = ${runId} AND (p.id IS NULL OR p.status <> 'undone')
            ON CONFLICT (series_id, area_id, period) DO NOTHING RETURNING 1)
          SELECT count(*)::int AS n FROM i`,
    );
    // Boundary versions of the run; versions it closed are reopened.
    await tx.execute(
      sql`DELETE FROM area_versions WHERE tenant_id = ${tenantId} AND import_run_id = ${runId}`,
    );
    const reopened =
      (run.result as { closedVersions?: Array<{ id: string; validTo: string | null }> } | null)
        ?.closedVersions ?? [];
    for (const v of reopened) {
      await tx.execute(
        sql`UPDATE area_versions SET valid_to = ${v.validTo} WHERE id = ${v.id} AND tenant_id = ${tenantId}`,
      );
    }
    const validity =
      (
        run.result as {
          previousValidity?: Array<{ id: string; validFrom: string | null; validTo: string | null }>;
        } | null
      )?.previousValidity ?? [];
    for (const v of validity) {
      await tx.execute(
        sql`UPDATE areas SET valid_from = ${v.validFrom}::date, valid_to = ${v.validTo}::date WHERE id = ${v.id} AND tenant_id = ${tenantId}`,
      );
    }
    // Areas the run created, unless something else uses them by now.
    await tx.execute(sql`
      DELETE FROM areas a WHERE a.tenant_id = ${tenantId} AND a.import_run_id = ${runId}
        AND NOT EXISTS (SELECT 1 FROM observations o WHERE o.area_id = a.id)
        AND NOT EXISTS (SELECT 1 FROM area_versions v WHERE v.area_id = a.id)
        AND NOT EXISTS (SELECT 1 FROM areas c WHERE c.parent_id = a.id AND c.import_run_id IS DISTINCT FROM ${runId}::uuid)`);
    // Indicators the run created that have no values left.
    const created = (run.result as ImportResult | null)?.indicators.created ?? [];
    if (created.length) {
      await tx.execute(sql`
        DELETE FROM indicators i WHERE i.tenant_id = ${tenantId} AND i.computed IS NULL
          AND i.code IN (${sql.join(
            created.map((c) => sql`${c}`),
            sql`, `,
          )})
          AND NOT EXISTS (SELECT 1 FROM series s JOIN observations o ON o.series_id = s.id WHERE s.indicator_id = i.id)`);
    }
    // Series left without values, then dimensions, values, links, names and key mappings of the run.
    await undoLogged(
      tx,
      tenantId,
      (run.result as { undo?: Partial<UndoLog> } | null)?.undo,
      touched.map((x) => x.indicator_id),
    );
    const stillThere = await tx
      .select({ id: indicators.id })
      .from(indicators)
      .where(
        and(
          eq(indicators.tenantId, tenantId),
          inArray(
            indicators.id,
            touched.map((t) => t.indicator_id).concat(['00000000-0000-0000-0000-000000000000']),
          ),
        ),
      );
    const ids = stillThere.map((t) => t.id);
    await touchIndicators(tx, tenantId, ids);
    const recomputed = await recomputeDependents(tx, tenantId, ids);
    await tx
      .update(importRuns)
      .set({ status: 'undone', undoneAt: sql`now()` as never, undoneBy: userId })
      .where(eq(importRuns.id, runId));
    return { removed: removed[0]?.n ?? 0, restored: restored[0]?.n ?? 0, recomputed };
  });
}

function summaryOf(r: ImportResult | null) {
  if (!r) return null;
  return {
    inserted: r.observations.inserted,
    replaced: r.observations.replaced,
    skipped: r.observations.skipped,
    areasCreated: r.areas.created,
    versions: r.areas.versions,
  };
}

/** Display names of the people who started imports. */
export async function runnerNames(db: Db, ids: Array<string | null>): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (!wanted.length) return new Map();
  const r = await db
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(inArray(users.id, wanted));
  return new Map(r.map((u) => [u.id, u.name]));
}

export function toRunDto(
  r: typeof importRuns.$inferSelect,
  detail: true,
  names?: Map<string, string>,
): ImportRunDetail;
export function toRunDto(
  r: typeof importRuns.$inferSelect,
  detail?: false,
  names?: Map<string, string>,
): Omit<ImportRunDetail, 'analysis' | 'options' | 'result'>;
export function toRunDto(r: typeof importRuns.$inferSelect, detail = false, names?: Map<string, string>) {
  const base = {
    id: r.id,
    kind: r.kind as 'statistics' | 'boundaries',
    fileName: r.fileName,
    fileSize: r.fileSize,
    checksum: r.checksum,
    format: r.format,
    status: r.status as ImportRunDetail['status'],
    progress: r.progress,
    progressText: r.progressText,
    createdAt: r.createdAt,
    finishedAt: r.finishedAt,
    createdBy: r.createdBy,
    createdByName: names?.get(r.createdBy ?? '') ?? null,
    via: r.via,
    summary: summaryOf(r.result as ImportResult | null),
    undoneAt: r.undoneAt,
    error: (r.error as ImportRunDetail['error']) ?? null,
  };
  if (!detail) return base;
  return {
    ...base,
    analysis: (r.analysis as ImportRunDetail['analysis']) ?? null,
    options: (r.options as ImportRunDetail['options']) ?? null,
    result: (r.result as ImportRunDetail['result']) ?? null,
  };
}
