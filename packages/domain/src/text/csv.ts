/**
 * Writing CSV that is safe to open in a spreadsheet: the one helper every CSV the platform writes goes
 * through (monitoring exports over the API and the CLI, the self-assessment's ratings.csv).
 *
 * Text cells that start with `=`, `+`, `-`, `@`, a tab or a carriage return are read as formulas by Excel
 * and LibreOffice (CSV or formula injection, OWASP). They get a leading apostrophe, which spreadsheets
 * show as text and do not evaluate. Numbers stay numbers: a cell that is a plain decimal number
 * (`-56`, `-1,5`, `+3`) is written as it is.
 */

const FORMULA_START = /^[=+\-@\t\r]/;
/** A plain decimal number with `.` or `,` as separator (no thousands separators, as the exports write them). */
const PLAIN_NUMBER = /^[-+]?\d+(?:[.,]\d+)?$/;

/** The text of a cell with a leading apostrophe when a spreadsheet would run it as a formula. */
export function neutraliseFormula(text: string): string {
  if (!FORMULA_START.test(text) || PLAIN_NUMBER.test(text)) return text;
  return `'${text}`;
}

/** One CSV cell: neutralised, then quoted when it holds the separator, a quote or a line break. */
export function csvCell(value: string | number | null | undefined, separator = ';'): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const s = neutraliseFormula(value);
  return s.includes(separator) || /["\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export interface CsvOptions {
  /** Default `;` (German spreadsheets). */
  separator?: string;
  /** Byte order mark so that Excel reads UTF-8 (default true). */
  bom?: boolean;
  /** Lines before the header, each written as one cell (e.g. notes starting with `#`). */
  preamble?: string[];
}

/** A whole CSV document: CRLF line ends, every cell through `csvCell`. */
export function csvDocument(
  rows: ReadonlyArray<ReadonlyArray<string | number | null | undefined>>,
  opts: CsvOptions = {},
): string {
  const sep = opts.separator ?? ';';
  const lines = [
    ...(opts.preamble ?? []).map((l) => csvCell(l, sep)),
    ...rows.map((r) => r.map((c) => csvCell(c, sep)).join(sep)),
  ];
  return (opts.bom === false ? '' : '\uFEFF') + lines.join('\r\n') + '\r\n';
}
