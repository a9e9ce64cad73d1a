import { describe, expect, it } from 'vitest';
import { checkText, decodeRange, decodeText, textWindows } from './encoding';
import { ImportFileError } from './types';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
/** ISO-8859-1 bytes, written by hand (code point = byte for U+0000–U+00FF). */
const latin1 = (s: string): Uint8Array => Uint8Array.from([...s].map((c) => c.charCodeAt(0)));
const concat = (...parts: Array<Uint8Array | number[]>): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => [...p]));

function decodeError(bytes: Uint8Array, name = 'test.csv'): ImportFileError {
  try {
    decodeText({ name, bytes });
  } catch (e) {
    expect(e).toBeInstanceOf(ImportFileError);
    return e as ImportFileError;
  }
  throw new Error('expected ImportFileError');
}

describe('decodeText', () => {
  it('reads UTF-8 without BOM', () => {
    const r = decodeText({ name: 'a.csv', bytes: utf8('Schüler;Württemberg;Straße') });
    expect(r).toEqual({ text: 'Schüler;Württemberg;Straße', encoding: 'utf-8' });
  });

  it('strips a UTF-8 BOM', () => {
    const r = decodeText({ name: 'a.csv', bytes: concat([0xef, 0xbb, 0xbf], utf8('AGS;Name')) });
    expect(r.text).toBe('AGS;Name');
    expect(r.encoding).toBe('utf-8');
  });

  it('pure ASCII is UTF-8', () => {
    expect(decodeText({ name: 'a.csv', bytes: utf8('a;b\n1;2\n') }).encoding).toBe('utf-8');
  });

  it('reads ISO-8859-1 umlauts (ü = 0xFC, ß = 0xDF)', () => {
    const r = decodeText({ name: 'a.csv', bytes: latin1('Schüler;Württemberg;Straße') });
    expect(r).toEqual({ text: 'Schüler;Württemberg;Straße', encoding: 'iso-8859-1' });
  });

  it('reads 0x80–0x9F as windows-1252 (€, „ “)', () => {
    const r = decodeText({ name: 'a.csv', bytes: concat([0x80, 0x20, 0x84], latin1('Groß'), [0x93]) });
    expect(r.text).toBe('€ „Groß“');
    expect(r.encoding).toBe('iso-8859-1');
  });

  it('refuses UTF-8 text with an invalid byte and names line and column of the first bad byte', () => {
    // Line 1 is valid UTF-8 with umlauts; line 2 'Köln;' + ISO-8859-1 'ü' (0xFC) at column 6.
    const bytes = concat(utf8('Schüler;Württemberg\nKöln;'), [0xfc], utf8('ber\n'));
    const e = decodeError(bytes, 'kaputt.csv');
    expect(e.code).toBe('broken_encoding');
    expect(e.file).toBe('kaputt.csv');
    expect(e.line).toBe(2);
    expect(e.column).toBe(6);
    expect(e.message).toContain('kaputt.csv');
    expect(e.message).toContain('Zeile 2');
  });

  it('refuses a UTF-8 BOM followed by ISO-8859-1 bytes', () => {
    const bytes = concat([0xef, 0xbb, 0xbf], latin1('a;b\nM'), [0xfc], latin1('nchen'));
    const e = decodeError(bytes);
    expect(e.code).toBe('broken_encoding');
    expect([e.line, e.column]).toEqual([2, 2]);
  });

  it('refuses NUL bytes (binary) with line and column', () => {
    const e = decodeError(concat(utf8('a;b\nc;'), [0x00], utf8('d')));
    expect(e.code).toBe('binary_file');
    expect([e.line, e.column]).toEqual([2, 3]);
  });

  it('refuses PNG bytes (control byte 0x1A after the first line break)', () => {
    const png = [
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    ];
    const e = decodeError(Uint8Array.from(png), 'karte.png');
    expect(e.code).toBe('binary_file');
    expect(e.file).toBe('karte.png');
    expect([e.line, e.column]).toEqual([2, 1]);
  });

  it('refuses UTF-16 with a hint', () => {
    const e = decodeError(Uint8Array.from([0xff, 0xfe, 0x41, 0x00]));
    expect(e.code).toBe('unsupported_encoding');
    expect(e.message).toContain('UTF-8');
  });

  it('errors are German with umlauts and have an English text', () => {
    const e = decodeError(concat(utf8('ä'), [0xe4]));
    expect(e.message).toMatch(/Zeichenkodierung ist beschädigt/);
    expect(e.messageEn).toMatch(/Broken character encoding/);
  });
});

describe('textWindows', () => {
  const text = Array.from(
    { length: 400 },
    (_, i) => `${i};Straße ${i};Jülich;„Zitat“ €;${i % 7 === 0 ? '' : 'Größe'}`,
  ).join('\n');

  it('gives the whole text as pieces that end at line ends, UTF-8 with BOM and ISO-8859-1', () => {
    for (const [bytes, encoding] of [
      [concat([0xef, 0xbb, 0xbf], utf8(text)), 'utf-8'],
      [latin1(text.replace(/[„“€]/g, '"')), 'iso-8859-1'],
    ] as const) {
      const checked = checkText({ name: 'a.csv', bytes });
      expect(checked.encoding).toBe(encoding);
      const whole = decodeText({ name: 'a.csv', bytes }).text;
      for (const size of [1, 7, 64, 1000, 1 << 20]) {
        const pieces = [...textWindows(bytes, checked.encoding, checked.start, size)];
        expect(pieces.join(''), `window ${size}`).toBe(whole);
        expect(pieces.slice(0, -1).every((p) => p.endsWith('\n'))).toBe(true);
        // A window is never cut inside a UTF-8 sequence, so no replacement character appears.
        expect(pieces.some((p) => p.includes('\ufffd'))).toBe(false);
        if (size < 1000) expect(pieces.length).toBeGreaterThan(10);
      }
    }
  });

  it('decodes a range as decodeText does', () => {
    const bytes = utf8('a;b\nä;ö\n');
    expect(decodeRange(bytes, 'utf-8', 4, bytes.length)).toBe('ä;ö\n');
    expect(decodeRange(latin1('x\x80y'), 'iso-8859-1', 0, 3)).toBe('x€y');
  });
});
