/** Where the self-assessment lives: API base (/api/tenants/<id>/assessment) and workbench base. */
import { seg } from '../api';
import { useTenant } from '../tenant';

/** API base (/api/tenants/<id>/assessment) and workbench base (/t/<slug>/selbsteinschaetzung). */
export function useBases(): { api: string; app: string; tenantApi: string } {
  const tenant = useTenant();
  const tenantApi = `/api/tenants/${seg(tenant.tenantId)}`;
  return { api: `${tenantApi}/assessment`, app: `/t/${tenant.slug}/selbsteinschaetzung`, tenantApi };
}

export { seg };
