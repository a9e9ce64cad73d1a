import { describe, expect, it, vi } from 'vitest';
import { parse } from 'csv-parse/sync';
import { csvRecords, plainRecords } from './csv';

vi.mock('csv-parse/sync', async (importOriginal) => {
  const orig = await importOriginal<typeof import('csv-parse/sync')>();
  return { ...orig, parse: vi.fn(orig.parse) };
});

const OPTIONS = { relax_quotes: true, relax_column_count: true, skip_empty_lines: false } as const;

/** Deterministic pseudo-random numbers (mulberry32). */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A quote-free CSV text with LF or CRLF line ends, empty lines and fields, umlauts, tabs and spaces. */
function plainText(next: () => number, crlf: boolean): string {
  const atoms = ['', ' ', 'a', 'Kiel', 'männlich', '1.234,5', '-', '\t', 'x y', '€', '01002'];
  const eol = crlf ? '\r\n' : '\n';
  const width = 1 + Math.floor(next() * 5);
  const lines: string[] = [];
  for (let i = 0, n = Math.floor(next() * 12); i < n; i++) {
    lines.push(
      next() < 0.1
        ? ''
        : Array.from({ length: width }, () => atoms[Math.floor(next() * atoms.length)]).join(';'),
    );
  }
  return lines.join(eol) + (next() < 0.7 ? eol : '');
}

describe('plainRecords', () => {
  it('splits quote-free blocks exactly as csv-parse does (LF, CRLF, empty lines and fields, no final line end)', () => {
    const next = rng(20261205);
    for (let i = 0; i < 2000; i++) {
      const text = plainText(next, i % 2 === 1);
      expect(plainRecords(text, ';'), JSON.stringify(text)).toEqual(
        parse(text, { delimiter: ';', ...OPTIONS }),
      );
    }
  });

  it('leaves blocks with quotes or mixed line ends to csv-parse', () => {
    expect(plainRecords('a;"b;c"\n', ';')).toBeNull();
    expect(plainRecords('a;b\r\nc;d\ne;f\n', ';')).toBeNull();
    expect(plainRecords('a;b\rc;d\r', ';')).toBeNull();
  });
});

describe('csvRecords', () => {
  it('reads a large quote-free text without csv-parse, with the same records and lines', () => {
    const lines = Array.from({ length: 30_000 }, (_, i) => `PLR${i};2020;weiblich;${i % 90};${i},5`);
    const text = ['Planungsraum;Jahr;Geschlecht;Alter;Einwohner', ...lines].join('\r\n') + '\r\n';
    vi.mocked(parse).mockClear();
    const got = [...csvRecords(text, ';', 'x.csv')];
    expect(vi.mocked(parse)).not.toHaveBeenCalled();
    expect(got).toHaveLength(30_001);
    expect(got[12_345]).toEqual({ cells: lines[12_344]!.split(';'), line: 12_346, endLine: 12_346 });
    expect(got.map((r) => r.cells)).toEqual(parse(text, { delimiter: ';', ...OPTIONS }));
  });

  it('still hands quoted cells to csv-parse (multi-line cell, escaped quote)', () => {
    const text = 'a;b\n1;"zwei\nZeilen"\n2;"ein ""Zitat"""\n';
    vi.mocked(parse).mockClear();
    const got = [...csvRecords(text, ';', 'x.csv')];
    expect(vi.mocked(parse)).toHaveBeenCalled();
    expect(got).toEqual([
      { cells: ['a', 'b'], line: 1, endLine: 1 },
      { cells: ['1', 'zwei\nZeilen'], line: 2, endLine: 3 },
      { cells: ['2', 'ein "Zitat"'], line: 4, endLine: 4 },
    ]);
  });

  const atoms = ['', 'a', 'Kiel', 'männlich', '"x;y"', '"zwei\nZeilen"', '"ein ""Zitat"""', '1.234,5'];
  const records = (source: string | string[]): unknown => {
    try {
      return [...csvRecords(source, ';', 'x.csv')];
    } catch (e) {
      return (e as Error).message;
    }
  };
  /** 300 generated texts (with stray quotes: `lone`) cut at random places: records in pieces and whole. */
  function inPiecesAndWhole(seed: number, lone: boolean) {
    const next = rng(seed);
    const pool = lone ? [...atoms, '"'] : atoms;
    return Array.from({ length: 300 }, (_, n) => {
      const eol = n % 3 === 0 ? '\r\n' : '\n';
      const width = 1 + Math.floor(next() * 4);
      const lines = Array.from({ length: 1 + Math.floor(next() * 30) }, () =>
        Array.from(
          { length: next() < 0.1 ? width + 1 : width },
          () => pool[Math.floor(next() * pool.length)],
        ).join(';'),
      );
      const text = lines.join(eol) + (next() < 0.5 ? eol : '');
      const cuts = Array.from({ length: Math.floor(next() * 6) }, () => Math.floor(next() * text.length));
      const at = [0, ...cuts.toSorted((a, b) => a - b), text.length];
      const pieces = at.slice(1).map((end, i) => text.slice(at[i], end));
      return { pieces, inPieces: records(pieces), whole: records(text) };
    });
  }

  it('reads a text given in pieces as it reads the whole text, wherever the pieces are cut', () => {
    for (const { pieces, inPieces, whole } of inPiecesAndWhole(20261204, false))
      expect(inPieces, JSON.stringify(pieces)).toEqual(whole);
  });

  it('reads texts with stray quotes in pieces as whole (same blocks for csv-parse)', () => {
    for (const { pieces, inPieces, whole } of inPiecesAndWhole(20261205, true))
      expect(inPieces, JSON.stringify(pieces)).toEqual(whole);
  });
});
