/**
 * GeoJSON reader (RFC 7946 and the 2008 spec with a `crs` member).
 */
import type { Geometry } from 'geojson';
import { crsFromEpsgCode, parseCrsName, type DeclaredCrs } from './crs';
import { fileError, isRecord, isUsefulId, type RawDataset, type RawFeature } from './source';

const GEOMETRY_TYPES = new Set([
  'Point',
  'MultiPoint',
  'LineString',
  'MultiLineString',
  'Polygon',
  'MultiPolygon',
  'GeometryCollection',
]);

/** The `crs` member of GeoJSON 2008 / TopoJSON: named ('urn:ogc:def:crs:EPSG::25833'), EPSG code, or link. */
export function declaredCrsOf(crs: unknown): DeclaredCrs | undefined {
  if (!isRecord(crs)) return undefined;
  const props = isRecord(crs.properties) ? crs.properties : {};
  const where = 'im GeoJSON-Element „crs“';
  if (typeof props.name === 'string') {
    return { where, text: props.name, choice: parseCrsName(props.name) };
  }
  if (typeof props.code === 'number' || typeof props.code === 'string') {
    return { where, text: `EPSG:${props.code}`, choice: crsFromEpsgCode(Number(props.code)) };
  }
  if (typeof props.href === 'string') return { where, text: props.href, choice: parseCrsName(props.href) };
  return undefined;
}

function geometryOrNull(value: unknown): Geometry | null {
  if (isRecord(value) && typeof value.type === 'string' && GEOMETRY_TYPES.has(value.type)) {
    return value as unknown as Geometry;
  }
  return null;
}

/** Read a parsed GeoJSON object (FeatureCollection, Feature or bare geometry). */
export function readGeoJsonObject(obj: unknown, file: string): RawDataset {
  if (!isRecord(obj) || typeof obj.type !== 'string') {
    throw fileError(
      file,
      'geojson-type',
      'Die JSON-Datei ist kein GeoJSON: es fehlt das Element „type“ (FeatureCollection, Feature oder Geometrie).',
      'The JSON file is not GeoJSON: no "type" member.',
      { field: 'type' },
    );
  }
  const warnings: string[] = [];
  let list: unknown[];
  if (obj.type === 'FeatureCollection') {
    if (!Array.isArray(obj.features)) {
      throw fileError(
        file,
        'geojson-features',
        'Die FeatureCollection hat kein Element „features“ (Liste).',
        'FeatureCollection without a "features" array.',
        { field: 'features' },
      );
    }
    list = obj.features;
  } else if (obj.type === 'Feature') {
    list = [obj];
  } else if (GEOMETRY_TYPES.has(obj.type)) {
    list = [{ type: 'Feature', properties: {}, geometry: obj }];
  } else {
    throw fileError(
      file,
      'geojson-type',
      `Die JSON-Datei ist kein GeoJSON: unbekannter Typ „${obj.type}“.`,
      `Not GeoJSON: unknown type "${obj.type}".`,
      { field: 'type' },
    );
  }
  const features: RawFeature[] = [];
  let invalid = 0;
  list.forEach((f, index) => {
    if (!isRecord(f)) {
      invalid++;
      features.push({ index, properties: {}, geometry: null });
      return;
    }
    const properties: Record<string, unknown> = isRecord(f.properties) ? { ...f.properties } : {};
    // A feature-level id becomes a property when the properties have none (it is often the key).
    if (!('id' in properties) && isUsefulId(f.id, index)) properties.id = f.id;
    features.push({ index, properties, geometry: geometryOrNull(f.geometry) });
  });
  if (invalid > 0)
    warnings.push(`${invalid} Einträge in „features“ sind keine Features und wurden übersprungen.`);
  return {
    format: 'geojson',
    features,
    warnings,
    ...(obj.crs !== undefined ? { declared: declaredCrsOf(obj.crs) } : {}),
  };
}
