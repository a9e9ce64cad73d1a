/**
 * What one import may hold (issue 9: one user must not be able to stop the service for everyone). Each
 * limit lies far above what genuine files need (GENESIS tables: at most about 100 columns and a few
 * hundred thousand values; all Gemeinden of Germany: about 11,000 keys) and is checked while reading, so
 * that a file beyond it is refused before it fills the memory, with a short German message.
 */
import { shortText } from '../text/messages';
import { ImportFileError } from './types';

export const IMPORT_LIMITS = {
  /** Columns of a table: as many as an Excel sheet can have. */
  columns: 16_384,
  /** Values (cells) of one import. */
  values: 10_000_000,
  /** Different area keys in one file. */
  keys: 50_000,
  /** Different values of one dimension (Merkmal) in one file. */
  dimensionValues: 10_000,
  /** Characters of a column heading or example cell shown in the mapping step (longer ones are cut). */
  labelChars: 200,
} as const;

const nf = new Intl.NumberFormat('de-DE');

/** A table with more columns than `IMPORT_LIMITS.columns` (in line `line`), naming the first columns. */
export function tooManyColumns(
  file: string,
  line: number,
  count: number,
  names: string[] = [],
): ImportFileError {
  const shown = names.slice(0, 10).map((n) => shortText(n.trim(), 40));
  const listed = shown.length
    ? ` Spalten: ${shown.join(', ')} … und ${nf.format(Math.max(0, count - shown.length))} weitere Spalten.`
    : '';
  return new ImportFileError({
    code: 'too_many_columns',
    file,
    line,
    de:
      `Die Tabelle hat ${nf.format(count)} Spalten; möglich sind höchstens ${nf.format(IMPORT_LIMITS.columns)} (so viele wie ein Excel-Blatt).${listed} ` +
      'Bitte teilen Sie die Tabelle auf oder legen Sie Merkmale in Zeilen statt in Spalten (eine Zeile je Gebiet, Zeitraum und Merkmal).',
    en: `The table has ${count} columns; at most ${IMPORT_LIMITS.columns} are allowed.`,
  });
}

/** More values than `IMPORT_LIMITS.values` in one file. */
export function tooManyValues(file: string, line: number): ImportFileError {
  return new ImportFileError({
    code: 'too_many_values',
    file,
    line,
    de:
      `Die Datei enthält mehr als ${nf.format(IMPORT_LIMITS.values)} Werte (bis hier). So viele können nicht in einem Import übernommen werden; ` +
      'bitte teilen Sie die Datei auf (z. B. nach Jahren) und importieren Sie die Teile nacheinander.',
    en: `The file holds more than ${IMPORT_LIMITS.values} values.`,
  });
}

/** More different area keys than `IMPORT_LIMITS.keys` in one file. */
export function tooManyKeys(file: string, line: number): ImportFileError {
  return new ImportFileError({
    code: 'too_many_keys',
    file,
    line,
    de:
      `Die Datei enthält mehr als ${nf.format(IMPORT_LIMITS.keys)} verschiedene Gebietsschlüssel (bis hier; Deutschland hat etwa 11.000 Gemeinden). ` +
      'Ist die richtige Spalte als Gebietsschlüssel zugeordnet? Sonst teilen Sie die Datei bitte auf.',
    en: `The file holds more than ${IMPORT_LIMITS.keys} different area keys.`,
  });
}

/** More different values than `IMPORT_LIMITS.dimensionValues` in the dimension `name`. */
export function tooManyDimensionValues(
  file: string,
  line: number,
  name: string,
  column?: number,
): ImportFileError {
  return new ImportFileError({
    code: 'too_many_dimension_values',
    file,
    line,
    ...(column !== undefined ? { column } : {}),
    field: name.length > 60 ? `${name.slice(0, 59)}…` : name,
    de:
      `Das Merkmal hat mehr als ${nf.format(IMPORT_LIMITS.dimensionValues)} verschiedene Werte (bis hier). ` +
      'Ist die Spalte wirklich ein Merkmal (z. B. Geschlecht, Altersgruppe) und nicht ein Wert oder Schlüssel?',
    en: `The dimension has more than ${IMPORT_LIMITS.dimensionValues} different values.`,
  });
}

/** A column heading or example cell, cut for display in the mapping step. */
export function displayLabel(s: string): string {
  return s.length > IMPORT_LIMITS.labelChars ? `${s.slice(0, IMPORT_LIMITS.labelChars - 1)}…` : s;
}

/**
 * Fields of the widest of the first `maxLines` records of a delimited file, counted on the bytes (the
 * delimiter and quotes are ASCII in UTF-8 and ISO-8859-1), so that a file with a million columns is
 * refused at the upload without decoding or splitting it. Quotes open a quoted field only at the start of
 * a field, as the CSV reader treats them. Returns the 1-based line and the number of fields.
 */
export function widestRecord(
  bytes: Uint8Array,
  delimiter: string,
  maxLines = 50,
): { line: number; fields: number } {
  const d = delimiter.charCodeAt(0);
  let fields = 1;
  let fieldStart = true;
  let inQuotes = false;
  let line = 1;
  let recordLine = 1;
  let records = 0;
  let best = { line: 1, fields: 0 };
  const n = bytes.length;
  for (let i = 0; i < n; i++) {
    const c = bytes[i]!;
    if (c === 10) line++;
    if (inQuotes) {
      if (c === 34) {
        if (bytes[i + 1] === 34) i++;
        else inQuotes = false;
      }
      continue;
    }
    if (c === 34 && fieldStart) {
      inQuotes = true;
      fieldStart = false;
    } else if (c === d) {
      fields++;
      fieldStart = true;
    } else if (c === 10) {
      if (fields > best.fields) best = { line: recordLine, fields };
      if (++records >= maxLines) return best;
      fields = 1;
      fieldStart = true;
      recordLine = line;
    } else if (c !== 13) {
      fieldStart = false;
    }
  }
  if (fields > best.fields) best = { line: recordLine, fields };
  return best;
}

/** The first few fields of line `line` (1-based) for a message: from at most 4 KB of the text. */
export function firstFields(text: string, line: number, delimiter: string): string[] {
  let at = 0;
  for (let l = 1; l < line && at >= 0; l++) {
    at = text.indexOf('\n', at);
    if (at >= 0) at++;
  }
  if (at < 0) return [];
  const end = text.indexOf('\n', at);
  const head = text.slice(at, Math.min(end < 0 ? text.length : end, at + 4096));
  return head
    .split(delimiter)
    .slice(0, 10)
    .map((s) => s.replace(/^"|"$/g, '').trim());
}
