import { describe, expect, it } from 'vitest';
import {
  collectCrsHints,
  crsFromEpsgCode,
  crsFromPrj,
  CrsUnknownError,
  createToWgs84,
  detectCrs,
  fromWgs84,
  parseCrsName,
  toWgs84,
  type CrsInput,
} from './crs';
import type { Position, SupportedCrs } from './types';

// ---------------------------------------------------------------------------------------------------
// Independent reference formulas (not proj4): Krüger series for the transverse Mercator projection
// (Karney 2011, 4th order, sub-millimetre in Germany) and a Helmert transformation for DHDN.

const RAD = Math.PI / 180;
const GRS80 = { a: 6378137, f: 1 / 298.257222101 };
const WGS84 = { a: 6378137, f: 1 / 298.257223563 };
const BESSEL = { a: 6377397.155, f: 1 / 299.1528128 };

function tmForward(
  lon: number,
  lat: number,
  e: { a: number; f: number },
  lon0: number,
  k0: number,
  x0: number,
): Position {
  const n = e.f / (2 - e.f);
  const A = (e.a / (1 + n)) * (1 + n ** 2 / 4 + n ** 4 / 64);
  const alpha = [
    n / 2 - (2 * n ** 2) / 3 + (5 * n ** 3) / 16 + (41 * n ** 4) / 180,
    (13 * n ** 2) / 48 - (3 * n ** 3) / 5 + (557 * n ** 4) / 1440,
    (61 * n ** 3) / 240 - (103 * n ** 4) / 140,
    (49561 * n ** 4) / 161280,
  ];
  const ecc = Math.sqrt(e.f * (2 - e.f));
  const phi = lat * RAD;
  const lam = (lon - lon0) * RAD;
  const t = Math.sinh(Math.atanh(Math.sin(phi)) - ecc * Math.atanh(ecc * Math.sin(phi)));
  const xi = Math.atan2(t, Math.cos(lam));
  const eta = Math.atanh(Math.sin(lam) / Math.sqrt(1 + t * t));
  let E = eta;
  let N = xi;
  alpha.forEach((a, i) => {
    const j = 2 * (i + 1);
    E += a * Math.cos(j * xi) * Math.sinh(j * eta);
    N += a * Math.sin(j * xi) * Math.cosh(j * eta);
  });
  return [x0 + k0 * A * E, k0 * A * N];
}

function geocentric(lon: number, lat: number, e: { a: number; f: number }): [number, number, number] {
  const e2 = e.f * (2 - e.f);
  const phi = lat * RAD;
  const lam = lon * RAD;
  const N = e.a / Math.sqrt(1 - e2 * Math.sin(phi) ** 2);
  return [N * Math.cos(phi) * Math.cos(lam), N * Math.cos(phi) * Math.sin(lam), N * (1 - e2) * Math.sin(phi)];
}

function geodetic(x: number, y: number, z: number, e: { a: number; f: number }): Position {
  const e2 = e.f * (2 - e.f);
  const p = Math.hypot(x, y);
  let phi = Math.atan2(z, p * (1 - e2));
  for (let i = 0; i < 10; i++) {
    const N = e.a / Math.sqrt(1 - e2 * Math.sin(phi) ** 2);
    const h = p / Math.cos(phi) - N;
    phi = Math.atan2(z, p * (1 - (e2 * N) / (N + h)));
  }
  return [Math.atan2(y, x) / RAD, phi / RAD];
}

/** WGS84 → DHDN (Bessel) with EPSG:1777 parameters (position vector), inverted. */
function wgs84ToDhdn(lon: number, lat: number): Position {
  const [tx, ty, tz] = [598.1, 73.7, 418.2];
  const [rx, ry, rz] = [0.202, 0.045, -2.455].map((s) => (s / 3600) * RAD) as [number, number, number];
  const s = 6.7e-6;
  const [X, Y, Z] = geocentric(lon, lat, WGS84);
  const [dx, dy, dz] = [(X - tx) / (1 + s), (Y - ty) / (1 + s), (Z - tz) / (1 + s)];
  // Inverse of R = [[1,-rz,ry],[rz,1,-rx],[-ry,rx,1]] is its transpose to second order.
  const x = dx + rz * dy - ry * dz;
  const y = -rz * dx + dy + rx * dz;
  const z = ry * dx - rx * dy + dz;
  return geodetic(x, y, z, BESSEL);
}

const FERNSEHTURM: Position = [13.4094, 52.5208];

describe('CRS round trips against reference formulas', () => {
  it('UTM 33N (EPSG:25833): Berlin Fernsehturm (52°31′14,9″ N, 13°24′34″ E) ≈ E 392 080, N 5 820 155', () => {
    const [e, n] = fromWgs84('EPSG:25833', FERNSEHTURM);
    const [re, rn] = tmForward(FERNSEHTURM[0], FERNSEHTURM[1], GRS80, 15, 0.9996, 500000);
    expect(Math.abs(e - re)).toBeLessThan(0.01);
    expect(Math.abs(n - rn)).toBeLessThan(0.01);
    // Coarse window around the reference result (the exact figure comes from tmForward above).
    expect(Math.floor(e / 100)).toBe(3920);
    expect(Math.floor(n / 100)).toBe(58201);
    const back = toWgs84('EPSG:25833', [e, n]);
    expect(back[0]).toBeCloseTo(FERNSEHTURM[0], 9);
    expect(back[1]).toBeCloseTo(FERNSEHTURM[1], 9);
  });

  it('UTM 32N (EPSG:25832): Kölner Dom against the reference, round trip', () => {
    const dom: Position = [6.9583, 50.9413];
    const [e, n] = fromWgs84('EPSG:25832', dom);
    const [re, rn] = tmForward(dom[0], dom[1], GRS80, 9, 0.9996, 500000);
    expect(Math.abs(e - re)).toBeLessThan(0.01);
    expect(Math.abs(n - rn)).toBeLessThan(0.01);
    const back = toWgs84('EPSG:25832', [e, n]);
    expect(back[0]).toBeCloseTo(dom[0], 9);
    expect(back[1]).toBeCloseTo(dom[1], 9);
  });

  it('UTM 32 and 33 agree on the meridian 12° E halfway between their central meridians', () => {
    for (const lat of [47.5, 50.5, 54.5]) {
      const [e32, n32] = fromWgs84('EPSG:25832', [12, lat]);
      const [e33, n33] = fromWgs84('EPSG:25833', [12, lat]);
      expect(e32 + e33).toBeCloseTo(1_000_000, 3);
      expect(n32).toBeCloseTo(n33, 3);
    }
  });

  it('Web Mercator (EPSG:3857) matches the closed formula', () => {
    const R = 6378137;
    const [x, y] = fromWgs84('EPSG:3857', FERNSEHTURM);
    expect(x).toBeCloseTo(R * FERNSEHTURM[0] * RAD, 3);
    expect(y).toBeCloseTo(R * Math.log(Math.tan(Math.PI / 4 + (FERNSEHTURM[1] * RAD) / 2)), 3);
    const back = toWgs84('EPSG:3857', [x, y]);
    expect(back[0]).toBeCloseTo(FERNSEHTURM[0], 9);
    expect(back[1]).toBeCloseTo(FERNSEHTURM[1], 9);
  });

  it('Gauß-Krüger zone 3 (EPSG:31467) includes the DHDN datum shift', () => {
    const flensburg: Position = [9.4369, 54.7837];
    const [r, h] = fromWgs84('EPSG:31467', flensburg);
    const bessel = wgs84ToDhdn(flensburg[0], flensburg[1]);
    const [rr, rh] = tmForward(bessel[0], bessel[1], BESSEL, 9, 1, 3500000);
    expect(Math.abs(r - rr)).toBeLessThan(0.05);
    expect(Math.abs(h - rh)).toBeLessThan(0.05);
    // Without the datum shift the point would be off by more than 100 m.
    const [nr, nh] = tmForward(flensburg[0], flensburg[1], BESSEL, 9, 1, 3500000);
    expect(Math.hypot(r - nr, h - nh)).toBeGreaterThan(100);
    const back = toWgs84('EPSG:31467', [r, h]);
    expect(back[0]).toBeCloseTo(flensburg[0], 7);
    expect(back[1]).toBeCloseTo(flensburg[1], 7);
  });

  it('Gauß-Krüger zone 4 (EPSG:31468) against the reference and mirrored to zone 3 at 10.5° E', () => {
    const [r, h] = fromWgs84('EPSG:31468', FERNSEHTURM);
    const bessel = wgs84ToDhdn(FERNSEHTURM[0], FERNSEHTURM[1]);
    const [rr, rh] = tmForward(bessel[0], bessel[1], BESSEL, 12, 1, 4500000);
    expect(Math.abs(r - rr)).toBeLessThan(0.05);
    expect(Math.abs(h - rh)).toBeLessThan(0.05);
    // A point on 10.5° E (Bessel) is 1.5° from both central meridians (9° and 12°).
    const wgs = toWgs84('EPSG:31467', fromWgs84('EPSG:31467', [10.5, 51]));
    expect(wgs[0]).toBeCloseTo(10.5, 7);
    const [r3, h3] = fromWgs84('EPSG:31467', [10.4984, 51.0]);
    const [r4, h4] = fromWgs84('EPSG:31468', [10.4984, 51.0]);
    expect(Math.abs(r3 - 3500000 + (r4 - 4500000))).toBeLessThan(250);
    expect(Math.abs(h3 - h4)).toBeLessThan(5);
  });
});

describe('declared CRS names', () => {
  it.each<[string, SupportedCrs | null]>([
    ['urn:ogc:def:crs:OGC:1.3:CRS84', 'EPSG:4326'],
    ['urn:ogc:def:crs:OGC::CRS84', 'EPSG:4326'],
    ['CRS:84', 'EPSG:4326'],
    ['urn:ogc:def:crs:EPSG::4326', 'EPSG:4326'],
    ['urn:ogc:def:crs:EPSG:6.6:4326', 'EPSG:4326'],
    ['urn:ogc:def:crs:EPSG::25833', 'EPSG:25833'],
    ['EPSG:25832', 'EPSG:25832'],
    ['epsg:31467', 'EPSG:31467'],
    ['http://www.opengis.net/def/crs/EPSG/0/31468', 'EPSG:31468'],
    ['http://www.opengis.net/gml/srs/epsg.xml#3857', 'EPSG:3857'],
    ['EPSG:900913', 'EPSG:3857'],
    ['EPSG:102100', 'EPSG:3857'],
    ['EPSG:4258', 'EPSG:4326'],
    ['EPSG:32633', 'EPSG:25833'],
    ['EPSG:2056', null],
    ['urn:ogc:def:crs:EPSG::31466', null],
    ['Lambert 93', null],
  ])('%s → %s', (name, expected) => {
    expect(parseCrsName(name)?.crs ?? null).toBe(expected);
  });

  it('zone-prefixed UTM codes keep their false easting in the definition', () => {
    const c = crsFromEpsgCode(4647);
    expect(c?.crs).toBe('EPSG:25832');
    expect(c?.definition).toContain('+x_0=32500000');
    expect(crsFromEpsgCode(5650)?.definition).toContain('+x_0=33500000');
  });
});

const tm = (geog: string, cm: number, fe: number, k: number, name = 'X') =>
  `PROJCS["${name}",${geog},PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",${fe}],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",${cm}],PARAMETER["Scale_Factor",${k}],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]`;

describe('.prj recognition', () => {
  const GK3_ESRI =
    'PROJCS["DHDN_3_Degree_Gauss_Zone_3",GEOGCS["GCS_Deutsches_Hauptdreiecksnetz",DATUM["D_Deutsches_Hauptdreiecksnetz",SPHEROID["Bessel_1841",6377397.155,299.1528128]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",3500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",9.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
  const ETRS =
    'GEOGCS["GCS_ETRS_1989",DATUM["D_ETRS_1989",SPHEROID["GRS_1980",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
  const WGS =
    'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';

  it('Gauß-Krüger zone 3 by parameters (ESRI WKT without authority)', () => {
    const r = crsFromPrj(GK3_ESRI);
    expect(r.name).toBe('DHDN_3_Degree_Gauss_Zone_3');
    expect(r.choice).toEqual({ crs: 'EPSG:31467' });
  });

  it('Gauß-Krüger zone 4 by central meridian 12', () => {
    const wkt = GK3_ESRI.replace('3500000.0', '4500000.0').replace(
      '"Central_Meridian",9.0',
      '"Central_Meridian",12.0',
    );
    expect(crsFromPrj(wkt).choice).toEqual({ crs: 'EPSG:31468' });
  });

  it('ETRS89 UTM 32N / 33N', () => {
    expect(crsFromPrj(tm(ETRS, 9, 500000, 0.9996, 'ETRS_1989_UTM_Zone_32N')).choice).toEqual({
      crs: 'EPSG:25832',
    });
    expect(crsFromPrj(tm(ETRS, 15, 500000, 0.9996, 'ETRS_1989_UTM_Zone_33N')).choice).toEqual({
      crs: 'EPSG:25833',
    });
  });

  it('UTM with a deviating false easting (Köln: 2 500 000) gets its own definition', () => {
    const r = crsFromPrj(tm(WGS, 9, 2500000, 0.9996, 'WGS_1984_UTM_Zone_32N'));
    expect(r.choice?.crs).toBe('EPSG:25832');
    expect(r.choice?.definition).toContain('+x_0=2500000');
    // 2 356 500 E in this system is 356 500 E in standard UTM 32.
    const viaDefinition = createToWgs84(r.choice!)([2356500, 5645000]);
    const standard = toWgs84('EPSG:25832', [356500, 5645000]);
    expect(viaDefinition[0]).toBeCloseTo(standard[0], 9);
    expect(viaDefinition[1]).toBeCloseTo(standard[1], 9);
  });

  it('OGC WKT with a top-level EPSG authority', () => {
    const wkt = `PROJCS["ETRS89 / UTM zone 33N",GEOGCS["ETRS89",DATUM["European_Terrestrial_Reference_System_1989",SPHEROID["GRS 1980",6378137,298.257222101,AUTHORITY["EPSG","7019"]],AUTHORITY["EPSG","6258"]],AUTHORITY["EPSG","4258"]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",15],PARAMETER["scale_factor",0.9996],PARAMETER["false_easting",500000],PARAMETER["false_northing",0],UNIT["metre",1,AUTHORITY["EPSG","9001"]],AUTHORITY["EPSG","25833"]]`;
    expect(crsFromPrj(wkt).choice).toEqual({ crs: 'EPSG:25833' });
  });

  it('geographic WGS84 and Web Mercator', () => {
    expect(crsFromPrj(WGS).choice).toEqual({ crs: 'EPSG:4326' });
    const merc =
      'PROJCS["WGS_1984_Web_Mercator_Auxiliary_Sphere",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Mercator_Auxiliary_Sphere"],PARAMETER["False_Easting",0.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",0.0],PARAMETER["Standard_Parallel_1",0.0],PARAMETER["Auxiliary_Sphere_Type",0.0],UNIT["Meter",1.0]]';
    expect(crsFromPrj(merc).choice).toEqual({ crs: 'EPSG:3857' });
  });

  it('unsupported systems give no choice', () => {
    expect(crsFromPrj(tm(ETRS, 3, 500000, 0.9996, 'ETRS_1989_UTM_Zone_31N')).choice).toBeNull();
    const lambert =
      'PROJCS["RGF93_Lambert_93",GEOGCS["GCS_RGF_1993",DATUM["D_RGF_1993",SPHEROID["GRS_1980",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Lambert_Conformal_Conic"],PARAMETER["False_Easting",700000.0],PARAMETER["False_Northing",6600000.0],PARAMETER["Central_Meridian",3.0],PARAMETER["Standard_Parallel_1",49.0],PARAMETER["Standard_Parallel_2",44.0],PARAMETER["Latitude_Of_Origin",46.5],UNIT["Meter",1.0]]';
    expect(crsFromPrj(lambert).choice).toBeNull();
    const feet = tm(ETRS, 9, 500000, 0.9996).replace(
      'UNIT["Meter",1.0]]',
      'UNIT["Foot_US",0.3048006096012192]]',
    );
    expect(crsFromPrj(feet).choice).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------------
// Guessing

const BERLIN: [number, number, number, number] = [13.08, 52.33, 13.77, 52.68];

function input(min: Position, max: Position, extra: Partial<CrsInput> = {}): CrsInput {
  const sample: Position[] = [];
  for (let i = 0; i <= 10; i++) {
    for (let j = 0; j <= 10; j++) {
      sample.push([min[0] + ((max[0] - min[0]) * i) / 10, min[1] + ((max[1] - min[1]) * j) / 10]);
    }
  }
  return { sample, bbox: [min[0], min[1], max[0], max[1]], file: 'test.geojson', ...extra };
}

describe('guessing the CRS from the coordinate range', () => {
  it('lon/lat range → EPSG:4326', () => {
    const r = detectCrs(input([13.1, 52.3], [13.8, 52.7]));
    expect(r.detection).toMatchObject({ crs: 'EPSG:4326', how: 'guessed', alternatives: [] });
    expect(r.detection.swappedAxes).toBeUndefined();
    expect(r.detection.reason).toContain('keine Angabe');
  });

  it('lat/lon (swapped axes) → EPSG:4326 with swappedAxes and a warning', () => {
    const r = detectCrs(input([52.3, 13.1], [52.7, 13.8]));
    expect(r.detection).toMatchObject({ crs: 'EPSG:4326', swappedAxes: true });
    expect(r.warnings.join()).toContain('vertauscht');
  });

  it('Gauß-Krüger zone 3 range (VG5000 extent) → EPSG:31467 without alternatives', () => {
    const r = detectCrs(input([3280340, 5237532], [3921504, 6103300]));
    expect(r.detection).toMatchObject({ crs: 'EPSG:31467', how: 'guessed', alternatives: [] });
    expect(r.detection.reason).toContain('Gauß-Krüger');
  });

  it('Gauß-Krüger zone 4 range → EPSG:31468', () => {
    const r = detectCrs(input([4580000, 5800000], [4610000, 5840000]));
    expect(r.detection.crs).toBe('EPSG:31468');
  });

  it('Web Mercator range (Berlin 2012 catchments) → EPSG:3857', () => {
    const r = detectCrs(input([1457161, 6861768], [1532081, 6923455]));
    expect(r.detection).toMatchObject({ crs: 'EPSG:3857', alternatives: [] });
  });

  describe('UTM 32 vs 33 (Berlin 2019 catchments: E 370 000–415 785, N 5 799 520–5 837 259)', () => {
    const min: Position = [370001, 5799520];
    const max: Position = [415785, 5837259];

    it('without any hint: zone 32 (most Länder), zone 33 listed as alternative, reason says why', () => {
      const r = detectCrs(input(min, max));
      expect(r.detection.crs).toBe('EPSG:25832');
      expect(r.detection.alternatives).toEqual(['EPSG:25833']);
      expect(r.detection.reason).toContain('Zone 32');
      expect(r.detection.reason).toContain('Ebenfalls möglich');
    });

    it('expectedBbox Berlin → zone 33', () => {
      const r = detectCrs(input(min, max, { expectedBbox: BERLIN }));
      expect(r.detection.crs).toBe('EPSG:25833');
      expect(r.detection.alternatives).toEqual(['EPSG:25832']);
      expect(r.detection.reason).toContain('erwarteten Gebiet');
      expect(r.warnings).toEqual([]);
    });

    it('expectedBbox Münsterland → zone 32', () => {
      const r = detectCrs(input(min, max, { expectedBbox: [6.8, 52.1, 8.0, 52.9] }));
      expect(r.detection.crs).toBe('EPSG:25832');
    });

    it('a KOORD attribute naming UTM 33 decides', () => {
      const hints = collectCrsHints([{ KOORD: 'ETRS89 / UTM Zone 33N' }]);
      expect(hints).toHaveLength(1);
      const r = detectCrs(input(min, max, { hints }));
      expect(r.detection.crs).toBe('EPSG:25833');
      expect(r.detection.reason).toContain('KOORD');
    });

    it('official keys of Berlin/Brandenburg decide for zone 33', () => {
      const hints = collectCrsHints([{ AGS: '11000000' }, { AGS: '12054000' }]);
      expect(hints.map((h) => h.crs)).toEqual(['EPSG:25833']);
      expect(detectCrs(input(min, max, { hints })).detection.crs).toBe('EPSG:25833');
      expect(collectCrsHints([{ ARS: '05315' }]).map((h) => h.crs)).toEqual(['EPSG:25832']);
    });

    it('a hint for another system does not override the coordinate range', () => {
      const hints = collectCrsHints([{ KOORD: 'WGS 1984 Web Mercator (Auxiliary Sphere)' }]);
      expect(hints.map((h) => h.crs)).toEqual(['EPSG:3857']);
      expect(detectCrs(input(min, max, { hints })).detection.crs).toBe('EPSG:25832');
    });
  });

  it('eastern Bavaria in UTM 32: zone 33 would leave Germany, so only zone 32 remains', () => {
    const r = detectCrs(input([780000, 5380000], [820000, 5420000]));
    expect(r.detection.crs).toBe('EPSG:25832');
    expect(r.detection.alternatives).toEqual([]);
  });

  it('UTM with the zone number in front of the easting (32 350 000) → 25832 with a definition', () => {
    const r = detectCrs(input([32350000, 5640000], [32365000, 5655000]));
    expect(r.detection.crs).toBe('EPSG:25832');
    expect(r.detection.definition).toContain('+x_0=32500000');
    expect(r.choice.definition).toBe(r.detection.definition);
  });

  it('coordinates that fit nothing → CrsUnknownError with a German message', () => {
    expect(() => detectCrs(input([1000, 1000], [5000, 5000]))).toThrow(CrsUnknownError);
    expect(() => detectCrs(input([1000, 1000], [5000, 5000]))).toThrow(/Koordinatensystem/);
  });

  it('lon/lat outside Germany is accepted as WGS84 with a warning', () => {
    const r = detectCrs(input([-3.8, 40.3], [-3.6, 40.5]));
    expect(r.detection.crs).toBe('EPSG:4326');
    expect(r.warnings.join()).toContain('nicht in Deutschland');
  });
});

describe('declared and given CRS', () => {
  const utm33 = input([370001, 5799520], [415785, 5837259]);

  it('a declared system is used as declared, without alternatives', () => {
    const r = detectCrs({
      ...utm33,
      declared: {
        where: 'im GeoJSON-Element „crs“',
        text: 'urn:ogc:def:crs:EPSG::25833',
        choice: { crs: 'EPSG:25833' },
      },
    });
    expect(r.detection).toMatchObject({
      crs: 'EPSG:25833',
      how: 'declared',
      alternatives: [],
      declaredAs: 'urn:ogc:def:crs:EPSG::25833',
    });
    expect(r.detection.reason).toBe(
      'Im GeoJSON-Element „crs“ angegeben („urn:ogc:def:crs:EPSG::25833“): ETRS89 / UTM Zone 33N (EPSG:25833).',
    );
  });

  it('declared WGS84 with metre coordinates → guessed, with a warning', () => {
    const r = detectCrs({
      ...utm33,
      expectedBbox: BERLIN,
      declared: {
        where: 'im GeoJSON-Element „crs“',
        text: 'urn:ogc:def:crs:OGC:1.3:CRS84',
        choice: { crs: 'EPSG:4326' },
      },
    });
    expect(r.detection).toMatchObject({ crs: 'EPSG:25833', how: 'guessed' });
    expect(r.warnings.join()).toContain('passt nicht zu den Koordinaten');
  });

  it('a declaration that would put the data outside Germany gives way to a plausible guess', () => {
    // Eastern Bavaria in UTM 32, declared as UTM 33 (→ Poland/Slovakia).
    const r = detectCrs({
      ...input([780000, 5380000], [820000, 5420000]),
      declared: { where: 'in der .prj-Datei', text: 'ETRS89 / UTM zone 33N', choice: { crs: 'EPSG:25833' } },
    });
    expect(r.detection).toMatchObject({
      crs: 'EPSG:25832',
      how: 'guessed',
      declaredAs: 'ETRS89 / UTM zone 33N',
    });
    expect(r.warnings.join()).toContain('außerhalb Deutschlands');
    // Declared UTM 32 without, data with the zone number in front of the easting.
    const prefixed = detectCrs({
      ...input([32350000, 5640000], [32365000, 5655000]),
      declared: { where: 'im GeoJSON-Element „crs“', text: 'EPSG:25832', choice: { crs: 'EPSG:25832' } },
    });
    expect(prefixed.detection).toMatchObject({ crs: 'EPSG:25832', how: 'guessed' });
    expect(prefixed.detection.definition).toContain('+x_0=32500000');
  });

  it('a declaration that fits nothing else stays, with a warning', () => {
    const r = detectCrs({
      ...input([-3.8, 40.3], [-3.6, 40.5]),
      declared: { where: 'im GeoJSON-Element „crs“', text: 'EPSG:4326', choice: { crs: 'EPSG:4326' } },
    });
    expect(r.detection).toMatchObject({ crs: 'EPSG:4326', how: 'declared' });
    expect(r.warnings.join()).toContain('nicht in Deutschland');
  });

  it('an unsupported declaration → guessed, with a warning', () => {
    const r = detectCrs({
      ...utm33,
      declared: { where: 'in der .prj-Datei', text: 'RGF93_Lambert_93', choice: null },
    });
    expect(r.detection.how).toBe('guessed');
    expect(r.warnings.join()).toContain('nicht unterstützt');
  });

  it('declared WGS84 with latitude first → axes swapped', () => {
    const r = detectCrs({
      ...input([52.3, 13.1], [52.7, 13.8]),
      declared: {
        where: 'im GeoJSON-Element „crs“',
        text: 'urn:ogc:def:crs:EPSG::4326',
        choice: { crs: 'EPSG:4326' },
      },
    });
    expect(r.detection).toMatchObject({ crs: 'EPSG:4326', how: 'declared', swappedAxes: true });
  });

  it('options.crs wins over declaration and guess (how: given)', () => {
    const r = detectCrs({
      ...utm33,
      given: 'EPSG:25833',
      declared: { where: 'im GeoJSON-Element „crs“', text: 'EPSG:25832', choice: { crs: 'EPSG:25832' } },
    });
    expect(r.detection).toMatchObject({ crs: 'EPSG:25833', how: 'given' });
    expect(r.choice).toEqual({ crs: 'EPSG:25833' });
  });

  it('a given system that puts the data outside Germany gives a warning', () => {
    const r = detectCrs({ ...utm33, given: 'EPSG:3857' });
    expect(r.detection.how).toBe('given');
    expect(r.warnings.join()).toContain('nicht in Deutschland');
  });
});
