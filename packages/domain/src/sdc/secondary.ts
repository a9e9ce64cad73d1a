/**
 * Secondary suppression with protection ranges (ADR 0006).
 *
 * The intruder knows the published cells, the linear facts of the table (facts.ts) and that every
 * withheld cell is an integer ≥ 1 (zeros are published as 0 or '-'; flagged cells are ≥ their `min`).
 * For a withheld cell the intruder can compute the interval [lo, hi] of values it may take (linear
 * programming over the reals, ends rounded to integers). Protection means:
 *  - primary cell (1 ≤ value < threshold T): the interval covers the protection range [1, T], so the
 *    intruder can neither tell the count from 1 nor tell that it is small at all;
 *  - secondary cell: not exactly recoverable (the interval holds at least two integers);
 *  - flagged cell (protectFlagged): not exactly recoverable either.
 *
 * Method: for a cell whose range is not yet certified, a "witness" LP looks for the cheapest deviation
 * y of the table (x = true values + y) that satisfies every fact, keeps withheld cells ≥ 1 and reaches
 * the missing end of the range (e.g. x_p ≥ T). Cells that must move for that are withheld (secondary);
 * x is then a table the intruder cannot rule out, which certifies the range end for every withheld
 * cell it touches. Withholding more cells never narrows an interval, so certificates stay valid and
 * the loop ends. The deviation cost of a published cell grows with its value (small cells are withheld
 * before large totals); withheld cells move for free. The witness is first searched in a
 * neighbourhood of the cell (cheapest cells first), then in ever larger ones up to the whole table.
 *
 * Only whole counts ≥ 1 are withheld normally: zeros stay published (the public knows every withheld
 * cell is ≥ 1), and negative or fractional values too (the public takes a withheld cell for a count).
 * Where a small count is pinned by such values alone (e.g. a row of a fraction, the small count and a
 * zero), they are withheld as a last resort (`fallback`), with their true bounds (≥ 0 for fractions,
 * none for negative values). Cells that not even that can protect are reported as `unprotectable`.
 */
import type { Highs } from 'highs';
import { deriveFacts, type Fact } from './facts';
import { highsRuntime, solveLp, type Lp, type LpRow } from './lp';
import { buildModel, toNumber, type Model } from './model';
import type { SdcCell, SdcOptions, SdcRelation, SdcResult } from './types';

/** Tolerance for LP values (certificates and range ends). */
export const LP_EPS = 1e-6;
const NEIGHBOURHOODS = [32, 160, 800, 4000, Infinity];
/** At most this long (ms) without giving the event loop a turn. */
const TURN_MS = 20;
/** Cost factor of withholding a value that is not a count (last resort). */
const FALLBACK_COST = 1000;

interface Table {
  model: Model;
  facts: Fact[];
  cellFacts: number[][];
  /**
   * Lower bound of each cell when unknown: 1 for counts, the given min for flagged cells, 0 for
   * fractions and −∞ for negative values (the last two are withheld only as a last resort).
   */
  floor: Float64Array;
  /** Known non-zero values that are not counts (negative or fractional): last-resort partners. */
  fallback: Uint8Array;
}

function indexFacts(n: number, facts: readonly Fact[]): number[][] {
  const cellFacts: number[][] = Array.from({ length: n }, () => []);
  facts.forEach((f, i) => {
    for (const c of f.cells) cellFacts[c]!.push(i);
  });
  return cellFacts;
}

/** −Σ coef·value over the fact's known cells that are not variables (exact). */
function constantSide(t: Table, f: Fact, isVar: (c: number) => boolean): number {
  let s = 0n;
  f.cells.forEach((c, k) => {
    if (!t.model.known[c] || isVar(c)) return;
    s += f.coefs[k]! < 0 ? t.model.scaled[c]! : -t.model.scaled[c]!;
  });
  return toNumber(t.model, s);
}

/**
 * The intruder's LP over the unknown cells (`unknown[c] = 1`): x_c ≥ floor_c, facts with the published
 * cells as constants. Returns the columns (cell positions) and the LP without costs.
 */
function intruderLp(t: Table, unknown: Uint8Array, cellsOfInterest: readonly number[]) {
  // Connected component(s) of the cells of interest over unknown cells and facts.
  const cols: number[] = [];
  const col = new Map<number, number>();
  const rowsSeen = new Set<number>();
  const stack = [...cellsOfInterest];
  for (const c of stack) {
    if (col.has(c)) continue;
    col.set(c, cols.length);
    cols.push(c);
  }
  while (stack.length) {
    const c = stack.pop()!;
    for (const f of t.cellFacts[c]!) {
      if (rowsSeen.has(f)) continue;
      rowsSeen.add(f);
      for (const d of t.facts[f]!.cells) {
        if (unknown[d] && !col.has(d)) {
          col.set(d, cols.length);
          cols.push(d);
          stack.push(d);
        }
      }
    }
  }
  const rows: LpRow[] = [];
  for (const f of [...rowsSeen].toSorted((a, b) => a - b)) {
    const fact = t.facts[f]!;
    const rc: number[] = [];
    const co: number[] = [];
    fact.cells.forEach((c, k) => {
      if (unknown[c]) {
        rc.push(col.get(c)!);
        co.push(fact.coefs[k]!);
      }
    });
    // Unknown cells as absolute values: Σ coef·x_U (op) −Σ coef·a_published.
    const rhs = constantSide(t, fact, (c) => unknown[c] === 1);
    rows.push({ cols: rc, coefs: co, lower: fact.eq ? rhs : -Infinity, upper: rhs });
  }
  const lp: Lp = {
    lower: cols.map((c) => t.floor[c]!),
    upper: cols.map(() => Infinity),
    cost: cols.map(() => 0),
    rows,
  };
  return { cols, col, lp };
}

/** The intruder's interval [lo, hi] for cell c (hi may be Infinity); null if the system is infeasible. */
function intruderInterval(h: Highs, t: Table, unknown: Uint8Array, c: number): [number, number] | null {
  const { col, lp } = intruderLp(t, unknown, [c]);
  const j = col.get(c)!;
  lp.cost[j] = 1;
  const lo = solveLp(h, lp, false);
  if (lo.status === 'infeasible') return null;
  const hi = solveLp(h, lp, true);
  if (hi.status === 'infeasible') return null;
  return [lo.status === 'optimal' ? lo.value : -Infinity, hi.status === 'optimal' ? hi.value : Infinity];
}

/**
 * Cells around s, cheapest first (Dijkstra over facts; entering a published cell costs its weight,
 * withheld and flagged cells are free), at most `limit` of them; then every flagged cell of a fact
 * that touches them (flagged values are unknown, so they cannot stay constants).
 */
function neighbourhood(
  t: Table,
  s: number,
  limit: number,
  movable: (c: number) => boolean,
  weight: Float64Array,
  withheld: Uint8Array,
): { order: number[]; capped: boolean } {
  const { model, facts, cellFacts } = t;
  const dist = new Map<number, number>([[s, 0]]);
  const heap = new MinHeap();
  heap.push(0, s);
  const done = new Set<number>();
  const order: number[] = [];
  let capped = false;
  while (heap.size) {
    const [dc, c] = heap.pop();
    if (done.has(c) || dc > dist.get(c)!) continue;
    if (order.length >= limit) {
      capped = true;
      break;
    }
    done.add(c);
    order.push(c);
    for (const f of cellFacts[c]!) {
      for (const d of facts[f]!.cells) {
        if (done.has(d) || !movable(d)) continue;
        const nd = dc + (withheld[d] || !model.known[d] ? 0 : weight[d]!);
        const old = dist.get(d);
        if (old === undefined || nd < old) {
          dist.set(d, nd);
          heap.push(nd, d);
        }
      }
    }
  }
  const colOf = new Map(order.map((c, i) => [c, i]));
  for (let i = 0; i < order.length; i++) {
    for (const f of cellFacts[order[i]!]!) {
      for (const d of facts[f]!.cells) {
        if (!model.known[d] && !colOf.has(d)) {
          colOf.set(d, order.length);
          order.push(d);
        }
      }
    }
  }
  return { order, capped };
}

/** Binary min-heap of (key, value) pairs. */
class MinHeap {
  private keys: number[] = [];
  private vals: number[] = [];
  get size(): number {
    return this.keys.length;
  }
  push(k: number, v: number): void {
    const { keys, vals } = this;
    let i = keys.length;
    keys.push(k);
    vals.push(v);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (keys[p]! <= k) break;
      keys[i] = keys[p]!;
      vals[i] = vals[p]!;
      i = p;
    }
    keys[i] = k;
    vals[i] = v;
  }
  pop(): [number, number] {
    const { keys, vals } = this;
    const top: [number, number] = [keys[0]!, vals[0]!];
    const k = keys.pop()!;
    const v = vals.pop()!;
    if (keys.length) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= keys.length) break;
        const r = l + 1;
        const m = r < keys.length && keys[r]! < keys[l]! ? r : l;
        if (keys[m]! >= k) break;
        keys[i] = keys[m]!;
        vals[i] = vals[m]!;
        i = m;
      }
      keys[i] = k;
      vals[i] = v;
    }
    return top;
  }
}

interface Witness {
  /** Cells that had to move and are published: withhold them. */
  newlyWithheld: number[];
  /** Value of every variable cell in the witness table. */
  point: Map<number, number>;
}

/**
 * Cheapest table x (within the neighbourhood of s) that satisfies every fact, keeps withheld cells ≥ 1
 * and flagged cells ≥ their floor, and has x_s in [sLower, sUpper]. Published cells may move (at a
 * cost); they then have to be withheld.
 */
function findWitness(
  h: Highs,
  t: Table,
  withheld: Uint8Array,
  s: number,
  sLower: number,
  sUpper: number,
  weight: Float64Array,
  allowFallback: boolean,
): Witness | null {
  const { model, facts, cellFacts } = t;
  const movable = (c: number) =>
    withheld[c] === 1 || !model.known[c] || model.eligible[c] === 1 || (allowFallback && t.fallback[c] === 1);
  for (const limit of NEIGHBOURHOODS) {
    const { order, capped } = neighbourhood(t, s, limit, movable, weight, withheld);
    // Rows: every fact touching a variable.
    const rowFacts = new Set<number>();
    for (const c of order) for (const f of cellFacts[c]!) rowFacts.add(f);
    // Columns: withheld, flagged and s: one column; published movable: up and down columns.
    const lower: number[] = [];
    const upper: number[] = [];
    const cost: number[] = [];
    // Deviation y = x − value of a known cell: x ≥ floor means y ≥ floor − value.
    const room = (c: number) => model.num[c]! - t.floor[c]!;
    const colOf = new Map<number, number>();
    const downOf = new Map<number, number>();
    for (const c of order) {
      colOf.set(c, cost.length);
      if (c === s) {
        lower.push(sLower);
        upper.push(sUpper);
        cost.push(0);
      } else if (!model.known[c]) {
        lower.push(t.floor[c]!);
        upper.push(Infinity);
        cost.push(0);
      } else if (withheld[c]) {
        lower.push(-room(c));
        upper.push(Infinity);
        cost.push(0);
      } else {
        const w = t.fallback[c] ? FALLBACK_COST * weight[c]! : weight[c]!;
        lower.push(0);
        upper.push(Infinity);
        cost.push(w);
        downOf.set(c, cost.length);
        lower.push(0);
        upper.push(Math.max(0, room(c)));
        cost.push(w);
      }
    }
    const rows: LpRow[] = [];
    for (const f of [...rowFacts].toSorted((a, b) => a - b)) {
      const fact = facts[f]!;
      const rc: number[] = [];
      const co: number[] = [];
      fact.cells.forEach((c, k) => {
        const j = colOf.get(c);
        if (j === undefined) return;
        const a = fact.coefs[k]!;
        rc.push(j);
        co.push(a);
        const d = downOf.get(c);
        if (d !== undefined) {
          rc.push(d);
          co.push(-a);
        }
      });
      // Known cells enter as deviations (base values on the right); flagged ones as absolute values.
      let base = 0n;
      fact.cells.forEach((c, k) => {
        if (model.known[c]) base += fact.coefs[k]! < 0 ? -model.scaled[c]! : model.scaled[c]!;
      });
      const rhs = -toNumber(model, base);
      rows.push({ cols: rc, coefs: co, lower: fact.eq ? rhs : -Infinity, upper: rhs });
    }
    const out = solveLp(h, { lower, upper, cost, rows });
    if (out.status === 'optimal') {
      const newlyWithheld: number[] = [];
      const point = new Map<number, number>();
      for (const c of order) {
        const j = colOf.get(c)!;
        const d = downOf.get(c);
        const y = d === undefined ? out.x[j]! : out.x[j]! - out.x[d]!;
        if (!model.known[c]) point.set(c, y);
        else {
          point.set(c, model.num[c]! + y);
          if (d !== undefined && Math.abs(y) > LP_EPS) newlyWithheld.push(c);
        }
      }
      return { newlyWithheld, point };
    }
    if (!capped) return null;
  }
  return null;
}

export async function secondarySuppression(
  cells: readonly (SdcCell & { min?: number })[],
  relations: readonly SdcRelation[],
  primary: Iterable<string>,
  options: Partial<SdcOptions> = {},
): Promise<SdcResult> {
  const model = buildModel(cells);
  const n = model.ids.length;
  const threshold = Math.ceil(options.threshold ?? 3);
  const protectFlagged = options.protectFlagged ?? true;
  const withheld = new Uint8Array(n);
  const isPrimary = new Uint8Array(n);
  const primarySet = new Set<string>();
  for (const id of primary) {
    const c = model.index.get(id);
    if (c === undefined) throw new Error(`Unbekannte Zelle ${id} / unknown cell`);
    if (!model.eligible[c]) {
      throw new Error(`Zelle ${id}: nur ganze Zahlen ≥ 1 können Primärsperren sein / not a count ≥ 1`);
    }
    primarySet.add(id);
    withheld[c] = 1;
    isPrimary[c] = 1;
  }
  const floor = new Float64Array(n);
  const fallback = new Uint8Array(n);
  cells.forEach((cell, c) => {
    if (!model.known[c]) floor[c] = Math.max(0, cell.min ?? 0);
    else if (model.eligible[c]) floor[c] = 1;
    else if (model.scaled[c]! < 0n) {
      floor[c] = -Infinity;
      fallback[c] = 1;
    } else if (model.scaled[c]! > 0n) fallback[c] = 1;
  });
  let facts = deriveFacts(model, relations);
  const table: Table = { model, facts, cellFacts: indexFacts(n, facts), floor, fallback };
  const h = await highsRuntime();

  const unknownNow = () => {
    const u = new Uint8Array(n);
    for (let c = 0; c < n; c++) if (withheld[c] || !model.known[c]) u[c] = 1;
    return u;
  };
  // The facts must admit the true table (flagged cells free): otherwise drop the assumed ones.
  {
    const unknown = unknownNow();
    const touched: number[] = [];
    for (let c = 0; c < n; c++) if (unknown[c] && table.cellFacts[c]!.length) touched.push(c);
    if (touched.length && solveLp(h, intruderLp(table, unknown, touched).lp).status === 'infeasible') {
      facts = facts.filter((f) => !f.assumed);
      table.facts = facts;
      table.cellFacts = indexFacts(n, facts);
    }
  }

  const weight = new Float64Array(n);
  for (let c = 0; c < n; c++) weight[c] = 1 + Math.sqrt(Math.abs(model.num[c]!));

  // Certificates: a range end is certified by a table the intruder cannot rule out.
  const upOk = new Uint8Array(n);
  const downOk = new Uint8Array(n);
  const movedOk = new Uint8Array(n);
  const unprotectable = new Set<number>();
  const worklist: number[] = [];
  const certify = (point: ReadonlyMap<number, number>) => {
    for (const [c, x] of point) {
      if (!withheld[c] || !model.known[c]) continue;
      if (x >= threshold - LP_EPS) upOk[c] = 1;
      if (x <= 1 + LP_EPS) downOk[c] = 1;
      if (Math.abs(x - model.num[c]!) >= 1 - LP_EPS) movedOk[c] = 1;
    }
  };
  /** Finds a witness with x_s − value in [lo, hi] (counts first, then also the last resort). */
  const reach = (s: number, lo: number, hi: number): boolean => {
    const w =
      findWitness(h, table, withheld, s, lo, hi, weight, false) ??
      findWitness(h, table, withheld, s, lo, hi, weight, true);
    if (!w) return false;
    for (const c of w.newlyWithheld) {
      if (withheld[c]) continue;
      withheld[c] = 1;
      worklist.push(c);
    }
    certify(w.point);
    return true;
  };
  /** The interval of c if every cell that may be withheld were: the most any publication can give. */
  const structural = (c: number): [number, number] => {
    const all = new Uint8Array(n);
    for (let d = 0; d < n; d++) {
      if (withheld[d] || !model.known[d] || model.eligible[d] || fallback[d]) all[d] = 1;
    }
    return intruderInterval(h, table, all, c) ?? [model.num[c]!, model.num[c]!];
  };

  // Long tables must not hold up everything else in the process: give the event loop a turn now and then.
  let lastTurn = performance.now();
  const turn = async () => {
    if (performance.now() - lastTurn < TURN_MS) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    lastTurn = performance.now();
  };

  // Primary cells: the interval must reach the threshold and 1 (or where the structure ends).
  for (let c = 0; c < n; c++) {
    if (!isPrimary[c]) continue;
    await turn();
    const a = model.num[c]!;
    if (a <= 1) downOk[c] = 1;
    if (!upOk[c] && !reach(c, threshold - a, Infinity)) {
      const hi = Math.floor(structural(c)[1] + LP_EPS);
      if (hi <= a || reach(c, hi - a, Infinity)) upOk[c] = 1;
      else unprotectable.add(c);
    }
    if (!downOk[c] && !reach(c, 1 - a, 1 - a)) {
      const lo = Math.ceil(structural(c)[0] - LP_EPS);
      if (lo >= a || reach(c, lo - a, lo - a)) downOk[c] = 1;
      else unprotectable.add(c);
    }
    // Pinned by the structure alone (nothing may move): not protectable.
    if (!movedOk[c] && upOk[c] && downOk[c]) {
      const [lo, hi] = structural(c);
      if (Math.floor(hi + LP_EPS) - Math.ceil(lo - LP_EPS) < 1) unprotectable.add(c);
    }
  }
  // Secondary cells must not be exactly recoverable (new ones join the worklist as they come).
  let head = 0;
  const drain = async () => {
    for (; head < worklist.length; head++) {
      await turn();
      const c = worklist[head]!;
      if (movedOk[c]) continue;
      const a = model.num[c]!;
      if (reach(c, 1, Infinity)) continue;
      if (a - floor[c]! >= 1 && reach(c, -Infinity, -1)) continue;
      unprotectable.add(c);
    }
  };
  await drain();
  // Flagged cells must not become exactly recoverable either: checked with the intruder's LP.
  if (protectFlagged) {
    const flagged: number[] = [];
    for (let c = 0; c < n; c++) if (!model.known[c] && table.cellFacts[c]!.length) flagged.push(c);
    const safe = new Uint8Array(n);
    let changed = flagged.length > 0;
    while (changed) {
      changed = false;
      const unknown = unknownNow();
      for (const c of flagged) {
        await turn();
        if (safe[c] || unprotectable.has(c)) continue;
        const iv = intruderInterval(h, table, unknown, c);
        if (!iv || Math.floor(iv[1] + LP_EPS) - Math.ceil(iv[0] - LP_EPS) >= 1) {
          safe[c] = 1;
          continue;
        }
        // A flagged cell's column holds its value: ask for one above the pinned one.
        if (!reach(c, Math.ceil(iv[0] - LP_EPS) + 1, Infinity)) {
          unprotectable.add(c);
          continue;
        }
        await drain();
        changed = true;
        break;
      }
    }
  }

  const secondary = new Set<string>();
  const usedFallback: string[] = [];
  for (let c = 0; c < n; c++) {
    if (!withheld[c] || isPrimary[c]) continue;
    secondary.add(model.ids[c]!);
    if (fallback[c]) usedFallback.push(model.ids[c]!);
  }
  const result: SdcResult = { primary: primarySet, secondary };
  if (usedFallback.length) result.fallback = usedFallback;
  if (unprotectable.size) {
    result.unprotectable = [...unprotectable].toSorted((a, b) => a - b).map((c) => model.ids[c]!);
  }
  return result;
}
