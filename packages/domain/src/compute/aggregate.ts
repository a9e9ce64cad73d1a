/**
 * Aggregation of child areas to a parent (reference values for Land, Bund, Kreis …).
 * Counts are summed; rates are recomputed from summed numerator and denominator – never averaged.
 * Flags: a secret child makes the sum secret ('.' > '/' > 'x' > '...'); '-' counts as 0; all '-' gives '-'.
 * A child without a cell makes the parent cell incomplete: it is skipped with a warning (no partial sums).
 */
import type { Period } from '../statistics/types';
import { decToString, isDecimalString, roundDecHalfUp } from './decimal';
import { ComputeError } from './errors';
import { operandFromCell, sumOperands } from './flags';
import type { Operand } from './flags';
import { compileFormula, INPUT_NAME_RE } from './formula';
import type { Expr } from './formula';
import { computeIndicator, matchesSelector, prepareDefinition } from './evaluate';
import { periodKey, periodLabel } from './periods';
import type { Cell, ComputedDefinition, ComputeResult, PeriodRule } from './types';

export interface RatioRule {
  /** Key of the numerator series in `children`. */
  numerator: string;
  /** Key of the denominator series in `children`. */
  denominator: string;
  /** Decimal factor, e.g. '100' for percent (default '1'). */
  factor?: string;
  /** Period rule of the denominator relative to the numerator's periods (default 'same'). */
  denominatorPeriod?: PeriodRule;
}
export type AggregationRule = 'sum' | { ratio: RatioRule };

export interface AggregateOptions {
  /** Area code of the parent, e.g. '01' (Schleswig-Holstein) or 'DG'. */
  parentCode: string;
  /**
   * Child areas that make up the parent. Default: every area found in the cells. Cells of other areas
   * are ignored; a listed child without a cell makes that parent cell incomplete (skipped, warning).
   */
  childCodes?: readonly string[];
  /** Round half-up to this many decimals (sums default: exact). */
  decimals?: number;
}

function childSet(options: AggregateOptions, cellsLists: ReadonlyArray<readonly Cell[]>): string[] {
  if (options.childCodes) return [...new Set(options.childCodes)];
  const set = new Set<string>();
  for (const cells of cellsLists) for (const c of cells) set.add(c.areaCode);
  return [...set];
}

function dimsKey(d: Readonly<Record<string, string>>): string {
  return JSON.stringify(
    Object.keys(d)
      .toSorted()
      .map((k) => [k, d[k]]),
  );
}

/** Sum child cells per (period, dims) into parent cells; operands kept exact. */
function sumChildren(
  cells: readonly Cell[],
  children: readonly string[],
  parentCode: string,
  label: string,
): {
  cells: Array<Omit<Cell, 'value' | 'flag'> & { op: Operand }>;
  warnings: string[];
  warningsEn: string[];
} {
  const wanted = new Set(children);
  const groups = new Map<
    string,
    { period: Period; dims: Record<string, string>; byChild: Map<string, Cell> }
  >();
  for (const c of cells) {
    if (!wanted.has(c.areaCode)) continue;
    const key = `${periodKey(c.period)}|${dimsKey(c.dims)}`;
    let g = groups.get(key);
    if (!g) {
      g = { period: c.period, dims: { ...c.dims }, byChild: new Map() };
      groups.set(key, g);
    }
    if (g.byChild.has(c.areaCode)) {
      throw new ComputeError({
        code: 'duplicate_cell',
        de: `${label}: Gebiet ${c.areaCode} hat für ${periodLabel(c.period)} und ${JSON.stringify(c.dims)} zwei Zellen`,
        en: `${label}: area ${c.areaCode} has two cells for ${periodLabel(c.period, 'en')} and ${JSON.stringify(c.dims)}`,
      });
    }
    g.byChild.set(c.areaCode, c);
  }
  const out: Array<Omit<Cell, 'value' | 'flag'> & { op: Operand }> = [];
  const warnings: string[] = [];
  const warningsEn: string[] = [];
  for (const g of groups.values()) {
    const ops: Operand[] = [];
    const missing: string[] = [];
    for (const child of children) {
      const cell = g.byChild.get(child);
      const op = cell ? operandFromCell(cell) : null;
      if (op) ops.push(op);
      else missing.push(child);
    }
    const d = Object.keys(g.dims).length ? ` (${JSON.stringify(g.dims)})` : '';
    if (missing.length > 0) {
      const list = missing.slice(0, 10).join(', ') + (missing.length > 10 ? ' …' : '');
      warnings.push(
        `${label}, ${periodLabel(g.period)}${d}: Für ${missing.length} von ${children.length} Teilgebieten von ‚${parentCode}‘ fehlt ein Wert (${list}); kein Wert für ‚${parentCode}‘.`,
      );
      warningsEn.push(
        `${label}, ${periodLabel(g.period, 'en')}${d}: ${missing.length} of ${children.length} child areas of '${parentCode}' have no value (${list}); no value for '${parentCode}'.`,
      );
      continue;
    }
    out.push({ areaCode: parentCode, period: g.period, dims: g.dims, op: sumOperands(ops) });
  }
  return { cells: out, warnings, warningsEn };
}

function toCell(c: Omit<Cell, 'value' | 'flag'> & { op: Operand }, decimals: number | undefined): Cell {
  const { op, ...rest } = c;
  if (op.kind === 'flag') return { ...rest, value: null, flag: op.flag };
  return {
    ...rest,
    value: decimals === undefined ? decToString(op.value) : roundDecHalfUp(op.value, decimals),
    flag: op.note,
  };
}

/**
 * Aggregate child areas to a parent.
 * - `'sum'`: `children` are the cells of one additive indicator; the result holds one cell per
 *   (period, dims) with the sum over the children (exact unless `decimals` is given).
 * - `{ ratio }`: `children` maps the numerator and denominator names to their cells; both are summed
 *   over the children and the ratio `numerator / denominator * factor` is computed from the sums
 *   (never an average of the children's rates), rounded half-up to `decimals`.
 */
export function aggregateToParent(
  children: readonly Cell[],
  rule: 'sum',
  options: AggregateOptions,
): ComputeResult;
export function aggregateToParent(
  children: Readonly<Record<string, readonly Cell[]>>,
  rule: { ratio: RatioRule },
  options: AggregateOptions & { decimals: number },
): ComputeResult;
export function aggregateToParent(
  children: readonly Cell[] | Readonly<Record<string, readonly Cell[]>>,
  rule: AggregationRule,
  options: AggregateOptions,
): ComputeResult {
  if (rule === 'sum') {
    if (!Array.isArray(children)) throw new TypeError("aggregateToParent('sum') expects a list of cells");
    const cells = children as readonly Cell[];
    const r = sumChildren(cells, childSet(options, [cells]), options.parentCode, 'Summe');
    return {
      cells: r.cells.map((c) => toCell(c, options.decimals)),
      warnings: r.warnings,
      warningsEn: r.warningsEn,
    };
  }
  if (Array.isArray(children)) throw new TypeError('aggregateToParent(ratio) expects { [name]: cells }');
  const { numerator, denominator } = rule.ratio;
  const factor = rule.ratio.factor ?? '1';
  for (const n of [numerator, denominator]) {
    if (!INPUT_NAME_RE.test(n)) throw new TypeError(`invalid series name '${n}'`);
  }
  if (!isDecimalString(factor)) throw new TypeError(`factor must be a decimal string, not '${factor}'`);
  if (options.decimals === undefined) throw new TypeError('aggregateToParent(ratio) needs options.decimals');
  const def: ComputedDefinition = {
    code: `${options.parentCode}.ratio`,
    name: { de: 'Quote', en: 'ratio' },
    unit: '1',
    decimals: options.decimals,
    formula: factor === '1' ? `${numerator} / ${denominator}` : `${numerator} / ${denominator} * ${factor}`,
    inputs: {
      [numerator]: { indicator: numerator },
      [denominator]: {
        indicator: denominator,
        ...(rule.ratio.denominatorPeriod ? { period: rule.ratio.denominatorPeriod } : {}),
      },
    },
  };
  const rec = children as Readonly<Record<string, readonly Cell[]>>;
  return aggregateComputed(
    def,
    { [numerator]: rec[numerator] ?? [], [denominator]: rec[denominator] ?? [] },
    options,
  );
}

/**
 * Reference value of a computed indicator for a parent area: every input is summed over the children
 * (after its dimension filter), then the definition is evaluated on the sums. Correct for rates whose
 * inputs are counts; see `isAdditive` for the inputs that may be summed.
 */
export function aggregateComputed(
  definition: ComputedDefinition,
  inputs: Readonly<Record<string, readonly Cell[]>>,
  options: Omit<AggregateOptions, 'decimals'>,
): ComputeResult {
  const { def } = prepareDefinition(definition);
  const names = Object.keys(def.inputs);
  const filtered = names.map((n) => (inputs[n] ?? []).filter((c) => matchesSelector(c, def.inputs[n]!)));
  const children = childSet(options, filtered);
  const warnings: string[] = [];
  const warningsEn: string[] = [];
  const parentInputs: Record<string, Cell[]> = {};
  names.forEach((n, i) => {
    if (inputs[n] === undefined) return;
    const r = sumChildren(filtered[i]!, children, options.parentCode, `‚${n}‘`);
    warnings.push(...r.warnings);
    warningsEn.push(...r.warningsEn);
    parentInputs[n] = r.cells.map((c) => toCell(c, undefined));
  });
  const result = computeIndicator(def, parentInputs);
  return {
    cells: result.cells,
    warnings: [...warnings, ...result.warnings],
    warningsEn: [...warningsEn, ...(result.warningsEn ?? [])],
    ...(result.skipped ? { skipped: result.skipped } : {}),
  };
}

/** Units that are rates, shares, averages or densities (never summed). */
const NON_ADDITIVE_UNIT = /%|‰|prozent|promille|quote|anteil|durchschnitt|mittel|\bje\b|\bpro\b|\bper\b|\//i;
/** Units of counts and amounts (summable). */
const ADDITIVE_UNIT =
  /^(anzahl|personen|kinder|schüler|plätze|fälle|stunden|eur|€|tsd\.?\s*eur|mio\.?\s*eur|qkm|km²|ha|count|persons|number)$/i;

function linearIn(expr: Expr): boolean {
  const hasInput = (e: Expr): boolean =>
    e.t === 'input' ||
    (e.t === 'neg' ? hasInput(e.arg) : e.t === 'bin' ? hasInput(e.left) || hasInput(e.right) : false);
  switch (expr.t) {
    case 'num':
    case 'input':
      return true;
    case 'neg':
      return linearIn(expr.arg);
    case 'bin':
      if (expr.op === '+' || expr.op === '-') return linearIn(expr.left) && linearIn(expr.right);
      if (expr.op === '*') {
        return (
          (!hasInput(expr.left) && linearIn(expr.right)) || (!hasInput(expr.right) && linearIn(expr.left))
        );
      }
      return !hasInput(expr.right) && linearIn(expr.left);
  }
}

/**
 * Whether values may be summed over areas or dimension values. An explicit `additive` (or
 * `meta.additive`) wins. A computed definition is additive when its unit is not a rate and its formula
 * is linear in the inputs (sums, differences, constant factors). Otherwise the unit decides: counts and
 * amounts ('Anzahl', 'EUR', 'qkm', …) yes; rates, shares, averages and unknown units no.
 */
export function isAdditive(
  x: ComputedDefinition | { unit?: string | null; additive?: boolean; meta?: Record<string, unknown> },
): boolean {
  if ('additive' in x && typeof x.additive === 'boolean') return x.additive;
  const metaAdditive = x.meta?.additive;
  if (typeof metaAdditive === 'boolean') return metaAdditive;
  const unit = (x.unit ?? '').trim();
  if (NON_ADDITIVE_UNIT.test(unit)) return false;
  if ('formula' in x && 'inputs' in x) {
    try {
      return linearIn(compileFormula(x.formula, Object.keys(x.inputs)).expr);
    } catch {
      return false;
    }
  }
  return ADDITIVE_UNIT.test(unit);
}
