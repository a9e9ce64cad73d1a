import { DataFactory, Writer, type Quad, type Quad_Object } from 'n3';
import { INDICATOR_TOPIC_LABELS, type Indicator, type IndicatorTopic } from '@dkbm/contract';

/*
 * DCAT-AP.de catalogue of a municipality's published indicators (issue 13): one dcat:Dataset per published
 * indicator with one dcat:Distribution per download format, licence as a DCAT-AP.de licence URI, publisher,
 * temporal and spatial coverage and the modified date, so that open data portals (GovData) can harvest it.
 * The same triples are written as Turtle (n3) and as expanded JSON-LD (no remote context to fetch).
 */

const { namedNode, literal, quad, blankNode } = DataFactory;

export const NS = {
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  dcatde: 'http://dcat-ap.de/def/dcatde/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
} as const;

const n = (ns: keyof typeof NS, local: string) => namedNode(NS[ns] + local);
const EDUCATION_THEME = 'http://publications.europa.eu/resource/authority/data-theme/EDUC';
const SOCIETY_THEME = 'http://publications.europa.eu/resource/authority/data-theme/SOCI';
const FILE_TYPE = 'http://publications.europa.eu/resource/authority/file-type/';
const MEDIA_TYPE = 'https://www.iana.org/assignments/media-types/';
const LICENCES = 'http://dcat-ap.de/def/licenses/';

/** The DCAT-AP.de licence URI of a licence as written in the catalogue of indicators, if it is a known one. */
export function licenceUri(text: string | null): string | null {
  if (!text) return null;
  const t = text.trim();
  if (/dl-de\/zero|Datenlizenz Deutschland\s*[–-]\s*Zero/i.test(t)) return `${LICENCES}dl-zero-de/2.0`;
  if (/dl-de\/by|Datenlizenz Deutschland/i.test(t)) return `${LICENCES}dl-by-de/2.0`;
  if (/\bCC0\b|CC[- ]Zero/i.test(t)) return `${LICENCES}cc-zero`;
  if (/CC[- ]BY[- ]4\.0/i.test(t)) return `${LICENCES}cc-by/4.0`;
  if (/CC[- ]BY[- ]3\.0[- ]DE/i.test(t)) return `${LICENCES}cc-by-de/3.0`;
  if (/CC[- ]BY[- ]SA[- ]4\.0/i.test(t)) return `${LICENCES}cc-by-sa/4.0`;
  return null;
}

/** The political geocoding of DCAT-AP.de for an AGS/ARS: 2 digits Land, 5 Kreis, 8 or 12 Gemeinde. */
export function politicalGeocoding(ags: string | null): { uri: string; level: string } | null {
  if (!ags || !/^\d+$/.test(ags)) return null;
  const base = 'http://dcat-ap.de/def/politicalGeocoding/';
  if (ags.length === 2) return { uri: `${base}stateKey/${ags}`, level: `${base}Level/state` };
  if (ags.length === 5)
    return { uri: `${base}districtKey/${ags}`, level: `${base}Level/administrativeDistrict` };
  if (ags.length === 8) return { uri: `${base}municipalityKey/${ags}`, level: `${base}Level/municipality` };
  if (ags.length === 12)
    return { uri: `${base}regionalKey/${ags}`, level: `${base}Level/municipalityAssociation` };
  return null;
}

const FORMATS = [
  { ext: 'csv', fileType: 'CSV', media: 'text/csv', title: 'CSV (Semikolon, Dezimalkomma, UTF-8)' },
  {
    ext: 'xlsx',
    fileType: 'XLSX',
    media: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    title: 'Excel-Arbeitsmappe (XLSX)',
  },
  { ext: 'json', fileType: 'JSON', media: 'application/json', title: 'JSON' },
] as const;

export interface CatalogueInput {
  origin: string;
  tenant: { slug: string; name: string; ags: string | null };
  indicators: Indicator[];
}

const xsdDate = (d: string) => literal(d.slice(0, 10), n('xsd', 'date'));
const xsdDateTime = (d: string) => literal(new Date(d).toISOString(), n('xsd', 'dateTime'));

/** The catalogue's triples (indicators without values are left out: nothing to download). */
export function catalogueQuads(c: CatalogueInput): Quad[] {
  const out: Quad[] = [];
  const add = (s: Quad['subject'], p: Quad['predicate'], o: Quad_Object) => out.push(quad(s, p, o));
  const base = `${c.origin}/kommune/${c.tenant.slug}`;
  const catalog = namedNode(`${base}/daten/katalog`);
  const publisher = namedNode(`${base}#herausgeber`);
  const geo = politicalGeocoding(c.tenant.ags);
  const type = n('rdf', 'type');
  add(publisher, type, n('foaf', 'Organization'));
  add(publisher, n('foaf', 'name'), literal(c.tenant.name, 'de'));
  add(publisher, n('foaf', 'homepage'), namedNode(base));

  const published = c.indicators.filter((i) => i.visibility === 'public' && i.coverage.observations > 0);
  add(catalog, type, n('dcat', 'Catalog'));
  add(catalog, n('dct', 'title'), literal(`Offene Bildungsdaten – ${c.tenant.name}`, 'de'));
  add(
    catalog,
    n('dct', 'description'),
    literal(
      `Veröffentlichte Kennzahlen des kommunalen Bildungsmonitorings von ${c.tenant.name}. ` +
        'Kleine Fallzahlen sind zum Schutz der Betroffenen geheim gehalten („.“).',
      'de',
    ),
  );
  add(catalog, n('dct', 'publisher'), publisher);
  add(catalog, n('foaf', 'homepage'), namedNode(`${base}/daten`));
  add(
    catalog,
    n('dct', 'language'),
    namedNode('http://publications.europa.eu/resource/authority/language/DEU'),
  );
  const lastModified = published
    .map((i) => i.updatedAt)
    .toSorted()
    .at(-1);
  if (lastModified) add(catalog, n('dct', 'modified'), xsdDateTime(lastModified));

  for (const ind of published) {
    const page = `${base}/daten/${ind.code}`;
    const ds = namedNode(page);
    add(catalog, n('dcat', 'dataset'), ds);
    add(ds, type, n('dcat', 'Dataset'));
    add(ds, n('dct', 'identifier'), literal(`${c.tenant.slug}:${ind.code}`));
    add(ds, n('dct', 'title'), literal(ind.nameDe, 'de'));
    if (ind.nameEn) add(ds, n('dct', 'title'), literal(ind.nameEn, 'en'));
    add(
      ds,
      n('dct', 'description'),
      literal(ind.description?.trim() || `${ind.nameDe} (${ind.unit}) in ${c.tenant.name}.`, 'de'),
    );
    add(ds, n('dcat', 'theme'), namedNode(EDUCATION_THEME));
    if (ind.topic === 'rahmenbedingungen') add(ds, n('dcat', 'theme'), namedNode(SOCIETY_THEME));
    const topic = INDICATOR_TOPIC_LABELS[ind.topic as IndicatorTopic]?.de;
    add(ds, n('dcat', 'keyword'), literal('Bildungsmonitoring', 'de'));
    if (topic) add(ds, n('dcat', 'keyword'), literal(topic, 'de'));
    add(ds, n('dct', 'publisher'), publisher);
    add(ds, n('dcat', 'landingPage'), namedNode(page));
    add(ds, n('dct', 'modified'), xsdDateTime(ind.updatedAt));
    if (ind.updateInterval) add(ds, n('dct', 'accrualPeriodicity'), literal(ind.updateInterval, 'de'));
    if (ind.source) add(ds, n('dct', 'source'), literal(ind.source, 'de'));
    if (ind.contact) {
      const cp = blankNode(`kontakt_${ind.code.replace(/\W/g, '_')}`);
      add(ds, n('dcat', 'contactPoint'), cp);
      add(cp, type, n('vcard', 'Organization'));
      add(cp, n('vcard', 'fn'), literal(ind.contact));
    }
    if (geo) {
      add(ds, n('dct', 'spatial'), namedNode(geo.uri));
      add(ds, n('dcatde', 'politicalGeocodingURI'), namedNode(geo.uri));
      add(ds, n('dcatde', 'politicalGeocodingLevelURI'), namedNode(geo.level));
    }
    const { firstPeriod, lastPeriod } = ind.coverage;
    if (firstPeriod && lastPeriod) {
      const t = blankNode(`zeitraum_${ind.code.replace(/\W/g, '_')}`);
      add(ds, n('dct', 'temporal'), t);
      add(t, type, n('dct', 'PeriodOfTime'));
      add(t, n('dcat', 'startDate'), xsdDate(firstPeriod));
      add(t, n('dcat', 'endDate'), xsdDate(lastPeriod));
    }
    const licence = licenceUri(ind.licence);
    for (const f of FORMATS) {
      const url = `${base}/daten/${ind.code}.${f.ext}`;
      const dist = namedNode(`${url}#distribution`);
      add(ds, n('dcat', 'distribution'), dist);
      add(dist, type, n('dcat', 'Distribution'));
      add(dist, n('dct', 'title'), literal(`${ind.nameDe} – ${f.title}`, 'de'));
      add(
        dist,
        n('dct', 'description'),
        literal('Öffentliche Fassung: kleine Fallzahlen geheim gehalten („.“).', 'de'),
      );
      add(dist, n('dcat', 'accessURL'), namedNode(page));
      add(dist, n('dcat', 'downloadURL'), namedNode(url));
      add(dist, n('dct', 'format'), namedNode(FILE_TYPE + f.fileType));
      add(dist, n('dcat', 'mediaType'), namedNode(MEDIA_TYPE + f.media));
      add(dist, n('dct', 'modified'), xsdDateTime(ind.updatedAt));
      if (licence) add(dist, n('dct', 'license'), namedNode(licence));
      else if (ind.licence) add(dist, n('dct', 'rights'), literal(ind.licence, 'de'));
      if (ind.attribution) add(dist, n('dcatde', 'licenseAttributionByText'), literal(ind.attribution, 'de'));
    }
  }
  return out;
}

/** The catalogue as Turtle. */
export function catalogueTurtle(quads: Quad[]): Promise<string> {
  const writer = new Writer({ prefixes: { ...NS } });
  writer.addQuads(quads);
  return new Promise((resolve, reject) =>
    writer.end((err: Error | null, result: string) => (err ? reject(err) : resolve(result))),
  );
}

type JsonLdValue = { '@id': string } | { '@value': string; '@type'?: string; '@language'?: string };

/** The catalogue as expanded JSON-LD (the same triples; readable without fetching a context). */
export function catalogueJsonLd(quads: Quad[]): Array<Record<string, unknown>> {
  const nodes = new Map<string, Record<string, unknown>>();
  const idOf = (t: Quad['subject'] | Quad_Object) => (t.termType === 'BlankNode' ? `_:${t.value}` : t.value);
  for (const q of quads) {
    const id = idOf(q.subject);
    const node = nodes.get(id) ?? { '@id': id };
    nodes.set(id, node);
    if (q.predicate.value === `${NS.rdf}type`) {
      node['@type'] = [...((node['@type'] as string[] | undefined) ?? []), q.object.value];
      continue;
    }
    const o = q.object;
    let v: JsonLdValue;
    if (o.termType === 'Literal') {
      v = { '@value': o.value };
      if (o.language) v['@language'] = o.language;
      else if (o.datatype.value !== `${NS.xsd}string`) v['@type'] = o.datatype.value;
    } else v = { '@id': idOf(o) };
    node[q.predicate.value] = [...((node[q.predicate.value] as JsonLdValue[] | undefined) ?? []), v];
  }
  return [...nodes.values()];
}
