/**
 * The staged cells of a large import are written to `observations` in parts by area number on PGlite
 * (ADR 0005). Each part must find its cells through an index, not by scanning every staged cell of the
 * run again (which made the parts of a 1.44-million-value import quadratic).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, DEMO, type TestContext } from '../../test/testApp';
import { TEST_DRIVER } from '../../test/testDb';
import { tenantScope } from '../../platform/tenancy/scope';
import { stagedCells } from './statistics.repo';

describe(`import staging on ${TEST_DRIVER}`, () => {
  let t: TestContext;
  let tenantId: string;

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await t.signIn(DEMO.admin.email, DEMO.admin.password);
    tenantId = (await admin.session()).memberships.find((m) => m.slug === 'musterstadt')!.tenantId;
  });
  afterAll(async () => t?.close());

  it('a part of the staged cells (one run, a range of area numbers) is read through an index', async () => {
    const s = tenantScope(t.database.db, tenantId);
    const areaIds = ['7c4e3a52-2f0e-4a53-9d51-8f0f3f1e2a01', '7c4e3a52-2f0e-4a53-9d51-8f0f3f1e2a02'];
    const plan = await s.transaction(async (tx) => {
      // With sequential scans priced out, the planner takes an index if one can serve the part.
      await tx.execute(sql`SET LOCAL enable_seqscan = off`);
      return tx.rows<{ 'QUERY PLAN': string }>(
        sql`EXPLAIN SELECT * FROM ${stagedCells(42, areaIds, { from: 1, to: 1 })} c`,
      );
    });
    const text = plan.map((r) => r['QUERY PLAN']).join('\n');
    expect(text).toMatch(
      /Index (Only )?Scan using import_staging_run_area_idx|Bitmap Index Scan on import_staging_run_area_idx/,
    );
    expect(text).not.toMatch(/Seq Scan on import_staging/);
  });
});
