// Field capture (issue 14, items 2 and 3): where a progress report or problem was made (GPS with its
// accuracy), and photos checked by content, stripped of metadata, stored in the database and
// attached to their record in the record's own transaction.
import exifr from 'exifr';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError, ProgressEntry, ProjectView, SiteView } from '../common/api';
import { MAX_PHOTO_BYTES, type PhotoView } from '../common/field-capture';
import type { Problem } from '../common/problems';
import { BACKENDS, createTestApp } from './helpers/app';
import { cameraJpeg, newPhotoId, notAnImage, pixelBomb, plainJpeg, truncatedJpeg } from './helpers/photos';
import { login, type Session } from './helpers/session';

describe.each(BACKENDS)('field capture on %s', (backend) => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let viewer: Session, relocation: Session, pm: Session, admin: Session;
  let road: ProjectView, site: SiteView;

  beforeAll(async () => {
    t = await createTestApp(backend);
    [viewer, relocation, pm, admin] = await Promise.all(['leader', 'banqian', 'xiangmu', 'admin'].map((u) => login(t.request, u)));
    road = (await t.json<ProjectView[]>('/api/projects?kind=road&status=under_construction')).body[0];
    site = (await t.json<SiteView[]>('/api/sites')).body[0];
  });
  afterAll(() => t.close());

  const upload = async (who: Session, bytes: Uint8Array, id = newPhotoId(), type = 'image/jpeg') => {
    const res = await t.request(`/api/photos/${id}`, { method: 'PUT', headers: { Cookie: who.cookie, 'Content-Type': type }, body: new Uint8Array(bytes) });
    return { id, status: res.status, body: (await res.json()) as PhotoView & ApiError };
  };
  const bytesOf = async (who: Session, path: string) => {
    const res = await t.request(path, { headers: { Cookie: who.cookie } });
    return { status: res.status, type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) };
  };
  const here = () => ({ lon: site.lon + 0.002, lat: site.lat - 0.001, accuracy: 8.5, at: new Date().toISOString() });

  describe('a photo upload', () => {
    it('keeps the EXIF time and position, applies the orientation and strips every other piece of metadata', async () => {
      const taken = await upload(pm, await cameraJpeg({ lon: 114.03, lat: 32.98, clock: '2026:05:01 10:20:30' }));
      expect(taken.status).toBe(201);
      // Camera clocks carry no zone: read as China time.
      expect(taken.body).toMatchObject({ takenAt: '2026-05-01T02:20:30.000Z', entityType: null, width: 480, height: 640 });
      expect(taken.body.takenWhere![0]).toBeCloseTo(114.03, 4);
      expect(taken.body.takenWhere![1]).toBeCloseTo(32.98, 4);

      const image = await bytesOf(pm, `/api/photos/${taken.id}`);
      expect(image.status).toBe(200);
      expect(image.type).toBe('image/jpeg');
      const meta = await sharp(image.bytes).metadata();
      expect([meta.width, meta.height, meta.orientation ?? 1, meta.exif]).toEqual([480, 640, 1, undefined]);
      expect(await exifr.parse(image.bytes)).toBeUndefined();
      expect(image.bytes.includes(Buffer.from('secret-owner'))).toBe(false);
      const thumb = await sharp((await bytesOf(pm, `/api/photos/${taken.id}/thumb`)).bytes).metadata();
      expect(Math.max(thumb.width, thumb.height)).toBe(320);
    });

    it('is idempotent by its client-made id, and an id is its uploader\'s alone', async () => {
      const id = newPhotoId();
      const jpeg = await plainJpeg();
      expect((await upload(pm, jpeg, id)).status).toBe(201);
      const again = await upload(pm, jpeg, id);
      expect(again.status).toBe(200);
      expect(again.body.id).toBe(id);
      expect((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM photos WHERE id = $1::uuid', [id]))[0].n).toBe(1);
      const stolen = await upload(relocation, jpeg, id);
      expect(stolen.status).toBe(409);
      expect(stolen.body.error.code).toBe('photo_id_taken');
      // A photo not yet on a record is its uploader's only.
      expect((await bytesOf(relocation, `/api/photos/${id}`)).status).toBe(404);
    });

    it('refuses by content a non-image named .jpg, a pixel bomb, a truncated JPEG and an oversized body, in both languages', async () => {
      const cases = [
        { bytes: notAnImage(), status: 415, code: 'not_an_image' },
        { bytes: await pixelBomb(), status: 422, code: 'image_too_large' },
        { bytes: await truncatedJpeg(), status: 422, code: 'corrupt_image' },
        { bytes: new Uint8Array(MAX_PHOTO_BYTES + 1), status: 413, code: 'photo_too_large' },
      ];
      for (const c of cases) {
        const refused = await upload(pm, c.bytes);
        expect(refused.status, c.code).toBe(c.status);
        expect(refused.body.error.code).toBe(c.code);
        expect(refused.body.error.message).toMatch(/[\u4e00-\u9fff]/);
        expect(refused.body.error.messageEn).toMatch(/[a-z]/);
      }
      expect((await upload(pm, notAnImage())).body.error.messageEn).toContain('not a recognisable photo');
      expect((await upload(pm, new Uint8Array(MAX_PHOTO_BYTES + 1))).body.error.messageEn).toContain('limit 15 MB');
      expect((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM photos WHERE uploaded_by = (SELECT id FROM users WHERE username = $1)', ['xiangmu']))[0].n).toBe(2);
    });

    it('needs a role that makes field records, and photos are read only when signed in', async () => {
      expect((await upload(viewer, await plainJpeg())).status).toBe(403);
      expect((await t.request('/api/photos/map')).status).toBe(401);
      expect((await t.request(`/api/photos/${newPhotoId()}`)).status).toBe(401);
    });
  });

  describe('a progress report', () => {
    it('records where it was made and takes its photos with it; history and the map layer show them', async () => {
      const [a, b] = [await upload(pm, await cameraJpeg({ lon: road.geometry.type === 'Point' ? road.geometry.coordinates[0] : site.lon, lat: site.lat, clock: '2026:06:02 08:00:00' })), await upload(pm, await plainJpeg())];
      const made = here();
      const saved = await pm.send<ProjectView>('POST', `/api/projects/${road.id}/progress`, {
        version: road.version, recordedOn: new Date().toISOString().slice(0, 10), progressPct: Math.min(100, road.progressPct + 5), status: road.status,
        madeAt: made, photoIds: [a.id, b.id],
      });
      expect(saved.status).toBe(201);
      const entry = (await t.json<ProgressEntry[]>(`/api/projects/${road.id}/progress`)).body.at(-1)!;
      expect(entry.madeAt).toEqual({ ...made, at: new Date(made.at).toISOString() });
      expect(entry.photoIds).toEqual([a.id, b.id]);
      const listed = (await pm.send<PhotoView[]>('GET', `/api/photos?entityType=progress&entityIds=${entry.id}`)).body;
      expect(listed.map((p) => p.id).sort()).toEqual([a.id, b.id].sort());
      // Attached: every signed-in user sees it now.
      expect((await bytesOf(viewer, `/api/photos/${b.id}/thumb`)).status).toBe(200);

      const map = (await viewer.send<GeoJSON.FeatureCollection<GeoJSON.Point>>('GET', '/api/photos/map')).body;
      const byId = new Map(map.features.map((f) => [f.properties!.id as string, f]));
      expect(byId.get(a.id)!.properties!.source).toBe('exif');
      // No EXIF position: placed where the report was made.
      expect(byId.get(b.id)!.geometry.coordinates).toEqual([made.lon, made.lat]);
      expect(byId.get(b.id)!.properties!.source).toBe('record');
    });

    it('refuses an impossible position, and a photo that is someone else\'s or already on a record, saving nothing', async () => {
      const current = (await t.json<ProjectView>(`/api/projects/${road.id}`)).body;
      const report = (extra: object) => pm.send<ApiError>('POST', `/api/projects/${road.id}/progress`, {
        version: current.version, recordedOn: new Date().toISOString().slice(0, 10), progressPct: current.progressPct, status: current.status, ...extra,
      });
      for (const madeAt of [{ ...here(), accuracy: -1 }, { ...here(), lat: 91 }, { ...here(), lon: -181 }, { ...here(), at: 'yesterday' }]) {
        const refused = await report({ madeAt });
        expect(refused.status).toBe(400);
      }
      const others = await upload(relocation, await plainJpeg());
      const used = (await t.json<ProgressEntry[]>(`/api/projects/${road.id}/progress`)).body.at(-1)!.photoIds[0];
      const before = (await t.json<ProgressEntry[]>(`/api/projects/${road.id}/progress`)).body.length;
      for (const photoIds of [[others.id], [used], [newPhotoId()]]) {
        const refused = await report({ photoIds });
        expect(refused.status).toBe(422);
        expect(refused.body.error.code).toBe('unknown_photo');
      }
      expect((await t.json<ProgressEntry[]>(`/api/projects/${road.id}/progress`)).body).toHaveLength(before);
      expect((await t.json<ProjectView>(`/api/projects/${road.id}`)).body.version).toBe(current.version);
    });
  });

  describe('a problem', () => {
    it('records where it was logged, with photos, and the fix brings photos as evidence for 销号', async () => {
      const seen = await upload(relocation, await plainJpeg());
      const made = here();
      const logged = await relocation.send<Problem>('POST', '/api/problems', {
        entityType: 'site', entityId: String(site.id), location: [made.lon, made.lat], title: '排水沟堵塞', source: 'inspection',
        responsibleUnit: '县住建局', deadline: `${new Date().getUTCFullYear() + 1}-06-30`, madeAt: made, photoIds: [seen.id],
      });
      expect(logged.status).toBe(201);
      expect(logged.body.madeAt).toEqual({ ...made, at: new Date(made.at).toISOString() });
      expect(logged.body.photos).toEqual([{ id: seen.id, step: 'log' }]);

      const evidence = await upload(relocation, await plainJpeg(400, 300));
      const fixed = await relocation.send<Problem>('POST', `/api/problems/${logged.body.id}/fix`, { version: logged.body.version, note: '已清淤', photoIds: [evidence.id] });
      expect(fixed.status).toBe(200);
      expect(fixed.body.photos).toEqual([{ id: seen.id, step: 'log' }, { id: evidence.id, step: 'fix' }]);
      const closed = await admin.send<Problem>('POST', `/api/problems/${logged.body.id}/close`, { version: fixed.body.version });
      expect(closed.body.status).toBe('closed');
    });
  });

  describe('a relocation site', () => {
    it('takes photos from relocation staff, audited and announced', async () => {
      const photo = await upload(relocation, await plainJpeg());
      const seen: string[] = [];
      const stop = t.bus.subscribe((e) => seen.push(`${e.entity}:${e.action}`));
      const added = await relocation.send<PhotoView[]>('POST', `/api/sites/${site.id}/photos`, { photoIds: [photo.id] });
      stop();
      expect(added.status).toBe(201);
      expect(added.body.map((p) => p.id)).toContain(photo.id);
      expect(seen).toContain('site:photos');
      expect((await pm.send('POST', `/api/sites/${site.id}/photos`, { photoIds: [photo.id] })).status).toBe(403);
      const history = (await admin.send<{ action: string }[]>('GET', `/api/sites/${site.id}/history`)).body;
      expect(history.map((h) => h.action)).toContain('photos');
    });
  });
});
