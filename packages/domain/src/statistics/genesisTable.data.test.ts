/**
 * Acceptance tests of the GENESIS table importer on the genuine Regionaldatenbank exports in
 * ../shared/data/genesapi-data. Expected values come from the raw file text, read here with a plain
 * split (no code of the importer), or were read from the files by eye (line numbers cited).
 */
import fs from 'node:fs';
import Decimal from 'decimal.js';
import { expect, it } from 'vitest';
import { describeWithData, readShared, sharedFile } from '../testing/sharedData';
import { parseGenesisTable } from './genesisTable';
import type { DataRow, Dataset } from './types';

const DIR = 'genesapi-data';

// ---------- independent reading of the raw files ----------

/** Per SOURCE.md: `*_00.csv` are UTF-8, the others ISO-8859-1. */
function rawLines(file: string): string[] {
  const bytes = readShared(DIR, file);
  return new TextDecoder(file.endsWith('_00.csv') ? 'utf-8' : 'latin1').decode(bytes).split('\n');
}

interface RawShape {
  /** 0-based index of the first data line. */
  firstData: number;
  /** 0-based index of the `__________` line. */
  separator: number;
  dataLines: number;
  valueColumns: number;
  headerLines: string[];
}

/** A data line: first field filled, at least three filled fields. */
function isData(l: string): boolean {
  const f = l.split(';');
  return f[0] !== '' && f.filter((x) => x !== '').length >= 3;
}

/** Data lines lie before the separator. */
function rawShape(lines: string[]): RawShape {
  const separator = lines.findIndex((l) => l.startsWith('__________'));
  const firstData = lines.findIndex(isData);
  const dataLines = lines.slice(0, separator).filter(isData).length;
  // Header lines: the lines right above the first data line that start with an empty field.
  let h = firstData - 1;
  while (h >= 0 && lines[h]!.startsWith(';')) h--;
  const headerLines = lines.slice(h + 1, firstData);
  const lastHeader = headerLines[headerLines.length - 1]!.split(';');
  const leading = lastHeader.findIndex((x) => x !== '');
  const valueColumns = lines[firstData]!.split(';').length - leading;
  return { firstData, separator, dataLines, valueColumns, headerLines };
}

const parsed = new Map<string, Dataset>();
function load(file: string): Dataset {
  let ds = parsed.get(file);
  if (!ds) {
    ds = parseGenesisTable({ name: file, bytes: readShared(DIR, file) });
    parsed.set(file, ds);
  }
  return ds;
}

function rowAt(ds: Dataset, line: number, column: number): DataRow {
  const hits: DataRow[] = [];
  for (const r of ds.rows()) if (r.line === line && r.column === column) hits.push(r);
  expect(hits).toHaveLength(1);
  return hits[0]!;
}

/** Number of keys per key length, sorted by length. */
function countByLength(keys: string[]): Array<[number, number]> {
  const m = new Map<number, number>();
  for (const k of keys) m.set(k.length, (m.get(k.length) ?? 0) + 1);
  return [...m].toSorted((a, b) => a[0] - b[0]);
}

/** Values of one statistical variable and period whose dims are exactly `dims`, by region. */
function pick(
  ds: Dataset,
  statisticalVariable: string,
  date: string,
  dims: Record<string, string>,
): Map<string, string | null> {
  const m = new Map<string, string | null>();
  for (const r of ds.rows()) {
    if (r.statisticalVariable !== statisticalVariable || r.period.date !== date) continue;
    const same = Object.entries(dims).every(([k, v]) => r.dims[k] === v);
    if (same && Object.keys(r.dims).length === Object.keys(dims).length) m.set(r.regionCode, r.value);
  }
  return m;
}

// ---------- expectations read by eye from the header text of each file ----------

interface Expect {
  statisticalVariables: string[];
  units: string[];
  named: string[];
  unnamed: number;
  layout: 'flat' | 'period-block' | 'wide';
}
const AI = (layout: Expect['layout'] = 'flat'): Partial<Expect> => ({ named: [], unnamed: 0, layout });
const BEV = ['Bevölkerungsstand'];
const SCHULEN = ['Allgemein bildende Schulen', 'Schüler(innen) an allgemein bildenden Schulen'];
const SCHULEN_DIMS = ['Geschlecht', 'Nationalität', 'Klassenstufe / Jahrgangsstufe / Schulbesuchsjahr'];
const KITA = [
  'Betreute Kinder',
  'Kinder, Herkunft mind. 1 Elternteil ausländisch',
  'Kinder mit Mittagsverpflegung',
];
const EXPECTED: Record<string, Partial<Expect>> = {
  '11111-01-01-4_00.csv': {
    statisticalVariables: ['Gebietsfläche'],
    units: ['qkm'],
    named: [],
    unnamed: 0,
    layout: 'flat',
  },
  '12111-09-01-4_00.csv': {
    statisticalVariables: ['Bevölkerung (ab 15 Jahren)'],
    units: ['Anzahl'],
    named: [],
    unnamed: 2,
    layout: 'period-block',
  },
  '12111-10-01-4_00.csv': {
    statisticalVariables: ['Bevölkerung (ab 15 Jahren)'],
    units: ['Anzahl'],
    named: [],
    unnamed: 2,
    layout: 'period-block',
  },
  '12411-01-01-4.csv': {
    statisticalVariables: BEV,
    units: ['Anzahl'],
    named: [],
    unnamed: 1,
    layout: 'wide',
  },
  '12411-01-01-4_00.csv': {
    statisticalVariables: BEV,
    units: ['Anzahl'],
    named: [],
    unnamed: 1,
    layout: 'wide',
  },
  '12411-02-03-4_00.csv': {
    statisticalVariables: BEV,
    units: ['Anzahl'],
    named: [],
    unnamed: 2,
    layout: 'flat',
  },
  '12411-02-03-5_00.csv': {
    statisticalVariables: BEV,
    units: ['Anzahl'],
    named: ['Altersgruppen (unter 3 bis 75 u.m.)'],
    unnamed: 1,
    layout: 'period-block',
  },
  '12411-03-03-4_00.csv': {
    statisticalVariables: BEV,
    units: ['Anzahl'],
    named: [],
    unnamed: 3,
    layout: 'flat',
  },
  '12411-04-02-4_00.csv': {
    statisticalVariables: BEV,
    units: ['Anzahl'],
    named: [],
    unnamed: 2,
    layout: 'flat',
  },
  '12411-05-01-4_00.csv': {
    statisticalVariables: ['Durchschnittliche Jahresbevölkerung'],
    units: ['Anzahl'],
    named: [],
    unnamed: 1,
    layout: 'flat',
  },
  '21111-01-03-4.csv': {
    statisticalVariables: SCHULEN,
    units: ['Anzahl'],
    named: SCHULEN_DIMS,
    unnamed: 1,
    layout: 'period-block',
  },
  '21111-01-03-4_00.csv': {
    statisticalVariables: SCHULEN,
    units: ['Anzahl'],
    named: SCHULEN_DIMS,
    unnamed: 1,
    layout: 'period-block',
  },
  '21111-02-06-4.csv': {
    statisticalVariables: ['Absolventen/Abgänger'],
    units: ['Anzahl'],
    named: ['Schulabschluss'],
    unnamed: 1,
    layout: 'flat',
  },
  '21121-01-05-4_00.csv': {
    statisticalVariables: ['Berufliche Schulen', 'Schüler(innen) an beruflichen Schulen'],
    units: ['Anzahl'],
    named: ['Geschlecht', 'Nationalität'],
    unnamed: 1,
    layout: 'period-block',
  },
  '21121-02-02-4_00.csv': {
    statisticalVariables: [
      'Absolventen/Abgänger (berufllich)',
      'nachrichtl.: zus.erw.schul.Teil d. Fachhochs.reife',
    ],
    units: ['Anzahl'],
    named: ['Geschlecht', 'davon mit'],
    unnamed: 0,
    layout: 'flat',
  },
  '22541-01-01-4_00.csv': {
    statisticalVariables: ['Tageseinrichtungen für Kinder', 'Verfügbare Plätze', 'Tätige Personen'],
    units: ['Anzahl'],
    named: ['Tageseinrichtungen für Kinder'],
    unnamed: 0,
    layout: 'flat',
  },
  '22541-01-04-4_00.csv': {
    statisticalVariables: [
      'Tageseinrichtungen für Kinder',
      'Einrichtungen mit integrativer Kinderbetreuung',
      'Genehmigte Plätze',
      'Tätige Personen',
      'Rechn.Zahl d.Vollzeitstellen i.pädagogisch.Bereich',
    ],
    units: ['Anzahl'],
    named: ['Tätige Personen in Tageseinrichtungen für Kinder'],
    unnamed: 1,
    layout: 'flat',
  },
  '22543-01-01-4_00.csv': {
    statisticalVariables: KITA,
    units: ['Anzahl'],
    named: ['Altersgruppe'],
    unnamed: 1,
    layout: 'flat',
  },
  '22543-01-02-4_00.csv': {
    statisticalVariables: KITA,
    units: ['Anzahl'],
    named: ['Altersgruppe'],
    unnamed: 1,
    layout: 'flat',
  },
  '22543-02-02-4_00.csv': {
    statisticalVariables: ['Pädagogisches, Leitungs- und Verwaltungspersonal', 'Kindertagespflegepersonen'],
    units: ['Anzahl'],
    named: ['Altersgruppen (unter 30,..., 60 und mehr Jahre)'],
    unnamed: 0,
    layout: 'flat',
  },
  // Regionalatlas tables: one statistical variable per column, names from the top header line (checked below).
  'AI-N-05_00.csv': AI(),
  'AI-Z1-2011_00.csv': AI(),
  'AI002-1_00.csv': AI(),
  'AI002-2_00.csv': AI(),
  'AI003-1_00.csv': AI(),
  'AI003-3_00.csv': AI(),
  'AIG-03-1_00.csv': AI(),
  'AIG-03-2_00.csv': AI(),
  'AIG-24_00.csv': AI(),
};

describeWithData(DIR, 'GENESIS tables (genesapi-data)', () => {
  const files = fs
    .readdirSync(sharedFile(DIR))
    .filter((f) => f.endsWith('.csv') && f !== 'base.csv')
    .toSorted();

  it('covers every table of the folder', () => {
    expect(files).toHaveLength(29);
    expect(files).toEqual(Object.keys(EXPECTED).toSorted());
  });

  for (const file of Object.keys(EXPECTED)) {
    it(`${file}: parses; statistical variables, dimensions and row count match the file`, () => {
      const lines = rawLines(file);
      const shape = rawShape(lines);
      const ds = load(file);
      const exp = EXPECTED[file]!;
      const tableCode = /^GENESIS-Tabelle: (\S+)/.exec(lines[0]!)![1]!;

      expect(ds.meta.format).toBe('genesis-table');
      expect(ds.meta.encoding).toBe(file.endsWith('_00.csv') ? 'utf-8' : 'iso-8859-1');
      expect(ds.meta.tableCode).toBe(tableCode);
      expect(ds.meta.layout).toBe(exp.layout);
      expect(ds.meta.stand).toBe(/^Stand: (.*)$/.exec(lines.findLast((l) => l.startsWith('Stand:'))!)![1]);
      expect(ds.meta.copyright).toMatch(/^© Statistische Ämter des Bundes und der Länder/);

      // Row count = data lines × value columns, counted on the raw text.
      expect(ds.meta.dataLines).toBe(shape.dataLines);
      expect(ds.rowCount).toBe(shape.dataLines * shape.valueColumns);
      let n = 0;
      let outside = 0;
      for (const r of ds.rows()) {
        n++;
        if (r.line <= shape.firstData || r.line > shape.separator) outside++;
      }
      expect(n).toBe(ds.rowCount);
      expect(outside).toBe(0);

      // Measures and dimensions.
      const headerText = lines.slice(0, shape.firstData).join('\n');
      const statisticalVariableNames =
        exp.statisticalVariables ?? shape.headerLines[0]!.split(';').filter((x) => x !== '');
      expect(ds.statisticalVariables.map((m) => m.name)).toEqual(statisticalVariableNames);
      for (const m of ds.statisticalVariables) {
        expect(headerText).toContain(m.name);
        expect(m.key).toMatch(new RegExp(`^${tableCode.replace(/[-.]/g, '\\$&')}\\.[a-z0-9_]+$`));
      }
      const units = exp.units ?? [
        ...new Set(
          shape.headerLines
            .at(-1)!
            .split(';')
            .filter((x) => x !== ''),
        ),
      ];
      expect([...new Set(ds.statisticalVariables.map((m) => m.unit))].toSorted()).toEqual(units.toSorted());
      expect(ds.dimensions.filter((d) => d.named).map((d) => d.name)).toEqual(exp.named);
      expect(ds.dimensions.filter((d) => !d.named)).toHaveLength(exp.unnamed!);
      for (const d of ds.dimensions) {
        if (d.named) expect(headerText).toContain(d.name);
        else expect(d.name).toMatch(/^Merkmal \d+ \(.+\)$/);
        for (const v of d.values) {
          // Values come from the header or from a row-label column.
          expect(
            headerText.includes(v.label) ||
              lines.some((l) => l.includes(`;${v.label};`) || l.includes(`; ${v.label};`)),
          ).toBe(true);
        }
      }
      // Periods: distinct first fields (flat), period lines (period-block) or the period header row (wide).
      expect(ds.periods.length).toBeGreaterThan(0);
      expect(ds.regions.length).toBeGreaterThan(0);
      expect(ds.regions.every((r) => r.name === undefined || r.name === r.name.trim())).toBe(true);
    });
  }

  it('flat layout: periods are the distinct values of column 1 (22543-01-02-4_00, 11111-01-01-4_00)', () => {
    for (const file of [
      '22543-01-02-4_00.csv',
      '11111-01-01-4_00.csv',
      '21111-02-06-4.csv',
      'AI002-1_00.csv',
    ]) {
      const lines = rawLines(file);
      const { separator, firstData } = rawShape(lines);
      const distinct = new Set(lines.slice(firstData, separator).map((l) => l.split(';')[0]!));
      const iso = [...distinct].map((p) =>
        /^\d{4}$/.test(p) ? `${p}-01-01` : `${p.slice(6, 10)}-${p.slice(3, 5)}-${p.slice(0, 2)}`,
      );
      expect(load(file).periods.map((p) => p.date)).toEqual(iso.toSorted());
    }
  });

  it('22543-01-02-4_00.csv line 16: 01.03.2016 / 01001 / Tageseinrichtung / unter 3 Jahre = 641', () => {
    const raw = rawLines('22543-01-02-4_00.csv')[15]!.split(';');
    expect(raw.slice(0, 2)).toEqual(['01.03.2016', '01001']);
    expect(raw[3]).toBe('Tageseinrichtung');
    expect(raw[5]).toBe('641');
    const ds = load('22543-01-02-4_00.csv');
    expect(rowAt(ds, 16, 6)).toEqual({
      line: 16,
      column: 6,
      statisticalVariable: '22543-01-02-4.betreute_kinder',
      regionCode: '01001',
      regionName: 'Flensburg, Kreisfreie Stadt',
      period: { type: 'date', date: '2016-03-01' },
      dims: { merkmal_1: 'tageseinrichtung', altersgruppe: 'unter_3_jahre' },
      value: '641',
      flag: null,
    });
    // Line 16, column 5: all ages; line 18 column 6: 'Insgesamt (ohne Doppelzählungen)', unter 3 Jahre = 815.
    expect(rowAt(ds, 16, 5)).toMatchObject({ dims: { merkmal_1: 'tageseinrichtung' }, value: '3647' });
    expect(rowAt(ds, 18, 6)).toMatchObject({
      dims: { merkmal_1: 'insgesamt_ohne_doppelzaehlungen', altersgruppe: 'unter_3_jahre' },
      value: '815',
    });
    expect(rowAt(ds, 16, 9)).toMatchObject({
      statisticalVariable: '22543-01-02-4.kinder_herkunft_mind_1_elternteil_auslaendisch',
      value: '1067',
    });
    const art = ds.dimensions.find((d) => d.key === 'merkmal_1')!;
    expect(art.name).toBe('Merkmal 1 (Tageseinrichtung, Tagespflege, …)');
    expect(art.values.find((v) => v.label === 'Insgesamt (ohne Doppelzählungen)')?.isTotal).toBe(true);
  });

  it('AI002-1_00.csv line 7: 1995 / DG: 229,2; x; -14,6 (negative, not a flag)', () => {
    const raw = rawLines('AI002-1_00.csv')[6]!.split(';');
    expect([raw[3], raw[4], raw[8]]).toEqual(['229,2', 'x', '-14,6']);
    const ds = load('AI002-1_00.csv');
    expect(rowAt(ds, 7, 4)).toMatchObject({
      statisticalVariable: 'AI002-1.bevoelkerungsdichte_einwohner_je_qkm',
      regionCode: 'DG',
      period: { type: 'year', date: '1995-01-01' },
      value: '229.2',
      flag: null,
    });
    expect(rowAt(ds, 7, 5)).toMatchObject({ value: null, flag: 'x' });
    expect(rowAt(ds, 7, 9)).toMatchObject({
      statisticalVariable: 'AI002-1.geburten_gestorbenenueberschuss_je_10_000_einw',
      value: '-14.6',
      flag: null,
    });
    expect(
      ds.statisticalVariables.find((m) => m.key === 'AI002-1.anteil_auslaender_an_der_gesamtbevoelkerung')
        ?.unit,
    ).toBe('Prozent');
  });

  it('11111-01-01-4_00.csv: decimal comma, Stichtag 31.12. (lines 9 and 10527)', () => {
    const lines = rawLines('11111-01-01-4_00.csv');
    expect(lines[8]).toBe('31.12.2015;01001;      Flensburg, Kreisfreie Stadt;56,74');
    expect(lines[10526]).toBe('31.12.1995;DG;Deutschland;357022,31');
    const ds = load('11111-01-01-4_00.csv');
    expect(rowAt(ds, 9, 4)).toMatchObject({
      statisticalVariable: '11111-01-01-4.gebietsflaeche',
      regionCode: '01001',
      period: { type: 'date', date: '2015-12-31' },
      value: '56.74',
    });
    expect(rowAt(ds, 10527, 4)).toMatchObject({
      regionCode: 'DG',
      period: { type: 'date', date: '1995-12-31' },
      value: '357022.31',
    });
    expect(ds.meta.footnotes).toContain('zu "Gebietsfläche":');
    expect(ds.meta.footnotes).toContain('(ALKIS®)');
  });

  it('12411-01-01-4_00.csv (wide): the "." cells of 15001 Dessau-Roßlau (line 470) sit under their period/sex header', () => {
    const lines = rawLines('12411-01-01-4_00.csv');
    const periods = lines[6]!.split(';');
    const sexes = lines[7]!.split(';');
    const raw = lines[469]!.split(';');
    expect(raw[0]).toBe('15001');
    const dots = raw.map((v, i) => (v === '.' ? i : -1)).filter((i) => i >= 0);
    expect(dots.length).toBeGreaterThan(0);
    const ds = load('12411-01-01-4_00.csv');
    for (const i of dots) {
      const [d, m, y] = periods[i]!.split('.');
      const row = rowAt(ds, 470, i + 1);
      expect(row).toMatchObject({ regionCode: '15001', value: null, flag: '.' });
      expect(row.period).toEqual({ type: 'date', date: `${y}-${m}-${d}` });
      expect(row.dims.merkmal_1).toBe(sexes[i] === 'männlich' ? 'maennlich' : sexes[i]!.toLowerCase());
    }
    // A number in the same line: the first value column (31.12.2015, Insgesamt).
    expect(rowAt(ds, 470, 3)).toMatchObject({
      value: raw[2],
      period: { date: '2015-12-31' },
      dims: { merkmal_1: 'insgesamt' },
    });
  });

  it('12111-09-01-4_00.csv line 30: "/" for Flensburg, Gymnasiale Oberstufe, männlich', () => {
    const raw = rawLines('12111-09-01-4_00.csv')[29]!;
    expect(raw).toBe('01001;      Flensburg, Kreisfreie Stadt;Gymnasiale Oberstufe;1150;/;740;1110;/');
    const ds = load('12111-09-01-4_00.csv');
    expect(rowAt(ds, 30, 5)).toMatchObject({
      statisticalVariable: '12111-09-01-4.bevoelkerung_ab_15_jahren',
      regionCode: '01001',
      period: { type: 'date', date: '2011-05-09' },
      dims: { merkmal_1: 'gymnasiale_oberstufe', merkmal_2: 'maennlich' },
      value: null,
      flag: '/',
    });
    expect(rowAt(ds, 30, 4)).toMatchObject({ dims: { merkmal_1: 'gymnasiale_oberstufe' }, value: '1150' });
  });

  it('21111-01-03-4.csv (ISO-8859-1, period block 2015) line 2663: Baden-Baden, Vorschulbereich, weiblich = "."', () => {
    const raw = rawLines('21111-01-03-4.csv')[2662]!;
    expect(raw).toBe('08211;      Baden-Baden, Stadtkreis;Vorschulbereich;3;73;.;6;x;x');
    const ds = load('21111-01-03-4.csv');
    expect(rowAt(ds, 2663, 6)).toMatchObject({
      statisticalVariable: '21111-01-03-4.schueler_innen_an_allgemein_bildenden_schulen',
      regionCode: '08211',
      regionName: 'Baden-Baden, Stadtkreis',
      period: { type: 'year', date: '2015-01-01' },
      dims: { merkmal_1: 'vorschulbereich', geschlecht: 'weiblich' },
      value: null,
      flag: '.',
    });
    expect(rowAt(ds, 2663, 8)).toMatchObject({
      dims: { merkmal_1: 'vorschulbereich', klassenstufe_jahrgangsstufe_schulbesuchsjahr: '7_klassenstufe' },
      flag: 'x',
    });
    expect(rowAt(ds, 2663, 4)).toMatchObject({
      statisticalVariable: '21111-01-03-4.allgemein_bildende_schulen',
      value: '3',
    });
  });

  it('the two ISO-8859-1 files give correct umlauts', () => {
    const schulen = load('21111-01-03-4.csv');
    expect(schulen.statisticalVariables.map((m) => m.name)).toContain(
      'Schüler(innen) an allgemein bildenden Schulen',
    );
    expect(schulen.dimensions.find((d) => d.key === 'nationalitaet')?.values.map((v) => v.label)).toEqual([
      'Ausländer(innen)',
    ]);
    // Line 2471: '08;  Baden-Württemberg, Land;Vorschulbereich;500;…'
    expect(schulen.regions.find((r) => r.code === '08')?.name).toBe('Baden-Württemberg, Land');
    expect(schulen.dimensions.find((d) => d.key === 'merkmal_1')?.values.map((v) => v.label)).toContain(
      'Schulartunabhängige Orientierungsstufe',
    );
    const bev = load('12411-01-01-4.csv');
    expect(bev.meta.title).toBe('Bevölkerungsstand: Bevölkerung nach Geschlecht - Stichtag 31.12. -');
    // Line 214: '08;  Baden-Württemberg, Land;10879618;5393388;5486230'
    expect(bev.regions.find((r) => r.code === '08')?.name).toBe('Baden-Württemberg, Land');
    expect(bev.regions.find((r) => r.code === '01003')?.name).toBe('Lübeck, Hansestadt, Kreisfreie Stadt');
    expect(bev.meta.footnotes).toContain('Baden-Württemberg (ab Berichtsjahr 2011)');
    // Line 9: DG;Deutschland;82175684;40514123;41661561 → männlich.
    expect(rowAt(bev, 9, 4)).toMatchObject({
      period: { date: '2015-12-31' },
      dims: { merkmal_1: 'maennlich' },
      value: '40514123',
    });
    // Same figures as the UTF-8 export of the same table for 31.12.2015.
    const utf = load('12411-01-01-4_00.csv');
    const latest = new Map<string, string | null>();
    for (const r of utf.rows())
      if (r.period.date === '2015-12-31') latest.set(`${r.regionCode}|${r.dims.merkmal_1}`, r.value);
    let compared = 0;
    for (const r of bev.rows()) {
      expect(latest.get(`${r.regionCode}|${r.dims.merkmal_1}`)).toBe(r.value);
      compared++;
    }
    expect(compared).toBe(1578);
  });

  it('21111-02-06-4.csv line 12: 2015 / 01001 / Schulabschluss Insgesamt / weiblich = 664', () => {
    expect(rawLines('21111-02-06-4.csv')[11]).toBe(
      '2015;01001;      Flensburg, Kreisfreie Stadt;1302;664;111;48;176;79;440;214;89;35;0;0;575;323',
    );
    const ds = load('21111-02-06-4.csv');
    expect(rowAt(ds, 12, 5)).toMatchObject({
      statisticalVariable: '21111-02-06-4.absolventen_abgaenger',
      period: { type: 'year', date: '2015-01-01' },
      dims: { schulabschluss: 'insgesamt', merkmal_1: 'weiblich' },
      value: '664',
    });
    expect(rowAt(ds, 12, 16)).toMatchObject({
      dims: { schulabschluss: 'mit_allgemeiner_hochschulreife', merkmal_1: 'insgesamt' },
      value: '575',
    });
  });

  it('12411-02-03-5_00.csv (Gemeinden): key lengths as in the file, 8-digit AGS and Gemeindeverband keys', () => {
    const lines = rawLines('12411-02-03-5_00.csv');
    const { firstData, separator } = rawShape(lines);
    const rawKeys = lines.slice(firstData, separator).map((l) => l.split(';')[0]!);
    const ds = load('12411-02-03-5_00.csv');
    expect(countByLength(ds.regions.map((r) => r.code))).toEqual(countByLength([...new Set(rawKeys)]));
    // 'DG', Länder (2), Regierungsbezirke / stat. Regionen (3), Kreise (5), Verbandsgemeinden RP (7), Gemeinden and
    // Samtgemeinden NI (8), Gemeinden in Verbandsgemeinden RP (10) and in Samtgemeinden NI (11).
    expect(countByLength(ds.regions.map((r) => r.code)).map(([len]) => len)).toEqual([2, 3, 5, 7, 8, 10, 11]);
    // By eye: line 18 '01051001;        Albersdorf;97;…' (Gemeinde), line 1160 '03151401;        Boldecker Land,
    // Samtgemeinde', line 1161 '03151401002;        Barwedel;20;…', line 3464 '0713100007;        Bad Neuenahr-Ahrweiler, …'.
    expect(ds.regions.find((r) => r.code === '01051001')?.name).toBe('Albersdorf');
    expect(ds.regions.find((r) => r.code === '03151401')?.name).toBe('Boldecker Land, Samtgemeinde');
    expect(ds.regions.find((r) => r.code === '0713101')?.name).toBe('Adenau, Verbandsgem.');
    expect(ds.regions.some((r) => r.code.length === 10)).toBe(true);
    expect(rowAt(ds, 1161, 3)).toMatchObject({
      regionCode: '03151401002',
      regionName: 'Barwedel',
      period: { type: 'date', date: '2015-12-31' },
      dims: { merkmal_1: 'insgesamt', altersgruppen_unter_3_bis_75_u_m: 'unter_3_jahre' },
      value: '20',
    });
    expect(rowAt(ds, 18, 3)).toMatchObject({ regionCode: '01051001', value: '97' });
    expect(ds.meta.regionalDepth).toBe('Gemeinden, Samt-/Verbandsgemeinden');
  });

  it('12411-04-02-4_00.csv (largest, 3.3 MB): parses in well under 2 s, rows() is lazy and streams all cells', () => {
    const bytes = readShared(DIR, '12411-04-02-4_00.csv');
    expect(bytes.byteLength).toBeGreaterThan(3_000_000);
    parseGenesisTable({ name: 'warm-up.csv', bytes }); // JIT warm-up
    const t0 = performance.now();
    const ds = parseGenesisTable({ name: '12411-04-02-4_00.csv', bytes });
    const parseMs = performance.now() - t0;
    expect(parseMs).toBeLessThan(2000);

    // Lazy: the first row arrives long before the whole file has been read.
    const t1 = performance.now();
    const gen = ds.rows();
    const first = gen.next();
    const firstMs = performance.now() - t1;
    // Line 8 (by eye): '31.12.2015;DG;Deutschland;unter 1 Jahr;744721;382551;362170'.
    expect(first.value).toMatchObject({ line: 8, column: 5, regionCode: 'DG', value: '744721' });
    let n = 1;
    let last: DataRow | undefined;
    for (let s = gen.next(); !s.done; s = gen.next()) {
      n++;
      last = s.value;
    }
    const allMs = performance.now() - t1;
    expect(n).toBe(ds.rowCount);
    expect(n).toBe(42080 * 3);
    expect(firstMs).toBeLessThan(allMs / 5);
    // Last data line 42087 (by eye): '31.12.2015;16077;      Altenburger Land, Kreis;Insgesamt;92344;45330;47014'.
    expect(last).toMatchObject({
      line: 42087,
      column: 7,
      regionCode: '16077',
      value: '47014',
      dims: { merkmal_2: 'weiblich' },
    });
  });

  it('cross-check (SOURCE.md): Betreuungsquote U3 2016 and Anteil U3 in Tageseinrichtungen reproduce AI003-3 / AI003-1', () => {
    const kita = load('22543-01-02-4_00.csv');
    const pop = pick(load('12411-02-03-4_00.csv'), '12411-02-03-4.bevoelkerungsstand', '2015-12-31', {
      merkmal_1: 'unter_3_jahre',
      merkmal_2: 'insgesamt',
    });
    const rate = (num: Map<string, string | null>, published: Map<string, string | null>): number => {
      let equal = 0;
      for (const [code, p] of published) {
        const n = num.get(code);
        const d = pop.get(code);
        if (p === null || n == null || d == null) continue;
        const computed = new Decimal(n)
          .div(d)
          .times(100)
          .toDecimalPlaces(1, Decimal.ROUND_HALF_UP)
          .toFixed(1);
        expect(`${code}: ${computed}`).toBe(`${code}: ${p}`);
        equal++;
      }
      return equal;
    };
    const u3All = pick(kita, '22543-01-02-4.betreute_kinder', '2016-03-01', {
      merkmal_1: 'insgesamt_ohne_doppelzaehlungen',
      altersgruppe: 'unter_3_jahre',
    });
    const quote = pick(load('AI003-3_00.csv'), 'AI003-3.betreuungsquote_0_bis_2_jahre', '2016-01-01', {});
    expect(rate(u3All, quote)).toBe(448);
    const u3Kita = pick(kita, '22543-01-02-4.betreute_kinder', '2016-03-01', {
      merkmal_1: 'tageseinrichtung',
      altersgruppe: 'unter_3_jahre',
    });
    const share = pick(
      load('AI003-1_00.csv'),
      'AI003-1.anteil_betreute_kinder_0_2_jahre_in_tageseinricht',
      '2016-01-01',
      {},
    );
    expect(rate(u3Kita, share)).toBe(449);
  });
});
