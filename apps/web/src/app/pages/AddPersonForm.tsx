import { useRef, useState, type FormEvent } from 'react';
import {
  PASSWORD_MIN_LENGTH,
  ROLE_LABELS,
  ROLES,
  type Invitation,
  type Role,
  type TenantUser,
} from '@dkbm/contract';
import { api, seg, toFailure, type ApiFailure } from '../api';
import { useI18n } from '../i18n';
import { useTenant } from '../tenant';
import { ErrorAlert, StatusMessage } from '../components/Feedback';
import { focusFirstInvalid, SelectField, TextField, type FieldErrors } from '../components/Fields';
import { OneTimeLink } from '../components/OneTimeLink';

type Mode = 'password' | 'invite';
interface CreateResult {
  user: TenantUser | null;
  invitation: Invitation | null;
  link: string | null;
}

export const looksLikeEmail = (v: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.trim());

/** "Person hinzufügen": create with an initial password, or invite by one-time link. */
export function AddPersonForm({ onAdded }: { onAdded: () => void }) {
  const { t, lang } = useI18n();
  const tenant = useTenant();
  const form = useRef<HTMLFormElement>(null);
  const [mode, setMode] = useState<Mode>('password');
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<ApiFailure | string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [invite, setInvite] = useState<{ email: string; link: string; expiresAt?: string } | null>(null);

  function validate(): FieldErrors {
    const e: FieldErrors = {};
    if (!email.trim()) e.email = t.requiredField(t.email);
    else if (!looksLikeEmail(email)) e.email = t.invalidEmail;
    if (mode === 'password') {
      if (!name.trim()) e.name = t.requiredField(t.personName);
      if (password.length < PASSWORD_MIN_LENGTH) e.password = t.passwordTooShort(PASSWORD_MIN_LENGTH);
    }
    return e;
  }

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    setDone(null);
    setInvite(null);
    const e = validate();
    setErrors(e);
    if (Object.keys(e).length > 0) {
      setFailure(`${t.formErrorsIntro} ${Object.values(e).join(' ')}`);
      requestAnimationFrame(() => focusFirstInvalid(form.current));
      return;
    }
    setFailure(null);
    setBusy(true);
    const body =
      mode === 'password'
        ? { mode, email: email.trim(), displayName: name.trim(), role, password }
        : { mode, email: email.trim(), role };
    try {
      const r = await api.post<CreateResult>(`/api/tenants/${seg(tenant.tenantId)}/users`, body);
      if (r.link) {
        setInvite({ email: email.trim(), link: r.link, expiresAt: r.invitation?.expiresAt });
      } else {
        setDone(t.personCreated(r.user?.displayName ?? name.trim()));
      }
      setEmail('');
      setName('');
      setPassword('');
      onAdded();
    } catch (err) {
      const f = toFailure(err);
      if (f.field === 'email') setErrors({ email: f.message });
      setFailure(f);
      if (f.field === 'email') requestAnimationFrame(() => focusFirstInvalid(form.current));
    } finally {
      setBusy(false);
    }
  }

  const roleOptions = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r][lang] }));
  const errId = failure ? 'add-person-error' : undefined;

  return (
    <>
      <form ref={form} className="form" noValidate onSubmit={(e) => void submit(e)}>
        <ErrorAlert error={failure} id="add-person-error" />
        <fieldset className="choice">
          <legend>{t.addMode}</legend>
          {(['password', 'invite'] as const).map((m) => (
            <label key={m} className="radio">
              <input
                type="radio"
                name="add-mode"
                value={m}
                checked={mode === m}
                onChange={() => {
                  setMode(m);
                  setErrors({});
                }}
              />{' '}
              {m === 'password' ? t.addModePassword : t.addModeInvite}
            </label>
          ))}
        </fieldset>
        <TextField
          id="add-email"
          label={t.email}
          type="email"
          autoComplete="off"
          value={email}
          onChange={setEmail}
          error={errors.email}
          extraDescribedBy={errId}
        />
        {mode === 'password' ? (
          <TextField
            id="add-name"
            label={t.personName}
            autoComplete="off"
            value={name}
            onChange={setName}
            error={errors.name}
          />
        ) : null}
        <SelectField id="add-role" label={t.role} value={role} onChange={setRole} options={roleOptions} />
        {mode === 'password' ? (
          <TextField
            id="add-password"
            label={t.startPassword}
            type="password"
            autoComplete="new-password"
            hint={t.passwordHint(PASSWORD_MIN_LENGTH)}
            value={password}
            onChange={setPassword}
            error={errors.password}
          />
        ) : null}
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            {t.addPersonSubmit}
          </button>
        </div>
      </form>
      <StatusMessage>{done}</StatusMessage>
      {invite ? (
        <OneTimeLink
          label={t.invitationLinkLabel(invite.email)}
          link={invite.link}
          expiresAt={invite.expiresAt}
        />
      ) : null}
    </>
  );
}
