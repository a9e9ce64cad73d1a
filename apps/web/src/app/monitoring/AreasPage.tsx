import { useId, useMemo } from 'react';
import { Link } from 'react-router';
import { AREA_LEVEL_ORDER, type Area, type AreaLevel } from '@dkbm/contract';
import { api } from '../api';
import { useLoad } from '../hooks';
import { useI18n } from '../i18n';
import { Page } from '../components/Page';
import { DataTable } from '../components/Table';
import { ErrorAlert, Loading } from '../components/Feedback';
import { MonitoringSubNav } from './SubNav';
import { levelLabel, useApiBase, useMonitoringPath, useSearchParamsUpdate } from './common';
import { useTexts } from './texts';

const MAX_ROWS = 500;

/** Normalised for search: lower case without diacritics (ä → a). */
const norm = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();

/** Areas of the tenant by level, with search; links to the area profiles. */
export function AreasPage() {
  const { lang } = useI18n();
  const tx = useTexts();
  const base = useApiBase();
  const path = useMonitoringPath();
  const id = useId();
  const [params, setParams] = useSearchParamsUpdate();
  const q = params.get('q') ?? '';
  const level = params.get('level') ?? '';
  const areas = useLoad(`${base}/areas`, () => api.get<Area[]>(`${base}/areas`));

  function update(key: string, value: string) {
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      if (value) next.set(key, value);
      else next.delete(key);
      return next;
    });
  }

  const all = useMemo(() => areas.data ?? [], [areas.data]);
  const byId = useMemo(() => new Map(all.map((a) => [a.id, a])), [all]);
  const levels = useMemo(() => AREA_LEVEL_ORDER.filter((l) => all.some((a) => a.level === l)), [all]);
  const filtered = useMemo(() => {
    const nq = norm(q.trim());
    return all.filter(
      (a) =>
        (!level || a.level === level) && (!nq || norm(a.name).includes(nq) || a.code.startsWith(q.trim())),
    );
  }, [all, q, level]);
  const shown = filtered.slice(0, MAX_ROWS);

  return (
    <Page title={tx.areasTitle} docTitle={`${tx.areasTitle} – ${tx.moduleTitle}`}>
      <MonitoringSubNav />
      <p className="lead">{tx.areasLead}</p>
      <form
        className="mon-filters"
        role="search"
        onSubmit={(e) => e.preventDefault()}
        aria-label={tx.areaSearch}
      >
        <div className="field mon-search">
          <label htmlFor={`${id}-q`}>{tx.areaSearch}</label>
          <p className="hint" id={`${id}-q-hint`}>
            {tx.areaSearchHint}
          </p>
          <input
            id={`${id}-q`}
            type="search"
            value={q}
            aria-describedby={`${id}-q-hint`}
            onChange={(e) => update('q', e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-level`}>{tx.level}</label>
          <select id={`${id}-level`} value={level} onChange={(e) => update('level', e.target.value)}>
            <option value="">{tx.allLevels}</option>
            {levels.map((l) => (
              <option key={l} value={l}>
                {levelLabel(l, lang)}
              </option>
            ))}
          </select>
        </div>
      </form>
      <p role="status" className="mon-status">
        {areas.data ? tx.areasCount(filtered.length) : ''}
      </p>
      {areas.loading && !areas.data ? <Loading /> : null}
      <ErrorAlert error={areas.error} />
      {areas.data && filtered.length === 0 ? <p>{tx.noAreas}</p> : null}
      {filtered.length > shown.length ? (
        <p className="alert alert-warning">{tx.tooMany(shown.length, filtered.length)}</p>
      ) : null}
      {levels
        .filter((l) => shown.some((a) => a.level === l))
        .map((l) => (
          <LevelTable key={l} level={l} areas={shown.filter((a) => a.level === l)} byId={byId} path={path} />
        ))}
    </Page>
  );
}

function LevelTable({
  level,
  areas,
  byId,
  path,
}: {
  level: AreaLevel;
  areas: Area[];
  byId: Map<string, Area>;
  path: string;
}) {
  const { lang } = useI18n();
  const tx = useTexts();
  const headingId = `level-${level}`;
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>
        {levelLabel(level, lang)} <span className="mon-count">({areas.length})</span>
      </h2>
      <DataTable
        caption={tx.areasCaption(levelLabel(level, lang))}
        head={
          <tr>
            <th scope="col">{tx.colCode}</th>
            <th scope="col">{tx.colArea}</th>
            <th scope="col">{tx.colParent}</th>
            <th scope="col">{tx.colGeometry}</th>
          </tr>
        }
      >
        {areas.map((a) => {
          const parent = a.parentId ? byId.get(a.parentId) : undefined;
          return (
            <tr key={a.id}>
              <td>{a.code}</td>
              <th scope="row">
                <Link to={`${path}/gebiete/${a.id}`}>{a.name}</Link>
              </th>
              <td>{parent ? <Link to={`${path}/gebiete/${parent.id}`}>{parent.name}</Link> : '–'}</td>
              <td>{a.hasGeometry ? tx.yes : tx.no}</td>
            </tr>
          );
        })}
      </DataTable>
    </section>
  );
}
