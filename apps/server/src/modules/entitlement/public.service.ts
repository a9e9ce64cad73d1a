/**
 * The public summary of the entitlement plan (portal page /kommune/<slug>/rechtsanspruch): only the
 * scenarios the municipality marked as published, the city total per school year and per planning unit
 * the entitled children, places, gap and status. Numbers of children below the tenant's disclosure
 * threshold are withheld per unit (with the demand and gap that would reveal them), and when only one
 * unit of a school year is withheld the next smallest is withheld too, so the city total cannot give it away.
 */
import type { EntitlementPlanRow } from '@dkbm/contract';
import type { TenantScope } from '../../platform/tenancy/scope';
import { tenantThreshold } from '../monitoring/observations.service';
import { computePlan, listScenarios } from './entitlement.service';

export type PublicPlanScope = 'ganztag' | 'kita';

export interface PublicPlanRow {
  schoolYear: number;
  /** null: withheld (small numbers). */
  entitled: number | null;
  demand: number | null;
  places: number;
  gap: number | null;
  status: EntitlementPlanRow['status'];
}

export interface PublicPlanPart {
  scope: PublicPlanScope;
  totals: PublicPlanRow[];
  units: Array<{ id: string; name: string; rows: PublicPlanRow[] }>;
}

export interface PublicPlan {
  threshold: number;
  referenceDate: string | null;
  withheld: boolean;
  scenarios: Array<{ id: string; name: string; description: string | null; parts: PublicPlanPart[] }>;
}

/** Whether the municipality publishes a summary (the portal start page links it only then). */
export async function hasPublishedPlan(s: TenantScope): Promise<boolean> {
  return (await listScenarios(s)).some((x) => x.published);
}

const round = (v: string) => Math.round(Number(v));

const shown = (r: EntitlementPlanRow): PublicPlanRow => ({
  schoolYear: r.schoolYear,
  entitled: round(r.entitledChildren),
  demand: round(r.demand),
  places: round(r.places),
  gap: round(r.gap),
  status: r.status,
});

/** Withhold the rows of one school year whose children are below the threshold (plus one more if needed). */
function protect(rows: Array<{ key: string; row: PublicPlanRow }>, threshold: number): Set<string> {
  const small = (n: number | null) => n !== null && n > 0 && n < threshold;
  const out = new Set(rows.filter((x) => small(x.row.entitled) || small(x.row.demand)).map((x) => x.key));
  if (out.size === 1) {
    const next = rows
      .filter((x) => !out.has(x.key) && (x.row.entitled ?? 0) > 0)
      .toSorted((a, b) => (a.row.entitled ?? 0) - (b.row.entitled ?? 0))[0];
    if (next) out.add(next.key);
  }
  return out;
}

/** The published summary, or null when no scenario is published (the page is then a 404). */
export async function publicPlan(s: TenantScope): Promise<PublicPlan | null> {
  const published = (await listScenarios(s)).filter((x) => x.published);
  if (published.length === 0) return null;
  const threshold = await tenantThreshold(s);
  let withheld = false;
  let referenceDate: string | null = null;
  const scenarios: PublicPlan['scenarios'] = [];
  for (const sc of published) {
    const plan = await computePlan(s, { scenarioId: sc.id });
    referenceDate = plan.referenceDate;
    const parts: PublicPlanPart[] = [];
    for (const scope of ['ganztag', 'kita'] as const) {
      const rows = plan.rows.filter((r) => r.scope === scope && r.planningUnitId);
      if (rows.length === 0) continue;
      const hidden = new Set<string>();
      for (const year of plan.schoolYears) {
        const ofYear = rows
          .filter((r) => r.schoolYear === year)
          .map((r) => ({ key: `${r.planningUnitId}|${year}`, row: shown(r) }));
        for (const k of protect(ofYear, threshold)) hidden.add(k);
      }
      if (hidden.size) withheld = true;
      const units = plan.planningUnits
        .filter((u) => rows.some((r) => r.planningUnitId === u.id))
        .map((u) => ({
          id: u.id,
          name: u.name,
          rows: rows
            .filter((r) => r.planningUnitId === u.id)
            .toSorted((a, b) => a.schoolYear - b.schoolYear)
            .map((r) => {
              const v = shown(r);
              return hidden.has(`${u.id}|${r.schoolYear}`)
                ? { ...v, entitled: null, demand: null, gap: null }
                : v;
            }),
        }));
      parts.push({
        scope,
        totals: plan.totals.filter((r) => r.scope === scope).map(shown),
        units,
      });
    }
    scenarios.push({ id: sc.id, name: sc.name, description: sc.description, parts });
  }
  return { threshold, referenceDate, withheld, scenarios };
}
