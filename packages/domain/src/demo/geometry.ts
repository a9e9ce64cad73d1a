import { Delaunay } from 'd3-delaunay';
import { uniform } from './rng';

/*
 * District geometry: Voronoi cells of jittered hexagonal grid points.
 *
 * We work in a local metric plane (km, x = east, y = north) around the city centre, build the Voronoi
 * diagram with d3-delaunay and keep the `count` cells whose sites are closest to the centre. The union of
 * these cells is star-shaped around the centre (every site on the way to the centre is at least as close),
 * hence a compact, contiguous blob without holes. Neighbouring cells share the very same Voronoi vertices
 * (identical floats), and each vertex is converted and rounded by the same function, so shared edges
 * coincide exactly in lon/lat as well.
 */

/** Centre of the fictional city (central Germany). */
export const CENTER_LON = 10.0;
export const CENTER_LAT = 51.05;

const KM_PER_DEG_LAT = 111.32;
const KM_PER_DEG_LON = KM_PER_DEG_LAT * Math.cos((CENTER_LAT * Math.PI) / 180);

/** Approximate urban area in km² (≈ 14–16 km across), independent of the number of districts. */
const CITY_AREA_KM2 = 150;
/** Half-size of the site grid (grid has (2R+1)² sites, far more than the selected cells). */
const GRID_RADIUS = 6;

export type Position = [number, number];

export interface DistrictCell {
  /** 0 = closest to the centre. */
  rank: number;
  /** Voronoi site in local km coordinates. */
  site: Position;
  /** Closed, counter-clockwise ring in lon/lat, rounded to 6 decimals. */
  ring: Position[];
  centroid: Position;
}

export function round6(value: number): number {
  const rounded = Math.round(value * 1e6) / 1e6;
  return rounded === 0 ? 0 : rounded; // avoid -0
}

/** Local km → WGS84 lon/lat (equirectangular approximation with cos(lat) scaling), rounded. */
export function kmToLonLat([x, y]: Position): Position {
  return [round6(CENTER_LON + x / KM_PER_DEG_LON), round6(CENTER_LAT + y / KM_PER_DEG_LAT)];
}

/** Shoelace signed area of a closed ring (positive = counter-clockwise with x = lon, y = lat). */
export function signedArea(ring: readonly Position[]): number {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const [x0, y0] = ring[i] as Position;
    const [x1, y1] = ring[i + 1] as Position;
    sum += x0 * y1 - x1 * y0;
  }
  return sum / 2;
}

/** Area centroid of a closed ring (planar approximation, fine for city-sized polygons). */
export function ringCentroid(ring: readonly Position[]): Position {
  let cx = 0;
  let cy = 0;
  let area2 = 0;
  // Shift to the first vertex for numerical stability.
  const [ox, oy] = ring[0] as Position;
  for (let i = 0; i < ring.length - 1; i++) {
    const [ax, ay] = ring[i] as Position;
    const [bx, by] = ring[i + 1] as Position;
    const x0 = ax - ox;
    const y0 = ay - oy;
    const x1 = bx - ox;
    const y1 = by - oy;
    const cross = x0 * y1 - x1 * y0;
    area2 += cross;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  return [round6(ox + cx / (3 * area2)), round6(oy + cy / (3 * area2))];
}

/** Convert a closed km ring to a valid closed CCW lon/lat ring without repeated consecutive positions. */
function toLonLatRing(kmRing: readonly Position[]): Position[] {
  const open: Position[] = [];
  for (const p of kmRing.slice(0, -1)) {
    const q = kmToLonLat(p);
    const last = open[open.length - 1];
    if (!last || last[0] !== q[0] || last[1] !== q[1]) open.push(q);
  }
  // Drop a trailing duplicate of the first position (can appear after rounding).
  const first = open[0];
  const lastPos = open[open.length - 1];
  if (open.length > 1 && first && lastPos && first[0] === lastPos[0] && first[1] === lastPos[1]) open.pop();
  if (open.length < 3) throw new Error('Degenerate district polygon');
  const ring = [...open, [...(open[0] as Position)] as Position];
  const area = signedArea(ring);
  if (area === 0) throw new Error('Degenerate district polygon');
  return area > 0 ? ring : ring.toReversed();
}

/** Build `count` contiguous district cells around the centre. */
export function buildDistrictCells(rng: () => number, count: number): DistrictCell[] {
  // Hexagonal grid spacing so that `count` cells cover roughly CITY_AREA_KM2.
  const spacing = Math.sqrt(CITY_AREA_KM2 / (count * (Math.sqrt(3) / 2)));
  const rowHeight = (spacing * Math.sqrt(3)) / 2;
  const angle = uniform(rng, 0, Math.PI / 3); // random grid rotation
  const shiftX = uniform(rng, -0.5, 0.5) * spacing; // random grid offset
  const shiftY = uniform(rng, -0.5, 0.5) * rowHeight;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);

  const sites: Position[] = [];
  for (let j = -GRID_RADIUS; j <= GRID_RADIUS; j++) {
    for (let i = -GRID_RADIUS; i <= GRID_RADIUS; i++) {
      const oddRow = Math.abs(j) % 2 === 1;
      // Jitter of ±30 % keeps cells irregular but avoids slivers.
      const gx = (i + (oddRow ? 0.5 : 0)) * spacing + shiftX + uniform(rng, -0.3, 0.3) * spacing;
      const gy = j * rowHeight + shiftY + uniform(rng, -0.3, 0.3) * rowHeight;
      sites.push([gx * cos - gy * sin, gx * sin + gy * cos]);
    }
  }

  const bound = (GRID_RADIUS + 2) * spacing;
  const voronoi = Delaunay.from(sites).voronoi([-bound, -bound, bound, bound]);

  // The `count` sites closest to the centre; ties broken by index for determinism.
  const selected = sites
    .map((site, index) => ({ index, site, dist: Math.hypot(site[0], site[1]) }))
    .toSorted((a, b) => a.dist - b.dist || a.index - b.index)
    .slice(0, count);

  return selected.map(({ index, site }, rank) => {
    const kmRing = voronoi.cellPolygon(index) as Position[] | null;
    if (!kmRing) throw new Error('Missing Voronoi cell');
    const ring = toLonLatRing(kmRing);
    return { rank, site, ring, centroid: ringCentroid(ring) };
  });
}
