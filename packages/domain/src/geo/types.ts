/**
 * Shared types of the boundary importers (GeoJSON, TopoJSON, KML, zipped Shapefile). Every reader
 * returns polygons in WGS84 (EPSG:4326, lon/lat) with RFC 7946 winding (outer rings counter-clockwise,
 * holes clockwise) and the feature properties as found, plus what it detected about the coordinate system.
 */
import type { ImportFileError } from '../statistics/types';

export type SupportedCrs =
  'EPSG:4326' | 'EPSG:3857' | 'EPSG:25832' | 'EPSG:25833' | 'EPSG:31467' | 'EPSG:31468';

export type BoundaryFormat = 'geojson' | 'topojson' | 'kml' | 'shapefile-zip';

export type Position = [number, number];
export type PolygonGeometry =
  { type: 'Polygon'; coordinates: Position[][] } | { type: 'MultiPolygon'; coordinates: Position[][][] };

export interface BoundaryFeature {
  /** 0-based index in the source file (for error messages and the mapping step). */
  index: number;
  properties: Record<string, string | number | boolean | null>;
  /** WGS84, RFC 7946 winding; features with the same key are NOT merged here (see mergeByKey). */
  geometry: PolygonGeometry;
}

export interface CrsDetection {
  crs: SupportedCrs;
  /** How it was found: declared in the file (`crs` member, .prj, KML is always WGS84), guessed from the coordinate range, or given by the caller. */
  how: 'declared' | 'guessed' | 'given';
  /** German explanation shown in the wizard, e.g. 'Koordinaten in Metern ohne Angabe: als ETRS89 / UTM 33N gedeutet, weil …'. */
  reason: string;
  /** Other systems that would also fit the coordinates (the user may choose one). */
  alternatives: SupportedCrs[];
  /** The declaration as found in the file ('urn:ogc:def:crs:EPSG::25833', the PROJCS name of a .prj, …). */
  declaredAs?: string;
  /**
   * proj4 definition actually used when it differs from the standard one of `crs` (e.g. a .prj with
   * the zone number in front of the easting, false easting 32 500 000 instead of 500 000).
   */
  definition?: string;
  /** The file had latitude before longitude; the axes were swapped. */
  swappedAxes?: boolean;
}

export interface BoundaryDataset {
  format: BoundaryFormat;
  /** TopoJSON: the object (layer) read; Shapefile: the .shp inside the zip. */
  layer?: string;
  layers?: string[];
  crs: CrsDetection;
  features: BoundaryFeature[];
  /** Property names in order of first appearance. */
  propertyNames: string[];
  /** Suggested key and name properties (e.g. ARS/AGS/RS/id/STT_NR and GEN/name/STT_NAME). */
  suggestedKey: string | null;
  suggestedName: string | null;
  /** [minLon, minLat, maxLon, maxLat] after reprojection. */
  bbox: [number, number, number, number];
  /** Non-fatal findings in German (e.g. 'Feature 12 hat keine Geometrie und wurde übersprungen'). */
  warnings: string[];
}

export interface ReadBoundariesOptions {
  /** Force the source coordinate system (the user's choice in the wizard). */
  crs?: SupportedCrs;
  /** TopoJSON object name (default: the first). */
  layer?: string;
  /**
   * Where the data is expected (e.g. the bbox of the tenant's existing areas or of its Land), used to
   * decide between coordinate systems that would all put the data somewhere plausible.
   */
  expectedBbox?: [number, number, number, number];
}

/** A point feature (facility location), WGS84 lon/lat. */
export interface PointFeature {
  /** 0-based index in the source file. */
  index: number;
  properties: Record<string, string | number | boolean | null>;
  geometry: { type: 'Point'; coordinates: Position };
}

/** Result of `readPoints`: like a boundary dataset, but with point features. */
export interface PointDataset extends Omit<BoundaryDataset, 'features'> {
  features: PointFeature[];
}

/** One area after merging features that share a key (see mergeByKey). */
export interface MergedArea {
  key: string;
  name?: string;
  geometry: PolygonGeometry;
  /** Positions in the `features` array given to mergeByKey (not `BoundaryFeature.index`), in input order. */
  featureIndexes: number[];
}

export type ReadBoundaries = (
  file: { name: string; bytes: Uint8Array },
  options?: ReadBoundariesOptions,
) => Promise<BoundaryDataset>;

export type { ImportFileError };
