import { eq } from 'drizzle-orm';
import type { Role } from '@dkbm/contract';
import { generateDemoMunicipality } from '@dkbm/domain';
import type { Db } from '../platform/db/client';
import { memberships, tenants, users } from '../platform/db/schema';
import { hashPassword } from '../platform/auth/password';
import { createTenant } from '../modules/tenants/tenants.service';
import { modules } from '../modules';

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
    // A provider account („Anbieter“) of the Volkshochschule: maintains only its own Wegweiser offers.
    email: 'anbieter@musterstadt.example',
    password: 'anbieter-demo-passwort',
    displayName: 'Vera Volkshochschule',
    roles: { musterstadt: 'provider' },
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
 * Create the demo municipalities (a fictional city, generated deterministically, and a second tenant
 * for switching), the demo accounts, and then every module's demo data (modules/index.ts). One
 * transaction: all or nothing.
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
    // In the order of the registry: the self-assessment's demo reads the monitoring's population.
    for (const m of modules) await m.seedDemo?.(tx, tenantIds);
  });
  return { created: true };
}
