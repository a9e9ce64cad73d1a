import { desc, eq } from 'drizzle-orm';
import { networkEnquiries } from '../../platform/db/schema';
import type { TenantScope } from '../../platform/tenancy/scope';

/* The enquiry log (Anfragen). */

export type EnquiryRow = typeof networkEnquiries.$inferSelect;
type Insert = Omit<typeof networkEnquiries.$inferInsert, 'tenantId' | 'id'>;

export async function enquiryRows(s: TenantScope, id?: string): Promise<EnquiryRow[]> {
  return s
    .select()
    .from(networkEnquiries)
    .where(s.owns(networkEnquiries, id ? eq(networkEnquiries.id, id) : undefined))
    .orderBy(desc(networkEnquiries.receivedOn), desc(networkEnquiries.createdAt));
}

export async function insertEnquiry(s: TenantScope, v: Insert): Promise<string> {
  const [r] = await s.insert(networkEnquiries).values(s.withTenant(v)).returning({ id: networkEnquiries.id });
  return r!.id;
}

export async function updateEnquiryRow(s: TenantScope, id: string, v: Partial<Insert>): Promise<void> {
  await s
    .update(networkEnquiries)
    .set(v)
    .where(s.owns(networkEnquiries, eq(networkEnquiries.id, id)));
}
