// Tiles are most of what a map asks for, hundreds per screen and view. Well-formed tile requests
// are answered here, on the plain Node request, before Hono builds a Request and a Response for
// each: that halves the cost of a tile (measured in bench/RESULTS.md). Anything unusual (another
// method, extra query parameters, a bad coordinate, an unmeetable range) falls through to the
// Hono routes, which answer it the one way they answer everything, bad requests explained.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendNode as send } from '../http/answer';
import { internalErrorBody } from '../http/errors';
import type { Answer } from '../http/answer';
import type { ArchiveSource } from './archive-source';
import type { DynamicTiles } from './dynamic-tiles';
import { archiveAnswer, dynamicTileAnswer } from './tile-answers';
import { tileRequest } from './tile-request';
import { failureSummary } from '../db/failure-summary';

const ARCHIVE_PATH = '/tiles/static.pmtiles';
const DYNAMIC_TILE_PATH = /^\/tiles\/(\w+)\/(\d+)\/(\d+)\/(\d+\.mvt)(?:\?v=(\d+))?$/;

/** Returns whether it took the request; if not, the caller hands it on. */
export function tileFastPath(tiles: DynamicTiles, staticArchive: ArchiveSource) {
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    if (req.method !== 'GET' || !req.url?.startsWith('/tiles/')) return false;
    if (req.url === ARCHIVE_PATH) {
      const answer = archiveAnswer(staticArchive, req.headers.range);
      if (answer) sendWhenReady(res, answer);
      return answer !== null;
    }
    const match = DYNAMIC_TILE_PATH.exec(req.url);
    const tile = match && tileRequest.safeParse({ layer: match[1], z: match[2], x: match[3], y: match[4] });
    if (!tile?.success) return false;
    sendWhenReady(res, dynamicTileAnswer(tiles, tile.data, Number(match![5]), req.headers['accept-encoding']));
    return true;
  };
}

function sendWhenReady(res: ServerResponse, answer: Promise<Answer>) {
  answer.then(
    (ready) => send(res, ready),
    (error: unknown) => {
      console.error(`[tiles] ${error instanceof Error ? failureSummary(error) : String(error)}`);
      res.writeHead(500, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(internalErrorBody()));
    },
  );
}
