import type { MiddlewareHandler } from 'hono';
import { HttpError } from './errors';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF defence for the cookie session: a browser names the page's origin on every cross-site
 * write, so a write whose Origin is not this server's is refused whatever its content type.
 * `Origin: null` (sandboxed frames, data: pages, some redirects) is no origin to trust. The host
 * is the Host header's; a proxy's X-Forwarded-Host counts only when the proxy is trusted.
 */
export function sameOriginWrites({ trustProxy }: { trustProxy: boolean }): MiddlewareHandler {
  return async (c, next) => {
    const origin = c.req.header('Origin');
    if (!SAFE_METHODS.has(c.req.method) && origin !== undefined) {
      const host = (trustProxy ? c.req.header('X-Forwarded-Host') : undefined) ?? c.req.header('Host') ?? new URL(c.req.url).host;
      let originHost: string;
      try {
        originHost = new URL(origin).host;
      } catch {
        originHost = '';
      }
      if (originHost !== host) {
        throw new HttpError(403, 'cross_origin', '拒绝来自其他站点的写请求', 'Write requests from another site are refused');
      }
    }
    await next();
  };
}
