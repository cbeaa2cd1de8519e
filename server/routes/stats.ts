import { Hono } from 'hono';
import type { AppContext } from '../context';
import { z } from 'zod';
import { codes } from '../../common/schemas';
import { parseQuery } from '../http/validate';
import { summary, townshipRanking } from '../services/stats';
import { resolveScope, summaryQuery } from '../services/summary-scope';

export function statsRoutes({ db, countyCode }: AppContext) {
  return new Hono()
    .get('/summary', async (c) => {
      const { year, ...scope } = parseQuery(c, summaryQuery);
      return c.json(await summary(db, await resolveScope(db, scope, countyCode), year ?? null));
    })
    .get('/townships', async (c) => {
      const q = parseQuery(c, z.object({ year: codes.year.optional() }));
      return c.json(await townshipRanking(db, countyCode, q.year ?? null));
    });
}
