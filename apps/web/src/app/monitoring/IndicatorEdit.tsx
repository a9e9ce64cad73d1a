/**
 * Editing on the indicator page (roles with data.write): the metadata form, deleting the indicator
 * (confirmed with its code) and, for computed indicators, the way to the computation editor.
 */
import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import {
  hasPermission,
  indicatorTierSchema,
  indicatorTopicSchema,
  periodTypeSchema,
  type IndicatorDetail,
  type Tenant,
} from '@dkbm/contract';
import { api, seg, toFailure, type ApiFailure } from '../api';
import { useLoad } from '../hooks';
import { formatNumber, useI18n } from '../i18n';
import { useTenant } from '../tenant';
import { ErrorAlert, FieldErrorSummary, StatusMessage } from '../components/Feedback';
import { describedBy, SelectField, TextField } from '../components/Fields';
import { indicatorName, tierLabel, topicLabel, useApiBase, useMonitoringPath } from './common';
import {
  changedMeta,
  formOf,
  serverFieldErrors,
  validateMeta,
  type MetaError,
  type MetaField,
  type MetaForm,
} from './metaForm';
import { useTexts, type MonitoringTexts } from './texts';
import './monitoring-edit.css';

/** State handed to the catalogue after a deletion (it shows the status message). */
export interface DeletedState {
  deletedIndicator: { name: string; code: string };
}

const fieldId = (f: MetaField) => `meta-${f}`;

function fieldLabel(f: MetaField, tx: MonitoringTexts): string {
  const labels: Record<MetaField, string> = {
    nameDe: tx.nameDe,
    nameEn: tx.nameEn,
    description: tx.description,
    unit: tx.unit,
    decimals: tx.decimals,
    topic: tx.topic,
    tier: tx.tier,
    kind: tx.typeKind,
    measure: tx.typeMeasure,
    polarity: tx.polarity,
    periodType: tx.periodType,
    visibility: tx.visibility,
    source: tx.source,
    licence: tx.licence,
    attribution: tx.attribution,
    updateInterval: tx.updateInterval,
    contact: tx.contact,
    sdcThreshold: tx.threshold,
  };
  return labels[f];
}

function errorText(e: MetaError, tx: MonitoringTexts): string {
  const label = fieldLabel(e.field, tx);
  if (e.kind === 'required') return tx.errRequired(label);
  if (e.kind === 'tooLong') return tx.errTooLong(label, e.max);
  return tx.errInteger(label, e.min, e.max);
}

interface FieldMessage {
  field: string;
  message: string;
}

/** The error summary of the metadata forms (inside a section: h3). */
function ErrorSummary({ id, errors, intro }: { id: string; errors: FieldMessage[]; intro?: string | null }) {
  const tx = useTexts();
  return (
    <FieldErrorSummary id={id} errors={errors} intro={intro} title={tx.errorSummaryTitle} heading="h3" />
  );
}

/** Label text with a visual mark for required fields (announced through aria-required). */
function Req({ children }: { children: string }) {
  return (
    <>
      {children}{' '}
      <span className="mon-required" aria-hidden="true">
        *
      </span>
    </>
  );
}

function RadioGroup<V extends string>({
  id,
  legend,
  hint,
  value,
  options,
  onChange,
}: {
  id: string;
  legend: string;
  hint?: ReactNode;
  value: V;
  options: ReadonlyArray<{ value: V; label: string }>;
  onChange: (v: V) => void;
}) {
  return (
    <fieldset className="choice mon-edit-choice" aria-describedby={hint ? `${id}-hint` : undefined}>
      <legend>{legend}</legend>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {options.map((o, i) => (
        <div key={o.value} className="radio">
          <input
            id={i === 0 ? id : `${id}-${o.value}`}
            type="radio"
            name={id}
            value={o.value}
            checked={value === o.value}
            onChange={() => onChange(o.value)}
          />{' '}
          <label htmlFor={i === 0 ? id : `${id}-${o.value}`}>{o.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

/** Open/closed sign of a toggle button (the state itself is in aria-expanded). */
function Chevron({ open }: { open: boolean }) {
  return (
    <span className="mon-chevron" aria-hidden="true">
      {open ? '▾' : '▸'}
    </span>
  );
}

/** Toolbar for editors and the panels it opens; renders nothing for other roles. */
export function IndicatorAdmin({ detail, onChanged }: { detail: IndicatorDetail; onChanged: () => void }) {
  const tenant = useTenant();
  const tx = useTexts();
  const path = useMonitoringPath();
  const uid = useId();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [status, setStatus] = useState('');
  const editButton = useRef<HTMLButtonElement>(null);
  const deleteButton = useRef<HTMLButtonElement>(null);
  if (!hasPermission(tenant.role, 'data.write')) return null;
  const editId = `${uid}-edit`;
  const deleteId = `${uid}-delete`;

  return (
    <>
      <div className="mon-admin" role="group" aria-label={tx.manageLabel}>
        <button
          ref={editButton}
          type="button"
          className="button button-secondary"
          aria-expanded={editing}
          aria-controls={editing ? editId : undefined}
          onClick={() => {
            setStatus('');
            setEditing(!editing);
          }}
        >
          <Chevron open={editing} /> {tx.editMeta}
        </button>
        {detail.isComputed ? (
          <Link className="button button-secondary" to={`${path}/berechnungen`}>
            {tx.editComputed}
          </Link>
        ) : null}
        <button
          ref={deleteButton}
          type="button"
          className="button button-secondary"
          aria-expanded={deleting}
          aria-controls={deleting ? deleteId : undefined}
          onClick={() => {
            setStatus('');
            setDeleting(!deleting);
          }}
        >
          <Chevron open={deleting} /> {tx.deleteIndicator}
        </button>
      </div>
      <StatusMessage>{status}</StatusMessage>
      {editing ? (
        <MetadataEditor
          id={editId}
          detail={detail}
          onCancel={() => {
            setEditing(false);
            editButton.current?.focus();
          }}
          onSaved={(message, changed) => {
            setEditing(false);
            setStatus(message);
            editButton.current?.focus();
            if (changed) onChanged();
          }}
        />
      ) : null}
      {deleting ? (
        <DeletePanel
          id={deleteId}
          detail={detail}
          onCancel={() => {
            setDeleting(false);
            deleteButton.current?.focus();
          }}
        />
      ) : null}
    </>
  );
}

function MetadataEditor({
  id,
  detail,
  onCancel,
  onSaved,
}: {
  id: string;
  detail: IndicatorDetail;
  onCancel: () => void;
  onSaved: (message: string, changed: boolean) => void;
}) {
  const tx = useTexts();
  const { lang } = useI18n();
  const tenant = useTenant();
  const base = useApiBase();
  const tenantUrl = `/api/tenants/${seg(tenant.tenantId)}`;
  const tenantInfo = useLoad(tenantUrl, () => api.get<Tenant>(tenantUrl));
  const [form, setForm] = useState<MetaForm>(() => formOf(detail));
  const [errors, setErrors] = useState<FieldMessage[]>([]);
  const [serverIntro, setServerIntro] = useState<string | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const byField = new Map<string, string>();
  for (const e of errors) if (!byField.has(e.field)) byField.set(e.field, e.message);
  const err = (f: MetaField) => byField.get(fieldId(f));
  const set = <K extends MetaField>(k: K, v: MetaForm[K]) => setForm((prev) => ({ ...prev, [k]: v }));

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    if (busy) return;
    setFailure(null);
    setServerIntro(null);
    const r = validateMeta(form);
    if (!r.ok) {
      setErrors(r.errors.map((e) => ({ field: fieldId(e.field), message: errorText(e, tx) })));
      return;
    }
    setErrors([]);
    const body = changedMeta(detail, r.meta);
    if (Object.keys(body).length === 0) {
      onSaved(tx.noChanges, false);
      return;
    }
    setBusy(true);
    try {
      await api.patch(`${base}/indicators/${seg(detail.id)}`, body);
      setBusy(false);
      onSaved(tx.metaSaved, true);
    } catch (e) {
      setBusy(false);
      const f = toFailure(e);
      const fields = serverFieldErrors(f.details);
      if (fields.length) {
        setServerIntro(f.message);
        setErrors(
          fields.map((x) => ({
            field: fieldId(x.field),
            message: tx.errServerField(fieldLabel(x.field, tx), x.message || f.message),
          })),
        );
      } else setFailure(f);
    }
  }

  const text = (
    f: 'nameDe' | 'nameEn' | 'unit' | 'source' | 'licence' | 'attribution' | 'updateInterval' | 'contact',
    opts: { hint?: string; required?: boolean; className?: string; lang?: string } = {},
  ) => (
    <TextField
      id={fieldId(f)}
      label={opts.required ? <Req>{fieldLabel(f, tx)}</Req> : fieldLabel(f, tx)}
      hint={opts.hint}
      error={err(f)}
      value={form[f]}
      onChange={(v) => set(f, v)}
      aria-required={opts.required ? true : undefined}
      className={opts.className}
      lang={opts.lang}
      autoComplete="off"
    />
  );
  const tenantDefault = tenantInfo.data?.sdcThreshold ?? null;
  const descError = err('description');

  return (
    <section id={id} className="mon-edit-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{tx.editMeta}</h2>
      <p className="hint">{tx.editLead}</p>
      <p className="hint">{tx.requiredNote}</p>
      <form noValidate onSubmit={(e) => void submit(e)} className="mon-edit-form" data-testid="meta-form">
        <ErrorSummary id={`${id}-errors`} errors={errors} intro={serverIntro} />
        <fieldset>
          <legend>{tx.fsNames}</legend>
          {text('nameDe', { required: true })}
          {text('nameEn', { hint: tx.nameEnHint, lang: 'en' })}
          <div className={descError ? 'field field-invalid' : 'field'}>
            <label htmlFor={fieldId('description')}>{tx.description}</label>
            <p className="hint" id={`${fieldId('description')}-hint`}>
              {tx.descriptionHint}
            </p>
            <textarea
              id={fieldId('description')}
              rows={4}
              value={form.description}
              aria-invalid={descError ? true : undefined}
              aria-describedby={describedBy(
                `${fieldId('description')}-hint`,
                descError ? `${fieldId('description')}-error` : null,
              )}
              onChange={(e) => set('description', e.target.value)}
            />
            {descError ? (
              <p className="field-error" id={`${fieldId('description')}-error`}>
                {descError}
              </p>
            ) : null}
          </div>
        </fieldset>

        <fieldset>
          <legend>{tx.fsClassification}</legend>
          <SelectField
            id={fieldId('topic')}
            label={tx.topic}
            value={form.topic}
            onChange={(v) => set('topic', v)}
            options={indicatorTopicSchema.options.map((t) => ({ value: t, label: topicLabel(t, lang) }))}
          />
          <RadioGroup
            id={fieldId('tier')}
            legend={tx.tier}
            value={form.tier}
            onChange={(v) => set('tier', v)}
            options={indicatorTierSchema.options.map((t) => ({ value: t, label: tierLabel(t, lang) }))}
          />
          <RadioGroup
            id={fieldId('kind')}
            legend={tx.typeKind}
            value={form.kind}
            onChange={(v) => set('kind', v)}
            options={[
              { value: 'status', label: tx.kindStatus },
              { value: 'dynamic', label: tx.kindDynamic },
            ]}
          />
          <RadioGroup
            id={fieldId('measure')}
            legend={tx.typeMeasure}
            value={form.measure}
            onChange={(v) => set('measure', v)}
            options={[
              { value: 'absolute', label: tx.measureAbsolute },
              { value: 'relative', label: tx.measureRelative },
            ]}
          />
          <RadioGroup
            id={fieldId('polarity')}
            legend={tx.polarity}
            value={form.polarity}
            onChange={(v) => set('polarity', v)}
            options={[
              { value: 'higher_better', label: tx.polarityHigher },
              { value: 'lower_better', label: tx.polarityLower },
              { value: 'neutral', label: tx.polarityNeutral },
            ]}
          />
          <SelectField
            id={fieldId('periodType')}
            label={tx.periodType}
            value={form.periodType}
            onChange={(v) => set('periodType', v)}
            options={periodTypeSchema.options.map((p) => ({ value: p, label: tx.periodTypes[p] ?? p }))}
          />
        </fieldset>

        <fieldset>
          <legend>{tx.fsDisplay}</legend>
          {text('unit', { required: true, hint: tx.unitHint, className: 'mon-input-medium' })}
          <TextField
            id={fieldId('decimals')}
            label={<Req>{tx.decimals}</Req>}
            hint={tx.decimalsHint}
            error={err('decimals')}
            value={form.decimals}
            onChange={(v) => set('decimals', v)}
            inputMode="numeric"
            aria-required
            className="input-short"
            autoComplete="off"
          />
        </fieldset>

        <fieldset>
          <legend>{tx.fsPublication}</legend>
          <RadioGroup
            id={fieldId('visibility')}
            legend={tx.visibility}
            hint={tx.visibilityExplain}
            value={form.visibility}
            onChange={(v) => set('visibility', v)}
            options={[
              { value: 'public', label: tx.visibilityPublicOption },
              { value: 'internal', label: tx.visibilityInternalOption },
            ]}
          />
          <TextField
            id={fieldId('sdcThreshold')}
            label={tx.threshold}
            hint={tx.thresholdHint(tenantDefault)}
            error={err('sdcThreshold')}
            value={form.sdcThreshold}
            onChange={(v) => set('sdcThreshold', v)}
            inputMode="numeric"
            className="input-short"
            autoComplete="off"
          />
        </fieldset>

        <fieldset>
          <legend>{tx.fsSource}</legend>
          {text('source', { hint: tx.sourceHint })}
          {text('licence', { hint: tx.licenceHint })}
          {text('attribution', { hint: tx.attributionHint })}
          {text('updateInterval', { hint: tx.updateIntervalHint })}
          {text('contact', { hint: tx.contactHint })}
        </fieldset>

        <ErrorAlert error={failure} />
        <div className="actions mon-edit-actions">
          <button type="submit" className="button" disabled={busy}>
            {busy ? tx.saving : tx.saveMeta}
          </button>
          <button type="button" className="button button-secondary" onClick={onCancel}>
            {tx.cancelEdit}
          </button>
        </div>
      </form>
    </section>
  );
}

function DeletePanel({
  id,
  detail,
  onCancel,
}: {
  id: string;
  detail: IndicatorDetail;
  onCancel: () => void;
}) {
  const tx = useTexts();
  const { lang } = useI18n();
  const base = useApiBase();
  const path = useMonitoringPath();
  const navigate = useNavigate();
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<FieldMessage[]>([]);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const inputId = `${id}-confirm`;
  const name = indicatorName(detail, lang);

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    if (busy) return;
    setFailure(null);
    const typed = confirm.trim();
    if (typed !== detail.code) {
      setErrors([
        { field: inputId, message: typed ? tx.deleteMismatch(detail.code) : tx.errRequired(tx.code) },
      ]);
      return;
    }
    setErrors([]);
    setBusy(true);
    try {
      await api.del(`${base}/indicators/${seg(detail.id)}?confirm=${encodeURIComponent(typed)}`);
      const state: DeletedState = { deletedIndicator: { name, code: detail.code } };
      void navigate(path, { state });
    } catch (e) {
      setBusy(false);
      const f = toFailure(e);
      if (f.field === 'confirm') setErrors([{ field: inputId, message: f.message }]);
      else setFailure(f);
    }
  }

  return (
    <section id={id} className="mon-edit-panel mon-delete-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{tx.deleteIndicator}</h2>
      <p>
        {tx.deleteLead(name, detail.coverage.observations, formatNumber(detail.coverage.observations, lang))}
      </p>
      {detail.dependents.length ? (
        <p className="alert alert-warning">
          {tx.deleteDependents(detail.dependents.map((d) => `${d.name} (${d.code})`).join(', '))}
        </p>
      ) : null}
      <form noValidate onSubmit={(e) => void submit(e)} data-testid="delete-form">
        <ErrorSummary id={`${id}-errors`} errors={errors} />
        <TextField
          id={inputId}
          label={tx.deleteConfirm(detail.code)}
          hint={tx.deleteConfirmHint}
          error={errors[0]?.message}
          value={confirm}
          onChange={setConfirm}
          className="input-code mon-input-medium"
          autoComplete="off"
          spellCheck={false}
          aria-required
        />
        <ErrorAlert error={failure} />
        <div className="actions mon-edit-actions">
          <button type="submit" className="button button-danger" disabled={busy}>
            {busy ? tx.deleting : tx.deleteSubmit}
          </button>
          <button type="button" className="button button-secondary" onClick={onCancel}>
            {tx.cancelEdit}
          </button>
        </div>
      </form>
    </section>
  );
}
