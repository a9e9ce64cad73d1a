/**
 * Dissolving neighbouring demo districts into one area (a school catchment made of whole districts).
 *
 * The demo districts are Voronoi cells whose shared edges use the very same rounded vertices
 * (geometry.ts), so two neighbours hold a shared edge once in each direction (a→b in one ring, b→a in the
 * other). Dropping every edge whose reverse is also present leaves the outer boundary; chaining it gives
 * the ring(s) of the union. Works for any set of such cells; cells that do not touch stay separate rings.
 */
import type { Position } from './geometry';
import { signedArea } from './geometry';

const key = (p: Position) => `${p[0]},${p[1]}`;

export type DissolvedGeometry =
  { type: 'Polygon'; coordinates: Position[][] } | { type: 'MultiPolygon'; coordinates: Position[][][] };

/**
 * Union of closed counter-clockwise rings that share edges exactly. One ring → Polygon, several separate
 * parts → MultiPolygon (outer rings only; a part enclosing a hole is not produced by compact groups of
 * cells and is refused).
 */
export function dissolveRings(rings: ReadonlyArray<readonly Position[]>): DissolvedGeometry {
  const edges = new Map<string, { from: Position; to: Position }>();
  const all: Array<{ from: Position; to: Position }> = [];
  for (const ring of rings) {
    for (let i = 0; i < ring.length - 1; i++) {
      const e = { from: ring[i]!, to: ring[i + 1]! };
      all.push(e);
      edges.set(`${key(e.from)}>${key(e.to)}`, e);
    }
  }
  const outer = all.filter((e) => !edges.has(`${key(e.to)}>${key(e.from)}`));
  const next = new Map<string, Array<{ from: Position; to: Position }>>();
  for (const e of outer) {
    const k = key(e.from);
    const list = next.get(k) ?? [];
    list.push(e);
    next.set(k, list);
  }
  const used = new Set<{ from: Position; to: Position }>();
  const parts: Position[][] = [];
  for (const start of outer) {
    if (used.has(start)) continue;
    const ring: Position[] = [start.from];
    let e: { from: Position; to: Position } | undefined = start;
    while (e && !used.has(e)) {
      used.add(e);
      ring.push(e.to);
      if (key(e.to) === key(start.from)) break;
      e = next.get(key(e.to))?.find((x) => !used.has(x));
    }
    if (ring.length < 4 || key(ring[0]!) !== key(ring.at(-1)!)) {
      throw new Error('dissolveRings: boundary does not close');
    }
    if (signedArea(ring) <= 0) throw new Error('dissolveRings: union with a hole');
    parts.push(ring);
  }
  return parts.length === 1
    ? { type: 'Polygon', coordinates: [parts[0]!] }
    : { type: 'MultiPolygon', coordinates: parts.map((r) => [r]) };
}
