import { Hono } from 'hono';
import type { AppContext } from '../context';
import { z } from 'zod';
import type { Summary } from '../../common/api';
import type { Queryable } from '../db/client';
import { notFound } from '../http/errors';
import { codes, parseQuery } from '../http/validate';
import { getCounty, listTownships } from '../repo/geography';
import { summary, townshipRanking } from '../services/stats';

export function statsRoutes({ db }: AppContext) {
  return new Hono()
    .get('/summary', async (c) => {
      const q = parseQuery(c, z.object({ township: codes.township.optional(), year: codes.year.optional() }));
      return c.json(await summary(db, await scopeOf(db, q.township), q.year ?? null));
    })
    .get('/townships', async (c) => {
      const q = parseQuery(c, z.object({ year: codes.year.optional() }));
      return c.json(await townshipRanking(db, q.year ?? null));
    });
}

async function scopeOf(db: Queryable, township?: string): Promise<Summary['scope']> {
  if (township) {
    const t = (await listTownships(db)).find((row) => row.code === township);
    if (!t) throw notFound(`乡镇 ${township}`, `Township ${township}`);
    return { level: 'township', code: t.code, name: t.name, nameEn: t.nameEn };
  }
  const county = await getCounty(db);
  if (!county) throw notFound('县', 'County');
  return { level: 'county', code: county.code, name: county.name, nameEn: county.nameEn };
}
