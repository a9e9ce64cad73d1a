/** Settings of the public portal: start text, contact, legal links, logo and colour, what is public. */
import { useState, type FormEvent } from 'react';
import {
  contrastRatio,
  hasPermission,
  MIN_CONTRAST,
  type PortalSettings,
  type PortalSettingsView,
} from '@dkbm/contract';
import { api, seg, toFailure, type ApiFailure } from '../api';
import { useI18n } from '../i18n';
import { useLoad } from '../hooks';
import { useTenant } from '../tenantContext';
import { Page, Section } from '../components/Page';
import { ErrorAlert, Loading, StatusMessage } from '../components/Feedback';
import { TextField } from '../components/Fields';
import { usePortalTexts } from './texts';

export function PortalSettingsPage() {
  const x = usePortalTexts();
  const tenant = useTenant();
  const url = `/api/tenants/${seg(tenant.tenantId)}/portal/settings`;
  const view = useLoad(url, () => api.get<PortalSettingsView>(url));
  return (
    <Page title={x.title}>
      <p className="lead">{x.lead}</p>
      <p>
        <a href={`/kommune/${seg(tenant.slug)}`}>{x.publicLink}</a>
      </p>
      <ErrorAlert error={view.error} />
      {view.data ? (
        <SettingsForm view={view.data} url={url} canWrite={hasPermission(tenant.role, 'data.write')} />
      ) : view.error ? null : (
        <Loading />
      )}
    </Page>
  );
}

function SettingsForm({ view, url, canWrite }: { view: PortalSettingsView; url: string; canWrite: boolean }) {
  const x = usePortalTexts();
  const { lang } = useI18n();
  const s = view.settings;
  const [d, setD] = useState({
    intro: s.intro,
    contact: s.contact,
    imprintUrl: s.imprintUrl ?? '',
    privacyUrl: s.privacyUrl ?? '',
    logoUrl: s.logoUrl ?? '',
    color: s.color ?? '',
    hiddenLevels: s.hiddenLevels as string[],
    hiddenDimensions: s.hiddenDimensions,
  });
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof d) => (v: string) => setD((o) => ({ ...o, [k]: v }));
  const toggle = (k: 'hiddenLevels' | 'hiddenDimensions', code: string, on: boolean) =>
    setD((o) => ({ ...o, [k]: on ? [...o[k], code] : o[k].filter((c) => c !== code) }));
  const validColor = /^#[0-9a-fA-F]{6}$/.test(d.color);
  const ratio = validColor ? contrastRatio(d.color, '#ffffff') : null;
  const fmt = new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'de-DE', { maximumFractionDigits: 1 });

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFailure(null);
    setStatus('');
    setBusy(true);
    const body: Partial<PortalSettings> = {
      intro: d.intro,
      contact: d.contact,
      imprintUrl: d.imprintUrl.trim() || null,
      privacyUrl: d.privacyUrl.trim() || null,
      logoUrl: d.logoUrl.trim() || null,
      color: d.color.trim() || null,
      hiddenLevels: d.hiddenLevels as PortalSettings['hiddenLevels'],
      hiddenDimensions: d.hiddenDimensions,
    };
    try {
      await api.put(url, body);
      setStatus(x.saved);
    } catch (err) {
      setFailure(toFailure(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form" noValidate onSubmit={(e) => void submit(e)}>
      <StatusMessage>{status || null}</StatusMessage>
      <ErrorAlert error={failure} />
      <Section id="portal-texts" title={x.textsHeading}>
        <div className="field">
          <label htmlFor="portal-intro">{x.fIntro}</label>
          <p className="hint" id="portal-intro-hint">
            {x.fIntroHint}
          </p>
          <textarea
            id="portal-intro"
            rows={5}
            aria-describedby="portal-intro-hint"
            value={d.intro}
            onChange={(e) => set('intro')(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="portal-contact">{x.fContact}</label>
          <textarea
            id="portal-contact"
            rows={3}
            value={d.contact}
            onChange={(e) => set('contact')(e.target.value)}
          />
        </div>
        <p>{x.legalHint}</p>
        <TextField
          id="portal-imprint"
          label={x.fImprint}
          type="url"
          value={d.imprintUrl}
          onChange={set('imprintUrl')}
        />
        <TextField
          id="portal-privacy"
          label={x.fPrivacy}
          type="url"
          value={d.privacyUrl}
          onChange={set('privacyUrl')}
        />
      </Section>
      <Section id="portal-look" title={x.lookHeading}>
        <TextField id="portal-logo" label={x.fLogo} type="url" value={d.logoUrl} onChange={set('logoUrl')} />
        <TextField
          id="portal-color"
          label={x.fColor}
          hint={x.fColorHint}
          value={d.color}
          onChange={set('color')}
          className="input-short"
        />
        {ratio !== null ? (
          <p>
            <span className="swatch" style={{ background: d.color }} aria-hidden="true" />{' '}
            {x.contrast(fmt.format(ratio))}
            {ratio < MIN_CONTRAST ? <strong> – {x.contrastLow}</strong> : null}
          </p>
        ) : null}
      </Section>
      <Section id="portal-public" title={x.publicHeading}>
        <Checks
          legend={x.levelsLegend}
          prefix="portal-level"
          options={view.levels}
          chosen={d.hiddenLevels}
          onToggle={(c, on) => toggle('hiddenLevels', c, on)}
        />
        <Checks
          legend={x.dimsLegend}
          prefix="portal-dim"
          options={view.dimensions}
          chosen={d.hiddenDimensions}
          onToggle={(c, on) => toggle('hiddenDimensions', c, on)}
        />
      </Section>
      {canWrite ? (
        <button type="submit" className="button" disabled={busy}>
          {x.save}
        </button>
      ) : (
        <p>{x.noPermission}</p>
      )}
    </form>
  );
}

function Checks(p: {
  legend: string;
  prefix: string;
  options: ReadonlyArray<{ code: string; label: string }>;
  chosen: readonly string[];
  onToggle: (code: string, on: boolean) => void;
}) {
  const x = usePortalTexts();
  return (
    <fieldset className="checks">
      <legend>{p.legend}</legend>
      {p.options.length === 0 ? <p>{x.none}</p> : null}
      {p.options.map((o) => (
        <div className="check" key={o.code}>
          <input
            id={`${p.prefix}-${o.code}`}
            type="checkbox"
            checked={p.chosen.includes(o.code)}
            onChange={(e) => p.onToggle(o.code, e.target.checked)}
          />{' '}
          <label htmlFor={`${p.prefix}-${o.code}`}>{o.label}</label>
        </div>
      ))}
    </fieldset>
  );
}
