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

  it('zeros only with suppressZeros', () => {
    expect([...primarySuppression(cells(['0', '1']), { threshold: 3, suppressZeros: true })]).toEqual([
      'c0',
      'c1',
    ]);
  });

  it('non-integers are not counts and never primary; integer-valued decimals are', () => {
    expect([...primarySuppression(cells(['2.5', '0.1', '2.0', '2.000']), { threshold: 3 })]).toEqual([
      'c2',
      'c3',
    ]);
  });

  it('rejects negative and malformed values', () => {
    expect(() => primarySuppression(cells(['-1']))).toThrow(/Dezimalzahl/);
    expect(() => primarySuppression(cells(['1e3']))).toThrow(/Dezimalzahl/);
    expect(() => primarySuppression(cells(['']))).toThrow(/Dezimalzahl/);
  });
});
