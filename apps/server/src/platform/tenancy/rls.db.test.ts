import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { createTestDatabase, type TestDatabase } from '../../test/testDb';
import { seedDemo } from '../../demo/seed';
import { indicators, tenants } from '../db/schema';
import { rows } from '../db/sqlRows';
import { listIndicators } from '../../modules/monitoring/catalog.service';
import { listAreas } from '../../modules/monitoring/areas.service';
import { tenantScope } from './scope';
import {
  disableRowLevelSecurity,
  enableRowLevelSecurity,
  RLS_POLICY,
  RLS_ROLE,
  withRowLevelSecurity,
} from './rls';

/*
 * Row-level security as a backstop (issue 10, item 9; ADR 0016), on PGlite and PostgreSQL: the demo
 * municipality Musterstadt and the demo Kreis Beispielkreis, a policy on every table with a tenant_id,
 * and queries that forget their tenant filter.
 */

let database: TestDatabase;
let M: string;
let B: string;
let tables: Array<{ name: string; shared: boolean }>;

async function tenantId(slug: string): Promise<string> {
  const [t] = await database.db.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, slug));
  return t!.id;
}

/** Rows per table and tenant as the owner (no policies apply to the owner). */
async function ownerCounts(tenant: string) {
  const out = new Map<string, { own: number; shared: number; other: number }>();
  for (const t of tables) {
    const [r] = await database.query<{ own: number; shared: number; other: number }>(
      `SELECT count(*) FILTER (WHERE tenant_id = $1)::int AS own,
              count(*) FILTER (WHERE tenant_id IS NULL)::int AS shared,
              count(*) FILTER (WHERE tenant_id <> $1)::int AS other
         FROM "${t.name}"`,
      [tenant],
    );
    out.set(t.name, r!);
  }
  return out;
}

/** The database's own message of a failed query (drizzle wraps it). */
const causeOf = (e: unknown) => String((e as { cause?: Error }).cause?.message ?? e);

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemo(database.db);
  M = await tenantId('musterstadt');
  B = await tenantId('beispielkreis');
  // Beispielkreis gets the indicators of Musterstadt once more, so that every query below has rows of
  // another tenant to leave out.
  await database.query(
    `INSERT INTO indicators (tenant_id, code, name_de, unit, topic)
     SELECT $2, code, name_de, unit, topic FROM indicators WHERE tenant_id = $1
     ON CONFLICT DO NOTHING`,
    [M, B],
  );
  await enableRowLevelSecurity(database);
  tables = (
    await database.query<{ table_name: string; is_nullable: string }>(
      `SELECT table_name, is_nullable FROM information_schema.columns
        WHERE table_schema = 'public' AND column_name = 'tenant_id' ORDER BY table_name`,
    )
  ).map((r) => ({ name: r.table_name, shared: r.is_nullable === 'YES' }));
});

afterAll(async () => {
  await database?.destroy();
});

describe('row-level security on every tenant table', () => {
  it('puts the policy on every table with a tenant_id and leaves the others alone', async () => {
    const policies = await database.query<{ tablename: string }>(
      `SELECT tablename FROM pg_policies WHERE schemaname = 'public' AND policyname = $1 ORDER BY tablename`,
      [RLS_POLICY],
    );
    expect(tables.length).toBeGreaterThan(40);
    expect(policies.map((p) => p.tablename)).toEqual(tables.map((t) => t.name));
    const enabled = await database.query<{ relname: string }>(
      `SELECT relname FROM pg_class WHERE relrowsecurity AND relnamespace = 'public'::regnamespace
        ORDER BY relname`,
    );
    expect(enabled.map((r) => r.relname)).toEqual(tables.map((t) => t.name));
  });

  it('a query without tenant filter sees only the rows of the tenant set, in every table', async () => {
    const expected = await ownerCounts(M);
    const seen = await withRowLevelSecurity(database.db, M, async (s) => {
      const out = new Map<string, { own: number; shared: number; other: number }>();
      for (const t of tables) {
        const [r] = await rows<{ own: number; shared: number; other: number }>(
          s.db,
          sql.raw(
            `SELECT count(*) FILTER (WHERE tenant_id = '${M}')::int AS own,
                    count(*) FILTER (WHERE tenant_id IS NULL)::int AS shared,
                    count(*) FILTER (WHERE tenant_id <> '${M}')::int AS other
               FROM "${t.name}"`,
          ),
        );
        out.set(t.name, r!);
      }
      return out;
    });
    for (const t of tables) {
      const e = expected.get(t.name)!;
      expect(seen.get(t.name), t.name).toEqual({ own: e.own, shared: t.shared ? e.shared : 0, other: 0 });
    }
    // The owner sees rows of the other tenant (indicators, areas, memberships …), so leaving them out is
    // the policy's doing; and the own rows are found in the tables of many modules.
    const counts = [...expected.values()];
    expect(counts.filter((e) => e.other > 0).length).toBeGreaterThanOrEqual(2);
    expect(counts.filter((e) => e.own > 0).length).toBeGreaterThan(25);
    expect(counts.reduce((n, e) => n + e.own, 0)).toBeGreaterThan(1000);
  });

  it('without a tenant set the role sees no row of any tenant', async () => {
    const seen = await database.db.transaction(async (tx) => {
      await tx.execute(sql.raw(`SET LOCAL ROLE ${RLS_ROLE}`));
      let n = 0;
      for (const t of tables) {
        const [r] = await rows<{ n: number }>(
          tx,
          sql.raw(`SELECT count(*)::int AS n FROM "${t.name}" WHERE tenant_id IS NOT NULL`),
        );
        n += r!.n;
      }
      return n;
    });
    expect(seen).toBe(0);
  });

  it('a drizzle query that forgot s.owns(…) returns the own rows only', async () => {
    const plain = await tenantScope(database.db, M).select({ t: indicators.tenantId }).from(indicators);
    expect(new Set(plain.map((r) => r.t))).toEqual(new Set([M, B]));
    const guarded = await withRowLevelSecurity(database.db, M, (s) =>
      s.select({ t: indicators.tenantId }).from(indicators),
    );
    expect(guarded.length).toBe(plain.filter((r) => r.t === M).length);
    expect(new Set(guarded.map((r) => r.t))).toEqual(new Set([M]));
  });

  it('refuses to write rows of another tenant and leaves theirs untouched', async () => {
    const [one] = await database.query<{ id: string; name: string }>(
      'SELECT id, name_de AS name FROM indicators WHERE tenant_id = $1 LIMIT 1',
      [B],
    );
    await expect(
      withRowLevelSecurity(database.db, M, (s) =>
        s
          .insert(indicators)
          .values({ tenantId: B, code: 'rls_fremd', nameDe: 'Fremd', unit: '%', topic: 'x' }),
      ).catch(causeOf),
    ).resolves.toMatch(/row-level security/);
    const changed = await withRowLevelSecurity(database.db, M, (s) =>
      s.affected(sql`UPDATE indicators SET name_de = 'geändert' WHERE id = ${one!.id}`),
    );
    expect(changed).toBe(0);
    const [mine] = await database.query<{ id: string }>(
      'SELECT id FROM indicators WHERE tenant_id = $1 LIMIT 1',
      [M],
    );
    await expect(
      withRowLevelSecurity(database.db, M, (s) =>
        s.affected(sql`UPDATE indicators SET tenant_id = ${B} WHERE id = ${mine!.id}`),
      ).catch(causeOf),
    ).resolves.toMatch(/row-level security/);
    const [after] = await database.query<{ name: string }>(
      'SELECT name_de AS name FROM indicators WHERE id = $1',
      [one!.id],
    );
    expect(after!.name).toBe(one!.name);
  });

  it('the repositories run unchanged under it (same answers as without)', async () => {
    const s = tenantScope(database.db, M);
    const without = [await listIndicators(s, {}), await listAreas(s, {})];
    const withRls = await withRowLevelSecurity(database.db, M, async (r) => [
      await listIndicators(r, {}),
      await listAreas(r, {}),
    ]);
    expect(without[0]!.length).toBeGreaterThan(10);
    expect(withRls).toEqual(without);
  });

  it('can be switched off again', async () => {
    await disableRowLevelSecurity(database);
    const [r] = await database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_policies WHERE schemaname = 'public' AND policyname = $1`,
      [RLS_POLICY],
    );
    expect(r!.n).toBe(0);
    await enableRowLevelSecurity(database);
  });
});
