/**
 * Public summary of the municipality's entitlement planning („Rechtsanspruch: Plätze und Bedarf“): per
 * published scenario the city total per school year and a table per planning unit. Works without
 * JavaScript. Withheld numbers (small numbers of children) show as „.“.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { formatNumber, MESSAGES, type Lang } from '../i18n/messages';
import { Layout, brandOf } from './Layout';
import { Breadcrumb } from './Breadcrumb';
import type { PublicTenant } from './pages';

type Status = 'shortfall' | 'tight' | 'covered';

export interface PublicEntitlementRow {
  schoolYear: number;
  entitled: number | null;
  demand: number | null;
  places: number;
  gap: number | null;
  status: Status;
}

export interface PublicEntitlementPage {
  threshold: number;
  referenceDate: string | null;
  withheld: boolean;
  scenarios: Array<{
    id: string;
    name: string;
    description: string | null;
    parts: Array<{
      scope: 'ganztag' | 'kita';
      totals: PublicEntitlementRow[];
      units: Array<{ id: string; name: string; rows: PublicEntitlementRow[] }>;
    }>;
  }>;
}

export const ENTITLEMENT_PUBLIC_TEXTS = {
  de: {
    title: 'Rechtsanspruch: Plätze und Bedarf',
    link: 'Rechtsanspruch auf Ganztag und Kita: Plätze und Bedarf',
    lead: 'Die Planung der Kommune für den Rechtsanspruch auf Ganztagsbetreuung in der Grundschule (ab dem Schuljahr 2026/27 schrittweise, Klassen 1 bis 4 ab 2029/30) und auf einen Kita-Platz: Kinder mit Rechtsanspruch, erwarteter Bedarf, Plätze und Lücke je Schuljahr.',
    scenario: 'Szenario',
    ganztag: 'Ganztag in der Grundschule',
    kita: 'Kita (unter 3 und ab 3 Jahren)',
    total: 'Gesamte Kommune',
    schoolYear: 'Schuljahr',
    entitled: 'Kinder mit Rechtsanspruch',
    demand: 'Erwarteter Bedarf',
    places: 'Plätze',
    gap: 'Lücke',
    status: 'Stand',
    byUnit: 'Nach Schule und Sozialraum',
    statuses: { covered: 'gedeckt', tight: 'knapp', shortfall: 'Lücke' } as Record<Status, string>,
    gapNote:
      'Erwarteter Bedarf: Kinder mit Rechtsanspruch, die einen Platz wollen, und Kinder der Klassen, für die der Anspruch noch nicht gilt, die einen Platz nutzen – deshalb kann der Bedarf größer sein als die Zahl der Kinder mit Rechtsanspruch. Lücke: erwarteter Bedarf minus Plätze (negativ: mehr Plätze als Bedarf). Knapp: weniger als 5 % Reserve.',
    withheld: (n: number) =>
      `„.“: Zahlen von weniger als ${n} Kindern werden je Schule oder Sozialraum nicht gezeigt (Schutz kleiner Fallzahlen); wo nur eine Zahl betroffen wäre, ist eine weitere gesperrt, damit sie sich nicht aus der Summe errechnen lässt.`,
    basis: (d: string) =>
      `Bevölkerung nach Altersjahren, Stand ${d}, fortgeschrieben; Rundung auf ganze Kinder.`,
  },
  en: {
    title: 'Legal entitlement: places and demand',
    link: 'Legal entitlement to all-day care and childcare: places and demand',
    lead: 'The municipality’s planning for the legal entitlement to all-day care in primary school (phased in from school year 2026/27, grades 1 to 4 from 2029/30) and to a childcare place: entitled children, expected demand, places and gap per school year.',
    scenario: 'Scenario',
    ganztag: 'All-day care in primary school',
    kita: 'Childcare (under 3 and from 3 years)',
    total: 'Whole municipality',
    schoolYear: 'School year',
    entitled: 'Entitled children',
    demand: 'Expected demand',
    places: 'Places',
    gap: 'Gap',
    status: 'Status',
    byUnit: 'By school and social area',
    statuses: { covered: 'covered', tight: 'tight', shortfall: 'shortfall' } as Record<Status, string>,
    gapNote:
      'Expected demand: entitled children who want a place, and children of grades not yet entitled who use one – so demand can exceed the number of entitled children. Gap: expected demand minus places (negative: more places than demand). Tight: less than 5 % reserve.',
    withheld: (n: number) =>
      `“.”: numbers of fewer than ${n} children are not shown per school or social area (protection of small numbers); where only one number would be affected, another one is withheld so that it cannot be computed from the total.`,
    basis: (d: string) =>
      `Population by single year of age as of ${d}, projected; rounded to whole children.`,
  },
};

const yearLabel = (y: number) => `${y}/${String((y + 1) % 100).padStart(2, '0')}`;
const date = (iso: string, lang: Lang) => {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return lang === 'de' ? `${d}.${m}.${y}` : `${y}-${m}-${d}`;
};

function PlanTable({
  id,
  caption,
  rows,
  lang,
}: {
  id: string;
  caption: string;
  rows: PublicEntitlementRow[];
  lang: Lang;
}) {
  const x = ENTITLEMENT_PUBLIC_TEXTS[lang];
  const n = (v: number | null) => (v === null ? '.' : formatNumber(v, lang, 0));
  return (
    <div className="table-scroll" role="region" tabIndex={0} aria-labelledby={id}>
      <table>
        <caption id={id}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{x.schoolYear}</th>
            <th scope="col" className="num">
              {x.entitled}
            </th>
            <th scope="col" className="num">
              {x.demand}
            </th>
            <th scope="col" className="num">
              {x.places}
            </th>
            <th scope="col" className="num">
              {x.gap}
            </th>
            <th scope="col">{x.status}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.schoolYear}>
              <th scope="row">{yearLabel(r.schoolYear)}</th>
              <td className="num">{n(r.entitled)}</td>
              <td className="num">{n(r.demand)}</td>
              <td className="num">{n(r.places)}</td>
              <td className="num">{n(r.gap)}</td>
              <td>{x.statuses[r.status]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function renderEntitlementPage(p: {
  lang: Lang;
  cssHref: string;
  tenant: PublicTenant;
  plan: PublicEntitlementPage;
}): string {
  const x = ENTITLEMENT_PUBLIC_TEXTS[p.lang];
  const t = MESSAGES[p.lang];
  const { tenant, plan } = p;
  const multi = plan.scenarios.length > 1;
  return `<!DOCTYPE html>${renderToStaticMarkup(
    <Layout
      lang={p.lang}
      title={`${x.title} – ${tenant.name} – ${t.publicHomeTitle}`}
      cssHref={p.cssHref}
      path={`/kommune/${tenant.slug}/rechtsanspruch`}
      brand={brandOf(tenant)}
      demo={tenant.isDemo}
    >
      <Breadcrumb lang={p.lang} tenant={tenant} here={x.title} />
      <h1>{x.title}</h1>
      <p className="lead">{x.lead}</p>
      {plan.referenceDate ? <p className="meta-line">{x.basis(date(plan.referenceDate, p.lang))}</p> : null}
      <p className="meta-line">{x.gapNote}</p>
      {plan.withheld ? <p className="meta-line">{x.withheld(plan.threshold)}</p> : null}
      {plan.scenarios.map((sc) => {
        const H = multi ? 'h3' : 'h2';
        const H2 = multi ? 'h4' : 'h3';
        return (
          <section key={sc.id} aria-labelledby={`szenario-${sc.id}`}>
            {multi ? (
              <h2 id={`szenario-${sc.id}`}>
                {x.scenario}: {sc.name}
              </h2>
            ) : (
              <p id={`szenario-${sc.id}`}>
                <strong>{x.scenario}:</strong> {sc.name}
              </p>
            )}
            {sc.description ? <p>{sc.description}</p> : null}
            {sc.parts.map((part) => {
              const base = `${sc.id}-${part.scope}`;
              const label = part.scope === 'ganztag' ? x.ganztag : x.kita;
              return (
                <section key={part.scope} aria-labelledby={`teil-${base}`}>
                  <H id={`teil-${base}`}>{label}</H>
                  <PlanTable
                    id={`summe-${base}`}
                    caption={`${label}: ${x.total}`}
                    rows={part.totals}
                    lang={p.lang}
                  />
                  <H2>{x.byUnit}</H2>
                  {part.units.map((u) => (
                    <PlanTable
                      key={u.id}
                      id={`einheit-${base}-${u.id}`}
                      caption={`${label}: ${u.name}`}
                      rows={u.rows}
                      lang={p.lang}
                    />
                  ))}
                </section>
              );
            })}
          </section>
        );
      })}
    </Layout>,
  )}`;
}
