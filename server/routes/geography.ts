import { Hono } from 'hono';
import { z } from 'zod';
import type { AppContext } from '../context';
import { notFound } from '../services/domain-error';
import { parseQuery } from '../http/validate';
import { line } from '../../common/schemas';
import { SEARCH_TYPES } from '../../common/api';
import { getCounty, listTownships } from '../repo/geography';
import { searchEverything } from '../services/search';

const searchQuery = z.object({
  q: line(50).min(1),
  limit: z.coerce.number().int().min(1).max(50).default(10),
  /** Comma-separated kinds to look among (default: all). */
  types: z
    .string()
    .max(100)
    .transform((s) => s.split(','))
    .pipe(z.array(z.enum(SEARCH_TYPES)).min(1))
    .optional(),
});

export function geographyRoutes({ db, countyCode }: AppContext) {
  return new Hono()
    .get('/county', async (c) => {
      const county = await getCounty(db, countyCode);
      if (!county) throw notFound('县', 'County');
      return c.json(county);
    })
    .get('/townships', async (c) => c.json(await listTownships(db, countyCode)))
    .get('/search', async (c) => {
      const { q, limit, types } = parseQuery(c, searchQuery);
      return c.json(await searchEverything(db, countyCode, q, limit, types));
    });
}
