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

export async function authenticate(db: Db, username: string, password: string): Promise<SessionUser | undefined> {
  const [row] = await db.query<SessionUser & { passwordHash: string }>(
    `SELECT id, username, display_name AS "displayName", role, password_hash AS "passwordHash" FROM users WHERE username = $1`,
    [username],
  );
  if (!row || !(await verifyPassword(password, row.passwordHash))) return undefined;
  const { passwordHash: _, ...user } = row;
  return user;
}
