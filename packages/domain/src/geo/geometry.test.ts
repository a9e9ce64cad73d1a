import { describe, expect, it } from 'vitest';
import { bboxOf, centroidOf, planarArea, simplify } from './geometry';
import { isCounterClockwise, normalizeWinding, signedArea2 } from './winding';
import type { PolygonGeometry, Position } from './types';

/** Closed square ring, counter-clockwise unless `cw`. */
function square(x: number, y: number, size: number, cw = false): Position[] {
  const ring: Position[] = [
    [x, y],
    [x + size, y],
    [x + size, y + size],
    [x, y + size],
    [x, y],
  ];
  return cw ? ring.toReversed() : ring;
}

describe('winding (RFC 7946)', () => {
  it('signed area is positive for counter-clockwise rings', () => {
    expect(signedArea2(square(0, 0, 2))).toBe(8);
    expect(signedArea2(square(0, 0, 2, true))).toBe(-8);
  });

  it('a clockwise outer ring comes out counter-clockwise, a counter-clockwise hole clockwise', () => {
    const g: PolygonGeometry = {
      type: 'Polygon',
      coordinates: [square(0, 0, 10, true), square(2, 2, 2, false)],
    };
    const out = normalizeWinding(g);
    expect(isCounterClockwise(out.coordinates[0]!)).toBe(true);
    expect(isCounterClockwise(out.coordinates[1]!)).toBe(false);
    // Same vertices, only the order changed.
    expect(new Set(out.coordinates[0]!.map((p) => p.join()))).toEqual(
      new Set(square(0, 0, 10).map((p) => p.join())),
    );
  });

  it('already correct rings stay untouched; every part of a MultiPolygon is handled', () => {
    const g: PolygonGeometry = {
      type: 'MultiPolygon',
      coordinates: [[square(0, 0, 1)], [square(5, 5, 3, true), square(6, 6, 1, true)]],
    };
    const out = normalizeWinding(g);
    expect(out.coordinates[0]![0]).toEqual(square(0, 0, 1));
    expect(isCounterClockwise(out.coordinates[1]![0]!)).toBe(true);
    expect(isCounterClockwise(out.coordinates[1]![1]!)).toBe(false);
  });
});

describe('bboxOf', () => {
  it('covers all parts', () => {
    const g: PolygonGeometry = { type: 'MultiPolygon', coordinates: [[square(1, 2, 1)], [square(-3, 5, 2)]] };
    expect(bboxOf(g)).toEqual([-3, 2, 2, 7]);
    expect(bboxOf([g, { type: 'Polygon', coordinates: [square(10, 10, 1)] }])).toEqual([-3, 2, 11, 11]);
  });
});

describe('centroidOf (area-weighted)', () => {
  it('square → its centre, independent of winding', () => {
    expect(centroidOf({ type: 'Polygon', coordinates: [square(2, 4, 2)] })).toEqual([3, 5]);
    expect(centroidOf({ type: 'Polygon', coordinates: [square(2, 4, 2, true)] })).toEqual([3, 5]);
  });

  it('weights parts by area: 1×1 at x 0..1 and 3×3 at x 10..13', () => {
    const [x, y] = centroidOf({ type: 'MultiPolygon', coordinates: [[square(0, 0, 1)], [square(10, 0, 3)]] });
    // (1 · 0.5 + 9 · 11.5) / 10 = 10.4 ; (1 · 0.5 + 9 · 1.5) / 10 = 1.4
    expect(x).toBeCloseTo(10.4, 12);
    expect(y).toBeCloseTo(1.4, 12);
  });

  it('a hole moves the centroid away from it', () => {
    // 4×4 square with a 2×2 hole in the right half: (16·2 − 4·3) / 12 = 5/3
    const [x, y] = centroidOf({ type: 'Polygon', coordinates: [square(0, 0, 4), square(2, 1, 2, true)] });
    expect(x).toBeCloseTo(5 / 3, 12);
    expect(y).toBeCloseTo(2, 12);
    expect(planarArea({ type: 'Polygon', coordinates: [square(0, 0, 4), square(2, 1, 2, true)] })).toBe(12);
  });

  it('is stable for real-world magnitudes (Berlin)', () => {
    const [x, y] = centroidOf({ type: 'Polygon', coordinates: [square(13.4, 52.5, 0.001)] });
    expect(x).toBeCloseTo(13.4005, 10);
    expect(y).toBeCloseTo(52.5005, 10);
  });
});

describe('simplify (Douglas–Peucker)', () => {
  it('removes collinear and near-collinear points, keeps corners and spikes beyond the tolerance', () => {
    const ring: Position[] = [[0, 0]];
    for (let i = 1; i < 10; i++) ring.push([i / 10, i % 2 ? 0.00001 : 0]); // noise below tolerance
    ring.push([1, 0], [1, 0.5], [1.3, 0.55], [1, 0.6], [1, 1], [0, 1], [0, 0]); // spike of 0.3
    const out = simplify({ type: 'Polygon', coordinates: [ring] }, 0.001);
    expect(out.coordinates[0]).toEqual([
      [0, 0],
      [1, 0],
      [1, 0.5],
      [1.3, 0.55],
      [1, 0.6],
      [1, 1],
      [0, 1],
      [0, 0],
    ]);
    expect(isCounterClockwise(out.coordinates[0]!)).toBe(true);
  });

  it('drops holes and small islands that collapse, never the largest part', () => {
    const g: PolygonGeometry = {
      type: 'MultiPolygon',
      coordinates: [
        [
          square(0, 0, 10),
          [
            [5, 5],
            [5.00001, 5],
            [5.00001, 5.00001],
            [5, 5.00001],
            [5, 5],
          ].toReversed() as Position[],
        ],
        [
          [
            [20, 20],
            [20.00001, 20],
            [20, 20.00001],
            [20, 20],
          ],
        ],
      ],
    };
    const out = simplify(g, 0.01);
    expect(out.type).toBe('MultiPolygon');
    expect(out.coordinates).toHaveLength(1);
    expect(out.coordinates[0]).toHaveLength(1);
    // A tiny polygon alone is kept as it is.
    const tiny: PolygonGeometry = { type: 'Polygon', coordinates: [square(0, 0, 0.00001)] };
    expect(simplify(tiny, 1).coordinates[0]).toEqual(square(0, 0, 0.00001));
  });

  it('tolerance 0 returns the input', () => {
    const g: PolygonGeometry = { type: 'Polygon', coordinates: [square(0, 0, 1)] };
    expect(simplify(g, 0)).toBe(g);
  });
});
