/**
 * Secondary suppression: withhold further cells until no suppressed cell can be recomputed.
 *
 * Notation: U = unknown cells (suppressed or null), S⁺ = unknown cells that are non-zero or null,
 * protected = primary ∪ secondary (∪ null cells unless protectFlagged = false).
 *
 * Phase 1 (local, per relation, until stable): a relation that contains a protected non-zero/null
 * cell needs ≥ 2 cells of S⁺; one that contains a protected zero needs ≥ 1. Otherwise one more cell
 * of the relation is suppressed (scores in `better`). This removes singletons and the zero trap.
 * Phase 2 (global): the audit (exact linear algebra + bound propagation, plus the "exposed" test:
 * linear algebra with suppressed zeros treated as known). For every failing cell one more cell in a
 * relation containing it is suppressed (or, if all are suppressed, in the nearest relation with a
 * published cell); then phase 1 and the audit again. Each round adds cells, so it terminates.
 */
import { analyse } from './audit';
import { LinearAnalyser } from './linear';
import { buildModel, NULL, violatedRelations, ZERO } from './model';
import type { SdcCell, SdcOptions, SdcRelation, SdcResult } from './types';

export function secondarySuppression(
  cells: readonly SdcCell[],
  relations: readonly SdcRelation[],
  primary: Iterable<string>,
  options: Partial<SdcOptions> = {},
): SdcResult {
  const model = buildModel(cells, relations);
  const bad = violatedRelations(model);
  if (bad.length > 0) {
    const names = bad.slice(0, 5).map((r) => model.ids[model.relCells[r]![0]!]);
    throw new Error(
      `${bad.length} Beziehung(en) gehen nicht auf (Summe der Teile ≠ Summe), z. B. ${names.join(', ')} / relations do not add up`,
    );
  }
  const n = model.ids.length;
  const R = model.relCells.length;
  const { kind, scaled, relCells, cellRels } = model;
  const protectFlagged = options.protectFlagged ?? true;

  const unknown = new Uint8Array(n);
  const check = new Uint8Array(n);
  const isSecondary = new Uint8Array(n);
  const primarySet = new Set<string>();
  for (const id of primary) {
    const c = model.index.get(id);
    if (c === undefined) throw new Error(`Unbekannte Zelle ${id} / unknown cell`);
    primarySet.add(id);
    unknown[c] = 1;
    check[c] = 1;
  }
  for (let c = 0; c < n; c++) {
    if (kind[c] === NULL) {
      unknown[c] = 1;
      if (protectFlagged) check[c] = 1;
    }
  }

  // Per relation: unknown S⁺ cells, protected S⁺ cells, protected zero cells.
  const plus = new Int32Array(R);
  const protPlus = new Int32Array(R);
  const protZero = new Int32Array(R);
  const exhausted = new Uint8Array(R);
  const isPlus = (c: number) => kind[c] !== ZERO;
  for (let r = 0; r < R; r++) {
    for (const c of relCells[r]!) {
      if (!unknown[c]) continue;
      if (isPlus(c)) plus[r]!++;
      if (check[c]) {
        if (isPlus(c)) protPlus[r]!++;
        else protZero[r]!++;
      }
    }
  }
  const leakingCounts = (r: number, pp: number, p: number, pz: number) =>
    !exhausted[r] && ((pp > 0 && p < 2) || (pz > 0 && p < 1));
  const leaking = (r: number) => leakingCounts(r, protPlus[r]!, plus[r]!, protZero[r]!);
  /** Change in the number of leaking relations (other than r) if cell j were suppressed. */
  const delta = (j: number, r: number) => {
    let d = 0;
    const jp = isPlus(j) ? 1 : 0;
    for (const q of cellRels[j]!) {
      if (q === r) continue;
      const after = leakingCounts(q, protPlus[q]! + jp, plus[q]! + jp, protZero[q]! + (1 - jp));
      d += (after ? 1 : 0) - (leaking(q) ? 1 : 0);
    }
    return d;
  };

  interface Candidate {
    cell: number;
    zero: number;
    delta: number;
    total: number;
  }
  const candidate = (j: number, r: number): Candidate => ({
    cell: j,
    zero: kind[j] === ZERO ? 1 : 0,
    delta: delta(j, r),
    total: relCells[r]![0] === j ? 1 : 0,
  });
  /** Preference: non-zero, fewer new leaking relations, a part rather than the total, smaller value, earlier cell. */
  const better = (a: Candidate, b: Candidate): boolean => {
    if (a.zero !== b.zero) return a.zero < b.zero;
    if (a.delta !== b.delta) return a.delta < b.delta;
    if (a.total !== b.total) return a.total < b.total;
    const va = scaled[a.cell]!;
    const vb = scaled[b.cell]!;
    if (va !== vb) return va < vb;
    return a.cell < b.cell;
  };

  const queue: number[] = [];
  const queued = new Uint8Array(R);
  const enqueue = (r: number) => {
    if (!queued[r]) {
      queued[r] = 1;
      queue.push(r);
    }
  };
  const suppress = (j: number) => {
    unknown[j] = 1;
    check[j] = 1;
    isSecondary[j] = 1;
    for (const q of cellRels[j]!) {
      if (isPlus(j)) {
        plus[q]!++;
        protPlus[q]!++;
      } else {
        protZero[q]!++;
      }
      enqueue(q);
    }
  };

  /** Phase 1: fix relations until none leaks locally. */
  const closeLocal = () => {
    for (let r = 0; r < R; r++) enqueue(r);
    let head = 0;
    while (head < queue.length) {
      const r = queue[head++]!;
      queued[r] = 0;
      while (leaking(r)) {
        let best: Candidate | null = null;
        for (const j of relCells[r]!) {
          if (unknown[j] || kind[j] === ZERO) continue;
          const cand = candidate(j, r);
          if (!best || better(cand, best)) best = cand;
        }
        if (best) {
          suppress(best.cell);
          continue;
        }
        // Only zeros left: a zero can still vary together with an unknown total.
        const t = relCells[r]![0]!;
        if (plus[r] === 0 && !unknown[t]) suppress(t);
        else exhausted[r] = 1;
      }
    }
    queue.length = 0;
  };

  /** A cell to suppress for the failing cell c: in its relations, else breadth-first further out. */
  const pickFor = (c: number): number => {
    const seenRel = new Uint8Array(R);
    const seenCell = new Uint8Array(n);
    let frontier = [c];
    seenCell[c] = 1;
    while (frontier.length > 0) {
      let best: Candidate | null = null;
      const next: number[] = [];
      for (const x of frontier) {
        for (const r of cellRels[x]!) {
          if (seenRel[r]) continue;
          seenRel[r] = 1;
          for (const j of relCells[r]!) {
            if (!unknown[j]) {
              const cand = candidate(j, r);
              if (!best || better(cand, best)) best = cand;
            } else if (!seenCell[j]) {
              seenCell[j] = 1;
              next.push(j);
            }
          }
        }
      }
      if (best) return best.cell;
      frontier = next;
    }
    return -1;
  };

  const analyser = new LinearAnalyser(model);
  for (;;) {
    closeLocal();
    const f = analyse(model, analyser, unknown, check);
    const failing = [...f.derivable, ...f.exposed].toSorted((a, b) => a - b);
    if (failing.length === 0) break;
    const touched = new Uint8Array(R);
    let added = 0;
    for (const c of failing) {
      if (cellRels[c]!.some((r) => touched[r])) continue;
      const j = pickFor(c);
      if (j < 0) continue;
      suppress(j);
      added++;
      for (const r of cellRels[j]!) touched[r] = 1;
    }
    if (added === 0) {
      const names = failing.slice(0, 5).map((c) => model.ids[c]);
      throw new Error(
        `Geheimhaltung nicht herstellbar: ${names.join(', ')} bleiben berechenbar (widersprüchliche Beziehungen?) / cannot protect`,
      );
    }
  }

  const secondary = new Set<string>();
  for (let c = 0; c < n; c++) if (isSecondary[c]) secondary.add(model.ids[c]!);
  return { primary: primarySet, secondary };
}
