/** Pages of „Rechtsanspruch & Plätze“ (entitlement planning: Ganztag and Kita). */
import type { WebModule } from '../module';
import { EntitlementPage } from './EntitlementPage';

export const entitlementModule = {
  name: 'entitlement',
  nav: { path: 'rechtsanspruch', title: 'moduleEntitlement', text: 'moduleEntitlementText' },
  routes: [{ path: 'rechtsanspruch', element: <EntitlementPage /> }],
} satisfies WebModule;
