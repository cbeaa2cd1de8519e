import type { Context } from 'hono';
import type { HttpBindings } from '@hono/node-server';

/**
 * Who is asking, for per-address limits. Behind a proxy (TRUST_PROXY) the socket is the proxy's,
 * and the proxy appends the client's address to X-Forwarded-For: its last entry is the one a
 * client cannot forge. In-process requests (tests) have no socket and share one address.
 */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('X-Forwarded-For')?.split(',').at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  return (c.env as Partial<HttpBindings> | undefined)?.incoming?.socket.remoteAddress ?? 'local';
}

/** The socket under a response, when there is one: a slow client is dropped by closing it. */
export function destroyConnection(c: Context): void {
  (c.env as Partial<HttpBindings> | undefined)?.incoming?.socket.destroy();
}
