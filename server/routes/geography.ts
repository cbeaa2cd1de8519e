import { Hono } from 'hono';
import { z } from 'zod';
import type { AuthEnv } from '../auth/middleware';
import type { AppContext } from '../context';
import { notFound } from '../services/domain-error';
import { parseQuery } from '../http/validate';
import { codes, line } from '../../common/schemas';
import { SEARCH_TYPES } from '../../common/api';
import { getCounty, listCounties, listTownships } from '../repo/geography';
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

/** The area the request may see (a county-scoped user's county, else the portal's) and its units. */
export function geographyRoutes({ db }: AppContext) {
  return new Hono<AuthEnv>()
    .get('/county', async (c) => {
      const county = await getCounty(db, c.get('area'));
      if (!county) throw notFound('县', 'County');
      return c.json(county);
    })
    .get('/counties', async (c) => c.json(await listCounties(db, c.get('area').prefix)))
    .get('/townships', async (c) => {
      const { county } = parseQuery(c, z.object({ county: codes.county.optional() }));
      const area = c.get('area').prefix;
      // A county outside the area has no townships here, as one that does not exist.
      return c.json(county && !county.startsWith(area) ? [] : await listTownships(db, county ?? area));
    })
    .get('/search', async (c) => {
      const { q, limit, types } = parseQuery(c, searchQuery);
      return c.json(await searchEverything(db, c.get('area').prefix, q, limit, types));
    });
}
