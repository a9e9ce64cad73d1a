/**
 * Properties of the progress status over seeded random targets and series (deterministic seeds; a failing
 * case prints its inputs). fast-check is not a dependency of the project; the mulberry32 generator of the
 * demo data is used instead.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../demo/rng';
import type { Period } from '../statistics/types';
import { computeProgress, progressRank } from './progress';
import type { ProgressDirection, ProgressTarget } from './progress';

const year = (y: number): Period => ({ type: 'year', date: `${y}-01-01` });
const CASES = 400;

/** Positive decimal with up to 3 fraction digits in [min, max). */
function positive(rng: () => number, min: number, max: number): string {
  return (min + rng() * (max - min)).toFixed(3);
}

function randomTarget(rng: () => number): { t: ProgressTarget; baseYear: number; targetYear: number } {
  const direction: ProgressDirection = rng() < 0.5 ? 'higher_better' : 'lower_better';
  const baseYear = 2010 + Math.floor(rng() * 8);
  const targetYear = baseYear + 1 + Math.floor(rng() * 15);
  return {
    t: {
      direction,
      baseline: { period: year(baseYear), value: positive(rng, 1, 200) },
      target: { period: year(targetYear), value: positive(rng, 1, 200) },
    },
    baseYear,
    targetYear,
  };
}

describe('progress properties', () => {
  it('a better latest value never gives a worse status (monotonicity)', () => {
    const rng = createRng(20260801);
    for (let i = 0; i < CASES; i++) {
      const { t, baseYear, targetYear } = randomTarget(rng);
      const latestYear = baseYear + 1 + Math.floor(rng() * (targetYear - baseYear + 3));
      const a = Number(positive(rng, 0, 300));
      const b = Number(positive(rng, 0, 300));
      const [worse, better] =
        t.direction === 'higher_better' ? [Math.min(a, b), Math.max(a, b)] : [Math.max(a, b), Math.min(a, b)];
      const rw = computeProgress(t, [{ period: year(latestYear), value: worse.toFixed(3) }]);
      const rb = computeProgress(t, [{ period: year(latestYear), value: better.toFixed(3) }]);
      const context = JSON.stringify({ t, latestYear, worse, better, rw: rw.status, rb: rb.status });
      expect(progressRank(rw.status), context).not.toBeNull();
      expect(progressRank(rb.status)!, context).toBeGreaterThanOrEqual(progressRank(rw.status)!);
      if (rw.ratio !== null && rb.ratio !== null) {
        expect(Number(rb.ratio), context).toBeGreaterThanOrEqual(Number(rw.ratio));
      }
    }
  });

  it('the status does not depend on the unit: scaling all values by k > 0 keeps it', () => {
    const rng = createRng(42);
    for (let i = 0; i < CASES; i++) {
      const { t, baseYear, targetYear } = randomTarget(rng);
      const latest = {
        period: year(baseYear + 1 + Math.floor(rng() * (targetYear - baseYear))),
        value: positive(rng, 1, 300),
      };
      const k = [10, 100, 0.1, 1000][i % 4]!;
      const scale = (v: string) => (Number(v) * k).toFixed(6);
      const scaled: ProgressTarget = {
        direction: t.direction,
        baseline: { period: t.baseline.period, value: scale(t.baseline.value!) },
        target: { period: t.target.period, value: scale(t.target.value) },
      };
      const r1 = computeProgress(t, [latest]);
      const r2 = computeProgress(scaled, [{ ...latest, value: scale(latest.value) }]);
      expect(r2.status, JSON.stringify({ t, latest, k })).toBe(r1.status);
    }
  });

  it('a withheld value never influences the result, whatever it is', () => {
    const rng = createRng(7);
    for (let i = 0; i < CASES; i++) {
      const { t, baseYear } = randomTarget(rng);
      const publicObs = { period: year(baseYear + 1), value: positive(rng, 1, 300) };
      const secretA = { period: year(baseYear + 2), value: positive(rng, 0, 300), withheld: true };
      const secretB = { ...secretA, value: positive(rng, 0, 300) };
      const ra = computeProgress(t, [publicObs, secretA]);
      const rb = computeProgress(t, [publicObs, secretB]);
      expect(rb).toEqual(ra);
      expect(ra.latest?.value).toBe(publicObs.value);
      expect(ra.caveats).toContain('newer_values_withheld');
    }
  });

  it('more elapsed time at the same value never improves a target that is not yet reached', () => {
    // Same latest value one year later means a lower actual growth rate toward the target.
    const rng = createRng(99);
    for (let i = 0; i < CASES; i++) {
      const { t, baseYear, targetYear } = randomTarget(rng);
      const value = positive(rng, 1, 300);
      const y1 = baseYear + 1 + Math.floor(rng() * (targetYear - baseYear));
      const r1 = computeProgress(t, [{ period: year(y1), value }]);
      const r2 = computeProgress(t, [{ period: year(y1 + 1), value }]);
      if (r1.status === 'target_achieved' || r1.status === 'insufficient_data') continue;
      // Moving toward the target (positive R) slows down; moving away (negative R) is diluted but stays < 0.
      const context = JSON.stringify({ t, value, y1, r1: r1.status, r2: r2.status });
      if (Number(r1.ratio) >= 0)
        expect(progressRank(r2.status)!, context).toBeLessThanOrEqual(progressRank(r1.status)!);
      else expect(r2.status, context).toBe('deterioration');
    }
  });
});
