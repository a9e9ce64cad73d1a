/**
 * Acceptance on real official data (../shared/data/genesapi-data): the U3 childcare rate computed from
 * 22543-01-02-4 (children, 01.03.) and 12411-02-03-4 (population, 31.12. of the previous year) must equal
 * the published Regionalatlas figures AI003-3 / AI003-1 digit for digit, flags included.
 * The statistics parser is written in parallel, so the three CSV files are read by a tiny local reader.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { describeWithData, readShared } from '../testing/sharedData';
import type { Flag, Period } from '../statistics/types';
import { aggregateComputed, computeIndicator, parseDefinitionsFile } from './index';
import type { Cell, ComputedDefinition } from './index';

const FLAGS = new Set<string>(['-', '.', 'x', '/', '...', '()', 'p', 'r', 's']);
const here = path.dirname(fileURLToPath(import.meta.url));

// ---- tiny GENESIS flat-CSV reader (UTF-8 *_00.csv files only) ----
function lines(file: string): string[][] {
  const text = new TextDecoder('utf-8').decode(readShared('genesapi-data', file));
  return text.split(/\r?\n/).map((l) => l.split(';'));
}
function isDataRow(f: string[]): boolean {
  return /^(\d{2}\.\d{2}\.\d{4}|\d{4})$/.test(f[0] ?? '') && /^(DG|\d{2,8})$/.test(f[1] ?? '');
}
function period(raw: string): Period {
  const m = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(raw);
  return m ? { type: 'date', date: `${m[3]}-${m[2]}-${m[1]}` } : { type: 'year', date: `${raw}-01-01` };
}
function value(raw: string): { value: string | null; flag: Flag | null } {
  const t = raw.trim();
  if (FLAGS.has(t)) return { value: null, flag: t as Flag };
  if (!/^-?\d+(,\d+)?$/.test(t)) throw new Error(`unexpected value '${raw}'`);
  return { value: t.replace(',', '.'), flag: null };
}
function slug(s: string): string {
  return s
    .trim()
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}
/** Cells of the value columns `cols`; dims: merkmal_1 from column 3, `dimKey` from the header row. */
function readCells(file: string, header: string[], cols: number[], dimKey: string): Cell[] {
  const rows = lines(file);
  const head = rows.find((f) => cols.every((c, i) => f[c] === header[i]));
  if (!head) throw new Error(`${file}: header ${header.join(';')} not found`);
  const cells: Cell[] = [];
  for (const f of rows.filter(isDataRow)) {
    for (const c of cols) {
      cells.push({
        areaCode: f[1]!,
        period: period(f[0]!),
        dims: { merkmal_1: slug(f[3]!), [dimKey]: slug(head[c]!) },
        ...value(f[c]!),
      });
    }
  }
  return cells;
}
/** Published figures: year → region → raw text of column `col`. */
function readPublished(file: string, col: number): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const f of lines(file).filter(isDataRow)) {
    let y = out.get(f[0]!);
    if (!y) out.set(f[0]!, (y = new Map()));
    y.set(f[1]!, f[col]!.trim());
  }
  return out;
}

function compare(cells: Cell[], published: Map<string, string>) {
  const byArea = new Map(cells.map((c) => [c.areaCode, c]));
  let numbers = 0;
  let flagged = 0;
  const mismatches: string[] = [];
  for (const [code, raw] of published) {
    const c = byArea.get(code);
    if (!c) {
      mismatches.push(`${code}: not computed (published ${raw})`);
      continue;
    }
    if (FLAGS.has(raw)) {
      if (c.value === null && c.flag === raw) flagged++;
      else mismatches.push(`${code}: published ${raw}, computed ${c.value ?? ''} ${c.flag ?? ''}`);
    } else if (c.value === raw.replace(',', '.') && c.flag === null) numbers++;
    else mismatches.push(`${code}: published ${raw}, computed ${c.value ?? ''} ${c.flag ?? ''}`);
  }
  const extra = cells.filter((c) => !published.has(c.areaCode)).map((c) => c.areaCode);
  return { numbers, flagged, mismatches, extra };
}

describeWithData('genesapi-data', 'compute: U3-Betreuungsquote aus echten Daten (AI003-3, AI003-1)', () => {
  const AGE = ['unter 3 Jahre', '3 bis unter 6 Jahre', '6 bis unter 14 Jahre'];
  const kids = readCells('22543-01-02-4_00.csv', AGE, [5, 6, 7], 'altersgruppe');
  const population = readCells(
    '12411-02-03-4_00.csv',
    ['Insgesamt', 'männlich', 'weiblich'],
    [4, 5, 6],
    'geschlecht',
  );
  const inputs = { betreut: kids, bevoelkerung: population };
  const yamlFile = path.join(here, 'examples', 'betreuungsquote.yaml');
  const [quote] = parseDefinitionsFile(fs.readFileSync(yamlFile, 'utf8'), 'betreuungsquote.yaml');
  if (!quote) throw new Error('example file has no indicator');
  const withArt = (code: string, art: string): ComputedDefinition => ({
    ...quote,
    code,
    inputs: {
      ...quote.inputs,
      betreut: { ...quote.inputs.betreut!, dims: { merkmal_1: art, altersgruppe: 'unter_3_jahre' } },
    },
  });

  it('reads the inputs as expected (6 Stichtage × 526 regions × 3 kinds × 3 ages; 31.12.2015 only)', () => {
    expect(kids).toHaveLength(6 * 526 * 3 * 3);
    expect(new Set(population.map((c) => c.period.date))).toEqual(new Set(['2015-12-31']));
    expect(new Set(kids.map((c) => c.dims.merkmal_1))).toEqual(
      new Set(['tageseinrichtung', 'tagespflege', 'insgesamt_ohne_doppelzaehlungen']),
    );
  });

  it('AI003-3 „Betreuungsquote 0 bis 2 Jahre“ 2016: every region digit for digit, flags on both sides', () => {
    const result = computeIndicator(quote, inputs);
    const cells2016 = result.cells.filter((c) => c.period.date === '2016-03-01');
    const published = readPublished('AI003-3_00.csv', 3).get('2016')!;
    expect(published.size).toBe(526);
    const r = compare(cells2016, published);
    console.log(
      `AI003-3 2016: ${r.numbers} Regionen stimmen überein, ${r.flagged} auf beiden Seiten mit Zeichen`,
    );
    expect(r.mismatches).toEqual([]);
    expect(r.extra).toEqual([]);
    expect(r.numbers).toBe(448);
    expect(r.flagged).toBe(78);
    expect(cells2016.filter((c) => c.flag === '.').map((c) => c.areaCode)).toEqual(['10041100']);
    // Spot checks read off the published table.
    const byArea = new Map(cells2016.map((c) => [c.areaCode, c.value]));
    expect(byArea.get('DG')).toBe('32.7');
    expect(byArea.get('10')).toBe('28.6');
    expect(byArea.get('16077')).toBe('53.0');
  });

  it('AI003-3 2011–2015 are not reproducible: 12411-02-03-4 only has 31.12.2015, so only 2016 is computed', () => {
    const result = computeIndicator(quote, inputs);
    expect([...new Set(result.cells.map((c) => c.period.date))]).toEqual(['2016-03-01']);
    expect(result.cells).toHaveLength(526);
    const missingYears = (result.skipped ?? []).filter((s) => s.inputPeriod === null);
    expect(missingYears.map((s) => s.period.date)).toEqual([
      '2011-03-01',
      '2012-03-01',
      '2013-03-01',
      '2014-03-01',
      '2015-03-01',
    ]);
    expect(missingYears.every((s) => s.input === 'bevoelkerung' && s.areaCodes.length === 526)).toBe(true);
    for (const y of [2010, 2011, 2012, 2013, 2014]) {
      expect(result.warnings.some((w) => w.includes(`31.12.${y}`) && w.includes('526 Gebiete'))).toBe(true);
    }
    // The published table does have 2011–2015; they just cannot be recomputed from these files.
    const published = readPublished('AI003-3_00.csv', 3);
    expect([...published.keys()]).toEqual(['2011', '2012', '2013', '2014', '2015', '2016']);
  });

  it('AI003-1 „Anteil U3 in Tageseinrichtungen“ 2016 (first column): every region digit for digit', () => {
    const result = computeIndicator(withArt('anteil_u3_tageseinrichtung', 'tageseinrichtung'), inputs);
    const published = readPublished('AI003-1_00.csv', 3).get('2016')!;
    const r = compare(
      result.cells.filter((c) => c.period.date === '2016-03-01'),
      published,
    );
    console.log(
      `AI003-1 (Tageseinrichtung) 2016: ${r.numbers} Regionen stimmen überein, ${r.flagged} mit Zeichen`,
    );
    expect(r.mismatches).toEqual([]);
    expect(r.numbers).toBe(449);
    expect(r.flagged).toBe(77);
  });

  it('AI003-1 „Anteil U3 in Tagespflege“ 2016 (second column) as well', () => {
    const result = computeIndicator(withArt('anteil_u3_tagespflege', 'tagespflege'), inputs);
    const published = readPublished('AI003-1_00.csv', 4).get('2016')!;
    const r = compare(
      result.cells.filter((c) => c.period.date === '2016-03-01'),
      published,
    );
    console.log(
      `AI003-1 (Tagespflege) 2016: ${r.numbers} Regionen stimmen überein, ${r.flagged} mit Zeichen`,
    );
    expect(r.mismatches).toEqual([]);
    expect(r.numbers).toBe(445);
    expect(r.flagged).toBe(81); // 77 '-' (no such region), 3 exact zeros published as '-', Saarbrücken '.'
    // Exactly 0 children in Tagespflege → the official table writes '-' (genau null), not '0,0'.
    const zeros = ['09671', '09677', '15085'];
    for (const z of zeros) expect(published.get(z)).toBe('-');
    const keepZero = computeIndicator(
      { ...withArt('anteil_u3_tagespflege', 'tagespflege'), zeroAsDash: false },
      inputs,
    ).cells.filter((c) => zeros.includes(c.areaCode) && c.period.date === '2016-03-01');
    expect(keepZero.map((c) => [c.areaCode, c.value, c.flag])).toEqual(zeros.map((z) => [z, '0.0', null]));
  });

  it('reference values: Länder recomputed from their Kreise (sums of inputs, not averages of rates)', () => {
    const published = readPublished('AI003-3_00.csv', 3).get('2016')!;
    const kreise = [...published.keys()].filter((c) => /^\d{5}$/.test(c));
    const laender = [...published.keys()].filter((c) => /^\d{2}$/.test(c));
    let compared = 0;
    for (const land of laender) {
      const childCodes = kreise.filter((k) => k.startsWith(land));
      if (childCodes.length === 0) continue; // Hamburg, Berlin: no Kreise in the table
      const r = aggregateComputed(quote, inputs, { parentCode: land, childCodes });
      const cell = r.cells.find((c) => c.period.date === '2016-03-01');
      expect(cell?.value, `Land ${land}`).toBe(published.get(land)!.replace(',', '.'));
      compared++;
    }
    expect(compared).toBe(14);
    const dg = aggregateComputed(quote, inputs, { parentCode: 'DG', childCodes: laender });
    expect(dg.cells.find((c) => c.period.date === '2016-03-01')?.value).toBe(
      published.get('DG')!.replace(',', '.'),
    );
  });
});
