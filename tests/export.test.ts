// Spreadsheet downloads: every layer with Chinese headers, parsing back to the rows the API serves.
import { booleanClockwise } from '@turf/turf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProjectView, SiteView, VillageView } from '../common/api';
import { BACKENDS, createTestApp } from './helpers/app';
import { chinaToday } from '../common/problems';
import { letDeadlinePass } from './helpers/problems';
import { login } from './helpers/session';
import { HEADER_ROW, readSheet } from './helpers/xlsx';

describe.each(BACKENDS)('Excel export on %s', (backend) => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    t = await createTestApp(backend);
  });
  afterAll(() => t.close());

  const download = async (file: string, cookie?: string) => {
    const res = await t.request(`/api/export/${file}`, cookie ? { headers: { Cookie: cookie } } : undefined);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="140721-.*\.xlsx"; filename\*=UTF-8''/);
    return readSheet(await res.arrayBuffer());
  };

  it('exports villages with Chinese headers, one row a village, as the API has them', async () => {
    const villages = (await t.json<VillageView[]>('/api/villages')).body;
    const { rows } = await download('villages.xlsx');
    expect(rows[0][0]).toContain('榆社县行政村统计表');
    expect(rows[1][0]).toContain('演示数据');
    const header = rows[HEADER_ROW] as string[];
    expect(header.slice(0, 4)).toEqual(['村代码', '村名称', '乡镇', '村类别']);
    const data = rows.slice(HEADER_ROW + 1);
    expect(data).toHaveLength(villages.length);
    const col = (name: string) => header.indexOf(name);
    for (const [i, v] of villages.entries()) {
      expect(data[i][col('村代码')]).toBe(v.code);
      expect(data[i][col('贫困人口')]).toBe(v.poorPersons);
      expect(data[i][col('基础设施完成率')]).toBeCloseTo(v.infraCompletion, 10);
    }
    expect(data.map((r) => r[col('乡镇')])).toContain('箕城镇');
  });

  it('exports sites and projects with their figures', async () => {
    const sites = (await t.json<SiteView[]>('/api/sites')).body;
    const { rows: siteRows } = await download('sites.xlsx');
    const siteHeader = siteRows[HEADER_ROW] as string[];
    expect(siteRows.slice(HEADER_ROW + 1).map((r) => [r[0], r[siteHeader.indexOf('搬迁入住率')]])).toEqual(sites.map((s) => [s.id, s.indicators.occupancyRate]));

    const projects = (await t.json<ProjectView[]>('/api/projects')).body;
    const { rows } = await download('projects.xlsx');
    const header = rows[HEADER_ROW] as string[];
    const data = rows.slice(HEADER_ROW + 1);
    expect(data).toHaveLength(projects.length);
    expect(data[0][header.indexOf('项目名称')]).toBe(projects[0].name);
    expect(data[0][header.indexOf('预算（元）')]).toBe(projects[0].budget);
    expect(new Set(data.map((r) => r[header.indexOf('状态')]))).toEqual(new Set(projects.map((p) => ({ planned: '计划', under_construction: '在建', completed: '完工', accepted: '已验收' })[p.status])));
  });

  it('exports the problem ledger with its overdue flag', async () => {
    const admin = await login(t.request, 'admin');
    const village = (await t.json<VillageView[]>('/api/villages')).body[3];
    const logged = await admin.send<{ id: number }>('POST', '/api/problems', {
      entityType: 'village', entityId: village.code, title: '危房改造未完成', source: 'complaint', responsibleUnit: '县住建局', deadline: chinaToday(),
    });
    expect((await t.request('/api/export/problems.xlsx')).status).toBe(401);
    await letDeadlinePass(t.db, logged.body.id, '2019-03-01');
    const { rows } = await download('problems.xlsx', admin.cookie);
    const header = rows[HEADER_ROW] as string[];
    const [row] = rows.slice(HEADER_ROW + 1);
    expect(row[header.indexOf('问题')]).toBe('危房改造未完成');
    expect(row[header.indexOf('对象')]).toBe(village.name);
    expect(row[header.indexOf('来源')]).toBe('群众投诉');
    expect(row[header.indexOf('是否逾期')]).toBe('逾期');
  });

  it('downloads GeoJSON layers as named files with RFC 7946 winding: exterior rings counterclockwise, holes clockwise', async () => {
    for (const layer of ['villages', 'townships', 'sites', 'projects']) {
      const res = await t.request(`/api/geojson/${layer}`);
      expect(res.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="140721-${layer}\\.geojson"; filename\\*=UTF-8''${encodeURIComponent('榆社县')}-${layer}-\\d{4}-\\d{2}-\\d{2}\\.geojson$`));
      const { features } = (await res.json()) as GeoJSON.FeatureCollection;
      const polygons = features.flatMap((f) => (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.type === 'MultiPolygon' ? f.geometry.coordinates : []));
      if (layer === 'villages' || layer === 'townships') expect(polygons.length).toBeGreaterThan(0);
      for (const [exterior, ...holes] of polygons) {
        expect(booleanClockwise(exterior)).toBe(false);
        for (const hole of holes) expect(booleanClockwise(hole)).toBe(true);
      }
    }
    const one = await t.request('/api/geojson/villages?township=140721100');
    expect(one.headers.get('content-disposition')).toContain('filename="140721-140721100-villages.geojson"');
  });

  it('refuses unknown layers', async () => {
    expect((await t.request('/api/export/users.xlsx')).status).toBe(400);
  });
});
