import { generateDemoDirectory, generateDemoMunicipality } from '@dkbm/domain';
import type { Tx } from '../../platform/db/client';
import type { DemoTenants } from '../../platform/modules/module';
import { tenantScope } from '../../platform/tenancy/scope';
import { listUsers } from '../users/users.service';
import { entryById, insertEntries, listEntries, updateEntry } from './entries.repo';
import { areaLocator, offerRow, placeRow } from './entries.service';
import { insertProvider, upsertAccount } from './providers.repo';

/** The demo's provider account (demo/seed.ts) and the offers its provider maintains. */
export const DEMO_PROVIDER_EMAIL = 'anbieter@musterstadt.example';
const VHS_OFFERS = [
  'Deutschsprachkurs A1 am Vormittag',
  'Sprachkurse Englisch für Einsteiger',
  'Computerkurs für Seniorinnen und Senioren',
  'Alphabetisierung und Grundbildung',
];

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** Places and offers of the demo municipality in every district and along the life course. */
export async function seedDirectoryDemo(tx: Tx, demo: DemoTenants): Promise<void> {
  const s = tenantScope(tx, demo.musterstadt);
  const locate = await areaLocator(s);
  const taken = new Set<string>();
  const rows = generateDemoDirectory(generateDemoMunicipality()).map((e) =>
    e.kind === 'ort' ? placeRow(e.input, taken, locate) : offerRow(e.input, taken, locate),
  );
  await insertEntries(s, rows);

  // The Volkshochschule maintains its courses itself: one account, one change awaiting moderation,
  // one course whose „gültig bis“ is near (the reminder has something to say).
  const vhs = await insertProvider(s, {
    name: 'Volkshochschule Musterstadt',
    contactEmail: 'vhs@musterstadt.example',
  });
  const account = (await listUsers(s)).find((u) => u.email === DEMO_PROVIDER_EMAIL);
  if (account) await upsertAccount(s, account.id, vhs.id);
  const offers = (await listEntries(s, { kind: 'angebot' })).filter((e) => VHS_OFFERS.includes(e.name));
  for (const e of offers) await updateEntry(s, e.id, { providerId: vhs.id, provider: vhs.name });
  const english = offers.find((e) => e.name === VHS_OFFERS[1]);
  if (english) await updateEntry(s, english.id, { validUntil: inDays(10) });
  const computer = offers.find((e) => e.name === VHS_OFFERS[2]);
  const current = computer ? await entryById(s, computer.id) : null;
  if (current) {
    const input = current.details as Record<string, unknown>;
    await updateEntry(s, current.id, {
      pending: {
        kind: 'angebot',
        input: {
          ...input,
          title: current.name,
          type: current.type,
          categories: current.categories,
          description: `${current.description} Neu: auch samstags.`,
          provider: vhs.name,
          address: current.address,
          location: current.lon === null ? null : { lon: Number(current.lon), lat: Number(current.lat) },
          targetGroups: current.targetGroups,
          languages: current.languages,
          cost: current.cost,
          price: '30.00',
          accessibility: current.accessibility,
          validUntil: current.validUntil,
        },
      },
      pendingAt: new Date().toISOString(),
    });
  }
}
