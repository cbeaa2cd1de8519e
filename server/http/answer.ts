// An answer worked out apart from the way it is sent: the plain Node fast paths in front of Hono
// (tiles/tile-fast-path.ts, web/web-fast-path.ts) and the Hono routes behind them send the same ones.
import type { Context } from 'hono';
import type { ServerResponse } from 'node:http';
import { Readable } from 'node:stream';

export type Answer = { headers: Record<string, string> } & (
  /** A Readable is a file too large to hold, streamed from disk. */
  | { status: 200 | 206; body: Uint8Array | Readable }
  | { status: 204; body: null }
);

export function sendNode(res: ServerResponse, answer: Answer): void {
  res.writeHead(answer.status, answer.headers);
  // A file that fails halfway cannot change the status already sent: cut the answer short.
  if (answer.body instanceof Readable) answer.body.on('error', () => res.destroy()).pipe(res);
  else res.end(answer.body ?? undefined);
}

export function sendHono(c: Context, answer: Answer): Response {
  return answer.status === 204
    ? c.body(null, 204, answer.headers)
    : answer.body instanceof Readable
      ? c.body(Readable.toWeb(answer.body) as ReadableStream<Uint8Array>, answer.status, answer.headers)
      : c.body(answer.body as Uint8Array<ArrayBuffer>, answer.status, answer.headers);
}
