import { desc, eq } from 'drizzle-orm';
import { steeringFindings } from '../../platform/db/schema';
import type { TenantScope } from '../../platform/tenancy/scope';

/* Findings with their frozen values. */

export type FindingRow = typeof steeringFindings.$inferSelect;

export async function findingRows(s: TenantScope): Promise<FindingRow[]> {
  return s
    .select()
    .from(steeringFindings)
    .where(s.owns(steeringFindings))
    .orderBy(desc(steeringFindings.createdAt));
}

export async function insertFinding(
  s: TenantScope,
  v: Omit<FindingRow, 'id' | 'tenantId' | 'createdAt'>,
): Promise<string> {
  const [row] = await s
    .insert(steeringFindings)
    .values(s.withTenant(v))
    .returning({ id: steeringFindings.id });
  return row!.id;
}

/** Deletes a finding; false when there was none. */
export async function deleteFindingRow(s: TenantScope, id: string): Promise<boolean> {
  const r = await s
    .delete(steeringFindings)
    .where(s.owns(steeringFindings, eq(steeringFindings.id, id)))
    .returning({ id: steeringFindings.id });
  return r.length > 0;
}
