/** „Ziele & Steuerung“: the committee overview of the steering loop with the forms of the Bildungsbüro. */
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import {
  hasPermission,
  RECOMMENDATION_STATUSES,
  type TenantUser,
  type Recommendation,
  type RecommendationStatus,
  type Finding,
  type ReportSection,
  type MeetingDecisionOption,
  type SteeringGoal,
  type SteeringOverview,
} from '@dkbm/contract';
import { api, seg } from '../api';
import { formatDate, useI18n } from '../i18n';
import { useLoad } from '../hooks';
import { Page, Section } from '../components/Page';
import { DataTable } from '../components/Table';
import { ErrorAlert, Loading } from '../components/Feedback';
import { SelectField } from '../components/Fields';
import { ProgressBadge, useBases, useCanContribute, useCanEdit } from './common';
import { useTenant } from '../tenantContext';
import {
  DecisionDocumentForm,
  DecisionForm,
  FromDevelopmentGoalForm,
  GoalForm,
  MeetingDecisionLinkForm,
  MissionStatementForm,
  RecommendationForm,
  StatementForm,
  UnitForm,
  UnitMembersForm,
} from './forms';
import { formatDecimal } from './model';
import { FindingForm, FindingLinkForm } from './FindingForm';
import { Comments, History } from './CommentsHistory';
import { Measures } from './MeasuresSection';
import { formatSize } from '../assessment/model';
import { useSteeringTexts } from './texts';

export function SteeringPage() {
  const x = useSteeringTexts();
  const { api: base } = useBases();
  const overview = useLoad(`${base}/overview`, () => api.get<SteeringOverview>(`${base}/overview`));
  const data = overview.data;
  return (
    <Page title={x.title}>
      <p className="lead">{x.lead}</p>
      <ErrorAlert error={overview.error} />
      {overview.loading && !data ? <Loading /> : null}
      {data ? <Overview data={data} reload={overview.reload} /> : null}
    </Page>
  );
}

function Overview({ data, reload }: { data: SteeringOverview; reload: () => void }) {
  const x = useSteeringTexts();
  const { lang } = useI18n();
  const canEdit = useCanEdit();
  const { api: base } = useBases();
  const current = data.missionStatements[0];
  const meetingChoices = useMeetingDecisions();
  return (
    <>
      <Section id="st-export" title={x.exportTitle}>
        <p>{x.exportLead}</p>
        <ul>
          <li>
            <a href={`${base}/overview/export.pdf`}>{x.exportPdf}</a>
          </li>
          <li>
            <a href={`${base}/overview/export.docx`}>{x.exportDocx}</a>
          </li>
          <li>
            <a href={`${base}/overview/export.html`}>{x.exportHtml}</a>
          </li>
        </ul>
      </Section>
      <Section id="st-mission" title={x.missionStatement}>
        {current ? (
          <>
            <p className="muted">{x.version(current.version)}</p>
            <p className="st-mission">{current.text}</p>
            <p>
              {current.decision
                ? x.adoptedBy(
                    current.decision.body,
                    formatDate(current.decision.decidedOn, lang),
                    current.decision.number,
                  )
                : x.notAdopted}
            </p>
          </>
        ) : (
          <p>{x.noMissionStatement}</p>
        )}
        {canEdit ? <MissionStatementForm current={current?.text ?? ''} onDone={reload} /> : null}
      </Section>

      <Units data={data} reload={reload} />

      <Section id="st-goals" title={x.goals}>
        <GoalTree goals={data.goals} />
        {canEdit ? <GoalForm goals={data.goals} onDone={reload} /> : null}
        {canEdit ? <FromDevelopmentGoalForm goals={data.goals} onDone={reload} /> : null}
      </Section>

      <Section id="st-overdue" title={x.overdue}>
        {data.overdueMilestones.length ? (
          <ul>
            {data.overdueMilestones.map((m) => (
              <li key={`${m.measureId}-${m.title}`}>
                {m.title} ({m.measureTitle}) – {x.milestoneDue} {formatDate(m.dueOn, lang)}
              </li>
            ))}
          </ul>
        ) : (
          <p>{x.noOverdue}</p>
        )}
      </Section>

      <Findings data={data} />
      <Recommendations data={data} reload={reload} meetingChoices={meetingChoices} />
      <Decisions data={data} reload={reload} meetingChoices={meetingChoices} />
      <Measures data={data} reload={reload} />
    </>
  );
}

function GoalTree({ goals }: { goals: SteeringGoal[] }) {
  const x = useSteeringTexts();
  if (!goals.length) return <p>{x.noGoals}</p>;
  const top = goals.filter((g) => !g.parentId);
  return (
    <ul className="st-tree">
      {top.map((g) => (
        <li key={g.id}>
          <GoalLine goal={g} />
          <ul aria-label={`${x.subGoals}: ${g.title}`}>
            {goals
              .filter((c) => c.parentId === g.id)
              .map((c) => (
                <li key={c.id}>
                  <GoalLine goal={c} />
                </li>
              ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}

function GoalLine({ goal }: { goal: SteeringGoal }) {
  const x = useSteeringTexts();
  const { app } = useBases();
  return (
    <div className="st-goal-line">
      <Link to={`${app}/${seg(goal.id)}`}>{goal.title}</Link>
      <span className="muted">{goal.kind === 'strategic' ? x.strategic : x.operational}</span>
      {goal.progress.targets > 0 ? <ProgressBadge status={goal.progress.status} /> : null}
      <span className="muted">{x.targetsCount(goal.progress.targets)}</span>
      {goal.owner ? <span className="muted">{`${x.owner}: ${goal.owner}`}</span> : null}
      {goal.isPublic ? <span className="tag">{x.publicGoal}</span> : null}
    </div>
  );
}

type MeetingChoices = ReturnType<typeof useMeetingDecisions>;

function Recommendations({
  data,
  reload,
  meetingChoices,
}: {
  data: SteeringOverview;
  reload: () => void;
  meetingChoices: MeetingChoices;
}) {
  const x = useSteeringTexts();
  const canEdit = useCanEdit();
  const canContribute = useCanContribute();
  const { api: base } = useBases();
  const [status, setStatus] = useState<'' | RecommendationStatus>('');
  const [unit, setUnit] = useState('');
  const { lang } = useI18n();
  const mine = useMemo(() => new Set(data.myUnitIds), [data.myUnitIds]);
  const shown = data.recommendations.filter(
    (r) => (!status || r.status === status) && (!unit || r.units.some((u) => u.id === unit)),
  );
  const goalTitles = (ids: string[]) =>
    ids.map((id) => data.goals.find((g) => g.id === id)?.title ?? '–').join('; ') || '–';
  // Contributors answer the recommendations addressed to their units; editors record any statement.
  const mayAnswer = (r: Recommendation) => canEdit || r.units.some((u) => mine.has(u.id));
  const setRecStatus = async (r: Recommendation, next: RecommendationStatus) => {
    await api.patch(`${base}/recommendations/${seg(r.id)}`, { status: next });
    reload();
  };
  const relink = () => {
    meetingChoices.reload();
    reload();
  };
  const unlink = async (r: Recommendation, decisionId: string) => {
    await api.del(`${base}/recommendations/${seg(r.id)}/meeting-decisions/${seg(decisionId)}`);
    relink();
  };
  return (
    <Section id="st-recommendations" title={x.recommendations}>
      <div className="st-filters">
        <SelectField
          id="st-filter-status"
          label={x.filterStatus}
          value={status}
          onChange={setStatus}
          options={[
            { value: '' as const, label: x.all },
            ...RECOMMENDATION_STATUSES.map((s) => ({ value: s, label: x.recStatus[s] })),
          ]}
        />
        <SelectField
          id="st-filter-unit"
          label={x.filterUnit}
          value={unit}
          onChange={setUnit}
          options={[{ value: '', label: x.all }, ...data.units.map((u) => ({ value: u.id, label: u.name }))]}
        />
      </div>
      {shown.length ? (
        <DataTable
          caption={x.recommendations}
          head={
            <tr>
              <th scope="col">{x.recTitle}</th>
              <th scope="col">{x.addressedUnits}</th>
              <th scope="col">{x.priority}</th>
              <th scope="col">{x.status}</th>
              <th scope="col">{x.statement}</th>
              <th scope="col">{x.linkedGoals}</th>
            </tr>
          }
        >
          {shown.map((r) => (
            <tr key={r.id}>
              <th scope="row">{r.title}</th>
              <td>
                {r.units.map((u) => u.name).join(', ') || (r.bodies.length ? null : '–')}
                {r.bodies.map((b) => (
                  <p key={b.id}>{`${x.bodyPrefix}: ${b.name}`}</p>
                ))}
              </td>
              <td>{x.priorityLabel[r.priority]}</td>
              <td>
                {canEdit ? (
                  <select
                    aria-label={`${x.newStatus}: ${r.title}`}
                    value={r.status}
                    onChange={(e) => void setRecStatus(r, e.target.value as RecommendationStatus)}
                  >
                    {RECOMMENDATION_STATUSES.map((s) => (
                      <option key={s} value={s}>
                        {x.recStatus[s]}
                      </option>
                    ))}
                  </select>
                ) : (
                  x.recStatus[r.status]
                )}
              </td>
              <td>{r.statement ?? x.noStatement}</td>
              <td>{goalTitles(r.goalIds)}</td>
            </tr>
          ))}
        </DataTable>
      ) : (
        <p>{x.noRecommendations}</p>
      )}
      {canContribute
        ? data.recommendations
            .filter((r) => ['draft', 'agreed', 'submitted'].includes(r.status) && mayAnswer(r))
            .map((r) => <StatementForm key={r.id} rec={r} onDone={reload} />)
        : null}
      {canEdit ? (
        <RecommendationForm goals={data.goals} units={data.units} bodies={data.bodies} onDone={reload} />
      ) : null}
      {data.recommendations.map((r) => (
        <details key={r.id} className="st-rec-details">
          <summary>{x.recDetails(r.title)}</summary>
          <p>{r.text}</p>
          {r.rationale ? <p className="muted">{`${x.rationale}: ${r.rationale}`}</p> : null}
          <h3>{x.meetingDecisions}</h3>
          {r.meetingDecisions.length ? (
            <ul className="plain-list">
              {r.meetingDecisions.map((d) => (
                <li key={d.decisionId}>
                  {x.meetingDecisionLine(
                    d.bodyName,
                    d.meetingTitle,
                    formatDate(d.meetingStartsAt, lang),
                    x.outcomeLabel[d.outcome as keyof typeof x.outcomeLabel] ?? d.outcome,
                  )}{' '}
                  ({d.approved ? x.minutesApproved : x.minutesOpen}) – {d.text}{' '}
                  {canEdit ? (
                    <button
                      type="button"
                      className="button button-secondary"
                      aria-label={x.unlinkLabel(d.text.slice(0, 60))}
                      onClick={() => void unlink(r, d.decisionId)}
                    >
                      {x.unlink}
                    </button>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : (
            <p>–</p>
          )}
          {canEdit && meetingChoices.data ? (
            <MeetingDecisionLinkForm rec={r} choices={meetingChoices.data} onDone={relink} />
          ) : null}
          <Comments path={`recommendations/${seg(r.id)}`} title={r.title} />
          <History
            path={`recommendations/${seg(r.id)}`}
            title={r.title}
            stamp={`${r.updatedAt}|${r.meetingDecisions.map((d) => d.decisionId).join()}`}
          />
        </details>
      ))}
    </Section>
  );
}

function Units({ data, reload }: { data: SteeringOverview; reload: () => void }) {
  const x = useSteeringTexts();
  const canEdit = useCanEdit();
  const tenant = useTenant();
  const { tenantApi } = useBases();
  const canListPeople = hasPermission(tenant.role, 'users.read');
  const people = useLoad(`${tenantApi}/users`, () =>
    canListPeople ? api.get<TenantUser[]>(`${tenantApi}/users`) : Promise.resolve<TenantUser[]>([]),
  );
  const mine = data.units.filter((u) => data.myUnitIds.includes(u.id)).map((u) => u.name);
  return (
    <Section id="st-units" title={x.units}>
      <p>{x.unitsLead}</p>
      {mine.length ? <p>{x.myUnits(mine.join(', '))}</p> : null}
      {data.units.length ? (
        <DataTable
          caption={x.units}
          head={
            <tr>
              <th scope="col">{x.unitName}</th>
              <th scope="col">{x.members}</th>
            </tr>
          }
        >
          {data.units.map((u) => (
            <tr key={u.id}>
              <th scope="row">{u.name}</th>
              <td>{u.members.map((m) => m.name).join(', ') || x.noMembers}</td>
            </tr>
          ))}
        </DataTable>
      ) : (
        <p>{x.noUnits}</p>
      )}
      {canEdit ? <UnitForm onDone={reload} /> : null}
      {canEdit && people.data
        ? data.units.map((u) => (
            <UnitMembersForm
              key={`${u.id}-${u.members.length}`}
              unit={u}
              people={people.data!.filter((p) => p.active)}
              onDone={reload}
            />
          ))
        : null}
    </Section>
  );
}

function Decisions({
  data,
  reload,
  meetingChoices,
}: {
  data: SteeringOverview;
  reload: () => void;
  meetingChoices: MeetingChoices;
}) {
  const x = useSteeringTexts();
  const { lang } = useI18n();
  const canEdit = useCanEdit();
  const { api: base } = useBases();
  const recTitle = (id: string) => data.recommendations.find((r) => r.id === id)?.title ?? id;
  return (
    <Section id="st-decisions" title={x.decisions}>
      {data.decisions.length ? (
        <DataTable
          caption={x.decisions}
          head={
            <tr>
              <th scope="col">{x.decidedOn}</th>
              <th scope="col">{x.body}</th>
              <th scope="col">{x.number}</th>
              <th scope="col">{x.wording}</th>
              <th scope="col">{x.outcome}</th>
            </tr>
          }
        >
          {data.decisions.map((d) => (
            <tr key={d.id}>
              <td>{formatDate(d.decidedOn, lang)}</td>
              <td>{d.body}</td>
              <td>{d.number ?? '–'}</td>
              <td>
                {d.wording}
                {d.documentUrl ? (
                  <>
                    {' '}
                    <a href={d.documentUrl}>{x.documentUrl}</a>
                  </>
                ) : null}
                {d.document ? (
                  <p>
                    <a href={`${base}/decisions/${seg(d.id)}/document`}>
                      {x.documentLink(d.document.name, formatSize(d.document.size, lang))}
                    </a>
                  </p>
                ) : null}
              </td>
              <td>
                {d.missionStatementId ? <p>{x.missionStatement}</p> : null}
                {d.outcomes.map((o) => (
                  <p key={o.recommendationId}>
                    {recTitle(o.recommendationId)}: {x.outcomeLabel[o.outcome]}
                  </p>
                ))}
              </td>
            </tr>
          ))}
        </DataTable>
      ) : (
        <p>{x.noDecisions}</p>
      )}
      {canEdit ? <DecisionForm data={data} onDone={reload} /> : null}
      {canEdit
        ? data.decisions.map((d) => <DecisionDocumentForm key={d.id} decision={d} onDone={reload} />)
        : null}
      <BodyDecisions data={data} list={meetingChoices} />
      {data.decisions.map((d) => {
        const name = x.decisionName(d.body, formatDate(d.decidedOn, lang), d.number);
        return (
          <details key={d.id} className="st-rec-details">
            <summary>{x.decisionDetails(name)}</summary>
            <Comments path={`decisions/${seg(d.id)}`} title={name} />
            <History path={`decisions/${seg(d.id)}`} title={name} stamp={d.document?.uploadedAt ?? ''} />
          </details>
        );
      })}
    </Section>
  );
}

/** The decisions taken in meetings of the network module's bodies (loaded through the steering API). */
function useMeetingDecisions() {
  const { api: base } = useBases();
  return useLoad(`${base}/meeting-decisions`, () =>
    api.get<MeetingDecisionOption[]>(`${base}/meeting-decisions`),
  );
}

function BodyDecisions({ data, list }: { data: SteeringOverview; list: MeetingChoices }) {
  const x = useSteeringTexts();
  const { lang } = useI18n();
  const recTitle = (id: string | null) => (id && data.recommendations.find((r) => r.id === id)?.title) || '–';
  return (
    <section aria-labelledby="st-body-decisions-h">
      <h3 id="st-body-decisions-h">{x.bodyDecisions}</h3>
      <p>{x.bodyDecisionsLead}</p>
      <ErrorAlert error={list.error} />
      {list.data?.length ? (
        <DataTable
          caption={x.bodyDecisions}
          head={
            <tr>
              <th scope="col">{x.decidedOn}</th>
              <th scope="col">{x.body}</th>
              <th scope="col">{x.wording}</th>
              <th scope="col">{x.outcome}</th>
              <th scope="col">{x.linkedRecommendation}</th>
            </tr>
          }
        >
          {list.data.map((d) => (
            <tr key={d.decisionId}>
              <td>{formatDate(d.meetingStartsAt, lang)}</td>
              <td>
                {d.bodyName}
                <p className="muted">{d.meetingTitle}</p>
              </td>
              <td>{d.text}</td>
              <td>{x.outcomeLabel[d.outcome as keyof typeof x.outcomeLabel] ?? d.outcome}</td>
              <td>{recTitle(d.recommendationId)}</td>
            </tr>
          ))}
        </DataTable>
      ) : list.data ? (
        <p>{x.noBodyDecisions}</p>
      ) : null}
    </section>
  );
}

/** Findings with their frozen values. */
function Findings({ data }: { data: SteeringOverview }) {
  const x = useSteeringTexts();
  const { lang } = useI18n();
  const canEdit = useCanEdit();
  const { api: base } = useBases();
  const list = useLoad(`${base}/findings`, () => api.get<Finding[]>(`${base}/findings`));
  const sections = useLoad(`${base}/report-sections`, () =>
    canEdit ? api.get<ReportSection[]>(`${base}/report-sections`) : Promise.resolve<ReportSection[]>([]),
  );
  const recTitles = (ids: string[]) =>
    ids.map((id) => data.recommendations.find((r) => r.id === id)?.title ?? '–').join('; ');
  return (
    <Section id="st-findings" title={x.findings}>
      <p>{x.findingsLead}</p>
      <ErrorAlert error={list.error} />
      {list.data?.length ? (
        <ul className="plain-list">
          {list.data.map((f) => (
            <li key={f.id}>
              <p>
                <strong>{f.statement}</strong>
              </p>
              <p className="muted">
                {x.findingValues(f.indicator, formatDate(f.period, lang))}:{' '}
                {f.values
                  .map(
                    (v) =>
                      `${v.area} ${v.value === null ? '–' : formatDecimal(v.value, lang, 2)}${f.unit ? ` ${f.unit}` : ''}`,
                  )
                  .join(' · ')}
              </p>
              {f.reportSection ? (
                <p>{x.inReport(f.reportSection.reportTitle, f.reportSection.chapterTitle)}</p>
              ) : null}
              {f.recommendationIds.length ? <p>{x.basisFor(recTitles(f.recommendationIds))}</p> : null}
              {canEdit && sections.data ? (
                <FindingLinkForm
                  key={`${f.reportSection?.chapterId}-${f.recommendationIds.join()}`}
                  finding={f}
                  sections={sections.data}
                  recommendations={data.recommendations}
                  onDone={list.reload}
                />
              ) : null}
              <Comments path={`findings/${seg(f.id)}`} title={f.statement} />
              <History
                path={`findings/${seg(f.id)}`}
                title={f.statement}
                stamp={`${f.reportSection?.chapterId}-${f.recommendationIds.join()}`}
              />
            </li>
          ))}
        </ul>
      ) : list.data ? (
        <p>{x.noFindings}</p>
      ) : null}
      {canEdit ? <FindingForm onDone={list.reload} /> : null}
    </Section>
  );
}
