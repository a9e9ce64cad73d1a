import { useId } from 'react';
import { Link, useParams } from 'react-router';
import {
  hasPermission,
  indicatorTopicSchema,
  type AreaDetail,
  type AreaProfile,
  type Indicator,
} from '@dkbm/contract';
import { api, seg } from '../api';
import { useLoad } from '../hooks';
import { formatDate, useI18n } from '../i18n';
import { useTenant } from '../tenant';
import { Page, Section } from '../components/Page';
import { DataTable } from '../components/Table';
import { ErrorAlert, Loading } from '../components/Feedback';
import { MonitoringSubNav } from './SubNav';
import {
  CellValue,
  FlagLegend,
  levelLabel,
  topicLabel,
  useApiBase,
  useMonitoringPath,
  useSearchParamsUpdate,
} from './common';
import { formatCell, formatPeriod, numericValue, type Cell } from './format';
import { sparklinePath, trendDirection } from './trend';
import { apiQuery, type View } from './urlState';
import { useTexts } from './texts';

type ProfileIndicator = AreaProfile['indicators'][number];

/** Area profile: the area, its parents and children, and every indicator against the reference areas. */
export function AreaProfilePage() {
  const { areaId = '' } = useParams();
  const { lang } = useI18n();
  const tx = useTexts();
  const tenant = useTenant();
  const base = useApiBase();
  const path = useMonitoringPath();
  const uid = useId();
  const [sp, setSp] = useSearchParamsUpdate();
  const canInternal = hasPermission(tenant.role, 'data.internal');
  const view: View = canInternal && sp.get('view') !== 'public' ? 'internal' : 'public';

  const area = useLoad(`${base}/areas/${areaId}`, () => api.get<AreaDetail>(`${base}/areas/${seg(areaId)}`));
  const profileUrl = `${base}/areas/${seg(areaId)}/profile${apiQuery({ view: canInternal ? view : null })}`;
  const profile = useLoad(profileUrl, () => api.get<AreaProfile>(profileUrl));
  // Period types and English names of the indicators (the profile does not carry them).
  const catalogue = useLoad(`${base}/indicators`, () => api.get<Indicator[]>(`${base}/indicators`));
  const meta = new Map((catalogue.data ?? []).map((i) => [i.id, i]));

  const a = area.data?.id === areaId ? area.data : undefined;
  const p = profile.data?.area.id === areaId ? profile.data : undefined;
  const title = a ? tx.profileTitle(a.name) : tx.areasTitle;

  const periodOf = (ind: ProfileIndicator, period: string) =>
    formatPeriod(period, meta.get(ind.id)?.periodType ?? 'date', lang);
  const nameOf = (ind: ProfileIndicator) => {
    const m = meta.get(ind.id);
    return lang === 'en' && m?.nameEn ? m.nameEn : ind.name;
  };

  const groups = indicatorTopicSchema.options
    .map((topic) => ({ topic, items: (p?.indicators ?? []).filter((i) => i.topic === topic) }))
    .filter((g) => g.items.length > 0);

  return (
    <Page title={title} docTitle={`${title} – ${tx.moduleTitle}`}>
      <MonitoringSubNav />
      {area.loading && !a ? <Loading /> : null}
      <ErrorAlert error={area.error} />
      {a ? (
        <Section id={`${uid}-facts`} title={tx.profileFacts}>
          <dl className="mon-meta">
            <div className="mon-meta-row">
              <dt>{tx.level}</dt>
              <dd>{levelLabel(a.level, lang)}</dd>
            </div>
            <div className="mon-meta-row">
              <dt>{tx.colCode}</dt>
              <dd>{a.code}</dd>
            </div>
            <div className="mon-meta-row">
              <dt>{tx.validity}</dt>
              <dd>
                {a.validFrom || a.validTo
                  ? tx.validFromTo(
                      a.validFrom ? formatDate(a.validFrom, lang) : '…',
                      a.validTo ? formatDate(a.validTo, lang) : '…',
                    )
                  : tx.always}
              </dd>
            </div>
            <div className="mon-meta-row">
              <dt>{tx.parentChain}</dt>
              <dd>
                {p && p.references.length ? (
                  <ol className="mon-inline-list mon-chain">
                    {p.references.map((r) => (
                      <li key={r.id}>
                        <Link to={`${path}/gebiete/${r.id}`}>{r.name}</Link> ({levelLabel(r.level, lang)})
                      </li>
                    ))}
                  </ol>
                ) : a.parent ? (
                  <Link to={`${path}/gebiete/${a.parent.id}`}>{a.parent.name}</Link>
                ) : (
                  tx.noParents
                )}
              </dd>
            </div>
            <div className="mon-meta-row">
              <dt>{tx.children}</dt>
              <dd>
                {a.children.length ? (
                  <ul className="mon-inline-list">
                    {a.children.map((c) => (
                      <li key={c.id}>
                        <Link to={`${path}/gebiete/${c.id}`}>{c.name}</Link>
                      </li>
                    ))}
                  </ul>
                ) : (
                  tx.noChildren
                )}
              </dd>
            </div>
          </dl>
        </Section>
      ) : null}

      {a ? (
        <section aria-labelledby={`${uid}-ind`}>
          <h2 id={`${uid}-ind`}>{tx.profileIndicators}</h2>
          {canInternal ? (
            <fieldset className="mon-view">
              <legend>{tx.view}</legend>
              {(['internal', 'public'] as const).map((v) => (
                <label key={v} className="radio">
                  <input
                    type="radio"
                    name={`${uid}-view`}
                    value={v}
                    checked={view === v}
                    onChange={() =>
                      setSp((prev) => {
                        const next = new URLSearchParams(prev);
                        if (v === 'public') next.set('view', 'public');
                        else next.delete('view');
                        return next;
                      })
                    }
                  />{' '}
                  {v === 'internal' ? tx.viewInternal : tx.viewPublic}
                </label>
              ))}
            </fieldset>
          ) : null}
          <p className={view === 'internal' ? 'alert alert-warning' : 'mon-note'}>
            {view === 'internal' ? tx.viewInternalNote : tx.viewPublicOnly}
          </p>
          <p role="status" className="mon-status">
            {p && !profile.loading ? tx.resultCount(p.indicators.length) : ''}
          </p>
          {profile.loading && !p ? <Loading /> : null}
          <ErrorAlert error={profile.error} />
          {p && p.indicators.length === 0 ? <p>{tx.profileEmpty}</p> : null}
          {p
            ? groups.map((g) => (
                <section key={g.topic} aria-labelledby={`${uid}-${g.topic}`}>
                  <h3 id={`${uid}-${g.topic}`}>{topicLabel(g.topic, lang)}</h3>
                  <DataTable
                    caption={tx.profileCaption(topicLabel(g.topic, lang))}
                    head={
                      <tr>
                        <th scope="col">{tx.colIndicator}</th>
                        <th scope="col">{tx.lastPeriod}</th>
                        <th scope="col" className="num">
                          {a.name}
                        </th>
                        {p.references.map((r) => (
                          <th key={r.id} scope="col" className="num">
                            {r.name} ({levelLabel(r.level, lang)})
                          </th>
                        ))}
                        <th scope="col">{tx.colTrend}</th>
                      </tr>
                    }
                  >
                    {g.items.map((ind) => {
                      const latest = ind.latestPeriod
                        ? ind.series.find((s) => s.period === ind.latestPeriod)
                        : undefined;
                      return (
                        <tr key={ind.id}>
                          <th scope="row">
                            <Link
                              to={`${path}/indikatoren/${ind.id}${apiQuery({
                                area: a.id,
                                level: a.level,
                                view: view === 'public' && canInternal ? 'public' : null,
                              })}`}
                            >
                              {nameOf(ind)}
                            </Link>{' '}
                            <span className="muted">({ind.unit})</span>
                            <Breakdown ind={ind} />
                          </th>
                          <td>{ind.latestPeriod ? periodOf(ind, ind.latestPeriod) : '–'}</td>
                          <td className="num">
                            <CellValue cell={latest} decimals={ind.decimals} lang={lang} />
                          </td>
                          {p.references.map((r) => (
                            <td key={r.id} className="num">
                              <CellValue
                                cell={ind.references.find((x) => x.areaId === r.id)}
                                decimals={ind.decimals}
                                lang={lang}
                              />
                            </td>
                          ))}
                          <td>
                            <Trend ind={ind} periodOf={(s) => periodOf(ind, s)} />
                          </td>
                        </tr>
                      );
                    })}
                  </DataTable>
                  <FlagLegend
                    cells={g.items.flatMap((i) => [...(i.series as Cell[]), ...(i.references as Cell[])])}
                    lang={lang}
                  />
                </section>
              ))
            : null}
        </section>
      ) : null}
    </Page>
  );
}

/**
 * What the number stands for: the value of each dimension shown (e.g. „Art der Betreuung: insgesamt“)
 * and, for counts without an official total, which values were added up.
 */
function Breakdown({ ind }: { ind: ProfileIndicator }) {
  const tx = useTexts();
  if (!ind.breakdown?.length) return null;
  return (
    <span className="mon-breakdown" data-testid="profile-breakdown">
      {ind.breakdown
        .map((b) =>
          b.summed
            ? tx.profileSummed(b.name, b.values.join(' + '))
            : tx.profileShown(b.name, b.values.join(', ')),
        )
        .join(' · ')}
    </span>
  );
}

/** Sparkline (decorative) plus its text alternative: first and last value and the direction. */
function Trend({ ind, periodOf }: { ind: ProfileIndicator; periodOf: (p: string) => string }) {
  const { lang } = useI18n();
  const tx = useTexts();
  const series = ind.series.toSorted((x, y) => x.period.localeCompare(y.period));
  const values = series.map((s) => numericValue(s));
  const dir = trendDirection(values, ind.decimals);
  if (!dir) return <span className="muted">{tx.trendNone}</span>;
  const { d, points } = sparklinePath(values, 96, 28);
  const withValue = series.filter((s) => numericValue(s) !== null);
  const first = withValue[0]!;
  const last = withValue[withValue.length - 1]!;
  const lastPoint = points[points.length - 1];
  const words = { up: tx.trendUp, down: tx.trendDown, flat: tx.trendFlat };
  return (
    <span className="mon-trend">
      <svg
        width="96"
        height="28"
        viewBox="0 0 96 28"
        aria-hidden="true"
        focusable="false"
        className="mon-sparkline"
      >
        <path d={d} fill="none" stroke="#0b5394" strokeWidth="2" strokeLinejoin="round" />
        {lastPoint ? <circle cx={lastPoint.x} cy={lastPoint.y} r="3" fill="#0b5394" /> : null}
      </svg>
      <span className="mon-trend-text">
        {tx.trendText(
          formatCell(first, ind.decimals, lang).text,
          periodOf(first.period),
          formatCell(last, ind.decimals, lang).text,
          periodOf(last.period),
          words[dir],
        )}
      </span>
    </span>
  );
}
