// Vector tiles for the layers that change (villages' status, sites, projects), cut from the
// database on demand. A layer's tile index is rebuilt lazily after a change bumps its version;
// clients put the version in the tile URL, so nothing stale survives in a browser cache.
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import GeoJSONVT from 'geojson-vt';
import vtPbf from 'vt-pbf';
import { DYNAMIC_LAYERS, type DynamicLayer, type TileVersions } from '../../common/api';
import { TileCache } from './tile-cache';

export const DYNAMIC_MAX_ZOOM = 14;
export const DEFAULT_TILE_CACHE_BYTES = 256 * 1024 * 1024;

/**
 * What a layer's tiles hold from minZoom up to the next band's: a layer too dense to ship feature
 * by feature at low zooms stands in for its features there with fewer, coarser ones, each band
 * its own named source layer in the tile.
 */
export interface ZoomBand {
  minZoom: number;
  sourceLayer: string;
  features: GeoJSON.FeatureCollection;
}

export type LayerLoader = () => Promise<ZoomBand[]>;

interface BandIndex {
  minZoom: number;
  sourceLayer: string;
  index: GeoJSONVT;
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
  private readonly indexes = new Map<DynamicLayer, Promise<BandIndex[]>>();
  /** Gzipped, as nearly every client takes them: each tile is compressed once, off the event loop. */
  private readonly gzipped: TileCache<Uint8Array | null>;
  private readonly cutting = new Map<string, Promise<Uint8Array | null>>();

  constructor(
    private readonly loaders: Record<DynamicLayer, LayerLoader>,
    cacheBytes: number = DEFAULT_TILE_CACHE_BYTES,
  ) {
    this.gzipped = new TileCache(cacheBytes);
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

  /** Called after a committed write to a layer's data. */
  invalidate(layer: DynamicLayer): number {
    this.moveTo(layer, this.versions[layer] + 1);
    return this.versions[layer];
  }

  /** Takes on versions from the shared change log; versions only move forward. */
  follow(versions: TileVersions): void {
    for (const layer of DYNAMIC_LAYERS) if (versions[layer] > this.versions[layer]) this.moveTo(layer, versions[layer]);
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

  private moveTo(layer: DynamicLayer, version: number): void {
    this.versions[layer] = version;
    this.indexes.delete(layer);
    this.gzipped.deleteWhere((key) => key.startsWith(`${layer}/`));
  }

  /** The gzipped tile, or null where the layer has nothing. */
  async tile(layer: DynamicLayer, z: number, x: number, y: number): Promise<Uint8Array | null> {
    const key = `${layer}/${this.versions[layer]}/${z}/${x}/${y}`;
    const cached = this.gzipped.get(key);
    if (cached !== undefined) return cached;
    let cutting = this.cutting.get(key);
    if (!cutting) {
      cutting = this.cut(layer, z, x, y).then((data) => {
        this.gzipped.set(key, data);
        return data;
      });
      // A screen asks for many tiles at once, and several screens for the same ones.
      void cutting.catch(() => {}).finally(() => this.cutting.delete(key));
      this.cutting.set(key, cutting);
    }
    return cutting;
  }

  private async cut(layer: DynamicLayer, z: number, x: number, y: number): Promise<Uint8Array | null> {
    const band = (await this.index(layer)).findLast((b) => b.minZoom <= z);
    const tile = band?.index.getTile(z, x, y);
    return band && tile && tile.features.length > 0 ? gzipAsync(vtPbf.fromGeojsonVt({ [band.sourceLayer]: tile }, { version: 2 })) : null;
  }

  private index(layer: DynamicLayer): Promise<BandIndex[]> {
    let index = this.indexes.get(layer);
    if (!index) {
      index = this.loaders[layer]().then((bands) =>
        bands.map((band) => ({
          minZoom: band.minZoom,
          sourceLayer: band.sourceLayer,
          // Every band keeps the layer's top zoom: geojson-vt stops simplifying at its maxZoom.
          index: new GeoJSONVT(band.features, { maxZoom: DYNAMIC_MAX_ZOOM, indexMaxZoom: 5, tolerance: 3, buffer: 64 }),
        })),
      );
      index.catch(() => this.indexes.delete(layer));
      this.indexes.set(layer, index);
    }
    return index;
  }
}
