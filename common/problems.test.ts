import { describe, expect, it } from 'vitest';
import { deadlineViolations, fixedLate } from './problems';

describe('problem deadlines', () => {
  it('refuses a deadline already past when the problem is logged, accepts today and later', () => {
    expect(deadlineViolations('2026-11-26', '2026-11-26')).toEqual([]);
    expect(deadlineViolations('2027-01-31', '2026-11-26')).toEqual([]);
    expect(deadlineViolations('2019-01-31', '2026-11-26')).toEqual([
      { field: 'deadline', message: '整改期限 2019-01-31 已过（今天是 2026-11-26）', messageEn: 'The deadline 2019-01-31 is already past (today is 2026-11-26)' },
    ]);
  });

  it('calls a fix late by the China date it was reported on', () => {
    expect(fixedLate('2026-11-26', null)).toBe(false);
    // 23:30 on the deadline in China is 15:30 UTC: in time.
    expect(fixedLate('2026-11-26', '2026-11-26T15:30:00Z')).toBe(false);
    // 00:30 the next day in China is still the deadline's date in UTC: late.
    expect(fixedLate('2026-11-26', '2026-11-26T16:30:00Z')).toBe(true);
  });
});
