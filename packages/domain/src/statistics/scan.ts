import { shortText } from '../text/messages';
import { ImportFileError, type DataRow, type Dataset } from './types';

/*
 * Heuristics over a parsed statistics file (pure, no database): what its units mean, how many
 * decimals each measure has, which keys it names with how many cells, which values are negative,
 * and how many cells an import would write.
 */

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

export function decimalsOf(value: string): number {
  const i = value.indexOf('.');
  return i < 0 ? 0 : value.length - i - 1;
}

/** A key as it occurs in the file. */
export interface FileKey {
  code: string;
  name: string | null;
  /** Cells or features carrying the key. */
  count: number;
  /** ISO dates of the periods the key has data for (statistics) or the validity start (boundaries). */
  dates: string[];
}

export interface DatasetScan {
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

/** One pass over the rows: keys, flags, cells and decimals per measure, negative values; values too long are refused. */
export function scanDataset(ds: Dataset, fileName: string): DatasetScan {
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
export function writableCells(
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
