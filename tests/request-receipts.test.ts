// A record sent from the field outbox whose answer was lost on the way back is sent again with the
// same request id: the server must answer as it did the first time and not make it twice.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REQUEST_ID_HEADER, type ApiError, type ProgressEntry, type ProjectView, type SiteView } from '../common/api';
import type { Problem } from '../common/problems';
import { BACKENDS, createTestApp } from './helpers/app';
import { newPhotoId, plainJpeg } from './helpers/photos';
import { login, type Session } from './helpers/session';

describe.each(BACKENDS)('request ids on %s', (backend) => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let pm: Session, relocation: Session;
  let road: ProjectView, site: SiteView;

  beforeAll(async () => {
    t = await createTestApp(backend);
    [pm, relocation] = await Promise.all(['xiangmu', 'banqian'].map((u) => login(t.request, u)));
    road = (await t.json<ProjectView[]>('/api/projects?kind=road&status=under_construction')).body[0];
    site = (await t.json<SiteView[]>('/api/sites')).body[0];
  });
  afterAll(() => t.close());

  const problem = (title: string) => ({
    entityType: 'project', entityId: String(road.id), title, source: 'inspection', responsibleUnit: '县交通局', deadline: `${new Date().getUTCFullYear() + 1}-12-31`,
  });
  const log = (who: Session, body: object, requestId?: string) =>
    who.send<Problem & ApiError>('POST', '/api/problems', body, requestId ? { [REQUEST_ID_HEADER]: requestId } : {});
  const titled = async (title: string) => (await t.json<Problem[]>('/api/problems')).body.filter((p) => p.title === title);

  it('logs a problem sent twice under one request id once, and answers the second as the first', async () => {
    const requestId = randomUUID();
    const first = await log(pm, problem('护栏缺失（重发）'), requestId);
    expect(first.status).toBe(201);
    const again = await log(pm, problem('护栏缺失（重发）'), requestId);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(await titled('护栏缺失（重发）')).toHaveLength(1);
  });

  it('makes one problem of two copies sent at the same moment', async () => {
    const requestId = randomUUID();
    const [a, b] = await Promise.all([log(pm, problem('边沟堵塞（并发）'), requestId), log(pm, problem('边沟堵塞（并发）'), requestId)]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.id).toBe(b.body.id);
    expect(await titled('边沟堵塞（并发）')).toHaveLength(1);
  });

  it('records a progress report sent twice once, answering the copy with success rather than a version conflict', async () => {
    const before = (await t.json<ProjectView>(`/api/projects/${road.id}`)).body;
    const body = { version: before.version, recordedOn: new Date().toISOString().slice(0, 10), progressPct: Math.min(100, Math.round(before.progressPct) + 2), status: 'under_construction' };
    const requestId = randomUUID();
    const first = await pm.send<ProjectView>('POST', `/api/projects/${road.id}/progress`, body, { [REQUEST_ID_HEADER]: requestId });
    expect(first.status).toBe(201);
    const again = await pm.send<ProjectView>('POST', `/api/projects/${road.id}/progress`, body, { [REQUEST_ID_HEADER]: requestId });
    expect(again.status).toBe(201);
    expect(again.body.version).toBe(first.body.version);
    const reports = (await t.json<ProgressEntry[]>(`/api/projects/${road.id}/progress`)).body;
    expect(reports.filter((r) => r.progressPct === body.progressPct && r.recordedOn === body.recordedOn)).toHaveLength(1);
  });

  it('attaches a site photo sent twice once', async () => {
    const id = newPhotoId();
    const put = await t.request(`/api/photos/${id}`, { method: 'PUT', headers: { Cookie: relocation.cookie, 'Content-Type': 'image/jpeg' }, body: new Uint8Array(await plainJpeg()) });
    expect(put.status).toBe(201);
    const requestId = randomUUID();
    const send = () => relocation.send<unknown[]>('POST', `/api/sites/${site.id}/photos`, { photoIds: [id] }, { [REQUEST_ID_HEADER]: requestId });
    const first = await send();
    expect(first.status).toBe(201);
    const again = await send();
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
  });

  it('does not let one request id stand for another request, or another user\'s', async () => {
    const requestId = randomUUID();
    expect((await log(pm, problem('路灯损坏'), requestId)).status).toBe(201);
    const otherUser = await log(relocation, problem('路灯损坏'), requestId);
    expect(otherUser.status).toBe(422);
    expect(otherUser.body.error.code).toBe('request_id_reused');
    expect(otherUser.body.error.message).toMatch(/请求编号/);
    const otherPath = await pm.send<ApiError>('POST', `/api/projects/${road.id}/progress`, { version: 1, recordedOn: '2026-01-01', progressPct: 1, status: 'under_construction' }, { [REQUEST_ID_HEADER]: requestId });
    expect(otherPath.status).toBe(422);
    expect(otherPath.body.error.code).toBe('request_id_reused');
    expect(await titled('路灯损坏')).toHaveLength(1);
  });

  it('refuses a request id that is not a UUID, and keeps nothing of a refused request', async () => {
    const malformed = await log(pm, problem('格式错误'), 'not-a-uuid');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.messageEn).toMatch(/request id/i);
    const requestId = randomUUID();
    const refused = await log(pm, { ...problem(''), title: '' }, requestId);
    expect(refused.status).toBe(400);
    // Corrected and sent again under the same id, it goes through: a refusal is not a receipt.
    const corrected = await log(pm, problem('整改后重发'), requestId);
    expect(corrected.status).toBe(201);
    expect(await titled('整改后重发')).toHaveLength(1);
  });
});
