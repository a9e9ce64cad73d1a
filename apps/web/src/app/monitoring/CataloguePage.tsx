import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import {
  catalogueApplyResultSchema,
  cataloguePlanSchema,
  catalogueStatusSchema,
  hasPermission,
  type CatalogueApplyResponse,
  type CatalogueEntryStatus,
  type CataloguePlanResponse,
  type CatalogueStatusResponse,
  type CatalogueVariantName,
} from '@dkbm/contract';
import { api, toFailure, type ApiFailure } from '../api';
import { useLoad } from '../hooks';
import { useI18n, type Lang } from '../i18n';
import { useTenant } from '../tenant';
import { Page, Section } from '../components/Page';
import { DataTable } from '../components/Table';
import { ErrorAlert, Loading, StatusMessage } from '../components/Feedback';
import { MonitoringSubNav } from './SubNav';
import { levelLabel, Tag, tierLabel, topicLabel, useApiBase, useMonitoringPath } from './common';
import {
  actionOf,
  countsOf,
  hasConflict,
  outcomeOf,
  requestOf,
  shortValue,
  toggleTopic,
  topicsOf,
  topicState,
} from './catalogueForm';
import { useCatalogueTexts } from './catalogueTexts';
import './catalogue.css';

type Texts = ReturnType<typeof useCatalogueTexts>;
const fmt = (n: number, lang: Lang) => new Intl.NumberFormat(lang === 'de' ? 'de-DE' : 'en-GB').format(n);

/** Choose topics or entries, preview, apply: the Bildungsbüro's part of the page. */
function ApplyForm({ status, onApplied }: { status: CatalogueStatusResponse; onApplied: () => void }) {
  const { lang } = useI18n();
  const tx = useCatalogueTexts();
  const base = useApiBase();
  const id = useId();
  const entries = status.entries;
  const [selected, setSelected] = useState<Set<string>>(() => new Set(entries.map((e) => e.code)));
  const [prefer, setPrefer] = useState<CatalogueVariantName>('official');
  const [plan, setPlan] = useState<CataloguePlanResponse | null>(null);
  const [overwrite, setOverwrite] = useState<Set<string>>(new Set());
  const [failure, setFailure] = useState<ApiFailure | string | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<CatalogueApplyResponse | null>(null);
  const previewHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (plan) previewHeading.current?.focus();
  }, [plan]);

  const choose = (next: Set<string>) => {
    setSelected(next);
    setPlan(null);
  };

  async function preview(e: FormEvent) {
    e.preventDefault();
    setResult(null);
    const body = requestOf(selected, entries, { prefer });
    if (!body) return setFailure(tx.nothingChosen);
    setBusy(true);
    setFailure(null);
    try {
      setPlan(cataloguePlanSchema.parse(await api.post(`${base}/catalogue/plan`, body)));
      setOverwrite(new Set());
    } catch (err) {
      setFailure(toFailure(err));
    } finally {
      setBusy(false);
    }
  }

  async function apply() {
    if (!plan) return;
    const body = requestOf(selected, entries, { prefer, version: plan.catalogue.version, overwrite });
    setBusy(true);
    setFailure(null);
    try {
      const r = catalogueApplyResultSchema.parse(await api.post(`${base}/catalogue/apply`, body));
      setResult(r);
      setPlan(null);
      onApplied();
    } catch (err) {
      setFailure(toFailure(err));
    } finally {
      setBusy(false);
    }
  }

  const counts = plan ? countsOf(plan.items, overwrite) : null;
  const workToDo = !!counts && counts.create + counts.update > 0;
  const resultCounts = result ? countsOf(result.items, new Set()) : null;

  return (
    <>
      <StatusMessage>
        {result && resultCounts
          ? tx.applied(
              resultCounts.create,
              result.items.filter((i) => i.action === 'update').length,
              result.observations,
            )
          : null}
      </StatusMessage>
      {result?.warnings.length ? (
        <details className="cat-warnings">
          <summary>
            {tx.warningsTitle} ({fmt(result.warnings.length, lang)})
          </summary>
          <ul>
            {result.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </details>
      ) : null}
      <Section id={`${id}-choose`} title={tx.chooseTitle}>
        <p className="hint">{tx.chooseHint}</p>
        <form noValidate onSubmit={(e) => void preview(e)} aria-labelledby={`${id}-choose`}>
          <div className="cat-quick">
            <button
              type="button"
              className="button button-secondary"
              onClick={() => choose(new Set(entries.map((e) => e.code)))}
            >
              {tx.selectAll}
            </button>
            <button
              type="button"
              className="button button-secondary"
              onClick={() =>
                choose(new Set(entries.filter((e) => e.state === 'not_applied').map((e) => e.code)))
              }
            >
              {tx.selectOpen}
            </button>
            <button type="button" className="button button-secondary" onClick={() => choose(new Set())}>
              {tx.selectNone}
            </button>
          </div>
          <p className="muted" aria-live="polite">
            {tx.chosenCount(selected.size)}
          </p>
          {topicsOf(entries).map((g) => {
            const state = topicState(selected, entries, g.topic);
            const chosen = g.entries.filter((e) => selected.has(e.code)).length;
            const topicId = `${id}-t-${g.topic}`;
            return (
              <fieldset key={g.topic} className="cat-topic">
                <legend>
                  <input
                    type="checkbox"
                    id={topicId}
                    checked={state === 'all'}
                    ref={(el) => {
                      if (el) el.indeterminate = state === 'some';
                    }}
                    onChange={(e) => choose(toggleTopic(selected, entries, g.topic, e.target.checked))}
                  />{' '}
                  <label htmlFor={topicId}>
                    {tx.topicAll(topicLabel(g.topic, lang), chosen, g.entries.length)}
                  </label>
                </legend>
                <ul className="cat-entries">
                  {g.entries.map((e) => (
                    <EntryChoice
                      key={e.code}
                      entry={e}
                      id={`${id}-e-${e.code}`}
                      checked={selected.has(e.code)}
                      onChange={(on) => {
                        const next = new Set(selected);
                        if (on) next.add(e.code);
                        else next.delete(e.code);
                        choose(next);
                      }}
                    />
                  ))}
                </ul>
              </fieldset>
            );
          })}
          <fieldset className="choice">
            <legend>{tx.variantLegend}</legend>
            {(['official', 'local'] as const).map((v) => (
              <div key={v} className="radio">
                <input
                  type="radio"
                  id={`${id}-v-${v}`}
                  name={`${id}-variant`}
                  checked={prefer === v}
                  onChange={() => {
                    setPrefer(v);
                    setPlan(null);
                  }}
                />{' '}
                <label htmlFor={`${id}-v-${v}`}>
                  {v === 'official' ? tx.variantOfficial : tx.variantLocal}
                </label>
              </div>
            ))}
          </fieldset>
          {!plan ? <ErrorAlert error={failure} /> : null}
          <div className="actions">
            <button type="submit" className="button" disabled={busy}>
              {tx.preview}
            </button>
          </div>
        </form>
      </Section>
      {plan && counts ? (
        <section aria-labelledby={`${id}-preview`}>
          <h2 id={`${id}-preview`} tabIndex={-1} ref={previewHeading}>
            {tx.previewTitle}
          </h2>
          <p>{tx.counts(counts)}</p>
          <DataTable
            caption={tx.previewCaption(plan.catalogue.version)}
            head={
              <tr>
                <th scope="col">{tx.colIndicator}</th>
                <th scope="col">{tx.colResult}</th>
                <th scope="col">{tx.colChanges}</th>
              </tr>
            }
          >
            {plan.items.map((item) => {
              const over = overwrite.has(item.code);
              return (
                <tr key={item.code}>
                  <th scope="row">
                    {item.name} <span className="muted">({item.code})</span>
                  </th>
                  <td>
                    {tx.action[actionOf(item, over)]}
                    {item.variant === 'local' ? <> ({tx.localVariant})</> : null}
                    {item.fromVersion !== null && item.fromVersion !== plan.catalogue.version ? (
                      <span className="muted"> – {tx.fromVersion(item.fromVersion)}</span>
                    ) : null}
                  </td>
                  <td>
                    {item.reason ? <p className="cat-reason">{item.reason}</p> : null}
                    {item.changes.length ? (
                      <ul className="cat-changes">
                        {item.changes.map((c) => (
                          <li key={c.field}>
                            <ChangeText texts={tx} field={tx.fields[c.field]} change={c} overwrite={over} />
                          </li>
                        ))}
                      </ul>
                    ) : null}
                    {hasConflict(item) ? (
                      <div className="check">
                        <input
                          type="checkbox"
                          id={`${id}-o-${item.code}`}
                          checked={over}
                          onChange={(e) => {
                            const next = new Set(overwrite);
                            if (e.target.checked) next.add(item.code);
                            else next.delete(item.code);
                            setOverwrite(next);
                          }}
                        />
                        <label htmlFor={`${id}-o-${item.code}`}>{tx.overwrite(item.name)}</label>
                      </div>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </DataTable>
          <ErrorAlert error={failure} />
          {workToDo ? (
            <div className="actions">
              <button type="button" className="button" disabled={busy} onClick={() => void apply()}>
                {busy ? tx.applyBusy : tx.apply}
              </button>
            </div>
          ) : (
            <p className="alert alert-warning">{tx.nothingToDo}</p>
          )}
        </section>
      ) : null}
    </>
  );
}

function EntryChoice({
  entry,
  id,
  checked,
  onChange,
}: {
  entry: CatalogueEntryStatus;
  id: string;
  checked: boolean;
  onChange: (on: boolean) => void;
}) {
  const { lang } = useI18n();
  const tx = useCatalogueTexts();
  return (
    <li className="check">
      <input type="checkbox" id={id} checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <label htmlFor={id}>{entry.name}</label>{' '}
      <span className="cat-tags">
        <Tag kind="tier">{tierLabel(entry.tier, lang)}</Tag>{' '}
        {entry.state !== 'not_applied' ? <Tag>{tx.state[entry.state]}</Tag> : null}{' '}
        {entry.needsLocalData ? (
          <Tag kind="internal">{tx.needsLocal}</Tag>
        ) : entry.variants.includes('local') ? (
          <Tag>{tx.alsoLocal}</Tag>
        ) : null}
      </span>
    </li>
  );
}

function ChangeText({
  texts: tx,
  field,
  change,
  overwrite,
}: {
  texts: Texts;
  field: string;
  change: CataloguePlanResponse['items'][number]['changes'][number];
  overwrite: boolean;
}) {
  const local = shortValue(change.local);
  const cat = shortValue(change.catalogue);
  const outcome = outcomeOf(change, overwrite);
  if (outcome === 'apply') return <>{tx.changeApply(field, local, cat)}</>;
  if (outcome === 'overwrite') return <strong>{tx.changeOverwrite(field, local, cat)}</strong>;
  return <>{tx.changeKeep(field, local, cat)}</>;
}

/** The applied entries with their state, and the checklist of tables and data they still need. */
function StatusView({ status }: { status: CatalogueStatusResponse }) {
  const { lang } = useI18n();
  const tx = useCatalogueTexts();
  const tenant = useTenant();
  const path = useMonitoringPath();
  const id = useId();
  const applied = status.entries.filter((e) => e.state === 'complete' || e.state === 'incomplete');
  const open = status.checklist.filter((c) => c.state !== 'present');
  return (
    <>
      <Section id={`${id}-status`} title={tx.statusTitle}>
        {applied.length ? (
          <DataTable
            caption={tx.statusCaption}
            head={
              <tr>
                <th scope="col">{tx.colIndicator}</th>
                <th scope="col">{tx.colTopic}</th>
                <th scope="col">{tx.colState}</th>
                <th scope="col" className="num">
                  {tx.colValues}
                </th>
                <th scope="col">{tx.colNotes}</th>
              </tr>
            }
          >
            {applied.map((e) => {
              const notes = [
                e.variant === 'local' ? tx.localVariant : '',
                e.locallyEdited.length ? tx.edited(e.locallyEdited.map((f) => tx.fields[f]).join(', ')) : '',
                ...e.inputs
                  .filter((i) => !i.present)
                  .map((i) => tx.missingInput(i.indicator, i.source ?? '–')),
                ...e.inputs.filter((i) => i.problem).map((i) => `${i.indicator}: ${i.problem}`),
              ].filter(Boolean);
              return (
                <tr key={e.code}>
                  <th scope="row">
                    {e.indicatorId ? (
                      <Link to={`${path}/indikatoren/${e.indicatorId}`}>{e.name}</Link>
                    ) : (
                      e.name
                    )}
                  </th>
                  <td>{topicLabel(e.topic, lang)}</td>
                  <td>{tx.state[e.state]}</td>
                  <td className="num">{fmt(e.observations, lang)}</td>
                  <td>
                    {notes.length ? (
                      <ul className="cat-notes">
                        {notes.map((n) => (
                          <li key={n}>{n}</li>
                        ))}
                      </ul>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </DataTable>
        ) : (
          <p>{tx.statusEmpty}</p>
        )}
        {status.removed.length ? (
          <>
            <h3>{tx.removedTitle}</h3>
            <p>{tx.removedText(status.removed.join(', '))}</p>
          </>
        ) : null}
      </Section>
      <Section id={`${id}-checklist`} title={tx.checklistTitle}>
        {!status.checklist.length ? (
          <p>{tx.checklistEmpty}</p>
        ) : (
          <>
            <p>{open.length ? tx.checklistLead : tx.checklistDone}</p>
            {open.length && hasPermission(tenant.role, 'data.contribute') ? (
              <p>
                <Link to={`${path}/import`}>{tx.importLink}</Link>
              </p>
            ) : null}
            <ul className="cat-checklist">
              {status.checklist.map((c) => (
                <li key={c.source} className={`cat-check cat-check-${c.state}`}>
                  <h3>
                    <span className="cat-check-state">{tx.checkState[c.state]}:</span> {c.source} – {c.title}
                  </h3>
                  <dl className="details">
                    <dt>{tx.neededBy}</dt>
                    <dd>{c.neededBy.join(', ')}</dd>
                    <dt>{tx.reference}</dt>
                    <dd>{c.reference}</dd>
                    <dt>{tx.depth}</dt>
                    <dd>{c.regionalDepth.map((l) => levelLabel(l, lang)).join(', ')}</dd>
                    {c.missing.length ? (
                      <>
                        <dt>{tx.stillMissing}</dt>
                        <dd>{c.missing.join(', ')}</dd>
                      </>
                    ) : null}
                    {c.howTo ? (
                      <>
                        <dt>{tx.howTo}</dt>
                        <dd>{c.howTo}</dd>
                      </>
                    ) : null}
                  </dl>
                  {c.url && c.state !== 'present' ? (
                    <p>
                      <a href={c.url} target="_blank" rel="noopener noreferrer">
                        {tx.download(c.source)}
                      </a>
                    </p>
                  ) : null}
                </li>
              ))}
            </ul>
          </>
        )}
      </Section>
    </>
  );
}

/** „Katalog übernehmen“: the Kennzahlenkatalog in this municipality (status for all, applying for editors). */
export function CataloguePage() {
  const { lang } = useI18n();
  const tx = useCatalogueTexts();
  const tenant = useTenant();
  const base = useApiBase();
  const status = useLoad(`${base}/catalogue`, async () =>
    catalogueStatusSchema.parse(await api.get(`${base}/catalogue`)),
  );
  const canWrite = hasPermission(tenant.role, 'data.write');
  const s = status.data;
  const applied = s?.entries.filter((e) => e.state === 'complete' || e.state === 'incomplete') ?? [];
  return (
    <Page title={tx.title}>
      <MonitoringSubNav />
      {status.error ? <ErrorAlert error={status.error} /> : null}
      {!s && !status.error ? <Loading /> : null}
      {s ? (
        <>
          <p className="lead">
            {tx.lead(s.catalogue.title, s.catalogue.version, s.catalogue.date, s.entries.length)}
          </p>
          <h2 className="sr-only">{tx.factsCaption}</h2>
          <dl className="key-counts">
            <div>
              <dt>{tx.factsInCatalogue}</dt>
              <dd>{fmt(s.entries.length, lang)}</dd>
            </div>
            <div>
              <dt>{tx.factsApplied}</dt>
              <dd>{fmt(applied.length, lang)}</dd>
            </div>
            <div>
              <dt>{tx.factsComplete}</dt>
              <dd>{fmt(applied.filter((e) => e.state === 'complete').length, lang)}</dd>
            </div>
            <div>
              <dt>{tx.factsIncomplete}</dt>
              <dd>{fmt(applied.filter((e) => e.state === 'incomplete').length, lang)}</dd>
            </div>
            <div>
              <dt>{tx.factsMissing}</dt>
              <dd>{fmt(s.checklist.filter((c) => c.state !== 'present').length, lang)}</dd>
            </div>
          </dl>
          {/* Re-mounted per catalogue version, so a selection never outlives the version it was made for. */}
          {canWrite ? <ApplyForm key={s.catalogue.version} status={s} onApplied={status.reload} /> : null}
          <StatusView status={s} />
        </>
      ) : null}
    </Page>
  );
}
