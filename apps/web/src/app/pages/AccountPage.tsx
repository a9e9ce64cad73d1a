import { useRef, useState, type FormEvent } from 'react';
import { PASSWORD_MIN_LENGTH } from '@dkbm/contract';
import { api, toFailure, type ApiFailure } from '../api';
import { useI18n, type Lang } from '../i18n';
import { useChangeLanguage, useSession } from '../session';
import { Page, Section } from '../components/Page';
import { ErrorAlert, StatusMessage } from '../components/Feedback';
import { focusFirstInvalid, TextField, type FieldErrors } from '../components/Fields';

/** Client-side checks for a new password typed twice. */
export function newPasswordErrors(
  password: string,
  repeat: string,
  t: ReturnType<typeof useI18n>['t'],
): FieldErrors {
  const e: FieldErrors = {};
  if (password.length < PASSWORD_MIN_LENGTH) e.newPassword = t.passwordTooShort(PASSWORD_MIN_LENGTH);
  else if (password !== repeat) e.repeat = t.passwordsDiffer;
  return e;
}

function ChangePassword() {
  const { t } = useI18n();
  const form = useRef<HTMLFormElement>(null);
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<ApiFailure | string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    setDone(false);
    const e = newPasswordErrors(password, repeat, t);
    if (!current) e.current = t.requiredField(t.currentPassword);
    setErrors(e);
    if (Object.keys(e).length > 0) {
      setFailure(`${t.formErrorsIntro} ${Object.values(e).join(' ')}`);
      requestAnimationFrame(() => focusFirstInvalid(form.current));
      return;
    }
    setFailure(null);
    setBusy(true);
    try {
      await api.post('/api/auth/password', { currentPassword: current, newPassword: password });
      setDone(true);
      setCurrent('');
      setPassword('');
      setRepeat('');
    } catch (err) {
      const f = toFailure(err);
      if (f.code === 'wrong_password') setErrors({ current: f.message });
      setFailure(f);
    } finally {
      setBusy(false);
    }
  }

  const errId = failure ? 'password-error' : undefined;
  return (
    <form ref={form} className="form" noValidate onSubmit={(e) => void submit(e)}>
      <ErrorAlert error={failure} id="password-error" />
      <TextField
        id="account-current"
        label={t.currentPassword}
        type="password"
        autoComplete="current-password"
        value={current}
        onChange={setCurrent}
        error={errors.current}
        extraDescribedBy={errId}
      />
      <TextField
        id="account-new"
        label={t.newPassword}
        type="password"
        autoComplete="new-password"
        hint={t.passwordHint(PASSWORD_MIN_LENGTH)}
        value={password}
        onChange={setPassword}
        error={errors.newPassword}
      />
      <TextField
        id="account-repeat"
        label={t.repeatPassword}
        type="password"
        autoComplete="new-password"
        value={repeat}
        onChange={setRepeat}
        error={errors.repeat}
      />
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          {t.changePasswordSubmit}
        </button>
      </div>
      <StatusMessage>{done ? t.passwordChanged : null}</StatusMessage>
    </form>
  );
}

function LanguageChoice() {
  const { t, lang } = useI18n();
  const changeLanguage = useChangeLanguage();
  const [state, setState] = useState<{ saved?: boolean; error?: ApiFailure }>({});
  async function choose(l: Lang) {
    setState({});
    try {
      await changeLanguage(l);
      setState({ saved: true });
    } catch (e) {
      setState({ error: toFailure(e) });
    }
  }
  return (
    <>
      <fieldset className="choice">
        <legend>{t.languageLegend}</legend>
        {(['de', 'en'] as const).map((l) => (
          <label key={l} className="radio" lang={l}>
            <input
              type="radio"
              name="account-language"
              value={l}
              checked={lang === l}
              onChange={() => void choose(l)}
            />{' '}
            {l === 'de' ? t.german : t.english}
          </label>
        ))}
      </fieldset>
      <ErrorAlert error={state.error} />
      <StatusMessage>{state.saved ? t.languageSaved : null}</StatusMessage>
    </>
  );
}

/** /konto: own details, password and language. */
export function AccountPage() {
  const { t } = useI18n();
  const { session } = useSession();
  const user = session.user;
  return (
    <Page title={t.myAccount}>
      <Section id="account-details" title={t.accountDetails}>
        <dl className="details">
          <dt>{t.personName}</dt>
          <dd>{user?.displayName}</dd>
          <dt>{t.email}</dt>
          <dd className="break">{user?.email}</dd>
          {user?.isPlatformAdmin ? (
            <>
              <dt>{t.colRole}</dt>
              <dd>{t.platformAdminRole}</dd>
            </>
          ) : null}
        </dl>
      </Section>
      <Section id="account-password" title={t.changePasswordHeading}>
        <ChangePassword />
      </Section>
      <Section id="account-language" title={t.languageHeading}>
        <LanguageChoice />
      </Section>
    </Page>
  );
}
