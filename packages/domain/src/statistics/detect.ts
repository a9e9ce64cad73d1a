/** File kind detection and dispatch to the statistics parsers. */
import { decodeText } from './encoding';
import type { InputFile } from './encoding';
import { detectDelimiter } from './csv';
import { parseGenesisFlatFile } from './ffcsv';
import { parseGenesisTable } from './genesisTable';
import { sniffBinary } from './sniff';
import { parseTidyTable } from './tidy';
import { firstFields, IMPORT_LIMITS, tooManyColumns, widestRecord } from './limits';
import { ImportFileError } from './types';
import { readZip, zipErrorArgs, ZipLimitError } from '../zip';
import type { Dataset, TidyMapping } from './types';

export type DetectedFormat =
  'genesis-table' | 'genesis-ffcsv' | 'tidy-csv' | 'tidy-xlsx' | 'boundaries' | 'unknown';

const FFCSV_HEADER = /^\s*"?statistics_code"?;/i;

function zipKind(file: InputFile): DetectedFormat {
  let names: string[];
  let entries: Record<string, Uint8Array>;
  try {
    // Only the head of a CSV that may be a GENESIS-Online flat file is inflated.
    ({ names, entries } = readZip(file.bytes, {
      want: (n) => /\.csv$/i.test(n) && !n.startsWith('__MACOSX/'),
      head: 4096,
    }));
  } catch (e) {
    if (e instanceof ZipLimitError && e.code !== 'zip_broken')
      throw new ImportFileError(zipErrorArgs(e, file.name));
    return 'unknown';
  }
  if (names.includes('xl/workbook.xml')) return 'tidy-xlsx';
  if (names.some((n) => /\.(shp|geojson|topojson|kml)$/i.test(n))) return 'boundaries';
  const csv = Object.keys(entries)[0];
  if (csv !== undefined) {
    const head = new TextDecoder().decode(entries[csv]!.subarray(0, 4096)).replace(/^\ufeff/, '');
    if (FFCSV_HEADER.test(head)) return 'genesis-ffcsv';
  }
  return 'unknown';
}

/**
 * What kind of file this is, by content (not by file name):
 * 'genesis-table' (first line `GENESIS-Tabelle:`), 'genesis-ffcsv' (header `statistics_code;…`, also
 * zipped as delivered by GENESIS-Online), 'tidy-xlsx' (zip with xl/workbook.xml), 'boundaries' (GeoJSON,
 * TopoJSON, KML or a zip with a .shp), 'tidy-csv' (any other delimited text with two or more columns),
 * otherwise 'unknown' (images, PDF, broken encodings, single-column text, …).
 */
export function detectFormat(file: InputFile): DetectedFormat {
  const kind = sniffBinary(file.bytes);
  if (kind === 'zip') return zipKind(file);
  if (kind) return 'unknown';
  let text: string;
  try {
    text = decodeText({ name: file.name, bytes: file.bytes.subarray(0, 256 * 1024) }).text;
  } catch {
    // The cut at 256 KiB may split a UTF-8 sequence: retry on the whole file.
    try {
      text = decodeText(file).text.slice(0, 256 * 1024);
    } catch {
      return 'unknown';
    }
  }
  const head = text.trimStart();
  if (/^"?GENESIS-Tabelle:/i.test(head)) return checkedWidth(file, text, ';', 'genesis-table');
  if (FFCSV_HEADER.test(head)) return checkedWidth(file, text, ';', 'genesis-ffcsv');
  if (head.startsWith('{') || head.startsWith('[')) {
    return /"type"\s*:\s*"(FeatureCollection|Feature|Topology|Polygon|MultiPolygon|GeometryCollection)"/.test(
      head,
    )
      ? 'boundaries'
      : 'unknown';
  }
  if (head.startsWith('<')) return /<kml[\s>]/i.test(head) ? 'boundaries' : 'unknown';
  const lines = head.split(/\r?\n/, 20).filter((l) => l.trim() !== '');
  if (lines.length === 0) return 'unknown';
  const delimited = lines.filter((l) => /[;,\t]/.test(l)).length;
  return delimited >= Math.ceil(lines.length * 0.8)
    ? checkedWidth(file, text, detectDelimiter(text), 'tidy-csv')
    : 'unknown';
}

/**
 * A table wider than `IMPORT_LIMITS.columns` is refused here, at the upload, with the first columns
 * named: its fields are counted on the bytes of the first lines, before anything splits them.
 */
function checkedWidth<F extends DetectedFormat>(
  file: InputFile,
  head: string,
  delimiter: string,
  format: F,
): F {
  const widest = widestRecord(file.bytes, delimiter);
  if (widest.fields > IMPORT_LIMITS.columns) {
    throw tooManyColumns(file.name, widest.line, widest.fields, firstFields(head, widest.line, delimiter));
  }
  return format;
}

/**
 * Open any statistics file as a Dataset. Tidy CSV/XLSX need `opts.mapping` (from the mapping step);
 * boundaries and unknown files are refused with an `ImportFileError`.
 */
export async function openDataset(
  file: InputFile,
  opts: { mapping?: TidyMapping; cellCheck?: boolean } = {},
): Promise<Dataset> {
  const format = detectFormat(file);
  switch (format) {
    case 'genesis-table':
      return parseGenesisTable(file);
    case 'genesis-ffcsv':
      return parseGenesisFlatFile(file);
    case 'tidy-csv':
    case 'tidy-xlsx':
      if (!opts.mapping) {
        throw new ImportFileError({
          code: 'mapping_required',
          file: file.name,
          de: 'Für diese Tabelle wird eine Spaltenzuordnung benötigt (Gebietsschlüssel, Zeitraum, Wertspalten).',
          en: 'This table needs a column mapping.',
        });
      }
      return parseTidyTable(file, opts.mapping, { cellCheck: opts.cellCheck ?? true });
    case 'boundaries':
      throw new ImportFileError({
        code: 'boundaries_not_statistics',
        file: file.name,
        de: 'Die Datei enthält Gebietsgrenzen, keine Statistikdaten. Bitte über den Import von Gebietsgrenzen hochladen.',
        en: 'The file holds boundaries, not statistics.',
      });
    case 'unknown':
      throw new ImportFileError({
        code: 'unknown_format',
        file: file.name,
        line: 1,
        de: 'Dateiart nicht erkannt. Unterstützt werden GENESIS-Tabellen (CSV), GENESIS-Flatfiles (ffcsv), CSV- und Excel-Tabellen (.xlsx).',
        en: 'Unknown file format.',
      });
  }
}
