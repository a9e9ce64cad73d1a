/** Managing a round (editors): status, participants with progress, external links, framework conditions. */
import { Fragment, useId, useMemo, useState, type FormEvent } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import type {
  FrameworkConditionDef,
  FrameworkValue,
  Instrument,
  Participant,
  Round,
  RoundCandidate,
} from '@dkbm/contract';
import { api, toFailure, type ApiFailure } from '../api';
import { formatDate, formatDateTime, formatNumber, useI18n } from '../i18n';
import { useLoad } from '../hooks';
import { useSession } from '../session';
import { Section } from '../components/Page';
import { DataTable } from '../components/Table';
import { ErrorAlert, NoPermission, StatusMessage } from '../components/Feedback';
import { ConfirmAction } from '../components/ConfirmAction';
import { OneTimeLink } from '../components/OneTimeLink';
import { describedBy, TextField } from '../components/Fields';
import { seg, useBases } from './client';
import {
  AssessmentFrame,
  groupLabel,
  LoadState,
  periodText,
  StatusBadge,
  useCanEdit,
  usePeriod,
  useRound,
  type RaterGroup,
} from './common';
import { DateField } from './OverviewPage';
import { inputToNumber, isIsoDate, numberToInput } from './model';
import { useAssessmentTexts } from './texts';

const GROUPS: RaterGroup[] = ['bildungsbuero', 'verwaltung', 'extern'];

export function RoundPage() {
  const x = useAssessmentTexts();
  const { roundId } = useParams();
  const canEdit = useCanEdit();
  const round = useRound(roundId);
  const r = round.data;
  return (
    <AssessmentFrame title={r ? r.title : x.roundTitle} docTitle={r?.title ?? x.roundTitle} round={r}>
      {!canEdit ? (
        <NoPermissionRound round={r} />
      ) : (
        <>
          <LoadState loaded={round} />
          {r ? <RoundManagement round={r} onChange={round.reload} /> : null}
        </>
      )}
    </AssessmentFrame>
  );
}

function NoPermissionRound({ round }: { round: Round | undefined }) {
  const x = useAssessmentTexts();
  const { app } = useBases();
  return (
    <>
      <NoPermission text={x.noPermissionEdit} />
      {round && round.status !== 'draft' ? (
        <p>
          <Link to={`${app}/runden/${seg(round.id)}/einschaetzen`}>{x.navAnswer}</Link> ·{' '}
          <Link to={`${app}/runden/${seg(round.id)}/ergebnis`}>{x.navResults}</Link>
        </p>
      ) : null}
    </>
  );
}

function RoundManagement({ round, onChange }: { round: Round; onChange: () => void }) {
  const x = useAssessmentTexts();
  const { lang } = useI18n();
  const { api: base, app } = useBases();
  const period = usePeriod();
  const location = useLocation();
  const created = (location.state as { created?: boolean } | null)?.created;
  const roundPath = `${base}/rounds/${seg(round.id)}`;
  const participants = useLoad(`${roundPath}/participants`, () =>
    api.get<Participant[]>(`${roundPath}/participants`),
  );
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [busy, setBusy] = useState(false);

  async function setRoundStatus(next: Round['status']) {
    setBusy(true);
    setFailure(null);
    try {
      await api.patch<Round>(roundPath, { status: next });
      setStatus(next === 'open' ? x.roundOpened : x.roundClosed);
      onChange();
    } catch (e) {
      setFailure(toFailure(e));
    } finally {
      setBusy(false);
    }
  }

  const active = (participants.data ?? []).filter((p) => !p.revokedAt);

  return (
    <>
      <StatusMessage>{status || (created ? x.roundCreated : null)}</StatusMessage>
      <dl className="details as-details">
        <dt>{x.colStatus}</dt>
        <dd>
          <StatusBadge status={round.status} />
          {round.closedAt ? ` (${formatDateTime(round.closedAt, lang)})` : ''}
        </dd>
        <dt>{x.colPeriod}</dt>
        <dd>{period(round)}</dd>
        {round.purpose ? (
          <>
            <dt>{x.fPurpose}</dt>
            <dd className="pre-line">{round.purpose}</dd>
          </>
        ) : null}
        <dt>{x.fInstrument}</dt>
        <dd>
          <Link to={`${app}/modell?version=${seg(round.instrumentId)}`}>
            {x.instrumentVersion(round.instrumentTitle, round.instrumentVersion)}
          </Link>
        </dd>
        <dt>{x.modeLabel}</dt>
        <dd>{round.anonymous ? x.modeAnonymous : x.modeNamed}</dd>
        <dt>{x.colParticipants}</dt>
        <dd>{x.submittedOf(round.submitted, round.participants)}</dd>
        <dt>{x.colConsolidated}</dt>
        <dd>{x.consolidatedOf(round.consolidated, round.components)}</dd>
      </dl>

      <Section id="rp-status" title={x.statusHeading}>
        <ErrorAlert error={failure} />
        {round.status === 'draft' ? (
          <>
            <p>{x.statusDraftText}</p>
            {active.length === 0 ? <p className="hint">{x.statusDraftNoParticipants}</p> : null}
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={() => void setRoundStatus('open')}
            >
              {x.openRound}
            </button>
          </>
        ) : round.status === 'open' ? (
          <>
            <p>{x.statusOpenText}</p>
            <ConfirmAction
              label={x.closeRound}
              question={x.closeQuestion(round.submitted, round.participants)}
              confirmLabel={x.closeConfirm}
              onConfirm={() => void setRoundStatus('closed')}
              busy={busy}
            />
          </>
        ) : (
          <>
            <p>{x.statusClosedText}</p>
            <p className="row-actions-inline">
              <Link className="button" to={`${app}/runden/${seg(round.id)}/workshop`}>
                {x.toWorkshop}
              </Link>
              <Link className="button button-secondary" to={`${app}/runden/${seg(round.id)}/ergebnis`}>
                {x.toResults}
              </Link>
            </p>
          </>
        )}
      </Section>

      <Participants round={round} loaded={participants} onRoundChange={onChange} />
      <FrameworkForm round={round} />
    </>
  );
}

function participantState(p: Participant, total: number, x: ReturnType<typeof useAssessmentTexts>) {
  if (p.revokedAt) return { key: 'revoked', text: x.pRevoked };
  if (p.submittedAt) return { key: 'submitted', text: x.pSubmitted };
  if (p.expiresAt && new Date(p.expiresAt).getTime() < Date.now())
    return { key: 'expired', text: x.pExpired };
  if (p.answered > 0) return { key: 'progress', text: x.pInProgress(p.answered, total) };
  return { key: 'new', text: x.pNotStarted };
}

function Participants({
  round,
  loaded,
  onRoundChange,
}: {
  round: Round;
  loaded: ReturnType<typeof useLoad<Participant[]>>;
  onRoundChange: () => void;
}) {
  const x = useAssessmentTexts();
  const { lang } = useI18n();
  const { api: base } = useBases();
  const roundPath = `${base}/rounds/${seg(round.id)}`;
  const closed = round.status === 'closed';
  // The member picker of the Redaktion: people of the municipality not invited yet (data.write suffices).
  const candidates = useLoad(closed ? '' : `${roundPath}/candidates`, () =>
    closed ? Promise.resolve([]) : api.get<RoundCandidate[]>(`${roundPath}/candidates`),
  );
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [link, setLink] = useState<{ label: string; link: string; expiresAt: string | null } | null>(null);
  const list = loaded.data ?? [];

  async function revoke(p: Participant) {
    setFailure(null);
    try {
      await api.del(`${roundPath}/participants/${seg(p.id)}`);
      setStatus(x.revokedDone(p.label));
      loaded.reload();
      candidates.reload();
      onRoundChange();
    } catch (e) {
      setFailure(toFailure(e));
    }
  }

  return (
    <Section id="rp-participants" title={x.participantsHeading}>
      <p>{round.anonymous ? x.participantsTextAnonymous : x.participantsText}</p>
      <StatusMessage>{status || null}</StatusMessage>
      <ErrorAlert error={failure} />
      <LoadState loaded={loaded} />
      {list.length === 0 && loaded.data ? <p>{x.noParticipants}</p> : null}
      {list.length > 0 ? (
        <DataTable
          caption={x.participantsCaption(round.title)}
          head={
            <tr>
              <th scope="col">{x.colName}</th>
              <th scope="col">{x.colGroup}</th>
              <th scope="col">{x.colProgress}</th>
              <th scope="col">{x.colLastSaved}</th>
              {!closed ? <th scope="col">{x.colActions}</th> : null}
            </tr>
          }
        >
          {list.map((p) => {
            const s = participantState(p, round.components, x);
            return (
              <tr key={p.id} className={p.revokedAt ? 'as-row-revoked' : undefined}>
                <th scope="row">
                  {p.label}
                  <span className="hint-block">
                    {p.kind === 'user' ? x.kindUser : x.kindExternal}
                    {p.kind === 'external' && p.expiresAt
                      ? ` · ${x.validUntilShort(formatDate(p.expiresAt, lang))}`
                      : ''}
                  </span>
                </th>
                <td>{groupLabel(p.group, lang)}</td>
                <td>
                  <span className={`as-pstate as-pstate-${s.key}`}>{s.text}</span>
                  <span className="hint-block">
                    {x.answeredOf(p.answered, round.components)}
                    {p.submittedAt ? ` · ${formatDateTime(p.submittedAt, lang)}` : ''}
                  </span>
                </td>
                <td>{p.lastSavedAt ? formatDateTime(p.lastSavedAt, lang) : x.never}</td>
                {!closed ? (
                  <td>
                    {p.revokedAt ? null : (
                      <ConfirmAction
                        label={x.revoke}
                        srSuffix={p.label}
                        question={
                          p.kind === 'external'
                            ? x.revokeQuestionExternal(p.label)
                            : x.revokeQuestion(p.label)
                        }
                        confirmLabel={x.revokeConfirm}
                        onConfirm={() => void revoke(p)}
                      />
                    )}
                  </td>
                ) : null}
              </tr>
            );
          })}
        </DataTable>
      ) : null}

      {!closed ? (
        <div className="as-add-grid">
          <AddUser
            roundPath={roundPath}
            candidates={candidates.data}
            usersError={candidates.error}
            onAdded={(label) => {
              setStatus(x.addedUser(label));
              setLink(null);
              loaded.reload();
              candidates.reload();
              onRoundChange();
            }}
          />
          <AddExternal
            round={round}
            roundPath={roundPath}
            onAdded={(created) => {
              setStatus(x.addedExternal(created.label));
              setLink(created);
              loaded.reload();
              onRoundChange();
            }}
          />
        </div>
      ) : null}
      {link ? (
        <OneTimeLink
          label={x.externalLinkLabel(link.label)}
          link={link.link}
          expiresAt={link.expiresAt ?? undefined}
          note={x.externalLinkNote}
        />
      ) : null}
    </Section>
  );
}

function AddUser({
  roundPath,
  candidates,
  usersError,
  onAdded,
}: {
  roundPath: string;
  candidates: RoundCandidate[] | undefined;
  usersError: ApiFailure | undefined;
  onAdded: (label: string) => void;
}) {
  const x = useAssessmentTexts();
  const { lang } = useI18n();
  const { session } = useSession();
  const [userId, setUserId] = useState('');
  const [group, setGroup] = useState<RaterGroup | ''>('');
  const [error, setError] = useState('');
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const chosen = candidates?.find((u) => u.id === userId);
  const defaultGroup: RaterGroup =
    chosen && (chosen.role === 'admin' || chosen.role === 'editor') ? 'bildungsbuero' : 'verwaltung';

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFailure(null);
    if (!chosen) {
      setError(x.errChooseUser);
      document.getElementById('rp-user')?.focus();
      return;
    }
    setError('');
    setBusy(true);
    try {
      await api.post(`${roundPath}/participants`, {
        kind: 'user',
        userId: chosen.id,
        group: group || defaultGroup,
      });
      setUserId('');
      setGroup('');
      onAdded(chosen.displayName);
    } catch (err) {
      setFailure(toFailure(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="as-add" noValidate onSubmit={(e) => void submit(e)} aria-labelledby="rp-add-user-h">
      <h3 id="rp-add-user-h">{x.addUserHeading}</h3>
      {usersError ? (
        <p className="alert alert-warning">{x.usersFailed}</p>
      ) : candidates && candidates.length === 0 ? (
        <p>{x.noCandidates}</p>
      ) : (
        <>
          <ErrorAlert error={failure} />
          <div className={error ? 'field field-invalid' : 'field'}>
            <label htmlFor="rp-user">{x.fUser}</label>
            <select
              id="rp-user"
              value={userId}
              aria-invalid={error ? true : undefined}
              aria-describedby={describedBy(error && 'rp-user-error')}
              onChange={(e) => setUserId(e.target.value)}
            >
              <option value="">{x.chooseUser}</option>
              {(candidates ?? []).map((u) => (
                <option key={u.id} value={u.id}>
                  {u.displayName} ({u.id === session.user?.id ? `${x.yourself}, ${u.email}` : u.email})
                </option>
              ))}
            </select>
            {error ? (
              <p className="field-error" id="rp-user-error">
                {error}
              </p>
            ) : null}
          </div>
          <div className="field">
            <label htmlFor="rp-user-group">{x.fGroupRater}</label>
            <select
              id="rp-user-group"
              value={group || defaultGroup}
              onChange={(e) => setGroup(e.target.value as RaterGroup)}
            >
              {GROUPS.map((g) => (
                <option key={g} value={g}>
                  {groupLabel(g, lang)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button" disabled={busy}>
            {x.addUser}
          </button>
        </>
      )}
    </form>
  );
}

function AddExternal({
  round,
  roundPath,
  onAdded,
}: {
  round: Round;
  roundPath: string;
  onAdded: (created: { label: string; link: string; expiresAt: string | null }) => void;
}) {
  const x = useAssessmentTexts();
  const { lang } = useI18n();
  const [label, setLabel] = useState('');
  const [group, setGroup] = useState<RaterGroup>('extern');
  const [expires, setExpires] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFailure(null);
    const errs: Record<string, string> = {};
    if (label.trim().length < 2) errs['rp-ext-label'] = x.errLabel;
    if (expires && !isIsoDate(expires)) errs['rp-ext-expires'] = x.errDate(x.fExpires);
    setErrors(errs);
    const first = Object.keys(errs)[0];
    if (first) {
      document.getElementById(first)?.focus();
      return;
    }
    setBusy(true);
    try {
      const created = await api.post<Participant & { link: string | null }>(`${roundPath}/participants`, {
        kind: 'external',
        label: label.trim(),
        group,
        ...(expires ? { expiresAt: expires } : {}),
      });
      setLabel('');
      setExpires('');
      setGroup('extern');
      onAdded({ label: created.label, link: created.link ?? '', expiresAt: created.expiresAt });
    } catch (err) {
      setFailure(toFailure(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="as-add" noValidate onSubmit={(e) => void submit(e)} aria-labelledby="rp-add-ext-h">
      <h3 id="rp-add-ext-h">{x.addExternalHeading}</h3>
      <p className="hint">{x.addExternalText}</p>
      <ErrorAlert error={failure} />
      <TextField
        id="rp-ext-label"
        label={x.fExternalLabel}
        hint={x.fExternalLabelHint}
        value={label}
        onChange={setLabel}
        error={errors['rp-ext-label']}
      />
      <div className="field">
        <label htmlFor="rp-ext-group">{x.fGroupRater}</label>
        <select id="rp-ext-group" value={group} onChange={(e) => setGroup(e.target.value as RaterGroup)}>
          {GROUPS.map((g) => (
            <option key={g} value={g}>
              {groupLabel(g, lang)}
            </option>
          ))}
        </select>
      </div>
      <DateField
        id="rp-ext-expires"
        label={x.fExpires}
        hint={x.fExpiresHint(formatDate(round.endsOn, lang))}
        value={expires}
        onChange={setExpires}
        error={errors['rp-ext-expires']}
      />
      <button type="submit" className="button" disabled={busy}>
        {x.addExternal}
      </button>
    </form>
  );
}

type FrameworkRecord = Record<string, FrameworkValue>;
/** What „Aus dem Monitoring vorbelegen“ did with one field. */
type PrefillInfo = { kind: 'filled' } | { kind: 'none' } | { kind: 'kept'; indicator: string };

function FrameworkForm({ round }: { round: Round }) {
  const x = useAssessmentTexts();
  const { lang } = useI18n();
  const uid = useId();
  const { api: base } = useBases();
  const path = `${base}/rounds/${seg(round.id)}/framework`;
  const instruments = useLoad(`${base}/instruments`, () => api.get<Instrument[]>(`${base}/instruments`));
  const defs = useMemo(
    () => instruments.data?.find((i) => i.id === round.instrumentId)?.content.frameworkConditions ?? [],
    [instruments.data, round.instrumentId],
  );
  const loaded = useLoad(path, () => api.get<FrameworkRecord>(path));
  const [draft, setDraft] = useState<Record<string, { input: string; value: FrameworkValue }> | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState('');
  const [prefillStatus, setPrefillStatus] = useState('');
  const [prefillInfo, setPrefillInfo] = useState<Record<string, PrefillInfo>>({});
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const closed = round.status === 'closed';

  const current = useMemo(() => {
    if (draft) return draft;
    const out: Record<string, { input: string; value: FrameworkValue }> = {};
    for (const d of defs) {
      const v = loaded.data?.[d.key] ?? { value: null, source: 'manual' as const };
      out[d.key] = { input: d.kind === 'number' ? numberToInput(v.value, lang) : (v.value ?? ''), value: v };
    }
    return out;
  }, [draft, defs, loaded.data, lang]);

  const setInput = (d: FrameworkConditionDef, input: string) => {
    setPrefillInfo((info) => {
      const rest = { ...info };
      delete rest[d.key];
      return rest;
    });
    setDraft({
      ...current,
      [d.key]: {
        input,
        // Changed by hand: the value no longer comes from the indicator.
        value: {
          ...(current[d.key]?.value ?? { value: null }),
          source: 'manual',
          indicatorId: null,
          indicatorName: null,
          period: null,
        },
      },
    });
  };

  async function prefill() {
    setFailure(null);
    setStatus('');
    setPrefillStatus('');
    try {
      const suggestions = await api.get<Record<string, FrameworkValue | null>>(`${path}/prefill`);
      const next = { ...current };
      const info: Record<string, PrefillInfo> = {};
      const missing: string[] = [];
      const kept: string[] = [];
      for (const d of defs) {
        const s = suggestions[d.key];
        const mine = current[d.key];
        if (!s || s.value === null) {
          info[d.key] = { kind: 'none' };
          missing.push(d.name);
          continue;
        }
        // Own entries stay; a value taken from the monitoring earlier is refreshed.
        if (mine && mine.input.trim() && mine.value.source === 'manual') {
          info[d.key] = { kind: 'kept', indicator: s.indicatorName ?? '' };
          kept.push(d.name);
          continue;
        }
        info[d.key] = { kind: 'filled' };
        next[d.key] = { input: d.kind === 'number' ? numberToInput(s.value, lang) : s.value, value: s };
      }
      setDraft(next);
      setPrefillInfo(info);
      const filled = Object.values(info).filter((i) => i.kind === 'filled').length;
      setPrefillStatus(
        filled || kept.length ? x.prefillSummary(filled, defs.length, missing, kept) : x.prefillNone,
      );
    } catch (e) {
      setFailure(toFailure(e));
    }
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    setFailure(null);
    setStatus('');
    setPrefillStatus('');
    const errs: Record<string, string> = {};
    const body: FrameworkRecord = {};
    for (const d of defs) {
      const c = current[d.key];
      const input = c?.input ?? '';
      let value: string | null = input.trim() ? input.trim() : null;
      if (d.kind === 'number' && value !== null) {
        const n = inputToNumber(value, lang);
        if (n === null) {
          errs[`${uid}-${d.key}`] = x.errNumber(d.name);
          continue;
        }
        value = n;
      }
      body[d.key] = { ...(c?.value ?? { source: 'manual' }), value };
    }
    setErrors(errs);
    const first = Object.keys(errs)[0];
    if (first) {
      document.getElementById(first)?.focus();
      return;
    }
    setBusy(true);
    try {
      await api.put(path, body);
      setStatus(x.frameworkSaved);
      setDraft(null);
      setPrefillInfo({});
      loaded.reload();
    } catch (err) {
      setFailure(toFailure(err));
    } finally {
      setBusy(false);
    }
  }

  const sourceText = (v: FrameworkValue | undefined) =>
    v?.source === 'indicator' ? x.fromMonitoring(v.indicatorName ?? '', periodText(v.period, lang)) : null;

  if (closed) {
    // Closed means read-only: the values as text, no fields, no prefill, no save.
    return (
      <Section id="rp-framework" title={x.frameworkHeading}>
        <p>{x.frameworkClosed}</p>
        <LoadState loaded={loaded} />
        {defs.length === 0 && instruments.data ? <p>{x.frameworkNone}</p> : null}
        {defs.length > 0 && loaded.data ? (
          <dl className="details as-framework-readonly">
            {defs.map((d) => {
              const v = loaded.data?.[d.key];
              const source = sourceText(v);
              const shown =
                v?.value == null || v.value === ''
                  ? x.frameworkEmpty
                  : d.kind === 'number' && Number.isFinite(Number(v.value))
                    ? formatNumber(Number(v.value), lang, v.value.split('.')[1]?.length ?? 0)
                    : v.value;
              return (
                <Fragment key={d.key}>
                  <dt>{d.name}</dt>
                  <dd className="pre-line">
                    {shown}
                    {d.kind === 'number' && d.unit && v?.value ? ` ${d.unit}` : ''}
                    {source ? <span className="hint-block">{source}</span> : null}
                  </dd>
                </Fragment>
              );
            })}
          </dl>
        ) : null}
      </Section>
    );
  }

  return (
    <Section id="rp-framework" title={x.frameworkHeading}>
      <p>{x.frameworkRoundText}</p>
      <LoadState loaded={loaded} />
      {defs.length === 0 && instruments.data ? <p>{x.frameworkNone}</p> : null}
      {defs.length > 0 ? (
        <form
          className="form as-form"
          noValidate
          onSubmit={(e) => void save(e)}
          aria-labelledby="rp-framework"
        >
          <ErrorAlert error={failure} />
          <p>
            <button type="button" className="button button-secondary" onClick={() => void prefill()}>
              {x.prefill}
            </button>
          </p>
          <p className="hint">{x.prefillHint}</p>
          <StatusMessage>{prefillStatus || null}</StatusMessage>
          {(['ressourcen', 'struktur'] as const).map((g) => {
            const items = defs.filter((d) => d.group === g);
            if (!items.length) return null;
            return (
              <fieldset key={g}>
                <legend>{x.frameworkGroup[g]}</legend>
                {items.map((d) => {
                  const id = `${uid}-${d.key}`;
                  const c = current[d.key];
                  const err = errors[id];
                  const info = prefillInfo[d.key];
                  const source =
                    info?.kind === 'none'
                      ? x.prefillNoSource
                      : info?.kind === 'kept'
                        ? x.prefillKept(info.indicator)
                        : sourceText(c?.value);
                  const hint = [d.hint, d.kind === 'number' && d.unit ? x.unitLabel(d.unit) : null]
                    .filter(Boolean)
                    .join(' · ');
                  const describe = describedBy(
                    hint && `${id}-hint`,
                    source && `${id}-src`,
                    err && `${id}-error`,
                  );
                  return (
                    <div key={d.key} className={err ? 'field field-invalid' : 'field'}>
                      <label htmlFor={id}>{d.name}</label>
                      {hint ? (
                        <p className="hint" id={`${id}-hint`}>
                          {hint}
                        </p>
                      ) : null}
                      {d.kind === 'number' ? (
                        <input
                          id={id}
                          type="text"
                          inputMode="decimal"
                          className="input-short as-number"
                          value={c?.input ?? ''}
                          aria-invalid={err ? true : undefined}
                          aria-describedby={describe}
                          onChange={(e) => setInput(d, e.target.value)}
                        />
                      ) : (
                        <textarea
                          id={id}
                          rows={3}
                          value={c?.input ?? ''}
                          aria-invalid={err ? true : undefined}
                          aria-describedby={describe}
                          onChange={(e) => setInput(d, e.target.value)}
                        />
                      )}
                      {source ? (
                        <p
                          className={`hint as-source${info ? ` as-prefill-${info.kind}` : ''}`}
                          id={`${id}-src`}
                        >
                          {source}
                        </p>
                      ) : null}
                      {err ? (
                        <p className="field-error" id={`${id}-error`}>
                          {err}
                        </p>
                      ) : null}
                    </div>
                  );
                })}
              </fieldset>
            );
          })}
          <button type="submit" className="button" disabled={busy}>
            {x.saveFramework}
          </button>
          <StatusMessage>{status || null}</StatusMessage>
        </form>
      ) : null}
    </Section>
  );
}
