import { asc, eq, sql } from 'drizzle-orm';
import {
  entitlementCapacities,
  entitlementExpansions,
  entitlementPlanningUnits,
  entitlementPupils,
  entitlementScenarios,
  entitlementSettings,
} from '../../platform/db/schema';
import type { TenantScope } from '../../platform/tenancy/scope';

/* SQL of the entitlement module: settings, planning units, places, expansions, scenarios. */

export type SettingsRow = typeof entitlementSettings.$inferSelect;
export type PlanningUnitRow = typeof entitlementPlanningUnits.$inferSelect;
export type CapacityRow = typeof entitlementCapacities.$inferSelect;
export type ExpansionRow = typeof entitlementExpansions.$inferSelect;
export type ScenarioRow = typeof entitlementScenarios.$inferSelect;

export async function settingsRow(s: TenantScope): Promise<SettingsRow | null> {
  const r = await s.select().from(entitlementSettings).where(s.owns(entitlementSettings)).limit(1);
  return r[0] ?? null;
}

export async function upsertSettings(
  s: TenantScope,
  v: Omit<SettingsRow, 'tenantId' | 'updatedAt'>,
): Promise<void> {
  await s
    .insert(entitlementSettings)
    .values(s.withTenant(v))
    .onConflictDoUpdate({
      target: entitlementSettings.tenantId,
      set: { ...v, updatedAt: new Date().toISOString() },
    });
}

export async function planningUnitRows(s: TenantScope): Promise<PlanningUnitRow[]> {
  return s
    .select()
    .from(entitlementPlanningUnits)
    .where(s.owns(entitlementPlanningUnits))
    .orderBy(asc(entitlementPlanningUnits.kind), asc(entitlementPlanningUnits.name));
}

export async function planningUnitRow(s: TenantScope, id: string): Promise<PlanningUnitRow | null> {
  const r = await s
    .select()
    .from(entitlementPlanningUnits)
    .where(s.owns(entitlementPlanningUnits, eq(entitlementPlanningUnits.id, id)))
    .limit(1);
  return r[0] ?? null;
}

export async function insertPlanningUnit(
  s: TenantScope,
  v: { kind: string; name: string; areaId: string },
): Promise<PlanningUnitRow> {
  const [r] = await s.insert(entitlementPlanningUnits).values(s.withTenant(v)).returning();
  return r!;
}

export async function deletePlanningUnitRow(s: TenantScope, id: string): Promise<boolean> {
  const r = await s
    .delete(entitlementPlanningUnits)
    .where(s.owns(entitlementPlanningUnits, eq(entitlementPlanningUnits.id, id)))
    .returning({ id: entitlementPlanningUnits.id });
  return r.length > 0;
}

export async function capacityRows(s: TenantScope): Promise<CapacityRow[]> {
  return s
    .select()
    .from(entitlementCapacities)
    .where(s.owns(entitlementCapacities))
    .orderBy(asc(entitlementCapacities.createdAt), asc(entitlementCapacities.id));
}

export async function insertCapacity(
  s: TenantScope,
  v: Omit<CapacityRow, 'id' | 'tenantId' | 'createdAt'>,
): Promise<CapacityRow> {
  const [r] = await s.insert(entitlementCapacities).values(s.withTenant(v)).returning();
  return r!;
}

export async function deleteCapacityRow(s: TenantScope, id: string): Promise<boolean> {
  const r = await s
    .delete(entitlementCapacities)
    .where(s.owns(entitlementCapacities, eq(entitlementCapacities.id, id)))
    .returning({ id: entitlementCapacities.id });
  return r.length > 0;
}

export async function expansionRows(s: TenantScope): Promise<ExpansionRow[]> {
  return s
    .select()
    .from(entitlementExpansions)
    .where(s.owns(entitlementExpansions))
    .orderBy(asc(entitlementExpansions.schoolYear), asc(entitlementExpansions.id));
}

export async function insertExpansion(
  s: TenantScope,
  v: Omit<ExpansionRow, 'id' | 'tenantId' | 'createdAt'>,
): Promise<ExpansionRow> {
  const [r] = await s.insert(entitlementExpansions).values(s.withTenant(v)).returning();
  return r!;
}

export async function deleteExpansionRow(s: TenantScope, id: string): Promise<boolean> {
  const r = await s
    .delete(entitlementExpansions)
    .where(s.owns(entitlementExpansions, eq(entitlementExpansions.id, id)))
    .returning({ id: entitlementExpansions.id });
  return r.length > 0;
}

export async function scenarioRows(s: TenantScope): Promise<ScenarioRow[]> {
  return s
    .select()
    .from(entitlementScenarios)
    .where(s.owns(entitlementScenarios))
    .orderBy(asc(entitlementScenarios.createdAt), asc(entitlementScenarios.name));
}

export async function scenarioRow(s: TenantScope, id: string): Promise<ScenarioRow | null> {
  const r = await s
    .select()
    .from(entitlementScenarios)
    .where(s.owns(entitlementScenarios, eq(entitlementScenarios.id, id)))
    .limit(1);
  return r[0] ?? null;
}

export type ScenarioValues = Omit<ScenarioRow, 'id' | 'tenantId' | 'createdAt'>;

export async function insertScenario(s: TenantScope, v: ScenarioValues): Promise<ScenarioRow> {
  const [r] = await s.insert(entitlementScenarios).values(s.withTenant(v)).returning();
  return r!;
}

export async function updateScenarioRow(
  s: TenantScope,
  id: string,
  v: Partial<ScenarioValues>,
): Promise<ScenarioRow | null> {
  if (Object.keys(v).length === 0) return scenarioRow(s, id);
  const [r] = await s
    .update(entitlementScenarios)
    .set(v)
    .where(s.owns(entitlementScenarios, eq(entitlementScenarios.id, id)))
    .returning();
  return r ?? null;
}

export async function deleteScenarioRow(s: TenantScope, id: string): Promise<boolean> {
  const r = await s
    .delete(entitlementScenarios)
    .where(s.owns(entitlementScenarios, eq(entitlementScenarios.id, id)))
    .returning({ id: entitlementScenarios.id });
  return r.length > 0;
}

/* ---------- changes of planning units, places and expansions ---------- */

export async function updatePlanningUnitRow(
  s: TenantScope,
  id: string,
  v: Partial<{ kind: string; name: string; areaId: string }>,
): Promise<PlanningUnitRow | null> {
  if (Object.keys(v).length === 0) return planningUnitRow(s, id);
  const [r] = await s
    .update(entitlementPlanningUnits)
    .set(v)
    .where(s.owns(entitlementPlanningUnits, eq(entitlementPlanningUnits.id, id)))
    .returning();
  return r ?? null;
}

export async function capacityRow(s: TenantScope, id: string): Promise<CapacityRow | null> {
  const r = await s
    .select()
    .from(entitlementCapacities)
    .where(s.owns(entitlementCapacities, eq(entitlementCapacities.id, id)))
    .limit(1);
  return r[0] ?? null;
}

export async function updateCapacityRow(
  s: TenantScope,
  id: string,
  v: Partial<Omit<CapacityRow, 'id' | 'tenantId' | 'createdAt'>>,
): Promise<CapacityRow | null> {
  if (Object.keys(v).length === 0) return capacityRow(s, id);
  const [r] = await s
    .update(entitlementCapacities)
    .set(v)
    .where(s.owns(entitlementCapacities, eq(entitlementCapacities.id, id)))
    .returning();
  return r ?? null;
}

export async function expansionRow(s: TenantScope, id: string): Promise<ExpansionRow | null> {
  const r = await s
    .select()
    .from(entitlementExpansions)
    .where(s.owns(entitlementExpansions, eq(entitlementExpansions.id, id)))
    .limit(1);
  return r[0] ?? null;
}

export async function updateExpansionRow(
  s: TenantScope,
  id: string,
  v: Partial<Omit<ExpansionRow, 'id' | 'tenantId' | 'createdAt'>>,
): Promise<ExpansionRow | null> {
  if (Object.keys(v).length === 0) return expansionRow(s, id);
  const [r] = await s
    .update(entitlementExpansions)
    .set(v)
    .where(s.owns(entitlementExpansions, eq(entitlementExpansions.id, id)))
    .returning();
  return r ?? null;
}

/* ---------- pupil numbers ---------- */

export type PupilRow = typeof entitlementPupils.$inferSelect;

export async function pupilRows(s: TenantScope): Promise<PupilRow[]> {
  return s
    .select()
    .from(entitlementPupils)
    .where(s.owns(entitlementPupils))
    .orderBy(asc(entitlementPupils.schoolYear), asc(entitlementPupils.grade), asc(entitlementPupils.id));
}

/** Insert or replace pupil numbers per unit, school year and grade, in one statement. */
export async function upsertPupils(
  s: TenantScope,
  rows: ReadonlyArray<{ planningUnitId: string; schoolYear: number; grade: number; pupils: string }>,
): Promise<void> {
  if (rows.length === 0) return;
  await s
    .insert(entitlementPupils)
    .values(s.withTenant(rows))
    .onConflictDoUpdate({
      target: [
        entitlementPupils.tenantId,
        entitlementPupils.planningUnitId,
        entitlementPupils.schoolYear,
        entitlementPupils.grade,
      ],
      set: { pupils: sql`excluded.pupils` },
    });
}

export async function deletePupilRows(s: TenantScope): Promise<number> {
  const r = await s
    .delete(entitlementPupils)
    .where(s.owns(entitlementPupils))
    .returning({ id: entitlementPupils.id });
  return r.length;
}
