/** Tidy tables as rows of text cells: CSV (`;`, `,` or tab) or an XLSX sheet (exceljs). */
import Decimal from 'decimal.js';
import type ExcelJS from 'exceljs';
import { readZip, zipErrorArgs, ZipLimitError } from '../zip';
import { csvRecords, detectDelimiter } from './csv';
import type { Delimiter } from './csv';
import { checkText, textWindows } from './encoding';
import type { InputFile } from './encoding';
import { BINARY_NAMES, sniffBinary } from './sniff';
import { cleanLabel } from './text';
import { ImportFileError } from './types';

export interface SourceRow {
  /** 1-based line (CSV) or row number (XLSX). */
  line: number;
  cells: string[];
  /** XLSX: true where the cell held a number (its text is then an exact decimal with '.'). */
  numeric: boolean[] | null;
}

export interface TableSource {
  format: 'tidy-csv' | 'tidy-xlsx';
  name: string;
  encoding: 'utf-8' | 'iso-8859-1';
  delimiter?: Delimiter;
  sheets?: string[];
  sheet?: string;
  rows(): Generator<SourceRow>;
}

/** An XLSX number as exact decimal text, with Excel's 15 significant digits (16202.390000000001 → '16202.39'). */
export function excelNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(n);
  return new Decimal(n.toPrecision(15)).toFixed();
}

function isoDate(d: Date): string {
  const iso = d.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}

type Cellish = ExcelJS.CellValue | undefined;

function cellText(v: Cellish): { text: string; numeric: boolean } {
  if (v === null || v === undefined) return { text: '', numeric: false };
  if (typeof v === 'number') return { text: excelNumber(v), numeric: true };
  if (typeof v === 'string') return { text: v, numeric: false };
  if (typeof v === 'boolean') return { text: v ? 'WAHR' : 'FALSCH', numeric: false };
  if (v instanceof Date) return { text: isoDate(v), numeric: false };
  const o = v as unknown as Record<string, unknown>;
  if (Array.isArray(o.richText)) {
    return {
      text: (o.richText as Array<{ text?: string }>).map((t) => t.text ?? '').join(''),
      numeric: false,
    };
  }
  if ('result' in o) return cellText(o.result as Cellish);
  if ('formula' in o || 'sharedFormula' in o) return { text: '', numeric: false };
  if (typeof o.text === 'string') return { text: o.text, numeric: false };
  if (typeof o.error === 'string') return { text: o.error, numeric: false };
  return { text: String(v), numeric: false };
}

function refuseBinary(file: InputFile): void {
  const kind = sniffBinary(file.bytes);
  if (kind && kind !== 'zip') {
    throw new ImportFileError({
      code: 'not_a_table',
      file: file.name,
      line: 1,
      column: 1,
      de:
        kind === 'xls'
          ? 'Alte Excel-Dateien (.xls) werden nicht unterstützt. Bitte in Excel als .xlsx oder CSV speichern.'
          : `Die Datei ist keine Tabelle, sondern ein ${BINARY_NAMES[kind]}.`,
      en:
        kind === 'xls'
          ? 'Old .xls files are not supported; save as .xlsx or CSV.'
          : `Not a table but a ${kind} file.`,
    });
  }
}

/**
 * A CSV table read from the file's bytes: every pass over its rows decodes the text a window at a time,
 * so the whole text (as large as the file) is never held next to the bytes (issue 9).
 */
export function csvSource(file: InputFile): TableSource {
  refuseBinary(file);
  const { bytes, name } = file;
  const { encoding, start } = checkText(file);
  // The delimiter from the first 64 KiB (up to a line end).
  const delimiter = detectDelimiter(textWindows(bytes, encoding, start, 64 * 1024).next().value ?? '');
  return {
    format: 'tidy-csv',
    name,
    encoding,
    delimiter,
    *rows() {
      for (const r of csvRecords(textWindows(bytes, encoding, start), delimiter, name)) {
        yield { line: r.line, cells: r.cells, numeric: null };
      }
    },
  };
}

async function loadWorkbook(file: InputFile): Promise<ExcelJS.Workbook> {
  // Loaded on first use (about 0.3 s and 30 MB), not at start-up.
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  // exceljs unzips on its own and all at once: inflate and count every entry first, as streams within
  // the zip limits, so a zip bomb dressed as .xlsx is refused before it fills the memory.
  try {
    readZip(file.bytes, { keep: false });
  } catch (e) {
    if (e instanceof ZipLimitError && e.code !== 'zip_broken')
      throw new ImportFileError(zipErrorArgs(e, file.name));
  }
  try {
    // exceljs types want a Buffer; copy the bytes into one (Uint8Array views may share a larger buffer).
    await wb.xlsx.load(Buffer.from(file.bytes) as unknown as Parameters<typeof wb.xlsx.load>[0]);
  } catch (err) {
    throw new ImportFileError({
      code: 'broken_xlsx',
      file: file.name,
      line: 1,
      de: `Die Excel-Datei lässt sich nicht lesen (${(err as Error).message}).`,
      en: `The Excel file cannot be read (${(err as Error).message}).`,
    });
  }
  return wb;
}

/** Number of rows with at least two filled cells: the sheet with the most is the data sheet. */
function tableSize(ws: ExcelJS.Worksheet): number {
  let n = 0;
  ws.eachRow((row) => {
    let filled = 0;
    row.eachCell((c) => {
      if (cellText(c.value).text.trim() !== '') filled++;
    });
    if (filled >= 2) n++;
  });
  return n;
}

/**
 * XLSX sheet `sheet` (by name), or by default the first sheet holding a table (at least a third as many
 * rows with two or more filled cells as the fullest sheet), which skips cover sheets such as 'Deckblatt'.
 */
export async function xlsxSource(file: InputFile, sheet?: string): Promise<TableSource> {
  const wb = await loadWorkbook(file);
  const sheets = wb.worksheets.map((w) => w.name);
  let ws: ExcelJS.Worksheet | undefined;
  if (sheet !== undefined) {
    ws =
      wb.worksheets.find((w) => w.name === sheet) ??
      wb.worksheets.find((w) => cleanLabel(w.name) === cleanLabel(sheet));
    if (!ws) {
      throw new ImportFileError({
        code: 'missing_sheet',
        file: file.name,
        field: sheet,
        de: `Das Tabellenblatt „${sheet}“ gibt es nicht. Vorhanden: ${sheets.map((s) => `„${s}“`).join(', ')}.`,
        en: `Sheet "${sheet}" not found.`,
      });
    }
  } else {
    const sizes = wb.worksheets.map(tableSize);
    const max = Math.max(0, ...sizes);
    ws = wb.worksheets.find((_, i) => max > 0 && sizes[i]! * 3 >= max) ?? wb.worksheets[0];
  }
  if (!ws) {
    throw new ImportFileError({
      code: 'empty_xlsx',
      file: file.name,
      de: 'Die Excel-Datei enthält kein Tabellenblatt.',
      en: 'The workbook has no sheet.',
    });
  }
  const sheetWs = ws;
  return {
    format: 'tidy-xlsx',
    name: file.name,
    encoding: 'utf-8',
    sheets,
    sheet: sheetWs.name,
    *rows() {
      const width = sheetWs.columnCount;
      const last = sheetWs.rowCount;
      for (let i = 1; i <= last; i++) {
        const row = sheetWs.getRow(i);
        const cells: string[] = [];
        const numeric: boolean[] = [];
        for (let c = 1; c <= width; c++) {
          const t = cellText(row.getCell(c).value);
          cells.push(t.text);
          numeric.push(t.numeric);
        }
        yield { line: i, cells, numeric };
      }
    },
  };
}

/** CSV or XLSX by content (an XLSX is a zip: `PK\x03\x04`). */
export async function openSource(file: InputFile, sheet?: string): Promise<TableSource> {
  return sniffBinary(file.bytes) === 'zip' ? xlsxSource(file, sheet) : csvSource(file);
}
