import { generateDemoDirectory, generateDemoMunicipality } from '@dkbm/domain';
import type { Tx } from '../../platform/db/client';
import type { DemoTenants } from '../../platform/modules/module';
import { tenantScope } from '../../platform/tenancy/scope';
import { insertEntries } from './entries.repo';
import { areaLocator, offerRow, placeRow } from './entries.service';

/** Places and offers of the demo municipality in every district and along the life course. */
export async function seedDirectoryDemo(tx: Tx, demo: DemoTenants): Promise<void> {
  const s = tenantScope(tx, demo.musterstadt);
  const locate = await areaLocator(s);
  const taken = new Set<string>();
  const rows = generateDemoDirectory(generateDemoMunicipality()).map((e) =>
    e.kind === 'ort' ? placeRow(e.input, taken, locate) : offerRow(e.input, taken, locate),
  );
  await insertEntries(s, rows);
}
