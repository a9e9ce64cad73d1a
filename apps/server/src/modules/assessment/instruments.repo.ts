import { asc, desc, eq, sql } from 'drizzle-orm';
import { DEFAULT_INSTRUMENT, DEFAULT_INSTRUMENT_FAMILY } from '@dkbm/domain';
import type { InstrumentContent } from '@dkbm/contract';
import type { Tx } from '../../platform/db/client';
import { assessmentInstruments } from '../../platform/db/schema';
import type { TenantScope } from '../../platform/tenancy/scope';
import { DEFAULT_INSTRUMENT_ID, type InstrumentRow } from './assessment.common';

/* Instrument versions: the platform's default (tenant_id NULL) and each tenant's own adaptations. */

/** Insert the shipped default instrument (idempotent; a stored version is never changed). Runs at start. */
export async function ensureDefaultInstrument(db: Tx): Promise<void> {
  await db
    // oxlint-disable-next-line dkbm/tenant-scope -- the platform's instrument belongs to no tenant
    .insert(assessmentInstruments)
    .values({
      id: DEFAULT_INSTRUMENT_ID,
      tenantId: null,
      family: DEFAULT_INSTRUMENT_FAMILY,
      version: 1,
      content: DEFAULT_INSTRUMENT,
    })
    .onConflictDoNothing();
}

/** An instrument version the tenant may use: the platform default or one of its own. */
export async function findInstrument(s: TenantScope, id: string): Promise<InstrumentRow | null> {
  const r = await s
    .select()
    .from(assessmentInstruments)
    .where(s.ownsOrShared(assessmentInstruments, eq(assessmentInstruments.id, id)))
    .limit(1);
  return r[0] ?? null;
}

/** Versions the tenant may use, with the number of its rounds made with each. */
export async function instrumentsWithUse(s: TenantScope) {
  return s
    .select({
      i: assessmentInstruments,
      usedBy: sql<number>`(SELECT count(*)::int FROM assessment_rounds r
                            WHERE r.instrument_id = assessment_instruments.id AND r.tenant_id = ${s.tenantId})`,
    })
    .from(assessmentInstruments)
    .where(s.ownsOrShared(assessmentInstruments))
    .orderBy(asc(assessmentInstruments.family), asc(assessmentInstruments.version));
}

/** The newest version number of a family among the default and the tenant's own. */
export async function latestVersion(s: TenantScope, family: string): Promise<number> {
  const max = await s.rows<{ v: number | null }>(
    sql`SELECT max(version)::int AS v FROM assessment_instruments
         WHERE family = ${family} AND (tenant_id IS NULL OR tenant_id = ${s.tenantId})`,
  );
  return max[0]?.v ?? 0;
}

/** A new version of the tenant's own; null when that version number was taken meanwhile. */
export async function insertVersion(
  s: TenantScope,
  values: { family: string; version: number; content: InstrumentContent; basedOn: string; createdBy: string },
): Promise<InstrumentRow | null> {
  const inserted = await s
    .insert(assessmentInstruments)
    .values(s.withTenant(values))
    .onConflictDoNothing()
    .returning();
  return inserted[0] ?? null;
}

/** The tenant's newest own version, if any. */
export async function newestOwnInstrument(s: TenantScope): Promise<InstrumentRow | null> {
  const own = await s
    .select()
    .from(assessmentInstruments)
    .where(s.owns(assessmentInstruments))
    .orderBy(desc(assessmentInstruments.version), desc(assessmentInstruments.createdAt))
    .limit(1);
  return own[0] ?? null;
}
