// Import plans between their preview and their commit (services/import/preview-store.ts).
import type { Queryable } from '../db/client';

export async function insertPreview(tx: Queryable, p: { token: string; userId: number; kind: string; plan: unknown; expiresAt: Date }): Promise<void> {
  await tx.query(
    'INSERT INTO import_previews (token, user_id, kind, plan, expires_at) VALUES ($1, $2, $3, $4::text::jsonb, $5)',
    [p.token, p.userId, p.kind, JSON.stringify(p.plan), p.expiresAt.toISOString()],
  );
}

export async function deleteExpiredPreviews(tx: Queryable): Promise<void> {
  await tx.query('DELETE FROM import_previews WHERE expires_at < now()');
}

/** Keeps the user's `keep` newest previews. */
export async function deletePreviewsOf(tx: Queryable, userId: number, keep: number): Promise<void> {
  await tx.query(
    `DELETE FROM import_previews WHERE user_id = $1 AND token NOT IN (
       SELECT token FROM import_previews WHERE user_id = $1 ORDER BY expires_at DESC LIMIT $2)`,
    [userId, keep],
  );
}

/** The plan, removed, when the token is the user's, of this kind, and not expired. */
export async function takePreview<Plan>(tx: Queryable, token: string, userId: number, kind: string): Promise<Plan | undefined> {
  const [row] = await tx.query<{ plan: Plan; user_id: number; kind: string; live: boolean }>(
    'DELETE FROM import_previews WHERE token = $1 RETURNING plan, user_id, kind, expires_at >= now() AS live',
    [token],
  );
  return row && row.user_id === userId && row.kind === kind && row.live ? row.plan : undefined;
}
