import { isTenantRoute } from '../http/access';

/*
 * Tenant isolation cases, taken from the router (ADR 0002). Every route under /api/tenants/:tenantId
 * needs a case in its module's `<module>.isolation.ts`; `isolation.db.test.ts` runs each case
 *   - as every role of another tenant (that tenant's path and ids: 404, nothing leaks),
 *   - as a signed-in person of no tenant (404) and anonymously (401),
 *   - with one foreign object id at a time under the caller's own tenant id (IDOR): in the path, the
 *     query or the body — 404 for whoever holds the permission, 403 for the others,
 *   - and, for every state-changing route, as a viewer of the own tenant (403).
 * A case only says how to build a valid request from a set of ids; the ids come from the fixtures.
 */

/** Ids of one tenant's objects by kind (`user`, `round`, …), made by the modules' fixtures. */
export type Ids = Readonly<Record<string, string>>;

export interface IsolationCase {
  /** Query string of a valid request. */
  query?: (ids: Ids) => Record<string, string>;
  /** JSON body of a valid request (ids it names are checked like ids in the path). */
  body?: (ids: Ids, tag: string) => unknown;
  /**
   * Kinds of ids that the route answers by leaving foreign ones out (e.g. a filter in the query)
   * rather than with 404: with a foreign id it must answer 200 without any of the other tenant's data.
   */
  filtered?: readonly string[];
}

/** The cases of a module by route: `METHOD /api/tenants/:tenantId/…` → case. */
export type IsolationCases = Readonly<Record<string, IsolationCase>>;

/** Path parameters that name no object of a tenant (nothing to swap for a foreign one). */
export const NON_ID_PARAMS: ReadonlySet<string> = new Set(['tenantId', 'componentKey']);

/** The kind of object a path parameter names: `roundId` → `round`, `agencyTenantId` → `agency`. */
export function kindOfParam(param: string): string {
  if (param === 'agencyTenantId') return 'agency';
  return param.replace(/Id$/, '');
}

export const routeKey = (method: string, url: string) => `${method} ${url}`;

export const pathParams = (url: string): string[] =>
  [...url.matchAll(/:(\w+)/g)].map((m) => m[1]!).filter((p) => !NON_ID_PARAMS.has(p));

/** Tenant routes of the router that have no isolation case (a new route fails the test until it has one). */
export function missingCases(routes: ReadonlyArray<{ method: string; url: string }>, cases: IsolationCases) {
  return routes
    .filter((r) => isTenantRoute(r.url) && r.method !== 'HEAD' && !cases[routeKey(r.method, r.url)])
    .map((r) => routeKey(r.method, r.url));
}

/** Cases whose route no longer exists (renamed or removed routes leave no dead cases behind). */
export function staleCases(routes: ReadonlyArray<{ method: string; url: string }>, cases: IsolationCases) {
  const known = new Set(routes.map((r) => routeKey(r.method, r.url)));
  return Object.keys(cases).filter((k) => !known.has(k));
}

/** The id kinds a case's request names: path parameters, and whatever its query and body read. */
export function idKindsOf(url: string, c: IsolationCase): string[] {
  const kinds = new Set(pathParams(url).map(kindOfParam));
  const read = new Proxy({} as Record<string, string>, {
    get(_t, key) {
      if (typeof key === 'string') kinds.add(key);
      return '00000000-0000-4000-8000-000000000000';
    },
  });
  c.query?.(read);
  c.body?.(read, 'probe');
  return [...kinds];
}

export interface CaseRequest {
  url: string;
  payload: unknown;
}

/** The request of a case for a tenant and a set of ids. */
export function requestOf(
  url: string,
  c: IsolationCase,
  tenantId: string,
  ids: Ids,
  tag: string,
): CaseRequest {
  const path = url.replace(/:(\w+)/g, (_m, p: string) => {
    if (p === 'tenantId') return tenantId;
    if (p === 'componentKey') return 'koordination';
    const id = ids[kindOfParam(p)];
    if (!id) throw new Error(`${url}: keine Testdaten für „${kindOfParam(p)}“`);
    return id;
  });
  const query = c.query ? new URLSearchParams(c.query(ids)).toString() : '';
  return { url: query ? `${path}?${query}` : path, payload: c.body?.(ids, tag) };
}

/** `ids` with the object of one kind swapped for the other tenant's. */
export function withForeign(own: Ids, foreign: Ids, kind: string): Ids {
  const id = foreign[kind];
  if (!id) throw new Error(`keine fremden Testdaten für „${kind}“`);
  return { ...own, [kind]: id };
}

/** What a module's fixtures get: the tenant to make objects for and ways to make them. */
export interface FixtureContext {
  tenantId: string;
  /** `foreign` for the other tenant, whose names and values must never reach the caller. */
  label: 'own' | 'foreign';
  /** Ids made so far (core kinds `user`, `invitation`, and those of modules earlier in the registry). */
  ids: Ids;
  /** The tenant's people: its admin, and a contributor (null when the tenant has none). */
  people: { admin: string; contributor: string | null };
  /** A request as the tenant's admin (JSON body; cookies and CSRF like a browser). */
  asAdmin(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    body?: unknown,
  ): Promise<{ statusCode: number; body: string }>;
  /** Raw SQL on the test database. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

/** A module's isolation file (`modules/<name>/<name>.isolation.ts`). */
export interface ModuleIsolation {
  cases: IsolationCases;
  /** Kinds of ids its fixtures make. */
  fixtureKinds?: readonly string[];
  /** Objects of one tenant for its cases; `secrets` are names and values that must never leak. */
  fixtures?: (f: FixtureContext) => Promise<{ ids: Record<string, string>; secrets?: string[] }>;
}

/** Ids the isolation test makes itself (people and invitations of the tenants module). */
export const CORE_KINDS: readonly string[] = ['user', 'invitation'];
