import { describe, expect, it } from 'vitest';
import { ImportFileError, type TidyMapping } from '@dkbm/domain';
import { StatisticsReader, workerHeapMb } from './statistics.thread';
import { dimsSignature, type StageInput } from './statistics.reader';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/** A tidy CSV: `areas` keys × 3 years × 2 sexes, one value each. */
function tidy(areas: number): Uint8Array {
  const lines = ['Schluessel;Jahr;Geschlecht;Anzahl'];
  for (let a = 1; a <= areas; a++) {
    for (const y of [2019, 2020, 2021]) {
      for (const s of ['weiblich', 'männlich']) lines.push(`K${a};${y};${s};${a * 10 + (y % 10)},5`);
    }
  }
  return utf8(lines.join('\n') + '\n');
}

const MAPPING: TidyMapping = {
  areaKey: { column: 'Schluessel' },
  period: { column: 'Jahr', type: 'year' },
  dimensions: [{ column: 'Geschlecht', name: 'Geschlecht' }],
  values: [{ column: 'Anzahl', measure: 'anzahl', unit: 'Personen' }],
};

async function readAndStage(reader: StatisticsReader, bytes: Uint8Array, areaNo: (key: string) => number) {
  try {
    const read = await reader.read({ name: 'kreise.csv', bytes }, MAPPING);
    const seriesIds = new Map<string, number>();
    for (const [measure, combos] of read.scan.series) {
      for (const [sig, dims] of combos) {
        expect(dimsSignature(dims)).toBe(sig);
        seriesIds.set(`${measure}\u0001${sig}`, seriesIds.size + 1);
      }
    }
    const input: StageInput = {
      runNo: 7,
      areaNoByKey: new Map(read.scan.keys.map((k) => [k.code, areaNo(k.code)])),
      levelByAreaNo: new Map([[1, 'planungsraum']]),
      statisticalVariables: new Map([['anzahl', { isNew: true }]]),
      seriesIds,
      chunkRows: 100,
    };
    const { chunks, result } = reader.stage(input);
    const texts: string[] = [];
    for await (const t of chunks) texts.push(t);
    return { read, texts, result: result() };
  } finally {
    await reader.close();
  }
}

describe('reading a statistics file in a worker thread (issue 9)', () => {
  it('sizes the worker heap by the file, so V8 collects early instead of growing towards 1.5 GB', async () => {
    const reader = new StatisticsReader({ minBytes: 0 });
    try {
      await reader.read({ name: 'kreise.csv', bytes: tidy(50) }, MAPPING);
      const limits = reader.thread!.resourceLimits!;
      expect(limits.maxOldGenerationSizeMb).toBe(workerHeapMb(tidy(50).byteLength));
      expect(limits.maxOldGenerationSizeMb).toBeLessThanOrEqual(192);
      expect(limits.maxYoungGenerationSizeMb).toBeLessThanOrEqual(16);
    } finally {
      await reader.close();
    }
    // The 48 MB of the benchmark get 192 MB; the CLI's largest files up to 1.5 GB.
    expect(workerHeapMb(48e6)).toBe(192);
    expect(workerHeapMb(200e6)).toBe(763);
    expect(workerHeapMb(2e9)).toBe(1536);
    // Excel workbooks are unpacked whole by exceljs.
    expect(workerHeapMb(10e6, true)).toBe(306);
  });

  it('gives the same scan and the same staged cells as reading it in this thread', async () => {
    const bytes = tidy(120);
    const byKey = (k: string) => Number(k.slice(1));
    const here = await readAndStage(new StatisticsReader({ minBytes: Infinity }), bytes.slice(), byKey);
    const there = await readAndStage(new StatisticsReader({ minBytes: 0 }), bytes.slice(), byKey);
    expect(there.read).toEqual(here.read);
    expect(there.texts).toEqual(here.texts);
    expect(there.result).toEqual(here.result);
    expect(here.read.summary.rowCount).toBe(720);
    expect(here.texts.length).toBe(8);
    expect(here.texts[0]!.split('\n')[0]).toBe('7,1,1,2019-01-01,19.5,,2');
    expect(here.result).toMatchObject({ staged: 720, skipped: 0 });
    expect(here.result.coverage.get('anzahl')).toMatchObject({
      first: '2019-01-01',
      last: '2021-01-01',
      n: 720,
    });
  }, 60_000);

  it('an error of the file arrives as the same German ImportFileError with its place', async () => {
    const bad = utf8('Schluessel;Jahr;Geschlecht;Anzahl\nK1;2020;weiblich;12\nK2;20x0;weiblich;13\n');
    const reader = new StatisticsReader({ minBytes: 0 });
    try {
      await reader.read({ name: 'kaputt.csv', bytes: bad }, MAPPING);
      throw new Error('expected a refusal');
    } catch (e) {
      expect(e).toBeInstanceOf(ImportFileError);
      const f = e as ImportFileError;
      expect(f.code).toBe('invalid_period');
      expect(f.line).toBe(3);
      expect(f.column).toBe(2);
      expect(f.message).toMatch(/^kaputt\.csv, Zeile 3, Spalte 2, Feld „Jahr“: „20x0“ ist keine Zeitangabe/);
    } finally {
      await reader.close();
    }
  }, 60_000);

  it('two keys mapped to one area make the same cell twice: refused with both lines before anything is staged', async () => {
    const reader = new StatisticsReader({ minBytes: 0 });
    await expect(readAndStage(reader, tidy(3), (k) => (k === 'K3' ? 1 : Number(k.slice(1))))).rejects.toThrow(
      /Derselbe Wert \(Gebiet, Zeitraum, Merkmale\) steht doppelt in der Datei: Zeilen 2 und 14/,
    );
  }, 60_000);
});
