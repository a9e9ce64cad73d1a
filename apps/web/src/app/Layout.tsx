import { useEffect, useRef, useState, type MouseEvent, type ReactNode } from 'react';
import {
  Link,
  Navigate,
  NavLink,
  Outlet,
  useLocation,
  useMatch,
  useNavigate,
  useNavigationType,
} from 'react-router';
import { api } from './api';
import { useI18n } from './i18n';
import { modulesFor } from './modules';
import { useChangeLanguage, useSession } from './session';
import { isTenantAdmin } from './tenant';

/** Root route: after client-side navigation, focus moves to the page's h1 so screen readers notice. */
export function Root() {
  const { pathname } = useLocation();
  const navigationType = useNavigationType();
  const lastPath = useRef(pathname);
  const userNavigated = useRef(false);
  useEffect(() => {
    if (lastPath.current === pathname) return;
    lastPath.current = pathname;
    // Redirects during start-up (e.g. /app → /app/t/…) keep the skip link as the first tab stop.
    if (navigationType === 'REPLACE' && !userNavigated.current) return;
    userNavigated.current = true;
    const target = document.querySelector<HTMLElement>('main h1') ?? document.getElementById('inhalt');
    target?.focus();
  }, [pathname, navigationType]);
  return <Outlet />;
}

function skipToContent(e: MouseEvent<HTMLAnchorElement>) {
  e.preventDefault();
  document.getElementById('inhalt')?.focus();
}

function SkipLink() {
  const { t } = useI18n();
  return (
    <a className="skip-link" href="#inhalt" onClick={skipToContent}>
      {t.skipToContent}
    </a>
  );
}

function LanguageToggle() {
  const { t } = useI18n();
  const changeLanguage = useChangeLanguage();
  return (
    <button
      type="button"
      className="button button-secondary"
      lang={t.switchLanguageLang}
      title={t.switchLanguageHint}
      onClick={() => void changeLanguage(t.switchLanguageLang).catch(() => {})}
    >
      {t.switchLanguage}
    </button>
  );
}

/** Frame of the pages without sign-in (login, invitation, password reset). */
export function PublicFrame({ children }: { children?: ReactNode }) {
  const { t } = useI18n();
  return (
    <>
      <SkipLink />
      <header className="app-header">
        <a className="brand" href="/">
          {t.appName}
        </a>
        <div className="header-tools">
          <LanguageToggle />
        </div>
      </header>
      <main id="inhalt" tabIndex={-1} className="public-main">
        {children ?? <Outlet />}
      </main>
    </>
  );
}

/** Frame of the signed-in workbench: header, module navigation, main content. */
export function Layout({ children }: { children?: ReactNode }) {
  const { session, refresh } = useSession();
  const { t } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();
  const [signingOut, setSigningOut] = useState(false);
  // On narrow screens the module navigation is collapsed behind „Menü“ and closes after each navigation.
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [location.pathname]);
  const currentSlug = useMatch({ path: '/t/:slug', end: false })?.params.slug;

  const user = session.user;
  if (!user) {
    const next = encodeURIComponent(`/app${location.pathname}${location.search}`);
    return <Navigate to={signingOut ? '/anmelden' : `/anmelden?next=${next}`} replace />;
  }

  const current = session.memberships.find((m) => m.slug === currentSlug);
  const navTenant = current ?? session.memberships[0];
  const accent = current?.color && /^#[0-9a-fA-F]{6}$/.test(current.color) ? current.color : undefined;

  async function signOut() {
    setSigningOut(true);
    try {
      await api.post('/api/auth/logout');
    } catch {
      // the session is discarded below either way
    }
    await refresh().catch(() => {});
  }

  return (
    <>
      <SkipLink />
      <header className="app-header" style={accent ? { borderBottomColor: accent } : undefined}>
        <Link className="brand" to="/">
          {t.appName}
        </Link>
        <div className="header-tools">
          {session.memberships.length > 0 ? (
            <div className="switcher">
              <label htmlFor="tenant-switcher">{t.tenantSwitcher}</label>
              <select
                id="tenant-switcher"
                data-testid="tenant-switcher"
                value={current?.slug ?? ''}
                onChange={(e) => e.target.value && navigate(`/t/${e.target.value}`)}
              >
                {current ? null : (
                  <option value="" disabled>
                    {t.tenantSwitcherPlaceholder}
                  </option>
                )}
                {session.memberships.map((m) => (
                  <option key={m.tenantId} value={m.slug}>
                    {m.name}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          <span className="user-name">
            <span className="sr-only">{t.signedInAs} </span>
            {user.displayName}
          </span>
          <Link to="/konto">{t.myAccount}</Link>
          <LanguageToggle />
          <button type="button" className="button" onClick={() => void signOut()} disabled={signingOut}>
            {t.signOut}
          </button>
        </div>
      </header>
      <div className="shell">
        <nav aria-label={t.mainNav} className="sidebar">
          <button
            type="button"
            className="button button-secondary menu-toggle"
            aria-expanded={menuOpen}
            aria-controls="nav-lists"
            onClick={() => setMenuOpen((o) => !o)}
          >
            {t.menu}
          </button>
          <div id="nav-lists" className="nav-lists" data-open={menuOpen}>
            {navTenant ? (
              <>
                <p className="nav-group" id="nav-tenant">
                  {navTenant.name}
                </p>
                <ul aria-labelledby="nav-tenant">
                  <li>
                    <NavLink to={`/t/${navTenant.slug}`} end>
                      {t.overview}
                    </NavLink>
                  </li>
                  {modulesFor(navTenant.role).map((m) => (
                    <li key={m.path}>
                      <NavLink to={`/t/${navTenant.slug}/${m.path}`}>{t[m.title]}</NavLink>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            {isTenantAdmin(navTenant) || user.isPlatformAdmin ? (
              <>
                <p className="nav-group" id="nav-admin">
                  {t.administration}
                </p>
                <ul aria-labelledby="nav-admin">
                  {navTenant && isTenantAdmin(navTenant) ? (
                    <>
                      <li>
                        <NavLink to={`/t/${navTenant.slug}/verwaltung/personen`}>{t.people}</NavLink>
                      </li>
                      <li>
                        <NavLink to={`/t/${navTenant.slug}/verwaltung/einstellungen`}>{t.settings}</NavLink>
                      </li>
                    </>
                  ) : null}
                  {user.isPlatformAdmin ? (
                    <li>
                      <NavLink to="/plattform">{t.platform}</NavLink>
                    </li>
                  ) : null}
                </ul>
              </>
            ) : null}
          </div>
        </nav>
        <main id="inhalt" tabIndex={-1}>
          {children ?? <Outlet />}
        </main>
      </div>
    </>
  );
}
