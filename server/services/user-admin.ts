import type { SessionUser } from '../../common/roles';
import type { UserCreate, UserPatch } from '../../common/schemas';
import { passwordProblems } from '../../common/password-strength';
import { hashPassword } from '../auth/passwords';
import type { Db, Queryable } from '../db/client';
import { DomainError, notFound, weakPassword } from './domain-error';
import { diff, recordAudit } from './audit';

const USER_COLUMNS = `id, username, display_name AS "displayName", role`;

export const listUsers = (db: Queryable) => db.query<SessionUser>(`SELECT ${USER_COLUMNS} FROM users ORDER BY id`);

const getUser = async (db: Queryable, id: number) => (await db.query<SessionUser>(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1`, [id]))[0];

export async function createUser(db: Db, admin: SessionUser, input: UserCreate): Promise<SessionUser> {
  const hash = await hashPassword(input.password);
  return db.write(async (tx) => {
    const [taken] = await tx.query('SELECT 1 FROM users WHERE username = $1', [input.username]);
    if (taken) throw new DomainError('conflict', 'username_taken', `用户名 ${input.username} 已存在`, `Username ${input.username} is taken`);
    const [{ id }] = await tx.query<{ id: number }>(
      'INSERT INTO users (username, display_name, role, password_hash) VALUES ($1, $2, $3, $4) RETURNING id',
      [input.username, input.displayName, input.role, hash],
    );
    const user = await getUser(tx, id);
    await recordAudit(tx, { user: admin, entityType: 'user', entityId: String(id), action: 'create', old: null, new: user });
    return user;
  });
}

export async function updateUser(db: Db, admin: SessionUser, id: number, patch: UserPatch): Promise<SessionUser> {
  const hash = patch.password && (await hashPassword(patch.password));
  return db.write(async (tx) => {
    const current = await getUser(tx, id);
    if (!current) throw notFound(`用户 ${id}`, `User ${id}`);
    const problems = patch.password ? passwordProblems(patch.password, current.username) : [];
    if (problems.length > 0) throw weakPassword(problems);
    if (id === admin.id && patch.role && patch.role !== 'admin') {
      throw new DomainError('unprocessable', 'last_admin_guard', '不能撤销自己的管理员角色', 'You cannot remove your own admin role');
    }
    await tx.query(
      `UPDATE users SET display_name = coalesce($2, display_name), role = coalesce($3, role), password_hash = coalesce($4, password_hash) WHERE id = $1`,
      [id, patch.displayName ?? null, patch.role ?? null, hash ?? null],
    );
    // A changed role or password ends the user's sessions, so the change takes effect at once.
    if (patch.role || hash) await tx.query('DELETE FROM sessions WHERE user_id = $1', [id]);
    const updated = await getUser(tx, id);
    const changes = diff(current, updated);
    await recordAudit(tx, {
      user: admin, entityType: 'user', entityId: String(id), action: 'update', old: changes.old,
      new: hash ? { ...changes.new, password: '(changed)' } : changes.new,
    });
    return updated;
  });
}
