import type { ServerModule } from '../../platform/modules/module';
import { publicRoutes } from './public.routes';
import { wegweiserRoutes } from './wegweiser.routes';
import { seoRoutes } from './seo.routes';
import { portalRoutes } from './portal.routes';
import { seedPortalDemo } from './public.demo';

/** The server-rendered public portal (works without JavaScript). */
export const publicModule = {
  name: 'public',
  tags: [{ name: 'portal', description: 'Einstellungen des öffentlichen Portals' }],
  routes: [
    { prefix: '', plugin: publicRoutes },
    { prefix: '', plugin: wegweiserRoutes },
    { prefix: '', plugin: seoRoutes },
    { prefix: '/api/tenants/:tenantId/portal', plugin: portalRoutes },
  ],
  permissions: ['data.read', 'data.write'],
  seedDemo: seedPortalDemo,
} satisfies ServerModule;
