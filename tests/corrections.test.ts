// Correcting mistakes (issue 14, item 7): a progress report retracted with a reason and restored by
// an admin; a project deleted with a reason (gone from lists, GeoJSON, tiles and statistics) and
// restored; both in the audit; the roles as for editing projects.
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry, ChangeEvent, ProgressEntry, ProjectView, Summary } from '../common/api';
import { BACKENDS, createTestApp } from './helpers/app';
import { login, type Session } from './helpers/session';

/** The tile at zoom z holding a point, as slippy-map numbers. */
function tileAt([lon, lat]: number[], z: number) {
  const n = 2 ** z;
  const rad = (lat * Math.PI) / 180;
  return { z, x: Math.floor(((lon + 180) / 360) * n), y: Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n) };
}

describe.each(BACKENDS)('corrections on %s', (backend) => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let viewer: Session, relocation: Session, pm: Session, admin: Session;

  beforeAll(async () => {
    t = await createTestApp(backend);
    [viewer, relocation, pm, admin] = await Promise.all(['leader', 'banqian', 'xiangmu', 'admin'].map((u) => login(t.request, u)));
  });
  afterAll(() => t.close());

  const project = async (id: number) => (await t.json<ProjectView>(`/api/projects/${id}`)).body;
  const reports = async (id: number) => (await t.json<ProgressEntry[]>(`/api/projects/${id}/progress`)).body;
  // Signed in: the history names who made each change only to signed-in readers.
  const audit = async (id: number) => (await admin.send<AuditEntry[]>('GET', `/api/projects/${id}/history`)).body;
  const events = () => {
    const seen: ChangeEvent[] = [];
    return { seen, stop: t.bus.subscribe((e) => seen.push(e)) };
  };

  describe('retracting a progress report', () => {
    let road: ProjectView;
    beforeAll(async () => {
      road = (await t.json<ProjectView[]>('/api/projects?kind=road&status=under_construction')).body[0];
    });

    it('sets the report aside with its reason, recomputes the figures from the remaining reports, and an admin restores it', async () => {
      const before = await project(road.id);
      const next = Math.min(99, Math.floor(before.progressPct) + 5);
      const reported = await pm.send<ProjectView>('POST', `/api/projects/${road.id}/progress`, {
        version: before.version, recordedOn: '2020-06-30', progressPct: next, status: 'under_construction',
      });
      expect(reported.status).toBe(201);
      const mistaken = (await reports(road.id)).at(-1)!;
      expect(mistaken.progressPct).toBe(next);

      const listen = events();
      const retracted = await pm.send<ProjectView>('POST', `/api/projects/${road.id}/progress/${mistaken.id}/retract`, {
        version: reported.body.version, reason: '误报：录入了别的项目的进度',
      });
      listen.stop();
      expect(retracted.status).toBe(200);
      // Back to the figures of the latest report that remains (the demo reports lead to the project's figures).
      expect(retracted.body).toMatchObject({ progressPct: before.progressPct, doneKm: before.doneKm, spent: before.spent, status: before.status });
      expect(retracted.body.version).toBe(reported.body.version + 1);
      expect(listen.seen).toMatchObject([{ entity: 'project', id: String(road.id), layer: 'roads', by: 'xiangmu' }]);

      const kept = (await reports(road.id)).find((r) => r.id === mistaken.id)!;
      expect(kept).toMatchObject({ retracted: true, retractReason: '误报：录入了别的项目的进度', progressPct: next });
      const [entry] = await audit(road.id);
      expect(entry).toMatchObject({ action: 'retract_progress', username: 'xiangmu', note: '误报：录入了别的项目的进度' });
      expect(entry.oldValue).toMatchObject({ progressPct: next });
      expect(entry.newValue).toMatchObject({ progressPct: before.progressPct, report: mistaken.id });

      // Retracting twice is a conflict, not a second recomputation.
      const again = await pm.send('POST', `/api/projects/${road.id}/progress/${mistaken.id}/retract`, { version: retracted.body.version, reason: '再撤一次' });
      expect(again.status).toBe(409);

      // Only an admin undoes it; the project managers may not.
      const refused = await pm.send('POST', `/api/projects/${road.id}/progress/${mistaken.id}/restore`, { version: retracted.body.version, reason: '恢复' });
      expect(refused.status).toBe(403);
      const restored = await admin.send<ProjectView>('POST', `/api/projects/${road.id}/progress/${mistaken.id}/restore`, {
        version: retracted.body.version, reason: '核实后确认原报告无误',
      });
      expect(restored.status).toBe(200);
      expect(restored.body.progressPct).toBe(next);
      expect((await reports(road.id)).find((r) => r.id === mistaken.id)).toMatchObject({ retracted: false, retractReason: null });
      expect((await audit(road.id))[0]).toMatchObject({ action: 'restore_progress', username: 'admin', note: '核实后确认原报告无误' });
    });

    it('needs a reason and the current version, and is refused to those who may not edit projects', async () => {
      const current = await project(road.id);
      const [first] = await reports(road.id);
      const path = `/api/projects/${road.id}/progress/${first.id}/retract`;
      expect((await pm.send('POST', path, { version: current.version })).status).toBe(400);
      expect((await pm.send('POST', path, { version: current.version, reason: '  ' })).status).toBe(400);
      expect((await pm.send('POST', path, { version: current.version - 1, reason: '误报' })).status).toBe(409);
      expect((await viewer.send('POST', path, { version: current.version, reason: '误报' })).status).toBe(403);
      expect((await relocation.send('POST', path, { version: current.version, reason: '误报' })).status).toBe(403);
      expect((await t.request(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ version: current.version, reason: '误报' }) })).status).toBe(401);
      expect((await pm.send('POST', `/api/projects/${road.id}/progress/2147483647/retract`, { version: current.version, reason: '误报' })).status).toBe(404);
      expect((await project(road.id)).version).toBe(current.version);
    });

    it('leaves a project whose only report is retracted at the figures it had before that report', async () => {
      const water = (await t.json<ProjectView[]>('/api/projects?kind=water&status=planned')).body[0];
      await t.db.write((tx) => tx.query('DELETE FROM project_progress WHERE project_id = $1', [water.id]));
      const reported = await pm.send<ProjectView>('POST', `/api/projects/${water.id}/progress`, {
        version: water.version, recordedOn: '2020-05-31', progressPct: 30, spent: 1000, status: 'under_construction',
      });
      expect(reported.status).toBe(201);
      const [only] = await reports(water.id);
      const retracted = await pm.send<ProjectView>('POST', `/api/projects/${water.id}/progress/${only.id}/retract`, { version: reported.body.version, reason: '开工日期填错' });
      expect(retracted.body).toMatchObject({ progressPct: water.progressPct, spent: water.spent, status: 'planned' });
    });
  });

  describe('deleting a project', () => {
    let victim: ProjectView;
    beforeAll(async () => {
      victim = (await t.json<ProjectView[]>('/api/projects?kind=road')).body.find((p) => p.geometry.type === 'LineString')!;
    });

    const roadIdsInTile = async () => {
      const { z, x, y } = tileAt((victim.geometry as GeoJSON.LineString).coordinates[0], 10);
      const versions = (await t.json<Record<string, number>>('/api/tiles/versions')).body;
      const res = await t.request(`/tiles/roads/${z}/${x}/${y}.mvt?v=${versions.roads}`);
      if (res.status === 204) return [];
      const tile = new VectorTile(new PbfReader(new Uint8Array(await res.arrayBuffer())));
      const layer = Object.values(tile.layers)[0];
      return Array.from({ length: layer.length }, (_, i) => Number(layer.feature(i).properties.id ?? layer.feature(i).id));
    };
    const summaryRoads = async () => (await t.json<Summary>('/api/stats/summary')).body;

    it('hides it from lists, GeoJSON, tiles and statistics while kept in the audit; an admin restores it', async () => {
      expect(await roadIdsInTile()).toContain(victim.id);
      const statsBefore = await summaryRoads();
      const listen = events();
      const deleted = await pm.send<ProjectView>('POST', `/api/projects/${victim.id}/delete`, { version: victim.version, reason: '重复录入' });
      listen.stop();
      expect(deleted.status).toBe(200);
      expect(listen.seen).toMatchObject([{ entity: 'project', id: String(victim.id), action: 'delete', layer: 'roads' }]);

      expect((await t.json<ProjectView[]>('/api/projects')).body.map((p) => p.id)).not.toContain(victim.id);
      expect((await t.json(`/api/projects/${victim.id}`)).status).toBe(404);
      const geojson = (await t.json<GeoJSON.FeatureCollection>('/api/geojson/projects')).body;
      expect(geojson.features.map((f) => f.properties!.id)).not.toContain(victim.id);
      expect(await roadIdsInTile()).not.toContain(victim.id);
      expect(await summaryRoads()).not.toEqual(statsBefore);
      // No new progress on a deleted project.
      expect((await pm.send('POST', `/api/projects/${victim.id}/progress`, { version: deleted.body.version, recordedOn: '2020-01-01', progressPct: victim.progressPct, status: victim.status })).status).toBe(404);

      expect((await pm.send('GET', '/api/projects/deleted')).status).toBe(403);
      const bin = await admin.send<(ProjectView & { deletedAt: string })[]>('GET', '/api/projects/deleted');
      expect(bin.body.map((p) => p.id)).toEqual([victim.id]);
      expect((await audit(victim.id))[0]).toMatchObject({ action: 'delete', username: 'xiangmu', note: '重复录入', oldValue: { deleted: false }, newValue: { deleted: true } });

      expect((await pm.send('POST', `/api/projects/${victim.id}/restore`, { version: deleted.body.version, reason: '误删' })).status).toBe(403);
      const restored = await admin.send<ProjectView>('POST', `/api/projects/${victim.id}/restore`, { version: deleted.body.version, reason: '误删，恢复' });
      expect(restored.status).toBe(200);
      expect(restored.body.version).toBe(deleted.body.version + 1);
      expect((await t.json<ProjectView[]>('/api/projects')).body.map((p) => p.id)).toContain(victim.id);
      expect(await roadIdsInTile()).toContain(victim.id);
      expect(await summaryRoads()).toEqual(statsBefore);
      expect((await audit(victim.id))[0]).toMatchObject({ action: 'restore', username: 'admin', note: '误删，恢复' });
      expect((await admin.send('POST', `/api/projects/${victim.id}/restore`, { version: restored.body.version, reason: '再恢复' })).status).toBe(404);
    });

    it('needs a reason and an editing role', async () => {
      const current = await project(victim.id);
      expect((await pm.send('POST', `/api/projects/${victim.id}/delete`, { version: current.version })).status).toBe(400);
      expect((await viewer.send('POST', `/api/projects/${victim.id}/delete`, { version: current.version, reason: '不要了' })).status).toBe(403);
      expect((await relocation.send('POST', `/api/projects/${victim.id}/delete`, { version: current.version, reason: '不要了' })).status).toBe(403);
      expect((await pm.send('POST', `/api/projects/${victim.id}/delete`, { version: current.version + 1, reason: '不要了' })).status).toBe(409);
      expect((await project(victim.id)).version).toBe(current.version);
    });
  });
});
