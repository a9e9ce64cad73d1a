import { afterEach, describe, expect, it, vi } from 'vitest';
import { ReadCache } from './readCache';

/** A load whose result the test releases by hand. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('ReadCache', () => {
  afterEach(() => vi.useRealTimers());

  it('keeps a value for its TTL and loads it again afterwards', async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const c = new ReadCache(2000);
    let loads = 0;
    const load = async () => ++loads;
    expect(await c.get('k', load)).toBe(1);
    vi.setSystemTime(1_001_999);
    expect(await c.get('k', load)).toBe(1);
    vi.setSystemTime(1_002_000);
    expect(await c.get('k', load)).toBe(2);
    expect(loads).toBe(2);
  });

  it('concurrent misses for one key share one load; other keys load on their own', async () => {
    const c = new ReadCache(2000);
    const d = deferred<string>();
    const load = vi.fn(() => d.promise);
    const a = c.get('k', load);
    const b = c.get('k', load);
    const other = c.get('other', async () => 'o');
    d.resolve('v');
    expect(await Promise.all([a, b, other])).toEqual(['v', 'v', 'o']);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('invalidate() forgets every entry', async () => {
    const c = new ReadCache(60_000);
    let n = 0;
    const load = async () => ++n;
    await c.get('a', load);
    await c.get('b', load);
    c.invalidate();
    expect(c.size).toBe(0);
    expect(await c.get('a', load)).toBe(3);
  });

  it('a load in flight when invalidate() runs is answered but not kept (it may hold what a write replaced)', async () => {
    const c = new ReadCache(60_000);
    const before = deferred<string>();
    const stale = c.get('k', () => before.promise);
    c.invalidate(); // a write committed while the read was under way
    before.resolve('old');
    expect(await stale).toBe('old');
    expect(await c.get('k', async () => 'new')).toBe('new');
    expect(await c.get('k', async () => 'newer')).toBe('new');
  });

  it('a failed load is passed on and not kept', async () => {
    const c = new ReadCache(60_000);
    await expect(c.get('k', () => Promise.reject(new Error('nicht gefunden')))).rejects.toThrow(
      'nicht gefunden',
    );
    expect(await c.get('k', async () => 'da')).toBe('da');
  });

  it('TTL 0 turns the cache off', async () => {
    const c = new ReadCache(0);
    let n = 0;
    const load = async () => ++n;
    await c.get('k', load);
    expect(await c.get('k', load)).toBe(2);
    expect(c.size).toBe(0);
  });

  it('stays within its entry limit, oldest first out', async () => {
    const c = new ReadCache(60_000, 2);
    await c.get('a', async () => 'A');
    await c.get('b', async () => 'B');
    await c.get('c', async () => 'C');
    expect(c.size).toBe(2);
    expect(await c.get('a', async () => 'A2')).toBe('A2');
    expect(await c.get('c', async () => 'C2')).toBe('C');
  });
});
