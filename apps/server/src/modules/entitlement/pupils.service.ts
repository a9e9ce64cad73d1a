/** Pupil numbers of the Grundschulen from the school statistics (CSV), ahead of the cohort projection. */
import { parsePupilsCsv } from '@dkbm/domain';
import { badRequest } from '../../platform/http/errors';
import type { TenantScope } from '../../platform/tenancy/scope';
import * as repo from './entitlement.repo';
import { listPlanningUnits } from './entitlement.service';

/**
 * Import pupil numbers per Grundschule, school year and grade from a CSV (Planungseinheit;Schuljahr;
 * Klassenstufe;Schüler). Existing numbers of the same school, year and grade are replaced; with any error
 * nothing is imported and the first errors (line and column named) are the 400's message.
 */
export async function importPupils(s: TenantScope, csv: string): Promise<{ imported: number }> {
  const schools = (await listPlanningUnits(s)).filter((u) => u.kind === 'grundschule');
  const parsed = parsePupilsCsv(
    csv,
    schools.map((u) => ({ id: u.id, name: u.name, areaCode: u.areaCode })),
  );
  if (parsed.errors.length) {
    const shown = parsed.errors.slice(0, 3).join(' ');
    const more = parsed.errors.length > 3 ? ` (und ${parsed.errors.length - 3} weitere Fehler)` : '';
    throw badRequest(`Schülerzahlen nicht importiert. ${shown}${more}`.slice(0, 600), {
      errors: parsed.errors,
    });
  }
  await repo.upsertPupils(s, parsed.rows);
  return { imported: parsed.rows.length };
}

export async function deletePupils(s: TenantScope): Promise<{ deleted: number }> {
  return { deleted: await repo.deletePupilRows(s) };
}
