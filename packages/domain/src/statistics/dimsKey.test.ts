import { describe, expect, it } from 'vitest';
import { dimsKeyOf } from './dimsKey';

describe('dimsKeyOf', () => {
  it('is empty without dimensions and sorts the keys, so the same combination has one text', () => {
    expect(dimsKeyOf({})).toBe('');
    expect(dimsKeyOf({ geschlecht: 'w', alter: 'u3' })).toBe('alter=u3;geschlecht=w');
    expect(dimsKeyOf({ alter: 'u3', geschlecht: 'w' })).toBe(dimsKeyOf({ geschlecht: 'w', alter: 'u3' }));
  });
});
