import type { ServerModule } from '../../platform/modules/module';
import { networkRoutes } from './network.routes';
import { seedNetworkDemo } from './network.demo';
import { conferencePublicRoutes } from './conference.public.routes';

/** Netzwerk & Gremien: actors, bodies, meetings with live data and decisions, the enquiry log. */
export const networkModule = {
  name: 'network',
  tags: [{ name: 'network', description: 'Netzwerk & Gremien: Akteure, Gremien, Sitzungen, Anfragen' }],
  routes: [
    { prefix: '/api/tenants/:tenantId/network', plugin: networkRoutes },
    { prefix: '', plugin: conferencePublicRoutes },
  ],
  permissions: ['data.read', 'data.write'],
  seedDemo: seedNetworkDemo,
} satisfies ServerModule;
