import { randomBytes } from 'node:crypto';
import type { Role, SessionUser } from '../../common/roles';
import type { Db } from '../db/client';
import { hashPassword, verifyPassword } from './passwords';

/** The demo assisting cadre: seeding makes them 帮扶责任人 of some demo households. */
export const DEMO_ASSISTING_CADRE = 'bangfu';

/** Demo accounts, one per role, documented in README.md. */
export const DEMO_USERS: { username: string; displayName: string; role: Role; password: string; scope?: string[] }[] = [
  { username: 'leader', displayName: '县领导（只读）', role: 'viewer', password: 'leader123' },
  { username: 'banqian', displayName: '搬迁办', role: 'relocation', password: 'banqian123' },
  { username: 'xiangmu', displayName: '项目管理', role: 'project_manager', password: 'xiangmu123' },
  { username: 'admin', displayName: '系统管理员', role: 'admin', password: 'admin123' },
  { username: 'fupin', displayName: '县扶贫办', role: 'poverty_office', password: 'fupin123' },
  { username: 'xiangzhen', displayName: '箕城镇干部', role: 'township_cadre', password: 'xiangzhen123', scope: ['140721100'] },
  { username: 'zhucun', displayName: '城关村驻村工作队', role: 'village_team', password: 'zhucun123', scope: ['140721100200', '140721100201'] },
  { username: DEMO_ASSISTING_CADRE, displayName: '帮扶责任人（演示）', role: 'assisting_cadre', password: 'bangfu123' },
];

export async function seedDemoUsers(db: Db): Promise<void> {
  const [{ n }] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
  if (n > 0) return;
  const rows = await Promise.all(DEMO_USERS.map(async (u) => ({ ...u, hash: await hashPassword(u.password) })));
  await db.write(async (tx) => {
    for (const u of rows) {
      await tx.query('INSERT INTO users (username, display_name, role, password_hash, scope) VALUES ($1, $2, $3, $4, $5::text::jsonb)', [
        u.username, u.displayName, u.role, u.hash, JSON.stringify(u.scope ?? []),
      ]);
    }
  });
}

/** Consecutive wrong passwords before an account is locked, and for how long. */
export const ACCOUNT_LOCK = { failures: 5, minutes: 15 };

// Unknown and disabled accounts cost the same hash as real ones: timing does not tell them apart.
let dummy: Promise<string> | undefined;
const dummyHash = () => (dummy ??= hashPassword(randomBytes(16).toString('hex')));

export type LoginOutcome = { user: SessionUser } | { lockedForSeconds: number } | { wrong: true };

interface LoginRow extends SessionUser {
  passwordHash: string;
  disabled: boolean;
  lockedForSeconds: number;
}

export async function authenticate(db: Db, username: string, password: string): Promise<LoginOutcome> {
  const [row] = await db.query<LoginRow>(
    `SELECT id, username, display_name AS "displayName", role, password_hash AS "passwordHash", disabled,
       greatest(0, ceil(extract(epoch FROM locked_until - now())))::int AS "lockedForSeconds"
     FROM users WHERE username = $1`,
    [username],
  );
  if (row?.lockedForSeconds) return { lockedForSeconds: row.lockedForSeconds };
  const matches = await verifyPassword(password, row && !row.disabled ? row.passwordHash : await dummyHash());
  if (!row || row.disabled) return { wrong: true };
  if (!matches) return recordFailure(db, row.id);
  await db.write((tx) => tx.query('UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1', [row.id]));
  const { passwordHash: _, disabled: _d, lockedForSeconds: _l, ...user } = row;
  return { user };
}

/** One more wrong password; the one that reaches the limit locks the account and starts the count again. */
async function recordFailure(db: Db, id: number): Promise<LoginOutcome> {
  const [{ locked }] = await db.write((tx) =>
    tx.query<{ locked: boolean }>(
      `UPDATE users SET
         locked_until = CASE WHEN failed_logins + 1 >= $2 THEN now() + make_interval(mins => $3) ELSE locked_until END,
         failed_logins = CASE WHEN failed_logins + 1 >= $2 THEN 0 ELSE failed_logins + 1 END
       WHERE id = $1 RETURNING locked_until > now() AS locked`,
      [id, ACCOUNT_LOCK.failures, ACCOUNT_LOCK.minutes],
    ),
  );
  return locked ? { lockedForSeconds: ACCOUNT_LOCK.minutes * 60 } : { wrong: true };
}
