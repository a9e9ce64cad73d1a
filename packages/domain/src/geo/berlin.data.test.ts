/**
 * Berlin LOR (../shared/data/berlin-lor): school catchments in EPSG:3857 and EPSG:25833 without a `crs`
 * member, LOR boundaries in WGS84, Kitas as points in EPSG:25833.
 */
import { beforeAll, expect, it } from 'vitest';
import { ImportFileError } from '../statistics/types';
import { describeWithData, readShared } from '../testing/sharedData';
import { mergeByKey } from './merge';
import { readBoundaries, readPoints } from './read';
import type { BoundaryDataset, PolygonGeometry, Position } from './types';
import { isCounterClockwise } from './winding';

const FOLDER = 'berlin-lor';
const BERLIN: [number, number, number, number] = [13.08, 52.33, 13.77, 52.68];

const file = (...path: string[]) => ({ name: path[path.length - 1]!, bytes: readShared(FOLDER, ...path) });
const parts = (g: PolygonGeometry): Position[][][] =>
  g.type === 'Polygon' ? [g.coordinates] : g.coordinates;

function expectInsideBerlin(ds: { bbox: number[] }): void {
  expect(ds.bbox[0]).toBeGreaterThanOrEqual(BERLIN[0]);
  expect(ds.bbox[1]).toBeGreaterThanOrEqual(BERLIN[1]);
  expect(ds.bbox[2]).toBeLessThanOrEqual(BERLIN[2]);
  expect(ds.bbox[3]).toBeLessThanOrEqual(BERLIN[3]);
}

function expectOuterCcw(ds: BoundaryDataset): void {
  for (const f of ds.features)
    for (const p of parts(f.geometry)) expect(isCounterClockwise(p[0]!)).toBe(true);
}

/** Area on the sphere (authalic radius) in m², outer rings minus holes. */
function sphericalArea(g: PolygonGeometry): number {
  const R = 6_371_007.2;
  const rad = Math.PI / 180;
  let total = 0;
  for (const polygon of parts(g)) {
    polygon.forEach((ring, i) => {
      let s = 0;
      for (let k = 0; k < ring.length - 1; k++) {
        const [l1, p1] = ring[k]!;
        const [l2, p2] = ring[k + 1]!;
        s += (l2 - l1) * rad * (2 + Math.sin(p1 * rad) + Math.sin(p2 * rad));
      }
      total += (i === 0 ? 1 : -1) * Math.abs((s * R * R) / 2);
    });
  }
  return total;
}

describeWithData(FOLDER, 'Berlin Einschulbereiche 2012 (Web Mercator, no crs member)', () => {
  let ds: BoundaryDataset;
  beforeAll(async () => {
    ds = await readBoundaries(file('einschulbereiche', 'RBS_OD_ESB_2012_12.geojson'), {
      expectedBbox: BERLIN,
    });
  });

  it('339 features, guessed as EPSG:3857, inside Berlin', () => {
    expect(ds.features).toHaveLength(339);
    expect(ds.crs).toMatchObject({ crs: 'EPSG:3857', how: 'guessed' });
    expect(ds.crs.reason).toContain('Web Mercator');
    expectInsideBerlin(ds);
    expectOuterCcw(ds);
    expect(ds.suggestedKey).toBe('ESB');
    expect(ds.features[0]!.properties).toMatchObject({ ESB: '0101', BEZ: '01', EW_insgesa: 52679 });
  });

  it('areas after reprojection match the FLAECHE_HA attribute within 0.5 % (Mercator would be 2.7 × too big)', () => {
    for (const f of ds.features) {
      const ha = sphericalArea(f.geometry) / 10_000;
      expect(Math.abs(ha / (f.properties.FLAECHE_HA as number) - 1), String(f.properties.ESB)).toBeLessThan(
        0.005,
      );
    }
  });

  it('also without expectedBbox (no other system fits the range)', async () => {
    const plain = await readBoundaries(file('einschulbereiche', 'RBS_OD_ESB_2012_12.geojson'));
    expect(plain.crs.crs).toBe('EPSG:3857');
    expectInsideBerlin(plain);
  });
});

describeWithData(FOLDER, 'Berlin Einschulbereiche 2019 (UTM 33, no crs member)', () => {
  it('346 features, guessed as EPSG:25833 with the Berlin bbox, same extent as the Berlin city boundary', async () => {
    const ds = await readBoundaries(file('einschulbereiche', 'RBS_OD_ESB_2019_06.geojson'), {
      expectedBbox: BERLIN,
    });
    expect(ds.features).toHaveLength(346);
    expect(ds.crs).toMatchObject({ crs: 'EPSG:25833', how: 'guessed', alternatives: ['EPSG:25832'] });
    expectInsideBerlin(ds);
    expectOuterCcw(ds);
    const city = await readBoundaries(file('geo', 'berlin-lor-city.geojson'));
    for (let i = 0; i < 4; i++) expect(Math.abs(ds.bbox[i]! - city.bbox[i]!)).toBeLessThan(0.0005);
  });

  it('without expectedBbox zone 32 is the default and zone 33 is offered as alternative', async () => {
    const ds = await readBoundaries(file('einschulbereiche', 'RBS_OD_ESB_2019_06.geojson'));
    expect(ds.crs).toMatchObject({ crs: 'EPSG:25832', how: 'guessed', alternatives: ['EPSG:25833'] });
    expect(ds.crs.reason).toContain('Zone 33');
    const fixed = await readBoundaries(file('einschulbereiche', 'RBS_OD_ESB_2019_06.geojson'), {
      crs: 'EPSG:25833',
    });
    expectInsideBerlin(fixed);
  });
});

describeWithData(FOLDER, 'Berlin LOR boundaries (WGS84)', () => {
  it('planning areas until 2020: 448 features, 447 Planungsräume, 8-digit ids with leading zero', async () => {
    const ds = await readBoundaries(file('geo', 'berlin-lor-planning-areas-until-2020.geojson'));
    expect(ds.features).toHaveLength(448);
    expect(ds.crs).toMatchObject({ crs: 'EPSG:4326', how: 'declared' });
    expect(ds.suggestedKey).toBe('id');
    expect(ds.suggestedName).toBe('name');
    for (const f of ds.features) expect(f.properties.id).toMatch(/^0\d{7}$|^1[0-2]\d{6}$/);
    expect(ds.features[0]!.properties).toMatchObject({ id: '01011101', name: 'Stülerstraße' });
    const merged = mergeByKey(ds.features, 'id');
    expect(merged).toHaveLength(447);
    expect(merged.filter((m) => m.featureIndexes.length > 1).map((m) => m.key)).toEqual(['06010102']);
    expectInsideBerlin(ds);
    expectOuterCcw(ds);
  });

  it('forecast areas from 2021: 58 features, 4-digit ids with leading zero', async () => {
    const ds = await readBoundaries(file('geo', 'berlin-lor-forecast-areas-from-2021.geojson'));
    expect(ds.features).toHaveLength(58);
    const ids = ds.features.map((f) => f.properties.id);
    expect(new Set(ids).size).toBe(58);
    for (const id of ids) expect(id).toMatch(/^\d{4}$/);
    expect(ids).toContain('0110');
    expectInsideBerlin(ds);
  });
});

describeWithData(FOLDER, 'Berlin Kitas 2022 (points, EPSG:25833)', () => {
  it('readBoundaries refuses the point file with a clear German error', async () => {
    const err = await readBoundaries(file('kitas', 'kindertagesstaetten_wfs_2022.geojson')).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ImportFileError);
    expect((err as ImportFileError).code).toBe('no-polygons');
    expect((err as ImportFileError).message).toContain('keine Flächen');
    expect((err as ImportFileError).message).toContain('2.880 × Punkte');
  });

  it('readPoints: 2,880 Kitas in Berlin; matches the lat/lon of the 2026 Kita list for the same ids', async () => {
    const ds = await readPoints(file('kitas', 'kindertagesstaetten_wfs_2022.geojson'));
    expect(ds.features).toHaveLength(2880);
    expect(ds.crs).toMatchObject({ crs: 'EPSG:25833', how: 'declared' });
    expectInsideBerlin(ds);
    expect(ds.suggestedKey).toBe('e_nr');
    expect(ds.suggestedName).toBe('e_name');
    expect(ds.features[0]!.properties).toMatchObject({ e_nr: '01010010', e_name: 'Kita F.A.I.R.play' });
    // Independent reference: the 2026 list (other repository) gives lat/lon per Kita id.
    const csv = new TextDecoder().decode(
      readShared(FOLDER, 'kitas', 'berlin-daycare-centers-2026-06-details.csv'),
    );
    const lines = csv.split('\n');
    const header = lines[0]!.split(',');
    const [iId, iLat, iLon] = ['id', 'lat', 'lon'].map((h) => header.indexOf(h)) as [number, number, number];
    const reference = new Map<string, Position>();
    for (const line of lines.slice(1)) {
      const cells = line.split(',');
      // Names may contain commas; id is first, lat/lon are counted from the end.
      const n = cells.length;
      if (cells[iId])
        reference.set(cells[iId]!, [
          Number(cells[n - (header.length - iLon)]),
          Number(cells[n - (header.length - iLat)]),
        ]);
    }
    const distances: number[] = [];
    for (const f of ds.features) {
      const r = reference.get(String(f.properties.e_nr));
      if (!r) continue;
      const [lon, lat] = f.geometry.coordinates;
      distances.push(Math.hypot((lon - r[0]) * 67_800, (lat - r[1]) * 111_300));
    }
    expect(distances.length).toBeGreaterThan(2000);
    distances.sort((a, b) => a - b);
    expect(distances[Math.floor(distances.length / 2)]).toBeLessThan(5);
  });
});
