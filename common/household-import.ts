// The household import: an Excel or CSV shaped like the national poverty information system's
// household export (全国扶贫开发信息系统, 国扶系统), one row per member with the household code
// repeated on each. Headers and values as that system and county offices write them, read tolerantly.
import type { ImportPreviewBase } from './imports';
import type { HealthState, LabourAbility, PovertyAttribute, PovertyCause, Relation, SchoolingState, Sex } from './households';
import { POVERTY_CAUSE_LABELS, POVERTY_CAUSES } from './households';

export const HOUSEHOLD_IMPORT_COLUMNS = [
  'householdCode', 'name', 'idNumber', 'relation', 'sex', 'ethnicity', 'education', 'schooling', 'health', 'labour',
  'povertyAttribute', 'mainCause', 'otherCauses', 'yearIdentified', 'yearExited', 'phone',
] as const;
export type HouseholdImportColumn = (typeof HOUSEHOLD_IMPORT_COLUMNS)[number];

/** Columns a file must have; the others have defaults or are only read when present. */
export const REQUIRED_HOUSEHOLD_COLUMNS: readonly HouseholdImportColumn[] = [
  'householdCode', 'name', 'idNumber', 'relation', 'sex', 'health', 'labour', 'povertyAttribute', 'mainCause',
];

/** Header spellings, compared after normaliseHeader: the national system's first. */
export const HOUSEHOLD_HEADERS: Record<HouseholdImportColumn, string[]> = {
  householdCode: ['户编号', '户编码', '贫困户编号', '家庭编号', '户码', '户号', 'householdcode'],
  name: ['姓名', '成员姓名', '人员姓名', 'name'],
  idNumber: ['证件号码', '身份证号', '身份证号码', '公民身份号码', '身份证件号码', '证件号', 'idnumber'],
  relation: ['与户主关系', '与户主的关系', '家庭关系', 'relation'],
  sex: ['性别', 'sex'],
  ethnicity: ['民族'],
  education: ['文化程度', '学历'],
  schooling: ['在校生状况', '在校生情况', '在校情况', '就学状况', 'schooling'],
  health: ['健康状况', '健康状态', 'health'],
  labour: ['劳动技能', '劳动能力', '劳动力状况', 'labour'],
  povertyAttribute: ['贫困户属性', '贫困属性', '户属性', '贫困户类型', 'povertyattribute'],
  mainCause: ['主要致贫原因', '致贫原因', '主要致贫原因一', 'maincause'],
  otherCauses: ['其他致贫原因', '次要致贫原因', 'othercauses'],
  yearIdentified: ['识别年度', '识别时间', '纳入年度', '建档立卡年度', '识别年份'],
  yearExited: ['脱贫年度', '脱贫时间', '计划脱贫年度', '脱贫年份', '标注脱贫年度'],
  phone: ['联系电话', '电话', '手机号码', '手机号', '联系方式'],
};

/** "证件号码（身份证）", "*姓名", "与户主 关系" → "证件号码", "姓名", "与户主关系". */
export const normaliseHeader = (header: string) =>
  header.replace(/[（(][^）)]*[）)]/g, '').replace(/[\s_\-.·*＊:：]/g, '').toLowerCase();

export function householdColumnOf(header: string): HouseholdImportColumn | undefined {
  const key = normaliseHeader(header);
  return HOUSEHOLD_IMPORT_COLUMNS.find((c) => HOUSEHOLD_HEADERS[c].includes(key));
}

const clean = (v: string) => v.replace(/\s/g, '');

export function relationOf(v: string): Relation | undefined {
  const s = clean(v);
  if (s === '户主' || s === '本人') return 'head';
  if (/^(配偶|妻子?|丈夫|夫)$/.test(s)) return 'spouse';
  if (/^之?(儿媳|女婿)/.test(s)) return 'child_in_law';
  if (/^之?(孙|外孙)/.test(s)) return 'grandchild';
  if (/^之?(子|女|儿子|女儿|长子|次子|长女|次女|养子|养女|继子|继女)$/.test(s)) return 'child';
  if (/^之?(父|母|父亲|母亲|公公|婆婆|岳父|岳母|祖父|祖母)$/.test(s)) return 'parent';
  if (/^之?(兄|弟|姐|妹|兄弟姐妹)/.test(s)) return 'sibling';
  if (/^(其他|其它)/.test(s)) return 'other';
  return undefined;
}

export const sexOf = (v: string): Sex | undefined => ({ 男: 'male', 女: 'female' } as const)[clean(v) as '男' | '女'];

export function healthOf(v: string): HealthState | undefined {
  const s = clean(v);
  if (s === '健康') return 'healthy';
  if (/残疾/.test(s)) return 'disabled';
  if (/大病/.test(s)) return 'serious';
  if (/慢性病/.test(s)) return 'chronic';
  return undefined;
}

export function labourOf(v: string): LabourAbility | undefined {
  const s = clean(v);
  if (/^(普通劳动力|技能劳动力)$/.test(s)) return 'normal';
  if (/^(弱劳动力|半劳动力|弱劳动力或半劳动力)$/.test(s)) return 'weak';
  if (s === '丧失劳动力') return 'lost';
  if (s === '无劳动力') return 'none';
  return undefined;
}

/** From 在校生状况, or from 文化程度 when the schooling column is empty or absent. */
export function schoolingOf(schooling: string, education: string): SchoolingState | undefined {
  const s = clean(schooling);
  if (/学前|学龄前/.test(s)) return 'preschool';
  if (/辍学|失学/.test(s)) return 'dropped_out';
  if (/^非在校/.test(s)) return clean(education).startsWith('文盲') ? 'none' : 'graduated';
  if (/在校|年级|小学|初中|高中|中职|高职|大专|本科|研究生/.test(s)) return 'in_school';
  if (s === '') return clean(education).startsWith('文盲') ? 'none' : clean(education) === '' ? undefined : 'graduated';
  return undefined;
}

export function povertyAttributeOf(v: string): PovertyAttribute | undefined {
  const s = clean(v);
  if (/^一般(贫困)?户$/.test(s)) return 'general';
  if (/^低保(贫困)?户$/.test(s)) return 'dibao';
  if (/^(特困供养(贫困)?户|特困(贫困)?户|五保(贫困)?户|特困供养)$/.test(s)) return 'tekun';
  return undefined;
}

export function causeOf(v: string): PovertyCause | undefined {
  const s = clean(v).replace(/^缺劳动力$/, '缺劳力').replace(/^交通落后$/, '交通条件落后');
  return POVERTY_CAUSES.find((c) => POVERTY_CAUSE_LABELS[c].zh === s);
}

export interface HouseholdImportChange {
  /** The row of the household's head. */
  row: number;
  code: string;
  /** Masked, like everything personal the portal shows. */
  headName: string;
  members: number;
  action: 'create' | 'replace';
}

export interface HouseholdImportPreview extends ImportPreviewBase {
  sheet: string;
  /** Which header of the file fed each column the import reads. */
  columns: Partial<Record<HouseholdImportColumn, string>>;
  ignoredColumns: string[];
  households: number;
  members: number;
  villages: number;
  changes: HouseholdImportChange[];
}
