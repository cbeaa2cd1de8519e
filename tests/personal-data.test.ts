// Personal data (issue 12 item 9): masked in every answer, plain only in the poverty office's
// marked and logged export, never echoed by an error, never in the log.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { HouseholdDetail, HouseholdPage, UnmaskLogEntry } from '../common/household-api';
import { maskIdNumber, maskName } from '../common/masking';
import { BACKENDS, createTestApp } from './helpers/app';
import { login, type Session } from './helpers/session';

const VILLAGE = '140721100200';
const PLAIN_ID = /(?<![\d*])\d{17}[\dX](?![\d*])/;
const PLAIN_MOBILE = /(?<![\d*])1[3-9]\d{9}(?![\d*])/;

describe.each(BACKENDS)('personal data on %s', (backend) => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let as: Record<'admin' | 'fupin' | 'leader' | 'xiangzhen', Session>;
  let member: { name: string; id: string; household: string };
  beforeAll(async () => {
    t = await createTestApp(backend, { households: true });
    as = Object.fromEntries(await Promise.all(['admin', 'fupin', 'leader', 'xiangzhen'].map(async (n) => [n, await login(t.request, n)]))) as typeof as;
    const [m] = await t.db.query<{ name: string; enc: string; household: string }>(
      `SELECT name, id_number_enc AS enc, household_code AS household FROM members WHERE household_code LIKE $1 || '%' ORDER BY id LIMIT 1`, [VILLAGE],
    );
    member = { name: m.name, id: t.pii.decrypt(m.enc), household: m.household };
  }, 120_000);
  afterAll(() => t.close());

  it('answers every household read masked, for every role that may read', async () => {
    for (const s of [as.admin, as.fupin, as.leader, as.xiangzhen]) {
      const answers = [
        await s.send('GET', `/api/villages/${VILLAGE}/households`),
        await s.send('GET', `/api/households?village=${VILLAGE}&limit=500`),
        await s.send('GET', `/api/households/${member.household}`),
      ];
      for (const a of answers) {
        expect(a.status).toBe(200);
        const text = JSON.stringify(a.body);
        expect(text).not.toMatch(PLAIN_ID);
        expect(text).not.toMatch(PLAIN_MOBILE);
        expect(text).not.toContain(`"${member.name}"`);
      }
      const detail = answers[2].body as HouseholdDetail;
      expect(detail.members[0]).toMatchObject({ name: maskName(member.name), idNumber: maskIdNumber(member.id) });
      expect((answers[1].body as HouseholdPage).items.every((h) => h.headName.includes('*'))).toBe(true);
    }
  });

  it('exports households and members in plain text to the poverty office only, marked with user and time, logged like an unmask', async () => {
    for (const s of [as.admin, as.leader, as.xiangzhen]) expect((await s.send('GET', '/api/households.xlsx?reason=年度核查')).status).toBe(403);
    expect((await as.fupin.send('GET', '/api/households.xlsx')).status).toBe(400);

    const res = await t.request(`/api/households.xlsx?reason=${encodeURIComponent('年度动态调整核查')}&village=${VILLAGE}`, { headers: { Cookie: as.fupin.cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    const [households, members] = workbook.worksheets;
    expect(households.name).toBe('贫困户');
    for (const sheet of [households, members]) {
      const mark = String(sheet.getCell(2, 1).value);
      expect(mark).toContain('导出人：县扶贫办（fupin）');
      expect(mark).toMatch(/导出时间：\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
      expect(mark).toContain('年度动态调整核查');
    }
    const ids = members.getColumn(3).values.map(String);
    expect(ids).toContain(member.id);
    expect(members.getColumn(1).values.slice(4).every((c) => String(c).startsWith(VILLAGE))).toBe(true);

    const log = (await as.admin.send<UnmaskLogEntry[]>('GET', '/api/unmask-log')).body;
    expect(log[0]).toMatchObject({ username: 'fupin', field: 'export', scope: VILLAGE, householdCode: null, reason: '年度动态调整核查' });
    expect(JSON.stringify(log)).not.toMatch(PLAIN_ID);
  });

  it('never echoes an ID number from bad input, and logs nothing personal', async () => {
    const logged: string[] = [];
    const spies = (['log', 'info', 'warn', 'error'] as const).map((level) => vi.spyOn(console, level).mockImplementation((...args) => void logged.push(args.map(String).join(' '))));
    try {
      const id = member.id;
      const bad = [
        await as.fupin.send('GET', `/api/households/${id}`),
        await as.fupin.send('GET', `/api/households?q=${id}&extra=${id}`),
        await as.fupin.send('GET', `/api/households?limit=${id}`),
        await as.fupin.send('GET', `/api/households.xlsx?reason=${id}&village=${id}`),
        await as.fupin.send('POST', `/api/households/${member.household}/unmask`, { field: 'idNumber', memberId: id, reason: id }),
        await as.fupin.send('POST', `/api/households/${member.household}/unmask`, { field: id, reason: '核对' }),
        await as.fupin.send('POST', `/api/households/${member.household}/unmask`, { field: 'headName', reason: '核对', [id]: id }),
        await as.fupin.send('GET', `/api/villages/${id}/households`),
      ];
      for (const b of bad) {
        expect(b.status, JSON.stringify(b.body)).toBeGreaterThanOrEqual(400);
        expect(JSON.stringify(b.body)).not.toContain(id);
        expect(JSON.stringify(b.body)).not.toContain(id.slice(6, 14));
      }
    } finally {
      for (const s of spies) s.mockRestore();
    }
    expect(logged.join('\n')).not.toMatch(PLAIN_ID);
  });
});
