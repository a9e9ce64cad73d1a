import { Link, Navigate } from 'react-router';
import { useI18n } from '../i18n';
import { useSession } from '../session';
import { Page } from '../components/Page';

/** /app: to the first municipality, else to the platform administration, else an explanation. */
export function HomePage() {
  const { session } = useSession();
  const { t } = useI18n();
  const first = session.memberships[0];
  if (first) return <Navigate to={`/t/${first.slug}`} replace />;
  if (session.user?.isPlatformAdmin) return <Navigate to="/plattform" replace />;
  return (
    <Page title={t.noTenantTitle}>
      <p>{t.noTenantText}</p>
      <p>
        <Link to="/konto">{t.myAccount}</Link>
      </p>
    </Page>
  );
}
