// The moment the demo data describes. Exit years run 2016-2019 (docs/DOMAIN.md), so the demo shows
// the end of 2019: most poor villages exited, the hardest ones and some projects still open.
export const DEMO_AS_OF_YEAR = 2019;

export interface CalendarMonth {
  year: number;
  /** 1-12 */
  month: number;
}

export const monthsBetween = (from: CalendarMonth, to: CalendarMonth): number =>
  (to.year - from.year) * 12 + (to.month - from.month);

export function addMonths(start: CalendarMonth, months: number): CalendarMonth {
  const index = start.year * 12 + (start.month - 1) + months;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** 'YYYY-MM-DD', built by hand so no Date (and no time zone) is involved. */
export const isoDate = ({ year, month }: CalendarMonth, day: number): string =>
  `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
