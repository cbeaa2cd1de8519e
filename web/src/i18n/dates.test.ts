import { describe, expect, it } from 'vitest';
import { addMonths, dayLabel, formatDay, formatMonth, monthGrid, monthNames, parseDay, parseMonth, weekdayNames } from './dates';

describe('dates in the UI language', () => {
  it('writes a day and a month the way each language does', () => {
    expect(formatDay('2026-03-05', 'zh-CN')).toBe('2026年3月5日');
    expect(formatDay('2026-03-05', 'en')).toBe('5 Mar 2026');
    expect(formatMonth('2026-03', 'zh-CN')).toBe('2026年3月');
    expect(formatMonth('2026-03', 'en')).toBe('March 2026');
    expect(formatDay('', 'en')).toBe('');
    expect(dayLabel('2026-03-05', 'en')).toBe('Thursday, 5 March 2026');
  });

  it('reads back what either language writes, and ISO digits', () => {
    for (const text of ['2026-03-05', '2026/3/5', '2026年3月5日', '5 Mar 2026', '5 March 2026', 'Mar 5, 2026', formatDay('2026-03-05', 'en')]) {
      expect(parseDay(text), text).toBe('2026-03-05');
    }
    expect(parseDay('2026-02-30')).toBeNull();
    expect(parseDay('5 Foo 2026')).toBeNull();
    expect(parseDay('2026-03')).toBeNull();
    for (const text of ['2026-03', '2026年3月', 'March 2026', 'Mar 2026']) expect(parseMonth(text), text).toBe('2026-03');
    expect(parseMonth('2026-13')).toBeNull();
  });

  it('lays out six weeks from the Monday on or before the 1st', () => {
    const grid = monthGrid('2026-03-17');
    expect(grid).toHaveLength(42);
    expect(grid[0]).toBe('2026-02-23'); // 1 March 2026 is a Sunday
    expect(grid[6]).toBe('2026-03-01');
    expect(weekdayNames('en')).toEqual(['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su']);
    expect(weekdayNames('zh-CN')[0]).toBe('一');
    expect(monthNames('en')[0]).toBe('Jan');
  });

  it('keeps the day when moving by months, or the last day of a shorter month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-03-15', -3)).toBe('2025-12-15');
  });
});
