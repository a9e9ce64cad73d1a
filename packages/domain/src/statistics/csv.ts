/**
 * CSV records with their line numbers, tokenised by csv-parse. Big texts are cut into blocks at record
 * boundaries and parsed block by block, so a generator over a large file never holds all records. A block
 * without any quote is split at its line ends and delimiters directly (`plainRecords`): the same records,
 * in about a sixth of the time and without csv-parse's copy of every block into a Buffer (issue 9).
 */
import { parse } from 'csv-parse/sync';
import { firstFields, IMPORT_LIMITS, tooManyColumns } from './limits';
import { ImportFileError } from './types';

export type Delimiter = ';' | ',' | '\t';

export interface CsvRecord {
  cells: string[];
  /** 1-based line where the record starts. */
  line: number;
  /** 1-based line where it ends (> line for quoted multi-line cells). */
  endLine: number;
}

const BLOCK_CHARS = 64 * 1024;

interface Block {
  /** End (exclusive) of the block in the text. */
  end: number;
  /**
   * False when the block ends because the text ends: with more text, it could be longer (its records
   * are then scanned again, so that blocks, and what csv-parse makes of stray quotes, are the same
   * whether the text comes whole or in pieces).
   */
  complete: boolean;
  /** Start line of every record in the block (relative to the block, 1-based). */
  starts: number[];
  /** Newlines in the block. */
  newlines: number;
  /** A record with more fields than `IMPORT_LIMITS.columns`: its start line (relative to the block) and offset. */
  tooWide?: { line: number; start: number };
}

/**
 * Scan one block from `pos`: record boundaries and their start lines, ending just after the first
 * record-ending newline once `BLOCK_CHARS` characters are reached. Quotes open a quoted field only at the
 * start of a field (as with csv-parse's relax_quotes); inside one, "" is an escaped quote.
 */
function scanBlock(text: string, pos: number, delimiter: number): Block {
  const n = text.length;
  const starts: number[] = [1];
  let fieldStart = true;
  let inQuotes = false;
  let line = 1;
  // All records of a block have the same number of fields, so that csv-parse (relax_column_count) never
  // builds its costly "inconsistent length" error objects: a record with another count starts a new block.
  let fields = 1;
  let blockFields = -1;
  let recStart = pos;
  let recStartLine = 1;
  for (let i = pos; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    if (inQuotes) {
      if (c === 34) {
        if (text.charCodeAt(i + 1) === 34) i++;
        else inQuotes = false;
      }
      continue;
    }
    if (c === 34 && fieldStart) {
      inQuotes = true;
      fieldStart = false;
    } else if (c === delimiter) {
      fieldStart = true;
      // A record wider than any table may be is refused before csv-parse builds it.
      if (++fields > IMPORT_LIMITS.columns) {
        return {
          end: i,
          complete: true,
          starts,
          newlines: line - 1,
          tooWide: { line: recStartLine, start: recStart },
        };
      }
    } else if (c === 13) {
      fieldStart = true;
    } else if (c === 10) {
      fieldStart = true;
      if (blockFields < 0) {
        blockFields = fields;
      } else if (fields !== blockFields) {
        starts.pop();
        return { end: recStart, complete: true, starts, newlines: recStartLine - 1 };
      }
      if (i + 1 - pos >= BLOCK_CHARS) return { end: i + 1, complete: true, starts, newlines: line - 1 };
      if (i + 1 === n) return { end: i + 1, complete: false, starts, newlines: line - 1 };
      recStart = i + 1;
      recStartLine = line;
      fields = 1;
      starts.push(line);
    } else {
      fieldStart = false;
    }
  }
  if (blockFields >= 0 && fields !== blockFields && recStart > pos) {
    starts.pop();
    return { end: recStart, complete: false, starts, newlines: recStartLine - 1 };
  }
  return { end: n, complete: false, starts, newlines: line - 1 };
}

interface InfoRecord {
  record: string[];
  info: { lines: number };
}

const PARSE_OPTIONS = {
  relax_quotes: true,
  relax_column_count: true,
  skip_empty_lines: false,
} as const;

function parseError(err: unknown, lineOffset: number, fileName: string): ImportFileError {
  const e = err as { lines?: number; code?: string; message?: string };
  const at = lineOffset + (e.lines ?? 1);
  const open = e.code === 'CSV_QUOTE_NOT_CLOSED';
  return new ImportFileError({
    code: open ? 'unclosed_quote' : 'csv_syntax',
    file: fileName,
    line: at,
    de: open
      ? 'Ein Anführungszeichen wird bis zum Dateiende nicht geschlossen (Datei abgeschnitten oder beschädigt).'
      : `Die CSV-Struktur ist fehlerhaft (${e.message ?? 'unbekannter Fehler'}).`,
    en: open ? 'Quote not closed until end of file.' : `Malformed CSV: ${e.message ?? ''}`,
  });
}

/**
 * The records of a block that has no quote character and one kind of line end (LF, or CRLF throughout),
 * exactly as csv-parse gives them with `PARSE_OPTIONS` (an empty line is `['']`, no record after a final
 * line end); null for any other block, which csv-parse reads.
 */
export function plainRecords(chunk: string, delimiter: Delimiter): string[][] | null {
  if (chunk.includes('"')) return null;
  let lines: string[];
  if (!chunk.includes('\r')) {
    lines = chunk.split('\n');
  } else {
    lines = chunk.split('\r\n');
    // A lone CR or LF among CRLF line ends: csv-parse's own line-end detection decides.
    if (lines.some((l) => l.includes('\r') || l.includes('\n'))) return null;
  }
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((l) => l.split(delimiter));
}

/**
 * Lazily yield every record (empty lines included, as ['']) of a delimited text, given whole or as
 * consecutive pieces (e.g. decoded a window at a time from the file's bytes, so that the whole text is
 * never held: issue 9). A record cut by the end of a piece is read once the next piece is there.
 */
export function* csvRecords(
  source: string | Iterable<string>,
  delimiter: Delimiter,
  fileName: string,
): Generator<CsvRecord> {
  const delim = delimiter.charCodeAt(0);
  const pieces = typeof source === 'string' ? [source][Symbol.iterator]() : source[Symbol.iterator]();
  let text = '';
  let pos = 0;
  let line = 1;
  let final = false;
  /** Append the next piece to what is left of the text; false at the end of the pieces. */
  const more = (): boolean => {
    const next = pieces.next();
    if (next.done) {
      final = true;
      return false;
    }
    text = pos < text.length ? text.slice(pos) + next.value : next.value;
    pos = 0;
    return true;
  };
  for (;;) {
    if (pos >= text.length) {
      if (final || !more()) break;
      continue; // an empty piece
    }
    const block = scanBlock(text, pos, delim);
    if (!block.complete && !final && more()) continue;
    if (block.tooWide) {
      const { start } = block.tooWide;
      const names = firstFields(text.slice(start, start + 4096), 1, delimiter);
      throw tooManyColumns(fileName, line - 1 + block.tooWide.line, countFields(text, start, delim), names);
    }
    const chunk = text.slice(pos, block.end);
    let recs = plainRecords(chunk, delimiter);
    if (!recs) {
      try {
        recs = parse(chunk, { delimiter, ...PARSE_OPTIONS }) as string[][];
      } catch (err) {
        throw parseError(err, line - 1, fileName);
      }
    }
    const offset = line - 1;
    const lastLine = block.newlines + (chunk.endsWith('\n') ? 0 : 1);
    if (recs.length === block.starts.length) {
      for (let i = 0; i < recs.length; i++) {
        const next = block.starts[i + 1];
        yield {
          cells: recs[i]!,
          line: offset + block.starts[i]!,
          endLine: offset + (next === undefined ? lastLine : next - 1),
        };
      }
    } else {
      // Quote handling differed from the scan: let csv-parse report the lines.
      const withInfo = parse(chunk, { delimiter, ...PARSE_OPTIONS, info: true }) as unknown as InfoRecord[];
      let prevEnd = offset;
      for (const r of withInfo) {
        const endLine = offset + r.info.lines;
        yield { cells: r.record, line: prevEnd + 1, endLine };
        prevEnd = endLine;
      }
    }
    line += block.newlines;
    pos = block.end;
  }
}

/** Fields of the line starting at `start`, quotes ignored (for a message). */
function countFields(text: string, start: number, delimiter: number): number {
  let n = 1;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) break;
    if (c === delimiter) n++;
  }
  return n;
}

/** Guess the delimiter from the first lines: the candidate giving most columns consistently. */
export function detectDelimiter(text: string): Delimiter {
  const head = text.slice(0, 64 * 1024);
  const lines = head
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .slice(0, 30);
  let best: Delimiter = ';';
  let bestScore = -1;
  for (const d of [';', ',', '\t'] as const) {
    const counts = lines.map((l) => l.split(d).length - 1);
    const withDelim = counts.filter((c) => c > 0);
    if (withDelim.length === 0) continue;
    // Most frequent count among lines with the delimiter, weighted by how many lines share it.
    const freq = new Map<number, number>();
    for (const c of withDelim) freq.set(c, (freq.get(c) ?? 0) + 1);
    let mode = 0;
    let modeN = 0;
    for (const [c, n] of freq) if (n > modeN || (n === modeN && c > mode)) [mode, modeN] = [c, n];
    const score = modeN * 1000 + mode;
    if (score > bestScore) {
      bestScore = score;
      best = d;
    }
  }
  return best;
}

/** Iterator view without `return()`, so that `break` in a for-of loop does not close the generator. */
export function resumable<T>(it: Iterator<T>): IterableIterator<T> {
  return {
    next: () => it.next(),
    [Symbol.iterator]() {
      return this;
    },
  };
}
