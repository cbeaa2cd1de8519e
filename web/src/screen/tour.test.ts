import { describe, expect, it } from 'vitest';
import type { UnitRankRow } from '../../../common/api';
import { tourUnits } from './tour';

const row = (code: string, poorVillages: number, projectProgress: number | null): UnitRankRow => ({
  code, name: code, nameEn: code, poorVillages, exitedVillages: 0, exitProgress: null, projectProgress, fundsProgress: null, infraCompletion: null, rank: 1,
});

describe('tour stops', () => {
  it("tours a county's townships in their order, those in the ranking only (the ranking leaves out townships with nothing to show)", () => {
    const townships = [{ code: '140721100' }, { code: '140721101' }, { code: '140721102' }];
    expect(tourUnits('county', townships, [row('140721102', 2, null), row('140721100', 1, 0.5)])).toEqual(['140721100', '140721102']);
  });
  it("tours a prefecture's counties in code order, leaving out those with nothing to show", () => {
    const ranking = [row('433130', 3, null), row('433101', 0, 0.5), row('433122', 0, null)];
    expect(tourUnits('prefecture', [], ranking)).toEqual(['433101', '433130']);
  });
});
