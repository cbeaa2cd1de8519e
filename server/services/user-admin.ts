import { ROLE_SCOPE, scopeViolation, type Role, type SessionUser } from '../../common/roles';
import type { ManagedUser, ScopedUserCreate, ScopedUserPatch } from '../../common/user-scope';
import { passwordProblems } from '../../common/password-strength';
import type { PasswordChange } from '../../common/schemas';
import { hashPassword, verifyPassword } from '../auth/passwords';
import { deleteOtherSessions } from '../auth/sessions';
import type { Db, Queryable } from '../db/client';
import { DomainError, notFound, weakPassword } from './domain-error';
import { diff, recordAudit } from './audit';

const USER_COLUMNS = `id, username, display_name AS "displayName", role, scope, disabled`;


export const listUsers = (db: Queryable) => db.query<ManagedUser>(`SELECT ${USER_COLUMNS} FROM users ORDER BY id`);

const getUser = async (db: Queryable, id: number) => (await db.query<ManagedUser>(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1`, [id]))[0];

/** The scope must fit the role and name units of the portal's database. */
async function checkScope(db: Queryable, role: Role, scope: string[]): Promise<void> {
  const violation = scopeViolation(role, scope);
  if (violation) throw new DomainError('unprocessable', 'invalid_scope', violation.message, violation.messageEn);
  if (scope.length === 0) return;
  // scopeViolation has made every code of the scope one length; the table comes from this closed map.
  const table = ({ 6: 'counties', 9: 'townships' } as Record<number, string>)[scope[0].length] ?? 'villages';
  const [{ n }] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${table} WHERE code IN (SELECT jsonb_array_elements_text($1::text::jsonb))`,
    [JSON.stringify(scope)],
  );
  if (n !== new Set(scope).size) {
    throw new DomainError('unprocessable', 'invalid_scope', '辖区中有不存在的县、乡镇或村代码', 'The scope names a county, township or village that does not exist');
  }
}

export async function createUser(db: Db, admin: SessionUser, input: ScopedUserCreate): Promise<ManagedUser> {
  const hash = await hashPassword(input.password);
  return db.write(async (tx) => {
    await checkScope(tx, input.role, input.scope);
    const [taken] = await tx.query('SELECT 1 FROM users WHERE username = $1', [input.username]);
    if (taken) throw new DomainError('conflict', 'username_taken', `用户名 ${input.username} 已存在`, `Username ${input.username} is taken`);
    const [{ id }] = await tx.query<{ id: number }>(
      'INSERT INTO users (username, display_name, role, password_hash, scope) VALUES ($1, $2, $3, $4, $5::text::jsonb) RETURNING id',
      [input.username, input.displayName, input.role, hash, JSON.stringify(input.scope)],
    );
    const user = await getUser(tx, id);
    await recordAudit(tx, { user: admin, entityType: 'user', entityId: String(id), action: 'create', old: null, new: user });
    return user;
  });
}

export async function updateUser(db: Db, admin: SessionUser, id: number, patch: ScopedUserPatch): Promise<ManagedUser> {
  const hash = patch.password && (await hashPassword(patch.password));
  return db.write(async (tx) => {
    const current = await getUser(tx, id);
    if (!current) throw notFound(`用户 ${id}`, `User ${id}`);
    const problems = patch.password ? passwordProblems(patch.password, current.username) : [];
    if (problems.length > 0) throw weakPassword(problems);
    if (id === admin.id && patch.role && patch.role !== 'admin') {
      throw new DomainError('unprocessable', 'last_admin_guard', '不能撤销自己的管理员角色', 'You cannot remove your own admin role');
    }
    if (id === admin.id && patch.disabled) {
      throw new DomainError('unprocessable', 'self_disable_guard', '不能停用自己的账号', 'You cannot disable your own account');
    }
    const role = patch.role ?? current.role;
    // A new role without a scope of its own drops the old one, which belonged to the old role.
    const scope = patch.scope ?? (patch.role && ROLE_SCOPE[patch.role] !== ROLE_SCOPE[current.role] ? [] : current.scope);
    await checkScope(tx, role, scope);
    await tx.query(
      `UPDATE users SET display_name = coalesce($2, display_name), role = coalesce($3, role), password_hash = coalesce($4, password_hash),
         scope = $5::text::jsonb, disabled = coalesce($6, disabled) WHERE id = $1`,
      [id, patch.displayName ?? null, patch.role ?? null, hash ?? null, JSON.stringify(scope), patch.disabled ?? null],
    );
    // A changed role, scope or password, or a disabled account, ends the user's sessions: the change takes effect at once.
    if (patch.role || patch.scope || hash || patch.disabled) await tx.query('DELETE FROM sessions WHERE user_id = $1', [id]);
    const updated = await getUser(tx, id);
    const changes = diff(current, updated);
    await recordAudit(tx, {
      user: admin, entityType: 'user', entityId: String(id), action: 'update', old: changes.old,
      new: hash ? { ...changes.new, password: '(changed)' } : changes.new,
    });
    return updated;
  });
}

/**
 * A user's change of their own password: the current one proves it is them at the keyboard, the
 * new one passes the strength rule. Their other sessions end; the one in use (`keepToken`) stays.
 */
export async function changeOwnPassword(db: Db, user: SessionUser, change: PasswordChange, keepToken: string): Promise<void> {
  const problems = passwordProblems(change.next, user.username);
  if (problems.length > 0) throw weakPassword(problems);
  const [row] = await db.query<{ hash: string }>('SELECT password_hash AS hash FROM users WHERE id = $1', [user.id]);
  if (!row || !(await verifyPassword(change.current, row.hash))) {
    throw new DomainError('unprocessable', 'wrong_current_password', '当前密码不正确', 'The current password is wrong');
  }
  const hash = await hashPassword(change.next);
  await db.write(async (tx) => {
    await tx.query('UPDATE users SET password_hash = $2 WHERE id = $1', [user.id, hash]);
    await deleteOtherSessions(tx, user.id, keepToken);
    await recordAudit(tx, { user, entityType: 'user', entityId: String(user.id), action: 'update', old: null, new: { password: '(changed)' } });
  });
}
