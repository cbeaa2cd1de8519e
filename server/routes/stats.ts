import { Hono } from 'hono';
import type { AppContext } from '../context';
import { z } from 'zod';
import { portalArea } from '../../common/area';
import { codes } from '../../common/schemas';
import { notFound } from '../services/domain-error';
import { parseQuery } from '../http/validate';
import type { AuthEnv } from '../auth/middleware';
import { summary, unitRanking } from '../services/stats';
import { resolveScope, summaryQuery } from '../services/summary-scope';

export function statsRoutes({ db }: AppContext) {
  const yearQuery = z.object({ year: codes.year.optional() });
  return new Hono<AuthEnv>()
    .get('/summary', async (c) => {
      const { year, ...scope } = parseQuery(c, summaryQuery);
      return c.json(await summary(db, await resolveScope(db, scope, c.get('area')), year ?? null));
    })
    // The area's units ranked: a county's townships, a prefecture's counties (kept under this path for county portals).
    .get('/townships', async (c) => c.json(await unitRanking(db, c.get('area'), parseQuery(c, yearQuery).year ?? null)))
    .get('/units', async (c) => {
      const { county, year } = parseQuery(c, yearQuery.extend({ county: codes.county.optional() }));
      const area = c.get('area');
      if (county && !county.startsWith(area.prefix)) throw notFound(`县 ${county}`, `County ${county}`);
      return c.json(await unitRanking(db, county ? { ...portalArea(county), scoped: area.scoped } : area, year ?? null));
    });
}
