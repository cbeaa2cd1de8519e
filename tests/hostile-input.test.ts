// Hostile input over the whole API: every route the Hono app has (so a route added later is covered
// too), logged in as admin, fed huge, negative and fractional numbers, NUL and control characters,
// long and odd unicode text, impossible dates, leading-zero ids and wrong types in its path, query
// and body. No answer may be a 5xx; every refusal is a 4xx in both languages and changes nothing.
// Beside the generated run, one test per class of input the portal once answered with a 500 or a
// wrong 2xx.
import fc from 'fast-check';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ApiError, ProjectView, SiteView, VillageView } from '../common/api';
import type { GeometryImportPreview } from '../common/imports';
import type { Problem } from '../common/problems';
import { progressAfter } from '../common/progress';
import { projectViolations } from '../common/rules';
import { INT4_MAX, progressRecord } from '../common/schemas';
import { handleError } from '../server/http/errors';
import { BACKENDS, createTestApp } from './helpers/app';
import { login, type Session } from './helpers/session';
import { upload } from './helpers/upload';

const HAN = /\p{Script=Han}/u;
const LATIN = /[A-Za-z]/;
/** Not sent: the event stream never ends, and logging out would end the session the test works in. */
const SKIPPED = new Set(['GET /api/events', 'POST /api/auth/logout']);
/** The query parameters the API reads anywhere; each generated query draws from these and from made-up ones. */
const QUERY_KEYS = ['q', 'limit', 'township', 'county', 'province', 'scope', 'year', 'kind', 'status', 'class', 'readiness', 'entityType', 'entityId', 'overdue', 'month', 'v'];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface Endpoint {
  method: string;
  path: string;
}

/** A URL can only carry well-formed text: lone surrogates become U+FFFD, as a browser would send them. */
const wellFormed = (s: string) => s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

const hostileNumber = fc.oneof(
  fc.constantFrom(2 ** 31, INT4_MAX, -(2 ** 31) - 1, 2 ** 53, Number.MAX_SAFE_INTEGER + 2, -1, 0, -0, 0.5, 1.005, 1e308, -1e308, 5e-324),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);
const hostileString = fc.oneof(
  fc.constantFrom(
    '\u0000', 'a\u0000b', '\u0007', '\u001b[31m', '\u007f', '\ud800', '\udfff', '\u202e', '\ufeff', '𠀀𠀁', '😀', 'é', '',
    ' ', '0005', '00', '-1', '1.5', '1e3', '0x10', '2147483648', '99999999999999999999', 'NaN', 'null', 'true',
    '0000-01-01', '2999-12-31', '2023-02-29', '9999-99-99', '2020-1-1', '%', '_', '%_%', '\\', "'; DROP TABLE users; --",
  ),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ maxLength: 20 }).map((s) => `${s}\u0000${s}`),
  fc.integer({ min: 1_000, max: 20_000 }).map((n) => '长'.repeat(n)),
);
/** Lines and points that look like geometry but are not a usable one. */
const hostileGeometry = fc.constantFrom<Json>(
  { type: 'LineString', coordinates: [[112.98, 37.07], [112.98, 37.07], [112.98, 37.07]] },
  { type: 'LineString', coordinates: [[112.98, 37.07]] },
  { type: 'LineString', coordinates: [[1e308, 37], [-1e308, 37]] },
  { type: 'Point', coordinates: [112.98] },
  { type: 'Point', coordinates: ['112.98', '37.07'] },
  { type: 'Polygon', coordinates: [] },
);
const hostileValue: fc.Arbitrary<Json> = fc.oneof(
  { weight: 3, arbitrary: hostileNumber },
  { weight: 3, arbitrary: hostileString },
  fc.boolean(),
  fc.constant(null),
  hostileGeometry,
  fc.array(fc.oneof(hostileNumber, hostileString), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(hostileNumber, hostileString), { maxKeys: 3 }),
);
const hostilePathSegment = fc.oneof(
  fc.constantFrom('2147483648', '2147483647', '4294967296', '99999999999999999999', '0', '0005', '-1', '1.5', '1e3', '0x10', '%20 1', '%00', '%E0%A4%A', '%25', '_', 'abc', '1%2F2'),
  hostileString.map((s) => encodeURIComponent(wellFormed(s.slice(0, 500)))),
);

describe.each(BACKENDS)('hostile input on %s', (backend) => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let admin: Session;
  let site: SiteView, road: ProjectView, village: VillageView, problem: Problem, leaderId: number;
  let endpoints: Endpoint[];

  const fresh = async <T>(path: string) => (await t.json<T>(path)).body;
  /** Everything a rejected request must leave as it was. */
  const fingerprint = async () =>
    (
      await t.db.query(
        `SELECT (SELECT count(*) FROM audit_log)::int AS audits, (SELECT count(*) FROM users)::int AS users,
           (SELECT count(*) FROM problems)::int AS problems, (SELECT count(*) FROM project_progress)::int AS progress,
           (SELECT count(*) FROM projects)::int AS projects, (SELECT sum(version) FROM projects)::int AS project_versions,
           (SELECT sum(version) FROM sites)::int AS site_versions, (SELECT sum(version) FROM villages)::int AS village_versions,
           (SELECT coalesce(sum(version), 0) FROM problems)::int AS problem_versions,
           (SELECT string_agg(username || display_name || role || password_hash, ',' ORDER BY id) FROM users) AS accounts`,
      )
    )[0];

  /** A path parameter that names something real, so the request gets as far as its body. */
  const validParam = (path: string, name: string): string => {
    if (name === 'id') {
      if (path.startsWith('/api/users')) return String(leaderId);
      if (path.startsWith('/api/sites')) return String(site.id);
      if (path.startsWith('/api/problems')) return String(problem.id);
      return String(road.id);
    }
    return ({ code: village.code, layer: 'villages', file: 'villages.xlsx', z: '0', x: '0', y: '0.mvt' } as Record<string, string>)[name] ?? name;
  };

  /** A body the endpoint accepts as it stands now (current versions), or {} where none is known. */
  const validBody = async (endpoint: Endpoint, path: string): Promise<Record<string, Json>> => {
    const note = '核实 check';
    switch (`${endpoint.method} ${endpoint.path}`) {
      case 'POST /api/auth/login':
        return { username: 'admin', password: 'admin123' };
      case 'POST /api/users':
        return { username: `u${Date.now().toString(36)}`, displayName: '测试用户', role: 'viewer', password: 'Hostile-Input-2026' };
      case 'PATCH /api/users/:id':
        return { displayName: '测试用户' };
      case 'PATCH /api/villages/:code':
        return { version: (await fresh<VillageView>(`/api/villages/${village.code}`)).version, poorHouseholds: village.poorHouseholds, note };
      case 'PATCH /api/sites/:id':
        return { version: (await fresh<SiteView>(`/api/sites/${site.id}`)).version, movedHouseholds: site.movedHouseholds, note };
      case 'POST /api/projects':
        return {
          kind: 'road', subtype: 'upgrade', name: '测试道路', geometry: road.geometry as unknown as Json, budget: 100_000,
          plannedStart: '2024-03-01', plannedEnd: '2024-11-30', note,
        };
      case 'PATCH /api/projects/:id':
        return { version: (await fresh<ProjectView>(`/api/projects/${road.id}`)).version, name: road.name, note };
      case 'POST /api/projects/:id/progress': {
        const current = await fresh<ProjectView>(`/api/projects/${road.id}`);
        return { version: current.version, recordedOn: '2024-06-01', progressPct: current.progressPct, status: current.status, note };
      }
      case 'POST /api/problems':
        return { entityType: 'site', entityId: String(site.id), title: '入住率不实', source: 'audit', responsibleUnit: '县扶贫办', deadline: '2030-06-30' };
      case 'POST /api/problems/:id/fix':
      case 'POST /api/problems/:id/close':
        return { version: (await fresh<Problem>(path.replace(/\/(fix|close)$/, ''))).version ?? 1, note };
      case 'POST /api/import/villages/commit':
      case 'POST /api/import/geometry/commit':
        return { token: '0'.repeat(32) };
      default:
        return {};
    }
  };

  const expectBilingualRefusal = (status: number, body: ApiError, what: string) => {
    expect(status, what).toBeGreaterThanOrEqual(400);
    expect(status, what).toBeLessThan(500);
    expect(body.error.code, what).toMatch(/\S/);
    expect(body.error.message, what).toMatch(HAN);
    expect(body.error.messageEn, what).toMatch(LATIN);
  };

  beforeAll(async () => {
    t = await createTestApp(backend);
    admin = await login(t.request, 'admin');
    site = (await fresh<SiteView[]>('/api/sites'))[0];
    road = (await fresh<ProjectView[]>('/api/projects?kind=road&status=under_construction')).find((p) => p.plannedKm! > 1)!;
    village = (await fresh<VillageView[]>('/api/villages?class=poor'))[0];
    leaderId = (await admin.send<{ id: number; username: string }[]>('GET', '/api/users')).body.find((u) => u.username === 'leader')!.id;
    problem = (await admin.send<Problem>('POST', '/api/problems', await validBody({ method: 'POST', path: '/api/problems' }, ''))).body;
    const seen = new Set<string>();
    endpoints = t.app.routes
      .filter((r) => r.method !== 'ALL' && !r.path.endsWith('*'))
      .filter((r) => !SKIPPED.has(`${r.method} ${r.path}`) && !seen.has(`${r.method} ${r.path}`) && seen.add(`${r.method} ${r.path}`))
      .map(({ method, path }) => ({ method, path }));
  });
  afterAll(() => t.close());

  it('finds every route of the app, writes included', () => {
    const names = endpoints.map((e) => `${e.method} ${e.path}`);
    expect(names).toEqual(expect.arrayContaining(['PATCH /api/sites/:id', 'POST /api/problems', 'POST /api/auth/login', 'GET /tiles/:layer/:z/:x/:y']));
    expect(endpoints.length).toBeGreaterThan(35);
  });

  it('answers generated hostile paths, queries and bodies with a bilingual 4xx or a success, never a 5xx, and a refusal changes nothing', async () => {
    const request = fc.record({
      endpoint: fc.constantFrom(...endpoints),
      hostilePath: fc.boolean(),
      pathValue: hostilePathSegment,
      ifMatch: fc.option(fc.constantFrom('2147483648', 'W/"2147483648"', '"-1"', '1e999', '0005', '1.5', 'abc', '*', '')),
      query: fc.array(fc.tuple(fc.oneof(fc.constantFrom(...QUERY_KEYS), fc.string({ maxLength: 6 })), hostileString), { maxLength: 3 }),
      body: fc.oneof(
        { weight: 4, arbitrary: fc.record({ mode: fc.constant('field' as const), key: fc.oneof(fc.nat(), fc.string({ maxLength: 8 })), value: hostileValue }) },
        { weight: 1, arbitrary: fc.record({ mode: fc.constant('whole' as const), value: fc.oneof(hostileValue, fc.jsonValue() as fc.Arbitrary<Json>) }) },
        { weight: 1, arbitrary: fc.record({ mode: fc.constant('text' as const), value: fc.constantFrom('{', '{"a":', '\u0000', '[]', '1e999', '{"version":1e999}') }) },
      ),
    });
    await fc.assert(
      fc.asyncProperty(request, async ({ endpoint, hostilePath, pathValue, ifMatch, query, body }) => {
        const params = [...endpoint.path.matchAll(/:(\w+)/g)].map((m) => m[1]);
        const hostileParam = hostilePath && params.length > 0 ? params[pathValue.length % params.length] : undefined;
        const path = endpoint.path.replace(/:(\w+)/g, (_, name: string) => (name === hostileParam ? pathValue : validParam(endpoint.path, name)));
        const search = query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(wellFormed(v.slice(0, 2000)))}`).join('&');
        let payload: string | undefined;
        if (endpoint.method !== 'GET') {
          if (body.mode === 'text') payload = body.value;
          else if (body.mode === 'whole') payload = JSON.stringify(body.value);
          else {
            const base = await validBody(endpoint, path);
            const keys = Object.keys(base);
            const key = typeof body.key === 'number' && keys.length ? keys[body.key % keys.length] : String(body.key);
            payload = JSON.stringify({ ...base, [key]: body.value });
          }
        }
        const before = await fingerprint();
        const url = `${path}${search ? `?${search}` : ''}`;
        const res = await t.request(url, {
          method: endpoint.method,
          headers: {
            Cookie: admin.cookie,
            ...(payload === undefined ? {} : { 'Content-Type': 'application/json' }),
            ...(ifMatch === null ? {} : { 'If-Match': ifMatch }),
          },
          body: payload,
        });
        const what = `${endpoint.method} ${url} If-Match: ${ifMatch} ${payload?.slice(0, 300) ?? ''}`;
        expect(res.status, what).toBeLessThan(500);
        if (res.status >= 400) {
          expectBilingualRefusal(res.status, (await res.json()) as ApiError, what);
          expect(await fingerprint(), what).toEqual(before);
        } else await res.arrayBuffer();
      }),
      { seed: 20_110, numRuns: 800, endOnFailure: true },
    );
  }, 120_000);

  describe('the classes that once answered 500 or a wrong 2xx', () => {
    it('ids at or above 2^31, with leading zeros or signs, in any path are a 400', async () => {
      const withId = endpoints.filter((e) => e.path.includes(':id'));
      expect(withId.length).toBeGreaterThan(8);
      for (const e of withId) {
        for (const id of ['2147483648', '99999999999', '0005', '+5', '1e3']) {
          const path = e.path.replace(':id', id);
          const { status, body } = await admin.send<ApiError>(e.method, path, e.method === 'GET' ? undefined : {});
          expectBilingualRefusal(status, body, `${e.method} ${path}`);
          expect(body.error.code, `${e.method} ${path}`).toBe('invalid_path');
        }
      }
    });

    it('ids at or above 2^31 in a body (versions, problem entity ids) are a 400, and entity ids are canonical', async () => {
      const before = await fingerprint();
      const problemBody = await validBody({ method: 'POST', path: '/api/problems' }, '');
      for (const entity of [
        { entityType: 'site', entityId: '2147483648' }, { entityType: 'project', entityId: '9999999999' }, { entityType: 'site', entityId: `000${site.id}` },
        { entityType: 'project', entityId: `0${road.id}` }, { entityType: 'village', entityId: '0005' }, { entityType: 'site', entityId: village.code },
      ]) {
        const { status, body } = await admin.send<ApiError>('POST', '/api/problems', { ...problemBody, ...entity });
        expectBilingualRefusal(status, body, JSON.stringify(entity));
        expect(body.error.message).toContain('entityId');
      }
      const version = await admin.send<ApiError>('PATCH', `/api/sites/${site.id}`, { version: 2 ** 31, movedHouseholds: 1 });
      expect(version.status).toBe(400);
      expect((await admin.send<Problem[]>('GET', '/api/problems?entityId=0005')).status).toBe(400);
      expect(await fingerprint()).toEqual(before);
    });

    it('a NUL or other control character in any text field is a 400, the login form included (before any session)', async () => {
      const before = await fingerprint();
      for (const body of [{ username: 'admin\u0000', password: 'admin123' }, { username: 'admin', password: 'admin\u0000123' }]) {
        const res = await t.request('/api/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
        expect(res.status).toBe(400);
        expect(res.headers.get('set-cookie')).toBeNull();
        expect(((await res.json()) as ApiError).error.message).toContain('控制字符');
      }
      for (const e of endpoints.filter((x) => x.method !== 'GET')) {
        const path = e.path.replace(/:(\w+)/g, (_, name: string) => validParam(e.path, name));
        const base = await validBody(e, path);
        for (const [key, value] of Object.entries(base)) {
          if (typeof value !== 'string') continue;
          for (const bad of [`${value}\u0000`, `${value}\u0001x`, `${value}\ud800`]) {
            const { status, body } = await admin.send<ApiError>(e.method, path, { ...base, [key]: bad });
            expectBilingualRefusal(status, body, `${e.method} ${path} ${key}`);
          }
        }
      }
      for (const path of ['/api/search?q=a%00', '/api/villages?q=%00', '/api/villages?q=%1B']) {
        const { status, body } = await t.json<ApiError>(path);
        expectBilingualRefusal(status, body, path);
      }
      expect(await fingerprint()).toEqual(before);
    });

    it('multi-line text keeps its line breaks and tabs', async () => {
      const created = await admin.send<Problem>('POST', '/api/problems', {
        ...(await validBody({ method: 'POST', path: '/api/problems' }, '')), description: '第一行\n\t第二行',
      });
      expect(created.status).toBe(201);
      expect(created.body.description).toBe('第一行\n\t第二行');
    });

    it('dates must be real calendar dates within 2000 .. ten years ahead', async () => {
      const before = await fingerprint();
      const lastYear = new Date().getUTCFullYear() + 10;
      const bad = ['0000-01-01', '1999-12-31', '2999-12-31', `${lastYear + 1}-01-01`, '2023-02-29', '2024-13-01'];
      const create = await validBody({ method: 'POST', path: '/api/projects' }, '');
      const report = await validBody({ method: 'POST', path: '/api/projects/:id/progress' }, '');
      const problemBody = await validBody({ method: 'POST', path: '/api/problems' }, '');
      for (const date of bad) {
        for (const [path, body] of [
          ['/api/projects', { ...create, plannedStart: date }],
          ['/api/projects', { ...create, plannedEnd: date }],
          [`/api/projects/${road.id}/progress`, { ...report, recordedOn: date }],
          ['/api/problems', { ...problemBody, deadline: date }],
        ] as const) {
          const res = await admin.send<ApiError>('POST', path, body);
          expectBilingualRefusal(res.status, res.body, `${path} ${date}`);
          expect(res.status).toBe(400);
        }
      }
      const patch = await admin.send<ApiError>('PATCH', `/api/projects/${road.id}`, { version: road.version, plannedEnd: '2999-12-31' });
      expect(patch.status).toBe(400);
      expect(patch.body.error.message).toContain(`${lastYear}`);
      expect(await fingerprint()).toEqual(before);
      expect((await admin.send('POST', '/api/projects', { ...create, plannedStart: '2024-02-29', plannedEnd: `${lastYear}-12-31` })).status).toBe(201);
    });

    it('a line whose points coincide (a 0 km road) is refused, on create and on edit', async () => {
      const before = await fingerprint();
      const create = await validBody({ method: 'POST', path: '/api/projects' }, '');
      const [lon, lat] = road.geometry.coordinates[0] as [number, number];
      for (const coordinates of [[[lon, lat], [lon, lat]], [[lon, lat], [lon, lat], [lon, lat]], [[lon, lat], [lon + 1e-6, lat]]]) {
        const geometry = { type: 'LineString', coordinates };
        const created = await admin.send<ApiError>('POST', '/api/projects', { ...create, geometry });
        expect(created.status).toBe(400);
        expect(created.body.error.message).toContain('线的长度');
        expect(created.body.error.messageEn).toContain('no length');
        const edited = await admin.send<ApiError>('PATCH', `/api/projects/${road.id}`, { version: (await fresh<ProjectView>(`/api/projects/${road.id}`)).version, geometry });
        expect(edited.status).toBe(400);
      }
      expect(await fingerprint()).toEqual(before);
    });

    it('% and _ in a search term match themselves, not anything', async () => {
      for (const q of ['%', '_', '%_', '1407_1']) {
        expect((await fresh<unknown[]>(`/api/search?q=${encodeURIComponent(q)}`)), q).toEqual([]);
        expect((await fresh<unknown[]>(`/api/villages?q=${encodeURIComponent(q)}`)), q).toEqual([]);
      }
      const byPrefix = await fresh<VillageView[]>(`/api/villages?q=${village.code.slice(0, 9)}`);
      expect(byPrefix.some((v) => v.code === village.code)).toBe(true);
    });

    it('km done and % of a road must agree: 0.01 km and 99 % on a road of km is a 422, the web form says the same', async () => {
      const before = await fingerprint();
      const current = await fresh<ProjectView>(`/api/projects/${road.id}`);
      // With a reason, so that km done going back is not a second fault beside the disagreement.
      const report = { version: current.version, recordedOn: '2024-06-01', status: 'under_construction', doneKm: 0.01, progressPct: 99, reason: '复测' } as const;
      const res = await admin.send<ApiError>('POST', `/api/projects/${road.id}/progress`, report);
      expect(res.status).toBe(422);
      expect(res.body.error.message).toContain('完成里程与进度百分比不符');
      expect(res.body.error.messageEn).toContain('disagree');
      expect(await fingerprint()).toEqual(before);
      // What ProgressForm checks before sending: the shared schema, then the shared rules on the figures it would store.
      const parsed = progressRecord.parse(report);
      expect(projectViolations({ ...current, ...progressAfter(current, parsed) }).map((v) => v.message)).toContain(res.body.error.message);
      const agreeing = { ...report, doneKm: Math.round(current.plannedKm! * 40) / 100, progressPct: 40 };
      expect((await admin.send('POST', `/api/projects/${road.id}/progress`, agreeing)).status).toBe(201);
    });

    it('an imported file carries the same classes: huge or leading-zero ids, NUL names, 0 km lines and far dates are row errors, not a 500', async () => {
      const before = await fingerprint();
      const [lon, lat] = road.geometry.coordinates[0] as [number, number];
      const line = road.geometry as unknown as Json;
      const feature = (geometry: Json, properties: Record<string, Json>) => ({ type: 'Feature', geometry, properties });
      const geojson = (features: object[]) => ({ name: 'hostile.geojson', bytes: JSON.stringify({ type: 'FeatureCollection', features }) });
      const newRoad = { 名称: '导入测试公路', 类型: '提质改造', 总投资: '1200000', 开工日期: '2024-03-01', 完工日期: '2024-10-31' };
      const projects = await upload<GeometryImportPreview>(t.request, admin, '/api/import/geometry/preview', geojson([
        feature(line, { id: '2147483648' }),
        feature(line, { id: `000${road.id}` }),
        feature(line, { ...newRoad, 名称: '导入\u0000公路' }),
        feature({ type: 'LineString', coordinates: [[lon, lat], [lon, lat]] }, newRoad),
        feature(line, { ...newRoad, 完工日期: '2999-12-31' }),
      ]), { target: 'projects' });
      const sites = await upload<GeometryImportPreview>(t.request, admin, '/api/import/geometry/preview', geojson([
        feature({ type: 'Point', coordinates: [site.lon, site.lat] }, { id: '99999999999' }),
        feature({ type: 'Point', coordinates: [site.lon, site.lat] }, { 名称: '新\u0000安置点', 计划户数: 10, 计划人数: 30 }),
      ]), { target: 'sites' });
      for (const [preview, rows] of [[projects, [1, 2, 3, 4, 5]], [sites, [1, 2]]] as const) {
        expect(preview.status).toBe(200);
        expect(preview.body.token).toBeNull();
        expect(new Set(preview.body.errors.map((e) => e.row))).toEqual(new Set(rows));
      }
      expect(await fingerprint()).toEqual(before);
    });

    it('a database failure is logged without its parameters or the failing row (no password hash)', async () => {
      const secret = 'scrypt$16384$8$1$c2VjcmV0c2FsdA$TOPSECRETHASH';
      const error = await t.db
        .write((tx) => tx.query(`INSERT INTO users (username, display_name, role, password_hash) VALUES ($1, $2, $3, $4)`, ['NOT VALID', '张三', 'viewer', secret]))
        .catch((e: Error) => e);
      if (!(error instanceof Error)) throw new Error('the insert should have failed');
      const app = new Hono().get('/boom', () => {
        throw error;
      });
      app.onError(handleError);
      const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
      try {
        const res = await app.request('/boom');
        expect(res.status).toBe(500);
        const text = logged.mock.calls.flat().map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join('\n');
        expect(text).toContain('23514');
        expect(text).toContain('INSERT INTO users');
        expect(text).not.toContain('TOPSECRETHASH');
        expect(text).not.toContain('张三');
      } finally {
        logged.mockRestore();
      }
    });
  });
});
