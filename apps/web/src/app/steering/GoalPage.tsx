/** One goal: its targets with computed progress, chart and table, operational goals, history. */
import { Link, useParams } from 'react-router';
import type { SteeringGoalDetail, Target } from '@dkbm/contract';
import { api, seg } from '../api';
import { formatDate, formatDateTime, useI18n } from '../i18n';
import { useLoad } from '../hooks';
import { Page, Section } from '../components/Page';
import { ErrorAlert, Loading } from '../components/Feedback';
import { ProgressBadge, useBases, useCanEdit } from './common';
import { formatDecimal, formatRate } from './model';
import { ProgressChart } from './ProgressChart';
import { TargetForm } from './TargetForm';
import { Comments } from './CommentsHistory';
import { useSteeringTexts } from './texts';

export function GoalPage() {
  const x = useSteeringTexts();
  const { goalId = '' } = useParams();
  const { api: base, app } = useBases();
  const goal = useLoad(`${base}/goals/${goalId}`, () =>
    api.get<SteeringGoalDetail>(`${base}/goals/${seg(goalId)}`),
  );
  const g = goal.data;
  return (
    <Page title={g?.title ?? x.title} docTitle={g ? `${g.title} – ${x.title}` : x.title}>
      <p>
        <Link to={app}>{x.backToOverview}</Link>
      </p>
      <ErrorAlert error={goal.error} />
      {goal.loading && !g ? <Loading /> : null}
      {g ? <GoalBody goal={g} reload={goal.reload} /> : null}
    </Page>
  );
}

function GoalBody({ goal, reload }: { goal: SteeringGoalDetail; reload: () => void }) {
  const x = useSteeringTexts();
  const { lang } = useI18n();
  const { app } = useBases();
  const canEdit = useCanEdit();
  return (
    <>
      <dl className="details">
        <dt>{x.status}</dt>
        <dd>{x.goalStatus[goal.status]}</dd>
        <dt>{x.progress}</dt>
        <dd>
          <ProgressBadge status={goal.progress.status} />
        </dd>
        <dt>{x.owner}</dt>
        <dd>{goal.owner ?? '–'}</dd>
        {goal.componentKey ? (
          <>
            <dt>{x.component}</dt>
            <dd>{goal.componentKey}</dd>
          </>
        ) : null}
        <dt>{x.period}</dt>
        <dd>
          {goal.periodStart ? formatDate(goal.periodStart, lang) : '–'} –{' '}
          {goal.periodEnd ? formatDate(goal.periodEnd, lang) : '–'}
        </dd>
      </dl>
      {goal.description ? <p>{goal.description}</p> : null}

      <Section id="st-targets" title={x.targets}>
        {goal.targets.length ? (
          goal.targets.map((t) => <TargetView key={t.id} target={t} reload={reload} />)
        ) : (
          <p>{x.noTargets}</p>
        )}
        {canEdit ? <TargetForm goalId={goal.id} onDone={reload} /> : null}
      </Section>

      {goal.children.length ? (
        <Section id="st-children" title={x.subGoals}>
          <ul>
            {goal.children.map((c) => (
              <li key={c.id}>
                <Link to={`${app}/${seg(c.id)}`}>{c.title}</Link>{' '}
                {c.progress.targets ? <ProgressBadge status={c.progress.status} /> : null}
              </li>
            ))}
          </ul>
        </Section>
      ) : null}

      <Comments path={`goals/${seg(goal.id)}`} title={goal.title} />

      <Section id="st-history" title={x.history}>
        {goal.history.length ? (
          <ul>
            {goal.history.map((h, i) => (
              <li key={i}>
                {formatDateTime(h.at, lang)} – {h.user ?? x.system}: {h.summary}
              </li>
            ))}
          </ul>
        ) : (
          <p>{x.noHistory}</p>
        )}
      </Section>
    </>
  );
}

function TargetView({ target, reload }: { target: Target; reload: () => void }) {
  const x = useSteeringTexts();
  const { lang } = useI18n();
  const { api: base } = useBases();
  const canEdit = useCanEdit();
  const p = target.progress;
  const unit = target.indicator.unit ? ` ${target.indicator.unit}` : '';
  const dims = Object.values(target.dims).join(', ');
  const remove = async () => {
    await api.del(`${base}/targets/${seg(target.id)}`);
    reload();
  };
  return (
    <article className="mon-card" aria-labelledby={`st-target-${target.id}`}>
      <h3 id={`st-target-${target.id}`}>
        {target.indicator.name} – {target.area.name}
        {dims ? ` (${dims})` : ''}
      </h3>
      <p>
        <ProgressBadge status={p.status} />
      </p>
      {p.reason ? <p>{x.reason[p.reason] ?? p.reason}</p> : null}
      {p.caveats.length ? (
        <ul>
          {p.caveats.map((c) => (
            <li key={c}>{x.caveat[c] ?? c}</li>
          ))}
        </ul>
      ) : null}
      <dl className="details">
        <dt>{x.baseline}</dt>
        <dd>
          {formatDecimal(target.baselineValue, lang, 4)}
          {unit} ({formatDate(target.baselinePeriod, lang)})
        </dd>
        <dt>{x.targetValue}</dt>
        <dd>
          {formatDecimal(target.targetValue, lang, 4)}
          {unit} ({formatDate(target.targetPeriod, lang)})
        </dd>
        <dt>{x.latest}</dt>
        <dd>
          {p.latest
            ? `${formatDecimal(p.latest.value, lang, 4)}${unit} (${formatDate(p.latest.period, lang)})`
            : '–'}
        </dd>
        <dt>{x.direction}</dt>
        <dd>{target.direction === 'higher_better' ? x.higherBetter : x.lowerBetter}</dd>
        <dt>{x.actualRate}</dt>
        <dd>{formatRate(p.actualRate, lang)}</dd>
        <dt>{x.requiredRate}</dt>
        <dd>{formatRate(p.requiredRate, lang)}</dd>
      </dl>
      <ProgressChart target={target} />
      {canEdit ? (
        <button type="button" className="button button-secondary" onClick={() => void remove()}>
          {x.removeTarget}
        </button>
      ) : null}
    </article>
  );
}
