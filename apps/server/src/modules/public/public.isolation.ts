import type { ModuleIsolation } from '../../platform/tenancy/isolation';

const base = '/api/tenants/:tenantId/portal';

export const isolation: ModuleIsolation = {
  cases: {
    [`GET ${base}/settings`]: {},
    [`PUT ${base}/settings`]: { body: (_ids, tag) => ({ intro: `Willkommen ${tag}` }) },
  },
  fixtureKinds: [],
  fixtures: async (f) => {
    const intro = f.label === 'foreign' ? 'Geheimer Portaltext Fremdstadt' : 'Eigener Portaltext';
    await f.query(
      `INSERT INTO portal_settings (tenant_id, intro) VALUES ($1, $2)
       ON CONFLICT (tenant_id) DO UPDATE SET intro = excluded.intro`,
      [f.tenantId, intro],
    );
    return { ids: {}, secrets: [intro] };
  },
};
