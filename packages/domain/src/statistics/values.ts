/** Value cells of official statistics: exact decimal strings and GENESIS quality signs. */
import Decimal from 'decimal.js';
import { ImportFileError } from './types';
import type { Flag, NoteFlag, ValueFlag } from './types';

/** Where a cell is, for error messages. */
export interface CellContext {
  file: string;
  line: number;
  column: number;
  /** Column header of the cell. */
  field?: string;
}

export interface ValueOptions {
  /** Decimal separator (default 'comma', as in German GENESIS exports). */
  decimal?: 'comma' | 'point';
  /** Accept thousands separators ('1.234,5' with comma decimals, '1,234.5' with point decimals, '1 234'). Default false. */
  thousands?: boolean;
}

export interface ParsedValue {
  /** Exact decimal, '.' as separator, no thousands separator; null when a value-replacing sign stands instead (or the cell is empty). */
  value: string | null;
  flag: Flag | null;
}

const VALUE_SIGNS: Record<string, ValueFlag> = {
  '-': '-',
  '.': '.',
  x: 'x',
  X: 'x',
  '/': '/',
  '...': '...',
  '…': '...',
};

const NOTE_SUFFIX = /^(.*?)\s*([prs])$/;
const PARENS = /^\((.*)\)$/;

/** Remove redundant leading zeros and the sign of zero; keep the digits after the separator as written. */
function canonical(negative: boolean, intPart: string, frac: string | undefined): string {
  const int = intPart.replace(/^0+(?=\d)/, '');
  const isZero = /^0*$/.test(int) && (frac === undefined || /^0*$/.test(frac));
  const body = frac === undefined || frac === '' ? int : `${int}.${frac}`;
  return negative && !isZero ? `-${body}` : body;
}

const SIMPLE_COMMA = /^([-+]?)(\d*)(?:,(\d+))?$/;
const SIMPLE_POINT = /^([-+]?)(\d*)(?:\.(\d+))?$/;
const GROUPED_COMMA = /^([-+]?)(\d{1,3}(?:\.\d{3})+)(?:,(\d+))?$/;
const GROUPED_POINT = /^([-+]?)(\d{1,3}(?:,\d{3})+)(?:\.(\d+))?$/;
const EXPONENT = /^[-+]?\d+(\.\d+)?[eE][-+]?\d+$/;
/** Unsigned numbers without leading zeros or grouping (their canonical form differs only in the separator). */
const FAST_COMMA = /^(?:0|[1-9]\d*)(?:,\d+)?$/;
const FAST_POINT = /^(?:0|[1-9]\d*)(?:\.\d+)?$/;

/**
 * Plain number → canonical decimal string, or null when `s` is not a number in the given notation.
 * With `thousands` (tidy tables) also '1.234,5', '1 675', '- 23' and U+2212 minus are accepted.
 */
export function toDecimalString(s: string, opts: ValueOptions = {}): string | null {
  const comma = (opts.decimal ?? 'comma') === 'comma';
  let t = s;
  if (opts.thousands) {
    t = t
      .replace(/\u2212/g, '-')
      .replace(/^([-+])\s+(?=\d)/, '$1')
      .replace(/(?<=\d)[ \u00a0\u202f](?=\d{3}(?!\d))/g, '');
  }
  let m = (comma ? SIMPLE_COMMA : SIMPLE_POINT).exec(t);
  if (m) {
    if (m[2] === '' && m[3] === undefined) return null;
    return canonical(m[1] === '-', m[2] === '' ? '0' : m[2]!, m[3]);
  }
  if (opts.thousands) {
    m = (comma ? GROUPED_COMMA : GROUPED_POINT).exec(t);
    if (m) return canonical(m[1] === '-', m[2]!.replace(/[.,]/g, ''), m[3]);
  }
  if (!comma && EXPONENT.test(t)) return new Decimal(t).toFixed();
  return null;
}

/**
 * Parse a value cell: a number (German decimal comma by default), a value-replacing sign (`-`, `.`, `x`,
 * `/`, `...` → value null + flag) or a number with an accompanying sign (`(12,3)` → '()', `12,3p` / `12,3 p`
 * → 'p', same for 'r' and 's'). A leading '-' before digits is a negative number. An empty cell gives
 * `{ value: null, flag: null }`. Anything else throws `ImportFileError` naming file, line, column and field.
 */
export function parseDecimal(cell: string, ctx: CellContext, opts: ValueOptions = {}): ParsedValue {
  // Most cells are plain unsigned numbers already in canonical form but for the separator: a third of
  // a pass over a large table went into the general way (issue 9).
  if ((opts.decimal ?? 'comma') === 'comma') {
    if (FAST_COMMA.test(cell)) return { value: cell.replace(',', '.'), flag: null };
  } else if (FAST_POINT.test(cell)) {
    return { value: cell, flag: null };
  }
  const s = cell.replace(/[\u00a0\u202f]/g, ' ').trim();
  if (s === '') return { value: null, flag: null };
  const sign = VALUE_SIGNS[s];
  if (sign) return { value: null, flag: sign };

  const plain = toDecimalString(s, opts);
  if (plain !== null) return { value: plain, flag: null };

  const paren = PARENS.exec(s);
  if (paren) {
    const inner = toDecimalString(paren[1]!.trim(), opts);
    if (inner !== null) return { value: inner, flag: '()' };
  }
  const note = NOTE_SUFFIX.exec(s);
  if (note) {
    const num = toDecimalString(note[1]!, opts);
    if (num !== null) return { value: num, flag: note[2] as NoteFlag };
  }
  const decimalHint = (opts.decimal ?? 'comma') === 'comma' ? 'Dezimalkomma' : 'Dezimalpunkt';
  throw new ImportFileError({
    code: 'invalid_value',
    file: ctx.file,
    line: ctx.line,
    column: ctx.column,
    field: ctx.field,
    de: `„${cell.trim()}“ ist weder eine Zahl (mit ${decimalHint}) noch ein Sonderzeichen der amtlichen Statistik (-, ., x, /, ..., (), p, r, s).`,
    en: `"${cell.trim()}" is neither a number nor an official quality sign.`,
  });
}

/** A quality sign written in a separate column (ffcsv `value_q`, tidy flag column); 'e' (endgültig) and '' → null. */
export function parseFlagCell(cell: string, ctx: CellContext): Flag | null {
  const s = cell.trim();
  if (s === '' || s === 'e') return null;
  const sign = VALUE_SIGNS[s];
  if (sign) return sign;
  if (s === '()' || s === 'p' || s === 'r' || s === 's') return s;
  throw new ImportFileError({
    code: 'invalid_flag',
    file: ctx.file,
    line: ctx.line,
    column: ctx.column,
    field: ctx.field,
    de: `„${s}“ ist kein bekanntes Qualitätskennzeichen (-, ., x, /, ..., (), p, r, s, e).`,
    en: `"${s}" is not a known quality sign.`,
  });
}
