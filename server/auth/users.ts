import type { Role, SessionUser } from '../../common/roles';
import type { Db } from '../db/client';
import { hashPassword, verifyPassword } from './passwords';

/** Demo accounts, one per role, documented in README.md. */
export const DEMO_USERS: { username: string; displayName: string; role: Role; password: string }[] = [
  { username: 'leader', displayName: '县领导（只读）', role: 'viewer', password: 'leader123' },
  { username: 'banqian', displayName: '搬迁办', role: 'relocation', password: 'banqian123' },
  { username: 'xiangmu', displayName: '项目管理', role: 'project_manager', password: 'xiangmu123' },
  { username: 'admin', displayName: '系统管理员', role: 'admin', password: 'admin123' },
];

export async function seedDemoUsers(db: Db): Promise<void> {
  const [{ n }] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
  if (n > 0) return;
  const rows = await Promise.all(DEMO_USERS.map(async (u) => ({ ...u, hash: await hashPassword(u.password) })));
  await db.write(async (tx) => {
    for (const u of rows) {
      await tx.query('INSERT INTO users (username, display_name, role, password_hash) VALUES ($1, $2, $3, $4)', [
        u.username, u.displayName, u.role, u.hash,
      ]);
    }
  });
}

export async function authenticate(db: Db, username: string, password: string): Promise<SessionUser | undefined> {
  const [row] = await db.query<SessionUser & { passwordHash: string }>(
    `SELECT id, username, display_name AS "displayName", role, password_hash AS "passwordHash" FROM users WHERE username = $1`,
    [username],
  );
  if (!row || !(await verifyPassword(password, row.passwordHash))) return undefined;
  const { passwordHash: _, ...user } = row;
  return user;
}
