// Input schemas of every write, shared so the web forms check what the server will check.
// Cross-field rules that need the stored record (moved-in ≤ planned after a partial update…)
// live in common/rules.ts and run on the merged record.
import { z } from 'zod';
import { ROLES } from './roles';
import { INFRA_ITEMS, PROJECT_KINDS, PROJECT_STATUSES, PROJECT_SUBTYPES, VILLAGE_CLASSES, TIMELINE_YEARS } from './domain';

export const count = z.number().int('须为整数 / must be a whole number').min(0, '不能为负数 / must not be negative').max(10_000_000);
const yuan = z.number().finite().min(0, '金额不能为负 / amount must not be negative').max(1e12);
export const year = z.number().int().min(TIMELINE_YEARS.first - 2).max(TIMELINE_YEARS.last + 10);
export const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式须为 YYYY-MM-DD / date must be YYYY-MM-DD').refine(
  (s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
  '不是有效日期 / not a real date',
);
export const note = z.string().trim().max(500, '备注最多500字 / note at most 500 characters');
export const version = z.number().int().positive('须提供所编辑的版本号 / the edited version is required');

export const lon = z.number().finite().min(-180, '经度超出范围 / longitude out of range').max(180, '经度超出范围 / longitude out of range');
export const lat = z.number().finite().min(-90, '纬度超出范围 / latitude out of range').max(90, '纬度超出范围 / latitude out of range');
const position = z.tuple([lon, lat]).or(z.tuple([lon, lat, z.number().finite()]));

export const pointGeometry = z.object({ type: z.literal('Point'), coordinates: position }).strict();
export const lineGeometry = z
  .object({ type: z.literal('LineString'), coordinates: z.array(position).min(2, '线至少需要两个点 / a line needs at least two points').max(5000) })
  .strict();
export const projectGeometry = z.discriminatedUnion('type', [pointGeometry, lineGeometry]);

export const infraPatch = z.partialRecord(z.enum(INFRA_ITEMS), z.boolean());

export const villagePatch = z
  .object({
    version,
    infra: infraPatch.optional(),
    villageClass: z.enum(VILLAGE_CLASSES).optional(),
    ruralPopulation: count.optional(),
    poorHouseholds: count.optional(),
    poorPersons: count.optional(),
    plannedExitYear: year.nullable().optional(),
    actualExitYear: year.nullable().optional(),
    collectiveIncome: yuan.optional(),
    note: note.optional(),
  })
  .strict();
export type VillagePatch = z.infer<typeof villagePatch>;

export const sitePatch = z
  .object({
    version,
    plannedHouseholds: count.optional(),
    plannedPersons: count.optional(),
    movedHouseholds: count.optional(),
    movedPersons: count.optional(),
    completedHouseholds: count.optional(),
    stableHouseholds: count.optional(),
    demolishedHouseholds: count.optional(),
    note: note.optional(),
  })
  .strict();
export type SitePatch = z.infer<typeof sitePatch>;

export const projectCreate = z
  .object({
    kind: z.enum(PROJECT_KINDS),
    subtype: z.enum(PROJECT_SUBTYPES),
    name: z.string().trim().min(2, '名称至少2个字 / name needs at least 2 characters').max(100),
    nameEn: z.string().trim().max(200).default(''),
    geometry: projectGeometry,
    budget: yuan,
    spent: yuan.default(0),
    plannedStart: date,
    plannedEnd: date,
    status: z.enum(PROJECT_STATUSES).default('planned'),
    servedHouseholds: count.nullable().optional(),
    note: note.optional(),
  })
  .strict();
export type ProjectCreate = z.infer<typeof projectCreate>;

export const projectPatch = z
  .object({
    version,
    name: z.string().trim().min(2).max(100).optional(),
    nameEn: z.string().trim().max(200).optional(),
    geometry: projectGeometry.optional(),
    budget: yuan.optional(),
    spent: yuan.optional(),
    plannedStart: date.optional(),
    plannedEnd: date.optional(),
    servedHouseholds: count.nullable().optional(),
    note: note.optional(),
  })
  .strict();
export type ProjectPatch = z.infer<typeof projectPatch>;

export const progressRecord = z
  .object({
    version,
    recordedOn: date,
    progressPct: z.number().finite().min(0, '进度不能为负 / progress must not be negative').max(100, '进度不能超过100% / progress cannot exceed 100%').optional(),
    doneKm: z.number().finite().min(0, '完成里程不能为负 / km done must not be negative').optional(),
    spent: yuan.optional(),
    status: z.enum(PROJECT_STATUSES),
    note: note.optional(),
  })
  .strict()
  .refine((r) => r.progressPct !== undefined || r.doneKm !== undefined, {
    message: '须填写进度百分比或完成里程 / give progress % or km done',
  });
export type ProgressRecord = z.infer<typeof progressRecord>;

export const loginBody = z.object({ username: z.string().trim().min(1).max(32), password: z.string().min(1).max(200) }).strict();

const password = z.string().min(8, '密码至少8位 / password needs at least 8 characters').max(200);

export const userCreate = z
  .object({
    username: z.string().regex(/^[a-z0-9_.-]{2,32}$/, '用户名须为2-32位小写字母、数字或 _ . - / username: 2-32 lowercase letters, digits, _ . -'),
    displayName: z.string().trim().min(1).max(50),
    role: z.enum(ROLES),
    password,
  })
  .strict();
export type UserCreate = z.infer<typeof userCreate>;

export const userPatch = z
  .object({
    displayName: z.string().trim().min(1).max(50).optional(),
    role: z.enum(ROLES).optional(),
    password: password.optional(),
    /** A disabled account cannot log in, and its sessions end. */
    disabled: z.boolean().optional(),
  })
  .strict();
export type UserPatch = z.infer<typeof userPatch>;

/** Shared shapes of path and query parameters. */
export const codes = {
  township: z.string().regex(/^\d{9}$/, '乡镇代码须为9位数字 / township code must be 9 digits'),
  village: z.string().regex(/^\d{12}$/, '村代码须为12位数字 / village code must be 12 digits'),
  id: z.coerce.number().int().positive(),
  year: z.coerce.number().int().min(2000).max(2100),
};

