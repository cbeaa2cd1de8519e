import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const HANDED_ON = 599;

/**
 * A fast path (server/tiles/tile-fast-path.ts, server/web/web-fast-path.ts) alone on a port. What it hands on is answered 599, so
 * each answer tells who gave it.
 */
export async function serveFastPathAlone(take: (req: IncomingMessage, res: ServerResponse) => boolean) {
  const server = createServer((req, res) => {
    if (take(req, res)) return;
    res.writeHead(HANDED_ON);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
