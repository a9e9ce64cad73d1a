import { describe, expect, it } from 'vitest';
import { CellIndex } from './cellIndex';
import { csvRecords } from './csv';
import { detectFormat } from './detect';
import { IMPORT_LIMITS, widestRecord } from './limits';
import { inspectTable, parseTidyTable } from './tidy';
import { ImportFileError } from './types';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

function caught(f: () => unknown): ImportFileError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ImportFileError);
    return e as ImportFileError;
  }
  throw new Error('expected ImportFileError');
}

async function refused(p: Promise<unknown>): Promise<ImportFileError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ImportFileError);
    return e as ImportFileError;
  }
  throw new Error('expected ImportFileError');
}

/** `id;c1;…` with `n` columns and one data row. */
function wide(n: number): Uint8Array {
  const header = ['id', ...Array.from({ length: n - 1 }, (_, i) => `c${i + 1}`)].join(';');
  return utf8(
    `${header}\n01002;${Array(n - 1)
      .fill('1')
      .join(';')}\n`,
  );
}

describe('import limits (issue 9: one user must not stop the service for everyone)', () => {
  it('a CSV with a million columns is refused at the upload, in German, naming the first columns and counting the rest', () => {
    const e = caught(() => detectFormat({ name: 'breit.csv', bytes: wide(1_000_000) }));
    expect(e.code).toBe('too_many_columns');
    expect(e.line).toBe(1);
    expect(e.message).toMatch(
      /^breit\.csv, Zeile 1: Die Tabelle hat 1\.000\.000 Spalten; möglich sind höchstens 16\.384/,
    );
    expect(e.message).toContain(
      'Spalten: id, c1, c2, c3, c4, c5, c6, c7, c8, c9 … und 999.990 weitere Spalten.',
    );
    expect(e.message.length).toBeLessThan(500);
  });

  it('a table exactly as wide as an Excel sheet is accepted; one column more is not', () => {
    expect(detectFormat({ name: 'a.csv', bytes: wide(IMPORT_LIMITS.columns) })).toBe('tidy-csv');
    const e = caught(() => detectFormat({ name: 'a.csv', bytes: wide(IMPORT_LIMITS.columns + 1) }));
    expect(e.message).toContain('Die Tabelle hat 16.385 Spalten');
  });

  it('fields are counted as the CSV reader counts them: delimiters inside quotes do not count', () => {
    const q = `"${';'.repeat(20_000)}";b\n1;2\n`;
    expect(widestRecord(utf8(q), ';')).toEqual({ line: 1, fields: 2 });
    expect(widestRecord(utf8('a;b\n1;2;3;4\n5\n'), ';')).toEqual({ line: 2, fields: 4 });
  });

  it('a wide line further down is refused while reading, with its line, before csv-parse splits it', () => {
    const text = `a;b\n1;2\n3;4\n${Array(IMPORT_LIMITS.columns + 5)
      .fill('x')
      .join(';')}\n5;6\n`;
    const e = caught(() => [...csvRecords(text, ';', 't.csv')]);
    expect(e.code).toBe('too_many_columns');
    expect(e.line).toBe(4);
    expect(e.message).toContain('Die Tabelle hat 16.389 Spalten');
    expect(e.message).toContain('Spalten: x, x, x');
  });

  it('headings and example cells of the mapping step are cut to 200 characters; the cut heading still maps', async () => {
    const long = 'Einwohner '.repeat(100).trim();
    const file = { name: 'lang.csv', bytes: utf8(`AGS;${long}\n01001;12\n01002;${'9'.repeat(5000)}\n`) };
    const insp = await inspectTable(file);
    expect(insp.columns[1]!.length).toBe(IMPORT_LIMITS.labelChars);
    expect(insp.columns[1]!.endsWith('…')).toBe(true);
    expect(insp.sample.flat().every((c) => c.length <= IMPORT_LIMITS.labelChars)).toBe(true);
    const ds = await parseTidyTable(
      { name: 'lang.csv', bytes: utf8(`AGS;${long}\n01001;12\n01002;13\n`) },
      {
        areaKey: { column: 'AGS' },
        period: { value: '2020', type: 'year' },
        values: [{ column: long, measure: 'einwohner' }],
      },
    );
    expect(ds.rowCount).toBe(2);
  });

  it('a dimension column with more than 10,000 different values is refused, naming the column', async () => {
    const lines = ['AGS;Jahr;Schule;Anzahl'];
    for (let i = 0; i <= IMPORT_LIMITS.dimensionValues; i++) lines.push(`01001;2020;Schule ${i};1`);
    const e = await refused(
      parseTidyTable(
        { name: 'schulen.csv', bytes: utf8(lines.join('\n')) },
        {
          areaKey: { column: 'AGS' },
          period: { column: 'Jahr' },
          dimensions: [{ column: 'Schule' }],
          values: [{ column: 'Anzahl', measure: 'anzahl' }],
        },
      ),
    );
    expect(e.code).toBe('too_many_dimension_values');
    expect(e.line).toBe(IMPORT_LIMITS.dimensionValues + 2);
    expect(e.message).toMatch(/Feld „Schule“: Das Merkmal hat mehr als 10\.000 verschiedene Werte/);
  });

  it('a file with more than 50,000 different area keys is refused with the line where the limit was passed', async () => {
    const lines = ['Schluessel;Anzahl'];
    for (let i = 0; i <= IMPORT_LIMITS.keys; i++) lines.push(`K${i};1`);
    const e = await refused(
      parseTidyTable(
        { name: 'keys.csv', bytes: utf8(lines.join('\n')) },
        {
          areaKey: { column: 'Schluessel' },
          period: { value: '2020', type: 'year' },
          values: [{ column: 'Anzahl', measure: 'anzahl' }],
        },
      ),
    );
    expect(e.code).toBe('too_many_keys');
    expect(e.line).toBe(IMPORT_LIMITS.keys + 2);
    expect(e.message).toMatch(/mehr als 50\.000 verschiedene Gebietsschlüssel/);
  });
});

describe('CellIndex', () => {
  it('finds a cell that occurs twice, with the line of the first', () => {
    const ix = new CellIndex();
    let n = 0;
    let repeated = 0;
    for (let k = 0; k < 300; k++) {
      for (let p = 0; p < 20; p++) {
        for (let s = 0; s < 30; s++) if (ix.add(`k${k}`, `p${p}`, `s${s}`, ++n) !== undefined) repeated++;
      }
    }
    expect(repeated).toBe(0);
    expect(ix.add('k7', 'p3', 's11', 999_999)).toBe(7 * 600 + 3 * 30 + 11 + 1);
    expect(ix.add('k7', 'p3', 's12x', 1_000_000)).toBeUndefined();
  });

  it('keeps working exactly past the packing (more than 65,536 periods)', () => {
    const ix = new CellIndex();
    let repeated = 0;
    for (let p = 0; p < 70_000; p++) if (ix.add('k', `p${p}`, 's', p + 1) !== undefined) repeated++;
    expect(repeated).toBe(0);
    expect(ix.add('k', 'p5', 's', 1)).toBe(6);
    expect(ix.add('k', 'p69999', 's', 1)).toBe(70_000);
    expect(ix.add('k2', 'p5', 's', 1)).toBeUndefined();
  });
});
