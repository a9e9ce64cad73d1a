/**
 * A small in-process cache of serialised response bodies, bounded by entries and bytes, least recently
 * used first out. Keys must contain everything the body depends on (e.g. the ETag of the response, whose
 * inputs include the data version), so entries never need to be invalidated: stale keys age out.
 */
export class BodyCache {
  private readonly map = new Map<string, string>();
  private bytes = 0;

  constructor(
    private readonly maxEntries = 500,
    private readonly maxBytes = 32 * 1024 * 1024,
  ) {}

  get(key: string): string | undefined {
    const v = this.map.get(key);
    if (v === undefined) return undefined;
    // Refresh its place: most recently used last.
    this.map.delete(key);
    this.map.set(key, v);
    return v;
  }

  set(key: string, body: string): void {
    const size = body.length * 2;
    if (size > this.maxBytes / 4) return;
    const old = this.map.get(key);
    if (old !== undefined) {
      this.map.delete(key);
      this.bytes -= old.length * 2;
    }
    this.map.set(key, body);
    this.bytes += size;
    while (this.map.size > this.maxEntries || this.bytes > this.maxBytes) {
      const [k, v] = this.map.entries().next().value as [string, string];
      this.map.delete(k);
      this.bytes -= v.length * 2;
    }
  }

  get size(): number {
    return this.map.size;
  }
}
