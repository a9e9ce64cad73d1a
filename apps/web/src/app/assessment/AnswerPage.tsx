/**
 * Answering a round (any invited member): one fieldset per component with the guiding question, the
 * four types as radio buttons with their full text and „kann ich nicht einschätzen“, comment, evidence
 * link and file. Choices are saved at once, texts when the field is left, and each component has a
 * save button as a fallback; a live region tells what was saved. Read-only once the round is closed.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import type { Answer, InstrumentComponent, RaterView } from '@dkbm/contract';
import { answerSchema } from '@dkbm/contract/assessment';
import { api, toFailure, type ApiFailure } from '../api';
import { formatDateTime, useI18n } from '../i18n';
import { useLoad } from '../hooks';
import { Section } from '../components/Page';
import { ErrorAlert } from '../components/Feedback';
import { ConfirmAction } from '../components/ConfirmAction';
import { describedBy } from '../components/Fields';
import { seg, useBases } from './client';
import { AssessmentFrame, ErrorSummary, LoadState } from './common';
import { answeredCount, componentName, formatSize, isAnswered, isHttpUrl } from './model';
import { useAssessmentTexts } from './texts';

interface Draft {
  /** '1'..'4', 'cannot' or '' (unanswered). */
  choice: string;
  comment: string;
  evidenceUrl: string;
}

type SaveState =
  | { kind: 'idle' }
  | { kind: 'dirty' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: string }
  /** Saved, but without the evidence link the person typed (it is invalid): never shown as „saved“. */
  | { kind: 'partial'; at: string }
  | { kind: 'error'; failure: ApiFailure };

const draftOf = (a: Answer | undefined): Draft => ({
  choice: a?.cannotAssess ? 'cannot' : a?.level ? String(a.level) : '',
  comment: a?.comment ?? '',
  evidenceUrl: a?.evidenceUrl ?? '',
});

const fieldId = (key: string, part: string) => `ans-${key}-${part}`;

export function AnswerPage() {
  const x = useAssessmentTexts();
  const { roundId } = useParams();
  const { api: base } = useBases();
  const path = `${base}/rounds/${seg(roundId ?? '')}/my`;
  const view = useLoad(path, () => api.get<RaterView>(path));
  const v = view.data;
  const notInvited = view.error && (view.error.status === 403 || view.error.status === 404);
  return (
    <AssessmentFrame
      title={v ? x.answerTitle(v.round.title) : x.answerTitleShort}
      docTitle={v ? x.answerTitle(v.round.title) : x.answerTitleShort}
      round={v?.round}
    >
      {notInvited ? (
        <p className="alert alert-warning">
          {view.error?.code === 'not_invited' ? x.notInvited : view.error?.message}
        </p>
      ) : (
        <LoadState loaded={view} />
      )}
      {v ? <AnswerForm key={v.round.id} view={v} path={path} /> : null}
    </AssessmentFrame>
  );
}

function AnswerForm({ view, path }: { view: RaterView; path: string }) {
  const x = useAssessmentTexts();
  const { lang } = useI18n();
  const components = view.instrument.components;
  const keys = components.map((c) => c.key);
  const [answers, setAnswers] = useState<Record<string, Answer>>(() =>
    Object.fromEntries(view.answers.map((a) => [a.componentKey, a])),
  );
  const [drafts, setDrafts] = useState<Record<string, Draft>>(() =>
    Object.fromEntries(
      components.map((c) => [c.key, draftOf(view.answers.find((a) => a.componentKey === c.key))]),
    ),
  );
  const [states, setStates] = useState<Record<string, SaveState>>({});
  const [urlErrors, setUrlErrors] = useState<Record<string, string>>({});
  const [live, setLive] = useState('');
  const [submittedAt, setSubmittedAt] = useState(view.submittedAt);
  const [status, setStatus] = useState(view.round.status);
  const [submitErrors, setSubmitErrors] = useState<Array<{ field: string; message: string }>>([]);
  const [submitFailure, setSubmitFailure] = useState<ApiFailure | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const draftsRef = useRef(drafts);
  draftsRef.current = drafts;
  const chains = useRef<Record<string, Promise<void>>>({});

  const closed = status === 'closed';
  const answered = answeredCount(Object.values(answers), keys);

  const nameOf = (key: string) => {
    const c = components.find((k) => k.key === key);
    return c ? componentName(c, lang) : key;
  };

  /** Saves the component's current draft; saves of one component run one after the other. */
  function save(key: string) {
    const run = async () => {
      const d = draftsRef.current[key];
      if (!d) return;
      const url = d.evidenceUrl.trim();
      const urlOk = !url || isHttpUrl(url);
      setUrlErrors((e) => ({ ...e, [key]: urlOk ? '' : x.errUrl }));
      const saved = answers[key];
      setStates((s) => ({ ...s, [key]: { kind: 'saving' } }));
      try {
        const a = await api.put(
          `${path}/answers/${seg(key)}`,
          {
            level: d.choice && d.choice !== 'cannot' ? Number(d.choice) : null,
            cannotAssess: d.choice === 'cannot',
            comment: d.comment.trim() || null,
            // An invalid address is not sent; the last saved one stays until it is corrected.
            evidenceUrl: urlOk ? url || null : (saved?.evidenceUrl ?? null),
          },
          answerSchema,
        );
        setAnswers((all) => ({ ...all, [key]: a }));
        const at = a.updatedAt ?? new Date().toISOString();
        const stillDirty = draftsRef.current[key] !== d;
        const done: SaveState = urlOk ? { kind: 'saved', at } : { kind: 'partial', at };
        setStates((s) => ({ ...s, [key]: stillDirty ? { kind: 'dirty' } : done }));
        setLive(urlOk ? x.savedLive(nameOf(key), timeOf(at, lang)) : x.savedWithoutUrl(nameOf(key)));
      } catch (e) {
        const failure = toFailure(e);
        setStates((s) => ({ ...s, [key]: { kind: 'error', failure } }));
        setLive(x.saveFailedLive(nameOf(key)));
        if (failure.code === 'round_closed') setStatus('closed');
      }
    };
    const prev = chains.current[key] ?? Promise.resolve();
    chains.current[key] = prev.then(run, run);
  }

  function change(key: string, patch: Partial<Draft>, saveNow: boolean) {
    const next = { ...(draftsRef.current[key] ?? draftOf(undefined)), ...patch };
    draftsRef.current = { ...draftsRef.current, [key]: next };
    setDrafts(draftsRef.current);
    setStates((s) => ({ ...s, [key]: { kind: 'dirty' } }));
    if (saveNow) save(key);
  }

  async function submit() {
    setSubmitFailure(null);
    const missing = components.filter((c) => !isAnswered(answers[c.key]));
    if (missing.length) {
      setSubmitErrors(
        missing.map((c) => ({ field: fieldId(c.key, '1'), message: x.unanswered(componentName(c, lang)) })),
      );
      return;
    }
    setSubmitErrors([]);
    setSubmitting(true);
    try {
      await Promise.all(Object.values(chains.current));
      const r = await api.post<RaterView>(`${path}/submit`);
      setSubmittedAt(r.submittedAt);
      setLive(x.submittedLive);
    } catch (e) {
      setSubmitFailure(toFailure(e));
    } finally {
      setSubmitting(false);
    }
  }

  if (closed) return <ReadOnly view={view} answers={answers} submittedAt={submittedAt} path={path} />;

  return (
    <>
      {view.round.purpose ? <p className="lead pre-line">{view.round.purpose}</p> : null}
      <p>{x.answerIntro(view.tenantName, formatDateTime(`${view.round.endsOn}T23:59:00`, lang))}</p>
      <div className="as-progress-box" aria-labelledby="ans-progress">
        <p id="ans-progress" className="as-progress-text">
          <strong>{x.answeredOf(answered, keys.length)}</strong>
          {submittedAt ? ` · ${x.submittedAtText(formatDateTime(submittedAt, lang))}` : ''}
        </p>
        <progress max={keys.length} value={answered} aria-labelledby="ans-progress" />
        <ol className="as-toc">
          {components.map((c) => (
            <li key={c.key}>
              <a href={`#ans-${c.key}`}>{componentName(c, lang)}</a>{' '}
              <span className={isAnswered(answers[c.key]) ? 'as-done' : 'as-open'}>
                {isAnswered(answers[c.key]) ? (
                  <>
                    <span aria-hidden="true">✓ </span>
                    {x.answered}
                  </>
                ) : (
                  <>
                    <span aria-hidden="true">○ </span>
                    {x.notAnswered}
                  </>
                )}
              </span>
            </li>
          ))}
        </ol>
        <p className="hint">{x.autosaveHint}</p>
      </div>
      <div role="status" aria-live="polite" className="sr-only" data-testid="save-live">
        {live}
      </div>

      {components.map((c, i) => (
        <ComponentFieldset
          key={c.key}
          index={i}
          component={c}
          draft={drafts[c.key] ?? draftOf(undefined)}
          answer={answers[c.key]}
          state={states[c.key] ?? { kind: 'idle' }}
          urlError={urlErrors[c.key] || ''}
          path={path}
          onChange={(patch, now) => change(c.key, patch, now)}
          onSave={() => save(c.key)}
          onUploaded={(a, message) => {
            setAnswers((all) => ({ ...all, [c.key]: a }));
            setLive(message);
          }}
        />
      ))}

      <Section id="ans-submit" title={x.submitHeading}>
        <ErrorSummary errors={submitErrors} id="ans-submit-errors" />
        <ErrorAlert error={submitFailure} />
        {submittedAt ? (
          <p className="alert alert-success">{x.submittedInfo(formatDateTime(submittedAt, lang))}</p>
        ) : (
          <>
            <p>{x.submitText}</p>
            {answered < keys.length ? (
              <button type="button" className="button" onClick={() => void submit()}>
                {x.submit}
              </button>
            ) : (
              <ConfirmAction
                label={x.submit}
                question={x.submitQuestion}
                confirmLabel={x.submitConfirm}
                onConfirm={() => void submit()}
                busy={submitting}
              />
            )}
          </>
        )}
      </Section>
    </>
  );
}

const timeOf = (iso: string, lang: 'de' | 'en') =>
  new Intl.DateTimeFormat(lang === 'de' ? 'de-DE' : 'en-GB', { timeStyle: 'short' }).format(new Date(iso));

function ComponentFieldset({
  index,
  component: c,
  draft,
  answer,
  state,
  urlError,
  path,
  onChange,
  onSave,
  onUploaded,
}: {
  index: number;
  component: InstrumentComponent;
  draft: Draft;
  answer: Answer | undefined;
  state: SaveState;
  urlError: string;
  path: string;
  onChange: (patch: Partial<Draft>, saveNow: boolean) => void;
  onSave: () => void;
  onUploaded: (a: Answer, message: string) => void;
}) {
  const x = useAssessmentTexts();
  const { lang } = useI18n();
  const name = componentName(c, lang);
  const stateId = fieldId(c.key, 'state');

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    onSave();
  }

  return (
    <form id={`ans-${c.key}`} className="as-answer" noValidate onSubmit={onSubmit} tabIndex={-1}>
      <h2 id={fieldId(c.key, 'h')}>
        {index + 1}. {name}
      </h2>
      <fieldset className="as-choices">
        <legend className="as-question">{c.question}</legend>
        {c.types.map((t, l) => {
          const value = String(l + 1);
          const id = fieldId(c.key, value);
          return (
            <div key={value} className="as-choice">
              <input
                id={id}
                type="radio"
                name={`ans-${c.key}`}
                value={value}
                checked={draft.choice === value}
                onChange={() => onChange({ choice: value }, true)}
              />
              <label htmlFor={id}>
                <span className="as-type-label">{x.typeN(l + 1)}</span>{' '}
                <span className="as-type-text">{t}</span>
              </label>
            </div>
          );
        })}
        <div className="as-choice as-choice-cannot">
          <input
            id={fieldId(c.key, 'cannot')}
            type="radio"
            name={`ans-${c.key}`}
            value="cannot"
            checked={draft.choice === 'cannot'}
            onChange={() => onChange({ choice: 'cannot' }, true)}
          />
          <label htmlFor={fieldId(c.key, 'cannot')}>{x.cannotAssess}</label>
        </div>
      </fieldset>
      <div className="field">
        <label htmlFor={fieldId(c.key, 'comment')}>{x.fComment}</label>
        <p className="hint" id={fieldId(c.key, 'comment-hint')}>
          {x.fCommentHint}
        </p>
        <textarea
          id={fieldId(c.key, 'comment')}
          rows={3}
          value={draft.comment}
          aria-describedby={fieldId(c.key, 'comment-hint')}
          onChange={(e) => onChange({ comment: e.target.value }, false)}
          onBlur={() => (state.kind === 'dirty' ? onSave() : undefined)}
        />
      </div>
      <div className={urlError ? 'field field-invalid' : 'field'}>
        <label htmlFor={fieldId(c.key, 'url')}>{x.fEvidenceUrl}</label>
        <p className="hint" id={fieldId(c.key, 'url-hint')}>
          {x.fEvidenceUrlHint}
        </p>
        <input
          id={fieldId(c.key, 'url')}
          type="url"
          inputMode="url"
          autoComplete="url"
          className="as-url"
          value={draft.evidenceUrl}
          aria-invalid={urlError ? true : undefined}
          aria-describedby={describedBy(fieldId(c.key, 'url-hint'), urlError && fieldId(c.key, 'url-error'))}
          onChange={(e) => onChange({ evidenceUrl: e.target.value }, false)}
          onBlur={() => (state.kind === 'dirty' ? onSave() : undefined)}
        />
        {urlError ? (
          <p className="field-error" id={fieldId(c.key, 'url-error')}>
            {urlError}
          </p>
        ) : null}
      </div>
      <Evidence componentKey={c.key} name={name} answer={answer} path={path} onUploaded={onUploaded} />
      <p className="as-save-row">
        <button type="submit" className="button button-secondary" aria-describedby={stateId}>
          {x.saveComponent}
          <span className="sr-only">: {name}</span>
        </button>{' '}
        <span id={stateId} className={`as-save-state as-save-${state.kind}`}>
          <SaveStateText state={state} answer={answer} />
        </span>
      </p>
      {state.kind === 'error' ? <ErrorAlert error={state.failure} /> : null}
    </form>
  );
}

function SaveStateText({ state, answer }: { state: SaveState; answer: Answer | undefined }) {
  const x = useAssessmentTexts();
  const { lang } = useI18n();
  switch (state.kind) {
    case 'saving':
      return <>{x.saving}</>;
    case 'saved':
      return (
        <>
          <span aria-hidden="true">✓ </span>
          {x.savedAt(timeOf(state.at, lang))}
        </>
      );
    case 'partial':
      return (
        <>
          <span aria-hidden="true">⚠ </span>
          {x.savedWithoutLink(timeOf(state.at, lang))}
        </>
      );
    case 'dirty':
      return (
        <>
          <span aria-hidden="true">● </span>
          {x.unsaved}
        </>
      );
    case 'error':
      return (
        <>
          <span aria-hidden="true">⚠ </span>
          {x.saveFailed}
        </>
      );
    default:
      return answer?.updatedAt ? (
        <>{x.lastSaved(formatDateTime(answer.updatedAt, lang))}</>
      ) : (
        <>{x.notSavedYet}</>
      );
  }
}

function Evidence({
  componentKey,
  name,
  answer,
  path,
  onUploaded,
}: {
  componentKey: string;
  name: string;
  answer: Answer | undefined;
  path: string;
  onUploaded: (a: Answer, message: string) => void;
}) {
  const x = useAssessmentTexts();
  const { lang } = useI18n();
  const { api: base } = useBases();
  const { roundId } = useParams();
  const input = useRef<HTMLInputElement>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const [missing, setMissing] = useState(false);
  const id = fieldId(componentKey, 'file');
  const file = answer?.evidenceFile;

  useEffect(() => setFailure(null), [file?.id]);

  async function send() {
    const f = input.current?.files?.[0];
    setFailure(null);
    if (!f) {
      setMissing(true);
      input.current?.focus();
      return;
    }
    setMissing(false);
    setBusy(true);
    try {
      const a = await api.upload(`${path}/answers/${seg(componentKey)}/evidence`, f, answerSchema);
      if (input.current) input.current.value = '';
      onUploaded(a, x.uploadedLive(f.name, name));
    } catch (e) {
      setFailure(toFailure(e));
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    setFailure(null);
    try {
      const a = await api.del<Answer>(`${path}/answers/${seg(componentKey)}/evidence`);
      onUploaded(a, x.removedLive(file?.name ?? '', name));
    } catch (e) {
      setFailure(toFailure(e));
    }
  }

  return (
    <div className={missing ? 'field field-invalid as-evidence' : 'field as-evidence'}>
      {file ? (
        <p className="as-file">
          {x.evidenceFile}:{' '}
          <a href={`${base}/rounds/${seg(roundId ?? '')}/files/${seg(file.id)}`}>{file.name}</a> (
          {formatSize(file.size, lang)}){' '}
          <ConfirmAction
            label={x.removeFile}
            srSuffix={`${file.name} (${name})`}
            question={x.removeFileQuestion(file.name)}
            confirmLabel={x.removeFileConfirm}
            onConfirm={() => void remove()}
          />
        </p>
      ) : null}
      <label htmlFor={id}>{file ? x.fReplaceFile : x.fEvidenceFile}</label>
      <p className="hint" id={`${id}-hint`}>
        {x.fEvidenceFileHint}
      </p>
      <div className="as-upload-row">
        <input
          ref={input}
          id={id}
          type="file"
          accept=".pdf,.png,.jpg,.jpeg,.gif,.webp,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp"
          aria-invalid={missing ? true : undefined}
          aria-describedby={describedBy(`${id}-hint`, missing && `${id}-error`)}
          onChange={() => setMissing(false)}
        />
        <button type="button" className="button button-secondary" disabled={busy} onClick={() => void send()}>
          {x.upload}
          <span className="sr-only">: {name}</span>
        </button>
      </div>
      {missing ? (
        <p className="field-error" id={`${id}-error`}>
          {x.errNoFile}
        </p>
      ) : null}
      <ErrorAlert error={failure} />
    </div>
  );
}

/** A closed round: the own answers as text. */
function ReadOnly({
  view,
  answers,
  submittedAt,
  path,
}: {
  view: RaterView;
  answers: Record<string, Answer>;
  submittedAt: string | null;
  path: string;
}) {
  const x = useAssessmentTexts();
  const { lang } = useI18n();
  const { app } = useBases();
  const roundBase = path.replace(/\/my$/, '');
  return (
    <>
      <p className="alert alert-warning">{x.closedReadOnly}</p>
      <p>
        {submittedAt ? x.submittedInfo(formatDateTime(submittedAt, lang)) : x.notSubmitted}{' '}
        <Link to={`${app}/runden/${seg(view.round.id)}/ergebnis`}>{x.toResults}</Link>
      </p>
      {view.instrument.components.map((c, i) => {
        const a = answers[c.key];
        return (
          <section key={c.key} className="as-answer" aria-labelledby={fieldId(c.key, 'h')}>
            <h2 id={fieldId(c.key, 'h')}>
              {i + 1}. {componentName(c, lang)}
            </h2>
            <p className="as-question">{c.question}</p>
            <dl className="details as-details">
              <dt>{x.yourRating}</dt>
              <dd>
                {a?.cannotAssess
                  ? x.cannotAssess
                  : a?.level
                    ? `${x.typeN(a.level)}: ${c.types[a.level - 1] ?? ''}`
                    : x.notAnswered}
              </dd>
              {a?.comment ? (
                <>
                  <dt>{x.fComment}</dt>
                  <dd className="pre-line">{a.comment}</dd>
                </>
              ) : null}
              {a?.evidenceUrl ? (
                <>
                  <dt>{x.fEvidenceUrl}</dt>
                  <dd className="break">
                    <a href={a.evidenceUrl} rel="noreferrer noopener">
                      {a.evidenceUrl}
                    </a>
                  </dd>
                </>
              ) : null}
              {a?.evidenceFile ? (
                <>
                  <dt>{x.evidenceFile}</dt>
                  <dd>
                    <a href={`${roundBase}/files/${seg(a.evidenceFile.id)}`}>{a.evidenceFile.name}</a>
                  </dd>
                </>
              ) : null}
            </dl>
          </section>
        );
      })}
    </>
  );
}
