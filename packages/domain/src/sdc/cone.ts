/**
 * Exact maximal support of the cone {w ≥ 0 : Q w = 0}: the coordinates that are positive in some
 * element. Small dense phase-1 simplex over exact fractions with Bland's rule (no cycling).
 */

type Frac = [bigint, bigint];

const gcd = (a: bigint, b: bigint): bigint => {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
};
const norm = (n: bigint, d: bigint): Frac => {
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  if (n === 0n) return [0n, 1n];
  const g = gcd(n, d);
  return g === 1n ? [n, d] : [n / g, d / g];
};
const sub = (a: Frac, b: Frac): Frac =>
  a[1] === b[1] ? norm(a[0] - b[0], a[1]) : norm(a[0] * b[1] - b[0] * a[1], a[1] * b[1]);
const mul = (a: Frac, b: Frac): Frac => norm(a[0] * b[0], a[1] * b[1]);
const div = (a: Frac, b: Frac): Frac => norm(a[0] * b[1], a[1] * b[0]);
const cmp = (a: Frac, b: Frac): number => {
  const x = a[0] * b[1] - b[0] * a[1];
  return x < 0n ? -1 : x > 0n ? 1 : 0;
};

/**
 * Is there w ≥ 0 with Q w = 0 and w[target] = 1? Returns such a w or null.
 * `q` is dense (rows × k) with integer entries.
 */
export function coneWitness(q: readonly (readonly bigint[])[], k: number, target: number): Frac[] | null {
  // Constraints: q rows (rhs 0) and e_target (rhs 1); one artificial variable per constraint.
  const m = q.length + 1;
  const width = k + m + 1; // variables, artificials, rhs
  const t: Frac[][] = [];
  for (let i = 0; i < m; i++) {
    const row: Frac[] = Array.from({ length: width }, (): Frac => [0n, 1n]);
    if (i < q.length) for (let j = 0; j < k; j++) row[j] = [q[i]![j]!, 1n];
    else {
      row[target] = [1n, 1n];
      row[width - 1] = [1n, 1n];
    }
    row[k + i] = [1n, 1n];
    t.push(row);
  }
  const basis = Array.from({ length: m }, (_, i) => k + i);
  // Objective row: minimise Σ artificials → reduced costs −Σ rows on the non-artificial columns.
  const obj: Frac[] = Array.from({ length: width }, (): Frac => [0n, 1n]);
  for (let j = 0; j < width; j++) {
    if (j >= k && j < k + m) continue;
    let s: Frac = [0n, 1n];
    for (let i = 0; i < m; i++) s = sub(s, t[i]![j]!);
    obj[j] = s;
  }
  for (let guard = 0; guard < 100_000; guard++) {
    let enter = -1;
    for (let j = 0; j < k + m; j++) {
      if (obj[j]![0] < 0n) {
        enter = j;
        break;
      }
    }
    if (enter < 0) break;
    let leave = -1;
    let best: Frac | null = null;
    for (let i = 0; i < m; i++) {
      const a = t[i]![enter]!;
      if (a[0] <= 0n) continue;
      const ratio = div(t[i]![width - 1]!, a);
      const c = best === null ? -1 : cmp(ratio, best);
      if (c < 0 || (c === 0 && basis[i]! < basis[leave]!)) {
        best = ratio;
        leave = i;
      }
    }
    if (leave < 0) break; // unbounded: cannot happen for phase 1 (objective ≥ 0)
    const prow = t[leave]!;
    const pv = prow[enter]!;
    for (let j = 0; j < width; j++) prow[j] = div(prow[j]!, pv);
    const eliminate = (row: Frac[]) => {
      const f = row[enter]!;
      if (f[0] === 0n) return;
      for (let j = 0; j < width; j++) if (prow[j]![0] !== 0n) row[j] = sub(row[j]!, mul(f, prow[j]!));
    };
    for (let i = 0; i < m; i++) if (i !== leave) eliminate(t[i]!);
    eliminate(obj);
    basis[leave] = enter;
  }
  // Optimal value = −obj[rhs]; feasible iff it is 0.
  if (obj[width - 1]![0] !== 0n) return null;
  const w: Frac[] = Array.from({ length: k }, (): Frac => [0n, 1n]);
  basis.forEach((b, i) => {
    if (b < k) w[b] = t[i]![width - 1]!;
  });
  return w;
}

/** Coordinates (indexes 0..k−1) that are positive in some w ≥ 0 with Q w = 0. */
export function coneSupport(q: readonly (readonly bigint[])[], k: number): Set<number> {
  const support = new Set<number>();
  // A coordinate without any constraint is free.
  for (let j = 0; j < k; j++) if (q.every((row) => row[j] === 0n)) support.add(j);
  for (let j = 0; j < k; j++) {
    if (support.has(j)) continue;
    const w = coneWitness(q, k, j);
    if (!w) continue;
    w.forEach((x, i) => {
      if (x[0] > 0n) support.add(i);
    });
  }
  return support;
}
