import { useState, type FormEvent } from 'react';
import { AREA_LEVEL_LABELS, type AreaLevel } from '@dkbm/contract';
import { useI18n } from '../i18n';
import { DataTable } from '../components/Table';
import { useImportTexts } from './texts';
import { CODE_PATTERN, ErrorSummary } from './shared';
import type { PeriodType, TableInspection, TidyMapping } from './draft';

type Role = 'ignore' | 'key' | 'name' | 'period' | 'dimension' | 'value' | 'flag';
const ROLES: Role[] = ['ignore', 'key', 'name', 'period', 'dimension', 'value', 'flag'];
const SINGLE: Role[] = ['key', 'name', 'period', 'flag'];
const LEVELS = Object.keys(AREA_LEVEL_LABELS) as AreaLevel[];
const PERIOD_TYPES: PeriodType[] = ['year', 'half_year', 'school_year', 'date'];

interface ColumnDraft {
  role: Role;
  measure: string;
  name: string;
  unit: string;
  dims: string;
}

interface FormState {
  sheet: string;
  headerRow: string;
  columns: ColumnDraft[];
  level: AreaLevel | '';
  periodMode: 'column' | 'constant';
  periodType: PeriodType | '';
  periodValue: string;
  constType: PeriodType | '';
  decimal: 'auto' | 'comma' | 'point';
}

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '') || 'wert';

function initialState(ins: TableInspection, initial: TidyMapping | null, level: AreaLevel | ''): FormState {
  const m: Partial<TidyMapping> = initial ?? ins.suggested;
  const columns = ins.columns.map((c): ColumnDraft => {
    const v = m.values?.find((x) => x.column === c);
    const dim = m.dimensions?.find((x) => x.column === c);
    let role: Role = 'ignore';
    if (m.areaKey?.column === c) role = 'key';
    else if (m.areaName?.column === c) role = 'name';
    else if (m.period && 'column' in m.period && m.period.column === c) role = 'period';
    else if (m.flagColumn === c) role = 'flag';
    else if (dim) role = 'dimension';
    else if (v) role = 'value';
    return {
      role,
      measure: v?.measure ?? slug(c),
      name: v?.name ?? dim?.name ?? c,
      unit: v?.unit ?? '',
      dims: v?.dims
        ? Object.entries(v.dims)
            .map(([k, val]) => `${k}=${val}`)
            .join('; ')
        : '',
    };
  });
  const p = m.period;
  return {
    sheet: m.sheet ?? ins.suggested.sheet ?? '',
    headerRow: String(m.headerRow ?? ins.headerRow),
    columns,
    level,
    periodMode: p && 'value' in p ? 'constant' : p ? 'column' : 'constant',
    periodType: p && 'column' in p ? (p.type ?? '') : '',
    periodValue: p && 'value' in p ? p.value : '',
    constType: p && 'value' in p ? p.type : '',
    decimal: m.decimalComma === undefined ? 'auto' : m.decimalComma ? 'comma' : 'point',
  };
}

function parseDims(s: string): Record<string, string> | null {
  const out: Record<string, string> = {};
  for (const part of s.split(/[;\n]/)) {
    const t = part.trim();
    if (!t) continue;
    const m = /^([^=]+)=(.+)$/.exec(t);
    if (!m) return null;
    out[m[1]!.trim()] = m[2]!.trim();
  }
  return out;
}

/** A year or date in the file name, e.g. 'kitas_2018.csv' → '2018', 'stand_31.12.2018.csv' → '31.12.2018'. */
function periodFromFileName(name: string): { value: string; type: PeriodType } | null {
  const d = /(\d{1,2}\.\d{1,2}\.(?:19|20)\d{2})|((?:19|20)\d{2}-\d{2}-\d{2})/.exec(name);
  if (d) return { value: d[0], type: 'date' };
  const sy = /((?:19|20)\d{2})[-_/]((?:\d{2}))(?!\d)/.exec(name);
  if (sy && Number(sy[2]) === (Number(sy[1]!.slice(2)) + 1) % 100)
    return { value: `${sy[1]}/${sy[2]}`, type: 'school_year' };
  const y = /(?<!\d)((?:19|20)\d{2})(?!\d)/.exec(name);
  return y ? { value: y[1]!, type: 'year' } : null;
}

/** The mapping step of tidy CSV/XLSX tables: columns with examples and their use, period, level. */
export function MappingForm({
  inspection,
  initial,
  initialLevel,
  fileName,
  busy,
  onSubmit,
}: {
  inspection: TableInspection;
  initial: TidyMapping | null;
  initialLevel: AreaLevel | '';
  fileName: string;
  busy: boolean;
  onSubmit: (mapping: TidyMapping, level: AreaLevel | '') => void;
}) {
  const x = useImportTexts();
  const { lang } = useI18n();
  const [s, setS] = useState<FormState>(() => initialState(inspection, initial, initialLevel));
  const [errors, setErrors] = useState<Array<{ field: string; message: string }>>([]);
  const byField = Object.fromEntries(errors.map((e) => [e.field, e.message]));
  const fromName = periodFromFileName(fileName);
  const setCol = (i: number, patch: Partial<ColumnDraft>) =>
    setS((st) => ({ ...st, columns: st.columns.map((c, j) => (j === i ? { ...c, ...patch } : c)) }));

  function build(): { mapping: TidyMapping | null; errs: Array<{ field: string; message: string }> } {
    const errs: Array<{ field: string; message: string }> = [];
    const cols = inspection.columns;
    const withRole = (r: Role) => s.columns.flatMap((c, i) => (c.role === r ? [i] : []));
    const keys = withRole('key');
    if (keys.length !== 1) errs.push({ field: `map-use-${keys[1] ?? 0}`, message: x.mapErrNoKey });
    for (const r of SINGLE.filter((role) => role !== 'key')) {
      const idx = withRole(r);
      if (idx.length > 1) errs.push({ field: `map-use-${idx[1]}`, message: x.mapErrTooMany(x.roles[r]!) });
    }
    const values = withRole('value');
    if (!values.length) errs.push({ field: 'map-use-0', message: x.mapErrNoValue });
    const seen = new Set<string>();
    for (const i of values) {
      const c = s.columns[i]!;
      const code = c.measure.trim();
      if (!CODE_PATTERN.test(code))
        errs.push({ field: `map-measure-${i}`, message: x.mapErrMeasure(cols[i]!) });
      else if (seen.has(code))
        errs.push({ field: `map-measure-${i}`, message: x.mapErrDuplicateMeasure(code) });
      seen.add(code);
      if (c.dims.trim() && !parseDims(c.dims))
        errs.push({ field: `map-dims-${i}`, message: x.mapErrDims(cols[i]!) });
    }
    let period: TidyMapping['period'] | null = null;
    if (s.periodMode === 'column') {
      const p = withRole('period');
      if (!p.length) errs.push({ field: 'period-mode-column', message: x.mapErrNoPeriodColumn });
      else period = { column: cols[p[0]!]!, ...(s.periodType ? { type: s.periodType } : {}) };
    } else {
      if (!s.periodValue.trim()) errs.push({ field: 'map-period-value', message: x.mapErrPeriodValue });
      if (!s.constType) errs.push({ field: 'map-period-type-const', message: x.mapErrPeriodType });
      if (s.periodValue.trim() && s.constType) period = { value: s.periodValue.trim(), type: s.constType };
    }
    if (errs.length || !period) return { mapping: null, errs };
    const headerRow = Number(s.headerRow);
    const name = withRole('name')[0];
    const flag = withRole('flag')[0];
    const dims = withRole('dimension');
    const mapping: TidyMapping = {
      ...(s.sheet ? { sheet: s.sheet } : {}),
      ...(Number.isInteger(headerRow) && headerRow > 0 ? { headerRow } : {}),
      areaKey: { column: cols[keys[0]!]! },
      ...(name !== undefined ? { areaName: { column: cols[name]! } } : {}),
      period,
      ...(dims.length
        ? {
            dimensions: dims.map((i) => ({
              column: cols[i]!,
              ...(s.columns[i]!.name.trim() ? { name: s.columns[i]!.name.trim() } : {}),
            })),
          }
        : {}),
      values: values.map((i) => {
        const c = s.columns[i]!;
        const d = parseDims(c.dims) ?? {};
        return {
          column: cols[i]!,
          measure: c.measure.trim(),
          ...(c.name.trim() ? { name: c.name.trim() } : {}),
          ...(c.unit.trim() ? { unit: c.unit.trim() } : {}),
          ...(Object.keys(d).length ? { dims: d } : {}),
        };
      }),
      ...(flag !== undefined ? { flagColumn: cols[flag]! } : {}),
      ...(s.decimal === 'auto' ? {} : { decimalComma: s.decimal === 'comma' }),
    };
    return { mapping, errs };
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    const { mapping, errs } = build();
    setErrors(errs);
    if (mapping) onSubmit(mapping, s.level);
  }

  const examples = (i: number) =>
    inspection.sample
      .map((r) => r[i] ?? '')
      .filter((v) => v.trim() !== '')
      .slice(0, 3)
      .join(' · ');
  const sample = inspection.sample.slice(0, 10);
  const periodColumnChosen = s.columns.some((c) => c.role === 'period');

  return (
    <section aria-labelledby="mapping-heading">
      <h2 id="mapping-heading">{x.mappingHeading}</h2>
      <p>{x.mappingIntro}</p>
      <DataTable
        caption={x.sampleCaption(sample.length)}
        head={
          <tr>
            {inspection.columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        }
      >
        {sample.map((r, i) => (
          <tr key={i}>
            {inspection.columns.map((c, j) => (
              <td key={c}>{r[j] ?? ''}</td>
            ))}
          </tr>
        ))}
      </DataTable>

      <form className="mapping-form" noValidate onSubmit={submit}>
        <ErrorSummary errors={errors} id="mapping-errors" />
        <div className="field-row">
          {inspection.sheets && inspection.sheets.length > 1 ? (
            <div className="field">
              <label htmlFor="map-sheet">{x.sheet}</label>
              <p className="hint" id="map-sheet-hint">
                {s.sheet && s.sheet !== inspection.suggested.sheet ? x.sheetOtherNote : x.sheetHint}
              </p>
              <select
                id="map-sheet"
                aria-describedby="map-sheet-hint"
                value={s.sheet}
                onChange={(e) => setS({ ...s, sheet: e.target.value })}
              >
                {inspection.sheets.map((sh) => (
                  <option key={sh} value={sh}>
                    {sh}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          <div className="field">
            <label htmlFor="map-header-row">{x.headerRow}</label>
            <p className="hint" id="map-header-row-hint">
              {x.headerRowHint(inspection.headerRow)}
            </p>
            <input
              id="map-header-row"
              type="number"
              min={1}
              inputMode="numeric"
              className="input-short"
              aria-describedby="map-header-row-hint"
              value={s.headerRow}
              onChange={(e) => setS({ ...s, headerRow: e.target.value })}
            />
          </div>
        </div>

        <DataTable
          caption={x.columnsCaption}
          head={
            <tr>
              <th scope="col">{x.colColumn}</th>
              <th scope="col">{x.colExamples}</th>
              <th scope="col">{x.colUse}</th>
            </tr>
          }
        >
          {inspection.columns.map((col, i) => {
            const c = s.columns[i]!;
            const useId = `map-use-${i}`;
            const useErr = byField[useId];
            return (
              <tr key={col} className={c.role === 'ignore' ? 'row-muted' : undefined}>
                <th scope="row" className="break">
                  {col}
                </th>
                <td className="break examples">{examples(i)}</td>
                <td>
                  <div className={useErr ? 'field-invalid' : undefined}>
                    <label htmlFor={useId} className="sr-only">
                      {x.useFor(col)}
                    </label>
                    <select
                      id={useId}
                      value={c.role}
                      aria-invalid={useErr ? true : undefined}
                      aria-describedby={useErr ? `${useId}-error` : undefined}
                      onChange={(e) => setCol(i, { role: e.target.value as Role })}
                    >
                      {ROLES.map((r) => (
                        <option key={r} value={r}>
                          {x.roles[r]}
                        </option>
                      ))}
                    </select>
                    {useErr ? (
                      <p className="field-error" id={`${useId}-error`}>
                        {useErr}
                      </p>
                    ) : null}
                  </div>
                  {c.role === 'value' ? (
                    <div className="column-details">
                      <MiniField
                        id={`map-measure-${i}`}
                        label={x.valueCode(col)}
                        value={c.measure}
                        error={byField[`map-measure-${i}`]}
                        onChange={(v) => setCol(i, { measure: v })}
                      />
                      <MiniField
                        id={`map-name-${i}`}
                        label={x.valueName(col)}
                        value={c.name}
                        onChange={(v) => setCol(i, { name: v })}
                      />
                      <MiniField
                        id={`map-unit-${i}`}
                        label={x.valueUnit(col)}
                        value={c.unit}
                        onChange={(v) => setCol(i, { unit: v })}
                      />
                      <MiniField
                        id={`map-dims-${i}`}
                        label={x.valueDims(col)}
                        hint={x.valueDimsHint}
                        value={c.dims}
                        error={byField[`map-dims-${i}`]}
                        onChange={(v) => setCol(i, { dims: v })}
                      />
                    </div>
                  ) : null}
                  {c.role === 'dimension' ? (
                    <div className="column-details">
                      <MiniField
                        id={`map-dimname-${i}`}
                        label={x.dimColumnName(col)}
                        value={c.name}
                        onChange={(v) => setCol(i, { name: v })}
                      />
                    </div>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </DataTable>

        <div className="field">
          <label htmlFor="map-level">{x.levelLabel}</label>
          <p className="hint" id="map-level-hint">
            {x.levelHint}
          </p>
          <select
            id="map-level"
            aria-describedby="map-level-hint"
            value={s.level}
            onChange={(e) => setS({ ...s, level: e.target.value as AreaLevel | '' })}
          >
            <option value="">{x.levelAuto}</option>
            {LEVELS.map((l) => (
              <option key={l} value={l}>
                {AREA_LEVEL_LABELS[l][lang]}
              </option>
            ))}
          </select>
        </div>

        <fieldset>
          <legend>{x.periodLegend}</legend>
          <div className="radio">
            <input
              id="period-mode-column"
              type="radio"
              name="period-mode"
              checked={s.periodMode === 'column'}
              aria-invalid={byField['period-mode-column'] ? true : undefined}
              onChange={() => setS({ ...s, periodMode: 'column' })}
            />{' '}
            <label htmlFor="period-mode-column">{x.periodFromColumn}</label>
          </div>
          {s.periodMode === 'column' ? (
            <div className="nested">
              {byField['period-mode-column'] ? (
                <p className="field-error">{byField['period-mode-column']}</p>
              ) : !periodColumnChosen ? (
                <p className="hint">{x.mapErrNoPeriodColumn}</p>
              ) : null}
              <div className="field">
                <label htmlFor="map-period-type">{x.periodTypeLabel}</label>
                <select
                  id="map-period-type"
                  value={s.periodType}
                  onChange={(e) => setS({ ...s, periodType: e.target.value as PeriodType | '' })}
                >
                  <option value="">{x.periodTypeAuto}</option>
                  {PERIOD_TYPES.map((p) => (
                    <option key={p} value={p}>
                      {x.periodTypes[p]}
                    </option>
                  ))}
                </select>
              </div>
            </div>
          ) : null}
          <div className="radio">
            <input
              id="period-mode-constant"
              type="radio"
              name="period-mode"
              checked={s.periodMode === 'constant'}
              onChange={() => setS({ ...s, periodMode: 'constant' })}
            />{' '}
            <label htmlFor="period-mode-constant">{x.periodConstant}</label>
          </div>
          {s.periodMode === 'constant' ? (
            <div className="nested field-row">
              <MiniField
                id="map-period-value"
                label={x.periodValueLabel}
                hint={x.periodValueHint}
                value={s.periodValue}
                error={byField['map-period-value']}
                onChange={(v) => setS({ ...s, periodValue: v })}
              />
              <div className={byField['map-period-type-const'] ? 'field field-invalid' : 'field'}>
                <label htmlFor="map-period-type-const">{x.periodTypeLabel}</label>
                <select
                  id="map-period-type-const"
                  value={s.constType}
                  aria-invalid={byField['map-period-type-const'] ? true : undefined}
                  aria-describedby={
                    byField['map-period-type-const'] ? 'map-period-type-const-error' : undefined
                  }
                  onChange={(e) => setS({ ...s, constType: e.target.value as PeriodType | '' })}
                >
                  <option value="">{x.none}</option>
                  {PERIOD_TYPES.map((p) => (
                    <option key={p} value={p}>
                      {x.periodTypes[p]}
                    </option>
                  ))}
                </select>
                {byField['map-period-type-const'] ? (
                  <p className="field-error" id="map-period-type-const-error">
                    {byField['map-period-type-const']}
                  </p>
                ) : null}
              </div>
              {fromName && s.periodValue !== fromName.value ? (
                <p>
                  <button
                    type="button"
                    className="button button-secondary"
                    onClick={() => setS({ ...s, periodValue: fromName.value, constType: fromName.type })}
                  >
                    {x.fromFileName(fromName.value)}
                  </button>
                </p>
              ) : null}
            </div>
          ) : null}
        </fieldset>

        <div className="field">
          <label htmlFor="map-decimal">{x.decimalLabel}</label>
          <select
            id="map-decimal"
            value={s.decimal}
            onChange={(e) => setS({ ...s, decimal: e.target.value as FormState['decimal'] })}
          >
            <option value="auto">{x.decimalAuto(inspection.decimalComma)}</option>
            <option value="comma">{x.decimalComma}</option>
            <option value="point">{x.decimalPoint}</option>
          </select>
        </div>

        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            {x.checkMapping}
          </button>
        </div>
      </form>
    </section>
  );
}

function MiniField({
  id,
  label,
  hint,
  value,
  error,
  onChange,
}: {
  id: string;
  label: string;
  hint?: string;
  value: string;
  error?: string | undefined;
  onChange: (v: string) => void;
}) {
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <input
        id={id}
        type="text"
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={
          [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined
        }
        onChange={(e) => onChange(e.target.value)}
      />
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
