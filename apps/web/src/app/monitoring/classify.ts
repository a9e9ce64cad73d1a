/**
 * Classification of values for choropleth maps: quantiles, equal intervals and natural breaks
 * (optimal 1-D k-means, "ckmeans", the modern replacement of Jenks). Pure functions, no I/O.
 *
 * A classification is a list of ascending breaks `[b0, b1, …, bk]` with b0 = minimum and bk = maximum.
 * Class 0 holds b0 ≤ v ≤ b1, class i (i > 0) holds b(i) < v ≤ b(i+1).
 */

export const CLASS_METHODS = ['quantile', 'equal', 'jenks'] as const;
export type ClassMethod = (typeof CLASS_METHODS)[number];
export const MIN_CLASSES = 3;
export const MAX_CLASSES = 7;

export interface Classification {
  method: ClassMethod;
  /** Ascending, length = number of classes + 1 (empty when there are no values). */
  breaks: number[];
}

export const isClassMethod = (v: unknown): v is ClassMethod =>
  typeof v === 'string' && (CLASS_METHODS as readonly string[]).includes(v);

/** Clamp a requested number of classes to 3…7 (default 5). */
export function clampClasses(k: number | null | undefined): number {
  if (k === null || k === undefined || !Number.isFinite(k)) return 5;
  return Math.min(MAX_CLASSES, Math.max(MIN_CLASSES, Math.round(k)));
}

const sortedFinite = (values: readonly number[]) =>
  values.filter((v) => Number.isFinite(v)).toSorted((a, b) => a - b);

/** Removes breaks that repeat (e.g. many equal values), keeping first and last. */
function dedupe(breaks: number[]): number[] {
  const out: number[] = [];
  for (const b of breaks) if (out.length === 0 || b > out[out.length - 1]!) out.push(b);
  if (out.length === 1) out.push(out[0]!);
  return out;
}

/** Quantile at p (0…1) of sorted values, linear interpolation between closest ranks (R type 7). */
export function quantileSorted(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  const a = sorted[lo]!;
  const b = sorted[hi]!;
  return a + (h - lo) * (b - a);
}

export function quantileBreaks(values: readonly number[], k: number): number[] {
  const s = sortedFinite(values);
  if (s.length === 0) return [];
  const breaks = [s[0]!];
  for (let i = 1; i < k; i++) breaks.push(quantileSorted(s, i / k));
  breaks.push(s[s.length - 1]!);
  return dedupe(breaks);
}

export function equalIntervalBreaks(values: readonly number[], k: number): number[] {
  const s = sortedFinite(values);
  if (s.length === 0) return [];
  const min = s[0]!;
  const max = s[s.length - 1]!;
  if (min === max) return [min, max];
  const step = (max - min) / k;
  const breaks = [min];
  for (let i = 1; i < k; i++) breaks.push(min + i * step);
  breaks.push(max);
  return breaks;
}

/**
 * Optimal partition of sorted values into at most k contiguous groups with the least within-group sum
 * of squared deviations (Wang & Song, Ckmeans.1d.dp). Dynamic programme with the divide-and-conquer
 * optimisation (the optimal split points are monotone), O(k · n · log n). Returns the groups.
 */
export function ckmeans(values: readonly number[], k: number): number[][] {
  const s = sortedFinite(values);
  const n = s.length;
  if (n === 0) return [];
  const unique = new Set(s).size;
  const kk = Math.max(1, Math.min(k, unique));
  if (kk === 1) return [s];
  // Prefix sums (shifted by the median for numerical stability).
  const shift = s[Math.floor(n / 2)]!;
  const sum = new Float64Array(n + 1);
  const sq = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    const v = s[i]! - shift;
    sum[i + 1] = sum[i]! + v;
    sq[i + 1] = sq[i]! + v * v;
  }
  /** Sum of squared deviations of s[j..i] (inclusive). */
  const cost = (j: number, i: number) => {
    const m = i - j + 1;
    const t = sum[i + 1]! - sum[j]!;
    const c = sq[i + 1]! - sq[j]! - (t * t) / m;
    return c > 0 ? c : 0;
  };
  // D[c][i]: least cost of s[0..i] in c+1 groups; B[c][i]: start index of the last group.
  const D: Float64Array[] = [];
  const B: Int32Array[] = [];
  for (let c = 0; c < kk; c++) {
    D.push(new Float64Array(n).fill(Infinity));
    B.push(new Int32Array(n));
  }
  for (let i = 0; i < n; i++) D[0]![i] = cost(0, i);
  const fill = (c: number, lo: number, hi: number, optLo: number, optHi: number) => {
    if (lo > hi) return;
    const mid = (lo + hi) >> 1;
    let best = Infinity;
    let bestJ = Math.max(c, optLo);
    for (let j = Math.max(c, optLo); j <= Math.min(mid, optHi); j++) {
      const v = D[c - 1]![j - 1]! + cost(j, mid);
      if (v < best) {
        best = v;
        bestJ = j;
      }
    }
    D[c]![mid] = best;
    B[c]![mid] = bestJ;
    fill(c, lo, mid - 1, optLo, bestJ);
    fill(c, mid + 1, hi, bestJ, optHi);
  };
  for (let c = 1; c < kk; c++) fill(c, c, n - 1, c, n - 1);
  const groups: number[][] = [];
  let end = n - 1;
  for (let c = kk - 1; c >= 0; c--) {
    const start = c === 0 ? 0 : B[c]![end]!;
    groups.unshift(s.slice(start, end + 1));
    end = start - 1;
  }
  return groups.filter((g) => g.length > 0);
}

/** Natural breaks: the ranges of the ckmeans groups. */
export function naturalBreaks(values: readonly number[], k: number): number[] {
  const groups = ckmeans(values, k);
  if (groups.length === 0) return [];
  const breaks = [groups[0]![0]!];
  for (const g of groups) breaks.push(g[g.length - 1]!);
  return dedupe(breaks);
}

export function classify(values: readonly number[], method: ClassMethod, k: number): Classification {
  const n = clampClasses(k);
  const breaks =
    method === 'quantile'
      ? quantileBreaks(values, n)
      : method === 'equal'
        ? equalIntervalBreaks(values, n)
        : naturalBreaks(values, n);
  return { method, breaks };
}

/** Number of classes of a classification (0 without values). */
export const classCount = (c: Classification): number => Math.max(0, c.breaks.length - 1);

/** Index of the class of v, or -1 for a missing value or a value outside the breaks. */
export function classOf(c: Classification, v: number | null | undefined): number {
  if (v === null || v === undefined || !Number.isFinite(v)) return -1;
  const b = c.breaks;
  if (b.length < 2 || v < b[0]! || v > b[b.length - 1]!) return -1;
  for (let i = 1; i < b.length; i++) if (v <= b[i]!) return i - 1;
  return b.length - 2;
}

/**
 * Sequential colour ramps (ColorBrewer YlGnBu, colour-blind safe and printable) for 3…7 classes,
 * light = low. Exposed so that legend and map share the same colours.
 */
const YLGNBU: Record<number, string[]> = {
  1: ['#41b6c4'],
  2: ['#a1dab4', '#225ea8'],
  3: ['#edf8b1', '#7fcdbb', '#2c7fb8'],
  4: ['#ffffcc', '#a1dab4', '#41b6c4', '#225ea8'],
  5: ['#ffffcc', '#a1dab4', '#41b6c4', '#2c7fb8', '#253494'],
  6: ['#ffffcc', '#c7e9b4', '#7fcdbb', '#41b6c4', '#2c7fb8', '#253494'],
  7: ['#ffffcc', '#c7e9b4', '#7fcdbb', '#41b6c4', '#1d91c0', '#225ea8', '#0c2c84'],
};

export function palette(classes: number): string[] {
  const n = Math.min(MAX_CLASSES, Math.max(1, classes));
  return YLGNBU[n]!;
}

/** Text colour with enough contrast on a class colour (for labels drawn on the swatch). */
function lin(c: number): number {
  const x = c / 255;
  return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
}

export function textOn(hex: string): string {
  const v = parseInt(hex.slice(1), 16);
  const l = 0.2126 * lin((v >> 16) & 255) + 0.7152 * lin((v >> 8) & 255) + 0.0722 * lin(v & 255);
  return l > 0.18 ? '#1b1f24' : '#ffffff';
}
