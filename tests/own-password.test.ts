// Changing one's own password: the current one is asked for, the new one must pass the strength
// rule, the user's other sessions end while this one stays, and the audit keeps no password.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, createTestApp } from './helpers/app';
import { login } from './helpers/session';

describe.each(BACKENDS)('changing one’s own password on %s', (backend) => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    t = await createTestApp(backend);
  });
  afterAll(() => t.close());

  it('needs a session', async () => {
    const res = await t.request('/api/auth/password', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ current: 'fupin123', next: 'Poverty-Office-2026' }),
    });
    expect(res.status).toBe(401);
  });

  it('refuses a wrong current password and a weak new one, saying why', async () => {
    const fupin = await login(t.request, 'fupin');
    const wrong = await fupin.send('POST', '/api/auth/password', { current: 'nope', next: 'Poverty-Office-2026' });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.code).toBe('wrong_current_password');
    const weak = await fupin.send('POST', '/api/auth/password', { current: 'fupin123', next: 'fupin2026' });
    expect(weak.status).toBe(422);
    expect(weak.body.error.message).toContain('密码至少12位');
    expect(weak.body.error.message).toContain('密码不能包含用户名');
    await login(t.request, 'fupin', 'fupin123');
  });

  it('changes it, ends the other sessions, keeps this one, and audits no password', async () => {
    const here = await login(t.request, 'fupin');
    const elsewhere = await login(t.request, 'fupin');
    const res = await here.send('POST', '/api/auth/password', { current: 'fupin123', next: 'Poverty-Office-2026' });
    expect(res.status).toBe(200);
    expect((await here.send('GET', '/api/auth/me')).body).toMatchObject({ username: 'fupin' });
    expect((await elsewhere.send('GET', '/api/auth/me')).body).toBeNull();
    await expect(login(t.request, 'fupin', 'fupin123')).rejects.toThrow(/401/);
    await login(t.request, 'fupin', 'Poverty-Office-2026');
    const audit = await t.db.query<{ new_value: unknown }>(`SELECT new_value FROM audit_log WHERE entity_type = 'user' AND action = 'update'`);
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0].new_value)).not.toContain('Poverty-Office-2026');
  });
});
