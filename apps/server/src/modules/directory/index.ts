import type { ServerModule } from '../../platform/modules/module';
import { directoryRoutes } from './directory.routes';
import { seedDirectoryDemo } from './directory.demo';

/** Bildungswegweiser: places and offers, list import; public pages in modules/public. */
export const directoryModule = {
  name: 'directory',
  tags: [{ name: 'directory', description: 'Bildungswegweiser: Orte und Angebote' }],
  routes: [{ prefix: '/api/tenants/:tenantId/directory', plugin: directoryRoutes }],
  permissions: ['data.read', 'data.write', 'directory.provide'],
  seedDemo: seedDirectoryDemo,
} satisfies ServerModule;
