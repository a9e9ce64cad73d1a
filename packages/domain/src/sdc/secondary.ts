/**
 * Secondary suppression: withhold further cells until no suppressed cell can be recomputed.
 *
 * Notation: unknown = suppressed or null cells; S⁺ = unknown cells that are non-zero or null;
 * protected = primary ∪ secondary (∪ null cells unless protectFlagged = false);
 * sensitive = primary cells with a non-zero value.
 *
 * Phase 1 (local, per relation, worklist until stable). A relation leaks when it contains
 *  - a protected cell but fewer than 2 unknown cells (singleton: direct leak), or
 *  - a sensitive cell but fewer than 2 S⁺ cells (zero trap: knowing that the other unknown cells are
 *    zero, the small cell would follow), or
 *  - a protected zero but no S⁺ cell (the unknown cells would sum to a published 0).
 * A leaking relation gets one more suppressed cell, chosen by `better`: non-zero before zero, a part
 * before the relation's total, fewest newly leaking relations, smallest value, earliest cell.
 * Phase 2 (global): the audit (exact linear algebra, bound propagation, exposure of sensitive cells).
 * For every failing cell one more cell is suppressed in a relation containing it (or, if all of them
 * are suppressed, in the nearest relation with a published cell): the best-scored candidate that alone
 * makes the cell linearly safe (tested for all candidates at once, see LinearAnalyser.resolvers), else
 * the best-scored one. Then phase 1 and the audit again. Every round adds cells, so the loop ends; if a round can add nothing, it throws.
 */
import { analyse } from './audit';
import { LinearAnalyser, type ResolveRequest } from './linear';
import { buildModel, NULL, POSITIVE, violatedRelations, ZERO } from './model';
import type { SdcCell, SdcOptions, SdcRelation, SdcResult } from './types';

export function secondarySuppression(
  cells: readonly SdcCell[],
  relations: readonly SdcRelation[],
  primary: Iterable<string>,
  options: Partial<SdcOptions> = {},
): SdcResult {
  const model = buildModel(cells, relations);
  // Relations that do not add up stay in the structural analysis but not in the bound propagation.
  const inconsistent = violatedRelations(model);
  const skip = new Set(inconsistent);
  const n = model.ids.length;
  const R = model.relCells.length;
  const { kind, scaled, relCells, cellRels } = model;
  const protectFlagged = options.protectFlagged ?? true;

  const unknown = new Uint8Array(n);
  const check = new Uint8Array(n);
  const sensitive = new Uint8Array(n);
  const isSecondary = new Uint8Array(n);
  const primarySet = new Set<string>();
  for (const id of primary) {
    const c = model.index.get(id);
    if (c === undefined) throw new Error(`Unbekannte Zelle ${id} / unknown cell`);
    primarySet.add(id);
    unknown[c] = 1;
    check[c] = 1;
    if (kind[c] === POSITIVE) sensitive[c] = 1;
  }
  for (let c = 0; c < n; c++) {
    if (kind[c] === NULL) {
      unknown[c] = 1;
      check[c] = protectFlagged ? 1 : 0;
    }
  }

  const isPlus = (c: number) => kind[c] !== ZERO;
  // Per relation: unknown, unknown S⁺, protected, sensitive, protected zero cells.
  const unk = new Int32Array(R);
  const plus = new Int32Array(R);
  const prot = new Int32Array(R);
  const sens = new Int32Array(R);
  const protZero = new Int32Array(R);
  const exhausted = new Uint8Array(R);
  for (let r = 0; r < R; r++) {
    for (const c of relCells[r]!) {
      if (!unknown[c]) continue;
      unk[r]!++;
      if (isPlus(c)) plus[r]!++;
      if (check[c]) prot[r]!++;
      if (sensitive[c]) sens[r]!++;
      if (check[c] && !isPlus(c)) protZero[r]!++;
    }
  }
  const leakingCounts = (r: number, u: number, p: number, pr: number, s: number, pz: number) =>
    !exhausted[r] && ((pr > 0 && u < 2) || (s > 0 && p < 2) || (pz > 0 && p < 1));
  const leaking = (r: number) => leakingCounts(r, unk[r]!, plus[r]!, prot[r]!, sens[r]!, protZero[r]!);
  /** Change in the number of leaking relations (other than r) if j became a secondary cell. */
  const delta = (j: number, r: number) => {
    let d = 0;
    const jp = isPlus(j) ? 1 : 0;
    for (const q of cellRels[j]!) {
      if (q === r) continue;
      const after = leakingCounts(
        q,
        unk[q]! + 1,
        plus[q]! + jp,
        prot[q]! + 1,
        sens[q]!,
        protZero[q]! + 1 - jp,
      );
      d += (after ? 1 : 0) - (leaking(q) ? 1 : 0);
    }
    return d;
  };

  interface Candidate {
    cell: number;
    zero: number;
    total: number;
    delta: number;
  }
  const candidate = (j: number, r: number): Candidate => ({
    cell: j,
    zero: kind[j] === ZERO ? 1 : 0,
    total: relCells[r]![0] === j ? 1 : 0,
    delta: delta(j, r),
  });
  const better = (a: Candidate, b: Candidate): boolean => {
    if (a.zero !== b.zero) return a.zero < b.zero;
    if (a.total !== b.total) return a.total < b.total;
    if (a.delta !== b.delta) return a.delta < b.delta;
    const va = scaled[a.cell]!;
    const vb = scaled[b.cell]!;
    if (va !== vb) return va < vb;
    return a.cell < b.cell;
  };
  const compare = (a: Candidate, b: Candidate) => (better(a, b) ? -1 : better(b, a) ? 1 : 0);

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
      unk[q]!++;
      prot[q]!++;
      if (isPlus(j)) plus[q]!++;
      else protZero[q]!++;
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
        // Only published zeros left: the unknown cells can still vary together with the total.
        const t = relCells[r]![0]!;
        if (!unknown[t]) suppress(t);
        else exhausted[r] = 1;
      }
    }
    queue.length = 0;
  };

  /** Non-suppressed cells of the relations of c, best first. */
  const nearCandidates = (c: number): number[] => {
    const cands = new Map<number, Candidate>();
    for (const r of cellRels[c]!) {
      for (const j of relCells[r]!) {
        if (unknown[j]) continue;
        const cand = candidate(j, r);
        const old = cands.get(j);
        if (!old || better(cand, old)) cands.set(j, cand);
      }
    }
    return [...cands.values()].toSorted(compare).map((x) => x.cell);
  };

  /** When all relations of c are fully suppressed: the best cell of the nearest relation with one. */
  const farCandidate = (c: number): number => {
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
    const f = analyse(model, analyser, unknown, check, sensitive, skip);
    const failing = [...f.derivable, ...f.exposed].toSorted((a, b) => a - b);
    if (failing.length === 0) break;
    // Which nearby cells would make each linearly failing cell safe (one elimination per component).
    const near = new Map(failing.map((c) => [c, nearCandidates(c)]));
    const requests: ResolveRequest[] = failing
      .map((c) => ({
        cell: c,
        candidates: near.get(c)!,
        determined: f.linear.has(c),
        exposed: sensitive[c] === 1 && f.exposedAll.has(c),
      }))
      .filter((q) => q.candidates.length > 0 && (q.determined || q.exposed));
    const resolving = analyser.resolvers(unknown, sensitive, requests);
    // Suppressing more cells never makes a cell derivable again (monotone), so a cell whose resolving
    // set already got a cell this round is done; otherwise it gets its best resolving candidate now.
    // Without a known resolving candidate it waits if a relation of it changed in this round.
    const touched = new Uint8Array(R);
    const addedNow = new Set<number>();
    let added = 0;
    for (const c of failing) {
      const ok = resolving.get(c);
      if (ok && [...addedNow].some((j) => ok.has(j))) continue;
      const cands = near.get(c)!;
      let j = cands.find((x) => ok?.has(x)) ?? -1;
      if (j < 0) {
        if (cellRels[c]!.some((r) => touched[r])) continue;
        j = cands.length > 0 ? cands[0]! : farCandidate(c);
      }
      if (j < 0 || unknown[j]) continue;
      suppress(j);
      addedNow.add(j);
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
  return inconsistent.length > 0
    ? { primary: primarySet, secondary, inconsistentRelations: inconsistent }
    : { primary: primarySet, secondary };
}
