/**
 * Linear programs for disclosure control, solved with HiGHS (WebAssembly build of the HiGHS solver,
 * npm `highs`). The runtime is loaded once per process on first use.
 */
import loadHighs, { type Highs } from 'highs';

let runtime: Promise<Highs> | null = null;

/** The HiGHS runtime (loaded on first use, then shared). */
export function highsRuntime(): Promise<Highs> {
  runtime ??= loadHighs();
  return runtime;
}

export interface LpRow {
  cols: number[];
  coefs: number[];
  lower: number;
  upper: number;
}

export interface Lp {
  lower: number[];
  upper: number[];
  cost: number[];
  rows: LpRow[];
}

export type LpOutcome =
  { status: 'optimal'; value: number; x: Float64Array } | { status: 'infeasible' } | { status: 'unbounded' };

const OPTIMAL = 7;
const INFEASIBLE = 8;
const UNBOUNDED_OR_INFEASIBLE = 9;
const UNBOUNDED = 10;

/** Solves min (or max) cost·x subject to the rows and bounds. */
export function solveLp(h: Highs, lp: Lp, maximize = false): LpOutcome {
  const numCols = lp.cost.length;
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const row of lp.rows) {
    // Merge duplicate columns within a row (HiGHS rejects them).
    const merged = new Map<number, number>();
    row.cols.forEach((c, k) => merged.set(c, (merged.get(c) ?? 0) + row.coefs[k]!));
    for (const [c, v] of merged) {
      if (v === 0) continue;
      indices.push(c);
      values.push(v);
    }
    starts.push(indices.length);
  }
  const model = h.createModel({
    numCols,
    numRows: lp.rows.length,
    sense: maximize ? h.constants.objectiveSense.maximize : h.constants.objectiveSense.minimize,
    colCost: lp.cost,
    colLower: lp.lower,
    colUpper: lp.upper,
    rowLower: lp.rows.map((r) => r.lower),
    rowUpper: lp.rows.map((r) => r.upper),
    matrix: { format: 'csr', numRows: lp.rows.length, numCols, starts, indices, values },
  });
  try {
    model.options.set({ output_flag: false });
    model.run();
    let status = model.getModelStatus();
    if (status === UNBOUNDED_OR_INFEASIBLE) {
      // Presolve could not tell the two apart: solve again without it.
      model.options.set({ presolve: 'off' });
      model.run();
      status = model.getModelStatus();
    }
    if (status === OPTIMAL) {
      return { status: 'optimal', value: model.getObjectiveValue(), x: model.getSolution().colValue };
    }
    if (status === INFEASIBLE) return { status: 'infeasible' };
    if (status === UNBOUNDED) return { status: 'unbounded' };
    throw new Error(`LP: unerwarteter Status ${status} / unexpected solver status`);
  } finally {
    model.dispose();
  }
}
