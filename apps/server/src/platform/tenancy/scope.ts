import { and, eq, type SQL } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Tx } from '../db/client';

/** A table whose rows belong to a tenant (it has a `tenant_id` column). */
export type TenantTable = PgTable & { tenantId: AnyPgColumn };

type WithTenant<T> = T & { tenantId: string };

/**
 * The one way a repository reaches the rows of a tenant (ADR 0002): a scope carries the tenant and the
 * database handle (under row-level security the request's transaction, ADR 0009), and every query of
 * a repository is built from it —
 *   `s.db.select().from(t).where(s.owns(t, eq(t.id, id)))`, joins `innerJoin(u, s.owns(u, eq(…)))`,
 *   inserts `s.db.insert(t).values(s.withTenant({ … }))`, raw SQL with `${s.tenantId}`.
 * The lint rule `dkbm/tenant-scope` (scripts/lint/dkbm-plugin.mjs) refuses a query on a tenant table
 * in a `*.repo.ts` that does not go through the scope, and SQL outside repositories.
 */
export interface TenantScope {
  /** The tenant every query of this scope is limited to. */
  readonly tenantId: string;
  /** The database handle the queries run on. */
  readonly db: Tx;
  /** `table.tenant_id = <tenant>` and the further conditions: for WHERE and JOIN … ON. */
  owns(table: TenantTable, ...conditions: Array<SQL | undefined>): SQL;
  /** Values for INSERT with the tenant filled in. */
  withTenant<T extends object>(values: T): WithTenant<T>;
  withTenant<T extends object>(values: readonly T[]): Array<WithTenant<T>>;
  /** The same tenant on another handle (e.g. a transaction). */
  on(db: Tx): TenantScope;
  /** A transaction (a savepoint inside one) with the same tenant. */
  transaction<T>(work: (s: TenantScope) => Promise<T>): Promise<T>;
}

export function tenantScope(db: Tx, tenantId: string): TenantScope {
  function withTenant<T extends object>(values: T | readonly T[]) {
    return Array.isArray(values)
      ? values.map((v: T) => ({ ...v, tenantId }))
      : { ...(values as T), tenantId };
  }
  const scope: TenantScope = {
    tenantId,
    db,
    owns: (table, ...conditions) => and(eq(table.tenantId, tenantId), ...conditions)!,
    withTenant: withTenant as TenantScope['withTenant'],
    on: (other) => tenantScope(other, tenantId),
    transaction: (work) => db.transaction((tx) => work(tenantScope(tx, tenantId))),
  };
  return scope;
}
