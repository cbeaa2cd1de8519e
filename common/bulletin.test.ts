import { describe, expect, it } from 'vitest';
import { addMonths, lastDayOf, MONTH_PATTERN } from './bulletin';

describe('bulletin months', () => {
  it('steps across year boundaries both ways', () => {
    expect(addMonths('2020-01', -1)).toBe('2019-12');
    expect(addMonths('2019-12', 1)).toBe('2020-01');
    expect(addMonths('2020-06', 0)).toBe('2020-06');
    expect(addMonths('2020-03', -27)).toBe('2017-12');
  });

  it("finds the month's last day, leap years included", () => {
    expect(lastDayOf('2020-02')).toBe('2020-02-29');
    expect(lastDayOf('2019-02')).toBe('2019-02-28');
    expect(lastDayOf('1900-02')).toBe('1900-02-28');
    expect(lastDayOf('2020-12')).toBe('2020-12-31');
    expect(lastDayOf('2020-04')).toBe('2020-04-30');
  });

  it('accepts only YYYY-MM with a month from 01 to 12', () => {
    expect(MONTH_PATTERN.test('2020-01')).toBe(true);
    expect(MONTH_PATTERN.test('2020-12')).toBe(true);
    expect(MONTH_PATTERN.test('2020-13')).toBe(false);
    expect(MONTH_PATTERN.test('2020-00')).toBe(false);
    expect(MONTH_PATTERN.test('2020-1')).toBe(false);
  });
});
