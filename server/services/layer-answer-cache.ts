// Answers that change only when a layer's version moves, kept as JSON text per query until then.
// The village list is the largest answer the app asks for, and every screen that opens asks for
// it; at a province's scale (tens of thousands of villages) building it takes seconds of the one
// server thread. Every committed change to a layer bumps its version (context.ts announce), so a
// kept answer is never older than the last change.
import type { DynamicLayer } from '../../common/api';
import type { DynamicTiles } from '../tiles/dynamic-tiles';

const DEFAULT_LIMIT = 64;

export class LayerAnswerCache {
  private version: number | null = null;
  private readonly answers = new Map<string, string>();

  constructor(
    private readonly tiles: DynamicTiles,
    private readonly layer: DynamicLayer,
    private readonly limit = DEFAULT_LIMIT,
  ) {}

  async json(query: string, build: () => Promise<unknown>): Promise<string> {
    // Read before building: an answer built while a change commits is kept under the old version,
    // which is then no longer asked for.
    const version = this.tiles.currentVersion(this.layer);
    if (version !== this.version) {
      this.answers.clear();
      this.version = version;
    }
    const kept = this.answers.get(query);
    if (kept !== undefined) return kept;
    const text = JSON.stringify(await build());
    if (this.tiles.currentVersion(this.layer) !== version) return text;
    if (this.answers.size >= this.limit) this.answers.delete(this.answers.keys().next().value!);
    this.answers.set(query, text);
    return text;
  }
}
