/**
 * readBoundaries / readPoints: detect the format by content, read, decide the coordinate system,
 * reproject to WGS84, normalise winding and properties, suggest key and name.
 */
import type { Geometry } from 'geojson';
import { readZip as readZipEntries, ZipLimitError } from '../zip';
import { collectCrsHints, CrsUnknownError, createToWgs84, detectCrs, type CrsResult } from './crs';
import { readGeoJsonObject } from './geojson';
import { parseJson } from './json';
import { suggestKeyProperty, suggestNameProperty } from './keys';
import { readKmlText, xmlEncoding } from './kml';
import { readShapefileEntries, realFiles, type ZipEntries } from './shapefile';
import { decodeText, fileError, isRecord, listNumbers, type RawDataset, type RawFeature } from './source';
import { readTopoJsonObject } from './topojson';
import { normalizeWinding } from './winding';
import type {
  BoundaryDataset,
  BoundaryFeature,
  PointDataset,
  PointFeature,
  Position,
  ReadBoundariesOptions,
} from './types';

export interface InputFile {
  name: string;
  bytes: Uint8Array;
}

const SUPPORTED =
  'Unterstützt werden GeoJSON, TopoJSON, KML/KMZ und gezippte Shapefiles (.zip mit .shp, .dbf, .prj).';

function isZip(b: Uint8Array): boolean {
  return (
    b[0] === 0x50 && b[1] === 0x4b && (b[2] === 0x03 || b[2] === 0x05) && (b[3] === 0x04 || b[3] === 0x06)
  );
}

function readJsonText(text: string, file: string, options: ReadBoundariesOptions): RawDataset {
  const obj = parseJson(text, file);
  if (isRecord(obj) && obj.type === 'Topology') return readTopoJsonObject(obj, file, options.layer);
  return readGeoJsonObject(obj, file);
}

function readText(bytes: Uint8Array, file: string, options: ReadBoundariesOptions): RawDataset {
  // The first non-blank byte (after a UTF-8 BOM) chooses JSON or XML.
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (
    i < bytes.length &&
    i < 4096 &&
    (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)
  )
    i++;
  const first =
    bytes[0] === 0xff || bytes[0] === 0xfe
      ? decodeText(bytes.subarray(0, 64)).trim()[0]
      : String.fromCharCode(bytes[i] ?? 0);
  if (first === '{' || first === '[') {
    // RFC 8259: UTF-8. Files from older tools are sometimes Windows-1252; read them with a warning.
    let text: string;
    let legacy = false;
    try {
      text = decodeText(bytes, 'utf-8', true);
    } catch {
      text = decodeText(bytes, 'windows-1252');
      legacy = true;
    }
    const raw = readJsonText(text, file, options);
    if (legacy)
      raw.warnings.push('Die Datei ist nicht UTF-8-kodiert; sie wurde als Windows-1252 (Latin-1) gelesen.');
    return raw;
  }
  if (first === '<') return readKmlText(decodeText(bytes, xmlEncoding(bytes)), file);
  throw fileError(
    file,
    'unknown-format',
    `Das Dateiformat wurde nicht erkannt. ${SUPPORTED}`,
    'Unknown file format (expected GeoJSON, TopoJSON, KML or a zipped shapefile).',
  );
}

async function readZip(bytes: Uint8Array, file: string, options: ReadBoundariesOptions): Promise<RawDataset> {
  let entries: ZipEntries;
  const all: string[] = [];
  try {
    // Only the files that can matter are inflated, as streams within the zip limits (zip bombs).
    const read = readZipEntries(bytes, {
      want: (name) => /\.(shp|dbf|prj|cpg|kml|geojson|topojson|json)$/i.test(name),
    });
    entries = read.entries;
    all.push(...read.names);
  } catch (e) {
    if (e instanceof ZipLimitError && e.code !== 'zip_broken') {
      throw fileError(
        file,
        e.code,
        e.message,
        'The zip file is too large when unpacked or compressed too strongly (zip bomb protection).',
      );
    }
    throw fileError(
      file,
      'invalid-zip',
      'Die ZIP-Datei ist beschädigt und lässt sich nicht entpacken.',
      `Corrupt zip file: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  const names = realFiles(Object.keys(entries));
  if (names.some((n) => /\.shp$/i.test(n))) return readShapefileEntries(entries, file, options.layer);
  // KMZ or a zipped GeoJSON/TopoJSON/KML file.
  const inner =
    names.find((n) => /\.kml$/i.test(n)) ?? names.find((n) => /\.(geojson|topojson|json)$/i.test(n));
  if (inner) return readText(entries[inner]!, `${file}/${inner}`, options);
  throw fileError(
    file,
    'zip-no-shp',
    `Die ZIP-Datei enthält keine Shapefile-Datei (.shp). Gefunden: ${realFiles(all).slice(0, 10).join(', ') || 'nichts'}.`,
    'The zip file contains no .shp file.',
  );
}

/** Detect the format by content and read it (source coordinates, raw properties). */
export async function readSource(file: InputFile, options: ReadBoundariesOptions = {}): Promise<RawDataset> {
  const { bytes, name } = file;
  if (bytes.length === 0) {
    throw fileError(name, 'empty-file', 'Die Datei ist leer.', 'The file is empty.');
  }
  if (isZip(bytes)) return readZip(bytes, name, options);
  // A bare .shp (file code 9994, big-endian) without .dbf/.prj.
  if (bytes.length >= 4 && bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0x27 && bytes[3] === 0x0a) {
    throw fileError(
      name,
      'bare-shp',
      'Eine einzelne .shp-Datei reicht nicht: bitte die .shp zusammen mit .dbf, .prj (und .cpg) als ZIP-Datei hochladen.',
      'A bare .shp file is not enough: upload .shp, .dbf, .prj (and .cpg) as one zip file.',
    );
  }
  return readText(bytes, name, options);
}

// ---------------------------------------------------------------------------------------------------
// Geometry extraction in source coordinates

interface Tally {
  /** Source feature indexes per skipped geometry type. */
  skipped: Map<string, number[]>;
  invalid: number[];
  droppedRings: number;
  multiPoint: number[];
}

function newTally(): Tally {
  return { skipped: new Map(), invalid: [], droppedRings: 0, multiPoint: [] };
}

function skip(t: Tally, type: string, index: number): void {
  const list = t.skipped.get(type) ?? [];
  if (list[list.length - 1] !== index) list.push(index);
  t.skipped.set(type, list);
}

function position(value: unknown): Position | null {
  if (!Array.isArray(value) || value.length < 2) return null;
  const x = value[0];
  const y = value[1];
  return typeof x === 'number' && typeof y === 'number' && Number.isFinite(x) && Number.isFinite(y)
    ? [x, y]
    : null;
}

class InvalidGeometry extends Error {}

function ring(value: unknown, t: Tally): Position[] | null {
  if (!Array.isArray(value)) throw new InvalidGeometry();
  const out: Position[] = [];
  for (const v of value) {
    const p = position(v);
    if (!p) throw new InvalidGeometry();
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  const first = out[0];
  const last = out[out.length - 1];
  if (first && last && (first[0] !== last[0] || first[1] !== last[1])) out.push([first[0], first[1]]);
  if (out.length < 4) {
    t.droppedRings++;
    return null;
  }
  return out;
}

function polygon(value: unknown, t: Tally): Position[][] | null {
  if (!Array.isArray(value)) throw new InvalidGeometry();
  if (value.length === 0) return null;
  // Without a usable outer ring the whole polygon (with its holes) is dropped.
  const outer = ring(value[0], t);
  if (!outer) return null;
  const rings = [outer];
  for (const hole of value.slice(1)) {
    const r = ring(hole, t);
    if (r) rings.push(r);
  }
  return rings;
}

function collectPolygons(g: Geometry, index: number, t: Tally, out: Position[][][], depth = 0): void {
  if (g.type === 'Polygon') {
    const p = polygon(g.coordinates, t);
    if (p) out.push(p);
  } else if (g.type === 'MultiPolygon') {
    if (!Array.isArray(g.coordinates)) throw new InvalidGeometry();
    for (const c of g.coordinates) {
      const p = polygon(c, t);
      if (p) out.push(p);
    }
  } else if (g.type === 'GeometryCollection') {
    if (!Array.isArray(g.geometries) || depth > 10) throw new InvalidGeometry();
    for (const child of g.geometries) {
      if (isRecord(child)) collectPolygons(child, index, t, out, depth + 1);
    }
  } else {
    skip(t, g.type, index);
  }
}

function collectPoints(g: Geometry, index: number, t: Tally, out: Position[], depth = 0): void {
  if (g.type === 'Point') {
    const p = position(g.coordinates);
    if (!p) throw new InvalidGeometry();
    out.push(p);
  } else if (g.type === 'MultiPoint') {
    if (!Array.isArray(g.coordinates)) throw new InvalidGeometry();
    for (const c of g.coordinates) {
      const p = position(c);
      if (!p) throw new InvalidGeometry();
      out.push(p);
    }
  } else if (g.type === 'GeometryCollection') {
    if (!Array.isArray(g.geometries) || depth > 10) throw new InvalidGeometry();
    for (const child of g.geometries) {
      if (isRecord(child)) collectPoints(child, index, t, out, depth + 1);
    }
  } else {
    skip(t, g.type, index);
  }
}

const TYPE_NAMES: Record<string, string> = {
  Point: 'Punkte',
  MultiPoint: 'Mehrfachpunkte',
  LineString: 'Linien',
  MultiLineString: 'Mehrfachlinien',
  Polygon: 'Flächen',
  MultiPolygon: 'Mehrfachflächen',
};

const fmt = new Intl.NumberFormat('de-DE');

function foundSummary(raw: RawDataset, t: Tally, nullGeometry: number[]): string {
  const parts = [...t.skipped].map(
    ([type, idx]) => `${fmt.format(idx.length)} × ${TYPE_NAMES[type] ?? type} (${type})`,
  );
  if (nullGeometry.length) parts.push(`${fmt.format(nullGeometry.length)} × ohne Geometrie`);
  if (t.invalid.length) parts.push(`${fmt.format(t.invalid.length)} × ungültige Geometrie`);
  return parts.length
    ? parts.join(', ')
    : `${fmt.format(raw.features.length)} Features ohne verwertbare Geometrie`;
}

function tallyWarnings(t: Tally, nullGeometry: number[], what: 'Flächen' | 'Punkte'): string[] {
  const w: string[] = [];
  for (const [type, idx] of t.skipped) {
    w.push(
      `${idx.length} Feature(s) mit ${TYPE_NAMES[type] ?? type} (${type}) statt ${what} wurden übersprungen (Nr. ${listNumbers(idx)}).`,
    );
  }
  if (nullGeometry.length) {
    w.push(
      `${nullGeometry.length} Feature(s) ohne Geometrie wurden übersprungen (Nr. ${listNumbers(nullGeometry)}).`,
    );
  }
  if (t.invalid.length) {
    w.push(
      `${t.invalid.length} Feature(s) mit ungültigen Koordinaten wurden übersprungen (Nr. ${listNumbers(t.invalid)}).`,
    );
  }
  if (t.droppedRings) {
    w.push(`${t.droppedRings} Ring(e) mit weniger als drei verschiedenen Punkten wurden entfernt.`);
  }
  if (t.multiPoint.length) {
    w.push(
      `${t.multiPoint.length} Feature(s) mit mehreren Punkten: jeweils der erste Punkt wurde verwendet (Nr. ${listNumbers(t.multiPoint)}).`,
    );
  }
  return w;
}

// ---------------------------------------------------------------------------------------------------
// CRS sample and properties

const SAMPLE_SIZE = 4000;

function sampleOf(
  positions: Iterable<Position>,
  count: number,
): { sample: Position[]; bbox: [number, number, number, number] } {
  const stride = Math.max(1, Math.floor(count / SAMPLE_SIZE));
  const sample: Position[] = [];
  const bbox: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const extremes: Position[] = [];
  let i = 0;
  for (const p of positions) {
    if (p[0] < bbox[0]) [bbox[0], extremes[0]] = [p[0], p];
    if (p[1] < bbox[1]) [bbox[1], extremes[1]] = [p[1], p];
    if (p[0] > bbox[2]) [bbox[2], extremes[2]] = [p[0], p];
    if (p[1] > bbox[3]) [bbox[3], extremes[3]] = [p[1], p];
    if (i++ % stride === 0) sample.push(p);
  }
  sample.push(...extremes.filter(Boolean));
  return { sample, bbox };
}

function decideCrs(
  raw: RawDataset,
  file: string,
  options: ReadBoundariesOptions,
  positions: () => Iterable<Position>,
  count: number,
): CrsResult {
  const { sample, bbox } = sampleOf(positions(), count);
  try {
    return detectCrs({
      sample,
      bbox,
      file,
      ...(raw.declared ? { declared: raw.declared } : {}),
      ...(options.crs ? { given: options.crs } : {}),
      ...(options.expectedBbox ? { expectedBbox: options.expectedBbox } : {}),
      hints: collectCrsHints(raw.features.slice(0, 200).map((f) => f.properties)),
    });
  } catch (e) {
    if (e instanceof CrsUnknownError) throw fileError(file, 'crs-unknown', e.de, e.en);
    throw e;
  }
}

type Value = string | number | boolean | null;

/** Nesting depth of a JSON value, counted without recursion and stopping beyond `limit`. */
function depthBeyond(v: unknown, limit: number): boolean {
  let level: unknown[] = [v];
  for (let depth = 0; level.length; depth++) {
    if (depth > limit) return true;
    const next: unknown[] = [];
    for (const x of level) {
      if (x && typeof x === 'object')
        for (const c of Object.values(x as Record<string, unknown>)) next.push(c);
    }
    level = next;
  }
  return false;
}

/** Nested property values deeper than this are left out (JSON text of them could not even be written). */
const MAX_PROPERTY_DEPTH = 32;

/** Property values as string | number | boolean | null (objects/arrays as JSON text, too deep ones null). */
export function normalizeProperties(props: Record<string, unknown>): Record<string, Value> {
  const out: Record<string, Value> = {};
  for (const [k, v] of Object.entries(props)) {
    if (v === null || v === undefined) out[k] = null;
    else if (typeof v === 'string' || typeof v === 'boolean') out[k] = v;
    else if (typeof v === 'number') out[k] = Number.isFinite(v) ? v : null;
    else if (typeof v === 'bigint') out[k] = v.toString();
    else if (v instanceof Date) out[k] = Number.isNaN(v.getTime()) ? null : v.toISOString();
    else out[k] = depthBeyond(v, MAX_PROPERTY_DEPTH) ? null : (JSON.stringify(v) ?? null);
  }
  return out;
}

function propertyNamesOf(features: ReadonlyArray<{ properties: Record<string, unknown> }>): string[] {
  const seen = new Set<string>();
  for (const f of features) for (const k of Object.keys(f.properties)) seen.add(k);
  return [...seen];
}

function finite(p: Position): boolean {
  return Number.isFinite(p[0]) && Number.isFinite(p[1]);
}

// ---------------------------------------------------------------------------------------------------
// Public API

/**
 * Read a boundary file (GeoJSON, TopoJSON, KML/KMZ, zipped shapefile) into WGS84 polygons with RFC 7946
 * winding. Points and lines are skipped with a warning; a file without any polygon is refused with an
 * ImportFileError, as is every other bad input.
 */
export async function readBoundaries(
  file: InputFile,
  options: ReadBoundariesOptions = {},
): Promise<BoundaryDataset> {
  const raw = await readSource(file, options);
  const t = newTally();
  const nullGeometry: number[] = [];
  const parsed: Array<{ f: RawFeature; polygons: Position[][][]; multi: boolean }> = [];
  let count = 0;
  for (const f of raw.features) {
    if (!f.geometry) {
      nullGeometry.push(f.index);
      continue;
    }
    const polygons: Position[][][] = [];
    try {
      collectPolygons(f.geometry, f.index, t, polygons);
    } catch {
      t.invalid.push(f.index);
      continue;
    }
    if (polygons.length === 0) continue;
    for (const p of polygons) for (const r of p) count += r.length;
    parsed.push({ f, polygons, multi: f.geometry.type !== 'Polygon' || polygons.length > 1 });
  }
  if (parsed.length === 0) {
    throw fileError(
      file.name,
      raw.features.length === 0 ? 'no-features' : 'no-polygons',
      raw.features.length === 0
        ? 'Die Datei enthält keine Features.'
        : `Die Datei enthält keine Flächen (Polygone) und eignet sich nicht als Gebietsgrenzen. Gefunden: ${foundSummary(raw, t, nullGeometry)}.`,
      raw.features.length === 0 ? 'The file has no features.' : 'The file contains no polygons.',
    );
  }
  const crs = decideCrs(
    raw,
    file.name,
    options,
    function* () {
      for (const p of parsed) for (const poly of p.polygons) for (const r of poly) yield* r;
    },
    count,
  );
  const project = createToWgs84(crs.choice);
  const features: BoundaryFeature[] = [];
  const failed: number[] = [];
  for (const { f, polygons, multi } of parsed) {
    let ok = true;
    const projected = polygons.map((poly) =>
      poly.map((r) =>
        r.map((p) => {
          let q: Position;
          try {
            q = project(p);
          } catch {
            q = [NaN, NaN];
          }
          if (!finite(q)) ok = false;
          return q;
        }),
      ),
    );
    if (!ok) {
      failed.push(f.index);
      continue;
    }
    const geometry = normalizeWinding(
      multi
        ? { type: 'MultiPolygon' as const, coordinates: projected }
        : { type: 'Polygon' as const, coordinates: projected[0]! },
    );
    features.push({ index: f.index, properties: normalizeProperties(f.properties), geometry });
  }
  const warnings = [...raw.warnings, ...crs.warnings, ...tallyWarnings(t, nullGeometry, 'Flächen')];
  if (failed.length) {
    warnings.push(
      `${failed.length} Feature(s) ließen sich nicht umrechnen und wurden übersprungen (Nr. ${listNumbers(failed)}).`,
    );
  }
  if (features.length === 0) {
    throw fileError(
      file.name,
      'reprojection-failed',
      'Keine Fläche ließ sich in WGS84 umrechnen. Bitte prüfen Sie das Koordinatensystem.',
      'No polygon could be reprojected to WGS84.',
    );
  }
  const propertyNames = propertyNamesOf(features);
  const suggestedKey = suggestKeyProperty(propertyNames, features);
  const bbox: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const f of features) {
    const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const poly of polys) {
      for (const p of poly[0] ?? []) {
        if (p[0] < bbox[0]) bbox[0] = p[0];
        if (p[1] < bbox[1]) bbox[1] = p[1];
        if (p[0] > bbox[2]) bbox[2] = p[0];
        if (p[1] > bbox[3]) bbox[3] = p[1];
      }
    }
  }
  return {
    format: raw.format,
    ...(raw.layer !== undefined ? { layer: raw.layer } : {}),
    ...(raw.layers !== undefined ? { layers: raw.layers } : {}),
    crs: crs.detection,
    features,
    propertyNames,
    suggestedKey,
    suggestedName: suggestNameProperty(propertyNames, features, suggestedKey),
    bbox,
    warnings,
  };
}

/**
 * Read point features (facility locations) from the same formats, same CRS logic, WGS84 output.
 * A feature with several points keeps the first (warning); polygons and lines are skipped.
 */
export async function readPoints(
  file: InputFile,
  options: ReadBoundariesOptions = {},
): Promise<PointDataset> {
  const raw = await readSource(file, options);
  const t = newTally();
  const nullGeometry: number[] = [];
  const parsed: Array<{ f: RawFeature; point: Position }> = [];
  for (const f of raw.features) {
    if (!f.geometry) {
      nullGeometry.push(f.index);
      continue;
    }
    const points: Position[] = [];
    try {
      collectPoints(f.geometry, f.index, t, points);
    } catch {
      t.invalid.push(f.index);
      continue;
    }
    const first = points[0];
    if (!first) continue;
    if (points.length > 1) t.multiPoint.push(f.index);
    parsed.push({ f, point: first });
  }
  if (parsed.length === 0) {
    throw fileError(
      file.name,
      raw.features.length === 0 ? 'no-features' : 'no-points',
      raw.features.length === 0
        ? 'Die Datei enthält keine Features.'
        : `Die Datei enthält keine Punkte (Standorte). Gefunden: ${foundSummary(raw, t, nullGeometry)}.`,
      raw.features.length === 0 ? 'The file has no features.' : 'The file contains no points.',
    );
  }
  const crs = decideCrs(
    raw,
    file.name,
    options,
    function* () {
      for (const p of parsed) yield p.point;
    },
    parsed.length,
  );
  const project = createToWgs84(crs.choice);
  const features: PointFeature[] = [];
  const failed: number[] = [];
  for (const { f, point } of parsed) {
    let q: Position;
    try {
      q = project(point);
    } catch {
      q = [NaN, NaN];
    }
    if (!finite(q)) {
      failed.push(f.index);
      continue;
    }
    features.push({
      index: f.index,
      properties: normalizeProperties(f.properties),
      geometry: { type: 'Point', coordinates: q },
    });
  }
  const warnings = [...raw.warnings, ...crs.warnings, ...tallyWarnings(t, nullGeometry, 'Punkte')];
  if (failed.length) {
    warnings.push(
      `${failed.length} Feature(s) ließen sich nicht umrechnen und wurden übersprungen (Nr. ${listNumbers(failed)}).`,
    );
  }
  if (features.length === 0) {
    throw fileError(
      file.name,
      'reprojection-failed',
      'Kein Punkt ließ sich in WGS84 umrechnen. Bitte prüfen Sie das Koordinatensystem.',
      'No point could be reprojected to WGS84.',
    );
  }
  const propertyNames = propertyNamesOf(features);
  const suggestedKey = suggestKeyProperty(propertyNames, features);
  const bbox: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const f of features) {
    const [x, y] = f.geometry.coordinates;
    bbox[0] = Math.min(bbox[0], x);
    bbox[1] = Math.min(bbox[1], y);
    bbox[2] = Math.max(bbox[2], x);
    bbox[3] = Math.max(bbox[3], y);
  }
  return {
    format: raw.format,
    ...(raw.layer !== undefined ? { layer: raw.layer } : {}),
    ...(raw.layers !== undefined ? { layers: raw.layers } : {}),
    crs: crs.detection,
    features,
    propertyNames,
    suggestedKey,
    suggestedName: suggestNameProperty(propertyNames, features, suggestedKey),
    bbox,
    warnings,
  };
}
