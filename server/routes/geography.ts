import { Hono } from 'hono';
import { z } from 'zod';
import type { AppContext } from '../context';
import { notFound } from '../services/domain-error';
import { parseQuery } from '../http/validate';
import { line } from '../../common/schemas';
import { getCounty, listTownships, search } from '../repo/geography';

export function geographyRoutes({ db, countyCode }: AppContext) {
  return new Hono()
    .get('/county', async (c) => {
      const county = await getCounty(db, countyCode);
      if (!county) throw notFound('县', 'County');
      return c.json(county);
    })
    .get('/townships', async (c) => c.json(await listTownships(db, countyCode)))
    .get('/search', async (c) => {
      const { q, limit } = parseQuery(c, z.object({ q: line(50).min(1), limit: z.coerce.number().int().min(1).max(50).default(10) }));
      return c.json(await search(db, countyCode, q, limit));
    });
}
