/**
 * TopoJSON reader: one object (layer) of the topology becomes features via topojson-client.
 */
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryObject, Topology } from 'topojson-specification';
import { declaredCrsOf } from './geojson';
import { fileError, isRecord, isUsefulId, type RawDataset, type RawFeature } from './source';

/** Read layer `layer` (default: the first object) of a parsed TopoJSON topology. */
export function readTopoJsonObject(obj: Record<string, unknown>, file: string, layer?: string): RawDataset {
  if (!isRecord(obj.objects) || !Array.isArray(obj.arcs)) {
    throw fileError(
      file,
      'topojson-invalid',
      'Die TopoJSON-Datei ist unvollständig: „objects“ oder „arcs“ fehlt.',
      'Invalid TopoJSON: "objects" or "arcs" missing.',
      { field: isRecord(obj.objects) ? 'arcs' : 'objects' },
    );
  }
  const names = Object.keys(obj.objects);
  if (names.length === 0) {
    throw fileError(
      file,
      'topojson-empty',
      'Die TopoJSON-Datei enthält keine Objekte.',
      'The TopoJSON file has no objects.',
      { field: 'objects' },
    );
  }
  const chosen = layer ?? names[0]!;
  const object = obj.objects[chosen];
  if (!names.includes(chosen) || !isRecord(object)) {
    throw fileError(
      file,
      'topojson-layer',
      `Das Objekt „${chosen}“ gibt es in der TopoJSON-Datei nicht. Vorhanden: ${names.map((n) => `„${n}“`).join(', ')}.`,
      `No object "${chosen}" in the topology; available: ${names.join(', ')}.`,
      { field: chosen },
    );
  }
  let result: FeatureCollection | Feature;
  try {
    result = feature(obj as unknown as Topology, object as unknown as GeometryObject) as
      FeatureCollection | Feature;
  } catch (e) {
    throw fileError(
      file,
      'topojson-invalid',
      `Das TopoJSON-Objekt „${chosen}“ ist fehlerhaft und lässt sich nicht lesen.`,
      `TopoJSON object "${chosen}" could not be decoded: ${e instanceof Error ? e.message : String(e)}`,
      { field: chosen },
    );
  }
  const list: Feature[] = result.type === 'FeatureCollection' ? result.features : [result];
  const features: RawFeature[] = list.map((f, index) => {
    const properties: Record<string, unknown> = isRecord(f.properties) ? { ...f.properties } : {};
    if (!('id' in properties) && isUsefulId(f.id, index)) properties.id = f.id;
    return { index, properties, geometry: (f.geometry as Geometry | null) ?? null };
  });
  return {
    format: 'topojson',
    layer: chosen,
    layers: names,
    features,
    warnings: [],
    ...(obj.crs !== undefined ? { declared: declaredCrsOf(obj.crs) } : {}),
  };
}
