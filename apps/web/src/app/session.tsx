import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import type { SessionInfo } from '@dkbm/contract';
import { api, setCsrfToken, setUnauthorizedHandler, toFailure, type ApiFailure } from './api';
import { DICT, I18nContext, useI18n, type Lang } from './i18n';
import { ErrorAlert } from './components/Feedback';

interface SessionContextValue {
  session: SessionInfo;
  /** Reload the session (user, memberships, CSRF token) from the server. */
  refresh: () => Promise<SessionInfo>;
  /** Take over a session returned by the server (e.g. from login). */
  setSession: (s: SessionInfo) => void;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function useSession(): SessionContextValue {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}

const LANG_KEY = 'dkbm.lang';

/** Language before sign-in: the last choice in this browser, else the public portal's cookie, else German. */
function initialLang(): Lang {
  try {
    const stored = localStorage.getItem(LANG_KEY);
    if (stored === 'de' || stored === 'en') return stored;
  } catch {
    // storage unavailable (privacy mode)
  }
  return /(?:^|;\s*)lang=en(?:;|$)/.test(document.cookie) ? 'en' : 'de';
}

export function LanguageProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((l: Lang) => {
    setLangState(l);
    try {
      localStorage.setItem(LANG_KEY, l);
    } catch {
      // ignore
    }
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const value = useMemo(() => ({ lang, t: DICT[lang], setLang }), [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** Loads the session once, keeps the CSRF token current and follows the user's saved language. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const { setLang } = useI18n();
  const [session, setSessionState] = useState<SessionInfo | null>(null);
  const [error, setError] = useState<ApiFailure | null>(null);
  const userId = useRef<string | null>(null);

  const setSession = useCallback(
    (s: SessionInfo) => {
      setCsrfToken(s.csrfToken);
      if (s.user && s.user.id !== userId.current) setLang(s.user.locale);
      userId.current = s.user?.id ?? null;
      setSessionState(s);
    },
    [setLang],
  );

  const refresh = useCallback(async () => {
    const s = await api.get<SessionInfo>('/api/auth/session');
    setSession(s);
    return s;
  }, [setSession]);

  const load = useCallback(() => {
    setError(null);
    refresh().catch((e: unknown) => setError(toFailure(e)));
  }, [refresh]);

  useEffect(() => {
    load();
    setUnauthorizedHandler(() => void refresh().catch(() => {}));
    return () => setUnauthorizedHandler(null);
  }, [load, refresh]);

  const value = useMemo(
    () => (session ? { session, refresh, setSession } : null),
    [session, refresh, setSession],
  );
  if (!value) return <StartupScreen error={error} onRetry={load} />;
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

function StartupScreen({ error, onRetry }: { error: ApiFailure | null; onRetry: () => void }) {
  const { t } = useI18n();
  return (
    <main id="inhalt" tabIndex={-1} className="startup">
      {error ? (
        <>
          <h1>{t.connectionFailed}</h1>
          <ErrorAlert error={error} />
          <button type="button" className="button" onClick={onRetry}>
            {t.retry}
          </button>
        </>
      ) : (
        <p role="status">{t.loading}</p>
      )}
    </main>
  );
}

/** Switch the interface language now and, when signed in, save it to the account. */
export function useChangeLanguage(): (lang: Lang) => Promise<void> {
  const { setLang } = useI18n();
  const ctx = useContext(SessionContext);
  return useCallback(
    async (lang: Lang) => {
      setLang(lang);
      if (ctx?.session.user) await api.patch('/api/auth/me', { locale: lang });
    },
    [setLang, ctx],
  );
}
