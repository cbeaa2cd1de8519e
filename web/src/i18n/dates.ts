// Dates and months as the UI language writes them, read back from what a user types, and the
// calendar a date picker lays out. Dates travel as ISO text (YYYY-MM-DD, YYYY-MM) and are read as
// UTC days, so no time zone moves a day.
import type { Locale } from './index';

const INTL_LOCALE: Record<Locale, string> = { 'zh-CN': 'zh-CN', en: 'en-GB' };
const EN_MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const pad = (n: number) => String(n).padStart(2, '0');
const utc = (iso: string) => {
  const [y, m, d = 1] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
};
const isoOf = (date: Date) => `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
const format = (locale: Locale, options: Intl.DateTimeFormatOptions) =>
  new Intl.DateTimeFormat(INTL_LOCALE[locale], { timeZone: 'UTC', ...options });

/** 2026年11月26日 / 26 Nov 2026; '' for no date. */
export const formatDay = (iso: string, locale: Locale): string =>
  iso ? format(locale, { year: 'numeric', month: locale === 'en' ? 'short' : 'long', day: 'numeric' }).format(utc(iso)) : '';

/** 2026年11月 / November 2026. */
export const formatMonth = (ym: string, locale: Locale): string =>
  ym ? format(locale, { year: 'numeric', month: 'long' }).format(utc(ym)) : '';

function validDay(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? isoOf(date) : null;
}
const validMonth = (y: number, m: number) => (m >= 1 && m <= 12 && y >= 1000 ? `${y}-${pad(m)}` : null);
const enMonth = (word: string) => {
  const index = EN_MONTHS.indexOf(word.slice(0, 3).toLowerCase());
  return index < 0 ? NaN : index + 1;
};

/** What a user typed, in either language's way or as ISO digits, as YYYY-MM-DD; null if no day. */
export function parseDay(text: string): string | null {
  const s = text.trim();
  let m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s);
  if (m) return validDay(+m[1], +m[2], +m[3]);
  m = /^(\d{1,2})\s+([A-Za-z]{3,})\.?,?\s+(\d{4})$/.exec(s);
  if (m) return validDay(+m[3], enMonth(m[2]), +m[1]);
  m = /^([A-Za-z]{3,})\.?\s+(\d{1,2}),?\s+(\d{4})$/.exec(s);
  if (m) return validDay(+m[3], enMonth(m[1]), +m[2]);
  return null;
}

/** A typed month as YYYY-MM; null if none. */
export function parseMonth(text: string): string | null {
  const s = text.trim();
  let m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$/.exec(s);
  if (m) return validMonth(+m[1], +m[2]);
  m = /^([A-Za-z]{3,})\.?,?\s+(\d{4})$/.exec(s);
  return m ? validMonth(+m[2], enMonth(m[1])) : null;
}

export const addDays = (iso: string, days: number): string => {
  const date = utc(iso);
  date.setUTCDate(date.getUTCDate() + days);
  return isoOf(date);
};

/** The same day `months` later, on the month's last day where it is shorter (31 Jan → 28 Feb). */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return validDay(first.getUTCFullYear(), first.getUTCMonth() + 1, Math.min(d, last))!;
}

/** Six weeks of days from the Monday on or before the 1st of `iso`'s month: the calendar's grid. */
export function monthGrid(iso: string): string[] {
  const first = `${iso.slice(0, 7)}-01`;
  const start = addDays(first, -((utc(first).getUTCDay() + 6) % 7));
  return Array.from({ length: 42 }, (_, i) => addDays(start, i));
}

/** Monday first, as a Chinese calendar runs: 一 二 … / Mo Tu …. */
export function weekdayNames(locale: Locale): string[] {
  const names = format(locale, { weekday: locale === 'en' ? 'short' : 'narrow' });
  // 2024-01-01 was a Monday.
  return Array.from({ length: 7 }, (_, i) => names.format(utc(addDays('2024-01-01', i))).slice(0, locale === 'en' ? 2 : undefined));
}

export const monthNames = (locale: Locale): string[] =>
  Array.from({ length: 12 }, (_, i) => format(locale, { month: 'short' }).format(utc(`2024-${pad(i + 1)}`)));

/** A day spoken in full, for screen readers and tooltips: 2026年11月26日星期四 / Thursday, 26 November 2026. */
export const dayLabel = (iso: string, locale: Locale): string =>
  format(locale, { year: 'numeric', month: 'long', day: 'numeric', weekday: 'long' }).format(utc(iso));
