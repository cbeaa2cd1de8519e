// What a dated progress report does to a project, shared so the web form previews (and checks
// against common/rules.ts) exactly the figures the server will store.
import type { Project, ProjectStatus } from './domain';
import type { Violation } from './rules';
import type { ProgressRecord } from './schemas';

export const round2 = (n: number) => Math.round(n * 100) / 100;

type Reported = Pick<ProgressRecord, 'progressPct' | 'doneKm' | 'spent' | 'status'>;
type Figures = Pick<Project, 'doneKm' | 'progressPct' | 'spent' | 'status'>;

/** Km done drives the percentage of a road with a length; otherwise the percentage drives km done. */
export function progressAfter(current: Figures & Pick<Project, 'plannedKm'>, report: Reported): Figures {
  const next = { status: report.status, spent: report.spent ?? current.spent };
  if (report.doneKm !== undefined && current.plannedKm) {
    const progressPct = report.progressPct ?? round2(Math.min(100, (report.doneKm / current.plannedKm) * 100));
    return { ...next, doneKm: report.doneKm, progressPct };
  }
  const progressPct = report.progressPct ?? current.progressPct;
  return { ...next, progressPct, doneKm: current.plannedKm === null ? null : round2((current.plannedKm * progressPct) / 100) };
}

/** How far km done and the percentage of a road may disagree: rounding, not a different figure. */
export const KM_PCT_TOLERANCE = { pct: 2, km: 0.01 };

/** Whether a road's km done and its percentage tell the same story (within KM_PCT_TOLERANCE). */
export function kmMatchesPct(plannedKm: number | null, doneKm: number | null, progressPct: number): boolean {
  if (!plannedKm || doneKm === null) return true;
  const expectedKm = (plannedKm * progressPct) / 100;
  return Math.abs(doneKm - expectedKm) <= KM_PCT_TOLERANCE.km || Math.abs((doneKm / plannedKm) * 100 - progressPct) <= KM_PCT_TOLERANCE.pct;
}

/** A new project starts at 0%, or at 100% when it is entered as already completed or accepted. */
export const initialProgressPct = (status: ProjectStatus): number => (status === 'completed' || status === 'accepted' ? 100 : 0);

/** A report dated after today (China date) describes work that has not happened yet. */
export function reportDateViolations(recordedOn: string, today: string): Violation[] {
  return recordedOn <= today
    ? []
    : [{ field: 'recordedOn', message: `填报日期 ${recordedOn} 晚于今天（${today}）`, messageEn: `The report date ${recordedOn} is after today (${today})` }];
}

/** Money in 万元 (10,000 yuan), as the forms and reports show it. */
export const wan = (yuan: number) => `${round2(yuan / 10_000)} 万元`;

const BACKWARDS = [
  { key: 'progressPct', zh: '进度', en: 'progress', show: (n: number) => `${n}%` },
  { key: 'doneKm', zh: '完成里程', en: 'km done', show: (n: number) => `${n} km` },
  { key: 'spent', zh: '已支出资金', en: 'spending', show: wan },
] as const;

/**
 * Progress, km done and spending only grow; a report that sets one back must say why (a correction,
 * a re-measurement). On a road with a length, km done is the measure: its percentage is derived and
 * rounded, so a report of the same km may land a hundredth of a point lower without going back.
 */
export function backwardsViolations(current: Figures, next: Figures, reason: string | undefined): Violation[] {
  if (reason?.trim()) return [];
  const fell = (key: (typeof BACKWARDS)[number]['key']) => {
    const before = current[key];
    const after = next[key];
    return before !== null && after !== null && after < before - 1e-9;
  };
  const measuredBack = current.doneKm !== null && next.doneKm !== null ? fell('doneKm') : fell('progressPct');
  const back = { progressPct: measuredBack, doneKm: measuredBack, spent: fell('spent') };
  return BACKWARDS.filter(({ key }) => back[key] && fell(key)).map(({ key, zh, en, show }) => ({
    field: 'reason',
    message: `${zh}从 ${show(current[key]!)} 退回到 ${show(next[key]!)}，须填写原因`,
    messageEn: `${en} goes back from ${show(current[key]!)} to ${show(next[key]!)}: give a reason`,
  }));
}

/** Every plausibility rule a progress report answers to, beyond the project's own consistency. */
export function progressReportViolations(current: Figures, next: Figures, report: Pick<ProgressRecord, 'recordedOn' | 'reason'>, today: string): Violation[] {
  return [...reportDateViolations(report.recordedOn, today), ...backwardsViolations(current, next, report.reason)];
}
