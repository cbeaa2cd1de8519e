// One search box for everything on the map: townships and villages as before, and now projects
// (by name and by type), relocation sites and logged problems, all within the county, the text
// taken literally (a % is a percent sign), the query checked at the boundary.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchHit } from '../common/api';
import { chinaToday } from '../common/problems';
import { BACKENDS, createTestApp } from './helpers/app';
import { login } from './helpers/session';

describe.each(BACKENDS)('searching everything on %s', (backend) => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  const search = async (q: string, extra = '') => (await t.json<SearchHit[]>(`/api/search?q=${encodeURIComponent(q)}${extra}`)).body;

  beforeAll(async () => {
    t = await createTestApp(backend);
  });
  afterAll(() => t.close());

  it('finds projects by name, with their kind and a box to fly to', async () => {
    const [project] = await t.db.query<{ id: number; name: string; kind: string }>(`SELECT id, name, kind FROM projects ORDER BY id LIMIT 1`);
    const hits = await search(project.name, '&limit=50');
    const hit = hits.find((h) => h.type === 'project' && h.code === String(project.id));
    expect(hit).toMatchObject({ name: project.name, kind: project.kind });
    expect(hit!.bbox[0]).toBeLessThanOrEqual(hit!.bbox[2]);
  });

  it('finds projects by type: 危桥 finds every bridge', async () => {
    const [{ n }] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM projects WHERE subtype = 'bridge'`);
    expect(n).toBeGreaterThan(0);
    const hits = await search('危桥', '&limit=50&types=project');
    expect(hits).toHaveLength(n);
    expect(hits.every((h) => h.type === 'project' && h.subtype === 'bridge')).toBe(true);
    expect((await search('bridge', '&limit=50&types=project')).length).toBe(n);
  });

  it('finds relocation sites and problems', async () => {
    const [site] = await t.db.query<{ id: number; name: string }>(`SELECT id, name FROM sites ORDER BY id LIMIT 1`);
    expect((await search(site.name)).some((h) => h.type === 'site' && h.code === String(site.id))).toBe(true);
    const admin = await login(t.request, 'admin');
    const [project] = await t.db.query<{ id: number }>(`SELECT id FROM projects ORDER BY id LIMIT 1`);
    const logged = await admin.send('POST', '/api/problems', {
      entityType: 'project', entityId: String(project.id), title: '护栏缺失待整改', source: 'inspection', responsibleUnit: '县交通局', deadline: chinaToday(),
    });
    expect(logged.status).toBe(201);
    const hits = await search('护栏缺失');
    expect(hits).toEqual([expect.objectContaining({ type: 'problem', code: String(logged.body.id), name: '护栏缺失待整改' })]);
  });

  it('hides deleted projects', async () => {
    const [project] = await t.db.query<{ id: number; name: string }>(`SELECT id, name FROM projects ORDER BY id DESC LIMIT 1`);
    await t.db.write((tx) => tx.query('UPDATE projects SET deleted_at = now() WHERE id = $1', [project.id]));
    expect((await search(project.name, '&limit=50')).some((h) => h.type === 'project' && h.code === String(project.id))).toBe(false);
  });

  it('takes the text literally and refuses unknown types', async () => {
    expect(await search('%')).toEqual([]);
    expect(await search('_')).toEqual([]);
    expect((await t.json(`/api/search?q=a&types=household`)).status).toBe(400);
  });
});
