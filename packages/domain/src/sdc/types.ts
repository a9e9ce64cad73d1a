/**
 * Statistical disclosure control: primary suppression of small counts and secondary suppression so
 * that no suppressed cell can be recomputed from the published cells and the table's additive relations.
 */

/** A cell of one table (e.g. one indicator × one period: all areas × dimension combinations). */
export interface SdcCell {
  id: string;
  /**
   * Exact non-negative count or null when the cell already carries a value flag (unknown to the public,
   * e.g. '.'; assumed to hide a positive value). A '-' (nichts vorhanden) is a known zero: pass '0'.
   */
  value: string | null;
}

/** total = sum(parts): from the area hierarchy (parent = sum of children) or a total dimension value. */
export interface SdcRelation {
  total: string;
  parts: string[];
}

export interface SdcOptions {
  /** Counts below this (and above zero) are suppressed (default 3). */
  threshold: number;
  /** Also suppress zeros (default false). */
  suppressZeros?: boolean;
  /**
   * Cells with value null (flagged by the source, e.g. '.') must not become derivable either (default true).
   * They are always used as free protection; with false they are only helpers and never protected.
   */
  protectFlagged?: boolean;
}

export interface SdcResult {
  /** Cells suppressed because they are small. */
  primary: Set<string>;
  /** Cells suppressed to protect the primary ones. */
  secondary: Set<string>;
  /**
   * Indexes of relations whose cells are all known but do not add up (total ≠ Σ parts). They still
   * count for the structural (linear) protection, but not for the value-based bound propagation.
   */
  inconsistentRelations?: number[];
}
