import { describe, expect, it } from 'vitest';
import type { SiteView, VillageView } from '../../../common/api';
import type { Project } from '../../../common/domain';
import type { Problem } from '../../../common/problems';
import { filterProblems, filterProjects, filterSites, filterVillages, geometryBbox, NO_FILTERS } from './filters';

const village = (code: string, townshipCode: string, exitStatus: VillageView['exitStatus'], villageClass: VillageView['villageClass']) =>
  ({ code, townshipCode, exitStatus, villageClass }) as VillageView;
const site = (id: number, occupancyRate: number | null) =>
  ({ id, townshipCode: 't1', indicators: { occupancyRate } }) as SiteView;
const project = (id: number, kind: Project['kind'], status: Project['status'], subtype: Project['subtype']) =>
  ({ id, kind, status, subtype, townshipCode: 't1' }) as Project;
const problem = (id: number, status: Problem['status'], overdue: boolean) => ({ id, status, overdue, townshipCode: 't2' }) as Problem;

describe('list filters', () => {
  it('keeps villages of the township, exit status and class asked for; "" means any', () => {
    const rows = [village('a', 't1', 'exited', 'poor'), village('b', 't1', 'poor', 'poor'), village('c', 't2', 'exited', 'deep_poor')];
    expect(filterVillages(rows, NO_FILTERS).map((v) => v.code)).toEqual(['a', 'b', 'c']);
    expect(filterVillages(rows, { ...NO_FILTERS, township: 't1' }).map((v) => v.code)).toEqual(['a', 'b']);
    expect(filterVillages(rows, { ...NO_FILTERS, exitStatus: 'exited', villageClass: 'deep_poor' }).map((v) => v.code)).toEqual(['c']);
  });

  it('keeps projects by kind, type and status', () => {
    const rows = [project(1, 'road', 'planned', 'upgrade'), project(2, 'water', 'completed', 'drinking_water'), project(3, 'road', 'completed', 'bridge')];
    expect(filterProjects(rows, { ...NO_FILTERS, kind: 'road' }).map((p) => p.id)).toEqual([1, 3]);
    expect(filterProjects(rows, { ...NO_FILTERS, projectStatus: 'completed', subtype: 'bridge' }).map((p) => p.id)).toEqual([3]);
  });

  it('keeps sites below the occupancy target, not those without a rate', () => {
    const rows = [site(1, 0.5), site(2, 0.95), site(3, null)];
    expect(filterSites(rows, { ...NO_FILTERS, belowTarget: true }).map((s) => s.id)).toEqual([1]);
    expect(filterSites(rows, NO_FILTERS)).toHaveLength(3);
  });

  it('keeps open, overdue or all problems', () => {
    const rows = [problem(1, 'open', false), problem(2, 'open', true), problem(3, 'closed', false)];
    expect(filterProblems(rows, NO_FILTERS).map((p) => p.id)).toEqual([1, 2]);
    expect(filterProblems(rows, { ...NO_FILTERS, problems: 'overdue' }).map((p) => p.id)).toEqual([2]);
    expect(filterProblems(rows, { ...NO_FILTERS, problems: 'all', township: 't1' })).toEqual([]);
  });

  it('frames a line by its extent and a point by itself', () => {
    expect(geometryBbox({ type: 'LineString', coordinates: [[105, 30], [104.5, 30.4], [105.2, 29.9]] })).toEqual([104.5, 29.9, 105.2, 30.4]);
    expect(geometryBbox({ type: 'Point', coordinates: [105, 30] })).toEqual([105, 30, 105, 30]);
  });
});
