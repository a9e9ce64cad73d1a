/**
 * Small planar helpers on WGS84 polygons: bbox, area-weighted centroid (for labels), Douglas–Peucker
 * simplification. Planar on lon/lat is good enough for labels and display at municipal scale.
 */
import { normalizeWinding, signedArea2 } from './winding';
import type { PolygonGeometry, Position } from './types';

export type BBox = [number, number, number, number];

function polygonsOf(geometry: PolygonGeometry): Position[][][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

/** [minLon, minLat, maxLon, maxLat]; [NaN×4] for an empty geometry. */
export function bboxOf(geometry: PolygonGeometry | readonly PolygonGeometry[]): BBox {
  const list = Array.isArray(geometry) ? geometry : [geometry as PolygonGeometry];
  const b: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const g of list) {
    for (const polygon of polygonsOf(g)) {
      for (const ring of polygon) {
        for (const p of ring) {
          if (p[0] < b[0]) b[0] = p[0];
          if (p[1] < b[1]) b[1] = p[1];
          if (p[0] > b[2]) b[2] = p[0];
          if (p[1] > b[3]) b[3] = p[1];
        }
      }
    }
  }
  return b[0] === Infinity ? [NaN, NaN, NaN, NaN] : b;
}

/** Ring area and centroid (relative to an origin for numeric stability). */
function ringMoments(
  ring: readonly Position[],
  ox: number,
  oy: number,
): { a: number; cx: number; cy: number } {
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const p = ring[j]!;
    const q = ring[i]!;
    const x0 = p[0] - ox;
    const y0 = p[1] - oy;
    const x1 = q[0] - ox;
    const y1 = q[1] - oy;
    const cross = x0 * y1 - x1 * y0;
    a += cross;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  // a is twice the signed area; centroid = (cx, cy) / (3 a).
  return { a: a / 2, cx: a === 0 ? 0 : cx / (3 * a), cy: a === 0 ? 0 : cy / (3 * a) };
}

/**
 * Area-weighted centroid [lon, lat] (holes subtract, all parts of a MultiPolygon count by area).
 * May lie outside strongly concave shapes. Degenerate (zero-area) input gives the vertex mean.
 */
export function centroidOf(geometry: PolygonGeometry): Position {
  const polygons = polygonsOf(geometry);
  const first = polygons[0]?.[0]?.[0];
  if (!first) return [NaN, NaN];
  const [ox, oy] = first;
  let area = 0;
  let sx = 0;
  let sy = 0;
  for (const polygon of polygons) {
    polygon.forEach((ring, r) => {
      const m = ringMoments(ring, ox, oy);
      const w = r === 0 ? Math.abs(m.a) : -Math.abs(m.a);
      area += w;
      sx += w * m.cx;
      sy += w * m.cy;
    });
  }
  if (Math.abs(area) > 1e-18) return [ox + sx / area, oy + sy / area];
  let n = 0;
  let mx = 0;
  let my = 0;
  for (const polygon of polygons) {
    for (const p of polygon[0] ?? []) {
      mx += p[0];
      my += p[1];
      n++;
    }
  }
  return [mx / n, my / n];
}

/** Planar area in square degrees (outer minus holes). */
export function planarArea(geometry: PolygonGeometry): number {
  let area = 0;
  for (const polygon of polygonsOf(geometry)) {
    polygon.forEach((ring, r) => {
      const a = Math.abs(signedArea2(ring)) / 2;
      area += r === 0 ? a : -a;
    });
  }
  return area;
}

function segmentDistance2(p: Position, a: Position, b: Position): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  let t = 0;
  const len2 = dx * dx + dy * dy;
  if (len2 > 0) t = Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
  const x = a[0] + t * dx - p[0];
  const y = a[1] + t * dy - p[1];
  return x * x + y * y;
}

/** Douglas–Peucker on a closed ring; the first (= last) point is kept. */
function simplifyRing(ring: readonly Position[], tolerance: number): Position[] {
  const n = ring.length;
  if (n <= 4) return ring.map((p) => [p[0], p[1]]);
  const keep = new Uint8Array(n);
  keep[0] = 1;
  keep[n - 1] = 1;
  // Split the closed ring at the vertex farthest from the start, so both halves have distinct ends.
  let far = 1;
  let farD = -1;
  for (let i = 1; i < n - 1; i++) {
    const d = (ring[i]![0] - ring[0]![0]) ** 2 + (ring[i]![1] - ring[0]![1]) ** 2;
    if (d > farD) [far, farD] = [i, d];
  }
  keep[far] = 1;
  const tol2 = tolerance * tolerance;
  const stack: Array<[number, number]> = [
    [0, far],
    [far, n - 1],
  ];
  while (stack.length) {
    const [s, e] = stack.pop()!;
    let index = -1;
    let maxD = tol2;
    for (let i = s + 1; i < e; i++) {
      const d = segmentDistance2(ring[i]!, ring[s]!, ring[e]!);
      if (d > maxD) [index, maxD] = [i, d];
    }
    if (index >= 0) {
      keep[index] = 1;
      stack.push([s, index], [index, e]);
    }
  }
  const out: Position[] = [];
  for (let i = 0; i < n; i++) if (keep[i]) out.push([ring[i]![0], ring[i]![1]]);
  return out;
}

const copy = (ring: readonly Position[]): Position[] => ring.map((p) => [p[0], p[1]]);
/** A simplified ring is kept if it still is a ring and not smaller than the tolerance. */
function usable(ring: Position[], tolerance: number): boolean {
  if (ring.length < 4 || signedArea2(ring) === 0) return false;
  const b = bboxOf({ type: 'Polygon', coordinates: [ring] });
  return Math.max(b[2] - b[0], b[3] - b[1]) >= tolerance;
}

/**
 * Douglas–Peucker simplification with a tolerance in degrees (0.0001° ≈ 7–11 m in Germany). Rings that
 * collapse below 4 points are dropped (holes, small islands); the largest part of a geometry is always
 * kept. Shared borders of neighbouring areas are simplified independently (tiny gaps may appear).
 */
export function simplify<T extends PolygonGeometry>(geometry: T, toleranceDegrees: number): T {
  if (!(toleranceDegrees > 0)) return geometry;
  const polygons = polygonsOf(geometry);
  let largest = -1;
  let largestArea = -1;
  polygons.forEach((polygon, i) => {
    const a = Math.abs(signedArea2(polygon[0] ?? []));
    if (a > largestArea) [largest, largestArea] = [i, a];
  });
  const out: Position[][][] = [];
  polygons.forEach((polygon, i) => {
    const outer = polygon[0];
    if (!outer) return;
    let simplified = simplifyRing(outer, toleranceDegrees);
    if (!usable(simplified, toleranceDegrees)) {
      // A collapsed outer ring drops the whole part (with its holes), except for the largest part.
      if (i !== largest) return;
      simplified = copy(outer);
    }
    const rings = [simplified];
    for (const hole of polygon.slice(1)) {
      const h = simplifyRing(hole, toleranceDegrees);
      if (usable(h, toleranceDegrees)) rings.push(h);
    }
    out.push(rings);
  });
  const result =
    geometry.type === 'Polygon'
      ? { type: 'Polygon' as const, coordinates: out[0] ?? [] }
      : { type: 'MultiPolygon' as const, coordinates: out };
  return normalizeWinding(result) as T;
}
