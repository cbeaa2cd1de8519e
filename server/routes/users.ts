import { Hono } from 'hono';
import { z } from 'zod';
import { scopedUserCreate, scopedUserPatch } from '../../common/user-scope';
import { requirePermission, type AuthEnv } from '../auth/middleware';
import type { AppContext } from '../context';
import { codes } from '../../common/schemas';
import { parseBody, parseParams } from '../http/validate';
import { createUser, listUsers, updateUser } from '../services/user-admin';

/** User administration: admins only, audited like every other change. */
export function userRoutes({ db }: AppContext) {
  return new Hono<AuthEnv>()
    .get('/', async (c) => {
      requirePermission(c, 'manageUsers');
      return c.json(await listUsers(db));
    })
    .post('/', async (c) => {
      const admin = requirePermission(c, 'manageUsers');
      return c.json(await createUser(db, admin, await parseBody(c, scopedUserCreate)), 201);
    })
    .patch('/:id', async (c) => {
      const admin = requirePermission(c, 'manageUsers');
      const { id } = parseParams(c, z.object({ id: codes.id }));
      return c.json(await updateUser(db, admin, id, await parseBody(c, scopedUserPatch)));
    });
}
