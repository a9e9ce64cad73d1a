import { Link } from 'react-router';
import { useI18n } from '../i18n';
import { useSession } from '../session';
import { Layout, PublicFrame } from '../Layout';
import { Page } from '../components/Page';

function NotFound() {
  const { t } = useI18n();
  return (
    <Page title={t.notFoundTitle}>
      <p>{t.notFoundText}</p>
      <p>
        <Link to="/">{t.toWorkbenchStart}</Link>
      </p>
    </Page>
  );
}

/** Unknown paths: inside the workbench frame when signed in, else in the public frame. */
export function NotFoundPage() {
  const { session } = useSession();
  return session.user ? (
    <Layout>
      <NotFound />
    </Layout>
  ) : (
    <PublicFrame>
      <NotFound />
    </PublicFrame>
  );
}
