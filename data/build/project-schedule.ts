// Dates, status, progress and spending of a demo project, kept consistent with each other and
// with the moment the demo describes (end of DEMO_AS_OF_YEAR).
import type { ProjectStatus } from '../../common/domain';
import type { Random } from './random';
import { DEMO_AS_OF_YEAR, addMonths, isoDate, monthsBetween, type CalendarMonth } from './timeline';

export interface ProjectSchedule {
  plannedStart: string;
  plannedEnd: string;
  status: ProjectStatus;
  /** Integer percentage, 0..100. */
  progressPct: number;
}

const AS_OF: CalendarMonth = { year: DEMO_AS_OF_YEAR, month: 12 };
const START_YEARS = [2016, 2017, 2018, 2019, 2020];
const START_YEAR_WEIGHTS = [0.2, 0.25, 0.25, 0.2, 0.1];
/** Works start in the building season, after the thaw and before the frost. */
const START_MONTHS = { min: 3, max: 9 };
const DURATION_MONTHS = { min: 4, max: 14 };
/** Acceptance (验收) follows completion after some months of defects liability. */
const MONTHS_TO_ACCEPTANCE = 6;

export function drawSchedule(random: Random): ProjectSchedule {
  const start: CalendarMonth = {
    year: random.pickWeighted(START_YEARS, START_YEAR_WEIGHTS),
    month: random.int(START_MONTHS.min, START_MONTHS.max),
  };
  const duration = random.int(DURATION_MONTHS.min, DURATION_MONTHS.max);
  const end = addMonths(start, duration);
  const elapsed = monthsBetween(start, AS_OF);
  const overdue = monthsBetween(end, AS_OF);

  let status: ProjectStatus;
  let progressPct: number;
  if (elapsed <= 0) [status, progressPct] = ['planned', 0];
  else if (overdue >= MONTHS_TO_ACCEPTANCE && random.chance(0.85)) [status, progressPct] = ['accepted', 100];
  else if (overdue >= 0 && random.chance(0.75)) [status, progressPct] = ['completed', 100];
  else {
    // On schedule or somewhat behind it; a late project is nearly done but not finished.
    const onSchedule = Math.min(1, elapsed / duration);
    status = 'under_construction';
    progressPct = Math.max(1, Math.min(99, Math.round(100 * onSchedule * random.float(0.7, 1))));
  }
  return {
    plannedStart: isoDate(start, random.int(1, 28)),
    plannedEnd: isoDate(end, random.int(1, 28)),
    status,
    progressPct,
  };
}

/** Funds paid out so far: nothing before works start, roughly in step with progress, retention held until acceptance. */
export function drawSpent(budget: number, schedule: ProjectSchedule, random: Random): number {
  const share =
    schedule.status === 'planned' ? 0
    : schedule.status === 'accepted' ? random.float(0.97, 1)
    : schedule.status === 'completed' ? random.float(0.85, 0.97)
    : Math.min(1, (schedule.progressPct / 100) * random.float(0.8, 1.1));
  return Math.round((budget * share) / 100) * 100;
}

/** Budgets are approved in thousands of yuan. */
export const roundBudget = (yuan: number): number => Math.round(yuan / 1000) * 1000;
