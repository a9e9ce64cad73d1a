import type { Role } from '@dkbm/contract';
import type { NavEntry, WebModule } from './module';
import { monitoringModule } from './monitoring';
import { importsModule } from './imports';
import { assessmentModule } from './assessment';
import { steeringModule } from './steering';
import { reportsModule } from './reports';
import { directoryModule, providerModule } from './directory';
import { networkModule } from './network';
import { entitlementModule } from './entitlement';
import { portalModule } from './portal';
import { placeholderModules } from './placeholders';

export type { NavEntry, TextKey } from './module';

/**
 * Every module of the workbench, once: routes.tsx mounts their pages below /t/:slug, the sidebar and the
 * start page list their navigation entries in this order. Adding a module: docs/adding-a-module.md.
 */
export const WEB_MODULES: readonly WebModule[] = [
  monitoringModule,
  importsModule,
  assessmentModule,
  steeringModule,
  reportsModule,
  directoryModule,
  providerModule,
  networkModule,
  entitlementModule,
  portalModule,
  ...placeholderModules,
];

/** The navigation entries of a tenant, in the order of the sidebar and the start page. */
export const MODULES: readonly NavEntry[] = WEB_MODULES.flatMap((m) => (m.nav ? [m.nav] : []));

export const PLACEHOLDER_MODULES = MODULES.filter((m) => m.more);

/** Roles that see only the entries made for them (the provider sees „Meine Angebote“ and nothing else). */
const RESTRICTED = new Set(MODULES.flatMap((m) => m.roles ?? []));

/** The navigation entries a role sees, in the order of the sidebar and the start page. */
export function modulesFor(role: Role): readonly NavEntry[] {
  return RESTRICTED.has(role)
    ? MODULES.filter((m) => m.roles?.includes(role))
    : MODULES.filter((m) => !m.roles || m.roles.includes(role));
}
