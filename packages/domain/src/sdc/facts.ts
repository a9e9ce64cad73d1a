/**
 * From structural relations (total ↔ parts) to the linear facts an intruder may use, decided from the
 * data instead of assumed:
 *
 *  - `total = Σ parts` where it holds (a complete partition, a plain total);
 *  - otherwise each inequality that holds: `Σ parts ≤ total` (a partial list of sub-areas, e.g. one
 *    city of a Kreis), `total ≤ Σ parts` and `part ≤ total` (a total without double counting, e.g.
 *    „Insgesamt (ohne Doppelzählungen)“ over Kita and Tagespflege).
 *
 * A fact whose cells are all known (published or withheld by us; we know their values) is used exactly
 * when it is true. A fact that involves a flagged cell (value unknown even to us) is assumed when no
 * fully known fact of the same form in the relation's family is false (`assumed: true`; dropped again
 * if the whole system turns out infeasible). So the facts are every relation an intruder could know to
 * hold, and none that does not.
 */
import { positionOf, type Model } from './model';
import type { SdcRelation } from './types';

/** Σ coefs[k] · x[cells[k]]  =  0 (eq) or  ≤ 0 (not eq). Coefficients are ±1. */
export interface Fact {
  cells: number[];
  coefs: number[];
  eq: boolean;
  /** Involves a flagged cell and rests on the family's evidence only. */
  assumed: boolean;
}

type Form = 'eq' | 'partsLe' | 'totalLe' | 'part';

function factOf(form: Form, total: number, parts: readonly number[], part = -1): Omit<Fact, 'assumed'> {
  switch (form) {
    case 'eq':
      return { cells: [total, ...parts], coefs: [1, ...parts.map(() => -1)], eq: true };
    case 'partsLe':
      return { cells: [total, ...parts], coefs: [-1, ...parts.map(() => 1)], eq: false };
    case 'totalLe':
      return { cells: [total, ...parts], coefs: [1, ...parts.map(() => -1)], eq: false };
    case 'part':
      return { cells: [part, total], coefs: [1, -1], eq: false };
  }
}

/** True/false for a fully known fact, null when it involves a flagged cell. */
function truth(model: Model, f: Omit<Fact, 'assumed'>): boolean | null {
  let sum = 0n;
  for (let k = 0; k < f.cells.length; k++) {
    const c = f.cells[k]!;
    if (!model.known[c]) return null;
    sum += f.coefs[k]! < 0 ? -model.scaled[c]! : model.scaled[c]!;
  }
  return f.eq ? sum === 0n : sum <= 0n;
}

interface Resolved {
  total: number;
  parts: number[];
  family: string;
}

function resolve(model: Model, relations: readonly SdcRelation[]): Resolved[] {
  return relations.map((rel, r) => {
    if (rel.parts.length === 0) throw new Error(`Beziehung ${r} (${rel.total}) hat keine Teile / no parts`);
    const where = `Beziehung ${r}`;
    const total = positionOf(model, rel.total, where);
    const parts = rel.parts.map((p) => positionOf(model, p, where));
    if (new Set([total, ...parts]).size !== parts.length + 1) {
      throw new Error(`Beziehung ${r} (${rel.total}) enthält eine Zelle doppelt / repeated cell`);
    }
    return { total, parts, family: rel.family ?? '' };
  });
}

export function deriveFacts(model: Model, relations: readonly SdcRelation[]): Fact[] {
  const rels = resolve(model, relations);
  // Pass 1: which forms are contradicted by a fully known instance, per family.
  const violated = new Map<string, Set<Form>>();
  const violate = (family: string, form: Form) => {
    let set = violated.get(family);
    if (!set) violated.set(family, (set = new Set()));
    set.add(form);
  };
  for (const { total, parts, family } of rels) {
    for (const form of ['eq', 'partsLe', 'totalLe'] as const) {
      if (truth(model, factOf(form, total, parts)) === false) violate(family, form);
    }
    if (parts.length > 1) {
      for (const p of parts)
        if (truth(model, factOf('part', total, parts, p)) === false) violate(family, 'part');
    }
  }
  // Pass 2: the facts that hold (known) or are not contradicted (assumed).
  const facts: Fact[] = [];
  const seen = new Set<string>();
  const emit = (f: Omit<Fact, 'assumed'>, assumed: boolean) => {
    const key = `${f.eq ? '=' : '<'}${f.cells.map((c, k) => `${f.coefs[k]! < 0 ? '-' : '+'}${c}`).join('')}`;
    if (seen.has(key)) return;
    seen.add(key);
    facts.push({ ...f, assumed });
  };
  /** Emits the fact if it holds or may be assumed; returns whether it did. */
  const consider = (form: Form, r: Resolved, part = -1): boolean => {
    const f = factOf(form, r.total, r.parts, part);
    const t = truth(model, f);
    if (t === true) emit(f, false);
    else if (t === null && !violated.get(r.family)?.has(form)) emit(f, true);
    else return false;
    return true;
  };
  for (const r of rels) {
    if (consider('eq', r)) continue;
    consider('partsLe', r);
    consider('totalLe', r);
    if (r.parts.length > 1) for (const p of r.parts) consider('part', r, p);
  }
  return facts;
}
