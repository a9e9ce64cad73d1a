import type { ServerModule } from '../../platform/modules/module';
import { reportsRoutes } from './reports.routes';
import { reportsPublicRoutes } from './reports.page';
import { seedReportsDemo } from './reports.demo';

/** Bildungsberichte: chapters of text and data blocks, frozen at release, as HTML, PDF and DOCX. */
export const reportsModule = {
  name: 'reports',
  tags: [{ name: 'reports', description: 'Bildungsberichte: Kapitel, Bausteine, Freigabe, Ausgaben' }],
  routes: [
    { prefix: '/api/tenants/:tenantId', plugin: reportsRoutes },
    { prefix: '', plugin: reportsPublicRoutes },
  ],
  permissions: ['data.read', 'data.contribute', 'data.write'],
  seedDemo: seedReportsDemo,
} satisfies ServerModule;
