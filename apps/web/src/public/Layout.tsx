import type { ReactNode } from 'react';
import { MESSAGES, type Lang } from '../i18n/messages';
import { FAVICON_HREF } from './favicon';

/** What a municipality shows in every page's footer (portal settings). */
export interface PortalFooter {
  contact: string;
  imprintUrl: string | null;
  privacyUrl: string | null;
}

/** The brand of a municipality's pages: name, start page, logo, colour and footer from its settings. */
export function brandOf(t: {
  name: string;
  slug: string;
  logo: string | null;
  color: string | null;
  portal?: PortalFooter | undefined;
}): NonNullable<LayoutProps['brand']> {
  return {
    name: t.name,
    href: `/kommune/${t.slug}`,
    logo: t.logo,
    color: t.color,
    ...(t.portal ? { footer: t.portal } : {}),
  };
}

export interface LayoutProps {
  lang: Lang;
  title: string;
  cssHref: string;
  /** Current path, so that the language switch returns here. */
  path: string;
  brand?: {
    name: string;
    href: string;
    logo?: string | null;
    color?: string | null;
    footer?: PortalFooter;
  };
  demo?: boolean;
  /** Absolute URL of the page's canonical address. */
  canonical?: string;
  /** Short description of the page (meta description and Open Graph). */
  description?: string;
  /** Further elements of <head> (e.g. JSON-LD). */
  head?: ReactNode;
  children: ReactNode;
}

/** Page frame of the public portal: skip link, landmarks, language switch, no JavaScript. */
/** The address of a page in one language (`?lang=de|en`, for hreflang links that search engines follow). */
export function withLang(url: string, lang: Lang): string {
  return `${url}${url.includes('?') ? '&' : '?'}lang=${lang}`;
}

export function Layout({
  lang,
  title,
  cssHref,
  path,
  brand,
  demo,
  canonical,
  description,
  head,
  children,
}: LayoutProps) {
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
        {description ? <meta name="description" content={description} /> : null}
        {canonical ? (
          <>
            <link rel="canonical" href={canonical} />
            <link rel="alternate" hrefLang="de" href={withLang(canonical, 'de')} />
            <link rel="alternate" hrefLang="en" href={withLang(canonical, 'en')} />
            <link rel="alternate" hrefLang="x-default" href={canonical} />
            <meta property="og:type" content="website" />
            <meta property="og:url" content={canonical} />
            <meta property="og:title" content={title} />
            {description ? <meta property="og:description" content={description} /> : null}
            <meta property="og:locale" content={lang === 'de' ? 'de_DE' : 'en_GB'} />
            <meta property="og:locale:alternate" content={lang === 'de' ? 'en_GB' : 'de_DE'} />
            <meta property="og:site_name" content={brand?.name ?? t.appName} />
          </>
        ) : null}
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
          <div className="wrap">
            {brand?.footer?.contact ? (
              <p>
                {brand.footer.contact.split('\n').map((line, i) => (
                  <span key={i}>
                    {i > 0 ? <br /> : null}
                    {line}
                  </span>
                ))}
              </p>
            ) : null}
            {brand?.footer?.imprintUrl || brand?.footer?.privacyUrl ? (
              <nav aria-label={t.legalNav}>
                <ul className="legal">
                  {brand.footer.imprintUrl ? (
                    <li>
                      <a href={brand.footer.imprintUrl}>{t.imprint}</a>
                    </li>
                  ) : null}
                  {brand.footer.privacyUrl ? (
                    <li>
                      <a href={brand.footer.privacyUrl}>{t.privacy}</a>
                    </li>
                  ) : null}
                </ul>
              </nav>
            ) : null}
            <p>{t.footerNote}</p>
          </div>
        </footer>
      </body>
    </html>
  );
}
