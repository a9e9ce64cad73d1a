import { and, eq, isNull, or, type SQL } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db, Tx } from '../db/client';
import { affected, rows } from '../db/sqlRows';

/** A table whose rows belong to a tenant (it has a `tenant_id` column). */
export type TenantTable = PgTable & { tenantId: AnyPgColumn };

type WithTenant<T> = T & { tenantId: string };

/**
 * The one way a repository reaches the rows of a tenant (ADR 0002): a scope carries the tenant and the
 * database handle (under row-level security the transaction of `withRowLevelSecurity`, rls.ts and ADR
 * 0016) and offers drizzle's query builders; every query of a repository is built from it —
 *   `s.select().from(t).where(s.owns(t, eq(t.id, id)))`, joins `innerJoin(u, s.owns(u, eq(…)))`,
 *   inserts `s.insert(t).values(s.withTenant({ … }))`, raw SQL `s.rows(sql\`… tenant_id = ${s.tenantId}\`)`.
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
  /**
   * For tables with rows of the platform (tenant_id NULL) that every tenant may read, e.g. the shipped
   * self-assessment instrument: `tenant_id IS NULL OR tenant_id = <tenant>` and the further conditions.
   */
  ownsOrShared(table: TenantTable, ...conditions: Array<SQL | undefined>): SQL;
  /** Values for INSERT with the tenant filled in. */
  withTenant<T extends object>(values: readonly T[]): Array<WithTenant<T>>;
  withTenant<T extends object>(values: T): WithTenant<T>;
  /** The same tenant on another handle (e.g. a transaction). */
  on(db: Tx): TenantScope;
  readonly select: Db['select'];
  readonly selectDistinct: Db['selectDistinct'];
  readonly insert: Db['insert'];
  readonly update: Db['update'];
  readonly delete: Db['delete'];
  readonly execute: Db['execute'];
  /** Rows of a raw statement. */
  rows<T>(query: SQL): Promise<T[]>;
  /** Number of rows a raw statement touched. */
  affected(query: SQL): Promise<number>;
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
    ownsOrShared: (table, ...conditions) =>
      and(or(isNull(table.tenantId), eq(table.tenantId, tenantId)), ...conditions)!,
    withTenant: withTenant as TenantScope['withTenant'],
    on: (other) => tenantScope(other, tenantId),
    select: db.select.bind(db) as Db['select'],
    selectDistinct: db.selectDistinct.bind(db) as Db['selectDistinct'],
    insert: db.insert.bind(db) as Db['insert'],
    update: db.update.bind(db) as Db['update'],
    delete: db.delete.bind(db) as Db['delete'],
    execute: db.execute.bind(db) as Db['execute'],
    rows: (query) => rows(db, query),
    affected: (query) => affected(db, query),
    transaction: (work) => db.transaction((tx) => work(tenantScope(tx, tenantId))),
  };
  return scope;
}
