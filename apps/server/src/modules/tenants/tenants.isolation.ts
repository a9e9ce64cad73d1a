import type { ModuleIsolation } from '../../platform/tenancy/isolation';

export const isolation: ModuleIsolation = {
  cases: {
    'GET /api/tenants/:tenantId': {},
    'PATCH /api/tenants/:tenantId': { body: (_ids, tag) => ({ name: `Gekapert ${tag}` }) },
  },
};
