import type { Tx } from '../../platform/db/client';
import type { DemoTenants } from '../../platform/modules/module';
import { tenantScope } from '../../platform/tenancy/scope';
import { upsertPortalSettings } from './portal.repo';

/** The demo municipality's portal: contact, imprint and privacy links (the start text stays the default). */
export async function seedPortalDemo(tx: Tx, demo: DemoTenants): Promise<void> {
  await upsertPortalSettings(tenantScope(tx, demo.musterstadt), {
    contact:
      'Bildungsbüro Musterstadt · Rathausplatz 1 · 39100 Musterstadt\nbildungsbuero@musterstadt.example',
    imprintUrl: 'https://musterstadt.example/impressum',
    privacyUrl: 'https://musterstadt.example/datenschutz',
  });
}
