import type { FixtureContext, ModuleIsolation } from '../../platform/tenancy/isolation';

const base = '/api/tenants/:tenantId/directory';

/** One published place of the tenant. */
async function fixtures(f: FixtureContext) {
  const name = f.label === 'foreign' ? 'Fremde Geheim-Kita' : 'Eigene Test-Kita';
  const slug = f.label === 'foreign' ? 'fremde-geheim-kita' : 'eigene-test-kita';
  const [row] = await f.query<{ id: string }>(
    `INSERT INTO directory_entries (tenant_id, kind, slug, name, type, categories, target_groups, languages,
       accessibility, details, address)
     VALUES ($1, 'ort', $2, $3, 'kita', '{fruehe_bildung}', '{}', '{}', '{}', '{}'::jsonb,
       '{"street":"Teststraße 1","postcode":"12345","city":"Teststadt"}'::jsonb) RETURNING id`,
    [f.tenantId, slug, name],
  );
  const provider = f.label === 'foreign' ? 'Fremder Geheim-Träger' : 'Eigener Test-Träger';
  const [p] = await f.query<{ id: string }>(
    `INSERT INTO directory_providers (tenant_id, name, contact_email) VALUES ($1, $2, $3) RETURNING id`,
    [f.tenantId, provider, `traeger-${f.label}@example.org`],
  );
  await f.query(`UPDATE directory_entries SET provider_id = $1 WHERE id = $2`, [p!.id, row!.id]);
  return { ids: { entry: row!.id, provider: p!.id }, secrets: [row!.id, name, p!.id, provider] };
}

const place = (_ids: unknown, tag: string) => ({
  name: `Ort ${tag}`,
  type: 'bibliothek',
  categories: ['non_formale_bildung'],
  address: { street: 'Am Markt 1', postcode: '12345', city: 'Teststadt' },
});
const offer = (_ids: unknown, tag: string) => ({
  title: `Kurs ${tag}`,
  type: 'kurs',
  categories: ['weiterbildung'],
  cost: 'kostenlos',
});

export const isolation: ModuleIsolation = {
  cases: {
    [`GET ${base}/entries`]: {},
    [`GET ${base}/entries/:entryId`]: {},
    [`POST ${base}/places`]: { body: place },
    [`POST ${base}/offers`]: { body: offer },
    [`PATCH ${base}/entries/:entryId`]: { body: () => ({ status: 'entwurf' }) },
    [`DELETE ${base}/entries/:entryId`]: {},
    [`POST ${base}/import`]: {
      body: (_ids, tag) => ({
        fileName: 'liste.csv',
        csv: `id,name,phone_number,places,sponsor_name,street,zip_code,lat,lon\n1,Kita ${tag},,10,Träger,Weg 1,12345,52.5,13.4\n`,
        dryRun: true,
      }),
    },
    [`GET ${base}/providers`]: {},
    [`POST ${base}/providers`]: {
      body: (_ids, tag) => ({ name: `Träger ${tag}`, contactEmail: 'traeger@example.org' }),
    },
    [`POST ${base}/providers/:providerId/accounts`]: { body: () => ({ email: 'anbieter@example.org' }) },
    [`PUT ${base}/entries/:entryId/provider`]: { body: (ids) => ({ providerId: ids.provider }) },
    [`GET ${base}/review`]: {},
    [`POST ${base}/review/:entryId`]: { body: () => ({ decision: 'ablehnen', message: 'Nein' }) },
    [`GET ${base}/outbox`]: {},
    [`POST ${base}/reminders`]: { body: () => ({ days: 14, dryRun: true }) },
    [`GET ${base}/provider`]: {},
    [`GET ${base}/provider/entries/:entryId`]: {},
    [`POST ${base}/provider/offers`]: { body: offer },
    [`PUT ${base}/provider/entries/:entryId`]: { body: offer },
  },
  fixtureKinds: ['entry', 'provider'],
  fixtures,
};
