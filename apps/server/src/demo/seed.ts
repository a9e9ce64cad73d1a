import { and, eq } from 'drizzle-orm';
import { DEMO_AGE_GROUPS, generateDemoDaycare, generateDemoMunicipality } from '@dkbm/domain';
import type { Role } from '@dkbm/contract';
import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../platform/db/client';
import {
  areas,
  areaVersions,
  dimensions,
  dimensionValues,
  indicatorDimensions,
  indicators,
  memberships,
  tenants,
  users,
} from '../platform/db/schema';
import { dimsKeyOf } from '../modules/imports/dimsKey';
import { touchIndicators } from '../modules/monitoring/catalog.service';
import { applyCatalogue } from '../modules/monitoring/catalogue.service';
import { hashPassword } from '../platform/auth/password';
import { createTenant } from '../modules/tenants/tenants.service';
import { seedAssessmentDemo } from '../modules/assessment/assessment.demo';

export const DEMO_POPULATION_INDICATOR = 'bevoelkerung_altersgruppen';
export const DEMO_DAYCARE_INDICATOR = 'kinder_in_betreuung';
export const DEMO_RATE_INDICATOR = 'betreuungsquote_u3';
/**
 * The Kennzahlenkatalog entries the demo's generated data allow (their small-area variants); the demo
 * applies the catalogue and gets exactly these (checked in catalogue.db.test.ts).
 */
export const DEMO_CATALOGUE_INDICATORS: readonly string[] = [
  DEMO_RATE_INDICATOR,
  'betreuungsquote_3_bis_6',
  'anteil_u3_tageseinrichtung',
  'anteil_u3_tagespflege',
  'anteil_3_bis_6_tageseinrichtung',
  'anteil_unter_6',
  'anteil_6_bis_unter_10',
  'anteil_65_und_aelter',
];

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
export const DEMO_TENANT_SLUG = 'musterstadt';
export const DEMO_SECOND_TENANT_SLUG = 'beispielkreis';

/** Demo logins, printed at start and listed in the README. Never use them in production. */
export const DEMO_LOGINS: ReadonlyArray<{
  email: string;
  password: string;
  displayName: string;
  platformAdmin?: boolean;
  roles: Partial<Record<typeof DEMO_TENANT_SLUG | typeof DEMO_SECOND_TENANT_SLUG, Role>>;
}> = [
  {
    email: 'admin@musterstadt.example',
    password: 'admin-demo-passwort',
    displayName: 'Alex Admin',
    roles: { musterstadt: 'admin', beispielkreis: 'admin' },
  },
  {
    email: 'redaktion@musterstadt.example',
    password: 'redaktion-demo-passwort',
    displayName: 'Rita Redaktion',
    roles: { musterstadt: 'editor' },
  },
  {
    email: 'fachbereich@musterstadt.example',
    password: 'fachbereich-demo-passwort',
    displayName: 'Finn Fachbereich',
    roles: { musterstadt: 'contributor' },
  },
  {
    email: 'politik@musterstadt.example',
    password: 'politik-demo-passwort',
    displayName: 'Paula Politik',
    roles: { musterstadt: 'viewer', beispielkreis: 'viewer' },
  },
  {
    email: 'plattform@dkbm.example',
    password: 'plattform-demo-passwort',
    displayName: 'Pia Plattform',
    platformAdmin: true,
    roles: {},
  },
];

export async function hasDemo(db: Db): Promise<boolean> {
  const r = await db
    .select({ id: tenants.id })
    .from(tenants)
    .where(eq(tenants.slug, DEMO_TENANT_SLUG))
    .limit(1);
  return !!r[0];
}

/**
 * Create the demo municipality: a fictional city generated deterministically (fixed seed) with
 * districts, boundaries and population by age group, a second demo tenant for switching, and the
 * demo accounts. One transaction: all or nothing.
 */
export async function seedDemo(db: Db): Promise<{ created: boolean }> {
  if (await hasDemo(db)) return { created: false };
  const city = generateDemoMunicipality();
  const hashes = await Promise.all(DEMO_LOGINS.map((l) => hashPassword(l.password)));

  const mainId = await db.transaction(async (tx) => {
    const main = await createTenant(tx, {
      slug: DEMO_TENANT_SLUG,
      name: `${city.name} (Demo)`,
      type: 'kreisfreie_stadt',
      ags: '99000000',
      color: '#0b5394',
      isDemo: true,
    });
    const second = await createTenant(tx, {
      slug: DEMO_SECOND_TENANT_SLUG,
      name: 'Landkreis Beispielkreis (Demo)',
      type: 'landkreis',
      ags: '99001',
      color: '#2e6b30',
      isDemo: true,
    });
    const tenantIds = { musterstadt: main.id, beispielkreis: second.id };

    for (const [i, login] of DEMO_LOGINS.entries()) {
      const [u] = await tx
        .insert(users)
        .values({
          email: login.email,
          displayName: login.displayName,
          passwordHash: hashes[i]!,
          isPlatformAdmin: login.platformAdmin ?? false,
        })
        .returning({ id: users.id });
      for (const [slug, role] of Object.entries(login.roles)) {
        await tx
          .insert(memberships)
          .values({ tenantId: tenantIds[slug as keyof typeof tenantIds], userId: u!.id, role: role! });
      }
    }

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
    await touchIndicators(tx, main.id, [pop!.id, care!.id]);
    return main.id;
  });
  // The Kennzahlenkatalog where the generated data have the inputs: its small-area variants computed from
  // the districts' population and day-care data (childcare rates, age shares). The childcare rate U3 is
  // published on the demo's public page, as a municipality would decide.
  await applyCatalogue(db, mainId, { onlyWithData: true, prefer: 'local' });
  await db
    .update(indicators)
    .set({ visibility: 'public' })
    .where(and(eq(indicators.tenantId, mainId), eq(indicators.code, DEMO_RATE_INDICATOR)));
  // A closed, consolidated self-assessment round, so that a new round shows a comparison.
  await seedAssessmentDemo(db, DEMO_TENANT_SLUG);
  return { created: true };
}
