// Households from the national poverty information system's export (国扶系统): one row per member,
// the household code repeated on each. Preview first (counts, per-row errors with row numbers,
// everything personal masked), then commit all or nothing. ID numbers are checked (GB 11643) and
// encrypted already in the preview's plan, so no plain ID number or phone waits in memory.
import {
  causeOf, healthOf, householdColumnOf, labourOf, povertyAttributeOf, relationOf, REQUIRED_HOUSEHOLD_COLUMNS, schoolingOf, sexOf,
  HOUSEHOLD_HEADERS, type HouseholdImportChange, type HouseholdImportColumn, type HouseholdImportPreview,
} from '../../../common/household-import';
import type { PovertyCause } from '../../../common/households';
import { isValidIdNumber } from '../../../common/id-number';
import type { ImportIssue } from '../../../common/imports';
import { maskIdNumber, maskName, maskPhone } from '../../../common/masking';
import type { SessionUser } from '../../../common/roles';
import type { Db, Queryable } from '../../db/client';
import type { PiiCipher } from '../../pii/cipher';
import {
  existingHouseholdCodes, idHashesElsewhere, insertHouseholds, insertMembers, updateHouseholdRegistration, type HouseholdInsert, type MemberInsert,
} from '../../repo/household-writes';
import { listVillages } from '../../repo/villages';
import { recordAudit } from '../audit';
import { DomainError } from '../domain-error';
import { deriveVillageFigures } from '../figure-source';
import { capIssues } from './issue-cap';
import { readSheets, type Sheet } from './table-file';
import type { Upload } from './upload';

const HEADER_SEARCH_ROWS = 10;
const FIRST_YEAR = 2013;
const DEFAULT_YEAR_IDENTIFIED = 2014;

interface Layout {
  sheet: Sheet;
  headerIndex: number;
  index: Partial<Record<HouseholdImportColumn, number>>;
  headers: string[];
  ignored: string[];
}

function findLayout(sheets: Sheet[], fileName: string): Layout {
  let best: Layout | null = null;
  for (const sheet of sheets) {
    for (let i = 0; i < Math.min(HEADER_SEARCH_ROWS, sheet.rows.length); i++) {
      const headers = sheet.rows[i].cells;
      const index: Layout['index'] = {};
      const ignored: string[] = [];
      headers.forEach((h, col) => {
        const c = householdColumnOf(h);
        if (c && index[c] === undefined) index[c] = col;
        else if (h.trim()) ignored.push(h);
      });
      const found = REQUIRED_HOUSEHOLD_COLUMNS.filter((c) => index[c] !== undefined).length;
      if (found === REQUIRED_HOUSEHOLD_COLUMNS.length) return { sheet, headerIndex: i, index, headers, ignored };
      if (!best || found > REQUIRED_HOUSEHOLD_COLUMNS.filter((c) => best!.index[c] !== undefined).length) best = { sheet, headerIndex: i, index, headers, ignored };
    }
  }
  const missing = REQUIRED_HOUSEHOLD_COLUMNS.filter((c) => best?.index[c] === undefined).map((c) => HOUSEHOLD_HEADERS[c][0]);
  throw new DomainError(
    'unprocessable',
    'missing_columns',
    `文件「${fileName}」缺少列：${missing.join('、')}（须为国扶系统导出的贫困户家庭成员表，一行一人）`,
    `The file "${fileName}" lacks the columns ${missing.join(', ')} (expected the national system's household member export, one row per person)`,
  );
}

const issue = (row: number, code: string, field: HouseholdImportColumn, message: string, messageEn: string): ImportIssue => ({ row, code, field, message, messageEn });

interface PlannedMember extends Omit<MemberInsert, 'householdCode' | 'demo'> {
  row: number;
}

interface PlannedHousehold {
  household: HouseholdInsert;
  members: PlannedMember[];
  action: 'create' | 'replace';
}

export interface HouseholdImportPlan {
  fileName: string;
  county: string;
  households: PlannedHousehold[];
}

const yearCell = (v: string, lastYear: number): number | null | undefined => {
  const s = v.replace(/\s/g, '').replace(/年.*$/, '');
  if (s === '' || /^(未脱贫|无|-|—)$/.test(s)) return null;
  const n = Number(s.slice(0, 4));
  return /^\d{4}/.test(s) && n >= FIRST_YEAR && n <= lastYear ? n : undefined;
};

export async function previewHouseholds(db: Queryable, pii: PiiCipher, county: string, file: Upload): Promise<{ preview: Omit<HouseholdImportPreview, 'token'>; plan: HouseholdImportPlan }> {
  const layout = findLayout(await readSheets(file), file.name);
  const villages = new Set((await listVillages(db, { county })).map((v) => v.code));
  const lastYear = new Date().getFullYear();
  const errors: ImportIssue[] = [];
  const byCode = new Map<string, { rows: { line: number; cells: string[] }[] }>();
  const data = layout.sheet.rows.slice(layout.headerIndex + 1).filter((r) => r.cells.some((c) => c.trim() !== ''));
  for (const row of data) {
    const code = (row.cells[layout.index.householdCode!] ?? '').replace(/\s/g, '');
    if (!/^\d{16}$/.test(code)) {
      errors.push(issue(row.line, code, 'householdCode', `户编号「${code}」须为16位数字（12位村代码加4位户序号）`, `household code "${code}" must be 16 digits (12-digit village code and a 4-digit serial)`));
      continue;
    }
    if (!villages.has(code.slice(0, 12))) {
      errors.push(issue(row.line, code, 'householdCode', `户编号 ${code} 的村代码不是本县的行政村`, `household code ${code} names no village of this county`));
      continue;
    }
    const group = byCode.get(code) ?? { rows: [] };
    group.rows.push(row);
    byCode.set(code, group);
  }

  const planned: PlannedHousehold[] = [];
  const seenIds = new Map<string, number>();
  const existing = await existingHouseholdCodes(db, [...byCode.keys()]);
  for (const [code, { rows }] of byCode) {
    const before = errors.length;
    const cell = (cells: string[], c: HouseholdImportColumn) => (layout.index[c] === undefined ? '' : (cells[layout.index[c]] ?? '').trim());
    const members: PlannedMember[] = [];
    for (const { line, cells } of rows) {
      const name = cell(cells, 'name');
      const id = cell(cells, 'idNumber').toUpperCase();
      // Error messages name the row and the masked value, never the ID number itself.
      if (!name || [...name].length > 20) errors.push(issue(line, code, 'name', '姓名为空或超过20字', 'the name is empty or longer than 20 characters'));
      if (!isValidIdNumber(id)) {
        errors.push(issue(line, code, 'idNumber', `证件号码 ${maskIdNumber(id)} 无效（须为18位，出生日期真实，校验码符合 GB 11643）`, `ID number ${maskIdNumber(id)} is not valid (18 characters, a real birth date and the GB 11643 check character)`));
      } else if (seenIds.has(id)) {
        errors.push(issue(line, code, 'idNumber', `证件号码 ${maskIdNumber(id)} 重复（已见于第 ${seenIds.get(id)} 行）`, `ID number ${maskIdNumber(id)} repeats row ${seenIds.get(id)}`));
      } else {
        seenIds.set(id, line);
      }
      const relation = relationOf(cell(cells, 'relation'));
      if (!relation) errors.push(issue(line, code, 'relation', `与户主关系「${cell(cells, 'relation')}」无法识别`, `relation to the head "${cell(cells, 'relation')}" is not recognised`));
      const sex = sexOf(cell(cells, 'sex'));
      if (!sex) errors.push(issue(line, code, 'sex', `性别「${cell(cells, 'sex')}」须为男或女`, `sex "${cell(cells, 'sex')}" must be 男 or 女`));
      else if (isValidIdNumber(id) && (Number(id[16]) % 2 === 1) !== (sex === 'male')) {
        errors.push(issue(line, code, 'sex', '性别与证件号码第17位不符', 'the sex disagrees with the 17th digit of the ID number'));
      }
      const health = healthOf(cell(cells, 'health'));
      if (!health) errors.push(issue(line, code, 'health', `健康状况「${cell(cells, 'health')}」无法识别`, `health "${cell(cells, 'health')}" is not recognised`));
      const labourAbility = labourOf(cell(cells, 'labour'));
      if (!labourAbility) errors.push(issue(line, code, 'labour', `劳动技能「${cell(cells, 'labour')}」无法识别`, `labour ability "${cell(cells, 'labour')}" is not recognised`));
      const schooling = schoolingOf(cell(cells, 'schooling'), cell(cells, 'education')) ?? 'graduated';
      const phone = cell(cells, 'phone').replace(/[\s-]/g, '');
      if (phone && !/^1[3-9]\d{9}$|^0\d{9,11}$/.test(phone)) {
        errors.push(issue(line, code, 'phone', `联系电话 ${maskPhone(phone)} 不是有效的手机或座机号码`, `phone ${maskPhone(phone)} is not a valid mobile or landline number`));
      }
      if (errors.length > before || !relation || !sex || !health || !labourAbility) continue;
      members.push({
        row: line, relation, name, sex, birthYear: Number(id.slice(6, 10)), schooling, health, labourAbility,
        idNumberEnc: pii.encrypt(id), idNumberHash: pii.idNumberHash(id), phoneEnc: phone ? pii.encrypt(phone) : null,
      });
    }
    const heads = rows.filter(({ cells }) => relationOf(cell(cells, 'relation')) === 'head');
    if (heads.length !== 1) {
      errors.push(issue(rows[0].line, code, 'relation', `户 ${code} 须有且只有一名户主，读到 ${heads.length} 名`, `household ${code} needs exactly one head, found ${heads.length}`));
      continue;
    }
    // Household attributes: the head's row, or the first row that gives them (exports repeat them or not).
    const attribute = (c: HouseholdImportColumn) => cell(heads[0].cells, c) || rows.map((r) => cell(r.cells, c)).find((v) => v !== '') || '';
    const headLine = heads[0].line;
    const povertyAttribute = povertyAttributeOf(attribute('povertyAttribute'));
    if (!povertyAttribute) errors.push(issue(headLine, code, 'povertyAttribute', `贫困户属性「${attribute('povertyAttribute')}」无法识别`, `poverty attribute "${attribute('povertyAttribute')}" is not recognised`));
    const mainCause = causeOf(attribute('mainCause'));
    if (!mainCause) errors.push(issue(headLine, code, 'mainCause', `主要致贫原因「${attribute('mainCause')}」无法识别`, `main cause "${attribute('mainCause')}" is not recognised`));
    const others = attribute('otherCauses').split(/[、,，;；/\s]+/).filter(Boolean);
    const otherCauses = others.map(causeOf);
    if (otherCauses.some((c) => !c)) errors.push(issue(headLine, code, 'otherCauses', `其他致贫原因「${attribute('otherCauses')}」含无法识别的原因`, `other causes "${attribute('otherCauses')}" hold one not recognised`));
    const identified = layout.index.yearIdentified === undefined || attribute('yearIdentified') === '' ? DEFAULT_YEAR_IDENTIFIED : yearCell(attribute('yearIdentified'), lastYear);
    const exited = yearCell(attribute('yearExited'), lastYear);
    if (identified === undefined || identified === null) errors.push(issue(headLine, code, 'yearIdentified', `识别年度「${attribute('yearIdentified')}」无效`, `year identified "${attribute('yearIdentified')}" is not valid`));
    if (exited === undefined) errors.push(issue(headLine, code, 'yearExited', `脱贫年度「${attribute('yearExited')}」无效`, `year exited "${attribute('yearExited')}" is not valid`));
    else if (exited !== null && typeof identified === 'number' && exited < identified) {
      errors.push(issue(headLine, code, 'yearExited', `脱贫年度 ${exited} 早于识别年度 ${identified}`, `exited ${exited} before identified ${identified}`));
    }
    if (errors.length > before || !povertyAttribute || !mainCause || typeof identified !== 'number' || exited === undefined) continue;
    const head = members.find((m) => m.relation === 'head')!;
    planned.push({
      action: existing.has(code) ? 'replace' : 'create',
      members,
      household: {
        code, villageCode: code.slice(0, 12), headName: head.name, povertyAttribute, mainCause,
        otherCauses: (otherCauses as PovertyCause[]).filter((c) => c !== mainCause), yearIdentified: identified, yearExited: exited,
        relocationSiteId: null, cadreName: null, cadreUnit: null, cadrePhoneEnc: null, demo: false,
      },
    });
  }
  // An ID number already held by a member of another household is a person registered twice.
  const hashes = planned.flatMap((p) => p.members.map((m) => m.idNumberHash));
  const elsewhere = await idHashesElsewhere(db, hashes, planned.map((p) => p.household.code));
  for (const p of planned) {
    for (const m of p.members) {
      if (elsewhere.has(m.idNumberHash)) {
        errors.push(issue(m.row, p.household.code, 'idNumber', '该证件号码已登记在本县另一户中', 'this ID number is already registered in another household of the county'));
      }
    }
  }
  errors.sort((a, b) => a.row - b.row);
  const changes: HouseholdImportChange[] = planned.map((p) => ({
    row: p.members.find((m) => m.relation === 'head')!.row, code: p.household.code, headName: maskName(p.household.headName), members: p.members.length, action: p.action,
  }));
  const columns = Object.fromEntries(Object.entries(layout.index).map(([c, i]) => [c, layout.headers[i]]));
  return {
    preview: {
      fileName: file.name, sheet: layout.sheet.name, total: data.length, unchanged: 0, columns, ignoredColumns: layout.ignored,
      households: byCode.size, members: data.length, villages: new Set([...byCode.keys()].map((c) => c.slice(0, 12))).size, changes, ...capIssues(errors),
    },
    plan: { fileName: file.name, county, households: planned },
  };
}

/** All or nothing: one transaction writes the households, their members and the village figures they decide. */
export async function commitHouseholds(db: Db, user: SessionUser, plan: HouseholdImportPlan): Promise<string[]> {
  return db.write(async (tx) => {
    const created = plan.households.filter((p) => p.action === 'create').map((p) => p.household);
    for (const p of plan.households.filter((x) => x.action === 'replace')) await updateHouseholdRegistration(tx, p.household);
    await insertHouseholds(tx, created);
    await insertMembers(tx, plan.households.flatMap((p) => p.members.map(({ row: _row, ...m }) => ({ ...m, householdCode: p.household.code, demo: false }))));
    // Audited per village, where its history shows the households that now make up its figures.
    const perVillage = new Map<string, number>();
    for (const p of plan.households) perVillage.set(p.household.villageCode, (perVillage.get(p.household.villageCode) ?? 0) + 1);
    for (const [village, households] of perVillage) {
      await recordAudit(tx, {
        user, entityType: 'village', entityId: village, action: 'import', old: null, new: { households },
        note: `导入贫困户 ${households} 户 / imported ${households} households: ${plan.fileName}`,
      });
    }
    return deriveVillageFigures(tx, plan.county);
  });
}
