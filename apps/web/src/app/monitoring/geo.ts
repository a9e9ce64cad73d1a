/** Small planar geometry helpers for the map (lon/lat treated as plane coordinates; areas are small). */

type Ring = number[][];
export interface PolygonGeometry {
  type: 'Polygon' | 'MultiPolygon';
  coordinates: unknown[];
}

function rings(g: PolygonGeometry): Ring[][] {
  return g.type === 'Polygon' ? [g.coordinates as Ring[]] : (g.coordinates as Ring[][]);
}

/** Signed area and centroid of one ring (shoelace formula). */
function ringCentroid(ring: Ring): { area: number; x: number; y: number } {
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [x0, y0] = ring[j]! as [number, number];
    const [x1, y1] = ring[i]! as [number, number];
    const f = x0 * y1 - x1 * y0;
    a += f;
    cx += (x0 + x1) * f;
    cy += (y0 + y1) * f;
  }
  a /= 2;
  if (a === 0) {
    const n = ring.length || 1;
    return {
      area: 0,
      x: ring.reduce((s, p) => s + p[0]!, 0) / n,
      y: ring.reduce((s, p) => s + p[1]!, 0) / n,
    };
  }
  return { area: Math.abs(a), x: cx / (6 * a), y: cy / (6 * a) };
}

/** Centroid of the largest outer ring (a good anchor for a tooltip), or null for empty geometry. */
export function labelPoint(g: PolygonGeometry): [number, number] | null {
  let best: { area: number; x: number; y: number } | null = null;
  for (const poly of rings(g)) {
    const outer = poly[0];
    if (!outer || outer.length < 3) continue;
    const c = ringCentroid(outer);
    if (!best || c.area > best.area) best = c;
  }
  return best ? [best.x, best.y] : null;
}

/** [west, south, east, north] of all features, or null when there are none. */
export function bboxOf(geoms: readonly PolygonGeometry[]): [number, number, number, number] | null {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  for (const g of geoms)
    for (const poly of rings(g))
      for (const ring of poly)
        for (const p of ring) {
          const x = p[0]!;
          const y = p[1]!;
          if (x < w) w = x;
          if (x > e) e = x;
          if (y < s) s = y;
          if (y > n) n = y;
        }
  return Number.isFinite(w) ? [w, s, e, n] : null;
}
