// Which tiles cover a bounding box at a zoom, and how big an archive is, for every tile build.
import { mercatorX, mercatorY } from './mercator';

export type Bounds = [number, number, number, number];

/** One extra tile on each side: polygon strokes on the outline spill into the neighbours' buffers. */
export function* tilesCovering([minLon, minLat, maxLon, maxLat]: Bounds, z: number) {
  const last = 2 ** z - 1;
  const clamp = (n: number) => Math.min(last, Math.max(0, n));
  const [xMin, xMax] = [lonToTileX(minLon, z) - 1, lonToTileX(maxLon, z) + 1].map(clamp);
  const [yMin, yMax] = [latToTileY(maxLat, z) - 1, latToTileY(minLat, z) + 1].map(clamp);
  for (let x = xMin; x <= xMax; x++) {
    for (let y = yMin; y <= yMax; y++) yield { x, y };
  }
}

const lonToTileX = (lon: number, z: number): number => Math.floor(mercatorX(lon) * 2 ** z);
const latToTileY = (lat: number, z: number): number => Math.floor(mercatorY(lat) * 2 ** z);

export function formatBytes(bytes: number): string {
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
}
