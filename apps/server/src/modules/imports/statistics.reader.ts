/**
 * The part of a statistics import that reads the file, without the database: parse (domain parsers),
 * clean names and keys, scan (keys, measures, flags, negatives, series), and make the COPY text of the
 * staged cells. It runs in a worker thread (`statistics.worker.ts`), so that a large file never blocks
 * the server's event loop, and its memory goes with the worker when the import ends (ADR 5).
 */
import type { AreaLevel } from '@dkbm/contract';
import {
  CellIndex,
  ImportFileError,
  inspectTable,
  openDataset,
  shortText,
  type DataRow,
  type Dataset,
  type InputFile,
  type TableInspection,
  type TidyMapping,
} from '@dkbm/domain';
import type { FileKey } from './keys';
import { cleanDataset } from './sanitize';

/** A dataset without its rows: what the main thread needs to plan the import. */
export type DatasetSummary = Omit<Dataset, 'rows'>;

export interface DatasetScan {
  keys: FileKey[];
  flags: Record<string, number>;
  cellsByMeasure: Map<string, number>;
  decimalsByMeasure: Map<string, number>;
  /** Trimmed key → measure → cells: what a key adds when it gets an area. */
  keyMeasure: Map<string, Map<string, number>>;
  /** Negative values (official corrections occur in genuine files): how many, and the first few. */
  negatives: { count: number; examples: DataRow[] };
  /** Per measure, the dimension combinations of its cells (signature → dims), i.e. its series. */
  series: Map<string, Map<string, Record<string, string>>>;
}

export interface ReadResult {
  summary: DatasetSummary;
  scan: DatasetScan;
  /** What cleaning changed (invisible characters removed). */
  warnings: string[];
}

/** Exact values with more digits than this cannot be meant (and PostgreSQL could not store some of them). */
export const MAX_INTEGER_DIGITS = 30;
export const MAX_FRACTION_DIGITS = 100;

/** Refuse a value with absurdly many digits, naming line, column and a short form of the value. */
export function checkValueSize(value: string, fileName: string, line: number, column: number): void {
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

const NEGATIVE_EXAMPLES = 5;

function decimalsOf(value: string): number {
  const i = value.indexOf('.');
  return i < 0 ? 0 : value.length - i - 1;
}

/** Canonical text of a dimension combination of the file: '' for none, else 'k1=v1;k2=v2' with sorted keys. */
export function dimsSignature(dims: Record<string, string>): string {
  return Object.keys(dims)
    .toSorted()
    .map((k) => `${k}=${dims[k]}`)
    .join(';');
}

/** Signatures of dims objects (rows of one table share their dims objects: computed once per object). */
function signatures() {
  const cache = new WeakMap<object, string>();
  return (dims: Record<string, string>): string => {
    let s = cache.get(dims);
    if (s === undefined) {
      s = dimsSignature(dims);
      cache.set(dims, s);
    }
    return s;
  };
}

export function scanDataset(ds: Dataset, fileName: string): DatasetScan {
  const keys = new Map<string, { name: string | null; count: number; dates: Set<string> }>();
  const flags: Record<string, number> = {};
  const cellsByMeasure = new Map<string, number>();
  const decimalsByMeasure = new Map<string, number>();
  const keyMeasure = new Map<string, Map<string, number>>();
  const negatives: DatasetScan['negatives'] = { count: 0, examples: [] };
  const series = new Map<string, Map<string, Record<string, string>>>();
  const sig = signatures();
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
    let perSeries = series.get(row.measure);
    if (!perSeries) {
      perSeries = new Map();
      series.set(row.measure, perSeries);
    }
    const s = sig(row.dims);
    if (!perSeries.has(s)) perSeries.set(s, { ...row.dims });
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
    series,
  };
}

/** The dataset without its rows (a plain object that can cross to another thread). */
export function summaryOf(ds: Dataset): DatasetSummary {
  return {
    meta: ds.meta,
    measures: ds.measures,
    dimensions: ds.dimensions,
    regions: ds.regions,
    periods: ds.periods,
    rowCount: ds.rowCount,
  };
}

export async function openStatistics(file: InputFile, mapping: TidyMapping | undefined): Promise<Dataset> {
  return openDataset(file, mapping ? { mapping } : {});
}

/** Parse, clean and scan a statistics file. */
export async function readStatistics(file: InputFile, mapping: TidyMapping | undefined): Promise<ReadResult> {
  const ds = await openStatistics(file, mapping);
  const cleaned = cleanDataset(ds);
  const scan = scanDataset(ds, file.name);
  return { summary: summaryOf(ds), scan, warnings: cleaned.warnings() };
}

export async function inspectStatistics(
  file: InputFile,
  opts: { sheet?: string; headerRow?: number },
): Promise<TableInspection> {
  return inspectTable(file, opts);
}

/* ---------- staging ---------- */

export interface StageInput {
  /** The run's number in `import_staging`. */
  runNo: number;
  /** Trimmed area key of the file → the import's own area number (1, 2, …). */
  areaNoByKey: Map<string, number>;
  /** Level of each area number (coverage of new indicators). */
  levelByAreaNo: Map<number, AreaLevel>;
  /** Measures that are imported (others are skipped); `isNew`: coverage is counted for them. */
  measures: Map<string, { isNew: boolean }>;
  /** `${measure}\u0001${dims signature}` → series id. */
  seriesIds: Map<string, number>;
  /** Cells per COPY chunk. */
  chunkRows: number;
}

export interface Coverage {
  first: string;
  last: string;
  n: number;
  periods: string[];
  levels: AreaLevel[];
}

export interface StageResult {
  staged: number;
  skipped: number;
  /** Per new measure: periods, count and levels of its staged cells. */
  coverage: Map<string, Coverage>;
}

/** Quote one field for PostgreSQL CSV COPY (NULL is the unquoted empty string). */
function csvField(v: string | null): string {
  if (v === null) return '';
  return /[",\n\r]/.test(v) || v === '' ? `"${v.replace(/"/g, '""')}"` : v;
}

/**
 * The staged cells as COPY text (`run_no, series_id, area_no, period, value, flag, line`), in chunks of
 * `chunkRows` lines. A cell that occurs twice after keys were mapped to areas (two keys mapped to one
 * area, or a file with a cell twice) is refused here, naming both lines.
 */
export function* stagingChunks(
  ds: Dataset,
  input: StageInput,
  fileName: string,
): Generator<string, StageResult> {
  const sig = signatures();
  const cov = new Map<
    string,
    { first: string; last: string; n: number; periods: Set<string>; levels: Set<AreaLevel> }
  >();
  const seen = new CellIndex();
  let staged = 0;
  let skipped = 0;
  let lines: string[] = [];
  for (const row of ds.rows()) {
    const m = input.measures.get(row.measure);
    const areaNo = input.areaNoByKey.get(row.regionCode.trim());
    if (!m || areaNo === undefined) {
      skipped += 1;
      continue;
    }
    const s = sig(row.dims);
    const sid = input.seriesIds.get(`${row.measure}\u0001${s}`);
    if (sid === undefined) throw new Error(`series of ${row.measure} ${s} not planned`);
    const date = row.period.date;
    const prev = seen.add(String(areaNo), date, String(sid), row.line);
    if (prev !== undefined) {
      throw new ImportFileError({
        code: 'duplicate_cell',
        file: fileName,
        line: row.line,
        de: `Derselbe Wert (Gebiet, Zeitraum, Merkmale) steht doppelt in der Datei: Zeilen ${prev} und ${row.line}.`,
        en: `The same cell occurs twice: lines ${prev} and ${row.line}.`,
      });
    }
    if (m.isNew) {
      let c = cov.get(row.measure);
      if (!c) {
        c = { first: date, last: date, n: 0, periods: new Set(), levels: new Set() };
        cov.set(row.measure, c);
      }
      c.n += 1;
      if (date < c.first) c.first = date;
      if (date > c.last) c.last = date;
      c.periods.add(date);
      const lv = input.levelByAreaNo.get(areaNo);
      if (lv) c.levels.add(lv);
    }
    lines.push(
      `${input.runNo},${sid},${areaNo},${date},${csvField(row.value)},${csvField(row.flag)},${row.line}`,
    );
    if (lines.length >= input.chunkRows) {
      staged += lines.length;
      yield lines.join('\n') + '\n';
      lines = [];
    }
  }
  if (lines.length) {
    staged += lines.length;
    yield lines.join('\n') + '\n';
  }
  return {
    staged,
    skipped,
    coverage: new Map(
      [...cov].map(([k, c]) => [
        k,
        { first: c.first, last: c.last, n: c.n, periods: [...c.periods], levels: [...c.levels] },
      ]),
    ),
  };
}
