// Month-end progress reports (项目进度逐月通报) leading each demo project to its present figures,
// so the monthly bulletin and the progress charts have a past to show. Derived from the project's
// own dates and figures: no randomness, so the dataset stays reproducible.
import type { DatasetProgressReport, DatasetProject } from '../../common/dataset';
import { DEMO_AS_OF_YEAR, addMonths, isoDate, monthsBetween, type CalendarMonth } from './timeline';

const AS_OF: CalendarMonth = { year: DEMO_AS_OF_YEAR, month: 12 };
const MONTHS_TO_ACCEPTANCE = 6;

const monthOf = (date: string): CalendarMonth => ({ year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)) });
const lastDay = ({ year, month }: CalendarMonth) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const round2 = (n: number) => Math.round(n * 100) / 100;

export function progressReports(project: DatasetProject): DatasetProgressReport[] {
  if (project.status === 'planned') return [];
  const start = monthOf(project.plannedStart);
  // Finished works reach 100% in their planned end month; open ones are where they are now.
  const finished = project.progressPct === 100;
  const reachMonth = finished ? monthOf(project.plannedEnd) : AS_OF;
  const span = Math.max(1, monthsBetween(start, reachMonth) + 1);
  const lastMonth = project.status === 'accepted' ? addMonths(reachMonth, MONTHS_TO_ACCEPTANCE) : reachMonth;
  const reports: DatasetProgressReport[] = [];
  for (let i = 0; monthsBetween(addMonths(start, i), lastMonth) >= 0 && monthsBetween(addMonths(start, i), AS_OF) >= 0; i++) {
    const month = addMonths(start, i);
    const share = Math.min(1, (i + 1) / span);
    const progressPct = round2(project.progressPct * share);
    const status = progressPct < 100 ? 'under_construction' : i >= span - 1 + MONTHS_TO_ACCEPTANCE && project.status === 'accepted' ? 'accepted' : 'completed';
    reports.push({
      recordedOn: isoDate(month, lastDay(month)),
      progressPct,
      doneKm: project.plannedKm === null ? null : round2((project.plannedKm * progressPct) / 100),
      spent: Math.round((project.spent * share) / 100) * 100,
      status,
    });
  }
  return reports;
}
