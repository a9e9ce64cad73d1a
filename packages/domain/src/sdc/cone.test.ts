import { describe, expect, it } from 'vitest';
import { createRng } from '../demo/rng';
import { coneSupport, coneWitness } from './cone';

const q = (rows: number[][]) => rows.map((r) => r.map((x) => BigInt(x)));
const support = (rows: number[][], k: number) => [...coneSupport(q(rows), k)].toSorted((a, b) => a - b);

/** Exact check of a witness: w ≥ 0, Q w = 0, w[target] = 1. */
function isWitness(rows: number[][], w: (readonly [bigint, bigint])[], target: number): boolean {
  const den = w.reduce((d, [, b]) => d * b, 1n);
  const ints = w.map(([a, b]) => (a * den) / b);
  return (
    ints.every((x) => x >= 0n) &&
    ints[target] === den &&
    rows.every((r) => r.reduce((s, x, j) => s + BigInt(x) * ints[j]!, 0n) === 0n)
  );
}

describe('coneSupport (exact simplex)', () => {
  it('hand-made cones', () => {
    expect(support([[1, -1]], 2)).toEqual([0, 1]); // w0 = w1
    expect(support([[1, 1]], 2)).toEqual([]); // w0 + w1 = 0 forces 0
    expect(support([[1, 1, -1]], 3)).toEqual([0, 1, 2]); // w2 = w0 + w1
    expect(
      support(
        [
          [1, -1, 0],
          [0, 1, 1],
        ],
        3,
      ),
    ).toEqual([]); // w0 = w1, w1 + w2 = 0
    expect(support([[1, 1, 0]], 3)).toEqual([2]); // an unconstrained coordinate is free
    expect(
      support(
        [
          [1, -2, 0],
          [0, 1, -3],
        ],
        3,
      ),
    ).toEqual([0, 1, 2]); // w = (6, 3, 1)
  });

  it('witnesses are exact; agrees with a brute-force search on random small cones', () => {
    const rng = createRng(99);
    for (let t = 0; t < 300; t++) {
      const k = 2 + Math.floor(rng() * 4);
      const m = 1 + Math.floor(rng() * 3);
      const rows = Array.from({ length: m }, () =>
        Array.from({ length: k }, () => Math.floor(rng() * 3) - 1),
      );
      const sup = coneSupport(q(rows), k);
      for (let j = 0; j < k; j++) {
        const w = coneWitness(q(rows), k, j);
        if (w) expect(isWitness(rows, w, j)).toBe(true);
        // Coordinates without a witness are outside the support (and vice versa for constrained ones).
        if (rows.some((r) => r[j] !== 0)) expect(sup.has(j)).toBe(w !== null);
      }
      // Brute force over {0..3}^k: every coordinate positive in some solution is in the support.
      const brute = new Set<number>();
      const w = Array.from({ length: k }, () => 0);
      const visit = (i: number) => {
        if (i === k) {
          if (rows.every((r) => r.reduce((s, x, j) => s + x * w[j]!, 0) === 0)) {
            w.forEach((x, j) => x > 0 && brute.add(j));
          }
          return;
        }
        for (let v = 0; v <= 3; v++) {
          w[i] = v;
          visit(i + 1);
        }
      };
      visit(0);
      for (const j of brute) expect(sup.has(j), JSON.stringify(rows)).toBe(true);
      // With entries in {−1, 0, 1} and at most 5 coordinates, small solutions suffice (checked here).
      expect([...sup].toSorted()).toEqual([...brute].toSorted());
    }
  });
});
