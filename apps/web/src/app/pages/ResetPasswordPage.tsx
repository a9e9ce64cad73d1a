import { useRef, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { PASSWORD_MIN_LENGTH } from '@dkbm/contract';
import { api, seg, toFailure, type ApiFailure } from '../api';
import { useLoad } from '../hooks';
import { useI18n } from '../i18n';
import { Page } from '../components/Page';
import { ErrorAlert, Loading, StatusMessage } from '../components/Feedback';
import { focusFirstInvalid, TextField, type FieldErrors } from '../components/Fields';
import { newPasswordErrors } from './AccountPage';

/** An unknown, used or expired link: what happened and how to get a new one — no form. */
function InvalidResetLink() {
  const { t } = useI18n();
  return (
    <Page title={t.resetInvalidTitle}>
      <div className="narrow">
        <p className="alert alert-warning">{t.resetInvalidText}</p>
        <h2>{t.resetNewLinkHeading}</h2>
        <p>{t.resetNewLinkText}</p>
        <p>
          <Link to="/anmelden">{t.toLogin}</Link>
        </p>
      </div>
    </Page>
  );
}

/** /passwort-zuruecksetzen/:token (no sign-in needed): the link is checked before the form is shown. */
export function ResetPasswordPage() {
  const { t } = useI18n();
  const { token = '' } = useParams();
  const check = useLoad(`reset:${token}`, () => api.get(`/api/auth/reset/${seg(token)}`));
  const [expired, setExpired] = useState(false);
  if (check.loading && !check.data) {
    return (
      <Page title={t.resetTitle}>
        <Loading />
      </Page>
    );
  }
  if (expired || (check.error && check.error.code !== 'network')) return <InvalidResetLink />;
  return <ResetForm token={token} checkError={check.error} onExpired={() => setExpired(true)} />;
}

function ResetForm({
  token,
  checkError,
  onExpired,
}: {
  token: string;
  checkError: ApiFailure | undefined;
  onExpired: () => void;
}) {
  const { t } = useI18n();
  const form = useRef<HTMLFormElement>(null);
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<ApiFailure | string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    const e = newPasswordErrors(password, repeat, t);
    setErrors(e);
    if (Object.keys(e).length > 0) {
      setFailure(`${t.formErrorsIntro} ${Object.values(e).join(' ')}`);
      requestAnimationFrame(() => focusFirstInvalid(form.current));
      return;
    }
    setFailure(null);
    setBusy(true);
    try {
      await api.post('/api/auth/reset', { token, newPassword: password });
      setDone(true);
    } catch (err) {
      const f = toFailure(err);
      // Expired while the form was open (or used in another tab): explain instead of a bare error.
      if (f.code === 'invalid_token') onExpired();
      else setFailure(f);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Page title={t.resetTitle}>
      <div className="narrow">
        <StatusMessage>{done ? t.resetDone : null}</StatusMessage>
        {done ? (
          <p>
            <Link to="/anmelden">{t.toLogin}</Link>
          </p>
        ) : (
          <>
            <ErrorAlert error={checkError} />
            <p>{t.resetIntro}</p>
            <form ref={form} className="form" noValidate onSubmit={(e) => void submit(e)}>
              <ErrorAlert error={failure} id="reset-error" />
              <TextField
                id="reset-new"
                label={t.newPassword}
                type="password"
                autoComplete="new-password"
                hint={t.passwordHint(PASSWORD_MIN_LENGTH)}
                value={password}
                onChange={setPassword}
                error={errors.newPassword}
                extraDescribedBy={failure ? 'reset-error' : undefined}
              />
              <TextField
                id="reset-repeat"
                label={t.repeatPassword}
                type="password"
                autoComplete="new-password"
                value={repeat}
                onChange={setRepeat}
                error={errors.repeat}
              />
              <div className="actions">
                <button type="submit" className="button" disabled={busy}>
                  {t.resetSubmit}
                </button>
              </div>
            </form>
          </>
        )}
      </div>
    </Page>
  );
}
