import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HouseholdDetail, HouseholdListItem, UnmaskLogEntry } from '../common/household-api';
import type { VillageHouseholdFigures } from '../common/household-figures';
import { householdReadiness, povertyLine } from '../common/households';
import { isValidIdNumber } from '../common/id-number';
import { createPiiCipher } from '../server/pii/cipher';
import { openPiiCipher, PiiKeyError } from '../server/pii/key-store';
import { migrate } from '../server/db/migrate';
import { BACKENDS, createTestApp, freshDb } from './helpers/app';
import { login, type Session } from './helpers/session';

const OWN_TOWNSHIP = '140721100';
const TEAM_VILLAGE = '140721100200';
const OTHER_VILLAGE_SAME_TOWNSHIP = '140721100202';
const OTHER_TOWNSHIP_VILLAGE = '140721200200';
const firstHousehold = (village: string) => `${village}0001`;

describe.each(BACKENDS)('households on %s', (backend) => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let as: Record<'admin' | 'fupin' | 'xiangzhen' | 'zhucun' | 'bangfu' | 'leader' | 'banqian', Session>;
  beforeAll(async () => {
    t = await createTestApp(backend, { households: true });
    const names = ['admin', 'fupin', 'xiangzhen', 'zhucun', 'bangfu', 'leader', 'banqian'] as const;
    as = Object.fromEntries(await Promise.all(names.map(async (n) => [n, await login(t.request, n)]))) as typeof as;
  }, 120_000);
  afterAll(() => t.close());

  describe('demo households', () => {
    it('sum per village to the village’s poor and exited households and persons', async () => {
      const rows = await t.db.query<{ code: string; ph: number; pp: number; eh: number; ep: number; hh: number; hp: number; xh: number; xp: number }>(
        `SELECT v.code, v.poor_households AS ph, v.poor_persons AS pp, v.exited_households AS eh, v.exited_persons AS ep,
           count(h.code) FILTER (WHERE h.year_exited IS NULL)::int AS hh,
           coalesce(sum(m.n) FILTER (WHERE h.year_exited IS NULL), 0)::int AS hp,
           count(h.code) FILTER (WHERE h.year_exited IS NOT NULL)::int AS xh,
           coalesce(sum(m.n) FILTER (WHERE h.year_exited IS NOT NULL), 0)::int AS xp
         FROM villages v LEFT JOIN households h ON h.village_code = v.code
           LEFT JOIN (SELECT household_code, count(*) AS n FROM members GROUP BY 1) m ON m.household_code = h.code
         GROUP BY v.code`,
      );
      expect(rows).toHaveLength(179);
      for (const r of rows) expect([r.hh, r.hp, r.xh, r.xp], r.code).toEqual([r.ph, r.pp, r.eh, r.ep]);
    });

    it('are marked demo, 因病 the commonest cause at about four in ten', async () => {
      const causes = await t.db.query<{ main_cause: string; n: number }>(
        'SELECT main_cause, count(*)::int AS n FROM households GROUP BY 1 ORDER BY 2 DESC',
      );
      const total = causes.reduce((a, c) => a + c.n, 0);
      expect(causes[0].main_cause).toBe('illness');
      expect(causes[0].n / total).toBeGreaterThan(0.35);
      expect(causes[0].n / total).toBeLessThan(0.45);
      const [{ notDemo }] = await t.db.query<{ notDemo: number }>(
        `SELECT ((SELECT count(*) FROM households WHERE NOT demo) + (SELECT count(*) FROM members WHERE NOT demo))::int AS "notDemo"`,
      );
      expect(notDemo).toBe(0);
    });

    it('have incomes above the line once exited (a few wrong exits aside) and mostly below while registered', async () => {
      const latest = await t.db.query<{ exited: number | null; year: number; income: number; f: boolean; e: boolean; m: boolean; h: boolean; w: boolean }>(
        `SELECT DISTINCT ON (h.code) h.year_exited AS exited, y.year, y.income_per_capita AS income,
           y.food_clothing AS f, y.education AS e, y.medical AS m, y.housing AS h, y.water AS w
         FROM households h JOIN household_years y ON y.household_code = h.code ORDER BY h.code, y.year DESC`,
      );
      const share = (rows: typeof latest, pred: (r: (typeof latest)[number]) => boolean) => rows.filter(pred).length / rows.length;
      const exited = latest.filter((r) => r.exited !== null);
      const registered = latest.filter((r) => r.exited === null);
      expect(share(exited, (r) => r.income > povertyLine(r.year)!)).toBeGreaterThan(0.95);
      expect(share(registered, (r) => r.income < povertyLine(r.year)!)).toBeGreaterThan(0.7);
      const readiness = latest.map((r) =>
        householdReadiness(r.exited, { year: r.year, incomePerCapita: r.income, foodClothing: r.f, education: r.e, medical: r.m, housing: r.h, water: r.w }),
      );
      expect(readiness).toContain('wrong_exit');
      expect(readiness).toContain('ready');
    });

    it('have measures and relocated households linked to sites', async () => {
      const [m] = await t.db.query<{ households: number; withMeasures: number; relocated: number }>(
        `SELECT count(*)::int AS households,
           count(*) FILTER (WHERE EXISTS (SELECT 1 FROM household_measures x WHERE x.household_code = h.code))::int AS "withMeasures",
           count(*) FILTER (WHERE relocation_site_id IS NOT NULL)::int AS relocated
         FROM households h`,
      );
      expect(m.withMeasures).toBe(m.households);
      expect(m.relocated).toBeGreaterThan(0);
    });

    it('carry valid ID numbers with the county prefix, synthetic names, and keyed hashes', async () => {
      const members = await t.db.query<{ name: string; id_number_enc: string; id_number_hash: string; birth_year: number }>(
        'SELECT name, id_number_enc, id_number_hash, birth_year FROM members',
      );
      const ids = new Set<string>();
      for (const m of members) {
        const id = t.pii.decrypt(m.id_number_enc);
        expect(isValidIdNumber(id), id.slice(0, 6)).toBe(true);
        expect(id.startsWith('140721')).toBe(true);
        expect(Number(id.slice(6, 10))).toBe(m.birth_year);
        expect(m.id_number_hash).toBe(t.pii.idNumberHash(id));
        expect(m.name).toMatch(/^.演.$/u);
        ids.add(id);
      }
      expect(ids.size).toBe(members.length);
    });
  });

  describe('encryption at rest', () => {
    it('raw table rows show no plain ID number or phone', async () => {
      const members = await t.db.query<Record<string, unknown> & { id_number_enc: string; phone_enc: string | null }>('SELECT * FROM members');
      for (const row of members) {
        const raw = JSON.stringify(row);
        expect(raw).not.toContain(t.pii.decrypt(row.id_number_enc));
        if (row.phone_enc) expect(raw).not.toContain(t.pii.decrypt(row.phone_enc));
      }
      const households = await t.db.query<Record<string, unknown> & { cadre_phone_enc: string }>('SELECT * FROM households');
      for (const row of households) expect(JSON.stringify(row)).not.toContain(t.pii.decrypt(row.cadre_phone_enc));
      const all = JSON.stringify(members) + JSON.stringify(households);
      expect(all).not.toMatch(/(?<![\w+/])140721\d{11}[\dX](?![\w+/])/);
      expect(all).not.toMatch(/(?<![\w+/])1[3-9]\d{9}(?![\w+/])/);
    });

    it('encrypts each value afresh and refuses a tampered one', () => {
      const a = t.pii.encrypt('13812345678');
      expect(t.pii.encrypt('13812345678')).not.toBe(a);
      expect(t.pii.decrypt(a)).toBe('13812345678');
      const tampered = a.slice(0, -4) + (a.endsWith('AAAA') ? 'BBBB' : 'AAAA');
      expect(() => t.pii.decrypt(tampered)).toThrow();
    });
  });

  describe('scope', () => {
    it('refuses anonymous users and roles without household access', async () => {
      expect((await t.json(`/api/villages/${TEAM_VILLAGE}/households`)).status).toBe(401);
      expect((await t.json(`/api/households/${firstHousehold(TEAM_VILLAGE)}`)).status).toBe(401);
      expect((await as.banqian.send('GET', `/api/villages/${TEAM_VILLAGE}/households`)).status).toBe(403);
      expect((await as.banqian.send('GET', `/api/households/${firstHousehold(TEAM_VILLAGE)}`)).status).toBe(403);
    });

    it('county roles see any village of the county, masked', async () => {
      for (const who of ['admin', 'fupin', 'leader'] as const) {
        const res = await as[who].send<HouseholdListItem[]>('GET', `/api/villages/${OTHER_TOWNSHIP_VILLAGE}/households`);
        expect(res.status, who).toBe(200);
        expect(res.body.length).toBeGreaterThan(0);
        for (const h of res.body) expect(h.headName).toMatch(/^.\*.$/u);
      }
    });

    it('a township cadre sees their township only: another township’s household is 404 and absent from lists', async () => {
      const own = await as.xiangzhen.send<HouseholdListItem[]>('GET', `/api/villages/${OTHER_VILLAGE_SAME_TOWNSHIP}/households`);
      expect(own.status).toBe(200);
      expect(own.body.every((h) => h.code.startsWith(OWN_TOWNSHIP))).toBe(true);
      expect((await as.xiangzhen.send('GET', `/api/villages/${OTHER_TOWNSHIP_VILLAGE}/households`)).status).toBe(404);
      const other = await as.xiangzhen.send('GET', `/api/households/${firstHousehold(OTHER_TOWNSHIP_VILLAGE)}`);
      expect(other.status).toBe(404);
      const unknown = await as.xiangzhen.send('GET', `/api/households/${TEAM_VILLAGE}9999`);
      expect(other.body.error.code).toBe(unknown.body.error.code);
      const unmask = await as.xiangzhen.send('POST', `/api/households/${firstHousehold(OTHER_TOWNSHIP_VILLAGE)}/unmask`, { field: 'headName', reason: '核实' });
      expect(unmask.status).toBe(404);
    });

    it('a village team sees its villages only, not the rest of the township', async () => {
      expect((await as.zhucun.send('GET', `/api/villages/${TEAM_VILLAGE}/households`)).status).toBe(200);
      expect((await as.zhucun.send('GET', `/api/villages/${OTHER_VILLAGE_SAME_TOWNSHIP}/households`)).status).toBe(404);
      expect((await as.zhucun.send('GET', `/api/households/${firstHousehold(OTHER_VILLAGE_SAME_TOWNSHIP)}`)).status).toBe(404);
      expect((await as.zhucun.send('GET', `/api/households/${firstHousehold(OTHER_TOWNSHIP_VILLAGE)}`)).status).toBe(404);
    });

    it('an assisting cadre sees only the households they assist, and may not unmask', async () => {
      const [{ code, village_code: village }] = await t.db.query<{ code: string; village_code: string }>(
        `SELECT code, village_code FROM households WHERE assisting_user_id = (SELECT id FROM users WHERE username = 'bangfu') ORDER BY code LIMIT 1`,
      );
      const list = await as.bangfu.send<HouseholdListItem[]>('GET', `/api/villages/${village}/households`);
      const [{ n }] = await t.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM households WHERE village_code = $1 AND assisting_user_id IS NOT NULL`,
        [village],
      );
      expect(list.body.length).toBe(n);
      expect(n).toBeGreaterThan(0);
      expect((await as.bangfu.send('GET', `/api/households/${code}`)).status).toBe(200);
      const [{ code: notTheirs }] = await t.db.query<{ code: string }>(
        `SELECT code FROM households WHERE village_code = $1 AND assisting_user_id IS NULL LIMIT 1`,
        [village],
      );
      expect((await as.bangfu.send('GET', `/api/households/${notTheirs}`)).status).toBe(404);
      expect((await as.bangfu.send('GET', `/api/villages/${OTHER_TOWNSHIP_VILLAGE}/households`)).status).toBe(404);
      expect((await as.bangfu.send('POST', `/api/households/${code}/unmask`, { field: 'headName', reason: '入户走访' })).status).toBe(403);
    });

    it('a scope change applies at once', async () => {
      const users = (await as.admin.send<{ id: number; username: string }[]>('GET', '/api/users')).body;
      const cadre = users.find((u) => u.username === 'xiangzhen')!;
      const moved = await as.admin.send('PATCH', `/api/users/${cadre.id}`, { scope: ['140721200'] });
      expect(moved.status).toBe(200);
      expect(moved.body.scope).toEqual(['140721200']);
      const again = await login(t.request, 'xiangzhen');
      expect((await again.send('GET', `/api/households/${firstHousehold(TEAM_VILLAGE)}`)).status).toBe(404);
      expect((await again.send('GET', `/api/households/${firstHousehold(OTHER_TOWNSHIP_VILLAGE)}`)).status).toBe(200);
      await as.admin.send('PATCH', `/api/users/${cadre.id}`, { scope: [OWN_TOWNSHIP] });
      as.xiangzhen = await login(t.request, 'xiangzhen');
    });
  });

  describe('masking and unmasking', () => {
    it('answers a household’s detail masked by default: names, ID numbers, phones', async () => {
      const { status, body } = await as.fupin.send<HouseholdDetail>('GET', `/api/households/${firstHousehold(TEAM_VILLAGE)}`);
      expect(status).toBe(200);
      expect(body.members.length).toBe(body.persons);
      for (const m of body.members) {
        expect(m.name).toMatch(/^.\*.$/u);
        expect(m.idNumber).toMatch(/^140721\*{8}\d{3}[\dX]$/);
        if (m.phone) expect(m.phone).toMatch(/^1\d{2}\*{4}\d{4}$/);
      }
      expect(body.cadre.phone).toMatch(/^1\d{2}\*{4}\d{4}$/);
      expect(body.years.length).toBeGreaterThan(0);
      expect(body.years.at(-1)!.povertyLine).toBe(povertyLine(body.years.at(-1)!.year));
      expect(body.canUnmask).toBe(true);
      expect((await as.leader.send<HouseholdDetail>('GET', `/api/households/${firstHousehold(TEAM_VILLAGE)}`)).body.canUnmask).toBe(false);
    });

    it('unmasks one value for a permitted role with a reason, and logs who, when, which and why, not the value', async () => {
      const code = firstHousehold(TEAM_VILLAGE);
      const detail = (await as.zhucun.send<HouseholdDetail>('GET', `/api/households/${code}`)).body;
      const member = detail.members[0];
      const res = await as.zhucun.send<{ value: string }>('POST', `/api/households/${code}/unmask`, { field: 'idNumber', memberId: member.id, reason: '核对医保报销' });
      expect(res.status).toBe(200);
      expect(isValidIdNumber(res.body.value)).toBe(true);
      expect(res.body.value.slice(-4)).toBe(member.idNumber.slice(-4));
      const log = await as.admin.send<UnmaskLogEntry[]>('GET', '/api/unmask-log');
      expect(log.body[0]).toMatchObject({ username: 'zhucun', householdCode: code, memberId: member.id, field: 'idNumber', reason: '核对医保报销' });
      expect(Date.now() - Date.parse(log.body[0].at)).toBeLessThan(60_000);
      expect(JSON.stringify(log.body)).not.toContain(res.body.value);
    });

    it('refuses unmasking without a reason, by a viewer, and the log to non-admins', async () => {
      const code = firstHousehold(TEAM_VILLAGE);
      const before = (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM unmask_log'))[0].n;
      expect((await as.fupin.send('POST', `/api/households/${code}/unmask`, { field: 'headName' })).status).toBe(400);
      expect((await as.fupin.send('POST', `/api/households/${code}/unmask`, { field: 'headName', reason: ' ' })).status).toBe(400);
      expect((await as.fupin.send('POST', `/api/households/${code}/unmask`, { field: 'idNumber', reason: '核实' })).status).toBe(400);
      expect((await as.leader.send('POST', `/api/households/${code}/unmask`, { field: 'headName', reason: '核实' })).status).toBe(403);
      expect((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM unmask_log'))[0].n).toBe(before);
      expect((await as.fupin.send('GET', '/api/unmask-log')).status).toBe(403);
      const head = await as.fupin.send<{ value: string }>('POST', `/api/households/${code}/unmask`, { field: 'headName', reason: '核实' });
      expect(head.body.value).toMatch(/^.演.$/u);
    });

    it('publishes no event for reads or unmasking', async () => {
      const events: unknown[] = [];
      const stop = t.bus.subscribe((e) => events.push(e));
      await as.fupin.send('GET', `/api/households/${firstHousehold(TEAM_VILLAGE)}`);
      await as.fupin.send('POST', `/api/households/${firstHousehold(TEAM_VILLAGE)}/unmask`, { field: 'headName', reason: '核实' });
      stop();
      expect(events).toEqual([]);
    });
  });

  describe('village figures from households', () => {
    it('are public aggregates that match the demo village figures', async () => {
      const { status, body } = await t.json<VillageHouseholdFigures>(`/api/villages/${TEAM_VILLAGE}/household-figures`);
      expect(status).toBe(200);
      const village = (await t.json(`/api/villages/${TEAM_VILLAGE}`)).body;
      expect(body).toMatchObject({
        poorHouseholds: village.poorHouseholds, poorPersons: village.poorPersons,
        exitedHouseholds: village.exitedHouseholds, exitedPersons: village.exitedPersons, differences: [],
      });
      expect(body.households).toBe(village.poorHouseholds + village.exitedHouseholds);
      expect(JSON.stringify(body)).not.toMatch(/演/);
      expect((await t.json(`/api/villages/${OTHER_TOWNSHIP_VILLAGE.slice(0, 9)}999/household-figures`)).status).toBe(404);
    });

    it('show the difference when a typed-in figure disagrees with the households', async () => {
      await t.db.write((tx) => tx.query('UPDATE villages SET typed_poor_persons = typed_poor_persons + 3 WHERE code = $1', [TEAM_VILLAGE]));
      try {
        const { body } = await t.json<VillageHouseholdFigures>(`/api/villages/${TEAM_VILLAGE}/household-figures`);
        expect(body.differences).toEqual([{ field: 'poorPersons', typed: body.poorPersons + 3, fromHouseholds: body.poorPersons }]);
      } finally {
        await t.db.write((tx) => tx.query('UPDATE villages SET typed_poor_persons = typed_poor_persons - 3 WHERE code = $1', [TEAM_VILLAGE]));
      }
    });
  });

  describe('user admin scope', () => {
    it('needs a township for a township cadre and villages for a village team, and none for others', async () => {
      const base = { displayName: '测试', password: 'Huangtu-Gaoyuan-2026' };
      expect((await as.admin.send('POST', '/api/users', { ...base, username: 'tc1', role: 'township_cadre' })).status).toBe(422);
      expect((await as.admin.send('POST', '/api/users', { ...base, username: 'tc1', role: 'township_cadre', scope: ['140721999'] })).status).toBe(422);
      const ok = await as.admin.send('POST', '/api/users', { ...base, username: 'tc1', role: 'township_cadre', scope: [OWN_TOWNSHIP] });
      expect(ok.status).toBe(201);
      expect(ok.body.scope).toEqual([OWN_TOWNSHIP]);
      expect((await as.admin.send('POST', '/api/users', { ...base, username: 'vt1', role: 'village_team', scope: [OWN_TOWNSHIP] })).status).toBe(422);
      expect((await as.admin.send('POST', '/api/users', { ...base, username: 'pm1', role: 'viewer', scope: [TEAM_VILLAGE] })).status).toBe(422);
      expect((await as.admin.send('POST', '/api/users', { ...base, username: 'vt1', role: 'village_team', scope: ['x'] })).status).toBe(400);
      const toAdmin = await as.admin.send('PATCH', `/api/users/${ok.body.id}`, { role: 'poverty_office' });
      expect(toAdmin.body).toMatchObject({ role: 'poverty_office', scope: [] });
    });
  });
});

describe('the personal-data key', () => {
  const migratedDb = async () => {
    const db = await freshDb('pglite');
    await migrate(db);
    return db;
  };
  const source = () => ({ PII_KEY_FILE: join(mkdtempSync(join(tmpdir(), 'pii-')), 'keys', 'pii.key') });

  it('is created with mode 0600 on first start, then read again', async () => {
    const db = await migratedDb();
    try {
      const where = source();
      const first = await openPiiCipher(db, where);
      expect(statSync(where.PII_KEY_FILE).mode & 0o777).toBe(0o600);
      expect(readFileSync(where.PII_KEY_FILE, 'utf8').trim()).toMatch(/^[A-Za-z0-9+/]{43}=$/);
      const again = await openPiiCipher(db, where);
      expect(again.fingerprint).toBe(first.fingerprint);
    } finally {
      await db.close();
    }
  });

  it('is never created for a database that holds encrypted data: the server refuses, and refuses a different key', async () => {
    const db = await migratedDb();
    try {
      await openPiiCipher(db, { PII_KEY: Buffer.alloc(32, 7).toString('base64'), PII_KEY_FILE: '/nonexistent' });
      const missing = source();
      await expect(openPiiCipher(db, missing)).rejects.toThrow(PiiKeyError);
      await expect(openPiiCipher(db, missing)).rejects.toThrow(/no key/);
      expect(existsSync(missing.PII_KEY_FILE)).toBe(false);
      await expect(openPiiCipher(db, { PII_KEY: Buffer.alloc(32, 8).toString('base64'), PII_KEY_FILE: '/nonexistent' })).rejects.toThrow(/not the one/);
      const right = await openPiiCipher(db, { PII_KEY: Buffer.alloc(32, 7).toString('base64'), PII_KEY_FILE: '/nonexistent' });
      expect(right.fingerprint).toBe(createPiiCipher(Buffer.alloc(32, 7)).fingerprint);
      await expect(openPiiCipher(db, { PII_KEY: 'c2hvcnQ=', PII_KEY_FILE: '/nonexistent' })).rejects.toThrow(/32 bytes/);
    } finally {
      await db.close();
    }
  });
});
