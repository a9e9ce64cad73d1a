import type { FixtureContext, ModuleIsolation } from '../../platform/tenancy/isolation';

const base = '/api/tenants/:tenantId/steering';

/** A Leitbild version, a goal with a target on the monitoring fixture's indicator, a recommendation, a decision, a measure. */
async function fixtures(f: FixtureContext) {
  const foreign = f.label === 'foreign';
  const n = foreign
    ? {
        statement: 'Fremdes geheimes Leitbild',
        goal: 'Fremdes Geheimziel',
        recommendation: 'Fremde Geheimempfehlung',
        decision: 'Fremder Geheimbeschluss',
        measure: 'Fremde Geheimmaßnahme',
      }
    : {
        statement: 'Eigenes Leitbild',
        goal: 'Eigenes Ziel',
        recommendation: 'Eigene Empfehlung',
        decision: 'Eigener Beschluss',
        measure: 'Eigene Maßnahme',
      };
  const one = async (sql: string, params: unknown[]) => (await f.query<{ id: string }>(sql, params))[0]!.id;
  const missionStatement = await one(
    `INSERT INTO steering_mission_statements (tenant_id, version, text) VALUES ($1, 900, $2) RETURNING id`,
    [f.tenantId, n.statement],
  );
  const goal = await one(`INSERT INTO steering_goals (tenant_id, title) VALUES ($1, $2) RETURNING id`, [
    f.tenantId,
    n.goal,
  ]);
  const target = await one(
    `INSERT INTO steering_targets (tenant_id, goal_id, indicator_id, area_id, direction, baseline_period,
                                   baseline_value, target_period, target_value)
     VALUES ($1, $2, $3, $4, 'higher_better', '2022-12-31', 1, '2030-12-31', 2) RETURNING id`,
    [f.tenantId, goal, f.ids.indicator, f.ids.area],
  );
  const recommendation = await one(
    `INSERT INTO steering_recommendations (tenant_id, title, text) VALUES ($1, $2, $2) RETURNING id`,
    [f.tenantId, n.recommendation],
  );
  const decision = await one(
    `INSERT INTO steering_decisions (tenant_id, body, decided_on, wording) VALUES ($1, 'Ausschuss', '2025-01-01', $2) RETURNING id`,
    [f.tenantId, n.decision],
  );
  const measure = await one(
    `INSERT INTO steering_measures (tenant_id, title, responsible_unit) VALUES ($1, $2, 'Amt') RETURNING id`,
    [f.tenantId, n.measure],
  );
  return {
    ids: { missionStatement, goal, target, recommendation, decision, measure },
    secrets: [goal, target, recommendation, decision, measure, ...Object.values(n)],
  };
}

const targetBody = (ids: Record<string, string>) => ({
  indicatorId: ids.indicator,
  areaId: ids.area,
  dims: {},
  baselinePeriod: '2022-12-31',
  targetPeriod: '2030-12-31',
  targetValue: '50000',
});

export const isolation: ModuleIsolation = {
  cases: {
    [`GET ${base}/overview`]: {},
    [`GET ${base}/overview/export.html`]: {},
    [`GET ${base}/overview/export.pdf`]: {},
    [`GET ${base}/overview/export.docx`]: {},
    [`POST ${base}/mission-statements`]: { body: () => ({ text: 'Leitbild' }) },
    [`GET ${base}/goals`]: {},
    [`POST ${base}/goals`]: { body: (ids) => ({ title: 'Ziel', parentId: ids.goal }) },
    [`GET ${base}/goals/:goalId`]: {},
    [`PATCH ${base}/goals/:goalId`]: { body: () => ({ title: 'Neu' }) },
    [`DELETE ${base}/goals/:goalId`]: {},
    [`POST ${base}/goals/:goalId/targets`]: { body: targetBody },
    [`DELETE ${base}/targets/:targetId`]: {},
    [`POST ${base}/recommendations`]: { body: (ids) => ({ title: 'E', text: 'T', goalId: ids.goal }) },
    [`PATCH ${base}/recommendations/:recommendationId`]: {
      body: (ids) => ({ status: 'submitted', goalId: ids.goal }),
    },
    [`POST ${base}/recommendations/:recommendationId/statement`]: { body: () => ({ statement: 'Ja' }) },
    [`DELETE ${base}/recommendations/:recommendationId`]: {},
    [`POST ${base}/decisions`]: {
      body: (ids) => ({
        body: 'Ausschuss',
        decidedOn: '2025-02-01',
        wording: 'Beschlossen',
        missionStatementId: ids.missionStatement,
        outcomes: [{ recommendationId: ids.recommendation, outcome: 'adopted' }],
      }),
    },
    [`DELETE ${base}/decisions/:decisionId`]: {},
    [`POST ${base}/measures`]: {
      body: (ids) => ({
        title: 'M',
        responsibleUnit: 'Amt',
        goalId: ids.goal,
        recommendationId: ids.recommendation,
      }),
    },
    [`PATCH ${base}/measures/:measureId`]: {
      body: (ids) => ({ status: 'in_progress', goalId: ids.goal, recommendationId: ids.recommendation }),
    },
    [`DELETE ${base}/measures/:measureId`]: {},
  },
  fixtureKinds: ['missionStatement', 'goal', 'target', 'recommendation', 'decision', 'measure'],
  fixtures,
};
