/**
 * Exact algebraic attacker on the relation matrix A restricted to the unknown cells U, per connected
 * component, by fraction-free Gauss–Jordan elimination (exact integers: safe-integer `number`s with a
 * BigInt fallback on growth; never floating point).
 *
 * Columns are ordered non-zero/null cells (P) first, then zero cells (Z). With v the true table:
 *  - determined (linear system only): e_c ∈ rowspace(A_U) ⇔ c is a pivot column and its reduced row
 *    has no other entry;
 *  - exposed: the same test on A_P (suppressed zeros treated as known): the pivot row of c has no
 *    other entry among the P columns;
 *  - pinned (exact LP attacker over the reals with non-negativity): a feasible change d of the unknown
 *    cells satisfies A_U d = 0 and d ≥ 0 on Z (zeros can only grow; P cells are positive and may move
 *    both ways). The rows with a Z pivot (matrix Q, no P entries) constrain d_Z alone; the rows with a
 *    P pivot can always be met by choosing the pivot. So z ∈ Z can change ⇔ z lies in the support of
 *    the cone {w ≥ 0 : Q w = 0} (exact simplex, cone.ts); c ∈ P is pinned ⇔ c is exposed and its row
 *    restricted to that support lies in the row space of Q restricted to the support.
 * Null cells count as P: they are assumed to hide positive values.
 */
import { coneSupport } from './cone';
import { ZERO, type Model } from './model';

export interface LinearResult {
  /** Unknown cells whose value follows exactly from the linear system (relations + published cells). */
  determined: Set<number>;
  /** Unknown non-zero or null cells determined if the attacker also knew the suppressed zeros. */
  exposed: Set<number>;
  /** Unknown cells with the same value in every non-negative completion (superset of determined). */
  pinned: Set<number>;
}

type Row = Map<number, bigint>;
type NumRow = Map<number, number>;

/** Called after the first `after` column groups are processed (rows: current state). */
export interface Checkpoint {
  after: number;
  fn: (pivotOf: ReadonlyMap<number, number>, rows: readonly ReadonlyMap<number, unknown>[]) => void;
}

const absB = (x: bigint): bigint => (x < 0n ? -x : x);
function gcdB(a: bigint, b: bigint): bigint {
  a = absB(a);
  b = absB(b);
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}
function gcdN(a: number, b: number): number {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

function columnIndex(rows: readonly Map<number, unknown>[]): Map<number, Set<number>> {
  const colRows = new Map<number, Set<number>>();
  rows.forEach((row, i) => {
    for (const c of row.keys()) {
      let set = colRows.get(c);
      if (!set) colRows.set(c, (set = new Set()));
      set.add(i);
    }
  });
  return colRows;
}

/** Sparsest non-pivot row holding the column (lowest index on ties), or -1. */
function choosePivot(
  holders: Set<number> | undefined,
  isPivotRow: Uint8Array,
  rows: readonly Map<number, unknown>[],
): number {
  let p = -1;
  if (!holders) return p;
  for (const i of holders) {
    if (isPivotRow[i]) continue;
    if (p < 0 || rows[i]!.size < rows[p]!.size || (rows[i]!.size === rows[p]!.size && i < p)) p = i;
  }
  return p;
}

/**
 * Walks the column groups in order; within a group the column held by the fewest rows first (less
 * fill-in; lowest id on ties). Calls the checkpoint between groups.
 */
function* columns(
  groups: readonly (readonly number[])[],
  colRows: Map<number, Set<number>>,
  onGroupDone: (g: number) => void,
): Generator<number> {
  for (let g = 0; g < groups.length; g++) {
    const remaining = new Set(groups[g]);
    while (remaining.size > 0) {
      let best = -1;
      let bestCount = Infinity;
      for (const c of remaining) {
        const count = colRows.get(c)?.size ?? 0;
        if (count < bestCount || (count === bestCount && c < best)) {
          best = c;
          bestCount = count;
        }
      }
      remaining.delete(best);
      yield best;
    }
    onGroupDone(g + 1);
  }
}

/** Entries stay below 2^26, so products and their differences are exact doubles. */
const LIMIT = 2 ** 26;

/** Number version; returns null as soon as an entry would leave the exact range. */
function gaussJordanNum(
  rows: NumRow[],
  groups: readonly (readonly number[])[],
  cp?: Checkpoint,
): Map<number, number> | null {
  const colRows = columnIndex(rows);
  const isPivotRow = new Uint8Array(rows.length);
  const pivotOf = new Map<number, number>();
  const done = (g: number) => {
    if (cp && cp.after === g) cp.fn(pivotOf, rows);
  };
  for (const k of columns(groups, colRows, done)) {
    const holders = colRows.get(k);
    const p = choosePivot(holders, isPivotRow, rows);
    if (p < 0) continue;
    isPivotRow[p] = 1;
    pivotOf.set(k, p);
    const prow = rows[p]!;
    if (prow.get(k)! < 0) for (const [c, v] of prow) prow.set(c, -v);
    const a = prow.get(k)!;
    // Copy: eliminating removes rows from `holders`.
    for (const i of Array.from(holders!)) {
      if (i === p) continue;
      const row = rows[i]!;
      const b = row.get(k)!;
      const g = gcdN(a, b);
      const fa = a / g;
      const fb = b / g;
      if (fa !== 1) {
        for (const [c, v] of row) {
          const x = v * fa;
          if (x > LIMIT || x < -LIMIT) return null;
          row.set(c, x);
        }
      }
      for (const [c, v] of prow) {
        const nv = (row.get(c) ?? 0) - v * fb;
        if (nv === 0) {
          row.delete(c);
          colRows.get(c)!.delete(i);
        } else {
          if (nv > LIMIT || nv < -LIMIT) return null;
          if (!row.has(c)) colRows.get(c)!.add(i);
          row.set(c, nv);
        }
      }
      let h = 0;
      for (const v of row.values()) if ((h = gcdN(h, v)) === 1) break;
      if (h > 1) for (const [c, v] of row) row.set(c, v / h);
    }
  }
  return pivotOf;
}

function gaussJordanBig(
  rows: Row[],
  groups: readonly (readonly number[])[],
  cp?: Checkpoint,
): Map<number, number> {
  const colRows = columnIndex(rows);
  const isPivotRow = new Uint8Array(rows.length);
  const pivotOf = new Map<number, number>();
  const done = (g: number) => {
    if (cp && cp.after === g) cp.fn(pivotOf, rows);
  };
  for (const k of columns(groups, colRows, done)) {
    const holders = colRows.get(k);
    const p = choosePivot(holders, isPivotRow, rows);
    if (p < 0) continue;
    isPivotRow[p] = 1;
    pivotOf.set(k, p);
    const prow = rows[p]!;
    if (prow.get(k)! < 0n) for (const [c, v] of prow) prow.set(c, -v);
    const a = prow.get(k)!;
    for (const i of Array.from(holders!)) {
      if (i === p) continue;
      const row = rows[i]!;
      const b = row.get(k)!;
      const g = gcdB(a, b);
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
      let h = 0n;
      for (const v of row.values()) if ((h = gcdB(h, v)) === 1n) break;
      if (h > 1n) for (const [c, v] of row) row.set(c, v / h);
    }
  }
  return pivotOf;
}

/**
 * Gauss–Jordan on `rows` (modified in place to the reduced form) processing the column groups in
 * order; other columns are carried along. Returns column → index of its pivot row (free columns
 * absent).
 */
export function gaussJordan(
  rows: Row[],
  groups: readonly (readonly number[])[],
  cp?: Checkpoint,
): Map<number, number> {
  if (cp && cp.after === 0) cp.fn(new Map(), rows);
  const big = BigInt(LIMIT);
  if (rows.every((row) => [...row.values()].every((v) => v <= big && v >= -big))) {
    const num = rows.map((row) => new Map([...row].map(([c, v]): [number, number] => [c, Number(v)])));
    const pivotOf = gaussJordanNum(num, groups, cp);
    if (pivotOf) {
      num.forEach((row, i) => {
        rows[i] = new Map([...row].map(([c, v]): [number, bigint] => [c, BigInt(v)]));
      });
      return pivotOf;
    }
  }
  return gaussJordanBig(rows, groups, cp);
}

/** Adding candidate j frees c: j's transformed column is in the span and hits c's pivot row. */
function freeing(
  pivotOf: ReadonlyMap<number, number>,
  rs: readonly ReadonlyMap<number, unknown>[],
  spans: (j: number) => boolean,
  c: number,
  j: number,
): boolean {
  const pc = pivotOf.get(c);
  return pc !== undefined && rs[pc]!.has(j) && spans(j);
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

/** What a failing cell needs: which of its candidate cells would make it safe (linear tests). */
export interface ResolveRequest {
  cell: number;
  candidates: readonly number[];
  /** The cell is determined by the linear system. */
  determined: boolean;
  /** The cell is exposed (only relevant for sensitive cells). */
  exposed: boolean;
}

/** Linear analysis with a cache per component (components that did not change are not recomputed). */
export class LinearAnalyser {
  private cache = new Map<string, ComponentResult>();
  constructor(private readonly model: Model) {}

  /** Column groups of a component: non-zero/null cells first, then zeros. */
  private groups(cells: readonly number[]): [number[], number[]] {
    const { kind } = this.model;
    return [cells.filter((c) => kind[c] !== ZERO), cells.filter((c) => kind[c] === ZERO)];
  }

  private rowsOf(rels: readonly number[], unknown: Uint8Array): Row[] {
    return rels.map((r) => {
      const row: Row = new Map();
      this.model.relCells[r]!.forEach((c, k) => {
        if (unknown[c]) row.set(c, k === 0 ? 1n : -1n);
      });
      return row;
    });
  }

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
      const key = cellsOfComp.join(',');
      let res = this.cache.get(key);
      if (!res) {
        res = this.component(compRels.get(root) ?? [], cellsOfComp, unknown);
        this.cache.set(key, res);
      }
      for (const c of res.determined) determined.add(c);
      for (const c of res.exposed) exposed.add(c);
      for (const c of res.pinned) pinned.add(c);
    }
    return { determined, exposed, pinned };
  }

  /** Cells and relations of the component of unknown cell c. */
  private componentOf(unknown: Uint8Array, c: number): { cells: number[]; rels: number[] } {
    const { model } = this;
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
    return {
      cells: [...seenCell].toSorted((a, b) => a - b),
      rels: [...seenRel].toSorted((a, b) => a - b),
    };
  }

  /**
   * For each request the candidates whose suppression alone would make the cell linearly safe
   * (not determined; and not exposed when `sensitive`). One elimination per component with the
   * candidate columns carried along: with E the row operations, t_j = E·a_j; adding column j frees
   * c ⇔ t_j vanishes on the rows without pivot and is non-zero in the pivot row of c. The exposure
   * test reads the same at the checkpoint after the P columns (P candidates only).
   */
  resolvers(
    unknown: Uint8Array,
    sensitive: Uint8Array,
    requests: readonly ResolveRequest[],
  ): Map<number, Set<number>> {
    const { model } = this;
    const out = new Map<number, Set<number>>();
    const done = new Set<number>();
    for (const req of requests) {
      if (done.has(req.cell)) continue;
      const comp = this.componentOf(unknown, req.cell);
      const inComp = new Set(comp.cells);
      const group = requests.filter((q) => inComp.has(q.cell));
      for (const q of group) done.add(q.cell);
      const rows = this.rowsOf(comp.rels, unknown);
      const relRow = new Map(comp.rels.map((r, i) => [r, i]));
      const cands = new Set(group.flatMap((q) => q.candidates));
      for (const j of cands) {
        for (const r of model.cellRels[j]!) {
          let i = relRow.get(r);
          if (i === undefined) {
            i = rows.length;
            relRow.set(r, i);
            rows.push(new Map());
          }
          rows[i]!.set(j, model.relCells[r]![0] === j ? 1n : -1n);
        }
      }
      const groups = this.groups(comp.cells);
      /** Candidates j whose transformed column vanishes on all rows without pivot (a_j in the span). */
      const inSpan = (pivotOf: ReadonlyMap<number, number>, rs: readonly ReadonlyMap<number, unknown>[]) => {
        const pivotRows = new Set(pivotOf.values());
        const outside = new Set<number>();
        rs.forEach((row, i) => {
          if (pivotRows.has(i)) return;
          for (const j of row.keys()) if (cands.has(j)) outside.add(j);
        });
        return (j: number) => !outside.has(j);
      };
      const exposureOk = new Map<number, Set<number>>();
      const cp: Checkpoint = {
        after: 1,
        fn: (pivotOf, rs) => {
          const spans = inSpan(pivotOf, rs);
          for (const q of group) {
            if (!(q.exposed && sensitive[q.cell])) continue;
            exposureOk.set(
              q.cell,
              new Set(
                q.candidates.filter((j) => model.kind[j] !== ZERO && freeing(pivotOf, rs, spans, q.cell, j)),
              ),
            );
          }
        },
      };
      const pivotOf = gaussJordan(rows, groups, cp);
      const spans = inSpan(pivotOf, rows);
      for (const q of group) {
        let ok = q.candidates.filter((j) => !q.determined || freeing(pivotOf, rows, spans, q.cell, j));
        const exp = exposureOk.get(q.cell);
        if (exp) ok = ok.filter((j) => exp.has(j));
        out.set(q.cell, new Set(ok));
      }
    }
    return out;
  }

  private component(rels: readonly number[], cells: readonly number[], unknown: Uint8Array): ComponentResult {
    const { model } = this;
    const rows = this.rowsOf(rels, unknown);
    const [plusCols, zeroCols] = this.groups(cells);
    const pivotOf = gaussJordan(rows, [plusCols, zeroCols]);
    const order = [...plusCols, ...zeroCols];
    const isZero = (c: number) => model.kind[c] === ZERO;
    // Q: the rows with a pivot among the zero columns (they have no entries in P columns).
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
      const p = pivotOf.get(c);
      if (isZero(c)) {
        if (p !== undefined && rows[p]!.size === 1) determined.push(c);
        if (!support.has(c)) pinned.push(c);
        continue;
      }
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
      // c = −Σ r_j w_j over the zero columns: constant on the cone iff r restricted to its support
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
  const order = [[...cols].toSorted((a, b) => a - b)];
  const rank = gaussJordan(
    base.map((row) => new Map(row)),
    order,
  ).size;
  const withR = gaussJordan([...base.map((row) => new Map(row)), new Map(r)], order).size;
  return withR === rank;
}
