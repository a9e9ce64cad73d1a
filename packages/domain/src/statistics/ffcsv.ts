/**
 * GENESIS-Online "ffcsv" flat files (format since 2024; one value per line, delivered as a zip with one
 * `<table>_<lang>_flat.csv`). Header:
 * `statistics_code;statistics_label;time_code;time_label;time;1_variable_code;1_variable_label;
 *  1_variable_attribute_code;1_variable_attribute_label;2_variable_code;…;value;value_unit;
 *  value_variable_code;value_variable_label[;value_q]`
 * - The regional variable (DINSG, DLAND, REGBEZ, KREISE, GEMEIN…, GEO*) gives the region key (attribute
 *   code, e.g. 'DG', '01', '09162', 12-digit ARS); all other variables become dimensions. An empty attribute
 *   code stands for the total ('Insgesamt').
 * - `value` holds a number (decimal comma in German exports, point in English ones) or a value-replacing
 *   sign; `value_q` (optional) the quality sign: 'e' (endgültig) → no flag, 'p', 'r', 's', '()', or a
 *   value-replacing sign.
 * - time_code JAHR → year, STAG → date, SJAHR/SCHULJ → school year, HJAHR → half-year.
 */
import { readZip, zipErrorArgs, ZipLimitError } from '../zip';
import { IMPORT_LIMITS, tooManyDimensionValues, tooManyKeys, tooManyValues } from './limits';
import { csvRecords, resumable } from './csv';
import type { CsvRecord } from './csv';
import { decodeText } from './encoding';
import type { InputFile } from './encoding';
import { parsePeriod, PeriodSet } from './periods';
import { BINARY_NAMES, sniffBinary } from './sniff';
import { cleanLabel, isTotalLabel, slug, uniqueKey } from './text';
import { ImportFileError } from './types';
import type { DataRow, Dataset, DimensionDef, Flag, StatisticalVariable, Period, PeriodType } from './types';
import { parseDecimal, parseFlagCell } from './values';

const REGION_VARIABLES = new Set([
  'DINSG',
  'DLAND',
  'LAND',
  'REGBEZ',
  'KREISE',
  'KREIS',
  'GEMEIN',
  'GEMEINDE',
  'GEMVB',
  'GVBAND',
]);

export function isRegionVariable(code: string): boolean {
  const c = code.trim().toUpperCase();
  return REGION_VARIABLES.has(c) || c.startsWith('GEO');
}

const TIME_TYPES: Record<string, PeriodType> = {
  JAHR: 'year',
  STAG: 'date',
  SJAHR: 'school_year',
  SCHULJ: 'school_year',
  HJAHR: 'half_year',
};

const REQUIRED = ['time', 'value'] as const;

interface Columns {
  statisticsCode?: number;
  statisticsLabel?: number;
  timeCode?: number;
  time: number;
  value: number;
  unit?: number;
  valueCode?: number;
  valueLabel?: number;
  q?: number;
  variables: Array<{ code: number; label: number; attrCode: number; attrLabel: number }>;
  width: number;
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

function readColumns(header: CsvRecord, file: string): Columns {
  const names = header.cells.map((c) => c.trim().toLowerCase());
  const idx = (n: string): number | undefined => {
    const i = names.indexOf(n);
    return i < 0 ? undefined : i;
  };
  for (const r of REQUIRED) {
    if (idx(r) === undefined) {
      fail(
        'missing_column',
        file,
        header.line,
        undefined,
        `Die Spalte „${r}“ fehlt; das ist kein GENESIS-Flatfile (ffcsv).`,
        `Column "${r}" missing; not a GENESIS flat file.`,
        r,
      );
    }
  }
  const variables: Columns['variables'] = [];
  for (let n = 1; ; n++) {
    const code = idx(`${n}_variable_code`);
    if (code === undefined) break;
    const label = idx(`${n}_variable_label`);
    const attrCode = idx(`${n}_variable_attribute_code`);
    const attrLabel = idx(`${n}_variable_attribute_label`);
    if (label === undefined || attrCode === undefined || attrLabel === undefined) {
      fail(
        'missing_column',
        file,
        header.line,
        code + 1,
        `Zur Spalte „${n}_variable_code“ fehlen „${n}_variable_label“, „${n}_variable_attribute_code“ oder „${n}_variable_attribute_label“.`,
        `Incomplete variable columns for variable ${n}.`,
      );
    }
    variables.push({ code, label, attrCode, attrLabel });
  }
  return {
    statisticsCode: idx('statistics_code'),
    statisticsLabel: idx('statistics_label'),
    timeCode: idx('time_code'),
    time: idx('time')!,
    value: idx('value')!,
    unit: idx('value_unit'),
    valueCode: idx('value_variable_code'),
    valueLabel: idx('value_variable_label'),
    q: idx('value_q'),
    variables,
    width: header.cells.length,
  };
}

/** Table code from a file name such as '12411-0010_de_flat.csv' or '1000A-0001_de_flat.zip'. */
function tableCodeFromName(name: string): string | undefined {
  const base = name.split('/').pop() ?? name;
  return /^([0-9A-Z]{4,6}-[0-9A-Z]{2,6}(?:-[0-9A-Z]+)*)(?:_|\.)/i.exec(base)?.[1];
}

interface State {
  decimal: 'comma' | 'point';
  statisticalVariables: StatisticalVariable[];
  statisticalVariableIds: Map<string, string>;
  dims: Map<string, DimensionDef>;
  dimKeys: Map<string, string>;
  taken: Set<string>;
  regions: Map<string, string | undefined>;
  periods: PeriodSet;
  statistic?: string;
  statisticsCode?: string;
  count: number;
}

/**
 * Decimal notation: from the language in the file name ('_de_flat' → comma, '_en_flat' → point), else
 * comma when any field holds a comma decimal, point when only point decimals occur.
 */
function decimalNotation(name: string, text: string): 'comma' | 'point' {
  const lang = /_(de|en)_flat/i.exec(name)?.[1]?.toLowerCase();
  if (lang) return lang === 'de' ? 'comma' : 'point';
  if (/;-?\(?\d+,\d+\)?\s?[prs]?;/.test(text)) return 'comma';
  if (/;-?\(?\d+\.\d+\)?\s?[prs]?;/.test(text)) return 'point';
  return 'comma';
}

/** Unzip a GENESIS-Online ffcsv delivery (exactly one CSV inside). */
function unzipFlatFile(file: InputFile): InputFile {
  let entries: Record<string, Uint8Array>;
  try {
    // Only CSV files are inflated, as streams within the zip limits (zip bombs).
    entries = readZip(file.bytes, { want: (n) => /\.csv$/i.test(n) && !n.startsWith('__MACOSX/') }).entries;
  } catch (e) {
    if (e instanceof ZipLimitError && e.code !== 'zip_broken')
      throw new ImportFileError(zipErrorArgs(e, file.name));
    fail('broken_zip', file.name, 1, undefined, 'Das ZIP-Archiv ist beschädigt.', 'Broken zip archive.');
  }
  const csvs = Object.keys(entries).filter((n) => /\.csv$/i.test(n) && !n.startsWith('__MACOSX/'));
  if (csvs.length !== 1) {
    fail(
      'zip_content',
      file.name,
      1,
      undefined,
      `Das ZIP-Archiv muss genau eine CSV-Datei enthalten (gefunden: ${csvs.length}).`,
      `The zip must contain exactly one CSV file (found ${csvs.length}).`,
    );
  }
  return { name: `${file.name}/${csvs[0]!}`, bytes: entries[csvs[0]!]! };
}

/** Parse a GENESIS-Online flat file (ffcsv), plain CSV or the zip as delivered. */
export function parseGenesisFlatFile(input: InputFile): Dataset {
  const kind = sniffBinary(input.bytes);
  const file = kind === 'zip' ? unzipFlatFile(input) : input;
  if (kind && kind !== 'zip') {
    fail(
      'not_ffcsv',
      file.name,
      1,
      1,
      `Die Datei ist kein GENESIS-Flatfile, sondern ein ${BINARY_NAMES[kind]}.`,
      `Not a GENESIS flat file but a ${kind} file.`,
    );
  }
  const { text, encoding } = decodeText(file);
  const records = resumable(csvRecords(text, ';', file.name));
  let header: CsvRecord | undefined;
  for (const r of records) {
    if (r.cells.some((c) => c.trim() !== '')) {
      header = r;
      break;
    }
  }
  if (!header || !header.cells.some((c) => c.trim().toLowerCase() === 'value')) {
    fail(
      'not_ffcsv',
      file.name,
      header?.line ?? 1,
      1,
      'Die Datei ist kein GENESIS-Flatfile (ffcsv): Die Kopfzeile muss Spalten wie „statistics_code;…;time;…;value“ enthalten.',
      'Not a GENESIS flat file: header with statistics_code;…;time;…;value expected.',
    );
  }
  const cols = readColumns(header, file.name);
  const tableCode = tableCodeFromName(input.name);

  const state: State = {
    decimal: 'comma',
    statisticalVariables: [],
    statisticalVariableIds: new Map(),
    dims: new Map(),
    dimKeys: new Map(),
    taken: new Set(),
    regions: new Map(),
    periods: new PeriodSet(),
    count: 0,
  };
  const ctx = { file: file.name, cols, tableCode, names: header.cells.map((c) => c.trim()) };
  state.decimal = decimalNotation(input.name, text);
  let lines = 0;
  for (const row of flatRows(records, ctx, state, true)) {
    void row;
    lines++;
  }
  const decimal = state.decimal;
  const code = tableCode ?? state.statisticsCode;
  return {
    meta: {
      format: 'genesis-ffcsv',
      encoding,
      ...(code ? { tableCode: code } : {}),
      ...(state.statistic ? { statistic: state.statistic } : {}),
      dataLines: lines,
    },
    statisticalVariables: state.statisticalVariables,
    dimensions: [...state.dims.values()],
    regions: [...state.regions].map(([c, name]) => (name ? { code: c, name } : { code: c })),
    periods: state.periods.sorted(),
    rowCount: lines,
    *rows(): Generator<DataRow> {
      const recs = resumable(csvRecords(text, ';', file.name));
      for (const r of recs) if (r.line >= header.line) break;
      const frozen: State = { ...state, decimal };
      yield* flatRows(recs, ctx, frozen, false);
    },
  };
}

function* flatRows(
  records: Iterator<CsvRecord>,
  ctx: { file: string; cols: Columns; tableCode: string | undefined; names: string[] },
  state: State,
  first: boolean,
): Generator<DataRow> {
  const { file, cols } = ctx;
  const periodCache = new Map<string, Period | null>();
  for (;;) {
    const n = records.next();
    if (n.done) return;
    const r = n.value;
    if (r.cells.every((c) => c.trim() === '')) continue;
    if (r.cells.length < cols.width) {
      fail(
        'short_row',
        file,
        r.line,
        r.cells.length + 1,
        `Die Zeile hat nur ${r.cells.length} statt ${cols.width} Felder (Datei abgeschnitten?).`,
        `Row has ${r.cells.length} instead of ${cols.width} fields.`,
      );
    }
    const at = (i: number | undefined): string => (i === undefined ? '' : r.cells[i]!.trim());

    // Period.
    const timeCode = at(cols.timeCode).toUpperCase();
    const timeText = at(cols.time);
    const pid = `${timeCode}\u0000${timeText}`;
    let period = periodCache.get(pid);
    if (period === undefined) {
      period = parsePeriod(timeText, TIME_TYPES[timeCode]) ?? parsePeriod(timeText);
      periodCache.set(pid, period);
    }
    if (!period) {
      fail(
        'invalid_period',
        file,
        r.line,
        cols.time + 1,
        `„${timeText}“ ist keine Zeitangabe (erwartet z. B. 2015, 2015-12-31 oder 31.12.2015).`,
        `"${timeText}" is not a period.`,
        'time',
      );
    }

    // Region and dimensions.
    let regionCode: string | null = null;
    let regionName: string | undefined;
    const dims: Record<string, string> = {};
    for (const v of cols.variables) {
      const vCode = at(v.code);
      const vLabel = cleanLabel(at(v.label));
      const aCode = at(v.attrCode);
      const aLabel = cleanLabel(at(v.attrLabel));
      if (vCode === '' && vLabel === '') continue;
      if (isRegionVariable(vCode)) {
        if (regionCode !== null) {
          fail(
            'two_regions',
            file,
            r.line,
            v.code + 1,
            'Die Zeile enthält zwei regionale Merkmale.',
            'The row has two regional variables.',
          );
        }
        if (aCode === '') {
          fail(
            'invalid_region_key',
            file,
            r.line,
            v.attrCode + 1,
            'Der Regionalschlüssel fehlt.',
            'Region key missing.',
            ctx.names[v.attrCode],
          );
        }
        regionCode = aCode;
        regionName = aLabel || undefined;
        continue;
      }
      const dimId = vCode || vLabel;
      let key = state.dimKeys.get(dimId);
      if (!key) {
        if (!first) throw new Error(`unknown dimension ${dimId}`); // cannot happen: pass 1 saw every row
        key = uniqueKey(slug(vLabel || vCode), state.taken);
        state.dimKeys.set(dimId, key);
        state.dims.set(key, {
          key,
          name: vLabel || vCode,
          named: true,
          code: vCode || undefined,
          values: [],
        });
      }
      const label = aLabel || (aCode === '' ? 'Insgesamt' : aCode);
      const vk = slug(label);
      if (first) {
        const d = state.dims.get(key)!;
        if (!d.values.some((x) => x.key === vk)) {
          if (d.values.length >= IMPORT_LIMITS.dimensionValues) {
            throw tooManyDimensionValues(file, r.line, d.name);
          }
          d.values.push({
            key: vk,
            label,
            isTotal: aCode === '' || isTotalLabel(label),
            ...(aCode ? { code: aCode } : {}),
          });
        }
      }
      dims[key] = vk;
    }
    if (regionCode === null) {
      fail(
        'no_region',
        file,
        r.line,
        undefined,
        'Die Zeile enthält kein regionales Merkmal (z. B. DINSG, DLAND, KREISE, GEMEIN).',
        'The row has no regional variable.',
      );
    }

    // Measure.
    const mCode = at(cols.valueCode);
    const mLabel = cleanLabel(at(cols.valueLabel)) || mCode || 'Wert';
    const unit = at(cols.unit) || null;
    const mId = `${mCode}\u0000${mLabel}\u0000${unit ?? ''}`;
    let statisticalVariable = state.statisticalVariableIds.get(mId);
    if (!statisticalVariable) {
      if (!first) throw new Error(`unknown statisticalVariable ${mId}`);
      const base = `${ctx.tableCode ?? (at(cols.statisticsCode) || 'genesis')}.${slug(mLabel)}`;
      const clash = state.statisticalVariables.some((m) => m.key === base);
      statisticalVariable = clash ? uniqueKey(`${base}_${slug(unit ?? mCode)}`, state.taken) : base;
      state.taken.add(statisticalVariable);
      state.statisticalVariableIds.set(mId, statisticalVariable);
      state.statisticalVariables.push({ key: statisticalVariable, name: mLabel, unit });
    }

    // Value and quality sign.
    const raw = at(cols.value);
    const cellCtx = { file, line: r.line, column: cols.value + 1, field: 'value' };
    let value: string | null = null;
    let flag: Flag | null = null;
    if (raw !== '') {
      const v = parseDecimal(raw, cellCtx, { decimal: state.decimal });
      value = v.value;
      flag = v.flag;
    }
    if (cols.q !== undefined) {
      const q = parseFlagCell(at(cols.q), { file, line: r.line, column: cols.q + 1, field: 'value_q' });
      if (q === '-' || q === '.' || q === 'x' || q === '/' || q === '...') {
        value = null;
        flag = q;
      } else if (q && flag === null) {
        flag = q;
      }
    }
    if (value === null && flag === null) {
      fail(
        'empty_value',
        file,
        r.line,
        cols.value + 1,
        'Der Wert fehlt (weder Zahl noch Qualitätskennzeichen).',
        'Value missing.',
        'value',
      );
    }

    if (first) {
      if (++state.count > IMPORT_LIMITS.values) throw tooManyValues(file, r.line);
      state.periods.add(period);
      if (!state.regions.has(regionCode)) {
        if (state.regions.size >= IMPORT_LIMITS.keys) throw tooManyKeys(file, r.line);
        state.regions.set(regionCode, regionName);
      }
      if (state.statistic === undefined) {
        state.statistic = at(cols.statisticsLabel) || undefined;
        state.statisticsCode = at(cols.statisticsCode) || undefined;
      }
    }
    const row: DataRow = {
      line: r.line,
      column: cols.value + 1,
      statisticalVariable,
      regionCode,
      period,
      dims,
      value,
      flag,
    };
    if (regionName) row.regionName = regionName;
    yield row;
  }
}
