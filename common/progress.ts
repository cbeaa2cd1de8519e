// What a dated progress report does to a project, shared so the web form previews (and checks
// against common/rules.ts) exactly the figures the server will store.
import type { Project, ProjectStatus } from './domain';
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

/** A new project starts at 0%, or at 100% when it is entered as already completed or accepted. */
export const initialProgressPct = (status: ProjectStatus): number => (status === 'completed' || status === 'accepted' ? 100 : 0);
