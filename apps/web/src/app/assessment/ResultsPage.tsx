/**
 * Results (all members): the agreed profile as a radar with the range of the individual ratings and an
 * earlier round, the same as a table, the changes, the development goals, framework conditions, downloads.
 */
import { lazy, Suspense, useCallback, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { useParams } from 'react-router';
import type { FrameworkValue, DevelopmentGoal, Results } from '@dkbm/contract';
import { developmentGoalSchema } from '@dkbm/contract/assessment';
import { api, toFailure, type ApiFailure } from '../api';
import { formatDate, formatDateTime, useI18n } from '../i18n';
import { useLoad } from '../hooks';
import { Section } from '../components/Page';
import { DataTable } from '../components/Table';
import { ErrorAlert } from '../components/Feedback';
import { describedBy } from '../components/Fields';
import { seg, useBases } from './client';
import {
  AssessmentFrame,
  LevelLabel,
  LoadState,
  periodText,
  StatusBadge,
  useCanEdit,
  usePeriod,
} from './common';
import { profileRadarOption, radarHeight } from './charts';
import {
  CHANGE_MARK,
  changeDelta,
  changeSummary,
  componentName,
  isIsoDate,
  profileRows,
  type Change,
  type ProfileRow,
} from './model';
import { useAssessmentTexts } from './texts';

const RadarChart = lazy(() => import('./RadarChart'));

export function ChartSlot({ children }: { children: ReactNode }) {
  const x = useAssessmentTexts();
  return <Suspense fallback={<p className="muted">{x.chartLoading}</p>}>{children}</Suspense>;
}

export function ResultsPage() {
  const x = useAssessmentTexts();
  const { roundId } = useParams();
  const { api: base } = useBases();
  const path = `${base}/rounds/${seg(roundId ?? '')}`;
  const loaded = useLoad(`${path}/results`, () => api.get<Results>(`${path}/results`));
  const r = loaded.data;
  return (
    <AssessmentFrame title={r ? x.resultsTitle(r.round.title) : x.resultsTitleShort} round={r?.round}>
      <LoadState loaded={loaded} />
      {r ? <ResultsView results={r} path={path} /> : null}
    </AssessmentFrame>
  );
}

export function ChangeCell({ change, delta }: { change: Change; delta: string }) {
  const x = useAssessmentTexts();
  return (
    <span className={`as-change as-change-${change}`}>
      <span aria-hidden="true">{CHANGE_MARK[change]}</span> {x.change[change]}
      {delta && change !== 'same' ? ` (${delta})` : ''}
    </span>
  );
}

function ResultsView({ results, path }: { results: Results; path: string }) {
  const x = useAssessmentTexts();
  const { lang } = useI18n();
  const period = usePeriod();
  const canEdit = useCanEdit();
  const { round } = results;
  const [earlierIndex, setEarlierIndex] = useState(0);
  const earlier = results.earlier[earlierIndex];
  const rows = useMemo(() => profileRows(results, lang, earlierIndex), [results, lang, earlierIndex]);
  const agreedCount = rows.filter((r) => r.agreed !== null).length;
  const earlierName = earlier ? x.earlierSeries(earlier.title) : '';

  const option = useCallback(
    (width: number) =>
      profileRadarOption({
        axes: rows.map((r) => r.name),
        agreed: rows.map((r) => r.agreed),
        min: rows.map((r) => r.min),
        max: rows.map((r) => r.max),
        earlier: earlier ? { name: earlierName, values: rows.map((r) => r.earlier) } : undefined,
        labels: { agreed: x.agreedSeries(round.title), range: x.rangeSeries },
        width,
      }),
    [rows, earlier, earlierName, round.title, x],
  );
  const height = useCallback((width: number) => radarHeight(earlier ? 3 : 2, width), [earlier]);

  return (
    <>
      <dl className="details as-details">
        <dt>{x.colStatus}</dt>
        <dd>
          <StatusBadge status={round.status} />
        </dd>
        <dt>{x.colPeriod}</dt>
        <dd>{period(round)}</dd>
        <dt>{x.colConsolidated}</dt>
        <dd>{x.consolidatedOf(agreedCount, rows.length)}</dd>
        <dt>{x.sourceLabel}</dt>
        <dd>{results.instrument.source}</dd>
      </dl>
      {round.status !== 'closed' ? <p className="alert alert-warning">{x.resultsProvisional}</p> : null}

      <Section id="rs-profile" title={x.profileHeading}>
        {agreedCount === 0 ? (
          <p>{x.noAgreedYet}</p>
        ) : (
          <>
            <p id="rs-profile-desc" className="hint">
              {x.profileDescription}
              {earlier ? ` ${x.profileEarlier(earlier.title)}` : ''} <a href="#rs-table">{x.toTable}</a>
            </p>
            {results.earlier.length > 1 ? (
              <div className="field">
                <label htmlFor="rs-earlier">{x.fCompareWith}</label>
                <select
                  id="rs-earlier"
                  value={String(earlierIndex)}
                  onChange={(e) => setEarlierIndex(Number(e.target.value))}
                >
                  {results.earlier.map((e, i) => (
                    <option key={e.roundId} value={String(i)}>
                      {e.title} ({formatDate(e.endsOn, lang)})
                    </option>
                  ))}
                </select>
              </div>
            ) : null}
            <ChartSlot>
              <RadarChart
                option={option}
                height={height}
                label={x.radarLabel(round.title)}
                describedBy="rs-profile-desc"
                testId="profile-radar"
              />
            </ChartSlot>
          </>
        )}
        <div id="rs-table" tabIndex={-1}>
          <ProfileTable rows={rows} earlierTitle={earlier?.title ?? null} roundTitle={round.title} />
        </div>
      </Section>

      {earlier ? <ChangesSection rows={rows} results={results} earlierIndex={earlierIndex} /> : null}

      <Goals results={results} path={path} canEdit={canEdit} />

      <FrameworkView results={results} />

      <Section id="rs-downloads" title={x.downloadsHeading}>
        <ul className="as-downloads">
          <li>
            <a href={`${path}/export/profile.pdf`} download>
              {x.dlProfilePdf}
            </a>{' '}
            <span className="hint">{x.dlProfilePdfHint}</span>
          </li>
          <li>
            <a href={`${path}/export/report.pdf`} download>
              {x.dlReportPdf}
            </a>{' '}
            <span className="hint">{x.dlReportPdfHint}</span>
          </li>
          <li>
            <a href={`${path}/export/report.docx`} download>
              {x.dlReportDocx}
            </a>{' '}
            <span className="hint">{x.dlReportDocxHint}</span>
          </li>
          {canEdit ? (
            <li>
              <a href={`${path}/export/ratings.csv`} download>
                {x.dlRatingsCsv}
              </a>{' '}
              <span className="hint">{round.anonymous ? x.dlRatingsCsvAnonymous : x.dlRatingsCsvHint}</span>
            </li>
          ) : null}
        </ul>
      </Section>
    </>
  );
}

function RangeText({ row }: { row: ProfileRow }) {
  const x = useAssessmentTexts();
  if (row.min === null || row.max === null) return <span className="muted">{x.rangeUnknown}</span>;
  return <>{row.min === row.max ? x.typeN(row.min) : x.rangeText(row.min, row.max)}</>;
}

function ProfileTable({
  rows,
  earlierTitle,
  roundTitle,
}: {
  rows: ProfileRow[];
  earlierTitle: string | null;
  roundTitle: string;
}) {
  const x = useAssessmentTexts();
  return (
    <DataTable
      caption={x.profileCaption(roundTitle)}
      head={
        <tr>
          <th scope="col">{x.colComponent}</th>
          <th scope="col">{x.colAgreed}</th>
          <th scope="col">{x.colRangeIndividual}</th>
          {earlierTitle ? <th scope="col">{x.colEarlier(earlierTitle)}</th> : null}
          {earlierTitle ? <th scope="col">{x.colChange}</th> : null}
        </tr>
      }
    >
      {rows.map((r) => (
        <tr key={r.key}>
          <th scope="row">{r.name}</th>
          <td>
            <LevelLabel level={r.agreed} />
          </td>
          <td>
            <RangeText row={r} />
          </td>
          {earlierTitle ? (
            <td>
              <LevelLabel level={r.earlier} />
            </td>
          ) : null}
          {earlierTitle ? (
            <td>
              <ChangeCell change={r.change} delta={changeDelta(r.agreed, r.earlier)} />
            </td>
          ) : null}
        </tr>
      ))}
    </DataTable>
  );
}

function ChangesSection({
  rows,
  results,
  earlierIndex,
}: {
  rows: ProfileRow[];
  results: Results;
  earlierIndex: number;
}) {
  const x = useAssessmentTexts();
  const { lang } = useI18n();
  const earlier = results.earlier[earlierIndex]!;
  const sum = changeSummary(rows);
  const changed = rows.filter((r) => r.change === 'up' || r.change === 'down');
  const typeText = (key: string, level: number | null) => {
    const c = results.instrument.components.find((k) => k.key === key);
    return level && c ? c.types[level - 1] : undefined;
  };
  return (
    <Section id="rs-changes" title={x.changesHeading(earlier.title)}>
      <p>{x.changesSummary(sum.up, sum.down, sum.same, formatDate(earlier.endsOn, lang))}</p>
      {changed.length === 0 ? (
        <p>{x.noChanges}</p>
      ) : (
        <DataTable
          caption={x.changesCaption(earlier.title, results.round.title)}
          head={
            <tr>
              <th scope="col">{x.colComponent}</th>
              <th scope="col">{x.colChange}</th>
              <th scope="col">{x.colBefore}</th>
              <th scope="col">{x.colNow}</th>
            </tr>
          }
        >
          {changed.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.name}</th>
              <td>
                <ChangeCell change={r.change} delta={changeDelta(r.agreed, r.earlier)} />
              </td>
              <td>
                <LevelLabel level={r.earlier} />
                <span className="hint-block">{typeText(r.key, r.earlier)}</span>
              </td>
              <td>
                <LevelLabel level={r.agreed} />
                <span className="hint-block">{typeText(r.key, r.agreed)}</span>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </Section>
  );
}

function Goals({ results, path, canEdit }: { results: Results; path: string; canEdit: boolean }) {
  const x = useAssessmentTexts();
  const { lang } = useI18n();
  const [goals, setGoals] = useState(results.goals);
  const [live, setLive] = useState('');
  const byKey = new Map(goals.map((g) => [g.componentKey, g]));
  const list = results.instrument.components.filter((c) => byKey.has(c.key));
  return (
    <Section id="rs-goals" title={x.goalsHeading}>
      <p>{x.goalsText}</p>
      <div role="status" className="sr-only">
        {live}
      </div>
      {list.length === 0 ? <p>{x.noGoals}</p> : null}
      <ul className="as-goals">
        {list.map((c) => {
          const g = byKey.get(c.key)!;
          const name = componentName(c, lang);
          return (
            <li key={c.key} className="as-goal">
              <h3>{name}</h3>
              <p>
                <strong>
                  {g.fromLevel === g.targetLevel
                    ? x.goalKeep(g.fromLevel)
                    : x.goalStep(g.fromLevel, g.targetLevel)}
                </strong>
              </p>
              <p className="as-target">
                <span className="sr-only">{x.targetText}: </span>
                {g.targetText}
              </p>
              {canEdit ? (
                <DevelopmentGoalForm
                  goal={g}
                  name={name}
                  path={path}
                  onSaved={(saved) => {
                    setGoals((all) => all.map((o) => (o.componentKey === saved.componentKey ? saved : o)));
                    setLive(x.goalSavedLive(name));
                  }}
                />
              ) : (
                <dl className="details as-details">
                  <dt>{x.fPlan}</dt>
                  <dd className="pre-line">{g.plan || '–'}</dd>
                  <dt>{x.fOwner}</dt>
                  <dd>{g.owner || '–'}</dd>
                  <dt>{x.fDue}</dt>
                  <dd>{g.dueOn ? formatDate(g.dueOn, lang) : '–'}</dd>
                  <dt>{x.fGoalStatus}</dt>
                  <dd>{x.goalStatus[g.status]}</dd>
                </dl>
              )}
            </li>
          );
        })}
      </ul>
    </Section>
  );
}

function DevelopmentGoalForm({
  goal,
  name,
  path,
  onSaved,
}: {
  goal: DevelopmentGoal;
  name: string;
  path: string;
  onSaved: (g: DevelopmentGoal) => void;
}) {
  const x = useAssessmentTexts();
  const { lang } = useI18n();
  const [plan, setPlan] = useState(goal.plan ?? '');
  const [owner, setOwner] = useState(goal.owner ?? '');
  const [due, setDue] = useState(goal.dueOn ?? '');
  const [status, setStatus] = useState(goal.status);
  const [dueError, setDueError] = useState('');
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const id = (p: string) => `goal-${goal.componentKey}-${p}`;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFailure(null);
    if (due && !isIsoDate(due)) {
      setDueError(x.errDate(x.fDue));
      document.getElementById(id('due'))?.focus();
      return;
    }
    setDueError('');
    setBusy(true);
    try {
      const g = await api.put(
        `${path}/goals/${seg(goal.componentKey)}`,
        {
          plan: plan.trim() || null,
          owner: owner.trim() || null,
          dueOn: due || null,
          status,
        },
        developmentGoalSchema,
      );
      setSavedAt(g.updatedAt);
      onSaved(g);
    } catch (err) {
      setFailure(toFailure(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="as-goal-form" noValidate onSubmit={(e) => void submit(e)}>
      <ErrorAlert error={failure} />
      <div className="field">
        <label htmlFor={id('plan')}>
          {x.fPlan}
          <span className="sr-only">: {name}</span>
        </label>
        <p className="hint" id={id('plan-hint')}>
          {x.fPlanHint}
        </p>
        <textarea
          id={id('plan')}
          rows={3}
          value={plan}
          aria-describedby={id('plan-hint')}
          onChange={(e) => setPlan(e.target.value)}
        />
      </div>
      <div className="field-row">
        <div className="field field-wide">
          <label htmlFor={id('owner')}>
            {x.fOwner}
            <span className="sr-only">: {name}</span>
          </label>
          <input id={id('owner')} type="text" value={owner} onChange={(e) => setOwner(e.target.value)} />
        </div>
        <div className={dueError ? 'field field-invalid' : 'field'}>
          <label htmlFor={id('due')}>
            {x.fDue}
            <span className="sr-only">: {name}</span>
          </label>
          <input
            id={id('due')}
            type="date"
            value={due}
            aria-invalid={dueError ? true : undefined}
            aria-describedby={describedBy(dueError && id('due-error'))}
            onChange={(e) => setDue(e.target.value)}
          />
          {dueError ? (
            <p className="field-error" id={id('due-error')}>
              {dueError}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor={id('status')}>
            {x.fGoalStatus}
            <span className="sr-only">: {name}</span>
          </label>
          <select
            id={id('status')}
            value={status}
            onChange={(e) => setStatus(e.target.value as DevelopmentGoal['status'])}
          >
            {(['open', 'in_progress', 'done'] as const).map((s) => (
              <option key={s} value={s}>
                {x.goalStatus[s]}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p className="as-save-row">
        <button type="submit" className="button button-secondary" disabled={busy}>
          {x.saveGoal}
          <span className="sr-only">: {name}</span>
        </button>{' '}
        <span className="as-save-state">
          {savedAt ? (
            <>
              <span aria-hidden="true">✓ </span>
              {x.lastSaved(formatDateTime(savedAt, lang))}
            </>
          ) : null}
        </span>
      </p>
    </form>
  );
}

function FrameworkView({ results }: { results: Results }) {
  const x = useAssessmentTexts();
  const { lang } = useI18n();
  const defs = results.instrument.frameworkConditions;
  if (!defs.length) return null;
  const show = (kind: 'number' | 'text', v: FrameworkValue | undefined, unit: string | null | undefined) => {
    if (!v?.value) return <span className="muted">{x.notRecorded}</span>;
    if (kind === 'number') {
      const n = Number(v.value);
      const s = Number.isFinite(n)
        ? new Intl.NumberFormat(lang === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: 2 }).format(n)
        : v.value;
      return unit ? `${s} ${unit}` : s;
    }
    return <span className="pre-line">{v.value}</span>;
  };
  return (
    <Section id="rs-framework" title={x.frameworkHeading}>
      {(['ressourcen', 'struktur'] as const).map((g) => {
        const items = defs.filter((d) => d.group === g);
        if (!items.length) return null;
        return (
          <div key={g}>
            <h3>{x.frameworkGroup[g]}</h3>
            <dl className="details as-details">
              {items.map((d) => {
                const v = results.framework[d.key];
                return (
                  <div key={d.key} className="as-dl-row">
                    <dt>{d.name}</dt>
                    <dd>
                      {show(d.kind, v, d.unit)}
                      {v?.source === 'indicator' ? (
                        <span className="hint-block">
                          {x.fromMonitoring(v.indicatorName ?? '', periodText(v.period, lang))}
                        </span>
                      ) : null}
                      {v?.note ? <span className="hint-block">{v.note}</span> : null}
                    </dd>
                  </div>
                );
              })}
            </dl>
          </div>
        );
      })}
    </Section>
  );
}
