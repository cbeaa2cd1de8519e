import { Hono, type Context } from 'hono';
import { BASEMAP_ARCHIVE_PATH } from '../../common/basemaps';
import { sendHono as send } from '../http/answer';
import { HttpError } from '../http/errors';
import { parseParams } from '../http/validate';
import type { ArchiveSource } from '../tiles/archive-source';
import type { DynamicTiles } from '../tiles/dynamic-tiles';
import { archiveAnswer, dynamicTileAnswer } from '../tiles/tile-answers';
import { tileRequest } from '../tiles/tile-request';

/**
 * Tile endpoints: the static PMTiles archive (HTTP Range) and dynamic MVT cut from the database.
 * The running server answers well-formed requests before they reach Hono (tiles/tile-fast-path.ts);
 * these routes serve the rest and say what is wrong with a bad one.
 */
export function tileRoutes(tiles: DynamicTiles, staticArchive: ArchiveSource, basemapArchive?: ArchiveSource) {
  const routes = new Hono().get('/static.pmtiles', (c) => archiveRoute(c, staticArchive));
  if (basemapArchive) routes.get(BASEMAP_ARCHIVE_PATH.slice('/tiles'.length), (c) => archiveRoute(c, basemapArchive));
  return routes
    .get('/:layer/:z/:x/:y', async (c) =>
      send(c, await dynamicTileAnswer(tiles, parseParams(c, tileRequest), Number(c.req.query('v')), c.req.header('Accept-Encoding'))),
    );
}

/** The whole archive, or the range asked for; 416 with the archive's size for a range past its end. */
async function archiveRoute(c: Context, archive: ArchiveSource) {
  const range = c.req.header('Range');
  const answer = archiveAnswer(archive, range);
  if (answer) return send(c, await answer);
  c.header('Content-Range', `bytes */${archive.size}`);
  throw new HttpError(416, 'range_not_satisfiable', `无法满足的字节范围：${range}`, `Range not satisfiable: ${range}`);
}

export function tileVersionRoutes(tiles: DynamicTiles) {
  return new Hono().get('/versions', async (c) => c.json(await tiles.latestVersions()));
}
