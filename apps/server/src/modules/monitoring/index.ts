import type { ServerModule } from '../../platform/modules/module';
import { monitoringRoutes } from './monitoring.routes';
import { seedMonitoringDemo } from './monitoring.demo';

/** Education monitoring: areas, indicators, dimensions, observations, exports, computed indicators. */
export const monitoringModule = {
  name: 'monitoring',
  tags: [{ name: 'monitoring', description: 'Raumeinheiten, Indikatoren, Werte' }],
  routes: [{ prefix: '/api/tenants/:tenantId', plugin: monitoringRoutes }],
  permissions: ['data.read', 'data.write'],
  seedDemo: seedMonitoringDemo,
} satisfies ServerModule;
