// Consistency rules over a whole record (after a partial update is merged into the stored one).
// Each returns the violations it finds; an empty list means the record may be saved.
import { KM_PCT_TOLERANCE, kmMatchesPct, wan } from './progress';
import { ROAD_SUBTYPES, WATER_SUBTYPES, type Project, type RelocationSite, type Village } from './domain';

const pctInRange = (pct: number) => pct >= 0 && pct <= 100;

export interface Violation {
  field: string;
  message: string;
  messageEn: string;
}

const check = (ok: boolean, field: string, message: string, messageEn: string): Violation[] =>
  ok ? [] : [{ field, message, messageEn }];

type SiteFigures = Pick<
  RelocationSite,
  'plannedHouseholds' | 'plannedPersons' | 'movedHouseholds' | 'movedPersons' | 'completedHouseholds' | 'stableHouseholds' | 'demolishedHouseholds'
>;

export function siteViolations(s: SiteFigures): Violation[] {
  return [
    ...check(s.movedHouseholds <= s.plannedHouseholds, 'movedHouseholds', '入住户数不能超过计划户数', 'moved-in households cannot exceed planned households'),
    ...check(s.movedPersons <= s.plannedPersons, 'movedPersons', '入住人数不能超过计划人数', 'moved-in persons cannot exceed planned persons'),
    ...check(s.plannedPersons >= s.plannedHouseholds, 'plannedPersons', '计划人数不能少于计划户数', 'planned persons cannot be fewer than planned households'),
    ...check(s.movedPersons >= s.movedHouseholds, 'movedPersons', '入住人数不能少于入住户数', 'moved-in persons cannot be fewer than moved-in households'),
    ...check(s.completedHouseholds <= s.plannedHouseholds, 'completedHouseholds', '竣工户数不能超过计划户数', 'completed units cannot exceed planned households'),
    ...check(s.stableHouseholds <= s.movedHouseholds, 'stableHouseholds', '稳定脱贫户数不能超过入住户数', 'stably exited households cannot exceed moved-in households'),
    ...check(s.demolishedHouseholds <= s.movedHouseholds, 'demolishedHouseholds', '拆除复垦户数不能超过入住户数', 'demolished old houses cannot exceed moved-in households'),
    ...check(s.movedHouseholds <= s.completedHouseholds, 'movedHouseholds', '入住户数不能超过竣工户数', 'moved-in households cannot exceed completed houses'),
  ];
}

/** Counts that follow moved-in households: when it changes, the editor must state them again (even if unchanged). */
export const FOLLOW_MOVED_IN = ['stableHouseholds', 'demolishedHouseholds'] as const;

/** A change in moved-in households without a fresh word on the stable and demolished counts is a figure left behind. */
export function siteChangeViolations(current: Pick<SiteFigures, 'movedHouseholds'>, patch: Partial<SiteFigures>): Violation[] {
  if (patch.movedHouseholds === undefined || patch.movedHouseholds === current.movedHouseholds) return [];
  return FOLLOW_MOVED_IN.flatMap((field) =>
    check(
      patch[field] !== undefined,
      field,
      '入住户数有变化，请同时确认稳定脱贫户数和拆除复垦户数',
      'moved-in households changed: confirm the stably exited and demolished counts too',
    ),
  );
}

type VillageFigures = Pick<
  Village,
  'villageClass' | 'ruralPopulation' | 'poorHouseholds' | 'poorPersons' | 'plannedExitYear' | 'actualExitYear'
>;

export function villageViolations(v: VillageFigures): Violation[] {
  const poor = v.villageClass !== 'non_poor';
  return [
    // A population of 0 is one not yet reported: a production portal's villages before the figures that carry it.
    ...check(v.ruralPopulation === 0 || v.poorPersons <= v.ruralPopulation, 'poorPersons', '贫困人口不能超过农村人口', 'poor persons cannot exceed the rural population'),
    ...check(v.poorHouseholds <= v.poorPersons, 'poorHouseholds', '贫困户数不能超过贫困人口', 'poor households cannot exceed poor persons'),
    ...check(poor || v.actualExitYear === null, 'actualExitYear', '非贫困村没有退出年份', 'a non-poor village has no exit year'),
    ...check(poor || v.plannedExitYear === null, 'plannedExitYear', '非贫困村没有计划退出年份', 'a non-poor village has no planned exit year'),
  ];
}

type ProjectFigures = Pick<Project, 'kind' | 'subtype' | 'geometry' | 'plannedStart' | 'plannedEnd' | 'plannedKm' | 'doneKm' | 'progressPct' | 'status' | 'budget' | 'spent'>;

export function expectedGeometryType(p: Pick<Project, 'kind' | 'subtype'>): 'Point' | 'LineString' {
  return p.kind === 'water' || p.subtype === 'bus_stop' ? 'Point' : 'LineString';
}

export function projectViolations(p: ProjectFigures): Violation[] {
  const subtypes: readonly string[] = p.kind === 'road' ? ROAD_SUBTYPES : WATER_SUBTYPES;
  const geometryType = expectedGeometryType(p);
  return [
    ...check(subtypes.includes(p.subtype), 'subtype', `项目类型 ${p.subtype} 不属于 ${p.kind}`, `subtype ${p.subtype} does not belong to ${p.kind}`),
    ...check(p.geometry.type === geometryType, 'geometry', `该类项目的几何须为 ${geometryType}`, `this kind of project needs a ${geometryType} geometry`),
    ...check(p.plannedEnd >= p.plannedStart, 'plannedEnd', '计划完工日期不能早于开工日期', 'planned end cannot be before planned start'),
    ...check(p.doneKm === null || p.plannedKm === null || p.doneKm <= p.plannedKm + 1e-9, 'doneKm', '完成里程不能超过计划里程', 'km done cannot exceed planned km'),
    // A percentage out of range is its own fault; comparing km with it would only add noise.
    ...check(
      !pctInRange(p.progressPct) || kmMatchesPct(p.plannedKm, p.doneKm, p.progressPct),
      'doneKm',
      `完成里程与进度百分比不符（相差不能超过${KM_PCT_TOLERANCE.pct}个百分点）`,
      `km done and progress % disagree (by more than ${KM_PCT_TOLERANCE.pct} percentage points)`,
    ),
    ...check(pctInRange(p.progressPct), 'progressPct', '进度须在0到100%之间', 'progress must be between 0 and 100%'),
    ...check(!['completed', 'accepted'].includes(p.status) || p.progressPct === 100, 'status', '竣工或验收的项目进度须为100%', 'a completed or accepted project must be at 100%'),
    ...check(p.status !== 'planned' || p.progressPct === 0, 'status', '未开工项目进度须为0', 'a planned project must be at 0%'),
    ...check(
      p.spent <= p.budget,
      'spent',
      `已支出资金（${wan(p.spent)}）超过预算（${wan(p.budget)}）：支出不能超过预算，预算也不能低于已支出`,
      `spending (${wan(p.spent)}) exceeds the budget (${wan(p.budget)}): spending cannot exceed the budget, nor the budget fall below spending`,
    ),
    ...check(p.status !== 'under_construction' || p.progressPct < 100, 'status', '进度已达100%，请将状态设为竣工', 'progress is 100%: set the status to completed'),
  ];
}
