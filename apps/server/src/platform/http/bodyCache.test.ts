import { describe, expect, it } from 'vitest';
import { BodyCache } from './bodyCache';

describe('BodyCache', () => {
  it('returns what was stored and drops the least recently used beyond the entry limit', () => {
    const c = new BodyCache(2, 1_000_000);
    c.set('a', 'A');
    c.set('b', 'B');
    expect(c.get('a')).toBe('A'); // a is now the most recent
    c.set('c', 'C');
    expect(c.get('b')).toBeUndefined();
    expect(c.get('a')).toBe('A');
    expect(c.get('c')).toBe('C');
    expect(c.size).toBe(2);
  });

  it('stays within its byte limit and refuses bodies larger than a quarter of it', () => {
    const c = new BodyCache(100, 400); // 200 characters
    c.set('big', 'x'.repeat(60)); // 120 bytes > 100: not kept
    expect(c.get('big')).toBeUndefined();
    for (let i = 0; i < 10; i++) c.set(`k${i}`, 'y'.repeat(40)); // 80 bytes each
    expect(c.size).toBe(5);
    expect(c.get('k9')).toBe('y'.repeat(40));
    expect(c.get('k0')).toBeUndefined();
  });

  it('replacing a key does not count its old body twice', () => {
    const c = new BodyCache(100, 400);
    for (let i = 0; i < 20; i++) c.set('same', 'z'.repeat(40));
    c.set('other', 'w'.repeat(40));
    expect(c.get('same')).toBe('z'.repeat(40));
    expect(c.get('other')).toBe('w'.repeat(40));
  });
});
