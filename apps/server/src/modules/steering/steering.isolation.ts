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
        unit: 'Fremdes Geheimamt',
        meetingDecision: 'Fremder Geheimsitzungsbeschluss',
        comment: 'Fremder Geheimkommentar',
        developmentGoal: 'Fremdes Geheimentwicklungsziel',
        finding: 'Fremder Geheimbefund',
        note: 'Fremder Geheimvermerk',
        history: 'Fremder Geheimverlauf',
      }
    : {
        statement: 'Eigenes Leitbild',
        goal: 'Eigenes Ziel',
        recommendation: 'Eigene Empfehlung',
        decision: 'Eigener Beschluss',
        measure: 'Eigene Maßnahme',
        unit: 'Eigenes Amt',
        meetingDecision: 'Eigener Sitzungsbeschluss',
        comment: 'Eigener Kommentar',
        developmentGoal: 'Eigenes Entwicklungsziel',
        finding: 'Eigener Befund',
        note: 'Eigener Vermerk',
        history: 'Eigener Verlauf',
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
  const unit = await one(`INSERT INTO org_units (tenant_id, name) VALUES ($1, $2) RETURNING id`, [
    f.tenantId,
    n.unit,
  ]);
  const measure = await one(
    `INSERT INTO steering_measures (tenant_id, title, responsible_unit_id) VALUES ($1, $2, $3) RETURNING id`,
    [f.tenantId, n.measure, unit],
  );
  await f.query(`INSERT INTO steering_measure_goals (tenant_id, measure_id, goal_id) VALUES ($1, $2, $3)`, [
    f.tenantId,
    measure,
    goal,
  ]);
  const note = await one(
    `INSERT INTO steering_measure_notes (tenant_id, measure_id, noted_on, text) VALUES ($1, $2, '2025-03-01', $3) RETURNING id`,
    [f.tenantId, measure, n.note],
  );
  // A body's decision in a meeting (network module's tables): the seam to a recommendation.
  const body = await one(
    `INSERT INTO network_bodies (tenant_id, name, body_type) VALUES ($1, $2, 'arbeitskreis') RETURNING id`,
    [f.tenantId, `${n.unit} Gremium`],
  );
  const meeting = await one(
    `INSERT INTO network_meetings (tenant_id, body_id, title, starts_at, ends_at)
     VALUES ($1, $2, $3, '2030-03-01T09:00:00Z', '2030-03-01T11:00:00Z') RETURNING id`,
    [f.tenantId, body, `${n.unit} Sitzung`],
  );
  const meetingDecision = await one(
    `INSERT INTO network_decisions (tenant_id, meeting_id, text, outcome, recommendation_id)
     VALUES ($1, $2, $3, 'adopted', $4) RETURNING id`,
    [f.tenantId, meeting, n.meetingDecision, recommendation],
  );
  const developmentGoal = await one(
    `INSERT INTO assessment_goals (tenant_id, round_id, component_key, from_level, target_level, target_text)
     VALUES ($1, $2, 'isolation-component', 1, 2, $3) RETURNING id`,
    [f.tenantId, f.ids.round, n.developmentGoal],
  );
  const finding = await one(
    `INSERT INTO steering_findings (tenant_id, statement, indicator_id, period, snapshot)
     VALUES ($1, $2, $3, '2022-12-31', $4) RETURNING id`,
    [
      f.tenantId,
      n.finding,
      f.ids.indicator,
      JSON.stringify({ indicator: n.finding, unit: null, values: [] }),
    ],
  );
  await f.query(
    `INSERT INTO steering_decision_documents (tenant_id, decision_id, name, size, content)
     VALUES ($1, $2, 'geheim.pdf', 9, $3)`,
    [f.tenantId, decision, Buffer.from(`%PDF-${n.decision}`).toString('base64')],
  );
  for (const [kind, id] of [
    ['recommendation', recommendation],
    ['decision', decision],
    ['measure', measure],
    ['finding', finding],
  ] as const)
    await f.query(
      `INSERT INTO steering_history (tenant_id, object_kind, object_id, action, summary) VALUES ($1, $2, $3, 'updated', $4)`,
      [f.tenantId, kind, id, `${n.history} (${kind})`],
    );
  await f.query(
    `INSERT INTO steering_comments (tenant_id, object_kind, object_id, text) VALUES ($1, 'goal', $2, $3)`,
    [f.tenantId, goal, n.comment],
  );
  return {
    ids: {
      missionStatement,
      goal,
      target,
      recommendation,
      decision,
      measure,
      unit,
      meetingDecision,
      developmentGoal,
      finding,
      note,
    },
    secrets: [
      goal,
      target,
      recommendation,
      decision,
      measure,
      unit,
      meetingDecision,
      developmentGoal,
      finding,
      note,
      ...Object.values(n),
    ],
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
    [`GET ${base}/development-goals`]: {},
    [`POST ${base}/goals/from-development-goal`]: {
      body: (ids) => ({ roundId: ids.round, developmentGoalId: ids.developmentGoal, parentId: ids.goal }),
    },
    [`POST ${base}/goals`]: { body: (ids) => ({ title: 'Ziel', parentId: ids.goal }) },
    [`GET ${base}/goals/:goalId`]: {},
    [`PATCH ${base}/goals/:goalId`]: { body: () => ({ title: 'Neu' }) },
    [`DELETE ${base}/goals/:goalId`]: {},
    [`POST ${base}/goals/:goalId/targets`]: { body: targetBody },
    [`DELETE ${base}/targets/:targetId`]: {},
    [`POST ${base}/recommendations`]: {
      body: (ids) => ({
        title: 'E',
        text: 'T',
        goalIds: [ids.goal],
        unitIds: [ids.unit],
        bodyIds: [ids.body],
      }),
    },
    [`PATCH ${base}/recommendations/:recommendationId`]: {
      body: (ids) => ({
        status: 'submitted',
        goalIds: [ids.goal],
        unitIds: [ids.unit],
        bodyIds: [ids.body],
      }),
    },
    [`PUT ${base}/recommendations/:recommendationId/meeting-decisions`]: {
      body: (ids) => ({ meetingDecisionId: ids.meetingDecision }),
    },
    [`DELETE ${base}/recommendations/:recommendationId/meeting-decisions/:meetingDecisionId`]: {},
    [`GET ${base}/findings`]: {},
    [`POST ${base}/findings`]: {
      body: (ids) => ({
        statement: 'B',
        indicatorId: ids.indicator,
        areaIds: [ids.area],
        period: '2022-12-31',
      }),
    },
    [`PATCH ${base}/findings/:findingId`]: {
      body: (ids) => ({ reportChapterId: ids.chapter, recommendationIds: [ids.recommendation] }),
    },
    [`GET ${base}/report-sections`]: {},
    [`DELETE ${base}/findings/:findingId`]: {},
    [`GET ${base}/units`]: {},
    [`POST ${base}/units`]: { body: (_ids, tag) => ({ name: `Amt ${tag}` }) },
    [`PUT ${base}/units/:unitId/members`]: { body: () => ({ userIds: [] }) },
    [`DELETE ${base}/units/:unitId`]: {},
    [`GET ${base}/meeting-decisions`]: {},
    [`GET ${base}/goals/:goalId/comments`]: {},
    [`GET ${base}/goals/:goalId/history`]: {},
    [`POST ${base}/goals/:goalId/comments`]: { body: () => ({ text: 'K' }) },
    [`GET ${base}/recommendations/:recommendationId/comments`]: {},
    [`GET ${base}/recommendations/:recommendationId/history`]: {},
    [`POST ${base}/recommendations/:recommendationId/comments`]: { body: () => ({ text: 'K' }) },
    [`GET ${base}/decisions/:decisionId/comments`]: {},
    [`GET ${base}/decisions/:decisionId/history`]: {},
    [`POST ${base}/decisions/:decisionId/comments`]: { body: () => ({ text: 'K' }) },
    [`GET ${base}/measures/:measureId/comments`]: {},
    [`GET ${base}/measures/:measureId/history`]: {},
    [`POST ${base}/measures/:measureId/comments`]: { body: () => ({ text: 'K' }) },
    [`GET ${base}/findings/:findingId/comments`]: {},
    [`GET ${base}/findings/:findingId/history`]: {},
    [`POST ${base}/findings/:findingId/comments`]: { body: () => ({ text: 'K' }) },
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
    [`GET ${base}/decisions/:decisionId/document`]: {},
    [`DELETE ${base}/decisions/:decisionId/document`]: {},
    [`POST ${base}/decisions/:decisionId/document`]: {},
    [`POST ${base}/measures`]: {
      body: (ids) => ({
        title: 'M',
        responsibleUnitId: ids.unit,
        goalIds: [ids.goal],
        recommendationId: ids.recommendation,
      }),
    },
    [`PATCH ${base}/measures/:measureId`]: {
      body: (ids) => ({
        status: 'in_progress',
        goalIds: [ids.goal],
        responsibleUnitId: ids.unit,
        recommendationId: ids.recommendation,
      }),
    },
    [`DELETE ${base}/measures/:measureId`]: {},
    [`POST ${base}/measures/:measureId/notes`]: {
      body: () => ({ notedOn: '2025-04-01', text: 'Vermerk' }),
    },
    [`DELETE ${base}/measures/:measureId/notes/:noteId`]: {},
  },
  fixtureKinds: [
    'missionStatement',
    'goal',
    'target',
    'recommendation',
    'decision',
    'measure',
    'unit',
    'meetingDecision',
    'developmentGoal',
    'finding',
    'note',
  ],
  fixtures,
};
