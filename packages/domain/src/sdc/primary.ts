/**
 * Primary suppression: small counts. A value is a count when it is an exact non-negative decimal
 * without a non-zero fraction ("12", "12.0"). Negative values (official corrections), non-integers
 * (rates, full-time equivalents) and zeros are never primary; null cells are already flagged.
 */
import { parseDecimal } from './model';
import type { SdcCell, SdcOptions } from './types';

export const DEFAULT_THRESHOLD = 3;

/** Ids of the cells with 0 < value < threshold, in input order. */
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
    if (d.negative || d.frac !== '' || d.int.length > 12) continue;
    const n = BigInt(d.int);
    if (n > 0n && n < limit) out.add(cell.id);
  }
  return out;
}
