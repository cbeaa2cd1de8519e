import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry, ChangeEvent, ProgressEntry, ProjectView, SiteView, VillageView } from '../common/api';
import { BACKENDS, createTestApp } from './helpers/app';
import { login, type Session } from './helpers/session';

describe.each(BACKENDS)('edits on %s', (backend) => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let viewer: Session, relocation: Session, pm: Session, admin: Session;
  let site: SiteView, road: ProjectView, water: ProjectView, village: VillageView;

  beforeAll(async () => {
    t = await createTestApp(backend);
    [viewer, relocation, pm, admin] = await Promise.all(['leader', 'banqian', 'xiangmu', 'admin'].map((u) => login(t.request, u)));
    site = (await t.json<SiteView[]>('/api/sites')).body[0];
    road = (await t.json<ProjectView[]>('/api/projects?kind=road&status=under_construction')).body[0];
    water = (await t.json<ProjectView[]>('/api/projects?kind=water')).body[0];
    village = (await t.json<VillageView[]>('/api/villages?class=poor')).body[0];
  });
  afterAll(() => t.close());

  const fresh = async <T>(path: string) => (await t.json<T>(path)).body;

  describe('login and sessions', () => {
    it('rejects a wrong password and unknown users with 401', async () => {
      for (const body of [{ username: 'admin', password: 'nope' }, { username: 'ghost', password: 'x' }]) {
        const res = await t.request('/api/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
        expect(res.status).toBe(401);
        expect(res.headers.get('set-cookie')).toBeNull();
      }
    });

    it('sets an httpOnly SameSite=Strict cookie and /me reports the role', async () => {
      const res = await t.request('/api/auth/login', {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'banqian', password: 'banqian123' }),
      });
      const cookie = res.headers.get('set-cookie')!;
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/SameSite=Strict/i);
      expect((await relocation.send('GET', '/api/auth/me')).body).toMatchObject({ username: 'banqian', role: 'relocation' });
    });

    it('stores no plain passwords', async () => {
      const rows = await t.db.query<{ password_hash: string }>('SELECT password_hash FROM users');
      expect(rows.every((r) => r.password_hash.startsWith('scrypt$') && !r.password_hash.includes('123'))).toBe(true);
    });

    it('refuses a write from another origin (CSRF)', async () => {
      const res = await t.request(`/api/sites/${site.id}`, {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/json', Cookie: relocation.cookie, Origin: 'https://evil.example' },
        body: JSON.stringify({ version: site.version, movedHouseholds: 1 }),
      });
      expect(res.status).toBe(403);
    });
  });

  describe('roles are enforced on the server', () => {
    it('a viewer cannot write anything', async () => {
      const attempts = await Promise.all([
        viewer.send('PATCH', `/api/sites/${site.id}`, { version: site.version, movedHouseholds: 1 }),
        viewer.send('POST', `/api/projects/${road.id}/progress`, { version: road.version, recordedOn: '2019-05-01', progressPct: 50, status: 'under_construction' }),
        viewer.send('PATCH', `/api/villages/${village.code}`, { version: village.version, infra: { water: true } }),
      ]);
      for (const a of attempts) expect(a.status).toBe(403);
      expect((await fresh<SiteView>(`/api/sites/${site.id}`)).version).toBe(site.version);
    });

    it('relocation staff edit sites only; project managers edit projects and infrastructure only', async () => {
      expect((await relocation.send('POST', `/api/projects/${road.id}/progress`, { version: road.version, recordedOn: '2019-05-01', progressPct: 50, status: 'under_construction' })).status).toBe(403);
      expect((await relocation.send('PATCH', `/api/villages/${village.code}`, { version: village.version, infra: { water: true } })).status).toBe(403);
      expect((await pm.send('PATCH', `/api/sites/${site.id}`, { version: site.version, movedHouseholds: 1 })).status).toBe(403);
      expect((await pm.send('PATCH', `/api/villages/${village.code}`, { version: village.version, actualExitYear: 2019 })).status).toBe(403);
    });

    it('anonymous writes get 401', async () => {
      const res = await t.request(`/api/sites/${site.id}`, { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: '{}' });
      expect(res.status).toBe(401);
    });
  });

  describe('edits, audit and live events', () => {
    it('records site occupancy, audits old and new values, and announces the change', async () => {
      const events: ChangeEvent[] = [];
      const unsubscribe = t.bus.subscribe((e) => events.push(e));
      const current = await fresh<SiteView>(`/api/sites/${site.id}`);
      // Never more moved in than completed; a change in moved-in households restates the stable and demolished counts.
      const moved = current.movedHouseholds < current.completedHouseholds ? current.movedHouseholds + 1 : current.movedHouseholds - 1;
      const res = await relocation.send('PATCH', `/api/sites/${site.id}`, {
        version: current.version, movedHouseholds: moved, movedPersons: Math.max(current.movedPersons, moved),
        stableHouseholds: Math.min(current.stableHouseholds, moved), demolishedHouseholds: Math.min(current.demolishedHouseholds, moved), note: '月度核查',
      });
      unsubscribe();
      expect(res.status).toBe(200);
      expect(res.body.version).toBe(current.version + 1);
      expect(res.body.indicators.occupancyRate).toBeCloseTo(moved / current.plannedHouseholds, 10);
      const [entry] = (await viewer.send<AuditEntry[]>('GET', `/api/sites/${site.id}/history`)).body;
      expect(entry).toMatchObject({ username: 'banqian', action: 'update', note: '月度核查' });
      expect(entry.oldValue).toMatchObject({ movedHouseholds: current.movedHouseholds });
      expect(entry.newValue).toMatchObject({ movedHouseholds: moved });
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ entity: 'site', id: String(site.id), layer: 'sites', by: 'banqian' });
      expect(events[0].versions.sites).toBe(t.tiles.currentVersions().sites);
    });

    it('records dated progress with km done and keeps a progress history', async () => {
      let current = await fresh<ProjectView>(`/api/projects/${road.id}`);
      const half = Math.round(current.plannedKm! * 50) / 100;
      const first = await pm.send('POST', `/api/projects/${road.id}/progress`, {
        version: current.version, recordedOn: '2019-06-30', doneKm: half, status: 'under_construction', note: '路基完成',
        // The demo road may be past half already: going back needs a reason.
        reason: '复测后按半程核定',
      });
      expect(first.status).toBe(201);
      expect(first.body.doneKm).toBe(half);
      expect(first.body.progressPct).toBeCloseTo(50, 0);
      current = first.body;
      const done = await pm.send('POST', `/api/projects/${road.id}/progress`, { version: current.version, recordedOn: '2019-09-30', progressPct: 100, status: 'completed' });
      expect(done.status).toBe(201);
      expect(done.body).toMatchObject({ progressPct: 100, status: 'completed', doneKm: current.plannedKm });
      const progress = (await viewer.send<ProgressEntry[]>('GET', `/api/projects/${road.id}/progress`)).body;
      const recorded = progress.filter((p) => p.username === 'xiangmu');
      expect(recorded.map((p) => [p.recordedOn, p.progressPct])).toEqual([['2019-06-30', first.body.progressPct], ['2019-09-30', 100]]);
      expect(recorded[0].note).toBe('路基完成');
      // The demo's month-end reports come first and were filed by nobody.
      expect(progress.length).toBeGreaterThan(recorded.length);
      expect(progress.filter((p) => p.username === null).every((p) => p.note === '演示数据 / demo report')).toBe(true);
    });

    it('recomputes a village exit status when its infrastructure changes', async () => {
      const current = await fresh<VillageView>(`/api/villages/${village.code}`);
      const allDone = Object.fromEntries(Object.keys(current.infra).map((k) => [k, true]));
      const res = await pm.send('PATCH', `/api/villages/${village.code}`, { version: current.version, infra: allDone });
      expect(res.status).toBe(200);
      expect(res.body.infraCompletion).toBe(1);
      expect(res.body.exitCheck.infraOk).toBe(true);
      const [row] = await t.db.query<{ infra_done: number; infra_required: number }>('SELECT infra_done, infra_required FROM villages WHERE code = $1', [village.code]);
      expect(row.infra_done).toBe(row.infra_required);
    });

    it('draws a new road inside the county and locates its township and villages', async () => {
      const from = (await fresh<VillageView[]>('/api/villages?township=140721101'))[0];
      const to = (await fresh<VillageView[]>('/api/villages?township=140721101'))[1];
      const res = await pm.send('POST', '/api/projects', {
        kind: 'road', subtype: 'upgrade', name: '测试新建道路', nameEn: ' Test road ', geometry: { type: 'LineString', coordinates: [from.center, to.center] },
        budget: 1_000_000, plannedStart: '2020-03-01', plannedEnd: '2020-10-31',
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ name: '测试新建道路', nameEn: 'Test road', status: 'planned', progressPct: 0, demo: false, version: 1 });
      expect(res.body.plannedKm).toBeGreaterThan(0);
      expect(res.body.villages).toEqual(expect.arrayContaining([from.code, to.code]));
      const history = (await viewer.send<AuditEntry[]>('GET', `/api/projects/${res.body.id}/history`)).body;
      expect(history[0]).toMatchObject({ action: 'create', username: 'xiangmu' });

      const renamed = await pm.send('PATCH', `/api/projects/${res.body.id}`, { version: 1, nameEn: 'Test village road' });
      expect(renamed.status).toBe(200);
      expect(renamed.body).toMatchObject({ name: '测试新建道路', nameEn: 'Test village road', version: 2 });
      const update = (await viewer.send<AuditEntry[]>('GET', `/api/projects/${res.body.id}/history`)).body.find((e) => e.action === 'update');
      expect(update).toMatchObject({ oldValue: { nameEn: 'Test road' }, newValue: { nameEn: 'Test village road' } });
    });

    it('names every demo project in English too', async () => {
      const projects = await fresh<ProjectView[]>('/api/projects');
      expect(projects.length).toBeGreaterThan(0);
      for (const p of projects) expect(p.nameEn, p.name).toMatch(/^[\x20-\x7e–]+$/);
    });
  });

  describe('concurrency', () => {
    it('a stale write gets 409 with the current value and changes nothing', async () => {
      const current = await fresh<SiteView>(`/api/sites/${site.id}`);
      const ok = await admin.send('PATCH', `/api/sites/${site.id}`, { version: current.version, completedHouseholds: current.completedHouseholds });
      expect(ok.status).toBe(200);
      const stale = await relocation.send('PATCH', `/api/sites/${site.id}`, { version: current.version, movedHouseholds: 0, movedPersons: 0, stableHouseholds: 0, demolishedHouseholds: 0 });
      expect(stale.status).toBe(409);
      expect(stale.body.error.code).toBe('version_conflict');
      expect(stale.body.error.current).toMatchObject({ id: site.id, version: current.version + 1 });
      expect((await fresh<SiteView>(`/api/sites/${site.id}`)).movedHouseholds).toBe(current.movedHouseholds);
    });

    it('accepts the version in If-Match', async () => {
      const current = await fresh<SiteView>(`/api/sites/${site.id}`);
      const res = await relocation.send('PATCH', `/api/sites/${site.id}`, { completedHouseholds: current.completedHouseholds }, { 'If-Match': `"${current.version}"` });
      expect(res.status).toBe(200);
      const stale = await relocation.send('PATCH', `/api/sites/${site.id}`, { completedHouseholds: 0 }, { 'If-Match': `"${current.version}"` });
      expect(stale.status).toBe(409);
    });

    it('of two simultaneous writes on one version exactly one wins', async () => {
      const current = await fresh<ProjectView>(`/api/projects/${water.id}`);
      const results = await Promise.all([0, 1].map(() => pm.send('PATCH', `/api/projects/${water.id}`, { version: current.version, budget: current.budget + 1 })));
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    });
  });

  describe('bad input: a clear 4xx in both languages, and nothing changed', () => {
    const siteCases: [string, unknown, number][] = [
      ['moved-in households above planned', { movedHouseholds: 100000, movedPersons: 100000 }, 422],
      ['moved-in persons above planned', { movedPersons: 10_000_000 }, 422],
      ['negative moved households', { movedHouseholds: -1 }, 400],
      ['fractional households', { movedHouseholds: 2.5 }, 400],
      ['string instead of number', { movedHouseholds: '12' }, 400],
      ['null figure', { movedHouseholds: null }, 400],
      ['stable households above moved-in', { stableHouseholds: 100000 }, 422],
      ['demolished above moved-in', { demolishedHouseholds: 100000 }, 422],
      ['completed above planned', { completedHouseholds: 100000 }, 422],
      ['planned persons fewer than households', { plannedPersons: 1 }, 422],
      ['unknown field', { occupancy: 0.5 }, 400],
      ['missing version', { version: undefined, movedHouseholds: 1 }, 400],
      ['version zero', { version: 0 }, 400],
      ['note too long', { note: '长'.repeat(501) }, 400],
    ];
    for (const [label, patch, status] of siteCases) {
      it(`site: ${label} → ${status}`, async () => {
        const before = await fresh<SiteView>(`/api/sites/${site.id}`);
        const res = await relocation.send('PATCH', `/api/sites/${site.id}`, { version: before.version, ...(patch as object) });
        expect(res.status).toBe(status);
        expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/);
        expect(res.body.error.messageEn).toMatch(/[a-z]/);
        expect(await fresh<SiteView>(`/api/sites/${site.id}`)).toEqual(before);
      });
    }

    const progressCases: [string, unknown, number][] = [
      ['progress above 100%', { recordedOn: '2019-01-01', progressPct: 120, status: 'under_construction' }, 400],
      ['negative progress', { recordedOn: '2019-01-01', progressPct: -5, status: 'under_construction' }, 400],
      ['km done above planned', { recordedOn: '2019-01-01', doneKm: 100000, status: 'under_construction' }, 422],
      ['completed below 100%', { recordedOn: '2019-01-01', progressPct: 40, status: 'completed' }, 422],
      ['planned with progress', { recordedOn: '2019-01-01', progressPct: 40, status: 'planned' }, 422],
      ['impossible date', { recordedOn: '2019-02-30', progressPct: 40, status: 'under_construction' }, 400],
      ['bad date format', { recordedOn: '30/06/2019', progressPct: 40, status: 'under_construction' }, 400],
      ['unknown status', { recordedOn: '2019-01-01', progressPct: 40, status: 'finished' }, 400],
      ['neither % nor km', { recordedOn: '2019-01-01', status: 'under_construction' }, 400],
      ['NaN as string', { recordedOn: '2019-01-01', progressPct: 'NaN', status: 'under_construction' }, 400],
    ];
    for (const [label, report, status] of progressCases) {
      it(`progress: ${label} → ${status}`, async () => {
        const target = (await fresh<ProjectView[]>('/api/projects?kind=road&status=under_construction'))[1];
        const res = await pm.send('POST', `/api/projects/${target.id}/progress`, { version: target.version, ...(report as object) });
        expect(res.status).toBe(status);
        expect(res.body.error.messageEn.length).toBeGreaterThan(5);
        expect(await fresh<ProjectView>(`/api/projects/${target.id}`)).toEqual(target);
      });
    }

    const base = { kind: 'road', subtype: 'upgrade', name: '坏数据道路', budget: 1000, plannedStart: '2020-01-01', plannedEnd: '2020-12-31' };
    const line = (coordinates: unknown) => ({ ...base, geometry: { type: 'LineString', coordinates } });
    const createCases: [string, unknown, number][] = [
      ['line with one point', line([[112.97, 37.07]]), 400],
      ['coordinates outside the world', line([[200, 37], [112.97, 37.07]]), 400],
      ['latitude outside the world', line([[112.97, 95], [112.97, 37.07]]), 400],
      ['line outside the county (Beijing)', line([[116.39, 39.9], [116.4, 39.91]]), 422],
      ['coordinates as strings', line([['112.9', '37.0'], ['112.95', '37.05']]), 400],
      ['not GeoJSON', { ...base, geometry: { type: 'Circle', center: [112.9, 37] } }, 400],
      ['polygon for a road', { ...base, geometry: { type: 'Polygon', coordinates: [[[112.9, 37], [112.95, 37], [112.95, 37.05], [112.9, 37]]] } }, 400],
      ['point for a road upgrade', { ...base, geometry: { type: 'Point', coordinates: [112.97, 37.07] } }, 422],
      ['water subtype on a road', { ...line([[112.97, 37.07], [112.98, 37.08]]), subtype: 'drinking_water' }, 422],
      ['end before start', { ...line([[112.97, 37.07], [112.98, 37.08]]), plannedEnd: '2019-01-01' }, 422],
      ['negative budget', { ...line([[112.97, 37.07], [112.98, 37.08]]), budget: -1 }, 400],
      ['missing name', { ...line([[112.97, 37.07], [112.98, 37.08]]), name: '' }, 400],
      ['unknown kind', { ...line([[112.97, 37.07], [112.98, 37.08]]), kind: 'rail' }, 400],
    ];
    for (const [label, body, status] of createCases) {
      it(`new project: ${label} → ${status}`, async () => {
        const before = (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM projects'))[0].n;
        const res = await pm.send('POST', '/api/projects', body);
        expect(res.status).toBe(status);
        expect(res.body.error.message.length).toBeGreaterThan(2);
        expect((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM projects'))[0].n).toBe(before);
      });
    }

    it('village: poor persons above rural population → 422', async () => {
      const before = await fresh<VillageView>(`/api/villages/${village.code}`);
      const res = await admin.send('PATCH', `/api/villages/${village.code}`, { version: before.version, poorPersons: before.ruralPopulation + 1 });
      expect(res.status).toBe(422);
      expect(await fresh<VillageView>(`/api/villages/${village.code}`)).toEqual(before);
    });

    it('village: unknown infrastructure item → 400', async () => {
      const before = await fresh<VillageView>(`/api/villages/${village.code}`);
      const res = await pm.send('PATCH', `/api/villages/${village.code}`, { version: before.version, infra: { airport: true } });
      expect(res.status).toBe(400);
    });

    it('unknown ids → 404, malformed ids → 400', async () => {
      expect((await relocation.send('PATCH', '/api/sites/99999', { version: 1, movedHouseholds: 1 })).status).toBe(404);
      expect((await pm.send('POST', '/api/projects/99999/progress', { version: 1, recordedOn: '2019-01-01', progressPct: 1, status: 'under_construction' })).status).toBe(404);
      expect((await admin.send('PATCH', '/api/villages/140721999999', { version: 1, collectiveIncome: 1 })).status).toBe(404);
      expect((await relocation.send('PATCH', '/api/sites/abc', { version: 1 })).status).toBe(400);
    });

    it('broken JSON → 400, wrong content type → 415, oversized body → 413', async () => {
      expect((await relocation.send('PATCH', `/api/sites/${site.id}`, '{"version": 1,')).status).toBe(400);
      const form = await t.request(`/api/sites/${site.id}`, { method: 'PATCH', headers: { 'Content-Type': 'text/plain', Cookie: relocation.cookie }, body: 'version=1' });
      expect(form.status).toBe(415);
      const huge = await pm.send('POST', '/api/projects', { ...base, name: 'x'.repeat(2 * 1024 * 1024) });
      expect(huge.status).toBe(413);
      expect(huge.body.error.messageEn).toMatch(/too large/);
    });
  });
});
