import { describe, expect, it } from 'vitest';
import { areaPrefix, behindSchedule, elapsedShareOfYear, SCHEDULE_TOLERANCE, targetProgress, targetSetBody, targetValueProblem } from './targets';

/** A moment given in China Standard Time. */
const cst = (iso: string) => new Date(`${iso}+08:00`);

describe('share of the year gone', () => {
  it('runs from 0 at the first moment of the year to 1 at its end, in China time', () => {
    expect(elapsedShareOfYear(2018, cst('2018-01-01T00:00:00'))).toBe(0);
    expect(elapsedShareOfYear(2018, cst('2019-01-01T00:00:00'))).toBe(1);
    // 181 of 365 days: 1 July 2018.
    expect(elapsedShareOfYear(2018, cst('2018-07-01T00:00:00'))).toBeCloseTo(181 / 365, 10);
    // 30 December 23:00 in Beijing is still 2018 there, though 15:00 UTC.
    expect(elapsedShareOfYear(2018, cst('2018-12-31T23:00:00'))).toBeGreaterThan(0.99);
  });

  it('is 0 before the year and 1 after it', () => {
    expect(elapsedShareOfYear(2020, cst('2018-06-01T00:00:00'))).toBe(0);
    expect(elapsedShareOfYear(2016, cst('2026-11-26T00:00:00'))).toBe(1);
  });

  it('counts a leap year in 366 days', () => {
    expect(elapsedShareOfYear(2020, cst('2020-03-01T00:00:00'))).toBeCloseTo(60 / 366, 10);
  });
});

describe('behind schedule (时序进度)', () => {
  it('flags progress below the share of the year gone less the tolerance, and nothing within it', () => {
    expect(SCHEDULE_TOLERANCE).toBe(0.05);
    expect(behindSchedule(0.44, 0.5)).toBe(true);
    expect(behindSchedule(0.45, 0.5)).toBe(false);
    expect(behindSchedule(0.5, 0.5)).toBe(false);
    expect(behindSchedule(0.9, 1)).toBe(true);
    expect(behindSchedule(0.96, 1)).toBe(false);
    expect(behindSchedule(0, 0)).toBe(false);
  });
});

describe('target progress', () => {
  it('is met at the target, behind when trailing the calendar, else on track', () => {
    expect(targetProgress('road_upgrade_km', 344, 344, 0.2)).toMatchObject({ share: 1, status: 'met' });
    expect(targetProgress('road_upgrade_km', 344, 400, 1)).toMatchObject({ share: 1, status: 'met' });
    expect(targetProgress('road_upgrade_km', 344, 172, 0.5)).toMatchObject({ share: 0.5, status: 'on_track' });
    expect(targetProgress('road_upgrade_km', 344, 100, 0.5)).toMatchObject({ status: 'behind' });
    expect(targetProgress('villages_exited', 12, 10, 1)).toMatchObject({ status: 'behind' });
  });

  it('judges a ceiling as it stands: below it is met, at or above it behind', () => {
    expect(targetProgress('poverty_incidence', 0.04, 0.039, 0.1)).toMatchObject({ share: null, status: 'met' });
    expect(targetProgress('poverty_incidence', 0.04, 0.04, 0.1)).toMatchObject({ status: 'behind' });
  });

  it('has no status but no_data where the portal holds no figure', () => {
    expect(targetProgress('base_stations', 630, null, 1)).toEqual({ measure: 'base_stations', target: 630, actual: null, share: null, status: 'no_data' });
  });

  it('counts a target of 0 as met', () => {
    expect(targetProgress('bridges_rebuilt', 0, 0, 1)).toMatchObject({ share: 1, status: 'met' });
  });
});

describe('target values', () => {
  it('refuses negative values, shares above 100 % and fractional counts', () => {
    expect(targetValueProblem('road_upgrade_km', 344.5)).toBeNull();
    expect(targetValueProblem('bus_coverage', 0.95)).toBeNull();
    expect(targetValueProblem('bus_coverage', 95)).not.toBeNull();
    expect(targetValueProblem('bridges_rebuilt', 2.5)).not.toBeNull();
    expect(targetValueProblem('persons_lifted', -1)).not.toBeNull();
    expect(targetValueProblem('persons_lifted', Number.NaN)).not.toBeNull();
  });

  it('takes each measure once in a set', () => {
    expect(targetSetBody.safeParse({ targets: [{ measure: 'bus_stops', value: 50 }] }).success).toBe(true);
    expect(targetSetBody.safeParse({ targets: [{ measure: 'bus_stops', value: 50 }, { measure: 'bus_stops', value: 5 }] }).success).toBe(false);
    expect(targetSetBody.safeParse({ targets: [{ measure: 'towers', value: 5 }] }).success).toBe(false);
  });
});

describe('area prefix', () => {
  it('is the code for a county or township, 4 digits for a prefecture, 2 for a province', () => {
    expect(areaPrefix('411702')).toBe('411702');
    expect(areaPrefix('411702001')).toBe('411702001');
    expect(areaPrefix('433100')).toBe('4331');
    expect(areaPrefix('430000')).toBe('43');
  });
});
