import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { sitePatch, sitePhotos } from '../../common/schemas';
import { requirePermission, type AuthEnv } from '../auth/middleware';
import { announce, type AppContext } from '../context';
import { notFound } from '../services/domain-error';
import { codes } from '../../common/schemas';
import { parseBody, parseParams, parseQuery } from '../http/validate';
import { receipted, takesRequestId } from '../http/request-receipts';
import { getSite, listSites } from '../repo/sites';
import { inArea } from './area-guard';
import { historyAnswer } from './history';
import { addSitePhotos } from '../services/photos';
import { editSite } from '../services/site-edits';
import { siteTileAreas } from '../tiles/change-areas';

const idParam = z.object({ id: codes.id });

export function siteRoutes(ctx: AppContext) {
  const { db } = ctx;
  const missing = (id: number) => () => notFound(`安置点 ${id}`, `Relocation site ${id}`);
  const visible = async (c: Context<AuthEnv>, id: number) => inArea(c, await getSite(db, id), missing(id));
  return new Hono<AuthEnv>()
    .get('/', async (c) => {
      const { township } = parseQuery(c, z.object({ township: codes.township.optional() }));
      return c.json(await listSites(db, { county: c.get('area').prefix, township }));
    })
    .get('/:id', async (c) => {
      return c.json(await visible(c, parseParams(c, idParam).id));
    })
    .get('/:id/history', async (c) => {
      const { id } = parseParams(c, idParam);
      await visible(c, id);
      return historyAnswer(c, db, 'site', String(id));
    })
    .patch('/:id', async (c) => {
      const user = requirePermission(c, 'editSites');
      const { id } = parseParams(c, idParam);
      await visible(c, id);
      const updated = await editSite(db, user, id, await parseBody(c, sitePatch));
      await announce(ctx, { entity: 'site', id: String(id), action: 'update', layer: 'sites', by: user.username, tileAreas: siteTileAreas(updated) });
      return c.json(updated);
    })
    .post('/:id/photos', takesRequestId(db), async (c) => {
      const user = requirePermission(c, 'editSites');
      const { id } = parseParams(c, idParam);
      const photos = await addSitePhotos(receipted(c, db, 201), user, id, (await parseBody(c, sitePhotos)).photoIds);
      await announce(ctx, { entity: 'site', id: String(id), action: 'photos', layer: 'sites', by: user.username });
      return c.json(photos, 201);
    });
}
