/**
 * Computed indicators: definitions (also as YAML/JSON file), exact decimal evaluation, period offsets,
 * flag propagation, rounding half-up, and aggregation to reference areas.
 */
import type { Flag, Period, PeriodType } from '../statistics/types';

/** How an input's period is found for an output period. */
export type PeriodRule =
  | 'same'
  /** 31 Dec of the previous year (for year-typed inputs: the previous year). */
  | 'previous-year-end'
  /** The same calendar year (must be unique). */
  | 'same-year'
  /** The latest input period on or before the output period's date. */
  | 'latest-before'
  | { shift: { years?: number; months?: number } };

export interface InputSelector {
  /** Code of the input indicator. */
  indicator: string;
  /**
   * Fixed dimension values. A list means: the sum over these values. Dimensions of the input that are
   * not named here stay free: the formula is applied per value and the output carries that dimension.
   */
  dims?: Record<string, string | string[]>;
  /** Default 'same'. */
  period?: PeriodRule;
}

export interface ComputedDefinition {
  code: string;
  name: { de: string; en?: string };
  description?: string;
  unit: string;
  decimals: number;
  /** Arithmetic over input names: + - * / parentheses, decimal constants ('100', '0.5'). */
  formula: string;
  inputs: Record<string, InputSelector>;
  /** Period type of the output (default: that of the first input). */
  periodType?: PeriodType;
  /** Which input's periods drive the output (default: the first input). */
  periodsFrom?: string;
  /** Further catalogue metadata (topic, tier, polarity, …) passed through unchanged. */
  meta?: Record<string, unknown>;
  /**
   * An exactly zero result (before rounding) is given as '-' (genau null), as official tables do; a value
   * that only rounds to zero stays a number ('0.0'). Default true; false keeps '0.0'.
   */
  zeroAsDash?: boolean;
}

/** One cell of an input or output series. */
export interface Cell {
  areaCode: string;
  period: Period;
  dims: Record<string, string>;
  /** Exact decimal string ('.' separator) or null. */
  value: string | null;
  flag: Flag | null;
}

export interface ComputeResult {
  cells: Cell[];
  /** German notes, e.g. 'Für 12 Gebiete fehlte die Bevölkerung am 31.12.2014'. */
  warnings: string[];
  /** The same notes in English (same order as `warnings`). */
  warningsEn?: string[];
  /** Structured form of the skipped-area warnings. */
  skipped?: SkippedAreas[];
}

/** Areas left out of an output period because one input had no usable cell for them. */
export interface SkippedAreas {
  /** Output period. */
  period: Period;
  /** Name of the missing input. */
  input: string;
  /** Indicator code of that input. */
  indicator: string;
  /** The input period looked at, or null when the input had no matching period at all. */
  inputPeriod: Period | null;
  /** Skipped area codes. */
  areaCodes: string[];
}
