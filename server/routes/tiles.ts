import { Hono } from 'hono';
import { z } from 'zod';
import { DYNAMIC_LAYERS } from '../../common/api';
import { sendHono as send } from '../http/answer';
import { HttpError } from '../http/errors';
import { parseParams } from '../http/validate';
import { DYNAMIC_MAX_ZOOM, type DynamicTiles } from '../tiles/dynamic-tiles';
import { archiveAnswer, dynamicTileAnswer } from '../tiles/tile-answers';

export const tileParams = z
  .object({
    layer: z.enum(DYNAMIC_LAYERS),
    z: z.coerce.number().int().min(0).max(DYNAMIC_MAX_ZOOM),
    x: z.coerce.number().int().min(0),
    y: z.string().regex(/^\d+\.mvt$/, 'y 须为 <数字>.mvt / y must be <number>.mvt').transform((s) => parseInt(s, 10)),
  })
  .refine((p) => p.x < 2 ** p.z && p.y < 2 ** p.z, { message: '瓦片坐标超出范围 / tile coordinates out of range' });

/**
 * Tile endpoints: the static PMTiles archive (HTTP Range) and dynamic MVT cut from the database.
 * The running server answers well-formed requests before they reach Hono (http/tile-fast-path.ts);
 * these routes serve the rest and say what is wrong with a bad one.
 */
export function tileRoutes(tiles: DynamicTiles, staticArchive: () => Uint8Array) {
  return new Hono()
    .get('/static.pmtiles', (c) => {
      const bytes = staticArchive();
      const range = c.req.header('Range');
      const answer = archiveAnswer(bytes, range);
      if (answer) return send(c, answer);
      c.header('Content-Range', `bytes */${bytes.length}`);
      throw new HttpError(416, 'range_not_satisfiable', `无法满足的字节范围：${range}`, `Range not satisfiable: ${range}`);
    })
    .get('/:layer/:z/:x/:y', async (c) => send(c, await dynamicTileAnswer(tiles, parseParams(c, tileParams), Number(c.req.query('v')))));
}

export function tileVersionRoutes(tiles: DynamicTiles) {
  return new Hono().get('/versions', (c) => c.json(tiles.currentVersions()));
}
