// Input schemas of every write, shared so the web forms check what the server will check.
// Cross-field rules that need the stored record (moved-in ≤ planned after a partial update…)
// live in common/rules.ts and run on the merged record.
import { z } from 'zod';
import { lengthKm } from './line-length';
import { passwordMessage, passwordProblems } from './password-strength';
import { ROLES } from './roles';
import { INFRA_ITEMS, PROJECT_KINDS, PROJECT_STATUSES, PROJECT_SUBTYPES, VILLAGE_CLASSES, TIMELINE_YEARS } from './domain';

/** PostgreSQL's integer, the type of every id and version: a larger number cannot name a record. */
export const INT4_MAX = 2_147_483_647;

// Text PostgreSQL can store (it refuses NUL) and a screen can show: no control characters and no
// lone UTF-16 surrogates; multi-line text keeps tab and line breaks.
const SINGLE_LINE = /^[^\p{Cc}\p{Cs}]*$/u;
const MULTI_LINE = /^(?:[^\p{Cc}\p{Cs}]|[\t\n\r])*$/u;
const CONTROL_CHARS = '不能含控制字符（如 NUL） / must not contain control characters (such as NUL)';

function text(max: number, allowed: RegExp, trim: boolean) {
  const s = trim ? z.string().trim() : z.string();
  return s.max(max, `最多${max}个字符 / at most ${max} characters`).regex(allowed, CONTROL_CHARS);
}
/** Single-line text kept exactly as typed: passwords. */
export const rawText = (max: number) => text(max, SINGLE_LINE, false);
/** One line of text, trimmed: names, titles, units. */
export const line = (max: number) => text(max, SINGLE_LINE, true);
/** Text that may run over several lines, trimmed: notes, descriptions. */
export const paragraph = (max: number) => text(max, MULTI_LINE, true);

export const count = z.number().int('须为整数 / must be a whole number').min(0, '不能为负数 / must not be negative').max(10_000_000);
const yuan = z.number().finite().min(0, '金额不能为负 / amount must not be negative').max(1e12);
export const year = z.number().int().min(TIMELINE_YEARS.first - 2).max(TIMELINE_YEARS.last + 10);

/** Plans, reports and deadlines lie between this year and ten years ahead of the current one. */
export const FIRST_DATE_YEAR = 2000;
export const DATE_YEARS_AHEAD = 10;
const isCalendarDate = (s: string) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
const lastDateYear = () => new Date().getUTCFullYear() + DATE_YEARS_AHEAD;
export const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式须为 YYYY-MM-DD / date must be YYYY-MM-DD')
  .refine(isCalendarDate, '不是有效日期 / not a real date')
  .refine(
    (s) => Number(s.slice(0, 4)) >= FIRST_DATE_YEAR && Number(s.slice(0, 4)) <= lastDateYear(),
    { error: () => `日期须在 ${FIRST_DATE_YEAR} 年至 ${lastDateYear()} 年之间 / the date must lie between ${FIRST_DATE_YEAR} and ${lastDateYear()}` },
  );
export const note = paragraph(500);
/** A record's id in a JSON body: a whole number within PostgreSQL's integer. */
export const recordId = z.number().int().min(1, '编号须为正整数 / id must be a positive whole number').max(INT4_MAX, `编号不能超过 ${INT4_MAX} / id cannot exceed ${INT4_MAX}`);

export const version = z.number().int().positive('须提供所编辑的版本号 / the edited version is required').max(INT4_MAX, '版本号超出范围 / version out of range');

export const lon = z.number().finite().min(-180, '经度超出范围 / longitude out of range').max(180, '经度超出范围 / longitude out of range');
export const lat = z.number().finite().min(-90, '纬度超出范围 / latitude out of range').max(90, '纬度超出范围 / latitude out of range');
const position = z.tuple([lon, lat]).or(z.tuple([lon, lat, z.number().finite()]));

/** Accuracy beyond this is no position at all (a phone's cell fix is a few km at worst). */
export const MAX_ACCURACY_M = 100_000;

/** Where the device was when a record was made, as its GPS said, with the accuracy radius. */
export const madeAt = z
  .object({
    lon,
    lat,
    accuracy: z.number().finite().min(0, '定位精度不能为负 / accuracy must not be negative').max(MAX_ACCURACY_M, '定位精度超出范围 / accuracy out of range'),
    at: z.iso.datetime({ offset: true, error: '定位时间须为 ISO 时间 / the position time must be an ISO date-time' }),
  })
  .strict();
export type MadeAt = z.infer<typeof madeAt>;

/** Photos a record takes with it: ids of photos its author uploaded beforehand. */
export const MAX_PHOTOS_PER_RECORD = 12;
export const photoIds = z
  .array(z.uuid('照片编号无效 / invalid photo id'))
  .max(MAX_PHOTOS_PER_RECORD, `每条记录最多 ${MAX_PHOTOS_PER_RECORD} 张照片 / at most ${MAX_PHOTOS_PER_RECORD} photos per record`)
  .refine((ids) => new Set(ids).size === ids.length, '照片重复 / a photo is listed twice');

export const pointGeometry = z.object({ type: z.literal('Point'), coordinates: position }).strict();
/** A road shorter than this is a slip of the mouse (two clicks on one spot), not a project. */
export const MIN_LINE_METRES = 10;
export const lineGeometry = z
  .object({
    type: z.literal('LineString'),
    coordinates: z
      .array(position)
      .min(2, '线至少需要两个点 / a line needs at least two points')
      .max(5000)
      .refine((points) => lengthKm(points) * 1000 >= MIN_LINE_METRES, `线的长度为零或不足${MIN_LINE_METRES}米 / the line has no length or is shorter than ${MIN_LINE_METRES} m`),
  })
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

/** Photos added to a site, uploaded beforehand. */
export const sitePhotos = z.object({ photoIds: photoIds.min(1, '请至少选一张照片 / choose at least one photo') }).strict();

export const projectName = line(100).min(2, '名称至少2个字 / name needs at least 2 characters');

export const projectCreate = z
  .object({
    kind: z.enum(PROJECT_KINDS),
    subtype: z.enum(PROJECT_SUBTYPES),
    name: projectName,
    nameEn: line(200).default(''),
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
    name: projectName.optional(),
    nameEn: line(200).optional(),
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
    /** Why a figure goes back; required then (common/progress.ts). */
    reason: line(200).optional(),
    /** Where the report was made, when the device knew. */
    madeAt: madeAt.optional(),
    photoIds: photoIds.optional(),
  })
  .strict()
  .refine((r) => r.progressPct !== undefined || r.doneKm !== undefined, {
    message: '须填写进度百分比或完成里程 / give progress % or km done',
  });
export type ProgressRecord = z.infer<typeof progressRecord>;

/** Retracting a report or deleting a project, and undoing either: the version acted on and why. */
export const correction = z
  .object({ version, reason: line(200).min(1, '须填写原因 / a reason is required') })
  .strict();
export type Correction = z.infer<typeof correction>;

export const loginBody = z.object({ username: line(32).min(1), password: rawText(200).min(1) }).strict();

const password = rawText(200).min(1, '请输入密码 / enter a password');
export const username = z
  .string()
  .regex(/^[a-z0-9_.-]{2,32}$/, '用户名须为2-32位小写字母、数字或 _ . - / username: 2-32 lowercase letters, digits, _ . -');

/** The strength rule of common/password-strength.ts, reported on the password field. */
function strongFor(value: { username?: string; password?: string }, ctx: z.RefinementCtx): void {
  if (value.password === undefined) return;
  const problems = passwordProblems(value.password, value.username);
  if (problems.length > 0) ctx.addIssue({ code: 'custom', path: ['password'], message: passwordMessage(problems) });
}

export const userCreate = z
  .object({ username, displayName: line(50).min(1), role: z.enum(ROLES), password })
  .strict()
  .superRefine(strongFor);
export type UserCreate = z.infer<typeof userCreate>;

/** The user name is not in a patch: the service checks that the new password does not contain it. */
export const userPatch = z
  .object({
    displayName: line(50).min(1).optional(),
    role: z.enum(ROLES).optional(),
    password: password.optional(),
    /** A disabled account cannot log in, and its sessions end. */
    disabled: z.boolean().optional(),
  })
  .strict()
  .superRefine(strongFor);
export type UserPatch = z.infer<typeof userPatch>;

/** A signed-in user's change of their own password; the strength rule is checked with their user name by the service. */
export const passwordChange = z.object({ current: rawText(200).min(1), next: password }).strict();
export type PasswordChange = z.infer<typeof passwordChange>;

/** First-run setup of a production portal: the county and its first admin. */
export const setupBody = z
  .object({
    countyCode: z.string().regex(/^\d{6}$/, '县级代码须为6位数字 / county code must be 6 digits'),
    username,
    password,
    /** The one-time token the server printed to its log at start. */
    token: z.string().max(100).optional(),
  })
  .strict()
  .superRefine(strongFor);
export type SetupBody = z.infer<typeof setupBody>;

/** An id as written in a URL or a text field: the digits of a positive integer, no sign or leading zero, within PostgreSQL's integer. */
export const idText = z
  .string()
  .regex(/^[1-9]\d{0,9}$/, '编号须为正整数（不带前导零） / id must be a positive whole number without leading zeros')
  .refine((s) => Number(s) <= INT4_MAX, `编号不能超过 ${INT4_MAX} / id cannot exceed ${INT4_MAX}`);

/** Shared shapes of path and query parameters. */
export const codes = {
  county: z.string().regex(/^\d{6}$/, '县代码须为6位数字 / county code must be 6 digits'),
  township: z.string().regex(/^\d{9}$/, '乡镇代码须为9位数字 / township code must be 9 digits'),
  village: z.string().regex(/^\d{12}$/, '村代码须为12位数字 / village code must be 12 digits'),
  id: idText.transform(Number),
  /** A record named by a problem: a village by its code, a site or project by its id. */
  entity: z.string().regex(/^(?:\d{12}|[1-9]\d{0,9})$/, '对象编号须为12位村代码或正整数编号 / entity id must be a 12-digit village code or a positive id'),
  year: z.coerce.number().int().min(2000).max(2100),
};


/** The body that commits an import preview: the token the preview answered with. */
export const previewCommitBody = z.object({ token: z.string().regex(/^[0-9a-f]{32}$/, '预览令牌无效 / invalid preview token') }).strict();
