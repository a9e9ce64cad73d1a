import { describe, expect, it } from 'vitest';
import { sparklinePath, trendDirection } from './trend';

describe('sparklinePath', () => {
  it('scales values into the box, highest at the top', () => {
    const { d, points } = sparklinePath([0, 10], 100, 20, 0);
    expect(d).toBe('M0 20L100 0');
    expect(points).toHaveLength(2);
  });

  it('breaks the line at missing values', () => {
    const { d } = sparklinePath([1, null, 3, 4], 30, 10, 0);
    expect(d).toBe('M0 10M20 3.3L30 0');
  });

  it('draws flat and single-value series in the middle', () => {
    expect(sparklinePath([5, 5, 5], 20, 10, 0).d).toBe('M0 5L10 5L20 5');
    expect(sparklinePath([7], 20, 10).d).toBe('M10 5');
    expect(sparklinePath([null, null], 20, 10).d).toBe('');
  });
});

describe('trendDirection', () => {
  it('compares first and last value at the displayed precision', () => {
    expect(trendDirection([38.7, 40.2, 39.9], 1)).toBe('up');
    expect(trendDirection([40, null, 39.96], 1)).toBe('flat');
    expect(trendDirection([40, 39.9], 1)).toBe('down');
    expect(trendDirection([40], 1)).toBeNull();
    expect(trendDirection([null, 3, null], 0)).toBeNull();
  });
});
