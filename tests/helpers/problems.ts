import type { Db } from '../../server/db/client';

/**
 * A problem whose deadline has passed since it was logged. The server refuses a deadline already
 * past at logging, so a test that needs an overdue problem moves its deadline back in the database.
 */
export async function letDeadlinePass(db: Db, id: number, deadline: string): Promise<void> {
  await db.write((tx) => tx.query('UPDATE problems SET deadline = $2 WHERE id = $1', [id, deadline]));
}
