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
import { assertInArea } from './area-guard';

const missing = (code: string) => () => notFound(`村 ${code}`, `Village ${code}`);

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
      const json = await lists.json(JSON.stringify({ ...f, area: c.get('area').prefix }), () =>
        listVillages(db, { county: c.get('area').prefix, township: f.township, q: f.q, villageClass: f.class, status: f.status, readiness: f.readiness }),
      );
      return c.body(json, 200, { 'Content-Type': 'application/json; charset=UTF-8' });
    })
    .get('/:code', async (c) => {
      const { code } = parseParams(c, codeParam);
      assertInArea(c, code, missing(code));
      const village = await getVillage(db, code);
      if (!village) throw missing(code)();
      return c.json(village);
    })
    .get('/:code/history', (c) => {
      const { code } = parseParams(c, codeParam);
      assertInArea(c, code, missing(code));
      return historyAnswer(c, db, 'village', code);
    })
    .patch('/:code', async (c) => {
      const user = requireUser(c);
      const { code } = parseParams(c, codeParam);
      assertInArea(c, code, missing(code));
      const updated = await editVillage(db, user, code, await parseBody(c, villagePatch));
      await announce(ctx, { entity: 'village', id: code, action: 'update', layer: 'villages', by: user.username, tileAreas: await villageTileAreas(db, [code]) });
      return c.json(updated);
    });
}
