import { Hono } from 'hono';
import { layerAttachment } from '../services/export/workbook';
import { z } from 'zod';
import { codes } from '../../common/schemas';
import type { AuthEnv } from '../auth/middleware';
import type { AppContext } from '../context';
import { parseParams, parseQuery } from '../http/validate';
import { GEOJSON_LAYERS, layerCollection } from '../services/geojson-layers';
import { getCounty } from '../repo/geography';

export function geojsonRoutes({ db }: AppContext) {
  return new Hono<AuthEnv>().get('/:layer', async (c) => {
    const area = c.get('area');
    const { layer } = parseParams(c, z.object({ layer: z.enum(GEOJSON_LAYERS) }));
    const { township } = parseQuery(c, z.object({ township: codes.township.optional() }));
    c.header('Content-Type', 'application/geo+json; charset=utf-8');
    const county = (await getCounty(db, area)) ?? { name: area.code, code: area.code };
    c.header('Content-Disposition', layerAttachment(county, layer, 'geojson', township));
    return c.body(JSON.stringify(await layerCollection(db, layer, { county: area.prefix, township })));
  });
}
