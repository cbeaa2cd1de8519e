// Vector tiles for the layers that change (villages' status, sites, projects), cut from the
// database on demand. A layer's tile index is rebuilt lazily after a change bumps its version;
// clients put the version in the tile URL, so nothing stale survives in a browser cache.
import GeoJSONVT from 'geojson-vt';
import vtPbf from 'vt-pbf';
import { DYNAMIC_LAYERS, type DynamicLayer, type TileVersions } from '../../common/api';

export const DYNAMIC_MAX_ZOOM = 14;
const TILE_CACHE_LIMIT = 20_000;

export type LayerLoader = () => Promise<GeoJSON.FeatureCollection>;

export class DynamicTiles {
  /**
   * Versions count on from the boot time, not from 1: a restarted server must never hand out a
   * tile URL that an earlier run did (browsers keep those as immutable), and open screens see
   * every layer change when they reconnect.
   */
  private readonly versions = Object.fromEntries(DYNAMIC_LAYERS.map((l) => [l, Date.now()])) as TileVersions;
  private readonly indexes = new Map<DynamicLayer, Promise<GeoJSONVT>>();
  private readonly encoded = new Map<string, Uint8Array | null>();

  constructor(private readonly loaders: Record<DynamicLayer, LayerLoader>) {}

  currentVersions(): TileVersions {
    return { ...this.versions };
  }

  currentVersion(layer: DynamicLayer): number {
    return this.versions[layer];
  }

  /** Called after a committed write to a layer's data. */
  invalidate(layer: DynamicLayer): number {
    this.versions[layer]++;
    this.indexes.delete(layer);
    for (const key of this.encoded.keys()) if (key.startsWith(`${layer}/`)) this.encoded.delete(key);
    return this.versions[layer];
  }

  /** The encoded tile, or null where the layer has nothing. */
  async tile(layer: DynamicLayer, z: number, x: number, y: number): Promise<Uint8Array | null> {
    const key = `${layer}/${this.versions[layer]}/${z}/${x}/${y}`;
    const cached = this.encoded.get(key);
    if (cached !== undefined) return cached;
    const index = await this.index(layer);
    const tile = index.getTile(z, x, y);
    const data = tile && tile.features.length > 0 ? vtPbf.fromGeojsonVt({ [layer]: tile }, { version: 2 }) : null;
    if (this.encoded.size >= TILE_CACHE_LIMIT) this.encoded.delete(this.encoded.keys().next().value!);
    this.encoded.set(key, data);
    return data;
  }

  private index(layer: DynamicLayer): Promise<GeoJSONVT> {
    let index = this.indexes.get(layer);
    if (!index) {
      index = this.loaders[layer]().then(
        (fc) => new GeoJSONVT(fc, { maxZoom: DYNAMIC_MAX_ZOOM, indexMaxZoom: 5, tolerance: 3, buffer: 64 }),
      );
      index.catch(() => this.indexes.delete(layer));
      this.indexes.set(layer, index);
    }
    return index;
  }
}
