import { renderToStaticMarkup } from 'react-dom/server';
import { INDICATOR_TOPIC_LABELS, type IndicatorTopic } from '@dkbm/contract';
import type { Lang } from '../i18n/messages';
import { Layout, brandOf } from './Layout';
import { MarkdownText } from './markdownText';
import { Breadcrumb } from './Breadcrumb';
import type { PublicTenant } from './pages';

/** One published indicator in the open data list. */
export interface OpenDataIndicator {
  code: string;
  name: string;
  topic: string;
  unit: string;
  description: string | null;
  source: string | null;
  licence: string | null;
  firstPeriod: string | null;
  lastPeriod: string | null;
}

const T = {
  de: {
    title: 'Offene Daten',
    intro:
      'Die Kennzahlen, die die Kommune veröffentlicht hat, zum Herunterladen. Kleine Fallzahlen sind zum Schutz der Betroffenen ausgeblendet (Punkt „.“).',
    none: 'Die Kommune hat noch keine Kennzahlen veröffentlicht.',
    period: (a: string | null, b: string | null) =>
      a && b ? (a === b ? `Stand ${b}` : `${a} bis ${b}`) : 'ohne Werte',
    unit: 'Einheit',
    source: 'Quelle',
    licence: 'Lizenz',
    download: 'Herunterladen',
    directory: 'Bildungswegweiser (alle veröffentlichten Orte und Angebote)',
    legend: 'Zeichenerklärung: „.“ = Wert geheim gehalten (kleine Fallzahl oder daraus rückrechenbar).',
    catalogue: 'Datenkatalog für Open-Data-Portale (DCAT-AP.de)',
  },
  en: {
    title: 'Open data',
    intro:
      'The indicators the municipality has published, for download. Small counts are withheld to protect the people concerned (dot “.”).',
    none: 'The municipality has not published any indicators yet.',
    period: (a: string | null, b: string | null) =>
      a && b ? (a === b ? `as of ${b}` : `${a} to ${b}`) : 'no values',
    unit: 'Unit',
    source: 'Source',
    licence: 'Licence',
    download: 'Download',
    directory: 'Education directory (all published places and offers)',
    legend: 'Legend: “.” = value withheld (small count or recomputable from one).',
    catalogue: 'Data catalogue for open data portals (DCAT-AP.de)',
  },
};

export function renderOpenData(p: {
  lang: Lang;
  cssHref: string;
  tenant: PublicTenant;
  indicators: OpenDataIndicator[];
  canonical?: string;
}): string {
  const { lang, tenant } = p;
  const x = T[lang];
  const base = `/kommune/${tenant.slug}/daten`;
  const topics = [...new Set(p.indicators.map((i) => i.topic))];
  return `<!DOCTYPE html>${renderToStaticMarkup(
    <Layout
      lang={lang}
      title={`${x.title} – ${tenant.name}`}
      cssHref={p.cssHref}
      path={base}
      brand={brandOf(tenant)}
      demo={tenant.isDemo}
      {...(p.canonical ? { canonical: p.canonical } : {})}
      description={x.intro}
    >
      <Breadcrumb lang={lang} tenant={tenant} here={x.title} />
      <h1>{x.title}</h1>
      <p className="lead">{x.intro}</p>
      {p.indicators.length === 0 ? <p>{x.none}</p> : null}
      {topics.map((topic) => (
        <section key={topic} aria-labelledby={`thema-${topic}`}>
          <h2 id={`thema-${topic}`}>{INDICATOR_TOPIC_LABELS[topic as IndicatorTopic]?.[lang] ?? topic}</h2>
          <ul className="cards">
            {p.indicators
              .filter((i) => i.topic === topic)
              .map((i) => (
                <li key={i.code}>
                  <h3 className="card-title">
                    <a href={`${base}/${i.code}`}>{i.name}</a>
                  </h3>
                  {i.description ? (
                    <p>
                      <MarkdownText text={i.description} />
                    </p>
                  ) : null}
                  <p className="meta-line">
                    {x.period(i.firstPeriod, i.lastPeriod)} · {x.unit}: {i.unit}
                    {i.source ? ` · ${x.source}: ${i.source}` : ''}
                    {i.licence ? ` · ${x.licence}: ${i.licence}` : ''}
                  </p>
                  <p>
                    {x.download}:{' '}
                    <a href={`${base}/${i.code}.csv`}>
                      CSV<span className="sr-only"> {i.name}</span>
                    </a>{' '}
                    ·{' '}
                    <a href={`${base}/${i.code}.xlsx`}>
                      XLSX<span className="sr-only"> {i.name}</span>
                    </a>{' '}
                    ·{' '}
                    <a href={`${base}/${i.code}.json`}>
                      JSON<span className="sr-only"> {i.name}</span>
                    </a>
                  </p>
                </li>
              ))}
          </ul>
        </section>
      ))}
      <p className="meta-line">{x.legend}</p>
      <h2>{x.download}</h2>
      <p>
        <a href={`/kommune/${tenant.slug}/wegweiser.csv`}>{x.directory} – CSV</a>
      </p>
      <p>
        {x.catalogue}: <a href={`${base}/katalog.ttl`}>Turtle</a> ·{' '}
        <a href={`${base}/katalog.jsonld`}>JSON-LD</a>
      </p>
    </Layout>,
  )}`;
}
