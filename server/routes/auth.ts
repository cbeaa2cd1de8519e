import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { loginBody, passwordChange } from '../../common/schemas';
import { AddressThrottle } from '../auth/address-throttle';
import { requireUser, type AuthEnv } from '../auth/middleware';
import { createSession, deleteSession, SESSION_COOKIE, SESSION_TTL_HOURS } from '../auth/sessions';
import { authenticate } from '../auth/users';
import type { AppContext } from '../context';
import { clientAddress } from '../http/client-address';
import { HttpError } from '../http/errors';
import { parseBody } from '../http/validate';
import { changeOwnPassword } from '../services/user-admin';

export interface AuthOptions {
  trustProxy: boolean;
  cookieSecure: boolean;
}

function tooManyAttempts(c: Context, seconds: number): HttpError {
  c.header('Retry-After', String(seconds));
  const minutes = Math.ceil(seconds / 60);
  return new HttpError(429, 'too_many_logins', `登录失败次数过多，请 ${minutes} 分钟后再试`, `Too many failed logins: try again in ${minutes} min`);
}

/** TLS may end at a proxy in front: its X-Forwarded-Proto counts only when the proxy is trusted. */
function overTls(c: Context, { trustProxy, cookieSecure }: AuthOptions): boolean {
  if (cookieSecure || new URL(c.req.url).protocol === 'https:') return true;
  return trustProxy && c.req.header('X-Forwarded-Proto')?.split(',')[0].trim() === 'https';
}

export function authRoutes({ db }: AppContext, options: AuthOptions) {
  const throttle = new AddressThrottle(db);
  return new Hono<AuthEnv>()
    .post('/login', async (c) => {
      const address = clientAddress(c, options.trustProxy);
      const wait = await throttle.retryAfter(address);
      if (wait) throw tooManyAttempts(c, wait);
      const { username, password } = await parseBody(c, loginBody);
      const outcome = await authenticate(db, username, password);
      if ('lockedForSeconds' in outcome) throw tooManyAttempts(c, outcome.lockedForSeconds);
      if ('wrong' in outcome) {
        await throttle.fail(address);
        throw new HttpError(401, 'bad_credentials', '用户名或密码错误', 'Wrong username or password');
      }
      setCookie(c, SESSION_COOKIE, await createSession(db, outcome.user.id), {
        httpOnly: true,
        // Strict: the cookie never rides on a request started by another site (CSRF).
        sameSite: 'Strict',
        secure: overTls(c, options),
        path: '/',
        maxAge: SESSION_TTL_HOURS * 3600,
      });
      return c.json(outcome.user);
    })
    .post('/logout', async (c) => {
      const token = getCookie(c, SESSION_COOKIE);
      if (token) await deleteSession(db, token);
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.json({ ok: true });
    })
    .post('/password', async (c) => {
      const user = requireUser(c);
      const change = await parseBody(c, passwordChange);
      // requireUser passed, so the cookie is there.
      await changeOwnPassword(db, user, change, getCookie(c, SESSION_COOKIE)!);
      return c.json({ ok: true });
    })
    .get('/me', (c) => c.json(c.get('user') ?? null));
}
