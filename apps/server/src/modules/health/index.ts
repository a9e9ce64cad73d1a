import type { ServerModule } from '../../platform/modules/module';
import { healthRoutes } from './health.routes';

/** Liveness and readiness for the operator. */
export const healthModule = {
  name: 'health',
  tags: [{ name: 'health', description: 'Betrieb' }],
  routes: [{ prefix: '', plugin: healthRoutes }],
  permissions: [],
} satisfies ServerModule;
