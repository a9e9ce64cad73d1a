/**
 * Interval attacker without LP: bound propagation with non-negativity. Every unknown cell starts
 * with [0, +∞); each relation total − Σ parts = 0 with the published cells moved to the right-hand
 * side tightens the bounds of each unknown cell from the bounds of the other unknown cells of that
 * relation, until nothing changes (or a work cap is reached).
 *
 * Every bound derived this way is valid for all non-negative completions, so a cell reported as
 * pinned (min = max) is truly derivable: a sound under-approximation of an exact LP attacker, which
 * may find more (e.g. through combinations of relations that bounds on single relations miss).
 * Coefficients are ±1 and values exact scaled integers, so integrality adds nothing here.
 */
import type { Model } from './model';

export interface Bounds {
  /** Lower bound (scaled like Model.scaled). */
  lo: bigint[];
  /** Upper bound, null = +∞. */
  hi: (bigint | null)[];
  /** False when the work cap stopped the propagation before the fixpoint. */
  converged: boolean;
}

export function propagateBounds(
  model: Model,
  unknown: Uint8Array,
  skip: ReadonlySet<number> = new Set(),
  maxVisitsPerRelation = 50,
): Bounds {
  const n = model.ids.length;
  const lo: bigint[] = Array.from({ length: n }, () => 0n);
  const hi: (bigint | null)[] = Array.from({ length: n }, () => null);
  const rels = model.relCells;
  const rhs: bigint[] = Array.from({ length: rels.length }, () => 0n);
  const active = new Uint8Array(rels.length);
  rels.forEach((list, r) => {
    if (skip.has(r)) return;
    let s = 0n;
    list.forEach((c, k) => {
      if (unknown[c]) active[r] = 1;
      else s -= k === 0 ? model.scaled[c]! : -model.scaled[c]!;
    });
    rhs[r] = s;
  });
  const queue: number[] = [];
  const queued = new Uint8Array(rels.length);
  for (let r = 0; r < rels.length; r++) {
    if (active[r]) {
      queue.push(r);
      queued[r] = 1;
    }
  }
  let budget = maxVisitsPerRelation * Math.max(1, queue.length) + 1000;
  let head = 0;
  while (head < queue.length) {
    if (budget-- <= 0) return { lo, hi, converged: false };
    const r = queue[head++]!;
    queued[r] = 0;
    if (head > 4096 && head * 2 > queue.length) {
      queue.splice(0, head);
      head = 0;
    }
    const list = rels[r]!;
    // Σ s_i x_i over unknown cells = rhs; s = +1 for the total, −1 for parts.
    let minSum = 0n;
    let minInf = 0;
    let maxSum = 0n;
    let maxInf = 0;
    for (let k = 0; k < list.length; k++) {
      const c = list[k]!;
      if (!unknown[c]) continue;
      const h = hi[c]!;
      if (k === 0) {
        minSum += lo[c]!;
        if (h === null) maxInf++;
        else maxSum += h;
      } else {
        maxSum -= lo[c]!;
        if (h === null) minInf++;
        else minSum -= h;
      }
    }
    for (let k = 0; k < list.length; k++) {
      const c = list[k]!;
      if (!unknown[c]) continue;
      const h = hi[c]!;
      // Bounds of the other terms: remove this cell's own contribution.
      let oMin: bigint | null;
      let oMax: bigint | null;
      if (k === 0) {
        oMin = minInf > 0 ? null : minSum - lo[c]!;
        oMax = h === null ? (maxInf > 1 ? null : maxSum) : maxInf > 0 ? null : maxSum - h;
      } else {
        oMin = h === null ? (minInf > 1 ? null : minSum) : minInf > 0 ? null : minSum + h;
        oMax = maxInf > 0 ? null : maxSum + lo[c]!;
      }
      // total: x = rhs − others; part: x = others − rhs.
      let newLo: bigint | null;
      let newHi: bigint | null;
      if (k === 0) {
        newHi = oMin === null ? null : rhs[r]! - oMin;
        newLo = oMax === null ? null : rhs[r]! - oMax;
      } else {
        newHi = oMax === null ? null : oMax - rhs[r]!;
        newLo = oMin === null ? null : oMin - rhs[r]!;
      }
      let changed = false;
      if (newLo !== null && newLo > lo[c]!) {
        lo[c] = newLo;
        changed = true;
      }
      if (newHi !== null && (h === null || newHi < h)) {
        hi[c] = newHi;
        changed = true;
      }
      if (changed) {
        for (const q of model.cellRels[c]!) {
          if (q !== r && !queued[q]) {
            queued[q] = 1;
            queue.push(q);
          }
        }
        // The sums of this relation changed as well: recompute it later.
        if (!queued[r]) {
          queued[r] = 1;
          queue.push(r);
        }
      }
    }
  }
  return { lo, hi, converged: true };
}

/** Unknown cells whose interval is a single point (an empty interval means inconsistent values: ignored). */
export function pinnedCells(bounds: Bounds, unknown: Uint8Array): Set<number> {
  const out = new Set<number>();
  for (let c = 0; c < unknown.length; c++) {
    if (!unknown[c]) continue;
    const h = bounds.hi[c]!;
    if (h !== null && h === bounds.lo[c]) out.add(c);
  }
  return out;
}
