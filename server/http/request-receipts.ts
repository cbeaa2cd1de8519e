// Writes the field outbox may send more than once. The client names each under a request id
// (REQUEST_ID_HEADER); the write and its receipt commit together, and a copy of the request, sent
// after or at the same moment, gets the first answer back instead of a second record (or a version
// conflict with its own first copy).
import type { Context, MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { REQUEST_ID_HEADER } from '../../common/api';
import type { AuthEnv } from '../auth/middleware';
import type { Db } from '../db/client';
import { claimReceipt, findReceipt, keepAnswer, type RequestReceipt } from '../repo/request-receipts';
import { HttpError } from './errors';

interface Pending {
  requestId: string;
  userId: number;
  request: string;
}

const pendingOf = new WeakMap<Request, Pending>();

/** The first copy's answer, if the receipt is for this same request by this same user. */
function firstAnswer(receipt: RequestReceipt, pending: Pending): unknown {
  if (receipt.userId !== pending.userId || receipt.request !== pending.request) {
    throw new HttpError(422, 'request_id_reused', '请求编号已用于另一请求，请换一个新编号', 'This request id was already used for another request; make a new one');
  }
  return receipt.answer;
}

/** Before a route whose write may come twice: answers a copy from its receipt. Without the header, nothing changes. */
export function takesRequestId(db: Db): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const header = c.req.header(REQUEST_ID_HEADER);
    const user = c.get('user');
    // Anonymous: the route refuses it as it would any other.
    if (header === undefined || !user) return next();
    const parsed = z.uuid().safeParse(header);
    if (!parsed.success) {
      throw new HttpError(400, 'invalid_request_id', `请求编号（${REQUEST_ID_HEADER}）须为 UUID`, `The request id (${REQUEST_ID_HEADER}) must be a UUID`);
    }
    const pending = { requestId: parsed.data.toLowerCase(), userId: user.id, request: `${c.req.method} ${c.req.path}` };
    const earlier = await findReceipt(db, pending.requestId);
    if (earlier) {
      return new Response(JSON.stringify(firstAnswer(earlier, pending)), {
        status: earlier.status,
        headers: { 'Content-Type': 'application/json', 'Idempotent-Replayed': 'true' },
      });
    }
    pendingOf.set(c.req.raw, pending);
    await next();
  };
}

/**
 * The database as the route's one write should see it: that write also takes the request id and
 * keeps its answer (which is the route's answer, sent with `status`), in its own transaction. A
 * concurrent copy's write returns the first answer instead (the route may announce the change twice:
 * screens then read the same record once more).
 */
export function receipted(c: Context, db: Db, status: 200 | 201): Db {
  const pending = pendingOf.get(c.req.raw);
  if (!pending) return db;
  return {
    ...db,
    write: (fn) =>
      db.write(async (tx) => {
        // A copy sent at the same moment as the first, which committed while this one waited for
        // the write lock: nothing is written, and the route answers what the first answered.
        if (!(await claimReceipt(tx, pending.requestId, pending.userId, pending.request, status))) {
          return firstAnswer((await findReceipt(tx, pending.requestId))!, pending) as never;
        }
        const answer = await fn(tx);
        await keepAnswer(tx, pending.requestId, answer);
        return answer;
      }),
  };
}
