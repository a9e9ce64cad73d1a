import { useEffect, useRef, useState } from 'react';
import type { ImportRunDetail } from '@dkbm/contract';
import { useImportTexts } from './texts';

/** Index of the wizard step (0 Hochladen … 4 Ergebnis) a run is in, and whether that step failed. */
export function stepOf(
  run: ImportRunDetail,
  lastAction: 'analyze' | 'commit' | null,
): { current: number; failed: boolean } {
  switch (run.status) {
    case 'uploaded':
    case 'analyzing':
      return { current: 1, failed: false };
    case 'ready':
      return { current: 2, failed: false };
    case 'importing':
      return { current: 3, failed: false };
    case 'done':
    case 'undone':
      return { current: 4, failed: false };
    case 'failed': {
      if (lastAction === 'commit') return { current: 3, failed: true };
      if (!run.analysis) return { current: 1, failed: true };
      if (lastAction === 'analyze' || (run.analysis.kind === 'statistics' && run.analysis.needsMapping))
        return { current: 2, failed: true };
      return { current: 3, failed: true };
    }
  }
}

/** The five steps of the wizard as an ordered list; the current one carries aria-current="step". */
export function Stepper({ current, failed }: { current: number; failed: boolean }) {
  const x = useImportTexts();
  const finished = current === 4 && !failed;
  return (
    <nav aria-label={x.stepsLabel} className="stepper">
      <ol>
        {x.steps.map((label, i) => {
          const done = i < current || (finished && i === current);
          const isCurrent = i === current;
          const state = isCurrent && failed ? 'failed' : done ? 'done' : isCurrent ? 'current' : 'todo';
          return (
            <li key={label} className={`step step-${state}`} aria-current={isCurrent ? 'step' : undefined}>
              <span className="step-marker" aria-hidden="true">
                {state === 'done' ? '✓' : state === 'failed' ? '!' : i + 1}
              </span>
              <span className="step-label">
                {label}
                <span className="sr-only">
                  {' '}
                  {state === 'failed'
                    ? x.stepFailed
                    : state === 'done'
                      ? x.stepDone
                      : state === 'current'
                        ? x.stepCurrent
                        : ''}
                </span>
              </span>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

const ANNOUNCE_MS = 4000;

/**
 * The text for a polite live region: a new stage ('Werte werden übernommen') is passed on at once, mere
 * number updates ('1000 von 5000 …') at most every few seconds, so that screen readers are not flooded.
 */
export function useAnnounced(text: string): string {
  const [announced, setAnnounced] = useState(text);
  const last = useRef({ at: Date.now(), stage: text.replace(/[\d.,]+/g, '#') });
  useEffect(() => {
    const stage = text.replace(/[\d.,]+/g, '#');
    const wait = stage !== last.current.stage ? 0 : ANNOUNCE_MS - (Date.now() - last.current.at);
    const t = setTimeout(
      () => {
        last.current = { at: Date.now(), stage };
        setAnnounced(text);
      },
      Math.max(0, wait),
    );
    return () => clearTimeout(t);
  }, [text]);
  return announced;
}

/** What the live region says about a running job: its stage and percentage. */
export function progressAnnouncement(run: ImportRunDetail, x: ReturnType<typeof useImportTexts>): string {
  if (!['uploaded', 'analyzing', 'importing'].includes(run.status)) return '';
  const text = run.progressText ?? (run.status === 'importing' ? x.progressImporting : x.progressAnalyzing);
  return `${text} (${x.progressPercent(Math.max(0, Math.min(100, run.progress)))})`;
}

/** Progress of the background job: a real <progress> element; the page's live region announces it. */
export function RunProgress({ run }: { run: ImportRunDetail }) {
  const x = useImportTexts();
  const importing = run.status === 'importing';
  const text = run.progressText ?? (importing ? x.progressImporting : x.progressAnalyzing);
  const pct = Math.max(0, Math.min(100, run.progress));
  return (
    <section aria-labelledby="run-state-heading" className="run-progress">
      <h2 id="run-state-heading" tabIndex={-1}>
        {importing ? x.steps[3] : x.steps[1]}
      </h2>
      <div className="progress-row">
        <label htmlFor="run-progress-bar">{x.progressLabel}</label>
        <progress id="run-progress-bar" max={100} value={pct} aria-describedby="run-progress-text">
          {x.progressPercent(pct)}
        </progress>
        <span className="progress-percent" aria-hidden="true">
          {x.progressPercent(pct)}
        </span>
      </div>
      <p id="run-progress-text" className="progress-text">
        {text}
      </p>
      <p className="hint">{x.progressNote}</p>
    </section>
  );
}

/** The reason of a failed run: message, and file, line, column and field as a list. */
export function RunErrorDetails({ error }: { error: NonNullable<ImportRunDetail['error']> }) {
  const x = useImportTexts();
  const rows: Array<[string, string]> = [];
  if (error.file) rows.push([x.errFile, error.file]);
  if (error.line !== undefined) rows.push([x.errLine, String(error.line)]);
  if (error.column !== undefined) rows.push([x.errColumn, String(error.column)]);
  if (error.field) rows.push([x.errField, error.field]);
  return (
    <>
      <p className="error-message">{error.message}</p>
      {rows.length ? (
        <dl className="details error-location">
          {rows.map(([k, v]) => (
            <div key={k} className="details-row">
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
      ) : null}
    </>
  );
}
