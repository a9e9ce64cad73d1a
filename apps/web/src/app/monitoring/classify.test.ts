import { describe, expect, it } from 'vitest';
import {
  ckmeans,
  clampClasses,
  classCount,
  classify,
  classOf,
  equalIntervalBreaks,
  naturalBreaks,
  palette,
  quantileBreaks,
  textOn,
} from './classify';

/** Within-group sum of squares of a partition. */
const ssw = (groups: number[][]) =>
  groups.reduce((s, g) => {
    const m = g.reduce((a, b) => a + b, 0) / g.length;
    return s + g.reduce((a, b) => a + (b - m) ** 2, 0);
  }, 0);

/** Reference: plain O(k·n²) dynamic programme over the sorted values. */
function bruteForceCost(values: number[], k: number): number {
  const s = values.toSorted((a, b) => a - b);
  const n = s.length;
  const c = (j: number, i: number) => ssw([s.slice(j, i + 1)]);
  const D: number[][] = Array.from({ length: k }, () => Array<number>(n).fill(Infinity));
  for (let i = 0; i < n; i++) D[0]![i] = c(0, i);
  for (let g = 1; g < k; g++)
    for (let i = g; i < n; i++)
      for (let j = g; j <= i; j++) D[g]![i] = Math.min(D[g]![i]!, D[g - 1]![j - 1]! + c(j, i));
  return D[k - 1]![n - 1]!;
}

/** Deterministic pseudo-random numbers (mulberry32). */
function rng(seed: number) {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('ckmeans (natural breaks)', () => {
  it('splits the textbook example', () => {
    expect(ckmeans([-1, 2, -1, 2, 4, 5, 6, -1, 2, -1], 3)).toEqual([
      [-1, -1, -1, -1],
      [2, 2, 2],
      [4, 5, 6],
    ]);
  });

  it('finds the optimum of a brute-force dynamic programme on random data', () => {
    const r = rng(42);
    for (let round = 0; round < 40; round++) {
      const n = 5 + Math.floor(r() * 40);
      const values = Array.from({ length: n }, () => Math.round(r() * 1000) / 10);
      for (const k of [2, 3, 5, 7]) {
        const unique = new Set(values).size;
        if (k > unique) continue;
        const groups = ckmeans(values, k);
        expect(groups).toHaveLength(k);
        expect(groups.flat()).toEqual(values.toSorted((a, b) => a - b));
        expect(ssw(groups)).toBeCloseTo(bruteForceCost(values, k), 6);
      }
    }
  });

  it('handles identical values, fewer unique values than classes and empty input', () => {
    expect(ckmeans([3, 3, 3], 4)).toEqual([[3, 3, 3]]);
    expect(ckmeans([1, 1, 2, 2], 5)).toEqual([
      [1, 1],
      [2, 2],
    ]);
    expect(ckmeans([], 3)).toEqual([]);
  });

  it('classifies 10 000 values into 7 ordered, non-overlapping classes', () => {
    const r = rng(7);
    const values = Array.from({ length: 10_000 }, () => r() * 100);
    const classes = ckmeans(values, 7);
    expect(classes).toHaveLength(7);
    expect(classes.reduce((n, c) => n + c.length, 0)).toBe(10_000);
    for (let i = 1; i < classes.length; i++) {
      expect(Math.min(...classes[i]!)).toBeGreaterThanOrEqual(Math.max(...classes[i - 1]!));
    }
  });
});

describe('breaks', () => {
  const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

  it('equal intervals divide the range evenly', () => {
    expect(equalIntervalBreaks(values, 3)).toEqual([1, 4, 7, 10]);
    expect(equalIntervalBreaks([5, 5], 4)).toEqual([5, 5]);
    expect(equalIntervalBreaks([], 4)).toEqual([]);
  });

  it('quantiles put about the same number of values into each class', () => {
    const b = quantileBreaks(values, 5);
    expect(b).toHaveLength(6);
    expect(b[0]).toBe(1);
    expect(b[5]).toBe(10);
    const counts = [0, 0, 0, 0, 0];
    for (const v of values) counts[classOf({ method: 'quantile', breaks: b }, v)]! += 1;
    expect(counts).toEqual([2, 2, 2, 2, 2]);
  });

  it('quantiles of many equal values collapse repeated breaks', () => {
    const b = quantileBreaks([0, 0, 0, 0, 0, 0, 0, 1, 2, 3], 5);
    expect(new Set(b).size).toBe(b.length);
    expect(b[0]).toBe(0);
    expect(b[b.length - 1]).toBe(3);
  });

  it('natural breaks separate clusters', () => {
    expect(naturalBreaks([1, 1.1, 1.2, 10, 10.5, 11, 30, 31], 3)).toEqual([1, 1.2, 11, 31]);
  });

  it('ignore non-finite values', () => {
    expect(equalIntervalBreaks([1, NaN, 3, Infinity], 2)).toEqual([1, 2, 3]);
  });
});

describe('classify and classOf', () => {
  it('clamps the class count to 3…7', () => {
    expect(clampClasses(1)).toBe(3);
    expect(clampClasses(9)).toBe(7);
    expect(clampClasses(undefined)).toBe(5);
    expect(clampClasses(4.4)).toBe(4);
    expect(classCount(classify([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 'equal', 12))).toBe(7);
  });

  it('assigns the lower bound to the first class and upper bounds inclusively', () => {
    const c = classify([0, 10, 20, 30], 'equal', 3);
    expect(c.breaks).toEqual([0, 10, 20, 30]);
    expect(classOf(c, 0)).toBe(0);
    expect(classOf(c, 10)).toBe(0);
    expect(classOf(c, 10.01)).toBe(1);
    expect(classOf(c, 30)).toBe(2);
    expect(classOf(c, 31)).toBe(-1);
    expect(classOf(c, null)).toBe(-1);
    expect(classOf({ method: 'equal', breaks: [] }, 3)).toBe(-1);
  });

  it('single value gives one class', () => {
    const c = classify([4, 4, 4], 'jenks', 5);
    expect(c.breaks).toEqual([4, 4]);
    expect(classOf(c, 4)).toBe(0);
  });
});

describe('palette', () => {
  it('has one colour per class, light to dark', () => {
    for (let k = 1; k <= 7; k++) expect(palette(k)).toHaveLength(k);
    expect(palette(12)).toHaveLength(7);
    expect(textOn('#ffffcc')).toBe('#1b1f24');
    expect(textOn('#0c2c84')).toBe('#ffffff');
  });
});
