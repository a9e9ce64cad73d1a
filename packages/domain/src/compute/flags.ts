/**
 * Flag propagation for computed values (GENESIS quality signs, see statistics/types.ts).
 *
 * Rules (also in FORMAT.md):
 * 1. Secret/unusable inputs dominate: when any input of a sum or formula carries '.', '/', 'x' or '...',
 *    the result carries the highest of them by precedence '.' > '/' > 'x' > '...' and has no value.
 *    Secrecy always wins, so a result can never reveal a suppressed cell.
 * 2. '-' (nothing) counts as 0. A sum whose parts are all '-' is '-'; a formula whose inputs are all '-'
 *    is '-'. Otherwise '-' parts count as 0.
 * 3. Division by zero (after rule 2, also by a '-' denominator) makes the result 'x' (not meaningful).
 * 4. Notes: '()', 's', 'p' on any input pass to a numeric result; when several occur the strongest wins,
 *    '()' > 's' > 'p'. 'r' (revised) describes the input only and is dropped.
 * 5. A formula result that is exactly zero (before rounding) is '-' (genau null), as in the official
 *    tables (Regionalatlas: 0 children in Tagespflege → '-'); a small value that rounds to zero stays
 *    '0.0'. Opt out per definition with `zeroAsDash: false`. Sums keep a numeric 0.
 */
import { NOTE_FLAGS, VALUE_FLAGS } from '../statistics/types';
import type { Cell } from './types';
import type { Flag, NoteFlag, ValueFlag } from '../statistics/types';
import { Dec, toDec } from './decimal';

/** Value flags that block a result, strongest first. */
export const SECRET_PRECEDENCE = ['.', '/', 'x', '...'] as const satisfies readonly ValueFlag[];
export type SecretFlag = (typeof SECRET_PRECEDENCE)[number];
/** Notes that pass to a result, strongest first ('r' is not among them). */
export const NOTE_PRECEDENCE = ['()', 's', 'p'] as const satisfies readonly NoteFlag[];
export type PropagatingNote = (typeof NOTE_PRECEDENCE)[number];

/** A value inside the computation: a number with an optional note, or a value flag. */
export type Operand =
  { kind: 'value'; value: Dec; note: PropagatingNote | null } | { kind: 'flag'; flag: ValueFlag };

export function isValueFlag(flag: Flag | null | undefined): flag is ValueFlag {
  return flag != null && (VALUE_FLAGS as readonly string[]).includes(flag);
}
export function isNoteFlag(flag: Flag | null | undefined): flag is NoteFlag {
  return flag != null && (NOTE_FLAGS as readonly string[]).includes(flag);
}
export function isSecretFlag(flag: Flag | null | undefined): flag is SecretFlag {
  return flag != null && (SECRET_PRECEDENCE as readonly string[]).includes(flag);
}

/** The strongest secret flag of a list, or null. */
export function strongestSecret(flags: Iterable<Flag | null>): SecretFlag | null {
  let best: number = SECRET_PRECEDENCE.length;
  for (const f of flags) {
    const i = (SECRET_PRECEDENCE as readonly (Flag | null)[]).indexOf(f);
    if (i >= 0 && i < best) best = i;
  }
  return SECRET_PRECEDENCE[best] ?? null;
}

/** The strongest propagating note of a list ('r' and value flags are ignored), or null. */
export function strongestNote(flags: Iterable<Flag | null>): PropagatingNote | null {
  let best: number = NOTE_PRECEDENCE.length;
  for (const f of flags) {
    const i = (NOTE_PRECEDENCE as readonly (Flag | null)[]).indexOf(f);
    if (i >= 0 && i < best) best = i;
  }
  return NOTE_PRECEDENCE[best] ?? null;
}

/**
 * A cell as operand. A value flag wins over any value; a note flag keeps the value. Returns null for a
 * cell that has neither a value nor a value flag (it counts as missing, never as 0).
 */
export function operandFromCell(cell: Pick<Cell, 'value' | 'flag'>): Operand | null {
  if (isValueFlag(cell.flag)) return { kind: 'flag', flag: cell.flag };
  if (cell.value === null) return null;
  return { kind: 'value', value: toDec(cell.value), note: strongestNote([cell.flag]) };
}

function noteOf(op: Operand): PropagatingNote | null {
  return op.kind === 'value' ? op.note : null;
}

/** Sum of operands (dimension lists, child areas): rules 1, 2 and 4. */
export function sumOperands(parts: readonly Operand[]): Operand {
  const secret = strongestSecret(parts.map((p) => (p.kind === 'flag' ? p.flag : null)));
  if (secret) return { kind: 'flag', flag: secret };
  if (parts.length > 0 && parts.every((p) => p.kind === 'flag' && p.flag === '-')) {
    return { kind: 'flag', flag: '-' };
  }
  let total = new Dec(0);
  for (const p of parts) if (p.kind === 'value') total = total.plus(p.value);
  return { kind: 'value', value: total, note: strongestNote(parts.map(noteOf)) };
}

/**
 * Flag decision before a formula is evaluated (rules 1 and 2): a flag operand, or null when the formula
 * must be evaluated with `numeric` values ('-' as 0) and `note` attached to the result.
 */
export function formulaPrecheck(
  operands: readonly Operand[],
): { kind: 'flag'; flag: ValueFlag } | { kind: 'evaluate'; note: PropagatingNote | null } {
  const secret = strongestSecret(operands.map((p) => (p.kind === 'flag' ? p.flag : null)));
  if (secret) return { kind: 'flag', flag: secret };
  if (operands.length > 0 && operands.every((p) => p.kind === 'flag' && p.flag === '-')) {
    return { kind: 'flag', flag: '-' };
  }
  return { kind: 'evaluate', note: strongestNote(operands.map(noteOf)) };
}

/** Numeric value of an operand that passed the precheck ('-' counts as 0). */
export function numericValue(op: Operand): Dec {
  return op.kind === 'value' ? op.value : new Dec(0);
}
