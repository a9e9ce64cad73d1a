/**
 * BKG VG5000 2021 (../shared/data/geoGermany-vg5000-2021): Kreise and Länder as GeoJSON (CRS84),
 * Gemeinden as shapefile in Gauß-Krüger zone 3, zipped here in memory.
 */
import { zipSync } from 'fflate';
import { beforeAll, expect, it } from 'vitest';
import { describeWithData, readShared } from '../testing/sharedData';
import { centroidOf } from './geometry';
import { mergeByKey } from './merge';
import { readBoundaries } from './read';
import type { BoundaryDataset, PolygonGeometry, Position } from './types';
import { isCounterClockwise } from './winding';

const FOLDER = 'geoGermany-vg5000-2021';
/** Germany, rounded outward (SOURCE/brief: about 5.8–15.1 E, 47.2–55.1 N). */
const GERMANY = [5.8, 47.2, 15.1, 55.1] as const;

const parts = (g: PolygonGeometry): Position[][][] =>
  g.type === 'Polygon' ? [g.coordinates] : g.coordinates;

function expectInside(ds: BoundaryDataset, box: readonly number[]): void {
  expect(ds.bbox[0]).toBeGreaterThanOrEqual(box[0]!);
  expect(ds.bbox[1]).toBeGreaterThanOrEqual(box[1]!);
  expect(ds.bbox[2]).toBeLessThanOrEqual(box[2]!);
  expect(ds.bbox[3]).toBeLessThanOrEqual(box[3]!);
}

function expectRfc7946(ds: BoundaryDataset): void {
  let outer = 0;
  for (const f of ds.features) {
    for (const polygon of parts(f.geometry)) {
      polygon.forEach((ring, i) => {
        if (isCounterClockwise(ring) !== (i === 0)) {
          throw new Error(`Feature ${f.index}: ring ${i} has the wrong orientation`);
        }
      });
      outer++;
    }
  }
  expect(outer).toBeGreaterThanOrEqual(ds.features.length);
}

/** Distance in metres (equirectangular, fine for a few metres). */
function metres(a: Position, b: Position): number {
  const k = Math.cos((a[1] * Math.PI) / 180);
  return Math.hypot((a[0] - b[0]) * 111_320 * k, (a[1] - b[1]) * 110_574);
}

describeWithData(FOLDER, 'VG5000 Kreise (GeoJSON, CRS84)', () => {
  let ds: BoundaryDataset;
  beforeAll(async () => {
    ds = await readBoundaries({
      name: 'Ebene_Kreise.geojson',
      bytes: readShared(FOLDER, 'Ebene_Kreise.geojson'),
    });
  });

  it('401 features, 401 distinct five-digit ARS (leading zeros kept)', () => {
    expect(ds.features).toHaveLength(401);
    const ars = ds.features.map((f) => f.properties.ARS);
    expect(new Set(ars).size).toBe(401);
    for (const a of ars) expect(a).toMatch(/^\d{5}$/);
    expect(ds.features[0]!.properties).toMatchObject({ ARS: '01001', GEN: 'Flensburg' });
    expect(ds.suggestedKey).toBe('ARS');
    expect(ds.suggestedName).toBe('GEN');
  });

  it('CRS84 declared; geometry types and Kreis types as in SOURCE.md', () => {
    expect(ds.crs).toMatchObject({
      crs: 'EPSG:4326',
      how: 'declared',
      declaredAs: 'urn:ogc:def:crs:OGC:1.3:CRS84',
    });
    const types = ds.features.map((f) => f.geometry.type);
    expect(types.filter((t) => t === 'MultiPolygon')).toHaveLength(33);
    const bez = new Map<string, number>();
    for (const f of ds.features)
      bez.set(String(f.properties.BEZ), (bez.get(String(f.properties.BEZ)) ?? 0) + 1);
    expect(Object.fromEntries(bez)).toEqual({
      Landkreis: 252,
      'Kreisfreie Stadt': 98,
      Kreis: 42,
      Stadtkreis: 9,
    });
    expect(ds.warnings).toEqual([]);
  });

  it('inside Germany, outer rings counter-clockwise and holes clockwise', () => {
    expectInside(ds, GERMANY);
    expectRfc7946(ds);
  });
});

describeWithData(FOLDER, 'VG5000 Länder (GeoJSON): land and water parts merged by ARS', () => {
  it('25 features become 16 Länder; coastal Länder have several parts', async () => {
    const ds = await readBoundaries({
      name: 'Ebene_Laender.geojson',
      bytes: readShared(FOLDER, 'Ebene_Laender.geojson'),
    });
    expect(ds.features).toHaveLength(25);
    const merged = mergeByKey(ds.features, 'ARS');
    expect(merged).toHaveLength(16);
    expect(merged.map((m) => m.key).toSorted()).toEqual(
      Array.from({ length: 16 }, (_, i) => String(i + 1).padStart(2, '0')),
    );
    const multi = merged.filter((m) => m.featureIndexes.length > 1).map((m) => m.key);
    expect(multi.toSorted()).toEqual(['01', '02', '03', '04', '08', '09', '13']);
    const sh = merged.find((m) => m.key === '01')!;
    expect(sh.name).toBe('Schleswig-Holstein');
    expect(sh.geometry.type).toBe('MultiPolygon');
    expectInside(ds, GERMANY);
    expectRfc7946(ds);
  });
});

describeWithData(FOLDER, 'VG5000 Gemeinden (zipped shapefile, DHDN / Gauß-Krüger zone 3)', () => {
  let gem: BoundaryDataset;
  beforeAll(async () => {
    const base = 'vg5000_shape/VG5000_GEM';
    const zip = zipSync(
      Object.fromEntries(
        ['shp', 'shx', 'dbf', 'prj', 'cpg'].map((ext) => [
          `VG5000_GEM.${ext}`,
          readShared(FOLDER, `${base}.${ext}`),
        ]),
      ),
      { level: 1 },
    );
    gem = await readBoundaries({ name: 'VG5000_GEM.zip', bytes: zip });
  });

  it('CRS declared by the .prj → EPSG:31467', () => {
    expect(gem.format).toBe('shapefile-zip');
    expect(gem.layer).toBe('VG5000_GEM.shp');
    expect(gem.crs).toMatchObject({
      crs: 'EPSG:31467',
      how: 'declared',
      declaredAs: 'DHDN_3_Degree_Gauss_Zone_3',
    });
    expect(gem.crs.reason).toContain('.prj');
  });

  it('10,997 features; AGS (DBF character field) keep their leading zeros; UTF-8 names', () => {
    expect(gem.features).toHaveLength(10_997);
    for (const f of gem.features) expect(f.properties.AGS).toMatch(/^\d{8}$/);
    const flensburg = gem.features.filter((f) => f.properties.AGS === '01001000');
    expect(flensburg).toHaveLength(1);
    expect(flensburg[0]!.properties).toMatchObject({ GEN: 'Flensburg', ARS: '010010000000', SN_L: '01' });
    expect(gem.features.some((f) => f.properties.GEN === 'Lübeck')).toBe(true);
    expect(gem.warnings).toEqual([]);
  });

  it('reprojected into Germany with RFC 7946 winding', () => {
    expectInside(gem, GERMANY);
    expectRfc7946(gem);
  });

  it('Flensburg centroid ≈ 9.43 E, 54.78 N (within 0.05°)', () => {
    const f = gem.features.find((x) => x.properties.AGS === '01001000')!;
    const [lon, lat] = centroidOf(f.geometry);
    expect(Math.abs(lon - 9.43)).toBeLessThan(0.05);
    expect(Math.abs(lat - 54.78)).toBeLessThan(0.05);
  });

  it('kreisfreie Städte: every reprojected vertex lies within 5 m of a vertex of the BKG WGS84 Kreis file', async () => {
    // Same product (VG5000 2021) published in GK3 and WGS84: an independent check of the DHDN datum shift.
    const kreise = await readBoundaries({
      name: 'Ebene_Kreise.geojson',
      bytes: readShared(FOLDER, 'Ebene_Kreise.geojson'),
    });
    for (const [ags, ars] of [
      ['01001000', '01001'], // Flensburg
      ['05315000', '05315'], // Köln
      ['08111000', '08111'], // Stuttgart
      ['09162000', '09162'], // München
      ['14612000', '14612'], // Dresden
    ] as const) {
      const city = gem.features.find((f) => f.properties.AGS === ags)!;
      const kreis = kreise.features.find((f) => f.properties.ARS === ars)!;
      const reference = parts(kreis.geometry).flat(2);
      const vertices = parts(city.geometry).flat(2);
      expect(vertices.length).toBe(reference.length);
      for (const p of vertices) {
        const nearest = Math.min(...reference.map((q) => metres(p, q)));
        expect(nearest, `${ags} vertex ${p.join(',')}`).toBeLessThan(5);
      }
    }
  });
});
