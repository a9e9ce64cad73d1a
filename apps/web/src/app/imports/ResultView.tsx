import { Link } from 'react-router';
import type { ImportResult, ImportRunDetail, Indicator } from '@dkbm/contract';
import { api } from '../api';
import { useLoad } from '../hooks';
import { formatDateTime, formatNumber, useI18n } from '../i18n';
import { ConfirmAction } from '../components/ConfirmAction';
import { useImportTexts } from './texts';
import { num, parseTimestamp, useBases } from './shared';
import { KeyReportView } from './KeyReportView';

function IndicatorLinks({
  codes,
  byCode,
  openAt,
}: {
  codes: string[];
  byCode: Map<string, Indicator>;
  /** Code → level with the municipality's own data: the link opens the indicator there. */
  openAt?: Record<string, string> | undefined;
}) {
  const { app } = useBases();
  const { lang } = useI18n();
  return (
    <ul className="plain-list">
      {codes.map((c) => {
        const ind = byCode.get(c);
        return (
          <li key={c}>
            {ind ? (
              <>
                <Link
                  to={`${app}/indikatoren/${ind.id}${openAt?.[c] ? `?level=${encodeURIComponent(openAt[c])}` : ''}`}
                >
                  {lang === 'en' && ind.nameEn ? ind.nameEn : ind.nameDe}
                </Link>{' '}
                <span className="code muted">{c}</span>
              </>
            ) : (
              <span className="code">{c}</span>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** The result page of a finished (or undone) import: counts, indicators, areas, warnings, key report, undo. */
export function ResultView({
  run,
  result,
  mayUndo,
  busy,
  onUndo,
}: {
  run: ImportRunDetail;
  result: ImportResult;
  mayUndo: boolean;
  busy: boolean;
  onUndo: () => void;
}) {
  const x = useImportTexts();
  const { lang } = useI18n();
  const { api: base, app } = useBases();
  const indicators = useLoad(`${base}/indicators/${run.id}/${run.status}`, () =>
    api.get<Indicator[]>(`${base}/indicators`),
  );
  const byCode = new Map((indicators.data ?? []).map((i) => [i.code, i]));
  const o = result.observations;
  const n = (v: number) => num(v, lang);
  const undone = run.status === 'undone';
  const statistics = run.kind === 'statistics';
  return (
    <>
      <section aria-labelledby="run-state-heading" className="result">
        <h2 id="run-state-heading" tabIndex={-1}>
          {x.resultHeading}
        </h2>
        {undone ? (
          <p className="alert alert-warning">
            {x.resultUndone(
              run.undoneAt ? formatDateTime(parseTimestamp(run.undoneAt).toISOString(), lang) : '',
            )}
          </p>
        ) : (
          <p className="alert alert-success">
            <span aria-hidden="true">✓ </span>
            {x.resultDone(formatNumber(result.seconds, lang, 1))}
          </p>
        )}
        {statistics ? (
          <>
            <h3>{x.resultCountsCaption}</h3>
            <dl className="key-counts">
              <div>
                <dt>{x.inserted}</dt>
                <dd>{n(o.inserted)}</dd>
              </div>
              <div>
                <dt>{x.replaced}</dt>
                <dd>{n(o.replaced)}</dd>
              </div>
              <div className={o.skipped ? 'count-warn' : undefined}>
                <dt>{x.skipped}</dt>
                <dd>
                  {o.skipped ? <span aria-hidden="true">⚠ </span> : null}
                  {n(o.skipped)}
                </dd>
              </div>
            </dl>
          </>
        ) : null}
        <dl className="details">
          <div className="details-row">
            <dt>{x.areasCreated}</dt>
            <dd>{n(result.areas.created)}</dd>
          </div>
          {!statistics ? (
            <div className="details-row">
              <dt>{x.boundaryVersions}</dt>
              <dd>{n(result.areas.versions)}</dd>
            </div>
          ) : null}
          {result.indicators.created.length ? (
            <div className="details-row">
              <dt>{x.indicatorsCreated}</dt>
              <dd>
                <IndicatorLinks codes={result.indicators.created} byCode={byCode} openAt={result.openAt} />
              </dd>
            </div>
          ) : null}
          {result.indicators.updated.length ? (
            <div className="details-row">
              <dt>{x.indicatorsUpdated}</dt>
              <dd>
                <IndicatorLinks codes={result.indicators.updated} byCode={byCode} openAt={result.openAt} />
              </dd>
            </div>
          ) : null}
          {result.recomputed.length ? (
            <div className="details-row">
              <dt>{x.recomputed}</dt>
              <dd>
                <IndicatorLinks codes={result.recomputed} byCode={byCode} />
              </dd>
            </div>
          ) : null}
          <div className="details-row">
            <dt>{x.duration}</dt>
            <dd>{x.secondsUnit(formatNumber(result.seconds, lang, 1))}</dd>
          </div>
        </dl>
        {result.warnings.length ? (
          <>
            <h3>{x.warningsHeading}</h3>
            <ul className="alert alert-warning warning-list">
              {result.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          </>
        ) : null}
        <div className="actions row-actions-inline">
          {mayUndo && !undone ? (
            <ConfirmAction
              label={x.undo}
              question={x.undoQuestion(run.fileName)}
              confirmLabel={x.undoConfirm}
              busy={busy}
              onConfirm={onUndo}
            />
          ) : null}
          <Link className="button button-secondary" to={`${app}/import`}>
            {x.newImport}
          </Link>
          {statistics ? (
            <Link className="button button-secondary" to={`${app}/merkmale`}>
              {x.toDimensions}
            </Link>
          ) : null}
        </div>
      </section>
      <KeyReportView report={result.keys} done />
    </>
  );
}
