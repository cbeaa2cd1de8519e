// An answer worked out apart from the way it is sent: the plain Node fast paths in front of Hono
// (tiles/tile-fast-path.ts, web/web-fast-path.ts) and the Hono routes behind them send the same ones.
import type { Context } from 'hono';
import type { ServerResponse } from 'node:http';

export type Answer = { headers: Record<string, string> } & (
  | { status: 200 | 206; body: Uint8Array }
  | { status: 204; body: null }
);

export function sendNode(res: ServerResponse, answer: Answer): void {
  res.writeHead(answer.status, answer.headers);
  res.end(answer.body ?? undefined);
}

export function sendHono(c: Context, answer: Answer): Response {
  return answer.status === 204
    ? c.body(null, 204, answer.headers)
    : c.body(answer.body as Uint8Array<ArrayBuffer>, answer.status, answer.headers);
}
