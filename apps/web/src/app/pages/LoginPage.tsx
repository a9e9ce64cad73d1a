import { useRef, useState, type FormEvent } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import type { SessionInfo } from '@dkbm/contract';
import { api, toFailure, type ApiFailure } from '../api';
import { useI18n } from '../i18n';
import { useSession } from '../session';
import { Page } from '../components/Page';
import { ErrorAlert, StatusMessage } from '../components/Feedback';
import { TextField } from '../components/Fields';

/** Only paths of the workbench are accepted as `?next=` (no open redirect); returned without /app. */
export function safeNext(next: string | null): string {
  if (!next || !/^\/app(?:[/?#]|$)/.test(next) || next.startsWith('//')) return '/';
  return next.slice('/app'.length) || '/';
}

export function LoginPage() {
  const { t } = useI18n();
  const { session, setSession } = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [wasSignedIn] = useState(() => !!session.user);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiFailure | string | null>(null);
  const [busy, setBusy] = useState(false);
  const emailRef = useRef<HTMLInputElement>(null);
  const destination = safeNext(params.get('next'));

  if (wasSignedIn) return <Navigate to={destination} replace />;

  const oidcError =
    params.get('fehler') === 'oidc-konto'
      ? t.oidcNoAccount
      : params.get('fehler') === 'oidc'
        ? t.oidcFailed
        : null;
  const shownError = error ?? oidcError;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!email.trim() || !password) {
      setError(t.loginMissing);
      emailRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const s = await api.post<SessionInfo>('/api/auth/login', { email, password });
      setSession(s);
      navigate(destination);
    } catch (err) {
      setError(toFailure(err));
      setPassword('');
      setBusy(false);
    }
  }

  return (
    <Page title={t.loginTitle}>
      <div className="narrow">
        <p>{t.loginIntro}</p>
        {params.get('hinweis') === 'einladung' ? (
          <StatusMessage>{t.invitationAcceptedNotice}</StatusMessage>
        ) : null}
        <ErrorAlert error={error} id="login-error" focusOnShow />
        {error ? null : <ErrorAlert error={oidcError} id="login-error" />}
        <form onSubmit={(e) => void submit(e)} noValidate className="form">
          <TextField
            ref={emailRef}
            id="login-email"
            label={t.email}
            type="email"
            autoComplete="username"
            value={email}
            onChange={setEmail}
            extraDescribedBy={shownError ? 'login-error' : undefined}
          />
          <TextField
            id="login-password"
            label={t.password}
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={setPassword}
            extraDescribedBy={shownError ? 'login-error' : undefined}
          />
          <div className="actions">
            <button type="submit" className="button" disabled={busy}>
              {t.signIn}
            </button>
          </div>
        </form>
        {session.oidcEnabled ? (
          <p className="oidc">
            <span className="muted">{t.orSeparator}</span>{' '}
            <a className="button button-secondary" href="/api/auth/oidc/login">
              {t.oidcLogin}
            </a>
          </p>
        ) : null}
        <p>
          <a href="/">{t.toPublicPortal}</a>
        </p>
      </div>
    </Page>
  );
}
