import { useEffect, useId, useState, type FormEvent } from 'react';
import { Link, useLocation } from 'react-router';
import {
  hasPermission,
  indicatorTierSchema,
  indicatorTopicSchema,
  type Indicator,
  type IndicatorTopic,
} from '@dkbm/contract';
import { api } from '../api';
import { useLoad } from '../hooks';
import { useI18n } from '../i18n';
import { useTenant } from '../tenant';
import { Page } from '../components/Page';
import { ErrorAlert, Loading, StatusMessage } from '../components/Feedback';
import { MonitoringSubNav } from './SubNav';
import {
  indicatorName,
  levelLabel,
  Tag,
  tierLabel,
  topicLabel,
  useApiBase,
  useMonitoringPath,
  useSearchParamsUpdate,
} from './common';
import { formatPeriod } from './format';
import { apiQuery } from './urlState';
import { useTexts } from './texts';
import type { DeletedState } from './IndicatorEdit';
import './catalogue.css';

const TOPICS = indicatorTopicSchema.options;
const TIERS = indicatorTierSchema.options;

/** Catalogue of indicators, grouped by the nine topics, with search (server-side) and filters. */
export function MonitoringHome() {
  const { lang } = useI18n();
  const tx = useTexts();
  const tenant = useTenant();
  const base = useApiBase();
  const path = useMonitoringPath();
  const [params, setParams] = useSearchParamsUpdate();
  const q = params.get('q') ?? '';
  const topic = params.get('topic') ?? '';
  const tier = params.get('tier') ?? '';
  const visibility = params.get('visibility') ?? '';
  const canInternal = hasPermission(tenant.role, 'data.internal');
  const canContribute = hasPermission(tenant.role, 'data.contribute');
  const canWrite = hasPermission(tenant.role, 'data.write');
  const [text, setText] = useState(q);
  const id = useId();
  const location = useLocation();
  const deleted = (location.state as Partial<DeletedState> | null)?.deletedIndicator;
  // Filled after the first render, so that screen readers announce it in the live region.
  const [deletedMessage, setDeletedMessage] = useState('');

  useEffect(() => setText(q), [q]);
  useEffect(() => setDeletedMessage(deleted ? tx.deleted(deleted.name, deleted.code) : ''), [deleted, tx]);

  const query = apiQuery({ q, topic, tier, visibility: canInternal ? visibility : '' });
  const list = useLoad(`${base}/indicators${query}`, () =>
    api.get<Indicator[]>(`${base}/indicators${query}`),
  );
  const filtered = !!(q || topic || tier || visibility);

  function update(key: string, value: string) {
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      if (value) next.set(key, value);
      else next.delete(key);
      return next;
    });
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    update('q', text.trim());
  }

  const indicators = list.data ?? [];
  const groups = TOPICS.map((t) => ({
    topic: t,
    items: indicators
      .filter((i) => i.topic === t)
      .toSorted((a, b) => indicatorName(a, lang).localeCompare(indicatorName(b, lang), lang)),
  })).filter((g) => g.items.length > 0);

  return (
    <Page title={tx.catalogueTitle} docTitle={`${tx.catalogueTitle} – ${tx.moduleTitle}`}>
      <MonitoringSubNav />
      <StatusMessage>{deletedMessage}</StatusMessage>
      <p className="lead">{tx.catalogueLead}</p>

      <form className="mon-filters" role="search" onSubmit={submit} aria-labelledby={`${id}-legend`}>
        <h2 id={`${id}-legend`} className="sr-only">
          {tx.filtersLegend}
        </h2>
        <div className="field mon-search">
          <label htmlFor={`${id}-q`}>{tx.search}</label>
          <p className="hint" id={`${id}-q-hint`}>
            {tx.searchHint}
          </p>
          <div className="mon-search-row">
            <input
              id={`${id}-q`}
              type="search"
              value={text}
              maxLength={100}
              aria-describedby={`${id}-q-hint`}
              onChange={(e) => setText(e.target.value)}
            />
            <button type="submit" className="button">
              {tx.searchSubmit}
            </button>
          </div>
        </div>
        <div className="field">
          <label htmlFor={`${id}-topic`}>{tx.topic}</label>
          <select id={`${id}-topic`} value={topic} onChange={(e) => update('topic', e.target.value)}>
            <option value="">{tx.allTopics}</option>
            {TOPICS.map((t) => (
              <option key={t} value={t}>
                {topicLabel(t, lang)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-tier`}>{tx.tier}</label>
          <select id={`${id}-tier`} value={tier} onChange={(e) => update('tier', e.target.value)}>
            <option value="">{tx.allTiers}</option>
            {TIERS.map((t) => (
              <option key={t} value={t}>
                {tierLabel(t, lang)}
              </option>
            ))}
          </select>
        </div>
        {canInternal ? (
          <div className="field">
            <label htmlFor={`${id}-vis`}>{tx.visibility}</label>
            <select
              id={`${id}-vis`}
              value={visibility}
              onChange={(e) => update('visibility', e.target.value)}
            >
              <option value="">{tx.allVisibilities}</option>
              <option value="public">{tx.visibilityPublic}</option>
              <option value="internal">{tx.visibilityInternal}</option>
            </select>
          </div>
        ) : null}
        {filtered ? (
          <p className="mon-reset">
            <Link to={path} replace>
              {tx.resetFilters}
            </Link>
          </p>
        ) : null}
      </form>

      <p role="status" className="mon-status">
        {list.data && !list.loading ? tx.resultCount(indicators.length) : ''}
      </p>
      {list.loading && !list.data ? <Loading /> : null}
      <ErrorAlert error={list.error} />

      {list.data && indicators.length === 0 && !filtered ? (
        <section className="mon-empty" aria-labelledby={`${id}-empty`}>
          <h2 id={`${id}-empty`}>{tx.emptyTitle}</h2>
          <p>{tx.emptyText}</p>
          {canContribute ? (
            <p className="mon-empty-actions">
              <Link className="button" to={`${path}/import`}>
                {tx.emptyImportLink}
              </Link>{' '}
              {canWrite ? (
                <Link className="button button-secondary" to={`${path}/katalog`}>
                  {tx.emptyCatalogueLink}
                </Link>
              ) : null}
            </p>
          ) : (
            <p>{tx.emptyAskEditors}</p>
          )}
        </section>
      ) : null}
      {list.data && indicators.length === 0 && filtered ? <p>{tx.noResults}</p> : null}

      {groups.map((g) => (
        <TopicGroup key={g.topic} topic={g.topic} items={g.items} />
      ))}
    </Page>
  );
}

function TopicGroup({ topic, items }: { topic: IndicatorTopic; items: Indicator[] }) {
  const { lang } = useI18n();
  const tx = useTexts();
  const path = useMonitoringPath();
  const headingId = `topic-${topic}`;
  return (
    <section aria-labelledby={headingId} className="mon-topic">
      <h2 id={headingId}>
        {topicLabel(topic, lang)} <span className="mon-count">({items.length})</span>
      </h2>
      <ul className="mon-cards">
        {items.map((i) => {
          const c = i.coverage;
          const fmt = (p: string) => formatPeriod(p, i.periodType, lang);
          return (
            <li key={i.id} className="mon-card">
              <h3>
                <Link to={`${path}/indikatoren/${i.id}`}>{indicatorName(i, lang)}</Link>
              </h3>
              <p className="mon-tags">
                <Tag kind="tier">{tierLabel(i.tier, lang)}</Tag>
                {i.isComputed ? <Tag kind="computed">{tx.computed}</Tag> : null}
                {i.visibility === 'internal' ? <Tag kind="internal">{tx.visibilityInternal}</Tag> : null}
              </p>
              <dl className="mon-facts">
                <div>
                  <dt>{tx.unit}</dt>
                  <dd>{i.unit}</dd>
                </div>
                <div>
                  <dt>{tx.coverage}</dt>
                  <dd>
                    {c.periods > 0 && c.firstPeriod && c.lastPeriod
                      ? tx.coverageText(c.periods, fmt(c.firstPeriod), fmt(c.lastPeriod))
                      : tx.noData}
                  </dd>
                </div>
                {c.levels.length ? (
                  <div>
                    <dt>{tx.levels}</dt>
                    <dd>{c.levels.map((l) => levelLabel(l, lang)).join(', ')}</dd>
                  </div>
                ) : null}
                {i.dimensions.length ? (
                  <div>
                    <dt>{tx.dimensionsLabel}</dt>
                    <dd>{i.dimensions.map((d) => d.name).join(', ')}</dd>
                  </div>
                ) : null}
              </dl>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
