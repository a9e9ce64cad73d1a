import { useId, useState } from 'react';
import { KEY_ISSUE_LABELS, type Area, type AreaLevel, type KeyReport } from '@dkbm/contract';
import { areaLevelLabel, useI18n } from '../i18n';
import { DataTable } from '../components/Table';
import { useImportTexts } from './texts';
import { num } from './shared';
import type { Draft } from './draft';

const MAX_OPTIONS = 200;
/** Unmatched keys with a mapping control shown at once. */
const PAGE = 50;

type Unmatched = KeyReport['unmatched'][number];

const label = (a: { code: string; name: string }) => `${a.code} ${a.name}`;

/** Manual mapping of one key: one-click suggestion, search field and a select of the tenant's areas. */
function AreaPicker({
  item,
  index,
  areas,
  value,
  onChange,
}: {
  item: Unmatched;
  index: number;
  areas: Area[];
  value: string;
  onChange: (areaId: string) => void;
}) {
  const x = useImportTexts();
  const { lang } = useI18n();
  const [q, setQ] = useState('');
  const searchId = useId();
  const selectId = `key-map-${index}`;
  const needle = q.trim().toLowerCase();
  const matches = needle
    ? areas.filter((a) => a.code.startsWith(needle) || a.name.toLowerCase().includes(needle))
    : areas;
  const shown = matches.slice(0, MAX_OPTIONS);
  const chosen = areas.find((a) => a.id === value);
  if (chosen && !shown.includes(chosen)) shown.unshift(chosen);
  const s = item.suggestion;
  return (
    <div className="area-picker">
      {s ? (
        value === s.areaId ? (
          <p className="picker-done">
            <span aria-hidden="true">✓ </span>
            {x.suggestionTaken}
          </p>
        ) : (
          <button type="button" className="button button-secondary" onClick={() => onChange(s.areaId)}>
            {x.takeSuggestion(label(s))}
            <span className="sr-only"> ({item.code})</span>
          </button>
        )
      ) : null}
      <div className="picker-fields">
        <div className="picker-field">
          <label htmlFor={searchId}>
            {lang === 'de' ? 'Suchen' : 'Search'}
            <span className="sr-only"> ({x.searchAreaFor(item.code)})</span>
          </label>
          <input id={searchId} type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        </div>
        <div className="picker-field">
          <label htmlFor={selectId}>
            {lang === 'de' ? 'Gebiet' : 'Area'}
            <span className="sr-only"> ({x.selectAreaFor(item.code)})</span>
          </label>
          <select id={selectId} value={value} onChange={(e) => onChange(e.target.value)}>
            <option value="">{x.noAreaChosen}</option>
            {shown.map((a) => (
              <option key={a.id} value={a.id}>
                {label(a)} ({areaLevelLabel(a.level, lang)})
              </option>
            ))}
          </select>
        </div>
      </div>
      {matches.length > MAX_OPTIONS ? (
        <p className="hint">{x.tooManyAreas(matches.length - MAX_OPTIONS)}</p>
      ) : null}
      {chosen ? (
        <p className="hint">
          <span aria-hidden="true">→ </span>
          {x.mappedTo(label(chosen))}
        </p>
      ) : null}
    </div>
  );
}

/**
 * The key report: counts, areas to be created, unmatched keys with reason, hint and (when editable)
 * a manual mapping, the choice to save mappings and to leave unmatched keys out; for boundaries the
 * areas that have data but no boundary in the file.
 */
export function KeyReportView({
  report,
  done,
  editable,
  draft,
  onDraft,
  areas,
  createPreview,
}: {
  report: KeyReport;
  done: boolean;
  editable?: boolean;
  draft?: Draft;
  onDraft?: (patch: Partial<Draft>) => void;
  areas?: Area[];
  /** Areas „Unbekannte Gebiete anlegen“ creates, per level (statistics). */
  createPreview?: Array<{ level: AreaLevel; count: number }> | undefined;
}) {
  const x = useImportTexts();
  const { lang } = useI18n();
  const n = (v: number) => num(v, lang);
  const unmatched = report.unmatched;
  const editing = !!(editable && draft && onDraft);
  const [shown, setShown] = useState(PAGE);
  return (
    <section aria-labelledby="keys-heading" className="key-report">
      <h2 id="keys-heading">{x.keysHeading}</h2>
      <p>{x.keysIntro}</p>
      <dl className="key-counts">
        <div>
          <dt>{x.keysMatched}</dt>
          <dd>{n(report.matched)}</dd>
        </div>
        <div>
          <dt>{x.keysMapped}</dt>
          <dd>{n(report.mapped)}</dd>
        </div>
        <div>
          <dt>{x.keysCreated}</dt>
          <dd>{n(report.created.length)}</dd>
        </div>
        <div className={unmatched.length ? 'count-warn' : undefined}>
          <dt>{x.keysUnmatched}</dt>
          <dd>
            {unmatched.length ? <span aria-hidden="true">⚠ </span> : null}
            {n(unmatched.length)}
          </dd>
        </div>
      </dl>

      {editing ? (
        <div className="check">
          <input
            id="create-areas"
            type="checkbox"
            checked={draft.createAreas}
            aria-describedby="create-areas-hint"
            onChange={(e) => onDraft({ createAreas: e.target.checked })}
          />
          <label htmlFor="create-areas">{x.createAreas}</label>
          <p className="hint" id="create-areas-hint">
            {x.createAreasHint}
            {createPreview?.length ? (
              <>
                {' '}
                <strong data-testid="create-preview">
                  {(draft.createAreas ? x.createPreviewOn : x.createPreviewOff)(
                    n(createPreview.reduce((sum, p) => sum + p.count, 0)),
                    createPreview.map((p) => `${n(p.count)} ${areaLevelLabel(p.level, lang)}`).join(', '),
                  )}
                </strong>
              </>
            ) : null}
          </p>
        </div>
      ) : null}

      {report.created.length ? (
        <>
          <h3>
            {done
              ? x.createdHeadingDone(n(report.created.length))
              : x.createdHeading(n(report.created.length))}
          </h3>
          <details className="disclosure" open={report.created.length <= 10}>
            <summary>{x.showList(n(report.created.length))}</summary>
            <DataTable
              caption={done ? x.createdCaptionDone : x.createdCaption}
              head={
                <tr>
                  <th scope="col">{x.colCode}</th>
                  <th scope="col">{x.colName}</th>
                  <th scope="col">{x.colLevel}</th>
                </tr>
              }
            >
              {report.created.map((c) => (
                <tr key={c.code}>
                  <th scope="row">{c.code}</th>
                  <td>{c.name ?? x.dash}</td>
                  <td>{areaLevelLabel(c.level, lang)}</td>
                </tr>
              ))}
            </DataTable>
          </details>
        </>
      ) : null}

      {unmatched.length ? (
        <>
          <h3>{x.unmatchedHeading(n(unmatched.length))}</h3>
          {editing ? (
            <>
              <ul className="key-cards" aria-label={x.unmatchedCaption}>
                {unmatched.slice(0, shown).map((u, i) => (
                  <li key={u.code} className="key-card">
                    <h4>
                      {u.code}
                      {u.name ? ` – ${u.name}` : ''}
                    </h4>
                    <div className="key-card-body">
                      <dl className="details">
                        <div className="details-row">
                          <dt>{x.colReason}</dt>
                          <dd>{KEY_ISSUE_LABELS[u.reason][lang]}</dd>
                        </div>
                        {u.hint ? (
                          <div className="details-row">
                            <dt>{x.colHint}</dt>
                            <dd>{u.hint}</dd>
                          </div>
                        ) : null}
                        <div className="details-row">
                          <dt>{x.colCells}</dt>
                          <dd>{n(u.count)}</dd>
                        </div>
                      </dl>
                      <AreaPicker
                        item={u}
                        index={i}
                        areas={areas ?? []}
                        value={draft.keyMappings[u.code] ?? ''}
                        onChange={(areaId) =>
                          onDraft({ keyMappings: { ...draft.keyMappings, [u.code]: areaId } })
                        }
                      />
                    </div>
                  </li>
                ))}
              </ul>
              {unmatched.length > shown ? (
                <p>
                  <button
                    type="button"
                    className="button button-secondary"
                    onClick={() => setShown((v) => v + PAGE)}
                  >
                    {x.showMoreKeys(n(Math.min(PAGE, unmatched.length - shown)), n(unmatched.length - shown))}
                  </button>
                </p>
              ) : null}
            </>
          ) : (
            <DataTable
              caption={x.unmatchedCaption}
              head={
                <tr>
                  <th scope="col">{x.colCode}</th>
                  <th scope="col">{x.colName}</th>
                  <th scope="col">{x.colReason}</th>
                  <th scope="col">{x.colHint}</th>
                  <th scope="col" className="num">
                    {x.colCells}
                  </th>
                </tr>
              }
            >
              {unmatched.map((u) => (
                <tr key={u.code}>
                  <th scope="row">{u.code}</th>
                  <td>{u.name ?? x.dash}</td>
                  <td>{KEY_ISSUE_LABELS[u.reason][lang]}</td>
                  <td>{u.hint ?? x.dash}</td>
                  <td className="num">{n(u.count)}</td>
                </tr>
              ))}
            </DataTable>
          )}
          {editing ? (
            <div className="key-options">
              <div className="check">
                <input
                  id="save-key-mappings"
                  type="checkbox"
                  checked={draft.saveKeyMappings}
                  aria-describedby="save-key-mappings-hint"
                  onChange={(e) => onDraft({ saveKeyMappings: e.target.checked })}
                />
                <label htmlFor="save-key-mappings">{x.saveKeyMappings}</label>
                <p className="hint" id="save-key-mappings-hint">
                  {x.saveKeyMappingsHint}
                </p>
              </div>
              <div className="check">
                <input
                  id="skip-unmatched"
                  type="checkbox"
                  checked={draft.skipUnmatched}
                  aria-describedby="skip-unmatched-hint"
                  onChange={(e) => onDraft({ skipUnmatched: e.target.checked })}
                />
                <label htmlFor="skip-unmatched">{x.skipUnmatched}</label>
                <p className="hint" id="skip-unmatched-hint">
                  {x.skipUnmatchedHint(n(unmatched.filter((u) => !draft.keyMappings[u.code]).length))}
                </p>
              </div>
            </div>
          ) : null}
        </>
      ) : null}

      {report.missingInFile?.length ? (
        <>
          <h3>{x.missingHeading(n(report.missingInFile.length))}</h3>
          <p>{x.missingNote}</p>
          <details className="disclosure" open={report.missingInFile.length <= 10}>
            <summary>{x.showList(n(report.missingInFile.length))}</summary>
            <DataTable
              caption={x.missingCaption}
              head={
                <tr>
                  <th scope="col">{x.colCode}</th>
                  <th scope="col">{x.colName}</th>
                </tr>
              }
            >
              {report.missingInFile.map((m) => (
                <tr key={m.code}>
                  <th scope="row">{m.code}</th>
                  <td>{m.name}</td>
                </tr>
              ))}
            </DataTable>
          </details>
        </>
      ) : null}
    </section>
  );
}
