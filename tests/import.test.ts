// Imports: village statistics from CSV and Excel, project and site geometry from GeoJSON and zipped
// Shapefiles in WGS-84, GCJ-02 or BD-09. Preview first (nothing written), then commit all or nothing.
import shpwrite from '@mapbox/shp-write';
import ExcelJS from 'exceljs';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError, AuditEntry, ChangeEvent, ProjectView, SiteView, VillageView } from '../common/api';
import type { GeometryImportPreview, ImportResult, VillageImportPreview } from '../common/imports';
import { chinaToday } from '../common/problems';
import { BACKENDS, createTestApp } from './helpers/app';
import { gcj02ToBd09, metresBetween, wgs84ToGcj02 } from './helpers/chinese-crs';
import { login, type Session } from './helpers/session';
import { upload } from './helpers/upload';

describe.each(BACKENDS)('imports on %s', (backend) => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let viewer: Session, pm: Session, admin: Session;
  let villages: VillageView[];

  beforeAll(async () => {
    t = await createTestApp(backend);
    [viewer, pm, admin] = await Promise.all(['leader', 'xiangmu', 'admin'].map((u) => login(t.request, u)));
    villages = (await t.json<VillageView[]>('/api/villages')).body;
  });
  afterAll(() => t.close());

  /** Everything an import could touch, to prove a refused one touched nothing. */
  const snapshot = async () => ({
    audit: (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log'))[0].n,
    villages: JSON.stringify(await t.db.query('SELECT code, poor_households, poor_persons, exited_households, exited_persons, version FROM villages ORDER BY code')),
    projects: JSON.stringify(await t.db.query('SELECT id, geom, version FROM projects ORDER BY id')),
    sites: JSON.stringify(await t.db.query('SELECT id, lon, lat, version FROM sites ORDER BY id')),
  });
  const villagePreview = (file: { name: string; bytes: Uint8Array | string }, who: Session = admin) =>
    upload<VillageImportPreview>(t.request, who, '/api/import/villages/preview', file);
  const geometryPreview = (file: { name: string; bytes: Uint8Array | string }, fields: Record<string, string>) =>
    upload<GeometryImportPreview>(t.request, admin, '/api/import/geometry/preview', file, fields);
  const commit = (kind: 'villages' | 'geometry', token: string | null, who: Session = admin) =>
    who.send<ImportResult & ApiError>('POST', `/api/import/${kind}/commit`, { token });

  const csv = (lines: (string | number)[][]) => ({ name: '2019年贫困村统计.csv', bytes: `\uFEFF${lines.map((l) => l.join(',')).join('\r\n')}\r\n` });
  const HEADER = ['村代码', '村名称', '贫困户数（户）', '贫困人口（人）', '脱贫户数', '脱贫人口', '年度'];
  const row = (v: VillageView, d: number) => [v.code, v.name, v.poorHouseholds + d, v.poorPersons + 2 * d, v.exitedHouseholds, v.exitedPersons + d, 2019];

  describe('village statistics', () => {
    it('previews a CSV with a title row and Chinese headers without writing, then commits it audited', async () => {
      const [a, b, c, same] = villages.filter((v) => v.poorPersons + 4 <= v.ruralPopulation);
      const before = await snapshot();
      const file = csv([['榆社县2019年贫困村统计表'], HEADER, row(a, 1), row(b, 2), row(c, 1), row(same, 0)]);
      const { status, body } = await villagePreview(file);
      expect(status).toBe(200);
      expect(body.errors).toEqual([]);
      expect(body).toMatchObject({ total: 4, unchanged: 1, columns: { code: '村代码', poorPersons: '贫困人口（人）' }, ignoredColumns: ['村名称'] });
      expect(body.changes.map((ch) => [ch.row, ch.code])).toEqual([[3, a.code], [4, b.code], [5, c.code]]);
      expect(body.changes[1].changes).toEqual({
        poorHouseholds: { old: b.poorHouseholds, new: b.poorHouseholds + 2 },
        poorPersons: { old: b.poorPersons, new: b.poorPersons + 4 },
        exitedPersons: { old: b.exitedPersons, new: b.exitedPersons + 2 },
      });
      expect(body.token).toMatch(/^[0-9a-f]{32}$/);
      expect(await snapshot()).toEqual(before);

      const events: ChangeEvent[] = [];
      const unsubscribe = t.bus.subscribe((e) => events.push(e));
      const done = await commit('villages', body.token);
      unsubscribe();
      expect(done.status).toBe(200);
      expect(done.body).toEqual({ applied: 3, ids: [a.code, b.code, c.code] });
      expect(events.map((e) => [e.entity, e.action, e.layer])).toEqual([['village', 'import', 'villages']]);

      const updated = (await t.json<VillageView>(`/api/villages/${b.code}`)).body;
      expect(updated).toMatchObject({ poorHouseholds: b.poorHouseholds + 2, poorPersons: b.poorPersons + 4, version: b.version + 1 });
      expect(updated.povertyIncidence).toBeCloseTo((b.poorPersons + 4) / b.ruralPopulation, 12);
      const [stored] = await t.db.query<{ exit_status: string; readiness: string }>('SELECT exit_status, readiness FROM villages WHERE code = $1', [b.code]);
      expect(stored).toEqual({ exit_status: updated.exitStatus, readiness: updated.exitCheck.readiness });
      const [entry] = (await viewer.send<AuditEntry[]>('GET', `/api/villages/${b.code}/history`)).body;
      expect(entry).toMatchObject({ action: 'import', username: 'admin', oldValue: { poorPersons: b.poorPersons }, newValue: { poorPersons: b.poorPersons + 4 } });
      expect(entry.note).toContain('2019');
      expect((await t.json<VillageView>(`/api/villages/${same.code}`)).body.version).toBe(same.version);

      const again = await commit('villages', body.token);
      expect(again.status).toBe(410);
      expect(again.body.error.messageEn).toMatch(/expired/);
    });

    it('reads .xlsx with English headers and codes stored as numbers', async () => {
      const v = villages[10];
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('data');
      sheet.addRow(['Village code', 'Poor households', 'Poor persons', 'Exited households', 'Exited persons', 'Year']);
      sheet.addRow([Number(v.code), 0, 0, v.exitedHouseholds + v.poorHouseholds, v.exitedPersons + v.poorPersons, 2020]);
      const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
      const { status, body } = await villagePreview({ name: 'villages.xlsx', bytes });
      expect(status).toBe(200);
      expect(body.errors).toEqual([]);
      expect(body.changes[0]).toMatchObject({ code: v.code, year: 2020, changes: { poorPersons: { old: v.poorPersons, new: 0 } } });
    });

    it('reports unknown codes, bad numbers, duplicates and rule breaks per row, and refuses to commit any of it', async () => {
      const [a, b] = villages.slice(100);
      const before = await snapshot();
      const { status, body } = await villagePreview(csv([
        HEADER,
        row(a, 1),
        ['140721999999', 'x', 1, 2, 3, 4, 2019],
        [b.code, b.name, '12.5', -3, '约30', 1, 2019],
        [a.code, a.name, 1, 2, 3, 4, 2019],
        ['14072110', 'short', 1, 2, 3, 4, 2019],
        [b.code.replace(/.$/, '9'), '', 1, 1, 1, 1, 'abc'],
        [villages[5].code, '', 1, villages[5].ruralPopulation + 1, 0, 0, 2019],
      ]));
      expect(status).toBe(200);
      expect(body.token).toBeNull();
      const byRow = (r: number) => body.errors.filter((e) => e.row === r);
      expect(byRow(3)[0].messageEn).toMatch(/not a village of this county/);
      expect(byRow(4).map((e) => e.field)).toEqual(['poorHouseholds', 'poorPersons', 'exitedHouseholds']);
      expect(byRow(4)[0].message).toContain('12.5');
      expect(byRow(5)[0].messageEn).toMatch(/repeats row 2/);
      expect(byRow(6)[0].messageEn).toMatch(/12 digits/);
      expect(byRow(8)[0].messageEn).toMatch(/rural population/);
      expect(body.changes.map((c) => c.code)).toEqual([a.code]);
      expect((await commit('villages', body.token)).status).toBe(400);
      expect(await snapshot()).toEqual(before);
    });

    it('refuses a file with missing or doubled columns as a whole, in both languages', async () => {
      const missing = await villagePreview(csv([['村代码', '贫困户数', '贫困人口', '脱贫户数', '年度'], [villages[0].code, 1, 2, 3, 2019]]));
      expect(missing.status).toBe(422);
      expect(missing.body.error).toMatchObject({ code: 'wrong_columns' });
      expect(missing.body.error.message).toContain('脱贫人口');
      expect(missing.body.error.messageEn).toContain('exited persons');
      const doubled = await villagePreview(csv([[...HEADER, '行政区划代码'], row(villages[0], 1)]));
      expect(doubled.status).toBe(422);
      expect(doubled.body.error.messageEn).toMatch(/twice/);
    });

    it('refuses unreadable and unsupported files, other roles, and stale previews', async () => {
      const broken = await villagePreview({ name: 'stats.xlsx', bytes: new Uint8Array([80, 75, 3, 4, 1, 2, 3]) });
      expect(broken.status).toBe(422);
      expect(broken.body.error.code).toBe('unreadable_file');
      expect((await villagePreview({ name: 'stats.xls', bytes: 'x' })).status).toBe(415);
      expect((await villagePreview(csv([HEADER, row(villages[0], 1)]), viewer)).status).toBe(403);
      expect((await villagePreview(csv([HEADER, row(villages[0], 1)]), pm)).status).toBe(403);

      const [a, b] = villages.slice(20);
      const { body } = await villagePreview(csv([HEADER, row(a, 1), row(b, 1)]));
      expect((await commit('villages', body.token, pm)).status).toBe(403);
      const current = (await t.json<VillageView>(`/api/villages/${b.code}`)).body;
      expect((await admin.send('PATCH', `/api/villages/${b.code}`, { version: current.version, collectiveIncome: current.collectiveIncome + 1 })).status).toBe(200);
      const before = await snapshot();
      const stale = await commit('villages', body.token);
      expect(stale.status).toBe(409);
      expect(stale.body.error.code).toBe('stale_preview');
      expect(await snapshot()).toEqual(before);
    });

    it('refuses a 50 MB upload with a bilingual 413 and writes nothing', async () => {
      const before = await snapshot();
      const big = new Uint8Array(50 * 1024 * 1024).fill(0x31);
      const { status, body } = await villagePreview({ name: 'huge.csv', bytes: big });
      expect(status).toBe(413);
      expect(body.error.message).toContain('20 MB');
      expect(body.error.messageEn).toMatch(/too large/);
      expect(await snapshot()).toEqual(before);
    });
  });

  describe('export then import with no change', () => {
    /** Every version and the audit trail, to prove an unchanged file changed nothing. */
    const versions = async () => ({
      audit: (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log'))[0].n,
      rows: JSON.stringify(await t.db.query(`SELECT 'p' || id AS k, version, villages, township_code FROM projects UNION ALL SELECT 's' || id, version, null, township_code FROM sites
        UNION ALL SELECT code, version, null, township_code FROM villages ORDER BY 1`)),
    });

    it('previews the projects and sites GeoJSON exports as no change, coordinates rounded as an export rounds them', async () => {
      for (const target of ['projects', 'sites'] as const) {
        const exported = JSON.parse(await (await t.request(`/api/geojson/${target}`)).text()) as GeoJSON.FeatureCollection;
        const round = (c: unknown): unknown => (typeof c === 'number' ? Math.round(c * 1e6) / 1e6 : (c as unknown[]).map(round));
        for (const f of exported.features) (f.geometry as GeoJSON.Point).coordinates = round((f.geometry as GeoJSON.Point).coordinates) as number[];
        const before = await versions();
        const { status, body } = await geometryPreview({ name: `${target}.geojson`, bytes: JSON.stringify(exported) }, { target, crs: 'wgs84' });
        expect(status).toBe(200);
        expect(body.errors).toEqual([]);
        expect(body.changes).toEqual([]);
        expect(body.unchanged).toBe(exported.features.length);
        expect(body.token).toBeNull();
        expect(await versions()).toEqual(before);
      }
    });

    it('moves only the project whose geometry changed, keeping the served villages its file lists', async () => {
      const exported = JSON.parse(await (await t.request('/api/geojson/projects')).text()) as GeoJSON.FeatureCollection<GeoJSON.Point, ProjectView>;
      const moved = exported.features.find((f) => f.properties.kind === 'water' && f.properties.villages.length >= 2)!;
      const served = moved.properties.villages;
      moved.geometry.coordinates = [moved.geometry.coordinates[0] + 0.0005, moved.geometry.coordinates[1] + 0.0005];
      const before = await t.db.query<{ id: number; version: number }>('SELECT id, version FROM projects ORDER BY id');
      const audit = (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log'))[0].n;
      const { body } = await geometryPreview({ name: 'projects.geojson', bytes: JSON.stringify(exported) }, { target: 'projects', crs: 'wgs84' });
      expect(body.errors).toEqual([]);
      expect(body.changes.map((c) => c.id)).toEqual([moved.properties.id]);
      expect(body.unchanged).toBe(exported.features.length - 1);
      expect((await commit('geometry', body.token)).status).toBe(200);
      const after = await t.db.query<{ id: number; version: number }>('SELECT id, version FROM projects ORDER BY id');
      expect(after.filter((p, i) => p.version !== before[i].version).map((p) => p.id)).toEqual([moved.properties.id]);
      expect((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log'))[0].n).toBe(audit + 1);
      expect((await t.json<ProjectView>(`/api/projects/${moved.properties.id}`)).body.villages).toEqual(served);
    });

    it('previews the villages Excel export as no change, and takes a file without 年度 as this year\'s', async () => {
      const res = await t.request('/api/export/villages.xlsx');
      const before = await versions();
      const { status, body } = await villagePreview({ name: 'villages.xlsx', bytes: new Uint8Array(await res.arrayBuffer()) });
      expect(status).toBe(200);
      expect(body.errors).toEqual([]);
      expect(body.changes).toEqual([]);
      expect(body.unchanged).toBe(villages.length);
      expect(body.columns.year).toBe('年度');
      expect(await versions()).toEqual(before);

      const current = (await t.json<VillageView[]>('/api/villages')).body[0];
      const noYear = await villagePreview(csv([HEADER.slice(0, -1), row(current, 1).slice(0, -1)]));
      expect(noYear.status).toBe(200);
      expect(noYear.body.columns.year).toBeNull();
      expect(noYear.body.changes[0].year).toBe(Number(chinaToday().slice(0, 4)));
    });
  });

  describe('project and site geometry', () => {
    const geojson = (features: object[]) => ({ name: 'projects.geojson', bytes: JSON.stringify({ type: 'FeatureCollection', features }) });
    const feature = (geometry: object, properties: object = {}) => ({ type: 'Feature', geometry, properties });
    const NEW_ROAD = { 名称: '导入测试公路', 英文名称: 'Imported test road', 类型: '提质改造', 总投资: '1,200,000', 开工日期: '2020/3/1', 完工日期: '2020-10-31' };

    it('converts a GCJ-02 road to WGS-84 within a few metres, previews and commits it as a new project', async () => {
      const [from, to] = villages.filter((v) => v.townshipCode === '140721101');
      const truth = [from.center, to.center];
      const shifted = truth.map(wgs84ToGcj02);
      expect(metresBetween(shifted[0], truth[0])).toBeGreaterThan(100);
      const before = await snapshot();
      const { status, body } = await geometryPreview(geojson([feature({ type: 'LineString', coordinates: shifted }, NEW_ROAD)]), { target: 'projects', crs: 'gcj02' });
      expect(status).toBe(200);
      expect(body.errors).toEqual([]);
      const [change] = body.changes;
      expect(change).toMatchObject({ action: 'create', name: '导入测试公路', townshipCode: '140721101' });
      for (const [i, p] of (change.geometry as GeoJSON.LineString).coordinates.entries()) expect(metresBetween(p as [number, number], truth[i])).toBeLessThan(3);
      expect(await snapshot()).toEqual(before);

      const events: ChangeEvent[] = [];
      const unsubscribe = t.bus.subscribe((e) => events.push(e));
      const done = await commit('geometry', body.token);
      unsubscribe();
      expect(done.status).toBe(200);
      const project = (await t.json<ProjectView>(`/api/projects/${done.body.ids[0]}`)).body;
      expect(project).toMatchObject({ kind: 'road', subtype: 'upgrade', nameEn: 'Imported test road', budget: 1_200_000, plannedStart: '2020-03-01', status: 'planned', demo: false });
      expect(project.plannedKm).toBeGreaterThan(0);
      expect(project.villages).toEqual(expect.arrayContaining([from.code, to.code]));
      expect((await viewer.send<AuditEntry[]>('GET', `/api/projects/${project.id}/history`)).body[0]).toMatchObject({ action: 'import', username: 'admin' });
      expect(events.map((e) => [e.entity, e.action, e.layer])).toEqual([['project', 'import', 'roads']]);
    });

    it('redraws an existing project by id and converts BD-09 points', async () => {
      const water = (await t.json<ProjectView[]>('/api/projects?kind=water')).body[0];
      const truth = villages[30].center;
      const { body } = await geometryPreview(geojson([feature({ type: 'Point', coordinates: gcj02ToBd09(wgs84ToGcj02(truth)) }, { id: water.id })]), { target: 'projects', crs: 'bd09' });
      expect(body.errors).toEqual([]);
      expect(body.changes[0]).toMatchObject({ action: 'update', id: water.id, name: water.name });
      expect(metresBetween((body.changes[0].geometry as GeoJSON.Point).coordinates as [number, number], truth)).toBeLessThan(3);
      expect((await commit('geometry', body.token)).status).toBe(200);
      const moved = (await t.json<ProjectView>(`/api/projects/${water.id}`)).body;
      expect(moved.version).toBe(water.version + 1);
      expect(metresBetween(moved.geometry.coordinates as [number, number], truth)).toBeLessThan(3);
    });

    it('reads a zipped Shapefile of sites: a new site and a moved one', async () => {
      const site = (await t.json<SiteView[]>('/api/sites')).body[0];
      const target = villages[40].center;
      const newPlace = villages[60].center;
      const zip = (await shpwrite.zip(
        { type: 'FeatureCollection', features: [
          feature({ type: 'Point', coordinates: target }, { id: site.id, name: '', plannedHou: 0, plannedPer: 0 }),
          feature({ type: 'Point', coordinates: newPlace }, { id: '', name: 'Xinzhuang', plannedHou: 120, plannedPer: 380 }),
        ] } as GeoJSON.FeatureCollection,
        { outputType: 'uint8array', compression: 'DEFLATE' } as never,
      )) as Uint8Array;
      const { status, body } = await geometryPreview({ name: 'sites.zip', bytes: zip }, { target: 'sites', crs: 'wgs84' });
      expect(status).toBe(200);
      expect(body.errors).toEqual([]);
      expect(body.changes.map((c) => [c.action, c.id])).toEqual([['update', site.id], ['create', null]]);
      const done = await commit('geometry', body.token);
      expect(done.status).toBe(200);
      const sites = (await t.json<SiteView[]>('/api/sites')).body;
      expect(sites.find((s) => s.id === site.id)).toMatchObject({ lon: target[0], lat: target[1], version: site.version + 1 });
      expect(sites.find((s) => s.id === Number(done.body.ids[1]))).toMatchObject({ name: 'Xinzhuang', plannedHouseholds: 120, plannedPersons: 380, movedHouseholds: 0, demo: false });
    });

    it('reports invalid geometry and coordinates outside the county per feature, and commits none of the file', async () => {
      const inside = villages[0].center;
      const before = await snapshot();
      const { status, body } = await geometryPreview(geojson([
        feature({ type: 'LineString', coordinates: [inside, villages[1].center] }, NEW_ROAD),
        feature({ type: 'Polygon', coordinates: [[inside, villages[1].center, villages[2].center, inside]] }, NEW_ROAD),
        feature({ type: 'MultiLineString', coordinates: [[inside, villages[1].center], [villages[2].center, villages[3].center]] }, NEW_ROAD),
        feature({ type: 'LineString', coordinates: [inside] }, NEW_ROAD),
        feature({ type: 'LineString', coordinates: [[500000, 4100000], [501000, 4101000]] }, NEW_ROAD),
        feature({ type: 'LineString', coordinates: [[116.39, 39.9], [116.4, 39.91]] }, NEW_ROAD),
        feature(null as never, NEW_ROAD),
        feature({ type: 'LineString', coordinates: [inside, villages[1].center] }, { ...NEW_ROAD, 类型: '修房子' }),
      ]), { target: 'projects', crs: 'wgs84' });
      expect(status).toBe(200);
      expect(body.token).toBeNull();
      expect(body.changes.map((c) => c.row)).toEqual([1]);
      const reason = (row: number) => body.errors.filter((e) => e.row === row).map((e) => e.messageEn).join(' | ');
      expect(reason(2)).toMatch(/unsupported geometry type Polygon/);
      expect(reason(3)).toMatch(/several parts/);
      expect(reason(4)).toMatch(/two points/);
      expect(reason(5)).toMatch(/longitude out of range/);
      expect(reason(6)).toMatch(/outside the county/);
      expect(reason(7)).toMatch(/no geometry/);
      expect(body.errors.find((e) => e.row === 8)?.field).toBe('subtype');
      expect(await snapshot()).toEqual(before);
    });

    it('refuses a broken zip, a zip without a .dbf, a projected Shapefile and bad options', async () => {
      const before = await snapshot();
      const broken = await geometryPreview({ name: 'roads.zip', bytes: new Uint8Array([80, 75, 3, 4, 9, 9, 9, 9]) }, { target: 'projects' });
      expect(broken.status).toBe(422);
      expect(broken.body.error.messageEn).toMatch(/not a valid zip/);
      const noDbf = await geometryPreview({ name: 'roads.zip', bytes: zipSync({ 'roads.shp': new Uint8Array(100) }) }, { target: 'projects' });
      expect(noDbf.status).toBe(422);
      expect(noDbf.body.error.message).toContain('.dbf');
      const projected = zipSync({ 'r.shp': new Uint8Array(100), 'r.dbf': new Uint8Array(40), 'r.prj': new TextEncoder().encode('PROJCS["CGCS2000_3_Degree_GK_CM_111E"]') });
      expect((await geometryPreview({ name: 'r.zip', bytes: projected }, { target: 'projects' })).body.error.messageEn).toMatch(/projected/);
      const damaged = zipSync({ 'r.shp': new Uint8Array(100).fill(7), 'r.dbf': new Uint8Array(40).fill(7) });
      expect((await geometryPreview({ name: 'r.zip', bytes: damaged }, { target: 'projects' })).body.error.messageEn).toMatch(/damaged/);
      expect((await geometryPreview(geojson([]), { target: 'villages' })).status).toBe(400);
      expect((await geometryPreview(geojson([]), { target: 'sites', crs: 'utm' })).status).toBe(400);
      expect((await geometryPreview({ name: 'x.geojson', bytes: '{"type":' }, { target: 'sites' })).body.error.code).toBe('unreadable_file');
      expect(await snapshot()).toEqual(before);
    });
  });
});
