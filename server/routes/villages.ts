import { Hono } from 'hono';
import { z } from 'zod';
import { VILLAGE_CLASSES } from '../../common/domain';
import { EXIT_READINESS, EXIT_STATUSES } from '../../common/indicators';
import { villagePatch } from '../../common/schemas';
import { requireUser, type AuthEnv } from '../auth/middleware';
import { announce, type AppContext } from '../context';
import { notFound } from '../services/domain-error';
import { codes, line } from '../../common/schemas';
import { parseBody, parseParams, parseQuery } from '../http/validate';
import { getVillage, listVillages } from '../repo/villages';
import { historyAnswer } from './history';
import { LayerAnswerCache } from '../services/layer-answer-cache';
import { editVillage } from '../services/village-edits';
import { villageTileAreas } from '../tiles/change-areas';

const listQuery = z.object({
  township: codes.township.optional(),
  q: line(50).min(1).optional(),
  class: z.enum(VILLAGE_CLASSES).optional(),
  status: z.enum(EXIT_STATUSES).optional(),
  readiness: z.enum(EXIT_READINESS).optional(),
});
const codeParam = z.object({ code: codes.village });

export function villageRoutes(ctx: AppContext) {
  const { db } = ctx;
  const lists = new LayerAnswerCache(ctx.tiles, 'villages');
  return new Hono<AuthEnv>()
    .get('/', async (c) => {
      const f = parseQuery(c, listQuery);
      const json = await lists.json(JSON.stringify(f), () =>
        listVillages(db, { county: ctx.countyCode, township: f.township, q: f.q, villageClass: f.class, status: f.status, readiness: f.readiness }),
      );
      return c.body(json, 200, { 'Content-Type': 'application/json; charset=UTF-8' });
    })
    .get('/:code', async (c) => {
      const { code } = parseParams(c, codeParam);
      const village = await getVillage(db, code);
      if (!village) throw notFound(`村 ${code}`, `Village ${code}`);
      return c.json(village);
    })
    .get('/:code/history', (c) => historyAnswer(c, db, 'village', parseParams(c, codeParam).code))
    .patch('/:code', async (c) => {
      const user = requireUser(c);
      const { code } = parseParams(c, codeParam);
      const updated = await editVillage(db, user, code, await parseBody(c, villagePatch));
      await announce(ctx, { entity: 'village', id: code, action: 'update', layer: 'villages', by: user.username, tileAreas: await villageTileAreas(db, [code]) });
      return c.json(updated);
    });
}
