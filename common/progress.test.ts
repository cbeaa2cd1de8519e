import { describe, expect, it } from 'vitest';
import { backwardsViolations, initialProgressPct, progressAfter, progressReportViolations, reportDateViolations, round2 } from './progress';

const road = { plannedKm: 3, doneKm: 0, progressPct: 0, spent: 1000, status: 'under_construction' as const };
const stop = { plannedKm: null, doneKm: null, progressPct: 40, spent: 0, status: 'under_construction' as const };

describe('progressAfter', () => {
  it('derives the percentage from km done on a road with a length, rounded to two places', () => {
    expect(progressAfter(road, { doneKm: 1, status: 'under_construction' })).toEqual({ doneKm: 1, progressPct: 33.33, spent: 1000, status: 'under_construction' });
    expect(progressAfter(road, { doneKm: 2, status: 'under_construction' }).progressPct).toBe(66.67);
  });

  it('caps the derived percentage at 100 when km done passes the plan', () => {
    expect(progressAfter(road, { doneKm: 3.2, status: 'completed' }).progressPct).toBe(100);
  });

  it('keeps a percentage given beside km done', () => {
    expect(progressAfter(road, { doneKm: 1, progressPct: 50, status: 'under_construction' }).progressPct).toBe(50);
  });

  it('derives km done from the percentage when only that is given', () => {
    expect(progressAfter(road, { progressPct: 50, status: 'under_construction' })).toMatchObject({ doneKm: 1.5, progressPct: 50 });
    expect(progressAfter({ ...road, plannedKm: 0.7 }, { progressPct: 33, status: 'under_construction' }).doneKm).toBe(0.23);
  });

  it('has no km on a point project, even when km done is reported', () => {
    expect(progressAfter(stop, { doneKm: 1, status: 'under_construction' })).toEqual({ doneKm: null, progressPct: 40, spent: 0, status: 'under_construction' });
    expect(progressAfter({ ...stop, plannedKm: 0 }, { doneKm: 1, status: 'under_construction' }).doneKm).toBe(0);
  });

  it('keeps the spending on record unless the report gives a new figure, zero included', () => {
    expect(progressAfter(road, { progressPct: 10, status: 'under_construction' }).spent).toBe(1000);
    expect(progressAfter(road, { progressPct: 10, spent: 0, status: 'under_construction' }).spent).toBe(0);
  });
});

describe('initialProgressPct', () => {
  it('starts a new project at 0%, or at 100% when it is entered completed or accepted', () => {
    expect(initialProgressPct('planned')).toBe(0);
    expect(initialProgressPct('under_construction')).toBe(0);
    expect(initialProgressPct('completed')).toBe(100);
    expect(initialProgressPct('accepted')).toBe(100);
  });
});

describe('round2', () => {
  it('rounds to two decimal places, halves up', () => {
    expect(round2(2.345)).toBe(2.35);
    expect(round2(0.004)).toBe(0);
  });
});

describe('progress plausibility', () => {
  const now = { plannedKm: 10, doneKm: 6.3, progressPct: 63, spent: 1_000_000, status: 'under_construction' as const };

  it('refuses progress going back (63 → 18 %) without a reason, and says from what to what', () => {
    const next = progressAfter(now, { progressPct: 18, status: 'under_construction' });
    const violations = backwardsViolations(now, next, undefined);
    expect(violations.map((v) => v.field)).toEqual(['reason', 'reason']);
    expect(violations[0].message).toBe('进度从 63% 退回到 18%，须填写原因');
    expect(violations[0].messageEn).toBe('progress goes back from 63% to 18%: give a reason');
    expect(violations[1].message).toBe('完成里程从 6.3 km 退回到 1.8 km，须填写原因');
  });

  it('refuses spending going back without a reason, in 万元', () => {
    const [violation] = backwardsViolations(now, { ...now, spent: 500_000 }, '');
    expect(violation.message).toBe('已支出资金从 100 万元 退回到 50 万元，须填写原因');
  });

  it('accepts going back with a reason, standing still, and going forward', () => {
    const back = progressAfter(now, { progressPct: 18, status: 'under_construction' });
    expect(backwardsViolations(now, back, '复核测量：前次误报')).toEqual([]);
    expect(backwardsViolations(now, back, '   ')).toHaveLength(2);
    expect(backwardsViolations(now, now, undefined)).toEqual([]);
    expect(backwardsViolations(now, progressAfter(now, { progressPct: 70, status: 'under_construction' }), undefined)).toEqual([]);
  });

  it('takes km done as the measure of a road: the same km with its percentage rounded lower is not going back', () => {
    const measured = { plannedKm: 3, doneKm: 1, progressPct: 33.34, spent: 0, status: 'under_construction' as const };
    const same = progressAfter(measured, { doneKm: 1, status: 'under_construction' });
    expect(same.progressPct).toBe(33.33);
    expect(backwardsViolations(measured, same, undefined)).toEqual([]);
    const stop = { plannedKm: null, doneKm: null, progressPct: 40, spent: 0, status: 'under_construction' as const };
    expect(backwardsViolations(stop, { ...stop, progressPct: 39.99 }, undefined).map((v) => v.message)).toEqual(['进度从 40% 退回到 39.99%，须填写原因']);
  });

  it('refuses a report dated after today (China date), accepts today', () => {
    expect(reportDateViolations('2026-11-26', '2026-11-26')).toEqual([]);
    const [violation] = reportDateViolations('2031-06-30', '2026-11-26');
    expect(violation).toEqual({ field: 'recordedOn', message: '填报日期 2031-06-30 晚于今天（2026-11-26）', messageEn: 'The report date 2031-06-30 is after today (2026-11-26)' });
  });

  it('gathers both rules for one report', () => {
    const next = progressAfter(now, { progressPct: 18, status: 'under_construction' });
    expect(progressReportViolations(now, next, { recordedOn: '2031-01-01' }, '2026-11-26').map((v) => v.field)).toEqual(['recordedOn', 'reason', 'reason']);
    expect(progressReportViolations(now, next, { recordedOn: '2026-11-01', reason: '更正' }, '2026-11-26')).toEqual([]);
  });
});
