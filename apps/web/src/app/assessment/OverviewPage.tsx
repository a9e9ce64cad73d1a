/** Overview: rounds, the own open rounds to answer, a new round (editors), the model when there is none. */
import { useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import type { Instrument, RaterView, Round } from '@dkbm/contract';
import { api, toFailure, type ApiFailure } from '../api';
import { formatDate, useI18n } from '../i18n';
import { useLoad } from '../hooks';
import { Section } from '../components/Page';
import { DataTable } from '../components/Table';
import { ErrorAlert } from '../components/Feedback';
import { describedBy, TextField } from '../components/Fields';
import { seg, useBases } from './client';
import {
  AssessmentFrame,
  ErrorSummary,
  LoadState,
  StatusBadge,
  useCanEdit,
  useIsAgency,
  usePeriod,
} from './common';
import { answeredCount, componentName, defaultInstrument, isIsoDate, sortInstruments } from './model';
import { useAssessmentTexts, type AssessmentTexts } from './texts';

interface MyRound {
  round: Round;
  answered: number;
  total: number;
  submittedAt: string | null;
}

export function OverviewPage() {
  const x = useAssessmentTexts();
  const { lang } = useI18n();
  const { api: base, app } = useBases();
  const canEdit = useCanEdit();
  const isAgency = useIsAgency();
  const rounds = useLoad(`${base}/rounds`, () => api.get<Round[]>(`${base}/rounds`));
  const instruments = useLoad(`${base}/instruments`, () => api.get<Instrument[]>(`${base}/instruments`));

  // Rounds the signed-in person is invited to, with the own progress in the open ones.
  const mine = useLoad(`${base}/my-rounds`, async () => {
    const invited = await api.get<Round[]>(`${base}/my-rounds`);
    const open = invited.filter((r) => r.status === 'open');
    const views = await Promise.all(
      open.map((r) =>
        api.get<RaterView>(`${base}/rounds/${seg(r.id)}/my`).then(
          (v): MyRound => {
            const keys = v.instrument.components.map((c) => c.key);
            return {
              round: r,
              answered: answeredCount(v.answers, keys),
              total: keys.length,
              submittedAt: v.submittedAt,
            };
          },
          () => null,
        ),
      ),
    );
    return views.filter((v): v is MyRound => v !== null);
  });

  const sorted = useMemo(
    () => (rounds.data ?? []).toSorted((a, b) => b.startsOn.localeCompare(a.startsOn)),
    [rounds.data],
  );

  return (
    <AssessmentFrame title={x.moduleTitle}>
      <p className="lead">{x.overviewLead}</p>
      {isAgency ? (
        <p>
          <Link to={`${app}/netzwerk`}>{x.networkLink}</Link>
        </p>
      ) : null}

      {canEdit ? <NewRound instruments={instruments.data} /> : null}

      {mine.data && mine.data.length > 0 ? (
        <Section id="as-mine" title={x.myRoundsHeading}>
          <ul className="as-cards">
            {mine.data.map((m) => (
              <li key={m.round.id} className="as-card">
                <h3>{m.round.title}</h3>
                <p>
                  {x.answeredOf(m.answered, m.total)}
                  {m.submittedAt ? ` · ${x.submittedShort}` : ''} ·{' '}
                  {x.until(formatDate(m.round.endsOn, lang))}
                </p>
                <p>
                  <Link className="button" to={`${app}/runden/${seg(m.round.id)}/einschaetzen`}>
                    {m.submittedAt || m.answered > 0 ? x.continueAnswer : x.startAnswer}
                    <span className="sr-only">: {m.round.title}</span>
                  </Link>
                </p>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}

      <Section id="as-rounds" title={x.roundsHeading}>
        <LoadState loaded={rounds} />
        {rounds.data && sorted.length === 0 ? <p>{x.noRounds}</p> : null}
        {sorted.length > 0 ? <RoundsTable rounds={sorted} /> : null}
      </Section>

      {rounds.data && sorted.length === 0 ? (
        <HowItWorks instrument={defaultInstrument(instruments.data ?? [])} />
      ) : (
        <Section id="as-model" title={x.modelHeading}>
          <p>
            {x.modelShort} <Link to={`${app}/modell`}>{x.toInstrument}</Link>
          </p>
        </Section>
      )}
    </AssessmentFrame>
  );
}

function RoundsTable({ rounds }: { rounds: Round[] }) {
  const x = useAssessmentTexts();
  const { app } = useBases();
  const canEdit = useCanEdit();
  const period = usePeriod();
  const target = (r: Round) => {
    const base = `${app}/runden/${seg(r.id)}`;
    if (canEdit) return base;
    return r.status === 'closed' ? `${base}/ergebnis` : `${base}/einschaetzen`;
  };
  return (
    <DataTable
      caption={x.roundsCaption}
      head={
        <tr>
          <th scope="col">{x.colRound}</th>
          <th scope="col">{x.colStatus}</th>
          <th scope="col">{x.colPeriod}</th>
          <th scope="col">{x.colParticipants}</th>
          <th scope="col">{x.colConsolidated}</th>
        </tr>
      }
    >
      {rounds.map((r) => (
        <tr key={r.id}>
          <th scope="row">
            {r.status === 'draft' && !canEdit ? r.title : <Link to={target(r)}>{r.title}</Link>}
            <span className="hint-block">
              {x.instrumentVersion(r.instrumentTitle, r.instrumentVersion)}
              {r.anonymous ? ` · ${x.anonymousShort}` : ''}
            </span>
          </th>
          <td>
            <StatusBadge status={r.status} />
          </td>
          <td>{period(r)}</td>
          <td>{x.submittedOf(r.submitted, r.participants)}</td>
          <td>{x.consolidatedOf(r.consolidated, r.components)}</td>
        </tr>
      ))}
    </DataTable>
  );
}

/** Empty state: the seven components and how a round works. */
function HowItWorks({ instrument }: { instrument: Instrument | undefined }) {
  const x = useAssessmentTexts();
  const { lang } = useI18n();
  const { app } = useBases();
  return (
    <Section id="as-how" title={x.howHeading}>
      <div className="empty-state as-how">
        <p>{x.howModel}</p>
        {instrument ? (
          <ol className="as-component-list">
            {instrument.content.components.map((c) => (
              <li key={c.key}>
                <strong>{componentName(c, lang)}</strong> – {c.question}
              </li>
            ))}
          </ol>
        ) : null}
        <p>{x.howTypes}</p>
        <h3>{x.howRoundHeading}</h3>
        <ol>
          {x.howSteps.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ol>
        <p>
          <Link to={`${app}/modell`}>{x.toInstrument}</Link>
        </p>
      </div>
    </Section>
  );
}

interface RoundDraft {
  title: string;
  purpose: string;
  startsOn: string;
  endsOn: string;
  anonymous: boolean;
  instrumentId: string;
}

function validateRound(d: RoundDraft, x: AssessmentTexts): Record<string, string> {
  const e: Record<string, string> = {};
  if (d.title.trim().length < 3) e['nr-title'] = x.errTitle;
  if (!isIsoDate(d.startsOn)) e['nr-start'] = x.errDate(x.fStartsOn);
  if (!isIsoDate(d.endsOn)) e['nr-end'] = x.errDate(x.fEndsOn);
  else if (isIsoDate(d.startsOn) && d.endsOn < d.startsOn) e['nr-end'] = x.errEndBeforeStart;
  if (d.purpose.length > 2000) e['nr-purpose'] = x.errTooLong(x.fPurpose, 2000);
  return e;
}

function NewRound({ instruments }: { instruments: Instrument[] | undefined }) {
  const x = useAssessmentTexts();
  const { lang } = useI18n();
  const { api: base, app } = useBases();
  const navigate = useNavigate();
  const uid = useId();
  const [open, setOpen] = useState(false);
  const today = new Date().toISOString().slice(0, 10);
  const [d, setD] = useState<RoundDraft>({
    title: '',
    purpose: '',
    startsOn: today,
    endsOn: '',
    anonymous: false,
    instrumentId: '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);

  const versions = sortInstruments(instruments ?? []);
  const selected = versions.find((v) => v.id === d.instrumentId) ?? versions[0];
  const set = <K extends keyof RoundDraft>(k: K, v: RoundDraft[K]) => setD((p) => ({ ...p, [k]: v }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    const errs = validateRound(d, x);
    setErrors(errs);
    setFailure(null);
    if (Object.keys(errs).length) return;
    setBusy(true);
    try {
      const created = await api.post<Round>(`${base}/rounds`, {
        title: d.title.trim(),
        purpose: d.purpose.trim() || null,
        startsOn: d.startsOn,
        endsOn: d.endsOn,
        anonymous: d.anonymous,
        ...(selected ? { instrumentId: selected.id } : {}),
      });
      navigate(`${app}/runden/${seg(created.id)}`, { state: { created: true } });
    } catch (err) {
      setFailure(toFailure(err));
    } finally {
      setBusy(false);
    }
  }

  const summary = Object.entries(errors).map(([field, message]) => ({ field, message }));

  return (
    <Section id="as-new" title={x.newRoundHeading}>
      {!open ? (
        <button
          ref={toggle}
          type="button"
          className="button"
          aria-expanded="false"
          onClick={() => setOpen(true)}
        >
          {x.newRound}
        </button>
      ) : (
        <form className="form as-form" noValidate onSubmit={(e) => void submit(e)} aria-labelledby="as-new">
          <ErrorSummary errors={summary} id={`${uid}-summary`} />
          <ErrorAlert error={failure} />
          <TextField
            id="nr-title"
            label={x.fTitle}
            hint={x.fTitleHint}
            value={d.title}
            onChange={(v) => set('title', v)}
            error={errors['nr-title']}
            required
            autoFocus
          />
          <div className={errors['nr-purpose'] ? 'field field-invalid' : 'field'}>
            <label htmlFor="nr-purpose">{x.fPurpose}</label>
            <p className="hint" id="nr-purpose-hint">
              {x.fPurposeHint}
            </p>
            <textarea
              id="nr-purpose"
              rows={3}
              value={d.purpose}
              aria-describedby={describedBy('nr-purpose-hint', errors['nr-purpose'] && 'nr-purpose-error')}
              aria-invalid={errors['nr-purpose'] ? true : undefined}
              onChange={(e) => set('purpose', e.target.value)}
            />
            {errors['nr-purpose'] ? (
              <p className="field-error" id="nr-purpose-error">
                {errors['nr-purpose']}
              </p>
            ) : null}
          </div>
          <div className="field-row">
            <DateField
              id="nr-start"
              label={x.fStartsOn}
              value={d.startsOn}
              onChange={(v) => set('startsOn', v)}
              error={errors['nr-start']}
            />
            <DateField
              id="nr-end"
              label={x.fEndsOn}
              value={d.endsOn}
              onChange={(v) => set('endsOn', v)}
              error={errors['nr-end']}
            />
          </div>
          <div className="field as-check">
            <input
              id="nr-anon"
              type="checkbox"
              checked={d.anonymous}
              aria-describedby="nr-anon-hint"
              onChange={(e) => set('anonymous', e.target.checked)}
            />{' '}
            <label htmlFor="nr-anon">{x.fAnonymous}</label>
            <p className="hint" id="nr-anon-hint">
              {x.fAnonymousHint}
            </p>
          </div>
          {versions.length > 0 ? (
            <div className="field">
              <label htmlFor="nr-instrument">{x.fInstrument}</label>
              <select
                id="nr-instrument"
                value={selected?.id ?? ''}
                aria-describedby="nr-instrument-source"
                onChange={(e) => set('instrumentId', e.target.value)}
              >
                {versions.map((v) => (
                  <option key={v.id} value={v.id}>
                    {x.versionOption(
                      v.content.title,
                      v.version,
                      v.tenantId === null,
                      formatDate(v.createdAt, lang),
                    )}
                  </option>
                ))}
              </select>
              {selected ? (
                <p className="hint" id="nr-instrument-source">
                  {x.sourceLabel}: {selected.content.source}.{' '}
                  {x.componentsCount(selected.content.components.length)}{' '}
                  <Link to={`${app}/modell?version=${seg(selected.id)}`}>{x.showVersion}</Link>
                </p>
              ) : null}
            </div>
          ) : null}
          <p className="actions">
            <button type="submit" className="button" disabled={busy}>
              {x.createRound}
            </button>{' '}
            <button
              type="button"
              className="button button-secondary"
              onClick={() => {
                setOpen(false);
                setErrors({});
                setFailure(null);
                requestAnimationFrame(() => toggle.current?.focus());
              }}
            >
              {x.cancel}
            </button>
          </p>
        </form>
      )}
    </Section>
  );
}

export function DateField({
  id,
  label,
  value,
  onChange,
  error,
  hint,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string | undefined;
  hint?: string;
}) {
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <input
        id={id}
        type="date"
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hint && `${id}-hint`, error && `${id}-error`)}
        onChange={(e) => onChange(e.target.value)}
      />
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
