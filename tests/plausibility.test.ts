// Plausibility rules (issue 14, item 8): the server refuses, with a bilingual 422, the figures the
// issue found accepted: 999 万 spent on a 221.4 万 budget, progress back from 63 to 18 % without a
// reason, a report dated 2031, a budget below what is spent, more households moved in than houses
// completed, a problem deadline in the past; and a late fix stays late in the record.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError, AuditEntry, ProgressEntry, ProjectView, SiteView } from '../common/api';
import { chinaToday, type Problem } from '../common/problems';
import { BACKENDS, createTestApp } from './helpers/app';
import { login, type Session } from './helpers/session';

const refusedWith = (res: { status: number; body: ApiError }, field: string, zh: RegExp) => {
  expect(res.status).toBe(422);
  expect(res.body.error.code).toBe('invalid_figures');
  expect(res.body.error.message).toMatch(zh);
  expect(res.body.error.messageEn).toMatch(/[a-z]/);
  expect((res.body.error.details as { field: string }[]).map((d) => d.field)).toContain(field);
};

describe.each(BACKENDS)('plausibility rules on %s', (backend) => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let pm: Session, relocation: Session, admin: Session;
  let road: ProjectView;

  beforeAll(async () => {
    t = await createTestApp(backend);
    [pm, relocation, admin] = await Promise.all(['xiangmu', 'banqian', 'admin'].map((u) => login(t.request, u)));
    road = (await t.json<ProjectView[]>('/api/projects?kind=road&status=under_construction')).body[0];
  });
  afterAll(() => t.close());

  const project = async (id: number) => (await t.json<ProjectView>(`/api/projects/${id}`)).body;

  describe('project funds', () => {
    it('refuses spending 999 万 on a 221.4 万 budget, in a report or an edit', async () => {
      const setBudget = await pm.send<ProjectView>('PATCH', `/api/projects/${road.id}`, { version: road.version, budget: 2_214_000, spent: Math.min(road.spent, 2_214_000) });
      expect(setBudget.status).toBe(200);
      const current = setBudget.body;
      const report = await pm.send<ApiError>('POST', `/api/projects/${road.id}/progress`, {
        version: current.version, recordedOn: '2020-06-30', progressPct: current.progressPct, spent: 9_990_000, status: current.status,
      });
      refusedWith(report, 'spent', /999 万元.*超过预算（221\.4 万元）/);
      refusedWith(await pm.send<ApiError>('PATCH', `/api/projects/${road.id}`, { version: current.version, spent: 9_990_000 }), 'spent', /超过预算/);
      expect((await project(road.id)).spent).toBe(current.spent);
    });

    it('refuses a budget below what is already spent', async () => {
      const current = await project(road.id);
      expect(current.spent).toBeGreaterThan(0);
      refusedWith(await pm.send<ApiError>('PATCH', `/api/projects/${road.id}`, { version: current.version, budget: current.spent - 1 }), 'spent', /预算也不能低于已支出/);
      expect((await pm.send('PATCH', `/api/projects/${road.id}`, { version: current.version, budget: current.spent })).status).toBe(200);
    });

    it('refuses creating a project with more spent than budgeted', async () => {
      const res = await pm.send<ApiError>('POST', '/api/projects', {
        kind: 'water', subtype: 'drinking_water', name: '超支水利', geometry: { type: 'Point', coordinates: [112.98, 37.07] },
        budget: 10_000, spent: 20_000, plannedStart: '2020-01-01', plannedEnd: '2020-12-31', status: 'under_construction',
      });
      refusedWith(res, 'spent', /超过预算/);
    });
  });

  describe('progress reports', () => {
    it('refuses progress going back 63 → 18 % without a reason, and takes it with one', async () => {
      let current = await project(road.id);
      const to63 = await pm.send<ProjectView>('POST', `/api/projects/${road.id}/progress`, {
        version: current.version, recordedOn: '2020-07-31', progressPct: 63, status: 'under_construction', reason: '复核',
      });
      expect(to63.status).toBe(201);
      current = to63.body;
      const back = { version: current.version, recordedOn: '2020-08-31', progressPct: 18, status: 'under_construction' };
      refusedWith(await pm.send<ApiError>('POST', `/api/projects/${road.id}/progress`, back), 'reason', /进度从 63% 退回到 18%，须填写原因/);
      expect((await project(road.id)).progressPct).toBe(63);

      const withReason = await pm.send<ProjectView>('POST', `/api/projects/${road.id}/progress`, { ...back, reason: '复测：路基被洪水冲毁' });
      expect(withReason.status).toBe(201);
      expect(withReason.body.progressPct).toBe(18);
      expect((await t.json<ProgressEntry[]>(`/api/projects/${road.id}/progress`)).body.at(-1)).toMatchObject({ progressPct: 18, reason: '复测：路基被洪水冲毁' });
      expect((await t.json<AuditEntry[]>(`/api/projects/${road.id}/history`)).body[0].newValue).toMatchObject({ progressPct: 18, reason: '复测：路基被洪水冲毁' });
    });

    it('refuses km done and spending going back without a reason', async () => {
      const current = await project(road.id);
      const km = await pm.send<ApiError>('POST', `/api/projects/${road.id}/progress`, {
        version: current.version, recordedOn: '2020-09-30', doneKm: 0, status: 'under_construction',
      });
      refusedWith(km, 'reason', /完成里程从 .* km 退回到 0 km/);
      const spent = await pm.send<ApiError>('POST', `/api/projects/${road.id}/progress`, {
        version: current.version, recordedOn: '2020-09-30', progressPct: current.progressPct, spent: 0, status: 'under_construction',
      });
      refusedWith(spent, 'reason', /已支出资金从 .* 退回到 0 万元/);
    });

    it('refuses a report dated 2031 (after today, China time), takes one dated today', async () => {
      const current = await project(road.id);
      const report = { version: current.version, progressPct: current.progressPct, status: current.status };
      refusedWith(await pm.send<ApiError>('POST', `/api/projects/${road.id}/progress`, { ...report, recordedOn: '2031-06-30' }), 'recordedOn', /填报日期 2031-06-30 晚于今天/);
      expect((await pm.send('POST', `/api/projects/${road.id}/progress`, { ...report, recordedOn: chinaToday() })).status).toBe(201);
    });
  });

  describe('relocation sites', () => {
    it('refuses more households moved in than houses completed', async () => {
      const site = (await t.json<SiteView[]>('/api/sites')).body.find((s) => s.completedHouseholds < s.plannedHouseholds)!;
      const moved = site.completedHouseholds + 1;
      const res = await relocation.send<ApiError>('PATCH', `/api/sites/${site.id}`, {
        version: site.version, movedHouseholds: moved, movedPersons: Math.max(site.movedPersons, moved), stableHouseholds: site.stableHouseholds, demolishedHouseholds: site.demolishedHouseholds,
      });
      refusedWith(res, 'movedHouseholds', /入住户数不能超过竣工户数/);
    });

    it('asks for the stable and demolished counts when moved-in households change, and takes them unchanged once stated', async () => {
      const site = (await t.json<SiteView[]>('/api/sites')).body.find((s) => s.movedHouseholds > s.stableHouseholds && s.movedHouseholds > s.demolishedHouseholds)!;
      const patch = { version: site.version, movedHouseholds: site.movedHouseholds - 1 };
      refusedWith(await relocation.send<ApiError>('PATCH', `/api/sites/${site.id}`, patch), 'stableHouseholds', /请同时确认稳定脱贫户数和拆除复垦户数/);
      const confirmed = await relocation.send<SiteView>('PATCH', `/api/sites/${site.id}`, { ...patch, stableHouseholds: site.stableHouseholds, demolishedHouseholds: site.demolishedHouseholds });
      expect(confirmed.status).toBe(200);
      expect(confirmed.body.movedHouseholds).toBe(site.movedHouseholds - 1);
    });
  });

  describe('problems', () => {
    const body = (deadline: string) => ({ entityType: 'project', entityId: String(road.id), title: '进度滞后', source: 'inspection', responsibleUnit: '县交通局', deadline });

    it('refuses a deadline in the past, takes today', async () => {
      refusedWith(await pm.send<ApiError>('POST', '/api/problems', body('2019-01-31')), 'deadline', /整改期限 2019-01-31 已过/);
      expect((await pm.send('POST', '/api/problems', body(chinaToday()))).status).toBe(201);
    });

    it('keeps a late fix late: fixed after the deadline, the record and its audit say so, through 销号', async () => {
      const created = (await pm.send<Problem>('POST', '/api/problems', body(chinaToday()))).body;
      expect(created.fixedLate).toBe(false);
      // The deadline passes while the problem is open (logged back then, as the audit would show).
      await t.db.write((tx) => tx.query(`UPDATE problems SET deadline = '2020-01-31' WHERE id = $1`, [created.id]));
      const fixed = await pm.send<Problem>('POST', `/api/problems/${created.id}/fix`, { version: created.version, note: '已整改' });
      expect(fixed.body).toMatchObject({ status: 'fixed', overdue: false, fixedLate: true });
      const [entry] = (await t.json<AuditEntry[]>(`/api/problems/${created.id}/history`)).body;
      expect(entry).toMatchObject({ action: 'fix', oldValue: { fixedLate: false }, newValue: { fixedLate: true } });
      const closed = await admin.send<Problem>('POST', `/api/problems/${created.id}/close`, { version: fixed.body.version });
      expect(closed.body).toMatchObject({ status: 'closed', fixedLate: true });
      const listed = (await t.json<Problem[]>('/api/problems?status=closed')).body.find((p) => p.id === created.id);
      expect(listed?.fixedLate).toBe(true);
    });

    it('calls a fix in time not late', async () => {
      const created = (await pm.send<Problem>('POST', '/api/problems', body(chinaToday()))).body;
      const fixed = await pm.send<Problem>('POST', `/api/problems/${created.id}/fix`, { version: created.version });
      expect(fixed.body.fixedLate).toBe(false);
    });
  });
});
