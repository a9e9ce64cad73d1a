/**
 * Ring orientation. RFC 7946: outer rings counter-clockwise, holes clockwise (in lon/lat with x = east,
 * y = north). d3-geo wants the opposite; renderers that need it rewind themselves.
 */
// The package ships no types; the reference keeps them in every program that compiles this file.
// oxlint-disable-next-line typescript/triple-slash-reference
/// <reference path="./geojson-rewind.d.ts" />
import rewind from '@mapbox/geojson-rewind';
import type { PolygonGeometry, Position } from './types';

/** Twice the signed area (shoelace); positive for counter-clockwise rings. */
export function signedArea2(ring: readonly Position[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[j]!;
    const b = ring[i]!;
    sum += a[0] * b[1] - b[0] * a[1];
  }
  return sum;
}

export function isCounterClockwise(ring: readonly Position[]): boolean {
  return signedArea2(ring) > 0;
}

/** RFC 7946 winding, in place; returns the same geometry. */
export function normalizeWinding<T extends PolygonGeometry>(geometry: T): T {
  return rewind(geometry, false);
}
