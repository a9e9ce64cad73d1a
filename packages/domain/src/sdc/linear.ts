/**
 * Exact linear attacker: which unknown cells are uniquely determined by the relations and the
 * published values. Fraction-free Gauss–Jordan elimination over BigInt on the relation matrix
 * restricted to the unknown cells, per connected component.
 *
 * A cell c is determined ⇔ e_c lies in the row space of A_U (A restricted to the unknown columns U)
 * ⇔ in the reduced row echelon form, c is a pivot column and its row has no other non-zero entry.
 */
import { coneSupport } from './cone';
import { ZERO, type Model } from './model';

export interface LinearResult {
  /** Unknown cells whose value follows exactly from the relations and the published cells. */
  determined: Set<number>;
  /**
   * Unknown non-zero or null cells that would be determined if the attacker also knew every unknown
   * cell whose true value is zero (the columns of zero cells are then treated as published).
   */
  exposed: Set<number>;
  /**
   * Unknown cells whose value is the same in every non-negative completion (exact LP attacker over the
   * reals; superset of `determined`). Assumes that null cells hide positive values.
   */
  pinned: Set<number>;
}

type Row = Map<number, bigint>;

const abs = (x: bigint): bigint => (x < 0n ? -x : x);

function gcd(a: bigint, b: bigint): bigint {
  a = abs(a);
  b = abs(b);
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

function normalize(row: Row): void {
  let g = 0n;
  for (const v of row.values()) {
    g = gcd(g, v);
    if (g === 1n) return;
  }
  if (g > 1n) for (const [c, v] of row) row.set(c, v / g);
}

/**
 * Gauss–Jordan on `rows` (modified in place) processing columns in `order`.
 * Returns column → index of its pivot row. Free columns are absent.
 */
export function gaussJordan(rows: Row[], order: readonly number[]): Map<number, number> {
  const colRows = new Map<number, Set<number>>();
  rows.forEach((row, i) => {
    for (const c of row.keys()) {
      let set = colRows.get(c);
      if (!set) colRows.set(c, (set = new Set()));
      set.add(i);
    }
  });
  const isPivotRow = new Uint8Array(rows.length);
  const pivotOf = new Map<number, number>();
  for (const k of order) {
    const holders = colRows.get(k);
    if (!holders || holders.size === 0) continue;
    // Sparsest non-pivot row as pivot (deterministic: lowest index on ties).
    let p = -1;
    for (const i of holders) {
      if (isPivotRow[i]) continue;
      if (p < 0 || rows[i]!.size < rows[p]!.size || (rows[i]!.size === rows[p]!.size && i < p)) p = i;
    }
    if (p < 0) continue;
    isPivotRow[p] = 1;
    pivotOf.set(k, p);
    const prow = rows[p]!;
    if (prow.get(k)! < 0n) for (const [c, v] of prow) prow.set(c, -v);
    const a = prow.get(k)!;
    // Copy: eliminating removes rows from `holders`.
    for (const i of Array.from(holders)) {
      if (i === p) continue;
      const row = rows[i]!;
      const b = row.get(k)!;
      const g = gcd(a, b);
      const fa = a / g;
      const fb = b / g;
      if (fa !== 1n) for (const [c, v] of row) row.set(c, v * fa);
      for (const [c, v] of prow) {
        const nv = (row.get(c) ?? 0n) - v * fb;
        if (nv === 0n) {
          row.delete(c);
          colRows.get(c)!.delete(i);
        } else {
          if (!row.has(c)) colRows.get(c)!.add(i);
          row.set(c, nv);
        }
      }
      normalize(row);
    }
  }
  return pivotOf;
}

class UnionFind {
  private parent: Int32Array;
  constructor(n: number) {
    this.parent = new Int32Array(n).map((_, i) => i);
  }
  find(x: number): number {
    let r = x;
    while (this.parent[r] !== r) r = this.parent[r]!;
    while (this.parent[x] !== r) {
      const next = this.parent[x]!;
      this.parent[x] = r;
      x = next;
    }
    return r;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

interface ComponentResult {
  determined: number[];
  exposed: number[];
  pinned: number[];
}

/** Linear analysis with a cache per component (components that did not change are not recomputed). */
export class LinearAnalyser {
  private cache = new Map<string, ComponentResult>();
  constructor(private readonly model: Model) {}

  analyse(unknown: Uint8Array): LinearResult {
    const { model } = this;
    const n = model.ids.length;
    const uf = new UnionFind(n);
    const activeRels: number[] = [];
    model.relCells.forEach((list, r) => {
      let first = -1;
      for (const c of list) {
        if (!unknown[c]) continue;
        if (first < 0) first = c;
        else uf.union(first, c);
      }
      if (first >= 0) activeRels.push(r);
    });
    const compRels = new Map<number, number[]>();
    for (const r of activeRels) {
      const root = uf.find(model.relCells[r]!.find((c) => unknown[c])!);
      let list = compRels.get(root);
      if (!list) compRels.set(root, (list = []));
      list.push(r);
    }
    const compCells = new Map<number, number[]>();
    for (let c = 0; c < n; c++) {
      if (!unknown[c] || model.cellRels[c]!.length === 0) continue;
      const root = uf.find(c);
      let list = compCells.get(root);
      if (!list) compCells.set(root, (list = []));
      list.push(c);
    }
    const determined = new Set<number>();
    const exposed = new Set<number>();
    const pinned = new Set<number>();
    for (const [root, cellsOfComp] of compCells) {
      // Column order: non-zero (and null) cells first, zero cells last.
      const order = [
        ...cellsOfComp.filter((c) => model.kind[c] !== ZERO),
        ...cellsOfComp.filter((c) => model.kind[c] === ZERO),
      ];
      const key = order.join(',');
      let res = this.cache.get(key);
      if (!res) {
        res = this.component(compRels.get(root) ?? [], order, unknown);
        this.cache.set(key, res);
      }
      for (const c of res.determined) determined.add(c);
      for (const c of res.exposed) exposed.add(c);
      for (const c of res.pinned) pinned.add(c);
    }
    return { determined, exposed, pinned };
  }

  /** Linear status of one cell: only its component is (re)computed. */
  cellStatus(unknown: Uint8Array, c: number): { determined: boolean; exposed: boolean; pinned: boolean } {
    const { model } = this;
    if (!unknown[c]) return { determined: false, exposed: false, pinned: false };
    const seenCell = new Set<number>([c]);
    const seenRel = new Set<number>();
    const stack = [c];
    while (stack.length > 0) {
      const x = stack.pop()!;
      for (const r of model.cellRels[x]!) {
        if (seenRel.has(r)) continue;
        seenRel.add(r);
        for (const y of model.relCells[r]!) {
          if (unknown[y] && !seenCell.has(y)) {
            seenCell.add(y);
            stack.push(y);
          }
        }
      }
    }
    const sorted = [...seenCell].toSorted((a, b) => a - b);
    const order = [
      ...sorted.filter((x) => model.kind[x] !== ZERO),
      ...sorted.filter((x) => model.kind[x] === ZERO),
    ];
    const key = order.join(',');
    let res = this.cache.get(key);
    if (!res) {
      res = this.component(
        [...seenRel].toSorted((a, b) => a - b),
        order,
        unknown,
      );
      this.cache.set(key, res);
    }
    return {
      determined: res.determined.includes(c),
      exposed: res.exposed.includes(c),
      pinned: res.pinned.includes(c),
    };
  }

  private component(rels: readonly number[], order: readonly number[], unknown: Uint8Array): ComponentResult {
    const { model } = this;
    const rows: Row[] = rels.map((r) => {
      const row: Row = new Map();
      model.relCells[r]!.forEach((c, k) => {
        if (unknown[c]) row.set(c, k === 0 ? 1n : -1n);
      });
      return row;
    });
    const pivotOf = gaussJordan(rows, order);
    const isZero = (c: number) => model.kind[c] === ZERO;
    const zeroCols = order.filter(isZero);
    // Q: the rows with a pivot among the zero columns (they have no entries in non-zero columns).
    const qRows = zeroCols.filter((c) => pivotOf.has(c)).map((c) => rows[pivotOf.get(c)!]!);
    let support = new Set<number>(zeroCols);
    if (qRows.length > 0) {
      const dense = qRows.map((row) => zeroCols.map((c) => row.get(c) ?? 0n));
      const idx = coneSupport(dense, zeroCols.length);
      support = new Set(zeroCols.filter((_, i) => idx.has(i)));
    }
    const determined: number[] = [];
    const exposed: number[] = [];
    const pinned: number[] = [];
    for (const c of order) {
      if (isZero(c)) {
        const p = pivotOf.get(c);
        if (p !== undefined && rows[p]!.size === 1) determined.push(c);
        if (!support.has(c)) pinned.push(c);
        continue;
      }
      const p = pivotOf.get(c);
      if (p === undefined) continue;
      const row = rows[p]!;
      let plus = 0;
      for (const k of row.keys()) if (!isZero(k)) plus++;
      if (plus !== 1) continue;
      exposed.push(c);
      if (row.size === 1) {
        determined.push(c);
        pinned.push(c);
        continue;
      }
      // c = −Σ r_j w_j over zero columns j; constant on the cone iff r restricted to the support
      // lies in the row space of Q restricted to the support.
      const r: Row = new Map();
      for (const [k, v] of row) if (isZero(k) && support.has(k)) r.set(k, v);
      if (r.size === 0 || inRowSpace(qRows, r, support)) pinned.push(c);
    }
    return { determined, exposed, pinned };
  }
}

/** Whether `r` lies in the row space of `rows` restricted to the columns in `cols`. */
function inRowSpace(rows: readonly Row[], r: Row, cols: ReadonlySet<number>): boolean {
  const restrict = (row: Row): Row => new Map([...row].filter(([k]) => cols.has(k)));
  const base = rows.map(restrict).filter((row) => row.size > 0);
  const order = [...cols].toSorted((a, b) => a - b);
  const rank = gaussJordan(
    base.map((row) => new Map(row)),
    order,
  ).size;
  const withR = gaussJordan([...base.map((row) => new Map(row)), new Map(r)], order).size;
  return withR === rank;
}
