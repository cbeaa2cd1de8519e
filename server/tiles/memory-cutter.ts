// Tiles cut in memory: each layer is read whole from the database into a geojson-vt index, rebuilt
// after any change to the layer. Right for a county (PGlite, or PostgreSQL without PostGIS); a
// province or the nation belongs on the PostGIS cutter, which holds nothing in memory.
import GeoJSONVT from 'geojson-vt';
import vtPbf from 'vt-pbf';
import type { DynamicLayer } from '../../common/api';
import { DYNAMIC_MAX_ZOOM, type TileCutter } from './dynamic-tiles';
import { TILE_BUFFER } from './tile-areas';

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

export function memoryCutter(loaders: Record<DynamicLayer, LayerLoader>): TileCutter {
  const indexes = new Map<DynamicLayer, Promise<BandIndex[]>>();

  function index(layer: DynamicLayer): Promise<BandIndex[]> {
    let built = indexes.get(layer);
    if (!built) {
      built = loaders[layer]().then((bands) =>
        bands.map((band) => ({
          minZoom: band.minZoom,
          sourceLayer: band.sourceLayer,
          // Every band keeps the layer's top zoom: geojson-vt stops simplifying at its maxZoom.
          index: new GeoJSONVT(band.features, { maxZoom: DYNAMIC_MAX_ZOOM, indexMaxZoom: 5, tolerance: 3, buffer: TILE_BUFFER }),
        })),
      );
      built.catch(() => indexes.delete(layer));
      indexes.set(layer, built);
    }
    return built;
  }

  return {
    kind: 'memory',
    async cut(layer, z, x, y) {
      const band = (await index(layer)).findLast((b) => b.minZoom <= z);
      const tile = band?.index.getTile(z, x, y);
      return band && tile && tile.features.length > 0 ? vtPbf.fromGeojsonVt({ [band.sourceLayer]: tile }, { version: 2 }) : null;
    },
    changed(layer) {
      indexes.delete(layer);
      return false;
    },
  };
}
