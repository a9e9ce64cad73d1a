import type { ServerModule } from '../../platform/modules/module';
import { entitlementRoutes } from './entitlement.routes';
import { seedEntitlementDemo } from './entitlement.demo';
import { entitlementPublicRoutes } from './entitlement.page';

/** Rechtsanspruch & Plätze: Ganztag (GaFöG) and Kita places by Grundschule and Sozialraum, with scenarios. */
export const entitlementModule = {
  name: 'entitlement',
  tags: [{ name: 'entitlement', description: 'Rechtsanspruch & Plätze (Ganztag, Kita)' }],
  routes: [
    { prefix: '/api/tenants/:tenantId/entitlement', plugin: entitlementRoutes },
    { prefix: '', plugin: entitlementPublicRoutes },
  ],
  permissions: ['data.read', 'data.write'],
  seedDemo: seedEntitlementDemo,
} satisfies ServerModule;
