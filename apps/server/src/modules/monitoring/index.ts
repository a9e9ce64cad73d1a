import type { ServerModule } from '../../platform/modules/module';
import { indicatorsRoutes } from './indicators.routes';
import { areasRoutes } from './areas.routes';
import { seedMonitoringDemo } from './monitoring.demo';

/** Education monitoring: areas, indicators, dimensions, observations, exports, computed indicators. */
export const monitoringModule = {
  name: 'monitoring',
  tags: [{ name: 'monitoring', description: 'Raumeinheiten, Indikatoren, Werte' }],
  routes: [
    { prefix: '/api/tenants/:tenantId', plugin: indicatorsRoutes },
    { prefix: '/api/tenants/:tenantId', plugin: areasRoutes },
  ],
  permissions: ['data.read', 'data.write'],
  seedDemo: seedMonitoringDemo,
} satisfies ServerModule;
