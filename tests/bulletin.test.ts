// The monthly bulletin on a small constructed history: progress reports dated in 2019, edits made
// today, and what each month-end ranking must make of them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProjectView, SiteView, VillageView } from '../common/api';
import { addMonths, lastDayOf, type Bulletin } from '../common/bulletin';
import { chinaToday } from '../common/problems';
import { BACKENDS, createTestApp } from './helpers/app';
import { letDeadlinePass } from './helpers/problems';
import { login, type Session } from './helpers/session';
import { readSheet } from './helpers/xlsx';

const TOWNSHIP = '140721101';
const round2 = (n: number) => Math.round(n * 100) / 100;

describe.each(BACKENDS)('monthly bulletin on %s', (backend) => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let pm: Session, admin: Session;
  let roads: ProjectView[];
  let first: ProjectView, second: ProjectView;
  let laterExit: VillageView;
  let site: SiteView;

  beforeAll(async () => {
    t = await createTestApp(backend);
    [pm, admin] = await Promise.all(['xiangmu', 'admin'].map((u) => login(t.request, u)));
    // These tests build their own reporting history, so the demo's month-end reports are cleared first.
    await t.db.write((tx) => tx.query('DELETE FROM project_progress'));
    roads = (await t.json<ProjectView[]>(`/api/projects?kind=road&township=${TOWNSHIP}`)).body.filter((p) => p.plannedKm);
    [first, second] = roads;
    const report = async (p: ProjectView, recordedOn: string, share: number, spent: number) => {
      const current = (await t.json<ProjectView>(`/api/projects/${p.id}`)).body;
      const res = await pm.send('POST', `/api/projects/${p.id}/progress`, {
        version: current.version, recordedOn, doneKm: round2(p.plannedKm! * share), spent, status: share >= 1 ? 'completed' : 'under_construction',
        // The history starts again below the demo's present figures.
        reason: '重建报告历史',
      });
      expect(res.status).toBe(201);
    };
    // May: the first road a quarter done; June: half done, and the second road starts.
    await report(first, '2019-05-20', 0.25, 100_000);
    await report(first, '2019-06-28', 0.5, 300_000);
    await report(second, '2019-06-10', 0.2, 50_000);

    // Marked exited today, for 2019: the 2019 bulletins were issued before anyone knew.
    laterExit = (await t.json<VillageView[]>(`/api/villages?township=${TOWNSHIP}`)).body.find((v) => v.villageClass !== 'non_poor' && v.actualExitYear === null)!;
    expect((await admin.send('PATCH', `/api/villages/${laterExit.code}`, { version: laterExit.version, actualExitYear: 2019 })).status).toBe(200);
    site = (await t.json<SiteView[]>(`/api/sites?township=${TOWNSHIP}`)).body[0];
    expect((await admin.send('PATCH', `/api/sites/${site.id}`, { version: site.version, movedHouseholds: 0, movedPersons: 0, stableHouseholds: 0, demolishedHouseholds: 0 })).status).toBe(200);
  });
  afterAll(() => t.close());

  const bulletin = async (month?: string) => {
    const res = await t.json<Bulletin>(`/api/bulletin${month ? `?month=${month}` : ''}`);
    expect(res.status).toBe(200);
    return res.body;
  };
  const rowOf = (b: Bulletin) => b.rows.find((r) => r.code === TOWNSHIP)!;
  const plannedKm = () => roads.reduce((a, p) => a + p.plannedKm!, 0);

  it('takes each project from its latest report on or before the month end, and counts the rest as not reported', async () => {
    const june = await bulletin('2019-06');
    expect(june).toMatchObject({ month: '2019-06', previousMonth: '2019-05', monthEnd: '2019-06-30', current: false });
    const row = rowOf(june);
    expect(row.plannedKm).toBeCloseTo(plannedKm(), 6);
    expect(row.doneKm).toBeCloseTo(round2(first.plannedKm! * 0.5) + round2(second.plannedKm! * 0.2), 6);
    expect(row.spent).toBe(350_000);
    expect(row.previous.doneKm).toBeCloseTo(round2(first.plannedKm! * 0.25), 6);
    expect(row.previous.spent).toBe(100_000);
    expect(row.kmProgress! - row.previous.kmProgress!).toBeGreaterThan(0);
    const township = (await t.json<ProjectView[]>(`/api/projects?township=${TOWNSHIP}`)).body;
    const due = township.filter((p) => p.plannedStart <= '2019-06-30' && p.id !== first.id && p.id !== second.id).length;
    expect(row.unreportedProjects).toBe(due);
    expect(row.fundsProgress).toBeCloseTo(350_000 / township.reduce((a, p) => a + p.budget, 0), 12);
  });

  it('counts exits from the December of their year, and undoes edits made after the month end', async () => {
    const villages = (await t.json<VillageView[]>(`/api/villages?township=${TOWNSHIP}`)).body.filter((v) => v.villageClass !== 'non_poor');
    const exitedBy = (year: number) => villages.filter((v) => v.code !== laterExit.code && v.actualExitYear !== null && v.actualExitYear <= year).length;
    const december = rowOf(await bulletin('2019-12'));
    expect(december.poorVillages).toBe(villages.length);
    expect(december.exitedVillages).toBe(exitedBy(2019));
    expect(december.previous.exitedVillages).toBe(exitedBy(2018));
    // The site's occupancy as it stood then, not the zero entered today.
    expect(december.relocation.occupancyRate).toBeCloseTo(site.movedHouseholds / site.plannedHouseholds, 12);

    const now = rowOf(await bulletin());
    expect(now.exitedVillages).toBe(exitedBy(2019) + (villages.filter((v) => v.actualExitYear === 2020).length) + 1);
    expect(now.relocation.occupancyRate).toBe(0);
  });

  it('uses live figures in the month in progress, and ranks by the mean of the four indicators', async () => {
    const b = await bulletin();
    expect(b.month).toBe(chinaToday().slice(0, 7));
    expect(b.current).toBe(true);
    expect(b.previousMonth).toBe(addMonths(b.month, -1));
    expect(b.monthEnd).toBe(lastDayOf(b.month));
    const live = (await t.json<ProjectView[]>(`/api/projects?township=${TOWNSHIP}&kind=road`)).body.filter((p) => p.plannedKm);
    expect(rowOf(b).doneKm).toBeCloseTo(live.reduce((a, p) => a + (p.doneKm ?? 0), 0), 6);
    expect(rowOf(b).unreportedProjects).toBe(0);

    expect(b.rows.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    for (const r of b.rows) {
      const parts = [r.exitProgress, r.kmProgress, r.fundsProgress, r.relocationRate].filter((x): x is number => x !== null);
      if (parts.length === 0) expect(r.score).toBeNull();
      else expect(r.score).toBeCloseTo(parts.reduce((a, x) => a + x, 0) / parts.length, 12);
    }
    for (let i = 1; i < b.rows.length; i++) expect(b.rows[i - 1].score ?? -1).toBeGreaterThanOrEqual(b.rows[i].score ?? -1);
    expect(b.county.poorVillages).toBe(b.rows.reduce((a, r) => a + r.poorVillages, 0));
  });

  it('counts problems open at the month end', async () => {
    const logged = await admin.send<{ id: number }>('POST', '/api/problems', {
      entityType: 'project', entityId: String(first.id), title: '进度滞后', source: 'inspection', responsibleUnit: '云簇镇政府', deadline: chinaToday(),
    });
    await letDeadlinePass(t.db, logged.body.id, '2019-01-31');
    expect(rowOf(await bulletin())).toMatchObject({ openProblems: 1, overdueProblems: 1 });
    expect(rowOf(await bulletin('2019-12'))).toMatchObject({ openProblems: 0, overdueProblems: 0 });
  });

  it('downloads the bulletin as Excel, ranked, with the county total at the foot', async () => {
    const b = await bulletin('2019-06');
    const res = await t.request('/api/export/bulletin.xlsx?month=2019-06');
    expect(res.status).toBe(200);
    const { name, rows } = await readSheet(await res.arrayBuffer());
    expect(name).toBe('2019年6月通报');
    expect(String(rows[0][0])).toContain('2019年6月');
    const header = rows[2] as string[];
    const data = rows.slice(3);
    expect(data.map((r) => r[header.indexOf('乡镇')])).toEqual([...b.rows.map((r) => r.name), '榆社县合计']);
    const mine = data.find((r) => r[header.indexOf('乡镇')] === rowOf(b).name)!;
    expect(mine[header.indexOf('排名')]).toBe(rowOf(b).rank);
    expect(mine[header.indexOf('里程进度')]).toBeCloseTo(rowOf(b).kmProgress!, 12);
    expect(mine[header.indexOf('里程进度') + 1]).toBeCloseTo(rowOf(b).kmProgress! - rowOf(b).previous.kmProgress!, 12);
  });

  it('refuses malformed and future months', async () => {
    for (const month of ['2019-13', '2019-6', 'abc', addMonths(chinaToday().slice(0, 7), 1), '2013-12']) {
      const res = await t.json(`/api/bulletin?month=${month}`);
      expect(res.status, month).toBe(400);
      expect(res.body.error.messageEn).toMatch(/Invalid/);
    }
  });
});
