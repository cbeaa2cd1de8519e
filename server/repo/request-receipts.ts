// Receipts of writes made under a client's request id (data/migrations/017_request_receipts.sql).
import type { Queryable } from '../db/client';

export interface RequestReceipt {
  userId: number;
  request: string;
  status: number;
  answer: unknown;
}

/** How long a receipt is kept: far longer than a phone stays offline with a full outbox. */
const KEEP_DAYS = 90;

export async function findReceipt(db: Queryable, requestId: string): Promise<RequestReceipt | null> {
  const [row] = await db.query<RequestReceipt>(
    'SELECT user_id AS "userId", request, status, answer FROM request_receipts WHERE request_id = $1',
    [requestId],
  );
  return row ?? null;
}

/**
 * Takes the request id inside the write's transaction, before the write itself; false when an
 * earlier copy of the request already holds it (committed before this transaction took the write lock).
 */
export async function claimReceipt(tx: Queryable, requestId: string, userId: number, request: string, status: number): Promise<boolean> {
  await tx.query(`DELETE FROM request_receipts WHERE created_at < now() - make_interval(days => $1)`, [KEEP_DAYS]);
  const claimed = await tx.query(
    `INSERT INTO request_receipts (request_id, user_id, request, status) VALUES ($1, $2, $3, $4) ON CONFLICT (request_id) DO NOTHING RETURNING 1`,
    [requestId, userId, request, status],
  );
  return claimed.length === 1;
}

/** The answer the write gave, in the same transaction, for its copies. */
export async function keepAnswer(tx: Queryable, requestId: string, answer: unknown): Promise<void> {
  await tx.query('UPDATE request_receipts SET answer = $2::text::json WHERE request_id = $1', [requestId, JSON.stringify(answer)]);
}
