/**
 * Public page of a municipality's published goals („Ziele und Fortschritt“): goals with their targets, the
 * computed progress status, a chart as SVG and the same values as a table, with source and date. Works
 * without JavaScript. Values are those of the public (protected) view: a withheld value shows as „.“ and
 * never becomes a progress figure.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { formatNumber, MESSAGES, type Lang } from '../i18n/messages';
import { chartScales } from '../app/steering/model';
import { Layout, brandOf } from './Layout';
import { Breadcrumb } from './Breadcrumb';
import type { PublicTenant } from './pages';

export interface PublicTarget {
  id: string;
  indicator: string;
  unit: string | null;
  area: string;
  dims: string;
  baselinePeriod: string;
  baselineValue: string | null;
  targetPeriod: string;
  targetValue: string;
  status: string;
  statusLabel: string;
  latest: { period: string; value: string } | null;
  values: Array<{ period: string; value: string | null; flag: string | null }>;
  path: Array<{ period: string; value: string }>;
  source: string | null;
  updatedAt: string;
}

export interface PublicGoal {
  id: string;
  title: string;
  description: string | null;
  owner: string | null;
  parentTitle: string | null;
  statusLabel: string;
  targets: PublicTarget[];
}

const TEXTS = {
  de: {
    title: 'Ziele und Fortschritt',
    lead: 'Die Bildungsziele der Kommune mit ihren Zielwerten. Der Fortschritt wird aus den veröffentlichten Daten des Bildungsmonitorings berechnet (Verfahren der SDG-Berichterstattung, Open SDG).',
    none: 'Es sind noch keine Ziele veröffentlicht.',
    partOf: 'Teilziel von',
    owner: 'Verantwortlich',
    progress: 'Fortschritt',
    baseline: 'Basiswert',
    target: 'Zielwert',
    latest: 'Letzter Wert',
    period: 'Zeitraum',
    value: 'Wert',
    path: 'Erforderlicher Pfad',
    source: 'Quelle',
    asOf: 'Stand',
    noTargets: 'Für dieses Ziel sind keine Zielwerte veröffentlicht.',
    chart: (ind: string, area: string) => `Werte, Zielwert und erforderlicher Pfad: ${ind}, ${area}`,
    legend: 'Linie: Werte · gestrichelt: erforderlicher Pfad · Kreis: Zielwert',
    withheld: '„.“: Wert zum Schutz kleiner Fallzahlen gesperrt.',
  },
  en: {
    title: 'Goals and progress',
    lead: 'The education goals of the municipality with their targets. Progress is computed from the published monitoring data (method of SDG reporting, Open SDG).',
    none: 'No goals have been published yet.',
    partOf: 'Part of',
    owner: 'Responsible',
    progress: 'Progress',
    baseline: 'Baseline',
    target: 'Target',
    latest: 'Latest value',
    period: 'Period',
    value: 'Value',
    path: 'Required path',
    source: 'Source',
    asOf: 'As of',
    noTargets: 'No targets of this goal are published.',
    chart: (ind: string, area: string) => `Values, target and required path: ${ind}, ${area}`,
    legend: 'Line: values · dashed: required path · circle: target',
    withheld: '“.”: value withheld to protect small numbers.',
  },
};

const date = (iso: string, lang: Lang) => {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return lang === 'de' ? `${d}.${m}.${y}` : `${y}-${m}-${d}`;
};
const num = (v: string | null, lang: Lang) => {
  if (v === null) return '.';
  const decimals = Math.min((v.split('.')[1] ?? '').length, 2);
  return formatNumber(Number(v), lang, decimals);
};

function Chart({ t, label }: { t: PublicTarget; label: string }) {
  const W = 560;
  const H = 200;
  const values = t.values.filter((v) => v.value !== null) as Array<{ period: string; value: string }>;
  const periods = [...values.map((v) => v.period), ...t.path.map((p) => p.period), t.targetPeriod];
  const nums = [
    ...values.map((v) => Number(v.value)),
    ...t.path.map((p) => Number(p.value)),
    Number(t.targetValue),
  ];
  const s = chartScales(periods, nums, W, H, 16);
  const line = (pts: Array<{ period: string; value: string }>) =>
    pts.map((p) => `${s.x(p.period).toFixed(1)},${s.y(Number(p.value)).toFixed(1)}`).join(' ');
  return (
    <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label} style={{ maxWidth: '100%', height: 'auto' }}>
      <polyline points={line(t.path)} fill="none" stroke="#6b6b6b" strokeDasharray="6 4" strokeWidth={2} />
      <polyline points={line(values)} fill="none" stroke="#1d4f91" strokeWidth={3} />
      {values.map((v) => (
        <circle key={v.period} cx={s.x(v.period)} cy={s.y(Number(v.value))} r={4} fill="#1d4f91" />
      ))}
      <circle
        cx={s.x(t.targetPeriod)}
        cy={s.y(Number(t.targetValue))}
        r={6}
        fill="none"
        stroke="#0b5d1e"
        strokeWidth={3}
      />
    </svg>
  );
}

/** The target's chart as a standalone SVG string (the committee overview's PDF and DOCX use it). */
export const targetChartSvg = (t: PublicTarget, label: string): string =>
  renderToStaticMarkup(<Chart t={t} label={label} />).replace(
    '<svg ',
    `<svg xmlns="http://www.w3.org/2000/svg" width="560" height="200" `,
  );

function TargetSection({ t, lang }: { t: PublicTarget; lang: Lang }) {
  const x = TEXTS[lang];
  const unit = t.unit ? ` ${t.unit}` : '';
  const label = x.chart(t.indicator, t.area);
  const pathAt = new Map(t.path.map((p) => [p.period, p.value]));
  const valueAt = new Map(t.values.map((v) => [v.period, v]));
  const periods = [...new Set([...t.values.map((v) => v.period), ...t.path.map((p) => p.period)])].toSorted();
  const headingId = `zielwert-${t.id}`;
  return (
    <section aria-labelledby={headingId}>
      <h3 id={headingId}>
        {t.indicator} – {t.area}
        {t.dims ? ` (${t.dims})` : ''}
      </h3>
      <p>
        <strong>{x.progress}:</strong> {t.statusLabel}
      </p>
      <ul>
        <li>
          {x.baseline}: {num(t.baselineValue, lang)}
          {unit} ({date(t.baselinePeriod, lang)})
        </li>
        <li>
          {x.target}: {num(t.targetValue, lang)}
          {unit} ({date(t.targetPeriod, lang)})
        </li>
        {t.latest ? (
          <li>
            {x.latest}: {num(t.latest.value, lang)}
            {unit} ({date(t.latest.period, lang)})
          </li>
        ) : null}
      </ul>
      <figure>
        <Chart t={t} label={label} />
        <figcaption className="meta-line">{x.legend}</figcaption>
      </figure>
      <div className="table-scroll" role="region" tabIndex={0} aria-labelledby={`${headingId}-caption`}>
        <table>
          <caption id={`${headingId}-caption`}>{label}</caption>
          <thead>
            <tr>
              <th scope="col">{x.period}</th>
              <th scope="col" className="num">
                {x.value}
              </th>
              <th scope="col" className="num">
                {x.path}
              </th>
            </tr>
          </thead>
          <tbody>
            {periods.map((p) => {
              const v = valueAt.get(p);
              return (
                <tr key={p}>
                  <th scope="row">{date(p, lang)}</th>
                  <td className="num">{v ? num(v.value, lang) : ''}</td>
                  <td className="num">{pathAt.has(p) ? num(pathAt.get(p)!, lang) : ''}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {t.values.some((v) => v.value === null) ? <p className="meta-line">{x.withheld}</p> : null}
      <p className="meta-line">
        {x.source}: {t.source ?? '–'} · {x.asOf}: {date(t.updatedAt, lang)}
      </p>
    </section>
  );
}

export function renderPublicGoals(p: {
  lang: Lang;
  cssHref: string;
  tenant: PublicTenant;
  goals: PublicGoal[];
}): string {
  const x = TEXTS[p.lang];
  const t = MESSAGES[p.lang];
  const { tenant } = p;
  const path = `/kommune/${tenant.slug}/ziele`;
  return `<!DOCTYPE html>${renderToStaticMarkup(
    <Layout
      lang={p.lang}
      title={`${x.title} – ${tenant.name} – ${t.publicHomeTitle}`}
      cssHref={p.cssHref}
      path={path}
      brand={brandOf(tenant)}
      demo={tenant.isDemo}
    >
      <Breadcrumb lang={p.lang} tenant={tenant} here={x.title} />
      <h1>{x.title}</h1>
      <p className="lead">{x.lead}</p>
      {p.goals.length === 0 ? <p>{x.none}</p> : null}
      {p.goals.map((g) => (
        <section key={g.id} aria-labelledby={`ziel-${g.id}`}>
          <h2 id={`ziel-${g.id}`}>{g.title}</h2>
          {g.parentTitle ? (
            <p className="meta-line">
              {x.partOf}: {g.parentTitle}
            </p>
          ) : null}
          {g.owner ? (
            <p className="meta-line">
              {x.owner}: {g.owner}
            </p>
          ) : null}
          {g.description ? <p>{g.description}</p> : null}
          {g.targets.length ? (
            <p>
              <strong>{x.progress}:</strong> {g.statusLabel}
            </p>
          ) : (
            <p>{x.noTargets}</p>
          )}
          {g.targets.map((tg) => (
            <TargetSection key={tg.id} t={tg} lang={p.lang} />
          ))}
        </section>
      ))}
    </Layout>,
  )}`;
}
