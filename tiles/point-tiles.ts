// Point layers cut straight into tiles. Points need no clipping or simplification, so bucketing
// them by tile is all geojson-vt would do for them, without its per-feature index and memory.
import type { LegacyFeature, LegacyTile } from 'geojson-vt';
import { mercatorX, mercatorY } from './mercator';

export interface TilePoint {
  id: number;
  lon: number;
  lat: number;
  tags: Record<string, string | number>;
}

export interface PointTileOptions {
  extent: number;
  /** Tile units beyond each edge still drawn, so symbols on an edge are not cut in half. */
  buffer: number;
}

export const tileKey = (z: number, x: number, y: number) => `${z}/${x}/${y}`;

/** The tiles of zoom `z` holding any of `points`, keyed by tileKey. */
export function cutPointTiles(points: readonly TilePoint[], z: number, { extent, buffer }: PointTileOptions): Map<string, LegacyTile> {
  const tiles = new Map<string, LegacyTile>();
  const worldSize = 2 ** z;
  const add = (x: number, y: number, feature: LegacyFeature) => {
    if (x < 0 || y < 0 || x >= worldSize || y >= worldSize) return;
    const key = tileKey(z, x, y);
    let tile = tiles.get(key);
    if (!tile) tiles.set(key, (tile = { features: [] }));
    tile.features.push(feature);
  };
  for (const point of points) {
    const wx = mercatorX(point.lon) * worldSize;
    const wy = mercatorY(point.lat) * worldSize;
    const [tx, ty] = [Math.floor(wx), Math.floor(wy)];
    // The point's own tile and any neighbour whose buffer reaches it.
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        const px = Math.round((wx - (tx + dx)) * extent);
        const py = Math.round((wy - (ty + dy)) * extent);
        if (px < -buffer || py < -buffer || px > extent + buffer || py > extent + buffer) continue;
        add(tx + dx, ty + dy, { id: point.id, type: 1, geometry: [[px, py]], tags: point.tags });
      }
    }
  }
  return tiles;
}

/**
 * At most one point per cell of `cellPx` pixels (of a 256 px tile) at zoom `z`: the one first in
 * `ranked` order. A low-zoom tile then holds at most (256 / cellPx)² points, however dense the land.
 */
export function thinByGrid<T extends TilePoint>(ranked: readonly T[], z: number, cellPx: number): T[] {
  const cells = 2 ** z * (256 / cellPx);
  const taken = new Set<number>();
  return ranked.filter((point) => {
    const cell = Math.floor(mercatorY(point.lat) * cells) * cells + Math.floor(mercatorX(point.lon) * cells);
    if (taken.has(cell)) return false;
    taken.add(cell);
    return true;
  });
}
