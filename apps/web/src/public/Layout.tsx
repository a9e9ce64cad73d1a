import type { ReactNode } from 'react';
import { MESSAGES, type Lang } from '../i18n/messages';
import { FAVICON_HREF } from './favicon';

export interface LayoutProps {
  lang: Lang;
  title: string;
  cssHref: string;
  /** Current path, so that the language switch returns here. */
  path: string;
  brand?: { name: string; href: string; logo?: string | null; color?: string | null };
  demo?: boolean;
  /** Absolute URL of the page's canonical address. */
  canonical?: string;
  /** Further elements of <head> (e.g. JSON-LD). */
  head?: ReactNode;
  children: ReactNode;
}

/** Page frame of the public portal: skip link, landmarks, language switch, no JavaScript. */
export function Layout({ lang, title, cssHref, path, brand, demo, canonical, head, children }: LayoutProps) {
  const t = MESSAGES[lang];
  const other: Lang = lang === 'de' ? 'en' : 'de';
  const accent = brand?.color && /^#[0-9a-fA-F]{6}$/.test(brand.color) ? brand.color : null;
  return (
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <link rel="icon" type="image/svg+xml" href={FAVICON_HREF} />
        <link rel="stylesheet" href={cssHref} />
        {accent ? <style>{`:root{--accent:${accent}}`}</style> : null}
        {canonical ? <link rel="canonical" href={canonical} /> : null}
        {head}
      </head>
      <body>
        <a className="skip" href="#inhalt">
          {t.skipToContent}
        </a>
        <header className="site">
          <div className="wrap">
            <a className="brand" href={brand?.href ?? '/'}>
              {brand?.logo ? <img src={brand.logo} alt="" /> : null}
              <span>{brand?.name ?? t.appName}</span>
            </a>
            <nav className="meta" aria-label={lang === 'de' ? 'Servicenavigation' : 'Service navigation'}>
              <ul>
                <li>
                  <a
                    href={`/sprache?lang=${other}&next=${encodeURIComponent(path)}`}
                    lang={other}
                    hrefLang={other}
                  >
                    {other === 'en' ? t.switchToEnglish : t.switchToGerman}
                  </a>
                </li>
                <li>
                  <a href="/app/anmelden">{t.staffLogin}</a>
                </li>
              </ul>
            </nav>
          </div>
        </header>
        {demo ? (
          <section className="demo" aria-label={t.demoLabel}>
            <div className="wrap">{t.demoBanner}</div>
          </section>
        ) : null}
        <main id="inhalt" tabIndex={-1}>
          <div className="wrap">{children}</div>
        </main>
        <footer className="site">
          <div className="wrap">{t.footerNote}</div>
        </footer>
      </body>
    </html>
  );
}
