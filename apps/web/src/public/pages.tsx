import { renderToStaticMarkup } from 'react-dom/server';
import { formatNumber, MESSAGES, type Lang } from '../i18n/messages';
import { Layout, brandOf, type PortalFooter } from './Layout';
import { WEGWEISER_TEXTS } from './wegweiserTexts';
import { ENTITLEMENT_PUBLIC_TEXTS } from './rechtsanspruch';
import { ConferenceLinks, type OpenConferenceLink } from './konferenz';

export interface PublicTenant {
  slug: string;
  name: string;
  /** kreisfreie_stadt | landkreis | kreisangehoerige_gemeinde | regionale_agentur (names the areas). */
  type?: string;
  typeLabel: string;
  ags: string | null;
  color: string | null;
  logo: string | null;
  isDemo: boolean;
  /** Start page text, contact, imprint and privacy links (portal settings). */
  portal?: PortalFooter & { intro: string };
}

export interface DistrictPopulation {
  code: string;
  name: string;
  /** null: withheld to protect small numbers (shown as „.“). */
  total: number | null;
  under6: number | null;
  aged65plus: number | null;
}

const doctype = (html: string) => `<!DOCTYPE html>${html}`;

export function renderPublicHome(p: { lang: Lang; cssHref: string; tenants: PublicTenant[] }): string {
  const t = MESSAGES[p.lang];
  return doctype(
    renderToStaticMarkup(
      <Layout lang={p.lang} title={`${t.publicHomeTitle} – ${t.appName}`} cssHref={p.cssHref} path="/">
        <h1>{t.publicHomeTitle}</h1>
        <p className="lead">{t.publicHomeIntro}</p>
        <p>{t.publicHomePlanned}</p>
        <h2>{t.municipalities}</h2>
        {p.tenants.length === 0 ? (
          <p>{t.noMunicipalities}</p>
        ) : (
          <ul className="cards">
            {p.tenants.map((x) => (
              <li key={x.slug}>
                <a href={`/kommune/${x.slug}`}>{x.name}</a>
                <p className="meta-line">{x.typeLabel}</p>
              </li>
            ))}
          </ul>
        )}
      </Layout>,
    ),
  );
}

export function renderTenantLanding(p: {
  lang: Lang;
  cssHref: string;
  tenant: PublicTenant;
  population: { year: number; districts: DistrictPopulation[] } | null;
  canonical?: string;
  /** Published indicators with values (links to their pages). */
  indicators?: Array<{ code: string; name: string; lastPeriod: string | null }>;
  /** The municipality publishes its entitlement planning (linked only then). */
  entitlementPublished?: boolean;
  /** Bildungskonferenzen with open registration (links to their public forms). */
  conferences?: OpenConferenceLink[];
}): string {
  const t = MESSAGES[p.lang];
  const w = WEGWEISER_TEXTS[p.lang];
  const { tenant, population } = p;
  // Withheld values stay „.“; a sum or share with a withheld part is withheld too.
  const fmt = (v: number | null, d = 0) =>
    v === null || !Number.isFinite(v) ? '.' : formatNumber(v, p.lang, d);
  const areaHeading = (tenant.type && t.populationHeadingByType[tenant.type]) || t.populationHeading;
  const areaColumn = (tenant.type && t.districtByType[tenant.type]) || t.district;
  const keyLabel = tenant.ags ? (t.keyLabelByLength[tenant.ags.length] ?? t.keyLabel) : '';
  const sum = (k: 'total' | 'under6' | 'aged65plus'): number | null =>
    population
      ? population.districts.reduce<number | null>(
          (a, d) => (a === null || d[k] === null ? null : a + d[k]),
          0,
        )
      : null;
  const share = (part: number | null, whole: number | null) =>
    part === null || whole === null || whole === 0 ? null : (100 * part) / whole;
  const withheld =
    population?.districts.some((d) => d.total === null || d.under6 === null || d.aged65plus === null) ??
    false;
  return doctype(
    renderToStaticMarkup(
      <Layout
        lang={p.lang}
        title={`${tenant.name} – ${t.publicHomeTitle}`}
        cssHref={p.cssHref}
        path={`/kommune/${tenant.slug}`}
        brand={brandOf(tenant)}
        demo={tenant.isDemo}
        {...(p.canonical ? { canonical: p.canonical } : {})}
        description={tenant.portal?.intro ? tenant.portal.intro.slice(0, 300) : t.landingIntro}
      >
        <nav className="breadcrumb" aria-label={t.breadcrumb}>
          <ol>
            <li>
              <a href="/">{t.portalHome}</a>
            </li>
            <li aria-current="page">{tenant.name}</li>
          </ol>
        </nav>
        <h1>{tenant.name}</h1>
        <p className="meta-line">
          {tenant.typeLabel}
          {tenant.ags ? ` · ${keyLabel} ${tenant.ags}` : ''}
        </p>
        {tenant.portal?.intro ? (
          tenant.portal.intro.split(/\n\s*\n/).map((para, i) => (
            <p key={i} className={i === 0 ? 'lead' : undefined}>
              {para}
            </p>
          ))
        ) : (
          <p className="lead">{t.landingIntro}</p>
        )}

        <section aria-labelledby="bevoelkerung">
          <h2 id="bevoelkerung">{areaHeading}</h2>
          {population && population.districts.length > 0 ? (
            <>
              {/* Scrollable by keyboard on narrow screens: a named, focusable region with a visible focus ring. */}
              <div
                className="table-scroll"
                role="region"
                tabIndex={0}
                aria-labelledby="bevoelkerung-tabelle"
                aria-describedby="bevoelkerung-scroll"
              >
                <p id="bevoelkerung-scroll" className="sr-only">
                  {t.tableScrollHint}
                </p>
                <table>
                  <caption id="bevoelkerung-tabelle">{t.populationCaption(population.year)}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{areaColumn}</th>
                      <th scope="col" className="num">
                        {t.total}
                      </th>
                      <th scope="col" className="num">
                        {t.under6}
                      </th>
                      <th scope="col" className="num">
                        {t.share65}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {population.districts.map((d) => (
                      <tr key={d.code}>
                        <th scope="row">{d.name}</th>
                        <td className="num">{fmt(d.total)}</td>
                        <td className="num">{fmt(d.under6)}</td>
                        <td className="num">{fmt(share(d.aged65plus, d.total), 1)} %</td>
                      </tr>
                    ))}
                  </tbody>
                  <tfoot>
                    <tr>
                      <th scope="row">{t.total}</th>
                      <td className="num">{fmt(sum('total'))}</td>
                      <td className="num">{fmt(sum('under6'))}</td>
                      <td className="num">{fmt(share(sum('aged65plus'), sum('total')), 1)} %</td>
                    </tr>
                  </tfoot>
                </table>
              </div>
              {withheld ? <p className="meta-line">{t.withheldNote}</p> : null}
            </>
          ) : (
            <p>{t.noData}</p>
          )}
        </section>

        <section aria-labelledby="ziele">
          <h2 id="ziele">{t.moduleGoals}</h2>
          <p>
            <a href={`/kommune/${tenant.slug}/ziele`}>{t.moduleGoals}</a>
          </p>
        </section>

        {p.entitlementPublished ? (
          <section aria-labelledby="rechtsanspruch">
            <h2 id="rechtsanspruch">{ENTITLEMENT_PUBLIC_TEXTS[p.lang].title}</h2>
            <p>
              <a href={`/kommune/${tenant.slug}/rechtsanspruch`}>{ENTITLEMENT_PUBLIC_TEXTS[p.lang].link}</a>
            </p>
          </section>
        ) : null}

        <section aria-labelledby="berichte">
          <h2 id="berichte">{t.reportsHeading}</h2>
          <p>
            <a href={`/kommune/${tenant.slug}/berichte`}>{t.reportsLink(tenant.name)}</a>
          </p>
        </section>

        <ConferenceLinks lang={p.lang} tenantSlug={tenant.slug} conferences={p.conferences ?? []} />

        <section aria-labelledby="fuer-sie">
          <h2 id="fuer-sie">{t.servicesHeading}</h2>
          {/* Straight into the Bildungswegweiser: the same GET form as its own page (no JavaScript). */}
          <form
            method="get"
            action={`/kommune/${tenant.slug}/wegweiser`}
            className="search"
            role="search"
            aria-label={w.searchLabel}
          >
            <p>
              <label htmlFor="q">{w.searchField}</label>
              <span className="search-row">
                <input id="q" name="q" type="search" maxLength={200} />
                <button type="submit">{w.search}</button>
              </span>
            </p>
          </form>
          <ul>
            <li>
              <a href={`/kommune/${tenant.slug}/wegweiser`}>{t.linkDirectory}</a>
            </li>
            <li>
              <a href={`/kommune/${tenant.slug}/daten`}>{t.linkOpenData}</a>
            </li>
          </ul>
        </section>

        {p.indicators?.length ? (
          <section aria-labelledby="kennzahlen">
            <h2 id="kennzahlen">{t.moduleIndicators}</h2>
            <ul>
              {p.indicators.map((i) => (
                <li key={i.code}>
                  <a href={`/kommune/${tenant.slug}/daten/${i.code}`}>{i.name}</a>
                  {i.lastPeriod ? ` (${i.lastPeriod.slice(0, 4)})` : ''}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </Layout>,
    ),
  );
}

export function renderPublicNotFound(p: { lang: Lang; cssHref: string; path: string }): string {
  const t = MESSAGES[p.lang];
  return doctype(
    renderToStaticMarkup(
      <Layout lang={p.lang} title={`${t.notFoundTitle} – ${t.appName}`} cssHref={p.cssHref} path={p.path}>
        <h1>{t.notFoundTitle}</h1>
        <p>{t.notFoundText}</p>
        <p>
          <a href="/">{t.toHome}</a>
        </p>
      </Layout>,
    ),
  );
}
