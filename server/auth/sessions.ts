import { createHash, randomBytes } from 'node:crypto';
import type { SessionUser } from '../../common/roles';
import type { Db, Queryable } from '../db/client';

export const SESSION_COOKIE = 'fupin_session';
export const SESSION_TTL_HOURS = 12;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createSession(db: Db, userId: number): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db.write(async (tx) => {
    // Expired sessions are of no use to anyone: each login clears them out.
    await tx.query('DELETE FROM sessions WHERE expires_at <= now()');
    await tx.query(`INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, now() + make_interval(hours => $3))`, [
      hashToken(token), userId, SESSION_TTL_HOURS,
    ]);
  });
  return token;
}

export async function sessionUser(db: Db, token: string): Promise<SessionUser | undefined> {
  const [user] = await db.query<SessionUser>(
    `SELECT u.id, u.username, u.display_name AS "displayName", u.role
     FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.token_hash = $1 AND s.expires_at > now() AND NOT u.disabled`,
    [hashToken(token)],
  );
  return user;
}

export async function deleteSession(db: Db, token: string): Promise<void> {
  await db.write((tx) => tx.query('DELETE FROM sessions WHERE token_hash = $1', [hashToken(token)]));
}

/** Ends every session of a user but the one in use (after a password change, say). */
export async function deleteOtherSessions(tx: Queryable, userId: number, keepToken: string): Promise<void> {
  await tx.query('DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2', [userId, hashToken(keepToken)]);
}
