import { useId, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { TENANT_TYPE_LABELS, type Tenant, type TenantType } from '@dkbm/contract';
import { api, seg, toFailure, type ApiFailure } from '../api';
import { useLoad } from '../hooks';
import { useI18n } from '../i18n';
import { useSession } from '../session';
import { isTenantAdmin, useTenant } from '../tenant';
import { Page } from '../components/Page';
import { ErrorAlert, Loading, NoPermission, StatusMessage } from '../components/Feedback';
import { focusFirstInvalid, SelectField, TextField, type FieldErrors } from '../components/Fields';
import { useImportTexts } from '../imports/texts';

const LOGO_MAX_BYTES = 256 * 1024;
const LOGO_TYPES = ['image/png', 'image/jpeg', 'image/svg+xml', 'image/webp'];
const AGS = /^(\d{2}|\d{3}|\d{5}|\d{8})$/;
const COLOR = /^#[0-9a-fA-F]{6}$/;
const DEFAULT_COLOR = '#0b5394';

const readAsDataUrl = (file: File) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.addEventListener('load', () => resolve(String(reader.result)));
    reader.addEventListener('error', () => reject(reader.error ?? new Error('read failed')));
    reader.readAsDataURL(file);
  });

function LogoField({
  value,
  onChange,
  tenantName,
}: {
  value: string | null;
  onChange: (v: string | null) => void;
  tenantName: string;
}) {
  const { t } = useI18n();
  const id = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);

  async function pick(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    if (!file) return;
    setError(null);
    if (!LOGO_TYPES.includes(file.type)) setError(t.logoWrongType);
    else if (file.size > LOGO_MAX_BYTES) setError(t.logoTooLarge);
    else onChange(await readAsDataUrl(file));
    e.target.value = '';
  }

  return (
    <fieldset className="logo-field">
      <legend>{t.logo}</legend>
      <div className="logo-preview">
        {value ? <img src={value} alt={t.logoPreview(tenantName)} /> : <p className="muted">{t.logoNone}</p>}
      </div>
      <div className={error ? 'field field-invalid' : 'field'}>
        <label htmlFor={id}>{t.logoUpload}</label>
        <p className="hint" id={`${id}-hint`}>
          {t.logoHint}
        </p>
        <input
          ref={fileInput}
          id={id}
          type="file"
          accept={LOGO_TYPES.join(',')}
          aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
          aria-invalid={error ? true : undefined}
          onChange={(e) => void pick(e)}
        />
        {error ? (
          <p className="field-error" id={`${id}-error`} role="alert">
            {error}
          </p>
        ) : null}
      </div>
      {value ? (
        <button
          type="button"
          className="button button-secondary"
          onClick={() => {
            onChange(null);
            fileInput.current?.focus();
          }}
        >
          {t.logoRemove}
        </button>
      ) : null}
    </fieldset>
  );
}

function SettingsForm({ tenant }: { tenant: Tenant }) {
  const { t, lang } = useI18n();
  const { refresh } = useSession();
  const form = useRef<HTMLFormElement>(null);
  const [name, setName] = useState(tenant.name);
  const [type, setType] = useState<TenantType>(tenant.type);
  const [ags, setAgs] = useState(tenant.ags ?? '');
  const [color, setColor] = useState(tenant.color ?? '');
  const [logo, setLogo] = useState<string | null>(tenant.logo);
  const [threshold, setThreshold] = useState(String(tenant.sdcThreshold));
  const x = useImportTexts();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<ApiFailure | string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    setSaved(false);
    const e: FieldErrors = {};
    if (name.trim().length < 2) e.name = t.requiredField(t.tenantName);
    if (ags.trim() && !AGS.test(ags.trim())) e.ags = t.agsInvalid;
    if (color.trim() && !COLOR.test(color.trim())) e.color = t.colorInvalid;
    const thresholdValue = Number(threshold.trim());
    if (!/^\d+$/.test(threshold.trim()) || thresholdValue < 2 || thresholdValue > 50) {
      e.sdcThreshold = x.thresholdInvalid;
    }
    setErrors(e);
    if (Object.keys(e).length > 0) {
      setFailure(`${t.formErrorsIntro} ${Object.values(e).join(' ')}`);
      requestAnimationFrame(() => focusFirstInvalid(form.current));
      return;
    }
    setFailure(null);
    setBusy(true);
    try {
      await api.patch<Tenant>(`/api/tenants/${seg(tenant.id)}`, {
        name: name.trim(),
        type,
        ags: ags.trim() || null,
        color: color.trim() || null,
        logo,
        sdcThreshold: thresholdValue,
      });
      setSaved(true);
      await refresh();
    } catch (err) {
      setFailure(toFailure(err));
    } finally {
      setBusy(false);
    }
  }

  const typeOptions = (Object.keys(TENANT_TYPE_LABELS) as TenantType[]).map((v) => ({
    value: v,
    label: TENANT_TYPE_LABELS[v][lang],
  }));
  const errId = failure ? 'settings-error' : undefined;

  return (
    <form ref={form} className="form" noValidate onSubmit={(e) => void submit(e)}>
      <ErrorAlert error={failure} id="settings-error" />
      <TextField
        id="settings-name"
        label={t.tenantName}
        value={name}
        onChange={setName}
        error={errors.name}
        extraDescribedBy={errId}
      />
      <SelectField
        id="settings-type"
        label={t.tenantType}
        value={type}
        onChange={setType}
        options={typeOptions}
      />
      <TextField
        id="settings-ags"
        label={t.ags}
        hint={t.agsHint}
        inputMode="numeric"
        value={ags}
        onChange={setAgs}
        error={errors.ags}
      />
      <div className="color-row">
        <div className="field">
          <label htmlFor="settings-color-picker">{t.colorPicker}</label>
          <input
            id="settings-color-picker"
            type="color"
            value={COLOR.test(color) ? color.toLowerCase() : DEFAULT_COLOR}
            onChange={(e) => setColor(e.target.value)}
          />
        </div>
        <TextField
          id="settings-color"
          label={t.colorText}
          hint={t.colorHint}
          value={color}
          onChange={setColor}
          error={errors.color}
          placeholder="#0b5394"
        />
      </div>
      <TextField
        id="settings-sdc-threshold"
        label={x.thresholdLabel}
        hint={x.thresholdHint}
        type="number"
        inputMode="numeric"
        min={2}
        max={50}
        step={1}
        className="input-short"
        value={threshold}
        onChange={setThreshold}
        error={errors.sdcThreshold}
      />
      <LogoField value={logo} onChange={setLogo} tenantName={name || tenant.name} />
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          {t.saveSettings}
        </button>
      </div>
      <StatusMessage>{saved ? t.settingsSaved : null}</StatusMessage>
    </form>
  );
}

function Settings() {
  const tenant = useTenant();
  const data = useLoad(tenant.tenantId, () => api.get<Tenant>(`/api/tenants/${seg(tenant.tenantId)}`));
  if (data.error) return <ErrorAlert error={data.error} />;
  if (!data.data) return <Loading />;
  return <SettingsForm key={data.data.id} tenant={data.data} />;
}

/** /t/:slug/verwaltung/einstellungen – administrators only. */
export function SettingsPage() {
  const { t } = useI18n();
  const tenant = useTenant();
  return (
    <Page title={t.settings}>
      {isTenantAdmin(tenant) ? <Settings /> : <NoPermission text={t.noPermissionTenantAdmin} />}
    </Page>
  );
}
