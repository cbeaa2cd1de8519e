// Vector tiles for the layers that change (villages' status, sites, projects), cut on demand by a
// TileCutter: from whole-layer indexes in memory (memory-cutter.ts), or per tile in SQL where the
// database has PostGIS (postgis-cutter.ts). Cut tiles are gzipped once and cached; a change drops
// the tiles it touches (or, for the in-memory cutter, the layer's) and bumps the layer's version.
// Clients put the version in the tile URL, so nothing stale survives in a browser cache.
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { DYNAMIC_LAYERS, type DynamicLayer, type TileArea, type TileVersions } from '../../common/api';
import { TileCache } from './tile-cache';
import { touchedTiles } from './tile-areas';

export const DYNAMIC_MAX_ZOOM = 14;
export const DEFAULT_TILE_CACHE_BYTES = 256 * 1024 * 1024;

export interface TileCutter {
  readonly kind: 'memory' | 'postgis';
  /** The encoded (not yet compressed) tile, or null where the layer has nothing there. */
  cut(layer: DynamicLayer, z: number, x: number, y: number): Promise<Uint8Array | null>;
  /** After a committed change: true when only the tiles under `areas` went stale, false when all the layer's did. */
  changed(layer: DynamicLayer, areas: TileArea[] | undefined): boolean;
}

const gzipAsync = promisify(gzip);

export class DynamicTiles {
  /**
   * The versions kept in the database (repo/layer-versions.ts), which every instance shares and
   * each server's start moves past any an earlier run handed out; 0 until the app starts
   * (follow-changes.ts).
   */
  private readonly versions = Object.fromEntries(DYNAMIC_LAYERS.map((l) => [l, 0])) as TileVersions;
  private sync?: () => Promise<void>;
  private syncing?: Promise<void>;
  /** Gzipped, as nearly every client takes them: each tile is compressed once, off the event loop. */
  private readonly gzipped: TileCache<Uint8Array | null>;
  private readonly cutting = new Map<string, Promise<Uint8Array | null>>();

  constructor(
    private readonly cutter: TileCutter,
    cacheBytes: number = DEFAULT_TILE_CACHE_BYTES,
  ) {
    this.gzipped = new TileCache(cacheBytes);
  }

  get cutterKind(): TileCutter['kind'] {
    return this.cutter.kind;
  }

  /** Bytes the cached tiles take now, against the cap. */
  cacheUse(): { bytes: number; capBytes: number } {
    return { bytes: this.gzipped.bytes, capBytes: this.gzipped.capBytes };
  }

  currentVersions(): TileVersions {
    return { ...this.versions };
  }

  currentVersion(layer: DynamicLayer): number {
    return this.versions[layer];
  }

  /**
   * After a committed write to a layer's data, here or (through the change feed) on another
   * instance: drops the tiles under `areas` (the layer's, where the change does not say or the
   * cutter cannot tell) and moves to `version`, the one the change log gave the change.
   */
  invalidate(layer: DynamicLayer, areas?: TileArea[], version = this.versions[layer] + 1): number {
    this.drop(layer, this.cutter.changed(layer, areas) && areas ? touchedTiles(areas) : null);
    this.versions[layer] = Math.max(this.versions[layer], version);
    return this.versions[layer];
  }

  /**
   * Takes on versions from the shared change log; versions only move forward. A version moved
   * without a change this instance was handed (another's start, or changes it lost) may mean any
   * tile: the layer's are all dropped.
   */
  follow(versions: TileVersions): void {
    for (const layer of DYNAMIC_LAYERS) if (versions[layer] > this.versions[layer]) this.invalidate(layer, undefined, versions[layer]);
  }

  /** On a database other instances write to: how to learn the versions they moved. */
  syncWith(sync: () => Promise<void>): void {
    this.sync = sync;
  }

  /** The versions now, after learning what other instances moved. */
  async latestVersions(): Promise<TileVersions> {
    await this.synced();
    return this.currentVersions();
  }

  /**
   * A request naming a newer version than this instance knows was handed out by another that saw
   * a change first: learn it before answering, rather than serve old data under the new URL.
   */
  async catchUpTo(layer: DynamicLayer, version: number): Promise<void> {
    if (version > this.versions[layer]) await this.synced();
  }

  private synced(): Promise<void> {
    if (!this.sync) return Promise.resolve();
    // However many requests are waiting, one read of the database at a time.
    this.syncing ??= this.sync().finally(() => (this.syncing = undefined));
    return this.syncing;
  }

  /** `touched`: the z/x/y keys gone stale, or null for all the layer's. */
  private drop(layer: DynamicLayer, touched: Set<string> | null): void {
    // A cut under way may have read the data from before the change: it is let finish but not kept.
    const stale = touched ? (key: string) => touched.has(key.slice(layer.length + 1)) : (key: string) => key.startsWith(`${layer}/`);
    this.gzipped.deleteWhere(stale, touched ? [...touched].map((tile) => `${layer}/${tile}`) : undefined);
    for (const key of [...this.cutting.keys()]) if (stale(key)) this.cutting.delete(key);
  }

  /** The gzipped tile, or null where the layer has nothing. */
  async tile(layer: DynamicLayer, z: number, x: number, y: number): Promise<Uint8Array | null> {
    const key = `${layer}/${z}/${x}/${y}`;
    const cached = this.gzipped.get(key);
    if (cached !== undefined) return cached;
    let cutting = this.cutting.get(key);
    if (!cutting) {
      const started: Promise<Uint8Array | null> = this.cutter.cut(layer, z, x, y).then(async (raw) => {
        const data = raw && raw.length > 0 ? await gzipAsync(raw) : null;
        if (this.cutting.get(key) === started) this.gzipped.set(key, data);
        return data;
      });
      // A screen asks for many tiles at once, and several screens for the same ones.
      void started.catch(() => {}).finally(() => {
        if (this.cutting.get(key) === started) this.cutting.delete(key);
      });
      this.cutting.set(key, started);
      cutting = started;
    }
    return cutting;
  }
}
