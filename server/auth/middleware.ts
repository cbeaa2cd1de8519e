import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { ViewArea } from '../../common/area';
import { can, type Permission, type SessionUser } from '../../common/roles';
import type { Db } from '../db/client';
import { HttpError } from '../http/errors';
import { SESSION_COOKIE, sessionUser } from './sessions';

/** `area`: what the request may see, the portal's area or the user's county (services/scope.ts, viewArea). */
export type AuthEnv = { Variables: { user: SessionUser | undefined; area: ViewArea } };

export function loadUser(db: Db): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE);
    c.set('user', token ? await sessionUser(db, token) : undefined);
    await next();
  };
}

export function requireUser(c: Context<AuthEnv>): SessionUser {
  const user = c.get('user');
  if (!user) throw new HttpError(401, 'unauthenticated', '请先登录', 'Please log in first');
  return user;
}

export function requirePermission(c: Context<AuthEnv>, permission: Permission): SessionUser {
  const user = requireUser(c);
  if (!can(user.role, permission)) {
    throw new HttpError(403, 'forbidden', '您的角色无权执行此操作', 'Your role is not allowed to do this');
  }
  return user;
}
