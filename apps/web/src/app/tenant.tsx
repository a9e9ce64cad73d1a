import { Outlet, useParams } from 'react-router';
import { useSession } from './session';
import { useI18n } from './i18n';
import { Page } from './components/Page';
import { TenantContext } from './tenantContext';

export { isTenantAdmin, useOptionalTenant, useTenant } from './tenantContext';

/** Route element for /t/:slug: resolves the membership from the session. */
export function TenantRoute() {
  const { slug } = useParams();
  const { session } = useSession();
  const { t } = useI18n();
  const membership = session.memberships.find((m) => m.slug === slug);
  if (!membership) {
    return (
      <Page title={t.tenantNotFoundTitle}>
        <p>{t.tenantNotFoundText}</p>
      </Page>
    );
  }
  return (
    <TenantContext.Provider value={membership}>
      <Outlet />
    </TenantContext.Provider>
  );
}
