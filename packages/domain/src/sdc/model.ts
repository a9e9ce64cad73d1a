/**
 * Internal index of a table for disclosure control: cells by position and exact values as scaled
 * BigInts (value × 10^scale), so that sums over published cells are exact whatever their size.
 */
import type { SdcCell } from './types';

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/** Parsed exact decimal: sign, integer digits and fraction digits. */
export interface ParsedDecimal {
  negative: boolean;
  int: string;
  frac: string;
}

export function parseDecimal(value: string, id: string): ParsedDecimal {
  const m = DECIMAL.exec(value);
  if (!m) {
    throw new Error(
      `Zelle ${id}: Wert „${value.length > 40 ? `${value.slice(0, 40)}…` : value}“ ist keine Dezimalzahl / not a decimal`,
    );
  }
  return { negative: m[1] === '-', int: m[2] ?? '0', frac: (m[3] ?? '').replace(/0+$/, '') };
}

export interface Model {
  ids: string[];
  index: Map<string, number>;
  /** False for cells whose value is null (flagged by the source). */
  known: Uint8Array;
  /** Value × 10^scale (exact); 0n for null cells (never read for them). */
  scaled: bigint[];
  scale: number;
  /** Value as a float (for the LP; exactness comes from `scaled`); 0 for null cells. */
  num: Float64Array;
  /** Cells that may be withheld: known non-negative integers ≥ 1 (what the public assumes of them). */
  eligible: Uint8Array;
}

export function buildModel(cells: readonly SdcCell[]): Model {
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
      scale = Math.max(scale, d.frac.length);
      parsed.push(d);
    }
  }
  const n = ids.length;
  const known = new Uint8Array(n);
  const eligible = new Uint8Array(n);
  const num = new Float64Array(n);
  const scaled: bigint[] = [];
  for (let i = 0; i < n; i++) {
    const d = parsed[i];
    if (!d) {
      scaled.push(0n);
      continue;
    }
    known[i] = 1;
    const magnitude = BigInt(d.int + d.frac.padEnd(scale, '0'));
    const v = d.negative ? -magnitude : magnitude;
    scaled.push(v);
    num[i] = Number(`${d.negative ? '-' : ''}${d.int}${d.frac ? `.${d.frac}` : ''}`);
    if (!d.negative && d.frac === '' && magnitude > 0n) eligible[i] = 1;
  }
  return { ids, index, known, scaled, scale, num, eligible };
}

/** Position of a cell id, or an error naming where it was needed. */
export function positionOf(model: Model, id: string, where: string): number {
  const i = model.index.get(id);
  if (i === undefined) throw new Error(`${where}: unbekannte Zelle ${id} / unknown cell`);
  return i;
}

/** Exact scaled value of an integer count (for thresholds and ranges); 1 = 10^scale. */
export function unit(model: Model): bigint {
  return 10n ** BigInt(model.scale);
}

/** BigInt (scaled) to float, exact enough for LP right-hand sides. */
export function toNumber(model: Model, v: bigint): number {
  if (model.scale === 0) return Number(v);
  const u = unit(model);
  const neg = v < 0n;
  const a = neg ? -v : v;
  const x = Number(a / u) + Number(a % u) / Number(u);
  return neg ? -x : x;
}
