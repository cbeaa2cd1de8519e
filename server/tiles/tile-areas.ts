// Which tiles a change touches: the web-mercator tiles a lon/lat box covers at a zoom, widened by
// the tile buffer, because a feature near a tile's edge is drawn in its neighbour's buffer too.
import type { BBox, TileArea } from '../../common/api';

export const TILE_EXTENT = 4096;
export const TILE_BUFFER = 64;
/** Past this many tiles a change is treated as the whole layer's: enumerating them would cost more than recutting. */
const MAX_TOUCHED_TILES = 100_000;

const MAX_LAT = 85.0511287798;

function tileX(lon: number, z: number): number {
  return ((lon + 180) / 360) * 2 ** z;
}

function tileY(lat: number, z: number): number {
  const rad = (Math.max(-MAX_LAT, Math.min(MAX_LAT, lat)) * Math.PI) / 180;
  return ((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * 2 ** z;
}

/** The tile columns and rows a box covers at zoom z, buffer included, clamped to the world. */
export function tileRange([west, south, east, north]: BBox, z: number) {
  const margin = TILE_BUFFER / TILE_EXTENT;
  const last = 2 ** z - 1;
  const clamp = (n: number) => Math.max(0, Math.min(last, Math.floor(n)));
  return {
    minX: clamp(tileX(west, z) - margin), maxX: clamp(tileX(east, z) + margin),
    minY: clamp(tileY(north, z) - margin), maxY: clamp(tileY(south, z) + margin),
  };
}

/** "z/x/y" of every tile the areas touch, or null when that is too many to name one by one. */
export function touchedTiles(areas: TileArea[]): Set<string> | null {
  const tiles = new Set<string>();
  for (const area of areas) {
    for (let z = area.minZoom; z <= area.maxZoom; z++) {
      const r = tileRange(area.bbox, z);
      if (tiles.size + (r.maxX - r.minX + 1) * (r.maxY - r.minY + 1) > MAX_TOUCHED_TILES) return null;
      for (let x = r.minX; x <= r.maxX; x++) for (let y = r.minY; y <= r.maxY; y++) tiles.add(`${z}/${x}/${y}`);
    }
  }
  return tiles;
}
