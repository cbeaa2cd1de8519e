// Audit trails page (limit/before, X-Total-Count, X-Next-Before) on every history endpoint, and
// anonymous readers see what changed but not who changed it, there or in the problem ledger.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry, ProgressEntry, ProjectView, SiteView, VillageView } from '../common/api';
import type { Problem } from '../common/problems';
import { BACKENDS, createTestApp } from './helpers/app';
import { login, type Session } from './helpers/session';

describe.each(BACKENDS)('history and names on %s', (backend) => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let admin: Session;
  let site: SiteView, road: ProjectView, village: VillageView, problem: Problem;

  beforeAll(async () => {
    t = await createTestApp(backend);
    admin = await login(t.request, 'admin');
    site = (await t.json<SiteView[]>('/api/sites')).body[0];
    road = (await t.json<ProjectView[]>('/api/projects?kind=road&status=under_construction')).body[0];
    village = (await t.json<VillageView[]>('/api/villages?class=poor')).body[0];
    problem = (await admin.send<Problem>('POST', '/api/problems', {
      entityType: 'village', entityId: village.code, title: '道路破损', source: 'inspection', responsibleUnit: '县交通局', deadline: `${new Date().getFullYear() + 1}-06-30`,
    })).body;
    expect((await admin.send('POST', `/api/projects/${road.id}/progress`, { version: road.version, recordedOn: '2020-01-01', progressPct: road.progressPct, status: road.status })).status).toBe(201);
    // 1,005 entries in a site's trail: five pages and a bit.
    await t.db.query(
      `INSERT INTO audit_log (user_id, username, entity_type, entity_id, action, new_value)
       SELECT u.id, u.username, 'site', $1, 'update', jsonb_build_object('movedHouseholds', n) FROM users u, generate_series(1, 1005) n WHERE u.username = 'banqian'`,
      [String(site.id)],
    );
  });
  afterAll(() => t.close());

  it('pages through the whole trail, newest first, with its total', async () => {
    const seen: AuditEntry[] = [];
    let path: string | null = `/api/sites/${site.id}/history`;
    while (path) {
      const res = await t.request(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('X-Total-Count')).toBe('1005');
      const page = (await res.json()) as AuditEntry[];
      expect(page.length).toBeLessThanOrEqual(200);
      seen.push(...page);
      const next = res.headers.get('X-Next-Before');
      path = next && `/api/sites/${site.id}/history?before=${next}`;
    }
    expect(seen).toHaveLength(1005);
    expect(new Set(seen.map((e) => e.id)).size).toBe(1005);
    expect(seen.map((e) => e.id)).toEqual([...seen.map((e) => e.id)].sort((a, b) => b - a));

    const small = await t.request(`/api/sites/${site.id}/history?limit=10`);
    expect((await small.json()).length).toBe(10);
    expect(small.headers.get('Link')).toMatch(/rel="next"/);
    for (const bad of ['limit=0', 'limit=201', 'before=x']) expect((await t.request(`/api/sites/${site.id}/history?${bad}`)).status).toBe(400);
  });

  it('every history endpoint pages', async () => {
    for (const path of [`/api/villages/${village.code}/history`, `/api/projects/${road.id}/history`, `/api/problems/${problem.id}/history`]) {
      const res = await t.request(`${path}?limit=1`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('X-Total-Count'), path).toMatch(/^\d+$/);
      expect((await res.json()).length, path).toBeLessThanOrEqual(1);
    }
  });

  it('names nobody to anonymous readers, and everybody to signed-in ones', async () => {
    const leader = await login(t.request, 'leader');
    const anonymous = <T>(path: string) => t.json<T>(path).then((r) => r.body);
    const signedIn = <T>(path: string) => leader.send<T>('GET', path).then((r) => r.body);

    const trail = `/api/problems/${problem.id}/history`;
    expect((await anonymous<AuditEntry[]>(trail))[0].username).toBeNull();
    expect((await signedIn<AuditEntry[]>(trail))[0].username).toBe('admin');
    expect((await anonymous<AuditEntry[]>(`/api/sites/${site.id}/history?limit=5`)).every((e) => e.username === null)).toBe(true);

    const progress = `/api/projects/${road.id}/progress`;
    expect((await anonymous<ProgressEntry[]>(progress)).every((e) => e.username === null)).toBe(true);
    expect((await signedIn<ProgressEntry[]>(progress)).some((e) => e.username === 'admin')).toBe(true);

    const [listed] = await anonymous<Problem[]>('/api/problems');
    expect(listed).toMatchObject({ id: problem.id, title: '道路破损', createdBy: null });
    expect(await anonymous<Problem>(`/api/problems/${problem.id}`)).toMatchObject({ createdBy: null });
    expect((await signedIn<Problem[]>('/api/problems'))[0].createdBy).toBe('admin');
    expect(JSON.stringify(await anonymous('/api/problems?status=open'))).not.toContain('admin');
  });
});
