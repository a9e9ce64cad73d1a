/**
 * JSON parsing with the line and column of a syntax error (Node's messages do not always carry the
 * position, so a small validating scanner finds it).
 */
import { ImportFileError } from '../statistics/types';

class ScanError extends Error {
  constructor(
    readonly offset: number,
    readonly expected: string,
  ) {
    super(expected);
  }
}

/** Offset of the first syntax error in `text` and what was expected there; null when valid. */
export function findJsonError(text: string): { offset: number; expected: string } | null {
  let i = 0;
  const n = text.length;
  const ws = (): void => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) i++;
      else break;
    }
  };
  const fail = (expected: string): never => {
    throw new ScanError(i, expected);
  };
  const literal = (word: string): void => {
    if (text.startsWith(word, i)) i += word.length;
    else fail('ein gültiger Wert');
  };
  const string = (): void => {
    i++; // opening quote
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return;
      }
      if (c < 0x20) fail('ein schließendes Anführungszeichen');
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
            i += 2;
            fail('eine Unicode-Escape-Sequenz');
          }
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) {
          i += 2;
        } else {
          i++;
          fail('eine gültige Escape-Sequenz');
        }
        continue;
      }
      i++;
    }
    fail('ein schließendes Anführungszeichen');
  };
  const number = (): void => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m || m[0] === '-' || m[0] === '') fail('eine Zahl');
    i += m![0].length;
  };
  const value = (depth: number): void => {
    if (depth > 5000) fail('weniger tiefe Verschachtelung');
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('ein Eigenschaftsname in doppelten Anführungszeichen');
        string();
        ws();
        if (text[i] !== ':') fail('ein Doppelpunkt');
        i++;
        value(depth + 1);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        fail('ein Komma oder „}“');
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value(depth + 1);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        fail('ein Komma oder „]“');
      }
    }
    if (c === '"') return string();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return number();
    fail(c === undefined ? 'weitere Daten (die Datei endet zu früh)' : 'ein gültiger Wert');
  };
  try {
    value(0);
    ws();
    if (i < n) fail('das Dateiende');
    return null;
  } catch (e) {
    if (e instanceof ScanError) return { offset: e.offset, expected: e.expected };
    return { offset: i, expected: 'gültiges JSON' };
  }
}

/** 1-based line and column (in characters) of an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 0x0a) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

/** JSON.parse that throws ImportFileError with line/column on syntax errors. */
export function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    const found = findJsonError(text);
    const m = /position (\d+)/.exec(e instanceof Error ? e.message : '');
    const offset = found?.offset ?? (m?.[1] ? Number(m[1]) : 0);
    const { line, column } = lineColumn(text, offset);
    const near =
      offset >= text.length ? 'das Dateiende' : `„${text.slice(offset, offset + 20).replace(/\s+/g, ' ')}“`;
    throw new ImportFileError({
      code: 'invalid-json',
      file,
      line,
      column,
      de: `Die Datei ist kein gültiges JSON: erwartet wurde ${found?.expected ?? 'gültiges JSON'}, gefunden ${near}.`,
      en: `Invalid JSON at line ${line}, column ${column} (${e instanceof Error ? e.message : String(e)}).`,
    });
  }
}
