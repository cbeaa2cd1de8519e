// Logs in through the API and sends JSON writes with the session cookie, as the web app does.
export type Fetcher = (path: string, init?: RequestInit) => Response | Promise<Response>;

export interface Session {
  cookie: string;
  send<T = any>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: T }>;
}

export async function login(fetcher: Fetcher, username: string, password = `${username}123`): Promise<Session> {
  const res = await fetcher('/api/auth/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie')!.split(';')[0];
  return {
    cookie,
    async send(method, path, body, headers = {}) {
      const r = await fetcher(path, {
        method,
        headers: { 'Content-Type': 'application/json', Cookie: cookie, ...headers },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await r.text();
      return { status: r.status, body: text ? JSON.parse(text) : null };
    },
  };
}
