// Logins are throttled per account (in the database, so several server instances agree) and per
// address; unknown accounts take as long as known ones; admins can disable an account; the
// cookie is Secure behind TLS; expired sessions are cleared.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT_LOCK } from '../server/auth/users';
import { BACKENDS, createTestApp } from './helpers/app';
import { login, type Session } from './helpers/session';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;

const attempt = (t: TestApp, username: string, password: string, headers: Record<string, string> = {}) =>
  t.request('/api/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify({ username, password }) });

describe.each(BACKENDS)('accounts on %s', (backend) => {
  let t: TestApp;
  let admin: Session;
  let address = 0;
  /** Each test logs in from its own address, so the address throttle is only met where meant. */
  const from = () => ({ 'X-Forwarded-For': `203.0.113.${++address}` });

  beforeAll(async () => {
    t = await createTestApp(backend, { trustProxy: true });
    admin = await login(t.request, 'admin');
  });
  afterAll(() => t.close());

  it('locks an account after repeated wrong passwords, with a bilingual 429 and Retry-After', async () => {
    const headers = from();
    for (let i = 1; i < ACCOUNT_LOCK.failures; i++) expect((await attempt(t, 'xiangmu', 'wrong', headers)).status).toBe(401);
    const locking = await attempt(t, 'xiangmu', 'wrong', headers);
    expect(locking.status).toBe(429);
    // From anywhere, and with the right password: the account is locked, not the address.
    const res = await attempt(t, 'xiangmu', 'xiangmu123', from());
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('Retry-After'))).toBeGreaterThan(ACCOUNT_LOCK.minutes * 60 - 10);
    const { error } = await res.json();
    expect(error.message).toContain('登录失败次数过多');
    expect(error.messageEn).toContain('Too many failed logins');
    const [row] = await t.db.query<{ locked: boolean }>(`SELECT locked_until > now() AS locked FROM users WHERE username = 'xiangmu'`);
    expect(row.locked).toBe(true);

    await t.db.query(`UPDATE users SET locked_until = now() - interval '1 second' WHERE username = 'xiangmu'`);
    expect((await attempt(t, 'xiangmu', 'xiangmu123', from())).status).toBe(200);
  });

  it('throttles an address that guesses across accounts, and only that address', async () => {
    const guesser = from();
    for (let i = 0; i < 20; i++) expect((await attempt(t, `nobody${i}`, 'guess', guesser)).status).toBe(401);
    const refused = await attempt(t, 'leader', 'leader123', guesser);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect((await attempt(t, 'leader', 'leader123', from())).status).toBe(200);
  });

  it('takes as long for an unknown user as for a known one', async () => {
    const headers = from();
    const time = async (username: string) => {
      const started = performance.now();
      expect((await attempt(t, username, 'not-the-password', headers)).status).toBe(401);
      return performance.now() - started;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 3; i++) {
      known.push(await time('leader'));
      unknown.push(await time(`ghost${i}`));
    }
    await t.db.query(`UPDATE users SET failed_logins = 0 WHERE username = 'leader'`);
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[1];
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.5);
  });

  it('an admin disables an account: its sessions end, it cannot log in, and it is audited', async () => {
    const banqian = await login(t.request, 'banqian');
    const { id } = (await banqian.send('GET', '/api/auth/me')).body;
    const res = await admin.send('PATCH', `/api/users/${id}`, { disabled: true });
    expect(res.status).toBe(200);
    expect(res.body.disabled).toBe(true);
    expect((await banqian.send('GET', '/api/auth/me')).body).toBeNull();
    expect((await attempt(t, 'banqian', 'banqian123', from())).status).toBe(401);
    const [audit] = await t.db.query<{ new_value: object }>(
      `SELECT new_value FROM audit_log WHERE entity_type = 'user' AND entity_id = $1 ORDER BY id DESC LIMIT 1`, [String(id)],
    );
    expect(audit.new_value).toEqual({ disabled: true });

    const self = (await admin.send('GET', '/api/auth/me')).body;
    expect((await admin.send('PATCH', `/api/users/${self.id}`, { disabled: true })).status).toBe(422);
    expect((await admin.send('PATCH', `/api/users/${id}`, { disabled: false })).status).toBe(200);
    expect((await attempt(t, 'banqian', 'banqian123', from())).status).toBe(200);
  });

  it('clears expired sessions when someone logs in', async () => {
    await t.db.query(`INSERT INTO sessions (token_hash, user_id, expires_at) SELECT 'expired-' || id, id, now() - interval '1 hour' FROM users`);
    await login(t.request, 'leader');
    const [{ n }] = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM sessions WHERE expires_at <= now()');
    expect(n).toBe(0);
  });
});

describe('the session cookie behind TLS', () => {
  const apps: TestApp[] = [];
  afterAll(() => Promise.all(apps.map((t) => t.close())));
  const cookieOf = async (options: { trustProxy?: boolean; cookieSecure?: boolean }, headers: Record<string, string> = {}) => {
    const t = await createTestApp('pglite', options);
    apps.push(t);
    return (await attempt(t, 'leader', 'leader123', headers)).headers.get('set-cookie')!;
  };

  it('is Secure when TLS ends at a trusted proxy, or when configured so, and not on plain HTTP', async () => {
    const https = { 'X-Forwarded-Proto': 'https' };
    expect(await cookieOf({}, https)).not.toMatch(/;\s*Secure/i);
    expect(await cookieOf({ trustProxy: true }, https)).toMatch(/;\s*Secure/i);
    expect(await cookieOf({ cookieSecure: true })).toMatch(/;\s*Secure/i);
  });
});
