// A TCP relay in front of the test server that can make the connections open now go silent
// without closing them: what a dead NAT entry or a pulled cable looks like to a browser.
import { createConnection, createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface StallProxy {
  url: string;
  /**
   * The connections open now stop delivering to the client; new ones work. `live`: only those that
   * carry the live event stream, so a test of the stream does not depend on which idle connection
   * the browser picks for its next request. `everything`: new ones are taken and never answered
   * either, so no request gets through whichever connection it goes down.
   */
  stall(which?: 'all' | 'live' | 'everything'): void;
  close(): Promise<void>;
}

export async function startStallProxy(target: string): Promise<StallProxy> {
  const { hostname, port } = new URL(target);
  const open = new Set<{ client: Socket; upstream: Socket; live: boolean }>();
  let silent = false;
  const server = createServer((client) => {
    if (silent) {
      client.on('error', () => client.destroy());
      return;
    }
    const upstream = createConnection({ host: hostname, port: Number(port) });
    const pair = { client, upstream, live: false };
    open.add(pair);
    // A kept-alive connection may carry other requests first; it is the stream's from its request on.
    client.on('data', (chunk: Buffer) => {
      if (chunk.includes('GET /api/events')) pair.live = true;
    });
    client.pipe(upstream);
    upstream.pipe(client);
    const end = () => {
      open.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stall(which = 'all') {
      silent = which === 'everything';
      for (const pair of open) {
        if (which === 'live' && !pair.live) continue;
        pair.upstream.unpipe(pair.client);
        pair.upstream.pause();
        open.delete(pair);
      }
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.emit('close');
      }),
  };
}
