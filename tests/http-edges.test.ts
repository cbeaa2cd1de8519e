// The edges of the HTTP surface: which origins may write, which forwarded headers count, and that
// a malformed tile path is a 404 rather than the web app's index page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiteView } from '../common/api';
import { loadConfig } from '../server/config';
import { loadWebFiles } from '../server/web/web-files';
import { createTestApp } from './helpers/app';
import { login, type Session } from './helpers/session';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;

describe('same-origin writes, forwarded headers and tile paths', () => {
  let direct: TestApp, proxied: TestApp;
  let onDirect: Session, onProxied: Session;
  let site: SiteView;

  beforeAll(async () => {
    const web = loadWebFiles(loadConfig({}).WEB_ROOT);
    expect(web, 'the built web app (global setup builds it)').toBeTruthy();
    [direct, proxied] = await Promise.all([createTestApp('pglite', { web }), createTestApp('pglite', { web, trustProxy: true })]);
    [onDirect, onProxied] = await Promise.all([login(direct.request, 'banqian'), login(proxied.request, 'banqian')]);
    site = (await direct.json<SiteView[]>('/api/sites')).body[0];
  });
  afterAll(() => Promise.all([direct.close(), proxied.close()]));

  const write = (session: Session, headers: Record<string, string>) =>
    session.send('PATCH', `/api/sites/${site.id}`, { version: 999, movedHouseholds: 1 }, { Host: 'portal.example', ...headers });

  it('refuses a write from Origin: null', async () => {
    const res = await write(onDirect, { Origin: 'null' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('cross_origin');
  });

  it('believes X-Forwarded-Host only from a trusted proxy', async () => {
    const forged = { Origin: 'https://evil.example', 'X-Forwarded-Host': 'evil.example' };
    expect((await write(onDirect, forged)).status).toBe(403);
    // Behind the proxy it is the host the browser saw: the write passes the origin check (and meets the stale version).
    expect((await write(onProxied, { Origin: 'https://portal.example', 'X-Forwarded-Host': 'portal.example', Host: 'backend:8080' })).status).toBe(409);
    expect((await write(onDirect, { Origin: 'http://portal.example' })).status).toBe(409);
  });

  it('answers a malformed tile path with a JSON 404, not the index page', async () => {
    for (const path of ['/tiles/', '/tiles/nothing', '/tiles/roads/1/2', '/tiles/roads/1/2/3/4.mvt', '/tiles/static.pmtiles/x']) {
      const res = await direct.request(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type'), path).toContain('application/json');
    }
    // Client-side routes still get the app.
    expect((await direct.request('/problems')).headers.get('content-type')).toContain('text/html');
  });
});
