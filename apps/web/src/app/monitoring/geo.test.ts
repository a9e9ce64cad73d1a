import { describe, expect, it } from 'vitest';
import { bboxOf, labelPoint } from './geo';

const square = (x: number, y: number, s: number) => [
  [
    [x, y],
    [x + s, y],
    [x + s, y + s],
    [x, y + s],
    [x, y],
  ],
];

describe('labelPoint', () => {
  it('is the centroid of a polygon, whatever the winding', () => {
    expect(labelPoint({ type: 'Polygon', coordinates: square(0, 0, 2) })).toEqual([1, 1]);
    const reversed = square(0, 0, 2).map((r) => r.toReversed());
    expect(labelPoint({ type: 'Polygon', coordinates: reversed })).toEqual([1, 1]);
  });

  it('takes the largest part of a multipolygon', () => {
    expect(labelPoint({ type: 'MultiPolygon', coordinates: [square(0, 0, 1), square(10, 10, 4)] })).toEqual([
      12, 12,
    ]);
  });

  it('copes with degenerate and empty geometry', () => {
    expect(labelPoint({ type: 'Polygon', coordinates: [] })).toBeNull();
    expect(
      labelPoint({
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 1],
            [2, 2],
          ],
        ],
      }),
    ).toEqual([1, 1]);
  });
});

describe('bboxOf', () => {
  it('spans all features', () => {
    expect(
      bboxOf([
        { type: 'Polygon', coordinates: square(9.9, 50.9, 0.1) },
        { type: 'MultiPolygon', coordinates: [square(10, 51, 0.2)] },
      ]),
    ).toEqual([9.9, 50.9, 10.2, 51.2]);
    expect(bboxOf([])).toBeNull();
  });
});
