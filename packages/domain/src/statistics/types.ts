/**
 * Shared types of the statistics importers (GENESIS table CSV, GENESIS flat file, tidy CSV/XLSX).
 * Every parser turns a file into a `Dataset`: metadata, the statistical variables (→ indicators), the dimensions
 * with all their values, and a lazy generator of rows. Parsers never touch the database.
 */

/** Official GENESIS quality signs that REPLACE a value (the value is then null). */
export const VALUE_FLAGS = ['-', '.', 'x', '/', '...'] as const;
/** Official GENESIS quality signs that ACCOMPANY a value (the value stays a number). */
export const NOTE_FLAGS = ['()', 'p', 'r', 's'] as const;
export type ValueFlag = (typeof VALUE_FLAGS)[number];
export type NoteFlag = (typeof NOTE_FLAGS)[number];
export type Flag = ValueFlag | NoteFlag;

/** German meaning of each sign (GENESIS catalogue/qualitysigns). */
export const FLAG_MEANINGS: Record<Flag, { de: string; en: string }> = {
  '-': { de: 'nichts vorhanden', en: 'nothing (zero)' },
  '.': { de: 'Zahlenwert unbekannt oder geheimzuhalten', en: 'unknown or confidential' },
  x: { de: 'Tabellenfach gesperrt, weil Aussage nicht sinnvoll', en: 'not meaningful' },
  '/': { de: 'keine Angaben, da Zahlenwert nicht sicher genug', en: 'too uncertain' },
  '...': { de: 'Angabe fällt später an', en: 'not yet available' },
  '()': {
    de: 'Aussagewert eingeschränkt, da der Zahlenwert statistisch relativ unsicher ist',
    en: 'limited reliability',
  },
  p: { de: 'vorläufige Zahl', en: 'provisional' },
  r: { de: 'berichtigte Zahl', en: 'revised' },
  s: { de: 'geschätzte Zahl', en: 'estimated' },
};

/**
 * How a period is meant. `date` is the start/reference day of the period as ISO `YYYY-MM-DD`:
 * year → `YYYY-01-01`, half_year → `YYYY-01-01` / `YYYY-07-01`, school_year 2015/16 → `2015-08-01`,
 * date (Stichtag) → that day.
 */
export type PeriodType = 'year' | 'half_year' | 'school_year' | 'date';
export interface Period {
  type: PeriodType;
  date: string;
}

export type SourceFormat = 'genesis-table' | 'genesis-ffcsv' | 'tidy-csv' | 'tidy-xlsx';

export interface DatasetMeta {
  format: SourceFormat;
  /** Detected text encoding (XLSX: 'utf-8'). */
  encoding: 'utf-8' | 'iso-8859-1';
  /** GENESIS table code, e.g. '22543-01-02-4'. */
  tableCode?: string;
  /** Title lines (without trailing separators), joined with a space. */
  title?: string;
  /** Name of the statistic, e.g. 'Statistik der öffentl. geförd. Kindertagespflege'. */
  statistic?: string;
  /** e.g. 'Kreise und krfr. Städte'. */
  regionalDepth?: string;
  /** Footnote block as text (line breaks kept). */
  footnotes?: string;
  /** Copyright / licence text as found in the file. */
  copyright?: string;
  /** `Stand:` value, e.g. '10.10.2017 / 17:33:29'. */
  stand?: string;
  /** Layout of a GENESIS table. */
  layout?: 'flat' | 'period-block' | 'wide';
  /** Number of data rows the file holds (cells, i.e. DataRows, are counted in `Dataset.rowCount`). */
  dataLines?: number;
  /** Tidy XLSX: the sheet that was read. */
  sheet?: string;
  /** Tidy tables: 1-based header row that was used. */
  headerRow?: number;
  /**
   * Tidy tables: rows after the header that were not read because they hold no area key or no value in any
   * mapped value column (title, blank, footnote and subtotal rows). `lines` lists at most the first 50.
   */
  skippedRows?: { count: number; lines: number[] };
}

/** A measured variable; becomes (or maps onto) an indicator. */
export interface StatisticalVariable {
  /** Stable key within the dataset, e.g. '22543-01-02-4.betreute_kinder'. */
  key: string;
  /** Readable German name, e.g. 'Betreute Kinder'. */
  name: string;
  /** Unit as written in the file ('Anzahl', 'Prozent', 'qkm', …) or null. */
  unit: string | null;
}

export interface DimensionValueDef {
  /** Slug, e.g. 'unter_3_jahre'. */
  key: string;
  /** As in the file, e.g. 'unter 3 Jahre'. */
  label: string;
  /** 'Insgesamt', 'Zusammen', 'Gesamt', 'Insgesamt (ohne Doppelzählungen)', … */
  isTotal: boolean;
  /** Code of the value in the source, when it has one (GENESIS ffcsv attribute code, e.g. 'GESW'). */
  code?: string;
}

export interface DimensionDef {
  /** Slug of the name, e.g. 'altersgruppe'; unnamed dimensions get 'merkmal_1', 'merkmal_2', … */
  key: string;
  /** e.g. 'Altersgruppe'; unnamed dimensions get a readable default such as 'Merkmal 1 (Tageseinrichtung, Tagespflege, …)'. */
  name: string;
  /** false when the file did not name it (the user should rename it). */
  named: boolean;
  values: DimensionValueDef[];
  /** Code of the variable in the source, when it has one (GENESIS ffcsv variable code, e.g. 'GES'). */
  code?: string;
}

export interface DataRow {
  /** 1-based line of the file (XLSX: row number) the cell comes from. */
  line: number;
  /** 1-based column of the cell. */
  column: number;
  statisticalVariable: string;
  /** Region / area key as text, leading zeros kept ('01001', 'DG'). */
  regionCode: string;
  /** Region name without indentation, when the file has one. */
  regionName?: string;
  period: Period;
  /** dimension key → value key; every dimension of the dataset that applies to the statistical variable. */
  dims: Record<string, string>;
  /** Exact decimal with '.' as separator and no thousands separator ('13.5', '-2', '1234'); null when a value flag stands instead. */
  value: string | null;
  flag: Flag | null;
}

export interface Dataset {
  meta: DatasetMeta;
  statisticalVariables: StatisticalVariable[];
  dimensions: DimensionDef[];
  /** Distinct regions in order of first appearance. */
  regions: Array<{ code: string; name?: string }>;
  /** Distinct periods, sorted. */
  periods: Period[];
  /** Number of rows `rows()` yields. */
  rowCount: number;
  /** Lazy second pass over the file; yields every cell once. May be called more than once. */
  rows(): Generator<DataRow>;
}

// Column mapping and inspection of tidy tables are part of the API: defined once in the contract.
export type { TableInspection, TidyMapping } from '@dkbm/contract/monitoring';

/**
 * A refused file: names the file, the line and (when known) the column and field, in German and
 * English. Parsers throw only this error type for bad input.
 */
export class ImportFileError extends Error {
  readonly code: string;
  readonly file: string;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly field: string | undefined;
  readonly messageEn: string;
  constructor(args: {
    code: string;
    file: string;
    line?: number;
    column?: number;
    field?: string;
    de: string;
    en: string;
  }) {
    const where = [
      args.file,
      args.line !== undefined ? `Zeile ${args.line}` : null,
      args.column !== undefined ? `Spalte ${args.column}` : null,
      args.field ? `Feld „${args.field}“` : null,
    ]
      .filter(Boolean)
      .join(', ');
    super(`${where}: ${args.de}`);
    this.name = 'ImportFileError';
    this.code = args.code;
    this.file = args.file;
    this.line = args.line;
    this.column = args.column;
    this.field = args.field;
    this.messageEn = args.en;
  }
}

/** Area level suggested by the shape of an official key. */
export type KeyLevel = 'bund' | 'land' | 'regierungsbezirk' | 'kreis' | 'gemeindeverband' | 'gemeinde';
