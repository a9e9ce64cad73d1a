import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ImportFileError } from '../statistics/types';
import { fromWgs84 } from './crs';
import { readBoundaries, readPoints } from './read';
import { isCounterClockwise } from './winding';
import type { Position } from './types';

// ---------------------------------------------------------------------------------------------------
// Helpers

const file = (name: string, content: string | Uint8Array) => ({
  name,
  bytes: typeof content === 'string' ? strToU8(content) : content,
});
const json = (name: string, value: unknown) => file(name, JSON.stringify(value));

async function refused(p: Promise<unknown>): Promise<ImportFileError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ImportFileError) return e;
    throw e;
  }
  throw new Error('expected an ImportFileError');
}

/** Closed square ring, counter-clockwise unless `cw`. */
function square(x: number, y: number, size: number, cw = false): Position[] {
  const ring: Position[] = [
    [x, y],
    [x + size, y],
    [x + size, y + size],
    [x, y + size],
    [x, y],
  ];
  return cw ? ring.toReversed() : ring;
}

/** Minimal shapefile writer (polygons type 5 or points type 1) for the tests. */
function shp(records: Array<Position[][] | Position>, kind: 'polygon' | 'point'): Uint8Array {
  const contents = records.map((r) => {
    if (kind === 'point') {
      const p = r as Position;
      const b = new DataView(new ArrayBuffer(20));
      b.setInt32(0, 1, true);
      b.setFloat64(4, p[0], true);
      b.setFloat64(12, p[1], true);
      return new Uint8Array(b.buffer);
    }
    const rings = r as Position[][];
    const points = rings.flat();
    const b = new DataView(new ArrayBuffer(44 + 4 * rings.length + 16 * points.length));
    b.setInt32(0, 5, true);
    const xs = points.map((p) => p[0]);
    const ys = points.map((p) => p[1]);
    [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)].forEach((v, i) =>
      b.setFloat64(4 + 8 * i, v, true),
    );
    b.setInt32(36, rings.length, true);
    b.setInt32(40, points.length, true);
    let start = 0;
    rings.forEach((ring, i) => {
      b.setInt32(44 + 4 * i, start, true);
      start += ring.length;
    });
    points.forEach((p, i) => {
      b.setFloat64(44 + 4 * rings.length + 16 * i, p[0], true);
      b.setFloat64(44 + 4 * rings.length + 16 * i + 8, p[1], true);
    });
    return new Uint8Array(b.buffer);
  });
  const length = 100 + contents.reduce((s, c) => s + 8 + c.length, 0);
  const out = new Uint8Array(length);
  const v = new DataView(out.buffer);
  v.setInt32(0, 9994, false);
  v.setInt32(24, length / 2, false);
  v.setInt32(28, 1000, true);
  v.setInt32(32, kind === 'point' ? 1 : 5, true);
  let offset = 100;
  contents.forEach((c, i) => {
    v.setInt32(offset, i + 1, false);
    v.setInt32(offset + 4, c.length / 2, false);
    out.set(c, offset + 8);
    offset += 8 + c.length;
  });
  return out;
}

/** Minimal dBASE III writer: fields [name, type C|N, length]. */
function dbf(
  fields: Array<[string, 'C' | 'N', number]>,
  rows: Array<Array<string | number>>,
  encode: (s: string) => Uint8Array,
): Uint8Array {
  const headerLength = 32 + 32 * fields.length + 1;
  const recordLength = 1 + fields.reduce((s, f) => s + f[2], 0);
  const out = new Uint8Array(headerLength + recordLength * rows.length + 1);
  const v = new DataView(out.buffer);
  out[0] = 3;
  v.setUint32(4, rows.length, true);
  v.setUint16(8, headerLength, true);
  v.setUint16(10, recordLength, true);
  fields.forEach(([name, type, len], i) => {
    out.set(strToU8(name), 32 + 32 * i);
    out[32 + 32 * i + 11] = type.charCodeAt(0);
    out[32 + 32 * i + 16] = len;
  });
  out[headerLength - 1] = 0x0d;
  rows.forEach((row, r) => {
    let o = headerLength + r * recordLength;
    out[o++] = 0x20;
    fields.forEach(([, type, len], i) => {
      const cell = new Uint8Array(len).fill(0x20);
      const bytes = encode(String(row[i]));
      cell.set(bytes.subarray(0, len), type === 'N' ? Math.max(0, len - bytes.length) : 0);
      out.set(cell, o);
      o += len;
    });
  });
  out[out.length - 1] = 0x1a;
  return out;
}

const latin1 = (s: string) => Uint8Array.from([...s].map((c) => c.charCodeAt(0)));
const utf8 = (s: string) => new TextEncoder().encode(s);

const PRJ_UTM32 =
  'PROJCS["ETRS_1989_UTM_Zone_32N",GEOGCS["GCS_ETRS_1989",DATUM["D_ETRS_1989",SPHEROID["GRS_1980",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",9.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';

/** A clockwise (shapefile convention) square around a lon/lat point, in UTM 32 metres. */
function utmSquare(lon: number, lat: number, half: number): Position[] {
  const [e, n] = fromWgs84('EPSG:25832', [lon, lat]);
  return square(e - half, n - half, 2 * half, true);
}

const FIELDS: Array<[string, 'C' | 'N', number]> = [
  ['AGS', 'C', 8],
  ['GEN', 'C', 30],
  ['EWZ', 'N', 10],
];

// ---------------------------------------------------------------------------------------------------

const utm33 = (lon: number, lat: number) => {
  const [e, n] = fromWgs84('EPSG:25833', [lon, lat]);
  return square(e, n, 500);
};

const kml = (placemarks: string) =>
  `<?xml version="1.0" encoding="utf-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document>
<Schema name="S" id="S"><SimpleField name="STT_NR" type="string"/><SimpleField name="FLAECHE" type="float"/></Schema>
${placemarks}
</Document></kml>`;

const placemark = (nr: string, coords: Position[]) =>
  `<Placemark><Style><PolyStyle><fill>0</fill></PolyStyle></Style>
<ExtendedData><SchemaData schemaUrl="#S"><SimpleData name="STT_NR">${nr}</SimpleData><SimpleData name="FLAECHE">12.5</SimpleData><SimpleData name="STT_NAME">Köln-${nr}</SimpleData></SchemaData></ExtendedData>
<Polygon><outerBoundaryIs><LinearRing><coordinates>${coords.map((p) => `${p[0]},${p[1]},0`).join(' ')}</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>`;

const featureCollectionWithIds = (ids: unknown[]) => ({
  type: 'FeatureCollection',
  features: ids.map((id, i) => ({
    type: 'Feature',
    id,
    properties: { n: i },
    geometry: { type: 'Polygon', coordinates: [square(10 + i, 50, 0.1)] },
  })),
});

describe('format detection and errors', () => {
  it('empty file', async () => {
    expect((await refused(readBoundaries(file('a.geojson', '')))).code).toBe('empty-file');
  });

  it('unknown content', async () => {
    const e = await refused(readBoundaries(file('a.txt', 'Name;Wert\nA;1\n')));
    expect(e.code).toBe('unknown-format');
    expect(e.message).toContain('GeoJSON, TopoJSON, KML');
  });

  it('bad JSON names line and column of the syntax error', async () => {
    const text = '{\n  "type": "FeatureCollection",\n  "features": [\n    {"type": "Feature",}\n  ]\n}';
    const e = await refused(readBoundaries(file('kaputt.geojson', text)));
    expect(e).toMatchObject({ code: 'invalid-json', file: 'kaputt.geojson', line: 4, column: 24 });
    expect(e.message).toMatch(/^kaputt\.geojson, Zeile 4, Spalte 24: Die Datei ist kein gültiges JSON/);
    expect(e.message).toContain('Eigenschaftsname');
  });

  it('bad JSON without a position in the engine message (misspelt literal)', async () => {
    const e = await refused(readBoundaries(file('a.json', '{"type":\n  tru}')));
    expect(e).toMatchObject({ line: 2, column: 3 });
  });

  it('truncated JSON points at the end', async () => {
    const e = await refused(readBoundaries(file('a.json', '{"type": "FeatureCollection",\n"features": [')));
    expect(e).toMatchObject({ code: 'invalid-json', line: 2, column: 14 });
    expect(e.message).toContain('zu früh');
  });

  it('JSON that is not GeoJSON', async () => {
    expect((await refused(readBoundaries(json('a.json', { foo: 1 })))).code).toBe('geojson-type');
    expect((await refused(readBoundaries(json('a.json', { type: 'Foo' })))).code).toBe('geojson-type');
  });

  it('GeoJSON without polygons is refused and says what it found', async () => {
    const points = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [13.4, 52.5] } },
        {
          type: 'Feature',
          properties: {},
          geometry: {
            type: 'LineString',
            coordinates: [
              [13.4, 52.5],
              [13.5, 52.5],
            ],
          },
        },
      ],
    };
    const e = await refused(readBoundaries(json('kitas.geojson', points)));
    expect(e.code).toBe('no-polygons');
    expect(e.message).toContain('keine Flächen');
    expect(e.message).toContain('1 × Punkte (Point)');
    expect(e.message).toContain('1 × Linien (LineString)');
    expect(
      (await refused(readBoundaries(json('a.geojson', { type: 'FeatureCollection', features: [] })))).code,
    ).toBe('no-features');
  });

  it('a zip without .shp', async () => {
    const zip = zipSync({ 'daten/liesmich.txt': strToU8('x'), 'daten/tabelle.csv': strToU8('a;b') });
    const e = await refused(readBoundaries(file('grenzen.zip', zip)));
    expect(e.code).toBe('zip-no-shp');
    expect(e.message).toContain('keine Shapefile-Datei (.shp)');
    expect(e.message).toContain('daten/tabelle.csv');
  });

  it('a corrupt zip', async () => {
    const bytes = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect((await refused(readBoundaries(file('a.zip', bytes)))).code).toBe('invalid-zip');
  });

  it('a bare .shp without its companions', async () => {
    const e = await refused(readBoundaries(file('a.shp', shp([[square(0, 0, 1)]], 'polygon'))));
    expect(e.code).toBe('bare-shp');
    expect(e.message).toContain('ZIP');
  });
});

describe('GeoJSON', () => {
  it('rewinds (clockwise outer ring → counter-clockwise, holes clockwise) and keeps properties', async () => {
    const ds = await readBoundaries(
      json('a.geojson', {
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            id: 'f1',
            properties: { ARS: '01001', GEN: 'Flensburg', EWZ: 90164, aktiv: true, bbox: [1, 2], leer: null },
            geometry: {
              type: 'Polygon',
              coordinates: [square(9.4, 54.75, 0.1, true), square(9.42, 54.77, 0.02)],
            },
          },
        ],
      }),
    );
    const f = ds.features[0]!;
    expect(f.geometry.type).toBe('Polygon');
    const rings = f.geometry.coordinates as Position[][];
    expect(isCounterClockwise(rings[0]!)).toBe(true);
    expect(isCounterClockwise(rings[1]!)).toBe(false);
    expect(f.properties).toEqual({
      ARS: '01001',
      GEN: 'Flensburg',
      EWZ: 90164,
      aktiv: true,
      bbox: '[1,2]',
      leer: null,
      id: 'f1',
    });
    expect(ds.propertyNames).toEqual(['ARS', 'GEN', 'EWZ', 'aktiv', 'bbox', 'leer', 'id']);
    expect(ds.suggestedKey).toBe('ARS');
    expect(ds.suggestedName).toBe('GEN');
    expect(ds.format).toBe('geojson');
    expect(ds.bbox).toEqual([9.4, 54.75, 9.5, 54.85].map((v, i) => (i % 2 ? v : v)) as typeof ds.bbox);
  });

  it('flattens GeometryCollections of polygons, skips points/lines and null geometries with warnings', async () => {
    const ds = await readBoundaries(
      json('a.geojson', {
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { id: 'a' },
            geometry: {
              type: 'GeometryCollection',
              geometries: [
                { type: 'Polygon', coordinates: [square(10, 50, 0.1)] },
                { type: 'Point', coordinates: [10, 50] },
                { type: 'MultiPolygon', coordinates: [[square(10.2, 50, 0.1)]] },
              ],
            },
          },
          { type: 'Feature', properties: { id: 'b' }, geometry: { type: 'Point', coordinates: [10, 50] } },
          { type: 'Feature', properties: { id: 'c' }, geometry: null },
          {
            type: 'Feature',
            properties: { id: 'd' },
            geometry: {
              type: 'Polygon',
              coordinates: [
                [
                  [10, 50],
                  [10, 'x'],
                ],
              ],
            },
          },
        ],
      }),
    );
    expect(ds.features).toHaveLength(1);
    expect(ds.features[0]!.geometry.type).toBe('MultiPolygon');
    expect(ds.features[0]!.geometry.coordinates).toHaveLength(2);
    expect(ds.warnings.join('\n')).toContain('Punkte (Point) statt Flächen wurden übersprungen (Nr. 1, 2)');
    expect(ds.warnings.join('\n')).toContain('1 Feature(s) ohne Geometrie wurden übersprungen (Nr. 3)');
    expect(ds.warnings.join('\n')).toContain('ungültigen Koordinaten wurden übersprungen (Nr. 4)');
  });

  it('closes open rings and drops degenerate rings', async () => {
    const ds = await readBoundaries(
      json('a.geojson', {
        type: 'Polygon',
        coordinates: [
          [
            [10, 50],
            [10.1, 50],
            [10.1, 50.1],
            [10, 50.1],
          ],
          [
            [10.05, 50.05],
            [10.06, 50.05],
            [10.05, 50.05],
          ],
        ],
      }),
    );
    const rings = ds.features[0]!.geometry.coordinates as Position[][];
    expect(rings).toHaveLength(1);
    expect(rings[0]![0]).toEqual(rings[0]![4]);
    expect(ds.warnings.join()).toContain('Ring(e)');
  });

  it('declared crs member (EPSG:25833) is reprojected', async () => {
    const [e, n] = fromWgs84('EPSG:25833', [13.4094, 52.5208]);
    const ds = await readBoundaries(
      json('a.geojson', {
        type: 'FeatureCollection',
        crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::25833' } },
        features: [
          {
            type: 'Feature',
            properties: {},
            geometry: { type: 'Polygon', coordinates: [square(e, n, 100)] },
          },
        ],
      }),
    );
    expect(ds.crs).toMatchObject({ crs: 'EPSG:25833', how: 'declared' });
    const ring = (ds.features[0]!.geometry.coordinates as Position[][])[0]!;
    expect(ring.some((p) => Math.abs(p[0] - 13.4094) < 1e-8 && Math.abs(p[1] - 52.5208) < 1e-8)).toBe(true);
  });

  it('metres without crs: expectedBbox decides UTM 33, options.crs forces', async () => {
    const fc = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { ESB: '0101' },
          geometry: { type: 'Polygon', coordinates: [utm33(13.2, 52.4)] },
        },
        {
          type: 'Feature',
          properties: { ESB: '0102' },
          geometry: { type: 'Polygon', coordinates: [utm33(13.6, 52.6)] },
        },
      ],
    };
    const berlin: [number, number, number, number] = [13.08, 52.33, 13.77, 52.68];
    const guessed = await readBoundaries(json('esb.geojson', fc), { expectedBbox: berlin });
    expect(guessed.crs).toMatchObject({ crs: 'EPSG:25833', how: 'guessed', alternatives: ['EPSG:25832'] });
    const ring = (guessed.features[0]!.geometry.coordinates as Position[][])[0]!;
    expect(ring.some((p) => Math.abs(p[0] - 13.2) < 1e-8 && Math.abs(p[1] - 52.4) < 1e-8)).toBe(true);
    const given = await readBoundaries(json('esb.geojson', fc), { crs: 'EPSG:25832' });
    expect(given.crs.how).toBe('given');
    expect(given.bbox[0]).toBeLessThan(8);
  });

  it('feature ids become the property id, except running numbers 0, 1, 2, …', async () => {
    expect(
      (await readBoundaries(json('a.geojson', featureCollectionWithIds([0, 1, 2])))).propertyNames,
    ).toEqual(['n']);
    const kept = await readBoundaries(json('a.geojson', featureCollectionWithIds(['05111', '05112', 7])));
    expect(kept.features.map((f) => f.properties.id)).toEqual(['05111', '05112', 7]);
  });

  it('Windows-1252 JSON is read with a warning; a zipped GeoJSON works', async () => {
    const text = JSON.stringify({
      type: 'Feature',
      properties: { GEN: 'Müllheim' },
      geometry: { type: 'Polygon', coordinates: [square(7.6, 47.8, 0.1)] },
    });
    const legacy = await readBoundaries(file('a.geojson', latin1(text)));
    expect(legacy.features[0]!.properties.GEN).toBe('Müllheim');
    expect(legacy.warnings.join()).toContain('Windows-1252');
    const zipped = await readBoundaries(
      file('a.zip', zipSync({ 'x/readme.txt': strToU8('x'), 'x/a.geojson': utf8(text) })),
    );
    expect(zipped.features[0]!.properties.GEN).toBe('Müllheim');
    expect(zipped.warnings).toEqual([]);
  });

  it('a UTF-8 BOM is fine', async () => {
    const text = '\uFEFF' + JSON.stringify({ type: 'Polygon', coordinates: [square(10, 50, 0.1)] });
    const ds = await readBoundaries(file('a.geojson', new TextEncoder().encode(text)));
    expect(ds.features).toHaveLength(1);
  });
});

describe('TopoJSON', () => {
  // Two squares sharing an edge, quantized; a second object with one of them.
  const topology = {
    type: 'Topology',
    transform: { scale: [0.001, 0.001], translate: [6, 51] },
    arcs: [
      [
        [0, 0],
        [0, 100],
      ], // shared edge x=0
      [
        [0, 100],
        [-100, 0],
        [0, -100],
        [100, 0],
      ], // left square rest (delta encoded)
      [
        [0, 0],
        [100, 0],
        [0, 100],
        [-100, 0],
      ], // right square rest
    ],
    objects: {
      kreise: {
        type: 'GeometryCollection',
        geometries: [
          { type: 'Polygon', arcs: [[0, 1]], properties: { RS: '05111', GEN: 'Links' } },
          { type: 'Polygon', arcs: [[2, ~0]], properties: { RS: '05112', GEN: 'Rechts' } },
          { type: null, properties: { RS: '05113', GEN: 'Ohne' } },
        ],
      },
      auswahl: {
        type: 'GeometryCollection',
        geometries: [{ type: 'Polygon', arcs: [[0, 1]], properties: { RS: '05111' } }],
      },
    },
  };

  it('reads the first object by default, lists all layers, winding RFC 7946', async () => {
    const ds = await readBoundaries(json('nrw.topo.json', topology));
    expect(ds.format).toBe('topojson');
    expect(ds.layer).toBe('kreise');
    expect(ds.layers).toEqual(['kreise', 'auswahl']);
    expect(ds.features.map((f) => f.properties.RS)).toEqual(['05111', '05112']);
    expect(ds.warnings.join()).toContain('ohne Geometrie');
    for (const f of ds.features)
      expect(isCounterClockwise((f.geometry.coordinates as Position[][])[0]!)).toBe(true);
    expect(ds.bbox).toEqual(
      [5.9, 51, 6.1, 51.1].map((v) => expect.closeTo(v, 9)) as unknown as typeof ds.bbox,
    );
  });

  it('reads a chosen layer and refuses an unknown one', async () => {
    const ds = await readBoundaries(json('nrw.topo.json', topology), { layer: 'auswahl' });
    expect(ds.features).toHaveLength(1);
    const e = await refused(readBoundaries(json('nrw.topo.json', topology), { layer: 'gemeinden' }));
    expect(e).toMatchObject({ code: 'topojson-layer', field: 'gemeinden' });
    expect(e.message).toContain('„kreise“, „auswahl“');
  });
});

describe('KML', () => {
  it('ExtendedData becomes properties (types from the Schema), WGS84, winding fixed', async () => {
    const ds = await readBoundaries(
      file(
        'koeln.kml',
        kml(placemark('101', square(6.95, 50.93, 0.01, true)) + placemark('102', square(6.97, 50.93, 0.01))),
      ),
    );
    expect(ds.format).toBe('kml');
    expect(ds.crs).toMatchObject({ crs: 'EPSG:4326', how: 'declared' });
    expect(ds.crs.reason).toContain('KML');
    expect(ds.features.map((f) => f.properties)).toEqual([
      { STT_NR: '101', FLAECHE: 12.5, STT_NAME: 'Köln-101' },
      { STT_NR: '102', FLAECHE: 12.5, STT_NAME: 'Köln-102' },
    ]);
    expect(ds.suggestedKey).toBe('STT_NR');
    expect(ds.suggestedName).toBe('STT_NAME');
    expect(isCounterClockwise((ds.features[0]!.geometry.coordinates as Position[][])[0]!)).toBe(true);
  });

  it('KMZ (zipped KML) works', async () => {
    const zip = zipSync({ 'doc.kml': strToU8(kml(placemark('101', square(6.95, 50.93, 0.01)))) });
    const ds = await readBoundaries(file('koeln.kmz', zip));
    expect(ds.format).toBe('kml');
    expect(ds.features).toHaveLength(1);
  });

  it('KML without placemarks, XML that is not KML, broken XML', async () => {
    expect((await refused(readBoundaries(file('a.kml', kml(''))))).code).toBe('kml-no-placemarks');
    const notKml = await refused(
      readBoundaries(file('a.xml', '<?xml version="1.0"?><gml:FeatureCollection xmlns:gml="x"/>')),
    );
    expect(notKml.code).toBe('not-kml');
    const broken = await refused(
      readBoundaries(file('a.kml', '<kml>\n<Document>\n<Placemark></Document></kml>')),
    );
    expect(broken.code).toBe('invalid-xml');
    expect(broken.line).toBe(3);
  });

  it('ISO-8859-1 declared in the XML header is honoured', async () => {
    const text = kml(placemark('101', square(6.95, 50.93, 0.01))).replace(
      'encoding="utf-8"',
      'encoding="ISO-8859-1"',
    );
    const ds = await readBoundaries(file('a.kml', latin1(text)));
    expect(ds.features[0]!.properties.STT_NAME).toBe('Köln-101');
  });
});

describe('zipped shapefile', () => {
  const polygons = [[utmSquare(9.44, 54.78, 1000)], [utmSquare(10.13, 54.32, 1000)]];
  const rows = [
    ['01001000', 'Flensburg', 90164],
    ['01002000', 'Kiel', 246601],
  ];

  it('reads .shp/.dbf/.prj/.cpg: declared CRS, leading zeros of character fields, numbers, UTF-8, winding', async () => {
    const zip = zipSync({
      'gem/gemeinden.shp': shp(polygons, 'polygon'),
      'gem/gemeinden.dbf': dbf(
        FIELDS,
        [
          ['01001000', 'Flensburg', 90164],
          ['01003000', 'Lübeck', 216277],
        ],
        utf8,
      ),
      'gem/gemeinden.prj': strToU8(PRJ_UTM32),
      'gem/gemeinden.cpg': strToU8('UTF-8'),
    });
    const ds = await readBoundaries(file('gemeinden.zip', zip));
    expect(ds.format).toBe('shapefile-zip');
    expect(ds.layer).toBe('gem/gemeinden.shp');
    expect(ds.crs).toMatchObject({
      crs: 'EPSG:25832',
      how: 'declared',
      declaredAs: 'ETRS_1989_UTM_Zone_32N',
    });
    expect(ds.features.map((f) => f.properties)).toEqual([
      { AGS: '01001000', GEN: 'Flensburg', EWZ: 90164 },
      { AGS: '01003000', GEN: 'Lübeck', EWZ: 216277 },
    ]);
    expect(ds.suggestedKey).toBe('AGS');
    expect(ds.suggestedName).toBe('GEN');
    const ring = (ds.features[0]!.geometry.coordinates as Position[][])[0]!;
    expect(isCounterClockwise(ring)).toBe(true);
    const xs = ring.map((p) => p[0]);
    const ys = ring.map((p) => p[1]);
    expect((Math.min(...xs) + Math.max(...xs)) / 2).toBeCloseTo(9.44, 3);
    expect((Math.min(...ys) + Math.max(...ys)) / 2).toBeCloseTo(54.78, 3);
    expect(ds.warnings).toEqual([]);
  });

  it('without .cpg: ISO-8859-1 by default, UTF-8 when the bytes are valid UTF-8', async () => {
    const base = { 'a.shp': shp(polygons, 'polygon'), 'a.prj': strToU8(PRJ_UTM32) };
    const latin = await readBoundaries(
      file(
        'a.zip',
        zipSync({
          ...base,
          'a.dbf': dbf(
            FIELDS,
            [
              ['08315074', 'Müllheim', 1],
              ['08315075', 'Süß', 2],
            ],
            latin1,
          ),
        }),
      ),
    );
    expect(latin.features.map((f) => f.properties.GEN)).toEqual(['Müllheim', 'Süß']);
    expect(latin.warnings.join()).toContain('ISO-8859-1');
    const unicode = await readBoundaries(
      file(
        'a.zip',
        zipSync({
          ...base,
          'a.dbf': dbf(
            FIELDS,
            [
              ['08315074', 'Müllheim', 1],
              ['08315075', 'Süß', 2],
            ],
            utf8,
          ),
        }),
      ),
    );
    expect(unicode.features.map((f) => f.properties.GEN)).toEqual(['Müllheim', 'Süß']);
    expect(unicode.warnings.join()).toContain('UTF-8');
  });

  it('.cpg 1252 and an unknown .cpg', async () => {
    const base = { 'a.shp': shp(polygons, 'polygon'), 'a.prj': strToU8(PRJ_UTM32) };
    const d = dbf(
      FIELDS,
      rows.map((r, i) => (i === 0 ? ['01001000', 'Flensburg – Förde', 1] : r)),
      latin1,
    );
    const ds = await readBoundaries(
      file('a.zip', zipSync({ ...base, 'a.dbf': d, 'a.cpg': strToU8('1252') })),
    );
    expect(ds.warnings).toEqual([]);
    const unknown = await readBoundaries(
      file('a.zip', zipSync({ ...base, 'a.dbf': d, 'a.cpg': strToU8('KLINGONISCH') })),
    );
    expect(unknown.warnings.join()).toContain('Unbekannter Zeichensatz');
  });

  it('without .prj the CRS is guessed: zone 33 would leave Germany for Flensburg/Kiel', async () => {
    const ds = await readBoundaries(
      file('a.zip', zipSync({ 'a.shp': shp(polygons, 'polygon'), 'a.dbf': dbf(FIELDS, rows, latin1) })),
    );
    expect(ds.crs).toMatchObject({ crs: 'EPSG:25832', how: 'guessed' });
    expect(ds.crs.reason).toContain('vollständig in Deutschland');
  });

  it('without .prj, UTM zone ambiguous (Köln/Düsseldorf): the AGS of NRW decide for zone 32', async () => {
    const nrw = [[utmSquare(6.96, 50.94, 1000)], [utmSquare(6.78, 51.23, 1000)]];
    const shpBytes = shp(nrw, 'polygon');
    const withKeys = await readBoundaries(
      file(
        'a.zip',
        zipSync({
          'a.shp': shpBytes,
          'a.dbf': dbf(
            FIELDS,
            [
              ['05315000', 'Köln', 1],
              ['05111000', 'Düsseldorf', 2],
            ],
            latin1,
          ),
        }),
      ),
    );
    expect(withKeys.crs).toMatchObject({ crs: 'EPSG:25832', how: 'guessed', alternatives: ['EPSG:25833'] });
    expect(withKeys.crs.reason).toContain('Gebietsschlüssel');
    // The same coordinates with Saxon keys are read as zone 33.
    const saxon = await readBoundaries(
      file(
        'a.zip',
        zipSync({
          'a.shp': shpBytes,
          'a.dbf': dbf(
            FIELDS,
            [
              ['14511000', 'Chemnitz', 1],
              ['14522000', 'x', 2],
            ],
            latin1,
          ),
        }),
      ),
    );
    expect(saxon.crs.crs).toBe('EPSG:25833');
  });

  it('several shapefiles: layers listed, options.layer chooses', async () => {
    const zip = zipSync({
      'kreise.shp': shp([polygons[0]!], 'polygon'),
      'kreise.dbf': dbf(FIELDS, [rows[0]!], latin1),
      'kreise.prj': strToU8(PRJ_UTM32),
      'gemeinden.shp': shp(polygons, 'polygon'),
      'gemeinden.dbf': dbf(FIELDS, rows, latin1),
      'gemeinden.prj': strToU8(PRJ_UTM32),
    });
    const first = await readBoundaries(file('a.zip', zip));
    expect(first.layers?.toSorted()).toEqual(['gemeinden.shp', 'kreise.shp']);
    const chosen = await readBoundaries(file('a.zip', zip), { layer: 'gemeinden' });
    expect(chosen.features).toHaveLength(2);
    expect((await refused(readBoundaries(file('a.zip', zip), { layer: 'laender' }))).code).toBe(
      'shapefile-layer',
    );
  });

  it('a point shapefile is refused by readBoundaries and read by readPoints', async () => {
    const [e, n] = fromWgs84('EPSG:25832', [6.9583, 50.9413]);
    const zip = zipSync({
      'schulen.shp': shp([[e, n]], 'point'),
      'schulen.dbf': dbf(
        [
          ['SCHULNR', 'C', 6],
          ['NAME', 'C', 20],
        ],
        [['012345', 'Domschule']],
        utf8,
      ),
      'schulen.prj': strToU8(PRJ_UTM32),
      'schulen.cpg': strToU8('UTF-8'),
    });
    expect((await refused(readBoundaries(file('schulen.zip', zip)))).code).toBe('no-polygons');
    const pts = await readPoints(file('schulen.zip', zip));
    expect(pts.features).toHaveLength(1);
    expect(pts.features[0]!.properties).toEqual({ SCHULNR: '012345', NAME: 'Domschule' });
    expect(pts.features[0]!.geometry.coordinates[0]).toBeCloseTo(6.9583, 6);
    expect(pts.features[0]!.geometry.coordinates[1]).toBeCloseTo(50.9413, 6);
  });
});

describe('readPoints', () => {
  it('reprojects declared UTM 33 points, keeps properties, uses the first of several points', async () => {
    const p1 = fromWgs84('EPSG:25833', [13.4094, 52.5208]);
    const p2 = fromWgs84('EPSG:25833', [13.3777, 52.5163]);
    const ds = await readPoints(
      json('kitas.geojson', {
        type: 'FeatureCollection',
        crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::25833' } },
        features: [
          {
            type: 'Feature',
            properties: { e_nr: '01010010', e_name: 'Kita A' },
            geometry: { type: 'Point', coordinates: p1 },
          },
          {
            type: 'Feature',
            properties: { e_nr: '01010020', e_name: 'Kita B' },
            geometry: { type: 'MultiPoint', coordinates: [p2, p1] },
          },
          {
            type: 'Feature',
            properties: { e_nr: '01010030' },
            geometry: { type: 'Polygon', coordinates: [square(p1[0], p1[1], 10)] },
          },
        ],
      }),
    );
    expect(ds.crs).toMatchObject({ crs: 'EPSG:25833', how: 'declared' });
    expect(ds.features.map((f) => f.properties.e_nr)).toEqual(['01010010', '01010020']);
    expect(ds.features[1]!.geometry.coordinates[0]).toBeCloseTo(13.3777, 6);
    expect(ds.suggestedKey).toBe('e_nr');
    expect(ds.suggestedName).toBe('e_name');
    expect(ds.warnings.join('\n')).toContain('mehreren Punkten');
    expect(ds.warnings.join('\n')).toContain('Flächen (Polygon) statt Punkte');
  });

  it('a file without points is refused', async () => {
    const e = await refused(
      readPoints(json('a.geojson', { type: 'Polygon', coordinates: [square(10, 50, 1)] })),
    );
    expect(e.code).toBe('no-points');
  });
});
