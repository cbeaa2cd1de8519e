import { describe, expect, it } from 'vitest';
import type { Project } from './domain';
import { expectedGeometryType, projectViolations, siteChangeViolations, siteViolations, villageViolations } from './rules';

const fields = (violations: { field: string }[]) => violations.map((v) => v.field);

describe('site rules', () => {
  const site = { plannedHouseholds: 10, plannedPersons: 30, movedHouseholds: 10, movedPersons: 30, completedHouseholds: 10, stableHouseholds: 10, demolishedHouseholds: 10 };

  it('accepts figures at their limits', () => {
    expect(siteViolations(site)).toEqual([]);
    expect(siteViolations({ ...site, plannedPersons: 10, movedPersons: 10 })).toEqual([]);
    expect(siteViolations({ plannedHouseholds: 0, plannedPersons: 0, movedHouseholds: 0, movedPersons: 0, completedHouseholds: 0, stableHouseholds: 0, demolishedHouseholds: 0 })).toEqual([]);
  });

  it('rejects moving in more than planned, and fewer persons than households', () => {
    // Moving in more than planned is also moving in more than could be completed.
    expect(fields(siteViolations({ ...site, movedHouseholds: 11, stableHouseholds: 0, demolishedHouseholds: 0 }))).toEqual(['movedHouseholds', 'movedHouseholds']);
    expect(fields(siteViolations({ ...site, movedPersons: 9 }))).toEqual(['movedPersons']);
    expect(fields(siteViolations({ ...site, plannedPersons: 9, movedPersons: 9 }))).toEqual(['plannedPersons', 'movedPersons']);
  });

  it('counts stable exits and demolitions against those moved in, completed units against the plan', () => {
    expect(fields(siteViolations({ ...site, movedHouseholds: 5, movedPersons: 15 }))).toEqual(['stableHouseholds', 'demolishedHouseholds']);
    expect(fields(siteViolations({ ...site, completedHouseholds: 11 }))).toEqual(['completedHouseholds']);
  });

  it('rejects more households moved in than houses completed', () => {
    const [violation] = siteViolations({ ...site, completedHouseholds: 9 });
    expect(violation).toEqual({ field: 'movedHouseholds', message: '入住户数不能超过竣工户数', messageEn: 'moved-in households cannot exceed completed houses' });
    expect(siteViolations({ ...site, completedHouseholds: 9, movedHouseholds: 9, movedPersons: 27, stableHouseholds: 9, demolishedHouseholds: 9 })).toEqual([]);
  });

  it('asks for the stable and demolished counts again when moved-in households change', () => {
    expect(fields(siteChangeViolations(site, { movedHouseholds: 9 }))).toEqual(['stableHouseholds', 'demolishedHouseholds']);
    expect(fields(siteChangeViolations(site, { movedHouseholds: 9, stableHouseholds: 9 }))).toEqual(['demolishedHouseholds']);
    expect(siteChangeViolations(site, { movedHouseholds: 9, stableHouseholds: 10, demolishedHouseholds: 10 })).toEqual([]);
    expect(siteChangeViolations(site, { movedHouseholds: 10 })).toEqual([]);
    expect(siteChangeViolations(site, { plannedHouseholds: 12 })).toEqual([]);
  });

  it('says each violation in Chinese and English', () => {
    const [violation] = siteViolations({ ...site, completedHouseholds: 11 });
    expect(violation.message).toBe('竣工户数不能超过计划户数');
    expect(violation.messageEn).toBe('completed units cannot exceed planned households');
  });
});

describe('village rules', () => {
  const village = { villageClass: 'poor' as const, ruralPopulation: 100, poorHouseholds: 10, poorPersons: 30, plannedExitYear: 2018, actualExitYear: 2018 };

  it('accepts poor persons equal to the population and households equal to persons', () => {
    expect(villageViolations({ ...village, poorPersons: 100, poorHouseholds: 100 })).toEqual([]);
  });

  it('rejects more poor persons than people, and more poor households than poor persons', () => {
    expect(fields(villageViolations({ ...village, poorPersons: 101 }))).toEqual(['poorPersons']);
    expect(fields(villageViolations({ ...village, poorHouseholds: 31 }))).toEqual(['poorHouseholds']);
  });

  it('takes a population of 0 as not yet reported, so a production portal can import poor persons first', () => {
    expect(villageViolations({ ...village, ruralPopulation: 0, poorPersons: 30 })).toEqual([]);
  });

  it('gives a non-poor village no exit years', () => {
    expect(fields(villageViolations({ ...village, villageClass: 'non_poor' }))).toEqual(['actualExitYear', 'plannedExitYear']);
    expect(villageViolations({ ...village, villageClass: 'non_poor', plannedExitYear: null, actualExitYear: null })).toEqual([]);
  });
});

describe('project rules', () => {
  const road: Parameters<typeof projectViolations>[0] = {
    kind: 'road',
    subtype: 'upgrade',
    geometry: { type: 'LineString', coordinates: [[112.9, 37.0], [113.0, 37.1]] },
    plannedStart: '2019-03-01',
    plannedEnd: '2019-03-01',
    plannedKm: 5,
    doneKm: 5,
    progressPct: 99,
    status: 'under_construction',
    budget: 2_214_000,
    spent: 1_000_000,
  };
  const point: Project['geometry'] = { type: 'Point', coordinates: [112.9, 37.0] };

  it('accepts a road that ends the day it starts, with km done equal to km planned', () => {
    expect(projectViolations(road)).toEqual([]);
  });

  it('tolerates km done beyond the plan only by rounding noise', () => {
    expect(projectViolations({ ...road, doneKm: 5 + 1e-12 })).toEqual([]);
    expect(fields(projectViolations({ ...road, doneKm: 5.01 }))).toEqual(['doneKm']);
  });

  it('needs a point for water projects and bus stops, a line for other roads', () => {
    expect(expectedGeometryType({ kind: 'water', subtype: 'drinking_water' })).toBe('Point');
    expect(expectedGeometryType({ kind: 'road', subtype: 'bus_stop' })).toBe('Point');
    expect(expectedGeometryType({ kind: 'road', subtype: 'bridge' })).toBe('LineString');
    expect(fields(projectViolations({ ...road, geometry: point }))).toEqual(['geometry']);
    expect(fields(projectViolations({ ...road, subtype: 'bus_stop', geometry: point, plannedKm: null, doneKm: null }))).toEqual([]);
  });

  it('rejects a subtype of the other kind and an end before the start', () => {
    expect(fields(projectViolations({ ...road, kind: 'water', geometry: point, plannedKm: null, doneKm: null }))).toEqual(['subtype']);
    expect(fields(projectViolations({ ...road, plannedEnd: '2019-02-28' }))).toEqual(['plannedEnd']);
  });

  it('refuses spending above the budget, and so a budget below what is spent (the issue: 999 万 on 221.4 万)', () => {
    const [violation] = projectViolations({ ...road, spent: 9_990_000 });
    expect(violation.field).toBe('spent');
    expect(violation.message).toBe('已支出资金（999 万元）超过预算（221.4 万元）：支出不能超过预算，预算也不能低于已支出');
    expect(violation.messageEn).toMatch(/^spending \(999 万元\) exceeds the budget \(221.4 万元\)/);
    expect(fields(projectViolations({ ...road, budget: 999_999 }))).toEqual(['spent']);
    expect(projectViolations({ ...road, spent: road.budget })).toEqual([]);
  });

  it('keeps status and progress consistent at 0% and 100%', () => {
    expect(fields(projectViolations({ ...road, progressPct: 100 }))).toEqual(['status']);
    expect(fields(projectViolations({ ...road, status: 'completed' }))).toEqual(['status']);
    expect(projectViolations({ ...road, status: 'accepted', progressPct: 100 })).toEqual([]);
    expect(fields(projectViolations({ ...road, status: 'planned', progressPct: 1, doneKm: 0.05 }))).toEqual(['status']);
    expect(projectViolations({ ...road, status: 'planned', progressPct: 0, doneKm: 0 })).toEqual([]);
    expect(fields(projectViolations({ ...road, progressPct: -1 }))).toEqual(['progressPct']);
    expect(fields(projectViolations({ ...road, status: 'completed', progressPct: 100.5 }))).toEqual(['progressPct', 'status']);
  });
});
