import { createContext, useContext } from 'react';
import { Outlet, useParams } from 'react-router';
import { hasPermission, type MembershipSummary } from '@dkbm/contract';
import { useSession } from './session';
import { useI18n } from './i18n';
import { Page } from './components/Page';

const TenantContext = createContext<MembershipSummary | null>(null);

/** The tenant of the current page (under /t/:slug), or null elsewhere. */
export const useOptionalTenant = (): MembershipSummary | null => useContext(TenantContext);

export function useTenant(): MembershipSummary {
  const tenant = useContext(TenantContext);
  if (!tenant) throw new Error('useTenant outside a tenant route');
  return tenant;
}

/** Administrators of a tenant manage people and settings. */
export const isTenantAdmin = (m: MembershipSummary | null | undefined): boolean =>
  !!m && hasPermission(m.role, 'users.write');

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
