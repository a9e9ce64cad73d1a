/**
 * Statistical disclosure control: primary suppression of small counts and secondary suppression so
 * that the interval an intruder can compute for a withheld cell from the published cells and the
 * table's relations covers the cell's protection range (ADR 0006).
 */

/** A cell of one table (e.g. one indicator × one period: all areas × dimension combinations). */
export interface SdcCell {
  id: string;
  /**
   * Exact decimal (may be negative or fractional, e.g. official corrections or rates) or null when the
   * cell already carries a value flag (unknown to the public, e.g. '.'). A '-' (nichts vorhanden) is a
   * known zero: pass '0'.
   */
  value: string | null;
}

/**
 * A structural relation between a total and its parts: an area and its sub-areas, or a dimension's
 * total and its other values. Which linear facts it stands for is decided from the data (see facts.ts):
 * total = Σ parts where that holds; otherwise the inequalities that hold (Σ parts ≤ total for a partial
 * list of sub-areas, part ≤ total ≤ Σ parts for totals without double counting).
 */
export interface SdcRelation {
  total: string;
  parts: string[];
  /**
   * Relations of one family share their evidence: a fact that involves flagged cells is only assumed
   * when no fully known relation of the family contradicts it (e.g. 'area:<parent>', 'dim:<key>').
   */
  family?: string;
}

export interface SdcOptions {
  /** Counts below this (and above zero) are withheld (default 3). */
  threshold: number;
  /**
   * Cells with value null (flagged by the source, e.g. '.') must not become derivable (default true).
   * They always count as unknown to the public.
   */
  protectFlagged?: boolean;
}

export interface SdcResult {
  /** Cells withheld because they are small. */
  primary: Set<string>;
  /** Cells withheld to protect the primary ones. */
  secondary: Set<string>;
  /**
   * Withheld cells whose protection range could not be reached even with every eligible cell withheld
   * (only zeros, negative or fractional values around them). They stay withheld; callers may log them.
   */
  unprotectable?: string[];
  /**
   * Secondary cells that are not counts (negative or fractional values), withheld as a last resort
   * because a small count was pinned by such values alone.
   */
  fallback?: string[];
}
