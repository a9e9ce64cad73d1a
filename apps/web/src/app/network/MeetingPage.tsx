/**
 * One meeting: place and invitation (.ics), agenda with live indicator data (frozen with the minutes),
 * minutes and decisions per item, attendance, approval of the minutes.
 */
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import type { AgendaGoal, AgendaItem, AgendaRecommendation, LiveData, MeetingDetail } from '@dkbm/contract';
import { api, toFailure, type ApiFailure } from '../api';
import { formatDateTime, formatNumber, useI18n } from '../i18n';
import { useLoad } from '../hooks';
import { Section } from '../components/Page';
import { DataTable } from '../components/Table';
import { ErrorAlert, StatusMessage } from '../components/Feedback';
import { SelectField, TextField } from '../components/Fields';
import { LoadState, NetworkFrame, seg, useBases, useCanEdit } from './common';
import { useNetworkTexts } from './texts';
import { useAgendaTexts } from './agendaTexts';

export function MeetingPage() {
  const x = useNetworkTexts();
  const { meetingId = '' } = useParams();
  const { api: base } = useBases();
  const url = `${base}/meetings/${seg(meetingId)}`;
  const meeting = useLoad(url, () => api.get<MeetingDetail>(url));
  return (
    <NetworkFrame title={meeting.data?.title ?? x.meetingsHeading}>
      <LoadState loaded={meeting} />
      {meeting.data ? <MeetingView meeting={meeting.data} reload={meeting.reload} /> : null}
    </NetworkFrame>
  );
}

/** Posts to the meeting and reports the outcome in one status/error pair. */
function useAction(reload: () => void) {
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  async function run(work: () => Promise<unknown>, done: string): Promise<boolean> {
    setStatus('');
    setFailure(null);
    try {
      await work();
      setStatus(done);
      reload();
      return true;
    } catch (err) {
      setFailure(toFailure(err));
      return false;
    }
  }
  return { status, failure, run };
}

function MeetingView({ meeting, reload }: { meeting: MeetingDetail; reload: () => void }) {
  const x = useNetworkTexts();
  const { lang } = useI18n();
  const { api: base, app } = useBases();
  const canEdit = useCanEdit();
  const open = !meeting.minutesApprovedAt;
  const editable = canEdit && open;
  const url = `${base}/meetings/${seg(meeting.id)}`;
  const action = useAction(reload);

  return (
    <>
      <p className="lead">
        <Link to={`${app}/gremien/${seg(meeting.bodyId)}`}>{meeting.bodyName}</Link> ·{' '}
        {formatDateTime(meeting.startsAt, lang)} – {formatDateTime(meeting.endsAt, lang)}
      </p>
      <StatusMessage>{action.status || null}</StatusMessage>
      <ErrorAlert error={action.failure} />
      {meeting.minutesApprovedAt ? (
        <p className="alert alert-success">{x.approved(formatDateTime(meeting.minutesApprovedAt, lang))}</p>
      ) : null}
      <Section id="mt-where" title={x.whereHeading}>
        <dl>
          <dt>{x.place}</dt>
          <dd>{meeting.place ?? x.none}</dd>
          {meeting.onlineLink ? (
            <>
              <dt>{x.online}</dt>
              <dd>
                <a href={meeting.onlineLink}>{meeting.onlineLink}</a>
              </dd>
            </>
          ) : null}
        </dl>
        <p>{meeting.invitedAt ? x.invitedAt(formatDateTime(meeting.invitedAt, lang)) : x.notInvited}</p>
        <p>
          <a className="button button-secondary" href={`${url}/ics`} download="sitzung.ics">
            {x.icsDownload}
          </a>
        </p>
        <ul className="nw-papers" aria-label={x.papersLabel}>
          {(['invitation', 'minutes'] as const).flatMap((paper) =>
            (['pdf', 'docx'] as const).map((format) => (
              <li key={`${paper}.${format}`}>
                <a href={`${url}/${paper}.${format}`} download>
                  {x.paperLink(paper, format)}
                </a>
              </li>
            )),
          )}
        </ul>
        {editable && !meeting.invitedAt ? (
          <button
            type="button"
            className="button"
            onClick={() =>
              void action.run(
                () => api.post(`${url}/invite`),
                x.invitedAt(formatDateTime(new Date().toISOString(), lang)),
              )
            }
          >
            {x.markInvited}
          </button>
        ) : null}
      </Section>

      <Section id="mt-agenda" title={x.agendaHeading}>
        {meeting.agenda.length === 0 ? <p>{x.noAgenda}</p> : null}
        {meeting.agenda.map((item) => (
          <AgendaItemView key={item.id} item={item} meetingUrl={url} editable={editable} reload={reload} />
        ))}
        {editable ? <AddItem meetingUrl={url} reload={reload} /> : null}
      </Section>

      <Section id="mt-attendance" title={x.attendanceHeading}>
        <Attendance meeting={meeting} meetingUrl={url} editable={editable} reload={reload} />
      </Section>

      {editable ? (
        <Section id="mt-approve" title={x.approveHeading}>
          <p>{x.approveText}</p>
          <button
            type="button"
            className="button"
            onClick={() =>
              void action.run(
                () => api.post(`${url}/approve`),
                x.approved(formatDateTime(new Date().toISOString(), lang)),
              )
            }
          >
            {x.approve}
          </button>
        </Section>
      ) : null}
    </>
  );
}

function LiveTable({ live }: { live: LiveData }) {
  const x = useNetworkTexts();
  const { lang } = useI18n();
  return (
    <figure className="nw-live">
      <figcaption>
        <strong>{x.liveHeading(live.indicatorName, live.areaName)}</strong>
        <br />
        <span className="muted">
          {live.frozen
            ? x.frozenState(formatDateTime(live.asOf, lang))
            : x.liveState(formatDateTime(live.asOf, lang))}
        </span>
      </figcaption>
      <DataTable
        caption={x.liveCaption(live.indicatorName, live.areaName)}
        head={
          <tr>
            <th scope="col">{x.colPeriod}</th>
            <th scope="col" className="num">
              {x.colValue} ({live.unit})
            </th>
          </tr>
        }
      >
        {live.points.map((p) => (
          <tr key={p.period}>
            <td>{p.period.slice(0, 4)}</td>
            <td className="num">
              {p.value === null
                ? p.flag === '.'
                  ? x.withheld
                  : (p.flag ?? x.none)
                : formatNumber(Number(p.value), lang, live.decimals)}
            </td>
          </tr>
        ))}
      </DataTable>
    </figure>
  );
}

function AgendaItemView({
  item,
  meetingUrl,
  editable,
  reload,
}: {
  item: AgendaItem;
  meetingUrl: string;
  editable: boolean;
  reload: () => void;
}) {
  const x = useNetworkTexts();
  const [minutes, setMinutes] = useState(item.minutes ?? '');
  const [decision, setDecision] = useState('');
  const [outcome, setOutcome] = useState<'adopted' | 'rejected' | 'deferred'>('adopted');
  const [decisionError, setDecisionError] = useState('');
  const action = useAction(reload);
  const id = `top-${item.position}`;

  async function saveDecision(e: FormEvent) {
    e.preventDefault();
    if (!decision.trim()) {
      setDecisionError(x.errDecision);
      document.getElementById(`${id}-decision`)?.focus();
      return;
    }
    setDecisionError('');
    const ok = await action.run(
      () => api.post(`${meetingUrl}/decisions`, { agendaItemId: item.id, text: decision, outcome }),
      x.decisionRecorded,
    );
    if (ok) setDecision('');
  }

  return (
    <article className="nw-item" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{x.itemHeading(item.position, item.title)}</h3>
      {item.description ? <p>{item.description}</p> : null}
      {item.live ? <LiveTable live={item.live} /> : null}
      {item.goal ? <GoalEmbed goal={item.goal} /> : null}
      {item.recommendation ? <RecommendationEmbed rec={item.recommendation} /> : null}
      <StatusMessage>{action.status || null}</StatusMessage>
      <ErrorAlert error={action.failure} />
      {editable ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void action.run(
              () => api.patch(`${meetingUrl}/agenda/${seg(item.id)}`, { minutes }),
              x.minutesSaved,
            );
          }}
        >
          <div className="field">
            <label htmlFor={`${id}-minutes`}>{x.minutesLabel(item.position)}</label>
            <textarea
              id={`${id}-minutes`}
              rows={3}
              value={minutes}
              onChange={(e) => setMinutes(e.target.value)}
            />
          </div>
          <button type="submit" className="button button-secondary">
            {x.saveMinutes}
          </button>
        </form>
      ) : item.minutes ? (
        <>
          <h4>{x.minutesLabel(item.position)}</h4>
          <p>{item.minutes}</p>
        </>
      ) : null}
      {item.decisions.length ? (
        <>
          <h4>{x.decisionsLabel}</h4>
          <ul>
            {item.decisions.map((d) => (
              <li key={d.id}>
                <strong>{x.outcome[d.outcome]}:</strong> {d.text}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {editable ? (
        <form onSubmit={saveDecision} noValidate>
          <div className={decisionError ? 'field field-invalid' : 'field'}>
            <label htmlFor={`${id}-decision`}>{x.decisionText(item.position)}</label>
            <textarea
              id={`${id}-decision`}
              rows={2}
              value={decision}
              aria-invalid={decisionError ? true : undefined}
              aria-describedby={decisionError ? `${id}-decision-error` : undefined}
              onChange={(e) => setDecision(e.target.value)}
            />
            {decisionError ? (
              <p className="field-error" id={`${id}-decision-error`}>
                {decisionError}
              </p>
            ) : null}
          </div>
          <SelectField
            id={`${id}-outcome`}
            label={x.outcomeLabel}
            value={outcome}
            onChange={setOutcome}
            options={(['adopted', 'rejected', 'deferred'] as const).map((o) => ({
              value: o,
              label: x.outcome[o]!,
            }))}
          />
          <button type="submit" className="button button-secondary">
            {x.recordDecision}
          </button>
        </form>
      ) : null}
    </article>
  );
}

function GoalEmbed({ goal }: { goal: AgendaGoal }) {
  const y = useAgendaTexts();
  const { lang } = useI18n();
  const num = (v: string) => formatNumber(Number(v), lang);
  return (
    <figure className="nw-live">
      <figcaption>
        <strong>{y.goalHeading(goal.title)}</strong> · {y.goalProgress(goal.progressLabel)}
        <br />
        <span className="muted">
          {goal.frozen
            ? y.frozenState(formatDateTime(goal.asOf, lang))
            : y.liveState(formatDateTime(goal.asOf, lang))}
        </span>
      </figcaption>
      {goal.targets.length ? (
        <DataTable
          caption={y.goalCaption(goal.title)}
          head={
            <tr>
              <th scope="col">{y.colIndicator}</th>
              <th scope="col">{y.colArea}</th>
              <th scope="col" className="num">
                {y.colTarget}
              </th>
              <th scope="col" className="num">
                {y.colLatest}
              </th>
              <th scope="col">{y.colProgress}</th>
            </tr>
          }
        >
          {goal.targets.map((t, i) => (
            <tr key={i}>
              <td>{t.unit ? `${t.indicatorName} (${t.unit})` : t.indicatorName}</td>
              <td>{t.areaName}</td>
              <td className="num">
                {num(t.targetValue)} ({t.targetPeriod.slice(0, 4)})
              </td>
              <td className="num">
                {t.latestValue === null || !t.latestPeriod
                  ? '–'
                  : `${num(t.latestValue)} (${t.latestPeriod.slice(0, 4)})`}
              </td>
              <td>{t.progressLabel}</td>
            </tr>
          ))}
        </DataTable>
      ) : null}
    </figure>
  );
}

function RecommendationEmbed({ rec }: { rec: AgendaRecommendation }) {
  const y = useAgendaTexts();
  const { lang } = useI18n();
  return (
    <aside className="nw-live" aria-label={y.recommendationHeading(rec.title)}>
      <p>
        <strong>{y.recommendationHeading(rec.title)}</strong> ·{' '}
        {y.recommendationStatus(y.recStatus[rec.status])}
      </p>
      <p>{rec.text}</p>
      <p className="muted">
        {rec.frozen
          ? y.frozenState(formatDateTime(rec.asOf, lang))
          : y.liveState(formatDateTime(rec.asOf, lang))}
      </p>
    </aside>
  );
}

function AddItem({ meetingUrl, reload }: { meetingUrl: string; reload: () => void }) {
  const x = useNetworkTexts();
  const { tenantApi } = useBases();
  const indicators = useLoad(`${tenantApi}/indicators`, () =>
    api.get<Array<{ id: string; nameDe: string }>>(`${tenantApi}/indicators`),
  );
  const areas = useLoad(`${tenantApi}/areas`, () =>
    api.get<Array<{ id: string; name: string; parentId: string | null }>>(`${tenantApi}/areas`),
  );
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [indicatorId, setIndicatorId] = useState('');
  const [areaId, setAreaId] = useState('');
  const y = useAgendaTexts();
  const steering = `${tenantApi}/steering`;
  const goals = useLoad(`${steering}/goals`, () =>
    api.get<Array<{ id: string; title: string }>>(`${steering}/goals`),
  );
  // The steering loop lists its recommendations in its overview (there is no separate list route).
  const recommendations = useLoad(`${steering}/overview`, () =>
    api
      .get<{ recommendations: Array<{ id: string; title: string }> }>(`${steering}/overview`)
      .then((o) => o.recommendations),
  );
  const [goalId, setGoalId] = useState('');
  const [recommendationId, setRecommendationId] = useState('');
  const [errors, setErrors] = useState<{ title?: string; area?: string }>({});
  const action = useAction(reload);
  const areaOptions = (areas.data ?? []).toSorted(
    (a, b) => Number(!!a.parentId) - Number(!!b.parentId) || a.name.localeCompare(b.name, 'de'),
  );

  async function submit(e: FormEvent) {
    e.preventDefault();
    const area = indicatorId ? areaId || areaOptions[0]?.id || '' : '';
    const next = {
      ...(title.trim() ? {} : { title: x.errTitle }),
      ...(indicatorId && !area ? { area: x.errItemArea } : {}),
    };
    setErrors(next);
    if (next.title || next.area) {
      document.getElementById(next.title ? 'ai-title' : 'ai-area')?.focus();
      return;
    }
    const ok = await action.run(
      () =>
        api.post(`${meetingUrl}/agenda`, {
          title,
          description: description || null,
          indicatorId: indicatorId || null,
          areaId: area || null,
          goalId: goalId || null,
          recommendationId: recommendationId || null,
        }),
      x.itemAdded,
    );
    if (ok) {
      setTitle('');
      setDescription('');
      setIndicatorId('');
      setGoalId('');
      setRecommendationId('');
    }
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="ai-heading" className="nw-add-item">
      <h3 id="ai-heading">{x.addItemHeading}</h3>
      <StatusMessage>{action.status || null}</StatusMessage>
      <ErrorAlert error={action.failure} />
      <TextField id="ai-title" label={x.fItemTitle} value={title} onChange={setTitle} error={errors.title} />
      <div className="field">
        <label htmlFor="ai-description">{x.fItemDescription}</label>
        <textarea
          id="ai-description"
          rows={2}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
      </div>
      <SelectField
        id="ai-indicator"
        label={x.fIndicator}
        value={indicatorId}
        onChange={setIndicatorId}
        options={[
          { value: '', label: x.noIndicator },
          ...(indicators.data ?? []).map((i) => ({ value: i.id, label: i.nameDe })),
        ]}
      />
      {indicatorId ? (
        <SelectField
          id="ai-area"
          label={x.fArea}
          value={areaId || areaOptions[0]?.id || ''}
          onChange={setAreaId}
          error={errors.area}
          options={areaOptions.map((a) => ({ value: a.id, label: a.name }))}
        />
      ) : null}
      <SelectField
        id="ai-goal"
        label={y.fGoal}
        value={goalId}
        onChange={setGoalId}
        options={[
          { value: '', label: y.noGoal },
          ...(goals.data ?? []).map((g) => ({ value: g.id, label: g.title })),
        ]}
      />
      <SelectField
        id="ai-recommendation"
        label={y.fRecommendation}
        value={recommendationId}
        onChange={setRecommendationId}
        options={[
          { value: '', label: y.noRecommendation },
          ...(recommendations.data ?? []).map((r) => ({ value: r.id, label: r.title })),
        ]}
      />
      <button type="submit" className="button">
        {x.addItem}
      </button>
    </form>
  );
}

function Attendance({
  meeting,
  meetingUrl,
  editable,
  reload,
}: {
  meeting: MeetingDetail;
  meetingUrl: string;
  editable: boolean;
  reload: () => void;
}) {
  const x = useNetworkTexts();
  const [present, setPresent] = useState(
    () => new Set(meeting.attendance.filter((a) => a.present).map((a) => a.actorId)),
  );
  const action = useAction(reload);
  if (meeting.attendance.length === 0) return <p>{x.noMembers}</p>;
  if (!editable) {
    return (
      <ul>
        {meeting.attendance.map((a) => (
          <li key={a.actorId}>
            {a.actorName}: {a.present ? x.yes : x.no}
          </li>
        ))}
      </ul>
    );
  }
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void action.run(
          () => api.post(`${meetingUrl}/attendance`, { presentActorIds: [...present] }),
          x.attendanceSaved,
        );
      }}
    >
      <StatusMessage>{action.status || null}</StatusMessage>
      <ErrorAlert error={action.failure} />
      <fieldset>
        <legend>{x.attendanceLegend}</legend>
        {meeting.attendance.map((a) => (
          <div key={a.actorId} className="checkbox">
            <input
              type="checkbox"
              id={`att-${a.actorId}`}
              checked={present.has(a.actorId)}
              onChange={(e) => {
                const next = new Set(present);
                if (e.target.checked) next.add(a.actorId);
                else next.delete(a.actorId);
                setPresent(next);
              }}
            />{' '}
            <label htmlFor={`att-${a.actorId}`}>{a.actorName}</label>
          </div>
        ))}
      </fieldset>
      <button type="submit" className="button button-secondary">
        {x.saveAttendance}
      </button>
    </form>
  );
}
