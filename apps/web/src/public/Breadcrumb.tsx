import { MESSAGES, type Lang } from '../i18n/messages';

/**
 * The trail of a municipality's public page: the portal, the municipality, an optional page between
 * (e.g. the Wegweiser above an entry, the open data above an indicator) and the page itself.
 */
export function Breadcrumb({
  lang,
  tenant,
  here,
  mid,
}: {
  lang: Lang;
  tenant: { slug: string; name: string };
  here: string;
  mid?: { href: string; label: string } | null | undefined;
}) {
  const t = MESSAGES[lang];
  return (
    <nav className="breadcrumb" aria-label={t.breadcrumb}>
      <ol>
        <li>
          <a href="/">{t.portalHome}</a>
        </li>
        <li>
          <a href={`/kommune/${tenant.slug}`}>{tenant.name}</a>
        </li>
        {mid ? (
          <li>
            <a href={mid.href}>{mid.label}</a>
          </li>
        ) : null}
        <li aria-current="page">{here}</li>
      </ol>
    </nav>
  );
}
