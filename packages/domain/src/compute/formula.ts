/**
 * Formulas of computed indicators: plain arithmetic over input names.
 * Accepted: decimal constants ('100', '0.5'), input names, binary + - * /, unary minus, parentheses.
 * Everything else (functions, powers, assignments, matrices, units, implicit multiplication, unknown
 * names) is refused with a German message naming the formula and the offending part.
 * Parsing uses mathjs `parse`; evaluation walks the tree with exact decimals (never mathjs numbers).
 */
import { createRequire } from 'node:module';
import type { MathJsInstance } from 'mathjs';
import { Dec } from './decimal';
import { FormulaError } from './errors';
import { formulaPrecheck, numericValue } from './flags';
import type { Operand } from './flags';

/** The evaluated tree, independent of mathjs. */
export type Expr =
  | { t: 'num'; value: string }
  | { t: 'input'; name: string }
  | { t: 'neg'; arg: Expr }
  | { t: 'bin'; op: '+' | '-' | '*' | '/'; left: Expr; right: Expr };

export interface CompiledFormula {
  formula: string;
  expr: Expr;
  /** Input names used, in order of first appearance. */
  inputs: string[];
}

/**
 * mathjs costs about 0.8 s and 90 MB to load: it is loaded with the first formula, not at start-up.
 * BigNumber constants keep every digit of a decimal literal.
 */
const requireLazy = createRequire(import.meta.url);
let mathInstance: MathJsInstance | undefined;
function mathjs(): MathJsInstance {
  if (!mathInstance) {
    const { create, parseDependencies } = requireLazy('mathjs') as typeof import('mathjs');
    if (!parseDependencies) throw new Error('mathjs parseDependencies missing');
    mathInstance = create(parseDependencies, { number: 'BigNumber', precision: 200 });
  }
  return mathInstance;
}

/** Words mathjs reads as operators or constants; they cannot be input names. */
export const RESERVED_NAMES = [
  'mod',
  'to',
  'in',
  'and',
  'or',
  'xor',
  'not',
  'true',
  'false',
  'null',
  'undefined',
] as const;

/** Valid input name: letters (umlauts allowed), digits, '_'; not starting with a digit. */
export const INPUT_NAME_RE = /^[\p{L}_][\p{L}\p{N}_]*$/u;

const BIN_OPS: Record<string, '+' | '-' | '*' | '/'> = {
  add: '+',
  subtract: '-',
  multiply: '*',
  divide: '/',
};

const NODE_NAMES: Record<string, { de: string; en: string }> = {
  FunctionNode: { de: 'Funktionen', en: 'functions' },
  AssignmentNode: { de: 'Zuweisungen', en: 'assignments' },
  FunctionAssignmentNode: { de: 'Funktionsdefinitionen', en: 'function definitions' },
  ArrayNode: { de: 'Matrizen und Listen', en: 'matrices and lists' },
  AccessorNode: { de: 'Zugriffe mit . oder []', en: 'property or index access' },
  IndexNode: { de: 'Indizes', en: 'indices' },
  ObjectNode: { de: 'Objekte', en: 'objects' },
  RangeNode: { de: 'Bereiche (a:b)', en: 'ranges (a:b)' },
  ConditionalNode: { de: 'Bedingungen (a ? b : c)', en: 'conditionals (a ? b : c)' },
  BlockNode: { de: 'mehrere Ausdrücke', en: 'several expressions' },
  RelationalNode: { de: 'Vergleiche', en: 'comparisons' },
};

const ALLOWED_DE = 'erlaubt sind Eingänge, Dezimalzahlen, + - * / und Klammern';
const ALLOWED_EN = 'allowed are inputs, decimal numbers, + - * / and parentheses';

function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

/** Closest known name for „Meinten Sie …?“: edit distance ≤ 2, and ≤ a third of the name's length. */
export function suggestName(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Math.min(2, Math.floor(name.length / 3)) + 1;
  for (const k of known) {
    const d = levenshtein(name.toLowerCase(), k.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = k;
    }
  }
  return best;
}

interface Ctx {
  formula: string;
  names: readonly string[];
  indicator: string | undefined;
}

function fail(ctx: Ctx, code: string, part: string, de: string, en: string, position?: number): never {
  const where = position !== undefined ? ` (Position ${position})` : '';
  const whereEn = position !== undefined ? ` (position ${position})` : '';
  throw new FormulaError({
    code,
    formula: ctx.formula,
    part,
    position,
    indicator: ctx.indicator,
    de: `${de}${where} in der Formel „${ctx.formula}“`,
    en: `${en}${whereEn} in the formula "${ctx.formula}"`,
  });
}

/** Character-level check before mathjs: only names, plain decimals, + - * / ( ) and spaces. */
function precheck(ctx: Ctx): void {
  const f = ctx.formula;
  let i = 0;
  while (i < f.length) {
    const rest = f.slice(i);
    const ws = /^\s+/.exec(rest);
    if (ws) {
      i += ws[0].length;
      continue;
    }
    const name = /^[\p{L}_][\p{L}\p{N}_]*/u.exec(rest);
    if (name) {
      i += name[0].length;
      continue;
    }
    const num = /^[\p{N}.][\p{L}\p{N}_.]*/u.exec(rest);
    if (num && /^\d/.test(num[0])) {
      if (!/^\d+(\.\d+)?$/.test(num[0])) {
        fail(
          ctx,
          'formula_bad_number',
          num[0],
          `Ungültige Zahl ‚${num[0]}‘: Zahlen bitte als Dezimalzahl mit Punkt schreiben, z. B. 100 oder 0.5`,
          `Invalid number '${num[0]}': write numbers as plain decimals with a point, e.g. 100 or 0.5`,
          i + 1,
        );
      }
      i += num[0].length;
      continue;
    }
    const ch = [...rest][0]!;
    if ('+-*/()'.includes(ch)) {
      i += 1;
      continue;
    }
    const hint =
      ch === ','
        ? ' (Dezimalzahlen bitte mit Punkt schreiben)'
        : ch === '.'
          ? ' (Dezimalzahlen bitte mit führender Ziffer schreiben, z. B. 0.5)'
          : '';
    const hintEn = ch === ',' ? ' (write decimals with a point)' : ch === '.' ? ' (write 0.5, not .5)' : '';
    fail(
      ctx,
      'formula_bad_char',
      ch,
      `Zeichen ‚${ch}‘ ist nicht erlaubt${hint}; ${ALLOWED_DE}`,
      `Character '${ch}' is not allowed${hintEn}; ${ALLOWED_EN}`,
      i + 1,
    );
  }
}

interface MNode {
  type: string;
  op?: string;
  fn?: unknown;
  implicit?: boolean;
  args?: MNode[];
  content?: MNode;
  name?: string;
  value?: unknown;
  toString(): string;
}

function convert(node: MNode, ctx: Ctx, used: string[]): Expr {
  switch (node.type) {
    case 'ParenthesisNode':
      return convert(node.content!, ctx, used);
    case 'ConstantNode': {
      const v = node.value;
      if (v instanceof Object && typeof (v as { isBigNumber?: unknown }).isBigNumber === 'boolean') {
        return { t: 'num', value: String(v) };
      }
      return fail(
        ctx,
        'formula_bad_constant',
        String(node),
        `‚${String(node)}‘ ist weder ein Eingang noch eine Zahl`,
        `'${String(node)}' is neither an input nor a number`,
      );
    }
    case 'SymbolNode': {
      const name = node.name!;
      if (!ctx.names.includes(name)) {
        const s = suggestName(name, ctx.names);
        const known = ctx.names.map((n) => `‚${n}‘`).join(', ');
        return fail(
          ctx,
          'formula_unknown_input',
          name,
          `Unbekannter Eingang ‚${name}‘${s ? ` – meinten Sie ‚${s}‘?` : ''} (definiert: ${known || 'keine'})`,
          `Unknown input '${name}'${s ? ` – did you mean '${s}'?` : ''} (defined: ${ctx.names.join(', ') || 'none'})`,
        );
      }
      if (!used.includes(name)) used.push(name);
      return { t: 'input', name };
    }
    case 'OperatorNode': {
      const fn = String(node.fn);
      const args = node.args ?? [];
      if (fn === 'unaryMinus' && args.length === 1) {
        return { t: 'neg', arg: convert(args[0]!, ctx, used) };
      }
      const op = BIN_OPS[fn];
      if (op && args.length === 2) {
        if (node.implicit) {
          return fail(
            ctx,
            'formula_implicit_multiplication',
            String(node),
            `Zwischen ‚${String(args[0])}‘ und ‚${String(args[1])}‘ fehlt ein Operator (Multiplikation bitte mit * schreiben)`,
            `Missing operator between '${String(args[0])}' and '${String(args[1])}' (write multiplication with *)`,
          );
        }
        return { t: 'bin', op, left: convert(args[0]!, ctx, used), right: convert(args[1]!, ctx, used) };
      }
      return fail(
        ctx,
        'formula_bad_operator',
        node.op ?? fn,
        `Operator ‚${node.op ?? fn}‘ ist nicht erlaubt (in ‚${String(node)}‘); ${ALLOWED_DE}`,
        `Operator '${node.op ?? fn}' is not allowed (in '${String(node)}'); ${ALLOWED_EN}`,
      );
    }
    default: {
      const kind = NODE_NAMES[node.type] ?? { de: `Ausdrücke vom Typ ${node.type}`, en: node.type };
      return fail(
        ctx,
        'formula_bad_node',
        String(node),
        `${kind.de} sind nicht erlaubt: ‚${String(node)}‘; ${ALLOWED_DE}`,
        `${kind.en} are not allowed: '${String(node)}'; ${ALLOWED_EN}`,
      );
    }
  }
}

function translateSyntaxError(err: unknown, ctx: Ctx): never {
  const message = err instanceof Error ? err.message : String(err);
  const char = (err as { char?: unknown }).char;
  const position = typeof char === 'number' ? char + 1 : undefined;
  let de = 'Die Formel ist nicht lesbar';
  if (/end of expression/i.test(message))
    de = 'Die Formel endet unerwartet (fehlt ein Eingang oder eine Zahl?)';
  else if (/Parenthesis \) expected/i.test(message)) de = 'Eine schließende Klammer ‚)‘ fehlt';
  else if (/Unexpected operator/i.test(message)) de = `Unerwartetes Zeichen ‚${message.split(' ')[2] ?? ''}‘`;
  else if (/Value expected/i.test(message)) de = 'Hier fehlt ein Eingang oder eine Zahl';
  return fail(
    ctx,
    'formula_syntax',
    message,
    `${de} [${message}]`,
    `Cannot read the formula: ${message}`,
    position,
  );
}

/**
 * Check and compile a formula over the given input names. Throws `FormulaError` (German message, English
 * in `messageEn`) naming the formula and the offending part.
 */
export function compileFormula(
  formula: string,
  inputNames: readonly string[],
  indicator?: string,
): CompiledFormula {
  const ctx: Ctx = { formula, names: inputNames, indicator };
  if (formula.trim() === '') {
    fail(ctx, 'formula_empty', '', 'Die Formel ist leer', 'The formula is empty');
  }
  precheck(ctx);
  let root: MNode;
  try {
    root = mathjs().parse(formula) as unknown as MNode;
  } catch (err) {
    translateSyntaxError(err, ctx);
  }
  const used: string[] = [];
  const expr = convert(root, ctx, used);
  return { formula, expr, inputs: used };
}

/** Exact evaluation; returns 'div0' on a division by zero anywhere in the tree. */
export function evaluateExpr(expr: Expr, values: Readonly<Record<string, Dec>>): Dec | 'div0' {
  switch (expr.t) {
    case 'num':
      return new Dec(expr.value);
    case 'input': {
      const v = values[expr.name];
      if (v === undefined) throw new Error(`missing value for input ${expr.name}`);
      return v;
    }
    case 'neg': {
      const a = evaluateExpr(expr.arg, values);
      return a === 'div0' ? a : a.neg();
    }
    case 'bin': {
      const a = evaluateExpr(expr.left, values);
      if (a === 'div0') return a;
      const b = evaluateExpr(expr.right, values);
      if (b === 'div0') return b;
      switch (expr.op) {
        case '+':
          return a.plus(b);
        case '-':
          return a.minus(b);
        case '*':
          return a.times(b);
        case '/':
          return b.isZero() ? 'div0' : a.div(b);
      }
    }
  }
}

/**
 * Apply a compiled formula to operands with the flag rules of flags.ts: secret flags dominate, all '-'
 * gives '-', '-' otherwise counts as 0, division by zero gives 'x', notes pass on. Full precision.
 */
export function evaluateFormula(
  compiled: CompiledFormula,
  operands: Readonly<Record<string, Operand>>,
): Operand {
  const used = compiled.inputs.map((n) => {
    const op = operands[n];
    if (op === undefined) throw new Error(`missing operand for input ${n}`);
    return op;
  });
  const pre = formulaPrecheck(used);
  if (pre.kind === 'flag') return pre;
  const values: Record<string, Dec> = {};
  compiled.inputs.forEach((n, i) => {
    values[n] = numericValue(used[i]!);
  });
  const result = evaluateExpr(compiled.expr, values);
  if (result === 'div0') return { kind: 'flag', flag: 'x' };
  return { kind: 'value', value: result, note: pre.note };
}

/** The formula as text from the compiled tree (normalised spacing, minimal parentheses kept as written). */
export function exprToString(expr: Expr): string {
  switch (expr.t) {
    case 'num':
      return expr.value;
    case 'input':
      return expr.name;
    case 'neg':
      return `-(${exprToString(expr.arg)})`;
    case 'bin':
      return `(${exprToString(expr.left)} ${expr.op} ${exprToString(expr.right)})`;
  }
}
