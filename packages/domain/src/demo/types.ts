export type DemoDistrictCharacter =
  'innenstadt' | 'familienquartier' | 'grosswohnsiedlung' | 'villenviertel' | 'dorfkern' | 'gewerbemisch';

export interface DemoDistrict {
  /** Local district key, two digits, zero padded ('01' = innermost district). */
  code: string;
  /** Fictional German district name. */
  name: string;
  /** GeoJSON (RFC 7946) polygon in WGS84 lon/lat; outer ring counter-clockwise and closed. */
  geometry: { type: 'Polygon'; coordinates: [number, number][][] };
  /** Area centroid [lon, lat]. */
  centroid: [number, number];
  character: DemoDistrictCharacter;
}

export type DemoAgeGroupCode = 'u3' | '3-5' | '6-9' | '10-15' | '16-18' | '19-24' | '25-64' | '65+';

export interface DemoPopulationRow {
  districtCode: string;
  year: number;
  ageGroup: DemoAgeGroupCode;
  /** Integer number of persons on 31 December of `year`. */
  value: number;
}

export interface DemoMunicipality {
  name: string;
  districts: DemoDistrict[];
  years: number[];
  /** One row per district × year × age group. */
  population: DemoPopulationRow[];
  /** [minLon, minLat, maxLon, maxLat] over all districts. */
  bbox: [number, number, number, number];
}

export interface DemoMunicipalityOptions {
  seed?: number;
  districtCount?: number;
  firstYear?: number;
  lastYear?: number;
}
