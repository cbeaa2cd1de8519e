// The problem ledger (问题台账): logged by staff, fixed by whoever edits the thing, closed (销号) by
// the poverty office only; every step versioned, audited and announced; overdue ones flagged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError, AuditEntry, ChangeEvent, ProjectView, SiteView, VillageView } from '../common/api';
import { chinaToday, type Problem } from '../common/problems';
import { BACKENDS, createTestApp } from './helpers/app';
import { letDeadlinePass } from './helpers/problems';
import { login, type Session } from './helpers/session';

describe.each(BACKENDS)('problem ledger on %s', (backend) => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let viewer: Session, relocation: Session, pm: Session, admin: Session;
  let village: VillageView, site: SiteView, road: ProjectView;

  beforeAll(async () => {
    t = await createTestApp(backend);
    [viewer, relocation, pm, admin] = await Promise.all(['leader', 'banqian', 'xiangmu', 'admin'].map((u) => login(t.request, u)));
    village = (await t.json<VillageView[]>('/api/villages?class=poor')).body[0];
    site = (await t.json<SiteView[]>('/api/sites')).body[0];
    road = (await t.json<ProjectView[]>('/api/projects?kind=road')).body[0];
  });
  afterAll(() => t.close());

  const log = (who: Session, body: object) =>
    who.send<Problem & ApiError>('POST', '/api/problems', { source: 'inspection', responsibleUnit: '县交通局', deadline: `${new Date().getUTCFullYear() + 1}-12-31`, ...body });

  it('a viewer may not log a problem, and anonymous writes get 401', async () => {
    expect((await log(viewer, { entityType: 'village', entityId: village.code, title: '饮水不达标' })).status).toBe(403);
    const anonymous = await t.request('/api/problems', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(anonymous.status).toBe(401);
    expect((await t.json<Problem[]>('/api/problems')).body).toEqual([]);
  });

  it('logs a problem at the entity or at a clicked point, and rejects unknown entities and points outside the county', async () => {
    const atVillage = await log(relocation, { entityType: 'village', entityId: village.code, title: '安全饮水未达标', description: '3户水压不足' });
    expect(atVillage.status).toBe(201);
    expect(atVillage.body).toMatchObject({
      entityName: village.name, townshipCode: village.townshipCode, location: village.center, status: 'open', overdue: false, createdBy: 'banqian', version: 1,
    });
    const clicked: [number, number] = [site.lon + 0.001, site.lat];
    const atPoint = await log(admin, { entityType: 'site', entityId: String(site.id), location: clicked, title: '入住率不实', source: 'audit' });
    expect(atPoint.status).toBe(201);
    expect(atPoint.body.location).toEqual(clicked);

    const unknown = await log(pm, { entityType: 'project', entityId: '999999', title: '无此项目' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.messageEn).toContain('does not exist');
    const outside = await log(pm, { entityType: 'project', entityId: String(road.id), location: [116.4, 39.9], title: '县外' });
    expect(outside.status).toBe(422);
    expect(outside.body.error.code).toBe('outside_county');
    const invalid = await log(pm, { entityType: 'project', entityId: String(road.id), title: '', deadline: '2020-02-30' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.message).toMatch(/无效/);
  });

  it('flags open problems past their deadline as overdue and filters by it', async () => {
    const late = await log(pm, { entityType: 'project', entityId: String(road.id), title: '路面开裂未修复' });
    expect(late.body.overdue).toBe(false);
    await letDeadlinePass(t.db, late.body.id, '2019-06-30');
    expect((await t.json<Problem>(`/api/problems/${late.body.id}`)).body.overdue).toBe(true);
    const overdue = (await t.json<Problem[]>('/api/problems?overdue=true')).body;
    expect(overdue.map((p) => p.id)).toEqual([late.body.id]);
    const ofRoad = (await t.json<Problem[]>(`/api/problems?entityType=project&entityId=${road.id}`)).body;
    expect(ofRoad.every((p) => p.entityId === String(road.id))).toBe(true);
    const markers = (await t.json<GeoJSON.FeatureCollection>('/api/problems/map')).body;
    expect(markers.features.find((f) => f.id === late.body.id)?.properties).toMatchObject({ overdue: true, status: 'open' });
  });

  it('fix needs the right to edit the entity; close (销号) is for admins only and only after a fix', async () => {
    const events: ChangeEvent[] = [];
    const unsubscribe = t.bus.subscribe((e) => events.push(e));
    const logged = (await log(relocation, { entityType: 'site', entityId: String(site.id), title: '拆旧复垦滞后' })).body;
    await letDeadlinePass(t.db, logged.id, '2019-01-31');
    const problem = (await t.json<Problem>(`/api/problems/${logged.id}`)).body;
    expect(problem.overdue).toBe(true);

    expect((await viewer.send('POST', `/api/problems/${problem.id}/fix`, { version: 1 })).status).toBe(403);
    expect((await pm.send('POST', `/api/problems/${problem.id}/fix`, { version: 1 })).status).toBe(403);
    expect((await admin.send('POST', `/api/problems/${problem.id}/close`, { version: 1 })).status).toBe(409);

    const fixed = await relocation.send<Problem>('POST', `/api/problems/${problem.id}/fix`, { version: 1, note: '已拆除12户' });
    expect(fixed.status).toBe(200);
    expect(fixed.body).toMatchObject({ status: 'fixed', fixedBy: 'banqian', fixNote: '已拆除12户', overdue: false, version: 2 });

    expect((await relocation.send('POST', `/api/problems/${problem.id}/close`, { version: 2 })).status).toBe(403);
    expect((await pm.send('POST', `/api/problems/${problem.id}/close`, { version: 2 })).status).toBe(403);
    const stale = await admin.send('POST', `/api/problems/${problem.id}/close`, { version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('version_conflict');

    const closed = await admin.send<Problem>('POST', `/api/problems/${problem.id}/close`, { version: 2, note: '现场核实' });
    unsubscribe();
    expect(closed.body).toMatchObject({ status: 'closed', closedBy: 'admin', version: 3 });
    expect(closed.body.closedAt! >= closed.body.fixedAt!).toBe(true);

    const trail = (await viewer.send<AuditEntry[]>('GET', `/api/problems/${problem.id}/history`)).body;
    expect(trail.map((e) => [e.action, e.username])).toEqual([['close', 'admin'], ['fix', 'banqian'], ['create', 'banqian']]);
    expect(trail[0]).toMatchObject({ oldValue: { status: 'fixed' }, newValue: { status: 'closed' }, note: '现场核实' });
    expect(events.map((e) => [e.entity, e.action, e.layer])).toEqual([['problem', 'create', null], ['problem', 'fix', null], ['problem', 'close', null]]);

    const markers = (await t.json<GeoJSON.FeatureCollection>('/api/problems/map')).body;
    expect(markers.features.some((f) => f.id === problem.id)).toBe(false);
    expect((await t.json<Problem[]>('/api/problems?status=closed')).body.map((p) => p.id)).toEqual([problem.id]);
  });

  it('uses the China calendar date for overdue', () => {
    expect(chinaToday(new Date('2020-03-31T16:30:00Z'))).toBe('2020-04-01');
    expect(chinaToday(new Date('2020-03-31T15:59:00Z'))).toBe('2020-03-31');
  });
});
