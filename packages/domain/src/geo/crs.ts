/**
 * Coordinate systems: proj4 definitions of the supported systems, parsing of declarations (GeoJSON `crs`
 * member, shapefile .prj WKT) and guessing the system from the coordinate range when nothing is declared.
 */
import proj4 from 'proj4';
import type { CrsDetection, Position, SupportedCrs } from './types';

export const SUPPORTED_CRS: readonly SupportedCrs[] = [
  'EPSG:4326',
  'EPSG:3857',
  'EPSG:25832',
  'EPSG:25833',
  'EPSG:31467',
  'EPSG:31468',
];

/** DHDN → WGS84, EPSG transformation 1777 ("DHDN to WGS 84 (3)", position vector, about 3 m for Germany). */
const DHDN_TOWGS84 = '+towgs84=598.1,73.7,418.2,0.202,0.045,-2.455,6.7';
const ETRS89 = '+ellps=GRS80 +towgs84=0,0,0,0,0,0,0';

export const CRS_DEFINITIONS: Record<SupportedCrs, string> = {
  'EPSG:4326': '+proj=longlat +datum=WGS84 +no_defs',
  'EPSG:3857':
    '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +wktext +no_defs',
  'EPSG:25832': `+proj=utm +zone=32 ${ETRS89} +units=m +no_defs`,
  'EPSG:25833': `+proj=utm +zone=33 ${ETRS89} +units=m +no_defs`,
  'EPSG:31467': `+proj=tmerc +lat_0=0 +lon_0=9 +k=1 +x_0=3500000 +y_0=0 +ellps=bessel ${DHDN_TOWGS84} +units=m +no_defs`,
  'EPSG:31468': `+proj=tmerc +lat_0=0 +lon_0=12 +k=1 +x_0=4500000 +y_0=0 +ellps=bessel ${DHDN_TOWGS84} +units=m +no_defs`,
};

/** German names shown to users. */
export const CRS_NAMES: Record<SupportedCrs, string> = {
  'EPSG:4326': 'WGS84, geografische Länge/Breite',
  'EPSG:3857': 'Web Mercator (Pseudo-Mercator)',
  'EPSG:25832': 'ETRS89 / UTM Zone 32N',
  'EPSG:25833': 'ETRS89 / UTM Zone 33N',
  'EPSG:31467': 'DHDN / Gauß-Krüger Zone 3',
  'EPSG:31468': 'DHDN / Gauß-Krüger Zone 4',
};

export function crsLabel(crs: SupportedCrs): string {
  return `${CRS_NAMES[crs]} (${crs})`;
}

export function isSupportedCrs(value: unknown): value is SupportedCrs {
  return typeof value === 'string' && (SUPPORTED_CRS as readonly string[]).includes(value);
}

/** [minLon, minLat, maxLon, maxLat] of Germany (mainland and islands, rounded outward). */
export const GERMANY_BBOX: [number, number, number, number] = [5.86, 47.27, 15.05, 55.06];
/** Germany plus about 1° all around: "in or around Germany". */
const AROUND_GERMANY: [number, number, number, number] = [4.8, 46.3, 16.1, 56.1];

/** A source system: a supported code, optionally with a deviating definition or swapped axes. */
export interface CrsChoice {
  crs: SupportedCrs;
  definition?: string;
  swappedAxes?: boolean;
  /** German remark, e.g. about a mapped code (EPSG:4647 → 25832 with zone prefix). */
  note?: string;
}

const converterCache = new Map<string, proj4.Converter>();

function converter(definition: string): proj4.Converter {
  let c = converterCache.get(definition);
  if (!c) {
    c = proj4(definition, CRS_DEFINITIONS['EPSG:4326']);
    converterCache.set(definition, c);
  }
  return c;
}

/** Function that turns a source position into WGS84 lon/lat (throws on non-finite input). */
export function createToWgs84(choice: CrsChoice): (p: Position) => Position {
  const swap = choice.swappedAxes === true;
  const definition = choice.definition ?? CRS_DEFINITIONS[choice.crs];
  if (choice.crs === 'EPSG:4326' && !choice.definition) {
    return swap ? (p) => [p[1], p[0]] : (p) => [p[0], p[1]];
  }
  const c = converter(definition);
  return (p) => {
    const out = c.forward<[number, number]>(swap ? [p[1], p[0]] : [p[0], p[1]]);
    return [out[0], out[1]];
  };
}

/** Project one position of `crs` to WGS84 lon/lat. */
export function toWgs84(crs: SupportedCrs, position: Position): Position {
  return createToWgs84({ crs })(position);
}

/** Project WGS84 lon/lat to `crs`. */
export function fromWgs84(crs: SupportedCrs, lonLat: Position): Position {
  if (crs === 'EPSG:4326') return [lonLat[0], lonLat[1]];
  const out = converter(CRS_DEFINITIONS[crs]).inverse<[number, number]>([lonLat[0], lonLat[1]]);
  return [out[0], out[1]];
}

// ---------------------------------------------------------------------------------------------------
// Declarations

function tmDefinition(args: {
  lon0: number;
  k: number;
  x0: number;
  y0: number;
  lat0: number;
  dhdn: boolean;
}): string {
  const datum = args.dhdn ? `+ellps=bessel ${DHDN_TOWGS84}` : ETRS89;
  return `+proj=tmerc +lat_0=${args.lat0} +lon_0=${args.lon0} +k=${args.k} +x_0=${args.x0} +y_0=${args.y0} ${datum} +units=m +no_defs`;
}

/** Map an EPSG code (also common aliases) to a supported system. */
export function crsFromEpsgCode(code: number): CrsChoice | null {
  switch (code) {
    case 4326:
      return { crs: 'EPSG:4326' };
    case 4258:
      return {
        crs: 'EPSG:4326',
        note: 'ETRS89 geografisch (EPSG:4258) weicht weniger als 1 m von WGS84 ab.',
      };
    case 3857:
    case 900913:
    case 3785:
    case 102100:
    case 102113:
      return { crs: 'EPSG:3857' };
    case 25832:
    case 3044: // ETRS89 / ETRS-TM32 (same projection)
    case 32632: // WGS 84 / UTM 32N (< 1 m from ETRS89)
      return { crs: 'EPSG:25832' };
    case 25833:
    case 3045:
    case 32633:
      return { crs: 'EPSG:25833' };
    case 4647:
      return {
        crs: 'EPSG:25832',
        definition: tmDefinition({ lon0: 9, k: 0.9996, x0: 32500000, y0: 0, lat0: 0, dhdn: false }),
        note: 'EPSG:4647 ist UTM Zone 32N mit vorangestellter Zonennummer (Rechtswert 32…).',
      };
    case 5650:
      return {
        crs: 'EPSG:25833',
        definition: tmDefinition({ lon0: 15, k: 0.9996, x0: 33500000, y0: 0, lat0: 0, dhdn: false }),
        note: 'EPSG:5650 ist UTM Zone 33N mit vorangestellter Zonennummer (Rechtswert 33…).',
      };
    case 31467:
      return { crs: 'EPSG:31467' };
    case 31468:
      return { crs: 'EPSG:31468' };
    default:
      return null;
  }
}

/**
 * A CRS name as used in GeoJSON `crs` members and elsewhere: 'urn:ogc:def:crs:OGC:1.3:CRS84',
 * 'urn:ogc:def:crs:EPSG::25833', 'EPSG:25832', 'http://www.opengis.net/def/crs/EPSG/0/3857', …
 */
export function parseCrsName(name: string): CrsChoice | null {
  const s = name.trim();
  if (/(^|[^a-z])crs:?84$/i.test(s) || /:CRS84$/i.test(s)) return { crs: 'EPSG:4326' };
  if (/epsg/i.test(s) || /^\d+$/.test(s)) {
    const m = /(\d+)\s*$/.exec(s);
    if (m?.[1]) return crsFromEpsgCode(Number(m[1]));
  }
  return null;
}

interface WktNode {
  keyword: string;
  values: Array<string | number | WktNode>;
}

/** Minimal WKT (1 and 2) parser: KEYWORD[ "text", 1.5, CHILD[...] ]. */
export function parseWkt(text: string): WktNode | null {
  let i = 0;
  const s = text.trim();
  const ws = (): void => {
    while (i < s.length && /\s/.test(s[i] ?? '')) i++;
  };
  const node = (depth: number): WktNode | null => {
    if (depth > 50) return null;
    ws();
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(i, i + 40));
    if (!m) return null;
    i += m[0].length;
    ws();
    const open = s[i];
    if (open !== '[' && open !== '(') return { keyword: m[0].toUpperCase(), values: [] };
    const close = open === '[' ? ']' : ')';
    i++;
    const values: WktNode['values'] = [];
    for (;;) {
      ws();
      const c = s[i];
      if (c === undefined) return null;
      if (c === close) {
        i++;
        break;
      }
      if (c === ',') {
        i++;
        continue;
      }
      if (c === '"') {
        let j = i + 1;
        let str = '';
        while (j < s.length) {
          if (s[j] === '"') {
            if (s[j + 1] === '"') {
              str += '"';
              j += 2;
              continue;
            }
            break;
          }
          str += s[j];
          j++;
        }
        values.push(str);
        i = j + 1;
        continue;
      }
      const num = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(s.slice(i, i + 40));
      if (num) {
        values.push(Number(num[0]));
        i += num[0].length;
        continue;
      }
      const child = node(depth + 1);
      if (!child) return null;
      values.push(child);
    }
    return { keyword: m[0].toUpperCase(), values };
  };
  try {
    return node(0);
  } catch {
    return null;
  }
}

function children(n: WktNode, ...keywords: string[]): WktNode[] {
  return n.values.filter((v): v is WktNode => typeof v === 'object' && keywords.includes(v.keyword));
}

function findDeep(n: WktNode, keywords: string[]): WktNode | undefined {
  for (const v of n.values) {
    if (typeof v !== 'object') continue;
    if (keywords.includes(v.keyword)) return v;
    const found = findDeep(v, keywords);
    if (found) return found;
  }
  return undefined;
}

function nameOf(n: WktNode | undefined): string {
  const first = n?.values[0];
  return typeof first === 'string' ? first : '';
}

/** Result of reading a .prj file. */
export interface PrjCrs {
  /** PROJCS / GEOGCS name, e.g. 'DHDN_3_Degree_Gauss_Zone_3'. */
  name: string;
  choice: CrsChoice | null;
}

const near = (a: number | undefined, b: number, eps = 1e-6): boolean =>
  a !== undefined && Math.abs(a - b) <= eps * Math.max(1, Math.abs(b));

/**
 * Recognise the system of a shapefile .prj (ESRI or OGC WKT): by an EPSG authority code when present,
 * otherwise by projection, datum and parameters (Gauß-Krüger on Bessel/DHDN, UTM on ETRS89/WGS84,
 * Web Mercator, geographic WGS84/ETRS89), finally by the name.
 */
export function crsFromPrj(wkt: string): PrjCrs {
  const root = parseWkt(wkt);
  if (!root) return { name: wkt.slice(0, 80), choice: crsFromName(wkt) };
  const name = nameOf(root);
  // Authority of the whole system (direct child only).
  const auth = [...children(root, 'AUTHORITY', 'ID')].pop();
  if (auth && /epsg/i.test(String(auth.values[0]))) {
    const byCode = crsFromEpsgCode(Number(auth.values[1]));
    if (byCode) return { name, choice: byCode };
  }
  const lowerAll = wkt.toLowerCase();
  const datumName = nameOf(findDeep(root, ['DATUM', 'GEODETICDATUM', 'TRF'])).toLowerCase();
  const spheroid = nameOf(findDeep(root, ['SPHEROID', 'ELLIPSOID'])).toLowerCase();
  const isDhdn = /dhdn|hauptdreiecksnetz|potsdam|bessel/.test(`${datumName} ${spheroid}`);
  const isEtrsOrWgs = /wgs.?(19)?84|etrs|grs.?(19)?80|european_terrestrial/.test(`${datumName} ${spheroid}`);

  if (root.keyword === 'GEOGCS' || root.keyword === 'GEOGCRS' || root.keyword === 'GEODCRS') {
    if (isEtrsOrWgs && !isDhdn) return { name, choice: { crs: 'EPSG:4326' } };
    return { name, choice: null };
  }
  if (root.keyword !== 'PROJCS' && root.keyword !== 'PROJCRS') return { name, choice: crsFromName(name) };

  // Linear unit must be metres.
  const units = children(root, 'UNIT', 'LENGTHUNIT');
  const unit = units[units.length - 1];
  if (unit && typeof unit.values[1] === 'number' && !near(unit.values[1], 1)) return { name, choice: null };

  const projection = (
    nameOf(findDeep(root, ['PROJECTION', 'METHOD'])) || nameOf(findDeep(root, ['CONVERSION']))
  ).toLowerCase();
  const params = new Map<string, number>();
  const collect = (n: WktNode): void => {
    for (const v of n.values) {
      if (typeof v !== 'object') continue;
      if ((v.keyword === 'PARAMETER' || v.keyword === 'PARAM') && typeof v.values[1] === 'number') {
        params.set(
          String(v.values[0])
            .toLowerCase()
            .replace(/[^a-z]/g, ''),
          v.values[1],
        );
      }
      collect(v);
    }
  };
  collect(root);
  const param = (...keys: string[]): number | undefined => {
    for (const k of keys) {
      const v = params.get(k);
      if (v !== undefined) return v;
    }
    return undefined;
  };

  if (
    /mercator_auxiliary|pseudo.?mercator|popular.?visuali/.test(projection) ||
    /web.?mercator|pseudo.?mercator/.test(name.toLowerCase())
  ) {
    return { name, choice: { crs: 'EPSG:3857' } };
  }
  if (/transverse.?mercator|gauss|kruger|krüger/.test(projection)) {
    const lon0 = param('centralmeridian', 'longitudeofnaturalorigin', 'longitudeoforigin') ?? NaN;
    const k = param('scalefactor', 'scalefactoratnaturalorigin') ?? 1;
    const x0 = param('falseeasting') ?? 0;
    const y0 = param('falsenorthing') ?? 0;
    const lat0 = param('latitudeoforigin', 'latitudeofnaturalorigin') ?? 0;
    let crs: SupportedCrs | null = null;
    let standard = { k: 1, x0: 0 };
    if (isDhdn) {
      if (near(lon0, 9)) [crs, standard] = ['EPSG:31467', { k: 1, x0: 3500000 }];
      else if (near(lon0, 12)) [crs, standard] = ['EPSG:31468', { k: 1, x0: 4500000 }];
    } else if (isEtrsOrWgs || /utm|etrs/.test(lowerAll)) {
      if (near(lon0, 9)) [crs, standard] = ['EPSG:25832', { k: 0.9996, x0: 500000 }];
      else if (near(lon0, 15)) [crs, standard] = ['EPSG:25833', { k: 0.9996, x0: 500000 }];
    }
    if (!crs) return { name, choice: null };
    if (near(k, standard.k) && near(x0, standard.x0) && near(y0, 0) && near(lat0, 0)) {
      return { name, choice: { crs } };
    }
    const fmt = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 4 });
    return {
      name,
      choice: {
        crs,
        definition: tmDefinition({ lon0, k, x0, y0, lat0, dhdn: isDhdn }),
        note: `Abweichende Parameter: False Easting ${fmt.format(x0)} (üblich ${fmt.format(standard.x0)}), Maßstab ${fmt.format(k)}.`,
      },
    };
  }
  return { name, choice: crsFromName(name) };
}

/** Last resort: recognise a system by its name only. */
function crsFromName(name: string): CrsChoice | null {
  const s = name.toLowerCase();
  if (/web.?mercator|pseudo.?mercator/.test(s)) return { crs: 'EPSG:3857' };
  if (/utm.{0,12}32/.test(s)) return { crs: 'EPSG:25832' };
  if (/utm.{0,12}33/.test(s)) return { crs: 'EPSG:25833' };
  if (/gau(ss|ß).{0,20}(zone|streifen)?.{0,3}3\b/.test(s) || /gk.?3\b/.test(s)) return { crs: 'EPSG:31467' };
  if (/gau(ss|ß).{0,20}(zone|streifen)?.{0,3}4\b/.test(s) || /gk.?4\b/.test(s)) return { crs: 'EPSG:31468' };
  if (/^(gcs_)?wgs.?(19)?84$|^wgs 84$/.test(s.trim())) return { crs: 'EPSG:4326' };
  return null;
}

// ---------------------------------------------------------------------------------------------------
// Hints from attribute values

export interface CrsHint {
  crs: SupportedCrs;
  /** German, completes "…, weil …". */
  why: string;
}

const TEXT_HINTS: Array<[SupportedCrs, RegExp]> = [
  ['EPSG:3857', /web ?mercator|pseudo[- ]?mercator|auxiliary sphere|epsg:?\s*3857\b|900913/],
  ['EPSG:25833', /utm[^0-9]{0,12}33|epsg:?\s*25833\b|etrs ?89[^0-9]{0,12}33\b/],
  ['EPSG:25832', /utm[^0-9]{0,12}32|epsg:?\s*25832\b|etrs ?89[^0-9]{0,12}32\b/],
  ['EPSG:31467', /gau(ss|ß)[- ]?kr(ü|ue|u)ger[^0-9]{0,16}3\b|epsg:?\s*31467\b|\bgk ?3\b/],
  ['EPSG:31468', /gau(ss|ß)[- ]?kr(ü|ue|u)ger[^0-9]{0,16}4\b|epsg:?\s*31468\b|\bgk ?4\b/],
  ['EPSG:4326', /wgs ?-?(19)?84|epsg:?\s*4326\b|crs ?84/],
];
const CRS_WORDS = /utm|mercator|epsg|gauss|gauß|krüger|kruger|etrs|wgs|crs|dhdn/i;
const KEY_FIELDS = new Set([
  'ars',
  'ags',
  'rs',
  'gkz',
  'krs',
  'ars_0',
  'ags_0',
  'rs_0',
  'sn_l',
  'schluessel',
]);
/** Länder where ETRS89 / UTM zone 33 is the official system: Berlin, Brandenburg, MV, Sachsen. */
const ZONE33_LAENDER = new Set(['11', '12', '13', '14']);

/** Hints about the coordinate system in attribute values (e.g. `KOORD`) and official area keys. */
export function collectCrsHints(propertiesList: Array<Record<string, unknown>>): CrsHint[] {
  const hints: CrsHint[] = [];
  const seen = new Set<string>();
  let zone33 = 0;
  let zone32 = 0;
  let keyField = '';
  for (const props of propertiesList.slice(0, 200)) {
    for (const [name, value] of Object.entries(props)) {
      if (typeof value !== 'string') continue;
      if (KEY_FIELDS.has(name.toLowerCase()) && /^\d{2,12}$/.test(value)) {
        const land = value.slice(0, 2);
        const n = Number(land);
        if (n >= 1 && n <= 16) {
          if (ZONE33_LAENDER.has(land)) zone33++;
          else zone32++;
          keyField ||= name;
        }
        continue;
      }
      if (value.length > 120 || !CRS_WORDS.test(value)) continue;
      const lower = value.toLowerCase();
      const id = `${name}\u0000${value}`;
      if (seen.has(id)) continue;
      seen.add(id);
      const match = TEXT_HINTS.find(([, re]) => re.test(lower));
      if (match) hints.push({ crs: match[0], why: `das Attribut „${name}“ („${value}“) darauf hinweist` });
    }
  }
  const total = zone32 + zone33;
  if (total > 0 && zone33 / total >= 0.9) {
    hints.push({
      crs: 'EPSG:25833',
      why: `die Gebietsschlüssel („${keyField}“) zu Berlin, Brandenburg, Mecklenburg-Vorpommern oder Sachsen gehören, wo UTM Zone 33 amtlich ist`,
    });
  } else if (total > 0 && zone32 / total >= 0.9) {
    hints.push({
      crs: 'EPSG:25832',
      why: `die Gebietsschlüssel („${keyField}“) zu Ländern gehören, in denen UTM Zone 32 amtlich ist`,
    });
  }
  return hints;
}

// ---------------------------------------------------------------------------------------------------
// Detection

export interface DeclaredCrs {
  /** Where the declaration was found (German, e.g. 'im GeoJSON-Element „crs“', 'in der .prj-Datei'). */
  where: string;
  /** The declaration as written. */
  text: string;
  /** null: declared, but not a supported system. */
  choice: CrsChoice | null;
  /** German reason replacing the generic "declared in … as …" (e.g. for KML). */
  reason?: string;
}

export interface CrsInput {
  /** Sample of source positions (including the extreme ones). */
  sample: Position[];
  /** Source bbox over all positions. */
  bbox: [number, number, number, number];
  declared?: DeclaredCrs;
  given?: SupportedCrs;
  expectedBbox?: [number, number, number, number];
  hints?: CrsHint[];
  /** File name for error messages. */
  file: string;
}

export interface CrsResult {
  detection: CrsDetection;
  choice: CrsChoice;
  warnings: string[];
}

interface Candidate extends CrsChoice {
  /** German description of the range rule that matched. */
  rule: string;
}

interface Evaluated {
  candidate: Candidate;
  /** Share of sample points in/around Germany. */
  around: number;
  /** Share of sample points strictly inside Germany's bbox. */
  inside: number;
  /** Share of sample points inside the (slightly enlarged) expected bbox, if given. */
  expected: number;
  /** Distance of the data centre from the expected centre (degrees), if given. */
  expectedDistance: number;
  hints: CrsHint[];
  bbox: [number, number, number, number];
  rank: number;
}

const PREFERENCE: string[] = [
  'EPSG:4326',
  'EPSG:4326/swapped',
  'EPSG:25832',
  'EPSG:25833',
  'EPSG:31467',
  'EPSG:31468',
  'EPSG:3857',
  'EPSG:25832/prefix',
  'EPSG:25833/prefix',
];

function candidateId(c: CrsChoice): string {
  if (c.swappedAxes) return `${c.crs}/swapped`;
  if (c.definition) return `${c.crs}/prefix`;
  return c.crs;
}

const inRange = (v: number, lo: number, hi: number): boolean => v >= lo && v <= hi;

/** Systems whose usual coordinate range (for data in Germany) contains the bbox. */
export function rangeCandidates(b: [number, number, number, number]): Candidate[] {
  const [minX, minY, maxX, maxY] = b;
  const x = (lo: number, hi: number): boolean => inRange(minX, lo, hi) && inRange(maxX, lo, hi);
  const y = (lo: number, hi: number): boolean => inRange(minY, lo, hi) && inRange(maxY, lo, hi);
  const out: Candidate[] = [];
  if (x(-180, 180) && y(-90, 90)) {
    out.push({ crs: 'EPSG:4326', rule: 'die Werte im Bereich geografischer Längen und Breiten liegen' });
    if (x(-90, 90) && y(-180, 180)) {
      out.push({
        crs: 'EPSG:4326',
        swappedAxes: true,
        rule: 'die Werte als Breite/Länge (vertauschte Achsen) in Deutschland liegen',
      });
    }
    return out;
  }
  if (x(3.1e6, 4.0e6) && y(5.1e6, 6.2e6)) {
    out.push({ crs: 'EPSG:31467', rule: 'die Rechtswerte mit 3 beginnen (Gauß-Krüger-Kennziffer 3)' });
  }
  if (x(4.1e6, 5.0e6) && y(5.1e6, 6.2e6)) {
    out.push({ crs: 'EPSG:31468', rule: 'die Rechtswerte mit 4 beginnen (Gauß-Krüger-Kennziffer 4)' });
  }
  if (x(1.5e5, 9.5e5) && y(5.1e6, 6.25e6)) {
    const rule = 'Rechtswerte um 500.000 und Hochwerte um 5,2–6,1 Mio. zu UTM passen';
    out.push({ crs: 'EPSG:25832', rule }, { crs: 'EPSG:25833', rule });
  }
  if (x(32.1e6, 32.95e6) && y(5.1e6, 6.25e6)) {
    out.push({
      crs: 'EPSG:25832',
      definition: tmDefinition({ lon0: 9, k: 0.9996, x0: 32500000, y0: 0, lat0: 0, dhdn: false }),
      note: 'UTM Zone 32N mit vorangestellter Zonennummer (Rechtswert 32…, wie EPSG:4647).',
      rule: 'die Rechtswerte mit der Zonennummer 32 beginnen',
    });
  }
  if (x(33.1e6, 33.95e6) && y(5.1e6, 6.25e6)) {
    out.push({
      crs: 'EPSG:25833',
      definition: tmDefinition({ lon0: 15, k: 0.9996, x0: 33500000, y0: 0, lat0: 0, dhdn: false }),
      note: 'UTM Zone 33N mit vorangestellter Zonennummer (Rechtswert 33…, wie EPSG:5650).',
      rule: 'die Rechtswerte mit der Zonennummer 33 beginnen',
    });
  }
  if (x(4.5e5, 1.85e6) && y(5.85e6, 7.5e6)) {
    out.push({ crs: 'EPSG:3857', rule: 'die Werte zum Bereich von Web Mercator für Deutschland passen' });
  }
  return out;
}

function inBox(p: Position, b: readonly number[]): boolean {
  return p[0] >= (b[0] ?? 0) && p[0] <= (b[2] ?? 0) && p[1] >= (b[1] ?? 0) && p[1] <= (b[3] ?? 0);
}

function evaluate(c: Candidate, input: CrsInput, rank: number): Evaluated {
  let transform: (p: Position) => Position;
  try {
    transform = createToWgs84(c);
  } catch {
    transform = () => [NaN, NaN];
  }
  let around = 0;
  let inside = 0;
  let expected = 0;
  const bbox: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const exp = input.expectedBbox;
  const expBox = exp
    ? (() => {
        const mx = Math.max(0.05, (exp[2] - exp[0]) * 0.1);
        const my = Math.max(0.05, (exp[3] - exp[1]) * 0.1);
        return [exp[0] - mx, exp[1] - my, exp[2] + mx, exp[3] + my];
      })()
    : null;
  let n = 0;
  for (const p of input.sample) {
    let q: Position;
    try {
      q = transform(p);
    } catch {
      continue;
    }
    if (!Number.isFinite(q[0]) || !Number.isFinite(q[1])) continue;
    n++;
    if (inBox(q, AROUND_GERMANY)) around++;
    if (inBox(q, GERMANY_BBOX)) inside++;
    if (expBox && inBox(q, expBox)) expected++;
    bbox[0] = Math.min(bbox[0], q[0]);
    bbox[1] = Math.min(bbox[1], q[1]);
    bbox[2] = Math.max(bbox[2], q[0]);
    bbox[3] = Math.max(bbox[3], q[1]);
  }
  const total = Math.max(1, input.sample.length);
  const expectedDistance =
    exp && n > 0
      ? Math.hypot(
          (bbox[0] + bbox[2]) / 2 - (exp[0] + exp[2]) / 2,
          (bbox[1] + bbox[3]) / 2 - (exp[1] + exp[3]) / 2,
        )
      : Infinity;
  return {
    candidate: c,
    around: around / total,
    inside: inside / total,
    expected: expected / total,
    expectedDistance,
    hints: (input.hints ?? []).filter((h) => h.crs === c.crs),
    bbox,
    rank,
  };
}

const fmtInt = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 0 });
const fmtDeg = new Intl.NumberFormat('de-DE', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

function where(e: Evaluated): string {
  const lon = (e.bbox[0] + e.bbox[2]) / 2;
  const lat = (e.bbox[1] + e.bbox[3]) / 2;
  return `${fmtDeg.format(lon)}° O, ${fmtDeg.format(lat)}° N`;
}

function describeChoice(c: CrsChoice): string {
  return c.swappedAxes ? `${crsLabel(c.crs)} mit vertauschten Achsen (Breite vor Länge)` : crsLabel(c.crs);
}

function isDegreeRange(b: [number, number, number, number]): boolean {
  return b[0] >= -180 && b[2] <= 180 && b[1] >= -90 && b[3] <= 90;
}

const PLAUSIBLE = 0.5;

/**
 * Decide the source system: given by the caller, declared in the file, or guessed from the coordinate
 * range (checked by reprojecting a sample into Germany and, when given, into `expectedBbox`).
 */
export function detectCrs(input: CrsInput): CrsResult {
  const warnings: string[] = [];
  const rangeList = rangeCandidates(input.bbox);
  const evaluated = rangeList.map((c) => evaluate(c, input, PREFERENCE.indexOf(candidateId(c))));
  const plausible = evaluated.filter((e) => e.around >= PLAUSIBLE);
  const outside = (e: Evaluated): string =>
    `Nach der Umrechnung liegen die Koordinaten nicht in Deutschland (Mitte bei ${where(e)}). Bitte prüfen Sie das Koordinatensystem.`;

  const checkExpected = (e: Evaluated): void => {
    if (input.expectedBbox && e.expected < PLAUSIBLE && e.around >= PLAUSIBLE) {
      warnings.push(
        `Die Daten liegen nicht im erwarteten Gebiet (Mitte bei ${where(e)}). Bitte prüfen Sie Datei und Koordinatensystem.`,
      );
    }
  };
  const others = (crs: SupportedCrs): SupportedCrs[] => [
    ...new Set(plausible.map((e) => e.candidate.crs).filter((c) => c !== crs)),
  ];

  if (input.given) {
    const e = evaluate({ crs: input.given, rule: '' }, input, 0);
    if (e.around < PLAUSIBLE) warnings.push(outside(e));
    else checkExpected(e);
    return {
      choice: { crs: input.given },
      warnings,
      detection: {
        crs: input.given,
        how: 'given',
        reason: `Vom Benutzer festgelegt: ${crsLabel(input.given)}.`,
        alternatives: others(input.given),
        ...(input.declared ? { declaredAs: input.declared.text } : {}),
      },
    };
  }

  let prefix = 'Die Datei enthält keine Angabe zum Koordinatensystem.';
  const declared = input.declared;
  if (declared) {
    const choice = declared.choice;
    if (!choice) {
      prefix = `Das ${declared.where} angegebene Koordinatensystem „${declared.text}“ wird nicht unterstützt.`;
      warnings.push(`${prefix} Es wurde aus den Koordinaten geschätzt – bitte prüfen.`);
    } else {
      const degrees = isDegreeRange(input.bbox);
      const isGeographic = choice.crs === 'EPSG:4326';
      if (degrees !== isGeographic) {
        prefix = `Das ${declared.where} angegebene Koordinatensystem „${declared.text}“ passt nicht zu den Koordinaten (${
          degrees ? 'Grad statt Meter' : 'Meter statt Grad'
        }).`;
        warnings.push(`${prefix} Es wurde aus den Koordinaten geschätzt – bitte prüfen.`);
      } else {
        const e = evaluate({ ...choice, rule: '' }, input, 0);
        const base =
          declared.reason ??
          `${declared.where[0]?.toUpperCase()}${declared.where.slice(1)} angegeben („${declared.text}“): ${describeChoice(choice)}.${
            choice.note ? ` ${choice.note}` : ''
          }`;
        const asDeclared = (alternatives: SupportedCrs[]): CrsResult => ({
          choice,
          warnings,
          detection: {
            crs: choice.crs,
            how: 'declared',
            reason: base,
            alternatives,
            declaredAs: declared.text,
            ...(choice.definition ? { definition: choice.definition } : {}),
          },
        });
        if (e.around >= PLAUSIBLE) {
          checkExpected(e);
          return asDeclared([]);
        }
        if (isGeographic) {
          // Declared WGS84 but outside Germany: latitude/longitude swapped?
          const swapped = evaluate({ crs: 'EPSG:4326', swappedAxes: true, rule: '' }, input, 0);
          if (swapped.around >= 0.9) {
            warnings.push(
              'Die Koordinaten stehen in der Reihenfolge Breite, Länge (statt Länge, Breite) und wurden vertauscht.',
            );
            return {
              choice: { crs: 'EPSG:4326', swappedAxes: true },
              warnings,
              detection: {
                crs: 'EPSG:4326',
                how: 'declared',
                reason: `${base} Die Achsen sind vertauscht (Breite vor Länge); so liegen die Daten bei ${where(swapped)}.`,
                alternatives: [],
                declaredAs: declared.text,
                swappedAxes: true,
              },
            };
          }
        }
        if (plausible.length === 0) {
          warnings.push(outside(e));
          return asDeclared([]);
        }
        // The declaration would put the data outside Germany, a guess would not: trust the coordinates.
        prefix = `Das ${declared.where} angegebene Koordinatensystem „${declared.text}“ würde die Daten außerhalb Deutschlands verorten (bei ${where(e)}).`;
        warnings.push(`${prefix} Es wurde aus den Koordinaten geschätzt – bitte prüfen.`);
      }
    }
  }

  // Guess.
  const [minX, minY, maxX, maxY] = input.bbox;
  const range = `Rechtswerte ${fmtInt.format(minX)} bis ${fmtInt.format(maxX)}, Hochwerte ${fmtInt.format(minY)} bis ${fmtInt.format(maxY)}`;
  if (plausible.length === 0) {
    const geographic = evaluated.find((e) => e.candidate.crs === 'EPSG:4326' && !e.candidate.swappedAxes);
    if (geographic) {
      warnings.push(outside(geographic));
      return {
        choice: { crs: 'EPSG:4326' },
        warnings,
        detection: {
          crs: 'EPSG:4326',
          how: 'guessed',
          reason: `${prefix} Die Werte liegen im Bereich geografischer Längen und Breiten: als ${crsLabel('EPSG:4326')} gedeutet.`,
          alternatives: [],
          ...(declared ? { declaredAs: declared.text } : {}),
        },
      };
    }
    throw new CrsUnknownError(
      `${prefix} Aus den Koordinaten (${range}) lässt sich kein unterstütztes Koordinatensystem ableiten, bei dem die Daten in Deutschland liegen. Bitte wählen Sie das Koordinatensystem aus.`,
      `No supported coordinate system puts these coordinates into Germany (x ${minX}..${maxX}, y ${minY}..${maxY}); choose the system explicitly.`,
    );
  }

  // Ranking: expected area, share inside Germany, hints, preference.
  const TOL = 0.05;
  const sorted = plausible.toSorted((a, b) => {
    if (input.expectedBbox) {
      if (Math.abs(a.expected - b.expected) > TOL) return b.expected - a.expected;
      if (a.expected >= PLAUSIBLE && Math.abs(a.expectedDistance - b.expectedDistance) > 0.05) {
        return a.expectedDistance - b.expectedDistance;
      }
    }
    if (Math.abs(a.inside - b.inside) > TOL) return b.inside - a.inside;
    if (a.hints.length !== b.hints.length) return b.hints.length - a.hints.length;
    return a.rank - b.rank;
  });
  const best = sorted[0]!;
  const second = sorted[1];
  const c = best.candidate;
  let because: string;
  if (!second) {
    because = `weil ${c.rule} und die Daten so in Deutschland liegen`;
  } else if (input.expectedBbox && Math.abs(best.expected - second.expected) > TOL) {
    because = 'weil die Daten nur so im erwarteten Gebiet liegen';
  } else if (
    input.expectedBbox &&
    best.expected >= PLAUSIBLE &&
    best.expectedDistance + 0.05 < second.expectedDistance
  ) {
    because = 'weil die Daten so am besten zum erwarteten Gebiet passen';
  } else if (Math.abs(best.inside - second.inside) > TOL) {
    because = 'weil die Daten nur so vollständig in Deutschland liegen';
  } else if (best.hints.length > second.hints.length) {
    because = `weil ${best.hints[0]?.why ?? 'Hinweise in den Attributen dafür sprechen'}`;
  } else if (c.crs === 'EPSG:25832' && second.candidate.crs === 'EPSG:25833') {
    because =
      'weil Zone 32 in den meisten Ländern und beim Bund (BKG) üblich ist; in Berlin, Brandenburg, Mecklenburg-Vorpommern und Sachsen ist dagegen Zone 33 amtlich – dann lägen die Daten etwa 6° weiter östlich. Bitte auf der Karte prüfen';
  } else {
    because = `weil ${c.rule}`;
  }
  const alternatives = [...new Set(sorted.slice(1).map((e) => e.candidate.crs))].filter((x) => x !== c.crs);
  const degrees = c.crs === 'EPSG:4326';
  const reason = degrees
    ? `${prefix} ${c.swappedAxes ? 'Die Werte passen nur als Breite, Länge (vertauschte Achsen)' : 'Die Werte liegen im Bereich geografischer Längen und Breiten'}: als ${describeChoice(c)} gedeutet; die Daten liegen bei ${where(best)}.`
    : `${prefix} Koordinaten in Metern (${range}): als ${crsLabel(c.crs)} gedeutet, ${because}.${
        c.note ? ` ${c.note}` : ''
      } Die Daten liegen dann bei ${where(best)}.${
        alternatives.length ? ` Ebenfalls möglich: ${alternatives.map(crsLabel).join(', ')}.` : ''
      }`;
  if (c.swappedAxes) {
    warnings.push(
      'Die Koordinaten stehen in der Reihenfolge Breite, Länge (statt Länge, Breite) und wurden vertauscht.',
    );
  }
  if (best.inside < 0.9 && !input.expectedBbox) {
    warnings.push(
      `Ein Teil der Daten liegt nach der Umrechnung außerhalb Deutschlands (Mitte bei ${where(best)}).`,
    );
  }
  checkExpected(best);
  const choice: CrsChoice = {
    crs: c.crs,
    ...(c.definition ? { definition: c.definition } : {}),
    ...(c.swappedAxes ? { swappedAxes: true } : {}),
  };
  return {
    choice,
    warnings,
    detection: {
      crs: c.crs,
      how: 'guessed',
      reason,
      alternatives,
      ...(declared ? { declaredAs: declared.text } : {}),
      ...(c.definition ? { definition: c.definition } : {}),
      ...(c.swappedAxes ? { swappedAxes: true } : {}),
    },
  };
}

/** Thrown by detectCrs; the readers turn it into an ImportFileError naming the file. */
export class CrsUnknownError extends Error {
  constructor(
    readonly de: string,
    readonly en: string,
  ) {
    super(de);
    this.name = 'CrsUnknownError';
  }
}
