import { createContext, useContext } from 'react';
import { hasPermission, type MembershipSummary } from '@dkbm/contract';

/** The membership of the tenant whose pages are shown (under /t/:slug); provided by TenantRoute. */
export const TenantContext = createContext<MembershipSummary | null>(null);

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
