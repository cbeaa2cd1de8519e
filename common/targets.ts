// Annual targets (年度目标任务) of an area, what the portal counts against each, and the rule that
// flags a target behind the share of the year already gone (时序进度: 时间过半、任务过半).
import { z } from 'zod';
import type { ImportPreviewBase } from './imports';

/** The measures a plan sets targets for, in the order plans list them. */
export const TARGET_MEASURES = [
  'villages_exited', 'persons_lifted', 'poverty_incidence',
  'road_upgrade_km', 'safety_works_km', 'bridges_rebuilt', 'bus_stops', 'bus_coverage',
  'water_villages', 'grid_villages', 'broadband_villages', 'base_stations',
  'income_villages', 'persons_relocated',
] as const;
export type TargetMeasure = (typeof TARGET_MEASURES)[number];

/**
 * How the portal counts a measure:
 * - `year`: what was done in the target's year (villages exited that year, persons whose household
 *   exited that year, km done on the projects due to finish that year, such projects completed);
 * - `now`: the state of the data today, whatever year the target is for (village hard items,
 *   collective income, sites' moved-in persons, poverty incidence);
 * - `none`: the portal holds no data for it; the target is shown without progress.
 */
export type MeasureBasis = 'year' | 'now' | 'none';

export interface MeasureDefinition {
  /** `share`: a 0..1 fraction (0.95 = 95 %); `km` may be fractional; the rest are whole counts. */
  unit: 'villages' | 'persons' | 'km' | 'count' | 'share';
  /** `at_least`: reach the target; `ceiling`: stay below it (poverty incidence). */
  direction: 'at_least' | 'ceiling';
  basis: MeasureBasis;
}

export const MEASURES: Record<TargetMeasure, MeasureDefinition> = {
  villages_exited: { unit: 'villages', direction: 'at_least', basis: 'year' },
  persons_lifted: { unit: 'persons', direction: 'at_least', basis: 'year' },
  poverty_incidence: { unit: 'share', direction: 'ceiling', basis: 'now' },
  road_upgrade_km: { unit: 'km', direction: 'at_least', basis: 'year' },
  safety_works_km: { unit: 'km', direction: 'at_least', basis: 'year' },
  bridges_rebuilt: { unit: 'count', direction: 'at_least', basis: 'year' },
  bus_stops: { unit: 'count', direction: 'at_least', basis: 'year' },
  bus_coverage: { unit: 'share', direction: 'at_least', basis: 'now' },
  water_villages: { unit: 'villages', direction: 'at_least', basis: 'now' },
  grid_villages: { unit: 'villages', direction: 'at_least', basis: 'now' },
  broadband_villages: { unit: 'villages', direction: 'at_least', basis: 'now' },
  base_stations: { unit: 'count', direction: 'at_least', basis: 'none' },
  income_villages: { unit: 'share', direction: 'at_least', basis: 'now' },
  persons_relocated: { unit: 'persons', direction: 'at_least', basis: 'now' },
};

/** Names (with the unit a spreadsheet column carries) and where the portal's figure comes from. */
export const MEASURE_TEXT: Record<TargetMeasure, { zh: string; en: string; basisZh: string; basisEn: string }> = {
  villages_exited: { zh: '贫困村退出（个）', en: 'Poor villages exiting', basisZh: '当年退出的贫困村（村退出年份）', basisEn: 'poor villages whose exit year is the target year' },
  persons_lifted: { zh: '脱贫人口（人）', en: 'Persons lifted out of poverty', basisZh: '当年脱贫户的人口（建档立卡户）', basisEn: 'members of registered households that exited in the target year' },
  poverty_incidence: { zh: '贫困发生率上限（%）', en: 'Poverty incidence ceiling (%)', basisZh: '当前未脱贫人口 ÷ 农村人口', basisEn: 'poor persons not yet exited ÷ rural population, today' },
  road_upgrade_km: { zh: '农村公路提质改造（公里）', en: 'Rural road upgrades (km)', basisZh: '当年计划完工的提质改造项目已完成公里数', basisEn: 'km done on upgrade projects due to finish in the target year' },
  safety_works_km: { zh: '安保工程（公里）', en: 'Road safety works (km)', basisZh: '当年计划完工的安保工程已完成公里数', basisEn: 'km done on safety works due to finish in the target year' },
  bridges_rebuilt: { zh: '危桥改造（座）', en: 'Dangerous bridges rebuilt', basisZh: '当年计划完工且已完工、验收的危桥改造项目', basisEn: 'bridge projects due in the target year and completed or accepted' },
  bus_stops: { zh: '招呼站（个）', en: 'Bus stops', basisZh: '当年计划完工且已完工、验收的招呼站', basisEn: 'bus stops due in the target year and completed or accepted' },
  bus_coverage: { zh: '建制村通客车率（%）', en: 'Administrative villages with bus service (%)', basisZh: '已通客车的行政村 ÷ 全部行政村（村基础设施，当前）', basisEn: 'villages with bus service ÷ all villages (village hard items, today)' },
  water_villages: { zh: '贫困村饮水安全（个）', en: 'Poor villages with safe drinking water', basisZh: '饮水安全已达标的贫困村（村基础设施，当前累计）', basisEn: 'poor villages whose drinking water is done (village hard items, today, cumulative)' },
  grid_villages: { zh: '贫困村电网改造（个）', en: 'Poor villages with grid upgrades', basisZh: '电网改造已完成的贫困村（村基础设施，当前累计）', basisEn: 'poor villages whose grid upgrade is done (village hard items, today, cumulative)' },
  broadband_villages: { zh: '通宽带的村（个）', en: 'Villages with broadband', basisZh: '宽带已通的行政村（村基础设施，当前累计，不分新增）', basisEn: 'villages with broadband (village hard items, today, cumulative: new ones are not told apart)' },
  base_stations: { zh: '通信基站（个）', en: 'Mobile base stations', basisZh: '本系统没有基站数据，只显示目标', basisEn: 'the portal holds no base-station data: the target is shown alone' },
  income_villages: { zh: '集体经济收入≥5万元的村占比（%）', en: 'Villages with collective income ≥ 50,000 yuan (%)', basisZh: '集体经济收入≥5万元的行政村 ÷ 全部行政村（当前）', basisEn: 'villages with collective income of at least 50,000 yuan ÷ all villages (today)' },
  persons_relocated: { zh: '易地扶贫搬迁（人）', en: 'Persons relocated', basisZh: '各安置点已入住人口（当前累计）', basisEn: 'persons moved into the relocation sites (today, cumulative)' },
};

/** Percent measures are entered and shown in % and kept as 0..1 fractions. */
export const isShare = (measure: TargetMeasure) => MEASURES[measure].unit === 'share';

/** A target's value as entered, checked for its unit. */
export function targetValueProblem(measure: TargetMeasure, value: number): string | null {
  if (!Number.isFinite(value) || value < 0) return '须为不小于 0 的数 / must be a number of at least 0';
  const { unit } = MEASURES[measure];
  if (unit === 'share' && value > 1) return '比例须在 0 到 100% 之间 / a share must lie between 0 and 100 %';
  if ((unit === 'villages' || unit === 'persons' || unit === 'count') && !Number.isInteger(value)) return '须为整数 / must be a whole number';
  return null;
}

/** 6-digit county or prefecture code, or 9-digit township code. */
export const areaCode = z.string().regex(/^\d{6}$|^\d{9}$/, '区域代码须为 6 位（县、州市）或 9 位（乡镇） / area code must have 6 (county, prefecture) or 9 digits (township)');
export const targetYear = z.number().int().min(2000).max(2100);

export const targetEntry = z.object({
  measure: z.enum(TARGET_MEASURES),
  value: z.number(),
}).superRefine((t, ctx) => {
  const problem = targetValueProblem(t.measure, t.value);
  if (problem) ctx.addIssue({ code: 'custom', path: ['value'], message: problem });
});
export type TargetEntry = z.infer<typeof targetEntry>;

/** PUT /api/targets/:area/:year: the whole set for one area and year (a measure left out has no target). */
export const targetSetBody = z.object({ targets: z.array(targetEntry).max(TARGET_MEASURES.length) }).strict()
  .refine((b) => new Set(b.targets.map((t) => t.measure)).size === b.targets.length, '每项指标只能出现一次 / each measure at most once');

/**
 * Codes beneath an area start with this prefix: a township's 9 digits, a county's 6, a
 * prefecture's 4 (433100 → 4331), a province's 2 (by the statistical coding rules).
 */
export function areaPrefix(code: string): string {
  if (code.length === 6 && code.endsWith('0000')) return code.slice(0, 2);
  if (code.length === 6 && code.endsWith('00')) return code.slice(0, 4);
  return code;
}

// ---- progress and the behind-schedule rule ----

/** China Standard Time, in which the plans' years run. */
const CHINA_OFFSET_MS = 8 * 3600 * 1000;
const yearStart = (year: number) => Date.UTC(year, 0, 1) - CHINA_OFFSET_MS;

/** The share of `year` already gone at `now` (China time): 0 before it, 1 after it. */
export function elapsedShareOfYear(year: number, now: Date): number {
  const share = (now.getTime() - yearStart(year)) / (yearStart(year + 1) - yearStart(year));
  return Math.min(1, Math.max(0, share));
}

/** Percentage points a target may trail the calendar before it is flagged. */
export const SCHEDULE_TOLERANCE = 0.05;

/**
 * 落后于时序进度 (behind the time schedule): the share of the target done is below the share of
 * the year gone, less SCHEDULE_TOLERANCE. By the year's end (elapsed 1) anything short of 95 % of
 * the target is behind; at mid-year, anything short of 45 %.
 */
export const behindSchedule = (progressShare: number, elapsedShare: number, tolerance = SCHEDULE_TOLERANCE): boolean =>
  progressShare < elapsedShare - tolerance;

export const TARGET_STATUSES = ['met', 'on_track', 'behind', 'no_data'] as const;
export type TargetStatus = (typeof TARGET_STATUSES)[number];

export interface TargetProgress {
  measure: TargetMeasure;
  target: number;
  /** The portal's figure (fractions for shares); null when it holds no data for the measure. */
  actual: number | null;
  /** actual / target, capped at 1, for an at-least target; null for a ceiling or without data. */
  share: number | null;
  status: TargetStatus;
}

/**
 * A target against the portal's figure. An at-least target is met at 100 %, behind by
 * `behindSchedule`, else on track. A ceiling (poverty incidence) is met while the figure is below
 * it and behind otherwise: a ceiling has no share of the way to go, so it is judged as it stands.
 */
export function targetProgress(measure: TargetMeasure, target: number, actual: number | null, elapsedShare: number): TargetProgress {
  if (actual === null) return { measure, target, actual, share: null, status: 'no_data' };
  if (MEASURES[measure].direction === 'ceiling') return { measure, target, actual, share: null, status: actual < target ? 'met' : 'behind' };
  const share = target > 0 ? Math.min(1, actual / target) : 1;
  const status: TargetStatus = share >= 1 ? 'met' : behindSchedule(share, elapsedShare) ? 'behind' : 'on_track';
  return { measure, target, actual, share, status };
}

/** The figures the portal holds for an area, one per measure it can count (absent: no data). */
export type MeasureActuals = Partial<Record<TargetMeasure, number>>;

export interface AreaTargets {
  code: string;
  name: string;
  nameEn: string;
  level: 'prefecture' | 'county' | 'township';
  year: number;
  /** Share of the year gone when the progress was computed. */
  elapsedShare: number;
  targets: TargetProgress[];
  /** Who wrote the targets: a published plan's source, an import, an edit; the demo's are marked demo. */
  source: string;
  demo: boolean;
}

export interface TargetsAnswer {
  year: number;
  /** Years any target of the area or its units is set for, newest first. */
  years: number[];
  area: AreaTargets;
  /** The area's townships (a county) or counties (a prefecture) that have targets for the year. */
  units: AreaTargets[];
}

export const behindCount = (area: Pick<AreaTargets, 'targets'>): number => area.targets.filter((t) => t.status === 'behind').length;

// ---- the targets workbook (template, import preview) ----

/** Headers of the targets workbook before the measures' columns (the measures use MEASURE_TEXT's zh). */
export const TARGET_SHEET_KEYS = { area: '区域代码', name: '区域名称', year: '年度' } as const;

export interface TargetImportChange {
  /** Spreadsheet row as Excel shows it. */
  row: number;
  area: string;
  areaName: string;
  year: number;
  measure: TargetMeasure;
  old: number | null;
  new: number;
}

export interface TargetImportPreview extends ImportPreviewBase {
  sheet: string;
  changes: TargetImportChange[];
}
