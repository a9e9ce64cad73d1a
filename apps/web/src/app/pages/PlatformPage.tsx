import { useRef, useState, type FormEvent } from 'react';
import { TENANT_TYPE_LABELS, type Invitation, type Tenant, type TenantType } from '@dkbm/contract';
import { api, seg, toFailure, type ApiFailure } from '../api';
import { useLoad } from '../hooks';
import { formatDate, formatNumber, useI18n } from '../i18n';
import { useSession } from '../session';
import { Page, Section } from '../components/Page';
import { DataTable, Email } from '../components/Table';
import { ErrorAlert, Loading, NoPermission, StatusMessage } from '../components/Feedback';
import { focusFirstInvalid, SelectField, TextField, type FieldErrors } from '../components/Fields';
import { ConfirmAction } from '../components/ConfirmAction';
import { OneTimeLink } from '../components/OneTimeLink';
import { looksLikeEmail } from './AddPersonForm';

/** Shapes of /api/platform (defined inline in the server's tenants.routes.ts, not in the contract). */
type PlatformTenant = Tenant & { memberCount: number };
interface PlatformUser {
  id: string;
  email: string;
  displayName: string;
  isPlatformAdmin: boolean;
  active: boolean;
  tenantCount: number;
}

const SLUG = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
const AGS = /^(\d{2}|\d{3}|\d{5}|\d{8})$/;

function TenantsTable({ tenants }: { tenants: PlatformTenant[] }) {
  const { t, lang } = useI18n();
  return (
    <DataTable
      caption={t.tenantsCaption}
      head={
        <tr>
          <th scope="col">{t.colName}</th>
          <th scope="col">{t.colSlug}</th>
          <th scope="col">{t.colType}</th>
          <th scope="col">{t.colAgs}</th>
          <th scope="col" className="num">
            {t.colMembers}
          </th>
          <th scope="col">{t.colDemo}</th>
          <th scope="col">{t.colCreated}</th>
        </tr>
      }
    >
      {tenants.map((tn) => (
        <tr key={tn.id}>
          <th scope="row">{tn.name}</th>
          <td>
            <a href={`/kommune/${encodeURIComponent(tn.slug)}`}>{tn.slug}</a>
          </td>
          <td>{TENANT_TYPE_LABELS[tn.type][lang]}</td>
          <td>{tn.ags ?? '–'}</td>
          <td className="num">{formatNumber(tn.memberCount, lang)}</td>
          <td>{tn.isDemo ? t.yes : t.no}</td>
          <td>{formatDate(tn.createdAt, lang)}</td>
        </tr>
      ))}
    </DataTable>
  );
}

function CreateTenantForm({ onCreated }: { onCreated: () => void }) {
  const { t, lang } = useI18n();
  const form = useRef<HTMLFormElement>(null);
  const [slug, setSlug] = useState('');
  const [name, setName] = useState('');
  const [type, setType] = useState<TenantType>('kreisfreie_stadt');
  const [ags, setAgs] = useState('');
  const [adminEmail, setAdminEmail] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<ApiFailure | string | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{
    name: string;
    email: string;
    link: string | null;
    expiresAt?: string;
  } | null>(null);

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    setResult(null);
    const e: FieldErrors = {};
    if (slug.length < 2 || slug.length > 60 || !SLUG.test(slug)) e.slug = t.slugInvalid;
    if (name.trim().length < 2) e.name = t.requiredField(t.tenantName);
    if (ags.trim() && !AGS.test(ags.trim())) e.ags = t.agsInvalid;
    if (adminEmail.trim() && !looksLikeEmail(adminEmail)) e.adminEmail = t.invalidEmail;
    setErrors(e);
    if (Object.keys(e).length > 0) {
      setFailure(`${t.formErrorsIntro} ${Object.values(e).join(' ')}`);
      requestAnimationFrame(() => focusFirstInvalid(form.current));
      return;
    }
    setFailure(null);
    setBusy(true);
    try {
      const r = await api.post<{ tenant: Tenant; invitation: Invitation | null; link: string | null }>(
        '/api/platform/tenants',
        {
          slug,
          name: name.trim(),
          type,
          ...(ags.trim() ? { ags: ags.trim() } : {}),
          ...(adminEmail.trim() ? { adminEmail: adminEmail.trim() } : {}),
        },
      );
      setResult({
        name: r.tenant.name,
        email: adminEmail.trim(),
        link: r.link,
        expiresAt: r.invitation?.expiresAt,
      });
      setSlug('');
      setName('');
      setAgs('');
      setAdminEmail('');
      onCreated();
    } catch (err) {
      const f = toFailure(err);
      if (f.field === 'slug') setErrors({ slug: f.message });
      setFailure(f);
    } finally {
      setBusy(false);
    }
  }

  const typeOptions = (Object.keys(TENANT_TYPE_LABELS) as TenantType[]).map((v) => ({
    value: v,
    label: TENANT_TYPE_LABELS[v][lang],
  }));
  return (
    <>
      <form ref={form} className="form" noValidate onSubmit={(e) => void submit(e)}>
        <ErrorAlert error={failure} id="create-tenant-error" />
        <TextField
          id="tenant-slug"
          label={t.slug}
          hint={t.slugHint}
          autoComplete="off"
          value={slug}
          onChange={(v) => setSlug(v.toLowerCase())}
          error={errors.slug}
          extraDescribedBy={failure ? 'create-tenant-error' : undefined}
        />
        <TextField
          id="tenant-name"
          label={t.tenantName}
          value={name}
          onChange={setName}
          error={errors.name}
        />
        <SelectField
          id="tenant-type"
          label={t.tenantType}
          value={type}
          onChange={setType}
          options={typeOptions}
        />
        <TextField
          id="tenant-ags"
          label={t.agsOptional}
          hint={t.agsHint}
          inputMode="numeric"
          value={ags}
          onChange={setAgs}
          error={errors.ags}
        />
        <TextField
          id="tenant-admin"
          label={t.adminEmail}
          hint={t.adminEmailHint}
          type="email"
          autoComplete="off"
          value={adminEmail}
          onChange={setAdminEmail}
          error={errors.adminEmail}
        />
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            {t.createTenantSubmit}
          </button>
        </div>
      </form>
      <StatusMessage>{result ? t.tenantCreated(result.name) : null}</StatusMessage>
      {result?.link ? (
        <OneTimeLink
          label={t.invitationLinkLabel(result.email)}
          link={result.link}
          expiresAt={result.expiresAt}
        />
      ) : null}
    </>
  );
}

function AccountsTable({ users, onChanged }: { users: PlatformUser[]; onChanged: () => void }) {
  const { t, lang } = useI18n();
  const { session } = useSession();
  const [outcome, setOutcome] = useState<{
    message?: string;
    error?: ApiFailure;
    reset?: { name: string; link: string; expiresAt: string };
  }>({});

  async function setActive(u: PlatformUser, active: boolean) {
    try {
      await api.patch(`/api/platform/users/${seg(u.id)}`, { active });
      setOutcome({ message: active ? t.unlocked(u.displayName) : t.locked(u.displayName) });
      onChanged();
    } catch (e) {
      setOutcome({ error: toFailure(e) });
    }
  }
  async function reset(u: PlatformUser) {
    try {
      const r = await api.post<{ link: string; expiresAt: string }>(
        `/api/platform/users/${seg(u.id)}/password-reset`,
      );
      setOutcome({ reset: { name: u.displayName, ...r } });
    } catch (e) {
      setOutcome({ error: toFailure(e) });
    }
  }

  return (
    <>
      <ErrorAlert error={outcome.error} />
      <StatusMessage>{outcome.message}</StatusMessage>
      {outcome.reset ? (
        <OneTimeLink
          label={t.resetLinkLabel(outcome.reset.name)}
          link={outcome.reset.link}
          expiresAt={outcome.reset.expiresAt}
          note={t.resetLinkNote}
        />
      ) : null}
      <DataTable
        caption={t.accountsCaption}
        head={
          <tr>
            <th scope="col">{t.colName}</th>
            <th scope="col">{t.colEmail}</th>
            <th scope="col">{t.colPlatformAdmin}</th>
            <th scope="col" className="num">
              {t.colTenants}
            </th>
            <th scope="col">{t.colStatus}</th>
            <th scope="col">{t.colActions}</th>
          </tr>
        }
      >
        {users.map((u) => {
          const self = u.id === session.user?.id;
          return (
            <tr key={u.id}>
              <th scope="row">{u.displayName}</th>
              <td className="break">
                <Email value={u.email} />
              </td>
              <td>{u.isPlatformAdmin ? t.yes : t.no}</td>
              <td className="num">{formatNumber(u.tenantCount, lang)}</td>
              <td>{u.active ? t.statusAccountActive : t.statusAccountLocked}</td>
              <td>
                {self ? (
                  <span className="muted">{t.ownAccount}</span>
                ) : (
                  <div className="row-actions">
                    {u.active ? (
                      <ConfirmAction
                        label={t.lock}
                        srSuffix={u.displayName}
                        question={t.lockQuestion(u.displayName)}
                        confirmLabel={t.lockConfirm}
                        onConfirm={() => void setActive(u, false)}
                      />
                    ) : (
                      <button
                        type="button"
                        className="button button-secondary"
                        onClick={() => void setActive(u, true)}
                      >
                        {t.unlock}
                        <span className="sr-only"> {u.displayName}</span>
                      </button>
                    )}
                    <button type="button" className="button button-secondary" onClick={() => void reset(u)}>
                      {t.resetLink}
                      <span className="sr-only"> {t.forPerson(u.displayName)}</span>
                    </button>
                  </div>
                )}
              </td>
            </tr>
          );
        })}
      </DataTable>
    </>
  );
}

function PlatformAdmin() {
  const { t } = useI18n();
  const tenants = useLoad('tenants', () => api.get<PlatformTenant[]>('/api/platform/tenants'));
  const users = useLoad('users', () => api.get<PlatformUser[]>('/api/platform/users'));
  return (
    <>
      <Section id="platform-tenants" title={t.tenantsHeading}>
        {tenants.loading && !tenants.data ? <Loading /> : null}
        <ErrorAlert error={tenants.error} />
        {tenants.data ? <TenantsTable tenants={tenants.data} /> : null}
      </Section>
      <Section id="platform-create" title={t.createTenantHeading}>
        <CreateTenantForm
          onCreated={() => {
            tenants.reload();
            users.reload();
          }}
        />
      </Section>
      <Section id="platform-accounts" title={t.accountsHeading}>
        {users.loading && !users.data ? <Loading /> : null}
        <ErrorAlert error={users.error} />
        {users.data ? <AccountsTable users={users.data} onChanged={users.reload} /> : null}
      </Section>
    </>
  );
}

/** /plattform – platform administrators only. */
export function PlatformPage() {
  const { t } = useI18n();
  const { session } = useSession();
  return (
    <Page title={t.platformTitle}>
      {session.user?.isPlatformAdmin ? <PlatformAdmin /> : <NoPermission text={t.noPermissionPlatform} />}
    </Page>
  );
}
