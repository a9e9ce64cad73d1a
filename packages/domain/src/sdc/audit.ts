/**
 * The attacker: which suppressed cells can be recomputed from the published cells and the relations.
 * Two independent parts:
 *  1. exact linear algebra (rational row space test via fraction-free elimination, see linear.ts);
 *  2. interval reasoning with non-negativity (bound propagation, see intervals.ts).
 * In addition it reports "exposed" cells: non-zero suppressed cells that would become exactly
 * derivable if the attacker learned which suppressed cells are zero (the zero trap).
 */
import { LinearAnalyser } from './linear';
import { pinnedCells, propagateBounds } from './intervals';
import { buildModel, NULL, ZERO, type Model } from './model';
import type { SdcCell, SdcRelation } from './types';

export interface AuditOptions {
  /** Also check cells whose value is null (flagged by the source). Default true. */
  protectFlagged?: boolean;
}

export interface AuditResult {
  /** Suppressed (or flagged) cells whose exact value follows from the published cells. */
  derivable: string[];
  /**
   * Non-zero (or flagged) suppressed cells that are not derivable, but would be if the attacker knew
   * which suppressed cells are zero. Then the true value may be an end point of the feasible interval
   * (e.g. a small cell whose only partner in a relation is a suppressed zero).
   */
  exposed: string[];
  /** Cells found by the exact linear test (subset of derivable). */
  linear: string[];
  /** Cells found by bound propagation (subset of derivable; may overlap with linear). */
  interval: string[];
}

/** Internal failing cells of one audit round (cell positions). */
export interface Findings {
  derivable: number[];
  exposed: number[];
  linear: Set<number>;
  interval: Set<number>;
}

/** Runs both attackers on the model; `unknown` marks unpublished cells, `check` the cells to protect. */
export function analyse(
  model: Model,
  analyser: LinearAnalyser,
  unknown: Uint8Array,
  check: Uint8Array,
): Findings {
  const lin = analyser.analyse(unknown);
  const pinned = pinnedCells(propagateBounds(model, unknown), unknown);
  const derivable: number[] = [];
  const exposed: number[] = [];
  for (let c = 0; c < model.ids.length; c++) {
    if (!check[c]) continue;
    if (lin.determined.has(c) || pinned.has(c)) derivable.push(c);
    else if (model.kind[c] !== ZERO && lin.exposed.has(c)) exposed.push(c);
  }
  return { derivable, exposed, linear: lin.determined, interval: pinned };
}

/**
 * Which suppressed cells are recomputable. `suppressed` are the cells withheld from publication
 * (primary and secondary); cells with value null are unknown to the public as well.
 */
export function auditDisclosure(
  cells: readonly SdcCell[],
  relations: readonly SdcRelation[],
  suppressed: Iterable<string>,
  options: AuditOptions = {},
): AuditResult {
  const model = buildModel(cells, relations);
  const n = model.ids.length;
  const unknown = new Uint8Array(n);
  const check = new Uint8Array(n);
  for (const id of suppressed) {
    const c = model.index.get(id);
    if (c === undefined) throw new Error(`Unbekannte Zelle ${id} / unknown cell`);
    unknown[c] = 1;
    check[c] = 1;
  }
  const protectFlagged = options.protectFlagged ?? true;
  for (let c = 0; c < n; c++) {
    if (model.kind[c] === NULL) {
      unknown[c] = 1;
      check[c] = protectFlagged ? 1 : 0;
    }
  }
  const f = analyse(model, new LinearAnalyser(model), unknown, check);
  const ids = (list: Iterable<number>) =>
    [...list]
      .filter((c) => check[c])
      .toSorted((a, b) => a - b)
      .map((c) => model.ids[c]!);
  return {
    derivable: ids(f.derivable),
    exposed: ids(f.exposed),
    linear: ids(f.linear),
    interval: ids(f.interval),
  };
}
