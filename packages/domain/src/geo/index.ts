/** Boundary and point import: GeoJSON, TopoJSON, KML/KMZ, zipped shapefiles → WGS84, RFC 7946 winding. */
export * from './types';
export {
  CRS_DEFINITIONS,
  CRS_NAMES,
  GERMANY_BBOX,
  SUPPORTED_CRS,
  collectCrsHints,
  createToWgs84,
  crsFromEpsgCode,
  crsFromPrj,
  crsLabel,
  detectCrs,
  fromWgs84,
  isSupportedCrs,
  parseCrsName,
  rangeCandidates,
  toWgs84,
  type CrsChoice,
  type CrsHint,
  type CrsInput,
  type CrsResult,
  type DeclaredCrs,
  type PrjCrs,
} from './crs';
export { bboxOf, centroidOf, planarArea, simplify, type BBox } from './geometry';
export { KEY_PREFERENCE, NAME_PREFERENCE, suggestKeyProperty, suggestNameProperty } from './keys';
export { keyText, mergeByKey } from './merge';
export { readBoundaries, readPoints, type InputFile } from './read';
export { isCounterClockwise, normalizeWinding, signedArea2 } from './winding';
