// Households and members with personal data in plain text, for the poverty office only: each sheet
// says who exported it and when, and the export is logged like an unmask (who, when, which area, why).
import type { PersonalExportQuery } from '../../../common/household-api';
import {
  HEALTH_LABELS, LABOUR_LABELS, POVERTY_ATTRIBUTE_LABELS, POVERTY_CAUSE_LABELS, RELATION_LABELS, SCHOOLING_LABELS,
} from '../../../common/households';
import { can, type SessionUser } from '../../../common/roles';
import type { Db } from '../../db/client';
import type { PiiCipher } from '../../pii/cipher';
import { membersOfArea, recordPersonalExport, searchHouseholds } from '../../repo/households';
import { DomainError } from '../domain-error';
import { addSheet, workbookBytes } from './workbook';

const SEX_LABELS = { male: '男', female: '女' } as const;

/** "2026-11-26 11:50" in China's time, as the mark on the file reads. */
const chinaTime = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

export async function personalDataWorkbook(
  db: Db, pii: PiiCipher, user: SessionUser, county: { code: string; name: string }, q: PersonalExportQuery, now = new Date(),
): Promise<Uint8Array> {
  if (!can(user.role, 'exportPersonalData')) {
    throw new DomainError('forbidden', 'forbidden', '只有扶贫办可以导出含个人信息的贫困户数据', 'Only the poverty office may export household records with personal data');
  }
  const area = q.village ?? q.township ?? county.code;
  if (!area.startsWith(county.code)) throw new DomainError('not_found', 'not_found', `本县没有 ${area}`, `${area} is not in this county`);
  await db.write((tx) => recordPersonalExport(tx, { userId: user.id, username: user.username, scope: area, reason: q.reason }));
  const { rows: households } = await searchHouseholds(db, { kind: 'county', area: county.code }, { ...q, limit: 10_000_000, offset: 0 });
  const members = await membersOfArea(db, area);
  const mark = `导出人：${user.displayName}（${user.username}）  导出时间：${chinaTime(now)}（北京时间）  原因：${q.reason}  ·  含个人敏感信息，仅限本职工作使用，不得外传`;
  const title = (what: string) => `${county.name}${what}（含个人信息）`;
  const decrypt = (v: string | null) => (v === null ? '' : pii.decrypt(v));
  return workbookBytes((workbook) => {
    workbook.creator = `${user.username} ${chinaTime(now)}`;
    addSheet(workbook, {
      name: '贫困户', title: title('建档立卡贫困户'), note: mark, rows: households,
      columns: [
        { header: '户编号', value: (h) => h.code, width: 20 },
        { header: '户主姓名', value: (h) => h.headName },
        { header: '贫困户属性', value: (h) => POVERTY_ATTRIBUTE_LABELS[h.povertyAttribute].zh, width: 16 },
        { header: '主要致贫原因', value: (h) => POVERTY_CAUSE_LABELS[h.mainCause].zh },
        { header: '其他致贫原因', value: (h) => h.otherCauses.map((c) => POVERTY_CAUSE_LABELS[c].zh).join('、') },
        { header: '识别年度', value: (h) => h.yearIdentified },
        { header: '脱贫年度', value: (h) => h.yearExited },
        { header: '人口', value: (h) => h.persons },
        { header: '帮扶责任人', value: (h) => h.cadreName },
        { header: '帮扶单位', value: (h) => h.cadreUnit, width: 20 },
        { header: '帮扶人电话', value: (h) => decrypt(h.cadrePhoneEnc), width: 14 },
      ],
    });
    addSheet(workbook, {
      name: '家庭成员', title: title('贫困户家庭成员'), note: mark, rows: members,
      columns: [
        { header: '户编号', value: (m) => m.householdCode, width: 20 },
        { header: '姓名', value: (m) => m.name },
        { header: '证件号码', value: (m) => decrypt(m.idNumberEnc), width: 22 },
        { header: '与户主关系', value: (m) => RELATION_LABELS[m.relation].zh },
        { header: '性别', value: (m) => SEX_LABELS[m.sex] },
        { header: '出生年份', value: (m) => m.birthYear },
        { header: '健康状况', value: (m) => HEALTH_LABELS[m.health].zh },
        { header: '在校生状况', value: (m) => SCHOOLING_LABELS[m.schooling].zh },
        { header: '劳动技能', value: (m) => LABOUR_LABELS[m.labourAbility].zh },
        { header: '联系电话', value: (m) => decrypt(m.phoneEnc), width: 14 },
      ],
    });
  });
}
