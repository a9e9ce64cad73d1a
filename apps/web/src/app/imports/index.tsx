/** Pages of the import wizard (reached from the monitoring's sub-navigation; no entry of its own). */
import type { WebModule } from '../module';
import { ImportsPage } from './ImportsPage';
import { ImportRunPage } from './ImportRunPage';

export const importsModule = {
  name: 'imports',
  routes: [
    { path: 'monitoring/import', element: <ImportsPage /> },
    { path: 'monitoring/import/:runId', element: <ImportRunPage /> },
  ],
} satisfies WebModule;
