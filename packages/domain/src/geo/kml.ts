/**
 * KML reader via @xmldom/xmldom + @tmcw/togeojson. KML is always WGS84 lon/lat. ExtendedData
 * (SchemaData/SimpleData, Data/value) becomes properties; togeojson's style properties are dropped.
 */
import { kml } from '@tmcw/togeojson';
import { DOMParser, ParseError } from '@xmldom/xmldom';
import type { Geometry } from 'geojson';
import { fileError, isRecord, isUsefulId, type RawDataset, type RawFeature } from './source';

/** Properties togeojson derives from <Style>/<StyleMap>; not data. */
const STYLE_PROPERTIES = new Set([
  'styleUrl',
  'styleHash',
  'styleMapHash',
  'stroke',
  'stroke-opacity',
  'stroke-width',
  'fill',
  'fill-opacity',
  'icon',
  'icon-scale',
  'icon-heading',
  'icon-offset',
  'icon-offset-units',
  'icon-color',
  'icon-opacity',
  'label-scale',
  'label-color',
  'label-opacity',
]);

/** Encoding from an XML declaration (`<?xml … encoding="ISO-8859-1"?>`), default UTF-8. */
export function xmlEncoding(bytes: Uint8Array): string {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  const m = /^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head.replace(/^\uFEFF|^ï»¿/, ''));
  const label = m?.[1]?.toLowerCase() ?? 'utf-8';
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return 'utf-8';
  }
}

export function readKmlText(text: string, file: string): RawDataset {
  let doc: ReturnType<DOMParser['parseFromString']>;
  try {
    doc = new DOMParser({
      // Warnings and recoverable errors are ignored; fatal errors throw a ParseError.
      onError: () => undefined,
    }).parseFromString(text, 'text/xml');
  } catch (e) {
    const loc = e instanceof ParseError && isRecord(e.locator) ? e.locator : {};
    const line = typeof loc.lineNumber === 'number' ? loc.lineNumber : undefined;
    const column = typeof loc.columnNumber === 'number' ? loc.columnNumber : undefined;
    throw fileError(
      file,
      'invalid-xml',
      'Die Datei ist kein gültiges XML.',
      `Invalid XML: ${e instanceof Error ? e.message : String(e)}`,
      { ...(line !== undefined ? { line } : {}), ...(column !== undefined ? { column } : {}) },
    );
  }
  const root = doc.documentElement;
  const rootName = root?.localName ?? root?.nodeName ?? '';
  if (!root || rootName.toLowerCase() !== 'kml') {
    throw fileError(
      file,
      'not-kml',
      `Die XML-Datei ist keine KML-Datei (Wurzelelement „${rootName}“ statt „kml“). Unterstützt werden GeoJSON, TopoJSON, KML und gezippte Shapefiles.`,
      `The XML file is not KML (root element "${rootName}").`,
    );
  }
  const placemarks = doc.getElementsByTagNameNS('*', 'Placemark').length;
  if (placemarks === 0) {
    throw fileError(
      file,
      'kml-no-placemarks',
      'Die KML-Datei enthält keine Placemarks (keine Gebiete oder Punkte).',
      'The KML file has no Placemark elements.',
    );
  }
  const collection = kml(doc);
  const features: RawFeature[] = collection.features.map((f, index) => {
    const properties: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(f.properties ?? {})) {
      if (!STYLE_PROPERTIES.has(k)) properties[k] = v;
    }
    if (!('id' in properties) && isUsefulId(f.id, index)) properties.id = f.id;
    return { index, properties, geometry: (f.geometry as Geometry | null) ?? null };
  });
  return {
    format: 'kml',
    features,
    warnings: [],
    declared: {
      where: 'in KML',
      text: 'WGS84',
      choice: { crs: 'EPSG:4326' },
      reason: 'KML-Dateien verwenden immer WGS84 (geografische Länge/Breite, EPSG:4326).',
    },
  };
}
