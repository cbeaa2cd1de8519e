// Scope everywhere (issue 12 item 8): one table of every endpoint that touches households or
// figures derived from them, walked for every role. Another township's household is refused
// exactly as a household that does not exist is, and never appears in any list, search, export,
// summary, tile or event. A household endpoint missing from the table fails the first test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VillageView } from '../common/api';
import { BACKENDS, createTestApp } from './helpers/app';
import { login, type Session } from './helpers/session';
import { sseReader } from './helpers/sse';
import { upload } from './helpers/upload';
import { nationalHouseholdWorkbook, type NationalMemberRow } from './helpers/office-files';
import { makeIdNumber } from '../common/id-number';
import { tileOf } from './helpers/tile-coords';
import { chinaToday } from '../common/problems';

const ROLES = ['anonymous', 'admin', 'fupin', 'leader', 'xiangzhen', 'zhucun', 'bangfu', 'banqian', 'xiangmu'] as const;
type RoleName = (typeof ROLES)[number];
/** Whose scope holds a household of another township (箕城镇 is the cadre's, 城关村 the team's). */
const REACHES_FOREIGN: Record<RoleName, boolean> = {
  anonymous: false, admin: true, fupin: true, leader: true, xiangzhen: false, zhucun: false, bangfu: false, banqian: false, xiangmu: false,
};
const FOREIGN_VILLAGE = '140721200200';
const FOREIGN = `${FOREIGN_VILLAGE}0001`;
/** A household code the county does not hold: the refusal of a foreign one must look just like this. */
const MISSING = `${FOREIGN_VILLAGE}9999`;

interface Answer { status: number; text: string }
type Call = (as: Session | null, household: string) => Promise<Answer>;
type Kind =
  /** One household: refused (401/403/404) outside the scope, as a missing one is. */
  | 'record'
  /** Lists and searches: outside the scope, refused or without the household. */
  | 'list'
  /** Figures for everyone: never a household's code or name. */
  | 'aggregate'
  /** Only the named roles may call it at all; they get `status` (200 unless named). */
  | { only: RoleName[]; status?: number };

interface Endpoint { route: string; kind: Kind; call: Call }

describe.each(BACKENDS)('household scope on %s', (backend) => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  const as = {} as Record<RoleName, Session | null>;
  let foreignHead: string;
  /** The foreign household's monitoring case and warning; a missing household's stand-in ids. */
  const foreignIds = { case: 0, warning: 0 };
  const MISSING_ID = 999_999;

  const get = (path: string): Call => async (s) => {
    const res = await t.request(path, { headers: s ? { Cookie: s.cookie } : {} });
    return { status: res.status, text: Buffer.from(await res.arrayBuffer()).toString('latin1') };
  };
  const utf8 = (a: Answer) => Buffer.from(a.text, 'latin1').toString('utf8');
  const send = async (s: Session | null, method: string, path: string, body: unknown): Promise<Answer> => {
    if (!s) {
      const res = await t.request(path, { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      return { status: res.status, text: await res.text() };
    }
    const r = await s.send(method, path, body);
    return { status: r.status, text: JSON.stringify(r.body) };
  };
  /** A write on the foreign household's case or warning, or on an id nobody holds; the id itself told alike. */
  const onRecord = (kind: keyof typeof foreignIds, path: (id: number) => string, body: unknown): Call => async (s, h) => {
    const id = h === FOREIGN ? foreignIds[kind] : MISSING_ID;
    const answer = await send(s, 'POST', path(id), body);
    return { ...answer, text: answer.text.replaceAll(String(id), '<id>') };
  };
  const month = chinaToday().slice(0, 7);
  const SIGNED_IN = ROLES.filter((r) => r !== 'anonymous');

  const ENDPOINTS: Endpoint[] = [
    { route: 'GET /api/households', kind: 'list', call: (s, h) => get(`/api/households?q=${h}`)(s, h) },
    { route: 'GET /api/households', kind: 'list', call: (s, h) => get(`/api/households?village=${h.slice(0, 12)}&limit=500`)(s, h) },
    { route: 'GET /api/households', kind: 'list', call: (s, h) => get(`/api/households?township=${h.slice(0, 9)}&limit=500`)(s, h) },
    { route: 'GET /api/households', kind: 'list', call: (s, h) => get(`/api/households?q=${encodeURIComponent(foreignHead)}`)(s, h) },
    { route: 'GET /api/households/:code', kind: 'record', call: (s, h) => get(`/api/households/${h}`)(s, h) },
    {
      route: 'POST /api/households/:code/unmask',
      kind: 'record',
      call: async (s, h) => {
        if (!s) return get(`/api/households/${h}`)(s, h);
        const r = await s.send('POST', `/api/households/${h}/unmask`, { field: 'headName', reason: '核对户主信息' });
        return { status: r.status, text: JSON.stringify(r.body) };
      },
    },
    { route: 'GET /api/villages/:code/households', kind: 'record', call: (s, h) => get(`/api/villages/${h.slice(0, 12)}/households`)(s, h) },
    { route: 'GET /api/villages/:code/household-figures', kind: 'aggregate', call: (s, h) => get(`/api/villages/${h.slice(0, 12)}/household-figures`)(s, h) },
    { route: 'GET /api/figure-differences', kind: 'aggregate', call: get('/api/figure-differences') },
    { route: 'GET /api/unmask-log', kind: { only: ['admin'] }, call: get('/api/unmask-log') },
    // Plain personal data: the poverty office alone.
    { route: 'GET /api/households.xlsx', kind: { only: ['fupin'] }, call: get(`/api/households.xlsx?reason=${encodeURIComponent('年度核查')}&village=${FOREIGN_VILLAGE}`) },
    {
      route: 'POST /api/import/households/preview',
      kind: { only: ['admin', 'fupin'] },
      call: async (s, h) => {
        const rows: NationalMemberRow[] = [{ 户编号: h, 姓名: '测演甲', 证件号码: makeIdNumber('140721', { year: 1960, month: 1, day: 1 }, 1), 与户主关系: '户主', 性别: '男', 健康状况: '健康', 劳动技能: '普通劳动力', 贫困户属性: '一般贫困户', 主要致贫原因: '因病' }];
        const r = await upload(t.request, s, '/api/import/households/preview', { name: '户.xlsx', bytes: await nationalHouseholdWorkbook(rows) });
        return { status: r.status, text: JSON.stringify(r.body) };
      },
    },
    {
      route: 'POST /api/import/households/commit',
      kind: { only: ['admin', 'fupin'], status: 410 },
      call: async (s) => {
        if (!s) return get('/api/households')(s, FOREIGN);
        const r = await s.send('POST', '/api/import/households/commit', { token: '0'.repeat(32) });
        return { status: r.status, text: JSON.stringify(r.body) };
      },
    },
    // 防返贫 monitoring: cases, warnings and the household's history are records and lists like the households.
    { route: 'GET /api/monitoring/households/:code', kind: 'record', call: (s, h) => get(`/api/monitoring/households/${h}`)(s, h) },
    { route: 'GET /api/monitoring/cases', kind: 'list', call: get('/api/monitoring/cases?pageSize=200') },
    { route: 'GET /api/monitoring/cases', kind: 'list', call: (s, h) => get(`/api/monitoring/cases?village=${h.slice(0, 12)}`)(s, h) },
    { route: 'GET /api/monitoring/cases', kind: 'list', call: (s, h) => get(`/api/monitoring/cases?township=${h.slice(0, 9)}`)(s, h) },
    { route: 'GET /api/monitoring/warnings', kind: 'list', call: get('/api/monitoring/warnings?pageSize=200') },
    { route: 'GET /api/monitoring/warnings', kind: 'list', call: (s, h) => get(`/api/monitoring/warnings?village=${h.slice(0, 12)}`)(s, h) },
    {
      route: 'POST /api/monitoring/cases',
      kind: 'record',
      call: (s, h) => send(s, 'POST', '/api/monitoring/cases', { householdCode: h, type: 'sudden', way: 'cadre_visit', reason: '走访发现' }),
    },
    // Stale versions: a step reaching the case is refused as a conflict (or for the role), never taken.
    { route: 'POST /api/monitoring/cases/:id/steps', kind: 'record', call: onRecord('case', (id) => `/api/monitoring/cases/${id}/steps`, { action: 'village_review', reason: '村评议', version: 99 }) },
    { route: 'POST /api/monitoring/warnings/:id/verify', kind: 'record', call: onRecord('warning', (id) => `/api/monitoring/warnings/${id}/verify`, { outcome: 'dismiss', reason: '入户核实' }) },
    { route: 'POST /api/monitoring/warnings/run', kind: { only: ['admin', 'fupin'] }, call: (s) => send(s, 'POST', '/api/monitoring/warnings/run', {}) },
    { route: 'GET /api/monitoring/figures', kind: { only: ['admin', 'fupin', 'leader', 'xiangzhen', 'zhucun', 'bangfu'] }, call: get('/api/monitoring/figures?level=village') },
    { route: 'GET /api/monitoring/lines', kind: { only: SIGNED_IN }, call: get('/api/monitoring/lines') },
    {
      route: 'PUT /api/monitoring/lines',
      kind: { only: ['admin', 'fupin'] },
      call: (s) => send(s, 'PUT', '/api/monitoring/lines', { year: 2015, line: 2855, source: '走查：与 2015 年国家线相同' }),
    },
    {
      route: 'POST /api/import/departments/preview',
      kind: { only: ['admin', 'fupin'] },
      call: async (s) => {
        const csv = ['姓名,公民身份号码,受灾日期', `某丁,${makeIdNumber('140721', { year: 1970, month: 1, day: 1 }, 9)},${month}-10`].join('\n');
        const r = await upload(t.request, s, '/api/import/departments/preview', { name: '受灾名单.csv', bytes: csv }, { department: 'emergency', period: month });
        return { status: r.status, text: JSON.stringify(r.body) };
      },
    },
    { route: 'POST /api/import/departments/commit', kind: { only: ['admin', 'fupin'], status: 410 }, call: (s) => send(s, 'POST', '/api/import/departments/commit', { token: '0'.repeat(32) }) },
    // Household-derived figures shown elsewhere: aggregates, never a household.
    { route: 'GET /api/stats/summary', kind: 'aggregate', call: get('/api/stats/summary') },
    { route: 'GET /api/stats/townships', kind: 'aggregate', call: get('/api/stats/townships') },
    { route: 'GET /api/stats/units', kind: 'aggregate', call: get('/api/stats/units') },
    // Persons lifted out of poverty are counted from the households' members.
    { route: 'GET /api/targets', kind: 'aggregate', call: get('/api/targets') },
    { route: 'GET /api/targets', kind: 'aggregate', call: (s, h) => get(`/api/targets?area=${h.slice(0, 9)}`)(s, h) },
    { route: 'GET /api/villages', kind: 'aggregate', call: get('/api/villages') },
    { route: 'GET /api/villages/:code', kind: 'aggregate', call: (s, h) => get(`/api/villages/${h.slice(0, 12)}`)(s, h) },
    { route: 'GET /api/bulletin', kind: 'aggregate', call: get('/api/bulletin') },
    { route: 'GET /api/geojson/:layer', kind: 'aggregate', call: get('/api/geojson/villages') },
    { route: 'GET /api/search', kind: 'aggregate', call: (s) => get(`/api/search?q=${encodeURIComponent(foreignHead)}`)(s, FOREIGN) },
  ];

  beforeAll(async () => {
    t = await createTestApp(backend, { households: true });
    for (const r of ROLES) as[r] = r === 'anonymous' ? null : await login(t.request, r);
    [{ headName: foreignHead }] = await t.db.query<{ headName: string }>('SELECT head_name AS "headName" FROM households WHERE code = $1', [FOREIGN]);
    const declared = await as.fupin!.send<{ id: number }>('POST', '/api/monitoring/cases', { householdCode: FOREIGN, type: 'sudden', way: 'cadre_visit', reason: '走访发现' });
    expect(declared.status).toBe(201);
    foreignIds.case = declared.body.id;
    [{ id: foreignIds.warning }] = await t.db.query<{ id: number }>(
      `INSERT INTO monitoring_warnings (household_code, rule, source, raised_on, deadline) VALUES ($1, 'disaster', 'department', $2, $2) RETURNING id`,
      [FOREIGN, chinaToday()],
    );
  }, 120_000);
  afterAll(() => t.close());

  it('lists every endpoint whose path names households, unmasking or household figures', () => {
    const household = /household|unmask|figure-differences|monitoring|departments/;
    const served = new Set(t.app.routes.filter((r) => household.test(r.path) && r.method !== 'ALL').map((r) => `${r.method} ${r.path}`));
    const walked = new Set(ENDPOINTS.map((e) => e.route).filter((r) => household.test(r)));
    expect([...served].sort()).toEqual([...walked].sort());
  });

  describe.each(ROLES)('as %s', (role) => {
    it.each(ENDPOINTS.map((e, i) => [`${e.route} #${i}`, e] as const))('%s', async (_, endpoint) => {
      const s = as[role];
      const answer = await endpoint.call(s, FOREIGN);
      const body = utf8(answer);
      const { kind } = endpoint;
      if (kind === 'record') {
        if (REACHES_FOREIGN[role]) {
          // Leaders (viewers) read but may not unmask or take steps; a write on a case already open or
          // at another version is a conflict. Never refused as missing.
          expect([200, 403, 409]).toContain(answer.status);
        } else {
          const missing = await endpoint.call(s, MISSING);
          expect([401, 403, 404]).toContain(answer.status);
          expect({ status: answer.status, body: body.replaceAll(FOREIGN, MISSING) }).toEqual({ status: missing.status, body: utf8(missing) });
        }
      } else if (kind === 'list') {
        if (REACHES_FOREIGN[role]) {
          expect(answer.status).toBe(200);
          expect(body).toContain(FOREIGN);
        } else if (answer.status === 200) {
          expect(body).not.toContain(FOREIGN);
          // Every household listed is one this role reaches.
          for (const code of JSON.parse(body).items.map((i: { code?: string; householdCode?: string }) => i.code ?? i.householdCode)) {
            expect(code.startsWith('140721100')).toBe(true);
          }
        } else {
          expect([401, 403]).toContain(answer.status);
        }
      } else if (kind === 'aggregate') {
        expect(answer.status).toBe(200);
        expect(body).not.toMatch(/1407212\d{13}/);
        expect(body).not.toContain(foreignHead);
      } else {
        expect(answer.status).toBe(kind.only.includes(role) ? (kind.status ?? 200) : s ? 403 : 401);
        if (answer.status === 200 && !endpoint.route.endsWith('.xlsx')) expect(body).not.toContain(foreignHead);
      }
    });
  });

  it('puts no household in a village tile, and no household in any event while households are read and unmasked', async () => {
    const [v] = (await t.json<VillageView[]>('/api/villages')).body.filter((x) => x.code === FOREIGN_VILLAGE);
    const { z, x, y } = tileOf(v.center[0], v.center[1], 12);
    const tile = Buffer.from(await (await t.request(`/tiles/villages/${z}/${x}/${y}.mvt`)).arrayBuffer()).toString('latin1');
    expect(tile.length).toBeGreaterThan(0);
    expect(tile).not.toMatch(/140721\d{10}/);

    const stream = sseReader((await t.request('/api/events')).body!);
    await stream.nextOf('hello');
    const fupin = as.fupin!;
    await fupin.send('POST', `/api/households/${FOREIGN}/unmask`, { field: 'headName', reason: '核对户主信息' });
    await get(`/api/households/${FOREIGN}`)(fupin, FOREIGN);
    // A village change after them: the stream has caught up once it arrives.
    const admin = as.admin!;
    const village = (await t.json<VillageView>(`/api/villages/${FOREIGN_VILLAGE}`)).body;
    await admin.send('PATCH', `/api/villages/${FOREIGN_VILLAGE}`, { version: village.version, collectiveIncome: village.collectiveIncome + 1 });
    const seen: string[] = [];
    for (;;) {
      const e = await stream.next();
      seen.push(e!.data);
      if (e!.event === 'change') break;
    }
    await stream.cancel();
    expect(seen.join('\n')).not.toMatch(/140721\d{10}/);
    expect(seen.join('\n')).not.toContain(foreignHead);
  });
});
