/**
 * Adapt the instrument: a copy of a version (the platform default or an own earlier version) is edited
 * and saved as a new version of the tenant; versions already used by rounds stay as they are.
 */
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type {
  FrameworkConditionDef,
  Instrument,
  InstrumentComponent,
  InstrumentContent,
} from '@dkbm/contract';
import { api, toFailure, type ApiFailure } from '../api';
import { useLoad } from '../hooks';
import { Section } from '../components/Page';
import { ErrorAlert, NoPermission, StatusMessage } from '../components/Feedback';
import { describedBy } from '../components/Fields';
import { seg, useBases } from './client';
import { AssessmentFrame, ErrorSummary, LoadState, useCanEdit } from './common';
import {
  cleanContent,
  defaultInstrument,
  editorIds,
  keyFromName,
  sortInstruments,
  validateContent,
  type FieldError,
} from './model';
import { useAssessmentTexts } from './texts';

interface Meta {
  /** React key. */
  uid: number;
  /** Inherited from the base version: the key stays (it links the component across versions). */
  inherited: boolean;
  keyTouched: boolean;
}

let nextUid = 1;

export function InstrumentEditorPage() {
  const x = useAssessmentTexts();
  const { api: base } = useBases();
  const canEdit = useCanEdit();
  const [sp] = useSearchParams();
  const list = useLoad(`${base}/instruments`, () => api.get<Instrument[]>(`${base}/instruments`));
  const versions = sortInstruments(list.data ?? []);
  const from = versions.find((v) => v.id === sp.get('von')) ?? defaultInstrument(versions);
  return (
    <AssessmentFrame title={x.editorTitle}>
      {!canEdit ? (
        <NoPermission text={x.noPermissionEdit} />
      ) : (
        <>
          <LoadState loaded={list} />
          {from ? <Editor key={from.id} from={from} /> : null}
        </>
      )}
    </AssessmentFrame>
  );
}

function TextInput({
  id,
  label,
  value,
  onChange,
  error,
  hint,
  multiline,
  readOnly,
  className,
}: {
  id: string;
  label: ReactNode;
  value: string;
  onChange: (v: string) => void;
  error?: string | undefined;
  hint?: ReactNode;
  multiline?: boolean;
  readOnly?: boolean;
  className?: string;
}) {
  const common = {
    id,
    value,
    readOnly,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy(hint ? `${id}-hint` : null, error ? `${id}-error` : null),
  } as const;
  return (
    <div className={`${error ? 'field field-invalid' : 'field'}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {multiline ? (
        <textarea {...common} rows={2} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input type="text" {...common} onChange={(e) => onChange(e.target.value)} />
      )}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

function Editor({ from }: { from: Instrument }) {
  const x = useAssessmentTexts();
  const { api: base, app } = useBases();
  const navigate = useNavigate();
  const [content, setContent] = useState<InstrumentContent>(() => structuredClone(from.content));
  const [compMeta, setCompMeta] = useState<Meta[]>(() =>
    from.content.components.map(() => ({ uid: nextUid++, inherited: true, keyTouched: true })),
  );
  const [condMeta, setCondMeta] = useState<Meta[]>(() =>
    from.content.frameworkConditions.map(() => ({ uid: nextUid++, inherited: true, keyTouched: true })),
  );
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState('');
  const focusAfter = useRef<string | null>(null);

  useEffect(() => {
    if (!focusAfter.current) return;
    document.getElementById(focusAfter.current)?.focus();
    focusAfter.current = null;
  });

  const err = (field: string) => errors.find((e) => e.field === field)?.message;

  const setComp = (i: number, patch: Partial<InstrumentComponent>) =>
    setContent((c) => {
      const components = c.components.map((k, j) => (j === i ? { ...k, ...patch } : k));
      return { ...c, components };
    });
  const setCond = (i: number, patch: Partial<FrameworkConditionDef>) =>
    setContent((c) => ({
      ...c,
      frameworkConditions: c.frameworkConditions.map((k, j) => (j === i ? { ...k, ...patch } : k)),
    }));

  function renameComp(i: number, name: string) {
    const meta = compMeta[i];
    if (meta && !meta.inherited && !meta.keyTouched) {
      const taken = content.components.filter((_, j) => j !== i).map((k) => k.key);
      setComp(i, { name, key: keyFromName(name, taken) });
    } else setComp(i, { name });
  }

  function addComponent() {
    const i = content.components.length;
    setContent((c) => ({
      ...c,
      components: [
        ...c.components,
        { key: '', name: '', nameEn: null, question: '', types: ['', '', '', ''] },
      ],
    }));
    setCompMeta((m) => [...m, { uid: nextUid++, inherited: false, keyTouched: false }]);
    focusAfter.current = editorIds.comp(i, 'name');
    setNotice(x.componentAdded(i + 1));
  }

  function removeComponent(i: number) {
    const name = content.components[i]?.name || x.componentLabel(i + 1);
    setContent((c) => ({ ...c, components: c.components.filter((_, j) => j !== i) }));
    setCompMeta((m) => m.filter((_, j) => j !== i));
    focusAfter.current = 'ie-add-component';
    setNotice(x.componentRemoved(name));
  }

  function moveComponent(i: number, d: -1 | 1) {
    const j = i + d;
    if (j < 0 || j >= content.components.length) return;
    const swap = <T,>(a: T[]) => {
      const b = [...a];
      [b[i], b[j]] = [b[j]!, b[i]!];
      return b;
    };
    setContent((c) => ({ ...c, components: swap(c.components) }));
    setCompMeta(swap);
    focusAfter.current = `ie-c${j}-${d < 0 ? 'up' : 'down'}`;
    setNotice(x.componentMoved(content.components[i]?.name ?? '', j + 1));
  }

  function addCondition() {
    const i = content.frameworkConditions.length;
    setContent((c) => ({
      ...c,
      frameworkConditions: [
        ...c.frameworkConditions,
        { key: '', group: 'struktur', name: '', hint: null, kind: 'text', unit: null },
      ],
    }));
    setCondMeta((m) => [...m, { uid: nextUid++, inherited: false, keyTouched: false }]);
    focusAfter.current = editorIds.cond(i, 'name');
    setNotice(x.conditionAdded(i + 1));
  }

  function removeCondition(i: number) {
    const name = content.frameworkConditions[i]?.name || x.conditionLabel(i + 1);
    setContent((c) => ({ ...c, frameworkConditions: c.frameworkConditions.filter((_, j) => j !== i) }));
    setCondMeta((m) => m.filter((_, j) => j !== i));
    focusAfter.current = 'ie-add-condition';
    setNotice(x.conditionRemoved(name));
  }

  function renameCond(i: number, name: string) {
    const meta = condMeta[i];
    if (meta && !meta.inherited && !meta.keyTouched) {
      const taken = content.frameworkConditions.filter((_, j) => j !== i).map((k) => k.key);
      setCond(i, { name, key: keyFromName(name, taken) });
    } else setCond(i, { name });
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const errs = validateContent(content, x.validation);
    setErrors(errs);
    setFailure(null);
    if (errs.length) return;
    setBusy(true);
    try {
      const created = await api.post<Instrument>(`${base}/instruments`, {
        basedOn: from.id,
        content: cleanContent(content),
      });
      navigate(`${app}/modell?version=${seg(created.id)}`, { state: { savedVersion: created.version } });
    } catch (error) {
      setFailure(toFailure(error));
      setBusy(false);
    }
  }

  return (
    <form className="as-editor" noValidate onSubmit={(e) => void submit(e)}>
      <p className="lead">{x.editorLead(from.content.title, from.version, from.tenantId === null)}</p>
      <p className="alert alert-warning">{x.editorFrozen}</p>
      <ErrorSummary errors={errors} />
      <ErrorAlert error={failure} />
      <StatusMessage>{notice ? <span className="sr-only">{notice}</span> : null}</StatusMessage>

      <Section id="ie-general" title={x.editorGeneral}>
        <TextInput
          id={editorIds.title}
          label={x.fInstrumentTitle}
          value={content.title}
          onChange={(v) => setContent((c) => ({ ...c, title: v }))}
          error={err(editorIds.title)}
        />
        <TextInput
          id={editorIds.description}
          label={x.fDescription}
          value={content.description ?? ''}
          onChange={(v) => setContent((c) => ({ ...c, description: v }))}
          error={err(editorIds.description)}
          multiline
        />
        <TextInput
          id={editorIds.source}
          label={x.fSource}
          hint={x.fSourceHint}
          value={content.source}
          onChange={(v) => setContent((c) => ({ ...c, source: v }))}
          error={err(editorIds.source)}
          multiline
        />
      </Section>

      <Section id="ie-components" title={x.componentsHeading(content.components.length)}>
        {content.components.map((comp, i) => {
          const meta = compMeta[i];
          const label = comp.name.trim() || x.componentLabel(i + 1);
          return (
            <fieldset key={meta?.uid ?? i} className="as-edit-component">
              <legend>
                {i + 1}. {label}
              </legend>
              <div className="field-row">
                <TextInput
                  id={editorIds.comp(i, 'name')}
                  label={x.fName}
                  value={comp.name}
                  onChange={(v) => renameComp(i, v)}
                  error={err(editorIds.comp(i, 'name'))}
                  className="field-wide"
                />
                <TextInput
                  id={editorIds.comp(i, 'nameEn')}
                  label={x.fNameEn}
                  value={comp.nameEn ?? ''}
                  onChange={(v) => setComp(i, { nameEn: v })}
                  error={err(editorIds.comp(i, 'nameEn'))}
                  className="field-wide"
                />
                <TextInput
                  id={editorIds.comp(i, 'key')}
                  label={x.fKey}
                  hint={meta?.inherited ? x.fKeyInherited : x.fKeyHint}
                  value={comp.key}
                  readOnly={meta?.inherited ?? false}
                  onChange={(v) => {
                    setComp(i, { key: v });
                    setCompMeta((m) => m.map((k, j) => (j === i ? { ...k, keyTouched: true } : k)));
                  }}
                  error={err(editorIds.comp(i, 'key'))}
                  className="field-wide"
                />
              </div>
              <TextInput
                id={editorIds.comp(i, 'question')}
                label={x.fQuestion}
                value={comp.question}
                onChange={(v) => setComp(i, { question: v })}
                error={err(editorIds.comp(i, 'question'))}
                multiline
              />
              {comp.types.map((t, l) => (
                <TextInput
                  key={l}
                  id={editorIds.comp(i, `type${l + 1}`)}
                  label={x.typeN(l + 1)}
                  value={t}
                  onChange={(v) => setComp(i, { types: comp.types.map((o, m) => (m === l ? v : o)) })}
                  error={err(editorIds.comp(i, `type${l + 1}`))}
                  multiline
                />
              ))}
              <p className="row-actions-inline">
                <button
                  id={`ie-c${i}-up`}
                  type="button"
                  className="button button-secondary"
                  disabled={i === 0}
                  onClick={() => moveComponent(i, -1)}
                >
                  {x.moveUp}
                  <span className="sr-only">: {label}</span>
                </button>
                <button
                  id={`ie-c${i}-down`}
                  type="button"
                  className="button button-secondary"
                  disabled={i === content.components.length - 1}
                  onClick={() => moveComponent(i, 1)}
                >
                  {x.moveDown}
                  <span className="sr-only">: {label}</span>
                </button>
                <button
                  type="button"
                  className="button button-secondary"
                  disabled={content.components.length <= 1}
                  onClick={() => removeComponent(i)}
                >
                  {x.removeComponent}
                  <span className="sr-only">: {label}</span>
                </button>
              </p>
            </fieldset>
          );
        })}
        <p>
          <button
            id="ie-add-component"
            type="button"
            className="button button-secondary"
            disabled={content.components.length >= 20}
            onClick={addComponent}
          >
            {x.addComponent}
          </button>
        </p>
      </Section>

      <Section id="ie-conditions" title={x.frameworkHeading}>
        <p>{x.frameworkEditText}</p>
        {content.frameworkConditions.map((f, i) => {
          const meta = condMeta[i];
          const label = f.name.trim() || x.conditionLabel(i + 1);
          return (
            <fieldset key={meta?.uid ?? i} className="as-edit-condition">
              <legend>{label}</legend>
              <div className="field-row">
                <TextInput
                  id={editorIds.cond(i, 'name')}
                  label={x.fName}
                  value={f.name}
                  onChange={(v) => renameCond(i, v)}
                  error={err(editorIds.cond(i, 'name'))}
                  className="field-wide"
                />
                <TextInput
                  id={editorIds.cond(i, 'key')}
                  label={x.fKey}
                  hint={meta?.inherited ? x.fKeyInherited : x.fKeyHint}
                  value={f.key}
                  readOnly={meta?.inherited ?? false}
                  onChange={(v) => {
                    setCond(i, { key: v });
                    setCondMeta((m) => m.map((k, j) => (j === i ? { ...k, keyTouched: true } : k)));
                  }}
                  error={err(editorIds.cond(i, 'key'))}
                  className="field-wide"
                />
              </div>
              <TextInput
                id={editorIds.cond(i, 'hint')}
                label={x.fHint}
                value={f.hint ?? ''}
                onChange={(v) => setCond(i, { hint: v })}
                error={err(editorIds.cond(i, 'hint'))}
              />
              <div className="field-row">
                <div className="field">
                  <label htmlFor={editorIds.cond(i, 'group')}>{x.fGroup}</label>
                  <select
                    id={editorIds.cond(i, 'group')}
                    value={f.group}
                    onChange={(e) => setCond(i, { group: e.target.value as FrameworkConditionDef['group'] })}
                  >
                    <option value="ressourcen">{x.frameworkGroup.ressourcen}</option>
                    <option value="struktur">{x.frameworkGroup.struktur}</option>
                  </select>
                </div>
                <div className="field">
                  <label htmlFor={editorIds.cond(i, 'kind')}>{x.fKind}</label>
                  <select
                    id={editorIds.cond(i, 'kind')}
                    value={f.kind}
                    onChange={(e) => setCond(i, { kind: e.target.value as FrameworkConditionDef['kind'] })}
                  >
                    <option value="number">{x.kindNumberOption}</option>
                    <option value="text">{x.kindText}</option>
                  </select>
                </div>
                {f.kind === 'number' ? (
                  <TextInput
                    id={editorIds.cond(i, 'unit')}
                    label={x.fUnit}
                    value={f.unit ?? ''}
                    onChange={(v) => setCond(i, { unit: v })}
                    error={err(editorIds.cond(i, 'unit'))}
                  />
                ) : null}
              </div>
              <p>
                <button type="button" className="button button-secondary" onClick={() => removeCondition(i)}>
                  {x.removeCondition}
                  <span className="sr-only">: {label}</span>
                </button>
              </p>
            </fieldset>
          );
        })}
        <p>
          <button
            id="ie-add-condition"
            type="button"
            className="button button-secondary"
            disabled={content.frameworkConditions.length >= 30}
            onClick={addCondition}
          >
            {x.addCondition}
          </button>
        </p>
      </Section>

      <p className="actions">
        <button type="submit" className="button" disabled={busy}>
          {x.saveVersion}
        </button>{' '}
        <Link className="button button-secondary" to={`${app}/modell?version=${seg(from.id)}`}>
          {x.cancel}
        </Link>
      </p>
      <p className="hint">{x.saveVersionHint}</p>
    </form>
  );
}
