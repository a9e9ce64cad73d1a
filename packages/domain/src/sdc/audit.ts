/**
 * The attacker: which suppressed cells can be recomputed from the published cells and the relations.
 * Two independent parts:
 *  1. exact algebra (see linear.ts): the rational row-space test (linear system only) and, on top of
 *     it, the exact LP attacker with non-negativity (a small exact simplex on the zero cells);
 *  2. interval reasoning with non-negativity by bound propagation (see intervals.ts), LP-free and a
 *     sound under-approximation of 1, kept as an independent second opinion.
 * In addition it reports "exposed" sensitive cells: non-zero primary cells that would become exactly
 * derivable if the attacker learned which suppressed cells are zero (the zero trap).
 */
import { LinearAnalyser } from './linear';
import { pinnedCells, propagateBounds } from './intervals';
import { buildModel, NULL, violatedRelations, ZERO, type Model } from './model';
import type { SdcCell, SdcRelation, SdcResult } from './types';

export interface AuditOptions {
  /** Also check cells whose value is null (flagged by the source). Default true. */
  protectFlagged?: boolean;
}

export interface AuditResult {
  /** Suppressed (or flagged) cells whose exact value follows from the published cells. */
  derivable: string[];
  /**
   * Non-zero sensitive cells that are not derivable but would be if the attacker knew which suppressed
   * cells are zero; their true value may then be an end point of the feasible interval (e.g. a small
   * cell whose only partner in a relation is a suppressed zero). Sensitive: the primary cells when an
   * SdcResult is audited, every suppressed cell when a plain list is audited.
   */
  exposed: string[];
  /** Cells determined by the linear system alone (exact; subset of `lp`). */
  linear: string[];
  /** Cells with the same value in every non-negative completion (exact LP attacker over the reals). */
  lp: string[];
  /** Cells pinned by bound propagation (LP-free; subset of `lp` when flagged cells hide positive values). */
  interval: string[];
  /** Indexes of fully known relations that do not add up (left out of the bound propagation). */
  inconsistentRelations: number[];
}

/** Failing cells of one audit round (cell positions, ascending). */
export interface Findings {
  derivable: number[];
  exposed: number[];
  linear: Set<number>;
  lp: Set<number>;
  interval: Set<number>;
  /** Exposed cells before filtering (including derivable and non-sensitive ones). */
  exposedAll: Set<number>;
}

/**
 * Runs both attackers. `unknown`: unpublished cells (suppressed or null); `check`: cells that must not
 * be derivable; `sensitive`: cells that must not be exposed either (only non-zero ones are tested).
 */
export function analyse(
  model: Model,
  analyser: LinearAnalyser,
  unknown: Uint8Array,
  check: Uint8Array,
  sensitive: Uint8Array,
  inconsistent: ReadonlySet<number> = new Set(),
): Findings {
  const lin = analyser.analyse(unknown);
  const pinned = pinnedCells(propagateBounds(model, unknown, inconsistent), unknown);
  const derivable: number[] = [];
  const exposed: number[] = [];
  for (let c = 0; c < model.ids.length; c++) {
    if (!check[c]) continue;
    if (lin.pinned.has(c) || lin.determined.has(c) || pinned.has(c)) derivable.push(c);
    else if (sensitive[c] && model.kind[c] !== ZERO && lin.exposed.has(c)) exposed.push(c);
  }
  return {
    derivable,
    exposed,
    linear: lin.determined,
    lp: lin.pinned,
    interval: pinned,
    exposedAll: lin.exposed,
  };
}

function isResult(x: Iterable<string> | SdcResult): x is SdcResult {
  return typeof (x as SdcResult).primary === 'object' && typeof (x as SdcResult).secondary === 'object';
}

/**
 * Which suppressed cells are recomputable. `suppressed`: the cells withheld from publication, either
 * as a list or as the SdcResult of secondarySuppression; cells with value null are unknown to the
 * public as well and are checked unless `protectFlagged` is false.
 */
export function auditDisclosure(
  cells: readonly SdcCell[],
  relations: readonly SdcRelation[],
  suppressed: Iterable<string> | SdcResult,
  options: AuditOptions = {},
): AuditResult {
  const model = buildModel(cells, relations);
  const n = model.ids.length;
  const unknown = new Uint8Array(n);
  const check = new Uint8Array(n);
  const sensitive = new Uint8Array(n);
  const mark = (ids: Iterable<string>, isSensitive: boolean) => {
    for (const id of ids) {
      const c = model.index.get(id);
      if (c === undefined) throw new Error(`Unbekannte Zelle ${id} / unknown cell`);
      unknown[c] = 1;
      check[c] = 1;
      if (isSensitive) sensitive[c] = 1;
    }
  };
  if (isResult(suppressed)) {
    mark(suppressed.primary, true);
    mark(suppressed.secondary, false);
  } else {
    mark(suppressed, true);
  }
  const protectFlagged = options.protectFlagged ?? true;
  for (let c = 0; c < n; c++) {
    if (model.kind[c] === NULL) {
      unknown[c] = 1;
      check[c] = protectFlagged ? 1 : 0;
      sensitive[c] = 0;
    }
  }
  const inconsistent = violatedRelations(model);
  const f = analyse(model, new LinearAnalyser(model), unknown, check, sensitive, new Set(inconsistent));
  const ids = (list: Iterable<number>) =>
    [...list]
      .filter((c) => check[c])
      .toSorted((a, b) => a - b)
      .map((c) => model.ids[c]!);
  return {
    derivable: ids(f.derivable),
    exposed: ids(f.exposed),
    linear: ids(f.linear),
    lp: ids(f.lp),
    interval: ids(f.interval),
    inconsistentRelations: inconsistent,
  };
}
