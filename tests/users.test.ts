import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../common/api';
import { BACKENDS, createTestApp } from './helpers/app';
import { login, type Session } from './helpers/session';

describe.each(BACKENDS)('user administration on %s', (backend) => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let admin: Session;
  beforeAll(async () => {
    t = await createTestApp(backend);
    admin = await login(t.request, 'admin');
  });
  afterAll(() => t.close());

  it('only admins list or create users', async () => {
    const pm = await login(t.request, 'xiangmu');
    expect((await pm.send('GET', '/api/users')).status).toBe(403);
    expect((await pm.send('POST', '/api/users', { username: 'x1', displayName: 'x', role: 'admin', password: 'password1' })).status).toBe(403);
    const list = await admin.send('GET', '/api/users');
    expect(list.body.map((u: { username: string }) => u.username)).toEqual(['leader', 'banqian', 'xiangmu', 'admin', 'fupin', 'xiangzhen', 'zhucun', 'bangfu']);
    expect(JSON.stringify(list.body)).not.toContain('scrypt');
  });

  it('creates a user who can log in with the new role, audited without the password', async () => {
    const res = await admin.send('POST', '/api/users', { username: 'zhang.san', displayName: '张三', role: 'relocation', password: 'Relocation-Office-7' });
    expect(res.status).toBe(201);
    const zhang = await login(t.request, 'zhang.san', 'Relocation-Office-7');
    expect((await zhang.send('GET', '/api/auth/me')).body).toMatchObject({ username: 'zhang.san', role: 'relocation' });
    const [row] = await t.db.query<{ entity_id: string; new_value: object }>(`SELECT entity_id, new_value FROM audit_log WHERE entity_type = 'user'`);
    expect(row.entity_id).toBe(String(res.body.id));
    expect(JSON.stringify(row.new_value)).not.toContain('Relocation-Office-7');
  });

  it('a role change ends the user’s sessions at once', async () => {
    const before = await login(t.request, 'banqian');
    const users = (await admin.send('GET', '/api/users')).body as { id: number; username: string }[];
    const banqian = users.find((u) => u.username === 'banqian')!;
    expect((await admin.send('PATCH', `/api/users/${banqian.id}`, { role: 'viewer' })).body.role).toBe('viewer');
    expect((await before.send('GET', '/api/auth/me')).body).toBeNull();
    const history = await t.db.query<AuditEntry>(`SELECT new_value AS "newValue" FROM audit_log WHERE entity_type = 'user' AND entity_id = $1`, [String(banqian.id)]);
    expect(history[0].newValue).toEqual({ role: 'viewer' });
  });

  it('rejects duplicates, weak passwords, bad usernames and unknown roles', async () => {
    const cases: [object, number][] = [
      [{ username: 'admin', displayName: 'x', role: 'viewer', password: 'Yushe-Office-2026' }, 409],
      [{ username: 'li.si', displayName: 'x', role: 'viewer', password: 'Password2026!' }, 400],
      [{ username: 'li.si', displayName: 'x', role: 'viewer', password: 'Office-li.si-2026' }, 400],
      [{ username: 'li.si', displayName: 'x', role: 'viewer', password: 'short' }, 400],
      [{ username: 'Li Si', displayName: 'x', role: 'viewer', password: 'password1' }, 400],
      [{ username: 'li.si', displayName: 'x', role: 'root', password: 'password1' }, 400],
    ];
    for (const [body, status] of cases) expect((await admin.send('POST', '/api/users', body)).status).toBe(status);
    const me = (await admin.send('GET', '/api/auth/me')).body;
    expect((await admin.send('PATCH', `/api/users/${me.id}`, { role: 'viewer' })).status).toBe(422);
    const ownName = await admin.send('PATCH', `/api/users/${me.id}`, { password: 'New-admin-Office-7' });
    expect(ownName.status).toBe(422);
    expect(ownName.body.error).toMatchObject({ code: 'weak_password', messageEn: 'the password must not contain the user name' });
  });
});
