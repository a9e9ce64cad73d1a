import { describe, expect, it } from 'vitest';
import type { Flag, ValueFlag } from '../statistics/types';
import {
  compileFormula,
  evaluateFormula,
  operandFromCell,
  strongestNote,
  strongestSecret,
  sumOperands,
} from './index';
import type { Operand } from './index';
import { Dec, decToString } from './decimal';

/** '12' → number, '12 p' → number with note, '.' → value flag. */
function op(spec: string): Operand {
  const [v, note] = spec.split(' ');
  if (['-', '.', 'x', '/', '...'].includes(v!)) return { kind: 'flag', flag: v as ValueFlag };
  const r = operandFromCell({ value: v!, flag: (note as Flag | undefined) ?? null });
  if (!r) throw new Error(spec);
  return r;
}
function show(o: Operand): string {
  return o.kind === 'flag' ? o.flag : `${decToString(o.value)}${o.note ? ` ${o.note}` : ''}`;
}

describe('flag propagation in a formula (a / b * 100)', () => {
  const rate = compileFormula('a / b * 100', ['a', 'b']);
  // [a, b, expected] – the rules of flags.ts, written out by hand.
  const matrix: Array<[string, string, string]> = [
    // secrecy dominates: '.' > '/' > 'x' > '...'
    ['.', '5', '.'],
    ['5', '.', '.'],
    ['5', '/', '/'],
    ['.', '/', '.'],
    ['/', '.', '.'],
    ['/', 'x', '/'],
    ['x', '/', '/'],
    ['x', '...', 'x'],
    ['...', 'x', 'x'],
    ['...', '5', '...'],
    ['...', '.', '.'],
    // secret beats '-' and would-be division by zero
    ['.', '-', '.'],
    ['-', '.', '.'],
    ['...', '-', '...'],
    ['5', '0', 'x'],
    // '-' = nothing
    ['-', '-', '-'],
    ['-', '5', '0'],
    ['5', '-', 'x'],
    ['0', '0', 'x'],
    // notes: '()' > 's' > 'p'; 'r' is dropped
    ['5 p', '10', '50 p'],
    ['5', '10 p', '50 p'],
    ['5 r', '10', '50'],
    ['5 r', '10 r', '50'],
    ['5 p', '10 s', '50 s'],
    ['5 s', '10 ()', '50 ()'],
    ['5 ()', '10 p', '50 ()'],
    ['5 p', '10 r', '50 p'],
    ['- ', '10 p', '0 p'],
    // a value flag always replaces notes
    ['.', '10 p', '.'],
    ['5 ()', '0', 'x'],
  ];
  it.each(matrix)('a=%s, b=%s → %s', (a, b, expected) => {
    expect(show(evaluateFormula(rate, { a: op(a.trim()), b: op(b) }))).toBe(expected);
  });

  it('every input of the formula counts, also when it appears twice', () => {
    const f = compileFormula('(a - b) / a', ['a', 'b']);
    expect(show(evaluateFormula(f, { a: op('-'), b: op('-') }))).toBe('-');
    expect(show(evaluateFormula(f, { a: op('4'), b: op('-') }))).toBe('1');
    expect(show(evaluateFormula(f, { a: op('-'), b: op('4') }))).toBe('x');
  });
});

describe('flag propagation in sums (dimension lists, child areas)', () => {
  const cases: Array<[string[], string]> = [
    [['5', '-', '3'], '8'],
    [['-', '-'], '-'],
    [['-'], '-'],
    [['5', '.'], '.'],
    [['-', 'x', '/'], '/'],
    [['...', '5'], '...'],
    [['x', '...'], 'x'],
    [['5 p', '3 r'], '8 p'],
    [['5 p', '3 s', '1 ()'], '9 ()'],
    [['5 r', '3'], '8'],
    [['0', '0'], '0'],
    [['-', '0'], '0'],
    [['1.25', '-2.5'], '-1.25'],
  ];
  it.each(cases)('%j → %s', (parts, expected) => {
    expect(show(sumOperands(parts.map(op)))).toBe(expected);
  });
});

describe('operands from cells', () => {
  it('a value flag wins over a value; a note keeps the value; nothing at all is missing (null)', () => {
    expect(operandFromCell({ value: '5', flag: '.' })).toEqual({ kind: 'flag', flag: '.' });
    expect(operandFromCell({ value: '0', flag: '-' })).toEqual({ kind: 'flag', flag: '-' });
    expect(operandFromCell({ value: null, flag: null })).toBeNull();
    expect(operandFromCell({ value: null, flag: 'p' })).toBeNull();
    const r = operandFromCell({ value: '5', flag: 'r' });
    expect(r?.kind === 'value' && r.note).toBeNull();
    expect(r?.kind === 'value' && r.value.equals(new Dec(5))).toBe(true);
    expect(() => operandFromCell({ value: '5,2', flag: null })).toThrow(/Keine Dezimalzahl/);
  });
  it('precedence helpers', () => {
    expect(strongestSecret(['x', '...', '/', null])).toBe('/');
    expect(strongestSecret(['-', 'p', null])).toBeNull();
    expect(strongestNote(['p', 'r', 's'])).toBe('s');
    expect(strongestNote(['r'])).toBeNull();
  });
});
