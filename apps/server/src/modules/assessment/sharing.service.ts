import { instrumentContentSchema } from '@dkbm/contract';
import { DEFAULT_INSTRUMENT, medianOf } from '@dkbm/domain';
import { notFound } from '../../platform/http/errors';
import type { TenantScope } from '../../platform/tenancy/scope';
import { isAgency, listAgencies as agencies } from '../tenants/tenants.service';
import { iso } from './assessment.common';
import {
  deleteShare,
  insertShare,
  latestSharedRound,
  shareRows,
  sharedAgreedProfile,
  sharingMunicipalities,
} from './sharing.repo';

/* Consented sharing of the latest closed round with a regional agency (ADR 0007). */

/** Regional agencies a municipality may share with. */
export const listAgencies = (s: TenantScope) => agencies(s.db, s.tenantId);

export async function listShares(s: TenantScope) {
  const r = await shareRows(s);
  return r.map((x) => ({
    agencyTenantId: x.s.agencyTenantId,
    agencyName: x.agencyName,
    grantedAt: iso(x.s.grantedAt)!,
    grantedBy: x.by ?? null,
  }));
}

export async function grantShare(s: TenantScope, agencyTenantId: string, userId: string) {
  if (agencyTenantId === s.tenantId || !(await isAgency(s.db, agencyTenantId))) {
    throw notFound('Die regionale Agentur');
  }
  await insertShare(s, agencyTenantId, userId);
  return (await listShares(s)).find((x) => x.agencyTenantId === agencyTenantId)!;
}

export async function revokeShare(s: TenantScope, agencyTenantId: string) {
  if (!(await deleteShare(s, agencyTenantId))) throw notFound('Die Freigabe');
}

/**
 * What a regional agency sees: for every municipality that currently shares with it, the agreed profile
 * of its latest closed round, and the median per component over them.
 */
export async function networkOverview(s: TenantScope) {
  const sharing = await sharingMunicipalities(s);
  const components: Array<{ key: string; name: string }> = DEFAULT_INSTRUMENT.components.map((c) => ({
    key: c.key,
    name: c.name,
  }));
  const municipalities = [];
  const profiles: Array<Map<string, number>> = [];
  for (const m of sharing) {
    const latest = await latestSharedRound(s, m.tenant_id);
    if (!latest) continue;
    const content = instrumentContentSchema.parse(latest.content);
    for (const c of content.components) {
      if (!components.some((x) => x.key === c.key)) components.push({ key: c.key, name: c.name });
    }
    const p = await sharedAgreedProfile(s, m.tenant_id, latest.id);
    profiles.push(p);
    municipalities.push({
      tenantId: m.tenant_id,
      name: m.name,
      roundTitle: latest.title,
      endsOn: latest.ends_on,
      p,
    });
  }
  return {
    components,
    municipalities: municipalities.map((m) => ({
      tenantId: m.tenantId,
      name: m.name,
      roundTitle: m.roundTitle,
      endsOn: m.endsOn,
      profile: components.map((c) => ({ key: c.key, agreed: m.p.get(c.key) ?? null })),
    })),
    median: components.map((c) => {
      const values = profiles.map((p) => p.get(c.key) ?? null);
      return { key: c.key, median: medianOf(values), n: values.filter((v) => v !== null).length };
    }),
  };
}
