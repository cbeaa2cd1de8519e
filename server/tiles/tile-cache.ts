// Encoded tiles kept in memory, bounded by their total size rather than their number: one tile
// of a dense layer at a low zoom can weigh as much as thousands of others, so a count says
// nothing about memory. Least recently used tiles go first; a Map iterates in insertion order,
// so re-inserting on every hit keeps the oldest use at its front.
export class TileCache<V extends Uint8Array | null> {
  private readonly entries = new Map<string, V>();
  private total = 0;

  constructor(readonly capBytes: number) {}

  get bytes(): number {
    return this.total;
  }

  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  set(key: string, value: V): void {
    this.delete(key);
    this.entries.set(key, value);
    this.total += sizeOf(value);
    for (const [oldest, old] of this.entries) {
      if (this.total <= this.capBytes || oldest === key) break;
      this.entries.delete(oldest);
      this.total -= sizeOf(old);
    }
  }

  /** Deletes the entries `matches` picks; given `candidates`, only those keys are looked at (cheaper than walking the cache). */
  deleteWhere(matches: (key: string) => boolean, candidates?: Iterable<string>): void {
    for (const key of candidates ?? [...this.entries.keys()]) if (matches(key)) this.delete(key);
  }

  private delete(key: string): void {
    const old = this.entries.get(key);
    if (old === undefined) return;
    this.entries.delete(key);
    this.total -= sizeOf(old);
  }
}

/** An empty tile still costs its key and map slot; counting it as 64 bytes keeps millions of them bounded too. */
const sizeOf = (value: Uint8Array | null) => (value ? value.length : 0) + 64;
