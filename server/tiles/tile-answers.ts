// The status, headers and bytes of a tile answer, worked out in one place for both ways a tile
// request comes in: the Hono routes (which validate and explain bad requests) and the plain Node
// fast path in front of them (tile-fast-path.ts) that serves well-formed ones.
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import type { DynamicLayer } from '../../common/api';
import { acceptedEncodings } from '../http/accept-encoding';
import type { Answer } from '../http/answer';
import { parseRange } from '../http/range';
import type { ArchiveSource } from './archive-source';
import type { DynamicTiles } from './dynamic-tiles';

const ARCHIVE_HEADERS = { 'Content-Type': 'application/vnd.pmtiles', 'Accept-Ranges': 'bytes', 'Cache-Control': 'no-cache' };
const gunzipAsync = promisify(gunzip);

export async function dynamicTileAnswer(
  tiles: DynamicTiles,
  tile: { layer: DynamicLayer; z: number; x: number; y: number },
  requestedVersion: number,
  acceptEncoding: string | undefined,
): Promise<Answer> {
  await tiles.catchUpTo(tile.layer, requestedVersion);
  const gzipped = await tiles.tile(tile.layer, tile.z, tile.x, tile.y);
  // A URL naming the current version can be cached for good: the next change makes a new URL.
  const cache = requestedVersion === tiles.currentVersion(tile.layer) ? 'public, max-age=86400, immutable' : 'no-cache';
  if (!gzipped) return { status: 204, headers: { 'Cache-Control': cache }, body: null };
  const headers = { 'Cache-Control': cache, 'Content-Type': 'application/vnd.mapbox-vector-tile', Vary: 'Accept-Encoding' };
  // The rare client that takes no gzip pays for undoing it; everyone else gets the cached bytes.
  if (!acceptedEncodings(acceptEncoding).has('gzip')) return { status: 200, headers, body: await gunzipAsync(gzipped) };
  return { status: 200, headers: { ...headers, 'Content-Encoding': 'gzip' }, body: gzipped };
}

/** The whole archive, or the one range asked for; null when that range cannot be met (416). */
export function archiveAnswer(archive: ArchiveSource, rangeHeader: string | undefined): Promise<Answer> | null {
  if (!rangeHeader) {
    return Promise.resolve({ status: 200, headers: { ...ARCHIVE_HEADERS, 'Content-Length': String(archive.size) }, body: archive.whole() });
  }
  const range = parseRange(rangeHeader, archive.size);
  if (!range) return null;
  return archive.read(range.start, range.end).then((body) => ({
    status: 206,
    headers: {
      ...ARCHIVE_HEADERS,
      'Content-Range': `bytes ${range.start}-${range.end}/${archive.size}`,
      'Content-Length': String(range.end - range.start + 1),
    },
    body,
  }));
}
