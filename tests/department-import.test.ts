// Departments' lists as offices send them (an .xlsx with a title row, a GBK CSV): matched by the
// keyed hash of the ID number, unmatched and repeated rows reported masked, unreadable rows
// blocking the commit, and the commit raising warnings on the matched households only.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DepartmentImportPreview, DepartmentImportResult } from '../common/department-import';
import { makeIdNumber } from '../common/id-number';
import type { Page, WarningView } from '../common/monitoring';
import { chinaToday } from '../common/problems';
import { BACKENDS, createTestApp } from './helpers/app';
import { gbkEncode } from './helpers/office-files';
import { login, type Session } from './helpers/session';
import { upload } from './helpers/upload';

describe.each(BACKENDS)('department screening import on %s', (backend) => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let fupin: Session;
  let xiangzhen: Session;
  let members: { id: number; code: string; idNumber: string }[];
  const month = chinaToday().slice(0, 7);
  beforeAll(async () => {
    t = await createTestApp(backend, { households: true });
    [fupin, xiangzhen] = await Promise.all([login(t.request, 'fupin'), login(t.request, 'xiangzhen')]);
    const rows = await t.db.query<{ id: number; code: string; enc: string }>(
      `SELECT m.id, m.household_code AS code, m.id_number_enc AS enc FROM members m
       WHERE m.household_code LIKE '140721100200%' ORDER BY m.id LIMIT 3`,
    );
    members = rows.map((r) => ({ id: r.id, code: r.code, idNumber: t.pii.decrypt(r.enc) }));
  }, 120_000);
  afterAll(() => t.close());

  const medicalList = async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('高额自付');
    sheet.addRow([`${month} 医保高额个人自付人员名单`]);
    sheet.addRow(['序号', '姓名', '身份证号码', '结算日期', '个人自付金额（元）']);
    sheet.addRow([1, '某甲', members[0].idNumber, `${month}-03`, 90_000]);
    sheet.addRow([2, '某甲', members[0].idNumber, `${month}-03`, 90_000]);
    sheet.addRow([3, '某乙', makeIdNumber('110101', { year: 1960, month: 5, day: 6 }, 17), `${month}-04`, 52_000]);
    sheet.addRow([4, '某丙', members[1].idNumber.toLowerCase(), `${month.replace('-', '/')}/05`, '1,000']);
    return new Uint8Array(await workbook.xlsx.writeBuffer());
  };

  it('matches by ID number, reports unmatched and repeated rows masked, and raises warnings on commit', async () => {
    const preview = await upload<DepartmentImportPreview>(t.request, fupin, '/api/import/departments/preview', { name: '医保名单.xlsx', bytes: await medicalList() }, {
      department: 'medical_insurance', period: month,
    });
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body).toMatchObject({ rows: 4, matched: 2, households: members[0].code === members[1].code ? 1 : 2, errors: [] });
    expect(preview.body.unmatched).toEqual([expect.objectContaining({ line: 5, idNumber: expect.stringMatching(/^110101\*{8}\d{3}[\dX]$/) })]);
    expect(preview.body.duplicates).toEqual([expect.objectContaining({ line: 4, firstLine: 3 })]);
    const text = JSON.stringify(preview.body);
    for (const m of members) expect(text).not.toContain(m.idNumber);
    expect(preview.body.token).toMatch(/^[0-9a-f]{32}$/);

    const before = await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM monitoring_warnings WHERE source = 'department'");
    expect(before[0].n).toBe(0);
    const commit = await fupin.send<DepartmentImportResult>('POST', '/api/import/departments/commit', { token: preview.body.token });
    expect(commit.status).toBe(200);
    expect(commit.body.events).toBe(2);
    const warnings = await xiangzhen.send<Page<WarningView>>('GET', `/api/monitoring/warnings?village=140721100200&pageSize=200`);
    const medical = warnings.body.items.filter((w) => w.rule === 'medical_burden');
    expect(medical.map((w) => w.householdCode)).toContain(members[0].code);
    expect(medical.every((w) => w.source === 'department')).toBe(true);
    expect(commit.body.warningsRaised).toBeGreaterThanOrEqual(1);
    // the same list again: stored once, nothing new raised
    const again = await upload<DepartmentImportPreview>(t.request, fupin, '/api/import/departments/preview', { name: '医保名单.xlsx', bytes: await medicalList() }, {
      department: 'medical_insurance', period: month,
    });
    const second = await fupin.send<DepartmentImportResult>('POST', '/api/import/departments/commit', { token: again.body.token });
    expect(second.body).toEqual({ events: 0, warningsRaised: 0 });
  });

  it('refuses to commit a list with unreadable rows, and anyone but the poverty office', async () => {
    const csv = gbkEncode(
      ['应急管理局受灾人员名单', '姓名,公民身份号码,受灾日期', `某丁,${members[2].idNumber},${month}-10`, '某戊,14072119800101123,2026-10-10', `某己,${members[2].idNumber},2026-13-40`].join('\r\n'),
    );
    const preview = await upload<DepartmentImportPreview>(t.request, fupin, '/api/import/departments/preview', { name: '受灾名单.csv', bytes: csv }, {
      department: 'emergency', period: month,
    });
    expect(preview.status).toBe(200);
    expect(preview.body.errors.map((e) => e.line)).toEqual([4, 5]);
    expect(preview.body.errors[0].message).toContain('身份证号无效');
    expect(preview.body.token).toBeNull();
    const refused = await upload(t.request, xiangzhen, '/api/import/departments/preview', { name: '受灾名单.csv', bytes: csv }, { department: 'emergency', period: month });
    expect(refused.status).toBe(403);
    const noColumn = await upload(t.request, fupin, '/api/import/departments/preview', { name: 'x.csv', bytes: '姓名,金额\n张三,1\n' }, { department: 'emergency', period: month });
    expect(noColumn.status).toBe(422);
    expect(noColumn.body.error.message).toContain('身份证号');
  });
});
