/**
 * Internal index of a table for disclosure control: cells by position, relations as cell positions,
 * exact values as scaled BigInts. Validates ids and relations.
 */
import type { SdcCell, SdcRelation } from './types';

/** Value class of a cell. */
export const NULL = 0;
export const ZERO = 1;
export const POSITIVE = 2;
export type ValueKind = typeof NULL | typeof ZERO | typeof POSITIVE;

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/** Parsed exact non-negative decimal: integer digits and fraction digits. */
export interface ParsedDecimal {
  int: string;
  frac: string;
}

export function parseDecimal(value: string, id: string): ParsedDecimal {
  const m = DECIMAL.exec(value);
  if (!m) {
    throw new Error(
      `Zelle ${id}: Wert „${value}“ ist keine exakte nicht-negative Dezimalzahl / not a non-negative decimal`,
    );
  }
  return { int: m[1] ?? '0', frac: m[2] ?? '' };
}

/** True when the decimal has no non-zero fraction digits, i.e. it is a count. */
export function isInteger(d: ParsedDecimal): boolean {
  return /^0*$/.test(d.frac);
}

export interface Model {
  ids: string[];
  index: Map<string, number>;
  kind: Uint8Array;
  /** Value × 10^scale (exact); 0n for null cells (never read for them). */
  scaled: bigint[];
  scale: number;
  /** Cells of each relation: position 0 is the total, then the parts. */
  relCells: number[][];
  /** Relations containing each cell, ascending. */
  cellRels: number[][];
}

export function buildModel(cells: readonly SdcCell[], relations: readonly SdcRelation[]): Model {
  const ids: string[] = [];
  const index = new Map<string, number>();
  const parsed: (ParsedDecimal | null)[] = [];
  let scale = 0;
  for (const cell of cells) {
    if (index.has(cell.id)) throw new Error(`Zelle ${cell.id} ist doppelt / duplicate cell id`);
    index.set(cell.id, ids.length);
    ids.push(cell.id);
    if (cell.value === null) {
      parsed.push(null);
    } else {
      const d = parseDecimal(cell.value, cell.id);
      const frac = d.frac.replace(/0+$/, '');
      scale = Math.max(scale, frac.length);
      parsed.push({ int: d.int, frac });
    }
  }
  const kind = new Uint8Array(ids.length);
  const scaled: bigint[] = [];
  for (let i = 0; i < ids.length; i++) {
    const d = parsed[i];
    if (!d) {
      kind[i] = NULL;
      scaled.push(0n);
      continue;
    }
    const v = BigInt(d.int + d.frac.padEnd(scale, '0'));
    kind[i] = v === 0n ? ZERO : POSITIVE;
    scaled.push(v);
  }
  const pos = (id: string, r: number): number => {
    const i = index.get(id);
    if (i === undefined) throw new Error(`Beziehung ${r}: unbekannte Zelle ${id} / unknown cell`);
    return i;
  };
  const relCells: number[][] = [];
  const cellRels: number[][] = ids.map(() => []);
  relations.forEach((rel, r) => {
    if (rel.parts.length === 0) throw new Error(`Beziehung ${r} (${rel.total}) hat keine Teile / no parts`);
    const list = [pos(rel.total, r), ...rel.parts.map((p) => pos(p, r))];
    if (new Set(list).size !== list.length) {
      throw new Error(`Beziehung ${r} (${rel.total}) enthält eine Zelle doppelt / repeated cell`);
    }
    relCells.push(list);
    for (const c of list) cellRels[c]!.push(r);
  });
  return { ids, index, kind, scaled, scale, relCells, cellRels };
}

/** Relations whose cells are all known and whose total differs from the sum of the parts. */
export function violatedRelations(model: Model): number[] {
  const bad: number[] = [];
  model.relCells.forEach((list, r) => {
    let sum = 0n;
    for (let k = 0; k < list.length; k++) {
      const c = list[k]!;
      if (model.kind[c] === NULL) return;
      sum += k === 0 ? model.scaled[c]! : -model.scaled[c]!;
    }
    if (sum !== 0n) bad.push(r);
  });
  return bad;
}
