import type { ServerModule } from '../../platform/modules/module';
import { steeringRoutes } from './steering.routes';
import { steeringMoreRoutes } from './more.routes';
import { seedSteeringDemo } from './steering.demo';
import { steeringPublicRoutes } from './steering.page';

/** Steuerung: Leitbild, goals with targets and computed progress, recommendations, decisions, measures. */
export const steeringModule = {
  name: 'steering',
  tags: [
    {
      name: 'steering',
      description: 'Ziele & Steuerung: Leitbild, Ziele, Empfehlungen, Beschlüsse, Maßnahmen',
    },
  ],
  routes: [
    { prefix: '/api/tenants/:tenantId/steering', plugin: steeringRoutes },
    { prefix: '/api/tenants/:tenantId/steering', plugin: steeringMoreRoutes },
    { prefix: '', plugin: steeringPublicRoutes },
  ],
  permissions: ['data.read', 'data.write', 'data.contribute'],
  seedDemo: seedSteeringDemo,
} satisfies ServerModule;
