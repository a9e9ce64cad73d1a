import { sql } from 'drizzle-orm';
import type { Database, Db } from '../db/client';
import { tenantScope, type TenantScope } from './scope';

/*
 * PostgreSQL row-level security as a backstop behind the repositories (issue 10, item 9; ADR 0016).
 * A non-superuser role without BYPASSRLS, and on every table with a `tenant_id` a policy that lets it
 * see and write only the rows of the tenant set in the transaction (`set_config('app.tenant_id', …,
 * true)`, i.e. SET LOCAL: it ends with the transaction, so a pooled connection never keeps it). Rows of
 * the platform (tenant_id NULL, e.g. the shipped self-assessment instrument) stay readable for every
 * tenant but cannot be written. A query that forgets its tenant filter then returns the own rows only,
 * and one without a tenant set returns nothing.
 *
 * The application connects as the owner of the tables and bypasses the policies; only work run through
 * `withRowLevelSecurity` (a transaction that switches to the role) is held by them. ADR 0016 records
 * why requests do not run that way yet and what it costs (bench/rls.mjs).
 */

/** The role a tenant's queries run as under row-level security. */
export const RLS_ROLE = 'dkbm_tenant';
/** The transaction-local setting that names the tenant. */
export const RLS_SETTING = 'app.tenant_id';
/** Name of the policy on every tenant table. */
export const RLS_POLICY = 'tenant_isolation';

const CURRENT_TENANT = `nullif(current_setting('${RLS_SETTING}', true), '')::uuid`;

/**
 * Idempotent SQL: the role (cluster-wide in PostgreSQL, so created only if missing), its rights on the
 * schema, and the policy on every table of the schema with a `tenant_id` column — found in the catalogue,
 * so a module's new table is covered without a list to keep.
 */
export const ROW_LEVEL_SECURITY_SQL = `
DO $rls$
DECLARE t record;
BEGIN
  BEGIN
    CREATE ROLE ${RLS_ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS;
  EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
  END;
  EXECUTE 'GRANT USAGE ON SCHEMA public TO ${RLS_ROLE}';
  EXECUTE 'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${RLS_ROLE}';
  EXECUTE 'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${RLS_ROLE}';
  FOR t IN
    SELECT c.table_name, c.is_nullable = 'YES' AS shared
      FROM information_schema.columns c
      JOIN information_schema.tables tb USING (table_schema, table_name)
     WHERE c.table_schema = 'public' AND c.column_name = 'tenant_id' AND tb.table_type = 'BASE TABLE'
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t.table_name);
    EXECUTE format('DROP POLICY IF EXISTS ${RLS_POLICY} ON %I', t.table_name);
    EXECUTE format(
      $p$CREATE POLICY ${RLS_POLICY} ON %I TO ${RLS_ROLE} USING (%s) WITH CHECK (tenant_id = ${CURRENT_TENANT})$p$,
      t.table_name,
      CASE WHEN t.shared
        THEN $p$tenant_id IS NULL OR tenant_id = ${CURRENT_TENANT}$p$
        ELSE $p$tenant_id = ${CURRENT_TENANT}$p$ END);
  END LOOP;
END
$rls$;`;

/** Removes the policies again (the role stays: other databases of the cluster may use it). */
export const DISABLE_ROW_LEVEL_SECURITY_SQL = `
DO $rls$
DECLARE t record;
BEGIN
  FOR t IN SELECT tablename FROM pg_policies WHERE schemaname = 'public' AND policyname = '${RLS_POLICY}'
  LOOP
    EXECUTE format('DROP POLICY ${RLS_POLICY} ON %I', t.tablename);
    EXECUTE format('ALTER TABLE %I DISABLE ROW LEVEL SECURITY', t.tablename);
  END LOOP;
END
$rls$;`;

/** Creates the role and the policies (after the migrations). */
export async function enableRowLevelSecurity(database: Pick<Database, 'exec'>): Promise<void> {
  await database.exec(ROW_LEVEL_SECURITY_SQL);
}

export async function disableRowLevelSecurity(database: Pick<Database, 'exec'>): Promise<void> {
  await database.exec(DISABLE_ROW_LEVEL_SECURITY_SQL);
}

/**
 * Runs `work` in one transaction as the role of row-level security with the tenant set; `work` gets the
 * tenant scope on that transaction, so repositories run unchanged — and a query among them that forgot
 * `s.owns(…)` still sees only this tenant's rows.
 */
export function withRowLevelSecurity<T>(
  db: Db,
  tenantId: string,
  work: (s: TenantScope) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    // One round trip for both: the tenant and the role (`set_config('role', …, true)` = SET LOCAL ROLE).
    await tx.execute(
      sql`SELECT set_config(${RLS_SETTING}, ${tenantId}, true), set_config('role', ${RLS_ROLE}, true)`,
    );
    return work(tenantScope(tx, tenantId));
  });
}
