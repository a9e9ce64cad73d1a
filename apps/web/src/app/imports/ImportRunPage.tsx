import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { hasPermission, type Area, type ImportOptions, type ImportRunDetail } from '@dkbm/contract';
import { api, seg, toFailure, type ApiFailure } from '../api';
import { useLoad } from '../hooks';
import { useI18n } from '../i18n';
import { useSession } from '../session';
import { useTenant } from '../tenant';
import { ErrorAlert, Loading, StatusMessage } from '../components/Feedback';
import { ConfirmAction } from '../components/ConfirmAction';
import { useImportTexts, type ImportTexts } from './texts';
import { BUSY_STATUSES, CODE_PATTERN, ErrorSummary, ImportsFrame, num, useBases } from './shared';
import { useImportRun } from './useImportRun';
import {
  progressAnnouncement,
  RunErrorDetails,
  RunProgress,
  Stepper,
  stepOf,
  useAnnounced,
} from './RunParts';
import {
  analysedCreateAreas,
  boundariesChanged,
  boundarySettings,
  commitOptions,
  initialDraft,
  measureDraft,
  valuesToWrite,
  type Draft,
} from './draft';
import { FileInfo, DimensionsReview, MeasuresEditor, PeriodsAndFlags, Warnings } from './StatisticsReview';
import { MappingForm } from './MappingForm';
import { BoundariesReview } from './BoundariesReview';
import { KeyReportView } from './KeyReportView';
import { ResultView } from './ResultView';

type FieldError = { field: string; message: string };

const isIsoDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s);

/** Field errors of the draft before a commit (German/English), each linked to its control. */
function validate(run: ImportRunDetail, d: Draft, x: ImportTexts): FieldError[] {
  const errs: FieldError[] = [];
  const a = run.analysis;
  if (!a) return errs;
  if (a.kind === 'statistics') {
    const active = a.measures.filter((m) => !measureDraft(d, m).skip);
    if (a.measures.length && !active.length) errs.push({ field: 'm-skip-0', message: x.allSkipped });
    a.measures.forEach((m, i) => {
      const md = measureDraft(d, m);
      if (md.skip) return;
      if (!CODE_PATTERN.test(md.code.trim()))
        errs.push({ field: `m-code-${i}`, message: x.codeInvalid(m.name) });
      if (!md.nameDe.trim()) errs.push({ field: `m-name-${i}`, message: x.nameMissing(m.name) });
    });
    a.dimensions.forEach((dim, i) => {
      const n = d.dimensionNames[dim.key];
      if (n !== undefined && !n.trim())
        errs.push({ field: `dim-name-${i}`, message: x.dimensionNameMissing(dim.name) });
    });
  } else {
    if (d.validFrom && !isIsoDate(d.validFrom))
      errs.push({ field: 'valid-from', message: x.dateInvalid(x.validFromLabel) });
    if (d.validTo && !isIsoDate(d.validTo))
      errs.push({ field: 'valid-to', message: x.dateInvalid(x.validToLabel) });
    else if (d.validTo && d.validFrom && d.validTo < d.validFrom)
      errs.push({ field: 'valid-to', message: x.validToBeforeFrom });
  }
  return errs;
}

/** Keys that still block the import (no manual mapping, not skipped). */
function unresolvedKeys(run: ImportRunDetail, d: Draft) {
  if (d.skipUnmatched) return [];
  return (run.analysis?.keys.unmatched ?? []).flatMap((u, i) =>
    d.keyMappings[u.code] ? [] : [{ code: u.code, i }],
  );
}

function ReadyView({
  run,
  draft,
  onDraft,
  busy,
  readOnly,
  onAnalyze,
  onCommit,
  onDiscard,
}: {
  run: ImportRunDetail;
  readOnly: boolean;
  draft: Draft;
  onDraft: (patch: Partial<Draft>) => void;
  busy: boolean;
  onAnalyze: (options: ImportOptions) => void;
  onCommit: (options: ImportOptions) => void;
  onDiscard: () => void;
}) {
  const x = useImportTexts();
  const { lang } = useI18n();
  const { api: base } = useBases();
  const areas = useLoad(`${base}/areas`, () => api.get<Area[]>(`${base}/areas`));
  const [errors, setErrors] = useState<FieldError[]>([]);
  const a = run.analysis!;
  const byField = Object.fromEntries(errors.map((e) => [e.field, e.message]));
  const unresolved = unresolvedKeys(run, draft);
  const createChanged = draft.createAreas !== analysedCreateAreas(run);
  const settingsChanged = boundariesChanged(draft, run) || createChanged;
  const toWrite = a.kind === 'statistics' && !a.needsMapping ? valuesToWrite(a, draft) : null;
  const nothing = toWrite === 0 && !unresolved.length && !settingsChanged;
  const blocked = unresolved.length > 0 || settingsChanged || nothing;

  if (a.kind === 'statistics' && a.needsMapping) {
    const inspection = a.inspection;
    return (
      <>
        <div id="run-state-heading" tabIndex={-1} className="sr-only">
          {x.mappingHeading}
        </div>
        <FileInfo analysis={a} fileName={run.fileName} />
        {inspection ? (
          <MappingForm
            inspection={inspection}
            initial={draft.mapping}
            initialLevel={draft.level}
            fileName={run.fileName}
            busy={busy}
            onSubmit={(mapping, level) => {
              onDraft({ mapping, level });
              // „Unbekannte Gebiete anlegen“ is not shown yet: the server chooses its default for the file.
              onAnalyze({ mapping, ...(level ? { level } : {}) });
            }}
          />
        ) : null}
        <DiscardSection run={run} busy={busy} onDiscard={onDiscard} />
      </>
    );
  }

  function commit() {
    const errs = validate(run, draft, x);
    if (unresolved.length) {
      for (const u of unresolved) errs.push({ field: `key-map-${u.i}`, message: x.commitBlockedOne(u.code) });
      errs.push({ field: 'skip-unmatched', message: x.commitBlocked(unresolved.length) });
    }
    if (settingsChanged)
      errs.push({ field: a.kind === 'boundaries' ? 'b-crs' : 'create-areas', message: x.mustReanalyze });
    else if (nothing) errs.push({ field: 'create-areas', message: x.nothingToWrite });
    setErrors(errs);
    if (errs.length) return;
    onCommit(commitOptions(run, draft));
  }

  const reanalyze = () => {
    if (a.kind === 'boundaries') {
      const errs = validate(run, draft, x);
      setErrors(errs);
      if (errs.length) return;
      onAnalyze({ ...boundarySettings(draft), createAreas: draft.createAreas });
    } else {
      onAnalyze({ ...run.options, createAreas: draft.createAreas });
    }
  };

  return (
    <>
      <div id="run-state-heading" tabIndex={-1} className="sr-only">
        {x.steps[2]}
      </div>
      <ErrorSummary errors={errors} id="commit-errors" />
      {a.kind === 'statistics' ? (
        <>
          <FileInfo analysis={a} fileName={run.fileName} />
          {a.format === 'tidy-csv' || a.format === 'tidy-xlsx' ? (
            <p>
              <button
                type="button"
                className="button button-secondary"
                disabled={busy}
                onClick={() => onAnalyze({ createAreas: draft.createAreas })}
              >
                {x.changeMapping}
              </button>
            </p>
          ) : null}
          <Warnings warnings={a.warnings} />
          <MeasuresEditor analysis={a} draft={draft} onDraft={onDraft} errors={byField} />
          <DimensionsReview analysis={a} draft={draft} onDraft={onDraft} errors={byField} />
          <PeriodsAndFlags analysis={a} />
        </>
      ) : (
        <>
          <Warnings warnings={a.warnings} />
          <BoundariesReview
            analysis={a}
            fileName={run.fileName}
            draft={draft}
            onDraft={onDraft}
            areas={areas.data ?? []}
            errors={byField}
            changed={settingsChanged}
            busy={busy}
            onReanalyze={reanalyze}
          />
        </>
      )}
      {run.error ? (
        <div className="alert alert-error" role="alert">
          <p>
            <strong>{x.unmatchedError}</strong>
          </p>
          <RunErrorDetails error={run.error} />
        </div>
      ) : null}
      <ErrorAlert error={areas.error} />
      <KeyReportView
        report={a.keys}
        done={false}
        editable
        draft={draft}
        onDraft={onDraft}
        areas={areas.data ?? []}
        createPreview={a.kind === 'statistics' ? a.createPreview : undefined}
      />
      {createChanged && a.kind === 'statistics' ? (
        <p>
          <button type="button" className="button" disabled={busy} onClick={reanalyze}>
            {x.reanalyze}
          </button>
        </p>
      ) : null}
      {readOnly ? (
        <NotOwnRun run={run} />
      ) : (
        <section aria-labelledby="commit-heading" className="commit">
          <h2 id="commit-heading">{x.commitHeading}</h2>
          <p>{x.commitText}</p>
          {a.kind === 'statistics' ? (
            <>
              <p data-testid="commit-count">{x.commitReadyCount(num(toWrite ?? a.rows, lang))}</p>
              {toWrite !== null && toWrite < a.rows ? (
                <p className="hint">{x.commitLeftOut(num(a.rows - toWrite, lang))}</p>
              ) : null}
            </>
          ) : (
            <p>{x.commitReadyBoundaries(num(a.features, lang))}</p>
          )}
          <p id="commit-blocked" className={blocked ? 'alert alert-warning' : 'sr-only'}>
            {settingsChanged
              ? x.mustReanalyze
              : unresolved.length
                ? x.commitBlocked(unresolved.length)
                : nothing
                  ? x.nothingToWrite
                  : ''}
          </p>
          <div className="actions row-actions-inline">
            <button
              type="button"
              className="button"
              aria-disabled={blocked || busy ? true : undefined}
              aria-describedby={blocked ? 'commit-blocked' : undefined}
              onClick={() => {
                if (!busy) commit();
              }}
            >
              {x.commitButton}
            </button>
          </div>
        </section>
      )}
      {readOnly ? null : <DiscardSection run={run} busy={busy} onDiscard={onDiscard} />}
    </>
  );
}

/** A contributor looking at someone else's run: what they may not do, and who may. */
function NotOwnRun({ run }: { run: ImportRunDetail }) {
  const x = useImportTexts();
  return (
    <p className="alert alert-warning" data-testid="not-own-run">
      {x.notOwnRun(run.createdBy ? run.createdByName : null)}
    </p>
  );
}

function DiscardSection({
  run,
  busy,
  onDiscard,
}: {
  run: ImportRunDetail;
  busy: boolean;
  onDiscard: () => void;
}) {
  const x = useImportTexts();
  return (
    <div className="discard">
      <ConfirmAction
        label={x.discard}
        question={x.discardQuestion(run.fileName)}
        confirmLabel={x.discardConfirm}
        busy={busy}
        onConfirm={onDiscard}
      />
    </div>
  );
}

function FailedView({
  run,
  draft,
  busy,
  readOnly,
  onAnalyze,
  onDiscard,
}: {
  run: ImportRunDetail;
  readOnly: boolean;
  draft: Draft;
  busy: boolean;
  onAnalyze: (options: ImportOptions) => void;
  onDiscard: () => void;
}) {
  const x = useImportTexts();
  const { app } = useBases();
  const a = run.analysis;
  const inspection = a?.kind === 'statistics' && a.needsMapping ? a.inspection : undefined;
  return (
    <>
      <section aria-labelledby="run-state-heading" className="failed">
        <h2 id="run-state-heading" tabIndex={-1}>
          <span aria-hidden="true">✗ </span>
          {x.failedHeading}
        </h2>
        <div className="alert alert-error" role="alert">
          {run.error ? <RunErrorDetails error={run.error} /> : null}
          <p>{x.failedNothingChanged}</p>
        </div>
        <h3>{x.nextStepsHeading}</h3>
        <ul>
          <li>{x.nextStepsFile}</li>
          {inspection ? <li>{x.nextStepsMapping}</li> : null}
          {a?.kind === 'boundaries' ? <li>{x.nextStepsBoundaries}</li> : null}
        </ul>
        <p className="row-actions-inline">
          <Link className="button" to={`${app}/import`}>
            {x.uploadAgain}
          </Link>
        </p>
      </section>
      {inspection ? (
        <MappingForm
          inspection={inspection}
          initial={draft.mapping ?? run.options?.mapping ?? null}
          initialLevel={draft.level}
          fileName={run.fileName}
          busy={busy}
          onSubmit={(mapping, level) => onAnalyze({ mapping, ...(level ? { level } : {}) })}
        />
      ) : null}
      {a?.kind === 'boundaries' ? (
        <p>
          <button
            type="button"
            className="button button-secondary"
            disabled={busy}
            onClick={() => onAnalyze({})}
          >
            {x.reanalyze}
          </button>
        </p>
      ) : null}
      {run.kind === 'boundaries' && run.error?.field === 'keyProperty' ? (
        <KeyPropertyPicker message={run.error.message} busy={busy} onAnalyze={onAnalyze} />
      ) : null}
      {readOnly ? <NotOwnRun run={run} /> : <DiscardSection run={run} busy={busy} onDiscard={onDiscard} />}
    </>
  );
}

/** Boundaries without a recognisable key property: choose one of the properties the server names. */
function KeyPropertyPicker({
  message,
  busy,
  onAnalyze,
}: {
  message: string;
  busy: boolean;
  onAnalyze: (options: ImportOptions) => void;
}) {
  const x = useImportTexts();
  const names = (/\(vorhanden: ([^)]*)\)/.exec(message)?.[1] ?? '')
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n && n !== 'keine');
  const [value, setValue] = useState(names[0] ?? '');
  if (!names.length) return null;
  return (
    <form
      className="boundary-settings"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onAnalyze({ keyProperty: value });
      }}
    >
      <div className="field">
        <label htmlFor="b-key-failed">{x.keyPropertyLabel}</label>
        <select id="b-key-failed" value={value} onChange={(e) => setValue(e.target.value)}>
          {names.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button" disabled={busy}>
        {x.reanalyze}
      </button>
    </form>
  );
}

/** /t/:slug/monitoring/import/:runId – the wizard of one import: check, assign, import, result. */
export function ImportRunPage() {
  const x = useImportTexts();
  const { lang } = useI18n();
  const tenant = useTenant();
  const { session } = useSession();
  const { runId = '' } = useParams();
  const { api: base, app } = useBases();
  const { run, error, refresh } = useImportRun(base, runId);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [lastAction, setLastAction] = useState<'analyze' | 'commit' | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [discarded, setDiscarded] = useState(false);
  const lastStatus = useRef<string | null>(null);

  useEffect(() => {
    if (run && !draft) setDraft(initialDraft(run));
  }, [run, draft]);

  // Each finished analysis says how „Unbekannte Gebiete anlegen“ was set (its default depends on the
  // file): the checkbox follows it, until the user changes it again.
  const analysedCreate = run?.status === 'ready' && run.analysis ? analysedCreateAreas(run) : null;
  useEffect(() => {
    if (analysedCreate === null) return;
    setDraft((d) => (d && d.createAreas !== analysedCreate ? { ...d, createAreas: analysedCreate } : d));
  }, [analysedCreate, run?.status]);

  // Statistics measures appear after a mapping step: give them their defaults.
  useEffect(() => {
    if (!run || !draft || run.analysis?.kind !== 'statistics') return;
    const missing = run.analysis.measures.filter((m) => !draft.measures[m.key]);
    if (missing.length) {
      // A functional update: other effects may have changed the draft in the same render.
      setDraft((d) => ({
        ...d!,
        measures: {
          ...d!.measures,
          ...Object.fromEntries(
            missing.map((m) => [
              m.key,
              { code: m.suggestedCode, nameDe: m.name, topic: '' as const, skip: false },
            ]),
          ),
        },
      }));
    }
  }, [run, draft]);

  // After a job the user started has ended, focus moves to the heading of the new state.
  useEffect(() => {
    const prev = lastStatus.current;
    lastStatus.current = run?.status ?? null;
    if (!run || !prev || prev === run.status || !lastAction) return;
    if (BUSY_STATUSES.has(run.status)) {
      document.getElementById('run-progress-bar')?.focus();
      return;
    }
    requestAnimationFrame(() => document.getElementById('run-state-heading')?.focus());
  }, [run, lastAction]);

  async function post(action: 'analyze' | 'commit', options: ImportOptions) {
    setBusy(true);
    setFailure(null);
    setMessage(null);
    setLastAction(action);
    try {
      await api.post(`${base}/imports/${seg(runId)}/${action}`, options);
      refresh();
    } catch (e) {
      setFailure(toFailure(e));
    } finally {
      setBusy(false);
    }
  }

  async function undo() {
    setBusy(true);
    setFailure(null);
    try {
      const u = await api.post<{ removed: number; restored: number }>(`${base}/imports/${seg(runId)}/undo`);
      setMessage(x.undone(num(u.removed, lang), num(u.restored, lang)));
      setLastAction('commit');
      refresh();
    } catch (e) {
      setFailure(toFailure(e));
    } finally {
      setBusy(false);
    }
  }

  async function discard() {
    setBusy(true);
    setFailure(null);
    try {
      await api.del(`${base}/imports/${seg(runId)}`);
      setDiscarded(true);
    } catch (e) {
      setFailure(toFailure(e));
    } finally {
      setBusy(false);
    }
  }

  const onDraft = (patch: Partial<Draft>) => setDraft((d) => (d ? { ...d, ...patch } : d));
  const title = run ? x.runTitle(run.fileName) : x.runDocTitle;
  // One rule with the server (ADR 2): editors and admins every run, contributors their own.
  const mayChange =
    !!run &&
    (hasPermission(tenant.role, 'data.write') || (!!run.createdBy && run.createdBy === session.user?.id));
  const step = run ? stepOf(run, lastAction) : null;
  const announced = useAnnounced(run ? progressAnnouncement(run, x) : '');

  return (
    <ImportsFrame title={title} docTitle={x.runDocTitle} permission="data.contribute">
      <p>
        <Link to={`${app}/import`}>
          <span aria-hidden="true">← </span>
          {x.backToList}
        </Link>
      </p>
      {discarded ? (
        <StatusMessage>{run ? x.discarded(run.fileName) : null}</StatusMessage>
      ) : (
        <>
          {step ? <Stepper current={step.current} failed={step.failed} /> : null}
          <p role="status" aria-live="polite" className="sr-only">
            {announced}
          </p>
          <StatusMessage>{message}</StatusMessage>
          <ErrorAlert error={failure} />
          {!run && !error ? <Loading /> : null}
          {error && !run ? (
            <div role="alert" className="alert alert-error">
              {x.loadFailed} {error.message}
            </div>
          ) : null}
          {run && BUSY_STATUSES.has(run.status) ? <RunProgress run={run} /> : null}
          {run && draft && run.status === 'failed' ? (
            <FailedView
              run={run}
              draft={draft}
              busy={busy}
              readOnly={!mayChange}
              onAnalyze={(o) => void post('analyze', o)}
              onDiscard={() => void discard()}
            />
          ) : null}
          {run && draft && run.status === 'ready' && run.analysis ? (
            <ReadyView
              run={run}
              draft={draft}
              onDraft={onDraft}
              busy={busy}
              readOnly={!mayChange}
              onAnalyze={(o) => void post('analyze', o)}
              onCommit={(o) => void post('commit', o)}
              onDiscard={() => void discard()}
            />
          ) : null}
          {run && run.result && (run.status === 'done' || run.status === 'undone') ? (
            <ResultView
              run={run}
              result={run.result}
              mayUndo={mayChange}
              busy={busy}
              onUndo={() => void undo()}
            />
          ) : null}
        </>
      )}
    </ImportsFrame>
  );
}
