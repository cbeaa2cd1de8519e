import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { PHOTO_ENTITY_TYPES } from '../../common/field-capture';
import { codes } from '../../common/schemas';
import { requirePermission, requireUser, type AuthEnv } from '../auth/middleware';
import type { AppContext } from '../context';
import { photoLimit } from '../http/upload';
import { parseParams, parseQuery } from '../http/validate';
import { photoBytes, photoPlaces, photosOf } from '../repo/photos';
import { notFound } from '../services/domain-error';
import { storePhoto } from '../services/photos';

const idParam = z.object({ id: z.uuid('照片编号无效 / invalid photo id') });
const listQuery = z.object({
  entityType: z.enum(PHOTO_ENTITY_TYPES),
  /** One record, or several separated by commas (a project's progress reports). */
  entityIds: z.string().transform((s) => s.split(',')).pipe(z.array(codes.entity).min(1).max(500)),
});

/**
 * Photos show people and homes, so every read needs a signed-in user; the bytes never change under
 * an id, so the browser may keep them (privately) for good.
 */
export function photoRoutes(ctx: AppContext) {
  const { db, countyCode } = ctx;
  const image = (size: 'image' | 'thumb') => async (c: Context<AuthEnv>) => {
    const user = requireUser(c);
    const { id } = parseParams(c, idParam);
    const bytes = await photoBytes(db, id, size, user.id);
    if (!bytes) throw notFound(`照片 ${id}`, `Photo ${id}`);
    return c.body(new Uint8Array(bytes), 200, { 'Content-Type': 'image/jpeg', 'Cache-Control': 'private, max-age=31536000, immutable', 'X-Content-Type-Options': 'nosniff' });
  };
  return new Hono<AuthEnv>()
    .get('/', async (c) => {
      requireUser(c);
      const { entityType, entityIds } = parseQuery(c, listQuery);
      return c.json(await photosOf(db, entityType, entityIds));
    })
    .get('/map', async (c) => {
      requireUser(c);
      const places = await photoPlaces(db, countyCode);
      return c.json({
        type: 'FeatureCollection',
        features: places.map(({ position, ...properties }) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: position }, properties })),
      });
    })
    .put('/:id', photoLimit(), async (c) => {
      const user = requirePermission(c, 'uploadPhotos');
      const { id } = parseParams(c, idParam);
      const { photo, created } = await storePhoto(db, user, id, new Uint8Array(await c.req.arrayBuffer()));
      return c.json(photo, created ? 201 : 200);
    })
    .get('/:id', image('image'))
    .get('/:id/thumb', image('thumb'));
}
