/**
 * GENESIS / Regionaldatenbank table CSV exports ("GENESIS-Tabelle: …"): flat layout (period in column 1),
 * period-block layout (a period line such as `2015;;;;` above the header or between blocks) and wide layout
 * (periods in a header row). Two passes over the decoded text: `parseGenesisTable` reads the header,
 * validates every data row and collects regions/periods/dimension values; `rows()` parses the text again.
 *
 * How header rows are read (worked out on the genesapi-data exports):
 * - The rows between the title block and the data start with as many empty cells as there are row-label
 *   columns (period, region key, region name, 0–2 further labels such as school type).
 * - A header row whose cells are all periods is the period row (wide layout); a last row of units
 *   (`Anzahl`, `Prozent`, `qkm`, …) is the unit row.
 * - A title line `Name (Unit)` directly above the header (e.g. `Bevölkerungsstand (Anzahl)`) names the
 *   statistical variable; then every header row describes dimensions. Otherwise the top row names the statistical variable, unless it
 *   holds values such as `Insgesamt` (then the title is used).
 * - In the remaining rows, a cell is a dimension NAME when its row holds no value words (`Insgesamt`,
 *   `männlich`, `Deutsche`, …), is not the last row and the cell below it is filled; the cell below is the
 *   VALUE. A value without a name above it belongs to an unnamed dimension of its row ('Merkmal n').
 * - Extra row-label columns become unnamed dimensions as well.
 */
import { IMPORT_LIMITS, tooManyDimensionValues, tooManyKeys, tooManyValues } from './limits';
import { csvRecords, resumable } from './csv';
import type { CsvRecord } from './csv';
import { decodeText } from './encoding';
import type { InputFile } from './encoding';
import { parsePeriod, PeriodSet } from './periods';
import { BINARY_NAMES, sniffBinary } from './sniff';
import { cleanLabel, isTotalLabel, isValueWord, slug, uniqueKey } from './text';
import { ImportFileError } from './types';
import type { DataRow, Dataset, DatasetMeta, DimensionDef, Flag, StatisticalVariable, Period } from './types';
import { parseDecimal } from './values';

const REGION_KEY = /^(DG|\d{2,12})$/;
/** Fast path: integers without leading zero (most GENESIS cells). */
const PLAIN_INT = /^(0|[1-9]\d{0,14})$/;
const SEPARATOR = /^_{3,}$/;
const GENESIS_LINE = /^GENESIS-Tabelle:\s*(.*)$/i;
const DEPTH = /regionale?\s+Tiefe:\s*(.*)$/i;
const STAND = /^Stand:\s*(.*)$/;

const UNIT =
  /^(Anzahl|Prozent|%|‰|Promille|qkm|km²|km2|km|ha|m²|m2|m³|EUR|Euro|Tsd\.?\s*EUR|1\s?000\s*EUR|Mill\.?\s*EUR|Mio\.?\s*EUR|Tsd\.?|1\s?000|Mill\.|Mio\.|Jahre?|Monate?|Tage?|Stunden|Std\.|Personen|Einwohner|Tonnen|t|kg|Ew\/qkm|Index|\d{4}\s*=\s*100|je\s.+|pro\s.+)$/i;
const STATISTICAL_VARIABLE_LINE = /^(.*\S)\s*\(([^()]+)\)$/;

export function isUnitLabel(text: string): boolean {
  return UNIT.test(cleanLabel(text));
}

const isRegionKey = (s: string | undefined): boolean => s !== undefined && REGION_KEY.test(s.trim());
const cell = (r: CsvRecord, i: number): string => (r.cells[i] ?? '').trim();
const isEmptyRecord = (r: CsvRecord): boolean => r.cells.every((c) => c.trim() === '');

/** A data row: region key in column 1 (or period + key in columns 1–2) and at least three filled cells. */
function isDataLike(r: CsvRecord): boolean {
  const filled = r.cells.filter((c) => c.trim() !== '').length;
  if (filled < 3) return false;
  return isRegionKey(cell(r, 0)) || (parsePeriod(cell(r, 0)) !== null && isRegionKey(cell(r, 1)));
}

/** A record with only its first cell filled, holding a period (`2015;;;;`, `31.12.2015;;;`). */
function periodLine(r: CsvRecord): Period | null {
  if (r.cells.slice(1).some((c) => c.trim() !== '')) return null;
  return parsePeriod(cell(r, 0));
}

interface ColumnSpec {
  /** 0-based column index. */
  index: number;
  statisticalVariable: string;
  dims: Record<string, string>;
  period: Period | null;
  /** Header path for error messages. */
  field: string;
}

interface LabelDim {
  index: number;
  key: string;
}

interface Spec {
  file: string;
  width: number;
  /** Cells a data row needs: up to the last value column. */
  minCells: number;
  layout: 'flat' | 'period-block' | 'wide';
  keyCol: number;
  nameCol: number;
  labelDims: LabelDim[];
  columns: ColumnSpec[];
  initialPeriod: Period | null;
  headerSignatures: Set<string>;
  dataStartLine: number;
}

function fail(
  code: string,
  file: string,
  line: number,
  column: number | undefined,
  de: string,
  en: string,
  field?: string,
): never {
  throw new ImportFileError({ code, file, line, column, field, de, en });
}

interface TitleInfo {
  title?: string;
  statistic?: string;
  regionalDepth?: string;
  statisticalVariableLine?: { name: string; unit: string; line: number };
  initialPeriod: Period | null;
}

/** Title block (lines between `GENESIS-Tabelle:` and the header) → title, statistic, depth, statistical variable line, period line. */
function readTitleBlock(pre: Array<{ text: string; line: number }>): TitleInfo {
  const lines: Array<{ text: string; line: number }> = [];
  let regionalDepth: string | undefined;
  for (const l of pre) {
    const m = DEPTH.exec(l.text);
    if (m) {
      regionalDepth = m[1]!.trim();
      const before = l.text.slice(0, m.index).trim();
      if (before) lines.push({ text: before, line: l.line });
    } else {
      lines.push(l);
    }
  }
  let initialPeriod: Period | null = null;
  while (lines.length > 0) {
    const p = parsePeriod(lines[lines.length - 1]!.text);
    if (!p) break;
    initialPeriod ??= p;
    lines.pop();
  }
  let statisticalVariableLine: TitleInfo['statisticalVariableLine'];
  const last = lines[lines.length - 1];
  const ml = last ? STATISTICAL_VARIABLE_LINE.exec(last.text) : null;
  if (last && ml && lines.length >= 3 && isUnitLabel(ml[2]!)) {
    statisticalVariableLine = { name: ml[1]!.trim(), unit: ml[2]!.trim(), line: last.line };
    lines.pop();
  }
  const statistic = lines.length >= 2 ? lines.pop()!.text : undefined;
  const title = lines.length > 0 ? lines.map((l) => l.text).join(' ') : undefined;
  return { title, statistic, regionalDepth, statisticalVariableLine, initialPeriod };
}

interface HeaderResult {
  columns: ColumnSpec[];
  statisticalVariables: StatisticalVariable[];
  dims: DimensionDef[];
}

interface HeaderGrid {
  /** 0-based indices of the value columns. */
  valueCols: number[];
  /** Cleaned header cells per header record, over the value columns. */
  grid: string[][];
  /** Index into grid of the period row (wide layout) or -1. */
  periodRow: number;
}

function headerGrid(headerRecs: CsvRecord[], labelCount: number, width: number): HeaderGrid {
  const valueCols: number[] = [];
  for (let c = labelCount; c < width; c++) {
    if (headerRecs.some((r) => cell(r, c) !== '')) valueCols.push(c);
  }
  const grid = headerRecs.map((r) => valueCols.map((c) => cleanLabel(r.cells[c] ?? '')));
  const periodRow = grid.findIndex((row) => row.every((s) => s !== '' && parsePeriod(s) !== null));
  return { valueCols, grid, periodRow };
}

type CellKind = 'empty' | 'name' | 'named-value' | 'lone';

/** Read statistical variables and dimensions of every value column from the header rows. */
function readHeader(
  file: string,
  tableCode: string,
  headerRecs: CsvRecord[],
  hg: HeaderGrid,
  titleInfo: TitleInfo,
  taken: Set<string>,
  unnamedStart: number,
): HeaderResult {
  const { valueCols, grid, periodRow } = hg;
  const rest = grid.map((_, i) => i).filter((i) => i !== periodRow);
  const lastRest = rest[rest.length - 1];
  const unitRow =
    lastRest !== undefined && grid[lastRest]!.every((s) => s !== '' && isUnitLabel(s)) ? lastRest : -1;
  let labelRows = rest.filter((i) => i !== unitRow);

  // Measure name per column.
  const fallbackName =
    titleInfo.statisticalVariableLine?.name ?? titleInfo.title ?? titleInfo.statistic ?? tableCode;
  let statisticalVariableNames: string[] = valueCols.map(() => fallbackName);
  if (!titleInfo.statisticalVariableLine && labelRows.length > 0) {
    const top = grid[labelRows[0]!]!;
    if (!top.some((s) => s !== '' && isValueWord(s))) {
      statisticalVariableNames = top.map((s) => (s === '' ? fallbackName : s));
      labelRows = labelRows.slice(1);
    }
  }

  // Dimension names and values.
  const at = (k: number, j: number): string => (k < labelRows.length ? grid[labelRows[k]!]![j]! : '');
  const nameCandidate = labelRows.map(
    (r, k) => k < labelRows.length - 1 && !grid[r]!.some((s) => s !== '' && isValueWord(s)),
  );
  const kinds: CellKind[][] = labelRows.map(() => valueCols.map((): CellKind => 'empty'));
  valueCols.forEach((_, j) => {
    let pending = false;
    labelRows.forEach((_r, k) => {
      if (at(k, j) === '') return;
      if (pending) {
        kinds[k]![j] = 'named-value';
        pending = false;
      } else if (nameCandidate[k]! && at(k + 1, j) !== '') {
        kinds[k]![j] = 'name';
        pending = true;
      } else {
        kinds[k]![j] = 'lone';
      }
    });
  });
  const unnamedKeys = new Map<number, string>();
  let unnamedNo = unnamedStart;
  kinds.forEach((row, k) => {
    if (row.includes('lone')) unnamedKeys.set(k, uniqueKey(`merkmal_${unnamedNo++}`, taken));
  });
  const namedKeys = new Map<string, string>();
  const dimsByKey = new Map<string, DimensionDef>();
  const dimOrder: DimensionDef[] = [];
  const addValue = (key: string, name: string, named: boolean, label: string): string => {
    let d = dimsByKey.get(key);
    if (!d) {
      d = { key, name, named, values: [] };
      dimsByKey.set(key, d);
      dimOrder.push(d);
    }
    const vk = slug(label);
    if (!d.values.some((v) => v.key === vk)) d.values.push({ key: vk, label, isTotal: isTotalLabel(label) });
    return vk;
  };

  const columns: ColumnSpec[] = [];
  const statisticalVariables: StatisticalVariable[] = [];
  const statisticalVariableByName = new Map<string, StatisticalVariable>();
  const signatures = new Set<string>();
  for (const [j, c] of valueCols.entries()) {
    const dims: Record<string, string> = {};
    const setDim = (key: string, value: string): void => {
      if (key in dims) {
        fail(
          'ambiguous_header',
          file,
          headerRecs[0]!.line,
          c + 1,
          `Die Kopfzeilen nennen das Merkmal „${key}“ in dieser Spalte zweimal.`,
          `The header names dimension "${key}" twice in this column.`,
        );
      }
      dims[key] = value;
    };
    for (let k = 0; k < labelRows.length; k++) {
      const kind = kinds[k]![j]!;
      if (kind === 'name') {
        const name = at(k, j);
        let key = namedKeys.get(name);
        if (!key) {
          key = uniqueKey(slug(name), taken);
          namedKeys.set(name, key);
        }
        setDim(key, addValue(key, name, true, at(k + 1, j)));
      } else if (kind === 'lone') {
        const key = unnamedKeys.get(k)!;
        setDim(key, addValue(key, key, false, at(k, j)));
      }
    }
    const mName = statisticalVariableNames[j]!;
    const unit = unitRow >= 0 ? grid[unitRow]![j]! : (titleInfo.statisticalVariableLine?.unit ?? null);
    const mId = `${mName}\u0000${unit ?? ''}`;
    let m = statisticalVariableByName.get(mId);
    if (!m) {
      const base = `${tableCode}.${slug(mName)}`;
      const key = statisticalVariables.some((x) => x.name === mName)
        ? `${base}_${slug(unit ?? 'ohne_einheit')}`
        : base;
      m = { key, name: mName, unit };
      statisticalVariables.push(m);
      statisticalVariableByName.set(mId, m);
    }
    const period = periodRow >= 0 ? parsePeriod(grid[periodRow]![j]!) : null;
    const signature = JSON.stringify([m.key, Object.entries(dims).toSorted(), period]);
    if (signatures.has(signature)) {
      fail(
        'ambiguous_header',
        file,
        headerRecs[0]!.line,
        c + 1,
        'Die Kopfzeilen beschreiben zwei Spalten gleich; die Tabelle lässt sich nicht eindeutig lesen.',
        'Two columns have the same header; the table cannot be read unambiguously.',
      );
    }
    signatures.add(signature);
    const field = grid
      .map((row) => row[j]!)
      .filter((s, i) => s !== '' && i !== unitRow)
      .join(' / ');
    columns.push({ index: c, statisticalVariable: m.key, dims, period, field });
  }
  for (const d of dimOrder) {
    if (!d.named) d.name = unnamedName(d);
  }
  return { columns, statisticalVariables, dims: dimOrder };
}

function unnamedName(d: DimensionDef): string {
  const no = /(\d+)$/.exec(d.key)?.[1] ?? '';
  const labels = d.values.map((v) => v.label);
  const shown = labels.slice(0, 2).join(', ');
  return `Merkmal ${no} (${shown}${labels.length > 2 ? ', …' : ''})`;
}

interface Collector {
  regions: Map<string, string | undefined>;
  periods: PeriodSet;
  labelValues: Map<string, DimensionDef>;
  dataLines: number;
  cells: number;
}

/**
 * Data zone: yields one DataRow per value cell, from `start` (the first record after the header) until
 * the `__________` line. Returns that line's record, or null at the end of the file.
 */
function* dataRows(
  records: Iterator<CsvRecord>,
  spec: Spec,
  collect: Collector | null,
  first: CsvRecord | null,
): Generator<DataRow, CsvRecord | null> {
  let period = spec.initialPeriod;
  let pending = first;
  const periodCache = new Map<string, Period | null>();
  const nameCache = new Map<string, string>();
  const labelCaches = spec.labelDims.map(() => new Map<string, { label: string; key: string }>());
  const dimsCache = new Map<string, Array<Readonly<Record<string, string>>>>();
  const noLabelDims = spec.columns.map((c) => Object.freeze({ ...c.dims }));
  if (collect) for (const c of spec.columns) if (c.period) collect.periods.add(c.period);
  for (;;) {
    let r: CsvRecord;
    if (pending) {
      r = pending;
      pending = null;
    } else {
      const n = records.next();
      if (n.done) return null;
      r = n.value;
    }
    const c0 = cell(r, 0);
    if (c0 === '' && isEmptyRecord(r)) continue;
    if (SEPARATOR.test(c0)) return r;
    if (spec.layout !== 'flat' && (r.cells[1] ?? '').trim() === '') {
      const pl = periodLine(r);
      if (pl) {
        period = pl;
        continue;
      }
    }
    if (c0 === '') {
      const sig = r.cells.map((s) => cleanLabel(s)).join('\u0000');
      if (spec.headerSignatures.has(sig)) continue; // repeated header
      fail(
        'unexpected_row',
        spec.file,
        r.line,
        1,
        'Unerwartete Zeile im Datenbereich: Es fehlt der Regionalschlüssel.',
        'Unexpected row in the data area: region key missing.',
      );
    }
    if (r.cells.length < spec.minCells) {
      const col = r.cells.length + 1;
      const field = spec.columns.find((c) => c.index === col - 1)?.field;
      fail(
        'short_row',
        spec.file,
        r.line,
        col,
        `Die Zeile hat nur ${r.cells.length} statt ${spec.minCells} Felder (Datei abgeschnitten oder Zeile unvollständig).`,
        `Row has ${r.cells.length} instead of ${spec.minCells} fields (truncated?).`,
        field,
      );
    }
    for (let i = spec.width; i < r.cells.length; i++) {
      if ((r.cells[i] ?? '').trim() !== '') {
        fail(
          'extra_cells',
          spec.file,
          r.line,
          i + 1,
          `Die Zeile hat mehr Felder als die Kopfzeilen (${spec.width}).`,
          `Row has more fields than the header (${spec.width}).`,
        );
      }
    }
    let rowPeriod = period;
    if (spec.layout === 'flat') {
      rowPeriod = cached(periodCache, c0, parsePeriod);
      if (!rowPeriod) {
        fail(
          'invalid_period',
          spec.file,
          r.line,
          1,
          `„${c0}“ ist keine Zeitangabe (erwartet z. B. 2015 oder 31.12.2015).`,
          `"${c0}" is not a period.`,
          'Zeit',
        );
      }
    }
    const code = cell(r, spec.keyCol);
    if (!REGION_KEY.test(code)) {
      fail(
        'invalid_region_key',
        spec.file,
        r.line,
        spec.keyCol + 1,
        `„${code}“ ist kein gültiger Regionalschlüssel (erwartet DG oder 2–12 Ziffern mit führenden Nullen).`,
        `"${code}" is not a valid region key.`,
        'Regionalschlüssel',
      );
    }
    if (spec.layout === 'period-block' && !rowPeriod) {
      fail(
        'no_period',
        spec.file,
        r.line,
        1,
        'Für diese Zeile ist kein Zeitbezug angegeben (weder Zeitspalte noch Zeitzeile darüber).',
        'No period for this row.',
      );
    }
    const name = cached(nameCache, r.cells[spec.nameCol] ?? '', cleanLabel);
    // Dims objects are shared between rows with the same labels (frozen, read-only).
    let colDims = noLabelDims;
    if (spec.labelDims.length > 0) {
      let sig = '';
      for (const [i, ld] of spec.labelDims.entries()) {
        const raw = r.cells[ld.index] ?? '';
        let lv = labelCaches[i]!.get(raw);
        if (!lv) {
          const label = cleanLabel(raw);
          if (label === '') {
            fail(
              'missing_label',
              spec.file,
              r.line,
              ld.index + 1,
              'Die Zeilenbeschriftung fehlt.',
              'Row label missing.',
            );
          }
          lv = { label, key: slug(label) };
          labelCaches[i]!.set(raw, lv);
          // A new label in this pass: collect its value (several spellings may share one key).
          if (collect) {
            const d = collect.labelValues.get(ld.key)!;
            const vk = lv.key;
            if (!d.values.some((v) => v.key === vk)) {
              if (d.values.length >= IMPORT_LIMITS.dimensionValues) {
                throw tooManyDimensionValues(spec.file, r.line, cleanLabel(d.name), ld.index + 1);
              }
              d.values.push({ key: vk, label: lv.label, isTotal: isTotalLabel(lv.label) });
            }
          }
        }
        sig += `${lv.key}\u0001`;
      }
      let cd = dimsCache.get(sig);
      if (!cd) {
        const keys = sig.split('\u0001');
        const labelDims: Record<string, string> = {};
        spec.labelDims.forEach((ld, i) => (labelDims[ld.key] = keys[i]!));
        cd = spec.columns.map((col) => Object.freeze({ ...labelDims, ...col.dims }));
        dimsCache.set(sig, cd);
      }
      colDims = cd;
    }
    if (collect) {
      collect.dataLines++;
      if (!collect.regions.has(code)) {
        if (collect.regions.size >= IMPORT_LIMITS.keys) throw tooManyKeys(spec.file, r.line);
        collect.regions.set(code, name || undefined);
      }
      if (rowPeriod && spec.layout !== 'wide') collect.periods.add(rowPeriod);
      collect.cells += spec.columns.length;
      if (collect.cells > IMPORT_LIMITS.values) throw tooManyValues(spec.file, r.line);
    }
    for (let j = 0; j < spec.columns.length; j++) {
      const col = spec.columns[j]!;
      const raw = r.cells[col.index]!;
      let value: string | null;
      let flag: Flag | null;
      if (PLAIN_INT.test(raw)) {
        value = raw;
        flag = null;
      } else {
        if (raw.trim() === '') {
          fail(
            'empty_value',
            spec.file,
            r.line,
            col.index + 1,
            'Die Zelle ist leer; erwartet wird eine Zahl oder ein Sonderzeichen.',
            'Empty cell; a number or a quality sign is expected.',
            col.field,
          );
        }
        const v = parseDecimal(raw, {
          file: spec.file,
          line: r.line,
          column: col.index + 1,
          field: col.field,
        });
        value = v.value;
        flag = v.flag;
      }
      const row: DataRow = {
        line: r.line,
        column: col.index + 1,
        statisticalVariable: col.statisticalVariable,
        regionCode: code,
        period: col.period ?? rowPeriod!,
        dims: colDims[j]!,
        value,
        flag,
      };
      if (name) row.regionName = name;
      yield row;
    }
  }
}

function cached<T>(cache: Map<string, T>, key: string, make: (k: string) => T): T {
  let v = cache.get(key);
  if (v === undefined && !cache.has(key)) {
    v = make(key);
    cache.set(key, v);
  }
  return v as T;
}

/** Parse a GENESIS / Regionaldatenbank table CSV export. */
export function parseGenesisTable(file: InputFile): Dataset {
  const binary = sniffBinary(file.bytes);
  if (binary) {
    fail(
      'not_genesis_table',
      file.name,
      1,
      1,
      `Die Datei ist keine GENESIS-Tabelle, sondern ein ${BINARY_NAMES[binary]}.`,
      `Not a GENESIS table but a ${binary} file.`,
    );
  }
  const { text, encoding } = decodeText(file);
  const records = resumable(csvRecords(text, ';', file.name));

  // 1. `GENESIS-Tabelle:` line.
  let firstRec: CsvRecord | undefined;
  for (const r of records) {
    if (!isEmptyRecord(r)) {
      firstRec = r;
      break;
    }
  }
  const gm = firstRec ? GENESIS_LINE.exec(cell(firstRec, 0)) : null;
  if (!firstRec || !gm) {
    fail(
      'not_genesis_table',
      file.name,
      firstRec?.line ?? 1,
      1,
      'Die Datei ist keine GENESIS-Tabelle: Die erste Zeile muss mit „GENESIS-Tabelle:“ beginnen.',
      'Not a GENESIS table: the first line must start with "GENESIS-Tabelle:".',
    );
  }
  const tableCode = gm[1]!.replace(/;+$/, '').trim() || file.name.replace(/(_00)?\.csv$/i, '');

  // 2. Title block and header rows.
  const pre: Array<{ text: string; line: number }> = [];
  const headerRecs: CsvRecord[] = [];
  let firstData: CsvRecord | null = null;
  let lastLine = firstRec.endLine;
  for (const r of records) {
    lastLine = r.endLine;
    if (isEmptyRecord(r)) continue;
    const c0 = cell(r, 0);
    if (c0 === '') {
      headerRecs.push(r);
      continue;
    }
    if (headerRecs.length === 0 && !isDataLike(r) && !SEPARATOR.test(c0)) {
      pre.push({ text: cleanLabel(r.cells.filter((s) => s.trim() !== '').join(' ')), line: r.line });
      continue;
    }
    firstData = r;
    break;
  }
  if (headerRecs.length === 0) {
    fail(
      'no_header',
      file.name,
      firstData?.line ?? lastLine,
      undefined,
      'Die Tabelle hat keine Kopfzeilen (Zeilen, die mit leeren Zellen beginnen).',
      'The table has no header rows.',
    );
  }
  if (!firstData) {
    fail(
      'truncated',
      file.name,
      lastLine,
      undefined,
      `Die Datei ist unvollständig: Nach den Kopfzeilen folgen keine Daten (letzte Zeile ${lastLine}).`,
      `Truncated file: no data after the header (last line ${lastLine}).`,
    );
  }
  const titleInfo = readTitleBlock(pre);

  const width = Math.max(...headerRecs.map((r) => r.cells.length));
  const labelCount = Math.min(
    ...headerRecs.map((r) => {
      const k = r.cells.findIndex((s) => s.trim() !== '');
      return k < 0 ? width : k;
    }),
  );

  // 3. Layout: periods in a header row (wide), in column 1 (flat) or in period lines (period-block).
  const hg = headerGrid(headerRecs, labelCount, width);
  let layout: Spec['layout'];
  if (hg.periodRow >= 0) layout = 'wide';
  else if (!periodLine(firstData) && parsePeriod(cell(firstData, 0)) && isRegionKey(cell(firstData, 1)))
    layout = 'flat';
  else layout = 'period-block';
  const keyCol = layout === 'flat' ? 1 : 0;
  const nameCol = keyCol + 1;
  if (labelCount < nameCol + 1) {
    fail(
      'bad_header',
      file.name,
      headerRecs[0]!.line,
      labelCount + 1,
      'Die Kopfzeilen passen nicht zu den Datenzeilen: Zu wenige Spalten für Regionalschlüssel und Regionsname.',
      'The header does not fit the data rows (too few label columns).',
    );
  }

  const taken = new Set<string>();
  const labelDims: LabelDim[] = [];
  const labelValues = new Map<string, DimensionDef>();
  for (let i = nameCol + 1; i < labelCount; i++) {
    const key = uniqueKey(`merkmal_${labelDims.length + 1}`, taken);
    labelDims.push({ index: i, key });
    labelValues.set(key, { key, name: key, named: false, values: [] });
  }
  const header = readHeader(file.name, tableCode, headerRecs, hg, titleInfo, taken, labelDims.length + 1);

  const spec: Spec = {
    file: file.name,
    width,
    minCells: Math.max(nameCol + 1, ...header.columns.map((c) => c.index + 1)),
    layout,
    keyCol,
    nameCol,
    labelDims,
    columns: header.columns,
    initialPeriod: titleInfo.initialPeriod,
    headerSignatures: new Set(headerRecs.map((r) => r.cells.map((s) => cleanLabel(s)).join('\u0000'))),
    dataStartLine: firstData.line,
  };

  // 4. First pass over the data: validate and collect.
  const collect: Collector = {
    regions: new Map(),
    periods: new PeriodSet(),
    labelValues,
    dataLines: 0,
    cells: 0,
  };
  const gen = dataRows(records, spec, collect, firstData);
  let step = gen.next();
  while (!step.done) step = gen.next();
  const separator = step.value;
  if (!separator) {
    fail(
      'truncated',
      file.name,
      lastLineOf(text),
      undefined,
      `Die Datei ist unvollständig: Die Trennlinie „__________“ und die Zeile „Stand:“ am Tabellenende fehlen (letzte Zeile ${lastLineOf(text)}).`,
      'Truncated file: the "__________" line and the "Stand:" line are missing.',
    );
  }

  // 5. Footer: footnotes, copyright, Stand.
  const footnotes: string[] = [];
  let copyright: string | undefined;
  let stand: string | undefined;
  let footerLast = separator.endLine;
  for (const r of records) {
    footerLast = r.endLine;
    if (isEmptyRecord(r)) continue;
    const t = r.cells
      .filter((s) => s.trim() !== '')
      .join(';')
      .trim();
    const sm = STAND.exec(t);
    if (sm) stand = sm[1]!.trim();
    else if (t.startsWith('©')) copyright = t;
    else footnotes.push(t);
  }
  if (stand === undefined) {
    fail(
      'truncated',
      file.name,
      footerLast,
      undefined,
      `Die Datei ist unvollständig: Die Zeile „Stand: …“ am Tabellenende fehlt (letzte Zeile ${footerLast}).`,
      `Truncated file: the "Stand:" line is missing (last line ${footerLast}).`,
    );
  }

  // 6. Dataset.
  for (const d of labelValues.values()) d.name = unnamedName(d);
  const dimensions: DimensionDef[] = [...labelValues.values(), ...header.dims];
  const meta: DatasetMeta = {
    format: 'genesis-table',
    encoding,
    tableCode,
    ...(titleInfo.title ? { title: titleInfo.title } : {}),
    ...(titleInfo.statistic ? { statistic: titleInfo.statistic } : {}),
    ...(titleInfo.regionalDepth ? { regionalDepth: titleInfo.regionalDepth } : {}),
    ...(footnotes.length > 0 ? { footnotes: footnotes.join('\n') } : {}),
    ...(copyright ? { copyright } : {}),
    stand,
    layout,
    dataLines: collect.dataLines,
  };
  const regions = [...collect.regions].map(([code, name]) => (name ? { code, name } : { code }));
  return {
    meta,
    statisticalVariables: header.statisticalVariables,
    dimensions,
    regions,
    periods: collect.periods.sorted(),
    rowCount: collect.cells,
    *rows(): Generator<DataRow> {
      const recs = resumable(csvRecords(text, ';', file.name));
      let start: CsvRecord | null = null;
      for (const r of recs) {
        if (r.line >= spec.dataStartLine) {
          start = r;
          break;
        }
      }
      yield* dataRows(recs, spec, null, start);
    },
  };
}

function lastLineOf(text: string): number {
  let n = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  // A final newline does not start another line.
  return text.endsWith('\n') ? n - 1 : n;
}
