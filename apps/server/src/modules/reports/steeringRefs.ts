import type { BlockRef, FindingRef, GoalRef, RecommendationRef } from '@dkbm/contract';
import { notFound } from '../../platform/http/errors';
import type { TenantScope } from '../../platform/tenancy/scope';
import { goalDetail, type Actor } from '../steering/goals.service';
import { createRecommendation, listRecommendations } from '../steering/loop.service';
import { createUnit, listUnits } from '../steering/units.service';
import { publicFinding } from '../steering/findingsPublic.service';

/*
 * Goal and recommendation blocks: the steering module's goals and recommendations, read through its
 * services only (ADR 0012). A goal's progress is computed from the public (protected) series, as on the
 * public portal, so a withheld value never becomes a figure in a report.
 */

/** The goal as a report shows it; an unknown or foreign id is 404. */
export async function takeGoalRef(s: TenantScope, goalId: string): Promise<GoalRef> {
  const g = await goalDetail(s, goalId, 'public');
  return {
    kind: 'goal',
    id: g.id,
    title: g.title,
    description: g.description,
    owner: g.owner,
    periodStart: g.periodStart,
    periodEnd: g.periodEnd,
    progressLabel: g.progress.label,
    targets: g.targets.map((t) => {
      const latest = t.values.at(-1) ?? null;
      return {
        indicatorName: t.indicator.name,
        unit: t.indicator.unit,
        areaName: t.area.name,
        baselinePeriod: t.baselinePeriod,
        baselineValue: t.baselineValue,
        targetPeriod: t.targetPeriod,
        targetValue: t.targetValue,
        latestPeriod: latest?.period ?? null,
        latestValue: latest?.value ?? null,
        latestFlag: latest?.flag ?? null,
        progressLabel: t.progress.label,
      };
    }),
    takenAt: new Date().toISOString(),
  };
}

/** The recommendation as a report shows it; an unknown or foreign id is 404. */
export async function takeRecommendationRef(s: TenantScope, id: string): Promise<RecommendationRef> {
  const r = (await listRecommendations(s)).find((x) => x.id === id);
  if (!r) throw notFound('Die Handlungsempfehlung');
  return {
    kind: 'recommendation',
    id: r.id,
    title: r.title,
    text: r.text,
    rationale: r.rationale,
    // The addressed organisation units by name (a report shows them as text).
    addressedUnit: r.units.map((u) => u.name).join(', ') || null,
    priority: r.priority,
    status: r.status,
    takenAt: new Date().toISOString(),
  };
}

/** A recommendation written in the report: it is created in the steering loop (status „Entwurf“). */
export async function writeRecommendation(
  s: TenantScope,
  actor: Actor,
  input: { title: string; text: string; addressedUnit?: string | null | undefined },
  reportTitle: string,
): Promise<string> {
  // The unit named in the report is the steering loop's organisation unit of that name (created once).
  const name = input.addressedUnit?.trim();
  const unitIds: string[] = [];
  if (name) {
    const unit = (await listUnits(s)).find((u) => u.name.toLowerCase() === name.toLowerCase());
    unitIds.push(unit ? unit.id : await createUnit(s, actor, name));
  }
  return createRecommendation(s, actor, {
    title: input.title,
    text: input.text,
    unitIds,
    goalIds: [],
    rationale: `Aus dem Bericht „${reportTitle}“.`,
    priority: 'medium',
  });
}

/** The finding as a report shows it: values from the public view (steering's service); unknown: 404. */
export async function takeFindingRef(s: TenantScope, id: string): Promise<FindingRef> {
  return { kind: 'finding', ...(await publicFinding(s, id)), takenAt: new Date().toISOString() };
}

export async function takeRef(s: TenantScope, kind: string, id: string): Promise<BlockRef> {
  if (kind === 'finding') return takeFindingRef(s, id);
  return kind === 'goal' ? takeGoalRef(s, id) : takeRecommendationRef(s, id);
}

/** Whether the live goal or recommendation differs from the block's snapshot (apart from when it was taken). */
export function refChanged(snapshot: BlockRef, live: BlockRef): boolean {
  const strip = ({ takenAt: _t, ...rest }: BlockRef) => JSON.stringify(rest);
  return strip(snapshot) !== strip(live);
}
