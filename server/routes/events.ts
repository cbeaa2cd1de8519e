import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { ChangeEvent } from '../../common/api';
import type { AppContext } from '../context';

const HEARTBEAT_MS = 15_000;

/** Server-sent events: every committed change, to every open screen, viewers included. */
export function eventRoutes(ctx: AppContext) {
  return new Hono().get('/', (c) =>
    streamSSE(c, async (stream) => {
      const queue: ChangeEvent[] = [];
      let wake: (() => void) | undefined;
      const unsubscribe = ctx.bus.subscribe((e) => {
        queue.push(e);
        wake?.();
      });
      stream.onAbort(() => {
        unsubscribe();
        wake?.();
      });
      // The current versions first, so a screen that reconnects after a gap refreshes what it missed.
      await stream.writeSSE({ event: 'hello', data: JSON.stringify({ versions: ctx.tiles.currentVersions() }) });
      while (!stream.aborted) {
        while (queue.length) {
          const e = queue.shift()!;
          await stream.writeSSE({ event: 'change', id: String(e.seq), data: JSON.stringify(e) });
        }
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, HEARTBEAT_MS);
        });
        if (!queue.length && !stream.aborted) await stream.writeSSE({ event: 'ping', data: '' });
      }
    }),
  );
}
