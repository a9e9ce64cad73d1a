import { useEffect, type ReactNode } from 'react';
import { useI18n } from '../i18n';
import { useOptionalTenant } from '../tenantContext';

/**
 * Frame of every page: the single h1 (focus target after navigation), the document title
 * "<Seite> – <Kommune> – DKBM" and, in demo municipalities, the demo notice.
 */
export function Page({
  title,
  docTitle = title,
  children,
}: {
  title: string;
  /** The page's part of the document title, when it differs from the heading. */
  docTitle?: string;
  children?: ReactNode;
}) {
  const { t } = useI18n();
  const tenant = useOptionalTenant();
  useEffect(() => {
    document.title = [docTitle, tenant?.name, t.appShortName].filter(Boolean).join(' – ');
  }, [docTitle, tenant?.name, t.appShortName]);
  return (
    <>
      <h1 tabIndex={-1}>{title}</h1>
      {tenant?.isDemo ? (
        <p className="demo-banner" role="note">
          {t.demoBanner}
        </p>
      ) : null}
      {children}
    </>
  );
}

/** A section with an h2 heading, labelled by it. */
export function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}
