import { renderToStaticMarkup } from 'react-dom/server';
import {
  ACCESSIBILITY_LABELS,
  COST_KIND_LABELS,
  DIRECTORY_CATEGORY_LABELS,
  OFFERING_TYPE_LABELS,
  TARGET_GROUP_LABELS,
  VENUE_TYPE_LABELS,
  WEEKDAY_LABELS,
  type DirectoryEntry,
  type DirectorySearchQuery,
  type DirectorySource,
} from '@dkbm/contract';
import { formatNumber, type Lang } from '../i18n/messages';
import { Layout, brandOf } from './Layout';
import { Breadcrumb } from './Breadcrumb';
import type { PublicTenant } from './pages';
import { WEGWEISER_TEXTS } from './wegweiserTexts';
import { projection, ringsOf } from './svgMap';

/*
 * Public Bildungswegweiser: search with facets (a GET form, every result page a plain link), results as
 * list and as a server-drawn SVG map (the list is the map's text alternative), detail pages with
 * schema.org JSON-LD. No JavaScript.
 */

type FacetKey =
  'art' | 'kategorie' | 'typ' | 'zielgruppe' | 'gebiet' | 'kosten' | 'sprache' | 'zugang' | 'zeitraum';
/** Facets with one choice (radio buttons), in their own order rather than by label. */
const SINGLE: readonly FacetKey[] = ['art', 'zeitraum'];
const PERIOD_ORDER = ['woche', 'monat', 'quartal'];

export interface WegweiserPage {
  lang: Lang;
  cssHref: string;
  tenant: PublicTenant;
  query: DirectorySearchQuery;
  total: number;
  page: number;
  pages: number;
  hits: DirectoryEntry[];
  located: DirectoryEntry[];
  facets: Record<FacetKey, Map<string, number>>;
  areas: Array<{ code: string; name: string; level?: string; geometry: unknown }>;
  sources: DirectorySource[];
  /** Distance in km of each hit from the point of the distance sort. */
  distances?: Map<string, number>;
  /** The point of the distance sort in words („Lindenstraße 5, 39101 Musterstadt“, an area's name). */
  distanceFrom?: string | null;
  /** A typed address the municipality's data does not know. */
  unknownAddress?: string | null;
  /** The map's enhancement (MapLibre script and the hits as GeoJSON); none without a web build. */
  map?: { script: string; data: string } | null;
}

const doctype = (html: string) => `<!DOCTYPE html>${html}`;

const LANGUAGE_NAMES: Record<string, { de: string; en: string }> = {
  de: { de: 'Deutsch', en: 'German' },
  en: { de: 'Englisch', en: 'English' },
  tr: { de: 'Türkisch', en: 'Turkish' },
  ar: { de: 'Arabisch', en: 'Arabic' },
  uk: { de: 'Ukrainisch', en: 'Ukrainian' },
  ru: { de: 'Russisch', en: 'Russian' },
  pl: { de: 'Polnisch', en: 'Polish' },
  fr: { de: 'Französisch', en: 'French' },
};

/** Venue and offering types in one table (made once, not per label). */
const TYPE_LABELS: Record<string, { de: string; en: string }> = {
  ...VENUE_TYPE_LABELS,
  ...OFFERING_TYPE_LABELS,
};
const COLLATORS = { de: new Intl.Collator('de'), en: new Intl.Collator('en') };

export function facetLabel(f: FacetKey, v: string, lang: Lang, areaNames: Map<string, string>): string {
  const pick = (m: Record<string, { de: string; en: string }>) => m[v]?.[lang] ?? v;
  switch (f) {
    case 'art':
      return WEGWEISER_TEXTS[lang].kinds[v as 'orte' | 'angebote'] ?? v;
    case 'kategorie':
      return pick(DIRECTORY_CATEGORY_LABELS);
    case 'typ':
      return pick(TYPE_LABELS);
    case 'zielgruppe':
      return pick(TARGET_GROUP_LABELS);
    case 'gebiet':
      return areaNames.get(v) ?? v;
    case 'kosten':
      return pick(COST_KIND_LABELS);
    case 'sprache':
      return pick(LANGUAGE_NAMES);
    case 'zugang':
      return pick(ACCESSIBILITY_LABELS);
    case 'zeitraum':
      return WEGWEISER_TEXTS[lang].periods[v as 'woche' | 'monat' | 'quartal'] ?? v;
  }
}

/** The query string of a search (the same parameters as the GET form), for paging links. */
export function searchHref(base: string, q: DirectorySearchQuery, page: number): string {
  const p = new URLSearchParams();
  if (q.q) p.append('q', q.q);
  if (q.art) p.append('art', q.art);
  for (const k of ['kategorie', 'gebiet', 'typ', 'zielgruppe', 'kosten', 'sprache', 'zugang'] as const)
    for (const v of q[k]) p.append(k, v);
  if (q.zeitraum) p.append('zeitraum', q.zeitraum);
  if (q.alter !== undefined) p.append('alter', String(q.alter));
  if (q.sortierung !== 'relevanz') p.append('sortierung', q.sortierung);
  if (q.von) p.append('von', q.von);
  if (q.adresse) p.append('adresse', q.adresse);
  if (page > 1) p.append('seite', String(page));
  const s = p.toString();
  return s ? `${base}?${s}` : base;
}

function typeLabel(e: DirectoryEntry, lang: Lang): string {
  return TYPE_LABELS[e.type]?.[lang] ?? e.type;
}

function Sources({ lang, sources }: { lang: Lang; sources: DirectorySource[] }) {
  const w = WEGWEISER_TEXTS[lang];
  if (sources.length === 0) return null;
  return (
    <section aria-labelledby="quellen" className="sources">
      <h2 id="quellen">{w.sourcesHeading}</h2>
      <ul>
        {sources.map((s) => (
          <li key={s.name}>
            {s.url ? <a href={s.url}>{s.name}</a> : s.name}. {s.attribution}. {w.licence}:{' '}
            {s.licenceUri ? <a href={s.licenceUri}>{s.licence}</a> : s.licence}
          </li>
        ))}
      </ul>
    </section>
  );
}

/* ---------- map (SVG, server-side) ---------- */

/** Up to this many hits the map draws each as a point with its name. */
const MAP_POINTS_NAMED = 300;

function MapSvg({ page, areaNames }: { page: WegweiserPage; areaNames: Map<string, string> }) {
  const w = WEGWEISER_TEXTS[page.lang];
  const rings = page.areas.flatMap((a) => ringsOf(a.geometry).map((r) => ({ code: a.code, r })));
  const pts = page.located.map((e) => e.location!);
  const all = [...rings.flatMap((x) => x.r), ...pts.map((p) => [p.lon, p.lat] as [number, number])];
  if (all.length === 0) return null;
  const { width, height, x, y, path } = projection(all);
  return (
    <figure className="map" {...(page.map ? { 'data-karte': page.map.data } : {})}>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-labelledby="karte-titel"
        width="100%"
        preserveAspectRatio="xMidYMid meet"
      >
        <title id="karte-titel">{w.mapTitle(page.located.length)}</title>
        {rings.map((a, i) => (
          <path key={i} d={path(a.r)} className="area">
            <title>{areaNames.get(a.code) ?? a.code}</title>
          </path>
        ))}
        {page.located.length > MAP_POINTS_NAMED
          ? // Many hits: one path of dots per kind (the list above is the text alternative), not an
            // element with a title per hit — a search over 10,000 entries stays a small page.
            (['ort', 'angebot'] as const).map((kind) => (
              <path
                key={kind}
                className={`pts-${kind}`}
                d={page.located
                  .filter((e) => e.kind === kind)
                  .map((e) => `M${x(e.location!.lon)} ${y(e.location!.lat)}h0`)
                  .join('')}
              />
            ))
          : page.located.map((e) => (
              <circle
                key={e.id}
                cx={x(e.location!.lon)}
                cy={y(e.location!.lat)}
                r={5}
                className={e.kind === 'ort' ? 'pt-ort' : 'pt-angebot'}
              >
                <title>{e.name}</title>
              </circle>
            ))}
      </svg>
      <figcaption>{w.mapCaption}</figcaption>
      {page.map ? <script type="module" src={page.map.script} /> : null}
    </figure>
  );
}

/* ---------- search page ---------- */

export function renderWegweiser(page: WegweiserPage): string {
  const { lang, tenant, query } = page;
  const w = WEGWEISER_TEXTS[lang];
  const base = `/kommune/${tenant.slug}/wegweiser`;
  const areaNames = new Map(page.areas.map((a) => [a.code, a.name]));
  const groups: Array<{ key: FacetKey; legend: string }> = [
    { key: 'art', legend: w.facetKind },
    { key: 'kategorie', legend: w.facetCategory },
    { key: 'gebiet', legend: w.facetArea },
    { key: 'typ', legend: w.facetType },
    { key: 'zielgruppe', legend: w.facetTarget },
    { key: 'kosten', legend: w.facetCost },
    { key: 'sprache', legend: w.facetLanguage },
    { key: 'zugang', legend: w.facetAccess },
    { key: 'zeitraum', legend: w.facetDate },
  ];
  const chosen = (f: FacetKey): readonly string[] =>
    f === 'art' || f === 'zeitraum' ? (query[f] ? [query[f]] : []) : (query[f] as readonly string[]);
  const isChecked = (f: FacetKey, v: string) => chosen(f).includes(v);
  const title = query.q ? w.titleFor(query.q) : w.title;
  return doctype(
    renderToStaticMarkup(
      <Layout
        lang={lang}
        title={`${title} – ${tenant.name}`}
        cssHref={page.cssHref}
        path={searchHref(base, query, page.page)}
        brand={brandOf(tenant)}
        demo={tenant.isDemo}
      >
        <Breadcrumb lang={lang} tenant={tenant} here={w.title} />
        <h1>{w.title}</h1>
        <p className="lead">{w.intro}</p>
        <form method="get" action={base} className="search" role="search" aria-label={w.searchLabel}>
          <p>
            <label htmlFor="q">{w.searchField}</label>
            <span className="search-row">
              <input id="q" name="q" type="search" defaultValue={query.q} maxLength={200} />
              <button type="submit">{w.search}</button>
            </span>
          </p>
          <details open={groups.some((g) => chosen(g.key).length > 0) || undefined}>
            <summary>{w.filters}</summary>
            <div className="facets">
              {groups.map((g) => {
                const counts = page.facets[g.key];
                // Each value's label once, sorted by one collator (not a label and a collation per comparison).
                const labels = new Map(
                  (g.key === 'zeitraum' ? PERIOD_ORDER : [...counts.keys()]).map((v) => [
                    v,
                    facetLabel(g.key, v, lang, areaNames),
                  ]),
                );
                const values =
                  g.key === 'zeitraum'
                    ? // Fixed choices, shown with 0 too: „diese Woche (0)“ says there is nothing dated this week.
                      PERIOD_ORDER
                    : [...labels.keys()].toSorted((a, b) =>
                        COLLATORS[lang].compare(labels.get(a)!, labels.get(b)!),
                      );
                if (values.length === 0) return null;
                return (
                  <fieldset
                    key={g.key}
                    aria-describedby={g.key === 'zeitraum' ? 'zeitraum-hinweis' : undefined}
                  >
                    <legend>{g.legend}</legend>
                    {g.key === 'zeitraum' ? (
                      <>
                        <p id="zeitraum-hinweis" className="meta-line">
                          {w.periodHint}
                        </p>
                        {/* To undo a chosen period without JavaScript (absent otherwise: no empty parameter). */}
                        {query.zeitraum ? (
                          <label className="check">
                            <input type="radio" name="zeitraum" value="" /> {w.periodAny}
                          </label>
                        ) : null}
                      </>
                    ) : null}
                    {values.map((v) => (
                      <label key={v} className="check">
                        <input
                          type={SINGLE.includes(g.key) ? 'radio' : 'checkbox'}
                          name={g.key}
                          value={v}
                          defaultChecked={isChecked(g.key, v)}
                        />{' '}
                        {labels.get(v)} ({formatNumber(counts.get(v) ?? 0, lang, 0)})
                      </label>
                    ))}
                  </fieldset>
                );
              })}
            </div>
            <p>
              <button type="submit">{w.apply}</button> <a href={base}>{w.reset}</a>
            </p>
          </details>
          {query.sortierung !== 'relevanz' ? (
            <input type="hidden" name="sortierung" value={query.sortierung} />
          ) : null}
          {query.von ? <input type="hidden" name="von" value={query.von} /> : null}
          {query.adresse ? <input type="hidden" name="adresse" value={query.adresse} /> : null}
        </form>
        <form method="get" action={base} className="search" aria-label={w.sortForm}>
          {[
            ...new URLSearchParams(
              searchHref(
                '',
                { ...query, sortierung: 'relevanz', von: undefined, adresse: undefined },
                1,
              ).slice(1),
            ),
          ].map(([k, v], i) => (
            <input key={i} type="hidden" name={k} value={v} />
          ))}
          <div className="search-row">
            <label>
              {w.sortLabel}{' '}
              <select name="sortierung" defaultValue={query.sortierung}>
                {(['relevanz', 'name', 'entfernung', 'datum'] as const).map((o) => (
                  <option key={o} value={o}>
                    {w.sort[o]}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {w.fromLabel}{' '}
              <select name="von" defaultValue={query.von ?? ''}>
                <option value="">–</option>
                {page.areas
                  .filter((a) => a.level !== 'schulbezirk')
                  .map((a) => (
                    <option key={a.code} value={a.code}>
                      {a.name}
                    </option>
                  ))}
              </select>
            </label>
            <label>
              {w.addressLabel}{' '}
              <input
                name="adresse"
                type="text"
                defaultValue={query.adresse ?? ''}
                maxLength={200}
                autoComplete="street-address"
                aria-describedby="adresse-hinweis"
              />
            </label>
            <button type="submit">{w.sortApply}</button>
          </div>
          <p id="adresse-hinweis" className="meta-line">
            {w.addressHint(tenant.name)}
          </p>
        </form>
        {page.unknownAddress ? (
          <p className="box error" role="alert">
            {w.addressUnknown(page.unknownAddress, tenant.name)}
          </p>
        ) : null}
        {page.distanceFrom && page.distances ? (
          <p className="distance-from">{w.distanceFrom(page.distanceFrom)}</p>
        ) : null}

        <h2 id="treffer" aria-live="polite">
          {w.hits(page.total, formatNumber(page.total, lang, 0))}
        </h2>
        {page.hits.length === 0 ? (
          <p>{w.noHits}</p>
        ) : (
          <ol className="hits" aria-labelledby="treffer" start={(page.page - 1) * 20 + 1}>
            {page.hits.map((e) => (
              <li key={e.id}>
                <a href={`${base}/${e.slug}`}>{e.name}</a>
                <p className="meta-line">
                  {typeLabel(e, lang)} ·{' '}
                  {e.categories.map((c) => DIRECTORY_CATEGORY_LABELS[c][lang]).join(', ')}
                  {e.area ? ` · ${e.area.name}` : ''}
                  {page.distances?.has(e.id)
                    ? ` · ${w.distance(formatNumber(page.distances.get(e.id)!, lang, 1))}`
                    : ''}
                </p>
                {e.address ? (
                  <p className="meta-line">
                    {e.address.street}, {e.address.postcode} {e.address.city}
                  </p>
                ) : null}
              </li>
            ))}
          </ol>
        )}
        {page.pages > 1 ? (
          <nav aria-label={w.paging} className="paging">
            <ul>
              {page.page > 1 ? (
                <li>
                  <a href={searchHref(base, query, page.page - 1)} rel="prev">
                    {w.prev}
                  </a>
                </li>
              ) : null}
              <li aria-current="page">{w.pageOf(page.page, page.pages)}</li>
              {page.page < page.pages ? (
                <li>
                  <a href={searchHref(base, query, page.page + 1)} rel="next">
                    {w.next}
                  </a>
                </li>
              ) : null}
            </ul>
          </nav>
        ) : null}

        <section aria-labelledby="karte">
          <h2 id="karte">{w.mapHeading}</h2>
          <MapSvg page={page} areaNames={areaNames} />
        </section>

        <section aria-labelledby="offene-daten">
          <h2 id="offene-daten">{w.openDataHeading}</h2>
          <p>
            {w.openDataText} <a href={`${base}.csv`}>{w.downloadCsv}</a> ·{' '}
            <a href={`${base}.json`}>{w.downloadJson}</a>
          </p>
        </section>
        <Sources lang={lang} sources={page.sources} />
      </Layout>,
    ),
  );
}

/* ---------- detail page ---------- */

export function renderWegweiserEntry(p: {
  lang: Lang;
  cssHref: string;
  tenant: PublicTenant;
  entry: DirectoryEntry;
  canonical: string;
}): string {
  const { lang, tenant, entry: e } = p;
  const w = WEGWEISER_TEXTS[lang];
  const d = e.details as {
    targetGroups?: string[];
    languages?: string[];
    accessibility?: string[];
    ageFrom?: number | null;
    ageTo?: number | null;
    cost?: string;
    price?: string | null;
    capacity?: number | null;
    openingHours?: Array<{ day: string; opens: string; closes: string }>;
    dates?: Array<{ start: string; end: string | null }>;
    contact?: { phone: string | null; email: string | null; website: string | null };
  };
  const base = `/kommune/${tenant.slug}/wegweiser`;
  const jsonLd = {
    '@context': 'https://schema.org',
    '@type': e.kind === 'ort' ? 'EducationalOrganization' : (d.dates?.length ?? 0) > 0 ? 'Event' : 'Course',
    name: e.name,
    description: e.description || undefined,
    url: p.canonical,
    ...(e.address
      ? {
          [e.kind === 'ort' ? 'address' : 'location']: {
            '@type': 'PostalAddress',
            streetAddress: e.address.street,
            postalCode: e.address.postcode,
            addressLocality: e.address.city,
            addressCountry: 'DE',
          },
        }
      : {}),
    ...(e.kind === 'ort' && e.location
      ? { geo: { '@type': 'GeoCoordinates', latitude: e.location.lat, longitude: e.location.lon } }
      : {}),
    ...(d.dates?.[0] ? { startDate: d.dates[0].start, endDate: d.dates[0].end ?? undefined } : {}),
  };
  const fmtDate = (s: string) =>
    new Intl.DateTimeFormat(lang === 'de' ? 'de-DE' : 'en-GB', {
      dateStyle: 'long',
      timeStyle: 'short',
    }).format(new Date(`${s}:00`));
  const rows: Array<[string, string | null]> = [
    [w.fieldType, typeLabel(e, lang)],
    [w.facetCategory, e.categories.map((c) => DIRECTORY_CATEGORY_LABELS[c][lang]).join(', ')],
    [w.fieldProvider, e.provider || null],
    [w.facetArea, e.area?.name ?? null],
    [
      w.facetTarget,
      (d.targetGroups ?? [])
        .map((g) => TARGET_GROUP_LABELS[g as keyof typeof TARGET_GROUP_LABELS]?.[lang] ?? g)
        .join(', ') || null,
    ],
    [
      w.fieldAge,
      d.ageFrom != null || d.ageTo != null ? w.ageRange(d.ageFrom ?? null, d.ageTo ?? null) : null,
    ],
    [w.facetLanguage, (d.languages ?? []).map((l) => LANGUAGE_NAMES[l]?.[lang] ?? l).join(', ') || null],
    [
      w.facetCost,
      d.cost
        ? `${COST_KIND_LABELS[d.cost as keyof typeof COST_KIND_LABELS]?.[lang] ?? d.cost}${d.price ? ` (${formatNumber(Number(d.price), lang, 2)} €)` : ''}`
        : null,
    ],
    [
      w.facetAccess,
      (d.accessibility ?? [])
        .map((a) => ACCESSIBILITY_LABELS[a as keyof typeof ACCESSIBILITY_LABELS]?.[lang] ?? a)
        .join(', ') || null,
    ],
    [w.fieldCapacity, d.capacity != null ? formatNumber(d.capacity, lang, 0) : null],
    [
      w.fieldOpening,
      (d.openingHours ?? []).length > 0
        ? d
            .openingHours!.map(
              (h) =>
                `${WEEKDAY_LABELS[h.day as keyof typeof WEEKDAY_LABELS]?.[lang] ?? h.day} ${h.opens}–${h.closes}`,
            )
            .join('; ')
        : null,
    ],
    [w.fieldDates, (d.dates ?? []).length > 0 ? d.dates!.map((x) => fmtDate(x.start)).join('; ') : null],
    [w.fieldPhone, d.contact?.phone ?? null],
    [w.fieldEmail, d.contact?.email ?? null],
  ];
  const address = e.address ? `${e.address.street}, ${e.address.postcode} ${e.address.city}` : null;
  return doctype(
    renderToStaticMarkup(
      <Layout
        lang={lang}
        title={`${e.name} – ${w.title} – ${tenant.name}`}
        cssHref={p.cssHref}
        path={`${base}/${e.slug}`}
        brand={brandOf(tenant)}
        demo={tenant.isDemo}
        head={
          <script
            type="application/ld+json"
            dangerouslySetInnerHTML={{ __html: JSON.stringify(jsonLd).replace(/</g, '\\u003c') }}
          />
        }
        canonical={p.canonical}
      >
        <Breadcrumb lang={lang} tenant={tenant} mid={{ href: base, label: w.title }} here={e.name} />
        <h1>{e.name}</h1>
        <p className="meta-line">{typeLabel(e, lang)}</p>
        {e.description ? <p className="lead">{e.description}</p> : null}
        {address ? (
          <p>
            <strong>{w.fieldAddress}:</strong> {address}
          </p>
        ) : null}
        <dl className="facts">
          {rows
            .filter((r): r is [string, string] => !!r[1])
            .map(([k, v]) => (
              <div key={k}>
                <dt>{k}</dt>
                <dd>{v}</dd>
              </div>
            ))}
          {d.contact?.website ? (
            <div>
              <dt>{w.fieldWebsite}</dt>
              <dd>
                <a href={d.contact.website}>{d.contact.website}</a>
              </dd>
            </div>
          ) : null}
        </dl>
        {(d.dates ?? []).length > 0 ? (
          <p>
            <a href={`${base}/${e.slug}/termine.ics`}>{w.calendar}</a>
          </p>
        ) : null}
        <p>
          <a href={base}>{w.back}</a>
        </p>
        <Sources lang={lang} sources={e.source ? [e.source] : []} />
      </Layout>,
    ),
  );
}
