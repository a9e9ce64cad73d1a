/**
 * datenguide TopoJSON (../shared/data/datenguide-topojson) and the old key-less Kreis GeoJSON
 * (../shared/data/deutschlandGeoJSON-old).
 */
import { expect, it } from 'vitest';
import { describeWithData, readShared } from '../testing/sharedData';
import { centroidOf } from './geometry';
import { readBoundaries } from './read';
import type { BoundaryDataset } from './types';
import { isCounterClockwise } from './winding';

const FOLDER = 'datenguide-topojson';
const NRW = [5.86, 50.32, 9.47, 52.54] as const;
const BERLIN = [13.08, 52.33, 13.77, 52.68] as const;

const read = (name: string) => readBoundaries({ name, bytes: readShared(FOLDER, name) });

function expectInside(ds: BoundaryDataset, box: readonly number[]): void {
  expect(ds.bbox[0]).toBeGreaterThanOrEqual(box[0]!);
  expect(ds.bbox[1]).toBeGreaterThanOrEqual(box[1]!);
  expect(ds.bbox[2]).toBeLessThanOrEqual(box[2]!);
  expect(ds.bbox[3]).toBeLessThanOrEqual(box[3]!);
}

function rawTopology(name: string): {
  objects: Record<string, { geometries: Array<{ type: string | null }> }>;
} {
  return JSON.parse(new TextDecoder().decode(readShared(FOLDER, name))) as never;
}

describeWithData(FOLDER, 'datenguide TopoJSON', () => {
  it('NRW Kreise: layer "regions", 53 features inside NRW, 5-digit keys, centroids near the label points cx/cy', async () => {
    const ds = await read('nrw_landkreise.topo.json');
    expect(ds.format).toBe('topojson');
    expect(ds.layers).toEqual(['regions']);
    expect(ds.layer).toBe('regions');
    expect(ds.features).toHaveLength(53);
    expect(ds.crs.crs).toBe('EPSG:4326');
    expectInside(ds, NRW);
    expect(ds.suggestedKey).toBe('ags');
    for (const f of ds.features) {
      expect(f.properties.ags).toMatch(/^05\d{3}$/);
      expect(typeof f.properties.ags_num).toBe('number');
      for (const p of f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates) {
        expect(isCounterClockwise(p[0]!)).toBe(true);
      }
    }
    const distances = ds.features
      .map((f) => {
        const [x, y] = centroidOf(f.geometry);
        return Math.hypot(x - (f.properties.cx as number), y - (f.properties.cy as number));
      })
      .toSorted((a, b) => a - b);
    expect(distances[Math.floor(distances.length / 2)]).toBeLessThan(0.05);
    expect(distances[distances.length - 1]).toBeLessThan(0.25);
  });

  it('NRW Gemeinden: 396 features, 8-digit AGS with leading zero', async () => {
    const ds = await read('nrw_gemeinden.topo.json');
    expect(ds.features).toHaveLength(396);
    expect(new Set(ds.features.map((f) => f.properties.AGS)).size).toBe(396);
    for (const f of ds.features) expect(f.properties.AGS).toMatch(/^05\d{6}$/);
    expect(ds.suggestedName).toBe('GEN');
    expectInside(ds, NRW);
  });

  it('Berlin Bezirke: 12 features with Schluessel, same extent as Berlin', async () => {
    const ds = await read('berlin_bezirke.topo.json');
    expect(ds.features).toHaveLength(12);
    expect(ds.suggestedKey).toBe('Schluessel');
    expect(ds.suggestedName).toBe('Gemeinde_n');
    expectInside(ds, BERLIN);
  });

  it('MV Gemeinden: features without geometry are skipped with a warning', async () => {
    const raw = rawTopology('mvp_gemeinden.topo.json');
    const geometries = raw.objects.regions!.geometries;
    const withoutGeometry = geometries.filter((g) => g.type === null).length;
    expect(geometries).toHaveLength(789);
    const ds = await read('mvp_gemeinden.topo.json');
    expect(ds.features).toHaveLength(789 - withoutGeometry);
    expect(ds.warnings.join()).toContain(`${withoutGeometry} Feature(s) ohne Geometrie`);
    expectInside(ds, [10.5, 53.0, 14.5, 54.8]);
  });

  it('an object name that does not exist is refused with the available names', async () => {
    await expect(
      readBoundaries(
        { name: 'nuts_2.topo.json', bytes: readShared(FOLDER, 'nuts_2.topo.json') },
        { layer: 'nuts3' },
      ),
    ).rejects.toThrow(/„nuts3“ gibt es in der TopoJSON-Datei nicht. Vorhanden: „regions“/);
  });
});

describeWithData('deutschlandGeoJSON-old', 'old Kreis boundaries without official keys', () => {
  it('434 Kreise are read, but no official key (ARS/AGS/RS) is suggested', async () => {
    const ds = await readBoundaries({
      name: '4_kreise_4_niedrig.geo.json',
      bytes: readShared('deutschlandGeoJSON-old', '4_kreise_4_niedrig.geo.json'),
    });
    expect(ds.features).toHaveLength(434);
    expect(ds.propertyNames).not.toContain('id');
    expect(['ARS', 'AGS', 'RS']).not.toContain(ds.suggestedKey);
    expect(ds.suggestedName).toBe('NAME_3');
    expectInside(ds, [5.8, 47.2, 15.1, 55.1]);
  });
});
