import { eq, sql } from 'drizzle-orm';
import { assessmentShares, tenants, users } from '../../platform/db/schema';
import type { TenantScope } from '../../platform/tenancy/scope';

/*
 * Consented sharing with regional agencies (ADR 0007). A municipality's shares are its own rows; an
 * agency reads a municipality's latest round only while that municipality shares with it — the
 * consent is part of every such query.
 */

export async function shareRows(s: TenantScope) {
  return s
    .select({ s: assessmentShares, agencyName: tenants.name, by: users.displayName })
    .from(assessmentShares)
    .innerJoin(tenants, eq(tenants.id, assessmentShares.agencyTenantId))
    .leftJoin(users, eq(users.id, assessmentShares.grantedBy))
    .where(s.owns(assessmentShares))
    .orderBy(tenants.name);
}

export async function insertShare(s: TenantScope, agencyTenantId: string, grantedBy: string): Promise<void> {
  await s.insert(assessmentShares).values(s.withTenant({ agencyTenantId, grantedBy })).onConflictDoNothing();
}

export async function deleteShare(s: TenantScope, agencyTenantId: string): Promise<boolean> {
  const r = await s
    .delete(assessmentShares)
    .where(s.owns(assessmentShares, eq(assessmentShares.agencyTenantId, agencyTenantId)))
    .returning({ id: assessmentShares.agencyTenantId });
  return r.length === 1;
}

/** The municipalities that share with the agency of the scope. */
export async function sharingMunicipalities(s: TenantScope) {
  return s.rows<{ tenant_id: string; name: string }>(
    sql`SELECT sh.tenant_id, t.name FROM assessment_shares sh JOIN tenants t ON t.id = sh.tenant_id
         WHERE sh.agency_tenant_id = ${s.tenantId} ORDER BY t.name, t.id`,
  );
}

/** A sharing municipality's latest closed round with agreements, and the content of its instrument. */
export async function latestSharedRound(s: TenantScope, municipalityId: string) {
  const r = await s.rows<{ id: string; title: string; ends_on: string; content: unknown }>(
    sql`SELECT r.id, r.title, r.ends_on::text AS ends_on, i.content
          FROM assessment_rounds r
          JOIN assessment_instruments i ON i.id = r.instrument_id
         WHERE r.tenant_id = ${municipalityId} AND r.status = 'closed'
           AND EXISTS (SELECT 1 FROM assessment_shares sh
                        WHERE sh.tenant_id = r.tenant_id AND sh.agency_tenant_id = ${s.tenantId})
           AND EXISTS (SELECT 1 FROM assessment_agreements a WHERE a.tenant_id = r.tenant_id AND a.round_id = r.id)
         ORDER BY r.ends_on DESC, r.closed_at DESC
         LIMIT 1`,
  );
  return r[0] ?? null;
}

/** The agreed profile of a sharing municipality's round. */
export async function sharedAgreedProfile(
  s: TenantScope,
  municipalityId: string,
  roundId: string,
): Promise<Map<string, number>> {
  const r = await s.rows<{ key: string; level: number }>(
    sql`SELECT a.component_key AS key, a.level FROM assessment_agreements a
         WHERE a.tenant_id = ${municipalityId} AND a.round_id = ${roundId}
           AND EXISTS (SELECT 1 FROM assessment_shares sh
                        WHERE sh.tenant_id = a.tenant_id AND sh.agency_tenant_id = ${s.tenantId})`,
  );
  return new Map(r.map((x) => [x.key, x.level]));
}
