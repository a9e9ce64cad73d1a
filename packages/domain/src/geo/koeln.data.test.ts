/**
 * Köln (../shared/data/koeln): Stadtteile as KML (WGS84) and as the original shapefile (UTM 32 with a
 * false easting of 2 500 000 in the .prj), Stadtbezirke as GeoJSON.
 */
import { zipSync } from 'fflate';
import { beforeAll, expect, it } from 'vitest';
import { describeWithData, readShared } from '../testing/sharedData';
import { bboxOf, simplify } from './geometry';
import { readBoundaries } from './read';
import type { BoundaryDataset, PolygonGeometry, Position } from './types';
import { isCounterClockwise } from './winding';

const FOLDER = 'koeln';
const KOELN = [6.77, 50.83, 7.17, 51.09] as const;

function expectInsideKoeln(bbox: readonly number[]): void {
  expect(bbox[0]).toBeGreaterThanOrEqual(KOELN[0]);
  expect(bbox[1]).toBeGreaterThanOrEqual(KOELN[1]);
  expect(bbox[2]).toBeLessThanOrEqual(KOELN[2]);
  expect(bbox[3]).toBeLessThanOrEqual(KOELN[3]);
}

const vertexCount = (g: PolygonGeometry): number =>
  (g.type === 'Polygon' ? [g.coordinates] : g.coordinates).flat(1).reduce((s, r) => s + r.length, 0);

describeWithData(FOLDER, 'Köln Stadtteile (KML)', () => {
  let ds: BoundaryDataset;
  let placemarks: number;
  beforeAll(async () => {
    const bytes = readShared(FOLDER, 'stadtteile.kml');
    placemarks = new TextDecoder().decode(bytes).match(/<Placemark[\s>]/g)?.length ?? 0;
    ds = await readBoundaries({ name: 'stadtteile.kml', bytes });
  });

  it('one feature per Placemark (86 per SOURCE.md), STT_NR / STT_NAME from ExtendedData', () => {
    expect(placemarks).toBe(86);
    expect(ds.features).toHaveLength(placemarks);
    expect(ds.format).toBe('kml');
    expect(ds.crs).toMatchObject({ crs: 'EPSG:4326', how: 'declared' });
    expect(ds.propertyNames).toEqual(['STT_NR', 'STT_NAME', 'SHAPE_AREA', 'SHAPE_LEN']);
    expect(ds.features[0]!.properties).toMatchObject({ STT_NR: '909', STT_NAME: 'Flittard' });
    const nr = ds.features.map((f) => f.properties.STT_NR);
    expect(new Set(nr).size).toBe(86);
    for (const n of nr) expect(n).toMatch(/^[1-9]\d{2}$/);
    expect(ds.suggestedKey).toBe('STT_NR');
    expect(ds.suggestedName).toBe('STT_NAME');
  });

  it('inside Köln, outer rings counter-clockwise', () => {
    expectInsideKoeln(ds.bbox);
    for (const f of ds.features) {
      for (const p of f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates) {
        expect(isCounterClockwise(p[0]!)).toBe(true);
      }
    }
  });

  it('same polygons as the hand-converted GeoJSON (coordinates unchanged)', async () => {
    const geo = await readBoundaries({
      name: 'stadtteile_from_kml.geojson',
      bytes: readShared(FOLDER, 'stadtteile_from_kml.geojson'),
    });
    expect(geo.features).toHaveLength(86);
    for (const f of ds.features) {
      const other = geo.features.find((g) => g.properties.STT_NR === f.properties.STT_NR)!;
      const a = bboxOf(f.geometry);
      const b = bboxOf(other.geometry);
      for (let i = 0; i < 4; i++) expect(Math.abs(a[i]! - b[i]!)).toBeLessThan(1e-9);
    }
  });

  it('simplify with 0.0001° keeps the extent within 0.0002° and drops most vertices', () => {
    let before = 0;
    let after = 0;
    for (const f of ds.features) {
      const s = simplify(f.geometry, 0.0001);
      before += vertexCount(f.geometry);
      after += vertexCount(s);
      const a = bboxOf(f.geometry);
      const b = bboxOf(s);
      for (let i = 0; i < 4; i++) expect(Math.abs(a[i]! - b[i]!)).toBeLessThanOrEqual(0.0002);
    }
    expect(after).toBeLessThan(before / 2);
  });
});

describeWithData(FOLDER, 'Köln Stadtteile (original shapefile, .prj with false easting 2 500 000)', () => {
  it('declared UTM 32 with a deviating definition; matches the KML within 1 m', async () => {
    const zip = zipSync(
      Object.fromEntries(
        ['shp', 'shx', 'dbf', 'prj'].map((ext) => [
          `Stadtteil.${ext}`,
          readShared(FOLDER, `stadtteile_shape/Stadtteil.${ext}`),
        ]),
      ),
    );
    const shp = await readBoundaries({ name: 'Stadtteil.zip', bytes: zip });
    expect(shp.crs).toMatchObject({
      crs: 'EPSG:25832',
      how: 'declared',
      declaredAs: 'WGS_1984_UTM_Zone_32N',
    });
    expect(shp.crs.definition).toContain('+x_0=2500000');
    expect(shp.features).toHaveLength(86);
    expectInsideKoeln(shp.bbox);
    const kml = await readBoundaries({ name: 'stadtteile.kml', bytes: readShared(FOLDER, 'stadtteile.kml') });
    for (const f of shp.features) {
      expect(f.properties.STT_NR).toMatch(/^\d{3}$/);
      const other = kml.features.find((g) => g.properties.STT_NR === f.properties.STT_NR)!;
      const a = bboxOf(f.geometry);
      const b = bboxOf(other.geometry);
      for (let i = 0; i < 4; i++) expect(Math.abs(a[i]! - b[i]!)).toBeLessThan(0.00001);
    }
  });
});

describeWithData(FOLDER, 'Köln Stadtbezirke (GeoJSON)', () => {
  it('9 Stadtbezirke, STB_NR not zero-padded (as in the file)', async () => {
    const ds = await readBoundaries({
      name: 'stadtbezirke.geojson',
      bytes: readShared(FOLDER, 'stadtbezirke.geojson'),
    });
    expect(ds.features).toHaveLength(9);
    expect(ds.features.map((f) => f.properties.STB_NR).toSorted()).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
    ]);
    expect(ds.suggestedKey).toBe('STB_NR');
    expect(ds.suggestedName).toBe('STB_NAME');
    expectInsideKoeln(ds.bbox);
    const centre: Position = [(ds.bbox[0] + ds.bbox[2]) / 2, (ds.bbox[1] + ds.bbox[3]) / 2];
    expect(centre[0]).toBeCloseTo(6.96, 1);
  });
});
