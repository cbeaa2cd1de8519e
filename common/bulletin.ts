// The monthly bulletin (一月一督查一排名一通报): a county's townships, or a prefecture's counties,
// ranked on the figures they had at the end of a month, beside the month before. Shapes shared by
// the server and the bulletin page.
import type { SiteIndicators } from './indicators';

/** The indicators the overall score averages, each a 0..1 rate where more is better. */
export const BULLETIN_INDICATORS = ['exitProgress', 'kmProgress', 'fundsProgress', 'relocationRate'] as const;
export type BulletinIndicator = (typeof BULLETIN_INDICATORS)[number];

export interface BulletinFigures {
  poorVillages: number;
  exitedVillages: number;
  /** Exited / registered poor villages. */
  exitProgress: number | null;
  /** Poor persons / rural population (贫困发生率): lower is better; shown beside the ranking, not scored. */
  povertyIncidence: number | null;
  projects: number;
  /** Projects due to have started that had filed no progress report by the month end. */
  unreportedProjects: number;
  plannedKm: number;
  doneKm: number;
  kmProgress: number | null;
  budget: number;
  spent: number;
  fundsProgress: number | null;
  sites: number;
  relocation: SiteIndicators;
  /** Mean of the four relocation indicators that apply. */
  relocationRate: number | null;
  /** Problems logged and not yet closed (销号) at the month end, and those of them past their deadline unfixed. */
  openProblems: number;
  overdueProblems: number;
  /** Mean of the BULLETIN_INDICATORS that apply; ranks the townships. */
  score: number | null;
}

export interface BulletinRow extends BulletinFigures {
  code: string;
  name: string;
  nameEn: string;
  rank: number;
  previous: BulletinFigures & { rank: number };
}

export interface Bulletin {
  month: string; // YYYY-MM
  previousMonth: string;
  /** Last day of the month: the figures are as of its end (China time). */
  monthEnd: string;
  /** The month in progress: projects without a report this month show their live figures. */
  current: boolean;
  /** What the rows are: a county portal's townships, or a prefecture's counties. */
  level: 'township' | 'county';
  /** The whole area's figures (a county's, or a prefecture's). */
  county: BulletinFigures;
  rows: BulletinRow[];
}

export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

export function addMonths(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number);
  const index = y * 12 + (m - 1) + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** 'YYYY-MM-DD' of the month's last day. */
export function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
}
