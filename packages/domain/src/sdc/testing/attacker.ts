/**
 * Independent attackers for the tests only (no code shared with the implementation):
 *  - rationalDerivable: dense Gauss–Jordan over exact fractions (BigInt numerator/denominator);
 *  - integerWitness: depth-first search for a non-negative integer completion of the table that
 *    satisfies all relations and the published values but gives a cell another value.
 */
import type { SdcRelation } from '../types';

export interface TestCell {
  id: string;
  value: string | null;
}

// ---------- exact fractions ----------
type Frac = readonly [bigint, bigint];
const ZERO_F: Frac = [0n, 1n];
const gcdB = (a: bigint, b: bigint): bigint => {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b) [a, b] = [b, a % b];
  return a;
};
const frac = (n: bigint, d: bigint): Frac => {
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcdB(n, d) || 1n;
  return [n / g, d / g];
};
const sub = (a: Frac, b: Frac): Frac => frac(a[0] * b[1] - b[0] * a[1], a[1] * b[1]);
const mul = (a: Frac, b: Frac): Frac => frac(a[0] * b[0], a[1] * b[1]);
const div = (a: Frac, b: Frac): Frac => frac(a[0] * b[1], a[1] * b[0]);

/** Unknown cells: hidden ∪ null cells. Returns those whose value follows from the linear system. */
export function rationalDerivable(
  cells: readonly TestCell[],
  relations: readonly SdcRelation[],
  hidden: ReadonlySet<string>,
): Set<string> {
  const unknown = new Set<string>(hidden);
  for (const c of cells) if (c.value === null) unknown.add(c.id);
  // Rows restricted to unknown cells; then split into connected components by shared cells.
  const rows: Map<string, number>[] = [];
  for (const rel of relations) {
    const row = new Map<string, number>();
    if (unknown.has(rel.total)) row.set(rel.total, 1);
    for (const p of rel.parts) if (unknown.has(p)) row.set(p, (row.get(p) ?? 0) - 1);
    if (row.size > 0) rows.push(row);
  }
  const rowsOfCell = new Map<string, number[]>();
  rows.forEach((row, i) => {
    for (const id of row.keys()) rowsOfCell.set(id, [...(rowsOfCell.get(id) ?? []), i]);
  });
  const done = new Set<number>();
  const out = new Set<string>();
  for (let start = 0; start < rows.length; start++) {
    if (done.has(start)) continue;
    const compRows: number[] = [];
    const compCols: string[] = [];
    const seenCols = new Set<string>();
    const stack = [start];
    done.add(start);
    while (stack.length) {
      const i = stack.pop()!;
      compRows.push(i);
      for (const id of rows[i]!.keys()) {
        if (seenCols.has(id)) continue;
        seenCols.add(id);
        compCols.push(id);
        for (const j of rowsOfCell.get(id)!) {
          if (!done.has(j)) {
            done.add(j);
            stack.push(j);
          }
        }
      }
    }
    const m: Frac[][] = compRows.map((i) =>
      compCols.map((id) => {
        const v = rows[i]!.get(id);
        return v === undefined ? ZERO_F : frac(BigInt(v), 1n);
      }),
    );
    let pivotRow = 0;
    const pivotCol: number[] = [];
    for (let col = 0; col < compCols.length && pivotRow < m.length; col++) {
      let sel = -1;
      for (let i = pivotRow; i < m.length; i++) if (m[i]![col]![0] !== 0n) sel = sel < 0 ? i : sel;
      if (sel < 0) continue;
      [m[pivotRow], m[sel]] = [m[sel]!, m[pivotRow]!];
      const prow = m[pivotRow]!;
      const pv = prow[col]!;
      for (let k = 0; k < prow.length; k++) prow[k] = div(prow[k]!, pv);
      for (let i = 0; i < m.length; i++) {
        if (i === pivotRow) continue;
        const f = m[i]![col]!;
        if (f[0] === 0n) continue;
        const row = m[i]!;
        for (let k = 0; k < row.length; k++) row[k] = sub(row[k]!, mul(f, prow[k]!));
      }
      pivotCol.push(col);
      pivotRow++;
    }
    pivotCol.forEach((col, i) => {
      const nonZero = m[i]!.filter((x) => x[0] !== 0n).length;
      if (nonZero === 1) out.add(compCols[col]!);
    });
  }
  return out;
}

// ---------- integer completions ----------
export interface IntegerAttack {
  vars: string[];
  truth: number[];
  rows: { vars: number[]; signs: number[]; rhs: number }[];
  ub: number;
  /** Lower bound of each variable (the public knows withheld counts are ≥ 1). */
  floor: number[];
}

/** Integer system over the unknown cells (hidden; null cells need `truth` for their values). */
export function integerSystem(
  cells: readonly TestCell[],
  relations: readonly SdcRelation[],
  hidden: ReadonlySet<string>,
  truth: ReadonlyMap<string, number>,
  floorOf: (id: string) => number = () => 0,
): IntegerAttack {
  const value = new Map(cells.map((c) => [c.id, c.value]));
  const vars = cells.filter((c) => hidden.has(c.id) || c.value === null).map((c) => c.id);
  const varIndex = new Map(vars.map((id, i) => [id, i]));
  const rows: IntegerAttack['rows'] = [];
  for (const rel of relations) {
    const entries: [string, number][] = [[rel.total, 1], ...rel.parts.map((p): [string, number] => [p, -1])];
    const row = { vars: [] as number[], signs: [] as number[], rhs: 0 };
    for (const [id, s] of entries) {
      const i = varIndex.get(id);
      if (i !== undefined) {
        row.vars.push(i);
        row.signs.push(s);
      } else {
        row.rhs -= s * Number(value.get(id));
      }
    }
    if (row.vars.length > 0) rows.push(row);
  }
  const t = vars.map((id) => truth.get(id)!);
  return { vars, truth: t, rows, ub: 3 * Math.max(0, ...truth.values()) + 10, floor: vars.map(floorOf) };
}

/**
 * An integer completion (x ≥ floor) with lo ≤ x[target] ≤ hi, or null if none exists in the box
 * [floor, ub], or 'budget' when the search gave up.
 */
export function integerWitness(
  sys: IntegerAttack,
  target: number,
  lo: number,
  hi: number,
  budget = 200_000,
): number[] | null | 'budget' {
  const n = sys.vars.length;
  const varRows: number[][] = Array.from({ length: n }, () => []);
  sys.rows.forEach((row, r) => row.vars.forEach((v) => varRows[v]!.push(r)));
  let nodes = 0;
  const propagate = (L: number[], H: number[]): boolean => {
    const queue = sys.rows.map((_, r) => r);
    const inQ = new Uint8Array(sys.rows.length).fill(1);
    while (queue.length) {
      const r = queue.shift()!;
      inQ[r] = 0;
      const row = sys.rows[r]!;
      let mn = 0;
      let mx = 0;
      row.vars.forEach((v, k) => {
        if (row.signs[k]! > 0) {
          mn += L[v]!;
          mx += H[v]!;
        } else {
          mn -= H[v]!;
          mx -= L[v]!;
        }
      });
      if (row.rhs < mn || row.rhs > mx) return false;
      for (let k = 0; k < row.vars.length; k++) {
        const v = row.vars[k]!;
        const s = row.signs[k]!;
        // s·x_v = rhs − Σ others
        const oMin = s > 0 ? mn - L[v]! : mn + H[v]!;
        const oMax = s > 0 ? mx - H[v]! : mx + L[v]!;
        const a = s > 0 ? row.rhs - oMax : oMin - row.rhs;
        const b = s > 0 ? row.rhs - oMin : oMax - row.rhs;
        const nl = Math.max(L[v]!, a);
        const nh = Math.min(H[v]!, b);
        if (nl > nh) return false;
        if (nl !== L[v] || nh !== H[v]) {
          L[v] = nl;
          H[v] = nh;
          for (const q of varRows[v]!) {
            if (!inQ[q]) {
              inQ[q] = 1;
              queue.push(q);
            }
          }
        }
      }
    }
    return true;
  };
  const search = (L: number[], H: number[]): number[] | null | 'budget' => {
    if (++nodes > budget) return 'budget';
    if (!propagate(L, H)) return null;
    let pick = -1;
    for (let v = 0; v < n; v++) {
      if (L[v]! < H[v]! && (pick < 0 || H[v]! - L[v]! < H[pick]! - L[pick]!)) pick = v;
    }
    if (pick < 0) {
      const ok = sys.rows.every(
        (row) => row.vars.reduce((s, v, k) => s + row.signs[k]! * L[v]!, 0) === row.rhs,
      );
      return ok ? [...L] : null;
    }
    // Values near the true one first.
    const t = Math.min(Math.max(sys.truth[pick]!, L[pick]!), H[pick]!);
    const order: number[] = [t];
    for (let d = 1; t - d >= L[pick]! || t + d <= H[pick]!; d++) {
      if (t + d <= H[pick]!) order.push(t + d);
      if (t - d >= L[pick]!) order.push(t - d);
    }
    let gaveUp = false;
    for (const val of order) {
      const L2 = [...L];
      const H2 = [...H];
      L2[pick] = val;
      H2[pick] = val;
      const res = search(L2, H2);
      if (res === 'budget') gaveUp = true;
      else if (res) return res;
      if (nodes > budget) return 'budget';
    }
    return gaveUp ? 'budget' : null;
  };
  const L = Array.from({ length: n }, (_, v) => sys.floor[v] ?? 0);
  const H = Array.from({ length: n }, () => sys.ub);
  L[target] = Math.max(L[target]!, lo);
  H[target] = Math.min(sys.ub, hi);
  if (L[target]! > H[target]!) return null;
  return search(L, H);
}

/** Checks that a completion satisfies every row and is non-negative. */
export function isCompletion(sys: IntegerAttack, x: readonly number[]): boolean {
  return (
    x.every((v, i) => Number.isInteger(v) && v >= (sys.floor[i] ?? 0)) &&
    sys.rows.every((row) => row.vars.reduce((s, v, k) => s + row.signs[k]! * x[v]!, 0) === row.rhs)
  );
}
