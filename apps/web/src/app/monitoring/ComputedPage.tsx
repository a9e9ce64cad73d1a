import { useState, type FormEvent, type ReactNode } from 'react';
import { Link } from 'react-router';
import {
  INDICATOR_TIER_LABELS,
  INDICATOR_TOPIC_LABELS,
  type Dimension,
  type Indicator,
  type IndicatorDetail,
  type IndicatorTopic,
} from '@dkbm/contract';
import { api, seg, toFailure, type ApiFailure } from '../api';
import { useLoad } from '../hooks';
import { useI18n } from '../i18n';
import { useTenant } from '../tenant';
import { Section } from '../components/Page';
import { DataTable } from '../components/Table';
import { ErrorAlert, Loading, StatusMessage } from '../components/Feedback';
import { useImportTexts, type ImportTexts } from '../imports/texts';
import { CODE_PATTERN, ErrorSummary, ImportsFrame, num, useBases } from '../imports/shared';
import { toYaml, type Json } from '../imports/yaml';

type Tier = keyof typeof INDICATOR_TIER_LABELS;
type Polarity = 'higher_better' | 'lower_better' | 'neutral';
type Visibility = 'public' | 'internal';
type RuleKind = 'same' | 'previous-year-end' | 'same-year' | 'latest-before' | 'shift';
const RULES: RuleKind[] = ['same', 'previous-year-end', 'same-year', 'latest-before', 'shift'];
const TOPICS = Object.keys(INDICATOR_TOPIC_LABELS) as IndicatorTopic[];
const TIERS = Object.keys(INDICATOR_TIER_LABELS) as Tier[];
const INPUT_NAME = /^[A-Za-zÄÖÜäöüß_][A-Za-z0-9ÄÖÜäöüß_]*$/;
const isInt = (s: string) => /^-?\d+$/.test(s.trim() || '0');
const NAME_TOKENS = /[A-Za-zÄÖÜäöüß_][A-Za-z0-9ÄÖÜäöüß_]*/g;

interface DimChoice {
  mode: 'free' | 'one' | 'sum';
  one: string;
  sum: string[];
}

interface InputRow {
  uid: number;
  name: string;
  indicator: string;
  dims: Record<string, DimChoice>;
  rule: RuleKind;
  shiftYears: string;
  shiftMonths: string;
}

interface FormState {
  code: string;
  nameDe: string;
  nameEn: string;
  description: string;
  unit: string;
  decimals: string;
  formula: string;
  inputs: InputRow[];
  topic: IndicatorTopic | '';
  tier: Tier;
  polarity: Polarity;
  visibility: Visibility;
  zeroAsDash: boolean;
}

let uidCounter = 1;
const newInput = (name = ''): InputRow => ({
  uid: uidCounter++,
  name,
  indicator: '',
  dims: {},
  rule: 'same',
  shiftYears: '-1',
  shiftMonths: '0',
});

const emptyForm = (): FormState => ({
  code: '',
  nameDe: '',
  nameEn: '',
  description: '',
  unit: '%',
  decimals: '1',
  formula: '',
  inputs: [newInput('a'), newInput('b')],
  topic: '',
  tier: 'ergaenzung',
  polarity: 'neutral',
  visibility: 'public',
  zeroAsDash: true,
});

const EXAMPLE = `# Beispiel: Betreuungsquote der Kinder unter 3 Jahren
indicators:
  - code: betreuungsquote_u3
    name: { de: Betreuungsquote der Kinder unter 3 Jahren, en: Childcare rate of children under 3 }
    unit: '%'
    decimals: 1
    formula: betreut / bevoelkerung * 100
    inputs:
      betreut:
        indicator: 22543-01-02-4.betreute_kinder
        dims: { merkmal_1: insgesamt_ohne_doppelzaehlungen, altersgruppe: unter_3_jahre }
      bevoelkerung:
        indicator: 12411-02-03-4.bevoelkerungsstand
        dims: { merkmal_1: unter_3_jahre, geschlecht: insgesamt }
        period: previous-year-end
    meta: { topic: fruehkindliche_bildung, polarity: neutral }
`;

/** The definition of the form in the documented format (packages/domain/src/compute/FORMAT.md). */
function definitionOf(f: FormState): { [k: string]: Json | undefined } {
  const inputs: { [k: string]: Json } = {};
  for (const r of f.inputs) {
    const dims: { [k: string]: Json } = {};
    for (const [code, c] of Object.entries(r.dims)) {
      if (c.mode === 'one' && c.one) dims[code] = c.one;
      if (c.mode === 'sum' && c.sum.length) dims[code] = c.sum;
    }
    let period: Json | undefined;
    if (r.rule === 'shift') {
      const years = Number(r.shiftYears || 0);
      const months = Number(r.shiftMonths || 0);
      period = { shift: { ...(years ? { years } : {}), ...(months ? { months } : {}) } };
    } else if (r.rule !== 'same') period = r.rule;
    inputs[r.name.trim()] = {
      indicator: r.indicator,
      ...(Object.keys(dims).length ? { dims } : {}),
      ...(period !== undefined ? { period } : {}),
    };
  }
  return {
    code: f.code.trim(),
    name: { de: f.nameDe.trim(), ...(f.nameEn.trim() ? { en: f.nameEn.trim() } : {}) },
    ...(f.description.trim() ? { description: f.description.trim() } : {}),
    unit: f.unit.trim(),
    decimals: Number(f.decimals),
    formula: f.formula.trim(),
    inputs,
    ...(f.zeroAsDash ? {} : { zeroAsDash: false }),
    meta: {
      ...(f.topic ? { topic: f.topic } : {}),
      tier: f.tier,
      polarity: f.polarity,
      visibility: f.visibility,
    },
  };
}

/** Form state from a stored definition (to edit an existing computed indicator). */
function formOf(ind: IndicatorDetail): FormState {
  const def = (ind.computed ?? {}) as {
    code?: string;
    name?: { de?: string; en?: string };
    description?: string;
    unit?: string;
    decimals?: number;
    formula?: string;
    zeroAsDash?: boolean;
    inputs?: Record<
      string,
      {
        indicator: string;
        dims?: Record<string, string | string[]>;
        period?: string | { shift: { years?: number; months?: number } };
      }
    >;
  };
  return {
    code: ind.code,
    nameDe: def.name?.de ?? ind.nameDe,
    nameEn: def.name?.en ?? ind.nameEn ?? '',
    description: def.description ?? ind.description ?? '',
    unit: def.unit ?? ind.unit,
    decimals: String(def.decimals ?? ind.decimals),
    formula: def.formula ?? '',
    inputs: Object.entries(def.inputs ?? {}).map(([name, sel]) => {
      const p = sel.period;
      return {
        ...newInput(name),
        indicator: sel.indicator,
        dims: Object.fromEntries(
          Object.entries(sel.dims ?? {}).map(([k, v]) => [
            k,
            Array.isArray(v) ? { mode: 'sum', one: '', sum: v } : { mode: 'one', one: v, sum: [] },
          ]),
        ) as Record<string, DimChoice>,
        rule: typeof p === 'object' ? 'shift' : ((p as RuleKind | undefined) ?? 'same'),
        shiftYears: typeof p === 'object' ? String(p.shift.years ?? 0) : '-1',
        shiftMonths: typeof p === 'object' ? String(p.shift.months ?? 0) : '0',
      };
    }),
    topic: ind.topic,
    tier: ind.tier,
    polarity: ind.polarity,
    visibility: ind.visibility,
    zeroAsDash: def.zeroAsDash ?? true,
  };
}

function validate(
  f: FormState,
  x: ImportTexts,
  dimName: (code: string) => string,
): Array<{ field: string; message: string }> {
  const e: Array<{ field: string; message: string }> = [];
  if (!f.code.trim()) e.push({ field: 'c-code', message: x.required(x.fCode) });
  else if (!CODE_PATTERN.test(f.code.trim())) e.push({ field: 'c-code', message: x.fieldErrCode });
  if (!f.nameDe.trim()) e.push({ field: 'c-name-de', message: x.required(x.fNameDe) });
  if (!f.unit.trim()) e.push({ field: 'c-unit', message: x.required(x.fUnit) });
  const dec = Number(f.decimals);
  if (!/^\d+$/.test(f.decimals.trim()) || dec > 6)
    e.push({ field: 'c-decimals', message: x.fieldErrDecimals });
  if (!f.formula.trim()) e.push({ field: 'c-formula', message: x.required(x.fFormula) });
  if (!f.inputs.length) e.push({ field: 'c-add-input', message: x.noInputs });
  const used = new Set(f.formula.match(NAME_TOKENS) ?? []);
  const seen = new Set<string>();
  f.inputs.forEach((r, i) => {
    const n = i + 1;
    const name = r.name.trim();
    if (!INPUT_NAME.test(name)) e.push({ field: `c-in-${r.uid}-name`, message: x.fieldErrInputName(n) });
    else if (seen.has(name)) e.push({ field: `c-in-${r.uid}-name`, message: x.fieldErrInputDup(name) });
    else if (f.formula.trim() && !used.has(name))
      e.push({ field: `c-in-${r.uid}-name`, message: x.fieldErrInputUnused(name) });
    seen.add(name);
    if (!r.indicator) e.push({ field: `c-in-${r.uid}-ind`, message: x.fieldErrInputIndicator(n) });
    for (const [code, c] of Object.entries(r.dims)) {
      if (c.mode === 'one' && !c.one)
        e.push({ field: `c-in-${r.uid}-d-${code}-v`, message: x.fieldErrDimValue(n, dimName(code)) });
      if (c.mode === 'sum' && !c.sum.length)
        e.push({ field: `c-in-${r.uid}-d-${code}-s`, message: x.fieldErrDimValue(n, dimName(code)) });
    }
    if (r.rule === 'shift') {
      if (!isInt(r.shiftYears) || !isInt(r.shiftMonths) || (!Number(r.shiftYears) && !Number(r.shiftMonths)))
        e.push({ field: `c-in-${r.uid}-sy`, message: x.fieldErrShift(n) });
    }
  });
  return e;
}

type ApplyResult = { created: string[]; updated: string[]; observations: number; warnings: string[] };

function ComputedList({ indicators, onEdit }: { indicators: Indicator[]; onEdit: (ind: Indicator) => void }) {
  const x = useImportTexts();
  const { lang } = useI18n();
  const { app } = useBases();
  const computed = indicators.filter((i) => i.isComputed);
  if (!computed.length) return <p className="empty-state">{x.computedEmpty}</p>;
  return (
    <DataTable
      caption={x.computedCaption}
      head={
        <tr>
          <th scope="col">{x.colIndicatorName}</th>
          <th scope="col">{x.colIndicatorCode}</th>
          <th scope="col">{x.colUnit}</th>
          <th scope="col">{x.colCoverage}</th>
          <th scope="col">{x.colActions}</th>
        </tr>
      }
    >
      {computed.map((i) => (
        <tr key={i.id}>
          <th scope="row">
            <Link to={`${app}/indikatoren/${i.id}`}>{lang === 'en' && i.nameEn ? i.nameEn : i.nameDe}</Link>
          </th>
          <td className="break">
            <code>{i.code}</code>
          </td>
          <td>{i.unit}</td>
          <td>{x.coverage(i.coverage.periods, num(i.coverage.observations, lang))}</td>
          <td>
            <button type="button" className="button button-secondary" onClick={() => onEdit(i)}>
              {x.editComputed}
              <span className="sr-only"> {i.code}</span>
            </button>
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

function Field({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string | undefined;
  children: ReactNode;
}) {
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {children}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

const described = (id: string, hint: boolean, error: string | undefined) =>
  [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;

function InputEditor({
  row,
  index,
  indicators,
  dimensions,
  errors,
  onChange,
  onRemove,
}: {
  row: InputRow;
  index: number;
  indicators: Indicator[];
  dimensions: Dimension[];
  errors: Record<string, string>;
  onChange: (r: InputRow) => void;
  onRemove: () => void;
}) {
  const x = useImportTexts();
  const { lang } = useI18n();
  const p = `c-in-${row.uid}`;
  const ind = indicators.find((i) => i.code === row.indicator);
  const dimsOfInd = (ind?.dimensions ?? []).map((d) => ({
    code: d.code,
    name: d.name,
    values: dimensions.find((dd) => dd.code === d.code)?.values ?? [],
  }));
  const choice = (code: string): DimChoice => row.dims[code] ?? { mode: 'free', one: '', sum: [] };
  const setDim = (code: string, c: DimChoice) => onChange({ ...row, dims: { ...row.dims, [code]: c } });
  const n = index + 1;
  return (
    <fieldset className="input-row">
      <legend>{x.inputN(n)}</legend>
      <div className="field-row">
        <Field id={`${p}-name`} label={x.fInputName} hint={x.fInputNameHint} error={errors[`${p}-name`]}>
          <input
            id={`${p}-name`}
            type="text"
            className="input-code"
            value={row.name}
            aria-invalid={errors[`${p}-name`] ? true : undefined}
            aria-describedby={described(`${p}-name`, true, errors[`${p}-name`])}
            onChange={(e) => onChange({ ...row, name: e.target.value })}
          />
        </Field>
        <Field id={`${p}-ind`} label={x.fInputIndicator} error={errors[`${p}-ind`]}>
          <select
            id={`${p}-ind`}
            value={row.indicator}
            aria-invalid={errors[`${p}-ind`] ? true : undefined}
            aria-describedby={described(`${p}-ind`, false, errors[`${p}-ind`])}
            onChange={(e) => onChange({ ...row, indicator: e.target.value, dims: {} })}
          >
            <option value="">{x.chooseIndicator}</option>
            {indicators.map((i) => (
              <option key={i.id} value={i.code}>
                {lang === 'en' && i.nameEn ? i.nameEn : i.nameDe} ({i.code})
              </option>
            ))}
          </select>
        </Field>
        <Field id={`${p}-rule`} label={x.fPeriodRule}>
          <select
            id={`${p}-rule`}
            value={row.rule}
            onChange={(e) => onChange({ ...row, rule: e.target.value as RuleKind })}
          >
            {RULES.map((r) => (
              <option key={r} value={r}>
                {x.periodRules[r]}
              </option>
            ))}
          </select>
        </Field>
        {row.rule === 'shift' ? (
          <>
            <Field id={`${p}-sy`} label={x.fShiftYears} error={errors[`${p}-sy`]}>
              <input
                id={`${p}-sy`}
                type="number"
                step={1}
                className="input-short"
                value={row.shiftYears}
                aria-invalid={errors[`${p}-sy`] ? true : undefined}
                aria-describedby={described(`${p}-sy`, false, errors[`${p}-sy`])}
                onChange={(e) => onChange({ ...row, shiftYears: e.target.value })}
              />
            </Field>
            <Field id={`${p}-sm`} label={x.fShiftMonths}>
              <input
                id={`${p}-sm`}
                type="number"
                step={1}
                className="input-short"
                value={row.shiftMonths}
                onChange={(e) => onChange({ ...row, shiftMonths: e.target.value })}
              />
            </Field>
          </>
        ) : null}
      </div>
      {ind ? (
        dimsOfInd.length ? (
          <fieldset className="dims-choice">
            <legend>{x.dimsLegend(lang === 'en' && ind.nameEn ? ind.nameEn : ind.nameDe)}</legend>
            {dimsOfInd.map((d) => {
              const c = choice(d.code);
              const vid = `${p}-d-${d.code}-v`;
              const sid = `${p}-d-${d.code}-s`;
              return (
                <div key={d.code} className="dim-choice">
                  <Field id={`${p}-d-${d.code}`} label={x.dimMode(d.name)}>
                    <select
                      id={`${p}-d-${d.code}`}
                      value={c.mode}
                      onChange={(e) => setDim(d.code, { ...c, mode: e.target.value as DimChoice['mode'] })}
                    >
                      <option value="free">{x.dimFree}</option>
                      <option value="one">{x.dimOne}</option>
                      <option value="sum">{x.dimSum}</option>
                    </select>
                  </Field>
                  {c.mode === 'one' ? (
                    <Field id={vid} label={x.dimValue(d.name)} error={errors[vid]}>
                      <select
                        id={vid}
                        value={c.one}
                        aria-invalid={errors[vid] ? true : undefined}
                        aria-describedby={described(vid, false, errors[vid])}
                        onChange={(e) => setDim(d.code, { ...c, one: e.target.value })}
                      >
                        <option value="">{x.none}</option>
                        {d.values.map((v) => (
                          <option key={v.code} value={v.code}>
                            {v.label}
                            {v.isTotal ? ` ${x.totalMark}` : ''}
                          </option>
                        ))}
                      </select>
                    </Field>
                  ) : null}
                  {c.mode === 'sum' ? (
                    <fieldset className="checks" aria-describedby={errors[sid] ? `${sid}-error` : undefined}>
                      <legend>{x.dimValues(d.name)}</legend>
                      {d.values.map((v, j) => (
                        <div key={v.code} className="check">
                          <input
                            id={j === 0 ? sid : `${sid}-${j}`}
                            type="checkbox"
                            checked={c.sum.includes(v.code)}
                            onChange={(e) =>
                              setDim(d.code, {
                                ...c,
                                sum: e.target.checked
                                  ? [...c.sum, v.code]
                                  : c.sum.filter((s) => s !== v.code),
                              })
                            }
                          />
                          <label htmlFor={j === 0 ? sid : `${sid}-${j}`}>{v.label}</label>
                        </div>
                      ))}
                      {errors[sid] ? (
                        <p className="field-error" id={`${sid}-error`}>
                          {errors[sid]}
                        </p>
                      ) : null}
                    </fieldset>
                  ) : null}
                </div>
              );
            })}
          </fieldset>
        ) : (
          <p className="hint">{x.noDims}</p>
        )
      ) : null}
      <button type="button" className="button button-secondary" onClick={onRemove}>
        {x.removeInput(n)}
      </button>
    </fieldset>
  );
}

function DefinitionEditor({
  indicators,
  dimensions,
  form,
  setForm,
  onApplied,
}: {
  indicators: Indicator[];
  dimensions: Dimension[];
  form: FormState;
  setForm: (f: FormState) => void;
  onApplied: () => void;
}) {
  const x = useImportTexts();
  const { lang } = useI18n();
  const { api: base } = useBases();
  const [mode, setMode] = useState<'form' | 'yaml'>('form');
  const [yaml, setYaml] = useState('');
  const [errors, setErrors] = useState<Array<{ field: string; message: string }>>([]);
  const [serverError, setServerError] = useState<ApiFailure | null>(null);
  const [result, setResult] = useState<ApplyResult | null>(null);
  const [busy, setBusy] = useState(false);
  const byField = Object.fromEntries(errors.map((e) => [e.field, e.message]));
  const inputs = indicators.filter((i) => i.code !== form.code.trim());
  const yamlOfForm = () => toYaml({ indicators: [definitionOf(form) as Json] });

  async function apply(text: string, fileName: string) {
    setBusy(true);
    setServerError(null);
    setResult(null);
    try {
      const r = await api.post<ApplyResult>(`${base}/indicators/definitions`, { text, fileName });
      setResult(r);
      onApplied();
    } catch (e) {
      setServerError(toFailure(e));
    } finally {
      setBusy(false);
    }
  }

  function submitForm(e: FormEvent) {
    e.preventDefault();
    const errs = validate(form, x, (code) => dimensions.find((d) => d.code === code)?.name ?? code);
    setErrors(errs);
    setResult(null);
    setServerError(null);
    if (errs.length) return;
    void apply(JSON.stringify({ indicators: [definitionOf(form)] }, null, 2), `${form.code.trim()}.json`);
  }

  function submitYaml(e: FormEvent) {
    e.preventDefault();
    setResult(null);
    setServerError(null);
    if (!yaml.trim()) {
      setErrors([{ field: 'c-yaml', message: x.yamlEmpty }]);
      return;
    }
    setErrors([]);
    void apply(yaml, 'definitionen.yaml');
  }

  function download() {
    const text = mode === 'yaml' && yaml.trim() ? yaml : yamlOfForm();
    const url = URL.createObjectURL(new Blob([text], { type: 'application/yaml;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${form.code.trim() || 'definition'}.yaml`;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  const set = (patch: Partial<FormState>) => setForm({ ...form, ...patch });
  const serverText = serverError ? serverError.message : null;
  const formulaError =
    byField['c-formula'] ??
    (serverText && mode === 'form' && /Formel|formula/i.test(serverText) ? serverText : undefined);

  const outcome = (
    <>
      <StatusMessage>
        {result ? x.computedSaved(result.created, result.updated, num(result.observations, lang)) : null}
      </StatusMessage>
      {result?.warnings.length ? (
        <div className="alert alert-warning">
          <p>
            <strong>{x.computedWarnings}</strong>
          </p>
          <ul>
            {result.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </>
  );

  return (
    <>
      <fieldset className="mode-switch">
        <legend>{x.modeLegend}</legend>
        <div className="radio">
          <input
            id="c-mode-form"
            type="radio"
            name="c-mode"
            checked={mode === 'form'}
            onChange={() => setMode('form')}
          />{' '}
          <label htmlFor="c-mode-form">{x.modeForm}</label>
        </div>
        <div className="radio">
          <input
            id="c-mode-yaml"
            type="radio"
            name="c-mode"
            checked={mode === 'yaml'}
            onChange={() => {
              if (!yaml.trim()) setYaml(yamlOfForm());
              setMode('yaml');
            }}
          />{' '}
          <label htmlFor="c-mode-yaml">{x.modeYaml}</label>
        </div>
      </fieldset>

      {mode === 'form' ? (
        <form noValidate onSubmit={submitForm} className="computed-form">
          <ErrorSummary errors={errors} id="computed-errors" />
          <div className="field-row">
            <Field id="c-code" label={x.fCode} hint={x.fCodeHint} error={byField['c-code']}>
              <input
                id="c-code"
                type="text"
                className="input-code"
                value={form.code}
                aria-invalid={byField['c-code'] ? true : undefined}
                aria-describedby={described('c-code', true, byField['c-code'])}
                onChange={(e) => set({ code: e.target.value })}
              />
            </Field>
            <Field id="c-name-de" label={x.fNameDe} error={byField['c-name-de']}>
              <input
                id="c-name-de"
                type="text"
                value={form.nameDe}
                aria-invalid={byField['c-name-de'] ? true : undefined}
                aria-describedby={described('c-name-de', false, byField['c-name-de'])}
                onChange={(e) => set({ nameDe: e.target.value })}
              />
            </Field>
            <Field id="c-name-en" label={x.fNameEn}>
              <input
                id="c-name-en"
                type="text"
                lang="en"
                value={form.nameEn}
                onChange={(e) => set({ nameEn: e.target.value })}
              />
            </Field>
          </div>
          <div className="field-row">
            <Field id="c-unit" label={x.fUnit} hint={x.fUnitHint} error={byField['c-unit']}>
              <input
                id="c-unit"
                type="text"
                className="input-short"
                value={form.unit}
                aria-invalid={byField['c-unit'] ? true : undefined}
                aria-describedby={described('c-unit', true, byField['c-unit'])}
                onChange={(e) => set({ unit: e.target.value })}
              />
            </Field>
            <Field id="c-decimals" label={x.fDecimals} error={byField['c-decimals']}>
              <input
                id="c-decimals"
                type="number"
                min={0}
                max={6}
                step={1}
                className="input-short"
                value={form.decimals}
                aria-invalid={byField['c-decimals'] ? true : undefined}
                aria-describedby={described('c-decimals', false, byField['c-decimals'])}
                onChange={(e) => set({ decimals: e.target.value })}
              />
            </Field>
          </div>
          <Field id="c-description" label={x.fDescription}>
            <textarea
              id="c-description"
              rows={2}
              value={form.description}
              onChange={(e) => set({ description: e.target.value })}
            />
          </Field>
          <Field id="c-formula" label={x.fFormula} hint={x.fFormulaHint} error={formulaError}>
            <input
              id="c-formula"
              type="text"
              className="input-formula"
              value={form.formula}
              spellCheck={false}
              aria-invalid={formulaError ? true : undefined}
              aria-describedby={described('c-formula', true, formulaError)}
              onChange={(e) => set({ formula: e.target.value })}
            />
          </Field>
          <fieldset>
            <legend>{x.inputsLegend}</legend>
            {form.inputs.map((r, i) => (
              <InputEditor
                key={r.uid}
                row={r}
                index={i}
                indicators={inputs}
                dimensions={dimensions}
                errors={byField}
                onChange={(nr) => set({ inputs: form.inputs.map((o) => (o.uid === r.uid ? nr : o)) })}
                onRemove={() => set({ inputs: form.inputs.filter((o) => o.uid !== r.uid) })}
              />
            ))}
            <button
              id="c-add-input"
              type="button"
              className="button button-secondary"
              onClick={() => set({ inputs: [...form.inputs, newInput()] })}
            >
              {x.addInput}
            </button>
          </fieldset>
          <fieldset>
            <legend>{x.metaLegend}</legend>
            <div className="field-grid">
              <Field id="c-topic" label={x.fTopic}>
                <select
                  id="c-topic"
                  value={form.topic}
                  onChange={(e) => set({ topic: e.target.value as IndicatorTopic | '' })}
                >
                  <option value="">{x.fTopicAuto}</option>
                  {TOPICS.map((t) => (
                    <option key={t} value={t}>
                      {INDICATOR_TOPIC_LABELS[t][lang]}
                    </option>
                  ))}
                </select>
              </Field>
              <Field id="c-tier" label={x.fTier}>
                <select id="c-tier" value={form.tier} onChange={(e) => set({ tier: e.target.value as Tier })}>
                  {TIERS.map((t) => (
                    <option key={t} value={t}>
                      {INDICATOR_TIER_LABELS[t][lang]}
                    </option>
                  ))}
                </select>
              </Field>
              <Field id="c-polarity" label={x.fPolarity}>
                <select
                  id="c-polarity"
                  value={form.polarity}
                  onChange={(e) => set({ polarity: e.target.value as Polarity })}
                >
                  {(Object.keys(x.polarities) as Polarity[]).map((p) => (
                    <option key={p} value={p}>
                      {x.polarities[p]}
                    </option>
                  ))}
                </select>
              </Field>
              <Field id="c-visibility" label={x.fVisibility}>
                <select
                  id="c-visibility"
                  value={form.visibility}
                  onChange={(e) => set({ visibility: e.target.value as Visibility })}
                >
                  {(Object.keys(x.visibilities) as Visibility[]).map((v) => (
                    <option key={v} value={v}>
                      {x.visibilities[v]}
                    </option>
                  ))}
                </select>
              </Field>
            </div>
            <div className="check">
              <input
                id="c-zero-dash"
                type="checkbox"
                checked={form.zeroAsDash}
                onChange={(e) => set({ zeroAsDash: e.target.checked })}
              />
              <label htmlFor="c-zero-dash">{x.fZeroAsDash}</label>
            </div>
          </fieldset>
          {serverError && !formulaError ? <ErrorAlert error={serverError} id="c-server-error" /> : null}
          <div className="actions row-actions-inline">
            <button type="submit" className="button" disabled={busy}>
              {x.saveComputed}
            </button>
            <button type="button" className="button button-secondary" onClick={download}>
              {x.yamlDownload}
            </button>
          </div>
          {outcome}
        </form>
      ) : (
        <form noValidate onSubmit={submitYaml} className="yaml-form">
          <ErrorSummary errors={errors} id="yaml-errors" />
          <div className={serverError || byField['c-yaml'] ? 'field field-invalid' : 'field'}>
            <label htmlFor="c-yaml">{x.yamlLabel}</label>
            <p className="hint" id="c-yaml-hint">
              {x.yamlHint} {x.helpFormulaNote}
            </p>
            <textarea
              id="c-yaml"
              rows={18}
              spellCheck={false}
              className="code-area"
              value={yaml}
              aria-invalid={serverError || byField['c-yaml'] ? true : undefined}
              aria-describedby={['c-yaml-hint', serverError || byField['c-yaml'] ? 'c-yaml-error' : null]
                .filter(Boolean)
                .join(' ')}
              onChange={(e) => setYaml(e.target.value)}
            />
            {serverError || byField['c-yaml'] ? (
              <p className="field-error" id="c-yaml-error" role="alert">
                {byField['c-yaml'] ?? serverError?.message}
              </p>
            ) : null}
          </div>
          <div className="actions row-actions-inline">
            <button type="submit" className="button" disabled={busy}>
              {x.yamlApply}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setYaml(yamlOfForm())}>
              {x.yamlFromForm}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setYaml(EXAMPLE)}>
              {x.yamlExample}
            </button>
            <button type="button" className="button button-secondary" onClick={download}>
              {x.yamlDownload}
            </button>
          </div>
          {outcome}
        </form>
      )}
    </>
  );
}

function FormatHelp() {
  const x = useImportTexts();
  return (
    <details className="disclosure format-help">
      <summary>{x.helpHeading}</summary>
      {x.helpText.map((t) => (
        <p key={t}>{t}</p>
      ))}
      <p>{x.helpFormulaNote}</p>
      <pre className="code-block" lang="en">
        <code>{EXAMPLE}</code>
      </pre>
    </details>
  );
}

function Computed() {
  const x = useImportTexts();
  const tenant = useTenant();
  const { api: base } = useBases();
  const data = useLoad(`computed/${tenant.tenantId}`, () =>
    Promise.all([api.get<Indicator[]>(`${base}/indicators`), api.get<Dimension[]>(`${base}/dimensions`)]),
  );
  const [form, setForm] = useState<FormState>(emptyForm);
  const [formKey, setFormKey] = useState(0);
  const [editError, setEditError] = useState<ApiFailure | null>(null);

  async function edit(ind: Indicator) {
    setEditError(null);
    try {
      const d = await api.get<IndicatorDetail>(`${base}/indicators/${seg(ind.id)}`);
      setForm(formOf(d));
      setFormKey((k) => k + 1);
      requestAnimationFrame(() => document.getElementById('c-code')?.focus());
    } catch (e) {
      setEditError(toFailure(e));
    }
  }

  if (data.loading && !data.data) return <Loading />;
  if (data.error) return <ErrorAlert error={data.error} />;
  const [indicators, dimensions] = data.data ?? [[], []];
  return (
    <>
      <Section id="computed-list" title={x.computedListHeading}>
        <ErrorAlert error={editError} />
        <ComputedList indicators={indicators} onEdit={(i) => void edit(i)} />
      </Section>
      <Section id="computed-define" title={x.defineHeading}>
        <FormatHelp />
        <DefinitionEditor
          key={formKey}
          indicators={indicators}
          dimensions={dimensions}
          form={form}
          setForm={setForm}
          onApplied={() => data.reload()}
        />
      </Section>
    </>
  );
}

/** /t/:slug/monitoring/berechnungen – computed indicators: list, form and YAML definitions. */
export function ComputedPage() {
  const x = useImportTexts();
  return (
    <ImportsFrame title={x.computedTitle} permission="data.write">
      <p className="lead">{x.computedIntro}</p>
      <Computed />
    </ImportsFrame>
  );
}
