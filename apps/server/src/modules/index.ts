import type { ServerModule } from '../platform/modules/module';
import { healthModule } from './health';
import { authModule } from './auth';
import { tenantsModule } from './tenants';
import { usersModule } from './users';
import { monitoringModule } from './monitoring';
import { importsModule } from './imports';
import { assessmentModule } from './assessment';
import { directoryModule } from './directory';
import { networkModule } from './network';
import { publicModule } from './public';
import { steeringModule } from './steering';
import { reportsModule } from './reports';
import { entitlementModule } from './entitlement';

/**
 * Every module of the server, once. The app mounts their routes, the API docs list their tags, the job
 * queue registers their jobs, the demo seed and the server start run their hooks — in this order.
 * Adding a module: docs/adding-a-module.md.
 */
export const modules: readonly ServerModule[] = [
  healthModule,
  authModule,
  tenantsModule,
  usersModule,
  monitoringModule,
  importsModule,
  assessmentModule,
  // The network module before steering: the steering demo links a body's meeting decision.
  networkModule,
  steeringModule,
  reportsModule,
  directoryModule,
  publicModule,
  entitlementModule,
];
