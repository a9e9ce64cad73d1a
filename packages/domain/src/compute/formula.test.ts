import { describe, expect, it } from 'vitest';
import { compileFormula, evaluateFormula, FormulaError, roundHalfUp } from './index';
import { Dec, decToString } from './decimal';
import type { Operand } from './index';

const num = (v: string): Operand => ({ kind: 'value', value: new Dec(v), note: null });
function calc(formula: string, values: Record<string, string>): string {
  const c = compileFormula(formula, Object.keys(values));
  const r = evaluateFormula(c, Object.fromEntries(Object.entries(values).map(([k, v]) => [k, num(v)])));
  if (r.kind !== 'value') throw new Error(`flag ${r.flag}`);
  return decToString(r.value);
}
function error(formula: string, names: string[] = ['a', 'b']): FormulaError {
  try {
    compileFormula(formula, names);
  } catch (e) {
    if (e instanceof FormulaError) return e;
    throw e;
  }
  throw new Error(`accepted: ${formula}`);
}

describe('formula whitelist: accepted', () => {
  it.each([
    'betreut / bevoelkerung * 100',
    '(betreut + bevoelkerung) / 2',
    '-betreut + 2',
    'betreut - -bevoelkerung',
    'betreut*-bevoelkerung',
    '0.5 * betreut',
    '  ((betreut))  ',
    'betreut / bevoelkerung * 100.25',
  ])('%s', (f) => {
    expect(compileFormula(f, ['betreut', 'bevoelkerung']).inputs.length).toBeGreaterThan(0);
  });

  it('names with umlauts and underscores', () => {
    expect(compileFormula('bevölkerung_u3 / 2', ['bevölkerung_u3']).inputs).toEqual(['bevölkerung_u3']);
  });

  it('lists the used inputs in order of appearance', () => {
    expect(compileFormula('c / (a + b) * a', ['a', 'b', 'c']).inputs).toEqual(['c', 'a', 'b']);
  });
});

describe('formula evaluation on exact decimals', () => {
  it('operator precedence and associativity', () => {
    expect(calc('a - b - c', { a: '10', b: '3', c: '2' })).toBe('5');
    expect(calc('a / b / c', { a: '12', b: '3', c: '2' })).toBe('2');
    expect(calc('a - b * c', { a: '10', b: '2', c: '3' })).toBe('4');
    expect(calc('(a - b) * c', { a: '10', b: '2', c: '3' })).toBe('24');
    expect(calc('-a * b', { a: '2', b: '3' })).toBe('-6');
    expect(calc('a - -b', { a: '2', b: '3' })).toBe('5');
  });
  it('no binary float error', () => {
    expect(calc('a + b', { a: '0.1', b: '0.2' })).toBe('0.3');
    expect(calc('a * 3', { a: '1.1' })).toBe('3.3');
    expect(calc('a / b * 100', { a: '2675', b: '100000' })).toBe('2.675');
    expect(calc('a + b', { a: '12345678901234567890.1', b: '0.01' })).toBe('12345678901234567890.11');
  });
  it('keeps full precision until the final rounding', () => {
    // 1/7*1000 = 142.857…; rounding 1/7 first to 1 decimal would give 100.
    expect(roundHalfUp(calc('a / b * 1000', { a: '1', b: '7' }), 1)).toBe('142.9');
    expect(roundHalfUp(calc('a / b * 3', { a: '1', b: '3' }), 2)).toBe('1.00');
  });
  it('constants keep all digits', () => {
    expect(calc('a * 0.30000000000000000001', { a: '1' })).toBe('0.30000000000000000001');
  });
});

describe('formula whitelist: rejected with German messages', () => {
  it('unknown input names the formula, the part and a suggestion', () => {
    const e = error('betreut / bevoelkrung * 100', ['betreut', 'bevoelkerung']);
    expect(e.message).toBe(
      'Unbekannter Eingang ‚bevoelkrung‘ – meinten Sie ‚bevoelkerung‘? (definiert: ‚betreut‘, ‚bevoelkerung‘) in der Formel „betreut / bevoelkrung * 100“',
    );
    expect(e.part).toBe('bevoelkrung');
    expect(e.code).toBe('formula_unknown_input');
    expect(e.messageEn).toMatch(/^Unknown input 'bevoelkrung'/);
  });

  // [formula, code, German fragment]
  const cases: Array<[string, string, string]> = [
    ['sqrt(a)', 'formula_bad_node', 'Funktionen sind nicht erlaubt: ‚sqrt(a)‘'],
    ['a (b)', 'formula_bad_node', 'Funktionen sind nicht erlaubt'],
    [
      'a ^ 2',
      'formula_bad_char',
      'Zeichen ‚^‘ ist nicht erlaubt; erlaubt sind Eingänge, Dezimalzahlen, + - * / und Klammern (Position 3)',
    ],
    ['a = 1', 'formula_bad_char', 'Zeichen ‚=‘'],
    ['[a, b]', 'formula_bad_char', 'Zeichen ‚[‘'],
    ['a % b', 'formula_bad_char', 'Zeichen ‚%‘'],
    ['a > b', 'formula_bad_char', 'Zeichen ‚>‘'],
    ['a; b', 'formula_bad_char', 'Zeichen ‚;‘'],
    ['a ? b : a', 'formula_bad_char', 'Zeichen ‚?‘'],
    ['a!', 'formula_bad_char', 'Zeichen ‚!‘'],
    ["a'", 'formula_bad_char', "Zeichen ‚'‘"],
    ['"a"', 'formula_bad_char', 'Zeichen ‚"‘'],
    ['a.b', 'formula_bad_char', 'Zeichen ‚.‘'],
    [
      '0,5 * a',
      'formula_bad_char',
      'Zeichen ‚,‘ ist nicht erlaubt (Dezimalzahlen bitte mit Punkt schreiben)',
    ],
    ['.5 * a', 'formula_bad_char', 'Zeichen ‚.‘ ist nicht erlaubt (Dezimalzahlen bitte mit führender Ziffer'],
    ['1e3 * a', 'formula_bad_number', 'Ungültige Zahl ‚1e3‘'],
    ['0x10 + a', 'formula_bad_number', 'Ungültige Zahl ‚0x10‘'],
    ['2a', 'formula_bad_number', 'Ungültige Zahl ‚2a‘'],
    ['a mod b', 'formula_bad_operator', 'Operator ‚mod‘ ist nicht erlaubt'],
    ['a and b', 'formula_bad_operator', 'Operator ‚and‘ ist nicht erlaubt'],
    ['a to b', 'formula_bad_operator', 'Operator ‚to‘ ist nicht erlaubt'],
    ['+a', 'formula_bad_operator', 'Operator ‚+‘ ist nicht erlaubt'],
    ['2 a', 'formula_implicit_multiplication', 'Zwischen ‚2‘ und ‚a‘ fehlt ein Operator'],
    ['a b', 'formula_implicit_multiplication', 'Zwischen ‚a‘ und ‚b‘ fehlt ein Operator'],
    ['(a)(b)', 'formula_implicit_multiplication', 'fehlt ein Operator'],
    ['true * a', 'formula_bad_constant', '‚true‘ ist weder ein Eingang noch eine Zahl'],
    ['pi * a', 'formula_unknown_input', 'Unbekannter Eingang ‚pi‘'],
    ['a +', 'formula_syntax', 'Die Formel endet unerwartet'],
    ['(a + b', 'formula_syntax', 'Eine schließende Klammer ‚)‘ fehlt'],
    ['', 'formula_empty', 'Die Formel ist leer'],
    ['   ', 'formula_empty', 'Die Formel ist leer'],
  ];
  it.each(cases)('%s', (formula, code, fragment) => {
    const e = error(formula);
    expect(e.code).toBe(code);
    expect(e.message).toContain(fragment);
    expect(e.message).toContain(`in der Formel „${formula}“`);
    expect(e.messageEn.length).toBeGreaterThan(0);
  });

  it('positions are 1-based', () => {
    expect(error('a + b ^ 2').position).toBe(7);
    expect(error('a + 1e3').position).toBe(5);
  });
});
