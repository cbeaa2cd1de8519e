// The household import (issue 12 item 10): a member table made the way 国扶系统 exports it, previewed
// masked with per-row errors, committed all or nothing, ID numbers checked and encrypted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VillageView } from '../common/api';
import type { HouseholdImportPreview } from '../common/household-import';
import { makeIdNumber } from '../common/id-number';
import { BACKENDS, createTestApp } from './helpers/app';
import { nationalHouseholdWorkbook, type NationalMemberRow } from './helpers/office-files';
import { login, type Session } from './helpers/session';
import { upload } from './helpers/upload';

const VILLAGE = '140721100200';
const id = (year: number, seq: number) => makeIdNumber('140721', { year, month: 3, day: 14 }, seq);
const HEAD_ID = id(1961, 901); // odd: a man
const family = (code: string, n: number): NationalMemberRow[] => [
  { 户编号: code, 姓名: '测演甲', 证件号码: HEAD_ID.replace(/^(.{14}).../, `$1${String(900 + n * 2 + 1).slice(-3)}`), 与户主关系: '户主', 性别: '男', 文化程度: '小学', 健康状况: '长期慢性病', 劳动技能: '普通劳动力', 贫困户属性: '一般贫困户', 主要致贫原因: '因病', 脱贫年度: '', 联系电话: '13912345678' },
  { 户编号: code, 姓名: '测演乙', 证件号码: id(1964, 800 + n * 2), 与户主关系: '配偶', 性别: '女', 文化程度: '初中', 健康状况: '健康', 劳动技能: '弱劳动力或半劳动力' },
  { 户编号: code, 姓名: '测演丙', 证件号码: id(2010, 700 + n * 2 + 1), 与户主关系: '之子', 性别: '男', 在校生状况: '八年级', 健康状况: '健康', 劳动技能: '无劳动力' },
];
// The head's ID number with a check character fixed for each family.
const withCheck = (rows: NationalMemberRow[]) => rows.map((r) => ({ ...r, 证件号码: makeIdNumber(r.证件号码.slice(0, 6), { year: Number(r.证件号码.slice(6, 10)), month: Number(r.证件号码.slice(10, 12)), day: Number(r.证件号码.slice(12, 14)) }, Number(r.证件号码.slice(14, 17))) }));

describe.each(BACKENDS)('household import on %s', (backend) => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let fupin: Session;
  beforeAll(async () => {
    t = await createTestApp(backend, { households: true });
    fupin = await login(t.request, 'fupin');
  }, 120_000);
  afterAll(() => t.close());

  const preview = async (rows: NationalMemberRow[], as = fupin) =>
    upload<HouseholdImportPreview>(t.request, as, '/api/import/households/preview', { name: '贫困户家庭成员.xlsx', bytes: await nationalHouseholdWorkbook(rows) });

  it('reports every bad row by its number, masks what it echoes, and writes nothing', async () => {
    const good = withCheck([...family(`${VILLAGE}9001`, 1)]);
    const badId = `${good[1].证件号码.slice(0, 17)}${good[1].证件号码[17] === '0' ? '1' : '0'}`;
    const rows = [...good.slice(0, 1), { ...good[1], 证件号码: badId }, { ...good[2], 与户主关系: '邻居', 健康状况: '很好' },
      { ...good[0], 户编号: '140721999999' + '0001' }];
    const before = await t.db.query('SELECT count(*)::int AS n FROM members');
    const { status, body } = await preview(rows);
    expect(status).toBe(200);
    expect(body.token).toBeNull();
    expect(body.errors.map((e) => [e.row, e.field])).toEqual([
      [4, 'idNumber'], [5, 'relation'], [5, 'health'], [6, 'householdCode'],
    ]);
    const text = JSON.stringify(body);
    expect(text).not.toContain(badId);
    expect(text).toContain(`${badId.slice(0, 6)}********${badId.slice(-4)}`);
    expect(text).not.toContain('13912345678');
    expect(await t.db.query('SELECT count(*)::int AS n FROM members')).toEqual(before);
  });

  it('previews a clean file masked, commits it whole, encrypts ID numbers, and the village figures follow', async () => {
    const rows = withCheck([...family(`${VILLAGE}9001`, 1), ...family(`${VILLAGE}9002`, 2)]);
    // Household attributes given on the head's row only, as the export does.
    const village = (await t.json<VillageView>(`/api/villages/${VILLAGE}`)).body;
    const { status, body } = await preview(rows);
    expect(status, JSON.stringify(body.errors)).toBe(200);
    expect(body).toMatchObject({ households: 2, members: 6, villages: 1, errorCount: 0 });
    expect(body.changes.map((c) => [c.row, c.code, c.headName, c.members, c.action])).toEqual([
      [3, `${VILLAGE}9001`, '测*甲', 3, 'create'], [6, `${VILLAGE}9002`, '测*甲', 3, 'create'],
    ]);
    expect(body.columns.idNumber).toBe('证件号码（身份证）');
    for (const r of rows) expect(JSON.stringify(body)).not.toContain(r.证件号码);

    // Another role may not import.
    expect((await preview(rows, await login(t.request, 'xiangzhen'))).status).toBe(403);

    const commit = await fupin.send('POST', '/api/import/households/commit', { token: body.token });
    expect(commit.status).toBe(200);
    expect(commit.body.applied).toBe(2);
    const stored = await t.db.query<Record<string, unknown> & { id_number_enc: string; relation: string; schooling: string; labour_ability: string }>(
      `SELECT * FROM members WHERE household_code LIKE $1 ORDER BY id`, [`${VILLAGE}900%`],
    );
    const oneFamily = [['head', 'graduated', 'normal'], ['spouse', 'graduated', 'weak'], ['child', 'in_school', 'none']];
    expect(stored.map((m) => [m.relation, m.schooling, m.labour_ability])).toEqual([...oneFamily, ...oneFamily]);
    for (const [i, m] of stored.entries()) {
      expect(JSON.stringify(m)).not.toContain(rows[i].证件号码);
      expect(t.pii.decrypt(m.id_number_enc)).toBe(rows[i].证件号码);
    }
    const after = (await t.json<VillageView>(`/api/villages/${VILLAGE}`)).body;
    expect([after.poorHouseholds, after.poorPersons]).toEqual([village.poorHouseholds + 2, village.poorPersons + 6]);

    // The same people again under another household: registered twice, refused.
    const again = await preview(rows.map((r) => ({ ...r, 户编号: `${VILLAGE}9003` })).slice(0, 3));
    expect(again.body.errors.map((e) => e.message)).toContain('该证件号码已登记在本县另一户中');
    expect(again.body.token).toBeNull();
  });
});
