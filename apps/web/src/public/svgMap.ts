/* Server-side SVG maps of the public portal: boundaries in WGS84, drawn without JavaScript. */

export type Ring = Array<[number, number]>;

/** The outer and inner rings of a Polygon or MultiPolygon (other geometries draw nothing). */
export function ringsOf(g: unknown): Ring[] {
  const geom = g as { type?: string; coordinates?: unknown } | null;
  if (!geom?.coordinates) return [];
  if (geom.type === 'Polygon') return geom.coordinates as Ring[];
  if (geom.type === 'MultiPolygon') return (geom.coordinates as Ring[][]).flat();
  return [];
}

/**
 * An equirectangular projection of the points' extent onto a 640 px wide viewBox (longitudes shortened by
 * the cosine of the mean latitude, so that shapes keep their proportions at German latitudes).
 */
export function projection(points: ReadonlyArray<readonly [number, number]>, width = 640) {
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (const [lon, lat] of points) {
    if (lon < minX) minX = lon;
    if (lon > maxX) maxX = lon;
    if (lat < minY) minY = lat;
    if (lat > maxY) maxY = lat;
  }
  const k = Math.cos((((minY + maxY) / 2) * Math.PI) / 180);
  const spanX = Math.max((maxX - minX) * k, 1e-6);
  const spanY = Math.max(maxY - minY, 1e-6);
  const height = Math.round(Math.min(640, Math.max(240, (width * spanY) / spanX)));
  const s = Math.min((width - 20) / spanX, (height - 20) / spanY);
  const x = (lon: number) => (10 + (lon - minX) * k * s).toFixed(1);
  const y = (lat: number) => (10 + (maxY - lat) * s).toFixed(1);
  return {
    width,
    height,
    x,
    y,
    path: (r: Ring) => `M${r.map((p) => `${x(p[0])},${y(p[1])}`).join('L')}Z`,
  };
}
