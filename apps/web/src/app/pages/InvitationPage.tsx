import { useRef, useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { PASSWORD_MIN_LENGTH, ROLE_LABELS, type Role } from '@dkbm/contract';
import { api, seg, toFailure, type ApiFailure } from '../api';
import { useLoad } from '../hooks';
import { useI18n } from '../i18n';
import { useSession } from '../session';
import { Page } from '../components/Page';
import { ErrorAlert, Loading } from '../components/Feedback';
import { focusFirstInvalid, TextField, type FieldErrors } from '../components/Fields';

interface InvitationInfo {
  email: string;
  tenantName: string;
  role: Role;
  accountExists: boolean;
}

function AcceptForm({ token, info }: { token: string; info: InvitationInfo }) {
  const { t } = useI18n();
  const { session, refresh } = useSession();
  const navigate = useNavigate();
  const form = useRef<HTMLFormElement>(null);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<ApiFailure | string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    const e: FieldErrors = {};
    if (!info.accountExists && !name.trim()) e.name = t.requiredField(t.personName);
    if (password.length < PASSWORD_MIN_LENGTH) e.password = t.passwordTooShort(PASSWORD_MIN_LENGTH);
    setErrors(e);
    if (Object.keys(e).length > 0) {
      setFailure(`${t.formErrorsIntro} ${Object.values(e).join(' ')}`);
      requestAnimationFrame(() => focusFirstInvalid(form.current));
      return;
    }
    setFailure(null);
    setBusy(true);
    try {
      await api.post(`/api/auth/invitations/${seg(token)}/accept`, {
        ...(info.accountExists ? {} : { displayName: name.trim() }),
        password,
      });
      if (session.user) {
        // Already signed in (the invited account itself): the new membership shows up after a reload.
        await refresh();
        navigate('/');
      } else {
        navigate('/anmelden?hinweis=einladung');
      }
    } catch (err) {
      setFailure(toFailure(err));
      setBusy(false);
    }
  }

  return (
    <form ref={form} className="form" noValidate onSubmit={(e) => void submit(e)}>
      <ErrorAlert error={failure} id="invitation-error" />
      <p>{info.accountExists ? t.invitationExisting : t.invitationNew}</p>
      {info.accountExists ? null : (
        <TextField
          id="invitation-name"
          label={t.personName}
          autoComplete="name"
          value={name}
          onChange={setName}
          error={errors.name}
          extraDescribedBy={failure ? 'invitation-error' : undefined}
        />
      )}
      <TextField
        id="invitation-password"
        label={t.password}
        type="password"
        autoComplete={info.accountExists ? 'current-password' : 'new-password'}
        hint={info.accountExists ? undefined : t.passwordHint(PASSWORD_MIN_LENGTH)}
        value={password}
        onChange={setPassword}
        error={errors.password}
        extraDescribedBy={info.accountExists && failure ? 'invitation-error' : undefined}
      />
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          {t.acceptInvitation}
        </button>
      </div>
    </form>
  );
}

/** /einladung/:token (no sign-in needed). */
export function InvitationPage() {
  const { t, lang } = useI18n();
  const { token = '' } = useParams();
  const info = useLoad(token, () => api.get<InvitationInfo>(`/api/auth/invitations/${seg(token)}`));
  return (
    <Page title={t.invitationTitle}>
      <div className="narrow">
        {info.loading && !info.data ? <Loading /> : null}
        {info.error ? (
          <ErrorAlert
            error={info.error.status === 404 || info.error.status === 400 ? t.invitationInvalid : info.error}
          />
        ) : null}
        {info.data ? (
          <>
            <p className="lead">
              {t.invitationIntro(info.data.tenantName, ROLE_LABELS[info.data.role][lang])}
            </p>
            <dl className="details">
              <dt>{t.invitationFor}</dt>
              <dd className="break">{info.data.email}</dd>
            </dl>
            <AcceptForm token={token} info={info.data} />
          </>
        ) : null}
      </div>
    </Page>
  );
}
