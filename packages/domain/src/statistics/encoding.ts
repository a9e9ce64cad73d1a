/** Text decoding of uploaded files: UTF-8 (with or without BOM) or ISO-8859-1/windows-1252; refuses broken or binary files. */
import { ImportFileError } from './types';

export interface InputFile {
  /** File name as uploaded (used in error messages and to guess table codes). */
  name: string;
  bytes: Uint8Array;
}

export interface DecodedText {
  text: string;
  encoding: 'utf-8' | 'iso-8859-1';
}

const utf8Fatal = new TextDecoder('utf-8', { fatal: true });
const utf8Lenient = new TextDecoder('utf-8');
const latin1 = new TextDecoder('latin1');

// windows-1252 characters for 0x80–0x9F (Node's TextDecoder decodes them as C1 controls); undefined slots stay.
const CP1252: Record<number, string> = {
  0x80: '€',
  0x82: '‚',
  0x83: 'ƒ',
  0x84: '„',
  0x85: '…',
  0x86: '†',
  0x87: '‡',
  0x88: 'ˆ',
  0x89: '‰',
  0x8a: 'Š',
  0x8b: '‹',
  0x8c: 'Œ',
  0x8e: 'Ž',
  0x91: '‘',
  0x92: '’',
  0x93: '“',
  0x94: '”',
  0x95: '•',
  0x96: '–',
  0x97: '—',
  0x98: '˜',
  0x99: '™',
  0x9a: 'š',
  0x9b: '›',
  0x9c: 'œ',
  0x9e: 'ž',
  0x9f: 'Ÿ',
};

function decodeWindows1252(bytes: Uint8Array): string {
  const text = latin1.decode(bytes);
  return /[\u0080-\u009f]/.test(text)
    ? text.replace(/[\u0080-\u009f]/g, (c) => CP1252[c.charCodeAt(0)] ?? c)
    : text;
}

/** Length of a valid UTF-8 sequence starting at i, or 0 when the bytes there are not valid UTF-8. */
function utf8SeqLength(b: Uint8Array, i: number): number {
  const c = b[i]!;
  if (c < 0x80) return 1;
  const cont = (k: number): boolean => {
    const x = b[i + k];
    return x !== undefined && (x & 0xc0) === 0x80;
  };
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c >= 0xe0 && c <= 0xef) {
    if (!cont(1) || !cont(2)) return 0;
    const c1 = b[i + 1]!;
    if (c === 0xe0 && c1 < 0xa0) return 0; // overlong
    if (c === 0xed && c1 >= 0xa0) return 0; // surrogates
    return 3;
  }
  if (c >= 0xf0 && c <= 0xf4) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    const c1 = b[i + 1]!;
    if (c === 0xf0 && c1 < 0x90) return 0;
    if (c === 0xf4 && c1 >= 0x90) return 0;
    return 4;
  }
  return 0;
}

/** 1-based line and column (in characters) of byte offset `at`. */
export function bytePosition(
  bytes: Uint8Array,
  at: number,
  startOffset = 0,
): { line: number; column: number } {
  let line = 1;
  let lineStart = startOffset;
  for (let i = startOffset; i < at; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  const prefix = utf8Lenient.decode(bytes.subarray(lineStart, at));
  return { line, column: [...prefix].length + 1 };
}

function isControl(c: number): boolean {
  // Allowed: tab, LF, vertical tab, form feed, CR.
  return (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0b && c !== 0x0c && c !== 0x0d) || c === 0x7f;
}

/**
 * Decode a text file. UTF-8 BOM is stripped; valid UTF-8 → 'utf-8'; otherwise ISO-8859-1 (read as
 * windows-1252). Throws `ImportFileError` (file, line, column of the first bad byte) for binary content
 * (NUL/control bytes), UTF-16, a UTF-8 BOM followed by invalid bytes, and files that are mostly UTF-8 but
 * contain invalid sequences (typical German UTF-8 sequences such as 'ä' = C3 A4 next to invalid bytes).
 */
export function decodeText(file: InputFile): DecodedText {
  const { encoding, start } = checkText(file);
  return { text: decodeRange(file.bytes, encoding, start, file.bytes.length), encoding };
}

/** The encoding of a text file and where its text starts (after a BOM), or the `ImportFileError` of `decodeText`. */
export function checkText(file: InputFile): { encoding: DecodedText['encoding']; start: number } {
  const b = file.bytes;
  if ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff)) {
    throw new ImportFileError({
      code: 'unsupported_encoding',
      file: file.name,
      line: 1,
      column: 1,
      de: 'Die Datei ist in UTF-16 gespeichert. Bitte als „CSV UTF-8“ oder „CSV (Trennzeichen-getrennt)“ speichern.',
      en: 'The file is UTF-16 encoded; save it as CSV UTF-8.',
    });
  }
  const hasBom = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;
  const start = hasBom ? 3 : 0;

  let firstInvalid = -1;
  let typicalUtf8 = 0;
  for (let i = start; i < b.length;) {
    const c = b[i]!;
    if (c < 0x80) {
      if (isControl(c)) {
        const pos = bytePosition(b, i, start);
        throw new ImportFileError({
          code: 'binary_file',
          file: file.name,
          ...pos,
          de: `Die Datei ist keine Textdatei (Steuerzeichen 0x${c.toString(16).padStart(2, '0')} gefunden).`,
          en: `Not a text file (control byte 0x${c.toString(16).padStart(2, '0')}).`,
        });
      }
      i++;
      continue;
    }
    const n = utf8SeqLength(b, i);
    if (n === 0) {
      if (firstInvalid < 0) firstInvalid = i;
      i++;
      continue;
    }
    // Umlauts, ß, °, §, © (C2/C3 xx) and typographic quotes/dashes/€ (E2 xx xx) are what German UTF-8 text holds.
    if (c === 0xc2 || c === 0xc3 || c === 0xe2) typicalUtf8++;
    i += n;
  }

  if (firstInvalid < 0) return { encoding: 'utf-8', start };
  if (hasBom || typicalUtf8 > 0) {
    const pos = bytePosition(b, firstInvalid, start);
    const byte = b[firstInvalid]!.toString(16).toUpperCase().padStart(2, '0');
    throw new ImportFileError({
      code: 'broken_encoding',
      file: file.name,
      ...pos,
      de: `Die Zeichenkodierung ist beschädigt: ungültiges UTF-8-Byte 0x${byte}. Die Datei mischt vermutlich UTF-8 und ISO-8859-1; bitte einheitlich als UTF-8 speichern.`,
      en: `Broken character encoding: invalid UTF-8 byte 0x${byte} (file mixes UTF-8 and ISO-8859-1).`,
    });
  }
  return { encoding: 'iso-8859-1', start };
}

/** The text of `bytes[from, to)` in a checked encoding (cut at line ends, a UTF-8 sequence is never split). */
export function decodeRange(
  bytes: Uint8Array,
  encoding: DecodedText['encoding'],
  from: number,
  to: number,
): string {
  const part = bytes.subarray(from, to);
  return encoding === 'utf-8' ? utf8Fatal.decode(part) : decodeWindows1252(part);
}

/** Bytes of text decoded at a time by `textWindows` (then up to the next line end). */
const WINDOW_BYTES = 1024 * 1024;

/**
 * The text from `start` on as consecutive pieces of about `window` bytes, each ending at a line end (LF
 * is one byte in UTF-8 and ISO-8859-1 and never part of a longer sequence): a reader holds one piece at
 * a time instead of the whole text next to the file's bytes (issue 9).
 */
export function* textWindows(
  bytes: Uint8Array,
  encoding: DecodedText['encoding'],
  start: number,
  window = WINDOW_BYTES,
): Generator<string> {
  let pos = start;
  while (pos < bytes.length) {
    const lf = bytes.indexOf(0x0a, Math.min(bytes.length, pos + window) - 1);
    const end = lf < 0 ? bytes.length : lf + 1;
    yield decodeRange(bytes, encoding, pos, end);
    pos = end;
  }
}
