/**
 * Tidy tables (CSV or XLSX): inspection for the mapping step and parsing with a `TidyMapping`.
 * One row per area (and period / dimension values), one column per value. Excel-style German CSV
 * (`;`, BOM, decimal comma, `1.234,5`) is read with the decimal notation detected from the data.
 */
import { CellIndex } from './cellIndex';
import type { InputFile } from './encoding';
import { normaliseKey } from './keys';
import { displayLabel, IMPORT_LIMITS, tooManyDimensionValues, tooManyKeys, tooManyValues } from './limits';
import { parsePeriod, PeriodSet } from './periods';
import { openSource } from './tableSource';
import type { SourceRow, TableSource } from './tableSource';
import { cleanLabel, isTotalLabel, slug } from './text';
import { ImportFileError, VALUE_FLAGS } from './types';
import type {
  DataRow,
  Dataset,
  DimensionDef,
  Flag,
  StatisticalVariable,
  Period,
  TableInspection,
  TidyMapping,
} from './types';
import { parseDecimal, parseFlagCell, toDecimalString } from './values';

const SCAN_ROWS = 60;
const SAMPLE_ROWS = 10;
const DECIMAL_ROWS = 500;

const isFlag = (s: string): boolean =>
  (VALUE_FLAGS as readonly string[]).includes(s) || s === 'X' || s === '…';

function nonEmpty(r: SourceRow): number {
  let n = 0;
  for (const c of r.cells) if (c.trim() !== '') n++;
  return n;
}

function looksNumeric(r: SourceRow, i: number, decimalComma: boolean): boolean {
  if (r.numeric?.[i]) return true;
  const s = (r.cells[i] ?? '').trim();
  if (s === '') return false;
  return toDecimalString(s, { decimal: decimalComma ? 'comma' : 'point', thousands: true }) !== null;
}

/**
 * Decimal comma when more data cells use '12,5' / '1.234,5' than '12.5' / '1,234.5'. Cells such as '1.234'
 * (German thousands or English decimals) decide only when nothing else does: with ';' or tab as delimiter
 * (German Excel) they are thousands. Without any evidence: comma for ';'-separated text, else point.
 */
function detectDecimalComma(rows: SourceRow[], delimiter: string | undefined): boolean {
  let comma = 0;
  let point = 0;
  let dotGrouped = 0;
  for (const r of rows) {
    r.cells.forEach((c, i) => {
      if (r.numeric?.[i]) return;
      const s = c.trim().replace(/(?<=\d)[ \u00a0](?=\d{3}(?!\d))/g, '');
      if (/^[-+]?\d{1,3}(\.\d{3})+$/.test(s)) dotGrouped++;
      else if (/^[-+]?\d+,\d+$/.test(s) || /^[-+]?\d{1,3}(\.\d{3})+,\d+$/.test(s)) comma++;
      else if (/^[-+]?\d+\.\d+$/.test(s) || /^[-+]?\d{1,3}(,\d{3})+\.\d+$/.test(s)) point++;
    });
  }
  if (delimiter === ',' && comma === 0) return false;
  if (comma !== point) return comma > point;
  if (dotGrouped > 0) return delimiter !== undefined;
  return delimiter === ';' || delimiter === '\t';
}

interface Detected {
  headerIndex: number;
  decimalComma: boolean;
}

/** Header row: the last header-like row (mostly distinct text) above the first data-like row. */
function detectHeader(rows: SourceRow[], delimiter: string | undefined): Detected {
  const decimalComma = detectDecimalComma(rows, delimiter);
  const width = Math.max(0, ...rows.map(nonEmpty));
  const wide = (r: SourceRow): boolean => nonEmpty(r) >= Math.max(2, Math.ceil(width * 0.5));
  const numericCount = (r: SourceRow): number =>
    r.cells.reduce((n, c, i) => n + (looksNumeric(r, i, decimalComma) || isFlag(c.trim()) ? 1 : 0), 0);
  const headerLike = (r: SourceRow): boolean => {
    if (!wide(r)) return false;
    const texts = r.cells.map((c) => cleanLabel(c)).filter((c) => c !== '');
    return numericCount(r) <= texts.length * 0.2 && new Set(texts).size >= texts.length * 0.6;
  };
  const dataIdx = rows.findIndex((r) => wide(r) && numericCount(r) > 0);
  let headerIndex = -1;
  for (let i = (dataIdx < 0 ? rows.length : dataIdx) - 1; i >= 0; i--) {
    if (headerLike(rows[i]!)) {
      headerIndex = i;
      break;
    }
  }
  if (headerIndex < 0)
    headerIndex = Math.max(
      0,
      rows.findIndex((r) => nonEmpty(r) > 0),
    );
  return { headerIndex, decimalComma };
}

/** Column names of a header row: cleaned, empty → 'Spalte n', duplicates → 'Name (2)'. */
function columnNames(header: SourceRow | undefined, width: number): string[] {
  const seen = new Map<string, number>();
  const names: string[] = [];
  for (let i = 0; i < width; i++) {
    let n = displayLabel(cleanLabel(header?.cells[i] ?? '')) || `Spalte ${i + 1}`;
    const k = seen.get(n) ?? 0;
    seen.set(n, k + 1);
    if (k > 0) n = `${n} (${k + 1})`;
    names.push(n);
  }
  return names;
}

/** A title or footnote row: one text repeated over merged cells (XLSX), e.g. '1) Fläche in …'. */
function isTextBand(r: SourceRow): boolean {
  let text: string | null = null;
  for (const [i, c] of r.cells.entries()) {
    const s = c.trim();
    if (s === '') continue;
    if (r.numeric?.[i]) return false;
    if (text === null) text = s;
    else if (s !== text) return false;
  }
  return (
    text !== null &&
    toDecimalString(text, { thousands: true }) === null &&
    toDecimalString(text, { decimal: 'point' }) === null
  );
}

/** Destatis-style column numbering row right below the header ('1', '2', '3', …). */
function isNumberingRow(r: SourceRow): boolean {
  const vals = r.cells.map((c) => c.trim()).filter((c) => c !== '');
  return vals.length >= 2 && vals.every((v, i) => v === String(i + 1));
}

function firstRows(source: TableSource, n: number): SourceRow[] {
  const out: SourceRow[] = [];
  for (const r of source.rows()) {
    out.push(r);
    if (out.length >= n) break;
  }
  return out;
}

const KEY_NAME =
  /(schl(ü|ue)ssel|^ags$|^ars$|^rs$|^id$|^key$|kennziffer|^code$|_id$|^plr|^lor|^nr\.?$|nummer)/i;
const AREA_NAME = /(name|bezeichnung|gebiet|stadtteil|region|kreis|gemeinde|bezirk|ort)/i;
const PERIOD_NAME = /^(jahr|year|zeit|datum|date|stichtag|period|zeitraum|schuljahr|berichtsjahr)$/i;
const KEY_VALUE = /^(DG|\d{2,12})$/;

function suggest(names: string[], sample: SourceRow[], decimalComma: boolean): Partial<TidyMapping> {
  const used = new Set<number>();
  const colValues = (i: number): string[] =>
    sample.map((r) => (r.cells[i] ?? '').trim()).filter((s) => s !== '');
  const isNumericCol = (i: number): boolean => {
    const vals = sample.filter((r) => (r.cells[i] ?? '').trim() !== '');
    if (vals.length === 0) return false;
    const num = vals.filter(
      (r) => looksNumeric(r, i, decimalComma) || isFlag((r.cells[i] ?? '').trim()),
    ).length;
    return num >= vals.length * 0.8;
  };
  // Official keys (most values): with a leading zero, or all of one length of at least 5 digits.
  const keyLike = (i: number): boolean => {
    const vals = colValues(i).filter((v) => KEY_VALUE.test(v));
    if (vals.length === 0 || vals.length < colValues(i).length * 0.9) return false;
    return (
      vals.some((v) => v.startsWith('0')) ||
      (vals[0]!.length >= 5 && vals.every((v) => v.length === vals[0]!.length))
    );
  };
  let key = names.findIndex(
    (n, i) => KEY_NAME.test(n) && !AREA_NAME.test(n) && (keyLike(i) || !isNumericCol(i)),
  );
  if (key < 0) key = names.findIndex((_, i) => keyLike(i));
  if (key < 0) key = names.findIndex((_, i) => colValues(i).length > 0 && !isNumericCol(i));
  if (key < 0) key = 0;
  used.add(key);
  const nameIdx = names.findIndex((n, i) => !used.has(i) && AREA_NAME.test(n) && !isNumericCol(i));
  if (nameIdx >= 0) used.add(nameIdx);
  const periodIdx = names.findIndex((n, i) => !used.has(i) && PERIOD_NAME.test(n));
  if (periodIdx >= 0) used.add(periodIdx);
  const values = names
    .map((n, i) => ({ n, i }))
    .filter(({ i }) => !used.has(i) && isNumericCol(i))
    .map(({ n }) => ({ column: n, measure: slug(n), name: n }));
  return {
    areaKey: { column: names[key] ?? 'Spalte 1' },
    ...(nameIdx >= 0 ? { areaName: { column: names[nameIdx]! } } : {}),
    ...(periodIdx >= 0 ? { period: { column: names[periodIdx]! } } : {}),
    values,
  };
}

/** Columns, a few rows and a suggested mapping for the wizard. Never throws for odd layouts (only for unreadable files). */
export async function inspectTable(
  file: InputFile,
  opts: { sheet?: string; headerRow?: number } = {},
): Promise<TableInspection> {
  const source = await openSource(file, opts.sheet);
  const rows = firstRows(source, Math.max(SCAN_ROWS, (opts.headerRow ?? 0) + SAMPLE_ROWS));
  const det = detectHeader(rows.slice(0, SCAN_ROWS), source.delimiter);
  let headerIndex = det.headerIndex;
  if (opts.headerRow !== undefined) {
    const i = rows.findIndex((r) => r.line === opts.headerRow);
    if (i >= 0) headerIndex = i;
  }
  const header = rows[headerIndex];
  const width = Math.max(0, ...rows.map((r) => lastFilled(r) + 1));
  const columns = columnNames(header, width);
  const data = rows
    .slice(headerIndex + 1)
    .filter((r) => nonEmpty(r) > 0 && !isNumberingRow(r) && !isTextBand(r));
  const sample = data.slice(0, SAMPLE_ROWS).map((r) => columns.map((_, i) => displayLabel(r.cells[i] ?? '')));
  const suggested = suggest(columns, data.slice(0, 50), det.decimalComma);
  return {
    format: source.format,
    encoding: source.encoding,
    ...(source.delimiter ? { delimiter: source.delimiter } : {}),
    decimalComma: det.decimalComma,
    ...(source.sheets ? { sheets: source.sheets } : {}),
    headerRow: header?.line ?? 1,
    columns,
    sample,
    suggested: {
      ...(source.sheet ? { sheet: source.sheet } : {}),
      headerRow: header?.line ?? 1,
      ...suggested,
    },
  };
}

function lastFilled(r: SourceRow): number {
  for (let i = r.cells.length - 1; i >= 0; i--) if (r.cells[i]!.trim() !== '') return i;
  return -1;
}

interface Plan {
  file: string;
  headerLine: number;
  decimalComma: boolean;
  key: number;
  name: number | null;
  period: { index: number; type?: Period['type']; field: string } | { constant: Period };
  dims: Array<{ index: number; key: string; field: string }>;
  values: Array<{ index: number; statisticalVariable: string; dims: Record<string, string>; field: string }>;
  flag: number | null;
  flagField?: string;
}

function resolveColumn(
  names: string[],
  column: string,
  file: string,
  headerLine: number,
  role: string,
): number {
  let i = names.indexOf(column);
  if (i < 0) i = names.indexOf(cleanLabel(column));
  if (i < 0) i = names.findIndex((n) => n.toLowerCase() === cleanLabel(column).toLowerCase());
  // A heading longer than the display limit is known by its cut form.
  if (i < 0) i = names.indexOf(displayLabel(cleanLabel(column)));
  if (i < 0) {
    const shown = names
      .slice(0, 30)
      .map((n) => `„${n}“`)
      .join(', ');
    throw new ImportFileError({
      code: 'missing_column',
      file,
      line: headerLine,
      field: column,
      de: `Die Spalte „${column}“ (${role}) gibt es in der Kopfzeile nicht. Vorhandene Spalten: ${shown}${names.length > 30 ? ', …' : ''}.`,
      en: `Column "${column}" (${role}) not found in the header row.`,
    });
  }
  return i;
}

interface Collect {
  regions: Map<string, string | undefined>;
  periods: PeriodSet;
  dimValues: Map<string, DimensionDef>;
  /** Value keys per dimension (to add a value once without searching the list). */
  dimValueKeys: Map<string, Set<string>>;
  /** Cells seen so far, to refuse a cell that occurs twice; null when the caller checks that later. */
  seen: CellIndex | null;
  skipped: number[];
  skippedCount: number;
  cells: number;
  lines: number;
}

function* tidyRows(source: TableSource, plan: Plan, collect: Collect | null): Generator<DataRow> {
  let afterHeader = false;
  let first = true;
  const periodCache = new Map<string, Period | null>();
  // Raw cell of a dimension column → its label and value key: a table repeats few values in many rows,
  // and slug() per cell was an eighth of a pass (issue 9). Bounded, so odd files cannot grow it.
  const dimCache = new Map<string, { label: string; key: string }>();
  const dimValue = (raw: string): { label: string; key: string } => {
    let v = dimCache.get(raw);
    if (!v) {
      const label = cleanLabel(raw);
      v = { label, key: slug(label) };
      if (dimCache.size < 10_000) dimCache.set(raw, v);
    }
    return v;
  };
  // Per value column: the dimension keys of its cells in a fixed (sorted) order, for the cell's series id.
  const dimOrder = plan.values.map((v) =>
    [...new Set([...plan.dims.map((d) => d.key), ...Object.keys(v.dims)])].toSorted(),
  );
  for (const r of source.rows()) {
    if (!afterHeader) {
      if (r.line === plan.headerLine) afterHeader = true;
      continue;
    }
    if (first) {
      first = false;
      if (isNumberingRow(r)) continue;
    }
    const skip = (): void => {
      if (!collect) return;
      collect.skippedCount++;
      if (collect.skipped.length < 50) collect.skipped.push(r.line);
    };
    const cellAt = (i: number): string => (r.cells[i] ?? '').trim();
    // Excel drops the leading zero of keys stored as numbers (1001 for 01001): restore it for numeric cells.
    const code = r.numeric?.[plan.key] ? normaliseKey(cellAt(plan.key)) : cellAt(plan.key);
    const hasValue = plan.values.some((v) => cellAt(v.index) !== '');
    if (code === '' || !hasValue || isTextBand(r)) {
      if (nonEmpty(r) > 0) skip();
      continue;
    }
    // Period.
    let period: Period | null;
    if ('constant' in plan.period) {
      period = plan.period.constant;
    } else {
      const p = plan.period;
      const text = cellAt(p.index);
      const ck = text;
      period = periodCache.get(ck) ?? null;
      if (!periodCache.has(ck)) {
        period = parsePeriod(text, p.type);
        periodCache.set(ck, period);
      }
      if (!period) {
        throw new ImportFileError({
          code: 'invalid_period',
          file: plan.file,
          line: r.line,
          column: p.index + 1,
          field: p.field,
          de: `„${text}“ ist keine Zeitangabe${p.type ? ` vom Typ ${p.type}` : ''} (erwartet z. B. 2015, 2015/16, 31.12.2015 oder 2015-12-31).`,
          en: `"${text}" is not a period.`,
        });
      }
    }
    // Dimensions from columns.
    const rowDims: Record<string, string> = {};
    for (const d of plan.dims) {
      const { label, key: vk } = dimValue(r.cells[d.index] ?? '');
      if (label === '') {
        throw new ImportFileError({
          code: 'missing_dimension_value',
          file: plan.file,
          line: r.line,
          column: d.index + 1,
          field: d.field,
          de: 'Der Wert des Merkmals fehlt.',
          en: 'Dimension value missing.',
        });
      }
      rowDims[d.key] = vk;
      if (collect) {
        const keys = collect.dimValueKeys.get(d.key)!;
        if (!keys.has(vk)) {
          if (keys.size >= IMPORT_LIMITS.dimensionValues) {
            throw tooManyDimensionValues(plan.file, r.line, d.field, d.index + 1);
          }
          keys.add(vk);
          collect.dimValues.get(d.key)!.values.push({ key: vk, label, isTotal: isTotalLabel(label) });
        }
      }
    }
    // Row-level quality sign.
    let rowFlag: Flag | null = null;
    if (plan.flag !== null) {
      rowFlag = parseFlagCell(r.cells[plan.flag] ?? '', {
        file: plan.file,
        line: r.line,
        column: plan.flag + 1,
        field: plan.flagField,
      });
    }
    const name = plan.name !== null ? cleanLabel(r.cells[plan.name] ?? '') : '';
    let produced = false;
    for (const [vi, v] of plan.values.entries()) {
      const raw = r.cells[v.index] ?? '';
      let value: string | null;
      let flag: Flag | null;
      if (r.numeric?.[v.index]) {
        value = raw;
        flag = null;
      } else {
        const pv = parseDecimal(
          raw,
          { file: plan.file, line: r.line, column: v.index + 1, field: v.field },
          { decimal: plan.decimalComma ? 'comma' : 'point', thousands: true },
        );
        value = pv.value;
        flag = pv.flag;
        if (value === null && flag === null) continue; // empty cell
      }
      if (rowFlag === '-' || rowFlag === '.' || rowFlag === 'x' || rowFlag === '/' || rowFlag === '...') {
        value = null;
        flag = rowFlag;
      } else if (rowFlag && flag === null) {
        flag = rowFlag;
      }
      const dims = Object.keys(v.dims).length > 0 ? { ...rowDims, ...v.dims } : { ...rowDims };
      if (collect) {
        let seriesId = v.statisticalVariable;
        for (const k of dimOrder[vi]!) seriesId += `\u0001${k}=${dims[k]}`;
        const prev = collect.seen?.add(code, `${period.type}|${period.date}`, seriesId, r.line);
        if (prev !== undefined) {
          throw new ImportFileError({
            code: 'duplicate_row',
            file: plan.file,
            line: r.line,
            column: v.index + 1,
            field: v.field,
            de: `Für Gebiet „${code}“, Zeitraum und Merkmale gibt es diesen Wert schon in Zeile ${prev}. Fehlt in der Zuordnung eine Merkmalsspalte?`,
            en: `Duplicate value for area "${code}" (first in line ${prev}); is a dimension column missing from the mapping?`,
          });
        }
        if (++collect.cells > IMPORT_LIMITS.values) throw tooManyValues(plan.file, r.line);
      }
      produced = true;
      const row: DataRow = {
        line: r.line,
        column: v.index + 1,
        statisticalVariable: v.statisticalVariable,
        regionCode: code,
        period,
        dims,
        value,
        flag,
      };
      if (name) row.regionName = name;
      yield row;
    }
    if (collect) {
      if (!produced) {
        skip();
        continue;
      }
      collect.lines++;
      collect.periods.add(period);
      if (!collect.regions.has(code)) {
        if (collect.regions.size >= IMPORT_LIMITS.keys) throw tooManyKeys(plan.file, r.line);
        collect.regions.set(code, name || undefined);
      }
    }
  }
}

/**
 * Parse a tidy CSV or XLSX table with a column mapping. `cellCheck: false` leaves out the search for a
 * cell that occurs twice (25 MB for 1.44 million cells): for a caller that checks the cells it writes
 * itself, as the commit of an import does while staging (issue 9).
 */
export async function parseTidyTable(
  file: InputFile,
  mapping: TidyMapping,
  opts: { cellCheck?: boolean } = {},
): Promise<Dataset> {
  const source = await openSource(file, mapping.sheet);
  const head = firstRows(source, Math.max(SCAN_ROWS, (mapping.headerRow ?? 0) + DECIMAL_ROWS));
  const det = detectHeader(head.slice(0, SCAN_ROWS), source.delimiter);
  let headerIndex = det.headerIndex;
  if (mapping.headerRow !== undefined) {
    headerIndex = head.findIndex((r) => r.line === mapping.headerRow);
    if (headerIndex < 0) {
      throw new ImportFileError({
        code: 'missing_header_row',
        file: file.name,
        line: mapping.headerRow,
        de: `Die Kopfzeile ${mapping.headerRow} gibt es nicht.`,
        en: `Header row ${mapping.headerRow} does not exist.`,
      });
    }
  }
  const header = head[headerIndex]!;
  const width = Math.max(0, ...head.map((r) => lastFilled(r) + 1));
  const names = columnNames(header, width);
  const decimalComma =
    mapping.decimalComma ?? detectDecimalComma(head.slice(headerIndex + 1), source.delimiter);
  const col = (c: string, role: string): number => resolveColumn(names, c, file.name, header.line, role);

  const key = col(mapping.areaKey.column, 'Gebietsschlüssel');
  const name = mapping.areaName ? col(mapping.areaName.column, 'Gebietsname') : null;
  let period: Plan['period'];
  if ('value' in mapping.period) {
    const p = parsePeriod(mapping.period.value, mapping.period.type);
    if (!p) {
      throw new ImportFileError({
        code: 'invalid_period',
        file: file.name,
        field: mapping.period.value,
        de: `„${mapping.period.value}“ ist keine Zeitangabe vom Typ ${mapping.period.type}.`,
        en: `"${mapping.period.value}" is not a period of type ${mapping.period.type}.`,
      });
    }
    period = { constant: p };
  } else {
    const i = col(mapping.period.column, 'Zeitraum');
    period = { index: i, field: names[i]!, ...(mapping.period.type ? { type: mapping.period.type } : {}) };
  }
  const dimDefs = new Map<string, DimensionDef>();
  const dims = (mapping.dimensions ?? []).map((d) => {
    const i = col(d.column, 'Merkmal');
    const k = d.key ?? slug(d.name ?? d.column);
    dimDefs.set(k, { key: k, name: d.name ?? names[i]!, named: true, values: [] });
    return { index: i, key: k, field: names[i]! };
  });
  if (mapping.values.length === 0) {
    throw new ImportFileError({
      code: 'no_values',
      file: file.name,
      de: 'Die Zuordnung enthält keine Wertspalte.',
      en: 'The mapping has no value column.',
    });
  }
  const statisticalVariables: StatisticalVariable[] = [];
  const values = mapping.values.map((v) => {
    const i = col(v.column, 'Wert');
    if (!statisticalVariables.some((m) => m.key === v.measure)) {
      statisticalVariables.push({ key: v.measure, name: v.name ?? names[i]!, unit: v.unit ?? null });
    }
    for (const [dk, dv] of Object.entries(v.dims ?? {})) {
      let def = dimDefs.get(dk);
      if (!def) {
        def = {
          key: dk,
          name: mapping.dimensions?.find((d) => d.key === dk)?.name ?? dk,
          named: true,
          values: [],
        };
        dimDefs.set(dk, def);
      }
      if (!def.values.some((x) => x.key === dv))
        def.values.push({ key: dv, label: dv, isTotal: isTotalLabel(dv) });
    }
    return { index: i, statisticalVariable: v.measure, dims: { ...v.dims }, field: names[i]! };
  });
  const flag = mapping.flagColumn ? col(mapping.flagColumn, 'Qualitätskennzeichen') : null;
  const plan: Plan = {
    file: file.name,
    headerLine: header.line,
    decimalComma,
    key,
    name,
    period,
    dims,
    values,
    flag,
    ...(flag !== null ? { flagField: names[flag]! } : {}),
  };

  const collect: Collect = {
    regions: new Map(),
    periods: new PeriodSet(),
    dimValues: dimDefs,
    dimValueKeys: new Map([...dimDefs].map(([k, d]) => [k, new Set(d.values.map((v) => v.key))])),
    seen: opts.cellCheck === false ? null : new CellIndex(),
    skipped: [],
    skippedCount: 0,
    cells: 0,
    lines: 0,
  };
  for (const row of tidyRows(source, plan, collect)) void row;
  collect.seen?.clear();
  if (collect.cells === 0) {
    throw new ImportFileError({
      code: 'no_data',
      file: file.name,
      line: header.line,
      de: 'Unter der Kopfzeile wurden keine Werte gefunden (Gebietsschlüssel oder Wertspalten leer).',
      en: 'No values below the header row.',
    });
  }
  return {
    meta: {
      format: source.format,
      encoding: source.encoding,
      ...(source.sheet ? { sheet: source.sheet } : {}),
      headerRow: header.line,
      dataLines: collect.lines,
      ...(collect.skippedCount > 0
        ? { skippedRows: { count: collect.skippedCount, lines: collect.skipped } }
        : {}),
    },
    statisticalVariables,
    dimensions: [...dimDefs.values()],
    regions: [...collect.regions].map(([c, n]) => (n ? { code: c, name: n } : { code: c })),
    periods: collect.periods.sorted(),
    rowCount: collect.cells,
    *rows() {
      yield* tidyRows(source, plan, null);
    },
  };
}
