import { eq } from 'drizzle-orm';
import { DEMO_AGE_GROUPS, generateDemoMunicipality } from '@dkbm/domain';
import type { Role } from '@dkbm/contract';
import type { Db } from '../platform/db/client';
import {
  areas,
  areaVersions,
  indicators,
  memberships,
  observations,
  tenants,
  users,
} from '../platform/db/schema';
import { hashPassword } from '../platform/auth/password';
import { createTenant } from '../modules/tenants/tenants.service';

export const DEMO_POPULATION_INDICATOR = 'bevoelkerung_altersgruppen';
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

  await db.transaction(async (tx) => {
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
      });
    }

    const [ind] = await tx
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
        visibility: 'public',
        source: 'Demodaten, vom System erzeugt',
      })
      .returning({ id: indicators.id });

    const rows = city.population.map((p) => ({
      tenantId: main.id,
      indicatorId: ind!.id,
      areaId: districtIds.get(p.districtCode)!,
      period: `${p.year}-12-31`,
      dims: { age_group: p.ageGroup },
      dimsKey: `age_group=${p.ageGroup}`,
      value: String(p.value),
    }));
    for (let i = 0; i < rows.length; i += 500) await tx.insert(observations).values(rows.slice(i, i + 500));
  });
  return { created: true };
}
