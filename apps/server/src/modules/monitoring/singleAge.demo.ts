import { DEMO_SINGLE_AGES, generateDemoCatchments, generateDemoSingleAgePopulation } from '@dkbm/domain';
import type { DemoMunicipality } from '@dkbm/domain';
import type { Tx } from '../../platform/db/client';
import { areas, areaVersions, indicatorDimensions, indicators } from '../../platform/db/schema';
import { DEMO_SINGLE_AGE_INDICATOR } from './demo.constants';

/** The row helpers of monitoring.demo.ts (passed in: no import cycle). */
export interface DemoHelpers {
  bboxOfRing: (ring: [number, number][]) => [number, number, number, number];
  insertDimension: (
    tx: Tx,
    tenantId: string,
    code: string,
    nameDe: string,
    nameEn: string,
    values: Array<{ code: string; label: string; labelEn: string; isTotal?: boolean }>,
  ) => Promise<string>;
  insertCells: (
    tx: Tx,
    tenantId: string,
    indicatorId: string,
    cells: Array<{ areaId: string; period: string; dims: Record<string, string>; value: string }>,
  ) => Promise<void>;
}

/**
 * Demo data for entitlement planning, kept in the monitoring: the 8 Schulbezirke (catchments of the
 * Grundschulen, whole districts) and the population aged 0–10 by single year of age for districts and
 * Schulbezirke on 31.12. of the last year. Returns the indicator id.
 */
export async function seedSingleAgeDemo(
  tx: Tx,
  tenantId: string,
  city: DemoMunicipality,
  districtIds: Map<string, string>,
  h: DemoHelpers,
): Promise<string> {
  const { bboxOfRing, insertCells, insertDimension } = h;
  const catchments = generateDemoCatchments(city);
  // No parent: the Schulbezirke overlay the districts; as children of the city they would be counted twice
  // in the city's aggregates.
  const catchmentIds = new Map<string, string>();
  for (const c of catchments) {
    const [a] = await tx
      .insert(areas)
      .values({ tenantId, level: 'schulbezirk', code: c.code, name: c.name })
      .returning({ id: areas.id });
    catchmentIds.set(c.code, a!.id);
    const ring = c.geometry.type === 'Polygon' ? c.geometry.coordinates[0]! : c.geometry.coordinates.flat(2);
    await tx.insert(areaVersions).values({
      tenantId,
      areaId: a!.id,
      validFrom: '2000-01-01',
      name: c.name,
      geometry: c.geometry,
      bbox: bboxOfRing(ring as [number, number][]),
    });
  }
  const ageDim = await insertDimension(
    tx,
    tenantId,
    'alter',
    'Alter in Jahren',
    'Age in years',
    DEMO_SINGLE_AGES.map((a) => ({
      code: String(a),
      label: a === 1 ? '1 Jahr' : `${a} Jahre`,
      labelEn: a === 1 ? '1 year' : `${a} years`,
    })),
  );
  const [ind] = await tx
    .insert(indicators)
    .values({
      tenantId,
      code: DEMO_SINGLE_AGE_INDICATOR,
      nameDe: 'Bevölkerung nach einzelnen Altersjahren (0–10)',
      nameEn: 'Population by single year of age (0–10)',
      description:
        'Einwohnerinnen und Einwohner am 31.12. nach einzelnen Altersjahren 0 bis 10, für Stadtbezirke und Schulbezirke; Grundlage der Rechtsanspruchsplanung.',
      unit: 'Personen',
      decimals: 0,
      topic: 'grundinformationen',
      tier: 'kern',
      periodType: 'date',
      visibility: 'internal',
      source: 'Demodaten, vom System erzeugt',
      licence: 'CC0 1.0',
    })
    .returning({ id: indicators.id });
  await tx
    .insert(indicatorDimensions)
    .values({ tenantId, indicatorId: ind!.id, dimensionId: ageDim, position: 0 });
  const rows = generateDemoSingleAgePopulation(city);
  const bySchool = new Map<string, number>();
  const schoolOf = new Map(catchments.flatMap((c) => c.districtCodes.map((d) => [d, c.code] as const)));
  for (const r of rows) {
    const k = `${schoolOf.get(r.districtCode)}|${r.year}|${r.age}`;
    bySchool.set(k, (bySchool.get(k) ?? 0) + r.value);
  }
  await insertCells(tx, tenantId, ind!.id, [
    ...rows.map((r) => ({
      areaId: districtIds.get(r.districtCode)!,
      period: `${r.year}-12-31`,
      dims: { alter: String(r.age) },
      value: String(r.value),
    })),
    ...[...bySchool].map(([k, v]) => {
      const [code, year, age] = k.split('|');
      return {
        areaId: catchmentIds.get(code!)!,
        period: `${year}-12-31`,
        dims: { alter: age! },
        value: String(v),
      };
    }),
  ]);
  return ind!.id;
}
