import { Hono, type Context } from 'hono';
import { changeInArea } from '../services/scope';
import { streamSSE, type SSEMessage } from 'hono/streaming';
import { z } from 'zod';
import type { ChangeEvent, LiveHello } from '../../common/api';
import { WITH_INPUT } from '../../common/issue-messages';
import type { AuthEnv } from '../auth/middleware';
import type { AppContext } from '../context';
import { clientAddress, destroyConnection } from '../http/client-address';
import { HttpError } from '../http/errors';
import { invalid } from '../http/validate';
import { changesAfter, latestChangeId } from '../repo/change-log';
import { eventFilterFor } from '../services/event-scope';

export interface LiveLimits {
  /** A ping at least this often; the client reconnects when two go missing. */
  heartbeatMs: number;
  /** Events waiting for one slow client before it is dropped (it catches up on reconnect). */
  maxQueued: number;
  /** Open streams per client address. */
  perAddress: number;
  /** Missed events replayed on reconnect; more than this and the client reloads instead. */
  maxReplay: number;
}

export const DEFAULT_LIVE_LIMITS: LiveLimits = { heartbeatMs: 15_000, maxQueued: 256, perAddress: 32, maxReplay: 500 };

const eventId = z.string().regex(/^\d{1,15}$/).transform(Number);

/** EventSource sends Last-Event-ID when it reconnects by itself; the web app names it in the query when it reconnects. */
function resumePoint(c: Context): number | undefined {
  const raw = c.req.header('Last-Event-ID') ?? c.req.query('lastEventId');
  if (raw === undefined || raw === '') return undefined;
  const parsed = eventId.safeParse(raw, WITH_INPUT);
  if (!parsed.success) throw invalid('invalid_event_id', '事件编号（Last-Event-ID）', 'event id (Last-Event-ID)', parsed.error);
  return parsed.data;
}

/** Each event's text, made once for all screens: for signed-in ones with who made it, for the others without. */
const texts = new WeakMap<ChangeEvent, { signedIn: string; anonymous: string }>();
function serialised(e: ChangeEvent, signedIn: boolean): string {
  let text = texts.get(e);
  // Tile areas are for the servers' caches; a screen refetches by version.
  const shown = { ...e, tileAreas: undefined };
  if (!text) texts.set(e, (text = { signedIn: JSON.stringify(shown), anonymous: JSON.stringify({ ...shown, by: undefined }) }));
  return signedIn ? text.signedIn : text.anonymous;
}

/** Counts open streams per address; a stream gives its place back once, however it ends. */
function connectionCounter(limit: number) {
  const open = new Map<string, number>();
  return (address: string): (() => void) => {
    const count = open.get(address) ?? 0;
    if (count >= limit) {
      throw new HttpError(429, 'too_many_connections', `来自此地址的实时连接过多（上限 ${limit}）`, `Too many live connections from this address (limit ${limit})`);
    }
    open.set(address, count + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (open.get(address) ?? 1) - 1;
      if (left) open.set(address, left);
      else open.delete(address);
    };
  };
}

/**
 * Server-sent events: every committed change, to every open screen, viewers included. Each has
 * its change_log id; a screen that reconnects names the last it saw and gets what came after, or
 * 'reload' when that is no longer kept. Who made a change is only told to signed-in screens.
 */
export function eventRoutes(ctx: AppContext, limits: LiveLimits, trustProxy: boolean) {
  const admit = connectionCounter(limits.perAddress);
  return new Hono<AuthEnv>().get('/', async (c) => {
    const resumeFrom = resumePoint(c);
    const visible = await eventFilterFor(ctx.db, c.get('user'), c.get('area').prefix);
    const release = admit(clientAddress(c, trustProxy));
    const signedIn = c.get('user') !== undefined;
    return streamSSE(c, async (stream) => {
      const queue: ChangeEvent[] = [];
      let wake: (() => void) | undefined;
      const drop = () => {
        unsubscribe();
        release();
        stream.abort();
        destroyConnection(c);
        wake?.();
      };
      const unsubscribe = ctx.bus.subscribe((e) => {
        // A client that does not read falls behind without bound: let it go and resume later.
        if (queue.length >= limits.maxQueued) return drop();
        queue.push(e);
        wake?.();
        // This instance missed changes the log no longer holds: the screen reconnects and is told to reload.
      }, () => drop());
      stream.onAbort(() => wake?.());
      /** A write that does not finish within two heartbeats is a stalled client: dropped. */
      const send = async (message: SSEMessage) => {
        let timer: ReturnType<typeof setTimeout> | undefined;
        const stalled = new Promise<void>((resolve) => (timer = setTimeout(() => (drop(), resolve()), 2 * limits.heartbeatMs)));
        await Promise.race([stream.writeSSE(message), stalled]);
        clearTimeout(timer);
      };
      const area = c.get('area');
      // A county-scoped user hears of changes in their county only (services/scope.ts); an event
      // outside this screen's household scope is skipped, never told: the screen's next id moves past it.
      const sendChange = async (e: ChangeEvent) => {
        if (!visible(e) || (area.scoped && !(await changeInArea(ctx.db, e, area)))) return;
        await send({ event: 'change', id: String(e.seq), data: serialised(e, signedIn) });
      };

      // However the stream ends (dropped, closed by the client, a failed query), its place and subscription go.
      try {
        const newest = await latestChangeId(ctx.db);
        const hello: LiveHello = { versions: ctx.tiles.currentVersions(), heartbeatMs: limits.heartbeatMs, lastId: newest };
        await send({ event: 'hello', data: JSON.stringify(hello) });
        let sent = newest;
        if (resumeFrom !== undefined) {
          const missed = await changesAfter(ctx.db, resumeFrom, limits.maxReplay);
          if (missed === 'reload') await send({ event: 'reload', id: String(newest), data: '' });
          else for (const e of missed) await sendChange(e);
          sent = Math.max(newest, missed === 'reload' ? 0 : (missed.at(-1)?.seq ?? 0));
        }
        while (!stream.aborted) {
          while (queue.length && !stream.aborted) {
            const e = queue.shift()!;
            // Already sent by the replay, or older than where this client stands.
            if (e.seq <= sent) continue;
            await sendChange(e);
            sent = e.seq;
          }
          await new Promise<void>((resolve) => {
            wake = resolve;
            setTimeout(resolve, limits.heartbeatMs);
          });
          if (!queue.length && !stream.aborted) await send({ event: 'ping', data: '' });
        }
      } finally {
        unsubscribe();
        release();
      }
    });
  });
}
