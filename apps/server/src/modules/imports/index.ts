import type { ServerModule } from '../../platform/modules/module';
import { importsRoutes } from './imports.routes';
import { failInterruptedRuns, registerImportJobs } from './runs.service';

/** Imports of statistics and boundaries: upload, analysis, key matching, commit, undo. */
export const importsModule = {
  name: 'imports',
  tags: [{ name: 'imports', description: 'Importe: Statistiken und Gebietsgrenzen' }],
  routes: [{ prefix: '/api/tenants/:tenantId/imports', plugin: importsRoutes }],
  permissions: ['data.read', 'data.contribute'],
  jobs: registerImportJobs,
  // Only one PGlite process exists; on PostgreSQL other servers may be importing, so leave their runs alone.
  onStart: async (database) => {
    if (database.driver === 'pglite') await failInterruptedRuns(database);
  },
} satisfies ServerModule;
