import { describe, expect, it } from 'vitest';
import { initialProgressPct, progressAfter, round2 } from './progress';

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
