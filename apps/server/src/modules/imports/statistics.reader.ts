/**
 * The part of a statistics import that reads the file, without the database: parse (domain parsers),
 * clean names and keys, scan (keys, statistical variables, flags, negatives, series), and make the COPY text of the
 * staged cells. It runs in a worker thread (`statistics.worker.ts`), so that a large file never blocks
 * the server's event loop, and its memory goes with the worker when the import ends (ADR 5).
 */
import type { AreaLevel } from '@dkbm/contract';
import {
  dimsKeyOf,
  CellIndex,
  ImportFileError,
  inspectTable,
  openDataset,
  scanDataset as scanRows,
  type Dataset,
  type DatasetScan as RowScan,
  type InputFile,
  type TableInspection,
  type TidyMapping,
} from '@dkbm/domain';
import { csvField } from '../../platform/db/copy';
import { cleanDataset } from './sanitize';

/** A dataset without its rows: what the main thread needs to plan the import. */
export type DatasetSummary = Omit<Dataset, 'rows'>;

export interface DatasetScan extends RowScan {
  /** Per statistical variable, the dimension combinations of its cells (signature → dims), i.e. its series. */
  series: Map<string, Map<string, Record<string, string>>>;
}

export interface ReadResult {
  summary: DatasetSummary;
  scan: DatasetScan;
  /** What cleaning changed (invisible characters removed). */
  warnings: string[];
}

/** Canonical text of a dimension combination of the file: '' for none, else 'k1=v1;k2=v2' with sorted keys. */
export const dimsSignature = dimsKeyOf;

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

/** Per statistical variable, the dimension combinations of its cells. */
function seriesOf(ds: Dataset): DatasetScan['series'] {
  const series = new Map<string, Map<string, Record<string, string>>>();
  const sig = signatures();
  for (const row of ds.rows()) {
    let perSeries = series.get(row.statisticalVariable);
    if (!perSeries) {
      perSeries = new Map();
      series.set(row.statisticalVariable, perSeries);
    }
    const s = sig(row.dims);
    if (!perSeries.has(s)) perSeries.set(s, { ...row.dims });
  }
  return series;
}

/** The domain's scan (keys, flags, statistical variables, negatives; values too long are refused) and the series. */
export function scanDataset(ds: Dataset, fileName: string): DatasetScan {
  return { ...scanRows(ds, fileName), series: seriesOf(ds) };
}

/** The dataset without its rows (a plain object that can cross to another thread). */
export function summaryOf(ds: Dataset): DatasetSummary {
  return {
    meta: ds.meta,
    statisticalVariables: ds.statisticalVariables,
    dimensions: ds.dimensions,
    regions: ds.regions,
    periods: ds.periods,
    rowCount: ds.rowCount,
  };
}

/** `cellCheck: false`: the caller refuses a cell that occurs twice itself (as `stagingChunks` does). */
export async function openStatistics(
  file: InputFile,
  mapping: TidyMapping | undefined,
  cellCheck = true,
): Promise<Dataset> {
  return openDataset(file, mapping ? { mapping, cellCheck } : { cellCheck });
}

/** Clean and scan an opened dataset: what a read answers (the caller keeps the dataset for staging). */
export function readResultOf(ds: Dataset, fileName: string): ReadResult {
  const cleaned = cleanDataset(ds);
  const scan = scanDataset(ds, fileName);
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
  statisticalVariables: Map<string, { isNew: boolean }>;
  /** `${statisticalVariable}\u0001${dims signature}` → series id. */
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
  /** Per new statistical variable: periods, count and levels of its staged cells. */
  coverage: Map<string, Coverage>;
  /** Series ids that received at least one cell. */
  series: number[];
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
  const seen = new CellIndex(ds.rowCount);
  const used = new Set<number>();
  let staged = 0;
  let skipped = 0;
  let lines: string[] = [];
  for (const row of ds.rows()) {
    const m = input.statisticalVariables.get(row.statisticalVariable);
    const areaNo = input.areaNoByKey.get(row.regionCode.trim());
    if (!m || areaNo === undefined) {
      skipped += 1;
      continue;
    }
    const s = sig(row.dims);
    const sid = input.seriesIds.get(`${row.statisticalVariable}\u0001${s}`);
    if (sid === undefined) throw new Error(`series of ${row.statisticalVariable} ${s} not planned`);
    used.add(sid);
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
      let c = cov.get(row.statisticalVariable);
      if (!c) {
        c = { first: date, last: date, n: 0, periods: new Set(), levels: new Set() };
        cov.set(row.statisticalVariable, c);
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
    series: [...used],
    coverage: new Map(
      [...cov].map(([k, c]) => [
        k,
        { first: c.first, last: c.last, n: c.n, periods: [...c.periods], levels: [...c.levels] },
      ]),
    ),
  };
}
