import { describe, expect, it } from 'vitest';
import { primarySuppression } from './index';

const cells = (values: (string | null)[]) => values.map((value, i) => ({ id: `c${i}`, value }));

describe('primarySuppression', () => {
  it('suppresses 0 < value < threshold (default 3)', () => {
    const r = primarySuppression(cells(['0', '1', '2', '3', '10', null]));
    expect([...r]).toEqual(['c1', 'c2']);
  });

  it('threshold is configurable; non-integer thresholds round up', () => {
    expect([...primarySuppression(cells(['4', '5', '9', '10']), { threshold: 10 })]).toEqual([
      'c0',
      'c1',
      'c2',
    ]);
    expect([...primarySuppression(cells(['2', '3']), { threshold: 2.5 })]).toEqual(['c0']);
  });

  it('zeros are published, never primary', () => {
    expect([...primarySuppression(cells(['0', '0.0', '1']), { threshold: 3 })]).toEqual(['c2']);
  });

  it('non-integers are not counts and never primary; integer-valued decimals are', () => {
    expect([...primarySuppression(cells(['2.5', '0.1', '2.0', '2.000']), { threshold: 3 })]).toEqual([
      'c2',
      'c3',
    ]);
  });

  it('negative values (official corrections) and huge values are never primary', () => {
    expect([...primarySuppression(cells(['-1', '-56', '1', '9'.repeat(400)]))]).toEqual(['c2']);
  });

  it('rejects malformed values, naming the cell', () => {
    expect(() => primarySuppression(cells(['1e3']))).toThrow(/Zelle c0.*Dezimalzahl/);
    expect(() => primarySuppression(cells(['']))).toThrow(/Dezimalzahl/);
    expect(() => primarySuppression(cells(['--1']))).toThrow(/Dezimalzahl/);
  });
});
