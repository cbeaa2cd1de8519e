// The status, headers and bytes of a tile answer, worked out in one place for both ways a tile
// request comes in: the Hono routes (which validate and explain bad requests) and the plain Node
// fast path in front of them (tile-fast-path.ts) that serves well-formed ones.
import type { DynamicLayer } from '../../common/api';
import type { Answer } from '../http/answer';
import { parseRange } from '../http/range';
import type { DynamicTiles } from './dynamic-tiles';

const ARCHIVE_HEADERS = { 'Content-Type': 'application/vnd.pmtiles', 'Accept-Ranges': 'bytes', 'Cache-Control': 'no-cache' };

export async function dynamicTileAnswer(
  tiles: DynamicTiles,
  tile: { layer: DynamicLayer; z: number; x: number; y: number },
  requestedVersion: number,
): Promise<Answer> {
  const data = await tiles.tile(tile.layer, tile.z, tile.x, tile.y);
  // A URL naming the current version can be cached for good: the next change makes a new URL.
  const cache = requestedVersion === tiles.currentVersion(tile.layer) ? 'public, max-age=86400, immutable' : 'no-cache';
  if (!data) return { status: 204, headers: { 'Cache-Control': cache }, body: null };
  return { status: 200, headers: { 'Cache-Control': cache, 'Content-Type': 'application/vnd.mapbox-vector-tile' }, body: data };
}

/** The whole archive, or the one range asked for; null when that range cannot be met (416). */
export function archiveAnswer(bytes: Uint8Array, rangeHeader: string | undefined): Answer | null {
  if (!rangeHeader) return { status: 200, headers: { ...ARCHIVE_HEADERS, 'Content-Length': String(bytes.length) }, body: bytes };
  const range = parseRange(rangeHeader, bytes.length);
  if (!range) return null;
  return {
    status: 206,
    headers: {
      ...ARCHIVE_HEADERS,
      'Content-Range': `bytes ${range.start}-${range.end}/${bytes.length}`,
      'Content-Length': String(range.end - range.start + 1),
    },
    body: bytes.subarray(range.start, range.end + 1),
  };
}
