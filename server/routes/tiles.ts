import { Hono } from 'hono';
import { z } from 'zod';
import { DYNAMIC_LAYERS } from '../../common/api';
import { parseParams } from '../http/validate';
import { DYNAMIC_MAX_ZOOM, type DynamicTiles } from '../tiles/dynamic-tiles';
import { serveRange } from '../http/range';

const tileParams = z
  .object({
    layer: z.enum(DYNAMIC_LAYERS),
    z: z.coerce.number().int().min(0).max(DYNAMIC_MAX_ZOOM),
    x: z.coerce.number().int().min(0),
    y: z.string().regex(/^\d+\.mvt$/, 'y 须为 <数字>.mvt / y must be <number>.mvt').transform((s) => parseInt(s, 10)),
  })
  .refine((p) => p.x < 2 ** p.z && p.y < 2 ** p.z, { message: '瓦片坐标超出范围 / tile coordinates out of range' });

/** Tile endpoints: the static PMTiles archive (HTTP Range) and dynamic MVT cut from the database. */
export function tileRoutes(tiles: DynamicTiles, staticArchive: () => Uint8Array) {
  return new Hono()
    .get('/static.pmtiles', (c) => serveRange(c, staticArchive(), 'application/vnd.pmtiles'))
    .get('/:layer/:z/:x/:y', async (c) => {
      const p = parseParams(c, tileParams);
      const data = await tiles.tile(p.layer, p.z, p.x, p.y);
      const requested = Number(c.req.query('v'));
      // A URL naming the current version can be cached for good: the next change makes a new URL.
      c.header('Cache-Control', requested === tiles.currentVersions()[p.layer] ? 'public, max-age=86400, immutable' : 'no-cache');
      if (!data) return c.body(null, 204);
      c.header('Content-Type', 'application/vnd.mapbox-vector-tile');
      return c.body(data as Uint8Array<ArrayBuffer>);
    });
}

export function tileVersionRoutes(tiles: DynamicTiles) {
  return new Hono().get('/versions', (c) => c.json(tiles.currentVersions()));
}

