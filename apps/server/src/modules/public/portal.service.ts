import {
  AREA_LEVEL_LABELS,
  AREA_LEVEL_ORDER,
  portalSettingsSchema,
  type AreaLevel,
  type PortalSettings,
  type PortalSettingsView,
} from '@dkbm/contract';
import type { Lang, PublicTenant } from '@dkbm/web/ssr';
import { TENANT_TYPE_LABELS, type TenantType } from '@dkbm/contract';
import { tenantScope, type TenantScope } from '../../platform/tenancy/scope';
import type { TenantRow } from '../tenants/tenants.service';
import { listAreas } from '../monitoring/areas.service';
import { listDimensions } from '../monitoring/catalog.service';
import { portalSettingsRow, upsertPortalSettings } from './portal.repo';

/** The municipality's portal settings (the defaults while none are stored: everything public). */
export async function portalSettingsOf(s: TenantScope): Promise<PortalSettings> {
  const r = await portalSettingsRow(s);
  if (!r) return portalSettingsSchema.parse({});
  return {
    intro: r.intro,
    contact: r.contact,
    imprintUrl: r.imprintUrl,
    privacyUrl: r.privacyUrl,
    logoUrl: r.logoUrl,
    color: r.color,
    hiddenLevels: r.hiddenLevels as AreaLevel[],
    hiddenDimensions: r.hiddenDimensions,
  };
}

export async function portalSettingsView(s: TenantScope): Promise<PortalSettingsView> {
  const [settings, areas, dims] = await Promise.all([
    portalSettingsOf(s),
    listAreas(s, {}),
    listDimensions(s),
  ]);
  const used = new Set(areas.map((a) => a.level));
  return {
    settings,
    levels: AREA_LEVEL_ORDER.filter((l) => used.has(l)).map((l) => ({
      code: l,
      label: AREA_LEVEL_LABELS[l].de,
    })),
    dimensions: dims.map((d) => ({ code: d.code, label: d.name })),
  };
}

export async function savePortalSettings(s: TenantScope, v: PortalSettings): Promise<PortalSettingsView> {
  await upsertPortalSettings(s, v);
  return portalSettingsView(s);
}

/** A municipality as its public pages show it: name, type, and what its portal settings decide. */
export async function publicTenant(
  db: Parameters<typeof tenantScope>[0],
  t: TenantRow,
  lang: Lang,
): Promise<PublicTenant> {
  const p = await portalSettingsOf(tenantScope(db, t.id));
  return {
    slug: t.slug,
    name: t.name,
    type: t.type,
    typeLabel: TENANT_TYPE_LABELS[t.type as TenantType]?.[lang] ?? t.type,
    ags: t.ags,
    color: p.color ?? t.color,
    logo: p.logoUrl ?? t.logo,
    isDemo: t.isDemo,
    portal: { intro: p.intro, contact: p.contact, imprintUrl: p.imprintUrl, privacyUrl: p.privacyUrl },
  };
}
