import type { EntitlementCapacity, PlanningUnit } from '@dkbm/contract';
import type { TenantScope } from '../../platform/tenancy/scope';
import { kitaPlaces } from '../directory/entries.service';

/* Kita supply from the Bildungswegweiser (setting `kitaPlacesSource: 'directory'`, ADR 0015). */

export const KITA_TYPES = new Set<string>(['kita', 'kita_u3', 'kita_ue3']);

/**
 * The Kita places of each Sozialraum as the sum of the places of the Bildungswegweiser's Kitas that lie in
 * its area (read through the directory's service), valid in every school year.
 */
export async function directoryKitaCapacities(
  s: TenantScope,
  units: PlanningUnit[],
): Promise<EntitlementCapacity[]> {
  const byArea = new Map<string, number>();
  for (const k of await kitaPlaces(s)) {
    if (k.areaId) byArea.set(k.areaId, (byArea.get(k.areaId) ?? 0) + k.places);
  }
  return units
    .filter((u) => u.kind === 'sozialraum' && byArea.has(u.areaId))
    .map((u) => ({
      id: u.id,
      planningUnitId: u.id,
      type: 'kita' as const,
      places: String(byArea.get(u.areaId)),
      fromSchoolYear: null,
      toSchoolYear: null,
      note: 'Bildungswegweiser',
    }));
}
