import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { loginBody } from '../../common/schemas';
import type { AuthEnv } from '../auth/middleware';
import { createSession, deleteSession, SESSION_COOKIE, SESSION_TTL_HOURS } from '../auth/sessions';
import { authenticate } from '../auth/users';
import type { AppContext } from '../context';
import { HttpError } from '../http/errors';
import { parseBody } from '../http/validate';

export function authRoutes({ db }: AppContext) {
  return new Hono<AuthEnv>()
    .post('/login', async (c) => {
      const { username, password } = await parseBody(c, loginBody);
      const user = await authenticate(db, username, password);
      if (!user) throw new HttpError(401, 'bad_credentials', '用户名或密码错误', 'Wrong username or password');
      setCookie(c, SESSION_COOKIE, await createSession(db, user.id), {
        httpOnly: true,
        // Strict: the cookie never rides on a request started by another site (CSRF).
        sameSite: 'Strict',
        secure: new URL(c.req.url).protocol === 'https:',
        path: '/',
        maxAge: SESSION_TTL_HOURS * 3600,
      });
      return c.json(user);
    })
    .post('/logout', async (c) => {
      const token = getCookie(c, SESSION_COOKIE);
      if (token) await deleteSession(db, token);
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.json({ ok: true });
    })
    .get('/me', (c) => c.json(c.get('user') ?? null));
}
