import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { PolygonGeometry } from '../geo/index';

export interface AreaShape {
  id: string;
  geometry: PolygonGeometry;
  /** [minLon, minLat, maxLon, maxLat] */
  bbox: readonly number[] | null;
}

/**
 * The area a point lies in: of all areas that contain it, the smallest (a Stadtteil rather than the whole
 * city), judged by the size of the bounding box. `null` when no area contains it.
 */
export function areaOfPoint<T extends AreaShape>(
  point: { lon: number; lat: number },
  areas: readonly T[],
): T | null {
  let best: T | null = null;
  let bestSize = Infinity;
  for (const a of areas) {
    const b = a.bbox;
    if (b && (point.lon < b[0]! || point.lon > b[2]! || point.lat < b[1]! || point.lat > b[3]!)) continue;
    if (!booleanPointInPolygon([point.lon, point.lat], a.geometry as never)) continue;
    const size = b ? (b[2]! - b[0]!) * (b[3]! - b[1]!) : Infinity;
    if (best === null || size < bestSize) {
      best = a;
      bestSize = size;
    }
  }
  return best;
}
