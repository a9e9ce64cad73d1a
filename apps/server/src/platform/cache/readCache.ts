/**
 * In-process cache of small, hot reads that every request repeats: the session behind a cookie, the
 * membership behind a tenant guard, the indicator row behind an observations request. Without it each
 * of those is a database round trip per request (on PGlite about 1.5 ms of the single process's CPU).
 *
 * Correctness (ADR 0008):
 * - Every change made by this process invalidates the whole cache: state-changing requests (any method
 *   but GET/HEAD/OPTIONS) when their response is sent, background jobs when they end, and code that writes
 *   outside those paths by calling `invalidate()`.
 * - A load that was in flight while an invalidation happened is handed to its callers but not kept, so a
 *   read that raced a write cannot store what the write replaced (generation check).
 * - Changes made by another process (the CLI or a second server on the same PostgreSQL) are seen after
 *   at most `ttlMs` (READ_CACHE_TTL_MS, default 2 s; 0 turns the cache off).
 * Concurrent misses for one key share one load.
 */
export class ReadCache {
  private generation = 0;
  private readonly entries = new Map<string, { at: number; generation: number; value: Promise<unknown> }>();

  constructor(
    readonly ttlMs: number,
    private readonly maxEntries = 20_000,
  ) {}

  /** The cached value for `key`, else the result of `load()` (kept if no invalidation happened meanwhile). */
  get<T>(key: string, load: () => Promise<T>): Promise<T> {
    if (this.ttlMs <= 0) return load();
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && hit.generation === this.generation && now - hit.at < this.ttlMs)
      return hit.value as Promise<T>;
    const generation = this.generation;
    const value = load();
    const entry = { at: now, generation, value: value as Promise<unknown> };
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.maxEntries) {
      // Oldest insertion first out.
      const first = this.entries.keys().next().value as string;
      this.entries.delete(first);
    }
    value.catch(() => {
      // Errors (e.g. not found as an exception) are not kept.
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return value;
  }

  /** Forget everything; loads in flight are not kept. */
  invalidate(): void {
    this.generation++;
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  /** Counts the invalidations: caches built on top (the public page cache) compare it to see changes. */
  get version(): number {
    return this.generation;
  }
}
