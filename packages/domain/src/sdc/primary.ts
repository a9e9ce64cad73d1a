/**
 * Primary suppression: small counts. A value is a count when it is an exact non-negative decimal
 * without a non-zero fraction ("12", "12.0"). Non-integers ("2.5", e.g. rates or full-time
 * equivalents) are not counts and never primary; null cells are already flagged and never primary.
 */
import { isInteger, parseDecimal } from './model';
import type { SdcCell, SdcOptions } from './types';

export const DEFAULT_THRESHOLD = 3;

/** Ids of the cells with 0 < value < threshold (and value = 0 when `suppressZeros`), in input order. */
export function primarySuppression(
  cells: readonly SdcCell[],
  options: Partial<SdcOptions> = {},
): Set<string> {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  if (!Number.isFinite(threshold) || threshold < 0) {
    throw new Error(`Ungültiger Schwellenwert ${threshold} / invalid threshold`);
  }
  // For an integer n: n < threshold ⇔ n < ceil(threshold).
  const limit = BigInt(Math.ceil(threshold));
  const out = new Set<string>();
  for (const cell of cells) {
    if (cell.value === null) continue;
    const d = parseDecimal(cell.value, cell.id);
    if (!isInteger(d)) continue;
    const n = BigInt(d.int);
    if (n === 0n ? options.suppressZeros === true : n < limit) out.add(cell.id);
  }
  return out;
}
