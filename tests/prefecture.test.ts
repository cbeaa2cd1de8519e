// A prefecture's portal (湘西州 433100) on the server: its counties ranked in the ranking and the
// monthly bulletin (and its Excel), and a user scoped to one county who sees that county only, in
// lists, figures, exports and single records, refused or answered "not found" outside it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangeEvent, CountyInfo, CountyView, ProjectView, SearchHit, SiteView, Summary, UnitRankRow, VillageView } from '../common/api';
import type { Bulletin } from '../common/bulletin';
import type { TargetsAnswer } from '../common/targets';
import { BACKENDS, createTestApp } from './helpers/app';
import { login, type Session } from './helpers/session';
import { sseReader } from './helpers/sse';
import { HEADER_ROW, readSheet } from './helpers/xlsx';

const JISHOU = '433101';
const LUXI = '433122';
const PASSWORD = 'Jishou-Office-2026!';

describe.each(BACKENDS)('a prefecture portal on %s', (backend) => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let admin: Session;
  let villages: VillageView[];
  beforeAll(async () => {
    t = await createTestApp(backend, { countyCode: '433100' });
    admin = await login(t.request, 'admin');
    villages = (await t.json<VillageView[]>('/api/villages')).body;
  }, 1_200_000);
  afterAll(() => t?.close());

  const poorVillagesOf = (county: string) => villages.filter((v) => v.code.startsWith(county) && v.villageClass !== 'non_poor').length;

  it('serves the prefecture with its eight counties', async () => {
    expect((await t.json<CountyInfo>('/api/county')).body).toMatchObject({ level: 'prefecture', code: '433100', name: '湘西土家族苗族自治州' });
    const counties = (await t.json<CountyView[]>('/api/counties')).body;
    expect(counties).toHaveLength(8);
    expect(villages).toHaveLength(counties.reduce((n, c) => n + c.villageCount, 0));
    const summary = (await t.json<Summary>('/api/stats/summary')).body;
    expect(summary.scope).toMatchObject({ level: 'prefecture', code: '433100' });
    expect(summary.villages.total).toBe(villages.length);
  });

  it('ranks the counties by exit progress, each with its own villages', async () => {
    const ranking = (await t.json<UnitRankRow[]>('/api/stats/units')).body;
    expect(ranking.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(ranking.map((r) => r.code).sort()).toEqual((await t.json<CountyView[]>('/api/counties')).body.map((c) => c.code));
    for (const r of ranking) expect(r.poorVillages, r.name).toBe(poorVillagesOf(r.code));
    const progress = ranking.map((r) => r.exitProgress ?? -1);
    expect(progress).toEqual([...progress].sort((a, b) => b - a));
  });

  it('ranks the counties in the monthly bulletin and its Excel, the prefecture at the foot', async () => {
    const b = (await t.json<Bulletin>('/api/bulletin?month=2019-12')).body;
    expect(b.level).toBe('county');
    expect(b.rows).toHaveLength(8);
    expect(b.rows.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const scores = b.rows.map((r) => r.score ?? -1);
    expect(scores).toEqual([...scores].sort((x, y) => y - x));
    for (const r of b.rows) {
      expect(r.poorVillages, r.name).toBe(poorVillagesOf(r.code));
      const county = villages.filter((v) => v.code.startsWith(r.code));
      expect(r.povertyIncidence, r.name).toBeCloseTo(county.reduce((n, v) => n + v.poorPersons, 0) / county.reduce((n, v) => n + v.ruralPopulation, 0), 12);
    }
    expect(b.county.poorVillages).toBe(b.rows.reduce((n, r) => n + r.poorVillages, 0));

    const res = await t.request('/api/export/bulletin.xlsx?month=2019-12');
    const { rows } = await readSheet(await res.arrayBuffer());
    const header = rows[HEADER_ROW] as string[];
    const unit = header.indexOf('县（市、区）');
    expect(unit).toBeGreaterThan(0);
    expect(rows.slice(HEADER_ROW + 1).map((r) => r[unit])).toEqual([...b.rows.map((r) => r.name), '湘西土家族苗族自治州合计']);
  });

  it('serves the prefecture plan\'s 2018 targets, and its counties\' targets as its units', async () => {
    const plan = (await t.json<TargetsAnswer>('/api/targets?year=2018')).body;
    expect(plan.area).toMatchObject({ code: '433100', level: 'prefecture' });
    expect(Object.fromEntries(plan.area.targets.map((p) => [p.measure, p.target]))).toMatchObject({ road_upgrade_km: 344, water_villages: 1110, poverty_incidence: 0.04 });
    // Each county's demo has targets of its own last year, counted over that county's data alone.
    const demo = (await t.json<TargetsAnswer>('/api/targets?year=2019')).body;
    expect(demo.units.length).toBeGreaterThan(0);
    expect(demo.units.every((u) => u.level === 'county' && u.code.startsWith('4331'))).toBe(true);
    const county = (await t.json<TargetsAnswer>(`/api/targets?area=${JISHOU}&year=2019`)).body;
    expect(county.area).toMatchObject({ code: JISHOU, level: 'county' });
    expect(county.units.every((u) => u.level === 'township' && u.code.startsWith(JISHOU))).toBe(true);
  });

  describe('a user scoped to one county', () => {
    let jishou: Session;
    let builder: Session;
    beforeAll(async () => {
      const created = await admin.send('POST', '/api/users', { username: 'jishou.fupin', displayName: '吉首市扶贫办', role: 'poverty_office', password: PASSWORD, scope: [JISHOU] });
      expect(created.status).toBe(201);
      expect(created.body.scope).toEqual([JISHOU]);
      expect((await admin.send('POST', '/api/users', { username: 'jishou.xiangmu', displayName: '吉首市项目办', role: 'project_manager', password: PASSWORD, scope: [JISHOU] })).status).toBe(201);
      jishou = await login(t.request, 'jishou.fupin', PASSWORD);
      builder = await login(t.request, 'jishou.xiangmu', PASSWORD);
    });

    it('may be created by an admin only for a county that exists, and never as an admin', async () => {
      const user = (scope: string[], role = 'viewer', username = 'x.county') => ({ username, displayName: 'x', role, password: PASSWORD, scope });
      expect((await admin.send('POST', '/api/users', user([JISHOU], 'admin'))).status).toBe(422);
      expect((await admin.send('POST', '/api/users', user(['433199']))).status).toBe(422);
      expect((await admin.send('POST', '/api/users', user([JISHOU, LUXI]))).status).toBe(422);
      expect((await jishou.send('POST', '/api/users', user([JISHOU]))).status).toBe(403);
    });

    it('sees their county as the portal, its figures, ranking and bulletin', async () => {
      expect((await jishou.send<CountyInfo>('GET', '/api/county')).body).toMatchObject({ level: 'county', code: JISHOU, name: '吉首市' });
      const summary = (await jishou.send<Summary>('GET', '/api/stats/summary')).body;
      expect(summary.scope).toMatchObject({ level: 'county', code: JISHOU });
      expect(summary.villages.poor).toBe(poorVillagesOf(JISHOU));
      const ranking = (await jishou.send<UnitRankRow[]>('GET', '/api/stats/units')).body;
      expect(ranking.length).toBeGreaterThan(0);
      expect(ranking.every((r) => r.code.startsWith(JISHOU) && r.code.length === 9)).toBe(true);
      const b = (await jishou.send<Bulletin>('GET', '/api/bulletin')).body;
      expect(b.level).toBe('township');
      expect(b.rows.every((r) => r.code.startsWith(JISHOU))).toBe(true);
      expect((await jishou.send<CountyView[]>('GET', '/api/counties')).body.map((c) => c.code)).toEqual([JISHOU]);
    });

    it('reads and sets targets of their county only', async () => {
      const own = (await jishou.send<TargetsAnswer>('GET', '/api/targets?year=2019')).body;
      expect(own.area).toMatchObject({ code: JISHOU, level: 'county' });
      expect((await jishou.send('GET', `/api/targets?area=${LUXI}`)).status).toBe(404);
      expect((await jishou.send('GET', '/api/targets?area=433100')).status).toBe(404);
      expect((await jishou.send('PUT', `/api/targets/${LUXI}/2019`, { targets: [{ measure: 'villages_exited', value: 3 }] })).status).toBe(404);
      const set = await jishou.send<TargetsAnswer>('PUT', `/api/targets/${JISHOU}/2020`, { targets: [{ measure: 'villages_exited', value: 3 }] });
      expect(set.status).toBe(200);
      expect(set.body.area.targets.map((p) => [p.measure, p.target])).toEqual([['villages_exited', 3]]);
    });

    it('finds nothing of another county in lists, search and exports', async () => {
      const own = (await jishou.send<VillageView[]>('GET', '/api/villages')).body;
      expect(own.length).toBe(villages.filter((v) => v.code.startsWith(JISHOU)).length);
      expect(own.every((v) => v.code.startsWith(JISHOU))).toBe(true);
      for (const path of ['/api/sites', '/api/projects', '/api/townships', '/api/problems']) {
        const list = (await jishou.send<{ townshipCode?: string; code?: string }[]>('GET', path)).body;
        expect(list.every((r) => (r.townshipCode ?? r.code)!.startsWith(JISHOU)), path).toBe(true);
      }
      expect((await jishou.send<SiteView[]>('GET', '/api/sites')).body.length).toBeGreaterThan(0);
      const other = villages.find((v) => v.code.startsWith(LUXI))!;
      expect((await jishou.send<SearchHit[]>('GET', `/api/search?q=${encodeURIComponent(other.name)}`)).body.filter((h) => h.code === other.code)).toEqual([]);
      const geojson = (await jishou.send<GeoJSON.FeatureCollection>('GET', '/api/geojson/villages')).body;
      expect(geojson.features.every((f) => String(f.properties!.code).startsWith(JISHOU))).toBe(true);
      const sheet = await readSheet(await (await t.request('/api/export/villages.xlsx', { headers: { Cookie: jishou.cookie } })).arrayBuffer());
      const codes = sheet.rows.slice(HEADER_ROW + 1).map((r) => String(r[0]));
      expect(codes.length).toBe(own.length);
      expect(codes.every((c) => c.startsWith(JISHOU))).toBe(true);
    });

    it('is refused, or told "not found", for another county’s records and figures', async () => {
      const other = villages.find((v) => v.code.startsWith(LUXI))!;
      const mine = villages.find((v) => v.code.startsWith(JISHOU))!;
      expect((await jishou.send('GET', `/api/villages/${other.code}`)).status).toBe(404);
      expect((await jishou.send('GET', `/api/villages/${mine.code}`)).status).toBe(200);
      expect((await jishou.send('GET', `/api/villages/${other.code}/history`)).status).toBe(404);
      expect((await jishou.send('GET', `/api/stats/summary?county=${LUXI}`)).status).toBe(403);
      expect((await jishou.send('GET', `/api/stats/summary?township=${other.townshipCode}`)).status).toBe(403);
      expect((await jishou.send('GET', '/api/stats/summary?scope=national')).status).toBe(403);
      expect((await jishou.send('GET', `/api/stats/units?county=${LUXI}`)).status).toBe(404);
      const projects = (await admin.send<ProjectView[]>('GET', '/api/projects')).body;
      const theirs = projects.find((p) => p.townshipCode.startsWith(LUXI))!;
      expect((await jishou.send('GET', `/api/projects/${theirs.id}`)).status).toBe(404);
      const report = { version: theirs.version, recordedOn: '2019-06-30', progressPct: 100, status: 'completed' };
      expect((await builder.send('POST', `/api/projects/${theirs.id}/progress`, report)).status).toBe(404);
      expect((await admin.send<ProjectView>('GET', `/api/projects/${theirs.id}`)).body.version).toBe(theirs.version);
      const sites = (await admin.send<SiteView[]>('GET', '/api/sites')).body;
      expect((await jishou.send('GET', `/api/sites/${sites.find((s) => s.townshipCode.startsWith(LUXI))!.id}`)).status).toBe(404);
    });

    it('hears live changes of their county only', async () => {
      const sites = (await admin.send<SiteView[]>('GET', '/api/sites')).body;
      const edit = async (site: SiteView) => {
        const { version, movedHouseholds, stableHouseholds, demolishedHouseholds } = (await admin.send<SiteView>('GET', `/api/sites/${site.id}`)).body;
        const moved = movedHouseholds > 0 ? movedHouseholds - 1 : 1;
        const res = await admin.send('PATCH', `/api/sites/${site.id}`, {
          version, movedHouseholds: moved, stableHouseholds: Math.min(stableHouseholds, moved), demolishedHouseholds: Math.min(demolishedHouseholds, moved),
        });
        expect(res.status).toBe(200);
      };
      const open = async (session: Session) => {
        const stream = sseReader((await t.request('/api/events', { headers: { Cookie: session.cookie } })).body!);
        await stream.nextOf('hello');
        return stream;
      };
      const [scoped, whole] = [await open(jishou), await open(admin)];
      const [luxi, own] = [sites.find((x) => x.townshipCode.startsWith(LUXI))!, sites.find((x) => x.townshipCode.startsWith(JISHOU))!];
      await edit(luxi);
      await edit(own);
      const ids = async (stream: ReturnType<typeof sseReader>, n: number) => {
        const seen: string[] = [];
        for (let i = 0; i < n; i++) seen.push((JSON.parse((await stream.nextOf('change')).data) as ChangeEvent).id);
        return seen;
      };
      expect(await ids(whole, 2)).toEqual([String(luxi.id), String(own.id)]);
      expect(await ids(scoped, 1)).toEqual([String(own.id)]);
      await Promise.all([scoped.cancel(), whole.cancel()]);
    });

    it('leaves anonymous readers and unscoped users the whole prefecture', async () => {
      expect((await t.json<CountyInfo>('/api/county')).body.code).toBe('433100');
      expect((await admin.send<CountyInfo>('GET', '/api/county')).body.code).toBe('433100');
      expect((await admin.send<VillageView[]>('GET', '/api/villages')).body).toHaveLength(villages.length);
    });
  });
});
