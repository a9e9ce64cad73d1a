import type { ServerModule } from '../../platform/modules/module';
import { platformRoutes, tenantsRoutes } from './tenants.routes';

/** Municipalities (tenants) and the platform administration. */
export const tenantsModule = {
  name: 'tenants',
  tags: [
    { name: 'tenants', description: 'Kommunen' },
    { name: 'platform', description: 'Plattformadministration' },
  ],
  routes: [
    { prefix: '/api/tenants', plugin: tenantsRoutes },
    { prefix: '/api/platform', plugin: platformRoutes },
  ],
  permissions: ['tenant.read', 'settings.write'],
} satisfies ServerModule;
