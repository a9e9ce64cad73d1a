import type { TenantScope } from '../../platform/tenancy/scope';
import { listGoals, listMissionStatements } from './goals.service';
import { listDecisions, listMeasures, listRecommendations } from './loop.service';

/** Everything of the steering loop of a tenant, with the targets' computed status (internal view). */
export async function steeringExport(s: TenantScope, tenant: string) {
  const decisions = await listDecisions(s);
  const goals = (await listGoals(s)).map((g) => ({
    ...g,
    targets: g.targets.map(({ score: _s, indicatorFacts: _f, ...t }) => t),
  }));
  return {
    tenant,
    exportedAt: new Date().toISOString(),
    missionStatements: await listMissionStatements(s, decisions),
    goals,
    recommendations: await listRecommendations(s),
    decisions,
    measures: await listMeasures(s),
  };
}
