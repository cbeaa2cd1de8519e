import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CountyInfo, SearchHit, SiteView, Summary, TownshipRankRow, TownshipView, VillageView } from '../common/api';
import { BACKENDS, createTestApp } from './helpers/app';

describe.each(BACKENDS)('read API on %s', (backend) => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    t = await createTestApp(backend);
  });
  afterAll(() => t.close());

  describe('geography', () => {
    it('returns Yushe county with a bbox around its townships', async () => {
      const { status, body } = await t.json<CountyInfo>('/api/county');
      expect(status).toBe(200);
      expect(body).toMatchObject({ code: '140721', name: '榆社县', demo: true });
      const [w, s, e, n] = body.bbox;
      expect(w).toBeGreaterThan(112.5);
      expect(e).toBeLessThan(113.5);
      expect(s).toBeGreaterThan(36.8);
      expect(n).toBeLessThan(37.5);
    });

    it('lists the 8 real townships with their village counts summing to 179', async () => {
      const { body } = await t.json<TownshipView[]>('/api/townships');
      expect(body.map((x) => x.name)).toEqual(['箕城镇', '云簇镇', '郝北镇', '社城镇', '河峪乡', '北寨乡', '西马乡', '城区']);
      expect(body.reduce((a, x) => a + x.villageCount, 0)).toBe(179);
    });

    it('searches by name and by code prefix, townships first', async () => {
      const byName = await t.json<SearchHit[]>(`/api/search?q=${encodeURIComponent('城关')}`);
      expect(byName.body.some((h) => h.type === 'village' && h.name.includes('城关'))).toBe(true);
      const byCode = await t.json<SearchHit[]>('/api/search?q=140721100&limit=5');
      expect(byCode.body[0]).toMatchObject({ type: 'township', code: '140721100', name: '箕城镇' });
      expect(byCode.body).toHaveLength(5);
    });
  });

  describe('villages', () => {
    it('filters by township and derives indicators', async () => {
      const { body } = await t.json<VillageView[]>('/api/villages?township=140721100');
      expect(body.length).toBeGreaterThan(5);
      for (const v of body) {
        expect(v.townshipCode).toBe('140721100');
        expect(v.code.startsWith('140721100')).toBe(true);
        expect(v.infraCompletion).toBeGreaterThanOrEqual(0);
        expect(v.infraCompletion).toBeLessThanOrEqual(1);
      }
    });

    it('returns one village with its exit check, and 404 for an unknown code', async () => {
      const [first] = (await t.json<VillageView[]>('/api/villages')).body;
      const { status, body } = await t.json<VillageView>(`/api/villages/${first.code}`);
      expect(status).toBe(200);
      expect(body.name).toBe(first.name);
      expect(body.exitCheck).toHaveProperty('readiness');
      const missing = await t.json('/api/villages/140721999999');
      expect(missing.status).toBe(404);
      expect(missing.body.error.message).toContain('140721999999');
      expect(missing.body.error.messageEn).toContain('not found');
    });

    it('rejects malformed codes and unknown filters with a bilingual 400', async () => {
      for (const path of ['/api/villages/12ab', '/api/villages?township=1', '/api/villages?class=rich', '/api/stats/summary?year=abc']) {
        const { status, body } = await t.json(path);
        expect(status, path).toBe(400);
        expect(body.error.message).toMatch(/无效/);
        expect(body.error.messageEn).toMatch(/Invalid/);
      }
    });

    it('flags wrong exits (错退) only where an exited village fails a criterion', async () => {
      const { body } = await t.json<VillageView[]>('/api/villages?status=wrong_exit');
      expect(body.length).toBeGreaterThan(0);
      for (const v of body) {
        expect(v.actualExitYear).not.toBeNull();
        expect(v.exitCheck.incidenceOk && v.exitCheck.infraOk && v.exitCheck.incomeOk).toBe(false);
      }
    });
  });

  describe('sites and projects', () => {
    it('derives the four relocation indicators from household counts', async () => {
      const { body } = await t.json<SiteView[]>('/api/sites');
      expect(body.length).toBeGreaterThanOrEqual(5);
      for (const s of body) {
        expect(s.indicators.occupancyRate).toBeCloseTo(s.movedHouseholds / s.plannedHouseholds, 10);
        expect(s.indicators.constructionRate).toBeCloseTo(s.completedHouseholds / s.plannedHouseholds, 10);
        expect(s.movedHouseholds).toBeLessThanOrEqual(s.plannedHouseholds);
      }
    });

    it('filters projects by kind and returns their geometry', async () => {
      const roads = (await t.json<any[]>('/api/projects?kind=road')).body;
      const water = (await t.json<any[]>('/api/projects?kind=water')).body;
      expect(roads.length).toBeGreaterThanOrEqual(30);
      expect(water.length).toBeGreaterThanOrEqual(20);
      expect(roads.every((p) => p.geometry.type === 'LineString' && p.plannedKm > 0)).toBe(true);
      expect(water.every((p) => p.geometry.type === 'Point')).toBe(true);
      expect((await t.json(`/api/projects/${roads[0].id}`)).body.name).toBe(roads[0].name);
      expect((await t.json('/api/projects/999999')).status).toBe(404);
    });

    it('serves layers as GeoJSON', async () => {
      const res = await t.request('/api/geojson/villages?township=140721101');
      expect(res.headers.get('content-type')).toContain('application/geo+json');
      const fc = await res.json();
      expect(fc.type).toBe('FeatureCollection');
      expect(fc.features.length).toBeGreaterThan(0);
      expect(fc.features[0].geometry.type).toMatch(/Polygon/);
      expect(fc.features.every((f: any) => f.properties.townshipCode === '140721101')).toBe(true);
    });
  });

  describe('statistics', () => {
    it('county summary agrees with the village and site lists', async () => {
      const villages = (await t.json<VillageView[]>('/api/villages')).body;
      const sites = (await t.json<SiteView[]>('/api/sites')).body;
      const { body } = await t.json<Summary>('/api/stats/summary');
      expect(body.scope).toMatchObject({ level: 'county', code: '140721' });
      expect(body.villages.total).toBe(179);
      const poor = villages.filter((v) => v.villageClass !== 'non_poor');
      expect(body.villages.poor).toBe(poor.length);
      expect(body.villages.exited).toBe(poor.filter((v) => v.actualExitYear !== null).length);
      expect(body.villages.wrongExit).toBe(villages.filter((v) => v.exitStatus === 'wrong_exit').length);
      const rural = villages.reduce((a, v) => a + v.ruralPopulation, 0);
      const poorPersons = villages.reduce((a, v) => a + v.poorPersons, 0);
      expect(body.population.povertyIncidence).toBeCloseTo(poorPersons / rural, 10);
      expect(body.relocation.plannedHouseholds).toBe(sites.reduce((a, s) => a + s.plannedHouseholds, 0));
      expect(Object.values(body.villages.exitedByYear).reduce((a, n) => a + n, 0)).toBe(body.villages.exited);
    });

    it('counts only exits up to the requested year', async () => {
      const all = (await t.json<Summary>('/api/stats/summary')).body;
      const y2016 = (await t.json<Summary>('/api/stats/summary?year=2016')).body;
      expect(y2016.asOfYear).toBe(2016);
      expect(y2016.villages.exited).toBe(all.villages.exitedByYear['2016'] ?? 0);
      expect(y2016.villages.exited).toBeLessThan(all.villages.exited);
    });

    it('township summary covers only that township, and ranking orders by exit progress', async () => {
      const { body } = await t.json<Summary>('/api/stats/summary?township=140721101');
      expect(body.scope).toMatchObject({ level: 'township', name: '云簇镇' });
      const villages = (await t.json<VillageView[]>('/api/villages?township=140721101')).body;
      expect(body.villages.total).toBe(villages.length);
      const ranking = (await t.json<TownshipRankRow[]>('/api/stats/townships')).body;
      expect(ranking.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      for (let i = 1; i < ranking.length; i++) {
        expect(ranking[i - 1].exitProgress ?? -1).toBeGreaterThanOrEqual(ranking[i].exitProgress ?? -1);
      }
      expect((await t.json('/api/stats/summary?township=140721999')).status).toBe(404);
    });
  });

  describe('monthly bulletin over the demo history', () => {
    it('builds past months from the demo month-end progress reports', async () => {
      const { body } = await t.json<any>('/api/bulletin?month=2018-06');
      const projects = (await t.json<any[]>('/api/projects')).body;
      const started = projects.filter((p) => p.plannedStart <= '2018-06-30');
      expect(body.rows.reduce((a: number, r: any) => a + r.unreportedProjects, 0)).toBe(0);
      expect(body.rows.reduce((a: number, r: any) => a + r.doneKm, 0)).toBeGreaterThan(0);
      const spent = body.rows.reduce((a: number, r: any) => a + r.spent, 0);
      expect(spent).toBeGreaterThan(0);
      expect(spent).toBeLessThan(started.reduce((a, p) => a + p.spent, 0) + 1);
    });
  });

  describe('errors', () => {
    it('answers unknown API paths with a JSON 404', async () => {
      const { status, body } = await t.json('/api/nothing-here');
      expect(status).toBe(404);
      expect(body.error.code).toBe('not_found');
    });

    it("words zod's own messages in Chinese too, and lists the issues without echoing the input", async () => {
      const tooDeep = await t.json('/tiles/villages/30/0/0.mvt');
      expect(tooDeep.status).toBe(400);
      expect(tooDeep.body.error.message).toBe('路径参数无效：z：数值过大：期望 number <=14');
      expect(tooDeep.body.error.messageEn).toBe('Invalid path parameters: z: Too big: expected number to be <=14');

      const badYear = await t.json('/api/stats/summary?year=abc');
      expect(badYear.body.error.message).toMatch(/^查询参数无效：year：无效输入：期望 数字，实际接收 NaN/);
      expect(badYear.body.error.messageEn).toMatch(/^Invalid query parameters: year: Invalid input: expected number, received NaN/);
      expect(badYear.body.error.details).toEqual([expect.objectContaining({ code: 'invalid_type', path: ['year'] })]);
      expect(badYear.body.error.details[0]).not.toHaveProperty('input');
    });

    it('names the scope of a summary at most once, national only by name', async () => {
      const national = await t.json<Summary>('/api/stats/summary?scope=national');
      expect(national.body.scope).toMatchObject({ level: 'national', code: '' });
      expect(national.body.villages.total).toBe(179);
      const bogus = await t.json('/api/stats/summary?scope=world');
      expect(bogus.status).toBe(400);
      expect(bogus.body.error.messageEn).toContain('scope can only be national');
      const twice = await t.json('/api/stats/summary?scope=national&county=140721');
      expect(twice.status).toBe(400);
      expect(twice.body.error.messageEn).toContain('name at most one of township, county, province, scope=national');
    });
  });
});
