import { dimsKeyOf, DEMO_AGE_GROUPS, generateDemoDaycare, generateDemoMunicipality } from '@dkbm/domain';
import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client';
import type { DemoTenants } from '../../platform/modules/module';
import {
  areas,
  areaVersions,
  dimensions,
  dimensionValues,
  indicatorDimensions,
  indicators,
} from '../../platform/db/schema';
import { touchIndicators } from './catalog.service';
import { tenantScope } from '../../platform/tenancy/scope';
import { applyCatalogue } from './catalogue.service';
import { setIndicator, indicatorByCode } from './catalog.repo';
import { seedSingleAgeDemo } from './singleAge.demo';
import {
  DEMO_DAYCARE_INDICATOR,
  DEMO_POPULATION_INDICATOR,
  DEMO_PUBLISHED_CATALOGUE_INDICATORS,
} from './demo.constants';

function bboxOfRing(ring: [number, number][]): [number, number, number, number] {
  const xs = ring.map((p) => p[0]);
  const ys = ring.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

async function insertDimension(
  tx: Tx,
  tenantId: string,
  code: string,
  nameDe: string,
  nameEn: string,
  values: Array<{ code: string; label: string; labelEn: string; isTotal?: boolean }>,
): Promise<string> {
  const [d] = await tx
    .insert(dimensions)
    .values({ tenantId, code, nameDe, nameEn })
    .returning({ id: dimensions.id });
  await tx.insert(dimensionValues).values(
    values.map((v, i) => ({
      tenantId,
      dimensionId: d!.id,
      code: v.code,
      labelDe: v.label,
      labelEn: v.labelEn,
      isTotal: v.isTotal ?? false,
      sortOrder: i,
    })),
  );
  return d!.id;
}

async function insertCells(
  tx: Tx,
  tenantId: string,
  indicatorId: string,
  cells: Array<{ areaId: string; period: string; dims: Record<string, string>; value: string }>,
) {
  const keys = new Map(cells.map((c) => [dimsKeyOf(c.dims), c.dims]));
  for (const [dimsKey, dims] of keys) {
    await tx.execute(sql`INSERT INTO series (tenant_id, indicator_id, dims, dims_key)
                          VALUES (${tenantId}, ${indicatorId}, ${JSON.stringify(dims)}::jsonb, ${dimsKey})`);
  }
  const ser = (await tx.execute(
    sql`SELECT id, dims_key FROM series WHERE tenant_id = ${tenantId} AND indicator_id = ${indicatorId}`,
  )) as unknown as { rows: Array<{ id: number; dims_key: string }> };
  const idOf = new Map(ser.rows.map((r) => [r.dims_key, r.id]));
  for (let i = 0; i < cells.length; i += 500) {
    const values = cells
      .slice(i, i + 500)
      .map(
        (c) =>
          sql`(${tenantId}::uuid, ${idOf.get(dimsKeyOf(c.dims))}::bigint, ${c.areaId}::uuid, ${c.period}::date, ${c.value}::numeric)`,
      );
    await tx.execute(
      sql`INSERT INTO observations (tenant_id, series_id, area_id, period, value) VALUES ${sql.join(values, sql`, `)}`,
    );
  }
}
/**
 * Demo data of the monitoring: the districts of the generated city (deterministic, fixed seed) with
 * boundaries, population by age group, children in day care and the childcare rate as a computed
 * indicator.
 */
export async function seedMonitoringDemo(tx: Tx, demo: DemoTenants): Promise<void> {
  const main = { id: demo.musterstadt };
  const city = generateDemoMunicipality();
  const [cityArea] = await tx
    .insert(areas)
    .values({ tenantId: main.id, level: 'gemeinde', code: '99000000', name: city.name })
    .returning({ id: areas.id });
  const districtIds = new Map<string, string>();
  for (const d of city.districts) {
    const [a] = await tx
      .insert(areas)
      .values({
        tenantId: main.id,
        level: 'stadtbezirk',
        code: d.code,
        name: d.name,
        parentId: cityArea!.id,
      })
      .returning({ id: areas.id });
    districtIds.set(d.code, a!.id);
    await tx.insert(areaVersions).values({
      tenantId: main.id,
      areaId: a!.id,
      validFrom: '2000-01-01',
      name: d.name,
      geometry: d.geometry,
      bbox: bboxOfRing(d.geometry.coordinates[0]!),
    });
  }

  const ageDim = await insertDimension(tx, main.id, 'altersgruppe', 'Altersgruppe', 'Age group', [
    ...DEMO_AGE_GROUPS.map((g) => ({ code: g.code, label: g.labelDe, labelEn: g.labelEn })),
    { code: 'insgesamt', label: 'Insgesamt', labelEn: 'Total', isTotal: true },
  ]);
  const careDim = await insertDimension(tx, main.id, 'betreuungsart', 'Art der Betreuung', 'Type of care', [
    { code: 'kita', label: 'Kindertageseinrichtung', labelEn: 'Day-care centre' },
    { code: 'tagespflege', label: 'Kindertagespflege', labelEn: 'Childminder' },
    { code: 'insgesamt', label: 'Insgesamt', labelEn: 'Total', isTotal: true },
  ]);

  const [pop] = await tx
    .insert(indicators)
    .values({
      tenantId: main.id,
      code: DEMO_POPULATION_INDICATOR,
      nameDe: 'Bevölkerung nach Altersgruppen',
      nameEn: 'Population by age group',
      description: `Einwohnerinnen und Einwohner am 31.12., Altersgruppen: ${DEMO_AGE_GROUPS.map((g) => g.labelDe).join(', ')}.`,
      unit: 'Personen',
      decimals: 0,
      topic: 'grundinformationen',
      tier: 'kern',
      periodType: 'date',
      visibility: 'public',
      source: 'Demodaten, vom System erzeugt',
      licence: 'CC0 1.0',
    })
    .returning({ id: indicators.id });
  await tx
    .insert(indicatorDimensions)
    .values({ tenantId: main.id, indicatorId: pop!.id, dimensionId: ageDim, position: 0 });
  const popCells = new Map<string, number>();
  for (const p of city.population) {
    const total = `${p.districtCode}|${p.year}`;
    popCells.set(total, (popCells.get(total) ?? 0) + p.value);
  }
  await insertCells(tx, main.id, pop!.id, [
    ...city.population.map((p) => ({
      areaId: districtIds.get(p.districtCode)!,
      period: `${p.year}-12-31`,
      dims: { altersgruppe: p.ageGroup },
      value: String(p.value),
    })),
    ...[...popCells].map(([k, v]) => {
      const [code, year] = k.split('|');
      return {
        areaId: districtIds.get(code!)!,
        period: `${year}-12-31`,
        dims: { altersgruppe: 'insgesamt' },
        value: String(v),
      };
    }),
  ]);

  const [care] = await tx
    .insert(indicators)
    .values({
      tenantId: main.id,
      code: DEMO_DAYCARE_INDICATOR,
      nameDe: 'Kinder in Kindertagesbetreuung',
      nameEn: 'Children in day care',
      description: 'Betreute Kinder am 1. März nach Art der Betreuung und Altersgruppe.',
      unit: 'Anzahl',
      decimals: 0,
      topic: 'fruehkindliche_bildung',
      tier: 'kern',
      periodType: 'date',
      visibility: 'public',
      source: 'Demodaten, vom System erzeugt',
      licence: 'CC0 1.0',
    })
    .returning({ id: indicators.id });
  await tx.insert(indicatorDimensions).values([
    { tenantId: main.id, indicatorId: care!.id, dimensionId: careDim, position: 0 },
    { tenantId: main.id, indicatorId: care!.id, dimensionId: ageDim, position: 1 },
  ]);
  const daycare = generateDemoDaycare(city);
  const careTotals = new Map<string, number>();
  for (const r of daycare) {
    const k = `${r.districtCode}|${r.year}|${r.ageGroup}`;
    careTotals.set(k, (careTotals.get(k) ?? 0) + r.value);
  }
  await insertCells(tx, main.id, care!.id, [
    ...daycare.map((r) => ({
      areaId: districtIds.get(r.districtCode)!,
      period: `${r.year}-03-01`,
      dims: { betreuungsart: r.careType, altersgruppe: r.ageGroup },
      value: String(r.value),
    })),
    ...[...careTotals].map(([k, v]) => {
      const [code, year, age] = k.split('|');
      return {
        areaId: districtIds.get(code!)!,
        period: `${year}-03-01`,
        dims: { betreuungsart: 'insgesamt', altersgruppe: age! },
        value: String(v),
      };
    }),
  ]);
  const single = await seedSingleAgeDemo(tx, main.id, city, districtIds, {
    bboxOfRing,
    insertCells,
    insertDimension,
  });
  await touchIndicators(tenantScope(tx, main.id), [pop!.id, care!.id, single]);
  // The childcare rate as a computed indicator: children on 1 March over the population of 31 Dec before.
  // The Kennzahlenkatalog where the generated data have the inputs: its small-area variants computed from
  // the districts' population and day-care data (childcare rates, age shares). The childcare rate U3 is
  // published on the demo's public pages (open data) with two more, as a municipality would decide.
  const s = tenantScope(tx, main.id);
  await applyCatalogue(s, { onlyWithData: true, prefer: 'local' });
  for (const code of DEMO_PUBLISHED_CATALOGUE_INDICATORS) {
    const ind = await indicatorByCode(s, code);
    if (ind) await setIndicator(s, ind.id, { visibility: 'public' });
  }
}
