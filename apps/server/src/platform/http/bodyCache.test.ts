import { describe, expect, it } from 'vitest';
import { BodyCache } from './bodyCache';

const b = (s: string) => Buffer.from(s);

describe('BodyCache', () => {
  it('returns what was stored and drops the least recently used beyond the entry limit', () => {
    const c = new BodyCache(2, 1_000_000);
    c.set('a', b('A'));
    c.set('b', b('B'));
    expect(c.get('a')).toEqual(b('A')); // a is now the most recent
    c.set('c', b('C'));
    expect(c.get('b')).toBeUndefined();
    expect(c.get('a')).toEqual(b('A'));
    expect(c.get('c')).toEqual(b('C'));
    expect(c.size).toBe(2);
  });

  it('stays within its byte limit and refuses bodies larger than a quarter of it', () => {
    const c = new BodyCache(100, 400);
    c.set('big', b('x'.repeat(120))); // 120 bytes > 400 / 4: not kept
    expect(c.get('big')).toBeUndefined();
    for (let i = 0; i < 10; i++) c.set(`k${i}`, b('y'.repeat(80))); // 80 bytes each
    expect(c.size).toBe(5);
    expect(c.get('k9')).toEqual(b('y'.repeat(80)));
    expect(c.get('k0')).toBeUndefined();
  });

  it('replacing a key does not count its old body twice', () => {
    const c = new BodyCache(100, 400);
    for (let i = 0; i < 20; i++) c.set('same', b('z'.repeat(80)));
    c.set('other', b('w'.repeat(80)));
    expect(c.get('same')).toEqual(b('z'.repeat(80)));
    expect(c.get('other')).toEqual(b('w'.repeat(80)));
  });
});
