// MapLibre (6.17) leaves a tile that failed to load (the connection dropped) waiting for good once
// its source's tiles change: setTiles marks the failed tile "loading" and the tile then waits for a
// load already in flight, which there is not. After an outage, the next live edit left parts of the
// roads layer blank until the user moved the map. The map notes which tiles of its dynamic sources
// failed and asks for those afresh (refreshTiles) before it changes their source's tiles.
import type { Map as MapLibreMap, VectorTileSource } from 'maplibre-gl';

interface TileId {
  x: number;
  y: number;
  z: number;
}

const failedTiles = new WeakMap<MapLibreMap, Map<string, Map<string, TileId>>>();

/** From now on, notes the tiles of `sources` that fail to load. */
export function noteFailedTiles(map: MapLibreMap, sources: readonly string[]): void {
  const bySource = new Map<string, Map<string, TileId>>();
  failedTiles.set(map, bySource);
  map.on('error', (event) => {
    // A tile's error carries its source and tile beside the error itself.
    const { sourceId, tile } = event as typeof event & { sourceId?: string; tile?: { tileID: { canonical: TileId } } };
    if (!sourceId || !tile || !sources.includes(sourceId)) return;
    const { x, y, z } = tile.tileID.canonical;
    const failed = bySource.get(sourceId) ?? new Map<string, TileId>();
    failed.set(`${z}/${x}/${y}`, { x, y, z });
    bySource.set(sourceId, failed);
  });
}

/** Points the source at new tiles, the ones that failed asked for afresh first so that they load too. */
export function setSourceTiles(map: MapLibreMap, sourceId: string, url: string): void {
  const failed = failedTiles.get(map)?.get(sourceId);
  if (failed?.size) {
    map.refreshTiles(sourceId, [...failed.values()]);
    failed.clear();
  }
  map.getSource<VectorTileSource>(sourceId)?.setTiles([url]);
}
