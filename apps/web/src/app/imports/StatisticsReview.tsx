import { INDICATOR_TOPIC_LABELS, type IndicatorTopic } from '@dkbm/contract';
import { formatDate, useI18n } from '../i18n';
import { DataTable } from '../components/Table';
import { useImportTexts } from './texts';
import { num } from './shared';
import { measureDraft, type Draft, type StatisticsAnalysis } from './draft';

const TOPICS = Object.keys(INDICATOR_TOPIC_LABELS) as IndicatorTopic[];

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);

/** Detected format and metadata of a statistics file (GENESIS: table code, title, Stand, footnotes, copyright). */
export function FileInfo({ analysis, fileName }: { analysis: StatisticsAnalysis; fileName: string }) {
  const x = useImportTexts();
  const { lang } = useI18n();
  const m = analysis.meta;
  const skipped = m.skippedRows as { count: number } | undefined;
  const rows: Array<[string, string]> = [[x.detectedFormat, x.formats[analysis.format] ?? analysis.format]];
  const add = (label: string, v: unknown) => {
    const s = typeof v === 'number' ? num(v, lang) : str(v);
    if (s) rows.push([label, s]);
  };
  add(x.fileLabel, fileName);
  add(x.tableCode, m.tableCode);
  add(x.tableTitle, m.title);
  add(x.statistic, m.statistic);
  add(x.regionalDepth, m.regionalDepth);
  add(x.stand, m.stand);
  add(x.sheet, m.sheet);
  add(x.headerRow, m.headerRow);
  add(x.encoding, m.encoding);
  add(x.dataLines, m.dataLines);
  if (!analysis.needsMapping) add(x.cellCount, analysis.rows);
  const footnotes = str(m.footnotes);
  const copyright = str(m.copyright);
  return (
    <section aria-labelledby="file-heading">
      <h2 id="file-heading">{x.fileHeading}</h2>
      <dl className="details">
        {rows.map(([k, v]) => (
          <div key={k} className="details-row">
            <dt>{k}</dt>
            <dd className="break">{v}</dd>
          </div>
        ))}
      </dl>
      {skipped?.count ? <p className="hint">{x.skippedRows(num(skipped.count, lang))}</p> : null}
      {footnotes ? (
        <details className="disclosure">
          <summary>{x.footnotes}</summary>
          <pre className="footnotes">{footnotes}</pre>
        </details>
      ) : null}
      {copyright ? (
        <details className="disclosure">
          <summary>{x.copyright}</summary>
          <p className="pre-line">{copyright}</p>
        </details>
      ) : null}
    </section>
  );
}

/** Measures → indicators: editable code, name, topic, or leave out (one card per measure). */
export function MeasuresEditor({
  analysis,
  draft,
  onDraft,
  errors,
}: {
  analysis: StatisticsAnalysis;
  draft: Draft;
  onDraft: (patch: Partial<Draft>) => void;
  errors: Record<string, string>;
}) {
  const x = useImportTexts();
  const { lang } = useI18n();
  const set = (key: string, patch: Partial<ReturnType<typeof measureDraft>>) => {
    const m = analysis.measures.find((mm) => mm.key === key)!;
    onDraft({ measures: { ...draft.measures, [key]: { ...measureDraft(draft, m), ...patch } } });
  };
  return (
    <section aria-labelledby="measures-heading">
      <h2 id="measures-heading">{x.measuresHeading}</h2>
      <p>{x.measuresIntro}</p>
      <ul className="measure-list">
        {analysis.measures.map((m, i) => {
          const d = measureDraft(draft, m);
          const codeErr = errors[`m-code-${i}`];
          const nameErr = errors[`m-name-${i}`];
          return (
            <li key={m.key} className={d.skip ? 'measure-card measure-skipped' : 'measure-card'}>
              <h3 id={`m-h-${i}`}>{m.name}</h3>
              <p className="hint">
                {x.measureCells(num(m.cells, lang), m.unit ?? x.dash)} ·{' '}
                {m.existingIndicatorId ? x.existingIndicator : x.newIndicator}
              </p>
              <div className="check">
                <input
                  id={`m-skip-${i}`}
                  type="checkbox"
                  checked={d.skip}
                  onChange={(e) => set(m.key, { skip: e.target.checked })}
                />
                <label htmlFor={`m-skip-${i}`}>{x.skipFor(m.name)}</label>
              </div>
              {d.skip ? null : (
                <div className="field-row">
                  <div className={codeErr ? 'field field-invalid field-wide' : 'field field-wide'}>
                    <label htmlFor={`m-code-${i}`}>
                      {x.colIndicatorCode}
                      <span className="sr-only"> ({m.name})</span>
                    </label>
                    <input
                      id={`m-code-${i}`}
                      type="text"
                      className="input-code"
                      value={d.code}
                      aria-invalid={codeErr ? true : undefined}
                      aria-describedby={codeErr ? `m-code-${i}-error` : undefined}
                      onChange={(e) => set(m.key, { code: e.target.value })}
                    />
                    {codeErr ? (
                      <p className="field-error" id={`m-code-${i}-error`}>
                        {codeErr}
                      </p>
                    ) : null}
                  </div>
                  <div className={nameErr ? 'field field-invalid field-wide' : 'field field-wide'}>
                    <label htmlFor={`m-name-${i}`}>
                      {x.colIndicatorName}
                      <span className="sr-only"> ({m.name})</span>
                    </label>
                    <input
                      id={`m-name-${i}`}
                      type="text"
                      value={d.nameDe}
                      aria-invalid={nameErr ? true : undefined}
                      aria-describedby={nameErr ? `m-name-${i}-error` : undefined}
                      onChange={(e) => set(m.key, { nameDe: e.target.value })}
                    />
                    {nameErr ? (
                      <p className="field-error" id={`m-name-${i}-error`}>
                        {nameErr}
                      </p>
                    ) : null}
                  </div>
                  <div className="field">
                    <label htmlFor={`m-topic-${i}`}>
                      {x.colTopic}
                      <span className="sr-only"> ({m.name})</span>
                    </label>
                    <select
                      id={`m-topic-${i}`}
                      value={d.topic}
                      onChange={(e) => set(m.key, { topic: e.target.value as IndicatorTopic | '' })}
                    >
                      <option value="">{x.topicAuto}</option>
                      {TOPICS.map((t) => (
                        <option key={t} value={t}>
                          {INDICATOR_TOPIC_LABELS[t][lang]}
                        </option>
                      ))}
                    </select>
                  </div>
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** Dimensions with their values; unnamed ones are highlighted and get a name field. */
export function DimensionsReview({
  analysis,
  draft,
  onDraft,
  errors,
}: {
  analysis: StatisticsAnalysis;
  draft: Draft;
  onDraft: (patch: Partial<Draft>) => void;
  errors: Record<string, string>;
}) {
  const x = useImportTexts();
  if (!analysis.dimensions.length) return null;
  return (
    <section aria-labelledby="dims-heading">
      <h2 id="dims-heading">{x.dimensionsHeading}</h2>
      <p>{x.dimensionsIntro}</p>
      <ul className="dim-list">
        {analysis.dimensions.map((d, i) => {
          const id = `dim-name-${i}`;
          const err = errors[id];
          const value = draft.dimensionNames[d.key] ?? d.name;
          return (
            <li key={d.key} className={d.named ? 'dim-card' : 'dim-card dim-unnamed'}>
              {d.named ? (
                <h3>{d.name}</h3>
              ) : (
                <>
                  <h3>
                    {value || d.name} <span className="tag">{x.unnamedBadge}</span>
                  </h3>
                  <div className={err ? 'field field-invalid' : 'field'}>
                    <label htmlFor={id}>{x.dimensionNameFor(d.name)}</label>
                    <p className="hint" id={`${id}-hint`}>
                      {x.unnamedHint}
                    </p>
                    <input
                      id={id}
                      type="text"
                      value={value}
                      aria-invalid={err ? true : undefined}
                      aria-describedby={[`${id}-hint`, err ? `${id}-error` : null].filter(Boolean).join(' ')}
                      onChange={(e) =>
                        onDraft({ dimensionNames: { ...draft.dimensionNames, [d.key]: e.target.value } })
                      }
                    />
                    {err ? (
                      <p className="field-error" id={`${id}-error`}>
                        {err}
                      </p>
                    ) : null}
                  </div>
                </>
              )}
              {d.existing ? <p className="hint">{x.dimensionExists}</p> : null}
              <p className="dim-values-label" id={`dim-values-${i}`}>
                {x.valuesOf(value || d.name)}:
              </p>
              <ul className="value-chips" aria-labelledby={`dim-values-${i}`}>
                {d.values.map((v) => (
                  <li key={v.key}>
                    {v.label}
                    {v.isTotal ? <strong> {x.totalMark}</strong> : null}
                  </li>
                ))}
              </ul>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** Periods, flags with their meanings and the analysis' warnings. */
export function PeriodsAndFlags({ analysis }: { analysis: StatisticsAnalysis }) {
  const x = useImportTexts();
  const { lang } = useI18n();
  const flags = Object.entries(analysis.flags);
  const fmtPeriod = (p: string) => {
    if (analysis.periodType === 'year') return p.slice(0, 4);
    if (analysis.periodType === 'school_year') {
      const y = Number(p.slice(0, 4));
      return `${y}/${String((y + 1) % 100).padStart(2, '0')}`;
    }
    if (analysis.periodType === 'half_year')
      return `${p.slice(5, 7) === '01' ? '1.' : '2.'} Hj. ${p.slice(0, 4)}`;
    return formatDate(p, lang);
  };
  return (
    <>
      <section aria-labelledby="periods-heading">
        <h2 id="periods-heading">{x.periodsHeading}</h2>
        <p>
          {x.periodsText(analysis.periods.length, x.periodTypes[analysis.periodType] ?? analysis.periodType)}{' '}
          {analysis.periods.map(fmtPeriod).join(', ')}
        </p>
      </section>
      <section aria-labelledby="flags-heading">
        <h2 id="flags-heading">{x.flagsHeading}</h2>
        {flags.length === 0 ? (
          <p>{x.noFlags}</p>
        ) : (
          <DataTable
            caption={x.flagsCaption}
            head={
              <tr>
                <th scope="col">{x.colFlag}</th>
                <th scope="col">{x.colMeaning}</th>
                <th scope="col" className="num">
                  {x.colCount}
                </th>
              </tr>
            }
          >
            {flags.map(([f, n]) => (
              <tr key={f}>
                <th scope="row">
                  <code>{f}</code>
                </th>
                <td>{x.flagMeanings[f] ?? x.dash}</td>
                <td className="num">{num(n, lang)}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
    </>
  );
}

export function Warnings({ warnings }: { warnings: string[] }) {
  const x = useImportTexts();
  if (!warnings.length) return null;
  return (
    <section aria-labelledby="warnings-heading">
      <h2 id="warnings-heading">{x.warningsHeading}</h2>
      <ul className="alert alert-warning warning-list">
        {warnings.map((w) => (
          <li key={w}>{w}</li>
        ))}
      </ul>
    </section>
  );
}
