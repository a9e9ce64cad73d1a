import type { TenantScope } from '../../platform/tenancy/scope';
import { eq, inArray, sql } from 'drizzle-orm';
import { dimensions, indicatorDimensions, keyMappings } from '../../platform/db/schema';

/**
 * What an import changed besides values and areas, kept on the run (`result.undo`, never sent to
 * clients) so that undoing it restores the state before: dimensions and values it created, names it
 * gave to existing dimensions, links of dimensions to indicators and the key mappings it saved.
 */
export interface UndoLog {
  dimensionsCreated: string[];
  dimensionsChanged: Array<{
    id: string;
    nameDe: string;
    named: boolean;
    sourceKeys: string[];
    /** The name the import set (restored only while the dimension still has it). */
    setName: string | null;
  }>;
  /** Values the import added to dimensions that existed before. */
  valuesCreated: string[];
  linksCreated: Array<{ indicatorId: string; dimensionId: string }>;
  keyMappings: Array<{ sourceKey: string; areaId: string; previousAreaId: string | null }>;
}

export const emptyUndoLog = (): UndoLog => ({
  dimensionsCreated: [],
  dimensionsChanged: [],
  valuesCreated: [],
  linksCreated: [],
  keyMappings: [],
});

/** Save manual key mappings for later imports; returns what they replaced (for undo). */
export async function saveKeyMappings(
  s: TenantScope,
  createdBy: string | null,
  list: Array<{ sourceKey: string; areaId: string }>,
): Promise<UndoLog['keyMappings']> {
  if (!list.length) return [];
  const before = await s
    .select({ sourceKey: keyMappings.sourceKey, areaId: keyMappings.areaId })
    .from(keyMappings)
    .where(
      s.owns(
        keyMappings,
        inArray(
          keyMappings.sourceKey,
          list.map((k) => k.sourceKey),
        ),
      ),
    );
  const prev = new Map(before.map((b) => [b.sourceKey, b.areaId]));
  const log: UndoLog['keyMappings'] = [];
  for (const k of list) {
    await s
      .insert(keyMappings)
      .values(s.withTenant({ sourceKey: k.sourceKey, areaId: k.areaId, createdBy }))
      .onConflictDoUpdate({
        target: [keyMappings.tenantId, keyMappings.sourceKey],
        set: { areaId: k.areaId },
      });
    if (prev.get(k.sourceKey) !== k.areaId) {
      log.push({ sourceKey: k.sourceKey, areaId: k.areaId, previousAreaId: prev.get(k.sourceKey) ?? null });
    }
  }
  return log;
}

/** Links of dimensions to indicators that do not exist yet (to record which ones an import adds). */
export async function newLinks(
  s: TenantScope,
  links: Array<{ indicatorId: string; dimensionId: string }>,
): Promise<UndoLog['linksCreated']> {
  if (!links.length) return [];
  const existing = await s
    .select({ indicatorId: indicatorDimensions.indicatorId, dimensionId: indicatorDimensions.dimensionId })
    .from(indicatorDimensions)
    .where(
      s.owns(
        indicatorDimensions,
        inArray(indicatorDimensions.indicatorId, [...new Set(links.map((l) => l.indicatorId))]),
      ),
    );
  const have = new Set(existing.map((e) => `${e.indicatorId}|${e.dimensionId}`));
  return links
    .filter((l) => !have.has(`${l.indicatorId}|${l.dimensionId}`))
    .map((l) => ({ indicatorId: l.indicatorId, dimensionId: l.dimensionId }));
}

/**
 * Undo what the log records, after the run's values are gone: series left without values, then links,
 * values and dimensions nothing uses any more, names given to existing dimensions, saved key mappings.
 */
export async function undoLogged(
  s: TenantScope,
  log: Partial<UndoLog> | undefined,
  touchedIndicatorIds: string[],
): Promise<void> {
  if (touchedIndicatorIds.length) {
    await s.execute(sql`
      DELETE FROM series s WHERE s.tenant_id = ${s.tenantId}
        AND s.indicator_id IN (${sql.join(
          touchedIndicatorIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})
        AND NOT EXISTS (SELECT 1 FROM observations o WHERE o.series_id = s.id)`);
  }
  if (!log) return;
  for (const l of log.linksCreated ?? []) {
    await s.execute(sql`
      DELETE FROM indicator_dimensions i USING dimensions d
       WHERE i.tenant_id = ${s.tenantId} AND i.indicator_id = ${l.indicatorId}::uuid
         AND i.dimension_id = ${l.dimensionId}::uuid AND d.id = i.dimension_id
         AND NOT EXISTS (SELECT 1 FROM series s WHERE s.indicator_id = i.indicator_id AND s.dims ? d.code)`);
  }
  if (log.valuesCreated?.length) {
    await s.execute(sql`
      DELETE FROM dimension_values v USING dimensions d
       WHERE v.tenant_id = ${s.tenantId} AND d.id = v.dimension_id
         AND v.id IN (${sql.join(
           log.valuesCreated.map((id) => sql`${id}::uuid`),
           sql`, `,
         )})
         AND NOT EXISTS (SELECT 1 FROM series s WHERE s.tenant_id = ${s.tenantId} AND s.dims ->> d.code = v.code)`);
  }
  if (log.dimensionsCreated?.length) {
    await s.execute(sql`
      DELETE FROM dimensions d WHERE d.tenant_id = ${s.tenantId}
         AND d.id IN (${sql.join(
           log.dimensionsCreated.map((id) => sql`${id}::uuid`),
           sql`, `,
         )})
         AND NOT EXISTS (SELECT 1 FROM indicator_dimensions i WHERE i.dimension_id = d.id)
         AND NOT EXISTS (SELECT 1 FROM series s WHERE s.tenant_id = ${s.tenantId} AND s.dims ? d.code)`);
  }
  for (const c of log.dimensionsChanged ?? []) {
    await s
      .update(dimensions)
      .set({
        sourceKeys: c.sourceKeys,
        ...(c.setName !== null ? { nameDe: c.nameDe, named: c.named } : {}),
      })
      .where(
        s.owns(
          dimensions,
          eq(dimensions.id, c.id),
          ...(c.setName !== null ? [eq(dimensions.nameDe, c.setName)] : []),
        ),
      );
  }
  for (const k of log.keyMappings ?? []) {
    const same = [eq(keyMappings.sourceKey, k.sourceKey), eq(keyMappings.areaId, k.areaId)];
    if (k.previousAreaId) {
      await s
        .update(keyMappings)
        .set({ areaId: k.previousAreaId })
        .where(s.owns(keyMappings, ...same));
    } else await s.delete(keyMappings).where(s.owns(keyMappings, ...same));
  }
}
