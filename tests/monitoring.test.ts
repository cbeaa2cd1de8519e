import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangeEvent } from '../common/api';
import type { HouseholdMonitoring, MonitoringCaseDetail, MonitoringFigures, Page, WarningView } from '../common/monitoring';
import { monthlyRun } from '../server/services/warning-run';
import { BACKENDS, createTestApp } from './helpers/app';
import { login, type Session } from './helpers/session';
import { sseReader } from './helpers/sse';
import { readSheet } from './helpers/xlsx';

const TEAM_HOUSEHOLD = '1407211002000001';
const OTHER_TOWNSHIP_HOUSEHOLD = '1407212002000001';
const reason = (s: string) => `${s}：入户核实`;

describe.each(BACKENDS)('monitoring on %s', (backend) => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let as: Record<'admin' | 'fupin' | 'xiangzhen' | 'zhucun' | 'bangfu' | 'leader' | 'xiangmu', Session>;
  beforeAll(async () => {
    t = await createTestApp(backend, { households: true });
    const names = ['admin', 'fupin', 'xiangzhen', 'zhucun', 'bangfu', 'leader', 'xiangmu'] as const;
    as = Object.fromEntries(await Promise.all(names.map(async (n) => [n, await login(t.request, n)]))) as typeof as;
  }, 120_000);
  afterAll(() => t.close());

  const step = (who: Session, c: MonitoringCaseDetail, action: string) =>
    who.send<MonitoringCaseDetail>('POST', `/api/monitoring/cases/${c.id}/steps`, { action, reason: reason(action), version: c.version });

  it('walks a case from 申报 to 风险消除, each step by its role, dated and with its reason', async () => {
    const declared = await as.zhucun.send<MonitoringCaseDetail>('POST', '/api/monitoring/cases', {
      householdCode: TEAM_HOUSEHOLD, type: 'sudden', way: 'self_declared', reason: '户主突发重病，申请纳入监测',
    });
    expect(declared.status).toBe(201);
    expect(declared.body).toMatchObject({ stage: 'reported', way: 'self_declared', actions: ['village_review', 'reject'] });
    expect(declared.body.headName).toMatch(/\*/);

    let c = declared.body;
    // out of order: the county cannot confirm before the village and township
    const early = await step(as.fupin, c, 'county_confirm');
    expect(early.status).toBe(409);
    expect((early.body as unknown as { error: { message: string } }).error.message).toContain('已申报/排查');
    // wrong role at the right stage
    expect((await step(as.xiangzhen, c, 'village_review')).status).toBe(403);

    for (const [who, action] of [[as.zhucun, 'village_review'], [as.xiangzhen, 'township_check'], [as.fupin, 'county_confirm'], [as.zhucun, 'start_assistance'], [as.fupin, 'remove_risk']] as const) {
      const r = await step(who, c, action);
      expect(r.status, `${action}: ${JSON.stringify(r.body)}`).toBe(200);
      c = r.body;
    }
    expect(c.stage).toBe('risk_removed');
    expect(c.steps.map((s) => s.toStage)).toEqual(['reported', 'village_reviewed', 'township_checked', 'county_confirmed', 'assisting', 'risk_removed']);
    expect(c.steps.map((s) => s.by)).toEqual(['zhucun', 'zhucun', 'xiangzhen', 'fupin', 'zhucun', 'fupin']);
    for (const s of c.steps) expect(Date.parse(s.at)).toBeGreaterThan(0);
    expect(c.steps[1].reason).toBe(reason('village_review'));
    // a stale version is refused
    expect((await as.fupin.send('POST', `/api/monitoring/cases/${c.id}/steps`, { action: 'remove_risk', reason: 'again', version: 1 })).status).toBe(409);
    // the household may be reported again now the case is over
    const card = await as.zhucun.send<HouseholdMonitoring>('GET', `/api/monitoring/households/${TEAM_HOUSEHOLD}`);
    expect(card.body.canDeclare).toBe(true);
    expect(card.body.cases[0].actions).toEqual([]);
  });

  it('refuses a second open case, a reason-less step, and 脱贫不稳定户 for a household that never exited', async () => {
    const code = '1407211002000002';
    const first = await as.zhucun.send('POST', '/api/monitoring/cases', { householdCode: code, type: 'sudden', way: 'cadre_visit', reason: '走访发现' });
    expect(first.status).toBe(201);
    expect((await as.zhucun.send('POST', '/api/monitoring/cases', { householdCode: code, type: 'sudden', way: 'cadre_visit', reason: '再报' })).status).toBe(409);
    expect((await as.zhucun.send('POST', `/api/monitoring/cases/${first.body.id}/steps`, { action: 'village_review', reason: '', version: 1 })).status).toBe(400);
    const [registered] = await t.db.query<{ code: string }>(
      "SELECT code FROM households WHERE village_code = '140721100200' AND year_exited IS NULL AND code <> $1 LIMIT 1", [code],
    );
    const wrong = await as.zhucun.send('POST', '/api/monitoring/cases', { householdCode: registered.code, type: 'unstable', way: 'cadre_visit', reason: '走访' });
    expect(wrong.status).toBe(422);
  });

  it('keeps another township’s households, cases and warnings out of reach', async () => {
    expect((await as.xiangzhen.send('POST', '/api/monitoring/cases', {
      householdCode: OTHER_TOWNSHIP_HOUSEHOLD, type: 'sudden', way: 'cadre_visit', reason: '越权申报',
    })).status).toBe(404);
    const other = await as.fupin.send<MonitoringCaseDetail>('POST', '/api/monitoring/cases', {
      householdCode: OTHER_TOWNSHIP_HOUSEHOLD, type: 'sudden', way: 'cadre_visit', reason: '县扶贫办排查',
    });
    expect(other.status).toBe(201);
    expect((await step(as.xiangzhen, other.body, 'village_review')).status).toBe(404);
    expect((await as.xiangzhen.send('GET', `/api/monitoring/households/${OTHER_TOWNSHIP_HOUSEHOLD}`)).status).toBe(404);
    const list = await as.xiangzhen.send<Page<MonitoringCaseDetail>>('GET', '/api/monitoring/cases?pageSize=200');
    expect(list.body.items.length).toBeGreaterThan(0);
    expect(list.body.items.every((c) => c.householdCode.startsWith('140721100'))).toBe(true);
    const county = await as.fupin.send<Page<MonitoringCaseDetail>>('GET', '/api/monitoring/cases?pageSize=200');
    expect(county.body.items.some((c) => c.householdCode === OTHER_TOWNSHIP_HOUSEHOLD)).toBe(true);
    const figures = await as.xiangzhen.send<MonitoringFigures[]>('GET', '/api/monitoring/figures?level=township');
    expect(figures.body.map((f) => f.code)).toEqual(['140721100']);
    expect((await t.request('/api/monitoring/cases')).status).toBe(401);
    expect((await as.xiangmu.send('GET', '/api/monitoring/cases')).status).toBe(403);
  });

  it("adds the monitoring figures of the user's scope to the bulletin's Excel, and none for who may not see households", async () => {
    const figures = (await as.xiangzhen.send<MonitoringFigures[]>('GET', '/api/monitoring/figures?level=township')).body;
    const res = await t.request('/api/export/bulletin.xlsx', { headers: { Cookie: as.xiangzhen.cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('Cache-Control')).toContain('no-store');
    const { rows } = await readSheet(await res.arrayBuffer(), '防返贫动态监测');
    const header = rows[2] as string[];
    const data = rows.slice(3);
    // Their one township (its name from the bulletin), then the total: no other township's row.
    expect(data).toHaveLength(2);
    expect(data[0][header.indexOf('监测户')]).toBe(figures[0].monitored);
    expect(data[0][header.indexOf('待核实预警')]).toBe(figures[0].openWarnings);
    expect(data[1][header.indexOf('建档立卡户')]).toBe(figures[0].registered);
    for (const who of [undefined, as.xiangmu]) {
      const other = await t.request('/api/export/bulletin.xlsx', { headers: who ? { Cookie: who.cookie } : {} });
      expect((await readSheet(await other.arrayBuffer())).sheets).not.toContain('防返贫动态监测');
    }
  });

  it('raises warnings from the rules once per household and rule, scoped, and verifies them', async () => {
    expect((await as.xiangzhen.send('POST', '/api/monitoring/warnings/run', {})).status).toBe(403);
    const run = await as.fupin.send<{ raised: number }>('POST', '/api/monitoring/warnings/run', { asOf: '2026-01-10' });
    expect(run.status).toBe(200);
    expect(run.body.raised).toBeGreaterThan(0);
    const again = await as.fupin.send<{ raised: number }>('POST', '/api/monitoring/warnings/run', { asOf: '2026-01-10' });
    expect(again.body.raised).toBe(0);

    const mine = await as.xiangzhen.send<Page<WarningView>>('GET', '/api/monitoring/warnings?status=open&pageSize=200');
    expect(mine.body.total).toBeGreaterThan(0);
    expect(mine.body.items.every((w) => w.householdCode.startsWith('140721100') && w.headName.includes('*'))).toBe(true);
    // raised on 2026-01-10 with 15 days to verify: overdue today
    expect(mine.body.items[0]).toMatchObject({ raisedOn: '2026-01-10', deadline: '2026-01-25', overdue: true });

    const [dismiss, confirm] = mine.body.items.filter((w, i, all) => all.findIndex((x) => x.householdCode === w.householdCode) === i);
    const dismissed = await as.xiangzhen.send<WarningView>('POST', `/api/monitoring/warnings/${dismiss.id}/verify`, { outcome: 'dismiss', reason: '入户核实，收入已恢复' });
    expect(dismissed.body).toMatchObject({ status: 'dismissed', resolvedBy: 'xiangzhen', overdue: false });
    expect((await as.xiangzhen.send('POST', `/api/monitoring/warnings/${dismiss.id}/verify`, { outcome: 'dismiss', reason: '再次' })).status).toBe(409);
    const confirmed = await as.xiangzhen.send<WarningView>('POST', `/api/monitoring/warnings/${confirm.id}/verify`, { outcome: 'confirm', type: 'sudden', reason: '核实属实' });
    expect(confirmed.body.status).toBe('confirmed');
    const card = await as.xiangzhen.send<HouseholdMonitoring>('GET', `/api/monitoring/households/${confirm.householdCode}`);
    expect(card.body.cases[0]).toMatchObject({ id: confirmed.body.caseId, way: 'department_screening', stage: 'reported' });

    const otherWarnings = await as.fupin.send<Page<WarningView>>('GET', '/api/monitoring/warnings?status=open&pageSize=1&village=140721200200');
    if (otherWarnings.body.total > 0) {
      expect((await as.xiangzhen.send('POST', `/api/monitoring/warnings/${otherWarnings.body.items[0].id}/verify`, { outcome: 'dismiss', reason: '越权' })).status).toBe(404);
    }
    const overdue = await as.fupin.send<MonitoringFigures[]>('GET', '/api/monitoring/figures?level=county');
    expect(overdue.body[0].overdueWarnings).toBeGreaterThan(0);
  });

  it('runs the month once however many instances try', async () => {
    const now = new Date('2031-03-05T03:00:00Z');
    const results = await Promise.all([monthlyRun(t.db, '140721', 'a', now), monthlyRun(t.db, '140721', 'b', now), monthlyRun(t.db, '140721', 'c', now)]);
    expect(results.filter((r) => r !== null)).toHaveLength(1);
    expect(await monthlyRun(t.db, '140721', 'd', now)).toBeNull();
  });

  it('tells a township cadre’s screen of changes in their township only, with no household in the event', async () => {
    const open = async (s: Session) => {
      const res = await t.request('/api/events', { headers: { Cookie: s.cookie } });
      const stream = sseReader(res.body!);
      await stream.nextOf('hello');
      return stream;
    };
    const cadre = await open(as.xiangzhen);
    const county = await open(as.fupin);
    const anonymousRes = await t.request('/api/events');
    const anonymous = sseReader(anonymousRes.body!);
    await anonymous.nextOf('hello');

    const free = async (village: string) => {
      const [row] = await t.db.query<{ code: string }>(
        `SELECT h.code FROM households h WHERE h.village_code = $1
           AND NOT EXISTS (SELECT 1 FROM monitoring_cases c WHERE c.household_code = h.code) ORDER BY h.code LIMIT 1`,
        [village],
      );
      return row.code;
    };
    const elsewhere = await as.fupin.send('POST', '/api/monitoring/cases', { householdCode: await free('140721200200'), type: 'sudden', way: 'cadre_visit', reason: '他乡镇' });
    const here = await as.zhucun.send('POST', '/api/monitoring/cases', { householdCode: await free('140721100200'), type: 'sudden', way: 'cadre_visit', reason: '本乡镇' });
    expect([elsewhere.status, here.status]).toEqual([201, 201]);
    // a public change last, so every stream has something to end on
    const problem = await as.admin.send('POST', '/api/problems', {
      entityType: 'village', entityId: '140721100200', title: '测试', description: '', source: 'inspection', responsibleUnit: '乡', deadline: '2035-01-01',
    });
    expect(problem.status, JSON.stringify(problem.body)).toBe(201);

    const until = async (stream: ReturnType<typeof sseReader>) => {
      const seen: ChangeEvent[] = [];
      for (;;) {
        const e = JSON.parse((await stream.nextOf('change')).data) as ChangeEvent;
        seen.push(e);
        if (e.entity === 'problem') return seen;
      }
    };
    const [c, f, a] = await Promise.all([until(cadre), until(county), until(anonymous)]);
    expect(c.filter((e) => e.entity === 'monitoring').map((e) => e.township)).toEqual(['140721100']);
    expect(f.filter((e) => e.entity === 'monitoring').map((e) => e.township)).toEqual(['140721200', '140721100']);
    expect(a.filter((e) => e.entity === 'monitoring')).toEqual([]);
    for (const e of f) expect(JSON.stringify(e)).not.toMatch(/\d{16}/);
    await Promise.all([cadre, county, anonymous].map((s) => s.cancel()));
  });
});
