import type { ServerModule } from '../../platform/modules/module';
import { indicatorsRoutes } from './indicators.routes';
import { areasRoutes } from './areas.routes';
import { catalogueRoutes } from './catalogue.routes';
import { seedMonitoringDemo } from './monitoring.demo';

/** Education monitoring: areas, indicators, dimensions, observations, exports, computed indicators. */
export const monitoringModule = {
  name: 'monitoring',
  tags: [{ name: 'monitoring', description: 'Raumeinheiten, Indikatoren, Werte' }],
  routes: [
    { prefix: '/api/tenants/:tenantId', plugin: indicatorsRoutes },
    { prefix: '/api/tenants/:tenantId', plugin: areasRoutes },
    { prefix: '/api/tenants/:tenantId', plugin: catalogueRoutes },
  ],
  permissions: ['data.read', 'data.write'],
  seedDemo: seedMonitoringDemo,
} satisfies ServerModule;
