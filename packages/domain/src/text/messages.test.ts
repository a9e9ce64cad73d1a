import { describe, expect, it } from 'vitest';
import { boundedMessage, listSummary, shortText } from './messages';

describe('messages of bounded length', () => {
  it('a list of a million columns shows ten and counts the rest in German', () => {
    const cols = Array.from({ length: 1_000_000 }, (_, i) => `c${i}`);
    const s = listSummary(cols, 'weitere Spalten');
    expect(s).toBe('c0, c1, c2, c3, c4, c5, c6, c7, c8, c9 … und 999.990 weitere Spalten');
    expect(listSummary(['a', 'b'], 'weitere Spalten')).toBe('a, b');
  });

  it('long values and messages are cut and say so', () => {
    expect(shortText('1'.repeat(200_000), 10)).toBe('111111111…');
    const m = boundedMessage('x'.repeat(9_000_000));
    expect(m.length).toBeLessThan(2100);
    expect(m).toMatch(/gekürzt, insgesamt 9\.000\.000 Zeichen/);
    expect(boundedMessage('kurz')).toBe('kurz');
  });
});
