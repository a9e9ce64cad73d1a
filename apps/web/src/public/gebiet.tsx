import { renderToStaticMarkup } from 'react-dom/server';
import { AREA_LEVEL_LABELS, type AreaLevel, type AreaProfile } from '@dkbm/contract';
import type { Lang } from '../i18n/messages';
import { Layout, brandOf } from './Layout';
import { Breadcrumb } from './Breadcrumb';
import type { PublicTenant } from './pages';
import { periodText, valueText } from './indicator';
import { projection, ringsOf } from './svgMap';

/** The public area profile /kommune/<slug>/gebiete/<code> (Sozialraumprofil), no JavaScript. */
export interface PublicAreaPage {
  lang: Lang;
  cssHref: string;
  tenant: PublicTenant;
  origin: string;
  /** The public view of the monitoring's area profile (published indicators only). */
  profile: AreaProfile;
  /** Boundaries of the area and of its siblings, for the locator map. */
  shapes: Array<{ code: string; name: string; geometry: unknown; self: boolean }>;
  /** Areas one level below, with their own profile pages. */
  children: Array<{ code: string; name: string }>;
  parent: { code: string; name: string } | null;
  /** Published Wegweiser entries located in the area. */
  directoryCount: number;
}

const T = {
  de: {
    areas: 'Gebiete',
    intro: (a: string, l: string) =>
      `Gebietsprofil ${a} (${l}): die veröffentlichten Kennzahlen des Gebiets im Vergleich mit den übergeordneten Gebieten.`,
    mapTitle: (a: string) => `Lage von ${a} in der Kommune`,
    figures: 'Kennzahlen',
    caption: (a: string) => `Kennzahlen für ${a} (letzter Stand) im Vergleich`,
    indicator: 'Kennzahl',
    period: 'Stand',
    none: 'Für dieses Gebiet sind keine Kennzahlen veröffentlicht.',
    aggregated: 'aus den Teilgebieten zusammengefasst',
    directory: (n: number, a: string) =>
      n === 1
        ? `1 Ort oder Angebot im Bildungswegweiser in ${a}`
        : `${n} Orte und Angebote im Bildungswegweiser in ${a}`,
    parts: 'Teilgebiete',
    partOf: 'Gehört zu',
    withheld:
      'Zeichenerklärung: „.“ = Wert geheim gehalten (kleine Fallzahl oder daraus rückrechenbar), „–“ = kein Wert.',
  },
  en: {
    areas: 'Areas',
    intro: (a: string, l: string) =>
      `Area profile ${a} (${l}): the published indicators of the area compared with the areas above it.`,
    mapTitle: (a: string) => `Location of ${a} in the municipality`,
    figures: 'Indicators',
    caption: (a: string) => `Indicators for ${a} (latest) compared`,
    indicator: 'Indicator',
    period: 'As of',
    none: 'No indicators are published for this area.',
    aggregated: 'summarised from its sub-areas',
    directory: (n: number, a: string) =>
      n === 1
        ? `1 place or offer in the education directory in ${a}`
        : `${n} places and offers in the education directory in ${a}`,
    parts: 'Sub-areas',
    partOf: 'Part of',
    withheld: 'Legend: “.” = value withheld (small count or recomputable from one), “–” = no value.',
  },
};

function LocatorMap({ p }: { p: PublicAreaPage }) {
  const rings = p.shapes.flatMap((s) => ringsOf(s.geometry).map((r) => ({ s, r })));
  if (!rings.length) return null;
  const proj = projection(rings.flatMap((x) => x.r));
  const name = p.profile.area.name;
  return (
    <figure className="map">
      <svg
        viewBox={`0 0 ${proj.width} ${proj.height}`}
        role="img"
        aria-labelledby="karte-titel"
        width="100%"
        preserveAspectRatio="xMidYMid meet"
      >
        <title id="karte-titel">{T[p.lang].mapTitle(name)}</title>
        {rings.map((x, i) => (
          <path
            key={i}
            d={proj.path(x.r)}
            fill={x.s.self ? '#08519c' : '#e3e9f0'}
            stroke="#3d4a57"
            strokeWidth="1"
          >
            <title>{x.s.name}</title>
          </path>
        ))}
      </svg>
    </figure>
  );
}

export function renderAreaPage(p: PublicAreaPage): string {
  const { lang, tenant, profile } = p;
  const x = T[lang];
  const area = profile.area;
  const levelName = AREA_LEVEL_LABELS[area.level as AreaLevel]?.[lang] ?? area.level;
  const path = `/kommune/${tenant.slug}/gebiete/${encodeURIComponent(area.code)}`;
  const refs = profile.references;
  const anyWithheld = profile.indicators.some(
    (i) => i.series.at(-1)?.flag === '.' || i.references.some((r) => r.flag === '.'),
  );
  return `<!DOCTYPE html>${renderToStaticMarkup(
    <Layout
      lang={lang}
      title={`${area.name} – ${x.areas} – ${tenant.name}`}
      cssHref={p.cssHref}
      path={path}
      canonical={`${p.origin}${path}`}
      description={x.intro(area.name, levelName)}
      brand={brandOf(tenant)}
      demo={tenant.isDemo}
    >
      <Breadcrumb
        lang={lang}
        tenant={tenant}
        mid={
          p.parent
            ? {
                href: `/kommune/${tenant.slug}/gebiete/${encodeURIComponent(p.parent.code)}`,
                label: p.parent.name,
              }
            : null
        }
        here={area.name}
      />
      <h1>{area.name}</h1>
      <p className="lead">{x.intro(area.name, levelName)}</p>
      <LocatorMap p={p} />
      <p>
        <a href={`/kommune/${tenant.slug}/wegweiser?gebiet=${encodeURIComponent(area.code)}`}>
          {x.directory(p.directoryCount, area.name)}
        </a>
      </p>

      <section aria-labelledby="kennzahlen">
        <h2 id="kennzahlen">{x.figures}</h2>
        {profile.indicators.length === 0 ? (
          <p>{x.none}</p>
        ) : (
          <div className="table-scroll" role="region" tabIndex={0} aria-labelledby="kennzahlen-tabelle">
            <table>
              <caption id="kennzahlen-tabelle">{x.caption(area.name)}</caption>
              <thead>
                <tr>
                  <th scope="col">{x.indicator}</th>
                  <th scope="col">{x.period}</th>
                  <th scope="col" className="num">
                    {area.name}
                  </th>
                  {refs.map((r) => (
                    <th scope="col" className="num" key={r.id}>
                      {r.name}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {profile.indicators.map((i) => {
                  const last = i.series.at(-1);
                  return (
                    <tr key={i.id}>
                      <th scope="row">
                        <a href={`/kommune/${tenant.slug}/daten/${i.code}`}>
                          {lang === 'en' && i.nameEn ? i.nameEn : i.name}
                        </a>{' '}
                        ({i.unit})
                        {i.source === 'aggregated' ? (
                          <span className="meta-line"> – {x.aggregated}</span>
                        ) : null}
                      </th>
                      <td>{i.latestPeriod ? periodText(i.latestPeriod, i.periodType, lang) : '–'}</td>
                      <td className="num">
                        {valueText(last ?? { value: null, flag: null }, i.decimals, lang)}
                      </td>
                      {refs.map((r) => {
                        const v = i.references.find((q) => q.areaId === r.id);
                        return (
                          <td className="num" key={r.id}>
                            {valueText(v ?? { value: null, flag: null }, i.decimals, lang)}
                          </td>
                        );
                      })}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        {anyWithheld ? <p className="meta-line">{x.withheld}</p> : null}
      </section>

      {p.children.length ? (
        <section aria-labelledby="teilgebiete">
          <h2 id="teilgebiete">{x.parts}</h2>
          <ul>
            {p.children.map((c) => (
              <li key={c.code}>
                <a href={`/kommune/${tenant.slug}/gebiete/${encodeURIComponent(c.code)}`}>{c.name}</a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </Layout>,
  )}`;
}
