import { renderToStaticMarkup } from 'react-dom/server';
import {
  AREA_LEVEL_LABELS,
  INDICATOR_TOPIC_LABELS,
  type AreaLevel,
  type IndicatorTopic,
} from '@dkbm/contract';
import { formatNumber, type Lang } from '../i18n/messages';
import { Layout, brandOf } from './Layout';
import { MarkdownText, plainText } from './markdownText';
import { Breadcrumb } from './Breadcrumb';
import type { PublicTenant } from './pages';
import { projection, ringsOf } from './svgMap';

/** A public value: withheld cells have value null and flag „.“. */
export interface PublicValue {
  value: string | null;
  flag: string | null;
}

/** The public indicator page /kommune/<slug>/daten/<code> (server-rendered, no JavaScript). */
export interface PublicIndicatorPage {
  lang: Lang;
  cssHref: string;
  tenant: PublicTenant;
  origin: string;
  indicator: {
    code: string;
    nameDe: string;
    nameEn: string | null;
    description: string | null;
    unit: string;
    decimals: number;
    topic: string;
    source: string | null;
    licence: string | null;
    attribution: string | null;
    updateInterval: string | null;
    contact: string | null;
    periodType: string;
    updatedAt: string;
    computed: boolean;
  };
  /** Dimensions shown by a value other than their total („Altersgruppe: unter 3 Jahre“). */
  selection: string | null;
  periods: string[];
  period: string | null;
  levels: AreaLevel[];
  level: AreaLevel | null;
  /** Dimensions of the indicator with the values it has; `chosen` instead of the total (query `m_<code>`). */
  dimensions: Array<{
    code: string;
    name: string;
    values: Array<{ code: string; label: string }>;
    chosen: string | null;
  }>;
  /** Chart of the development (ECharts SVG made by the server) – its values are in the table below it. */
  chartSvg: string | null;
  series: Array<{
    code: string;
    name: string;
    reference: boolean;
    points: Array<{ period: string } & PublicValue>;
  }>;
  byArea: Array<{ code: string; name: string; geometry: unknown } & PublicValue>;
  /**
   * Address of the map's enhancement script (MapLibre, a hashed asset of the web build), or null when the
   * build has none: then the page is exactly the page without JavaScript.
   */
  mapScript?: string | null;
}

const T = {
  de: {
    data: 'Offene Daten',
    facts: 'Steckbrief',
    topic: 'Thema',
    unit: 'Einheit',
    source: 'Quelle',
    licence: 'Lizenz',
    attribution: 'Namensnennung',
    updated: 'Datenstand',
    range: 'Zeitraum',
    interval: 'Aktualisierung',
    contact: 'Ansprechpartner',
    computed: 'Berechnung',
    computedText: 'Berechnet aus anderen Kennzahlen (aus deren geschützten Werten).',
    shown: 'Gezeigt',
    development: 'Entwicklung',
    developmentCaption: (n: string, u: string) => `${n} (${u}) nach Zeitpunkt`,
    chartAlt: (n: string, a: string, b: string) =>
      `Diagramm: ${n} von ${a} bis ${b}. Die Werte stehen in der Tabelle unter dem Diagramm.`,
    reference: 'Vergleichsgebiet',
    period: 'Zeitpunkt',
    area: 'Gebiet',
    byArea: 'Nach Gebiet',
    level: 'Raumebene',
    show: 'Anzeigen',
    mapTitle: (n: string, p: string, l: string) => `Karte: ${n}, ${p}, nach ${l}`,
    mapCaption:
      'Die Karte färbt jedes Gebiet nach seinem Wert (dunkler = höher). Alle Werte stehen in der Tabelle unter der Karte.',
    legend: 'Legende',
    legendWithheld: 'geheim gehalten („.“)',
    legendNone: 'kein Wert',
    allValues: 'insgesamt',
    below: (a: string, b: string) => `${a} bis unter ${b}`,
    tableCaption: (n: string, p: string, l: string) => `${n}, ${p}, nach ${l}`,
    value: 'Wert',
    profile: (a: string) => `Gebietsprofil ${a}`,
    downloads: 'Herunterladen',
    downloadsText:
      'Alle Werte des Indikators in der öffentlichen Fassung: kleine Fallzahlen und Werte, aus denen sie sich zurückrechnen ließen, sind ausgeblendet („.“).',
    catalogue: 'Datenkatalog der Kommune (DCAT-AP.de)',
    withheld:
      'Zeichenerklärung: „.“ = Wert geheim gehalten (kleine Fallzahl oder daraus rückrechenbar), „–“ = kein Wert.',
    noValues: 'Für diese Auswahl gibt es keine veröffentlichten Werte.',
    scrollHint: 'Die Tabelle lässt sich waagerecht scrollen.',
  },
  en: {
    data: 'Open data',
    facts: 'Fact sheet',
    topic: 'Topic',
    unit: 'Unit',
    source: 'Source',
    licence: 'Licence',
    attribution: 'Attribution',
    updated: 'Data as of',
    range: 'Period covered',
    interval: 'Update interval',
    contact: 'Contact',
    computed: 'Computation',
    computedText: 'Computed from other indicators (from their protected values).',
    shown: 'Shown',
    development: 'Development',
    developmentCaption: (n: string, u: string) => `${n} (${u}) by period`,
    chartAlt: (n: string, a: string, b: string) =>
      `Chart: ${n} from ${a} to ${b}. The values are in the table below the chart.`,
    reference: 'Reference area',
    period: 'Period',
    area: 'Area',
    byArea: 'By area',
    level: 'Area level',
    show: 'Show',
    mapTitle: (n: string, p: string, l: string) => `Map: ${n}, ${p}, by ${l}`,
    mapCaption:
      'The map colours each area by its value (darker = higher). All values are in the table below the map.',
    legend: 'Legend',
    legendWithheld: 'withheld (“.”)',
    legendNone: 'no value',
    allValues: 'total',
    below: (a: string, b: string) => `${a} to under ${b}`,
    tableCaption: (n: string, p: string, l: string) => `${n}, ${p}, by ${l}`,
    value: 'Value',
    profile: (a: string) => `Area profile ${a}`,
    downloads: 'Download',
    downloadsText:
      'All values of the indicator in the public version: small counts and values they could be recomputed from are withheld (“.”).',
    catalogue: 'Data catalogue of the municipality (DCAT-AP.de)',
    withheld: 'Legend: “.” = value withheld (small count or recomputable from one), “–” = no value.',
    noValues: 'There are no published values for this selection.',
    scrollHint: 'The table can be scrolled horizontally.',
  },
};

/** A period as readers expect it: 2024-12-31 → 2024 for yearly data, else the German date. */
export function periodText(period: string, periodType: string, lang: Lang): string {
  const [y, m, d] = period.slice(0, 10).split('-');
  if (periodType === 'year' || (m === '12' && d === '31')) return y!;
  return lang === 'de' ? `${d}.${m}.${y}` : `${y}-${m}-${d}`;
}

/** A public value as text: German numbers, withheld „.“, missing „–“. */
export function valueText(v: PublicValue, decimals: number, lang: Lang): string {
  if (v.value === null) return v.flag === '.' ? '.' : (v.flag ?? '–');
  const n = Number(v.value);
  if (!Number.isFinite(n)) return v.value;
  return formatNumber(n, lang, decimals);
}

/** Sequential colour classes (ColorBrewer Blues), light to dark. */
export const CLASSES = ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c'];

/** Class breaks by quantiles of the values shown (at most five classes). */
export function classBreaks(values: number[]): number[] {
  const sorted = [...new Set(values)].toSorted((a, b) => a - b);
  if (sorted.length <= 1) return sorted;
  const k = Math.min(CLASSES.length, sorted.length);
  const out: number[] = [];
  for (let i = 1; i < k; i++) out.push(sorted[Math.floor((i * sorted.length) / k)]!);
  return [...new Set(out)];
}

export function classOf(v: number, breaks: number[]): number {
  let i = 0;
  while (i < breaks.length && v >= breaks[i]!) i++;
  return Math.round((i * (CLASSES.length - 1)) / Math.max(1, breaks.length));
}

/** Fill of an area on the map: its class colour, `withheld` (hatched) or white (no value). */
function fillOf(a: PublicValue, breaks: number[]): string {
  if (a.value === null) return a.flag === '.' ? 'withheld' : '#ffffff';
  return CLASSES[classOf(Number(a.value), breaks)]!;
}

/** Properties of one area of the interactive map: the same class colours and texts as the SVG map. */
export interface MapAreaProperties {
  code: string;
  name: string;
  /** The public value (null when withheld or missing) and its flag („.“ = withheld). */
  value: number | null;
  flag: string | null;
  /** Class colour, `withheld` (hatched) or white for no value – as on the SVG map. */
  fill: string;
  /** „Altstadt: 1.234,5“ in the page's language – the same text as the SVG map's tooltip. */
  text: string;
}

/**
 * The areas of the map as GeoJSON (for the MapLibre enhancement), from exactly the values the page shows:
 * the public view, withheld cells have value null and flag „.“.
 */
export function choroplethGeoJson(
  byArea: PublicIndicatorPage['byArea'],
  decimals: number,
  lang: Lang,
): {
  type: 'FeatureCollection';
  features: Array<{ type: 'Feature'; geometry: unknown; properties: MapAreaProperties }>;
} {
  const breaks = classBreaks(byArea.flatMap((a) => (a.value === null ? [] : [Number(a.value)])));
  return {
    type: 'FeatureCollection',
    features: byArea
      .filter((a) => a.geometry)
      .map((a) => ({
        type: 'Feature',
        geometry: a.geometry,
        properties: {
          code: a.code,
          name: a.name,
          value: a.value === null ? null : Number(a.value),
          flag: a.flag,
          fill: fillOf(a, breaks),
          text: `${a.name}: ${valueText(a, decimals, lang)}`,
        },
      })),
  };
}

function Choropleth({ p, title }: { p: PublicIndicatorPage; title: string }) {
  const x = T[p.lang];
  const shapes = p.byArea.flatMap((a) => ringsOf(a.geometry).map((r) => ({ a, r })));
  if (!shapes.length) return null;
  const proj = projection(shapes.flatMap((s) => s.r));
  const numbers = p.byArea.flatMap((a) => (a.value === null ? [] : [Number(a.value)]));
  const breaks = classBreaks(numbers);
  const fill = (a: PublicValue) => {
    const f = fillOf(a, breaks);
    return f === 'withheld' ? 'url(#geheim)' : f;
  };
  const lower = [Math.min(...numbers), ...breaks];
  const used = [...new Set(numbers.map((n) => classOf(n, breaks)))].toSorted((a, b) => a - b);
  const fmt = (n: number) => formatNumber(n, p.lang, p.indicator.decimals);
  // With the enhancement script, the figure names the map's data (same selection, public view).
  const q = new URLSearchParams();
  if (p.period) q.set('zeitpunkt', p.period);
  if (p.level) q.set('ebene', p.level);
  for (const d of p.dimensions) if (d.chosen) q.set(`m_${d.code}`, d.chosen);
  q.set('lang', p.lang);
  const data = p.mapScript
    ? { 'data-karte': `/kommune/${p.tenant.slug}/daten/${p.indicator.code}.geojson?${q}` }
    : {};
  return (
    <figure className="map" {...data}>
      <svg
        viewBox={`0 0 ${proj.width} ${proj.height}`}
        role="img"
        aria-labelledby="karte-titel"
        width="100%"
        preserveAspectRatio="xMidYMid meet"
      >
        <title id="karte-titel">{title}</title>
        <defs>
          <pattern
            id="geheim"
            width="6"
            height="6"
            patternUnits="userSpaceOnUse"
            patternTransform="rotate(45)"
          >
            <rect width="6" height="6" fill="#d9d9d9" />
            <line x1="0" y1="0" x2="0" y2="6" stroke="#525252" strokeWidth="2" />
          </pattern>
        </defs>
        {shapes.map((s, i) => (
          <path key={i} d={proj.path(s.r)} fill={fill(s.a)} stroke="#3d4a57" strokeWidth="1">
            <title>{`${s.a.name}: ${valueText(s.a, p.indicator.decimals, p.lang)}`}</title>
          </path>
        ))}
      </svg>
      <figcaption>
        {x.mapCaption}
        <span className="sr-only"> </span>
      </figcaption>
      <ul className="legend" aria-label={x.legend}>
        {used.map((c) => {
          const from = lower[used.indexOf(c)] ?? lower[0]!;
          const next = used[used.indexOf(c) + 1];
          const to = next === undefined ? Math.max(...numbers) : (lower[used.indexOf(c) + 1] ?? from);
          return (
            <li key={c}>
              <span className="swatch" style={{ background: CLASSES[c] }} aria-hidden="true" />
              {next === undefined ? `${fmt(from)} – ${fmt(to)}` : x.below(fmt(from), fmt(to))}
            </li>
          );
        })}
        {p.byArea.some((a) => a.value === null && a.flag === '.') ? (
          <li>
            <span className="swatch withheld" aria-hidden="true" />
            {x.legendWithheld}
          </li>
        ) : null}
      </ul>
    </figure>
  );
}

export function renderIndicatorPage(p: PublicIndicatorPage): string {
  const { lang, tenant, indicator: ind } = p;
  const x = T[lang];
  const name = lang === 'en' && ind.nameEn ? ind.nameEn : ind.nameDe;
  const base = `/kommune/${tenant.slug}/daten`;
  const path = `${base}/${ind.code}`;
  const pt = (period: string) => periodText(period, ind.periodType, lang);
  const levelName = (l: AreaLevel) => AREA_LEVEL_LABELS[l]?.[lang] ?? l;
  const periodsShown = [...new Set(p.series.flatMap((s) => s.points.map((q) => q.period)))].toSorted();
  const first = p.periods[0];
  const last = p.periods.at(-1);
  const anyWithheld =
    p.byArea.some((a) => a.value === null) ||
    p.series.some((s) => s.points.some((q) => q.value === null && q.flag === '.'));
  const levelLabel = p.level ? levelName(p.level) : '';
  const periodLabel = p.period ? pt(p.period) : '';
  const hasMap = p.byArea.some((a) => a.geometry);
  return `<!DOCTYPE html>${renderToStaticMarkup(
    <Layout
      lang={lang}
      title={`${name} – ${x.data} – ${tenant.name}`}
      cssHref={p.cssHref}
      path={path}
      canonical={`${p.origin}${path}`}
      brand={brandOf(tenant)}
      demo={tenant.isDemo}
      description={ind.description ? plainText(ind.description) : `${name} (${ind.unit}) – ${tenant.name}`}
    >
      <Breadcrumb lang={lang} tenant={tenant} mid={{ href: base, label: x.data }} here={name} />
      <h1>{name}</h1>
      {ind.description ? (
        <p className="lead">
          <MarkdownText text={ind.description} />
        </p>
      ) : null}

      <h2 id="steckbrief">{x.facts}</h2>
      <dl className="facts">
        <div>
          <dt>{x.topic}</dt>
          <dd>{INDICATOR_TOPIC_LABELS[ind.topic as IndicatorTopic]?.[lang] ?? ind.topic}</dd>
        </div>
        <div>
          <dt>{x.unit}</dt>
          <dd>{ind.unit}</dd>
        </div>
        {p.selection ? (
          <div>
            <dt>{x.shown}</dt>
            <dd>{p.selection}</dd>
          </div>
        ) : null}
        {first && last ? (
          <div>
            <dt>{x.range}</dt>
            <dd>{first === last ? pt(last) : `${pt(first)} – ${pt(last)}`}</dd>
          </div>
        ) : null}
        <div>
          <dt>{x.updated}</dt>
          <dd>
            <time dateTime={ind.updatedAt.slice(0, 10)}>{periodText(ind.updatedAt, 'day', lang)}</time>
          </dd>
        </div>
        {ind.source ? (
          <div>
            <dt>{x.source}</dt>
            <dd>{ind.source}</dd>
          </div>
        ) : null}
        {ind.licence ? (
          <div>
            <dt>{x.licence}</dt>
            <dd>{ind.licence}</dd>
          </div>
        ) : null}
        {ind.attribution ? (
          <div>
            <dt>{x.attribution}</dt>
            <dd>{ind.attribution}</dd>
          </div>
        ) : null}
        {ind.updateInterval ? (
          <div>
            <dt>{x.interval}</dt>
            <dd>{ind.updateInterval}</dd>
          </div>
        ) : null}
        {ind.computed ? (
          <div>
            <dt>{x.computed}</dt>
            <dd>{x.computedText}</dd>
          </div>
        ) : null}
      </dl>

      <section aria-labelledby="entwicklung">
        <h2 id="entwicklung">{x.development}</h2>
        {p.series.length === 0 ? <p>{x.noValues}</p> : null}
        {p.chartSvg && first && last ? (
          <div
            className="chart"
            role="img"
            aria-label={x.chartAlt(name, pt(periodsShown[0] ?? first), pt(periodsShown.at(-1) ?? last))}
            dangerouslySetInnerHTML={{ __html: p.chartSvg }}
          />
        ) : null}
        {p.series.length > 0 ? (
          <div className="table-scroll" role="region" tabIndex={0} aria-labelledby="entwicklung-tabelle">
            <table>
              <caption id="entwicklung-tabelle">{x.developmentCaption(name, ind.unit)}</caption>
              <thead>
                <tr>
                  <th scope="col">{x.period}</th>
                  {p.series.map((s) => (
                    <th scope="col" className="num" key={s.code}>
                      {s.name}
                      {s.reference ? <span className="sr-only"> ({x.reference})</span> : null}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {periodsShown.map((period) => (
                  <tr key={period}>
                    <th scope="row">{pt(period)}</th>
                    {p.series.map((s) => (
                      <td className="num" key={s.code}>
                        {valueText(
                          s.points.find((q) => q.period === period) ?? { value: null, flag: null },
                          ind.decimals,
                          lang,
                        )}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>

      <section aria-labelledby="nach-gebiet">
        <h2 id="nach-gebiet">{x.byArea}</h2>
        <form method="get" action={path} className="search">
          <div className="search-row">
            <label htmlFor="zeitpunkt">{x.period}</label>
            <select id="zeitpunkt" name="zeitpunkt" defaultValue={p.period ?? undefined}>
              {p.periods.toReversed().map((q) => (
                <option key={q} value={q}>
                  {pt(q)}
                </option>
              ))}
            </select>
            <label htmlFor="ebene">{x.level}</label>
            <select id="ebene" name="ebene" defaultValue={p.level ?? undefined}>
              {p.levels.map((l) => (
                <option key={l} value={l}>
                  {levelName(l)}
                </option>
              ))}
            </select>
            {p.dimensions
              .filter((d) => d.values.length > 1)
              .map((d) => (
                <span key={d.code} className="field">
                  <label htmlFor={`m_${d.code}`}>{d.name}</label>{' '}
                  <select id={`m_${d.code}`} name={`m_${d.code}`} defaultValue={d.chosen ?? ''}>
                    <option value="">{x.allValues}</option>
                    {d.values.map((v) => (
                      <option key={v.code} value={v.code}>
                        {v.label}
                      </option>
                    ))}
                  </select>
                </span>
              ))}
            <button type="submit">{x.show}</button>
          </div>
        </form>
        {p.byArea.length === 0 ? <p>{x.noValues}</p> : null}
        {hasMap ? <Choropleth p={p} title={x.mapTitle(name, periodLabel, levelLabel)} /> : null}
        {hasMap && p.mapScript ? <script type="module" src={p.mapScript} /> : null}
        {p.byArea.length > 0 ? (
          <div className="table-scroll" role="region" tabIndex={0} aria-labelledby="gebiet-tabelle">
            <table>
              <caption id="gebiet-tabelle">{x.tableCaption(name, periodLabel, levelLabel)}</caption>
              <thead>
                <tr>
                  <th scope="col">{x.area}</th>
                  <th scope="col" className="num">
                    {x.value} ({ind.unit})
                  </th>
                </tr>
              </thead>
              <tbody>
                {p.byArea.map((a) => (
                  <tr key={a.code}>
                    <th scope="row">
                      <a href={`/kommune/${tenant.slug}/gebiete/${encodeURIComponent(a.code)}`}>{a.name}</a>
                    </th>
                    <td className="num">{valueText(a, ind.decimals, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        {anyWithheld ? <p className="meta-line">{x.withheld}</p> : null}
      </section>

      <section aria-labelledby="herunterladen">
        <h2 id="herunterladen">{x.downloads}</h2>
        <p>{x.downloadsText}</p>
        <ul>
          {(['csv', 'xlsx', 'json'] as const).map((f) => (
            <li key={f}>
              <a href={`${base}/${ind.code}.${f}`} download>
                {f.toUpperCase()}
                <span className="sr-only"> {name}</span>
              </a>
            </li>
          ))}
        </ul>
        <p>
          <a href={`${base}/katalog.ttl`}>{x.catalogue}</a>
        </p>
      </section>
    </Layout>,
  )}`;
}
