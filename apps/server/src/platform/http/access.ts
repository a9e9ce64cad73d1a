import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { Permission } from '@dkbm/contract';
import { requirePlatformAdmin, requireUser } from '../auth/plugin';
import { requireTenantPermission } from '../tenancy/guard';

/** Every route of a tenant lives below this path and declares a permission (ADR 0002). */
export const TENANT_ROUTE_PREFIX = '/api/tenants/:tenantId';

/**
 * Who may call a route that is not a tenant route, declared in its `config.access`:
 * - `public`: anyone (public portal, health, sign-in);
 * - `token`: anyone holding a token in the URL, which the handler checks (external rater links,
 *   invitation and reset links) — public as far as sessions go;
 * - `signedIn`: a signed-in person;
 * - `platformAdmin`: a platform administrator.
 */
export type RouteAccess = 'public' | 'token' | 'signedIn' | 'platformAdmin';

export const isTenantRoute = (url: string) =>
  url === TENANT_ROUTE_PREFIX || url.startsWith(`${TENANT_ROUTE_PREFIX}/`);

type Hook = (req: FastifyRequest, reply: FastifyReply) => Promise<void>;
const guarded = Symbol('dkbm.access');

/** The check a route's declaration asks for, or an error message when the declaration is wrong. */
export function accessCheck(
  method: string,
  url: string,
  config: { permission?: Permission | undefined; access?: RouteAccess | undefined } | undefined,
): Hook | null | string {
  const where = `${method} ${url}`;
  if (isTenantRoute(url)) {
    if (config?.access)
      return `${where}: eine Route einer Kommune erklärt keinen Zugang „${config.access}“, sondern eine Berechtigung (config.permission).`;
    if (!config?.permission) return `${where}: Route einer Kommune ohne Berechtigung (config.permission).`;
    return requireTenantPermission(config.permission);
  }
  if (config?.permission)
    return `${where}: Berechtigungen gelten nur für Routen unter ${TENANT_ROUTE_PREFIX}.`;
  switch (config?.access) {
    case 'public':
    case 'token':
      return null;
    case 'signedIn':
      return requireUser;
    case 'platformAdmin':
      return requirePlatformAdmin;
    default:
      return `${where}: Route ohne erklärten Zugang (config.access: public, token, signedIn oder platformAdmin).`;
  }
}

/**
 * onRoute hook of the scope that holds the modules: every route gets the check its declaration asks
 * for as its first preHandler — a tenant route the tenant guard with its permission — and a route
 * that declares nothing (or a tenant route without a permission) stops the start-up.
 */
export function enforceRouteAccess(route: RouteOptions): void {
  const method = Array.isArray(route.method) ? route.method.join(',') : route.method;
  const check = accessCheck(method, route.url, route.config as never);
  if (typeof check === 'string') throw new Error(check);
  const marked = route as RouteOptions & { [guarded]?: true };
  if (!check || marked[guarded]) return;
  marked[guarded] = true;
  const existing = route.preHandler ? [route.preHandler].flat() : [];
  route.preHandler = [check, ...existing] as RouteOptions['preHandler'];
}
