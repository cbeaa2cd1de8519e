// Annual targets on the demo county: progress counted from the data, the behind-schedule flag, edits
// by the poverty office (published live), and the targets workbook (template, preview, all or nothing).
import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TargetImportPreview, TargetsAnswer } from '../common/targets';
import { ensureDataset } from '../server/bootstrap';
import { loadConfig } from '../server/config';
import { BACKENDS, createTestApp } from './helpers/app';
import { login, type Session } from './helpers/session';
import { upload } from './helpers/upload';

const COUNTY = '140721';
const TOWNSHIP = '140721100';

const target = (answer: TargetsAnswer, measure: string) => answer.area.targets.find((t) => t.measure === measure)!;

async function workbook(rows: (string | number | null)[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('目标');
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('a demo dataset file written before targets existed', () => {
  it('still seeds the demo targets, computed from the file as it is', async () => {
    const config = loadConfig({});
    const current = await ensureDataset(config);
    const dir = mkdtempSync(join(tmpdir(), 'fupin-gen-'));
    const { targets, ...older } = current;
    writeFileSync(join(dir, `${config.COUNTY_CODE}.json`), JSON.stringify(older));
    const read = await ensureDataset({ ...config, GENERATED_DIR: dir });
    expect(read.targets).toEqual(targets);
    rmSync(dir, { recursive: true });
  });
});

describe.each(BACKENDS)('annual targets on %s', (backend) => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let office: Session, leader: Session;

  beforeAll(async () => {
    t = await createTestApp(backend, { households: true });
    [office, leader] = await Promise.all([login(t.request, 'fupin'), login(t.request, 'leader')]);
  });
  afterAll(() => t.close());

  it('shows the demo targets of the last demo year with progress counted from the data', async () => {
    const { status, body } = await t.json<TargetsAnswer>('/api/targets');
    expect(status).toBe(200);
    expect(body.year).toBe(2019);
    expect(body.years).toEqual([2019]);
    expect(body.area).toMatchObject({ code: COUNTY, level: 'county', elapsedShare: 1, demo: true });

    const villages = t.dataset.villages.map((v) => v.properties);
    const exited2019 = villages.filter((v) => v.villageClass !== 'non_poor' && v.actualExitYear === 2019).length;
    expect(target(body, 'villages_exited').actual).toBe(exited2019);
    const relocated = t.dataset.sites.reduce((a, s) => a + s.movedPersons, 0);
    expect(target(body, 'persons_relocated')).toMatchObject({ actual: relocated, share: relocated / t.dataset.sites.reduce((a, s) => a + s.plannedPersons, 0) });
    const incidence = villages.reduce((a, v) => a + v.poorPersons, 0) / villages.reduce((a, v) => a + v.ruralPopulation, 0);
    expect(target(body, 'poverty_incidence').actual).toBeCloseTo(incidence, 10);
    // The portal has no base-station data: the target stands alone.
    expect(target(body, 'base_stations')).toMatchObject({ actual: null, status: 'no_data' });
    // 2019 is over: anything short of 95 % of its target is behind.
    for (const p of body.area.targets.filter((p) => p.share !== null)) {
      expect(p.status).toBe(p.share! >= 1 ? 'met' : p.share! < 0.95 ? 'behind' : 'on_track');
    }
    expect(body.area.targets.some((p) => p.status === 'behind')).toBe(true);
    expect(body.units.length).toBeGreaterThan(0);
    expect(body.units.every((u) => u.level === 'township' && u.code.startsWith(COUNTY))).toBe(true);
  });

  it('counts the road km done on the projects due that year, not others', async () => {
    const due = t.dataset.projects.filter((p) => p.subtype === 'upgrade' && p.plannedEnd.startsWith('2019'));
    const { body } = await t.json<TargetsAnswer>('/api/targets?year=2019');
    expect(target(body, 'road_upgrade_km').actual).toBeCloseTo(due.reduce((a, p) => a + (p.doneKm ?? 0), 0), 6);
  });

  it('counts the persons of the households that exited in the year', async () => {
    const [{ n }] = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM members m JOIN households h ON h.code = m.household_code WHERE h.year_exited = 2018`,
    );
    expect(n).toBeGreaterThan(0);
    expect((await office.send('PUT', `/api/targets/${COUNTY}/2018`, { targets: [{ measure: 'persons_lifted', value: n * 2 }] })).status).toBe(200);
    const { body } = await t.json<TargetsAnswer>('/api/targets?year=2018');
    expect(target(body, 'persons_lifted')).toMatchObject({ target: n * 2, actual: n, share: 0.5, status: 'behind' });
  });

  it('lets the poverty office set a township\'s targets, refuses a leader, and publishes the change', async () => {
    const body = { targets: [{ measure: 'bus_stops', value: 3 }, { measure: 'bus_coverage', value: 0.9 }] };
    expect((await leader.send('PUT', `/api/targets/${TOWNSHIP}/2020`, body)).status).toBe(403);
    expect((await office.send('PUT', `/api/targets/${TOWNSHIP}/2020`, { targets: [{ measure: 'bus_coverage', value: 90 }] })).status).toBe(400);
    expect((await office.send('PUT', '/api/targets/141000000/2020', body)).status).toBe(404);

    const before = await t.db.query<{ id: number }>('SELECT max(id)::int AS id FROM change_log');
    const res = await office.send<TargetsAnswer>('PUT', `/api/targets/${TOWNSHIP}/2020`, body);
    expect(res.status).toBe(200);
    expect(res.body.area).toMatchObject({ code: TOWNSHIP, level: 'township', year: 2020 });
    expect(res.body.area.targets.map((p) => [p.measure, p.target])).toEqual([['bus_stops', 3], ['bus_coverage', 0.9]]);
    const events = await t.db.query<{ event: { entity: string; id: string; by: string } }>('SELECT event FROM change_log WHERE id > $1', [before[0].id ?? 0]);
    expect(events.map((e) => e.event)).toEqual([expect.objectContaining({ entity: 'target', id: `${TOWNSHIP}/2020`, by: 'fupin' })]);
    const log = await t.db.query<{ measure: string; old_value: number | null; new_value: number }>(
      'SELECT measure, old_value, new_value FROM target_log WHERE area_code = $1 ORDER BY id', [TOWNSHIP],
    );
    expect(log).toEqual([{ measure: 'bus_stops', old_value: null, new_value: 3 }, { measure: 'bus_coverage', old_value: null, new_value: 0.9 }]);

    // The county view for 2020 lists the township among its units.
    const county = (await t.json<TargetsAnswer>('/api/targets?year=2020')).body;
    expect(county.units.map((u) => u.code)).toEqual([TOWNSHIP]);
  });

  it('follows a change of the data: a site moving people in raises persons relocated', async () => {
    const before = target((await t.json<TargetsAnswer>('/api/targets?year=2019')).body, 'persons_relocated').actual!;
    const admin = await login(t.request, 'admin');
    const site = (await t.json<{ id: number; version: number; movedPersons: number; movedHouseholds: number; completedHouseholds: number; stableHouseholds: number; demolishedHouseholds: number }[]>('/api/sites')).body[0];
    const res = await admin.send('PATCH', `/api/sites/${site.id}`, {
      version: site.version, movedPersons: site.movedPersons - 10, stableHouseholds: site.stableHouseholds, demolishedHouseholds: site.demolishedHouseholds,
    });
    expect(res.status).toBe(200);
    expect(target((await t.json<TargetsAnswer>('/api/targets?year=2019')).body, 'persons_relocated').actual).toBe(before - 10);
  });

  it('imports the targets workbook after a preview, all or nothing, and its template re-imports as no change', async () => {
    const template = await t.request('/api/targets/template.xlsx?year=2019');
    expect(template.status).toBe(200);
    const bytes = new Uint8Array(await template.arrayBuffer());
    const again = await upload(t.request, office, '/api/import/targets/preview', { name: 'targets.xlsx', bytes: bytes });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ errorCount: 0, changes: [], token: null });

    const bad = await workbook([
      ['区域代码', '区域名称', '年度', '危桥改造（座）', '建制村通客车率（%）'],
      [COUNTY, '榆社县', 2021, 12, 96],
      [TOWNSHIP, '', 2021, 2.5, ''],
      ['411702', '', 2021, 1, ''],
    ]);
    const refused = await upload(t.request, office, '/api/import/targets/preview', { name: 'bad.xlsx', bytes: bad });
    expect(refused.body.token).toBeNull();
    expect(refused.body.errors.map((e: { row: number; field: string }) => [e.row, e.field])).toEqual([[3, 'bridges_rebuilt'], [4, 'area']]);

    const good = await workbook([
      ['区域代码', '区域名称', '年度', '危桥改造（座）', '建制村通客车率（%）'],
      [COUNTY, '榆社县', 2021, 12, 96],
      [TOWNSHIP, '', 2021, 2, ''],
    ]);
    const preview = await upload<TargetImportPreview>(t.request, office, '/api/import/targets/preview', { name: 'good.xlsx', bytes: good });
    expect(preview.body.changes.map((c) => [c.area, c.measure, c.old, c.new])).toEqual([
      [COUNTY, 'bridges_rebuilt', null, 12], [COUNTY, 'bus_coverage', null, 0.96], [TOWNSHIP, 'bridges_rebuilt', null, 2],
    ]);
    const commit = await office.send('POST', '/api/import/targets/commit', { token: preview.body.token });
    expect(commit).toMatchObject({ status: 200, body: { applied: 3 } });
    const { body } = await t.json<TargetsAnswer>('/api/targets?year=2021');
    expect(target(body, 'bus_coverage').target).toBe(0.96);
    expect(body.units[0].targets[0]).toMatchObject({ measure: 'bridges_rebuilt', target: 2 });
  });

  it('adds the year\'s targets to the monthly bulletin\'s Excel, the behind ones marked', async () => {
    const res = await t.request('/api/export/bulletin.xlsx?month=2019-12');
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const sheet = wb.getWorksheet('2019年度目标任务')!;
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const { body } = await t.json<TargetsAnswer>('/api/targets?year=2019');
    // Title, note, header, then one row per target of the county and its townships.
    expect(rows.length - 3).toBe(body.area.targets.length + body.units.reduce((a, u) => a + u.targets.length, 0));
    const behind = body.area.targets.filter((p) => p.status === 'behind').length;
    expect(rows.slice(3).filter((r) => r[1] === COUNTY && r[6] === '落后于时序进度')).toHaveLength(behind);
  });

  it('refuses a commit when a target changed after the preview, writing nothing', async () => {
    const file = await workbook([['区域代码', '年度', '危桥改造（座）', '招呼站（个）'], [COUNTY, 2022, 5, 7]]);
    const preview = await upload<TargetImportPreview>(t.request, office, '/api/import/targets/preview', { name: 'x.xlsx', bytes: file });
    expect((await office.send('PUT', `/api/targets/${COUNTY}/2022`, { targets: [{ measure: 'bus_stops', value: 1 }] })).status).toBe(200);
    const commit = await office.send('POST', '/api/import/targets/commit', { token: preview.body.token });
    expect(commit.status).toBe(409);
    const { body } = await t.json<TargetsAnswer>('/api/targets?year=2022');
    expect(body.area.targets.map((p) => [p.measure, p.target])).toEqual([['bus_stops', 1]]);
  });
});
